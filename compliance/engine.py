"""The engine: joins a tender, a submission and the sources into a decision record.

It does no file I/O and prints nothing. Each check runs isolated: an exception inside a check
becomes an ERROR finding (which can never pass), and the batch goes on.
"""

from __future__ import annotations

import uuid
from collections.abc import Hashable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from compliance import __version__
from compliance.checks import CHECKS
from compliance.checks.base import Check, CheckContext, ReferenceDates
from compliance.checks.scoring import score
from compliance.dates import add_months
from compliance.documents.evidence import NO_DOCUMENTS, DocumentEvidence
from compliance.i18n import reason, render
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
from compliance.models.submission_v2 import SubmissionV2 as Submission
from compliance.models.tender import Phase
from compliance.models.tender_v2 import TenderV2 as Tender
from compliance.privacy import mask_bsn
from compliance.rules.parameters import RuleSet, default_rules
from compliance.sources.registry import NoRegistry, RegistryLookup, RegistrySource

if TYPE_CHECKING:
    from compliance.attestations import AttestationSet

_TOOL = ToolInfo(name="compliance", version=__version__)
_DECISION_NAMESPACE = uuid.UUID("8f1d7c52-3b0e-4c39-9a57-2b2f3f0c6e11")


@dataclass(frozen=True, slots=True)
class TenderContext:
    """A loaded tender with its hash and what is derived from it, computed once for a whole batch:
    the reference dates, and the report sections that describe the tender."""

    tender: Tender
    sha256: str
    source: str
    dates: ReferenceDates
    info: TenderInfo
    dates_info: ReferenceDatesInfo
    # Per rules sha256 and phase: see CheckContext.memo. Per phase too, because the engine sets a finding's
    # ``blocking`` for the phase it judges, and memoised findings are shared by every submission of that phase.
    memo: dict[tuple[str, Phase], dict[Hashable, Any]] = field(default_factory=dict)


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
    """Bundle a tender with its derived reference dates and report sections."""
    dates = reference_dates(tender)
    info = TenderInfo(
        tender_id=tender.tender_id,
        title=tender.title,
        organisation=tender.organisation,
        deadline=tender.deadline.isoformat(),
        sha256=sha256,
        source=source,
        open_items=tuple(f"{item.pointer}: {item.reason}" for item in tender.open_items),
    )
    return TenderContext(tender, sha256, source, dates, info, _dates_info(dates, tender.start.note or ""))


def _judge_all(checks: tuple[Check, ...], ctx: CheckContext) -> tuple[Finding, ...]:
    """Every check's findings in catalogue order (one per requirement for the requirement checks), each
    with ``blocking`` derived from its check's metadata: the one place where blocking is decided."""
    # The memo is per tender, rules and phase already; the catalogue is keyed by identity (hashing it per
    # submission would cost more than the checks), kept in the entry so its id stays its own.
    kept, blocks = ctx.static(("blocks", id(checks)), lambda: (checks, _blocks(checks, ctx)))
    if kept is not checks:
        blocks = _blocks(checks, ctx)
    flat: list[Finding] = []
    for check, check_blocks in zip(checks, blocks, strict=True):
        result = _run(check, ctx)
        if isinstance(result, Finding):
            _set_blocking(result, check_blocks)
            flat.append(result)
        else:
            for one in result:
                _set_blocking(one, check_blocks)
            flat += result
    return tuple(flat)


def _blocks(checks: tuple[Check, ...], ctx: CheckContext) -> tuple[bool, ...]:
    """Per check: whether its findings count for the verdict in this phase (from CheckInfo; per tender
    for conditions whose phase the tender sets)."""
    return tuple(check.info.blocks_in(ctx.tender, ctx.phase) for check in checks)


def _set_blocking(result: Finding, check_blocks: bool) -> None:
    """A pass, fail or review blocks when its check does in this phase; not applicable never does; an error
    keeps its own (always blocking, fail closed).

    Written only when it changes: memoised findings are shared by the submissions of one tender and phase
    (see TenderContext.memo), for which the value is always the same.
    """
    status = result.status
    if status is _ERROR:
        return
    wanted = check_blocks and status is not _NOT_APPLICABLE
    if result.blocking is not wanted:
        result.blocking = wanted


