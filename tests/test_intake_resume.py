"""Crash safety of ``compliance intake``, through the real command in a child process.

A run is killed halfway (``kill -9`` of the whole process group, or of one worker); running the
same command again finishes the work, reuses what was already written intact, leaves no
temporary files, and the folder then verifies. Also: the plain progress lines and the ranking
table a non-interactive run prints, and exit code 4 for a bad file.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from compliance.intake.audit import read_entries
from compliance.intake.verify_folder import verify_award_folder
from compliance.signing.verify import VerifyStatus

BATCH = 20  # enough reports (about 100 ms each per worker) that a kill lands halfway through writing them


@pytest.fixture
def environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    config = tmp_path / "config"
    monkeypatch.setenv("COMPLIANCE_CONFIG_DIR", str(config))  # for verify_award_folder in this process
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "COLUMNS")}
    return {**env, "COMPLIANCE_CONFIG_DIR": str(config), "COLUMNS": "160"}


@pytest.fixture
def folder(tmp_path: Path, make_submission: Callable[..., dict[str, Any]]) -> Path:
    target = tmp_path / "inschrijvingen"
    target.mkdir()
    for index in range(BATCH):
        sid = f"S-{index:04d}"
        document = make_submission(
            {
                "submission_id": sid,
                "candidate/id": f"C-{index:04d}",
                "offer/hourly_rate_eur": 60 + index % 20,
                "candidate/experience/0/safety_plan": index % 3 != 0,
            }
        )
        (target / f"{sid}.json").write_text(json.dumps(document), encoding="utf-8")
    return target


def command(folder: Path, out: Path, registry: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "compliance",
        "intake",
        str(folder),
        "--tender",
        "flextender-27442",
        "--registry",
        str(registry),
        "--out",
        str(out),
        "--workers",
        "2",
    ]


def descendants(pid: int) -> dict[int, int]:
    """{process: parent} for every process below ``pid`` (from /proc)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    below: dict[int, int] = {}
    frontier = [pid]
    while frontier:
        current = frontier.pop()
        for child, parent in parents.items():
            if parent == current and child not in below:
                below[child] = parent
                frontier.append(child)
    return below


def recorded_reports(out: Path) -> int:
    """Reports the audit log records as written (what a re-run may reuse)."""
    try:
        return (out / "audit.jsonl").read_bytes().count(b'"event":"candidate"')
    except FileNotFoundError:
        return 0


def start_and_wait_for_reports(args: list[str], env: dict[str, str], out: Path, count: int) -> subprocess.Popen[str]:
    """Start the intake and return once ``count`` reports are written and recorded."""
    process = subprocess.Popen(
        args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    deadline = time.monotonic() + 120
    while recorded_reports(out) < count:
        assert process.poll() is None, "the intake finished before it could be interrupted"
        assert time.monotonic() < deadline, "no reports appeared"
        time.sleep(0.005)
    return process


def finish(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, env=env, capture_output=True, text=True, timeout=300, check=False)


def reused_reports(out: Path) -> int:
    entries = list(read_entries(out / "audit.jsonl"))
    last_start = max(i for i, e in enumerate(entries) if e.event == "intake_started")
    return sum(1 for e in entries[last_start:] if e.event == "candidate" and e.data["reused"])


def test_kill_9_halfway_then_rerun_finishes_and_reuses_the_done_work(
    folder: Path, registry: Path, tmp_path: Path, environment: dict[str, str]
) -> None:
    out = tmp_path / "dossier"
    args = command(folder, out, registry)
    process = start_and_wait_for_reports(args, environment, out, 4)
    os.killpg(process.pid, signal.SIGKILL)
    process.communicate()
    assert process.returncode == -signal.SIGKILL
    assert not (out / "manifest.json").exists()  # it was killed before the end
    recorded = recorded_reports(out)

    done = finish(args, environment)

    assert done.returncode == 0, done.stderr
    assert not list(out.rglob("*.tmp")), "a half-written file was left behind"
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["counts"]["submissions"] == BATCH == len(list((out / "kandidaten").glob("*.pdf")))
    assert reused_reports(out) == recorded  # everything recorded as done is reused, not redone
    assert verify_award_folder(out).ok
    events = [e.event for e in read_entries(out / "audit.jsonl")]
    assert events.count("intake_started") == 2 and events[-1] == "intake_completed"


def test_a_killed_worker_stops_the_run_cleanly_and_a_rerun_finishes(
    folder: Path, registry: Path, tmp_path: Path, environment: dict[str, str]
) -> None:
    out = tmp_path / "dossier"
    args = command(folder, out, registry)
    process = start_and_wait_for_reports(args, environment, out, 3)
    tree = descendants(process.pid)
    workers = [pid for pid, parent in tree.items() if parent == process.pid]  # forked by the main process
    assert workers, tree
    os.kill(workers[0], signal.SIGKILL)
    _, stderr = process.communicate(timeout=120)

    assert process.returncode == 70
    assert "een werkproces is onverwacht gestopt" in stderr
    assert "Traceback" not in stderr
    assert [e.event for e in read_entries(out / "audit.jsonl")][-1] == "intake_interrupted"
    recorded = recorded_reports(out)

    done = finish(args, environment)
    assert done.returncode == 0, done.stderr
    assert reused_reports(out) == recorded >= 3
    assert verify_award_folder(out).ok


def test_a_non_interactive_run_prints_plain_progress_and_the_ranking(
    folder: Path, registry: Path, tmp_path: Path, environment: dict[str, str]
) -> None:
    for extra in sorted(folder.glob("*.json"))[12:]:
        extra.unlink()
    (folder / "S-9999.json").write_text("niet eens JSON", encoding="utf-8")
    out = tmp_path / "dossier"
    done = finish(command(folder, out, registry), environment)

    assert done.returncode == 4, done.stderr
    assert "Controleren en scoren: 13/13 klaar" in done.stderr
    assert "Rapporten ondertekenen: 12/12 klaar" in done.stderr
    assert "fout: " in done.stderr and "S-9999.json" in done.stderr
    assert "\x1b[" not in done.stderr  # no live progress bar when not on a terminal
    assert "Intake flextender-27442 — Gemeente Heerde" in done.stdout
    assert "13 inschrijvingen: 5 geselecteerd" in done.stdout
    assert "geselecteerd" in done.stdout and "fout" in done.stdout


def test_a_run_killed_between_manifest_and_signature_is_unfinished_until_the_rerun(
    folder: Path, registry: Path, tmp_path: Path, environment: dict[str, str]
) -> None:
    for extra in sorted(folder.glob("*.json"))[6:]:
        extra.unlink()
    out = tmp_path / "dossier"
    args = command(folder, out, registry)
    assert finish(args, environment).returncode == 0
    first_manifest = (out / "manifest.json").read_bytes()
    (out / "manifest.json.p7s").unlink()  # as a kill right after the manifest, before its signature, leaves it

    unfinished = verify_award_folder(out)
    assert unfinished.status is VerifyStatus.INVALID
    assert any(line.startswith("FOUT: manifest.json.p7s: ontbreekt") for line in unfinished.lines())

    done = finish(args, environment)
    assert done.returncode == 0, done.stderr
    assert verify_award_folder(out).ok
    assert reused_reports(out) == 6  # nothing redone but the award file's own last steps
    entries = list(read_entries(out / "audit.jsonl"))
    withdrawn = [e for e in entries if e.event == "manifest_withdrawn"]
    assert [e.data["sha256"] for e in withdrawn] == [{"manifest.json": hashlib.sha256(first_manifest).hexdigest()}]
