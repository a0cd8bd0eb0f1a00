"""The JSON API, versioned under ``/v1``: tenders, checks, signed reports, verification, intakes.

Request bodies are read raw and handed to :mod:`.pipeline`, so a bad offer gets exactly the
Dutch problems (JSON pointer + message) that ``compliance check`` prints with exit 4, as a 422.
Responses are JSON built from the stored decision record's bytes; the pydantic models below
describe them in the OpenAPI document.
"""

from __future__ import annotations

import asyncio
import io
import json
import re
import uuid
import zipfile
from pathlib import PurePosixPath
from typing import Annotated, Any

from fastapi import APIRouter, FastAPI, HTTPException, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel, Field
from sqlalchemy import insert, select, update
from starlette.datastructures import UploadFile

from compliance.errors import ComplianceError, InputError
from compliance.models.report import Report, ScoreInfo, Verdict
from compliance.models.submission_v2 import SubmissionV2 as Submission
from compliance.models.tender import Phase
from compliance.models.tender_v2 import TenderV2 as Tender
from compliance.service.auth import ApiPrincipal, LimitedPrincipal, PlatformPrincipal, enforce_rate
from compliance.service.db import checks, intakes, now_iso
from compliance.service.jobs import (
    DONE,
    QUEUED,
    CheckRequest,
    CheckTimedOut,
    RefusedOffer,
    ServiceBusy,
    StoredCheck,
    job_paths,
    new_intake_id,
    perform_check,
    store_outcome,
)
from compliance.service.keys import Principal
from compliance.service.pipeline import OFFER_NAME, CheckOutcome, tender_requirements

router = APIRouter(prefix="/v1")


# -- response models (the OpenAPI schemas) ----------------------------------------------------


class Problem(BaseModel):
    """One input problem: where (JSON pointer) and what (Dutch)."""

    pointer: str
    message: str


class InputProblems(BaseModel):
    """A 422: the same problems ``compliance check`` prints with exit 4."""

    detail: str
    file: str
    problems: list[Problem]


class ErrorOut(BaseModel):
    """Any other error, in Dutch."""

    detail: str


class TenderSummary(BaseModel):
    """A tender the service checks against."""

    tender_id: str
    title: str
    organisation: str
    deadline: str


class Requirement(BaseModel):
    """An eis: a knock-out, the maximum rate or a legal condition."""

    id: str
    kind: str
    text: str


class Criterion(BaseModel):
    """A wens: a selection criterion with its points."""

    id: str
    points: int
    reference: str
    text: str


class TenderDetail(TenderSummary):
    """A tender's eisen and wensen, and the tender specification itself."""

    eisen: list[Requirement]
    wensen: list[Criterion]
    tender: Tender


class CheckOut(BaseModel):
    """One check: the verdict, the decision record, and the score the offer would get on the wensen."""

    id: str
    verdict: Verdict
    report: Report
    expected_score: ScoreInfo | None = Field(
        description="Expected points per selection criterion; the procedure scores compliant offers only."
    )
    report_pdf: str = Field(description="Where the signed PDF is (signed on first request unless ?signed=true).")
    signed: bool = Field(description="Whether the signed PDF has been made already.")


class VerifyOut(BaseModel):
    """What ``compliance verify --format json`` answers, with its exit code."""

    status: str
    exit_code: int
    summary: str
    problems: list[str]
    notes: list[str]
    signatures: list[dict[str, Any]]
    decision_id: str | None
    verdict: str | None
    submission_id: str | None


class IntakeOut(BaseModel):
    """An intake job: its progress and, when done, its counts and ranking (summary.json rows)."""

    id: str
    tender_id: str
    status: str
    stage: str
    done: int
    total: int
    files: int
    error: str | None
    counts: dict[str, int] | None = None
    open_lot: dict[str, Any] | None = None
    rows: list[dict[str, Any]] | None = None
    award_zip: str | None = None


# -- helpers ------------------------------------------------------------------------------------


def _services(request: Request) -> Any:
    return request.app.state.services


def problems_response(error: InputError) -> Response:
    """A 422 with the Dutch problems of an input error."""
    body = InputProblems(
        detail="ongeldige invoer",
        file=error.file,
        problems=[Problem(pointer=pointer or "/", message=message) for pointer, message in error.problems],
    )
    return Response(body.model_dump_json(), status_code=422, media_type="application/json")


def _too_large(what: str, limit: int) -> HTTPException:
    return HTTPException(status_code=413, detail=f"{what} is te groot (maximaal {limit} bytes)")


