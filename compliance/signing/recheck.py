"""Re-run a recorded decision from the submission and compare: ``compliance verify --submission``.

A signed report proves what was decided; this proves the decision follows from the submission.
It recomputes the canonical input hash, then re-runs the checks with everything the record pins
down: the rules version (only the version this tool ships can be re-run), the tender (its hash
must match), the phase and the decision time (so the reference dates are the recorded ones), and
the registry facts (a snapshot folder given with ``--registry``). Attestations are a reviewer's
overlay, not the checker's conclusion, so where one was applied the checker's original status is
what is compared.

What cannot be re-run is said, never guessed: the result is then "not performed" with the
reason, and the CLI exits 3 (review needed) rather than claiming a match.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from compliance.models.findings import Finding
    from compliance.models.report import Report


@dataclass(frozen=True, slots=True)
class RecheckResult:
    """The comparison of a recorded decision with a fresh run; texts are Dutch."""

    performed: bool
    input_matches: bool
    differences: tuple[str, ...] = ()
    reason: str = ""  # why the checks were not re-run

    @property
    def matches(self) -> bool:
        """True when the checks were re-run on the same input and gave the same decision."""
        return self.performed and self.input_matches and not self.differences


def _not_performed(reason: str, input_matches: bool = True) -> RecheckResult:
    return RecheckResult(performed=False, input_matches=input_matches, reason=reason)


def _checker_status(finding: Finding) -> tuple[str, str]:
    """(status, reason code) as the checker concluded, before any attestation."""
    note = finding.attestation
    if note is not None:
        return note.original_status.value, note.original_reason_code
    return finding.status.value, finding.reason_code


def _finding_key(finding: Finding) -> str:
    """How a finding is named: the check, and for a requirement check the posting's own ID (KO-REG-001 (K2))."""
    return f"{finding.check_id} ({finding.requirement_id})" if finding.requirement_id else finding.check_id


def _compare(recorded: Report, fresh: Report) -> list[str]:
    differences: list[str] = []
    if recorded.attestations is None and recorded.decision_id != fresh.decision_id:
        differences.append(f"beslissings-ID: vastgelegd {recorded.decision_id}, nu {fresh.decision_id}")
    if recorded.reference_dates != fresh.reference_dates:
        differences.append("reference_dates: wijkt af van de vastgelegde waarde")
    if recorded.phase != fresh.phase:
        differences.append("phase: wijkt af van de vastgelegde waarde")
    old = {_finding_key(f): f for f in recorded.findings}
    new = {_finding_key(f): f for f in fresh.findings}
    for key in sorted(set(old) | set(new)):
        if key not in new:
            differences.append(f"{key}: vastgelegd, maar bestaat niet (meer) in deze versie")
            continue
        if key not in old:
            differences.append(f"{key}: nieuw in deze versie, niet vastgelegd")
            continue
        before, after = old[key], new[key]
        status, code = _checker_status(before)
        if (status, code) != (after.status.value, after.reason_code):
            differences.append(f"{key}: vastgelegd {status} ({code}), nu {after.status.value} ({after.reason_code})")
        elif before.reason_args != after.reason_args:
            differences.append(f"{key}: zelfde uitkomst, andere onderbouwing ({after.reason})")
        elif before.blocking != after.blocking:
            differences.append(f"{key}: blokkerend vastgelegd {before.blocking}, nu {after.blocking}")
    if not differences and recorded.attestations is None and recorded.verdict != fresh.verdict:
        differences.append(f"oordeel: vastgelegd {recorded.verdict.value}, nu {fresh.verdict.value}")
    return differences


def _as_report(recorded: Report | Mapping[str, Any]) -> Report | None:
    """The recorded decision through the report model; None when it is not a report this version can read."""
    from pydantic import ValidationError

    from compliance.models.report import Report, report_adapter

    if isinstance(recorded, Report):
        return recorded
    try:
        return report_adapter().validate_python(dict(recorded))
    except ValidationError:
        return None


def recheck(
    recorded: Report | Mapping[str, Any],
    submission_path: Path,
    registry: Path | None = None,
    tender: str | None = None,
) -> RecheckResult:
    """Compare the recorded decision with a re-run on ``submission_path``.

    ``recorded`` is the signed decision, as the report model (a mapping, the JSON as read, is read
    through the model first). Raises :class:`~compliance.errors.InputError` when the submission
    file itself is unusable (the CLI reports that like any bad input).
    """
    from compliance.inputs.loader import read_document
    from compliance.models.tender import Phase
    from compliance.pipeline import CheckSetup, check_offer, context_for
    from compliance.rules.parameters import default_rules
    from compliance.sources.select import SourceOptions, select_sources

    decision = _as_report(recorded)
    if decision is None:
        return _not_performed("de vastgelegde beslissing heeft niet de vorm van een rapport van deze versie")
    loaded = read_document(submission_path)
    if loaded.sha256 != decision.submission.input_sha256:
        return RecheckResult(
            performed=False,
            input_matches=False,
            differences=(
                f"invoer-hash: het rapport is gemaakt voor {decision.submission.input_sha256}, "
                f"dit bestand is {loaded.sha256}",
            ),
            reason="dit is niet de inschrijving waarover het rapport gaat",
        )
    rules = default_rules()
    if decision.rules.version != rules.version or decision.rules.sha256 != rules.sha256:
        return _not_performed(
            f"regelversie {decision.rules.version} is niet beschikbaar (deze versie van het hulpmiddel "
            f"heeft {rules.version}); herberekenen kan alleen met dezelfde regels"
        )
    context = context_for(tender or decision.tender.tender_id)
    if context.sha256 != decision.tender.sha256:
        return _not_performed(
            "de aanbesteding wijkt af van de vastgelegde (andere sha256); geef de juiste met --tender"
        )
    if registry is None and any(lookup.status != "not_consulted" for lookup in decision.lookups):
        return _not_performed("het rapport gebruikte het KvK-register; geef dezelfde registersnapshot met --registry")
    try:
        moment = datetime.fromisoformat(decision.generated_at)
        phase = Phase(decision.phase)
    except ValueError:
        return _not_performed("tijdstip of fase van de beslissing is onleesbaar")
    # Attestations are a reviewer's overlay, compared through each finding's original status: none here.
    setup = CheckSetup(context, select_sources(SourceOptions(registry=registry)), rules=rules)
    report = check_offer(setup, submission_path, phase, generated_at=moment)
    return RecheckResult(performed=True, input_matches=True, differences=tuple(_compare(decision, report)))
