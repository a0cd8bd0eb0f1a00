"""What a CV's text states: the registration number and its expiry date, and the references.

The Heerde posting demands the SKJ number *and* its expiry date in the CV itself, so a reviewer
reads the CV for them; this module does the same reading. It looks near the register's name
(or the declared number) for a 6-10 digit number and for a full date written after words like
"geldig tot" or "afloopdatum", in the date notations Dutch CVs use. It reports what it found
and whether it matches the declaration; the check decides what that means.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from compliance.documents.evidence import flatten
from compliance.models.submission import Reference
from compliance.privacy import MASK

NUMBER_WINDOW = 80  # characters after the register's name in which its number is looked for
DATE_WINDOW = 200  # characters around the register's name or number in which its expiry is looked for
EXPIRY_WORD_WINDOW = 40  # characters before a date in which an expiry word must stand

_MONTHS = {
    "januari": 1, "january": 1, "jan": 1,
    "februari": 2, "february": 2, "feb": 2,
    "maart": 3, "march": 3, "mrt": 3, "mar": 3, "mär": 3, "märz": 3, "mars": 3,
    "april": 4, "apr": 4, "avril": 4,
    "mei": 5, "may": 5, "mai": 5,
    "juni": 6, "june": 6, "jun": 6, "juin": 6,
    "juli": 7, "july": 7, "jul": 7, "juillet": 7,
    "augustus": 8, "august": 8, "aug": 8, "août": 8,
    "september": 9, "sep": 9, "sept": 9, "septembre": 9,
    "oktober": 10, "october": 10, "okt": 10, "oct": 10, "octobre": 10,
    "november": 11, "nov": 11, "novembre": 11,
    "december": 12, "dec": 12, "dez": 12, "dezember": 12, "décembre": 12,
}  # fmt: skip
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE_PATTERNS = (
    (re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)"), ("y", "m", "d")),
    (re.compile(r"(?<!\d)(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?!\d)"), ("d", "m", "y")),
    (re.compile(rf"(?<!\d)(\d{{1,2}})\.?\s+({_MONTH_NAMES})\.?\s+(\d{{4}})(?!\d)", re.IGNORECASE), ("d", "mn", "y")),
    (re.compile(rf"\b({_MONTH_NAMES})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})(?!\d)", re.IGNORECASE), ("mn", "d", "y")),
)
_EXPIRY_WORDS = re.compile(
    r"geldig\s+(?:tot|t/m|t\.m\.|tot\s+en\s+met)|t/m|tot\s+en\s+met|verloopt|vervalt|afloop\w*|verval\w*|einddatum|"
    r"herregistratie\w*|loopt\s+af|valid\s+(?:until|through|till|to)|expir\w*|gültig\s+bis|valable\s+jusqu",
    re.IGNORECASE,
)
# Directly before a date near the register, a bare "tot" ("SKJ 110012345 tot 31-03-2028") also
# marks the expiry; on its own it is too common ("van 0 tot 6 jaar") to mean anything.
_BEFORE_EXPIRY_DATE = re.compile(rf"(?:{_EXPIRY_WORDS.pattern}|\btot\b)[^\d]*$", re.IGNORECASE)
# A registration number near the register's name: 6-10 digits, or the mask of one that was masked.
_STATED_NUMBER = re.compile(rf"(?<![\d\-/.])(\d{{6,10}}|{re.escape(MASK)})(?![\d\-/*])")
_REFERENCES_HEADING = re.compile(r"^\s*(?:referenties|referenten|references|referees|referenzen)\b", re.I | re.M)


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A date written in the text, with where it stands."""

    start: int
    end: int
    value: date


def find_dates(flat: str) -> list[FoundDate]:
    """Every full calendar date in the text (day, month and year); impossible dates are skipped."""
    found: list[FoundDate] = []
    for pattern, order in _DATE_PATTERNS:
        for match in pattern.finditer(flat):
            parts = dict(zip(order, match.groups(), strict=True))
            month = _MONTHS[parts["mn"].casefold()] if "mn" in parts else int(parts["m"])
            try:
                found.append(FoundDate(match.start(), match.end(), date(int(parts["y"]), month, int(parts["d"]))))
            except ValueError:
                continue
    return sorted(found, key=lambda item: item.start)


@dataclass(frozen=True, slots=True)
class RegistrationInCv:
    """The registration as the CV states it."""

    number: str | None  # the number stated (the declared one when the CV states it)
    number_matches_declared: bool
    expiry: date | None  # the expiry date stated
    expiry_matches_declared: bool
    expiry_unreadable: bool  # an expiry word stands near the register, but no full date with it


