"""Embedded fonts for the PDF report.

A filed report must print the same everywhere, so every glyph comes from a font embedded in the
file: the 14 standard PDF fonts (Helvetica & co.) are not embedded and a viewer substitutes them,
and they cannot print every character (``€`` is outside their WinAnsi subset in some viewers).

We use Bitstream Vera Sans, which reportlab itself ships in ``reportlab/fonts`` (licence:
``bitstream-vera-license.txt`` next to it, which allows embedding). It covers Latin-1 plus ``€``,
typographic quotes and dashes, so Dutch diacritics and amounts print. Relying on a font inside a
pip package rather than ``/usr/share/fonts`` makes the report identical on a fresh machine, in CI
and on a developer's laptop, and keeps the render byte-for-byte reproducible.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path


@dataclass(frozen=True, slots=True)
class FontFamily:
    """The registered reportlab font names of one family."""

    regular: str
    bold: str
    italic: str
    bold_italic: str


SANS = FontFamily(
    regular="ComplianceSans",
    bold="ComplianceSans-Bold",
    italic="ComplianceSans-Italic",
    bold_italic="ComplianceSans-BoldItalic",
)

_FILES = {
    SANS.regular: "Vera.ttf",
    SANS.bold: "VeraBd.ttf",
    SANS.italic: "VeraIt.ttf",
    SANS.bold_italic: "VeraBI.ttf",
}


def _font_folder() -> Path:
    import reportlab

    return Path(reportlab.__file__).resolve().parent / "fonts"


@cache
def register_fonts() -> FontFamily:
    """Register the embedded sans family once per process and return its names.

    ``<b>`` and ``<i>`` in paragraphs map to the bold and italic faces through the family
    registration, so no markup ever falls back to a standard (unembedded) font.
    """
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = _font_folder()
    for name, file_name in _FILES.items():
        path = folder / file_name
        if not path.is_file():  # pragma: no cover - only with a broken reportlab installation
            raise RuntimeError(f"font {path} missing from the reportlab installation")
        pdfmetrics.registerFont(TTFont(name, str(path)))
    for bold, italic, name in (
        (0, 0, SANS.regular),
        (1, 0, SANS.bold),
        (0, 1, SANS.italic),
        (1, 1, SANS.bold_italic),
    ):
        addMapping(SANS.regular, bold, italic, name)
    return SANS