def check_body(row: Any, report_json: bytes) -> bytes:
    """The JSON of a check, around the stored decision record's own bytes (no re-serialisation)."""
    head = {"id": row["check_id"], "verdict": row["verdict"]}
    tail = {
        "expected_score": json.loads(row["score_json"]) if row["score_json"] else None,
        "report_pdf": f"/v1/checks/{row['check_id']}/report.pdf",
        "signed": row["pdf_sha256"] is not None,
    }
    return (
        json.dumps(head, ensure_ascii=False)[:-1].encode("utf-8")
        + b',"report":'
        + report_json
        + b","
        + json.dumps(tail, ensure_ascii=False)[1:].encode("utf-8")
    )


def new_check_row(principal: Principal, stored: StoredCheck) -> dict[str, Any]:
    """The ``checks`` row of a stored check for the caller's organisation (a fresh, unguessable ID)."""
    return {
        "check_id": uuid.uuid4().hex,
        "org": principal.org,
        **stored.values,
        "created_at": now_iso(),
    }


def store_check(
    services: Any, principal: Principal, outcome: CheckOutcome, offer: bytes, cv: bytes | None, signed: bool
) -> dict[str, Any]:
    """Write the uploads and the decision record as blobs, optionally the signed PDF; insert the row.

    Blocking (for a worker thread): the web form's path; the API's runs through :class:`CheckRunner`.
    """
    stored = store_outcome(services.pipeline, services.blobs, outcome, offer, cv, signed)
    row = new_check_row(principal, stored)
    services.writer.insert(checks, row).result()
    return {**row, "report_json": stored.report_json}


def run_check(
    services: Any,
    principal: Principal,
    offer: bytes,
    cv: bytes | None,
    tender: str | None,
    phase: Phase,
    signed: bool,
) -> dict[str, Any]:
    """The whole of a check in the calling thread: pipeline, blobs, database (what a worker and the row writer do)."""
    result = perform_check(services.pipeline, services.blobs, CheckRequest(offer, cv, tender, phase, signed))
    if isinstance(result, RefusedOffer):
        raise result.error()
    row = new_check_row(principal, result)
    services.writer.insert(checks, row).result()
    return {**row, "report_json": result.report_json}


def _owned_row(services: Any, table: Any, key: Any, value: str, principal: Principal, not_found: str) -> Any:
    """The row with this key if it belongs to the caller's organisation; else 404, exactly as for an
    unknown key, so an ID never tells another organisation that it exists."""
    with services.engine.connect() as connection:
        row = connection.execute(select(table).where(key == value, table.c.org == principal.org)).mappings().first()
    if row is None:
        raise HTTPException(status_code=404, detail=not_found)
    return row


def find_check(services: Any, principal: Principal, check_id: str) -> Any:
    """A check of the caller's organisation; 404 for any other (another organisation's ID included)."""
    return _owned_row(services, checks, checks.c.check_id, check_id, principal, "controle niet gevonden")


def signed_pdf(services: Any, row: Any) -> bytes:
    """The check's signed PDF, signed now if it was not yet (same decision record, so the same verdict)."""
    blobs = services.blobs
    if row["pdf_sha256"]:
        return bytes(blobs.get("pdfs", row["pdf_sha256"], "pdf"))
    report = services.pipeline.read_report(blobs.get("reports", row["report_sha256"], "json"))
    pdf = services.pipeline.sign(report).pdf
    digest = blobs.put("pdfs", pdf, "pdf")
    with services.engine.begin() as connection:
        connection.execute(update(checks).where(checks.c.check_id == row["check_id"]).values(pdf_sha256=digest))
    return bytes(pdf)


async def _read_upload(value: Any, what: str, limit: int) -> bytes | None:
    if value is None:
        return None
    data = await value.read() if isinstance(value, UploadFile) else str(value).encode("utf-8")
    if len(data) > limit:
        raise _too_large(what, limit)
    return bytes(data)


# -- routes -------------------------------------------------------------------------------------

_PROBLEMS: dict[int | str, dict[str, Any]] = {
    422: {"model": InputProblems, "description": "Ongeldige invoer (zoals exit 4 van check)"}
}
_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorOut, "description": "Geen geldige API-sleutel"},
    404: {"model": ErrorOut, "description": "Niet gevonden (of van een andere organisatie)"},
}
_LIMITS: dict[int | str, dict[str, Any]] = {
    413: {"model": ErrorOut, "description": "Verzoek of cv te groot"},
    429: {"model": ErrorOut, "description": "Te veel verzoeken; zie Retry-After"},
}
_BUSY: dict[int | str, dict[str, Any]] = {
    503: {"model": ErrorOut, "description": "De service is vol; zie Retry-After"},
    504: {"model": ErrorOut, "description": "De controle duurde te lang"},
}


