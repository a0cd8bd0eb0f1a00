"""The Dutch web pages: log in with the organisation's key, pick a tender, fill in an offer, see the result.

Server-rendered (Jinja2), no external assets, no JavaScript framework: every page works with
the keyboard and without scripts (the one small script only adds rows without a round trip).
The offer form is generated from the chosen tender (:func:`.offer_form.offer_form`) and builds a
v2 offer. Forms carry a CSRF token: the session's token after logging in, a double-submit
cookie on the login form itself. The checks run through the same :mod:`.pipeline` and are stored
the same way as API checks, so a check made here is also visible through ``GET /v1/checks/{id}``.
"""

from __future__ import annotations

import hmac
import json
import secrets
from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from starlette.datastructures import UploadFile

from compliance.errors import InputError
from compliance.models.findings import Status
from compliance.render.labels import STATUS_LABELS, VERDICT_LABELS
from compliance.service import offer_form
from compliance.service.api import find_check, signed_pdf, store_check
from compliance.service.auth import SESSION_COOKIE, Session, enforce_rate
from compliance.service.pipeline import tender_requirements

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).with_name("templates"))
templates.env.globals.update(input_id=offer_form.input_id)

LOGIN_CSRF_COOKIE = "compliance_login_csrf"
_STATUS_ORDER = {Status.FAIL: 0, Status.ERROR: 1, Status.NEEDS_REVIEW: 2, Status.PASS: 3, Status.NOT_APPLICABLE: 4}
# What a wens yields, as the brief to agencies words it: its points, "te beoordelen" (a person decides), or nothing.
_SCORE_STATUS = {"met": "behaald", "not_met": "ontbreekt", "needs_review": "te beoordelen"}


def _services(request: Request) -> Any:
    return request.app.state.services


def _session(request: Request) -> Session | None:
    services = _services(request)
    session: Session | None = services.sessions.read(request.cookies.get(SESSION_COOKIE), services.keys)
    if session is not None:
        request.state.key_id = session.principal.key_id
    return session


def _page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    session = _session(request)
    base = {"session": session, "org": session.principal.org if session else None}
    return templates.TemplateResponse(request, name, {**base, **context}, status_code=status)


def _to_login() -> RedirectResponse:
    return RedirectResponse("/login", status_code=303)


def _csrf_ok(expected: str | None, given: Any) -> bool:
    return bool(expected) and isinstance(given, str) and hmac.compare_digest(expected or "", given)


def _forbidden(request: Request) -> HTMLResponse:
    message = "Het formulier is verlopen of niet van deze site. Laad de pagina opnieuw en probeer het nog eens."
    return _page(request, "error.html", {"title": "Formulier verlopen", "message": message}, 403)


# -- login -------------------------------------------------------------------------------------


@router.get("/")
def home(request: Request) -> Response:
    """The tender list when logged in, else the login page."""
    return RedirectResponse("/aanbestedingen" if _session(request) else "/login", status_code=303)


def _login_page(request: Request, error: str = "", status: int = 200) -> HTMLResponse:
    token = secrets.token_urlsafe(24)
    response = _page(request, "login.html", {"title": "Inloggen", "csrf_token": token, "error": error}, status)
    response.set_cookie(
        LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict", secure=_services(request).settings.secure_cookies
    )
    return response


@router.get("/login")
def login_form(request: Request) -> Response:
    """Log in with the organisation's API key."""
    return _login_page(request)


