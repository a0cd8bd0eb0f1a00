"""Findings: what one check concluded, why, on which rule and parameters, from which facts.

These are dataclasses rather than pydantic models: checks build dozens of them per submission,
and intake runs thousands of submissions, so construction must be cheap. The small value objects
(Fact, ParamUsed, Calculation, Finding) are not frozen because frozen dataclasses cost three times as much
to construct; nothing mutates them after a check returns. pydantic
still serialises them and generates ``schemas/report.schema.json`` through a TypeAdapter.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from compliance.models.tender import Phase

if TYPE_CHECKING:
    from compliance.models.tender_v2 import TenderV2


class Status(StrEnum):
    """Outcome of one check. Fail closed: what cannot be verified is NEEDS_REVIEW, never PASS."""

    PASS = "pass"
    FAIL = "fail"
    NEEDS_REVIEW = "needs_review"
    NOT_APPLICABLE = "not_applicable"
    ERROR = "error"


class Severity(StrEnum):
    """How much a failure of the check weighs in the tender procedure."""

    KNOCK_OUT = "knock_out"
    CONDITION = "condition"
    WARNING = "warning"
    INFO = "info"


class FactSource(StrEnum):
    """Where a fact came from; the report shows it for every fact a finding used."""

    REGISTRY = "registry"
    DOCUMENT = "document"
    DECLARATION = "declaration"
    TENDER = "tender"
    COMPUTED = "computed"
    ATTESTATION = "attestation"


@dataclass(slots=True)
class Fact:
    """One input fact a check relied on, with its provenance."""

    name: str
    value: str
    source: FactSource
    detail: str = ""
    pointer: str = ""  # JSON pointer into the submission, when the fact came from it


@dataclass(slots=True)
class ParamUsed:
    """A rule parameter with the date it is valid from and its source, as used by a check."""

    name: str
    value: str
    valid_from: str | None
    source: str
    assumption: bool = False
    note: str = ""


@dataclass(slots=True)
class Calculation:
    """One line of a calculation shown in full (contract value, experience months, VOG age)."""

    label: str
    expression: str
    result: str


@dataclass(frozen=True, slots=True)
class CheckInfo:
    """The static metadata of a check: the catalogue entry."""

    check_id: str
    title: str
    severity: Severity
    legal_refs: tuple[str, ...]
    description: str
    # The condition must also hold at the planned start (a registration, a VOG): an attestation for
    # it must still be valid then, not only at the deadline.
    judged_at_start: bool = False
    # From which phase a finding of this check blocks the verdict; None: never (attention points,
    # information). The engine derives each finding's ``blocking`` from this, never the check itself.
    blocks_from: Phase | None = None
    # For a condition whose phase the tender sets (VOG, integrity declaration): that phase, or None when
    # the tender does not ask for it. Takes the place of ``blocks_from`` when given.
    phase_from_tender: Callable[[TenderV2], Phase | None] | None = None
    title_en: str = ""  # the English title (catalogue, English reports); empty: see render.labels

    def blocks_in(self, tender: TenderV2, phase: Phase) -> bool:
        """Whether a pass, fail or review of this check counts for the verdict in ``phase``."""
        required = self.blocks_from if self.phase_from_tender is None else self.phase_from_tender(tender)
        return required is not None and phase.rank >= required.rank


@dataclass(frozen=True, slots=True)
class AttestationNote:
    """A reviewer's attestation matched to a finding, and what it did to it.

    ``effect`` is ``applied`` (needs_review became pass), ``expired``, ``not_yet_valid``,
    ``not_applied_fail`` (an attestation never lifts a fail), ``not_needed`` (the check did not
    need review) or ``disabled`` (``--no-attestations``). The original status and reason stay
    visible, so a reader always sees what the checker itself concluded.
    """

    attestation_id: str
    check_id: str
    effect: str
    verified: str
    verified_by: str
    verified_on: str
    expires_on: str
    evidence: str
    original_status: Status
    original_reason_code: str
    original_reason: str


@dataclass(slots=True)
class Finding:
    """The result of one check for one submission."""

    check_id: str
    title: str
    status: Status
    severity: Severity
    # Whether a fail here makes the candidate non-compliant in this phase; set by the engine from the
    # check's CheckInfo (a check builds it as False), never passed by a check.
    blocking: bool
    reason_code: str
    reason: str  # Dutch, rendered from the catalogue (compliance.i18n)
    remedy: str = ""  # Dutch: what the supplier can do about it
    reason_args: tuple[tuple[str, str], ...] = ()  # to render the reason in another language
    legal_refs: tuple[str, ...] = ()
    params: tuple[ParamUsed, ...] = ()
    facts: tuple[Fact, ...] = ()
    calculations: tuple[Calculation, ...] = ()
    attention: tuple[str, ...] = field(default=())  # Dutch warnings that do not change the status
    attestation: AttestationNote | None = None  # set by the attestation overlay (compliance.attestations)
    requirement_id: str = ""  # the posting's own ID of the eis this finding judges (requirement checks only)
