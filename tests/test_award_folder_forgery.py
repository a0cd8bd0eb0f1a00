"""Forging an award folder: every attack of issue 8 item 1 fails ``verify`` with exit 5 and names the file.

One intake of nine of the bundled Heerde examples (a lot at the cut-off, exclusions, one offer to
review, one unreadable file) is made once; each test forges its own copy. The forger has
everything but the signing key: they can copy validly signed reports, delete files, edit any
byte, rewrite the whole audit chain with correct hashes, and recompute every sha256 in
``manifest.json`` ("recomputed"). What stops them is the manifest's detached signature and the
cross-checks between the signed decisions, the summaries and the audit log.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from typer.testing import CliRunner

from compliance.cli.app import app
from compliance.intake.audit import AuditEntry, entry_hash, verify_chain
from compliance.intake.runner import IntakeConfig, run_intake
from compliance.intake.summary import csv_from_summary
from compliance.intake.verify_folder import FolderVerification, verify_award_folder
from compliance.signing.keys import ENV_CONFIG_DIR, LOCAL_CERT_FILE, create_local_identity, local_key_folder
from compliance.signing.verify import VerifyStatus

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "heerde-27442"
TENDER = "flextender-27442"


class Award:
    """The finished award folder, the key folder that signed it, and its certificate (to trust)."""

    def __init__(self, folder: Path, config: Path) -> None:
        self.folder = folder
        self.config = config
        self.certificate = x509.load_pem_x509_certificate((local_key_folder(config) / LOCAL_CERT_FILE).read_bytes())


@pytest.fixture(scope="module")
def award(tmp_path_factory: pytest.TempPathFactory) -> Award:
    base = tmp_path_factory.mktemp("award")
    submissions = base / "inschrijvingen"
    submissions.mkdir()
    for source in sorted(EXAMPLES.glob("S-000*.json")):  # S-0001 .. S-0009: ranked, a lot, excluded, to review
        shutil.copy(source, submissions / source.name)
    shutil.copytree(EXAMPLES / "cv", submissions / "cv")  # S-0001 attaches its CV
    (submissions / "S-0099-kapot.json").write_text('{"schema_version": "1", "tender_id": ', encoding="utf-8")
    config = base / "config"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(ENV_CONFIG_DIR, str(config))
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        config_ = IntakeConfig(submissions, TENDER, out_dir=base / "dossier", registry=EXAMPLES / "registry", workers=2)
        result = run_intake(config_)
    assert result.counts["submissions"] == 10 and result.counts["lot"] == 2 and result.counts["error"] == 1
    return Award(base / "dossier", config)


@pytest.fixture
def forged(award: Award, tmp_path: Path) -> Path:
    """A fresh copy of the intact award folder to forge."""
    copy = tmp_path / "dossier"
    shutil.copytree(award.folder, copy)
    return copy


def verify(award: Award, folder: Path) -> FolderVerification:
    return verify_award_folder(folder, trust=[award.certificate], workers=2)


def assert_caught(result: FolderVerification, *named: str) -> None:
    """Exit 5, "NIET intact", and an error line for each named file."""
    lines = result.lines()
    assert result.status is VerifyStatus.INVALID, lines
    assert lines[-1] == "Dossier NIET intact."
    errors = {problem.path for problem in result.errors}
    for name in named:
        assert name in errors, (name, lines)
        assert any(line.startswith(f"FOUT: {name}: ") for line in lines)


# -- what a forger without the key can do ----------------------------------------------------------


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def write_json(path: Path, document: Any) -> None:
    """In the intake's own layout (indented, UTF-8, final newline), so only the content differs."""
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def recompute_manifest(folder: Path, role_of_new: dict[str, str] | None = None) -> None:
    """Make every hash in manifest.json match the folder again: drop missing files, list new ones."""
    manifest = read_json(folder / "manifest.json")
    rows = []
    for row in manifest["files"]:
        path = folder / row["path"]
        if path.is_file():
            data = path.read_bytes()
            rows.append({**row, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)})
    for relative, role in (role_of_new or {}).items():
        data = (folder / relative).read_bytes()
        rows.append({"path": relative, "role": role, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)})
    manifest["files"] = sorted(rows, key=lambda r: r["path"])
    log = (folder / "audit.jsonl").read_bytes()
    chain = verify_chain(folder / "audit.jsonl")
    manifest["audit_log"].update(
        entries=chain.entries, head=chain.head, sha256=hashlib.sha256(log).hexdigest(), bytes=len(log)
    )
    write_json(folder / "manifest.json", manifest)


