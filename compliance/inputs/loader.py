"""Load JSON input files into models. Every problem names the file and the JSON pointer.

Nothing here trusts the input: an empty file, a non-UTF-8 file, truncated JSON, duplicate keys,
wrong types, impossible dates, unknown fields and unknown enum values all become an
:class:`~compliance.errors.InputError` with a Dutch message, never a traceback and never a pass.
A hostile file (deeply nested, huge numbers, millions of items) is refused against the limits in
:mod:`compliance.inputs.limits` before any model is built, and every input is BSN-masked
(:mod:`compliance.privacy`) before it is validated, so no model, error or report can carry one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from compliance.canonical import canonical_sha256
from compliance.errors import InputError
from compliance.inputs.json_text import json_error_text
from compliance.inputs.limits import (
    MAX_CONTAINERS,
    MAX_DEPTH,
    MAX_INPUT_BYTES,
    MAX_KEY_CHARS,
    MAX_LIST_ITEMS,
    MAX_NUMBER_CHARS,
    MAX_OBJECT_FIELDS,
    MAX_QUOTED_CHARS,
)
from compliance.privacy import escape_pointer_part, mask_bsn, mask_document

ModelT = TypeVar("ModelT", bound=BaseModel)


@dataclass(frozen=True, slots=True)
class Loaded:
    """A validated document with the canonical sha256 of what was read."""

    path: str
    raw: dict[str, Any]  # as read (not masked): the input hash is taken over it
    sha256: str


class _Object(dict[str, Any]):
    """A parsed JSON object that remembers keys it saw twice (the last value wins in plain json).

    The list is set on the (rare) object that has a duplicate; every other one shares the empty
    class default, so a file of many objects costs no more than plain dicts."""

    duplicates: tuple[str, ...] = ()


def _collect_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = _Object(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        repeated: list[str] = []
        for key, _ in pairs:
            if key in seen:
                repeated.append(key)
            seen.add(key)
        result.duplicates = tuple(repeated)
    return result


@dataclass(frozen=True, slots=True)
class _LongNumber:
    """Stands in for a number written with too many characters, so the walk can name its pointer."""

    chars: int


def _parse_int(text: str) -> int | _LongNumber:
    return _LongNumber(len(text)) if len(text) > MAX_NUMBER_CHARS else int(text)


def _parse_float(text: str) -> float | _LongNumber:
    return _LongNumber(len(text)) if len(text) > MAX_NUMBER_CHARS else float(text)


_VISITED = (dict, list, _LongNumber)  # what the structure walk looks at; scalars need nothing


def _pointer(path: tuple[str | int, ...]) -> str:
    return "".join(f"/{escape_pointer_part(part)}" for part in path)


def _structure_problem(document: Any) -> tuple[str, str] | None:
    """The first (pointer, problem) in document order that breaks a limit or repeats a key.

    Iterative, so no nesting depth can exhaust Python's stack here; only containers and stand-ins
    are visited, and a pointer is only spelled out for the problem found."""
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), document)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, _LongNumber):
            return _pointer(path), f"getal met te veel tekens ({node.chars}, maximaal {MAX_NUMBER_CHARS})"
        if len(path) >= MAX_DEPTH:
            return _pointer(path), f"te diep genest (meer dan {MAX_DEPTH} niveaus)"
        items: list[tuple[str | int, Any]]
        if isinstance(node, list):
            if len(node) > MAX_LIST_ITEMS:
                return _pointer(path), f"lijst met te veel elementen ({len(node)}, maximaal {MAX_LIST_ITEMS})"
            items = list(enumerate(node))
        else:
            if len(node) > MAX_OBJECT_FIELDS:
                return _pointer(path), f"object met te veel velden ({len(node)}, maximaal {MAX_OBJECT_FIELDS})"
            longest = max(map(len, node), default=0)
            if longest > MAX_KEY_CHARS:
                return _pointer(path), f"veldnaam te lang ({longest} tekens, maximaal {MAX_KEY_CHARS})"
            duplicates = node.duplicates if isinstance(node, _Object) else ()
            if duplicates:
                duplicate = duplicates[0]
                return _pointer((*path, duplicate)), f"sleutel '{duplicate}' komt meer dan eens voor"
            items = list(node.items())
        stack += [((*path, key), child) for key, child in reversed(items) if isinstance(child, _VISITED)]
    return None


def parse_json_bytes(data: bytes, label: str) -> dict[str, Any]:
    """Decode and parse one JSON object within the input limits; ``label`` names the file in every error."""
    if not data.strip():
        raise InputError(label, [("", "het bestand is leeg")])
    containers = data.count(b"{") + data.count(b"[")
    if containers > MAX_CONTAINERS:
        raise InputError(label, [("", f"te veel objecten en lijsten ({containers}, maximaal {MAX_CONTAINERS})")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(label, [("", f"het bestand is geen geldige UTF-8-tekst (byte {exc.start})")]) from exc
    try:
        document = json.loads(text, object_pairs_hook=_collect_pairs, parse_int=_parse_int, parse_float=_parse_float)
    except json.JSONDecodeError as exc:
        raise InputError(label, [("", json_error_text(exc))]) from exc
    except RecursionError as exc:  # Python's parser stops near 1 000 levels, long after MAX_DEPTH
        raise InputError(label, [("", f"te diep genest (meer dan {MAX_DEPTH} niveaus)")]) from exc
    if not isinstance(document, dict):
        raise InputError(label, [("", "het document moet een JSON-object zijn")])
    # A duplicated key is ambiguous (which value did the supplier mean?), so it is an error.
    problem = _structure_problem(document)
    if problem is not None:
        raise InputError(label, [problem])
    return document


def read_json_file(path: Path) -> dict[str, Any]:
    """Read a JSON object from a file, with size and readability checks."""
    label = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise InputError(label, [("", f"het bestand is te groot ({size} bytes, maximaal {MAX_INPUT_BYTES})")])
        with path.open("rb") as stream:
            data = stream.read(MAX_INPUT_BYTES + 1)  # the file may have grown since stat
    except IsADirectoryError as exc:
        raise InputError(label, [("", "dit is een map, geen bestand")]) from exc
    except FileNotFoundError as exc:
        raise InputError(label, [("", "bestand niet gevonden")]) from exc
    except OSError as exc:
        raise InputError(label, [("", f"bestand niet leesbaar: {exc.strerror}")]) from exc
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(label, [("", f"het bestand is te groot (meer dan {MAX_INPUT_BYTES} bytes)")])
    return parse_json_bytes(data, label)


def validate(model: type[ModelT], document: dict[str, Any], label: str) -> ModelT:
    """Mask every BSN in a parsed document (values and keys), then validate it against a model,
    translating pydantic errors to pointers.

    Masking first means a BSN reaches neither the model nor an error message; where one was, the
    model holds :data:`~compliance.privacy.MASK` (found again by NL-AVG-001)."""
    masked, _ = mask_document(document)
    return validate_masked(model, masked, label)


def validate_masked(model: type[ModelT], document: dict[str, Any], label: str) -> ModelT:
    """:func:`validate` for a document built from an already masked, validated model (a v1 offer
    upgraded to v2): its errors become pointers and Dutch messages the same way."""
    try:
        return model.model_validate(document)
    except ValidationError as exc:
        raise InputError(label, [(_pointer(err["loc"]), _dutch(err)) for err in exc.errors()]) from exc


_MESSAGES: dict[str, str] = {
    "missing": "verplicht veld ontbreekt",
    "extra_forbidden": "onbekend veld (niet toegestaan in dit formaat)",
    "date_parsing": "geen geldige datum; verwacht JJJJ-MM-DD",
    "date_from_datetime_parsing": "geen geldige datum; verwacht JJJJ-MM-DD",
    "date_from_datetime_inexact": "geen geldige datum; verwacht JJJJ-MM-DD",
    "date_type": "geen geldige datum; verwacht JJJJ-MM-DD",
    "datetime_parsing": "geen geldig tijdstip; verwacht JJJJ-MM-DDTUU:MM:SS+01:00",
    "datetime_from_date_parsing": "geen geldig tijdstip; verwacht JJJJ-MM-DDTUU:MM:SS+01:00",
    "datetime_type": "geen geldig tijdstip; verwacht JJJJ-MM-DDTUU:MM:SS+01:00",
    "timezone_aware": "tijdstip zonder tijdzone; vermeld de UTC-afwijking, bijv. +01:00",
    "decimal_parsing": "geen getal",
    "decimal_type": "geen getal",
    "float_parsing": "geen getal",
    "float_type": "geen getal",
    "int_parsing": "geen geheel getal",
    "int_type": "geen geheel getal",
    "int_from_float": "geen geheel getal",
    "bool_parsing": "geen ja/nee-waarde (true of false)",
    "bool_type": "geen ja/nee-waarde (true of false)",
    "string_type": "geen tekst",
    "list_type": "geen lijst",
    "model_type": "geen object",
    "model_attributes_type": "geen object",
    "dict_type": "geen object",
    "decimal_max_places": "maximaal 2 decimalen",
    "decimal_max_digits": "getal te groot",
    "finite_number": "geen eindig getal",
}
# Where the rejected value helps the writer see the mistake ("gekregen: true", "gekregen: 12345").
_QUOTES_GIVEN = ("date", "datetime", "decimal", "float", "int", "bool", "amount", "string_type")


def _dutch_list(expected: str) -> str:
    # pydantic joins the allowed values as "'a', 'b' or 'c'"
    return expected.replace("' or '", "' of '")


def _quote(value: Any) -> str:
    """A rejected value as the writer typed it in JSON, BSN-masked and cut to a readable length."""
    if isinstance(value, str):
        text = repr(mask_bsn(value))
    elif isinstance(value, bool) or value is None:
        text = json.dumps(value)
    elif isinstance(value, dict | list):
        text = "een object" if isinstance(value, dict) else "een lijst"
    else:  # a number (or a value built in Python)
        text = mask_bsn(str(value))
    return text if len(text) <= MAX_QUOTED_CHARS else f"{text[: MAX_QUOTED_CHARS - 1]}…"


def _dutch(error: Any) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    given = error.get("input")
    if kind == "enum":
        return f"onbekende waarde {_quote(given)}; toegestaan: {_dutch_list(ctx.get('expected', ''))}"
    if kind == "literal_error":
        return f"ongeldige waarde {_quote(given)}; toegestaan: {_dutch_list(ctx.get('expected', ''))}"
    if kind in ("greater_than", "greater_than_equal"):
        bound = ctx.get("gt", ctx.get("ge"))
        word = "groter dan" if kind == "greater_than" else "minstens"
        return f"waarde {_quote(given)} moet {word} {bound} zijn"
    if kind in ("less_than", "less_than_equal"):
        bound = ctx.get("lt", ctx.get("le"))
        return (
            f"waarde {_quote(given)} moet kleiner zijn dan {bound}"
            if kind == "less_than"
            else (f"waarde {_quote(given)} mag hoogstens {bound} zijn")
        )
    if kind == "string_pattern_mismatch":
        from compliance.render.labels import format_words  # only on this error path

        pattern = str(ctx.get("pattern", ""))
        expected = format_words(pattern, "nl") or "zie het schema (compliance schema submission)"
        return f"waarde {_quote(given)} heeft niet het verwachte formaat: {expected}"
    if kind in ("string_too_short", "too_short"):
        return "mag niet leeg zijn"
    if kind == "string_too_long":
        return f"te lang (maximaal {ctx['max_length']} tekens)" if "max_length" in ctx else "te lang"
    if kind == "too_long":
        return f"te veel: maximaal {ctx['max_length']}" if "max_length" in ctx else "te veel"
    if kind == "value_error":
        return str(ctx.get("error", error.get("msg", "")))
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        return f"onbekend type {_quote(ctx.get('tag', given))}; toegestaan: {ctx.get('expected_tags', '')}"
    base = _MESSAGES.get(kind)
    if base is None:  # pydantic's own (English) text, or a Dutch one raised by a model's validator
        base = str(error.get("msg", kind))
    if kind.startswith(_QUOTES_GIVEN) and given is not None and not kind.endswith("max_places"):
        return f"{base} (gekregen: {_quote(given)})"
    return base


def read_document(path: Path) -> Loaded:
    """Read and parse one file, with the canonical sha256 of what was read (not yet validated)."""
    return document_loaded(read_json_file(path), str(path))


def document_loaded(document: dict[str, Any], label: str) -> Loaded:
    """A parsed document with its canonical sha256 (for a document that did not come from a file:
    a request body the service parsed once)."""
    try:
        sha256 = canonical_sha256(document)
    except UnicodeEncodeError as exc:  # JSON allows "\ud800", UTF-8 does not: a lone surrogate
        raise InputError(label, [("", "bevat een ongeldig Unicode-teken (een losse surrogaat)")]) from exc
    return Loaded(path=label, raw=document, sha256=sha256)


def load(model: type[ModelT], path: Path) -> tuple[ModelT, Loaded]:
    """Read, parse and validate one file."""
    loaded = read_document(path)
    return validate(model, loaded.raw, str(path)), loaded
