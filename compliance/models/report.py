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

from compliance.models.findings import Finding, ParamUsed


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


@cache
def report_adapter() -> TypeAdapter[Report]:
    """The (expensive to build) serialiser for reports, built once per process."""
    return TypeAdapter(Report)


def report_to_dict(report: Report) -> dict[str, Any]:
    """A JSON-compatible dict of the report."""
    result: dict[str, Any] = report_adapter().dump_python(report, mode="json")
    return result


def report_to_json(report: Report, indent: int | None = None) -> str:
    """The report as JSON text (UTF-8, keys in declaration order)."""
    return report_adapter().dump_json(report, indent=indent).decode("utf-8")


def report_json_schema() -> dict[str, Any]:
    """The JSON Schema of the report object (published as schemas/report.schema.json)."""
    schema: dict[str, Any] = report_adapter().json_schema(mode="serialization")
    return schema
