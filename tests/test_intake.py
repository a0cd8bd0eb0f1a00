"""``compliance intake``: a whole tender in one run, the award file, re-runs and ``verify`` on the folder.

The batch is realistic: the issue's example candidate and variations on it that exercise both
kinds of tie, the five-candidate cut-off with a lot straddling it, an exclusion, a candidate
that needs review, and two files that are not valid submissions.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from compliance.cli.intake_cli import intake_exit_code
from compliance.errors import ExitCode
from compliance.intake.audit import AuditLogError, read_entries, verify_chain
from compliance.intake.records import Outcome
from compliance.intake.runner import IntakeConfig, IntakeResult, run_intake
from compliance.intake.verify_folder import verify_award_folder
from compliance.signing.verify import VerifyStatus

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "heerde-27442"
TENDER = "flextender-27442"


@pytest.fixture(autouse=True)
def _no_fixed_decision_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """The config folder is isolated by conftest; a SOURCE_DATE_EPOCH from the shell must not leak in."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def offer(make: Callable[..., dict[str, Any]], sid: str, rate: float, **without: bool) -> dict[str, Any]:
    """The example candidate as submission ``sid`` at ``rate``, minus the criteria named in ``without``."""
    changes: dict[str, Any] = {
        "submission_id": sid,
        "candidate/id": f"C-{sid}",
        "candidate/name": f"Kandidaat {sid}",
        "offer/hourly_rate_eur": rate,
    }
    if without.get("course"):  # G7
        changes["candidate/courses"] = []
    if without.get("safety_plan"):  # G6
        changes["candidate/experience/0/safety_plan"] = False
    if without.get("solution_focused"):  # G8
        changes["candidate/experience/0/solution_focused"] = False
    if without.get("behaviour"):  # G5: young children, but no behavioural problems
        changes["candidate/experience/0/target_groups"] = ["jonge_kinderen"]
    return make(changes)


@pytest.fixture
def batch(tmp_path: Path, make_submission: Callable[..., dict[str, Any]], registry: Path) -> tuple[Path, Path]:
    """(submissions folder, registry folder) for a batch of 12 files and one stray text file."""
    folder = tmp_path / "inschrijvingen"
    folder.mkdir()
    documents = [
        offer(make_submission, "S-01", 79.0),  # 100 points
        offer(make_submission, "S-02", 70.0, course=True),  # 80 points, the lower rate decides
        offer(make_submission, "S-03", 75.0, course=True),  # 80 points
        offer(make_submission, "S-04", 72.0, course=True, safety_plan=True),  # 60 points
        # 40 points at the same rate (76 and 76.00 are one rate): a lot for the fifth place
        offer(make_submission, "S-05", 76.0, course=True, safety_plan=True, solution_focused=True),
        offer(make_submission, "S-06", 76.0, course=True, safety_plan=True, solution_focused=True),
        offer(make_submission, "S-07", 76.00, course=True, safety_plan=True, solution_focused=True),
        offer(make_submission, "S-08", 60.0, behaviour=True, safety_plan=True, solution_focused=True),  # 20
        offer(make_submission, "S-09", 85.0),  # above the maximum rate: excluded
        {
            **offer(make_submission, "S-10", 74.0),
            "supplier": {**make_submission()["supplier"], "kvk_number": "11112222"},
        },
    ]
    for document in documents:
        (folder / f"{document['submission_id']}.json").write_text(json.dumps(document), encoding="utf-8")
    (folder / "kapot.json").write_text('{"schema_version": "1", "tender_id": ', encoding="utf-8")
    (folder / "onvolledig.json").write_text(json.dumps(make_submission(drop=["offer"])), encoding="utf-8")
    (folder / "notities.txt").write_text("geen inschrijving", encoding="utf-8")
    return folder, registry


def run(batch: tuple[Path, Path], out: Path, workers: int = 2) -> IntakeResult:
    folder, registry = batch
    return run_intake(IntakeConfig(folder, TENDER, out_dir=out, registry=registry, workers=workers))


def rows_by_id(result: IntakeResult) -> dict[str, Any]:
    return {row.assessment.submission_id or row.assessment.file: row for row in result.rows}