@router.get("/tenders", response_model=list[TenderSummary], tags=["aanbestedingen"], responses=_ERRORS)
def list_tenders(request: Request, principal: ApiPrincipal) -> list[TenderSummary]:
    """The tenders the service checks against."""
    pipeline = _services(request).pipeline
    result = []
    for tender_id in pipeline.tender_ids():
        tender = pipeline.tender(tender_id).tender
        result.append(
            TenderSummary(
                tender_id=tender_id,
                title=tender.title,
                organisation=tender.organisation,
                deadline=tender.deadline.isoformat(),
            )
        )
    return result


@router.get("/tenders/{tender_id}", response_model=TenderDetail, tags=["aanbestedingen"], responses=_ERRORS)
def show_tender(tender_id: str, request: Request, principal: ApiPrincipal) -> TenderDetail:
    """A tender's eisen (knock-outs, rate, legal conditions) and wensen (selection criteria with points)."""
    try:
        tender = _services(request).pipeline.tender(tender_id).tender
    except ComplianceError:
        raise HTTPException(status_code=404, detail=f"aanbesteding '{tender_id}' niet gevonden") from None
    eisen, wensen = tender_requirements(tender)
    return TenderDetail(
        tender_id=tender.tender_id,
        title=tender.title,
        organisation=tender.organisation,
        deadline=tender.deadline.isoformat(),
        eisen=[Requirement(**item) for item in eisen],
        wensen=[Criterion(**item) for item in wensen],
        tender=tender,
    )


_OFFER_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/Submission"}},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["offer"],
                    "properties": {
                        "offer": {"type": "string", "format": "binary", "description": "De inschrijving (JSON)."},
                        "cv": {
                            "type": "string",
                            "format": "binary",
                            "description": "Het cv (PDF), op het pad dat documents.cv.file noemt.",
                        },
                    },
                }
            },
        },
    }
}


@router.post(
    "/checks",
    status_code=201,
    response_model=CheckOut,
    tags=["controles"],
    responses={**_ERRORS, **_LIMITS, **_BUSY, **_PROBLEMS},
    openapi_extra=_OFFER_BODY,
)
async def create_check(
    request: Request,
    principal: LimitedPrincipal,
    signed: Annotated[bool, Query(description="Maak ook meteen het ondertekende PDF-rapport.")] = False,
    phase: Annotated[Phase, Query(description="Fase: inschrijving (standaard) of gunning.")] = Phase.SUBMISSION,
    tender: Annotated[str | None, Query(description="Aanbesteding; standaard de tender_id in de inschrijving.")] = None,
) -> Response:
    """Check one offer (JSON, or multipart with the CV PDF): 201 with the decision record."""
    services = _services(request)
    settings = services.settings
    cv: bytes | None = None
    if request.headers.get("content-type", "").startswith("multipart/form-data"):
        form = await request.form(max_files=2, max_fields=4, max_part_size=settings.max_offer_bytes)
        offer = await _read_upload(form.get("offer"), "de inschrijving", settings.max_offer_bytes)
        cv = await _read_upload(form.get("cv"), "het cv", settings.max_cv_bytes)
        await form.close()
        if offer is None:
            return problems_response(InputError(OFFER_NAME, [("", "het formulierveld 'offer' ontbreekt")]))
    else:
        offer = await request.body()
        if len(offer) > settings.max_offer_bytes:
            raise _too_large("de inschrijving", settings.max_offer_bytes)
    if tender is not None and tender not in services.pipeline.tender_ids():
        raise HTTPException(status_code=404, detail=f"aanbesteding '{tender}' niet gevonden")
    try:
        result = await services.checks.run(CheckRequest(offer, cv, tender, phase, signed))
    except ServiceBusy:
        raise HTTPException(
            status_code=503,
            detail=f"de service is op dit moment vol; probeer het over {settings.retry_after_seconds} s opnieuw",
            headers={"Retry-After": str(settings.retry_after_seconds)},
        ) from None
    except CheckTimedOut:
        raise HTTPException(
            status_code=504,
            detail=f"de controle duurde langer dan {settings.check_timeout_seconds:g} s; probeer het later opnieuw",
        ) from None
    if isinstance(result, RefusedOffer):
        return problems_response(result.error())
    row = new_check_row(principal, result)
    await asyncio.wrap_future(services.writer.insert(checks, row))  # group commit, without a thread of its own
    return Response(
        check_body(row, result.report_json),
        status_code=201,
        media_type="application/json",
        headers={"Location": f"/v1/checks/{row['check_id']}"},
    )


