"""What every check shares: the context it reads, its metadata, and how it builds a finding.

A check is a pure function ``CheckContext -> Finding``. All I/O (files, registry look-ups)
happens before, in the engine, so a check can be tested with nothing but models.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeVar

from compliance.documents.evidence import NO_DOCUMENTS, DocumentEvidence
from compliance.i18n import DUTCH
from compliance.models.findings import (
    Calculation,
    CheckInfo,
    Fact,
    FactSource,
    Finding,
    ParamUsed,
    Severity,
    Status,
)
from compliance.models.submission_v2 import SubmissionV2 as Submission
from compliance.models.tender import Phase
from compliance.models.tender_v2 import Clause
from compliance.models.tender_v2 import TenderV2 as Tender
from compliance.rules.parameters import RuleSet
from compliance.sources.registry import RegistryLookup

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ReferenceDates:
    """The dates every check is evaluated against; never 'today', so results are reproducible."""

    deadline: datetime
    deadline_date: date  # the deadline's calendar date in the tender's time zone
    planned_start: date
    planned_start_assumed: bool
    contract_end_initial: date
    contract_end_max: date  # including every extension option


@dataclass(frozen=True, slots=True)
class CheckContext:
    """Everything a check may read."""

    tender: Tender
    submission: Submission
    phase: Phase
    dates: ReferenceDates
    rules: RuleSet
    registry: RegistryLookup
    # Per tender (and rule set) memo for what does not depend on the submission, such as the tender
    # parameters a check cites: built once, reused for every submission of a batch.
    memo: dict[Hashable, Any] = field(default_factory=dict)
    # What the supplier's documents showed (the CV PDF); NO_DOCUMENTS when none was read.
    documents: DocumentEvidence = NO_DOCUMENTS
    # Per submission: what several checks (or a check and the scoring) derive from this one offer,
    # such as how each job matches the vocabulary. A context is made per submission, and so is this.
    scratch: dict[Hashable, Any] = field(default_factory=dict)

    def static(self, key: Hashable, build: Callable[[], T]) -> T:
        """The memoised value for ``key``, built on first use for this tender.

        Only for values that depend on nothing but the tender, the rule set and ``key`` itself; a key
        taken from the submission must come from a small, closed set (an enum, a flag, a phase), so
        the memo stays small however many submissions a batch has.
        """
        try:
            value: T = self.memo[key]
        except KeyError:
            value = self.memo[key] = build()
        return value

    def per_offer(self, key: Hashable, build: Callable[[], T]) -> T:
        """The value for ``key`` derived from this submission, built on first use by any check."""
        try:
            value: T = self.scratch[key]
        except KeyError:
            value = self.scratch[key] = build()
        return value

    def per_lookup(self, key: Hashable, build: Callable[[], T]) -> T:
        """Like :meth:`static`, for values that also depend on this submission's registry look-up.

        Sources such as :class:`~compliance.sources.registry.SnapshotRegistry` return the same
        look-up object for every submission of one supplier, so the look-up is part of the key by
        identity (kept alive in the entry, so its id cannot be reused). Sources that make a new
        object per call simply miss; the table is emptied when it grows past a bound.
        """
        lookup = self.registry
        table: dict[Hashable, tuple[RegistryLookup, Any]] = self.static(_PER_LOOKUP, dict)
        entry = table.get((id(lookup), key))
        if entry is not None and entry[0] is lookup:
            value: T = entry[1]
            return value
        value = build()
        if len(table) >= _PER_LOOKUP_LIMIT:
            table.clear()
        table[(id(lookup), key)] = (lookup, value)
        return value


_PER_LOOKUP = "\x00per-lookup"
_PER_LOOKUP_LIMIT = 4096


@dataclass(frozen=True, slots=True)
class Check:
    """A catalogue entry plus the function that evaluates it."""

    info: CheckInfo
    # One finding, or one per requirement of the tender for the checks that judge requirements.
    evaluate: Callable[[CheckContext], Finding | tuple[Finding, ...]]


def clause_or(clause: Clause | None, reference: str) -> Clause:
    """The tender's clause, or a reference to where the condition comes from when the tender has none
    (a v2 draft may state a condition without quoting the posting)."""
    return clause if clause is not None else Clause(reference=reference)


def tender_param(
    name: str, value: str, clause: Clause, ctx: CheckContext, assumption: bool = False, note: str = ""
) -> ParamUsed:
    """A parameter taken from the tender; valid from the tender's publication date.

    Memoised per tender: the same parameter is cited for every submission of a batch.
    """
    key = f"param\x1f{name}\x1f{value}\x1f{clause.reference}\x1f{assumption}\x1f{note}"
    cached: ParamUsed | None = ctx.memo.get(key)
    if cached is None:
        published = ctx.tender.published_on.isoformat() if ctx.tender.published_on else None
        cached = ctx.memo[key] = ParamUsed(
            name=name, value=value, valid_from=published, source=clause.reference, assumption=assumption, note=note
        )
    return cached


_DECLARATION = FactSource.DECLARATION
_DECLARED_DETAIL = "eigen verklaring van de inschrijver"


def declared(name: str, value: object, pointer: str) -> Fact:
    """A fact the supplier declared in the submission."""
    # Positional: checks build a score of facts per submission (Fact's fields are name, value, source, detail, pointer).
    return Fact(name, _text(value), _DECLARATION, _DECLARED_DETAIL, pointer)


def _text(value: object) -> str:
    if value is None:
        return "(niet opgegeven)"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    return str(value)


@dataclass(slots=True)
class Basis:
    """What a finding rests on, collected while a check runs: clause, parameters, facts, sums."""

    clause: Clause | None = None
    params: list[ParamUsed] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    calculations: list[Calculation] = field(default_factory=list)
    attention: list[str] = field(default_factory=list)


def finding(
    info: CheckInfo,
    code: str,
    *,
    args: dict[str, str] | None = None,
    basis: Basis | None = None,
) -> Finding:
    """Build a finding for a reason code (which carries its status), rendering the Dutch reason and remedy."""
    if basis is None:
        return conclude(info, info.legal_refs, code, args, (), ())
    return conclude(
        info,
        info.legal_refs if basis.clause is None else clause_refs(info, basis.clause),
        code,
        args,
        tuple(basis.params),
        tuple(basis.facts),
        tuple(basis.calculations),
        tuple(basis.attention),
    )


def clause_refs(info: CheckInfo, clause: Clause) -> tuple[str, ...]:
    """The legal references of a finding that rests on ``clause``: the clause first, then the check's own."""
    return (clause.reference, *info.legal_refs)


