"""Read a posting file (plain text, HTML or PDF) into numbered lines, or say in Dutch why not.

The file kind is decided by its content, not its name: a PDF starts with ``%PDF-``, HTML has tags
such as ``<html>`` or ``<p>``; anything else must be text (UTF-8, or Windows-1252 as older
exports are). An empty file, a binary file or a scan without a text layer is a
:class:`~compliance.importer.errors.PostingError`, never a traceback.
"""

from __future__ import annotations

import re
from pathlib import Path

from compliance.canonical import sha256_hex
from compliance.importer.errors import PostingError
from compliance.importer.html_text import html_to_text
from compliance.importer.text import Posting

MAX_POSTING_BYTES = 5 * 1024 * 1024  # a posting page is tens of kilobytes; a PDF with a logo well under 5 MB
MIN_LETTERS = 40  # less than this is no posting (a title alone, a page number)

_HTML_HINT = re.compile(rb"<\s*(?:!doctype\s+html|html|body|p|div|h[1-6]|table|ul)\b", re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")


def _decode(file: str, data: bytes) -> str:
    # NUL bytes and a high share of control characters mean a binary file (an image, a Word file).
    controls = sum(1 for byte in data[:4096] if byte < 32 and byte not in (9, 10, 12, 13))
    if b"\x00" in data[:4096] or controls > len(data[:4096]) * 0.05:
        raise PostingError(
            file, "dit is geen tekst, HTML of PDF (binair bestand); sla de uitvraag op als tekst, HTML of PDF"
        )
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise PostingError(file, "de tekstcodering is onbekend (verwacht UTF-8 of Windows-1252)")


def _pdf_text(file: str, path: Path) -> str:
    from compliance.documents.cv_pdf import read_pdf
    from compliance.documents.evidence import DocumentStatus

    content = read_pdf(path, max_bytes=MAX_POSTING_BYTES)
    if content.status is not DocumentStatus.READ:
        raise PostingError(file, f"de PDF is niet leesbaar: {content.detail}")
    text = "\n".join(content.page_texts)
    if len(_LETTER.findall(text)) < MIN_LETTERS:
        raise PostingError(
            file,
            "de PDF bevat geen tekst (een scan of afbeelding?); gebruik de tekst van de vacaturepagina of een PDF met tekstlaag",
        )
    return text


def read_posting(path: Path) -> Posting:
    """The posting at ``path`` as numbered lines; :class:`PostingError` when it cannot be read."""
    file = str(path)
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_POSTING_BYTES + 1)
    except FileNotFoundError:
        raise PostingError(file, "bestand niet gevonden") from None
    except IsADirectoryError:
        raise PostingError(file, "dit is een map, geen bestand") from None
    except OSError as error:
        raise PostingError(file, f"bestand niet leesbaar ({error.strerror or type(error).__name__})") from None
    if len(data) > MAX_POSTING_BYTES:
        raise PostingError(file, f"het bestand is te groot voor een uitvraag (meer dan {MAX_POSTING_BYTES} bytes)")
    if not data.strip():
        raise PostingError(file, "het bestand is leeg")
    digest = sha256_hex(data)
    if data.lstrip()[:5] == b"%PDF-":
        return Posting.from_text(file, _pdf_text(file, path), digest, "pdf")
    text = _decode(file, data)
    kind = "text"
    if _HTML_HINT.search(data[:20000]):
        text, kind = html_to_text(text), "html"
    if len(_LETTER.findall(text)) < MIN_LETTERS:
        raise PostingError(file, "het bestand bevat te weinig tekst voor een uitvraag")
    return Posting.from_text(file, text, digest, kind)