@router.post("/login")
async def login(request: Request) -> Response:
    """Check the key; a session cookie (holding only the key's public ID) on success."""
    form = await request.form(max_fields=5, max_files=0)
    if not _csrf_ok(request.cookies.get(LOGIN_CSRF_COOKIE), form.get("csrf_token")):
        return _forbidden(request)
    services = _services(request)
    principal = services.keys.authenticate(str(form.get("key") or "").strip())
    if principal is None:
        return _login_page(
            request, "Deze sleutel is onbekend of ingetrokken. Controleer de sleutel en probeer het opnieuw.", 401
        )
    request.state.key_id = principal.key_id
    response = RedirectResponse("/aanbestedingen", status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        services.sessions.issue(principal),
        max_age=services.settings.session_max_age_seconds,
        httponly=True,
        samesite="lax",
        secure=services.settings.secure_cookies,
    )
    response.delete_cookie(LOGIN_CSRF_COOKIE)
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    """End the session."""
    session = _session(request)
    form = await request.form(max_fields=2, max_files=0)
    if session is not None and not _csrf_ok(session.csrf, form.get("csrf_token")):
        return _forbidden(request)
    response = _to_login()
    response.delete_cookie(SESSION_COOKIE)
    return response


# -- tenders -----------------------------------------------------------------------------------


@router.get("/aanbestedingen")
def tenders(request: Request) -> Response:
    """The tenders an offer can be checked against."""
    if _session(request) is None:
        return _to_login()
    pipeline = _services(request).pipeline
    items = [pipeline.tender(tender_id).tender for tender_id in pipeline.tender_ids()]
    return _page(request, "tenders.html", {"title": "Aanbestedingen", "tenders": items})


def _tender_or_404(request: Request, tender_id: str) -> Any:
    pipeline = _services(request).pipeline
    if tender_id not in pipeline.tender_ids():
        raise HTTPException(status_code=404, detail="aanbesteding niet gevonden")
    return pipeline.tender(tender_id).tender


@router.get("/aanbestedingen/{tender_id}")
def tender_detail(request: Request, tender_id: str) -> Response:
    """A tender's eisen and wensen."""
    if _session(request) is None:
        return _to_login()
    tender = _tender_or_404(request, tender_id)
    eisen, wensen = tender_requirements(tender)
    return _page(request, "tender.html", {"title": tender.title, "tender": tender, "eisen": eisen, "wensen": wensen})


# -- the offer form ----------------------------------------------------------------------------


def _form_page(
    request: Request,
    tender: Any,
    session: Session,
    values: dict[str, str],
    errors: dict[str, list[str]] | None = None,
    extra_rows: str | None = None,
    status: int = 200,
) -> HTMLResponse:
    form = offer_form.offer_form(tender)
    counts = form.row_counts(values)
    if extra_rows in counts:
        counts[extra_rows] += 1
    errors = errors or {}
    summary = [(name, form.label_for(name), message) for name, messages in errors.items() for message in messages]
    context = {
        "title": f"Inschrijving controleren — {tender.title}",
        "tender": tender,
        "csrf_token": session.csrf,
        "values": values,
        "errors": errors,
        "error_summary": summary,
        "known": form.input_names(counts),
        "form": form,
        "counts": counts,
        "cv_field": offer_form.CV_FIELD,
        "answers_base": offer_form.ANSWERS,
    }
    return _page(request, "offer.html", context, status)


@router.get("/aanbestedingen/{tender_id}/inschrijving")
def offer_page(request: Request, tender_id: str, van: str | None = None) -> Response:
    """The offer form, empty or filled with an earlier check's offer (``?van=<check>``) to correct it."""
    session = _session(request)
    if session is None:
        return _to_login()
    tender = _tender_or_404(request, tender_id)
    values: dict[str, str] = {}
    if van:
        services = _services(request)
        row = find_check(services, session.principal, van)
        document = json.loads(services.blobs.get("offers", row["offer_sha256"], "json"))
        values = offer_form.offer_form(tender).values_of(document)
    return _form_page(request, tender, session, values)