def _word(term: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![^\W_]){re.escape(term)}(?![^\W_])", re.IGNORECASE)


def find_registration(
    text: str, register: str, declared_number: str | None, declared_until: date | None
) -> RegistrationInCv:
    """Look for the register's number and expiry date in the CV text."""
    flat = flatten(text)
    anchors = [m.start() for m in _word(register).finditer(flat)]
    number: str | None = None
    matches_declared = False
    # A masked number (it passed the BSN 11-test, see compliance.privacy) cannot be compared: two
    # different numbers look the same once masked. It is still found as "a number is stated".
    if declared_number and MASK not in declared_number:
        stated = re.search(rf"(?<!\d){re.escape(declared_number)}(?!\d)", flat)
        if stated:
            number, matches_declared = declared_number, True
            anchors.append(stated.start())
    if number is None:
        for anchor in anchors:
            candidate = _STATED_NUMBER.search(flat[anchor : anchor + NUMBER_WINDOW])
            if candidate:
                number = candidate.group(1)
                anchors.append(anchor + candidate.start())
                break
    dates = find_dates(flat)
    near = [
        found
        for found in dates
        if any(anchor - EXPIRY_WORD_WINDOW <= found.start <= anchor + DATE_WINDOW for anchor in anchors)
    ]
    expiry: date | None = None
    expiry_declared = False
    if declared_until is not None and any(found.value == declared_until for found in near):
        expiry, expiry_declared = declared_until, True
    else:
        expiry = _stated_expiry(flat, sorted(anchors), dates)
    unreadable = expiry is None and any(
        _EXPIRY_WORDS.search(flat[anchor : anchor + NUMBER_WINDOW]) for anchor in anchors
    )
    return RegistrationInCv(
        number=number,
        number_matches_declared=matches_declared,
        expiry=expiry,
        expiry_matches_declared=expiry_declared,
        expiry_unreadable=unreadable,
    )


def _stated_expiry(flat: str, anchors: list[int], dates: list[FoundDate]) -> date | None:
    """The expiry date the CV gives for the registration, when it gives one unambiguously.

    Either the first date after a mention of the register (or its number), introduced by an
    expiry word with no other date in between ("SKJ 110012345, geldig tot 31-03-2028"), or a
    date just before the mention after a strong expiry word ("geldig tot 31-03-2028: SKJ ...").
    A date elsewhere near the mention ("ingeschreven 01-04-2023", a job "tot 01-01-2020" after
    it) is not taken for the expiry.
    """
    for anchor in anchors:
        following = [found for found in dates if anchor < found.start <= anchor + DATE_WINDOW]
        if following and _BEFORE_EXPIRY_DATE.search(flat[anchor : following[0].start][-EXPIRY_WORD_WINDOW:]):
            return following[0].value
        preceding = [found for found in dates if anchor - EXPIRY_WORD_WINDOW <= found.start < anchor]
        if preceding and _EXPIRY_WORDS.search(
            flat[max(0, preceding[-1].start - EXPIRY_WORD_WINDOW) : preceding[-1].start]
        ):
            return preceding[-1].value
    return None


@dataclass(frozen=True, slots=True)
class ReferencesInCv:
    """Which declared references the CV names, and whether it has a references section at all."""

    heading: bool
    named: tuple[int, ...]  # indexes into the declared references
    not_named: tuple[int, ...]


def _name_forms(name: str) -> list[str]:
    """The full name, and the surname part without initials or first name ("P. de Wit" -> "de wit")."""
    tokens = [token for token in re.split(r"[\s.]+", flatten(name).casefold()) if token]
    forms = [" ".join(tokens)]
    surname = " ".join(tokens[1:]) if len(tokens) > 1 else ""
    if len(surname) >= 4:
        forms.append(surname)
    return forms


def find_references(text: str, references: list[Reference]) -> ReferencesInCv:
    """Match each declared reference's name against the CV text (case and initials tolerant)."""
    words = " ".join(token for token in re.split(r"[\s.]+", flatten(text).casefold()) if token)
    named: list[int] = []
    not_named: list[int] = []
    for index, reference in enumerate(references):
        hit = any(re.search(rf"(?<![^\W_]){re.escape(form)}(?![^\W_])", words) for form in _name_forms(reference.name))
        (named if hit else not_named).append(index)
    return ReferencesInCv(bool(_REFERENCES_HEADING.search(text)), tuple(named), tuple(not_named))


__all__ = [
    "FoundDate",
    "ReferencesInCv",
    "RegistrationInCv",
    "find_dates",
    "find_references",
    "find_registration",
    "flatten",
]
