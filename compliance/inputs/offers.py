"""Reading one offer file for a tender: the step ``check`` and ``intake`` share.

Validate the file (within the input limits, every BSN masked before validation), make sure it is
meant for this tender, then run the documents stage (read the CV it names, masking any BSN in its
text). Everything that can go wrong is an InputError naming file and field.
"""

from __future__ import annotations

from pathlib import Path

from compliance.documents.evidence import DocumentEvidence
from compliance.errors import InputError
from compliance.inputs.loader import Loaded, load
from compliance.models.submission import Submission


def load_offer(path: Path, tender_id: str) -> tuple[Submission, Loaded, DocumentEvidence]:
    """The validated (BSN-masked) submission, what was read, and the documents it names."""
    from compliance.documents import prepare

    submission, loaded = load(Submission, path)
    if submission.tender_id != tender_id:
        raise InputError(
            str(path), [("/tender_id", f"inschrijving is voor '{submission.tender_id}', niet voor '{tender_id}'")]
        )
    masked, documents = prepare(submission, path)
    return masked, loaded, documents
