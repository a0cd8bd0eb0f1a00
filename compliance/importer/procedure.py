"""Field rules for the CV requirements and the procedure: number selected, tie-break, interview dates."""

from __future__ import annotations

import re
from datetime import date

from compliance.dates import nl_date
from compliance.importer.amounts import NUMBER, number_value
from compliance.importer.dutch_dates import find_dates, week_number
from compliance.importer.resolve import resolve
from compliance.importer.sections import Layout
from compliance.importer.sentences import matching, sentences
from compliance.importer.text import Doubt, Posting, Sourced

_PAGES = re.compile(
    rf"(?:maximaal|max\.?|niet\s+meer\s+dan|hooguit|uiterlijk)?\s*(?P<n>{NUMBER})\s*(?:A4[- ]?)?(?:pagina|pagina's|paginas|kantjes|A4'?s?)\b",
    re.IGNORECASE,
)
_CV = re.compile(r"\bcv\b|curriculum", re.IGNORECASE)
_LANGUAGES = {"nederlands": "nl", "engels": "en", "duits": "de", "frans": "fr"}
_LANGUAGE = re.compile(
    r"(?:in\s+het|opgesteld\s+in\s+het|taal\s*:?)\s*(?P<lang>nederlands|engels|duits|frans)", re.IGNORECASE
)
_REFERENCES = re.compile(
    rf"(?P<n>{NUMBER})\s+referent(?:ies|ie)\b|referenties\s*:\s*(?:minimaal\s+)?(?P<m>\d+)", re.IGNORECASE
)


def _cv_sentences(layout: Layout, posting: Posting) -> list[Sourced[str]]:
    in_section = layout.lines_of("cv")
    section_numbers = {line.number for line in in_section}
    found = [Sourced(s.text, s.source) for s in sentences(in_section)]
    # elsewhere only sentences that name the CV count ("Het cv telt maximaal 4 pagina's")
    others = [line for line in posting.nonblank if line.number not in section_numbers]
    found += [Sourced(s.text, s.source) for s in matching(others, _CV)]
    return found


def cv(
    layout: Layout, posting: Posting
) -> tuple[Sourced[int] | None, Sourced[str] | None, Sourced[int] | None, list[Doubt]]:
    """CV page limit, language and minimum references; two places that differ are a doubt, not a choice."""
    pages: list[Sourced[int]] = []
    languages: list[Sourced[str]] = []
    references: list[Sourced[int]] = []
    for sentence in _cv_sentences(layout, posting):
        page = _PAGES.search(sentence.value)
        if page:
            pages.append(Sourced(int(number_value(page.group("n"))), sentence.source))
        language = _LANGUAGE.search(sentence.value)
        if language:
            languages.append(Sourced(_LANGUAGES[language.group("lang").casefold()], sentence.source))
        reference = _REFERENCES.search(sentence.value)
        if reference:
            references.append(Sourced(int(number_value(reference.group("n") or reference.group("m"))), sentence.source))
    max_pages, page_doubts = resolve(pages, "/cv/max_pages", "het maximale aantal pagina's van het cv")
    cv_language, language_doubts = resolve(languages, "/cv/language", "de taal van het cv")
    refs, reference_doubts = resolve(references, "/cv/min_references", "het aantal referenties")
    return max_pages, cv_language, refs, page_doubts + language_doubts + reference_doubts


_SELECTED = re.compile(
    rf"(?:de\s+)?(?P<n>{NUMBER})\s+(?:beste\s+)?(?:kandidaten|cv'?s|professionals)\s+(?:die\s+(?:het\s+)?(?:beste|hoogste?)|met\s+de\s+hoogste|worden\s+(?:geselecteerd|voorgelegd))"
    rf"|selectie\s+(?:van\s+)?(?:de\s+)?(?P<m>{NUMBER})\s+(?:beste\s+)?(?:cv'?s|kandidaten)"
    rf"|(?:maximaal|max\.)\s+(?P<k>{NUMBER})\s+(?:cv'?s|kandidaten)\s+(?:worden\s+)?(?:voorgelegd|geselecteerd|doorgezet)",
    re.IGNORECASE,
)


