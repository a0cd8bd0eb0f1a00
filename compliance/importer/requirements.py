"""Requirement rules: the eisen and wensen of a posting as typed requirements.

A section of kind "knockout" or "selection" is cut into items (numbered, lettered or bulleted
lines plus their continuation lines); each item is weighed (points, percent), then typed by the
first rule that recognises it: a reference to the execution condition, registration, education,
certificate, experience, and otherwise a statement a person must judge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from compliance.importer.amounts import NUMBER, number_value
from compliance.importer.draft import Requirement, RequirementKind
from compliance.importer.sections import Layout, Section
from compliance.importer.terms import CERTIFICATES, PROGRAMMES
from compliance.importer.text import Doubt, Line, Source
from compliance.importer.vocabulary import codes_in, term_for

_MARKER = re.compile(
    r"^(?:(?P<label>[A-Z]{1,2}\s?\d{1,2}|\d{1,2}|[a-h])\s*[.):]\s+|(?P<tag>[A-Z]{1,2}\d{1,2})\s+[-–:]?\s*|[-•*–·▪●]\s*)(?P<text>\S.*)$"
)


@dataclass(slots=True)
class Item:
    """One eis or wens as written: its label (if numbered), its lines and its text."""

    label: str | None
    lines: list[Line]

    @property
    def text(self) -> str:
        first = _MARKER.match(self.lines[0].text)
        head = first.group("text") if first else self.lines[0].text
        return " ".join([head, *(line.text for line in self.lines[1:])]).strip()


def items(section: Section) -> list[Item]:
    """The items of a section: marked lines start one, following lines continue it, a blank line ends it."""
    found: list[Item] = []
    current: Item | None = None
    marked = any(_MARKER.match(line.text) for line in section.body)
    for line in section.lines:
        if not line.text:
            current = None
            continue
        match = _MARKER.match(line.text)
        if match:
            label = match.group("label") or match.group("tag")
            current = Item(label.replace(" ", "") if label else None, [line])
            found.append(current)
        elif current is not None and not line.text.endswith(":"):
            current.lines.append(line)
        elif not marked and not line.text.endswith(":") and not _REMARK.search(line.text):
            found.append(Item(None, [line]))  # a section of plain lines: each line is one item
    return found


_REMARK = re.compile(
    r"^(?:geef|let op|toelichting|de (?:kandidaat|inschrijver) (?:moet|dient) voldoen|kandidaten die)", re.IGNORECASE
)
_POINTS = re.compile(r"\(?\s*(?:max(?:imaal|\.)?\s*)?(?P<n>\d{1,3})\s*(?:punten|punt|pnt|ptn)\b\s*\)?", re.IGNORECASE)
_PERCENT = re.compile(r"\(?\s*(?:weging\s*:?\s*)?(?P<n>\d{1,3}(?:,\d+)?)\s*%\s*\)?")
_TOTAL = re.compile(r"totaal\s*(?:van\s*)?(?P<n>\d{1,4})\s*punten", re.IGNORECASE)


def _weight(text: str) -> tuple[int | None, Decimal | None]:
    points = _POINTS.search(text)
    if points:
        return int(points.group("n")), None
    percent = _PERCENT.search(text)
    if percent:
        return None, Decimal(percent.group("n").replace(",", "."))
    return None, None


# --- typing rules -------------------------------------------------------------------------------

_CONDITION_REF = re.compile(r"voldoet\s+aan\s+de\s+(?:gestelde\s+)?uitvoeringsvoorwaarde", re.IGNORECASE)
_REGISTRATION = re.compile(
    r"\bSKJ\b|\bBIG\b|kwaliteitsregister|registerplein|\bregistratie\b|geregistreerd|ingeschreven\s+(?:in|bij)\s+het",
    re.IGNORECASE,
)
_EDUCATION = re.compile(
    r"opleiding|diploma|bachelor|master|\bhbo\b|\bwo\b|\bmbo\b|hbo-|wo-|afgestudeerd", re.IGNORECASE
)
_COURSE = re.compile(r"cursus|training|certifica|bevoegdheid", re.IGNORECASE)
_EXPERIENCE = re.compile(r"ervaring", re.IGNORECASE)


def _registration(text: str) -> dict[str, Any]:
    from compliance.models.tender_upgrade import known_registers

    registers = known_registers()
    name = next((key for key in registers if re.search(rf"\b{key}\b", text)), None)
    if name is None:
        named = re.search(
            r"(?:registratie|geregistreerd|ingeschreven)\s+(?:in|bij)\s+(?:het\s+|de\s+)?(?P<name>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)",
            text,
        )
        name = named.group("name") if named else "onbekend register"
    known = registers.get(name, {})
    abbreviation = re.search(rf"{re.escape(name)}\s*\((?P<short>[A-Z][A-Za-z]{{1,9}})\)", text)
    if not known and abbreviation:
        known = {"aliases": [name, abbreviation.group("short")]}
    in_cv = bool(
        re.search(r"registratienummer|BIG-nummer|nummer", text, re.IGNORECASE)
        and re.search(r"afloopdatum|vervaldatum|geldig\s+tot|geldigheid|einddatum|verloopdatum", text, re.IGNORECASE)
    )
    params: dict[str, Any] = {
        "register": name,
        "aliases": list(known.get("aliases", [name])),
        "number_and_expiry_in_cv": in_cv,
    }
    if "number_format" in known:
        params["number_format"] = dict(known["number_format"])
    if "max_validity_years" in known:
        params["max_validity_years"] = known["max_validity_years"]
    return params


_LEVELS = (
    (re.compile(r"\bwo[- ]?master|universitaire\s+master|\bmaster\b[^.]*\bwo\b", re.IGNORECASE), "wo_master"),
    (re.compile(r"\bhbo[- ]?master|\bmaster\b", re.IGNORECASE), "hbo_master"),
    (re.compile(r"\bhbo\b|\bhbo-|bachelor|hogeschool", re.IGNORECASE), "hbo_bachelor"),
    (re.compile(r"\bwo\b|\bwo-|universit", re.IGNORECASE), "wo_bachelor"),
    (re.compile(r"associate\s+degree", re.IGNORECASE), "hbo_associate"),
    (re.compile(r"\bmbo\b|\bmbo-", re.IGNORECASE), "mbo"),
)
_OPEN_ENDED = re.compile(
    r"bij\s+voorkeur|of\s+(?:een\s+)?(?:andere|vergelijkbare|soortgelijke|relevante|gelijkwaardige|aanverwante)|relevante\s+(?:hbo|wo|mbo|opleiding)|gelijkwaardig",
    re.IGNORECASE,
)


_PROGRAMME_LIST = (
    re.compile(r"richting\s+(?:van\s+)?(?P<list>.+)$", re.IGNORECASE),
    re.compile(
        r"(?:opleiding|studie|master|bachelor)(?:\s+niveau\s+\d)?\s*,?\s*(?:bij\s+voorkeur\s+)?(?P<list>.+)$",
        re.IGNORECASE,
    ),
)


def _programmes(text: str) -> list[dict[str, Any]]:
    """The programmes an education eis names: "in de richting van MD, SPH of ...", "hbo-opleiding Social Work"."""
    found: dict[str, dict[str, Any]] = {}
    listed = next((m.group("list") for pattern in _PROGRAMME_LIST if (m := pattern.search(text))), "")
    for part in re.split(r",\s*|\s+of\s+|\s*/\s*|;", listed):
        name = re.sub(r"\s*\(.*$", "", part).strip(" .;")
        key = name.casefold()
        if key in PROGRAMMES:
            canonical, aliases = PROGRAMMES[key]
            found.setdefault(canonical, {"name": canonical, "aliases": list(aliases)})
        elif name[:1].isupper() and len(name) > 2:
            found.setdefault(name, {"name": name, "aliases": []})
    return list(found.values())


def _education(text: str) -> tuple[dict[str, Any], list[Doubt]]:
    # "hbo- of wo-opleiding": the lowest level named is the minimum
    levels: list[str] = []
    rest = text
    for pattern, level in _LEVELS:  # most specific first; a matched phrase is used once ("wo-master" is no "wo")
        if pattern.search(rest):
            levels.append(level)
            rest = pattern.sub(" ", rest)
    order = ["mbo", "hbo_associate", "hbo_bachelor", "wo_bachelor", "hbo_master", "wo_master"]
    doubts = []
    if levels:
        level = min(levels, key=order.index)
    else:
        level = "other"
        doubts.append(Doubt("/min_level", "Het vereiste opleidingsniveau staat niet in deze eis; vul het in."))
    programmes = _programmes(text)
    open_ended = bool(_OPEN_ENDED.search(text)) or not programmes
    return {"min_level": level, "accepted_programmes": programmes, "open_ended": open_ended}, doubts


def _certificate(text: str) -> dict[str, Any] | None:
    lowered = text.casefold()
    names = [
        {"name": name, "aliases": list(aliases)}
        for key, (name, aliases) in CERTIFICATES.items()
        if re.search(rf"(?<!\w){re.escape(key)}(?!\w)", lowered)
    ]
    domains = codes_in(text, "domains")
    if not names and not domains:
        topic = re.search(r"op\s+het\s+gebied\s+van\s+(?P<t>[^.;,()]+)", text, re.IGNORECASE)
        if topic is None:
            return None
        domains = [term_for(topic.group("t").strip(), "domains")[0]]
        return {"certificates": [], "domains": domains, "_new_domain": topic.group("t").strip()}
    return {"certificates": names, "domains": domains}


_WINDOW = re.compile(
    rf"(?:in|binnen|gedurende|over)\s+de\s+(?:afgelopen|laatste|voorgaande|vorige)\s+(?P<n>{NUMBER})\s+jaar",
    re.IGNORECASE,
)
_DURATION = re.compile(rf"(?P<n>{NUMBER})\s*(?:\+\s*)?(?P<unit>jaar|jaren|maanden|maand)\b", re.IGNORECASE)
_VAGUE_WINDOW = re.compile(r"\brecente?\b|recentelijk|actuele", re.IGNORECASE)
_VAGUE_LENGTH = re.compile(r"\bruime\b|jarenlange|meerjarige|\bruim\b|uitgebreide", re.IGNORECASE)
_ROLE_STOP = r"(?=\s+(?:in|bij|binnen|met|voor|op|waarvan|waarbij|en\s+daarbij)\b|\s*[,;.(]\s*(?:maak|waarbij|bij|in|met|aantoonbaar)|[;.(]|$)"
_ROLES = re.compile(r"\bals\s+(?P<roles>.+?)" + _ROLE_STOP, re.IGNORECASE)
_EMPLOYER = re.compile(
    r"\b(?:bij|binnen)\s+(?:een|de|het)\s+(?P<employer>(?!voorkeur)[\w-]+(?:\s+(?:of|en|/)\s+(?:een\s+|de\s+)?[\w-]+(?:\s+[\w-]+)?)?)",
    re.IGNORECASE,
)
_HOURS = re.compile(r"minimaal\s+(?P<n>\d{1,2})\s+uur\s+per\s+week", re.IGNORECASE)


def _split_phrases(text: str) -> list[str]:
    parts = re.split(r",\s*|\s+of\s+|\s+en(?:/of)?\s+|\s*/\s*", text)
    return [re.sub(r"^(?:een|de|het)\s+", "", part.strip(), flags=re.IGNORECASE) for part in parts if part.strip()]


def _experience(text: str, terms: dict[str, dict[str, dict[str, Any]]]) -> tuple[dict[str, Any], list[Doubt]]:
    params: dict[str, Any] = {}
    doubts: list[Doubt] = []
    rest = text
    window = _WINDOW.search(text)
    if window:
        params["window_years"] = int(number_value(window.group("n")))
        rest = rest.replace(window.group(), " ")
    duration = _DURATION.search(rest)
    if duration:
        value = number_value(duration.group("n"))
        params["min_months"] = int(value * 12 if duration.group("unit").casefold().startswith("ja") else value)
    elif vague := _VAGUE_LENGTH.search(text):
        doubts.append(Doubt("/min_months", f"'{vague.group()} ervaring' zonder aantal jaren; vul de minimale duur in."))
    if window is None and _VAGUE_WINDOW.search(text):
        doubts.append(
            Doubt(
                "/window_years", "Recente ervaring zonder periode (bijv. 'in de afgelopen 5 jaar'); vul de periode in."
            )
        )
    roles: list[str] = []
    role_match = _ROLES.search(text)
    if role_match:
        for phrase in _split_phrases(role_match.group("roles")):
            code, term = term_for(phrase, "roles")
            terms.setdefault("roles", {})[code] = term
            roles.append(code)
    employers: list[str] = []
    for match in _EMPLOYER.finditer(text):
        for phrase in _split_phrases(match.group("employer")):
            known = codes_in(phrase, "employer_kinds")
            if known:
                terms.setdefault("employer_kinds", {})[known[0]] = term_for(phrase, "employer_kinds")[1]
                employers.append(known[0])
    # words of the role list ("als gezinscoach") name roles, not domains
    domains = codes_in(text.replace(role_match.group(), " ") if role_match else text, "domains")
    for code in domains:
        terms.setdefault("domains", {})[code] = _known(code, "domains")
    hours = _HOURS.search(text)
    params.update(
        {
            "roles": list(dict.fromkeys(roles)),
            "employer_kinds": list(dict.fromkeys(employers)),
            "domains": domains,
            "example_required": bool(re.search(r"voorbeeld", text, re.IGNORECASE)),
        }
    )
    if hours:
        params["min_hours_per_week"] = Decimal(hours.group("n"))
    return params, doubts


def _known(code: str, dimension: str) -> dict[str, Any]:
    from compliance.importer.vocabulary import known_terms

    return dict(known_terms()[dimension][code])


def _typed(text: str, kind: str) -> tuple[str, dict[str, Any], list[Doubt], dict[str, dict[str, dict[str, Any]]]]:
    """(type, params, doubts, vocabulary terms) of one item's text."""
    terms: dict[str, dict[str, dict[str, Any]]] = {}
    if _REGISTRATION.search(text) and not _COURSE.search(text):
        return "registration", _registration(text), [], terms
    if _EDUCATION.search(text) and not _COURSE.search(text) and not _EXPERIENCE.search(text):
        params, doubts = _education(text)
        return "education", params, doubts, terms
    if _COURSE.search(text) and not _EXPERIENCE.search(text):
        certificate = _certificate(text)
        if certificate is not None:
            new = certificate.pop("_new_domain", None)
            for code in certificate["domains"]:
                terms.setdefault("domains", {})[code] = (
                    _known(code, "domains") if new is None else term_for(new, "domains")[1]
                )
            return "certificate", certificate, [], terms
    if _EXPERIENCE.search(text):
        params, doubts = _experience(text, terms)
        structured = params.get("min_months") or params["roles"] or params["employer_kinds"] or params["domains"]
        if structured or doubts:
            return "experience", params, doubts, terms
    return "statement", {}, [], {}


