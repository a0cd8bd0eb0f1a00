"""Upgrade a tender file of format v1 to v2, so every v1 tender keeps loading unchanged.

The upgrade is a pure function on the parsed JSON: v1's one-rule-per-kind knock-outs and its
three kinds of selection criteria become v2 requirements, v1's closed enums become the terms of
the v1 vocabulary (``inputs/vocabularies/v1-jeugd.json``, data rather than code), and a known
register gets its aliases and number format from ``inputs/vocabularies/registers.json``.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

_KNOCKOUT_NUMBER = re.compile(r"knock-?out\s*(?:criteri(?:um|a)\s*)?(\d+)", re.IGNORECASE)
_DIGIT_RANGE = re.compile(r"^\^\\d\{(\d+)(?:,(\d+))?\}\$$")


@cache
def _bundled(name: str) -> dict[str, Any]:
    text = resources.files("compliance.inputs").joinpath("vocabularies", name).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    data.pop("_comment", None)
    return data


def known_registers() -> dict[str, Any]:
    """The registers the tool knows by name (SKJ, BIG), with aliases and number format."""
    return _bundled("registers.json")


def v1_vocabulary() -> dict[str, Any]:
    """The vocabulary v1's closed enums stood for."""
    return _bundled("v1-jeugd.json")


def describe_digits(pattern: str) -> str | None:
    """A person's description of a plain digit pattern ('^\\d{6,10}$' → '6 tot 10 cijfers')."""
    match = _DIGIT_RANGE.match(pattern)
    if match is None:
        return None
    low, high = match.group(1), match.group(2)
    return f"{low} cijfers" if high is None or high == low else f"{low} tot {high} cijfers"


def _knockout_id(rule: dict[str, Any], index: int) -> str:
    """The posting's own number when the clause names it ('knock-out 3' → 'K3'), else the position."""
    match = _KNOCKOUT_NUMBER.search(rule.get("clause", {}).get("reference", ""))
    return f"K{match.group(1)}" if match else f"K{index + 1}"


def _registration(rule: dict[str, Any]) -> dict[str, Any]:
    register = rule["register"]
    known = known_registers().get(register.upper(), {})
    pattern = rule.get("number_pattern")
    number_format = dict(known.get("number_format", {}))
    if pattern is not None:
        number_format = {
            "pattern": pattern,
            "description": describe_digits(pattern) or "zie de uitvraag",
            "is_assumption": True,
        }
    out: dict[str, Any] = {
        "type": "registration",
        "register": register,
        "aliases": list(known.get("aliases", [])),
        "valid_at": ["deadline", "start"],
        "max_validity_years": rule.get("max_validity_years", known.get("max_validity_years")),
        "number_and_expiry_in_cv": rule.get("number_and_expiry_in_cv", True),
    }
    if number_format:
        out["number_format"] = number_format
    return out


def _experience(rule: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "experience",
        "min_months": rule["min_months"],
        "window_years": rule["window_years"],
        "roles": list(rule.get("role_types", [])),
        "employer_kinds": list(rule.get("employer_types", [])),
        "domains": list(rule.get("target_groups", [])),
        "example_required": rule.get("example_required", False),
    }


# v1's flags as domains; criterion 8's "oplossingsgericht werken binnen het sociaal domein" asks both.
_FLAG_DOMAINS = {"safety_plan": ["veiligheidsplan"], "solution_focused": ["oplossingsgericht", "sociaal_domein"]}


def _knockout(rule: dict[str, Any], index: int) -> dict[str, Any]:
    kind = rule["type"]
    if kind == "education":
        body = {key: value for key, value in rule.items() if key not in {"clause", "type"}}
        body["type"] = "education"
    elif kind == "registration":
        body = _registration(rule)
    else:
        body = _experience(rule)
    return {"id": _knockout_id(rule, index), "kind": "knockout", **body, "clause": rule["clause"]}


def _criterion(criterion: dict[str, Any]) -> dict[str, Any]:
    kind = criterion["type"]
    if kind == "experience":
        body = _experience(criterion)
    elif kind == "experience_flag":
        body = {
            "type": "experience",
            "domains": list(_FLAG_DOMAINS[criterion["flag"]]),
            "example_required": criterion.get("example_required", True),
        }
    else:  # course
        body = {"type": "certificate", "domains": [criterion["topic"]]}
    return {"id": criterion["id"], "kind": "scored", "points": criterion["points"], **body, "clause": criterion["clause"]}


def _vocabulary(requirements: list[dict[str, Any]]) -> dict[str, Any]:
    """Every v1 term (so any v1 offer's codes stay declared), plus v1 target groups or topics the
    v1 vocabulary lacks, each as a term of its own."""
    vocabulary = {dimension: dict(terms) for dimension, terms in v1_vocabulary().items()}
    for requirement in requirements:
        for dimension, terms in vocabulary.items():
            for code in requirement.get(dimension, ()):
                words = code.replace("_", " ")
                terms.setdefault(code, {"label": words, "synonyms": [words]})
    return vocabulary


def _conditions(conditions: dict[str, Any]) -> dict[str, Any]:
    out = dict(conditions)
    dba = conditions.get("dba")
    if dba is not None:
        out["dba"] = {"zzp": "excluded" if dba.get("zzp_excluded", True) else "allowed", "clause": dba["clause"]}
    else:
        out["dba"] = {"zzp": "silent"}
    if "waadi" not in conditions:
        out["waadi"] = {"required_when_lending": True, "stated_in_posting": False}
    return out


def upgrade_v1(document: dict[str, Any]) -> dict[str, Any]:
    """The v2 form of a parsed v1 tender (validation is the v2 model's job)."""
    out = {key: value for key, value in document.items() if key not in {"knockouts", "selection", "conditions"}}
    out["schema_version"] = "2"
    requirements = [_knockout(rule, index) for index, rule in enumerate(document.get("knockouts", []))]
    selection = document.get("selection")
    if selection is not None:
        requirements += [_criterion(criterion) for criterion in selection.get("criteria", [])]
        out["selection"] = {
            "max_selected": selection.get("max_selected", 5),
            "tie_break": [selection.get("tie_break", "lowest_rate"), selection.get("unresolved_tie", "lot")],
            "clause": selection["clause"],
        }
    out["requirements"] = requirements
    out["vocabulary"] = _vocabulary(requirements)
    out["conditions"] = _conditions(document.get("conditions", {}))
    return out
