"""The documents stage: read what a submission points to, before the (pure) checks run.

:func:`prepare` is the one entry point. It masks any BSN in the submission's own fields, reads
the CV PDF the submission names (safely, relative to the submission file), detects its
language, masks any BSN in its text, and returns the masked submission with the evidence the
checks read through ``CheckContext.documents``. The engine itself stays free of file I/O.

Heavy modules (pypdf, the language model) are imported only when a CV file is actually read.
"""

from __future__ import annotations

from pathlib import Path

from compliance.documents.evidence import (
    CV_POINTER,
    NO_DOCUMENTS,
    CvEvidence,
    DocumentEvidence,
    DocumentStatus,
    LanguageResult,
)
from compliance.models.report import DocumentInfo
from compliance.models.submission_v2 import SubmissionV2 as Submission
from compliance.privacy import BsnHit, mask_text


def read_cv(path: Path, shown_path: str) -> CvEvidence:
    """Read one CV PDF into evidence: hash, size, pages, masked text, language, BSN hits."""
    from compliance.documents.cv_pdf import read_pdf

    content = read_pdf(path)
    texts: list[str] = []
    hits: tuple[BsnHit, ...] = ()
    for number, raw in enumerate(content.page_texts, start=1):
        masked, found = mask_text(raw, f"cv, pagina {number}")
        texts.append(masked)
        hits += found
    language: LanguageResult | None = None
    if content.status is DocumentStatus.READ:
        from compliance.documents.language import detect_language

        language = detect_language("\n".join(texts))
    info = DocumentInfo(
        role="cv",
        path=shown_path,
        status=content.status.value,
        sha256=content.sha256,
        size_bytes=content.size_bytes,
        pages=content.pages,
        language=language.code if language else None,
        detail=content.detail,
    )
    return CvEvidence(info=info, page_texts=tuple(texts), language=language, bsn_hits=hits)


def prepare(submission: Submission, submission_file: Path | None) -> tuple[Submission, DocumentEvidence]:
    """Read the documents a (loader-masked) submission names.

    ``submission_file`` is where the submission was read from; relative document paths are
    resolved against its folder. Without it (a submission built in memory) no file is read.
    A refused path (absolute, climbing out, through a link) raises InputError.
    """
    # The submission itself was masked by the loader before it was validated (compliance.inputs.loader).
    cv_spec = submission.documents.cv
    if cv_spec is None or cv_spec.file is None or submission_file is None:
        return submission, NO_DOCUMENTS
    from compliance.documents.paths import resolve_document

    path = resolve_document(submission_file, cv_spec.file, CV_POINTER)
    return submission, DocumentEvidence(cv=read_cv(path, cv_spec.file))


__all__ = [
    "NO_DOCUMENTS",
    "CvEvidence",
    "DocumentEvidence",
    "DocumentStatus",
    "prepare",
    "read_cv",
]
