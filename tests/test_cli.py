"""The ``compliance`` command: one test per exit code, JSON output against the published report
schema, and the catalogue, schema, tenders and version commands."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from compliance import __version__
from compliance.checks import CHECKS
from compliance.cli.app import app
from compliance.schemas import schema_text

TENDER = "flextender-27442"


SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"


@pytest.fixture(scope="module")
def report_validator() -> jsonschema.Draft202012Validator:
    """The published schemas/report.schema.json (kept equal to the models by test_schemas.py)."""
    published = json.loads((SCHEMAS / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(published)
    return jsonschema.Draft202012Validator(published)


def invoke(*args: str):
    return CliRunner().invoke(app, list(args))


def test_exit_0_compliant_example_with_registry(write_json, make_submission, registry, report_validator):
    path = write_json(make_submission())

    result = invoke("check", str(path), "--tender", TENDER, "--registry", str(registry), "--format", "json")

    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    report_validator.validate(report)
    assert report["verdict"] == "compliant"
    assert report["lookups"][0]["status"] == "found"
    assert result.stderr == ""


def test_lang_en_prints_english_json_but_signs_the_dutch_record(write_json, make_submission, registry, tmp_path):
    path = write_json(make_submission())
    out = tmp_path / "rapporten"

    result = invoke(
        "check",
        str(path),
        "-t",
        TENDER,
        "--registry",
        str(registry),
        "--format",
        "json",
        "--lang",
        "en",
        "--out",
        str(out),
    )

    assert result.exit_code == 0, result.stderr
    printed = json.loads(result.stdout)
    (written_file,) = out.glob("*.json")
    written = json.loads(written_file.read_text(encoding="utf-8"))
    deadline_printed, deadline_written = (
        next(f for f in document["findings"] if f["check_id"] == "NL-DEADLINE-001") for document in (printed, written)
    )
    assert deadline_printed["reason"].startswith("Submitted")
    assert deadline_written["reason"].startswith("Ingediend")
    assert printed["decision_id"] == written["decision_id"]


def test_exit_0_table_output_is_dutch(write_json, make_submission, registry):
    path = write_json(make_submission())

    result = invoke("check", str(path), "-t", TENDER, "--registry", str(registry))

    assert result.exit_code == 0
    assert "Oordeel: VOLDOET" in result.stdout
    assert "NL-DEADLINE-001" in result.stdout
    assert "Anouk Visser" in result.stdout


def test_exit_1_non_compliant(write_json, make_submission, registry, report_validator):
    path = write_json(make_submission({"offer/hourly_rate_eur": 80.01}))

    result = invoke("check", str(path), "-t", TENDER, "--registry", str(registry), "-f", "json")

    assert result.exit_code == 1
    report = json.loads(result.stdout)
    report_validator.validate(report)
    assert report["verdict"] == "non_compliant"
    assert report["summary"]["blocking_failures"] == ["NL-RATE-001"]


def test_exit_1_table_says_voldoet_niet(write_json, make_submission, registry):
    path = write_json(make_submission({"candidate/engagement": "zzp"}))

    result = invoke("check", str(path), "-t", TENDER, "--registry", str(registry))

    assert result.exit_code == 1
    assert "VOLDOET NIET" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["--bogus"],
        ["--phase", "contract"],
        ["--format", "pdf"],
    ],
)
def test_exit_2_usage_errors(write_json, make_submission, args):
    path = write_json(make_submission())

    result = invoke("check", str(path), "-t", TENDER, *args)

    assert result.exit_code == 2
    assert result.stdout == ""


def test_exit_2_without_tender_option(write_json, make_submission):
    result = invoke("check", str(write_json(make_submission())))

    assert result.exit_code == 2


def test_exit_2_unknown_tender_id(write_json, make_submission):
    path = write_json(make_submission())

    result = invoke("check", str(path), "--tender", "flextender-00000")

    assert result.exit_code == 2
    assert "aanbesteding 'flextender-00000' niet gevonden" in result.stderr
    assert "bekend: flextender-27442" in result.stderr
    assert "Traceback" not in result.stderr


def test_strict_turns_needs_review_into_exit_1_but_keeps_the_verdict(write_json, make_submission, registry):
    path = write_json(make_submission())

    lenient = invoke("check", str(path), "-t", TENDER, "-f", "json")
    strict = invoke("check", str(path), "-t", TENDER, "-f", "json", "--strict")
    compliant = invoke("check", str(path), "-t", TENDER, "-f", "json", "--strict", "--registry", str(registry))

    assert (lenient.exit_code, strict.exit_code, compliant.exit_code) == (3, 1, 0)
    assert json.loads(strict.stdout)["verdict"] == "needs_review"


def test_exit_3_needs_review_without_registry(write_json, make_submission, report_validator):
    path = write_json(make_submission())

    result = invoke("check", str(path), "-t", TENDER, "-f", "json")

    assert result.exit_code == 3
    report = json.loads(result.stdout)
    report_validator.validate(report)
    assert report["verdict"] == "needs_review"
    assert set(report["summary"]["blocking_reviews"]) == {"NL-DBA-001", "NL-WAADI-001"}


def test_exit_4_bad_input(tmp_path):
    path = tmp_path / "kapot.json"
    path.write_text('{"schema_version": "1", "tender_id": ', encoding="utf-8")

    result = invoke("check", str(path), "-t", TENDER)

    assert result.exit_code == 4
    assert f"fout: {path}: ongeldige invoer" in result.stderr
    assert "geen geldige JSON" in result.stderr


def test_exit_4_registry_folder_missing(write_json, make_submission, tmp_path):
    path = write_json(make_submission())

    result = invoke("check", str(path), "-t", TENDER, "--registry", str(tmp_path / "geen-map"))

    assert result.exit_code == 4
    assert "registermap bestaat niet" in result.stderr


def test_award_phase_is_stricter(write_json, make_submission, registry):
    path = write_json(make_submission(drop=["documents/vog"]))

    at_submission = invoke("check", str(path), "-t", TENDER, "--registry", str(registry), "-f", "json")
    at_award = invoke("check", str(path), "-t", TENDER, "--registry", str(registry), "--phase", "award", "-f", "json")

    assert at_submission.exit_code == 0
    assert at_award.exit_code == 1  # issue 13, rule 6: in the award phase a missing VOG is not supplied: fail
    assert json.loads(at_award.stdout)["phase"] == "award"


def test_tender_given_as_a_file(tmp_path, write_json, make_submission, make_tender_document, registry):
    tender = write_json(make_tender_document({"rate/max_hourly_rate_eur": 75.0}), "uitvraag.json")
    path = write_json(make_submission())

    result = invoke("check", str(path), "-t", str(tender), "--registry", str(registry), "-f", "json")

    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["tender"]["source"] == str(tender)
    assert "€ 75,00" in next(f for f in report["findings"] if f["check_id"] == "NL-RATE-001")["reason"]


def test_invalid_tender_file_is_bad_input(tmp_path, write_json, make_submission, make_tender_document):
    tender = write_json(make_tender_document({"deadline": "2026-02-23T09:00:00"}), "uitvraag.json")

    result = invoke("check", str(write_json(make_submission())), "-t", str(tender))

    assert result.exit_code == 4
    assert f"{tender}: ongeldige invoer" in result.stderr
    assert "/deadline: tijdstip zonder tijdzone" in result.stderr


def test_several_submissions_give_one_json_object_per_line(write_json, make_submission, registry, report_validator):
    paths = [
        write_json(make_submission(), "a.json"),
        write_json(make_submission({"submission_id": "S-0002", "offer/hourly_rate_eur": 90.0}), "b.json"),
        write_json(make_submission({"submission_id": "S-0003", "candidate/education": []}), "c.json"),
    ]

    result = invoke("check", *map(str, paths), "-t", TENDER, "--registry", str(registry), "-f", "json")

    lines = result.stdout.splitlines()
    assert len(lines) == 3
    reports = [json.loads(line) for line in lines]
    for report in reports:
        report_validator.validate(report)
    assert [r["submission"]["submission_id"] for r in reports] == ["S-0001", "S-0002", "S-0003"]
    assert [r["verdict"] for r in reports] == ["compliant", "non_compliant", "non_compliant"]
    assert result.exit_code == 1  # the most serious outcome wins


def test_most_serious_outcome_wins_review_over_compliant(write_json, make_submission, registry):
    paths = [
        write_json(make_submission(), "a.json"),
        write_json(make_submission({"submission_id": "S-0002", "documents/cv/language": "und"}), "b.json"),
    ]

    result = invoke("check", *map(str, paths), "-t", TENDER, "--registry", str(registry), "-f", "json")

    assert result.exit_code == 3


def test_report_with_every_status_validates_against_the_schema(
    write_json, make_submission, make_tender_document, registry, report_validator
):
    # pass, fail, needs_review, not_applicable and attention notes in one report.
    path = write_json(
        make_submission(
            {"documents/cv/pages": 7, "candidate/experience/0/employer_type": "other"}, drop=["documents/vog"]
        )
    )

    result = invoke("check", str(path), "-t", TENDER, "--registry", str(registry), "-f", "json")

    report = json.loads(result.stdout)
    report_validator.validate(report)
    assert {f["status"] for f in report["findings"]} == {"pass", "fail", "needs_review", "not_applicable"}


def test_checks_catalogue_table():
    result = invoke("checks")

    assert result.exit_code == 0
    for check in CHECKS:
        assert check.info.check_id in result.stdout
    assert "knock-out" in result.stdout


def test_checks_catalogue_json():
    result = invoke("checks", "--format", "json")

    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert [row["check_id"] for row in rows] == [c.info.check_id for c in CHECKS]
    rate = next(row for row in rows if row["check_id"] == "NL-RATE-001")
    assert rate["severity"] == "knock_out"
    assert rate["title"] == "Uurtarief binnen het maximumtarief"
    assert rate["legal_refs"]
    assert {row["severity"] for row in rows} <= {"knock_out", "condition", "warning", "info"}


@pytest.mark.parametrize("name", ["submission", "tender", "report"])
def test_schema_command_prints_the_published_schema(name):
    result = invoke("schema", name)

    assert result.exit_code == 0
    assert result.stdout == schema_text(name)
    assert json.loads(result.stdout)["$id"].endswith(f"{name}.schema.json")


def test_schema_command_rejects_an_unknown_name():
    assert invoke("schema", "offerte").exit_code == 2


def test_tenders_lists_the_bundled_tender():
    result = invoke("tenders")

    assert result.exit_code == 0
    assert result.stdout.startswith(
        "flextender-27442\tGemeente Heerde — Gezinscoach (sluiting 2026-02-23T09:00:00+01:00)"
    )


def test_version_through_python_dash_m():
    result = subprocess.run(
        [sys.executable, "-m", "compliance", "--version"], capture_output=True, text=True, check=False
    )

    assert result.returncode == 0
    assert result.stdout.strip() == f"compliance {__version__}"


def test_no_arguments_shows_help():
    result = invoke()

    assert result.exit_code in (0, 2)  # click shows help for no_args_is_help; the code differs per version
    assert "check" in result.output


def test_real_process_json_output_and_exit_code(write_json, make_submission, registry: Path, report_validator):
    path = write_json(make_submission())

    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "compliance",
            "check",
            str(path),
            "-t",
            TENDER,
            "--registry",
            str(registry),
            "-f",
            "json",
        ],
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    report_validator.validate(json.loads(result.stdout))


def test_table_shows_untrusted_names_literally(write_json, make_submission, registry):
    path = write_json(make_submission({"candidate/name": "[bold red]Anouk[/bold red] Visser"}))

    result = invoke("check", str(path), "-t", TENDER, "--registry", str(registry))

    assert result.exit_code == 0
    assert "[bold red]Anouk[/bold red] Visser" in result.stdout


def test_tender_file_with_unknown_time_zone_is_bad_input(write_json, make_submission, make_tender_document):
    tender = write_json(make_tender_document({"time_zone": "Europe/Amsterdm"}), "uitvraag.json")

    result = invoke("check", str(write_json(make_submission())), "-t", str(tender))

    assert result.exit_code == 4
    assert "/time_zone" in result.stderr
