"""Reviewer attestations: an overlay on the findings that keeps the checker's own view visible.

Rules, in order of precedence:

* An attestation only ever turns ``needs_review`` into ``pass``. A ``fail`` stays a fail (what
  the supplier declared or the registry showed cannot be argued away by a note), an ``error``
  stays an error, and a ``pass`` needs nothing.
* It counts only between ``verified_on`` and ``expires_on`` (inclusive), judged on the
  evaluation date; an expired one is listed, says so, and changes nothing.
* With ``--no-attestations`` the file is still read and matched, and each match is listed as
  ``disabled``: the unattested view a legal reviewer asks for, with what would have changed.

Every finding an attestation touched carries an :class:`AttestationNote` with the original
status and reason, and the report lists every matching attestation with its effect.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from compliance.dates import nl_date
from compliance.errors import InputError
from compliance.i18n import define, render
from compliance.models.attestation import Attestation, AttestationFile
from compliance.models.findings import AttestationNote, Fact, FactSource, Finding, Status
from compliance.models.report import AttestationsInfo
from compliance.models.submission import Submission

ATTESTED = define(
    "ATTESTED",
    "Handmatig geverifieerd door {by} op {on}: {what} (bewijs: {evidence}; geldig tot {expires}). "
    "Zonder attestatie: {original}",
    "Verified by hand by {by} on {on}: {what} (evidence: {evidence}; valid until {expires}). "
    "Without the attestation: {original}",
)


@dataclass(frozen=True, slots=True)
class AttestationSet:
    """A loaded attestation file: its entries, where it came from, and whether to apply it."""

    entries: tuple[Attestation, ...]
    source: str
    sha256: str
    enabled: bool = True


def load_attestations(path: Path, known_checks: frozenset[str], enabled: bool = True) -> AttestationSet:
    """Read and validate an attestation file; an unknown check ID is an error naming its pointer."""
    from compliance.inputs.loader import load, validate
    from compliance.privacy import mask_document

    document, loaded = load(AttestationFile, path)
    # A reviewer's note is input too: a BSN typed into it must not reach a report.
    masked, hits = mask_document(loaded.raw)
    if hits:
        document = validate(AttestationFile, masked, str(path))
    unknown = [
        (f"/attestations/{index}/check_id", f"onbekende controle '{entry.check_id}'")
        for index, entry in enumerate(document.attestations)
        if entry.check_id not in known_checks
    ]
    if unknown:
        raise InputError(str(path), unknown)
    return AttestationSet(tuple(document.attestations), str(path), loaded.sha256, enabled)


def _matches(entry: Attestation, submission: Submission, tender_id: str) -> bool:
    return (
        entry.candidate_id == submission.candidate.id
        and entry.submission_id in (None, submission.submission_id)
        and entry.tender_id in (None, tender_id)
    )


def _effect(entry: Attestation, finding: Finding, on: date, enabled: bool) -> str:
    if finding.status is Status.FAIL:
        return "not_applied_fail"
    if finding.status is not Status.NEEDS_REVIEW:
        return "not_needed"
    if entry.reason_code is not None and entry.reason_code != finding.reason_code:
        return "other_reason"
    if on < entry.verified_on:
        return "not_yet_valid"
    if on > entry.expires_on:
        return "expired"
    return "applied" if enabled else "disabled"


_ATTENTION = {
    "expired": "Attestatie {id} is verlopen op {expires} en telt niet meer mee.",
    "not_yet_valid": "Attestatie {id} is gedateerd {on}, na de beoordelingsdatum, en telt niet mee.",
    "not_applied_fail": "Attestatie {id} telt niet mee: een attestatie kan een afwijzing niet opheffen.",
    "disabled": "Attestatie {id} ({by}, {on}) is niet toegepast (--no-attestations).",
    "other_reason": "Attestatie {id} geldt voor reden {reason}, niet voor deze; telt niet mee.",
}


def _note(entry: Attestation, finding: Finding, effect: str) -> AttestationNote:
    return AttestationNote(
        attestation_id=entry.id,
        check_id=entry.check_id,
        effect=effect,
        verified=entry.verified,
        verified_by=entry.verified_by,
        verified_on=entry.verified_on.isoformat(),
        expires_on=entry.expires_on.isoformat(),
        evidence=entry.evidence.describe(),
        original_status=finding.status,
        original_reason_code=finding.reason_code,
        original_reason=finding.reason,
    )


def _apply_one(finding: Finding, entry: Attestation, effect: str) -> Finding:
    note = _note(entry, finding, effect)
    if effect != "applied":
        message = _ATTENTION.get(effect)
        if message is None:
            return replace(finding, attestation=note)
        text = message.format(
            id=entry.id,
            expires=nl_date(entry.expires_on),
            on=nl_date(entry.verified_on),
            by=entry.verified_by,
            reason=entry.reason_code or "",
        )
        return replace(finding, attention=(*finding.attention, text), attestation=note)
    args = {
        "by": entry.verified_by,
        "on": nl_date(entry.verified_on),
        "what": entry.verified,
        "evidence": note.evidence,
        "expires": nl_date(entry.expires_on),
        "original": finding.reason,
    }
    reason, _ = render(ATTESTED, args)
    fact = Fact(
        name="handmatige verificatie",
        value=entry.verified,
        source=FactSource.ATTESTATION,
        detail=f"attestatie {entry.id}, {entry.verified_by}, {entry.verified_on.isoformat()}, {note.evidence}",
    )
    return replace(
        finding,
        status=Status.PASS,
        reason_code=ATTESTED,
        reason=reason,
        remedy="",
        reason_args=tuple(args.items()),
        facts=(*finding.facts, fact),
        attestation=note,
    )


def _rank(effect: str) -> int:
    """Which of several attestations for one finding to show: the one that counts, else the most telling."""
    order = ("applied", "disabled", "expired", "not_yet_valid", "not_applied_fail", "other_reason", "not_needed")
    return order.index(effect)


def apply_attestations(
    findings: tuple[Finding, ...], submission: Submission, tender_id: str, attestations: AttestationSet, on: date
) -> tuple[tuple[Finding, ...], AttestationsInfo]:
    """The findings with the attestation overlay, and the report's record of every match."""
    relevant = [entry for entry in attestations.entries if _matches(entry, submission, tender_id)]
    by_check: dict[str, list[Attestation]] = {}
    for entry in relevant:
        by_check.setdefault(entry.check_id, []).append(entry)
    result: list[Finding] = []
    uses: list[AttestationNote] = []
    for finding in findings:
        entries = by_check.get(finding.check_id)
        if not entries:
            result.append(finding)
            continue
        judged = sorted(
            ((entry, _effect(entry, finding, on, attestations.enabled)) for entry in entries),
            key=lambda item: (_rank(item[1]), -item[0].expires_on.toordinal(), item[0].id),
        )
        uses += [_note(entry, finding, effect) for entry, effect in judged]
        result.append(_apply_one(finding, *judged[0]))
    info = AttestationsInfo(
        source=attestations.source,
        sha256=attestations.sha256,
        applied=attestations.enabled,
        evaluated_on=on.isoformat(),
        uses=tuple(uses),
    )
    return tuple(result), info


__all__ = ["ATTESTED", "AttestationSet", "apply_attestations", "load_attestations"]
