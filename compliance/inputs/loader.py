"""Load JSON input files into models. Every problem names the file and the JSON pointer.

Nothing here trusts the input: an empty file, a non-UTF-8 file, truncated JSON, duplicate keys,
wrong types, impossible dates, unknown fields and unknown enum values all become an
:class:`~compliance.errors.InputError` with a Dutch message, never a traceback and never a pass.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from compliance.canonical import canonical_sha256
from compliance.errors import InputError

ModelT = TypeVar("ModelT", bound=BaseModel)

MAX_INPUT_BYTES = 5 * 1024 * 1024  # a submission is a few kB; anything this large is not one


@dataclass(frozen=True, slots=True)
class Loaded:
    """A validated document with the canonical sha256 of what was read."""

    path: str
    raw: dict[str, Any]
    sha256: str


class _Object(dict[str, Any]):
    """A parsed JSON object that remembers keys it saw twice (the last value wins in plain json)."""

    duplicates: list[str]


def _collect_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = _Object()
    result.duplicates = []
    for key, value in pairs:
        if key in result:
            result.duplicates.append(key)
        result[key] = value
    return result


def _find_duplicate(node: Any, pointer: str = "") -> tuple[str, str] | None:
    """The JSON pointer and key of the first duplicated key, walking the document in order."""
    if isinstance(node, _Object) and node.duplicates:
        return pointer, node.duplicates[0]
    children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, child in children:
        found = _find_duplicate(child, f"{pointer}/{str(key).replace('~', '~0').replace('/', '~1')}")
        if found:
            return found
    return None


def parse_json_bytes(data: bytes, label: str) -> dict[str, Any]:
    """Decode and parse one JSON object; ``label`` names the file in every error."""
    if not data.strip():
        raise InputError(label, [("", "het bestand is leeg")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(label, [("", f"het bestand is geen geldige UTF-8-tekst (byte {exc.start})")]) from exc
    try:
        document = json.loads(text, object_pairs_hook=_collect_pairs)
    except json.JSONDecodeError as exc:
        raise InputError(
            label, [("", f"geen geldige JSON: {exc.msg} (regel {exc.lineno}, kolom {exc.colno})")]
        ) from exc
    if not isinstance(document, dict):
        raise InputError(label, [("", "het document moet een JSON-object zijn")])
    # A duplicated key is ambiguous (which value did the supplier mean?), so it is an error.
    duplicate = _find_duplicate(document)
    if duplicate is not None:
        pointer = f"{duplicate[0]}/{duplicate[1].replace('~', '~0').replace('/', '~1')}"
        raise InputError(label, [(pointer, f"sleutel '{duplicate[1]}' komt meer dan eens voor")])
    return document


def read_json_file(path: Path) -> dict[str, Any]:
    """Read a JSON object from a file, with size and readability checks."""
    label = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise InputError(label, [("", f"het bestand is te groot ({size} bytes, maximaal {MAX_INPUT_BYTES})")])
        data = path.read_bytes()
    except IsADirectoryError as exc:
        raise InputError(label, [("", "dit is een map, geen bestand")]) from exc
    except FileNotFoundError as exc:
        raise InputError(label, [("", "bestand niet gevonden")]) from exc
    except OSError as exc:
        raise InputError(label, [("", f"bestand niet leesbaar: {exc.strerror}")]) from exc
    return parse_json_bytes(data, label)


def validate(model: type[ModelT], document: dict[str, Any], label: str) -> ModelT:
    """Validate a parsed document against a model, translating pydantic errors to pointers."""
    try:
        return model.model_validate(document)
    except ValidationError as exc:
        raise InputError(label, [(_pointer(err["loc"]), _dutch(err)) for err in exc.errors()]) from exc


def _pointer(location: tuple[int | str, ...]) -> str:
    # pydantic adds the union member's tag to the location of discriminated unions; those are
    # not part of the document's path, but the list index before them is.
    parts = [str(part).replace("~", "~0").replace("/", "~1") for part in location]
    return "/" + "/".join(parts) if parts else ""


_MESSAGES: dict[str, str] = {
    "missing": "verplicht veld ontbreekt",
    "extra_forbidden": "onbekend veld (niet toegestaan in dit formaat)",
    "date_parsing": "geen geldige datum; verwacht JJJJ-MM-DD",
    "date_from_datetime_parsing": "geen geldige datum; verwacht JJJJ-MM-DD",
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
    "dict_type": "geen object",
    "decimal_max_places": "maximaal 2 decimalen",
    "decimal_max_digits": "getal te groot",
    "finite_number": "geen eindig getal",
}


def _dutch_list(expected: str) -> str:
    # pydantic joins the allowed values as "'a', 'b' or 'c'"
    return expected.replace("' or '", "' of '")


def _dutch(error: Any) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    given = error.get("input")
    if kind == "enum":
        return f"onbekende waarde {given!r}; toegestaan: {_dutch_list(ctx.get('expected', ''))}"
    if kind == "literal_error":
        return f"ongeldige waarde {given!r}; toegestaan: {_dutch_list(ctx.get('expected', ''))}"
    if kind in ("greater_than", "greater_than_equal"):
        bound = ctx.get("gt", ctx.get("ge"))
        word = "groter dan" if kind == "greater_than" else "minstens"
        return f"waarde {given!r} moet {word} {bound} zijn"
    if kind in ("less_than", "less_than_equal"):
        bound = ctx.get("lt", ctx.get("le"))
        return (
            f"waarde {given!r} moet kleiner zijn dan {bound}"
            if kind == "less_than"
            else (f"waarde {given!r} mag hoogstens {bound} zijn")
        )
    if kind == "string_pattern_mismatch":
        return f"waarde {given!r} heeft niet het verwachte formaat ({ctx.get('pattern', '')})"
    if kind in ("string_too_short", "too_short"):
        return "mag niet leeg zijn"
    if kind in ("string_too_long", "too_long"):
        return "te lang"
    if kind == "value_error":
        return str(ctx.get("error", error.get("msg", "")))
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        return f"onbekend type {ctx.get('tag', given)!r}; toegestaan: {ctx.get('expected_tags', '')}"
    base = _MESSAGES.get(kind)
    if base is None:
        return str(error.get("msg", kind))
    if kind.startswith(("date", "datetime")) and given is not None:
        return f"{base} (gekregen: {given!r})"
    return base


def load(model: type[ModelT], path: Path) -> tuple[ModelT, Loaded]:
    """Read, parse and validate one file."""
    document = read_json_file(path)
    instance = validate(model, document, str(path))
    return instance, Loaded(path=str(path), raw=document, sha256=canonical_sha256(document))