def test_intake_checks_scores_ranks_and_writes_the_award_file(batch: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "dossier"
    result = run(batch, out)
    rows = rows_by_id(result)

    assert [(sid, rows[sid].rank, rows[sid].tie, rows[sid].outcome) for sid in (f"S-0{i}" for i in range(1, 9))] == [
        ("S-01", 1, None, Outcome.SELECTED),
        ("S-02", 2, "decided_by_rate", Outcome.SELECTED),
        ("S-03", 3, "decided_by_rate", Outcome.SELECTED),
        ("S-04", 4, None, Outcome.SELECTED),
        ("S-05", 5, "lot", Outcome.LOT),
        ("S-06", 5, "lot", Outcome.LOT),
        ("S-07", 5, "lot", Outcome.LOT),
        ("S-08", 8, None, Outcome.RANKED),
    ]
    assert [rows[f"S-0{i}"].assessment.points for i in range(1, 9)] == [100, 80, 80, 60, 40, 40, 40, 20]
    assert [p.submission_id for p in result.ranking.open_lot] == ["S-05", "S-06", "S-07"]
    assert result.ranking.open_lot[0].lot_places == 1
    assert rows["S-09"].outcome is Outcome.EXCLUDED and rows["S-09"].assessment.failed_checks == ("NL-RATE-001",)
    assert "NL-RATE-001" in rows["S-09"].one_line and "€ 85,00" in rows["S-09"].one_line
    assert rows["S-10"].outcome is Outcome.NEEDS_REVIEW
    assert set(rows["S-10"].assessment.review_checks) >= {"NL-DBA-001", "NL-WAADI-001"}
    assert rows["kapot.json"].outcome is Outcome.ERROR and "geen geldige JSON" in (rows["kapot.json"].error or "")
    assert "/offer" in (rows["onvolledig.json"].error or "")
    assert result.other_files == ("notities.txt",)
    # Nothing is skipped silently: the outcomes add up to the number of submission files.
    counts = result.counts
    assert counts["submissions"] == 12 == sum(counts[o.value] for o in Outcome)
    assert (counts["selected"], counts["lot"], counts["ranked"], counts["excluded"], counts["error"]) == (4, 3, 1, 1, 2)
    assert intake_exit_code(result) is ExitCode.BAD_INPUT

    # Per candidate: the signed PDF and its JSON twin, with the score section for the ranked ones.
    lot = json.loads((out / "kandidaten" / "S-06.json").read_text(encoding="utf-8"))
    assert lot["score"]["rank"] == 5 and lot["score"]["tie"] == "lot" and lot["score"]["selected"] is False
    assert [c["criterion_id"] for c in lot["score"]["criteria"]] == ["G5", "G6", "G7", "G8"]
    assert lot["score"]["total_points"] == 40
    excluded = json.loads((out / "kandidaten" / "S-09.json").read_text(encoding="utf-8"))
    assert excluded["score"] is None and excluded["verdict"] == "non_compliant"
    assert (out / "kandidaten" / "S-01.pdf").read_bytes().startswith(b"%PDF-")
    assert not (out / "kandidaten" / "kapot.pdf").exists()

    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["counts"] == counts
    assert summary["open_lot"] == {"places": 1, "rank": 5, "submission_ids": ["S-05", "S-06", "S-07"]}
    assert [r["submission_id"] for r in summary["rows"][:8]] == [f"S-0{i}" for i in range(1, 9)]
    csv_lines = (out / "summary.csv").read_text(encoding="utf-8").splitlines()
    assert len(csv_lines) == 13 and csv_lines[0].endswith(",G5,G6,G7,G8")
    assert csv_lines[2].startswith("S-02.json,S-02,C-S-02,12345678,")

    # The award file: every file in the folder and every input with its hash, and an intact audit chain.
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    roles = {(item["role"], item["path"]) for item in manifest["files"]}
    assert ("ranking_pdf", "rangschikking.pdf") in roles and ("report_pdf", "kandidaten/S-10.pdf") in roles
    assert ("audit_log", "audit.jsonl") in roles
    assert len([r for r in roles if r[0] == "report_pdf"]) == 10
    on_disk = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert {path for _, path in roles} == on_disk - {"manifest.json", "manifest.json.p7s"}
    assert manifest["decision_time"] == summary["decision_time"] and manifest["tender"]["tender_id"] == TENDER
    assert {item["role"] for item in manifest["inputs"]} == {"submission", "tender", "registry"}
    assert len([i for i in manifest["inputs"] if i["role"] == "submission"]) == 12
    assert verify_chain(out / "audit.jsonl").ok
    events = [e.event for e in read_entries(out / "audit.jsonl")]
    assert events[0] == "intake_started" and events[-1] == "intake_completed"
    assert events.count("candidate") == 10 and events.count("input_error") == 2
    assert manifest["audit_log"]["entries"] == len(events)
    assert manifest["audit_log"]["head"] == result.audit_head

    verification = verify_award_folder(out)
    assert verification.ok, verification.lines()
    # the manifest's detached signature, then the ten reports and the overview
    assert [s.path for s in verification.signatures][:2] == ["manifest.json", "kandidaten/S-01.pdf"]
    assert len(verification.signatures) == 12 and all(s.status == "valid" for s in verification.signatures)
    assert verification.status is VerifyStatus.VALID
    assert verification.lines()[-1] == "Dossier intact."

    # The overview for the client: the lot announced, the excluded and the bad files named.
    pages = PdfReader(out / "rangschikking.pdf").pages
    text = " ".join(" ".join(page.extract_text() for page in pages).split())
    assert "Loting door de opdrachtgever nodig" in text
    assert "De opdrachtgever loot 1 plaats tussen: Kandidaat S-05 (S-05), Kandidaat S-06 (S-06), Kandidaat S-07" in text
    assert "Uitgesloten in stap 1" in text and "NL-RATE-001" in text
    assert "Te beoordelen voordat zij gerangschikt kunnen worden" in text
    assert "kapot.json" in text and "onvolledig.json" in text


def test_a_rerun_reuses_intact_reports_and_redoes_damaged_ones(batch: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "dossier"
    run(batch, out)
    summary = (out / "summary.json").read_bytes()
    untouched = (out / "kandidaten" / "S-03.pdf").read_bytes()
    (out / "kandidaten" / "S-01.pdf").unlink()
    (out / "kandidaten" / "S-02.json").write_text("{}", encoding="utf-8")
    (out / "kandidaten" / ".S-04.pdf.k3j2h1.tmp").write_bytes(b"%PDF-half")  # as left by a killed run

    again = run(batch, out)

    assert (again.reports_reused, again.reports_written) == (8, 2)
    assert again.overview_reused
    assert (out / "summary.json").read_bytes() == summary  # same ranking, same bytes
    assert (out / "kandidaten" / "S-03.pdf").read_bytes() == untouched
    assert not list(out.rglob("*.tmp"))
    assert json.loads((out / "kandidaten" / "S-02.json").read_text(encoding="utf-8"))["score"]["rank"] == 2
    assert verify_award_folder(out).ok


def test_the_same_inputs_give_the_same_ranking_and_unsigned_renders(
    batch: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1772006400")  # a fixed decision time for fresh folders
    first, second = run(batch, tmp_path / "a", workers=1), run(batch, tmp_path / "b", workers=2)

    assert [(r.assessment.file, r.rank, r.tie, r.outcome) for r in first.rows] == [
        (r.assessment.file, r.rank, r.tie, r.outcome) for r in second.rows
    ]
    assert (tmp_path / "a" / "summary.json").read_bytes() == (tmp_path / "b" / "summary.json").read_bytes()
    for name in ("S-01.json", "S-05.json", "S-09.json", "S-10.json"):
        # Each JSON twin records the sha256 of its unsigned render: equal twins, equal renders.
        assert (tmp_path / "a" / "kandidaten" / name).read_bytes() == (
            tmp_path / "b" / "kandidaten" / name
        ).read_bytes()
    summary = json.loads((tmp_path / "a" / "summary.json").read_text(encoding="utf-8"))
    assert summary["decision_time"] == "2026-02-25T08:00:00+00:00"
    assert summary["rendition"]["unsigned_pdf_sha256"]  # the overview's render, the same in both


def tamper_audit_entry(folder: Path) -> None:
    lines = (folder / "audit.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if '"submission_id":"S-08"' in line)
    entry = json.loads(lines[index])
    entry["data"]["points"] = 100
    lines[index] = json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n"
    (folder / "audit.jsonl").write_text("".join(lines), encoding="utf-8")


def drop_last_audit_entry(folder: Path) -> None:
    lines = (folder / "audit.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    (folder / "audit.jsonl").write_text("".join(lines[:-1]), encoding="utf-8")


TAMPERING: list[tuple[str, Callable[[Path], object], str]] = [
    ("edited audit entry", tamper_audit_entry, "audit.jsonl: regel"),
    ("removed last audit entry", drop_last_audit_entry, "audit.jsonl: telt"),
    ("removed report", lambda folder: (folder / "kandidaten" / "S-02.pdf").unlink(), "kandidaten/S-02.pdf: ontbreekt"),
    (
        "edited summary",
        lambda folder: (folder / "summary.csv").write_text("x\n", encoding="utf-8"),
        "summary.csv: gewijzigd",
    ),
    (
        "added report",
        lambda folder: shutil.copy(folder / "kandidaten" / "S-01.pdf", folder / "kandidaten" / "S-99.pdf"),
        "kandidaten/S-99.pdf: staat niet in het ondertekende manifest",
    ),
]


def test_verify_detects_tampering_with_the_award_folder(batch: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "dossier"
    run(batch, out)
    for name, tamper, expected in TAMPERING:  # each on its own copy of the same intact folder
        copy = tmp_path / name.replace(" ", "-")
        shutil.copytree(out, copy)
        tamper(copy)
        verification = verify_award_folder(copy)
        lines = verification.lines()
        assert not verification.ok, name
        assert verification.status is VerifyStatus.INVALID, name
        assert any(expected in line for line in lines), (name, lines)
        assert lines[-1] == "Dossier NIET intact.", name
    # and an intake does not append to a broken chain
    with pytest.raises(AuditLogError, match="auditlog is beschadigd"):
        run(batch, tmp_path / "edited-audit-entry")


def test_intake_of_the_bundled_examples_gives_the_intended_ranking(tmp_path: Path) -> None:
    expected = json.loads((EXAMPLES / "expected" / "outcomes.json").read_text(encoding="utf-8"))
    result = run_intake(
        IntakeConfig(EXAMPLES, TENDER, out_dir=tmp_path / "heerde", registry=EXAMPLES / "registry", workers=2)
    )
    rows = rows_by_id(result)
    for submission_id, entry in expected["submissions"].items():
        row = rows[submission_id]
        assert row.assessment.verdict == entry["verdict"], submission_id
        selection = entry.get("selection")
        if selection is None:
            assert row.rank is None
            continue
        assert row.assessment.points == selection["points"]
        assert row.assessment.rate_excl_vat == selection["rate_excl_vat"]
        assert {c.criterion_id: c.status for c in row.assessment.criteria} == selection["criteria"]
        assert (row.rank, row.selected, row.tie) == (selection["rank"], selection["selected"], selection["tie"])
    assert intake_exit_code(result) is ExitCode.COMPLIANT
    assert result.other_files == ("README.md",)


def test_a_second_intake_on_the_same_folder_is_refused_while_one_runs(batch: tuple[Path, Path], tmp_path: Path) -> None:
    from compliance.intake.runner import FolderBusyError, folder_lock

    out = tmp_path / "dossier"
    with folder_lock(out), pytest.raises(FolderBusyError, match="een andere intake schrijft al in deze map"):
        run(batch, out)
    assert not (out / "audit.jsonl").exists()


def test_files_the_intake_did_not_write_are_signed_as_other_and_links_are_refused(
    batch: tuple[Path, Path], tmp_path: Path
) -> None:
    from compliance.intake.manifest import AwardFolderError

    out = tmp_path / "dossier"
    out.mkdir()
    (out / "notitie van de inkoper.txt").write_text("eerst S-01 bellen", encoding="utf-8")
    result = run(batch, out)
    assert result.unlisted_files == ("notitie van de inkoper.txt",)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert {"path": "notitie van de inkoper.txt", "role": "other"}.items() <= next(
        row for row in manifest["files"] if row["path"] == "notitie van de inkoper.txt"
    ).items()
    verification = verify_award_folder(out)
    assert verification.status is VerifyStatus.VALID, verification.lines()
    assert "let op: notitie van de inkoper.txt: niet door de intake geschreven" in verification.lines()[0]

    (out / "koppeling.pdf").symlink_to(out / "rangschikking.pdf")
    with pytest.raises(AwardFolderError, match=r"koppeling\.pdf: symbolische koppeling in het gunningsdossier"):
        run(batch, out)


def test_an_attestation_file_and_a_tender_beside_the_offers_are_listed_not_read_as_broken_offers(
    tmp_path: Path,
) -> None:
    from compliance.intake.runner import list_submissions

    folder = tmp_path / "inschrijvingen"
    folder.mkdir()
    (folder / "S-0001.json").write_text('{"schema_version": "1", "submission_id": "S-0001"}', encoding="utf-8")
    (folder / "kapot.json").write_text("{niet af", encoding="utf-8")  # still an offer: it becomes an error row
    (folder / "attestaties.json").write_text('{"schema_version": "1", "attestations": []}', encoding="utf-8")
    tender = Path(__file__).resolve().parents[1] / "compliance/inputs/tenders/flextender-28115.json"
    shutil.copy(tender, folder / "tender.json")
    (folder / "LEESMIJ.txt").write_text("notities", encoding="utf-8")

    offers, others = list_submissions(folder)

    assert offers == ["S-0001.json", "kapot.json"]
    assert others == ["LEESMIJ.txt", "attestaties.json", "tender.json"]