@router.get("/checks/{check_id}", response_model=CheckOut, tags=["controles"], responses=_ERRORS)
def get_check(check_id: str, request: Request, principal: ApiPrincipal) -> Response:
    """One of your organisation's checks."""
    services = _services(request)
    row = find_check(services, principal, check_id)
    report_json = services.blobs.get("reports", row["report_sha256"], "json")
    return Response(check_body(row, report_json), media_type="application/json")


@router.get(
    "/checks/{check_id}/report.pdf",
    tags=["controles"],
    responses={**_ERRORS, 200: {"content": {"application/pdf": {}}, "description": "Het ondertekende rapport"}},
    response_class=Response,
)
def get_report_pdf(check_id: str, request: Request, principal: ApiPrincipal) -> Response:
    """The check's signed PDF report (PAdES), as ``check --out`` writes it."""
    services = _services(request)
    row = find_check(services, principal, check_id)
    pdf = signed_pdf(services, row)
    return Response(
        pdf,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{row["submission_id"]}.pdf"'},
    )


_PDF_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/pdf": {"schema": {"type": "string", "format": "binary"}},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["report"],
                    "properties": {"report": {"type": "string", "format": "binary"}},
                }
            },
        },
    }
}


@router.post(
    "/verify",
    response_model=VerifyOut,
    tags=["controles"],
    responses={**_ERRORS, **_LIMITS, 400: {"model": ErrorOut}},
    openapi_extra=_PDF_BODY,
)
async def verify_report(request: Request, principal: LimitedPrincipal) -> VerifyOut:
    """Verify a signed report PDF: the same answer as ``compliance verify --format json``."""
    services = _services(request)
    limit = services.settings.max_request_bytes
    if request.headers.get("content-type", "").startswith("multipart/form-data"):
        form = await request.form(max_files=1, max_fields=2)
        data = await _read_upload(form.get("report"), "het rapport", limit)
        await form.close()
    else:
        data = await request.body()
    if not data:
        raise HTTPException(status_code=400, detail="geen rapport meegestuurd (PDF als body of formulierveld 'report')")
    result = await run_in_threadpool(services.pipeline.verify, data)
    return VerifyOut(**result)


# -- intakes ------------------------------------------------------------------------------------

_SAFE_SEGMENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._ -]{0,120}$")


def _safe_relative(name: str | None, field: str, index: int) -> str:
    """An uploaded file's name as a safe relative path (documents may sit in a sub-folder, like cv/)."""
    pointer = f"/{field}/{index}"
    if not name:
        raise InputError("intake", [(pointer, "bestand zonder naam")])
    path = PurePosixPath(name)
    if path.is_absolute() or not path.parts or not all(_SAFE_SEGMENT.match(part) for part in path.parts):
        raise InputError(
            "intake", [(pointer, f"ongeldige bestandsnaam '{name}' (alleen letters, cijfers, . _ - en /)")]
        )
    return path.as_posix()


_INTAKE_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["tender_id", "offers"],
                    "properties": {
                        "tender_id": {"type": "string"},
                        "offers": {"type": "array", "items": {"type": "string", "format": "binary"}},
                        "documents": {
                            "type": "array",
                            "items": {"type": "string", "format": "binary"},
                            "description": "Cv's, met als bestandsnaam het pad dat de inschrijving noemt.",
                        },
                    },
                }
            }
        },
    }
}