def rewrite_audit_log(folder: Path, change: Callable[[list[dict[str, Any]]], list[dict[str, Any]]]) -> None:
    """Change the entries and recompute the whole chain: every hash and link valid again."""
    path = folder / "audit.jsonl"
    entries = change([json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()])
    previous = "0" * 64
    lines = []
    for seq, entry in enumerate(entries):
        digest = entry_hash(seq, entry["time"], entry["event"], entry["data"], previous)
        lines.append(AuditEntry(seq, entry["time"], entry["event"], entry["data"], previous, digest).to_line())
        previous = digest
    path.write_bytes(b"".join(lines))
    assert verify_chain(path).ok


def summary_without(folder: Path, submission_id: str) -> None:
    """Drop one candidate from summary.json (counts fixed) and rebuild summary.csv from it."""
    summary = read_json(folder / "summary.json")
    row = next(r for r in summary["rows"] if r["submission_id"] == submission_id)
    summary["rows"].remove(row)
    summary["counts"][row["outcome"]] -= 1
    summary["counts"]["submissions"] -= 1
    summary["counts"]["compliant"] -= row["outcome"] in ("selected", "lot", "ranked")
    write_json(folder / "summary.json", summary)
    (folder / "summary.csv").write_text(csv_from_summary(summary), encoding="utf-8")


# -- the intact folder -----------------------------------------------------------------------------


def test_the_intact_folder_verifies_and_every_file_is_under_the_signed_manifest(award: Award) -> None:
    result = verify(award, award.folder)
    assert result.status is VerifyStatus.VALID, result.lines()
    assert result.lines()[-1] == "Dossier intact."
    assert result.signatures[0].path == "manifest.json" and result.signatures[0].status == "valid"
    assert len(result.signatures) == 1 + 9 + 1  # the manifest, nine reports, the overview
    manifest = read_json(award.folder / "manifest.json")
    on_disk = sorted(p.relative_to(award.folder).as_posix() for p in award.folder.rglob("*") if p.is_file())
    assert [row["path"] for row in manifest["files"]] == [p for p in on_disk if not p.startswith("manifest.json")]
    assert {"manifest.json", "manifest.json.p7s"} <= set(on_disk)
    assert manifest["decision_time"] == read_json(award.folder / "summary.json")["decision_time"]
    assert manifest["tender"]["tender_id"] == TENDER
    assert manifest["audit_log"]["head"] == verify_chain(award.folder / "audit.jsonl").head
    assert manifest["signature"]["file"] == "manifest.json.p7s"


# -- issue 8 item 1, attack by attack ---------------------------------------------------------------


@pytest.mark.parametrize("recompute", [False, True], ids=["as-is", "hashes-recomputed"])
def test_swapping_in_another_candidates_validly_signed_report(award: Award, forged: Path, recompute: bool) -> None:
    reports = forged / "kandidaten"
    shutil.copy(reports / "S-0002.pdf", reports / "S-0001.pdf")
    shutil.copy(reports / "S-0002.json", reports / "S-0001.json")
    if recompute:
        recompute_manifest(forged)
    result = verify(award, forged)
    assert_caught(result, "kandidaten/S-0001.pdf", *(["manifest.json"] if recompute else []))
    assert any("bevat de ondertekende beslissing over S-0002, niet over S-0001" in line for line in result.lines())


def test_removing_a_report_and_its_manifest_entries_with_recomputed_hashes(award: Award, forged: Path) -> None:
    (forged / "kandidaten" / "S-0003.pdf").unlink()
    (forged / "kandidaten" / "S-0003.json").unlink()
    recompute_manifest(forged)
    result = verify(award, forged)
    assert_caught(result, "manifest.json", "kandidaten/S-0003.pdf", "kandidaten/S-0003.json")
    assert any("staat in summary.json maar niet in het ondertekende manifest" in line for line in result.lines())


def test_removing_a_candidate_from_reports_summaries_and_manifest(award: Award, forged: Path) -> None:
    """The forger also rewrites both summaries consistently: the signed overview still names S-0003."""
    (forged / "kandidaten" / "S-0003.pdf").unlink()
    (forged / "kandidaten" / "S-0003.json").unlink()
    summary_without(forged, "S-0003")
    recompute_manifest(forged)
    result = verify(award, forged)
    assert_caught(result, "manifest.json", "summary.json", "audit.jsonl")
    lines = result.lines()
    assert any("summary.json: wijkt af van de samenvatting die in de ondertekende rangschikking" in x for x in lines)
    assert any("audit.jsonl: S-0003: staat in het auditlog" in line for line in lines)


