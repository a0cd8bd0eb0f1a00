"""``compliance intake``: the whole tender in one run, with a progress bar and a ranking table.

The progress "actor" lives here, not in the library: the runner only tells a
:class:`~compliance.intake.runner.ProgressObserver` what it does, and this module shows it as a
rich progress bar on an interactive terminal, or as plain lines (for logs and CI) otherwise.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from compliance.cli.app import ReportLanguage
from compliance.cli.boundary import error_boundary
from compliance.errors import ExitCode

if TYPE_CHECKING:
    from rich.console import Console

    from compliance.intake.runner import IntakeResult
    from compliance.intake.summary import SummaryRow


class PlainProgress:
    """Progress as plain lines on stderr: one per 10 % and at the end of each stage."""

    def __init__(self) -> None:
        self.stage = ""
        self.total = 0
        self.done = 0
        self.next_step = 0
        self.started = 0.0

    def begin(self, stage: str, total: int) -> None:
        """Start a stage."""
        self.stage, self.total, self.done, self.next_step = stage, total, 0, max(1, total // 10)
        self.started = time.monotonic()

    def advance(self, amount: int = 1) -> None:
        """Print a line each time another tenth is done."""
        self.done += amount
        if self.done >= self.next_step and self.done < self.total:
            elapsed = time.monotonic() - self.started
            remaining = elapsed / self.done * (self.total - self.done) if self.done else 0.0
            print(f"{self.stage}: {self.done}/{self.total} (nog ongeveer {remaining:.0f} s)", file=sys.stderr)
            self.next_step += max(1, self.total // 10)

    def end(self) -> None:
        """Close the stage with its count and duration."""
        print(
            f"{self.stage}: {self.done}/{self.total} klaar in {time.monotonic() - self.started:.1f} s", file=sys.stderr
        )


class RichProgress:
    """A rich progress bar with counts, elapsed time and ETA (interactive terminals only)."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("nog"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=False,
        )
        self.task: Any = None

    def begin(self, stage: str, total: int) -> None:
        """Add a bar for the stage (the bar of the previous stage stays, completed)."""
        if self.task is None:
            self.progress.start()
        self.task = self.progress.add_task(stage, total=total)

    def advance(self, amount: int = 1) -> None:
        """Move the bar."""
        self.progress.advance(self.task, amount)

    def end(self) -> None:
        """Nothing to do: the bar is complete."""

    def close(self) -> None:
        """Stop the live display."""
        if self.task is not None:
            self.progress.stop()


_OUTCOME_LABELS = {
    "selected": ("geselecteerd", "bold green"),
    "lot": ("loting", "bold yellow"),
    "ranked": ("gerangschikt", "green"),
    "needs_review": ("beoordelen", "yellow"),
    "excluded": ("uitgesloten", "red"),
    "error": ("fout", "bold magenta"),
}
_TIE_LABELS = {"decided_by_rate": "punten gelijk, tarief beslist", "lot": "gelijk op punten en tarief"}


# Below this width the table's name column gets too narrow for a supplier's longest word, so
# each offer becomes a short block of lines instead (words wrap at spaces, never inside a word).
STACKED_BELOW_COLUMNS = 100


@dataclass(frozen=True, slots=True)
class _RowView:
    """One offer's cells as the terminal shows them, whatever the layout."""

    rank: str
    submission: str
    supplier: str
    points: str
    rate: str
    label: str
    style: str
    why: str


def _row_view(row: SummaryRow) -> _RowView:
    from decimal import Decimal

    from compliance.dates import eur

    item = row.assessment
    label, style = _OUTCOME_LABELS[row.outcome.value]
    if row.outcome.value == "excluded":
        why = ", ".join(item.failed_checks)
    elif row.outcome.value == "needs_review":
        why = ", ".join(item.review_checks)
    elif row.outcome.value == "error":
        why = row.one_line if len(row.one_line) <= 160 else row.one_line[:159] + "…"
    else:
        why = _TIE_LABELS.get(row.tie or "", "")
        if item.criteria_to_review:
            why = ", ".join(filter(None, [why, "punten onder voorbehoud: " + ", ".join(item.criteria_to_review)]))
    return _RowView(
        rank=str(row.rank) if row.rank else "",
        submission=item.submission_id or item.file,
        supplier=item.supplier_name or "",
        points=f"{item.points}/{item.max_points}" if item.points is not None else "",
        rate=eur(Decimal(item.rate_excl_vat)) if item.rate_excl_vat else "",
        label=label,
        style=style,
        why=why,
    )


