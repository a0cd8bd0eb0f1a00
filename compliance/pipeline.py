"""One pipeline for every way an offer is checked: load → documents → evaluate → attestations → decision.

``compliance check``, the intake worker, ``verify --submission`` (recheck) and the service all
call these functions, so an offer gets the same decision whichever way it comes in:

* :class:`CheckSetup` is built once per run (or per tender in the service): the tender with its
  reference dates and check memo (:class:`~compliance.engine.TenderContext`), the evidence
  sources chosen by name (:mod:`compliance.sources.select`), the reviewer attestations and the
  rules. Sharing one setup is what lets a batch reuse the memo and the registry look-ups.
* :func:`load` reads one offer file (validation, BSN masking, upgrade from format 1, the CV).
* :func:`decide` runs the checks and lays the attestations over the findings.
* :func:`check_offer` is both, for a caller with nothing to do in between.

Heavy modules (the engine with every check, pydantic models, pyHanko) are imported inside the
functions: the CLI imports this module while it is still deciding what to do.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from compliance.sources.select import NO_SOURCES, SourceOptions, Sources, select_sources

if TYPE_CHECKING:
    from datetime import datetime

    from compliance.attestations import AttestationSet
    from compliance.documents.evidence import DocumentEvidence
    from compliance.engine import TenderContext
    from compliance.inputs.loader import Loaded
    from compliance.models.report import Report
    from compliance.models.submission_v2 import SubmissionV2
    from compliance.models.tender import Phase
    from compliance.models.tender_v2 import TenderV2
    from compliance.rules.parameters import RuleSet


@dataclass(frozen=True, slots=True)
class CheckSetup:
    """What every offer of one run is checked against, built once and shared."""

    context: TenderContext
    sources: Sources = NO_SOURCES
    attestations: AttestationSet | None = None
    rules: RuleSet | None = None  # None: the rules this version ships (compliance/rules/parameters.json)

    @property
    def tender(self) -> TenderV2:
        """The tender the offers answer."""
        return self.context.tender


@dataclass(frozen=True, slots=True)
class LoadedOffer:
    """One offer file as read: the validated (BSN-masked, format 2) submission and its documents."""

    path: Path
    submission: SubmissionV2
    input_sha256: str  # of the canonical input: the decision's identity and the recheck's anchor
    documents: DocumentEvidence


def context_for(tender: str) -> TenderContext:
    """A bundled tender ID or a tender file, loaded with its reference dates (UnknownTenderError, InputError)."""
    from compliance.engine import tender_context
    from compliance.inputs.tenders import resolve_tender

    spec, loaded = resolve_tender(tender)
    return tender_context(spec, loaded.sha256, loaded.path)


def read_attestations(path: Path | None, enabled: bool = True) -> AttestationSet | None:
    """The attestation file (None when not given); ``enabled=False`` records it without applying it.

    Only attestations for checks this version knows are accepted (an unknown ID is an InputError)."""
    if path is None:
        return None
    from compliance.attestations import load_attestations
    from compliance.checks import CHECKS

    return load_attestations(path, frozenset(c.info.check_id for c in CHECKS), enabled=enabled)


def build_setup(
    tender: str | TenderContext,
    sources: SourceOptions | Sources = NO_SOURCES,
    attestations: Path | None = None,
    *,
    attestations_enabled: bool = True,
    rules: RuleSet | None = None,
) -> CheckSetup:
    """The setup of a run from what its caller was given: a tender, evidence options, an attestation file.

    Everything is read here, before the first offer, so a bad tender, registry option or
    attestation file stops the run at once with its own error rather than once per offer."""
    context = context_for(tender) if isinstance(tender, str) else tender
    chosen = select_sources(sources) if isinstance(sources, SourceOptions) else sources
    return CheckSetup(context, chosen, read_attestations(attestations, attestations_enabled), rules)


def load(setup: CheckSetup, path: Path, read: Loaded | None = None) -> LoadedOffer:
    """Read one offer file for the setup's tender; every problem is an InputError naming file and field.

    With ``read`` (an offer already parsed, such as a request body) nothing is read from disk; the
    documents the offer names are still looked up next to ``path``."""
    from compliance.inputs.offers import load_offer, offer_from

    submission, loaded, documents = (
        load_offer(path, setup.tender) if read is None else offer_from(read, path, setup.tender)
    )
    return LoadedOffer(path, submission, loaded.sha256, documents)


def decide(
    setup: CheckSetup,
    offer: LoadedOffer,
    phase: Phase | None = None,
    *,
    generated_at: datetime | None = None,
    score_all: bool = True,
) -> Report:
    """Run every check on a loaded offer, lay the attestations over the findings, and return the decision.

    ``phase`` defaults to the submission phase; ``generated_at`` fixes the decision time (the intake's
    one time per award folder, a recheck's recorded time); ``score_all=False`` scores the wensen of
    compliant offers only (the intake's step 2)."""
    from compliance.engine import evaluate
    from compliance.models.tender import Phase

    return evaluate(
        offer.submission,
        offer.input_sha256,
        setup.context,
        phase or Phase.SUBMISSION,
        setup.sources.kvk,
        setup.rules,
        generated_at,
        documents=offer.documents,
        attestations=setup.attestations,
        score_all=score_all,
    )


def check_offer(
    setup: CheckSetup,
    offer: Path | LoadedOffer,
    phase: Phase | None = None,
    *,
    generated_at: datetime | None = None,
    score_all: bool = True,
) -> Report:
    """Load (when given a path) and decide one offer: the whole pipeline for one file."""
    loaded = load(setup, offer) if isinstance(offer, Path) else offer
    return decide(setup, loaded, phase, generated_at=generated_at, score_all=score_all)


__all__ = [
    "CheckSetup",
    "LoadedOffer",
    "SourceOptions",
    "build_setup",
    "check_offer",
    "context_for",
    "decide",
    "load",
    "read_attestations",
]
