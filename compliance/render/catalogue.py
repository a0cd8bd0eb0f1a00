"""The check catalogue as the README's Markdown table, so the README is generated, never hand-kept."""

from __future__ import annotations

from collections.abc import Sequence

from compliance.checks.base import Check
from compliance.render.labels import CHECK_TITLES_EN, SEVERITY_LABELS


def catalogue_markdown(checks: Sequence[Check]) -> str:
    """One row per check: ID, English title, severity, legal basis (or the tender's own clause)."""
    lines = ["| ID | Check | Severity | Legal basis |", "|---|---|---|---|"]
    for check in checks:
        info = check.info
        title = info.title_en or CHECK_TITLES_EN.get(info.check_id, info.title)
        basis = "; ".join(info.legal_refs) or "the tender's clause"
        lines.append(f"| `{info.check_id}` | {title} | {SEVERITY_LABELS['en'][info.severity]} | {basis} |")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """Text fit for one Markdown table cell (placeholders such as {months} stay as they are)."""
    return text.replace("|", "\\|").replace("\n", " ") or "–"


def reasons_markdown() -> str:
    """Every reason code with its status and its Dutch and English reason and remedy, as a Markdown
    table: the published list behind ``compliance checks --reasons`` and docs/reason-codes.md."""
    from compliance.i18n import complete_catalogue
    from compliance.render.labels import STATUS_LABELS

    catalogue = complete_catalogue()

    lines = [
        "| Code | Status | Reden (nl) | Wat te doen (nl) | Reason (en) | What to do (en) |",
        "|---|---|---|---|---|---|",
    ]
    for code in sorted(catalogue):
        template = catalogue[code]
        status = (
            f"{STATUS_LABELS['nl'][template.status]} / {STATUS_LABELS['en'][template.status]}"
            if template.status is not None
            else "van de attestatie / the attestation's"
        )
        cells = (template.nl, template.remedy_nl, template.en, template.remedy_en)
        lines.append(f"| `{code}` | {status} | " + " | ".join(_cell(text) for text in cells) + " |")
    return "\n".join(lines) + "\n"
