"""The posting importer: a Flextender/DAS posting's text becomes a draft tender v2.

``import_posting(path)`` reads the file (text, HTML or PDF), splits it into summary fields and
sections, runs one small rule per field, and maps the result to a tender v2 dict in which every
value carries its source lines and every doubt is a ``to_confirm`` item.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from compliance.importer.errors import PostingError
from compliance.importer.extract import extract
from compliance.importer.reading import read_posting
from compliance.importer.to_tender import ImportedTender, to_tender


def import_posting(path: Path, tender_id: str | None = None, imported_at: datetime | None = None) -> ImportedTender:
    """Read and import one posting; :class:`PostingError` when it cannot be read."""
    return to_tender(extract(read_posting(path)), tender_id, imported_at)


__all__ = ["ImportedTender", "PostingError", "import_posting"]
