"""Message catalogue: every finding reason exists in Dutch (default) and English.

Findings keep their ``reason_code`` and the arguments, so a renderer can print the same
finding in another language without re-running the checks.
"""

from __future__ import annotations

from dataclasses import dataclass

LANGUAGES = ("nl", "en")

PHASE_LABELS: dict[str, dict[str, str]] = {
    "nl": {"submission": "inschrijving", "award": "gunning"},
    "en": {"submission": "submission", "award": "award"},
}


@dataclass(frozen=True, slots=True)
class Template:
    """The reason (and optional remedy) of one reason code in both languages."""

    nl: str
    en: str
    remedy_nl: str = ""
    remedy_en: str = ""


CATALOGUE: dict[str, Template] = {}


def define(code: str, nl: str, en: str, remedy_nl: str = "", remedy_en: str = "") -> str:
    """Register a reason code; defining one twice is a programming error caught at import."""
    if code in CATALOGUE:
        raise ValueError(f"reason code {code} defined twice")
    CATALOGUE[code] = Template(nl, en, remedy_nl, remedy_en)
    return code


def render(code: str, args: dict[str, str], lang: str = "nl") -> tuple[str, str]:
    """(reason, remedy) for a code in a language; unknown languages fall back to Dutch."""
    template = CATALOGUE[code]
    if lang == "en":
        return template.en.format(**args), template.remedy_en.format(**args)
    return template.nl.format(**args), template.remedy_nl.format(**args)
