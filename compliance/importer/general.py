"""Field rules for the posting's particulars: number, title, organisation, dates, term, hours, deadline.

Each rule reads the summary fields (and, where postings repeat a value in prose, the sentences
that state it) and returns a sourced value plus its doubts. A value the rule cannot read is
None with a doubt; it is never filled in from a default.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

from compliance.dates import nl_date
from compliance.importer.amounts import NUMBER, number_value
from compliance.importer.draft import Extension, Hours, Organisation, Start
from compliance.importer.dutch_dates import WEEKDAY_NAMES, amsterdam_instant, find_dates, find_time
from compliance.importer.resolve import resolve
from compliance.importer.sections import Layout
from compliance.importer.text import Doubt, Line, Posting, Source, Sourced

Result = tuple[Sourced[object] | None, list[Doubt]]


def request_number(layout: Layout) -> tuple[Sourced[str] | None, list[Doubt]]:
    """'Aanvraagnummer 27442' → '27442'."""
    candidates = []
    for item in layout.summary.get("request_number", []):
        match = re.search(r"[A-Za-z0-9][A-Za-z0-9./-]*", item.value)
        if match:
            candidates.append(Sourced(match.group(), item.source))
    found, doubts = resolve(candidates, "/platform_reference", "het aanvraagnummer")
    if found is None and not doubts:
        doubts.append(Doubt("/platform_reference", "Geen aanvraagnummer gevonden in de uitvraag."))
    return found, doubts


_BOILERPLATE = re.compile(
    r"^(hartelijk dank|helaas|bedankt|terug|home|deel |delen|reageer|inloggen|menu|print|inhuuropdracht$|uitvraag$|vacature$)",
    re.IGNORECASE,
)
_ORGANISATION = re.compile(
    r"^(?:de\s+)?(?P<name>(?:gemeente|provincie|waterschap|hoogheemraadschap|omgevingsdienst|ggd|veiligheidsregio|"
    r"werkorganisatie|samenwerkingsverband|gemeenschappelijke regeling|belastingsamenwerking|regio|"
    r"regionale uitvoeringsdienst|sociale dienst|werkbedrijf|intergemeentelijke|isd|odr|rud|sed|bsr)\b.*)$",
    re.IGNORECASE,
)


def _is_plain_line(line: Line) -> bool:
    text = line.text
    return bool(text) and "\t" not in text and len(text) <= 80 and not text.endswith((".", ";", ":", "!", "?"))


def title(layout: Layout) -> tuple[Sourced[str] | None, list[Doubt]]:
    """The summary's 'Functie', else the first short line of the preamble that is not boilerplate or the buyer."""
    labelled = layout.first("title")
    if labelled is not None:
        return labelled, []
    for line in layout.preamble:
        in_summary = any(item.source.lines[0] == line.number for values in layout.summary.values() for item in values)
        if (
            _is_plain_line(line)
            and not _BOILERPLATE.match(line.text)
            and not _ORGANISATION.match(line.text)
            and not in_summary
        ):
            return Sourced(line.text, Source.of([line])), []
    return None, [Doubt("/title", "Geen functietitel gevonden in de uitvraag.")]


_BODY = r"(?P<name>(?:[Gg]emeente|[Pp]rovincie)\s+[A-Z][\w'-]+(?:[ -][A-Z][\w'-]+)*)"
_PENVOERDER = (
    re.compile(r"[Pp]envoerder(?:\s+is|\s*:)\s+(?:de\s+)?" + _BODY),
    re.compile(_BODY + r"\s+(?:is|treedt\s+op\s+als|fungeert\s+als|als)\s+(?:de\s+)?penvoerder"),
)


def _kind(name: str, text: str) -> str:
    lowered = name.casefold()
    if "penvoerder" in text or lowered.startswith("samenwerkingsverband"):
        return "samenwerkingsverband"
    if lowered.startswith("gemeente"):
        return "gemeente"
    if lowered.startswith("provincie"):
        return "provincie"
    if lowered.startswith(("waterschap", "hoogheemraadschap")):
        return "waterschap"
    if "gemeenschappelijke regeling" in text or re.match(
        r"(omgevingsdienst|ggd|veiligheidsregio|werkorganisatie|belastingsamenwerking|regionale uitvoeringsdienst|"
        r"werkbedrijf|sociale dienst|intergemeentelijke|isd|rud|odr)\b",
        lowered,
    ):
        return "gemeenschappelijke_regeling"
    return "other"


def _capitalised(name: str) -> str:
    return name[0].upper() + name[1:]


