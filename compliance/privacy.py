"""The one BSN masker (art. 46 UAVG: this checker has no legal basis to process a BSN).

Every text that comes from outside — field values, JSON keys, file names, CV text, the values an
error message quotes back — goes through :func:`mask_bsn` (or :func:`mask_text` /
:func:`mask_document`, which use the same search) before it can reach a report, a file name, a
log line or a terminal. No other module recognises BSNs.

What counts as a BSN is decided without context, because the issue that set this policy found
contextual rules leaking ("BSN-111222333", "111/222/333", thin spaces): nine digits that pass the
11-test (python-stdnum's ``stdnum.nl.bsn``), written together or in groups separated by spaces of
any kind (thin, figure, no-break, zero-width...), dots, hyphens or dashes, slashes or underscores,
with or without a naming word before them. Eight digits count too when a naming word stands right
before them (a BSN whose leading zero was dropped). A group of digits is never split: ten digits
written together (a phone number, an IBAN's account part) are not a nine-digit number. The one
exception is the subscriber part of an international phone number ("+31 6 11111111"), which is not
a BSN even when it passes the 11-test.

The price is that about one in eleven other nine-digit numbers (an SKJ registration number, say)
is masked too; the checks that need such a number then ask for review instead of passing.
Masking a number that only looks like a BSN costs a reviewer a look; printing a real one is not
allowed.

The mask is :data:`MASK` (nine asterisks), never longer than what it replaces, so a masked value
still fits its field. A hit records where the number was, never the digits.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

MASK = "*********"

# Separators a writer may put between digit groups. ``\s`` covers every Unicode space (thin U+2009,
# figure U+2007, no-break U+00A0, narrow no-break U+202F, line breaks...); the zero-width characters
# and the Unicode dashes, dots and slashes are listed because ``\s`` does not cover them.
_SEPARATOR = (
    r"[\s._/\-"
    "\u200b\u200c\u200d\u2060\ufeff"  # zero-width space, (non-)joiner, word joiner, BOM
    "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"  # hyphens, dashes, minus
    "\u00b7\u2024\u2027\uff0e"  # middle dot, one-dot leader, hyphenation point, fullwidth stop
    "\u2044\u2215\uff0f"  # fraction slash, division slash, fullwidth solidus
    "]"
)
# Digit groups joined by one to three separators ("111 - 222 - 333" has three), eight digits or
# more: shorter numbers, by far the most common in any text, are skipped by the regex engine itself.
_RUN = re.compile(rf"\d(?:{_SEPARATOR}{{0,3}}\d){{7,}}")
# Nine digits or more: without a naming word anywhere in a text, eight digits never count, so the
# regex engine itself skips the dates ("2019-04-01") and KvK numbers that fill every offer.
_RUN_OF_NINE = re.compile(rf"\d(?:{_SEPARATOR}{{0,3}}\d){{8,}}")
# A "+" right before the first group marks an international phone number.
_PHONE_PREFIX = re.compile(rf"\+{_SEPARATOR}?$")
_GROUP = re.compile(r"\d+")
# A naming word directly before an eight-digit number makes it a BSN without its leading zero.
_NAMED_BEFORE = re.compile(
    r"(?:bsn|burger\W{0,2}service\W{0,2}nummer|sofi\W{0,2}(?:nummer|nr))\W{0,3}$",
    re.IGNORECASE,
)
_NAME_LOOKBACK = 30  # characters before a run searched for the naming word


@dataclass(frozen=True, slots=True)
class BsnHit:
    """Where a BSN was found and masked; the number itself is never kept."""

    location: str  # Dutch, e.g. "cv, pagina 2", or a JSON pointer such as "/candidate/name"


def _passes_11_test(digits: str) -> bool:
    """The BSN 11-test as python-stdnum's ``stdnum.nl.bsn`` applies it.

    Most offers hold a nine-digit number that is no BSN (an SKJ number, say), and importing stdnum
    costs a plain check tens of milliseconds of start-up (it pulls in pydoc and ssl). So the weighted
    sum is taken here first, and stdnum, imported on use, only confirms the rare number that passes
    (tests/test_privacy.py checks that both agree)."""
    padded = digits.zfill(9)
    total = sum(int(digit) * weight for digit, weight in zip(padded, (9, 8, 7, 6, 5, 4, 3, 2, -1), strict=True))
    if total % 11 or int(padded) == 0:
        return False
    from stdnum.nl import bsn

    return bool(bsn.is_valid(digits))


def _ascii_digits(text: str) -> str:
    # \d also matches other scripts' digits (fullwidth, Arabic-Indic); the 11-test wants ASCII.
    return "".join(str(int(char)) for char in text)


def _spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every BSN in ``text``, left to right, not overlapping."""
    runs = _RUN if _names_anywhere(text) else _RUN_OF_NINE
    for run in runs.finditer(text):
        digit_count = sum(map(len, _GROUP.findall(run.group(0))))
        # Eight digits only count after a naming word; with exactly nine the nine-digit number decides.
        named = digit_count != 9 and _named_before(text, run.start())
        if digit_count == 8 and not named:
            continue  # a date ("2019-04-01") or another eight-digit number (a KvK number)
        groups = list(_GROUP.finditer(run.group(0)))
        # "+31 6 11111111": after a country code of one to three digits comes a subscriber number.
        phone = (
            len(groups) > 1
            and len(groups[0].group(0)) <= 3
            and bool(_PHONE_PREFIX.search(text, max(0, run.start() - 2), run.start()))
        )
        index = 0
        while index < len(groups):
            end = _window_end(groups, index, eight_allowed=named and index == 0)
            if end is not None and not (phone and index <= 1):
                digits = _ascii_digits("".join(group.group(0) for group in groups[index : end + 1]))
                if _passes_11_test(digits):
                    yield run.start() + groups[index].start(), run.start() + groups[end].end()
                    index = end + 1
                    continue
            index += 1


