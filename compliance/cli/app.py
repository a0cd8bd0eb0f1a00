"""The ``compliance`` command: check, checks (catalogue), schema, tenders.

Heavy modules (reportlab, pyHanko, rich) are imported inside the commands that need them, so
``compliance check`` starts fast. For the same reason ``intake``, ``verify`` and ``keys`` (in
their own modules) are registered only when the command line needs them (:func:`main`), or when
:data:`app` is imported as a whole, as the tests do.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from compliance import __version__
from compliance.cli.boundary import error_boundary, report_error
from compliance.errors import ComplianceError, ExitCode, InputError

if TYPE_CHECKING:
    from compliance.pipeline import LoadedOffer

_app = typer.Typer(
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


class ReportLanguage(StrEnum):
    """Languages of what a reader sees: terminal, JSON lines, PDF reports and the ranking."""

    NL = "nl"
    EN = "en"


class SchemaName(StrEnum):
    """Published schemas."""

    TENDER = "tender"
    SUBMISSION = "submission"
    REPORT = "report"
    ATTESTATION = "attestation"


def _version(value: bool) -> None:
    if value:
        print(f"compliance {__version__}")
        raise typer.Exit()


@_app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Toon de versie.")
    ] = False,
) -> None:
    """Controleert inschrijvingen op inhuuropdrachten (Wet DBA, Waadi, VOG, tarief, SROI, knock-outs)."""


def _exit_code_for(verdicts: list[str], bad_inputs: int, strict: bool = False) -> ExitCode:
    """The most serious outcome wins: bad input > non-compliant > needs review > compliant.

    ``strict`` is for gates that may not let anything unverified through: needs review exits 1 too."""
    if bad_inputs:
        return ExitCode.BAD_INPUT
    if "non_compliant" in verdicts:
        return ExitCode.NON_COMPLIANT
    if "needs_review" in verdicts:
        return ExitCode.NON_COMPLIANT if strict else ExitCode.NEEDS_REVIEW
    return ExitCode.COMPLIANT


def _without_shared_ids(offers: list[LoadedOffer]) -> list[LoadedOffer]:
    """The offers whose submission ID no other offer has; the others are reported as bad input.

    ``--out`` names the report files by submission ID, so two offers with one ID would overwrite
    each other's report, and picking one of them would be unfair: neither is checked or written.
    (``intake`` refuses them the same way.)
    """
    from compliance.report_files import files_sharing_an_id

    shared = files_sharing_an_id((str(offer.path), offer.submission.submission_id) for offer in offers)
    for offer in offers:
        others = shared.get(str(offer.path))
        if others:
            problem = (
                f"submission_id '{offer.submission.submission_id}' komt ook voor in {', '.join(others)} (hoofdletters "
                "tellen niet mee); de rapporten worden naar dit ID genoemd, dus voor dit ID is niets gecontroleerd "
                "of geschreven"
            )
            report_error(InputError(str(offer.path), [("/submission_id", problem)]))
    return [offer for offer in offers if str(offer.path) not in shared]


@_app.command()
def check(
    submissions: Annotated[
        list[Path], typer.Argument(metavar="INSCHRIJVING", help="Een of meer inschrijvingen (JSON, formaat 1 of 2).")
    ],
    tender: Annotated[str, typer.Option("--tender", "-t", help="Ingebouwd ID (bijv. flextender-27442) of pad.")],
    phase: Annotated[PhaseOption, typer.Option(help="Fase: inschrijving of gunning.")] = PhaseOption.SUBMISSION,
    registry: Annotated[
        Path | None, typer.Option(help="Map met KvK Basisprofiel-antwoorden (<kvkNummer>.json).")
    ] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="table of json (één object per regel).")
    ] = OutputFormat.TABLE,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict", help="Ook 'beoordeling nodig' geeft exit 1 (voor een poort die niets ongetoetst doorlaat)."
        ),
    ] = False,
    kvk_api: Annotated[
        bool,
        typer.Option(
            "--kvk-api",
            help="Raadpleeg de live KvK Basisprofiel API (COMPLIANCE_KVK_API_URL/COMPLIANCE_KVK_API_KEY of config.toml).",
        ),
    ] = False,
    offline: Annotated[
        bool, typer.Option("--offline", help="Geen netwerk: gebruik alleen de KvK-cache; ontbrekend = beoordelen.")
    ] = False,
    attestations: Annotated[
        Path | None, typer.Option("--attestations", help="Attestatiebestand (JSON, schemas/attestation.schema.json).")
    ] = None,
    no_attestations: Annotated[
        bool, typer.Option("--no-attestations", help="Toon het oordeel zonder attestaties (juridische toets).")
    ] = False,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", help="Schrijf per kandidaat een ondertekend PDF-rapport + JSON in deze map (bijv. reports/)."
        ),
    ] = None,
    lang: Annotated[
        ReportLanguage, typer.Option("--lang", help="Taal van de uitvoer (terminal, JSON en PDF-rapport): nl of en.")
    ] = ReportLanguage.NL,
    signing_p12: Annotated[
        Path | None,
        typer.Option(
            "--signing-p12", help="PKCS#12-bestand met sleutel en certificaat (anders env of lokale sleutel)."
        ),
    ] = None,
    signing_key: Annotated[Path | None, typer.Option("--signing-key", help="PEM-sleutel (met --signing-cert).")] = None,
    signing_cert: Annotated[
        Path | None, typer.Option("--signing-cert", help="PEM-certificaat (met --signing-key).")
    ] = None,
) -> None:
    """Controleer inschrijvingen tegen een uitvraag. Exit: 0 voldoet, 1 voldoet niet, 3 beoordelen, 4 foute invoer, 5 rapport niet te ondertekenen of te schrijven."""
    with error_boundary():
        from compliance.models.report import report_to_json
        from compliance.models.tender import Phase
        from compliance.pipeline import SourceOptions, build_setup, decide, load

        setup = build_setup(
            tender,
            SourceOptions(registry=registry, kvk_api=kvk_api, offline=offline),
            attestations,
            attestations_enabled=not no_attestations,
        )
        console = None
        if output_format is OutputFormat.TABLE:
            from rich.console import Console

            console = Console(highlight=False)
        signer = None
        if out is not None:
            from compliance.cli.signing_cli import report_signer
            from compliance.fsutil import ensure_writable_folder

            ensure_writable_folder(out)  # before any work: an unwritable folder is exit 5, named
            signer = report_signer(signing_p12, signing_key, signing_cert)
        verdicts: list[str] = []
        bad = 0
        offers: list[LoadedOffer] = []
        for path in submissions:
            try:
                offers.append(load(setup, path))
            except ComplianceError as error:
                report_error(error)
                bad += 1
        if out is not None:
            kept = _without_shared_ids(offers)
            bad += len(offers) - len(kept)
            offers = kept
        for offer in offers:
            report = decide(setup, offer, Phase(phase.value))
            verdicts.append(report.verdict.value)
            if console is not None:
                from compliance.render.table import print_report

                print_report(report, console, lang.value)
            else:
                shown = report  # the signed record (written below) stays Dutch; only what is printed is localised
                if lang is not ReportLanguage.NL:  # the default needs no renderer modules on this path
                    from compliance.render.localise import localise

                    shown = localise(report, lang.value)
                sys.stdout.write(report_to_json(shown) + "\n")
            if out is not None and signer is not None:
                from compliance.report_files import write_report_files

                files = write_report_files(report, out, signer, lang.value)
                print(f"rapport: {files.pdf_path} (+ {files.json_path.name})", file=sys.stderr)
        raise typer.Exit(int(_exit_code_for(verdicts, bad, strict)))


@_app.command("checks")
def list_checks(
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.TABLE,
    markdown: Annotated[bool, typer.Option("--markdown", help="De tabel van de README (Engels, Markdown).")] = False,
    reasons: Annotated[
        bool,
        typer.Option("--reasons", help="Alle redencodes met status en tekst in het Nederlands en Engels (Markdown)."),
    ] = False,
) -> None:
    """Toon de catalogus van controles (ID, titel, ernst, grondslag), of met --reasons alle redencodes."""
    with error_boundary():
        from compliance.checks import CHECKS
        from compliance.render.labels import SEVERITY_LABELS

        if reasons:
            from compliance.render.catalogue import reasons_markdown

            sys.stdout.write(reasons_markdown())
            return
        if markdown:
            from compliance.render.catalogue import catalogue_markdown

            sys.stdout.write(catalogue_markdown(CHECKS))
            return

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


@_app.command("schema")
def print_schema(
    name: Annotated[SchemaName, typer.Argument(metavar="NAAM", help="tender, submission of report.")],
) -> None:
    """Print een gepubliceerd JSON Schema."""
    with error_boundary():
        from compliance.schemas import schema_text

        sys.stdout.write(schema_text(name.value))


tenders_app = typer.Typer(
    help="De ingebouwde uitvragen: een lijst, of één uitvraag in gewone taal.", no_args_is_help=False
)
_app.add_typer(tenders_app, name="tenders")


@tenders_app.callback(invoke_without_command=True)
def list_tenders(context: typer.Context) -> None:
    """Toon de ingebouwde uitvragen."""
    if context.invoked_subcommand is not None:
        return
    with error_boundary():
        from compliance.inputs.tenders import bundled_tender_ids, resolve_tender

        for tender_id in bundled_tender_ids():
            spec, _ = resolve_tender(tender_id)
            print(f"{tender_id}\t{spec.organisation} — {spec.title} (sluiting {spec.deadline.isoformat()})")


@tenders_app.command("show")
def show_tender(
    tender: Annotated[str, typer.Argument(metavar="UITVRAAG", help="Ingebouwd ID of pad naar een tenderbestand.")],
) -> None:
    """Toon de eisen en wensen met hun ID en punten, de woordenlijst, de voorwaarden en de open punten."""
    with error_boundary():
        from compliance.inputs.tenders import resolve_tender
        from compliance.render.tender_text import describe

        spec, _ = resolve_tender(tender)
        sys.stdout.write(describe(spec))


offer_app = typer.Typer(help="Een nieuwe inschrijving voorbereiden.", no_args_is_help=True)
_app.add_typer(offer_app, name="offer")


@offer_app.command("new")
def new_offer(
    tender: Annotated[str, typer.Option("--tender", "-t", help="Ingebouwd ID of pad naar een tenderbestand.")],
    out: Annotated[Path | None, typer.Option("--out", help="Schrijf het sjabloon naar dit bestand.")] = None,
) -> None:
    """Maak een sjabloon-inschrijving (formaat 2) met een antwoordvak per eis en wens."""
    with error_boundary():
        import json

        from compliance.inputs.tenders import resolve_tender
        from compliance.offer_template import template_offer

        spec, _ = resolve_tender(tender)
        text = json.dumps(template_offer(spec), ensure_ascii=False, indent=2) + "\n"
        if out is None:
            sys.stdout.write(text)
            return
        from compliance.fsutil import atomic_write_text

        atomic_write_text(out, text)
        print(
            f"geschreven: {out} — vul de velden met '<vul in: …>' in en controleer met compliance check",
            file=sys.stderr,
        )


# The commands defined above; any other word on the command line may name one of the others.
_CORE_COMMANDS = frozenset({"check", "checks", "schema", "tenders", "offer"})
_complete = False


def full_app() -> typer.Typer:
    """The application with every command: the ones above plus ``intake``, ``verify`` and ``keys``.

    Those live in their own modules and register themselves on first use; typer builds every
    registered command's parameters at start-up, so ``compliance check`` leaves them out.
    """
    from compliance.cli.click_nl import install_dutch_cli

    install_dutch_cli()  # typer/click's own words in Dutch, help as wide as the terminal
    global _complete
    if not _complete:
        from compliance.cli.intake_cli import register as register_intake
        from compliance.cli.serve_cli import register as register_serve
        from compliance.cli.signing_cli import register as register_signing
        from compliance.cli.tender_cli import register as register_tender

        register_intake(_app)
        register_signing(_app)
        register_tender(_app)
        register_serve(_app)
        _complete = True
    return _app


def __getattr__(name: str) -> typer.Typer:
    """``app``: the complete application (``from compliance.cli.app import app``), built on first access."""
    if name == "app":
        return full_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    """Console-script entry point."""
    # The root takes no option with a value, so the first word that is not an option names the command.
    command = next((arg for arg in sys.argv[1:] if not arg.startswith("-")), None)
    if command in _CORE_COMMANDS:
        from compliance.cli.click_nl import install_dutch_cli

        install_dutch_cli()  # the core commands bypass full_app()
        _app()
    else:
        full_app()()  # help, intake, verify, keys, or an unknown word (typer then names the commands it knows)