def max_selected(layout: Layout, posting: Posting) -> tuple[Sourced[int] | None, list[Doubt]]:
    """How many candidates are put to the buyer (step 2)."""
    candidates = []
    for sentence in matching(posting.nonblank, _SELECTED):
        match = _SELECTED.search(sentence.text)
        assert match is not None
        number = match.group("n") or match.group("m") or match.group("k")
        candidates.append(Sourced(int(number_value(number)), sentence.source))
    found, doubts = resolve(candidates, "/selection/max_selected", "het aantal te selecteren kandidaten")
    if found is None and not doubts and layout.of_kind("selection"):
        doubts.append(
            Doubt(
                "/selection/max_selected",
                "De uitvraag zegt niet hoeveel kandidaten worden voorgelegd; vul het aantal in.",
            )
        )
    return found, doubts


_TIE = re.compile(
    r"gelijke\s+(?:score|puntentotaal|eindscore|aantal\s+punten)|gelijk\s+eindigen|gelijk\s+scoren", re.IGNORECASE
)
_RATE_DECIDES = re.compile(r"(?:laagste\s+)?(?:uur)?tarief|prijs", re.IGNORECASE)
_LOT = re.compile(r"\bloting\b|\bloten\b|\bloot\b", re.IGNORECASE)
_CRITERION = re.compile(
    r"(?:score\s+op\s+|hoogste\s+score\s+op\s+)(?:wens|criterium|gunningscriterium)\s+(?P<id>[A-Z]?\d{1,2})",
    re.IGNORECASE,
)


def tie_break(posting: Posting, scored_ids: list[str]) -> tuple[Sourced[tuple[str, ...]] | None, list[Doubt]]:
    """The tie-break chain in the posting's order: a named criterion, the lowest rate, a lot."""
    found = matching(posting.nonblank, _TIE)
    if not found:
        if scored_ids:  # wensen are scored, so equal scores can happen: the order must not be a silent default
            return None, [
                Doubt(
                    "/selection/tie_break",
                    "De uitvraag zegt niet wat beslist bij een gelijke score; vul de volgorde in (bijv. laagste tarief, dan loting).",
                )
            ]
        return None, []
    steps: list[tuple[int, str]] = []
    source = found[0].source
    text = " ".join(sentence.text for sentence in found)
    for sentence in found[1:]:
        source = source.merged(sentence.source)
    for match in _CRITERION.finditer(text):
        label = match.group("id").upper()
        rid = next((rid for rid in scored_ids if rid == label or rid[1:] == label), label)
        steps.append((match.start(), f"criterion:{rid}"))
    rate = _RATE_DECIDES.search(text)
    if rate:
        steps.append((rate.start(), "lowest_rate"))
    lot = _LOT.search(text)
    if lot:
        steps.append((lot.start(), "lot"))
    chain = tuple(step for _, step in sorted(steps))
    if not chain:
        return None, [
            Doubt(
                "/selection/tie_break",
                "De uitvraag noemt een gelijke score maar niet hoe die wordt beslecht; vul de volgorde in.",
            )
        ]
    if chain[-1] != "lot":
        # still equal after the last step: never a silent order; loting is the usual last resort
        reason = (
            "De uitvraag zegt niet wat beslist als ook de laatste stap gelijk is; aangenomen: loting. Bevestig dit."
        )
        return Sourced((*chain, "lot"), source), [Doubt("/selection/tie_break", reason)]
    return Sourced(chain, source), []


_INTERVIEW = re.compile(r"gesprek|interview|kennismaking", re.IGNORECASE)
_NOT_INTERVIEW = re.compile(
    r"bericht|uitnodiging\s+ontvangen|ontvangen\s+uiterlijk|vragen|nota van inlichtingen|reactietermijn", re.IGNORECASE
)


def interviews(layout: Layout, posting: Posting) -> tuple[Sourced[tuple[date, ...]] | None, list[Doubt]]:
    """The interview dates; a week number only is a doubt."""
    dates: list[date] = []
    source = None
    weeks: list[int] = []
    for sentence in matching(posting.nonblank, _INTERVIEW):
        if _NOT_INTERVIEW.search(sentence.text):
            continue
        found = [item.day for item in find_dates(sentence.text)]
        if found:
            dates += found
            source = sentence.source if source is None else source.merged(sentence.source)
        elif (week := week_number(sentence.text)) is not None:
            weeks.append(week)
    if dates and source is not None:
        return Sourced(tuple(sorted(set(dates))), source), []
    if weeks:
        return None, [
            Doubt(
                "/interviews",
                f"De gesprekken staan alleen als week {weeks[0]} in de uitvraag; vul de datum of data in.",
            )
        ]
    return None, []


def show_dates(days: tuple[date, ...]) -> str:
    """'5 maart 2026, 6 maart 2026'."""
    return ", ".join(nl_date(day) for day in days)
