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
