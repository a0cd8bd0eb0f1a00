"""``check --out`` and ``intake --out`` never lose or overwrite a report silently.

Two offers with one submission ID would write the same ``<submission_id>.pdf``: both are refused
as bad input (exit 4) and nothing is written for that ID, while the other offers are checked and
written. An output folder that cannot be written is the user's problem, not a defect: a Dutch
message naming the folder and exit 5 (as a failed signature), never exit 70. The tests run as
root, where a chmod-ed folder is still writable, so they use places that fail for root too: a
path through a regular file, a regular file where the folder should be, a name that is too long.
"""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner, Result

from compliance.cli.app import app
from compliance.cli.boundary import error_boundary

TENDER = "flextender-27442"


def check_out(registry: Path, out: Path, *offers: Path) -> Result:
    args = ["check", *map(str, offers), "--tender", TENDER, "--registry", str(registry), "--format", "json"]
    return CliRunner().invoke(app, [*args, "--out", str(out)])


def intake_into(submissions: Path, registry: Path, out: Path) -> Result:
    args = ["intake", str(submissions), "--tender", TENDER, "--registry", str(registry), "--workers", "1"]
    return CliRunner().invoke(app, [*args, "--out", str(out)])


def assert_named_write_failure(result: Result, folder: Path) -> None:
    assert result.exit_code == 5, result.output
    assert f"{folder}: uitvoermap niet te schrijven" in result.stderr
    assert "interne fout" not in result.output
    assert "Traceback" not in result.output


# -- duplicate submission IDs ----------------------------------------------------------------


@pytest.fixture
def three_offers(make_submission: Any, tmp_path: Path) -> tuple[Path, Path, Path]:
    """Two different candidates' offers that share submission ID S-0001, and one offer S-0002."""
    folder = tmp_path / "inschrijvingen"
    folder.mkdir()
    first = make_submission({"submission_id": "S-0001"})
    second = make_submission({"submission_id": "S-0001", "candidate/id": "C-0099", "candidate/name": "Bram Jansen"})
    other = make_submission({"submission_id": "S-0002", "candidate/id": "C-0002"})
    paths = (folder / "anouk.json", folder / "bram.json", folder / "derde.json")
    for path, document in zip(paths, (first, second, other), strict=True):
        path.write_text(json.dumps(document), encoding="utf-8")
    return paths


def test_shared_submission_id_is_refused_and_nothing_is_written_for_it(
    three_offers: tuple[Path, Path, Path], registry: Path, tmp_path: Path
) -> None:
    first, second, other = three_offers
    out = tmp_path / "rapporten"

    result = check_out(registry, out, first, second, other)

    assert result.exit_code == 4, result.output
    assert sorted(p.name for p in out.iterdir()) == ["S-0002.json", "S-0002.pdf"]
    # Only the offer with a unique ID was checked (one JSON line on stdout).
    assert [json.loads(line)["submission"]["submission_id"] for line in result.stdout.splitlines()] == ["S-0002"]
    for this, that in ((first, second), (second, first)):
        assert f"fout: {this}: ongeldige invoer" in result.stderr
        assert f"/submission_id: submission_id 'S-0001' komt ook voor in {that}" in result.stderr
    assert "niets gecontroleerd of geschreven" in result.stderr


def test_ids_that_differ_only_in_case_are_one_file_name(
    three_offers: tuple[Path, Path, Path], registry: Path, tmp_path: Path
) -> None:
    first, second, _ = three_offers
    document = json.loads(second.read_text(encoding="utf-8"))
    second.write_text(json.dumps({**document, "submission_id": "s-0001"}), encoding="utf-8")
    out = tmp_path / "rapporten"

    result = check_out(registry, out, first, second)

    assert result.exit_code == 4, result.output
    assert f"submission_id 's-0001' komt ook voor in {first}" in result.stderr
    assert list(out.iterdir()) == []


def test_an_earlier_report_with_the_shared_id_is_left_as_it_was(
    three_offers: tuple[Path, Path, Path], registry: Path, tmp_path: Path
) -> None:
    first, second, _ = three_offers
    out = tmp_path / "rapporten"
    assert check_out(registry, out, first).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    assert check_out(registry, out, first, second).exit_code == 4

    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_without_out_nothing_is_overwritten_so_both_are_checked(
    three_offers: tuple[Path, Path, Path], registry: Path
) -> None:
    first, second, _ = three_offers
    args = ["check", str(first), str(second), "--tender", TENDER, "--registry", str(registry), "--format", "json"]

    result = CliRunner().invoke(app, args)

    assert result.exit_code == 0, result.output
    assert [json.loads(line)["submission"]["candidate_id"] for line in result.stdout.splitlines()] == [
        "C-0001",
        "C-0099",
    ]


