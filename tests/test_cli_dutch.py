"""The command line speaks Dutch (typer/click's own words too), fits the terminal, and says what exit codes mean.

The framework's hook is installed by :func:`compliance.cli.click_nl.install_dutch_cli`; the tests
install it themselves before invoking the app with typer's CliRunner. The subprocess tests run the
real entry point (``python -m compliance``), which installs it only once ``cli/app.py`` calls it.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from compliance.cli.click_nl import dutch_message, install_dutch_cli, terminal_width
from compliance.inputs.json_text import json_error_text

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "heerde-27442"

# Words of the framework that must not reach a Dutch user.
ENGLISH = (
    "Usage",
    "Options",
    "Arguments",
    "Commands",
    "Show this message and exit",
    "[required]",
    "[default:",
    "Missing option",
    "No such option",
    "Possible options",
    "Did you mean",
    "Invalid value",
    "is not one of",
    "Value error",
    "Error",
    "Try '",
    "for help",
    "Input should be",
    "<bool>",
    "<str>",
)


@pytest.fixture(scope="module")
def app():  # type: ignore[no-untyped-def]
    install_dutch_cli()
    from compliance.cli.app import full_app

    return full_app()


def invoke(app, args: list[str], columns: int = 100):  # type: ignore[no-untyped-def]
    # TERMINAL_WIDTH would override the measured width; the runner's output is no terminal.
    env = {"COLUMNS": str(columns), "TERMINAL_WIDTH": None}
    return CliRunner().invoke(app, args, env=env)


def assert_dutch(text: str) -> None:
    found = [word for word in ENGLISH if word in text]
    assert not found, f"Engelse woorden {found} in:\n{text}"


def test_help_of_the_application_and_of_check_is_dutch(app) -> None:  # type: ignore[no-untyped-def]
    top = invoke(app, ["--help"])
    check = invoke(app, ["check", "--help"])

    assert top.exit_code == 0 and check.exit_code == 0
    assert "Gebruik: compliance [OPTIES] OPDRACHT [ARGUMENTEN]..." in top.output
    assert "Opdrachten" in top.output and "Opties" in top.output
    assert "Toon deze hulp en stop." in top.output
    assert "Gebruik: compliance check [OPTIES]" in check.output
    assert "Argumenten" in check.output
    assert "[verplicht]" in check.output
    assert "[standaard: submission]" in check.output
    assert "<tekst>" in check.output and "<pad>" in check.output
    assert_dutch(top.output)
    assert_dutch(check.output)


@pytest.mark.parametrize(
    "command",
    ["intake", "verify", "keys init", "tenders show", "offer new", "tender import", "tender confirm", "serve"],
)
def test_the_help_of_every_command_is_dutch(app, command: str) -> None:  # type: ignore[no-untyped-def]
    result = invoke(app, [*command.split(), "--help"], columns=120)

    assert result.exit_code == 0
    assert f"Gebruik: compliance {command}" in result.output
    assert_dutch(result.output)
    assert not re.search(r"<(int|float|bool|str|path)\b", result.output)


def test_a_misspelt_option_is_named_with_the_option_meant(app) -> None:  # type: ignore[no-untyped-def]
    result = invoke(app, ["check", "offer.json", "--tendr", "flextender-27442"])

    assert result.exit_code == 2
    assert "Onbekende optie: --tendr (bedoelde u een van: --tender?)" in result.output
    assert "Probeer 'compliance check --help' voor hulp." in result.output
    assert "Fout" in result.output
    assert_dutch(result.output)


def test_a_missing_option_an_unknown_choice_and_a_bad_number_are_dutch(app) -> None:  # type: ignore[no-untyped-def]
    missing = invoke(app, ["check", "offer.json"])
    choice = invoke(app, ["check", "offer.json", "-t", "flextender-27442", "--format", "csv"])
    number = invoke(app, ["intake", "inschrijvingen", "-t", "flextender-27442", "--workers", "veel"])
    too_few = invoke(app, ["intake", "inschrijvingen", "-t", "flextender-27442", "--workers", "0"])
    no_value = invoke(app, ["check", "offer.json", "--tender"])

    assert "Optie '--tender' / '-t' ontbreekt (verplicht)." in missing.output
    assert "Ongeldige waarde voor '--format' / '-f': 'csv' is niet toegestaan; kies uit 'table', 'json'." in (
        " ".join(choice.output.split()).replace("│ │", "")
    )
    assert "Ongeldige waarde voor '--workers': geen geheel getal" in number.output
    assert "Ongeldige waarde voor '--workers': moet minstens 1 zijn" in too_few.output
    assert "Optie '--tender' verwacht een waarde." in no_value.output
    for result in (missing, choice, number, too_few, no_value):
        assert result.exit_code == 2
        assert_dutch(result.output)


def test_an_unknown_command_suggests_the_near_ones(app) -> None:  # type: ignore[no-untyped-def]
    result = invoke(app, ["chek"])

    assert result.exit_code == 2
    assert "Onbekende opdracht 'chek'. Bedoelde u 'check'" in result.output
    assert_dutch(result.output)


def test_help_uses_the_width_of_the_terminal(app) -> None:  # type: ignore[no-untyped-def]
    wide = invoke(app, ["check", "--help"], columns=160)
    narrow = invoke(app, ["check", "--help"], columns=80)

    assert max(len(line) for line in wide.output.splitlines()) == 160
    assert max(len(line) for line in narrow.output.splitlines()) == 80
    # A help line that wraps at 80 columns stands on one line at 160.
    assert "Ingebouwd ID (bijv. flextender-27442) of pad." in wide.output
    assert "Ingebouwd ID (bijv. flextender-27442) of pad." not in narrow.output


def test_terminal_width_prefers_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "132")
    assert terminal_width() == 132


@pytest.mark.parametrize(
    ("english", "dutch"),
    [
        ("Got unexpected extra argument (b.json)", "Onverwachte extra argumenten: b.json"),
        ("Option '--lang' requires 2 arguments.", "Optie '--lang' verwacht 2 waarden."),
        ("Missing argument 'SUBMISSIONS...'.", "Argument 'SUBMISSIONS...' ontbreekt (verplicht)."),
        ("Missing command.", "Geef een opdracht."),
        ("Could not open file 'x.json': No such file", "Kan bestand 'x.json' niet openen: No such file"),
        ("Aborted!", "Afgebroken."),
    ],
)
def test_framework_messages_are_translated(english: str, dutch: str) -> None:
    assert dutch_message(english) == dutch


def test_text_that_is_already_dutch_is_left_alone() -> None:
    text = "fout: offer.json: ongeldige invoer"
    assert dutch_message(text) == text


def test_a_json_syntax_error_is_described_in_dutch() -> None:
    with pytest.raises(json.JSONDecodeError) as caught:
        json.loads('{tender: "flextender-27442"}')

    assert json_error_text(caught.value) == (
        "geen geldige JSON: veldnaam tussen dubbele aanhalingstekens verwacht (regel 1, kolom 2)"
    )


def test_confirm_refuses_a_value_that_is_broken_json(app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tender = tmp_path / "concept.json"
    tender.write_text(
        json.dumps({"to_confirm": [{"pointer": "/rate/max_hourly_rate_eur", "reason": "niet gevonden"}]}),
        encoding="utf-8",
    )

    result = invoke(app, ["tender", "confirm", str(tender), "/rate/max_hourly_rate_eur", "[84,"])

    assert result.exit_code == 4
    assert "waarde '[84,': geen geldige JSON: waarde verwacht (regel 1, kolom 5)" in result.output
    assert "max_hourly_rate_eur" not in tender.read_text(encoding="utf-8").split("to_confirm")[0]


# --- the intake table -------------------------------------------------------------------------


@pytest.fixture
def intake_result(tmp_path: Path):  # type: ignore[no-untyped-def]
    """An intake of six bundled offers, among them the suppliers with the longest names."""
    from compliance.intake.runner import IntakeConfig, run_intake

    folder = tmp_path / "inschrijvingen"
    shutil.copytree(EXAMPLES / "cv", folder / "cv")
    for name in ("S-0001", "S-0004", "S-0006", "S-0009", "S-0013", "S-0017"):
        for offer in EXAMPLES.glob(f"{name}-*.json"):
            shutil.copy(offer, folder / offer.name)
    config = IntakeConfig(folder, "flextender-27442", out_dir=tmp_path / "dossier", registry=EXAMPLES / "registry")
    return run_intake(config)


def render(result, width: int) -> str:  # type: ignore[no-untyped-def]
    from compliance.cli.intake_cli import print_result

    console = Console(width=width, file=io.StringIO(), record=True, highlight=False, color_system=None)
    print_result(result, console)
    return console.export_text()


def test_the_intake_table_never_breaks_a_supplier_name_inside_a_word(intake_result) -> None:  # type: ignore[no-untyped-def]
    suppliers = {row.assessment.supplier_name for row in intake_result.rows if row.assessment.supplier_name}
    assert "IJsselvallei Personeelsdiensten B.V." in suppliers

    for width in (60, 80, 160):
        text = render(intake_result, width)
        lines = text.splitlines()
        assert max(len(line.rstrip()) for line in lines) <= width
        words = set(text.split())
        for supplier in suppliers:
            assert set(supplier.split()) <= words, (width, supplier, text)
        for row in intake_result.rows:
            assert row.assessment.submission_id in words

    narrow, wide = render(intake_result, 80), render(intake_result, 160)
    # Under 100 columns a block per offer: the whole supplier name on its own line.
    assert any(line.strip() == "IJsselvallei Personeelsdiensten B.V." for line in narrow.splitlines())
    assert "Inschrijving / leverancier" not in narrow
    # Wide: the table, one row per offer, each supplier name on one line within its column.
    assert "Inschrijving / leverancier" in wide
    assert any("IJsselvallei Personeelsdiensten B.V." in line for line in wide.splitlines())


def test_the_intake_output_spans_the_terminal(intake_result, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    from compliance.cli.intake_cli import print_result

    monkeypatch.setenv("COLUMNS", "160")
    print_result(intake_result)

    out = capsys.readouterr().out
    assert "Inschrijving / leverancier" in out
    assert max(len(line) for line in out.splitlines()) > 100


# --- the real entry point ---------------------------------------------------------------------


def test_python_m_compliance_speaks_dutch() -> None:
    env = {**os.environ, "COLUMNS": "100"}
    env.pop("TERMINAL_WIDTH", None)
    helped = subprocess.run(
        [sys.executable, "-m", "compliance", "--help"], capture_output=True, text=True, env=env, check=False
    )
    wrong = subprocess.run(
        [sys.executable, "-m", "compliance", "check", "offer.json", "--tendr", "flextender-27442"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )

    assert helped.returncode == 0
    assert re.search(r"Gebruik: (python -m )?compliance \[OPTIES\] OPDRACHT", helped.stdout)
    assert_dutch(helped.stdout)
    assert wrong.returncode == 2
    assert re.search(r"Onbekende optie: --tendr \(bedoelde u een van: --tender\?\)", wrong.stderr)
    assert_dutch(wrong.stderr)


def test_intake_lang_en_writes_the_ranking_and_reports_in_english(tmp_path: Path) -> None:
    from pypdf import PdfReader

    from compliance.cli.app import app

    folder = tmp_path / "inschrijvingen"
    folder.mkdir()
    for name in ("S-0001", "S-0002"):
        for offer in EXAMPLES.glob(f"{name}-*.json"):
            shutil.copy(offer, folder / offer.name)
    shutil.copytree(EXAMPLES / "cv", folder / "cv")
    out = tmp_path / "dossier"
    args = ["intake", str(folder), "-t", "flextender-27442", "--registry", str(EXAMPLES / "registry")]

    result = CliRunner().invoke(app, [*args, "--out", str(out), "--workers", "1", "--lang", "en"])

    assert result.exit_code == 0, result.output
    ranking = " ".join(page.extract_text() for page in PdfReader(out / "rangschikking.pdf").pages)
    report = " ".join(page.extract_text() for page in PdfReader(out / "kandidaten" / "S-0002.pdf").pages)
    assert "Ranking of the submissions" in ranking and "Rangschikking" not in ranking
    assert "Compliance report" in report
    # The signed decisions stay the Dutch record.
    record = json.loads((out / "kandidaten" / "S-0002.json").read_text(encoding="utf-8"))
    assert any(finding["reason"].startswith("Ingediend") for finding in record["findings"])
