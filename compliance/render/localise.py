"""One report in another language: ``localise(report, "en")`` for the PDF, the terminal and JSON.

The decision record is Dutch (the checks write Dutch reasons), but every finding keeps its
``reason_code`` and ``reason_args``, so its reason and remedy are rendered again from the message
catalogue (:mod:`compliance.i18n`) in the wanted language. Fixed texts the checks and sources
record without a code (fact names, calculation labels, look-up details) come from the tables in
:mod:`compliance.render.labels`.

What neither can translate (free text a check, the tender file or the rule file wrote in Dutch:
attention notes, a job's matching details, the tender's open items) is kept, but visibly marked
as Dutch source text (:func:`dutch_quote`), so an English reader is never shown an untranslated
sentence as if it were the tool's English. Only ``nl`` and ``en`` exist; Dutch is the record's own
language, so ``localise(report, "nl")`` returns the report unchanged. Localising twice gives the
same result as once.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from compliance import i18n
from compliance.dates import long_date
from compliance.models.findings import AttestationNote, Calculation, Fact, Finding
from compliance.models.report import LookupInfo, Report, ScoreInfo
from compliance.render.labels import (
    CALCULATION_LABELS_EN,
    CALCULATION_PATTERNS_EN,
    CHECK_TITLES_EN,
    FACT_NAME_PATTERNS_EN,
    FACT_NAMES_EN,
    PHRASES_EN,
    TEXT_PATTERNS_EN,
    VALUE_LABELS,
)

DUTCH_OPEN = "“"
DUTCH_CLOSE = "” (in Dutch)"

_NL_MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
              "oktober", "november", "december")  # fmt: skip
_DUTCH_DATE = re.compile(r"\b(\d{1,2}) (" + "|".join(_NL_MONTHS) + r") (\d{4})\b")
# Words that only occur in Dutch sentences; one of them left after translation marks a text Dutch.
_DUTCH_WORDS = re.compile(
    r"\b(de|het|een|niet|van|moet|bij|voor|geen|zijn|wordt|worden|naar|ook|nog|maar|dat|deze|"
    r"heeft|kan|alleen|als|uit|gevonden|opgegeven|lijkt|beoordelen|venster|werkgever|rol|doelgroep|"
    r"en|tussen|vereist|afgerond|op|met|tot|om|aan|zoals|wel|nu|dus|zonder|volgens|waar|wat|wie)\b",
    re.IGNORECASE,
)


def localise(report: Report, lang: str) -> Report:
    """The report with every reader-facing text in ``lang`` (``nl`` or ``en``); codes and data stay."""
    if lang != "en":
        return report
    dates = report.reference_dates
    return replace(
        report,
        findings=tuple(_finding(finding) for finding in report.findings),
        lookups=tuple(_lookup(lookup) for lookup in report.lookups),
        assumptions=tuple(replace(param, note=english_or_quoted(param.note)) for param in report.assumptions),
        tender=replace(report.tender, open_items=tuple(_open_item(item) for item in report.tender.open_items)),
        reference_dates=replace(dates, planned_start_note=english_or_quoted(dates.planned_start_note)),
        score=_score(report.score) if report.score is not None else None,
        evidence=tuple(replace(item, detail=english_or_quoted(item.detail)) for item in report.evidence),
    )


def dutch_quote(text: str) -> str:
    """Dutch source text inside an English report: quoted and labelled, never passed off as English."""
    return f"{DUTCH_OPEN}{text}{DUTCH_CLOSE}"


def is_dutch_quote(text: str) -> bool:
    return text.startswith(DUTCH_OPEN) and text.endswith(DUTCH_CLOSE)


def english_dates(text: str) -> str:
    """'29 juni 2012' -> '29 June 2012' wherever a Dutch long date occurs."""

    def english(match: re.Match[str]) -> str:
        from datetime import date

        day, month, year = int(match.group(1)), _NL_MONTHS.index(match.group(2)) + 1, int(match.group(3))
        try:
            return long_date(date(year, month, day), "en")
        except ValueError:
            return match.group(0)

    return _DUTCH_DATE.sub(english, text)


@cache
def _phrase_pattern() -> re.Pattern[str]:
    phrases = sorted(PHRASES_EN, key=len, reverse=True)
    return re.compile("|".join(rf"(?<![\w(]){re.escape(p)}(?!\w)" if p[0].isalnum() else re.escape(p) for p in phrases))


@cache
def _text_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(pattern), english) for pattern, english in TEXT_PATTERNS_EN)


def english_or_quoted(text: str) -> str:
    """Fixed Dutch words and dates in English; what is still Dutch after that is quoted as Dutch."""
    if not text or is_dutch_quote(text):
        return text
    values = VALUE_LABELS["en"]
    if text in values:
        return values[text]
    for pattern, english in _text_patterns():
        match = pattern.fullmatch(text)
        if match is not None:
            return english.format(**{name: english_or_quoted(part) for name, part in match.groupdict().items()})
    translated = _phrase_pattern().sub(lambda m: PHRASES_EN[m.group(0)], english_dates(text))
    return dutch_quote(text) if looks_dutch(translated) else translated


def looks_dutch(text: str) -> bool:
    """True when ``text`` still holds a word only a Dutch sentence uses."""
    return _DUTCH_WORDS.search(text) is not None


def _args(reason_args: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """The finding's arguments for the English text: dates in English, fixed Dutch values in words.

    Other values (the offer's own words, a Dutch sub-sentence a check passed) stay as they are;
    the catalogue's English text decides how they are quoted.
    """
    values = VALUE_LABELS["en"]
    return {name: values.get(value) or PHRASES_EN.get(value) or english_dates(value) for name, value in reason_args}


@cache
def _check_titles_en() -> dict[str, str]:
    """English check titles: the catalogue's own (CheckInfo.title_en) where a check has one, else the label table."""
    from compliance.checks import CHECKS

    titles = dict(CHECK_TITLES_EN)
    for check in CHECKS:
        title_en = getattr(check.info, "title_en", "")
        if isinstance(title_en, str) and title_en:
            titles[check.info.check_id] = title_en
    return titles


def _english(code: str, reason_args: tuple[tuple[str, str], ...], reason: str, remedy: str = "") -> tuple[str, str]:
    """The English reason and remedy of a reason code with its arguments; the recorded Dutch, translated
    where fixed words allow and quoted otherwise, for a text without a code (or a code the catalogue lacks)."""
    template = i18n.complete_catalogue().get(code) if code else None
    if template is None or not template.en:
        return english_or_quoted(reason), english_or_quoted(remedy)
    try:
        return i18n.render(code, _args(reason_args), "en")
    except (KeyError, IndexError, ValueError):  # the English text wants an argument this record lacks
        return dutch_quote(reason), dutch_quote(remedy) if remedy else ""


def _finding(finding: Finding) -> Finding:
    reason, remedy = _english(finding.reason_code, finding.reason_args, finding.reason, finding.remedy)
    return replace(
        finding,
        title=_check_titles_en().get(finding.check_id, finding.title),
        reason=reason,
        remedy=remedy,
        facts=tuple(_fact(fact) for fact in finding.facts),
        calculations=tuple(_calculation(calc) for calc in finding.calculations),
        attention=tuple(english_or_quoted(note) for note in finding.attention),
        attestation=_attestation(finding.attestation) if finding.attestation is not None else None,
    )


def _by_pattern(text: str, table: dict[str, str], patterns: tuple[tuple[str, str], ...]) -> str:
    if text in table:
        return table[text]
    for pattern, english in patterns:
        match = re.match(pattern, text)
        if match is not None:
            return english.format(**match.groupdict())
    return text


def _fact(fact: Fact) -> Fact:
    return replace(
        fact,
        name=_by_pattern(fact.name, FACT_NAMES_EN, FACT_NAME_PATTERNS_EN),
        value=VALUE_LABELS["en"].get(fact.value, english_dates(fact.value)),
        detail=english_or_quoted(fact.detail),
    )


def _calculation(calc: Calculation) -> Calculation:
    return Calculation(
        label=_by_pattern(calc.label, CALCULATION_LABELS_EN, CALCULATION_PATTERNS_EN),
        expression=english_or_quoted(calc.expression),
        result=english_or_quoted(calc.result),
    )


def _attestation(note: AttestationNote) -> AttestationNote:
    template = i18n.complete_catalogue().get(note.original_reason_code)
    original = note.original_reason
    if template is not None and template.en and "{" not in template.en:
        original = template.en
    return replace(note, original_reason=english_or_quoted(original))


def _lookup(lookup: LookupInfo) -> LookupInfo:
    return replace(lookup, detail=english_or_quoted(lookup.detail))


def _open_item(item: str) -> str:
    """'/start/planned_date: <Dutch reason>' keeps its pointer; the reason is translated or quoted."""
    pointer, separator, reason = item.partition(": ")
    if not separator or not pointer.startswith("/"):
        return english_or_quoted(item)
    return f"{pointer}: {english_or_quoted(reason)}"


def _score(score: ScoreInfo) -> ScoreInfo:
    criteria = tuple(replace(c, reason=_english(c.reason_code, c.reason_args, c.reason)[0]) for c in score.criteria)
    return replace(score, criteria=criteria)