CHECK_ERROR = reason(
    "CHECK_ERROR",
    Status.ERROR,
    "De controle kon niet worden uitgevoerd ({error}); handmatige beoordeling nodig.",
    "The check could not be carried out ({error}); it must be assessed by hand.",
    "Beoordeel deze eis met de hand en meld de fout aan de beheerder van de checker.",
    "Assess this requirement by hand and report the error to whoever runs the checker.",
)


def _run(check: Check, ctx: CheckContext) -> Finding | tuple[Finding, ...]:
    try:
        return check.evaluate(ctx)
    except Exception as exc:
        info = check.info
        # The error's own text is this tool's (English, from Python); masked, since it may echo an input value.
        args = {"error": f"{type(exc).__name__}: {mask_bsn(str(exc))}"}
        reason_text, remedy = render(CHECK_ERROR, args)
        return Finding(
            check_id=info.check_id,
            title=info.title,
            status=Status.ERROR,
            severity=info.severity,
            blocking=True,
            reason_code=CHECK_ERROR,
            reason=reason_text,
            remedy=remedy,
            reason_args=tuple(args.items()),
            legal_refs=info.legal_refs,
        )


def verdict_of(findings: tuple[Finding, ...]) -> Verdict:
    """non_compliant if a blocking finding fails; needs_review if one needs review or any check
    erred, or if nothing blocking was evaluated at all; else compliant (the rule lives in _outcome)."""
    return _outcome(findings)[0]


def _outcome(findings: tuple[Finding, ...]) -> tuple[Verdict, Summary, tuple[ParamUsed, ...]]:
    """Verdict, summary and assumptions, in one pass over the findings: the one place the verdict rule lives."""
    passed = failed = review = not_applicable = errors = 0
    blocking_failures: list[str] = []
    blocking_reviews: list[str] = []
    blocking_pass = False
    assumptions: dict[tuple[str, str], ParamUsed] = {}
    for f in findings:
        status = f.status
        if status is _PASS:
            passed += 1
            blocking_pass = blocking_pass or f.blocking
        elif status is _FAIL:
            failed += 1
            if f.blocking:
                blocking_failures.append(f.check_id)
        elif status is _REVIEW:
            review += 1
            if f.blocking:
                blocking_reviews.append(f.check_id)
        elif status is _NOT_APPLICABLE:
            not_applicable += 1
        elif status is _ERROR:
            errors += 1
            blocking_reviews.append(f.check_id)
        for param in f.params:
            if param.assumption:
                assumptions.setdefault((param.name, param.value), param)
    if blocking_failures:
        verdict = Verdict.NON_COMPLIANT
    elif blocking_reviews or not blocking_pass:
        verdict = Verdict.NEEDS_REVIEW
    else:
        verdict = Verdict.COMPLIANT
    summary = Summary(
        len(findings),
        passed,
        failed,
        review,
        not_applicable,
        errors,
        tuple(blocking_failures),
        tuple(blocking_reviews),
    )
    return verdict, summary, tuple(assumptions.values())


_PASS, _FAIL, _REVIEW, _NOT_APPLICABLE, _ERROR = (
    Status.PASS,
    Status.FAIL,
    Status.NEEDS_REVIEW,
    Status.NOT_APPLICABLE,
    Status.ERROR,
)


def _lookup_info(lookup: RegistryLookup) -> LookupInfo:
    """The report's record of a look-up; one per look-up object (sources reuse them per supplier)."""
    entry = _LOOKUP_INFO.get(id(lookup))
    if entry is not None and entry[0] is lookup:
        return entry[1]
    info = _describe_lookup(lookup)
    if len(_LOOKUP_INFO) >= _LOOKUP_INFO_LIMIT:
        _LOOKUP_INFO.clear()
    _LOOKUP_INFO[id(lookup)] = (lookup, info)  # the entry keeps the look-up alive, so its id stays its own
    return info