def organisation(layout: Layout, posting: Posting) -> tuple[Sourced[Organisation] | None, list[Doubt]]:
    """The buyer from the summary or the line under the title, with its kind and penvoerder."""
    found: Sourced[str] | None = layout.first("organisation")
    if found is None:
        for line in layout.preamble:
            match = _ORGANISATION.match(line.text) if _is_plain_line(line) else None
            if match:
                found = Sourced(match.group("name"), Source.of([line]))
                break
    if found is None:
        return None, [
            Doubt("/organisation", "Geen opdrachtgever (gemeente, provincie, regeling) gevonden in de uitvraag.")
        ]
    text = " ".join(line.text for line in posting.lines).casefold()
    penvoerder: str | None = None
    source = found.source
    labelled = layout.first("penvoerder")
    if labelled is not None:
        penvoerder, source = labelled.value, source.merged(labelled.source)
    else:
        for line in posting.nonblank:
            for pattern in _PENVOERDER:
                match = pattern.search(line.text)
                if match:
                    penvoerder, source = _capitalised(match.group("name")), source.merged(Source.of([line]))
                    break
            if penvoerder:
                break
    kind = _kind(found.value, text)
    doubts = []
    if kind == "samenwerkingsverband" and penvoerder is None:
        doubts.append(Doubt("/penvoerder", "De uitvraag noemt een samenwerkingsverband maar niet wie penvoerder is."))
    return Sourced(Organisation(_capitalised(found.value), kind, penvoerder), source), doubts


def simple(layout: Layout, name: str) -> Sourced[str] | None:
    """A summary field taken as written (region, education level)."""
    return layout.first(name)


def das(layout: Layout, posting: Posting) -> tuple[Sourced[bool] | None, str | None, str | None]:
    """Whether this is a DAS assignment, the DAS's name (e.g. Talentenregio) and the platform."""
    text = " ".join(line.text for line in posting.nonblank)
    platform = "Flextender" if re.search(r"flex\s?tender", text, re.IGNORECASE) else None
    region = re.search(r"\bDAS\b[^.]{0,40}?\b(?:van\s+(?:de\s+)?)?(Talentenregio|[A-Z][a-z]+regio)\b", text)
    das_name = region.group(1) if region else None
    labelled = layout.first("das")
    if labelled is not None:
        return Sourced(labelled.value.strip().casefold().startswith("ja"), labelled.source), das_name, platform
    for line in posting.nonblank:
        if re.search(r"\bDAS\b|dynamisch aankoopsysteem", line.text):
            return Sourced(True, Source.of([line])), das_name, platform
    return None, das_name, platform


_ASAP = re.compile(r"z\.?\s?s\.?\s?m\.?|zo\s+(?:spoedig|snel)\s+mogelijk|per\s+direct|direct|asap", re.IGNORECASE)


def start(layout: Layout) -> tuple[Sourced[Start] | None, list[Doubt]]:
    """'Z.s.m.' → asap; a date → that date; anything else ('in overleg') → a doubt."""
    candidates: list[Sourced[Start]] = []
    unreadable: list[Sourced[str]] = []
    for item in layout.summary.get("start", []):
        dates = find_dates(item.value)
        if dates:
            candidates.append(Sourced(Start("date", dates[0].day), item.source))
        elif _ASAP.search(item.value):
            candidates.append(Sourced(Start("asap"), item.source))
        else:
            unreadable.append(item)
    found, doubts = resolve(candidates, "/start", "de startdatum", lambda s: nl_date(s.day) if s.day else "z.s.m.")
    if found is None and not doubts:
        said = f" (de uitvraag zegt '{unreadable[0].value}')" if unreadable else ""
        doubts.append(Doubt("/start/planned_date", f"Geen startdatum gevonden{said}; vul de geplande startdatum in."))
    elif found is not None and found.value.kind == "asap":
        doubts.append(
            Doubt(
                "/start/planned_date",
                "De uitvraag zegt 'z.s.m.': de geplande startdatum is een aanname; bevestig of wijzig hem.",
            )
        )
    return found, doubts


def end_date(layout: Layout) -> tuple[Sourced[date] | None, list[Doubt]]:
    """'Einddatum 31 december 2026'."""
    candidates = []
    for item in layout.summary.get("end_date", []):
        dates = find_dates(item.value)
        if dates:
            candidates.append(Sourced(dates[0].day, item.source))
    return resolve(candidates, "/term/end_date", "de einddatum", nl_date)


_MONTHS = re.compile(rf"(?P<n>{NUMBER})\s*(?P<unit>maand(?:\(en\)|en)?|mnd|jaar|jaren)\b", re.IGNORECASE)


def _months(match: re.Match[str]) -> int | None:
    value = number_value(match.group("n")) * (12 if match.group("unit").casefold().startswith("ja") else 1)
    return int(value) if value == value.to_integral() and value > 0 else None


