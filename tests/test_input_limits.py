"""Hostile input ends in a short Dutch error naming the file and the field or limit (exit 4), in
``check`` and per offer in ``intake``: deep nesting, huge numbers, huge files, long lists, many
fields, long keys, lone surrogates, and thousands of problems in one offer.

The limits come from :mod:`compliance.inputs.limits`; each test states the message a user sees.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from compliance.cli.app import app
from compliance.cli.intake_cli import intake_exit_code
from compliance.errors import ExitCode, InputError
from compliance.inputs.limits import (
    MAX_CONTAINERS,
    MAX_DEPTH,
    MAX_INPUT_BYTES,
    MAX_KEY_CHARS,
    MAX_LIST_ITEMS,
    MAX_NUMBER_CHARS,
    MAX_OBJECT_FIELDS,
    MAX_REPORTED_PROBLEMS,
)
from compliance.intake.records import Outcome
from compliance.intake.runner import IntakeConfig, run_intake

TENDER = "flextender-27442"
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "heerde-27442" / "S-0013-kevin-peters.json"


def example() -> dict[str, Any]:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def _with(path: str, value: Any) -> dict[str, Any]:
    document = example()
    *parents, last = path.split("/")
    target: Any = document
    for part in parents:
        target = target[int(part)] if isinstance(target, list) else target[part]
    target[last] = value
    return document


def _nested(levels: int) -> dict[str, Any]:
    inner: Any = "diep"
    for _ in range(levels):
        inner = {"a": inner}
    return inner  # type: ignore[no-any-return]


def _deep_text(levels: int) -> str:
    return '{"a":' * levels + "1" + "}" * levels


# (id, file content, pointer in the message, the message after the pointer)
HOSTILE: list[tuple[str, Callable[[], str | bytes], str, str]] = [
    (
        "nesting_10000_deep",  # used to end in RecursionError, exit 70
        lambda: _deep_text(10_000),
        "/",
        f"te diep genest (meer dan {MAX_DEPTH} niveaus)",
    ),
    (
        "nesting_beyond_the_limit",
        lambda: json.dumps(_with("candidate/notities", _nested(MAX_DEPTH))),
        "/candidate/notities" + "/a" * (MAX_DEPTH - 2),
        f"te diep genest (meer dan {MAX_DEPTH} niveaus)",
    ),
    (
        "integer_of_5000_digits",  # used to exceed Python's int-string limit, exit 70
        lambda: json.dumps(example()).replace('"employees": 30', '"employees": ' + "9" * 5000),
        "/supplier/employees",
        f"getal met te veel tekens (5000, maximaal {MAX_NUMBER_CHARS})",
    ),
    (
        "long_decimal_number",
        lambda: json.dumps(example()).replace('"hourly_rate_eur": 78.0', '"hourly_rate_eur": 78.' + "0" * 40),
        "/offer/hourly_rate_eur",
        f"getal met te veel tekens (43, maximaal {MAX_NUMBER_CHARS})",
    ),
    (
        "too_many_list_items",
        lambda: json.dumps(_with("candidate/experience/0/target_groups", ["jonge_kinderen"] * (MAX_LIST_ITEMS + 1))),
        "/candidate/experience/0/target_groups",
        f"lijst met te veel elementen ({MAX_LIST_ITEMS + 1}, maximaal {MAX_LIST_ITEMS})",
    ),
    (
        "too_many_fields",
        lambda: json.dumps(_with("offer", {f"veld{i}": i for i in range(MAX_OBJECT_FIELDS + 1)})),
        "/offer",
        f"object met te veel velden ({MAX_OBJECT_FIELDS + 1}, maximaal {MAX_OBJECT_FIELDS})",
    ),
    (
        "key_too_long",
        lambda: json.dumps(_with("candidate/" + "x" * 5000, True)),
        "/candidate",
        f"veldnaam te lang (5000 tekens, maximaal {MAX_KEY_CHARS})",
    ),
    (
        "200000_invalid_references",  # used to print 29 MB and take 700 MB
        lambda: json.dumps(_with("candidate/references", [{}] * 200_000)),
        "/",
        f"te veel objecten en lijsten (200018, maximaal {MAX_CONTAINERS})",
    ),
    (
        "lone_surrogate",  # valid JSON, not encodable as UTF-8
        lambda: json.dumps(example()).replace("Kevin Peters", "Kevin \\ud800 Peters"),
        "/",
        "bevat een ongeldig Unicode-teken (een losse surrogaat)",
    ),
]
HOSTILE_IDS = [case[0] for case in HOSTILE]


@pytest.fixture
def hostile(tmp_path: Path) -> Callable[[str], tuple[Path, str, str]]:
    def write(case_id: str) -> tuple[Path, str, str]:
        _, content, pointer, message = next(case for case in HOSTILE if case[0] == case_id)
        data = content()
        path = tmp_path / f"{case_id}.json"
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        return path, pointer, message

    return write


@pytest.mark.parametrize("case_id", HOSTILE_IDS)
def test_check_refuses_hostile_input_with_exit_4_and_one_short_message(hostile, case_id):
    path, pointer, message = hostile(case_id)

    result = CliRunner().invoke(app, ["check", str(path), "--tender", TENDER, "--format", "json"])

    assert result.exit_code == ExitCode.BAD_INPUT == 4, result.output
    assert result.stdout == ""
    assert result.stderr == f"fout: {path}: ongeldige invoer\n  - {pointer}: {message}\n"


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "groot.json"
    text = json.dumps(example())
    path.write_text(text + " " * (MAX_INPUT_BYTES + 1 - len(text)), encoding="utf-8")

    result = CliRunner().invoke(app, ["check", str(path), "--tender", TENDER])

    assert result.exit_code == 4
    size = MAX_INPUT_BYTES + 1
    assert result.stderr == (
        f"fout: {path}: ongeldige invoer\n  - /: het bestand is te groot ({size} bytes, maximaal {MAX_INPUT_BYTES})\n"
    )


def test_an_offer_with_many_problems_lists_the_first_ones_and_counts_the_rest(tmp_path):
    references = [{"name": index} for index in range(MAX_REPORTED_PROBLEMS + 40)]
    path = tmp_path / "veel-fouten.json"
    path.write_text(json.dumps(_with("candidate/references", references)), encoding="utf-8")

    result = CliRunner().invoke(app, ["check", str(path), "--tender", TENDER])

    assert result.exit_code == 4
    lines = result.stderr.splitlines()
    assert lines[0] == f"fout: {path}: ongeldige invoer"
    assert lines[1] == "  - /candidate/references/0/name: geen tekst (gekregen: 0)"
    assert len(lines) == 1 + MAX_REPORTED_PROBLEMS + 1
    assert lines[-1] == "  … en nog 40 problemen"


def test_input_error_keeps_only_the_first_problems():
    problems = [(f"/candidate/references/{i}/name", "geen tekst") for i in range(MAX_REPORTED_PROBLEMS + 1)]

    error = InputError("offer.json", problems)

    assert len(error.problems) == MAX_REPORTED_PROBLEMS
    assert error.omitted == 1
    assert error.diagnostics().endswith("\n  … en nog 1 probleem")
    again = InputError("inschrijving.json", error.problems, omitted=error.omitted)  # raised again, renamed
    assert again.diagnostics() == error.diagnostics().replace("offer.json", "inschrijving.json", 1)


def test_intake_turns_each_hostile_offer_into_one_error_row_and_checks_the_rest(tmp_path, hostile):
    folder = tmp_path / "inschrijvingen"
    folder.mkdir()
    (folder / "S-0013.json").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    expected: dict[str, str] = {}
    for case_id in ("nesting_10000_deep", "integer_of_5000_digits", "200000_invalid_references"):
        path, pointer, message = hostile(case_id)
        path.rename(folder / path.name)
        expected[path.name] = f"{folder / path.name}: ongeldige invoer | - {pointer}: {message}"
    numeric_date = folder / "datum-als-getal.json"
    numeric_date.write_text(json.dumps({**example(), "submission_id": "S-9999", "submitted_at": 12345}))
    expected[numeric_date.name] = (
        f"{numeric_date}: ongeldige invoer | - /submitted_at: geen geldig tijdstip; verwacht "
        "JJJJ-MM-DDTUU:MM:SS+01:00 (gekregen: 12345)"
    )

    result = run_intake(IntakeConfig(folder, TENDER, out_dir=tmp_path / "dossier", workers=1))

    rows = {row.assessment.file: row for row in result.rows}
    assert {name: rows[name].one_line for name in expected} == expected
    assert all(rows[name].outcome is Outcome.ERROR for name in expected)
    assert rows["S-0013.json"].outcome is not Outcome.ERROR
    assert intake_exit_code(result) is ExitCode.BAD_INPUT
