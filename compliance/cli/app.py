"""The ``compliance`` command: check, checks (catalogue), schema, tenders.

Heavy modules (reportlab, pyHanko, rich) are imported inside the commands that need them, so
``compliance check`` starts fast.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from compliance import __version__
from compliance.cli.boundary import error_boundary, report_error
from compliance.errors import ComplianceError, ExitCode

app = typer.Typer(
    name="compliance",
    help="Controleert inschrijvingen op inhuuropdrachten tegen de wettelijke voorwaarden en knock-outs van de uitvraag.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class OutputFormat(StrEnum):
    """Output formats of ``check``."""

    TABLE = "table"
    JSON = "json"


class PhaseOption(StrEnum):
    """Procedure phases a check can be run for."""

    SUBMISSION = "submission"
    AWARD = "award"


class SchemaName(StrEnum):
    """Published schemas."""

    TENDER = "tender"
    SUBMISSION = "submission"
    REPORT = "report"


def _version(value: bool) -> None:
    if value:
        print(f"compliance {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Toon de versie.")
    ] = False,
) -> None:
    """Controleert inschrijvingen op inhuuropdrachten (Wet DBA, Waadi, VOG, tarief, SROI, knock-outs)."""


def _exit_code_for(verdicts: list[str], bad_inputs: int) -> ExitCode:
    """The most serious outcome wins: bad input > non-compliant > needs review > compliant."""
    if bad_inputs:
        return ExitCode.BAD_INPUT
    if "non_compliant" in verdicts:
        return ExitCode.NON_COMPLIANT
    if "needs_review" in verdicts:
        return ExitCode.NEEDS_REVIEW
    return ExitCode.COMPLIANT


@app.command()
def check(
    submissions: Annotated[list[Path], typer.Argument(help="Een of meer inschrijvingen (JSON, formaat v1).")],
    tender: Annotated[str, typer.Option("--tender", "-t", help="Ingebouwd ID (bijv. flextender-27442) of pad.")],
    phase: Annotated[PhaseOption, typer.Option(help="Fase: inschrijving of gunning.")] = PhaseOption.SUBMISSION,
    registry: Annotated[
        Path | None, typer.Option(help="Map met KvK Basisprofiel-antwoorden (<kvkNummer>.json).")
    ] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="table of json (één object per regel).")
    ] = OutputFormat.TABLE,
) -> None:
    """Controleer inschrijvingen tegen een uitvraag. Exit: 0 voldoet, 1 voldoet niet, 3 beoordelen, 4 foute invoer."""
    with error_boundary():
        from compliance.engine import evaluate, tender_context
        from compliance.inputs.loader import load
        from compliance.inputs.tenders import resolve_tender
        from compliance.models.report import report_to_json
        from compliance.models.submission import Submission
        from compliance.models.tender import Phase
        from compliance.sources.registry import RegistrySource, SnapshotRegistry

        spec, loaded_tender = resolve_tender(tender)
        context = tender_context(spec, loaded_tender.sha256, loaded_tender.path)
        source: RegistrySource | None = SnapshotRegistry(registry) if registry else None
        console = None
        if output_format is OutputFormat.TABLE:
            from rich.console import Console

            console = Console(highlight=False)
        verdicts: list[str] = []
        bad = 0
        for path in submissions:
            try:
                submission, loaded = load(Submission, path)
                if submission.tender_id != spec.tender_id:
                    from compliance.errors import InputError

                    raise InputError(
                        str(path),
                        [
                            (
                                "/tender_id",
                                f"inschrijving is voor '{submission.tender_id}', niet voor '{spec.tender_id}'",
                            )
                        ],
                    )
            except ComplianceError as error:
                report_error(error)
                bad += 1
                continue
            report = evaluate(submission, loaded.sha256, context, Phase(phase.value), source)
            verdicts.append(report.verdict.value)
            if console is not None:
                from compliance.render.table import print_report

                print_report(report, console)
            else:
                sys.stdout.write(report_to_json(report) + "\n")
        raise typer.Exit(int(_exit_code_for(verdicts, bad)))


@app.command("checks")
def list_checks(
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.TABLE,
) -> None:
    """Toon de catalogus van controles (ID, titel, ernst, grondslag)."""
    with error_boundary():
        from compliance.checks import CHECKS
        from compliance.render.labels import SEVERITY_LABELS

        if output_format is OutputFormat.JSON:
            rows = [
                {
                    "check_id": c.info.check_id,
                    "title": c.info.title,
                    "severity": c.info.severity.value,
                    "legal_refs": list(c.info.legal_refs),
                    "description": c.info.description,
                }
                for c in CHECKS
            ]
            print(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        from rich.console import Console
        from rich.table import Table

        table = Table(header_style="bold")
        for column in ("ID", "Titel", "Ernst", "Grondslag"):
            table.add_column(column)
        for c in CHECKS:
            table.add_row(
                c.info.check_id,
                c.info.title,
                SEVERITY_LABELS["nl"][c.info.severity],
                "; ".join(c.info.legal_refs) or "uitvraag",
            )
        Console(highlight=False).print(table)


@app.command("schema")
def print_schema(name: Annotated[SchemaName, typer.Argument(help="tender, submission of report.")]) -> None:
    """Print een gepubliceerd JSON Schema."""
    with error_boundary():
        from compliance.schemas import schema_text

        sys.stdout.write(schema_text(name.value))


@app.command("tenders")
def list_tenders() -> None:
    """Toon de ingebouwde uitvragen."""
    with error_boundary():
        from compliance.inputs.tenders import bundled_tender_ids, resolve_tender

        for tender_id in bundled_tender_ids():
            spec, _ = resolve_tender(tender_id)
            print(f"{tender_id}\t{spec.organisation} — {spec.title} (sluiting {spec.deadline.isoformat()})")


def main() -> None:
    """Console-script entry point."""
    app()
