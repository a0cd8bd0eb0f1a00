"""The engine: joins a tender, a submission and the sources into a decision record.

It does no file I/O and prints nothing. Each check runs isolated: an exception inside a check
becomes an ERROR finding (which can never pass), and the batch goes on.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from compliance import __version__
from compliance.checks import CHECKS
from compliance.checks.base import Check, CheckContext, ReferenceDates
from compliance.dates import add_months
from compliance.documents.evidence import NO_DOCUMENTS, DocumentEvidence
from compliance.models.findings import Finding, ParamUsed, Status
from compliance.models.report import (
    LookupInfo,
    ReferenceDatesInfo,
    Report,
    RulesInfo,
    SubmissionInfo,
    Summary,
    TenderInfo,
    ToolInfo,
    Verdict,
)
from compliance.models.submission import Submission
from compliance.models.tender import Phase, Tender
from compliance.rules.parameters import RuleSet, default_rules
from compliance.sources.registry import NoRegistry, RegistryLookup, RegistrySource

if TYPE_CHECKING:
    from compliance.attestations import AttestationSet

_TOOL = ToolInfo(name="compliance", version=__version__)
_DECISION_NAMESPACE = uuid.UUID("8f1d7c52-3b0e-4c39-9a57-2b2f3f0c6e11")


@dataclass(frozen=True, slots=True)
class TenderContext:
    """A loaded tender with its hash and the reference dates derived from it (computed once)."""

    tender: Tender
    sha256: str
    source: str
    dates: ReferenceDates
    memo: dict[str, dict[str, Any]] = field(default_factory=dict)  # per rules sha256: see CheckContext.memo


def reference_dates(tender: Tender) -> ReferenceDates:
    """Dates every check uses: deadline (local calendar date too), planned start, contract ends."""
    deadline_local = tender.deadline.astimezone(ZoneInfo(tender.time_zone))
    start = tender.start.planned_date
    term = tender.term
    return ReferenceDates(
        deadline=tender.deadline,
        deadline_date=deadline_local.date(),
        planned_start=start,
        planned_start_assumed=tender.start.kind == "asap",
        contract_end_initial=add_months(start, term.initial_months) - timedelta(days=1),
        contract_end_max=add_months(start, term.max_months) - timedelta(days=1),
    )


def tender_context(tender: Tender, sha256: str, source: str) -> TenderContext:
    """Bundle a tender with its derived reference dates."""
    return TenderContext(tender=tender, sha256=sha256, source=source, dates=reference_dates(tender))


def _run(check: Check, ctx: CheckContext) -> Finding:
    try:
        return check.evaluate(ctx)
    except Exception as exc:
        info = check.info
        return Finding(
            check_id=info.check_id,
            title=info.title,
            status=Status.ERROR,
            severity=info.severity,
            blocking=True,
            reason_code="CHECK_ERROR",
            reason=f"De controle kon niet worden uitgevoerd ({type(exc).__name__}: {exc}); handmatige beoordeling nodig.",
            legal_refs=info.legal_refs,
        )


def verdict_of(findings: tuple[Finding, ...]) -> Verdict:
    """non_compliant if a blocking finding fails; needs_review if one needs review or any check
    erred, or if nothing blocking was evaluated at all; else compliant."""
    if any(f.blocking and f.status is Status.FAIL for f in findings):
        return Verdict.NON_COMPLIANT
    if any(f.status is Status.ERROR or (f.blocking and f.status is Status.NEEDS_REVIEW) for f in findings):
        return Verdict.NEEDS_REVIEW
    if not any(f.blocking and f.status is Status.PASS for f in findings):
        return Verdict.NEEDS_REVIEW
    return Verdict.COMPLIANT


def _summary(findings: tuple[Finding, ...]) -> Summary:
    def count(status: Status) -> int:
        return sum(1 for f in findings if f.status is status)

    return Summary(
        total=len(findings),
        passed=count(Status.PASS),
        failed=count(Status.FAIL),
        needs_review=count(Status.NEEDS_REVIEW),
        not_applicable=count(Status.NOT_APPLICABLE),
        errors=count(Status.ERROR),
        blocking_failures=tuple(f.check_id for f in findings if f.blocking and f.status is Status.FAIL),
        blocking_reviews=tuple(
            f.check_id for f in findings if f.status is Status.ERROR or (f.blocking and f.status is Status.NEEDS_REVIEW)
        ),
    )


def _assumptions(findings: tuple[Finding, ...]) -> tuple[ParamUsed, ...]:
    seen: dict[tuple[str, str], ParamUsed] = {}
    for f in findings:
        for param in f.params:
            if param.assumption:
                seen.setdefault((param.name, param.value), param)
    return tuple(seen.values())


def _lookup_info(lookup: RegistryLookup) -> LookupInfo:
    return LookupInfo(
        kind="kvk_basisprofiel",
        key=lookup.kvk_number,
        status=lookup.status.value,
        source=lookup.source,
        location=lookup.location,
        retrieved_at=lookup.retrieved_at.isoformat() if lookup.retrieved_at else None,
        detail=lookup.detail,
    )


@lru_cache(maxsize=64)
def _dates_info(dates: ReferenceDates, note: str) -> ReferenceDatesInfo:
    return ReferenceDatesInfo(
        deadline=dates.deadline.isoformat(),
        deadline_date=dates.deadline_date.isoformat(),
        planned_start=dates.planned_start.isoformat(),
        planned_start_assumed=dates.planned_start_assumed,
        planned_start_note=note,
        contract_end_initial=dates.contract_end_initial.isoformat(),
        contract_end_max=dates.contract_end_max.isoformat(),
    )


def evaluate(
    submission: Submission,
    input_sha256: str,
    tender: TenderContext,
    phase: Phase = Phase.SUBMISSION,
    registry: RegistrySource | None = None,
    rules: RuleSet | None = None,
    generated_at: datetime | None = None,
    checks: tuple[Check, ...] = CHECKS,
    documents: DocumentEvidence = NO_DOCUMENTS,
    attestations: AttestationSet | None = None,
) -> Report:
    """Run every check for one submission and assemble the decision record.

    ``documents`` is what the documents stage read (``compliance.documents.prepare``);
    ``attestations`` are laid over the findings afterwards, judged on the evaluation date.
    """
    rule_set = rules or default_rules()
    lookup = (registry or NoRegistry()).lookup(submission.supplier.kvk_number)
    ctx = CheckContext(
        tender=tender.tender,
        submission=submission,
        phase=phase,
        dates=tender.dates,
        rules=rule_set,
        registry=lookup,
        memo=tender.memo.setdefault(rule_set.sha256, {}),
        documents=documents,
    )
    findings = tuple(_run(check, ctx) for check in checks)
    spec = tender.tender
    moment = generated_at or datetime.now(UTC)
    decision_key = f"{input_sha256}:{tender.sha256}:{rule_set.sha256}:{phase.value}:{__version__}"
    # The documents read and the attestations applied decide the outcome too, so they are part of its identity.
    for digest in documents.hashes():
        decision_key += f":doc={digest}"
    attested = None
    if attestations is not None:
        from compliance.attestations import apply_attestations

        on = moment.astimezone(ZoneInfo(spec.time_zone)).date()
        findings, attested = apply_attestations(findings, submission, spec.tender_id, attestations, on)
        if attestations.enabled:
            decision_key += f":att={attestations.sha256}"
    return Report(
        schema_version="1",
        decision_id=str(uuid.uuid5(_DECISION_NAMESPACE, decision_key)),
        generated_at=moment.isoformat(timespec="seconds"),
        tool=_TOOL,
        rules=RulesInfo(version=rule_set.version, sha256=rule_set.sha256),
        tender=TenderInfo(
            tender_id=spec.tender_id,
            title=spec.title,
            organisation=spec.organisation,
            deadline=spec.deadline.isoformat(),
            sha256=tender.sha256,
            source=tender.source,
        ),
        submission=SubmissionInfo(
            submission_id=submission.submission_id,
            input_sha256=input_sha256,
            supplier_name=submission.supplier.name,
            supplier_kvk_number=submission.supplier.kvk_number,
            candidate_id=submission.candidate.id,
            candidate_name=submission.candidate.name,
            hourly_rate_eur=str(submission.offer.hourly_rate_eur),
        ),
        phase=phase.value,
        reference_dates=_dates_info(tender.dates, spec.start.note or ""),
        verdict=verdict_of(findings),
        summary=_summary(findings),
        findings=findings,
        lookups=(_lookup_info(lookup),),
        assumptions=_assumptions(findings),
        evidence=documents.records(),
        attestations=attested,
    )
