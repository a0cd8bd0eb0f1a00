"""Attestation file format v1: what a reviewer verified by hand, per check and candidate.

Some facts are in no API: the Waadi indicator shows only on kvk.nl and on a KvK extract, an
SKJ register entry only in the public register, a VOG only when it is shown at intake. A
reviewer who has seen them records it here: which check, which candidate, what was verified,
by whom, when, with which evidence (the sha256 of a document kept in the file, or a reference
to where it can be found), and until when it holds. ``schemas/attestation.schema.json`` is
generated from these models.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import Field, model_validator

from compliance.models.common import NonEmptyStr, StrictModel

CheckId = Annotated[
    str, Field(pattern=r"^[A-Z]{2,5}(-[A-Z0-9]+)+-\d{3}$", description="A check ID, e.g. NL-WAADI-001.")
]


AttesterRole = Literal["client", "platform", "supplier", "candidate", "other"]
"""Who attests: the buyer (client), the DAS platform, the supplier itself, the candidate, or someone else.
Only the roles a tender trusts (never the supplier about itself) can lift needs review to pass."""


class AttestationEvidence(StrictModel):
    """What the reviewer saw: a document's hash, a reference, or both; optionally the document itself."""

    sha256: str | None = Field(
        default=None, pattern=r"^[0-9a-f]{64}$", description="sha256 (lower-case hex) of the document seen."
    )
    file: str | None = Field(
        default=None,
        min_length=1,
        max_length=500,
        description="The document seen, relative to the attestation file; its sha256 is checked against 'sha256'.",
    )
    reference: str | None = Field(
        default=None,
        min_length=1,
        max_length=500,
        description="Where the evidence is kept, e.g. 'KvK-uittreksel 2026-02-20, dossier 27442/0007'.",
    )

    @model_validator(mode="after")
    def _something(self) -> AttestationEvidence:
        if self.sha256 is None and self.reference is None:
            raise ValueError("geef een sha256 van het document, een referentie, of beide")
        if self.file is not None and self.sha256 is None:
            raise ValueError("bij een bewijsbestand (file) hoort de sha256 van dat bestand")
        return self

    def describe(self) -> str:
        """One line for a report."""
        parts = [f"sha256 {self.sha256}" if self.sha256 else "", self.reference or "", self.file or ""]
        return "; ".join(part for part in parts if part)


class Attestation(StrictModel):
    """One verification by a person, for one check of one candidate."""

    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    check_id: CheckId
    candidate_id: Annotated[str, Field(min_length=1, max_length=64)]
    submission_id: str | None = Field(default=None, max_length=80, description="Only this submission, when given.")
    tender_id: str | None = Field(default=None, max_length=80, description="Only this tender, when given.")
    reason_code: str | None = Field(
        default=None,
        max_length=80,
        description="Only when the check needs review for this reason (e.g. WAADI_NO_LENDING_CODE).",
    )
    verified: Annotated[str, Field(min_length=1, max_length=1000, description="What was verified, in words.")]
    verified_by: NonEmptyStr
    attester_role: AttesterRole | None = Field(
        default=None,
        description="The verifier's role. Left out (files from before roles), the attestation cannot lift a finding.",
    )
    verified_on: date
    evidence: AttestationEvidence
    expires_on: date = Field(description="After this date the attestation no longer counts.")

    @model_validator(mode="after")
    def _dates_in_order(self) -> Attestation:
        if self.expires_on < self.verified_on:
            raise ValueError(f"expires_on ({self.expires_on}) ligt vóór verified_on ({self.verified_on})")
        return self


class AttestationFile(StrictModel):
    """A file of attestations (format v1)."""

    schema_version: Literal["1"]
    attestations: list[Attestation] = Field(max_length=100_000)

    @model_validator(mode="after")
    def _unique_ids(self) -> AttestationFile:
        seen: set[str] = set()
        for attestation in self.attestations:
            if attestation.id in seen:
                raise ValueError(f"attestatie-ID '{attestation.id}' komt meer dan eens voor")
            seen.add(attestation.id)
        return self