def test_removing_the_ranking_overview_with_recomputed_hashes(award: Award, forged: Path) -> None:
    (forged / "rangschikking.pdf").unlink()
    recompute_manifest(forged)
    assert_caught(verify(award, forged), "manifest.json", "rangschikking.pdf")


@pytest.mark.parametrize("recompute", [False, True], ids=["as-is", "hashes-recomputed"])
def test_changing_summary_csv(award: Award, forged: Path, recompute: bool) -> None:
    path = forged / "summary.csv"
    text = path.read_text(encoding="utf-8")
    excluded = next(line for line in text.splitlines() if line.startswith("S-0008"))
    assert ",excluded," in excluded
    path.write_text(text.replace(excluded, excluded.replace(",excluded,", ",selected,")), encoding="utf-8")
    if recompute:
        recompute_manifest(forged)
    result = verify(award, forged)
    assert_caught(result, "summary.csv")
    assert any("summary.csv: komt niet overeen met summary.json" in line for line in result.lines())


def test_changing_a_candidate_json_with_recomputed_hashes(award: Award, forged: Path) -> None:
    path = forged / "kandidaten" / "S-0005.json"
    decision = read_json(path)
    decision["score"].update(rank=1, selected=True, tie=None)  # the lot is won on paper
    write_json(path, decision)
    recompute_manifest(forged)
    result = verify(award, forged)
    assert_caught(result, "manifest.json", "kandidaten/S-0005.json")
    assert any("S-0005.json: wijkt af van de beslissing die in kandidaten/S-0005.pdf" in x for x in result.lines())


