"""The importer's test corpus: postings written for the tests, each with its expected values.

``NAME.txt`` / ``NAME.html`` is a posting as copied from a page; ``NAME.pdftext`` is the text of a
posting that the tests and the benchmark turn into a PDF with reportlab (so a PDF is read through
pypdf like a real one). ``NAME.expected.json`` holds what the import must give:

* ``fields``: JSON pointer into the draft tender → the expected value;
* ``to_confirm``: the pointers that must be listed as open items (and no others).

The Heerde seed posting (``../shared/seed``) is part of the corpus too, when present.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SEED = HERE.parents[2] / "shared" / "seed" / "heerde-27442-gezinscoach.txt"
POSTING_SUFFIXES = (".txt", ".html", ".pdftext")


@dataclass(frozen=True)
class Case:
    """One posting of the corpus and what its import must give."""

    name: str
    source: Path  # the file as written (a .pdftext is turned into a PDF first)
    expected: dict[str, Any]

    def posting(self, work: Path) -> Path:
        """The file to import: the source itself, or the PDF made from a .pdftext in ``work``."""
        if self.source.suffix != ".pdftext":
            return self.source
        target = work / f"{self.name}.pdf"
        if not target.exists():
            write_pdf(self.source.read_text(encoding="utf-8"), target)
        return target


def write_pdf(text: str, target: Path) -> None:
    """A text PDF of ``text``, one line per text line, new pages as needed (reportlab)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(target), pagesize=A4, invariant=True)
    y = A4[1] - 60
    for line in text.splitlines():
        if y < 60:
            pdf.showPage()
            y = A4[1] - 60
        pdf.setFont("Helvetica-Bold" if line and not line.endswith((".", ";")) and len(line) < 40 else "Helvetica", 10)
        pdf.drawString(50, y, line)
        y -= 14
    pdf.save()


def cases() -> list[Case]:
    """Every posting with an expected file, the seed first."""
    found = []
    for expected in sorted(HERE.glob("*.expected.json")):
        name = expected.name.removesuffix(".expected.json")
        sources = [HERE / f"{name}{suffix}" for suffix in POSTING_SUFFIXES if (HERE / f"{name}{suffix}").exists()]
        if name == "heerde-27442-gezinscoach":
            sources = [SEED] if SEED.exists() else []
        if sources:
            found.append(Case(name, sources[0], json.loads(expected.read_text(encoding="utf-8"))))
    return sorted(found, key=lambda case: case.name != "heerde-27442-gezinscoach")


def resolve_pointer(document: Any, pointer: str) -> Any:
    """The value at a JSON pointer, or the marker ``MISSING`` when it is not there."""
    node = document
    for part in pointer.split("/")[1:]:
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        elif isinstance(node, dict) and part in node:
            node = node[part]
        else:
            return MISSING
    return node


MISSING = "<ontbreekt>"


def score(tender: dict[str, Any], expected: dict[str, Any]) -> tuple[list[str], list[str], list[str]]:
    """(wrong fields, doubts not flagged, flags not expected) of one import against its expectation."""
    wrong = [
        f"{pointer}: verwacht {json.dumps(value, ensure_ascii=False)}, kreeg {json.dumps(resolve_pointer(tender, pointer), ensure_ascii=False)}"
        for pointer, value in expected["fields"].items()
        if resolve_pointer(tender, pointer) != value
    ]
    flagged = {item["pointer"] for item in tender["to_confirm"]}
    missed = sorted(set(expected["to_confirm"]) - flagged)
    extra = sorted(flagged - set(expected["to_confirm"]))
    return wrong, missed, extra
