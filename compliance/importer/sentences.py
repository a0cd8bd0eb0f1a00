"""Sentences of a posting with their lines: the unit most field rules read."""

from __future__ import annotations

import re
from dataclasses import dataclass

from compliance.importer.text import Line, Source

# A sentence ends at . ! ? ; followed by a space and a capital, a digit or a quote ("5 maart 2026. De ...").
_END = re.compile(r"(?<=[.!?;])\s+(?=[A-Z0-9\"'“‘(-])")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence and the line it stands on (sentences are not joined across lines)."""

    text: str
    line: Line

    @property
    def source(self) -> Source:
        """The sentence as a source: its own words and its line number."""
        return Source(self.text, (self.line.number,))


def sentences(lines: list[Line]) -> list[Sentence]:
    """Every sentence of ``lines`` (list items and table rows count as one sentence each)."""
    found: list[Sentence] = []
    for line in lines:
        if not line.text:
            continue
        for part in _END.split(line.text.replace("\t", " ")):
            if part.strip():
                found.append(Sentence(part.strip(), line))
    return found


def matching(lines: list[Line], pattern: re.Pattern[str]) -> list[Sentence]:
    """The sentences of ``lines`` that ``pattern`` finds something in."""
    return [sentence for sentence in sentences(lines) if pattern.search(sentence.text)]
