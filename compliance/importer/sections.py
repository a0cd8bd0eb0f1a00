"""Split a posting into its summary fields and its sections.

Flextender pages open with a block of summary fields ("Aanvraagnummer", "Start", "Duur", ...),
copied from the page as tab-separated columns ("Aanvraagnummer<TAB>27442<TAB>Start<TAB>Z.s.m."),
as "Label: waarde" lines, or as a label line followed by its value. Then come free-text sections
whose headings vary per organisation ("Knock-out criteria", "Eisen", "Minimumeisen", ...); each
known heading maps to one section kind, so the field rules ask for "the knock-out section"
without knowing its wording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from compliance.importer.text import Line, Posting, Source, Sourced

# Summary labels (lower case, without ':') and the field each one fills.
SUMMARY_LABELS: dict[str, str] = {
    "aanvraagnummer": "request_number", "referentienummer": "request_number", "opdrachtnummer": "request_number",
    "vacaturenummer": "request_number", "uitvraagnummer": "request_number",
    "functie": "title", "functietitel": "title", "titel": "title", "rol": "title",
    "organisatie": "organisation", "opdrachtgever": "organisation", "organisatie opdrachtgever": "organisation",
    "penvoerder": "penvoerder",
    "start": "start", "startdatum": "start", "ingangsdatum": "start", "aanvang": "start", "start opdracht": "start",
    "duur": "duration", "looptijd": "duration", "duur opdracht": "duration", "initiële duur": "duration",
    "einddatum": "end_date", "einde opdracht": "end_date", "einddatum opdracht": "end_date",
    "uren per week": "hours", "aantal uren per week": "hours", "uren": "hours", "inzet": "hours", "omvang": "hours",
    "opties verlenging": "extension", "optie verlenging": "extension", "verlengingsopties": "extension",
    "verlenging": "extension", "verlengingsoptie": "extension", "opties tot verlenging": "extension",
    "verloopt op": "deadline", "sluitingsdatum": "deadline", "einde inschrijfdatum": "deadline",
    "deadline": "deadline", "reageren tot": "deadline", "inschrijven tot": "deadline", "sluiting": "deadline",
    "uiterste reactiedatum": "deadline", "reactietermijn tot": "deadline",
    "eindtijd": "deadline_time", "sluitingstijd": "deadline_time", "tijdstip sluiting": "deadline_time",
    "regio": "region", "provincie": "region",
    "opleidingsniveau": "education_level", "opleidingniveau": "education_level", "werk- en denkniveau": "education_level",
    "das opdracht": "das", "das-opdracht": "das", "das": "das",
    "maximum tarief": "rate", "maximumtarief": "rate", "max. uurtarief": "rate", "maximum uurtarief": "rate",
    "tarief": "rate", "uurtarief": "rate",
}  # fmt: skip

# Section headings (lower case, matched at the start of a short line) and their kind; longest first.
HEADINGS: dict[str, str] = {
    "uitvoeringsvoorwaarden": "condition", "uitvoeringsvoorwaarde": "condition",
    "vereisten / knock-outcriteria": "knockout", "knock-out criteria": "knockout", "knock-outcriteria": "knockout",
    "knockout criteria": "knockout", "knock-out eisen": "knockout", "ko-criteria": "knockout", "ko criteria": "knockout",
    "minimumeisen": "knockout", "minimum eisen": "knockout", "minimale eisen": "knockout", "functie-eisen": "knockout",
    "functie eisen": "knockout", "harde eisen": "knockout", "vereisten": "knockout", "eisen": "knockout",
    "selectiecriteria": "selection", "gunningscriteria": "selection", "wensen": "selection", "pluspunten": "selection",
    "gunningscriterium": "selection", "beoordelingscriteria": "selection",
    "cv-eisen": "cv", "cv eisen": "cv", "eisen aan het cv": "cv", "eisen cv": "cv", "het cv": "cv",
    "beoordeling": "assessment", "beoordelingsprocedure": "assessment", "selectieprocedure": "assessment",
    "procedure": "assessment", "werkwijze beoordeling": "assessment",
    "maximum tarief": "rate", "maximumtarief": "rate", "maximum uurtarief": "rate", "tarief": "rate", "uurtarief": "rate",
    "fee flextender": "fee", "fee": "fee", "kosten flextender": "fee",
    "planning": "planning", "tijdpad": "planning", "gesprekken": "planning", "selectiegesprekken": "planning",
    "overige informatie": "other", "aanvullende informatie": "other", "bijzonderheden": "other",
    "overige voorwaarden": "other", "voorwaarden": "other", "aanvullende voorwaarden": "other", "overig": "other",
    "meer informatie": "more_info", "vragen": "more_info", "nota van inlichtingen": "more_info",
    "opdracht": "assignment", "opdrachtomschrijving": "assignment", "omschrijving opdracht": "assignment",
    "de opdracht": "assignment", "functieomschrijving": "assignment", "werkzaamheden": "assignment",
    "over de opdracht": "assignment", "wat ga je doen": "assignment",
    "organisatie": "organisation", "over de organisatie": "organisation", "over ons": "organisation",
    "wie zijn wij": "organisation", "de organisatie": "organisation", "afdeling": "organisation", "het team": "organisation",
    "competenties": "competences", "benodigd aantal professionals": "headcount", "aantal professionals": "headcount",
    "werkdagen": "workdays", "functieschaal": "scale", "inschaling": "scale", "social return": "other", "sroi": "other",
}  # fmt: skip
_HEADINGS_BY_LENGTH = sorted(HEADINGS, key=len, reverse=True)
_MAX_HEADING = 90


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().rstrip(":").strip()).casefold()


def heading_kind(line: str) -> str | None:
    """The section kind a line heads, or None when it is not a heading.

    A heading is short, does not end a sentence, and starts with a known heading word followed by
    the end of the line or a qualifier ("Selectiecriteria te beoordelen door Flextender (...)").
    """
    text = line.strip()
    if not text or len(text) > _MAX_HEADING or "\t" in text or text.endswith((".", ";", ",")):
        return None
    key = _key(text.lstrip("#").strip())
    for heading in _HEADINGS_BY_LENGTH:
        if key == heading or (key.startswith(heading) and not key[len(heading)].isalnum()):
            rest = key[len(heading) :].strip()
            # "Eisen: minimaal 3 jaar ..." carries content, not a heading; "(weging, totaal 100 punten)" is a qualifier
            if rest.startswith(":") and len(rest) > 2:
                return None
            return HEADINGS[heading]
    return None


@dataclass(slots=True)
class Section:
    """One section: its heading line, its kind and the lines under it up to the next heading."""

    kind: str
    heading: Line
    lines: list[Line] = field(default_factory=list)

    @property
    def body(self) -> list[Line]:
        """The non-blank lines of the section."""
        return [line for line in self.lines if line.text]


@dataclass(slots=True)
class Layout:
    """The posting split up: the preamble before the first heading, the summary fields, the sections."""

    preamble: list[Line]
    summary: dict[str, list[Sourced[str]]]
    sections: list[Section]
    labels: dict[str, str] = field(default_factory=dict)  # the posting's own label of each summary field

    def of_kind(self, *kinds: str) -> list[Section]:
        """Every section of one of ``kinds``, in posting order."""
        return [section for section in self.sections if section.kind in kinds]

    def lines_of(self, *kinds: str) -> list[Line]:
        """The non-blank lines of every section of ``kinds``."""
        return [line for section in self.of_kind(*kinds) for line in section.body]

    def first(self, name: str) -> Sourced[str] | None:
        """The first value of a summary field."""
        values = self.summary.get(name)
        return values[0] if values else None


_LABEL_VALUE = re.compile(r"^(?P<label>[A-Za-zÀ-ÿ .\-/]{2,40}?)\s*:\s*(?P<value>\S.*)$")


_Pair = tuple[str, str, str, tuple[Line, ...]]  # field, label as written, value, lines


def _pairs(line: Line, next_line: Line | None) -> list[_Pair]:
    """The (field, label, value) triples a summary line holds."""
    cells = [cell for cell in line.text.split("\t") if cell]
    pairs: list[_Pair] = []
    if len(cells) >= 2:
        index = 0
        while index < len(cells) - 1:
            name = SUMMARY_LABELS.get(_key(cells[index]))
            if name:
                pairs.append((name, cells[index].rstrip(": "), cells[index + 1], (line,)))
                index += 2
            else:
                index += 1
        return pairs
    match = _LABEL_VALUE.match(line.text)
    if match and (name := SUMMARY_LABELS.get(_key(match.group("label")))):
        return [(name, match.group("label").strip(), match.group("value").strip(), (line,))]
    name = SUMMARY_LABELS.get(_key(line.text))
    value_line = next_line is not None and next_line.text and heading_kind(next_line.text) is None
    if name and value_line and next_line and SUMMARY_LABELS.get(_key(next_line.text.split("\t")[0])) is None:
        return [(name, line.text.rstrip(": "), next_line.text, (line, next_line))]
    return []


def _summary(lines: list[Line]) -> tuple[dict[str, list[Sourced[str]]], dict[str, str]]:
    summary: dict[str, list[Sourced[str]]] = {}
    labels: dict[str, str] = {}
    for index, line in enumerate(lines):
        if not line.text:
            continue
        following = next((later for later in lines[index + 1 :] if later.text), None)
        for name, label, value, used in _pairs(line, following):
            summary.setdefault(name, []).append(Sourced(value, Source.of(list(used))))
            labels.setdefault(name, label)
    return summary, labels


def split(posting: Posting) -> Layout:
    """The posting's preamble, summary fields and sections.

    Summary fields are read from the preamble and from short label lines anywhere, because some
    organisations repeat them (or put "Start" in an "Overige informatie" list); the field rules
    compare repeated values and flag a contradiction.
    """
    sections: list[Section] = []
    preamble: list[Line] = []
    current: Section | None = None
    for line in posting.lines:
        kind = heading_kind(line.text) if line.text else None
        if kind is not None:
            current = Section(kind, line)
            sections.append(current)
        elif current is None:
            preamble.append(line)
        else:
            current.lines.append(line)
    summary_lines = preamble + [line for section in sections for line in section.lines if len(line.text) <= 120]
    summary, labels = _summary(summary_lines)
    return Layout(preamble, summary, sections, labels)