# -- unwritable output folders ---------------------------------------------------------------


def _through_a_file(tmp_path: Path) -> Path:
    (tmp_path / "notities.txt").write_text("geen map\n", encoding="utf-8")
    return tmp_path / "notities.txt" / "rapporten"


def _a_file(tmp_path: Path) -> Path:
    (tmp_path / "rapporten").write_text("geen map\n", encoding="utf-8")
    return tmp_path / "rapporten"


def _too_long(tmp_path: Path) -> Path:
    return tmp_path / ("r" * 300)


UNWRITABLE = {
    "path through a file": (_through_a_file, "een deel van het pad is een bestand, geen map"),
    "a file, not a folder": (_a_file, "er staat een bestand met deze naam, geen map"),
    "name too long": (_too_long, "de naam is te lang"),
}


@pytest.mark.parametrize("case", UNWRITABLE, ids=list(UNWRITABLE))
def test_check_out_into_an_unwritable_folder(
    case: str, write_json: Any, make_submission: Any, registry: Path, tmp_path: Path
) -> None:
    make_folder, reason = UNWRITABLE[case]
    out = make_folder(tmp_path)
    offer = write_json(make_submission())

    result = check_out(registry, out, offer)

    assert_named_write_failure(result, out)
    assert reason in result.stderr
    assert result.stdout == ""  # refused before any offer was checked


@pytest.mark.parametrize("case", UNWRITABLE, ids=list(UNWRITABLE))
def test_intake_out_into_an_unwritable_folder(case: str, make_submission: Any, registry: Path, tmp_path: Path) -> None:
    make_folder, reason = UNWRITABLE[case]
    out = make_folder(tmp_path)
    submissions = tmp_path / "inschrijvingen"
    submissions.mkdir()
    (submissions / "S-0001.json").write_text(json.dumps(make_submission()), encoding="utf-8")

    result = intake_into(submissions, registry, out)

    assert_named_write_failure(result, out)
    assert reason in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder anyway")
def test_read_only_folder_for_check_and_intake(make_submission: Any, registry: Path, tmp_path: Path) -> None:
    out = tmp_path / "alleen-lezen"
    out.mkdir()
    submissions = tmp_path / "inschrijvingen"
    submissions.mkdir()
    offer = submissions / "S-0001.json"
    offer.write_text(json.dumps(make_submission()), encoding="utf-8")
    out.chmod(0o555)
    try:
        for result in (check_out(registry, out, offer), intake_into(submissions, registry, out)):
            assert_named_write_failure(result, out)
            assert "geen schrijfrechten" in result.stderr
    finally:
        out.chmod(0o755)


def test_disk_full_while_writing_a_report(
    write_json: Any, make_submission: Any, registry: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folder passed the up-front probe, then the disk filled up: still exit 5, named."""
    import compliance.report_files

    def full(path: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(compliance.report_files, "atomic_write_bytes", full)
    out = tmp_path / "rapporten"

    result = check_out(registry, out, write_json(make_submission()))

    assert_named_write_failure(result, out)
    assert "de schijf is vol" in result.stderr


def _exit_of(error: BaseException, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    with pytest.raises(typer.Exit) as caught, error_boundary():
        raise error
    return caught.value.exit_code, capsys.readouterr().err


def test_boundary_maps_a_raw_write_error_and_nothing_else(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Library code (the intake runner) may let an OSError through: a write failure names its folder."""
    lock = tmp_path / "dossier" / ".intake.lock"
    code, err = _exit_of(PermissionError(errno.EACCES, "Permission denied", str(lock)), capsys)
    assert (code, err) == (5, f"fout: {tmp_path / 'dossier'}: uitvoermap niet te schrijven: geen schrijfrechten\n")
    # Errors that also happen when reading or on the network stay what they are: a defect (exit 70).
    for other in (ConnectionRefusedError(errno.ECONNREFUSED, "refused"), FileNotFoundError(2, "gone", "x.json")):
        code, err = _exit_of(other, capsys)
        assert code == 70 and err.startswith("interne fout:")
