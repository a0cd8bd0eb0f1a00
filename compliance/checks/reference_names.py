"""Who a reference is: one person counted once, and found in the CV by full name.

The posting asks for references in the CV itself. A reference listed twice (the same name and
organisation, however written) is one reference. A declared reference is looked up in the CV by
its surname *and* the first name or initial before it: "P. de Wit" is confirmed by "P. de Wit"
or "Pieter de Wit", but "Pieter de Wit" declared and "Peter de Wit" in the CV is a different
spelling a person must judge. What the CV says is quoted, so the reviewer sees it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from compliance.documents.evidence import flatten
from compliance.models.submission import Reference

# Dutch surname particles (tussenvoegsels), written before the surname proper.
_PARTICLES = frozenset({"van", "de", "der", "den", "het", "ten", "ter", "te", "in", "op", "'t", "la", "le", "du", "da"})
# The word just before a surname in the CV: a first name or initials ("P.", "P.J.", "Pieter").
_GIVEN_BEFORE = re.compile(r"([^\W\d_][^\W\d_.'’-]*(?:[.'’-][^\W\d_]*)*\.?)\s+$")


def _fold(text: str) -> str:
    """Lower case, punctuation to spaces, single spaces: how names and organisations are compared."""
    return " ".join(re.sub(r"[^\w'’]+", " ", flatten(text).casefold()).split())


def person_key(reference: Reference) -> tuple[str, str]:
    """One person at one organisation, whatever the spacing, case or punctuation."""
    return _fold(reference.name), _fold(reference.organisation or "")


def unique_references(references: list[Reference]) -> tuple[list[int], list[int]]:
    """(indexes of the references that count, indexes of repeats of an earlier one)."""
    seen: set[tuple[str, str]] = set()
    kept: list[int] = []
    repeats: list[int] = []
    for index, reference in enumerate(references):
        key = person_key(reference)
        (repeats if key in seen else kept).append(index)
        seen.add(key)
    return kept, repeats


class NameMatch(StrEnum):
    """How a declared name stands in the CV."""

    MATCH = "match"  # surname and first name (or initial) agree
    MISMATCH = "mismatch"  # the surname is there, the first name differs or is missing
    ABSENT = "absent"  # the surname is not in the CV


@dataclass(frozen=True, slots=True)
class NameInCv:
    """The result of looking up one name, with what the CV says there."""

    match: NameMatch
    quoted: str = ""  # the name as the CV writes it ("" when absent)


def _split(name: str) -> tuple[list[str], list[str]]:
    """(given names or initials, surname words): 'Pieter van der Berg' -> (['Pieter'], ['van', 'der', 'Berg'])."""
    words = flatten(name).split()
    if len(words) < 2:
        return [], words
    start = len(words) - 1
    while start > 1 and words[start - 1].casefold() in _PARTICLES:
        start -= 1
    return words[:start], words[start:]


def _letters(word: str) -> str:
    return re.sub(r"[^\w]", "", word.casefold())


def _is_initials(word: str) -> bool:
    """'P.', 'P.J.', 'PJ' or a single letter: initials rather than a written-out name."""
    return "." in word or len(_letters(word)) == 1 or (word.isupper() and len(_letters(word)) <= 3)


def _same_person(declared: str, written: str) -> bool:
    """A declared first name (or initials) against the word before the surname in the CV."""
    left, right = _letters(declared), _letters(written)
    if not left or not right:
        return False
    if _is_initials(declared) or _is_initials(written):
        return left[0] == right[0]
    return left == right


def find_name(text: str, name: str) -> NameInCv:
    """Look up a declared reference's full name in the CV text."""
    given, surname = _split(name)
    if not surname:
        return NameInCv(NameMatch.ABSENT)
    flat = flatten(text)
    pattern = r"\s+".join(re.escape(word) for word in surname)
    quotes: list[str] = []
    for found in re.finditer(rf"(?<![^\W_]){pattern}(?![^\W_])", flat, re.IGNORECASE):
        before = _GIVEN_BEFORE.search(flat[max(0, found.start() - 40) : found.start()])
        written = before.group(1) if before else ""
        quoted = f"{written} {found.group(0)}".strip()
        if not given or (written and _same_person(given[0], written)):
            return NameInCv(NameMatch.MATCH, quoted)
        quotes.append(quoted)
    if quotes:
        return NameInCv(NameMatch.MISMATCH, quotes[0])
    return NameInCv(NameMatch.ABSENT)


__all__ = ["NameInCv", "NameMatch", "find_name", "person_key", "unique_references"]
