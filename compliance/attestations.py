"""Reviewer attestations: an overlay on the findings that keeps the checker's own view visible.

Rules, in order of precedence:

* An attestation only ever turns ``needs_review`` into ``pass``. A ``fail`` stays a fail (what
  the supplier declared or the registry showed cannot be argued away by a note), an ``error``
  stays an error, and a ``pass`` needs nothing.
* Only an attester whose role the tender trusts (the client or the platform, ``attestations``
  in the tender file; never the supplier about itself) can lift a finding. An attestation
  without a role, or with another role, is listed as ``untrusted_role``.
* When the evidence names a file, the file's sha256 must equal the one stated; otherwise the
  attestation is listed as ``evidence_mismatch`` (or ``evidence_missing``) and changes nothing.
* Its validity is judged at the deadline, and for conditions that must hold at the start (a
  registration, a VOG) also at the planned start, never at the date of the run: it must not
  expire before those dates. Only an attestation dated after the decision itself is
  ``not_yet_valid``. An expired one is listed, says so, and changes nothing.
* With ``--no-attestations`` the file is still read and matched, and each match is listed as
  ``disabled``: the unattested view a legal reviewer asks for, with what would have changed.

Every finding an attestation touched carries an :class:`AttestationNote` with the original
status and reason, and the report lists every matching attestation with its effect.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from types import MappingProxyType

from compliance.dates import nl_date
from compliance.errors import InputError
from compliance.i18n import define, render
from compliance.models.attestation import Attestation, AttestationFile
from compliance.models.findings import AttestationNote, Fact, FactSource, Finding, Status
from compliance.models.report import AttestationsInfo
from compliance.models.submission_v2 import SubmissionV2 as Submission

ATTESTED = define(
    "ATTESTED",
    "Handmatig geverifieerd door {by} ({role}) op {on}: {what} (bewijs: {evidence}; geldig tot {expires}; "
    "geldigheid beoordeeld op {judged_at}). Zonder attestatie: {original}",
    "Verified by hand by {by} ({role}) on {on}: {what} (evidence: {evidence}; valid until {expires}; "
    "validity judged at {judged_at}). Without the attestation: {original}",
)

ROLE_LABELS = {
    "client": "opdrachtgever",
    "platform": "platform",
    "supplier": "inschrijver",
    "candidate": "kandidaat",
    "other": "overig",
}


@dataclass(frozen=True, slots=True)
class AttestationSet:
    """A loaded attestation file: its entries, where it came from, and whether to apply it."""

    entries: tuple[Attestation, ...]
    source: str
    sha256: str
    enabled: bool = True
    # Per attestation ID with an evidence file: "match", "mismatch" or "missing" (checked on load).
    evidence_files: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True, slots=True)
class AttestationJudgement:
    """What an attestation is judged against: the tender's trusted roles and reference dates."""

    tender_id: str
    trusted_roles: frozenset[str]
    deadline: date
    planned_start: date
    start_checks: frozenset[str]  # checks whose condition must also hold at the planned start
    decided_on: date  # the decision's own date: an attestation dated later is not yet valid


def _evidence_file_status(path: Path, index: int, entry: Attestation) -> str | None:
    """Compare a named evidence file with its stated sha256; a path outside the folder is bad input."""
    from compliance.documents.paths import resolve_document

    evidence = entry.evidence
    if evidence.file is None:
        return None
    file = resolve_document(path, evidence.file, f"/attestations/{index}/evidence/file")
    try:
        digest = hashlib.sha256(file.read_bytes()).hexdigest()
    except OSError:
        return "missing"
    return "match" if digest == evidence.sha256 else "mismatch"


def load_attestations(path: Path, known_checks: frozenset[str], enabled: bool = True) -> AttestationSet:
    """Read and validate an attestation file; an unknown check ID is an error naming its pointer.

    Evidence files named in it are hashed now (relative to the file), so the overlay can refuse an
    attestation whose document is not the one it claims.
    """
    from compliance.inputs.loader import load

    # The loader masks every input before validation, a reviewer's note included.
    document, loaded = load(AttestationFile, path)
    unknown = [
        (f"/attestations/{index}/check_id", f"onbekende controle '{entry.check_id}'")
        for index, entry in enumerate(document.attestations)
        if entry.check_id not in known_checks
    ]
    if unknown:
        raise InputError(str(path), unknown)
    files = {
        entry.id: status
        for index, entry in enumerate(document.attestations)
        if (status := _evidence_file_status(path, index, entry)) is not None
    }
    return AttestationSet(tuple(document.attestations), str(path), loaded.sha256, enabled, MappingProxyType(files))


def _matches(entry: Attestation, submission: Submission, tender_id: str) -> bool:
    return (
        entry.candidate_id == submission.candidate.id
        and entry.submission_id in (None, submission.submission_id)
        and entry.tender_id in (None, tender_id)
    )


def _judged_at(check_id: str, judgement: AttestationJudgement) -> tuple[tuple[str, date], ...]:
    """The moments an attestation for ``check_id`` must still be valid at."""
    moments = [("de sluitingsdatum", judgement.deadline)]
    if check_id in judgement.start_checks:
        moments.append(("de geplande start", judgement.planned_start))
    return tuple(moments)