def conclude(
    info: CheckInfo,
    refs: tuple[str, ...],
    code: str,
    args: dict[str, str] | None,
    params: tuple[ParamUsed, ...],
    facts: tuple[Fact, ...],
    calculations: tuple[Calculation, ...] = (),
    attention: tuple[str, ...] = (),
) -> Finding:
    """:func:`finding` for the hot path: the basis comes as tuples (often built once per tender).

    ``refs`` is what :func:`finding` derives from the basis clause (see :func:`clause_refs`). The
    status is the reason code's own; ``blocking`` starts False and the engine sets it from ``info``.
    """
    status, reason, remedy, fixed = DUTCH[code]
    assert status is not None, f"reason code {code} has no status"
    if args is None:
        reason_args: tuple[tuple[str, str], ...] = ()
        if not fixed:
            reason, remedy = reason.format_map({}), remedy.format_map({})
    else:
        reason_args = tuple(args.items())
        if not fixed:
            reason, remedy = reason.format_map(args), remedy.format_map(args)
    # Positional, in Finding's field order: under half the cost of keywords, fifteen times per submission.
    return Finding(
        info.check_id,
        info.title,
        status,
        info.severity,
        False,
        code,
        reason,
        remedy,
        reason_args,
        refs,
        params,
        facts,
        calculations,
        attention,
    )


__all__ = [
    "Basis",
    "Calculation",
    "Check",
    "CheckContext",
    "CheckInfo",
    "Fact",
    "FactSource",
    "Finding",
    "ReferenceDates",
    "Severity",
    "Status",
    "clause_or",
    "clause_refs",
    "conclude",
    "declared",
    "finding",
    "tender_param",
]


def registry_fact(name: str, value: object, lookup: RegistryLookup) -> Fact:
    """A fact read from the KvK Handelsregister, with source and retrieval time."""
    return Fact(name=name, value=_text(value), source=FactSource.REGISTRY, detail=lookup.describe())
