"""Turn a phrase from a requirement into a vocabulary code (and its term), reusing known terms.

Known terms come from the v1 vocabulary (data in ``compliance/inputs/vocabularies``) and the
importer's own list (:mod:`compliance.importer.terms`); a phrase neither knows becomes a new term
with its own words, so nothing is lost and a reviewer can add synonyms.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

from compliance.importer.terms import EXTRA_TERMS

Terms = dict[str, dict[str, Any]]


@cache
def known_terms() -> dict[str, Terms]:
    """Every known term per dimension (roles, employer_kinds, domains)."""
    from compliance.models.tender_upgrade import v1_vocabulary

    base = v1_vocabulary()
    return {dimension: {**base.get(dimension, {}), **EXTRA_TERMS.get(dimension, {})} for dimension in EXTRA_TERMS}


def _norm(text: str) -> str:
    return re.sub(r"[\s\-]+", " ", text.casefold()).strip()


@cache
def _synonyms(dimension: str) -> list[tuple[re.Pattern[str], str]]:
    """(pattern, code) for every synonym, longest first, matched on word boundaries."""
    pairs = []
    for code, term in known_terms()[dimension].items():
        for word in dict.fromkeys((term["label"], *term.get("synonyms", []))):  # in order: imports are reproducible
            pairs.append((_norm(word), code))
    pairs.sort(key=lambda pair: len(pair[0]), reverse=True)  # stable: equal lengths keep the vocabulary's order
    return [(re.compile(rf"(?<!\w){re.escape(word)}(?!\w)"), code) for word, code in pairs]


def slug(phrase: str) -> str:
    """'ambulante werker' → 'ambulante_werker' (a valid vocabulary code)."""
    ascii_text = unicodedata.normalize("NFKD", phrase).encode("ascii", "ignore").decode().casefold()
    code = re.sub(r"[^a-z0-9]+", "_", ascii_text).strip("_")[:60].rstrip("_")
    return code if code and code[0].isalpha() else f"t_{code}"[:60]


def codes_in(text: str, dimension: str) -> list[str]:
    """The known terms of ``dimension`` that ``text`` mentions, in order of appearance."""
    normalised = _norm(text)
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for pattern, code in _synonyms(dimension):
        for match in pattern.finditer(normalised):
            if any(start < match.end() and match.start() < end for start, end in taken):
                continue
            taken.append((match.start(), match.end()))
            found.append((match.start(), code))
    return list(dict.fromkeys(code for _, code in sorted(found)))


def term_for(phrase: str, dimension: str) -> tuple[str, dict[str, Any]]:
    """The code and term for a phrase: a known term it names, else a new term of its own words."""
    known = codes_in(phrase, dimension)
    if known:
        return known[0], known_terms()[dimension][known[0]]
    words = phrase.strip()
    return slug(words), {"label": words, "synonyms": [words.casefold()]}