def initial_months(layout: Layout) -> tuple[Sourced[int] | None, list[Doubt]]:
    """'Duur 4 maanden' → 4; '1 jaar' → 12. Weeks or a date range are not months: a doubt."""
    candidates: list[Sourced[int]] = []
    unreadable: list[str] = []
    for item in layout.summary.get("duration", []):
        match = _MONTHS.search(item.value)
        months = _months(match) if match else None
        if months is not None:
            candidates.append(Sourced(months, item.source))
        else:
            unreadable.append(item.value)
    found, doubts = resolve(candidates, "/term/initial_months", "de duur", lambda m: f"{m} maanden")
    if found is None and not doubts:
        said = f" (de uitvraag zegt '{unreadable[0]}')" if unreadable else ""
        doubts.append(Doubt("/term/initial_months", f"De duur in maanden staat niet in de uitvraag{said}; vul hem in."))
    return found, doubts


_OPTION = re.compile(
    rf"(?P<count>{NUMBER})\s*(?:x|keer|maal|×)\s*(?:(?:met|een periode van)\s+)?(?P<n>{NUMBER})\s*(?P<unit>maand(?:\(en\)|en)?|mnd|jaar|jaren)\b",
    re.IGNORECASE,
)
_NO_EXTENSION = re.compile(r"^(?:geen|nee|n\.?v\.?t\.?|niet van toepassing|-)\b", re.IGNORECASE)


def parse_extensions(value: str) -> tuple[Extension, ...] | None:
    """'2 x 6 maand(en)' → (2, 6); '3 en daarna 6 maanden' → (1, 3), (1, 6); 'Geen' → (); unreadable → None."""
    if _NO_EXTENSION.match(value.strip()):
        return ()
    options: list[Extension] = []
    rest = value
    for match in _OPTION.finditer(value):
        months = _months(match)
        if months is None:
            return None
        options.append(Extension(int(number_value(match.group("count"))), months))
        rest = rest.replace(match.group(), " ")
    # "3 en daarna 6 maanden": bare numbers before one unit are single options of that unit
    bare = re.search(
        rf"(?P<first>{NUMBER})\s+(?:en\s+(?:daarna\s+|vervolgens\s+|nog\s+)?|daarna\s+|,\s*)(?P<n>{NUMBER})\s*(?P<unit>maand(?:\(en\)|en)?|mnd|jaar|jaren)\b",
        rest,
        re.IGNORECASE,
    )
    if bare:
        factor = 12 if bare.group("unit").casefold().startswith("ja") else 1
        for number in (bare.group("first"), bare.group("n")):
            options.append(Extension(1, int(number_value(number) * factor)))
        rest = rest.replace(bare.group(), " ")
    for match in _MONTHS.finditer(rest):
        months = _months(match)
        if months is None:
            return None
        options.append(Extension(1, months))
    return tuple(options) if options else None


def extensions(layout: Layout, posting: Posting) -> tuple[Sourced[tuple[Extension, ...]] | None, list[Doubt]]:
    """The extension options from the summary, else from a sentence about 'verlengen'."""
    candidates: list[Sourced[tuple[Extension, ...]]] = []
    vague: list[Sourced[str]] = []
    for item in layout.summary.get("extension", []):
        parsed = parse_extensions(item.value)
        if parsed is None:
            vague.append(item)
        else:
            candidates.append(Sourced(parsed, item.source))
    if not candidates:
        for line in posting.nonblank:
            if re.search(r"verleng", line.text, re.IGNORECASE) and "\t" not in line.text:
                parsed = parse_extensions(line.text) if _OPTION.search(line.text) else None
                if parsed:
                    candidates.append(Sourced(parsed, Source.of([line])))
    show = lambda options: ", ".join(f"{o.count} x {o.months} maanden" for o in options) or "geen"  # noqa: E731
    found, doubts = resolve(candidates, "/term/extension_options", "de verlengingsopties", show)
    if found is None and not doubts and vague:
        doubts.append(
            Doubt(
                "/term/extension_options",
                f"Verlenging '{vague[0].value}' zonder aantal en duur; vul de opties in (of geen).",
            )
        )
    elif found is None and not doubts:
        doubts.append(
            Doubt("/term/extension_options", "De uitvraag noemt geen verlengingsopties; bevestig dat er geen zijn.")
        )
    return found, doubts


_HOURS_RANGE = re.compile(rf"(?P<low>{NUMBER})\s*(?:-|–|tot|à|a)\s*(?P<high>{NUMBER})\s*(?:uur|u\b)?", re.IGNORECASE)
_HOURS_ONE = re.compile(rf"(?P<n>{NUMBER})\s*(?:uur|u\b)", re.IGNORECASE)


