"""The posting as numbered lines, and the small value types every field rule returns.

Every value the importer extracts is a :class:`Sourced` value: the value plus the posting's own
words and the 1-based line numbers they stand on, so a reviewer can look each value up. What the
text does not settle is a :class:`Doubt` (a JSON pointer into the tender plus a Dutch reason),
never a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

# Markdown bold ("**donderdag 5 maart 2026**") and non-breaking spaces come with copied web pages;
# they carry no meaning for the rules, and a reviewer reads the line just as well without them.
_NOISE = re.compile(r"\*\*|__")
_SPACES = re.compile(r"[ \u00a0\u2007\u202f]+")


def clean_line(raw: str) -> str:
    """One line as the rules see it: markdown emphasis and repeated spaces gone, tabs kept."""
    text = _NOISE.sub("", raw).replace("\r", "")
    cells = [_SPACES.sub(" ", cell).strip() for cell in text.split("\t")]
    return "\t".join(cells).strip("\t ")


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the posting: its 1-based number and its cleaned text."""

    number: int
    text: str


@dataclass(frozen=True, slots=True)
class Source:
    """Where a value comes from: the posting's words and the line numbers they stand on."""

    text: str
    lines: tuple[int, ...]

    @staticmethod
    def of(lines: list[Line] | tuple[Line, ...]) -> Source:
        """The source spanning ``lines`` (joined with spaces, tabs shown as ' | ')."""
        text = " ".join(line.text.replace("\t", " | ") for line in lines)
        return Source(text, tuple(line.number for line in lines))

    def merged(self, other: Source) -> Source:
        """Both sources, for a value the posting states twice (consistently)."""
        numbers = tuple(sorted(set(self.lines) | set(other.lines)))
        return Source(f"{self.text} … {other.text}" if other.text != self.text else self.text, numbers)


@dataclass(frozen=True, slots=True)
class Sourced(Generic[T]):
    """A value with the words it was read from."""

    value: T
    source: Source


@dataclass(frozen=True, slots=True)
class Doubt:
    """Something the posting does not settle: a JSON pointer into the draft tender and why (Dutch)."""

    pointer: str
    reason: str


@dataclass(slots=True)
class Posting:
    """The text of one posting as numbered, cleaned lines (blank lines kept, so numbers match the file)."""

    file: str
    lines: list[Line]
    sha256: str
    kind: str  # "text", "html" or "pdf"

    @staticmethod
    def from_text(file: str, text: str, sha256: str, kind: str) -> Posting:
        """Number the lines of ``text`` from 1, as an editor shows them."""
        return Posting(file, [Line(i, clean_line(raw)) for i, raw in enumerate(text.splitlines(), 1)], sha256, kind)

    @property
    def nonblank(self) -> list[Line]:
        """The lines with text."""
        return [line for line in self.lines if line.text]
