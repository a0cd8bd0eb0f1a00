"""The decision record: one report per submission, the same object in JSON, terminal and PDF.

It records what was decided (verdict, findings) and everything needed to defend and reproduce
it: the reference dates, the rules version and its hash, the canonical input hash, the
registry look-ups with their provenance, and the assumptions the tender configuration made.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any, Literal

from pydantic import TypeAdapter
from pydantic_core import to_json, to_jsonable_python

from compliance.models.findings import AttestationNote, Finding, ParamUsed


class Verdict(StrEnum):
    """The overall outcome for one candidate in one phase."""

    COMPLIANT = "compliant"
    NON_COMPLIANT = "non_compliant"
    NEEDS_REVIEW = "needs_review"


@dataclass(frozen=True, slots=True)
class ToolInfo:
    """The program that made the decision."""

    name: str
    version: str


@dataclass(frozen=True, slots=True)
class RulesInfo:
    """The rules (parameters) version used, with the sha256 of the parameter file."""

    version: str
    sha256: str


@dataclass(frozen=True, slots=True)
class TenderInfo:
    """The tender as identified in the report."""

    tender_id: str
    title: str
    organisation: str
    deadline: str
    sha256: str
    source: str
    # What the tender file itself says is not settled (its to_confirm items nobody confirmed yet),
    # as "pointer: reason": every report built on such a tender lists them with its assumptions.
    open_items: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SubmissionInfo:
    """The submission, with only the personal data the decision needs (candidate name and ID)."""

    submission_id: str
    input_sha256: str
    supplier_name: str
    supplier_kvk_number: str
    candidate_id: str
    candidate_name: str
    hourly_rate_eur: str


@dataclass(frozen=True, slots=True)
class ReferenceDatesInfo:
    """The dates the checks were evaluated against."""

    deadline: str
    deadline_date: str
    planned_start: str
    planned_start_assumed: bool
    planned_start_note: str
    contract_end_initial: str
    contract_end_max: str


@dataclass(frozen=True, slots=True)
class LookupInfo:
    """One registry look-up and where its facts came from."""

    kind: str
    key: str
    status: str
    source: str
    location: str
    retrieved_at: str | None
    detail: str


@dataclass(frozen=True, slots=True)
class Summary:
    """Counts per status and the check IDs that decide the verdict."""

    total: int
    passed: int
    failed: int
    needs_review: int
    not_applicable: int
    errors: int
    blocking_failures: tuple[str, ...]
    blocking_reviews: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CriterionScore:
    """Points for one selection criterion, with what earned or missed them (Dutch)."""

    criterion_id: str
    reference: str
    max_points: int
    points: int
    status: str  # "met", "not_met" or "needs_review"
    reason: str
    # The judge's reason code and arguments, so the reason renders in another language as a finding's does.
    reason_code: str = ""
    reason_args: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class ScoreInfo:
    """Step 2 of the procedure: the score on the selection criteria and the place in the ranking."""

    total_points: int
    max_points: int
    criteria: tuple[CriterionScore, ...]
    rank: int | None = None
    selected: bool = False
    tie: str | None = None  # "decided_by_rate" or "lot" (still equal after the rate)


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """A supplier document the checker read (or tried to read), kept as evidence.

    The sha256 is of the exact bytes read, so a reviewer can prove which file was judged. The
    text itself is never part of the report (it holds personal data).
    """

    role: str  # "cv"
    path: str  # as given in the submission, relative to the submission file
    status: str  # compliance.documents.evidence.DocumentStatus value; only "read" carries facts
    sha256: str | None
    size_bytes: int | None
    pages: int | None
    language: str | None  # detected language code, "und" when undetermined
    detail: str  # Dutch: why the document could not be (fully) read, or what was noticed


@dataclass(frozen=True, slots=True)
class AttestationsInfo:
    """The attestation file consulted, and every attestation in it for this candidate."""

    source: str
    sha256: str
    applied: bool  # False with --no-attestations: the unattested view
    evaluated_on: str  # the date expiry was judged against
    uses: tuple[AttestationNote, ...]


@dataclass(frozen=True, slots=True)
class SignerNote:
    """Who signed the PDF this record travels in, as the signer's certificate says."""

    subject: str
    certificate_sha256: str
    qualified: bool  # False for the local self-signed key; True only when the certificate claims QcCompliance
    local: bool  # the key made by ``compliance keys init`` on this machine


@dataclass(frozen=True, slots=True)
class RenditionInfo:
    """The signed PDF this record is embedded in (set by ``compliance.report_files``).

    The unsigned render is deterministic and is the signed file's first revision, so its hash can
    sit inside the signed JSON (the hash of the signed file itself cannot: it would change it).
    """

    lang: str
    unsigned_pdf_sha256: str
    unsigned_pdf_bytes: int
    renderer: str  # e.g. "reportlab 5.1.0": re-rendering is only byte-exact with the same one
    signature_level: str  # "PAdES B-B" (no timestamp) or "PAdES B-T"
    signer: SignerNote


@dataclass(frozen=True, slots=True)
class Report:
    """The decision record for one submission."""

    schema_version: Literal["1"]
    decision_id: str
    generated_at: str
    tool: ToolInfo
    rules: RulesInfo
    tender: TenderInfo
    submission: SubmissionInfo
    phase: str
    reference_dates: ReferenceDatesInfo
    verdict: Verdict
    summary: Summary
    findings: tuple[Finding, ...]
    lookups: tuple[LookupInfo, ...]
    assumptions: tuple[ParamUsed, ...]
    score: ScoreInfo | None = None  # filled by intake (step 2); absent for a single pre-check
    evidence: tuple[DocumentInfo, ...] = ()  # documents read for this submission (sha256, size, pages)
    attestations: AttestationsInfo | None = None  # present when an attestation file was given
    rendition: RenditionInfo | None = None  # the signed PDF this record is embedded in (report_files)


@cache
def report_adapter() -> TypeAdapter[Report]:
    """The (expensive to build) validator and schema of reports, built once per process."""
    return TypeAdapter(Report)


# Writing a report needs no schema: pydantic-core serialises the dataclasses field by field, in
# declaration order, enums as their values, tuples as arrays -- byte for byte what the adapter
# writes for these field types, without the 10-30 ms the adapter takes to build, which a single
# `compliance check` would spend on one report.


def report_to_dict(report: Report) -> dict[str, Any]:
    """A JSON-compatible dict of the report."""
    result: dict[str, Any] = to_jsonable_python(report)
    return result


def report_to_json(report: Report, indent: int | None = None) -> str:
    """The report as JSON text (UTF-8, keys in declaration order).

    Once a long-running process has built the adapter (the service and the intake do, see
    :func:`report_adapter`), its schema serialiser writes the same bytes about 2.5 times faster."""
    if report_adapter.cache_info().currsize:
        return report_adapter().dump_json(report, indent=indent).decode("utf-8")
    return to_json(report, indent=indent).decode("utf-8")


def report_json_schema() -> dict[str, Any]:
    """The JSON Schema of the report object (published as schemas/report.schema.json)."""
    schema: dict[str, Any] = report_adapter().json_schema(mode="serialization")
    return schema