@pytest.mark.parametrize("recompute", [False, True], ids=["as-is", "hashes-recomputed"])
def test_rewriting_the_audit_log_with_a_valid_chain(award: Award, forged: Path, recompute: bool) -> None:
    def better_points(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for entry in entries:
            if entry["event"] == "candidate" and entry["data"]["submission_id"] == "S-0007":
                entry["data"]["points"] = 100
        return entries

    rewrite_audit_log(forged, better_points)
    if recompute:
        recompute_manifest(forged)
    result = verify(award, forged)
    assert_caught(result, "audit.jsonl", *(["manifest.json"] if recompute else []))
    if recompute:
        assert any("audit.jsonl: S-0007: wijkt af van summary.json" in line for line in result.lines())


@pytest.mark.parametrize("keep", [-1, -8], ids=["last-entry", "last-eight-entries"])
def test_truncating_the_audit_log_with_recomputed_hashes(award: Award, forged: Path, keep: int) -> None:
    path = forged / "audit.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:keep]), encoding="utf-8")
    recompute_manifest(forged)
    result = verify(award, forged)
    assert_caught(result, "manifest.json", "audit.jsonl")


def test_editing_decision_time_in_the_manifest(award: Award, forged: Path) -> None:
    manifest = read_json(forged / "manifest.json")
    manifest["decision_time"] = "2026-02-20T09:00:00+00:00"  # before the deadline: "decided in time"
    write_json(forged / "manifest.json", manifest)
    result = verify(award, forged)
    assert_caught(result, "manifest.json")
    assert any("manifest.json: de handtekening (manifest.json.p7s) houdt niet" in x for x in result.lines())


def test_editing_decision_time_in_the_summary_with_recomputed_hashes(award: Award, forged: Path) -> None:
    summary = read_json(forged / "summary.json")
    summary["decision_time"] = "2026-02-20T09:00:00+00:00"
    write_json(forged / "summary.json", summary)
    recompute_manifest(forged)
    result = verify(award, forged)
    assert_caught(result, "manifest.json", "summary.json")


@pytest.mark.parametrize("hidden", ["kandidaten/.extra.pdf", ".notities"])
def test_a_hidden_extra_file_is_an_error(award: Award, forged: Path, hidden: str) -> None:
    shutil.copy(forged / "kandidaten" / "S-0001.pdf", forged / hidden)
    result = verify(award, forged)
    assert_caught(result, hidden)
    assert any(
        f"FOUT: {hidden}: staat niet in het ondertekende manifest (verborgen bestand)" in x for x in result.lines()
    )


def test_a_hidden_extra_file_listed_with_recomputed_hashes(award: Award, forged: Path) -> None:
    shutil.copy(forged / "kandidaten" / "S-0001.pdf", forged / "kandidaten" / ".extra.pdf")
    recompute_manifest(forged, {"kandidaten/.extra.pdf": "report_pdf"})
    result = verify(award, forged)
    assert_caught(result, "manifest.json", "kandidaten/.extra.pdf")  # and its decision is about S-0001


def test_a_renamed_report_is_named_with_its_old_name(award: Award, forged: Path) -> None:
    (forged / "kandidaten" / "S-0007.pdf").rename(forged / "kandidaten" / "S-0070.pdf")
    result = verify(award, forged)
    assert_caught(result, "kandidaten/S-0070.pdf", "kandidaten/S-0007.pdf")
    assert any("hernoemd: heette kandidaten/S-0007.pdf in het manifest" in line for line in result.lines())


def test_a_symbolic_link_in_the_folder_is_an_error(award: Award, forged: Path) -> None:
    (forged / "kandidaten" / "S-0011.pdf").symlink_to(forged / "kandidaten" / "S-0001.pdf")
    assert_caught(verify(award, forged), "kandidaten/S-0011.pdf")


# -- the manifest's signature -------------------------------------------------------------------------


def test_a_missing_or_damaged_manifest_signature_is_an_error(award: Award, forged: Path) -> None:
    signature = forged / "manifest.json.p7s"
    data = signature.read_bytes()
    signature.unlink()
    assert_caught(verify(award, forged), "manifest.json.p7s")
    signature.write_bytes(data[:-20])
    assert_caught(verify(award, forged), "manifest.json")


def test_a_manifest_re_signed_with_the_forgers_own_key(award: Award, forged: Path, tmp_path: Path) -> None:
    """Their own key makes the manifest's signature intact but untrusted, and not the reports' key: exit 5."""
    from compliance.signing.detached import sign_detached
    from compliance.signing.sign import ReportSigner

    reports = forged / "kandidaten"
    shutil.copy(reports / "S-0002.pdf", reports / "S-0001.pdf")
    shutil.copy(reports / "S-0002.json", reports / "S-0001.json")
    recompute_manifest(forged)
    forger = ReportSigner.from_identity(create_local_identity(tmp_path / "forger"))
    (forged / "manifest.json.p7s").write_bytes(sign_detached((forged / "manifest.json").read_bytes(), forger))

    result = verify(award, forged)
    assert result.signatures[0].status == "untrusted"
    assert_caught(result, "kandidaten/S-0001.pdf", "kandidaten/S-0002.pdf", "rangschikking.pdf")
    assert any("ondertekend met een andere sleutel" in line for line in result.lines())


def test_an_intact_folder_signed_by_a_key_that_is_not_trusted_exits_6(award: Award, tmp_path: Path) -> None:
    stranger = create_local_identity(tmp_path / "stranger").certificate
    result = verify_award_folder(award.folder, trust=[stranger], workers=2)
    assert result.status is VerifyStatus.UNTRUSTED, result.lines()
    assert not result.errors
    assert {s.status for s in result.signatures} == {"untrusted"}
    assert result.lines()[-1].startswith("Dossier intact, maar NIET VERTROUWD")


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl not installed")
def test_the_manifest_signature_is_plain_cms_that_openssl_verifies(award: Award, forged: Path) -> None:
    command = [
        "openssl", "cms", "-verify", "-binary", "-inform", "DER", "-noverify", "-out", "/dev/null",
        "-in", str(forged / "manifest.json.p7s"), "-content", str(forged / "manifest.json"),
    ]  # fmt: skip
    assert subprocess.run(command, capture_output=True, check=False).returncode == 0
    manifest = forged / "manifest.json"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("S-0001", "S-0002", 1), encoding="utf-8")
    assert subprocess.run(command, capture_output=True, check=False).returncode != 0


# -- through the command ------------------------------------------------------------------------------


def test_compliance_verify_on_the_folder_exits_5_naming_the_forged_file(
    award: Award, forged: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_CONFIG_DIR, str(award.config))  # the local key that signed it is trusted
    intact = CliRunner().invoke(app, ["verify", str(award.folder)])
    assert intact.exit_code == 0, intact.output
    assert "Dossier intact." in intact.output

    shutil.copy(forged / "kandidaten" / "S-0001.pdf", forged / "kandidaten" / ".extra.pdf")
    caught = CliRunner().invoke(app, ["verify", str(forged)])
    assert caught.exit_code == 5, caught.output
    assert "FOUT: kandidaten/.extra.pdf: staat niet in het ondertekende manifest" in caught.output
    assert "Dossier NIET intact." in caught.output