_LOOKUP_INFO: dict[int, tuple[RegistryLookup, LookupInfo]] = {}
_LOOKUP_INFO_LIMIT = 4096


def _describe_lookup(lookup: RegistryLookup) -> LookupInfo:
    return LookupInfo(
        kind="kvk_basisprofiel",
        key=lookup.kvk_number,
        status=lookup.status.value,
        source=lookup.source,
        location=lookup.location,
        retrieved_at=lookup.retrieved_at.isoformat() if lookup.retrieved_at else None,
        detail=lookup.detail,
    )


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


def _rules_info(rules: RuleSet) -> RulesInfo:
    info = _RULES_INFO.get(rules.sha256)
    if info is None or info.version != rules.version:
        info = _RULES_INFO[rules.sha256] = RulesInfo(version=rules.version, sha256=rules.sha256)
    return info


_RULES_INFO: dict[str, RulesInfo] = {}


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
    score_all: bool = True,
) -> Report:
    """Run every check for one submission and assemble the decision record.

    The wensen are scored for every offer (an agency pre-checking wants its expected score), or with
    ``score_all=False`` only for a compliant one: intake's step 2 scores nothing else.

    ``documents`` is what the documents stage read (``compliance.documents.prepare``);
    ``attestations`` are laid over the findings afterwards, judged on the evaluation date.
    """
    rule_set = rules or default_rules()
    lookup = (registry or _NO_REGISTRY).lookup(submission.supplier.kvk_number)
    memo = tender.memo.get((rule_set.sha256, phase))
    if memo is None:
        memo = tender.memo[rule_set.sha256, phase] = {}
    ctx = CheckContext(tender.tender, submission, phase, tender.dates, rule_set, lookup, memo, documents)
    findings = _judge_all(checks, ctx)
    spec = tender.tender
    moment = generated_at or datetime.now(UTC)
    decision_key = f"{input_sha256}:{tender.sha256}:{rule_set.sha256}:{phase.value}:{__version__}"
    # The documents read and the attestations applied decide the outcome too, so they are part of its identity.
    if documents is not NO_DOCUMENTS:
        for digest in documents.hashes():
            decision_key += f":doc={digest}"
    attested = None
    if attestations is not None:
        from compliance.attestations import AttestationJudgement, apply_attestations

        # Validity at the deadline (and the start for start conditions), never at the run's date.
        judgement = AttestationJudgement(
            tender_id=spec.tender_id,
            trusted_roles=frozenset(spec.attestations.trusted_roles),
            deadline=tender.dates.deadline_date,
            planned_start=tender.dates.planned_start,
            start_checks=frozenset(check.info.check_id for check in checks if check.info.judged_at_start),
            decided_on=moment.astimezone(ZoneInfo(spec.time_zone)).date(),
        )
        findings, attested = apply_attestations(findings, submission, attestations, judgement)
        if attestations.enabled:
            decision_key += f":att={attestations.sha256}"
    verdict, summary, assumptions = _outcome(findings)
    supplier, candidate = submission.supplier, submission.candidate
    return Report(
        schema_version="1",
        decision_id=str(uuid.uuid5(_DECISION_NAMESPACE, decision_key)),
        generated_at=moment.isoformat(timespec="seconds"),
        tool=_TOOL,
        rules=_rules_info(rule_set),
        tender=tender.info,
        submission=SubmissionInfo(
            submission.submission_id,
            input_sha256,
            supplier.name,
            supplier.kvk_number,
            candidate.id,
            candidate.name,
            str(submission.offer.hourly_rate_eur),
        ),
        phase=phase.value,
        reference_dates=tender.dates_info,
        verdict=verdict,
        summary=summary,
        findings=findings,
        lookups=(_lookup_info(lookup),),
        assumptions=assumptions,
        evidence=documents.records(),
        attestations=attested,
        score=score(ctx) if score_all or verdict is Verdict.COMPLIANT else None,
    )


_NO_REGISTRY = NoRegistry()
