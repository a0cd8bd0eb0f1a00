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

# The Dutch texts once more, flattened for the checks' hot path: (reason, remedy, fixed), where
# ``fixed`` says the texts have no placeholders, so they are used as they are, without formatting.
DUTCH: dict[str, tuple[str, str, bool]] = {}


def _fixed(text: str) -> bool:
    """True when formatting cannot change ``text`` (no placeholders, no escaped braces)."""
    return "{" not in text and "}" not in text


def define(code: str, nl: str, en: str, remedy_nl: str = "", remedy_en: str = "") -> str:
    """Register a reason code; defining one twice is a programming error caught at import."""
    if code in CATALOGUE:
        raise ValueError(f"reason code {code} defined twice")
    CATALOGUE[code] = Template(nl, en, remedy_nl, remedy_en)
    DUTCH[code] = (nl, remedy_nl, _fixed(nl) and _fixed(remedy_nl))
    return code


def render(code: str, args: dict[str, str], lang: str = "nl") -> tuple[str, str]:
    """(reason, remedy) for a code in a language; unknown languages fall back to Dutch."""
    template = CATALOGUE[code]
    if lang == "en":
        return template.en.format(**args), template.remedy_en.format(**args)
    return template.nl.format(**args), template.remedy_nl.format(**args)
