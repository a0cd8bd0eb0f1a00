"""What the documents stage hands to the checks: the facts each supplier document showed.

Everything here is in memory only. The report keeps a :class:`DocumentInfo` per document
(path, sha256, size, pages, status); the text stays here, already BSN-masked, so a check can
search it but nothing can print a BSN from it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from compliance.models.findings import Fact, FactSource
from compliance.models.report import DocumentInfo

if TYPE_CHECKING:  # only named in annotations; the privacy module is imported where BSNs are searched
    from compliance.privacy import BsnHit

# Below this many letters the PDF has no usable text layer (a scan, an image-only export):
# the language and what the CV states cannot be judged from it.
MIN_TEXT_LETTERS = 200

CV_POINTER = "/documents/cv/file"


def flatten(text: str) -> str:
    """NFKC-normalised text with every run of white space as one space (PDF text breaks lines anywhere).

    Here rather than in :mod:`compliance.documents.cv_text`, whose patterns are compiled at import:
    the reference check reads names with it on every offer, also when no CV file was read."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


class DocumentStatus(StrEnum):
    """The outcome of reading one document. Only READ carries facts; every other is needs_review."""

    READ = "read"
    MISSING = "missing"
    UNREADABLE = "unreadable"
    TOO_LARGE = "too_large"
    NOT_PDF = "not_pdf"
    ENCRYPTED = "encrypted"
    TRUNCATED = "truncated"
    DAMAGED = "damaged"


@dataclass(frozen=True, slots=True)
class LanguageResult:
    """The detected language of a text: an ISO 639-1 code, or ``und`` when it cannot be said."""

    code: str
    share: float  # share of the classified text written in ``code`` (0 when undetermined)
    detail: str  # Dutch: how it was decided, e.g. "nl 96% van 4.210 letters"


@dataclass(frozen=True, slots=True)
class CvEvidence:
    """The CV as read from its PDF: the report's record plus the masked text per page."""

    info: DocumentInfo
    page_texts: tuple[str, ...] = ()  # BSN-masked; only the pages read (see cv_pdf.MAX_TEXT_PAGES)
    language: LanguageResult | None = None
    bsn_hits: tuple[BsnHit, ...] = ()

    @property
    def readable(self) -> bool:
        """The file was read as a PDF (it may still lack a text layer)."""
        return self.info.status == DocumentStatus.READ.value

    @property
    def text(self) -> str:
        """The masked text of the pages read, pages separated by a blank line."""
        return "\n\n".join(self.page_texts)

    @property
    def has_text(self) -> bool:
        """Enough text to judge what the CV states (not a scan without a text layer)."""
        return self.readable and len(re.findall(r"[^\W\d_]", self.text)) >= MIN_TEXT_LETTERS

    def fact(self, name: str, value: object) -> Fact:
        """A fact read from this CV, with the file and its hash as provenance."""
        text = "(niet vermeld)" if value is None else str(value)
        sha = self.info.sha256 or "onbekend"
        return Fact(
            name=name,
            value=text,
            source=FactSource.DOCUMENT,
            detail=f"cv-bestand {self.info.path} (sha256 {sha})",
            pointer=CV_POINTER,
        )

    def problem(self) -> str:
        """Dutch: why the CV's facts cannot be used (empty when they can)."""
        if not self.readable:
            return f"het cv-bestand {self.info.path} kon niet worden gelezen: {self.info.detail}"
        if not self.has_text:
            return f"het cv-bestand {self.info.path} bevat (vrijwel) geen leesbare tekst, bijvoorbeeld een scan"
        return ""


@dataclass(frozen=True, slots=True)
class DocumentEvidence:
    """Every document fact of one submission; ``cv`` is None when the submission names no CV file."""

    cv: CvEvidence | None = None

    def records(self) -> tuple[DocumentInfo, ...]:
        """What the report keeps of the documents read."""
        return (self.cv.info,) if self.cv is not None else ()

    def hashes(self) -> tuple[str, ...]:
        """The sha256 of every document read, for the decision key."""
        return tuple(record.sha256 for record in self.records() if record.sha256)


NO_DOCUMENTS = DocumentEvidence()
"""The evidence of a submission for which no documents were read (today's behaviour)."""
