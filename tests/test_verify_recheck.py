"""End to end: ``compliance check --out`` writes signed reports; ``verify --submission`` re-runs them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from compliance.cli.app import app


@pytest.fixture
def written(make_submission: Any, write_json: Any, registry: Path, tmp_path: Path) -> tuple[Path, Path, Path]:
    """(submission file, registry folder, out folder) after a signed ``check --out`` run."""
    submission = write_json(make_submission(), "S-0001.json")
    out = tmp_path / "reports"
    result = CliRunner().invoke(
        app,
        ["check", str(submission), "--tender", "flextender-27442", "--registry", str(registry), "--out", str(out)],
    )
    assert result.exit_code == 0, result.output
    return submission, registry, out


def test_check_out_writes_pdf_and_json_and_says_the_key_is_not_qualified(
    written: tuple[Path, Path, Path], config_dir: Path
) -> None:
    _, _, out = written
    assert sorted(p.name for p in out.iterdir()) == ["S-0001.json", "S-0001.pdf"]
    assert (config_dir / "signing" / "key.pem").is_file()
    record = json.loads((out / "S-0001.json").read_text(encoding="utf-8"))
    assert record["verdict"] == "compliant"
    assert record["rendition"]["signer"]["local"] is True
    assert record["rendition"]["signer"]["qualified"] is False


def test_check_out_prints_paths_and_notice_on_stderr(make_submission: Any, write_json: Any, tmp_path: Path) -> None:
    submission = write_json(make_submission(), "S-0001.json")
    result = CliRunner().invoke(
        app,
        [
            "check",
            str(submission),
            "-t",
            "flextender-27442",
            "--out",
            str(tmp_path / "r"),
            "-f",
            "json",
            "--lang",
            "en",
        ],
    )
    assert result.exit_code == 3  # needs review without a registry, as without --out
    json.loads(result.stdout.splitlines()[0])  # stdout stays pure JSON
    assert "Nieuwe lokale ondertekeningssleutel" in result.stderr
    assert "GEEN gekwalificeerd certificaat" in result.stderr
    assert f"rapport: {tmp_path / 'r' / 'S-0001.pdf'}" in result.stderr
    record = json.loads((tmp_path / "r" / "S-0001.json").read_text(encoding="utf-8"))
    assert record["rendition"]["lang"] == "en"


def test_verify_with_the_submission_recomputes_and_matches(written: tuple[Path, Path, Path]) -> None:
    submission, registry, out = written
    result = CliRunner().invoke(
        app, ["verify", str(out / "S-0001.pdf"), "--submission", str(submission), "--registry", str(registry)]
    )
    assert result.exit_code == 0, result.output
    assert "invoer-hash klopt" in result.output and "gelijk" in result.output


def test_verify_with_another_submission_is_invalid(
    written: tuple[Path, Path, Path], make_submission: Any, write_json: Any
) -> None:
    _, registry, out = written
    other = write_json(make_submission({"offer/hourly_rate_eur": 79.5}), "other.json")
    result = CliRunner().invoke(
        app, ["verify", str(out / "S-0001.pdf"), "--submission", str(other), "--registry", str(registry)]
    )
    assert result.exit_code == 5
    assert "niet die van het rapport" in result.output


def test_verify_recheck_needs_the_registry_it_used(written: tuple[Path, Path, Path]) -> None:
    submission, _, out = written
    result = CliRunner().invoke(app, ["verify", str(out / "S-0001.pdf"), "--submission", str(submission)])
    assert result.exit_code == 3
    assert "--registry" in result.output


def test_verify_recheck_reports_a_changed_registry(written: tuple[Path, Path, Path], kvk_snapshot: Any) -> None:
    submission, _, out = written
    changed = kvk_snapshot({"sbiActiviteiten": [{"sbiCode": "7022", "sbiOmschrijving": "Advies"}]}, folder="later")
    result = CliRunner().invoke(
        app, ["verify", str(out / "S-0001.pdf"), "--submission", str(submission), "--registry", str(changed)]
    )
    assert result.exit_code == 5
    assert "NL-WAADI-001" in result.output


def test_verify_recheck_with_a_broken_submission_is_bad_input(written: tuple[Path, Path, Path], tmp_path: Path) -> None:
    _, registry, out = written
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["verify", str(out / "S-0001.pdf"), "--submission", str(broken), "--registry", str(registry)]
    )
    assert result.exit_code == 4
    assert "Traceback" not in result.output
