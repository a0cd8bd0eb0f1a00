"""Dated legal parameters: ``param_at(name, day)`` gives the value in force with its source.

Parameters live in ``parameters.json`` beside this module, not in code, so a change of law is
a data change with a new rules version, and every finding can quote the exact value, the date
it is valid from and where it comes from.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from compliance.errors import RuleFileError
from compliance.models.findings import ParamUsed

_PARAMETER_FILE = "parameters.json"


@dataclass(frozen=True, slots=True)
class ParamValue:
    """One dated value of a parameter."""

    name: str
    value: Any
    valid_from: date | None
    valid_to: date | None
    source: str
    confidence: str
    assumption: bool
    note: str

    def used(self, shown: str | None = None) -> ParamUsed:
        """The value as a finding records it (``shown`` overrides the printed value); memoised."""
        return _used(self, shown)


@lru_cache(maxsize=256)
def _used(param: ParamValue, shown: str | None) -> ParamUsed:
    return ParamUsed(
        name=param.name,
        value=shown if shown is not None else _display(param.value),
        valid_from=param.valid_from.isoformat() if param.valid_from else None,
        source=param.source,
        assumption=param.assumption,
        note=param.note,
    )


@dataclass(frozen=True, slots=True)
class RuleSet:
    """All parameters of one rules version."""

    version: str
    sha256: str
    values: dict[str, tuple[ParamValue, ...]]

    def at(self, name: str, day: date) -> ParamValue:
        """The value of ``name`` in force on ``day``; a gap in the dates is a rule-file error."""
        candidates = self.values.get(name)
        if candidates is None:
            raise RuleFileError(f"unknown rule parameter '{name}'")
        for candidate in candidates:
            starts_ok = candidate.valid_from is None or candidate.valid_from <= day
            ends_ok = candidate.valid_to is None or day <= candidate.valid_to
            if starts_ok and ends_ok:
                return candidate
        raise RuleFileError(f"rule parameter '{name}' has no value valid on {day.isoformat()}")


def _display(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(f"({_display(item)})" if isinstance(item, list | tuple) else str(item) for item in value)
    return str(value)


def _parse_date(raw: Any, where: str) -> date | None:
    if raw is None:
        return None
    try:
        return date.fromisoformat(raw)
    except (TypeError, ValueError) as exc:
        raise RuleFileError(f"{where}: '{raw}' is not an ISO date") from exc


_ENTRY_KEYS = {"unit", "description", "values"}
_VALUE_KEYS = {"value", "valid_from", "valid_to", "source", "confidence", "assumption", "note"}


def _check_keys(where: str, item: Any, allowed: set[str], required: set[str]) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise RuleFileError(f"{where}: not a valid parameters file (must be an object)")
    unknown = set(item) - allowed
    if unknown:
        raise RuleFileError(f"{where}: unknown key(s) {', '.join(repr(k) for k in sorted(unknown))}")
    missing = required - set(item)
    if missing:
        raise RuleFileError(f"{where}: missing key(s) {', '.join(repr(k) for k in sorted(missing))}")
    return item


def _frozen(value: Any) -> Any:
    """Lists (also nested ones, such as groups of register names) become tuples, so a value is
    hashable: ParamValue.used is memoised."""
    if isinstance(value, list):
        return tuple(_frozen(item) for item in value)
    return value


def _parse_value(name: str, where: str, raw: Any) -> ParamValue:
    item = _check_keys(where, raw, _VALUE_KEYS, {"value", "source"})
    if not isinstance(item["source"], str) or not item["source"].strip():
        raise RuleFileError(f"{where}: 'source' must be a non-empty text")
    value = item["value"]
    return ParamValue(
        name=name,
        value=_frozen(value),
        valid_from=_parse_date(item.get("valid_from"), where),
        valid_to=_parse_date(item.get("valid_to"), where),
        source=item["source"],
        confidence=str(item.get("confidence", "")),
        assumption=bool(item.get("assumption", False)),
        note=str(item.get("note", "")),
    )


def parse_rules(raw_bytes: bytes) -> RuleSet:
    """Parse and validate a parameters file; unknown or misplaced keys are rejected by name."""
    try:
        document = json.loads(raw_bytes)
    except ValueError as exc:
        raise RuleFileError(f"{_PARAMETER_FILE}: not a valid parameters file ({exc})") from exc
    top = _check_keys(_PARAMETER_FILE, document, {"rules_version", "parameters"}, {"rules_version", "parameters"})
    entries = top["parameters"]
    if not isinstance(entries, dict):
        raise RuleFileError(f"{_PARAMETER_FILE}: 'parameters' must be an object")
    values: dict[str, tuple[ParamValue, ...]] = {}
    for name, raw_entry in entries.items():
        where = f"{_PARAMETER_FILE}: parameters.{name}"
        entry = _check_keys(where, raw_entry, _ENTRY_KEYS, {"values"})
        if not isinstance(entry["values"], list) or not entry["values"]:
            raise RuleFileError(f"{where} has no values (values must be a non-empty list)")
        values[name] = tuple(
            _parse_value(name, f"{where}.values[{index}]", item) for index, item in enumerate(entry["values"])
        )
    return RuleSet(version=str(top["rules_version"]), sha256=hashlib.sha256(raw_bytes).hexdigest(), values=values)


@cache
def default_rules() -> RuleSet:
    """The rule set shipped with this version of the package (read once per process)."""
    raw = resources.files("compliance.rules").joinpath(_PARAMETER_FILE).read_bytes()
    return parse_rules(raw)
