"""Message catalogue: every finding reason exists in Dutch (default) and English, with its status.

A reason code carries the status it stands for (``reason``), so a check names *why* and the status
follows; whether the finding blocks is the engine's business (see :mod:`compliance.engine`).
Findings keep their ``reason_code`` and the arguments, so a renderer can print the same finding in
another language without re-running the checks.
"""

from __future__ import annotations

from dataclasses import dataclass

from compliance.models.findings import Status

LANGUAGES = ("nl", "en")

PHASE_LABELS: dict[str, dict[str, str]] = {
    "nl": {"submission": "inschrijving", "award": "gunning"},
    "en": {"submission": "submission", "award": "award"},
}


@dataclass(frozen=True, slots=True)
class Template:
    """The status, reason and remedy of one reason code in both languages.

    ``status`` is None only for texts that are not a check's own conclusion (the attestation
    overlay's note keeps the status the attestation gives).
    """

    nl: str
    en: str
    remedy_nl: str = ""
    remedy_en: str = ""
    status: Status | None = None


CATALOGUE: dict[str, Template] = {}

# The Dutch texts once more, flattened for the checks' hot path: (status, reason, remedy, fixed), where
# ``fixed`` says the texts have no placeholders, so they are used as they are, without formatting.
DUTCH: dict[str, tuple[Status | None, str, str, bool]] = {}


def _fixed(text: str) -> bool:
    """True when formatting cannot change ``text`` (no placeholders, no escaped braces)."""
    return "{" not in text and "}" not in text


def reason(code: str, status: Status, nl: str, en: str, remedy_nl: str = "", remedy_en: str = "") -> str:
    """Register a check's reason code with the status it concludes; returns the code.

    Defining a code twice is a programming error caught at import.
    """
    return _register(code, Template(nl, en, remedy_nl, remedy_en, status))


def define(code: str, nl: str, en: str, remedy_nl: str = "", remedy_en: str = "") -> str:
    """Register a text without a status of its own (only for notes laid over a finding, such as an
    attestation's); a check's conclusions use :func:`reason`."""
    return _register(code, Template(nl, en, remedy_nl, remedy_en))


def _register(code: str, template: Template) -> str:
    if code in CATALOGUE:
        raise ValueError(f"reason code {code} defined twice")
    CATALOGUE[code] = template
    DUTCH[code] = (template.status, template.nl, template.remedy_nl, _fixed(template.nl) and _fixed(template.remedy_nl))
    return code


def status_of(code: str) -> Status:
    """The status a check's reason code concludes."""
    status = CATALOGUE[code].status
    if status is None:
        raise ValueError(f"reason code {code} has no status: define it with reason()")
    return status


def complete_catalogue() -> dict[str, Template]:
    """The catalogue with every code in it: codes register when their module is imported, so a reader
    that renders or lists codes outside a run (another language, the published list) imports them
    all first: every check module, the engine (a check that erred) and the attestation note."""
    import importlib

    for module in ("compliance.checks", "compliance.engine", "compliance.attestations"):
        importlib.import_module(module)
    return CATALOGUE


def render(code: str, args: dict[str, str], lang: str = "nl") -> tuple[str, str]:
    """(reason, remedy) for a code in a language; unknown languages fall back to Dutch."""
    template = CATALOGUE[code]
    if lang == "en":
        return template.en.format(**args), template.remedy_en.format(**args)
    return template.nl.format(**args), template.remedy_nl.format(**args)
