"""BSN detection and masking (art. 46 UAVG: this checker has no legal basis to process a BSN).

A BSN is recognised the way a careful reader would: a number of 8 or 9 digits (optionally
grouped with spaces, dots or dashes) that passes the 11-test, standing close to a word that
names it (BSN, burgerservicenummer, sofinummer). Without such a word a 9-digit number is far
more likely an SKJ, RSIN or phone-like number, and masking it would hide facts the checks need.

Every match is replaced by asterisks *before* the text goes anywhere else, so no finding,
report, log line or cache file can carry the number. The hit records where it was and which
word it stood near, never the digits.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

# How far (in characters) the naming word may stand from the number, on either side.
KEYWORD_WINDOW = 40
MASK = "*********"

_KEYWORD = re.compile(
    r"\b(?:bsn|burger\s*service\s*nummer|burgerservicenummer|sofi\s*-?\s*(?:nummer|nr)|sofinummer|"
    r"social\s+security\s+number|citizen\s+service\s+number)",
    re.IGNORECASE,
)
# 8 or 9 digits, optionally grouped by single spaces, dots or dashes ("123 456 782", "1234.56.782").
_NUMBER = re.compile(r"(?<![\d.\-])\d(?:[ .\-]?\d){7,8}(?![\d])")


@dataclass(frozen=True, slots=True)
class BsnHit:
    """Where a BSN was found; the number itself is never kept."""

    location: str  # Dutch, e.g. "cv, pagina 2" or a JSON pointer such as "/candidate/name"
    keyword: str  # the word it stood near, normalised to lower case


# Every naming word starts with one of these; a plain substring test is ~50x cheaper than the
# regex, and nearly every text (and every submission) has none of them.
_TRIGGERS = ("bsn", "burger", "sofi", "social", "citizen")


def may_name_a_bsn(text: str) -> bool:
    """Cheap pre-filter: False means the text certainly holds no BSN as recognised here."""
    folded = text.casefold()
    return any(trigger in folded for trigger in _TRIGGERS)


def _is_bsn(candidate: str) -> bool:
    digits = re.sub(r"\D", "", candidate)
    from stdnum.nl import bsn  # imported on use: stdnum pulls in modules a plain check does not need

    return len(digits) in (8, 9) and bool(bsn.is_valid(digits))


def _matches(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, keyword) of every BSN in ``text``."""
    if not may_name_a_bsn(text):
        return  # the common case: no naming word, nothing to look at
    keywords = [(m.start(), m.end(), re.sub(r"\s+", " ", m.group(0).casefold())) for m in _KEYWORD.finditer(text)]
    for number in _NUMBER.finditer(text):
        if not _is_bsn(number.group(0)):
            continue
        near = [
            word
            for start, end, word in keywords
            if -KEYWORD_WINDOW <= number.start() - end <= KEYWORD_WINDOW
            or -KEYWORD_WINDOW <= start - number.end() <= KEYWORD_WINDOW
        ]
        if near:
            yield number.start(), number.end(), near[0]


def mask_text(text: str, location: str = "") -> tuple[str, tuple[BsnHit, ...]]:
    """``text`` with every BSN replaced by asterisks, and where they were."""
    found = list(_matches(text))
    if not found:
        return text, ()
    parts: list[str] = []
    cursor = 0
    for start, end, _ in found:
        parts += [text[cursor:start], MASK]
        cursor = end
    parts.append(text[cursor:])
    return "".join(parts), tuple(BsnHit(location, keyword) for _, _, keyword in found)


def _escape_pointer(part: str | int) -> str:
    return str(part).replace("~", "~0").replace("/", "~1")


def mask_document(document: Any, pointer: str = "") -> tuple[Any, tuple[BsnHit, ...]]:
    """A copy of a JSON document with every BSN in its strings masked, and the JSON pointers hit.

    The same object is returned when nothing was found, so callers can test ``is`` cheaply.
    """
    if isinstance(document, str):
        masked, text_hits = mask_text(document, pointer or "/")
        return (masked if text_hits else document), text_hits
    if isinstance(document, dict):
        hits: tuple[BsnHit, ...] = ()
        changed: dict[str, Any] = {}
        for key, value in document.items():
            new_value, found = mask_document(value, f"{pointer}/{_escape_pointer(key)}")
            if found:
                hits += found
                changed[key] = new_value
        return ({**document, **changed} if hits else document), hits
    if isinstance(document, list):
        list_hits: tuple[BsnHit, ...] = ()
        items = list(document)
        for index, value in enumerate(document):
            new_value, found = mask_document(value, f"{pointer}/{index}")
            if found:
                list_hits += found
                items[index] = new_value
        return (items if list_hits else document), list_hits
    return document, ()


__all__ = ["KEYWORD_WINDOW", "MASK", "BsnHit", "mask_document", "mask_text", "may_name_a_bsn"]
