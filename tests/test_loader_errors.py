"""Bad input: every problem is an InputError (exit 4) naming the file and the JSON pointer, in
Dutch, through the loader and through the CLI, and never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from compliance.cli.app import app
from compliance.errors import ExitCode, InputError
from compliance.inputs.limits import MAX_INPUT_BYTES
from compliance.inputs.loader import load
from compliance.models.submission import Submission


def _set(document: dict[str, Any], path: str, value: Any) -> bytes:
    *parents, last = path.split("/")
    target: Any = document
    for part in parents:
        target = target[int(part)] if isinstance(target, list) else target[part]
    target[last] = value
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def _drop(document: dict[str, Any], path: str) -> bytes:
    *parents, last = path.split("/")
    target: Any = document
    for part in parents:
        target = target[part]
    del target[last]
    return json.dumps(document).encode("utf-8")


def _duplicate_rate(document: dict[str, Any]) -> bytes:
    text = json.dumps(document, ensure_ascii=False)
    return text.replace('"hourly_rate_eur": 79.0', '"hourly_rate_eur": 79.0, "hourly_rate_eur": 59.0').encode()


# (id, how to spoil the example, JSON pointer in the message, Dutch words in the message)
CASES = [
    ("malformed", lambda d: b'{"schema_version": "1",, "tender_id": "x"}', "/", "geen geldige JSON"),
    ("truncated", lambda d: json.dumps(d).encode()[:400], "/", "geen geldige JSON"),
    ("empty", lambda d: b"", "/", "het bestand is leeg"),
    ("blank", lambda d: b" \n\t\n", "/", "het bestand is leeg"),
    (
        "not_utf8",
        lambda d: json.dumps(d, ensure_ascii=False).replace("Anouk", "Anaïs").encode("latin-1"),
        "/",
        "geen geldige UTF-8",
    ),
    ("not_an_object", lambda d: b'["S-0001"]', "/", "moet een JSON-object zijn"),
    ("duplicate_key", _duplicate_rate, "/offer/hourly_rate_eur", "sleutel 'hourly_rate_eur' komt meer dan eens voor"),
    ("wrong_type", lambda d: _set(d, "supplier/employees", "veertig"), "/supplier/employees", "geen geheel getal"),
    (
        "wrong_type_list",
        lambda d: _set(d, "candidate/references", {"name": "P. de Wit"}),
        "/candidate/references",
        "geen lijst",
    ),
    (
        "negative_rate",
        lambda d: _set(d, "offer/hourly_rate_eur", -79.0),
        "/offer/hourly_rate_eur",
        "moet groter dan 0 zijn",
    ),
    ("zero_rate", lambda d: _set(d, "offer/hourly_rate_eur", 0), "/offer/hourly_rate_eur", "moet groter dan 0 zijn"),
    (
        "non_numeric_rate",
        lambda d: _set(d, "offer/hourly_rate_eur", "negenenzeventig"),
        "/offer/hourly_rate_eur",
        "geen getal",
    ),
    ("boolean_rate", lambda d: _set(d, "offer/hourly_rate_eur", True), "/offer/hourly_rate_eur", "geen getal"),
    (
        "nan_rate",
        lambda d: _set(d, "offer/hourly_rate_eur", float("nan")),
        "/offer/hourly_rate_eur",
        "geen eindig getal",
    ),
    (
        "three_decimal_rate",
        lambda d: _set(d, "offer/hourly_rate_eur", 79.125),
        "/offer/hourly_rate_eur",
        "maximaal 2 decimalen",
    ),
    (
        "impossible_date",
        lambda d: _set(d, "documents/vog/issued_on", "2026-02-30"),
        "/documents/vog/issued_on",
        "geen geldige datum; verwacht JJJJ-MM-DD (gekregen: '2026-02-30')",
    ),
    (
        "dutch_date_format",
        lambda d: _set(d, "candidate/education/0/completed_on", "29-06-2012"),
        "/candidate/education/0/completed_on",
        "geen geldige datum",
    ),
    (
        "end_before_start",
        lambda d: _set(d, "candidate/experience/0/end", "2016-01-01"),
        "/candidate/experience/0/end",
        "2016-01-01",
    ),
    (
        "unknown_enum",
        lambda d: _set(d, "candidate/engagement", "freelance"),
        "/candidate/engagement",
        "onbekende waarde 'freelance'",
    ),
    (
        "unknown_field",
        lambda d: _set(d, "supplier/waadi_registerd", True),
        "/supplier/waadi_registerd",
        "onbekend veld",
    ),
    ("no_bsn_field", lambda d: _set(d, "candidate/bsn", "111222333"), "/candidate/bsn", "onbekend veld"),
    (
        "naive_submitted_at",
        lambda d: _set(d, "submitted_at", "2026-02-21T10:15:00"),
        "/submitted_at",
        "tijdstip zonder tijdzone",
    ),
    ("missing_field", lambda d: _drop(d, "supplier/kvk_number"), "/supplier/kvk_number", "verplicht veld ontbreekt"),
    ("missing_submitted_at", lambda d: _drop(d, "submitted_at"), "/submitted_at", "verplicht veld ontbreekt"),
    (
        "bad_kvk_number",
        lambda d: _set(d, "supplier/kvk_number", "1234567"),
        "/supplier/kvk_number",
        "niet het verwachte formaat",
    ),
    ("other_schema_version", lambda d: _set(d, "schema_version", "3"), "/schema_version", "ongeldige waarde '3'"),
    # Strict types: pydantic's lax mode read these as 1970, 1 employee, 1 hour, 40 employees...
    (
        "number_as_datetime",
        lambda d: _set(d, "submitted_at", 12345),
        "/submitted_at",
        "geen geldig tijdstip; verwacht JJJJ-MM-DDTUU:MM:SS+01:00 (gekregen: 12345)",
    ),
    (
        "digits_as_datetime",
        lambda d: _set(d, "submitted_at", "1771665300"),
        "/submitted_at",
        "geen geldig tijdstip; verwacht JJJJ-MM-DDTUU:MM:SS+01:00 (gekregen: '1771665300')",
    ),
    (
        "number_as_date",
        lambda d: _set(d, "documents/vog/issued_on", 0),
        "/documents/vog/issued_on",
        "geen geldige datum; verwacht JJJJ-MM-DD (gekregen: 0)",
    ),
    (
        "boolean_as_count",
        lambda d: _set(d, "supplier/employees", True),
        "/supplier/employees",
        "geen geheel getal (gekregen: true)",
    ),
    (
        "text_as_count",
        lambda d: _set(d, "supplier/employees", "40"),
        "/supplier/employees",
        "geen geheel getal (gekregen: '40')",
    ),
    (
        "boolean_as_hours",
        lambda d: _set(d, "candidate/experience/0/hours_per_week", True),
        "/candidate/experience/0/hours_per_week",
        "geen getal (gekregen: true)",
    ),
    (
        "text_as_hours",
        lambda d: _set(d, "candidate/experience/0/hours_per_week", "32"),
        "/candidate/experience/0/hours_per_week",
        "geen getal (gekregen: '32')",
    ),
    (
        "boolean_as_pages",
        lambda d: _set(d, "documents/cv/pages", True),
        "/documents/cv/pages",
        "geen geheel getal (gekregen: true)",
    ),
    (
        "ambiguous_dutch_amount",
        lambda d: _set(d, "offer/hourly_rate_eur", "1.079"),
        "/offer/hourly_rate_eur",
        "bedrag is dubbelzinnig: is de punt een scheiding van duizendtallen of een decimaalteken? "
        "schrijf 1079 of 1.079,00 (gekregen: '1.079')",
    ),
    (
        "amount_with_words",
        lambda d: _set(d, "offer/hourly_rate_eur", "79,50 per uur"),
        "/offer/hourly_rate_eur",
        'geen getal: schrijf het bedrag als getal, bijv. 79.5, of als tekst "79,50"',
    ),
    (
        "number_as_yes_no",
        lambda d: _set(d, "offer/vat_included", 0),
        "/offer/vat_included",
        "geen ja/nee-waarde (true of false) (gekregen: 0)",
    ),
    (
        "text_as_yes_no",
        lambda d: _set(d, "supplier/waadi_registered", "true"),
        "/supplier/waadi_registered",
        "geen ja/nee-waarde (true of false) (gekregen: 'true')",
    ),
    (
        "name_longer_than_allowed",
        lambda d: _set(d, "candidate/name", "A" * 501),
        "/candidate/name",
        "te lang (maximaal 500 tekens)",
    ),
]
CASE_IDS = [case[0] for case in CASES]


@pytest.fixture
def bad_file(tmp_path: Path, make_submission):
    def write(case_id: str) -> tuple[Path, str, str]:
        _, spoil, pointer, words = next(case for case in CASES if case[0] == case_id)
        path = tmp_path / f"inschrijving-{case_id}.json"
        path.write_bytes(spoil(make_submission()))
        return path, pointer, words

    return write


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_loader_names_file_and_pointer(bad_file, case_id):
    path, pointer, words = bad_file(case_id)

    with pytest.raises(InputError) as caught:
        load(Submission, path)

    error = caught.value
    text = error.diagnostics()
    assert error.exit_code == ExitCode.BAD_INPUT == 4
    assert error.file == str(path)
    assert text.startswith(f"{path}: ongeldige invoer")
    assert f"  - {pointer}: " in text
    assert words in text
    assert (pointer if pointer != "/" else "") in [p for p, _ in error.problems]


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_cli_reports_bad_input_with_exit_4(bad_file, case_id):
    path, pointer, words = bad_file(case_id)

    result = CliRunner().invoke(app, ["check", str(path), "--tender", "flextender-27442", "--format", "json"])

    assert result.exit_code == 4, result.output
    assert result.stdout == ""
    assert f"fout: {path}: ongeldige invoer" in result.stderr
    assert f"  - {pointer}: " in result.stderr
    assert words in result.stderr
    assert "Traceback" not in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_v1_offer_beyond_a_v2_limit_names_the_field(tmp_path, make_submission):
    """Format v1 set no limit on jobs; v2, which every v1 offer becomes on load, allows 100. Such a
    file was an internal error ("interne fout: ValidationError") instead of its field and the limit."""
    document = make_submission()
    document["candidate"]["experience"] = [document["candidate"]["experience"][0]] * 101
    path = tmp_path / "honderd-en-een-banen.json"
    path.write_text(json.dumps(document), encoding="utf-8")

    result = CliRunner().invoke(app, ["check", str(path), "--tender", "flextender-27442", "--format", "json"])

    assert result.exit_code == 4, result.output
    assert f"fout: {path}: ongeldige invoer" in result.stderr
    assert "  - /candidate/experience: te veel: maximaal 100" in result.stderr
    assert "interne fout" not in result.stderr


def test_submission_for_another_tender_is_bad_input(tmp_path, make_submission):
    path = tmp_path / "andere-aanbesteding.json"
    path.write_text(json.dumps(make_submission({"tender_id": "flextender-99999"})), encoding="utf-8")

    result = CliRunner().invoke(app, ["check", str(path), "--tender", "flextender-27442"])

    assert result.exit_code == 4
    assert f"{path}: ongeldige invoer" in result.stderr
    assert "  - /tender_id: inschrijving is voor 'flextender-99999', niet voor 'flextender-27442'" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_file_is_bad_input(tmp_path):
    path = tmp_path / "bestaat-niet.json"

    result = CliRunner().invoke(app, ["check", str(path), "--tender", "flextender-27442"])

    assert result.exit_code == 4
    assert f"{path}: ongeldige invoer" in result.stderr
    assert "bestand niet gevonden" in result.stderr


def test_all_bad_files_in_one_real_process_exit_4_without_traceback(tmp_path, bad_file, make_submission):
    paths = [str(bad_file(case_id)[0]) for case_id in CASE_IDS]
    other = tmp_path / "andere-aanbesteding.json"
    other.write_text(json.dumps(make_submission({"tender_id": "flextender-99999"})), encoding="utf-8")

    result = subprocess.run(
        [sys.executable, "-m", "compliance", "check", *paths, str(other), "--tender", "flextender-27442", "-f", "json"],
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 4
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.count("ongeldige invoer") == len(paths) + 1
    for path in [*paths, str(other)]:
        assert f"fout: {path}: ongeldige invoer" in result.stderr


def test_good_and_bad_submissions_together_still_exit_4(tmp_path, bad_file, make_submission):
    good = tmp_path / "goed.json"
    good.write_text(json.dumps(make_submission()), encoding="utf-8")
    bad, _, _ = bad_file("negative_rate")

    result = CliRunner().invoke(app, ["check", str(good), str(bad), "--tender", "flextender-27442", "-f", "json"])

    assert result.exit_code == 4
    (line,) = result.stdout.splitlines()
    assert json.loads(line)["submission"]["submission_id"] == "S-0001"
    assert "/offer/hourly_rate_eur" in result.stderr


def test_duplicate_key_error_names_the_pointer_of_the_duplicate(bad_file):
    path, _, _ = bad_file("duplicate_key")

    with pytest.raises(InputError) as caught:
        load(Submission, path)

    assert "/offer/hourly_rate_eur" in caught.value.diagnostics()


def test_end_before_start_message_is_dutch_and_points_at_end(bad_file):
    path, _, _ = bad_file("end_before_start")

    with pytest.raises(InputError) as caught:
        load(Submission, path)

    text = caught.value.diagnostics()
    assert "is before start" not in text
    assert "/candidate/experience/0/end" in text


def test_utf8_with_byte_order_mark_is_accepted(tmp_path, make_submission):
    path = tmp_path / "kladblok.json"
    path.write_bytes(json.dumps(make_submission(), ensure_ascii=False).encode("utf-8-sig"))

    submission, loaded = load(Submission, path)

    assert submission.candidate.name == "Anouk Visser"
    assert len(loaded.sha256) == 64


def test_input_hash_ignores_formatting_and_key_order(tmp_path, make_submission):
    document = make_submission()
    compact, pretty = tmp_path / "compact.json", tmp_path / "pretty.json"
    compact.write_text(json.dumps(document, separators=(",", ":")), encoding="utf-8")
    pretty.write_text(json.dumps(dict(reversed(document.items())), indent=4), encoding="utf-8")

    assert load(Submission, compact)[1].sha256 == load(Submission, pretty)[1].sha256


def test_oversized_file_is_refused_before_parsing(tmp_path):
    path = tmp_path / "groot.json"
    path.write_bytes(b'{"x": "' + b"a" * MAX_INPUT_BYTES + b'"}')

    with pytest.raises(InputError, match="te groot"):
        load(Submission, path)


def test_directory_instead_of_file(tmp_path):
    with pytest.raises(InputError, match="dit is een map"):
        load(Submission, tmp_path)


def test_every_problem_in_a_file_is_listed(tmp_path, make_submission):
    document = make_submission({"offer/hourly_rate_eur": -1, "candidate/engagement": "freelance"})
    path = tmp_path / "twee-fouten.json"
    path.write_text(json.dumps(document), encoding="utf-8")

    with pytest.raises(InputError) as caught:
        load(Submission, path)

    assert {pointer for pointer, _ in caught.value.problems} == {"/offer/hourly_rate_eur", "/candidate/engagement"}


def test_a_bsn_quoted_back_in_an_error_message_is_masked() -> None:
    from compliance.inputs.loader import validate
    from compliance.models.submission import Supplier

    with pytest.raises(InputError) as caught:
        validate(Supplier, {"name": "x", "kvk_number": "123456782", "legal_form": "bv"}, "offer.json")

    message = caught.value.diagnostics()
    assert "/kvk_number" in message
    assert "123456782" not in message
    assert "*********" in message


def test_every_input_error_masks_a_possible_bsn_but_keeps_other_numbers() -> None:
    error = InputError("offer.json", [("/tender_id", "inschrijving is voor '123456782', niet voor '12345678'")])

    message = error.diagnostics()
    assert "123456782" not in message and "'*********'" in message
    assert "'12345678'" in message  # 8 digits failing the 11-test: not a BSN, shown as given


def test_a_bsn_in_a_key_a_file_name_or_a_long_value_is_masked_in_the_error(tmp_path, make_submission):
    """The issue's leak: an unknown field "bsn_111222333" was echoed in the error pointer."""
    document = make_submission({"candidate/bsn_111222333": "ja", "candidate/engagement": "BSN-111.222.333 " * 20})
    path = tmp_path / "kandidaat-111 222 333.json"
    path.write_text(json.dumps(document), encoding="utf-8")

    result = CliRunner().invoke(app, ["check", str(path), "--tender", "flextender-27442"])

    assert result.exit_code == 4
    assert result.stderr == (
        f"fout: {tmp_path}/kandidaat-*********.json: ongeldige invoer\n"
        "  - /candidate/engagement: onbekende waarde 'BSN-********* BSN-********* BSN-********* BSN-********* BS…; "
        "toegestaan: 'detachering', 'uitzending', 'payroll' of 'zzp'\n"
        "  - /candidate/bsn_*********: onbekend veld (niet toegestaan in dit formaat)\n"
    )
