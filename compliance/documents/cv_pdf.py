"""Read a supplier's CV PDF with pypdf: bytes, sha256, page count and the text of its pages.

Supplier PDFs are untrusted input. Every way a file can be unusable (absent, too large, not a
PDF, cut off, damaged, protected by a password) is a status with a Dutch reason, never an
exception. Limits keep a hostile file from costing unbounded time or memory: the size is capped
before anything is parsed, and text is taken from the first pages only.

pypdf reports the problems it repairs through the ``pypdf`` logger and Python warnings; those
are captured and counted here rather than printed, because their text can quote file content.
"""

from __future__ import annotations

import io
import logging
import os
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from compliance.canonical import sha256_hex
from compliance.documents.evidence import DocumentStatus

MAX_PDF_BYTES = 10 * 1024 * 1024  # a CV of a few pages is well under 1 MB; 10 MB leaves room for photos
MAX_TEXT_PAGES = 25  # text is read from at most this many pages; the page count is always complete
MAX_TEXT_CHARS_PER_PAGE = 20_000  # more on one page is not CV prose; the rest is dropped


@dataclass(frozen=True, slots=True)
class PdfContent:
    """What reading one PDF gave. ``page_texts`` is raw (unmasked): mask it before keeping it."""

    status: DocumentStatus
    detail: str  # Dutch: the reason when not READ, or what was noticed while reading
    size_bytes: int | None = None
    sha256: str | None = None
    pages: int | None = None
    page_texts: tuple[str, ...] = ()
    repaired: int = 0  # problems pypdf reported and worked around


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@contextmanager
def _quiet_pypdf() -> Iterator[_Collector]:
    """Count pypdf's log records and warnings instead of letting them reach stderr."""
    logger = logging.getLogger("pypdf")
    collector = _Collector()
    propagate = logger.propagate
    logger.addHandler(collector)
    logger.propagate = False
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield collector
        collector.count += len(caught)
    finally:
        logger.removeHandler(collector)
        logger.propagate = propagate


def _read_capped(path: Path, limit: int) -> bytes:
    # O_NOFOLLOW: the path was checked for links, but the file could be swapped for one since.
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(descriptor, "rb") as stream:
        return stream.read(limit + 1)


def read_pdf(path: Path, max_bytes: int = MAX_PDF_BYTES, max_text_pages: int = MAX_TEXT_PAGES) -> PdfContent:
    """Read one PDF; the result's status says whether its facts can be used."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            return PdfContent(DocumentStatus.UNREADABLE, "dit is geen gewoon bestand")
        if size > max_bytes:
            return PdfContent(
                DocumentStatus.TOO_LARGE,
                f"het bestand is te groot ({size} bytes, maximaal {max_bytes})",
                size_bytes=size,
            )
        data = _read_capped(path, max_bytes)
    except FileNotFoundError:
        return PdfContent(DocumentStatus.MISSING, "bestand niet gevonden")
    except OSError as exc:
        return PdfContent(DocumentStatus.UNREADABLE, f"bestand niet leesbaar ({exc.strerror or type(exc).__name__})")
    if len(data) > max_bytes:  # grew after stat
        return PdfContent(DocumentStatus.TOO_LARGE, f"het bestand is te groot (meer dan {max_bytes} bytes)")
    return read_pdf_bytes(data, max_text_pages)


def read_pdf_bytes(data: bytes, max_text_pages: int = MAX_TEXT_PAGES) -> PdfContent:
    """Parse PDF bytes already read (and size-checked)."""
    size, digest = len(data), sha256_hex(data)

    def outcome(
        status: DocumentStatus, detail: str, pages: int | None = None, texts: tuple[str, ...] = (), repaired: int = 0
    ) -> PdfContent:
        return PdfContent(status, detail, size, digest, pages, texts, repaired)

    if b"%PDF-" not in data[:1024]:
        return outcome(DocumentStatus.NOT_PDF, "het bestand is geen PDF (de PDF-kop ontbreekt)")
    # A PDF ends with %%EOF; without it the file was cut off (an interrupted upload or copy).
    if b"%%EOF" not in data[-1024:]:
        return outcome(DocumentStatus.TRUNCATED, "het bestand is onvolledig (afgebroken: het PDF-einde ontbreekt)")
    from pypdf import PasswordType, PdfReader

    with _quiet_pypdf() as log:
        try:
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
                return outcome(DocumentStatus.ENCRYPTED, "het bestand is met een wachtwoord beveiligd")
            pages = len(reader.pages)
            texts: list[str] = []
            for page in list(reader.pages)[:max_text_pages]:
                texts.append((page.extract_text() or "")[:MAX_TEXT_CHARS_PER_PAGE])
        except Exception as exc:
            # pypdf on hostile input can raise nearly anything (its own errors, but also KeyError,
            # TypeError, RecursionError...): every one of them means "this PDF cannot be read".
            if "decrypt" in str(exc).casefold() or type(exc).__name__ == "DependencyError":
                return outcome(DocumentStatus.ENCRYPTED, "het bestand is beveiligd en kon niet worden ontsleuteld")
            return outcome(DocumentStatus.DAMAGED, f"het bestand is beschadigd ({type(exc).__name__})")
    if pages == 0:
        return outcome(DocumentStatus.DAMAGED, "het bestand bevat geen pagina's")
    notes: list[str] = []
    if reader.is_encrypted:
        notes.append("beveiligd zonder openingswachtwoord (alleen rechtenbeperking)")
    if pages > max_text_pages:
        notes.append(f"tekst alleen van de eerste {max_text_pages} van {pages} pagina's gelezen")
    if log.count:
        notes.append(f"{log.count} structuurfout(en) hersteld bij het lezen")
    return outcome(DocumentStatus.READ, "; ".join(notes), pages, tuple(texts), log.count)


__all__ = ["MAX_PDF_BYTES", "MAX_TEXT_PAGES", "PdfContent", "read_pdf", "read_pdf_bytes"]