def _intake_out(row: Any, services: Any) -> IntakeOut:
    out = IntakeOut(
        id=row["intake_id"],
        tender_id=row["tender_id"],
        status=row["status"],
        stage=row["stage"] or "",
        done=row["done"] or 0,
        total=row["total"] or 0,
        files=row["files"] or 0,
        error=row["error"],
    )
    if row["status"] == DONE:
        summary_path = job_paths(services.settings, row["intake_id"]).award / "summary.json"
        try:
            summary = json.loads(summary_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return out
        out.counts = summary.get("counts")
        out.open_lot = summary.get("open_lot")
        out.rows = summary.get("rows")
        out.award_zip = f"/v1/intakes/{row['intake_id']}/award.zip"
    return out


def _find_intake(services: Any, principal: Principal, intake_id: str) -> Any:
    return _owned_row(services, intakes, intakes.c.intake_id, intake_id, principal, "intake niet gevonden")


@router.post(
    "/intakes",
    status_code=202,
    response_model=IntakeOut,
    tags=["intake"],
    responses={**_ERRORS, **_LIMITS, **_PROBLEMS, 403: {"model": ErrorOut}},
    openapi_extra=_INTAKE_BODY,
)
async def create_intake(request: Request, principal: PlatformPrincipal) -> Response:
    """Start the intake of a tender (platform role): every offer checked, scored, ranked and signed."""
    services = _services(request)
    enforce_rate(services.limiter, principal)
    form = await request.form(max_files=5000, max_fields=10, max_part_size=services.settings.max_offer_bytes)
    try:
        tender_id = str(form.get("tender_id") or "")
        if tender_id not in services.pipeline.tender_ids():
            raise InputError("intake", [("/tender_id", f"onbekende aanbesteding '{tender_id}'")])
        offers = [f for f in form.getlist("offers") if isinstance(f, UploadFile)]
        documents = [f for f in form.getlist("documents") if isinstance(f, UploadFile)]
        if not offers:
            raise InputError("intake", [("/offers", "geen inschrijvingen meegestuurd")])
        files: dict[str, UploadFile] = {}
        for index, upload in enumerate(offers):
            name = _safe_relative(upload.filename, "offers", index)
            if "/" in name or not name.lower().endswith(".json"):
                raise InputError("intake", [(f"/offers/{index}", f"'{name}': een inschrijving is een .json-bestand")])
            files[name] = upload
        for index, upload in enumerate(documents):
            name = _safe_relative(upload.filename, "documents", index)
            if name.lower().endswith(".json") and "/" not in name:
                raise InputError("intake", [(f"/documents/{index}", f"'{name}': documenten mogen geen .json zijn")])
            files[name] = upload
        intake_id = new_intake_id()
        folder = job_paths(services.settings, intake_id).offers
        from compliance.fsutil import atomic_write_bytes

        for name, upload in files.items():
            await run_in_threadpool(atomic_write_bytes, folder / name, await upload.read())
    except InputError as error:
        return problems_response(error)
    finally:
        await form.close()
    row = {
        "intake_id": intake_id,
        "org": principal.org,
        "tender_id": tender_id,
        "status": QUEUED,
        "stage": "",
        "done": 0,
        "total": len(offers),
        "files": len(offers),
        "attempts": 0,
        "created_at": now_iso(),
    }
    with services.engine.begin() as connection:
        connection.execute(insert(intakes).values(**row))
    body = _intake_out({**row, "error": None}, services)
    return Response(
        body.model_dump_json(),
        status_code=202,
        media_type="application/json",
        headers={"Location": f"/v1/intakes/{intake_id}"},
    )


@router.get("/intakes/{intake_id}", response_model=IntakeOut, tags=["intake"], responses=_ERRORS)
def get_intake(intake_id: str, request: Request, principal: PlatformPrincipal) -> IntakeOut:
    """An intake job: progress, and when done the counts and the ranking."""
    services = _services(request)
    return _intake_out(_find_intake(services, principal, intake_id), services)


@router.get(
    "/intakes/{intake_id}/award.zip",
    tags=["intake"],
    responses={**_ERRORS, 409: {"model": ErrorOut}, 200: {"content": {"application/zip": {}}}},
    response_class=Response,
)
def get_award_zip(intake_id: str, request: Request, principal: PlatformPrincipal) -> Response:
    """The award folder (signed reports, ranking overview, summaries, manifest, audit log) as a zip."""
    services = _services(request)
    row = _find_intake(services, principal, intake_id)
    if row["status"] != DONE:
        raise HTTPException(status_code=409, detail=f"de intake is nog niet klaar (status {row['status']})")
    award = job_paths(services.settings, intake_id).award
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(award.rglob("*")):
            if path.is_file() and not path.name.endswith(".tmp"):
                archive.write(path, path.relative_to(award).as_posix())
    return Response(
        buffer.getvalue(),
        media_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="gunningsmap-{row["tender_id"]}.zip"'},
    )


# -- OpenAPI ------------------------------------------------------------------------------------


def install_openapi(app: FastAPI) -> None:
    """The OpenAPI document, with the offer schema (format 2; format 1 is accepted too) the raw request bodies refer to."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = get_openapi(
                title=app.title,
                version=app.version,
                summary=app.summary,
                routes=app.routes,
            )
            submission = Submission.model_json_schema(ref_template="#/components/schemas/{model}")
            components = document.setdefault("components", {}).setdefault("schemas", {})
            for name, schema in submission.pop("$defs", {}).items():
                components.setdefault(name, schema)
            components["Submission"] = submission
            app.openapi_schema = document
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
