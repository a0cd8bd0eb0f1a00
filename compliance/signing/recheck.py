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

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any


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


def _checker_status(finding: dict[str, Any]) -> tuple[str, str]:
    """(status, reason code) as the checker concluded, before any attestation."""
    note = finding.get("attestation")
    if isinstance(note, dict) and note.get("original_status"):
        return str(note["original_status"]), str(note.get("original_reason_code", finding.get("reason_code")))
    return str(finding.get("status")), str(finding.get("reason_code"))


def _compare(recorded: dict[str, Any], fresh: dict[str, Any]) -> list[str]:
    differences: list[str] = []
    if recorded.get("attestations") is None and recorded.get("decision_id") != fresh.get("decision_id"):
        differences.append(f"beslissings-ID: vastgelegd {recorded.get('decision_id')}, nu {fresh.get('decision_id')}")
    for key in ("reference_dates", "phase"):
        if recorded.get(key) != fresh.get(key):
            differences.append(f"{key}: wijkt af van de vastgelegde waarde")
    old = {f["check_id"]: f for f in recorded.get("findings", []) if isinstance(f, dict) and "check_id" in f}
    new = {f["check_id"]: f for f in fresh.get("findings", [])}
    for check_id in sorted(set(old) | set(new)):
        if check_id not in new:
            differences.append(f"{check_id}: vastgelegd, maar bestaat niet (meer) in deze versie")
            continue
        if check_id not in old:
            differences.append(f"{check_id}: nieuw in deze versie, niet vastgelegd")
            continue
        before, after = old[check_id], new[check_id]
        if _checker_status(before) != (after["status"], after["reason_code"]):
            status, code = _checker_status(before)
            differences.append(
                f"{check_id}: vastgelegd {status} ({code}), nu {after['status']} ({after['reason_code']})"
            )
        elif [list(a) for a in before.get("reason_args", [])] != [list(a) for a in after["reason_args"]]:
            differences.append(f"{check_id}: zelfde uitkomst, andere onderbouwing ({after['reason']})")
        elif before.get("blocking") != after["blocking"]:
            differences.append(f"{check_id}: blokkerend vastgelegd {before.get('blocking')}, nu {after['blocking']}")
    if not differences and recorded.get("attestations") is None and recorded.get("verdict") != fresh.get("verdict"):
        differences.append(f"oordeel: vastgelegd {recorded.get('verdict')}, nu {fresh.get('verdict')}")
    return differences


def recheck(
    recorded: dict[str, Any],
    submission_path: Path,
    registry: Path | None = None,
    tender: str | None = None,
) -> RecheckResult:
    """Compare the recorded decision with a re-run on ``submission_path``.

    Raises :class:`~compliance.errors.InputError` when the submission file itself is unusable
    (the CLI reports that like any bad input).
    """
    from compliance.engine import evaluate, tender_context
    from compliance.inputs.loader import read_document
    from compliance.inputs.offers import load_offer
    from compliance.inputs.tenders import resolve_tender
    from compliance.models.report import report_to_dict
    from compliance.models.tender import Phase
    from compliance.rules.parameters import default_rules
    from compliance.sources.registry import SnapshotRegistry

    loaded = read_document(submission_path)
    recorded_submission = recorded.get("submission") or {}
    if loaded.sha256 != recorded_submission.get("input_sha256"):
        return RecheckResult(
            performed=False,
            input_matches=False,
            differences=(
                f"invoer-hash: het rapport is gemaakt voor {recorded_submission.get('input_sha256')}, "
                f"dit bestand is {loaded.sha256}",
            ),
            reason="dit is niet de inschrijving waarover het rapport gaat",
        )
    rules = default_rules()
    recorded_rules = recorded.get("rules") or {}
    if recorded_rules.get("version") != rules.version or recorded_rules.get("sha256") != rules.sha256:
        return _not_performed(
            f"regelversie {recorded_rules.get('version')} is niet beschikbaar (deze versie van het hulpmiddel "
            f"heeft {rules.version}); herberekenen kan alleen met dezelfde regels"
        )
    recorded_tender = recorded.get("tender") or {}
    spec, loaded_tender = resolve_tender(tender or str(recorded_tender.get("tender_id")))
    if loaded_tender.sha256 != recorded_tender.get("sha256"):
        return _not_performed(
            "de aanbesteding wijkt af van de vastgelegde (andere sha256); geef de juiste met --tender"
        )
    consulted = [x for x in recorded.get("lookups", []) if isinstance(x, dict) and x.get("status") != "not_consulted"]
    if consulted and registry is None:
        return _not_performed("het rapport gebruikte het KvK-register; geef dezelfde registersnapshot met --registry")
    try:
        moment = datetime.fromisoformat(str(recorded.get("generated_at")))
        phase = Phase(str(recorded.get("phase")))
    except ValueError:
        return _not_performed("tijdstip of fase van de beslissing is onleesbaar")
    masked, _, documents = load_offer(submission_path, spec)
    report = evaluate(
        masked,
        loaded.sha256,
        tender_context(spec, loaded_tender.sha256, loaded_tender.path),
        phase,
        SnapshotRegistry(registry) if registry is not None else None,
        rules=rules,
        generated_at=moment,
        documents=documents,
    )
    return RecheckResult(
        performed=True, input_matches=True, differences=tuple(_compare(recorded, report_to_dict(report)))
    )