def _prefix(kind: str, section: Section) -> str:
    if kind == "knockout":
        return "K"
    return "W" if section.heading.text.casefold().startswith("wens") else "G"


def requirements(layout: Layout, reference: str) -> tuple[list[Requirement], str | None, list[Doubt]]:
    """Every eis and wens in posting order; the ID of an eis that only repeats the execution condition;
    and doubts about the whole list (points that do not add up to the stated total)."""
    found: list[Requirement] = []
    condition_ref: str | None = None
    doubts: list[Doubt] = []
    counters = {"knockout": 0, "scored": 0}
    for section in layout.of_kind("knockout", "selection"):
        kind: RequirementKind = "knockout" if section.kind == "knockout" else "scored"
        heading = section.heading.text
        scored_points = 0
        for item in items(section):
            counters[kind] += 1
            label = item.label or str(counters[kind])
            rid = label if re.match(r"^[A-Z]", label) else f"{_prefix(kind, section)}{label}"
            text = item.text.rstrip(";").strip()
            source = Source(text, tuple(line.number for line in item.lines))
            ref = f"{reference}, {heading.split('(')[0].strip()} {label}"
            if kind == "knockout" and _CONDITION_REF.search(text):
                condition_ref = ref
                continue
            points, percent = _weight(text) if kind == "scored" else (None, None)
            type_, params, item_doubts, terms = _typed(text, kind)
            requirement = Requirement(rid, kind, type_, params, source, ref, points, percent, terms, item_doubts)
            if kind == "scored" and points is None and percent is None:
                requirement.doubts.append(
                    Doubt("/points", "Deze wens heeft geen punten of weging in de uitvraag; vul ze in.")
                )
            scored_points += points or 0
            found.append(requirement)
        total = _TOTAL.search(heading) or next(
            (_TOTAL.search(line.text) for line in section.body if _TOTAL.search(line.text)), None
        )
        if total and scored_points and scored_points != int(total.group("n")):
            doubts.append(
                Doubt(
                    "/requirements",
                    f"De wensen onder '{heading}' tellen op tot {scored_points} punten, de uitvraag noemt totaal {total.group('n')}.",
                )
            )
    return found, condition_ref, doubts