def _names_anywhere(text: str) -> bool:
    """Whether a naming word may stand anywhere in ``text`` (a superset of :func:`_named_before`)."""
    folded = text.casefold()
    return "bsn" in folded or "burger" in folded or "sofi" in folded


def _named_before(text: str, position: int) -> bool:
    before = text[max(0, position - _NAME_LOOKBACK) : position]
    folded = before.casefold()
    # A substring test first: nearly every number in a text has no naming word before it.
    return any(word in folded for word in ("bsn", "burger", "sofi")) and bool(_NAMED_BEFORE.search(before))


def _window_end(groups: list[re.Match[str]], start: int, eight_allowed: bool) -> int | None:
    """The last of the whole groups from ``start`` that together hold nine digits (or eight, when
    allowed and nine cannot be made); None when the groups skip past that count."""
    count = 0
    eight: int | None = None
    for index in range(start, len(groups)):
        count += len(groups[index].group(0))
        if count == 8 and eight_allowed:
            eight = index
        if count >= 9:
            return index if count == 9 else eight
    return eight


def mask_bsn(text: str) -> str:
    """``text`` with every BSN replaced by :data:`MASK`: the one call for anything shown or stored."""
    return mask_text(text)[0]


def contains_bsn(text: str) -> bool:
    """True when ``text`` holds a BSN (or what was one: the mask itself)."""
    return MASK in text or next(_spans(text), None) is not None


def mask_text(text: str, location: str = "") -> tuple[str, tuple[BsnHit, ...]]:
    """``text`` with every BSN masked, and one hit (at ``location``) per number masked."""
    if len(text) < 8:
        return text, ()  # most keys and short values: too short to hold a BSN
    spans = list(_spans(text))
    if not spans:
        return text, ()
    parts: list[str] = []
    cursor = 0
    for start, end in spans:
        parts += [text[cursor:start], MASK]
        cursor = end
    parts.append(text[cursor:])
    return "".join(parts), tuple(BsnHit(location) for _ in spans)


def escape_pointer_part(part: str | int) -> str:
    """One JSON pointer segment (RFC 6901: "~" and "/" escaped)."""
    return str(part).replace("~", "~0").replace("/", "~1")


def mask_document(document: Any, pointer: str = "") -> tuple[Any, tuple[BsnHit, ...]]:
    """A copy of a JSON document with every BSN masked in its strings *and* keys, and where.

    The same object is returned when nothing was found, so callers can test ``is`` cheaply. A hit
    in a key is located at the (masked) pointer of that key."""
    if not may_name_a_bsn(_SERIALISE(document)):
        return document, ()  # the common case, decided in one pass over the serialised document
    return _mask_node(document, pointer)


def _mask_node(node: Any, pointer: str) -> tuple[Any, tuple[BsnHit, ...]]:
    if isinstance(node, str):
        masked, text_hits = mask_text(node, pointer or "/")
        return (masked if text_hits else node), text_hits
    if isinstance(node, dict):
        hits: tuple[BsnHit, ...] = ()
        items: list[tuple[Any, Any]] = []
        for key, value in node.items():
            new_key, key_hits = mask_text(key) if isinstance(key, str) else (key, ())
            child = f"{pointer}/{escape_pointer_part(new_key)}"
            new_value, found = _mask_node(value, child)
            hits += tuple(BsnHit(child) for _ in key_hits) + found
            items.append((new_key, new_value))
        return (dict(items) if hits else node), hits
    if isinstance(node, list):
        list_hits: tuple[BsnHit, ...] = ()
        values = list(node)
        for index, value in enumerate(node):
            new_value, found = _mask_node(value, f"{pointer}/{index}")
            if found:
                list_hits += found
                values[index] = new_value
        return (values if list_hits else node), list_hits
    return node, ()


def masked_locations(document: Any, pointer: str = "") -> tuple[str, ...]:
    """JSON pointers of the strings in ``document`` that carry :data:`MASK`: where a BSN was masked
    before the document was validated (the loader masks every input first, see
    :func:`compliance.inputs.loader.validate`)."""
    if isinstance(document, str):
        return (pointer or "/",) * document.count(MASK)
    if isinstance(document, dict):
        children = ((f"{pointer}/{escape_pointer_part(key)}", value) for key, value in document.items())
    elif isinstance(document, list):
        children = ((f"{pointer}/{index}", value) for index, value in enumerate(document))
    else:
        return ()
    return tuple(location for child, value in children for location in masked_locations(value, child))


def may_name_a_bsn(text: str) -> bool:
    """Cheap pre-filter: False means ``text`` (plain, or a JSON serialisation) certainly holds no BSN.

    JSON escapes ("\\n", "\\u2009") are read as separators, so a number split by an escaped
    line break is still seen; a false alarm only costs the caller a closer look."""
    readable = _JSON_ESCAPE.sub(" ", text) if "\\" in text else text
    return next(_spans(readable), None) is not None


_JSON_ESCAPE = re.compile(r"\\(?:u[0-9a-fA-F]{4}|.)")
# Built once (json.dumps with options builds an encoder per call); only read by may_name_a_bsn.
_SERIALISE = json.JSONEncoder(ensure_ascii=False, default=str, check_circular=False).encode


__all__ = [
    "MASK",
    "BsnHit",
    "contains_bsn",
    "escape_pointer_part",
    "mask_bsn",
    "mask_document",
    "mask_text",
    "masked_locations",
    "may_name_a_bsn",
]