def _longest_word(texts: Iterable[str]) -> int:
    return max((len(word) for text in texts for word in text.split()), default=0)


def _print_table(title: str, views: list[_RowView], console: Console) -> None:
    """Wide terminals: one row per offer; the name column is never narrower than its longest word."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(header_style="bold", title=title, box=box.SIMPLE_HEAD, show_edge=False)
    table.add_column("#", no_wrap=True, justify="right")
    name_width = max(14, _longest_word(v.submission for v in views), _longest_word(v.supplier for v in views))
    table.add_column("Inschrijving / leverancier", overflow="fold", ratio=3, min_width=name_width)
    table.add_column("Punten", no_wrap=True, justify="right")
    table.add_column("Tarief", no_wrap=True, justify="right")
    table.add_column("Uitkomst", no_wrap=True)
    table.add_column(
        "Waarom", overflow="fold", ratio=4, min_width=max(12, min(30, _longest_word(v.why for v in views)))
    )
    for view in views:
        who = Text(view.submission)
        if view.supplier:
            who.append(f"\n{view.supplier}", style="dim")
        table.add_row(view.rank, who, view.points, view.rate, Text(view.label, style=view.style), Text(view.why))
    console.print(table)


def _print_stacked(title: str, views: list[_RowView], console: Console) -> None:
    """Narrow terminals: a block per offer (rank, ID and outcome; supplier; points and rate; why)."""
    from rich.padding import Padding
    from rich.text import Text

    console.print(Text(title, style="bold"))
    for view in views:
        head = Text(f"{view.rank + '. ' if view.rank else ''}{view.submission}  ", style="bold")
        head.append(view.label, style=view.style)
        console.print(head)
        details = [view.supplier, " · ".join(filter(None, [view.points and f"{view.points} punten", view.rate]))]
        if view.why:
            details.append(f"waarom: {view.why}")
        for line in filter(None, details):
            console.print(Padding(Text(line, overflow="fold"), (0, 0, 0, 3)))


def print_result(result: IntakeResult, console: Console | None = None) -> None:
    """The ranking (a table, or blocks on a narrow terminal) and the totals; untrusted text is shown literally.

    The console spans the terminal the user sees (:func:`~compliance.cli.click_nl.terminal_width`),
    also when the output is piped."""
    from rich.console import Console
    from rich.text import Text

    from compliance.cli.click_nl import terminal_width

    if console is None:
        console = Console(highlight=False, width=terminal_width())
    title = f"Intake {result.tender.tender_id} — {result.tender.organisation}"
    views = [_row_view(row) for row in result.rows]
    if console.width < STACKED_BELOW_COLUMNS:
        _print_stacked(title, views, console)
    else:
        _print_table(title, views, console)
    totals = result.counts
    console.print(
        f"{totals['submissions']} inschrijvingen: {totals['selected']} geselecteerd, {totals['lot']} in loting, "
        f"{totals['ranked']} overige gerangschikt, {totals['needs_review']} te beoordelen, {totals['excluded']} "
        f"uitgesloten, {totals['error']} fout."
    )
    if result.ranking.open_lot:
        lot = result.ranking.open_lot
        console.print(
            Text(
                f"Loting nodig: de opdrachtgever loot {lot[0].lot_places} "
                f"{'plaats' if lot[0].lot_places == 1 else 'plaatsen'} tussen "
                f"{', '.join(p.submission_id for p in lot)} (gelijk op punten en tarief).",
                style="bold yellow",
            )
        )
    if result.other_files:
        console.print(
            Text(
                "Niet als inschrijving gelezen (geen inschrijving: ander bestand, attestaties of aanbesteding): "
                + ", ".join(result.other_files),
                style="dim",
            )
        )
    if result.unlisted_files:
        console.print(
            Text(
                "Let op: niet door de intake geschreven, wel in het ondertekende manifest (rol 'other'): "
                + ", ".join(result.unlisted_files),
                style="yellow",
            )
        )
    console.print(
        f"Rapporten: {result.reports_written} nieuw, {result.reports_reused} hergebruikt. "
        f"Dossier: {result.out_dir} (auditlog {result.audit_entries} regels, kop {result.audit_head[:16]}…; "
        "manifest ondertekend in manifest.json.p7s)"
    )


def _announce_signer() -> None:
    """Create the local key on first use and say on stderr what will sign, as ``check --out`` does.

    No password prompt: the workers read the key from the same environment and cannot ask, so a
    protected key needs COMPLIANCE_SIGNING_PASSWORD (the error says so).
    """
    from compliance.cli.signing_cli import not_qualified_notice
    from compliance.signing.keys import resolve_identity

    identity, created = resolve_identity()
    if created:
        print(f"Nieuwe lokale ondertekeningssleutel aangemaakt: {identity.source}", file=sys.stderr)
    notice = not_qualified_notice(identity)
    if notice:
        print(notice, file=sys.stderr)


def intake(
    submissions_dir: Annotated[
        Path, typer.Argument(metavar="MAP", help="Map met inschrijvingen (*.json, formaat 1 of 2).")
    ],
    tender: Annotated[str, typer.Option("--tender", "-t", help="Ingebouwd ID (bijv. flextender-27442) of pad.")],
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Map voor het dossier (standaard reports/<aanbesteding>/).")
    ] = None,
    registry: Annotated[
        Path | None, typer.Option(help="Map met KvK Basisprofiel-antwoorden (<kvkNummer>.json).")
    ] = None,
    workers: Annotated[
        int | None, typer.Option(min=1, max=256, help="Aantal werkprocessen (standaard: aantal kernen).")
    ] = None,
    attestations: Annotated[
        Path | None,
        typer.Option("--attestations", help="Attestatiebestand: handmatig geverifieerde punten (zoals bij check)."),
    ] = None,
    lang: Annotated[
        ReportLanguage,
        typer.Option(
            "--lang", help="Taal van de rapporten en de rangschikking: nl of en (de beslissingen blijven Nederlands)."
        ),
    ] = ReportLanguage.NL,
) -> None:
    """Verwerk alle inschrijvingen van een uitvraag: toetsen, scoren, rangschikken en het gunningsdossier schrijven.

    Exit: 0 alles verwerkt (ook als inschrijvingen zijn uitgesloten of beoordeeld moeten worden: zie de
    tabel), 4 als een of meer bestanden ongeldig waren (de rest is wel verwerkt), 5 dossier niet te
    ondertekenen of te schrijven.
    """
    with error_boundary():
        from compliance.intake.runner import IntakeConfig, run_intake

        _announce_signer()

        config = IntakeConfig(
            submissions_dir=submissions_dir,
            tender=tender,
            out_dir=out,
            registry=registry,
            workers=workers,
            attestations=attestations,
            lang=lang.value,
        )
        if sys.stderr.isatty():
            actor = RichProgress()
            try:
                result = run_intake(config, actor)
            finally:
                actor.close()
        else:
            result = run_intake(config, PlainProgress())
        for row in result.rows:
            if row.error:
                print(f"fout: {row.error}", file=sys.stderr)
        print_result(result)
        raise typer.Exit(int(intake_exit_code(result)))


def register(app: typer.Typer) -> None:
    """Add the ``intake`` command to the application."""
    app.command("intake")(intake)


def intake_exit_code(result: IntakeResult) -> ExitCode:
    """The intake's exit code: 0 when every file was processed (offers may be excluded: that is an
    outcome, not a failure), 4 when any input was bad, 70 for a defect of the tool."""
    from compliance.intake.records import Outcome

    if any(row.internal_error for row in result.rows):
        return ExitCode.INTERNAL
    return ExitCode.BAD_INPUT if result.counts[Outcome.ERROR.value] else ExitCode.COMPLIANT