@router.post("/aanbestedingen/{tender_id}/inschrijving")
async def submit_offer(request: Request, tender_id: str) -> Response:
    """Add a row, or check the offer: field errors next to the fields, or on to the result page."""
    session = _session(request)
    if session is None:
        return _to_login()
    tender = _tender_or_404(request, tender_id)
    services = _services(request)
    settings = services.settings
    form = await request.form(max_files=1, max_fields=2000, max_part_size=settings.max_offer_bytes)
    try:
        if not _csrf_ok(session.csrf, form.get("csrf_token")):
            return _forbidden(request)
        values = {k: v for k, v in form.multi_items() if isinstance(v, str) and k.startswith("/")}
        action = str(form.get("action") or "check")
        if action.startswith("add:"):
            return _form_page(request, tender, session, values, extra_rows=action.removeprefix("add:"))
        upload = form.get(offer_form.CV_FIELD)
        cv = await upload.read() if isinstance(upload, UploadFile) and upload.filename else None
    finally:
        await form.close()
    if cv is not None and len(cv) > settings.max_cv_bytes:
        too_large = {
            offer_form.CV_FIELD: [f"het cv is te groot (maximaal {settings.max_cv_bytes // (1024 * 1024)} MB)"]
        }
        return _form_page(request, tender, session, values, too_large, status=413)
    try:
        enforce_rate(services.limiter, session.principal)
    except HTTPException as refused:
        message = f"U heeft te veel controles achter elkaar gedaan. {refused.detail}"
        response = _page(request, "error.html", {"title": "Even wachten", "message": message}, 429)
        response.headers.update(refused.headers or {})
        return response
    built = offer_form.offer_form(tender).build(values, cv is not None)
    offer = json.dumps(built.document, ensure_ascii=False, indent=2).encode("utf-8")
    try:
        outcome = await run_in_threadpool(services.pipeline.check, offer, tender.tender_id, cv)
    except InputError as error:
        errors: dict[str, list[str]] = {}
        for pointer, message in error.problems:
            errors.setdefault(built.form_pointer(pointer), []).append(message)
        if cv is not None:
            errors.setdefault(offer_form.CV_FIELD, []).append(
                "kies het cv opnieuw: een browser stuurt een bestand maar één keer mee"
            )
        return _form_page(request, tender, session, values, errors, status=422)
    row = await run_in_threadpool(store_check, services, session.principal, outcome, offer, cv, True)
    return RedirectResponse(f"/controles/{row['check_id']}", status_code=303)


# -- the result --------------------------------------------------------------------------------


@router.get("/controles/{check_id}")
def result_page(request: Request, check_id: str) -> Response:
    """The verdict, each finding's reason with its remedy directly under it, the expected score, the PDF link."""
    session = _session(request)
    if session is None:
        return _to_login()
    services = _services(request)
    row = find_check(services, session.principal, check_id)
    report = json.loads(services.blobs.get("reports", row["report_sha256"], "json"))
    tender = services.pipeline.tender(row["tender_id"]).tender
    form = offer_form.offer_form(tender)
    findings = sorted(
        ({**f, "reason": form.readable(f["reason"]), "remedy": form.readable(f["remedy"])} for f in report["findings"]),
        key=lambda f: _STATUS_ORDER.get(Status(f["status"]), 9),
    )
    to_fix = [f for f in findings if f["status"] in ("fail", "needs_review", "error")]
    score = json.loads(row["score_json"]) if row["score_json"] else None
    criterion_text = {c.id: c.clause.text or c.clause.reference for c in tender.criteria}
    open_points = sum(c["max_points"] for c in score["criteria"] if c["status"] == "needs_review") if score else 0
    context = {
        "title": f"Uitslag {report['submission']['submission_id']}",
        "check_id": check_id,
        "report": report,
        "verdict_label": VERDICT_LABELS["nl"][report["verdict"]],
        "status_labels": {status.value: label for status, label in STATUS_LABELS["nl"].items()},
        "findings": findings,
        "to_fix": to_fix,
        "score": score,
        "score_status": _SCORE_STATUS,
        "criterion_text": criterion_text,
        "open_points": open_points,
        "tender_id": row["tender_id"],
    }
    return _page(request, "result.html", context)


@router.get("/controles/{check_id}/rapport.pdf")
def result_pdf(request: Request, check_id: str) -> Response:
    """The signed PDF report of a check of this organisation."""
    session = _session(request)
    if session is None:
        return _to_login()
    services = _services(request)
    row = find_check(services, session.principal, check_id)
    return Response(
        signed_pdf(services, row),
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{row["submission_id"]}.pdf"'},
    )
