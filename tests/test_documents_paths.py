"""``documents.cv.file`` may only name a regular file inside the submission's folder."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from cv_pdfs import DUTCH_CV, write_cv
from typer.testing import CliRunner

from compliance.cli.app import app
from compliance.documents import prepare
from compliance.documents.paths import resolve_document
from compliance.errors import InputError
from compliance.inputs.loader import validate
from compliance.models.submission import Submission

POINTER = "/documents/cv/file"


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    """A submission folder, with a secret file next to it that a submission must never reach."""
    folder = tmp_path / "inschrijvingen"
    folder.mkdir()
    write_cv(tmp_path, DUTCH_CV, name="geheim.pdf")
    return folder


@pytest.mark.parametrize(
    ("relative", "words"),
    [
        ("../geheim.pdf", "verlaat de map"),
        ("bijlagen/../../geheim.pdf", "verlaat de map"),
        ("/etc/passwd", "absoluut pad"),
        ("..\\geheim.pdf", "relatief pad met /"),
        ("C:/cv.pdf", "stationsletter"),
        ("", "leeg pad"),
        ("cv\x00.pdf", "ongeldig teken"),
    ],
)
def test_paths_leaving_the_folder_are_refused_naming_file_and_pointer(inbox, relative, words):
    submission_file = inbox / "inschrijving.json"

    with pytest.raises(InputError) as caught:
        resolve_document(submission_file, relative, POINTER)

    assert caught.value.file == str(submission_file)
    assert caught.value.problems[0][0] == POINTER
    assert words in caught.value.problems[0][1]


def test_symbolic_links_are_refused_file_or_folder(inbox):
    (inbox / "cv.pdf").symlink_to(inbox.parent / "geheim.pdf")
    (inbox / "bijlagen").symlink_to(inbox.parent)

    for relative in ("cv.pdf", "bijlagen/geheim.pdf"):
        with pytest.raises(InputError) as caught:
            resolve_document(inbox / "inschrijving.json", relative, POINTER)
        assert "koppeling" in caught.value.problems[0][1]


def test_a_file_in_a_subfolder_resolves(inbox):
    write_cv(inbox / "bijlagen", DUTCH_CV)

    path = resolve_document(inbox / "inschrijving.json", "bijlagen/cv.pdf", POINTER)

    assert path == (inbox / "bijlagen" / "cv.pdf").resolve()


def test_prepare_without_a_file_reads_nothing(make_submission):
    submission = validate(Submission, make_submission(), "<test>")

    masked, evidence = prepare(submission, Path("/nergens/inschrijving.json"))

    assert masked is submission
    assert evidence.cv is None and evidence.records() == ()


def test_cli_refuses_traversal_with_exit_4_and_still_checks_the_other_offers(inbox, make_submission):
    bad = inbox / "slecht.json"
    bad.write_text(json.dumps(make_submission({"documents/cv": {"file": "../geheim.pdf"}})), encoding="utf-8")
    good = inbox / "goed.json"
    good.write_text(json.dumps(make_submission({"submission_id": "S-0002"})), encoding="utf-8")

    result = CliRunner().invoke(app, ["check", str(bad), str(good), "-t", "flextender-27442", "-f", "json"])

    assert result.exit_code == 4
    assert f"{bad}: ongeldige invoer" in result.stderr
    assert f"{POINTER}: het pad verlaat de map" in result.stderr
    reports = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["submission"]["submission_id"] for r in reports] == ["S-0002"]
    assert all(r["evidence"] == [] for r in reports)
    assert os.path.basename(str(inbox.parent / "geheim.pdf")) not in result.stdout
