"""``compliance intake``: the whole tender in one run, with a progress bar and a ranking table.

The progress "actor" lives here, not in the library: the runner only tells a
:class:`~compliance.intake.runner.ProgressObserver` what it does, and this module shows it as a
rich progress bar on an interactive terminal, or as plain lines (for logs and CI) otherwise.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from compliance.cli.boundary import error_boundary

if TYPE_CHECKING:
    from compliance.intake.runner import IntakeResult


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


def print_result(result: IntakeResult) -> None:
    """The ranking table and the totals; untrusted text (names, reasons) is shown literally."""
    from decimal import Decimal

    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from compliance.dates import eur

    console = Console(highlight=False)
    table = Table(
        header_style="bold",
        title=f"Intake {result.tender.tender_id} — {result.tender.organisation}",
        box=box.SIMPLE_HEAD,
        show_edge=False,
    )
    table.add_column("#", no_wrap=True, justify="right")
    table.add_column("Inschrijving / leverancier", overflow="fold", ratio=3, min_width=14)
    table.add_column("Punten", no_wrap=True, justify="right")
    table.add_column("Tarief", no_wrap=True, justify="right")
    table.add_column("Uitkomst", no_wrap=True)
    table.add_column("Waarom", overflow="fold", ratio=4, min_width=12)
    for row in result.rows:
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
        who = Text(item.submission_id or item.file)
        if item.supplier_name:
            who.append(f"\n{item.supplier_name}", style="dim")
        table.add_row(
            str(row.rank) if row.rank else "",
            who,
            f"{item.points}/{item.max_points}" if item.points is not None else "",
            eur(Decimal(item.rate_excl_vat)) if item.rate_excl_vat else "",
            Text(label, style=style),
            Text(why),
        )
    console.print(table)
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
        console.print(Text(f"Niet als inschrijving gelezen (geen inschrijving: ander bestand, attestaties of aanbesteding): {', '.join(result.other_files)}", style="dim"))
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
    submissions_dir: Annotated[Path, typer.Argument(help="Map met inschrijvingen (*.json, formaat v1).")],
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
) -> None:
    """Verwerk alle inschrijvingen van een uitvraag: toetsen, scoren, rangschikken en het gunningsdossier schrijven.

    Exit: 0 alles verwerkt, 4 als een of meer bestanden ongeldig waren (de rest is wel verwerkt).
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
        raise typer.Exit(int(result.exit_code))


def register(app: typer.Typer) -> None:
    """Add the ``intake`` command to the application."""
    app.command("intake")(intake)