def _effect(entry: Attestation, finding: Finding, judgement: AttestationJudgement, attestations: AttestationSet) -> str:
    if finding.status is Status.FAIL:
        return "not_applied_fail"
    if finding.status is not Status.NEEDS_REVIEW:
        return "not_needed"
    if entry.reason_code is not None and entry.reason_code != finding.reason_code:
        return "other_reason"
    if entry.attester_role not in judgement.trusted_roles:
        return "untrusted_role"
    file_status = attestations.evidence_files.get(entry.id)
    if file_status == "mismatch":
        return "evidence_mismatch"
    if file_status == "missing":
        return "evidence_missing"
    if judgement.decided_on < entry.verified_on:
        return "not_yet_valid"
    if any(entry.expires_on < day for _, day in _judged_at(finding.check_id, judgement)):
        return "expired"
    return "applied" if attestations.enabled else "disabled"


_ATTENTION = {
    "expired": "Attestatie {id} is verlopen op {expires}, vóór {moments}, en telt niet mee.",
    "not_yet_valid": "Attestatie {id} is gedateerd {on}, na deze beoordeling, en telt niet mee.",
    "not_applied_fail": "Attestatie {id} telt niet mee: een attestatie kan een afwijzing niet opheffen.",
    "disabled": "Attestatie {id} ({by}, {on}) is niet toegepast (--no-attestations).",
    "other_reason": "Attestatie {id} geldt voor reden {reason}, niet voor deze; telt niet mee.",
    "untrusted_role": "Attestatie {id} telt niet mee: de rol van {by} ({role}) is voor deze uitvraag geen "
    "vertrouwde attestant (vertrouwd: {trusted}).",
    "evidence_mismatch": "Attestatie {id} telt niet mee: de sha256 van bewijsbestand {file} wijkt af van de "
    "opgegeven sha256.",
    "evidence_missing": "Attestatie {id} telt niet mee: bewijsbestand {file} is niet te lezen.",
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


def _moments_text(check_id: str, judgement: AttestationJudgement) -> str:
    return " en ".join(f"{what} ({nl_date(day)})" for what, day in _judged_at(check_id, judgement))


def _role(entry: Attestation) -> str:
    return ROLE_LABELS[entry.attester_role] if entry.attester_role else "rol niet opgegeven"


def _apply_one(finding: Finding, entry: Attestation, effect: str, judgement: AttestationJudgement) -> Finding:
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
            role=_role(entry),
            trusted=", ".join(ROLE_LABELS[role] for role in sorted(judgement.trusted_roles)),
            file=entry.evidence.file or "",
            moments=_moments_text(finding.check_id, judgement),
        )
        return replace(finding, attention=(*finding.attention, text), attestation=note)
    args = {
        "by": entry.verified_by,
        "role": _role(entry),
        "on": nl_date(entry.verified_on),
        "what": entry.verified,
        "evidence": note.evidence,
        "expires": nl_date(entry.expires_on),
        "judged_at": _moments_text(finding.check_id, judgement),
        "original": finding.reason,
    }
    reason, _ = render(ATTESTED, args)
    checked = " (sha256 van het bestand gecontroleerd)" if entry.evidence.file else ""
    fact = Fact(
        name="handmatige verificatie",
        value=entry.verified,
        source=FactSource.ATTESTATION,
        detail=f"attestatie {entry.id}, {entry.verified_by} ({_role(entry)}), {entry.verified_on.isoformat()}, "
        f"{note.evidence}{checked}",
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
    order = (
        "applied",
        "disabled",
        "expired",
        "not_yet_valid",
        "evidence_mismatch",
        "evidence_missing",
        "untrusted_role",
        "not_applied_fail",
        "other_reason",
        "not_needed",
    )
    return order.index(effect)


def apply_attestations(
    findings: tuple[Finding, ...], submission: Submission, attestations: AttestationSet, judgement: AttestationJudgement
) -> tuple[tuple[Finding, ...], AttestationsInfo]:
    """The findings with the attestation overlay, and the report's record of every match."""
    relevant = [entry for entry in attestations.entries if _matches(entry, submission, judgement.tender_id)]
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
            ((entry, _effect(entry, finding, judgement, attestations)) for entry in entries),
            key=lambda item: (_rank(item[1]), -item[0].expires_on.toordinal(), item[0].id),
        )
        uses += [_note(entry, finding, effect) for entry, effect in judged]
        result.append(_apply_one(finding, *judged[0], judgement))
    info = AttestationsInfo(
        source=attestations.source,
        sha256=attestations.sha256,
        applied=attestations.enabled,
        evaluated_on=judgement.deadline.isoformat(),  # validity is judged at the deadline (and the start)
        uses=tuple(uses),
    )
    return tuple(result), info


__all__ = [
    "ATTESTED",
    "ROLE_LABELS",
    "AttestationJudgement",
    "AttestationSet",
    "apply_attestations",
    "load_attestations",
]