def parse_hours(value: str) -> tuple[Hours | None, str | None]:
    """'24 uur' / '24 tot 32' / 'gemiddeld 24 uur' → Hours; 'maximaal 36' → Hours plus a doubt reason."""
    average = bool(re.search(r"gemiddeld|gem\.", value, re.IGNORECASE))
    ranged = _HOURS_RANGE.search(value)
    if ranged:
        low, high = number_value(ranged.group("low")), number_value(ranged.group("high"))
        return Hours(min(low, high), max(low, high), average), None
    one = _HOURS_ONE.search(value) or re.fullmatch(rf"\s*(?:gemiddeld\s+)?(?P<n>{NUMBER})\s*", value, re.IGNORECASE)
    if one is None:
        return None, None
    hours = number_value(one.group("n"))
    if re.search(r"maximaal|max\.|tot\s+\d|hooguit", value, re.IGNORECASE):
        return Hours(hours, hours, average), f"'{value}' geeft alleen een maximum; bevestig het aantal uren per week."
    return Hours(hours, hours, average), None


def hours(layout: Layout) -> tuple[Sourced[Hours] | None, list[Doubt]]:
    """Hours per week from the summary."""
    candidates: list[Sourced[Hours]] = []
    doubts: list[Doubt] = []
    for item in layout.summary.get("hours", []):
        parsed, doubt = parse_hours(item.value)
        if parsed is not None and Decimal(0) < parsed.max <= 60:
            candidates.append(Sourced(parsed, item.source))
        if doubt:
            doubts.append(Doubt("/term/hours_per_week", doubt))
    show = lambda h: f"{h.min}" if h.min == h.max else f"{h.min}-{h.max}"  # noqa: E731
    found, conflict = resolve(candidates, "/term/hours_per_week", "het aantal uren per week", show)
    doubts += conflict
    if found is None and not doubts:
        doubts.append(Doubt("/term/hours_per_week", "Het aantal uren per week staat niet in de uitvraag; vul het in."))
    return found, doubts


_DEADLINE_SENTENCE = re.compile(
    r"(reactietermijn[^.]*?(?:duurt|loopt)\s+tot|inschrijven\s+kan\s+tot|reageren\s+kan\s+(?:tot|uiterlijk)|"
    r"uiterlijk\s+(?:op\s+)?(?=\w+dag\s+\d|\d)[^.]*?(?:inschrijven|reageren|indienen|ingediend|binnen)|sluitingsdatum\s+is)",
    re.IGNORECASE,
)


def _instant(day_text: str, time_text: str | None, source: Source) -> tuple[Sourced[datetime] | None, list[Doubt]]:
    dates = find_dates(day_text)
    if not dates:
        return None, []
    found = dates[0]
    doubts = []
    if found.weekday_mismatch:
        doubts.append(
            Doubt(
                "/deadline",
                f"De uitvraag noemt '{found.weekday} {nl_date(found.day)}', maar dat is een {WEEKDAY_NAMES[found.day.weekday()]}.",
            )
        )
    at = find_time(day_text[found.end :]) or find_time(day_text[: found.start])
    if at is None and time_text is not None:
        at = find_time(time_text)
    if at is None:
        doubts.append(
            Doubt("/deadline", f"De sluitingsdatum {nl_date(found.day)} staat er zonder tijdstip; vul het tijdstip in.")
        )
        return None, doubts
    return Sourced(amsterdam_instant(found.day, at), source), doubts


def deadline(layout: Layout, posting: Posting) -> tuple[Sourced[datetime] | None, list[Doubt]]:
    """The offer deadline as an instant: summary date plus 'Eindtijd', and the closing sentence if there is one."""
    candidates: list[Sourced[datetime]] = []
    doubts: list[Doubt] = []
    time_item = layout.first("deadline_time")
    for item in layout.summary.get("deadline", []):
        source = item.source.merged(time_item.source) if time_item else item.source
        found, found_doubts = _instant(item.value, time_item.value if time_item else None, source)
        doubts += found_doubts
        if found:
            candidates.append(found)
    for line in posting.nonblank:
        match = _DEADLINE_SENTENCE.search(line.text)
        if match and not re.search(r"vragen\s+(?:kunnen|stellen|indienen)", line.text[: match.start()], re.IGNORECASE):
            found, found_doubts = _instant(line.text[match.start() :], None, Source.of([line]))
            doubts += [d for d in found_doubts if d not in doubts]
            if found:
                candidates.append(found)
    show = lambda moment: moment.strftime("%d-%m-%Y %H:%M")  # noqa: E731
    found, conflict = resolve(candidates, "/deadline", "de sluitingstermijn", show)
    doubts += conflict
    if found is not None:
        doubts = [d for d in doubts if "zonder tijdstip" not in d.reason]  # another place gave the time
    if found is None and not doubts:
        doubts.append(Doubt("/deadline", "Geen sluitingsdatum en -tijd gevonden; vul de deadline in."))
    return found, doubts
