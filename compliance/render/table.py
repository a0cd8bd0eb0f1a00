"""The Dutch terminal view of a report: verdict first, then one row per check, then what to fix."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from compliance.models.findings import Status
from compliance.models.report import Report, Verdict
from compliance.render.labels import PHASE_LABELS, SCORE_STATUS_LABELS, STATUS_LABELS, VERDICT_LABELS

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


def print_report(report: Report, console: Console) -> None:
    """Print one report; markup in untrusted text (names) is shown literally, never interpreted."""
    sub = report.submission
    header = Text()
    header.append(f"{sub.submission_id}", style="bold")
    header.append(f" · {sub.candidate_name} ({sub.candidate_id}) · {sub.supplier_name} (KvK {sub.supplier_kvk_number})")
    console.print(header)
    verdict = Text("Oordeel: ")
    verdict.append(VERDICT_LABELS["nl"][report.verdict], style=_VERDICT_STYLE[report.verdict])
    verdict.append(
        f"   fase: {PHASE_LABELS['nl'][report.phase]} · aanbesteding {report.tender.tender_id}"
        f" · regels {report.rules.version}"
    )
    console.print(verdict)
    table = Table(show_lines=False, expand=False, header_style="bold")
    table.add_column("Controle", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    table.add_column("Reden")
    for f in report.findings:
        status = Text(STATUS_LABELS["nl"][f.status], style=_STATUS_STYLE[f.status])
        if not f.blocking and f.status in (Status.FAIL, Status.NEEDS_REVIEW):
            status.append(" (aandachtspunt)", style="dim")
        reason = Text(f.reason)
        for note in f.attention:
            reason.append(f"\n! {note}", style="yellow")
        check = f"{f.check_id} ({f.requirement_id})" if f.requirement_id else f.check_id
        table.add_row(Text(check), status, reason)
    console.print(table)
    if report.score is not None:
        _print_score(report, console)
    fixes = [f for f in report.findings if f.remedy and f.status in (Status.FAIL, Status.NEEDS_REVIEW)]
    if fixes:
        console.print(Text("Wat te doen:", style="bold"))
        for f in fixes:
            check = f"{f.check_id} ({f.requirement_id})" if f.requirement_id else f.check_id
            console.print(Text(f"  - {check}: {f.remedy}"))
    if report.reference_dates.planned_start_assumed:
        console.print(
            Text(
                f"Aangenomen startdatum {report.reference_dates.planned_start}: "
                f"{report.reference_dates.planned_start_note}",
                style="dim",
            )
        )
    for item in report.tender.open_items:
        console.print(Text(f"Open punt in de aanbesteding (aanname): {item}", style="yellow"))
    console.print()


_SCORE_STYLE = {"met": "green", "not_met": "red", "needs_review": "yellow"}


def _print_score(report: Report, console: Console) -> None:
    """The expected score per wens: points, to be assessed, or missed with the reason."""
    score = report.score
    assert score is not None
    pending = sum(c.max_points for c in score.criteria if c.status == "needs_review")
    title = f"Verwachte score op de wensen: {score.total_points} van {score.max_points} punten"
    if pending:
        title += f" (plus {pending} te beoordelen)"
    table = Table(title=title, title_justify="left", header_style="bold")
    table.add_column("Wens", no_wrap=True)
    table.add_column("Punten", no_wrap=True, justify="right")
    table.add_column("Status", no_wrap=True)
    table.add_column("Reden")
    for criterion in score.criteria:
        table.add_row(
            Text(criterion.criterion_id),
            Text(f"{criterion.points}/{criterion.max_points}"),
            Text(SCORE_STATUS_LABELS["nl"].get(criterion.status, criterion.status), style=_SCORE_STYLE.get(criterion.status, "")),
            Text(criterion.reason),
        )
    console.print(table)
