"""No process outlives a killed intake: after ``kill -9`` of the main process its workers end too.

The intake runs as the real command in a child process with a session of its own, so every
process it starts (workers, and anything multiprocessing would add: a fork server, a resource
tracker) is in that session. Only the main process is killed; the test then polls ``/proc``
until nothing of the session is left, with a bounded wait. This is a behaviour test: the bound
is generous, and how fast the processes end is not asserted.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")

BATCH = 24
GONE_WITHIN_S = 20.0  # the parent-death signal is immediate; the watchdog polls every 0.5 s


def _stat_fields(pid: int) -> list[str] | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat.rsplit(")", 1)[1].split()  # state, ppid, pgrp, session, ...


def session_members(session: int) -> dict[int, str]:
    """{pid: command line} of every live (not zombie) process in ``session``."""
    members: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        fields = _stat_fields(int(entry.name))
        if fields is None or fields[0] == "Z" or int(fields[3]) != session:
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        members[int(entry.name)] = command
    return members


def wait_until_gone(session: int) -> dict[int, str]:
    """Poll until no process of the session is left or the bound passes; returns what is left."""
    deadline = time.monotonic() + GONE_WITHIN_S
    left = session_members(session)
    while left and time.monotonic() < deadline:
        time.sleep(0.1)
        left = session_members(session)
    for pid in left:  # never leave strays behind for the rest of the suite
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    return left


@pytest.fixture
def folder(tmp_path: Path, make_submission: Callable[..., dict[str, Any]]) -> Path:
    target = tmp_path / "inschrijvingen"
    target.mkdir()
    for index in range(BATCH):
        sid = f"S-{index:04d}"
        document = make_submission(
            {"submission_id": sid, "candidate/id": f"C-{index:04d}", "offer/hourly_rate_eur": 60 + index % 20}
        )
        (target / f"{sid}.json").write_text(json.dumps(document), encoding="utf-8")
    return target


def start_intake(folder: Path, out: Path, registry: Path, tmp_path: Path) -> subprocess.Popen[bytes]:
    environment = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    environment["COMPLIANCE_CONFIG_DIR"] = str(tmp_path / "config")
    command = [sys.executable, "-m", "compliance", "intake", str(folder), "--tender", "flextender-27442"]
    command += ["--registry", str(registry), "--out", str(out), "--workers", "2"]
    return subprocess.Popen(
        command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )


def wait_for(condition: Callable[[], bool], process: subprocess.Popen[bytes], what: str) -> None:
    deadline = time.monotonic() + 120
    while not condition():
        assert process.poll() is None, f"the intake ended before {what}"
        assert time.monotonic() < deadline, f"no {what} within two minutes"
        time.sleep(0.01)


def reports_recorded(out: Path) -> int:
    try:
        return (out / "audit.jsonl").read_bytes().count(b'"event":"candidate"')
    except FileNotFoundError:
        return 0


@pytest.mark.parametrize("moment", ["checking", "signing"])
def test_kill_9_of_the_main_process_leaves_no_process_behind(
    folder: Path, registry: Path, tmp_path: Path, moment: str
) -> None:
    out = tmp_path / "dossier"
    process = start_intake(folder, out, registry, tmp_path)
    session = process.pid  # start_new_session: the main process leads its own session
    try:
        if moment == "checking":  # as soon as both workers exist: step 1 is under way
            wait_for(lambda: len(session_members(session)) >= 3, process, "two workers")
        else:  # halfway through writing the signed reports
            wait_for(lambda: reports_recorded(out) >= 3, process, "three reports")
        before = session_members(session)
        assert len(before) >= 3, before  # the main process and two workers
        os.kill(process.pid, signal.SIGKILL)
        assert process.wait(timeout=30) == -signal.SIGKILL
        left = wait_until_gone(session)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    assert not left, f"still running {GONE_WITHIN_S:.0f} s after kill -9 of the intake: {left}"


WATCHDOG_ONLY = textwrap.dedent(
    """
    import os, sys, time
    from compliance.intake import processes

    processes._ask_kernel_for_parent_death_signal = lambda: False  # as where prctl is unavailable
    child = os.fork()
    if child == 0:
        quiet = os.open(os.devnull, os.O_WRONLY)
        os.dup2(quiet, 1)  # so the test sees the end of the output when the parent ends
        os.dup2(quiet, 2)
        processes.end_with_parent(os.getppid())
        time.sleep(120)
        os._exit(0)
    print(child, flush=True)
    time.sleep(0.5)
    os._exit(0)  # the parent goes away without telling the child
    """
)


def test_the_watchdog_alone_ends_a_worker_whose_parent_died(tmp_path: Path) -> None:
    """Where the kernel's parent-death signal is not available, the watchdog thread still ends the worker."""
    done = subprocess.run([sys.executable, "-c", WATCHDOG_ONLY], capture_output=True, text=True, timeout=60, check=True)
    child = int(done.stdout.split()[0])
    deadline = time.monotonic() + GONE_WITHIN_S
    while (fields := _stat_fields(child)) is not None and fields[0] != "Z" and time.monotonic() < deadline:
        time.sleep(0.1)
    alive = fields is not None and fields[0] != "Z"
    if alive:
        os.kill(child, signal.SIGKILL)
    assert not alive, "the orphaned worker kept running"
