"""The terminal view of a report: verdict first, then one row per check with its reason and, right
under it, what to change; then the expected score. Dutch by default, English with ``lang="en"``."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from compliance.models.findings import Finding, Status
from compliance.models.report import Report, Verdict
from compliance.render.labels import (
    PHASE_LABELS,
    SCORE_STATUS_LABELS,
    STATUS_LABELS,
    TABLE_TEXT,
    VERDICT_LABELS,
)
from compliance.render.localise import localise

_STATUS_STYLE = {
    Status.PASS: "green",
    Status.FAIL: "bold red",
    Status.NEEDS_REVIEW: "yellow",
    Status.NOT_APPLICABLE: "dim",
    Status.ERROR: "bold magenta",
}
_VERDICT_STYLE = {
    Verdict.COMPLIANT: "bold green",
    Verdict.NON_COMPLIANT: "bold red",
    Verdict.NEEDS_REVIEW: "bold yellow",
}
# A remedy is shown for what the supplier must still act on; a pass needs none.
_REMEDIED = (Status.FAIL, Status.NEEDS_REVIEW, Status.ERROR)


def print_report(report: Report, console: Console, lang: str = "nl") -> None:
    """Print one report in ``lang``; markup in untrusted text (names) is shown literally, never interpreted."""
    lang = lang if lang in TABLE_TEXT else "nl"
    report = localise(report, lang)
    t = TABLE_TEXT[lang]
    sub = report.submission
    header = Text()
    header.append(f"{sub.submission_id}", style="bold")
    header.append(f" · {sub.candidate_name} ({sub.candidate_id}) · {sub.supplier_name} (KvK {sub.supplier_kvk_number})")
    console.print(header)
    verdict = Text(t["verdict"])
    verdict.append(VERDICT_LABELS[lang][report.verdict], style=_VERDICT_STYLE[report.verdict])
    phase = PHASE_LABELS[lang].get(report.phase, report.phase)
    verdict.append(t["context"].format(phase=phase, tender=report.tender.tender_id, rules=report.rules.version))
    console.print(verdict)
    table = Table(show_lines=False, expand=False, header_style="bold")
    table.add_column(t["col_check"], no_wrap=True)
    table.add_column(t["col_status"], no_wrap=True)
    table.add_column(t["col_reason"])
    for finding in report.findings:
        status = Text(STATUS_LABELS[lang][finding.status], style=_STATUS_STYLE[finding.status])
        if not finding.blocking and finding.status in (Status.FAIL, Status.NEEDS_REVIEW):
            status.append(t["attention"], style="dim")
        table.add_row(Text(_label(finding)), status, _reason(finding, t["remedy"]))
    console.print(table)
    if report.score is not None:
        _print_score(report, console, lang)
    dates = report.reference_dates
    if dates.planned_start_assumed:
        console.print(
            Text(t["assumed_start"].format(date=dates.planned_start, note=dates.planned_start_note), style="dim")
        )
    for item in report.tender.open_items:
        console.print(Text(t["open_item"].format(item=item), style="yellow"))
    console.print()


def _label(finding: Finding) -> str:
    return f"{finding.check_id} ({finding.requirement_id})" if finding.requirement_id else finding.check_id


def _reason(finding: Finding, remedy_label: str) -> Text:
    """The reason, its attention notes, and the remedy in the same cell: what to change stands with why."""
    reason = Text(finding.reason)
    for note in finding.attention:
        reason.append(f"\n! {note}", style="yellow")
    if finding.remedy and finding.status in _REMEDIED:
        reason.append(f"\n{remedy_label}", style="bold cyan")
        reason.append(finding.remedy, style="cyan")
    return reason


_SCORE_STYLE = {"met": "green", "not_met": "red", "needs_review": "yellow"}


def _print_score(report: Report, console: Console, lang: str) -> None:
    """The expected score per wens: points, to be assessed, or missed with the reason."""
    score = report.score
    assert score is not None
    t = TABLE_TEXT[lang]
    pending = sum(c.max_points for c in score.criteria if c.status == "needs_review")
    title = t["score_title"].format(points=score.total_points, max=score.max_points)
    if pending:
        title += t["score_pending"].format(pending=pending)
    table = Table(title=title, title_justify="left", header_style="bold")
    table.add_column(t["col_criterion"], no_wrap=True)
    table.add_column(t["col_points"], no_wrap=True, justify="right")
    table.add_column(t["col_status"], no_wrap=True)
    table.add_column(t["col_score_reason"])
    for criterion in score.criteria:
        status = SCORE_STATUS_LABELS[lang].get(criterion.status, criterion.status)
        table.add_row(
            Text(criterion.criterion_id),
            Text(f"{criterion.points}/{criterion.max_points}"),
            Text(status, style=_SCORE_STYLE.get(criterion.status, "")),
            Text(criterion.reason),
        )
    console.print(table)
