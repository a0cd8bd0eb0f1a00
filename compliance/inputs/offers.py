"""Reading one offer file for a tender: the step ``check`` and ``intake`` share.

Validate the file (within the input limits, every BSN masked before validation), make sure it is
meant for this tender, then run the documents stage (read the CV it names, masking any BSN in its
text). Everything that can go wrong is an InputError naming file and field.
"""

from __future__ import annotations

from pathlib import Path

from compliance.documents.evidence import DocumentEvidence
from compliance.errors import InputError
from compliance.inputs.loader import Loaded, read_document
from compliance.inputs.versions import parse_offer
from compliance.models.submission_v2 import SubmissionV2
from compliance.models.tender_v2 import TenderV2


def load_offer(path: Path, tender: TenderV2) -> tuple[SubmissionV2, Loaded, DocumentEvidence]:
    """The validated (BSN-masked) submission, what was read, and the documents it names.

    An offer of format v1 is upgraded to v2 against the tender's vocabulary (see
    :mod:`compliance.inputs.versions`)."""
    return offer_from(read_document(path), path, tender)


def offer_from(loaded: Loaded, path: Path, tender: TenderV2) -> tuple[SubmissionV2, Loaded, DocumentEvidence]:
    """:func:`load_offer` for an offer already read (``loaded.path`` names it in errors); the documents it
    names are looked up next to ``path``."""
    from compliance.documents import prepare

    submission = parse_offer(loaded.raw, loaded.path, tender)
    if submission.tender_id != tender.tender_id:
        raise InputError(
            loaded.path,
            [("/tender_id", f"inschrijving is voor '{submission.tender_id}', niet voor '{tender.tender_id}'")],
        )
    masked, documents = prepare(submission, path)
    return masked, loaded, documents
