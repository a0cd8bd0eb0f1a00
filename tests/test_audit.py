"""The hash-chained audit log: appends link to each other; edits, removals and torn writes are caught."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from compliance.intake.audit import GENESIS, AuditLog, AuditLogError, read_entries, verify_chain


def write_log(path: Path, count: int = 4) -> AuditLog:
    log = AuditLog.open(path)
    for index in range(count):
        log.append("candidate", {"submission_id": f"S-{index:04d}", "points": 20 * index})
    return log


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines(keepends=True)


def test_entries_link_to_the_previous_hash_and_reopening_continues_the_chain(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    log = write_log(path, 3)
    entries = list(read_entries(path))
    assert [e.seq for e in entries] == [0, 1, 2]
    assert entries[0].prev == GENESIS
    assert [e.prev for e in entries[1:]] == [e.hash for e in entries[:-1]]
    assert log.head == entries[-1].hash

    again = AuditLog.open(path)
    assert (again.entries, again.head) == (3, log.head)
    again.append("intake_completed", {})
    state = verify_chain(path)
    assert state.ok and state.entries == 4


def test_an_edited_entry_is_detected_and_the_intake_refuses_to_append(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    write_log(path)
    content = lines(path)
    entry = json.loads(content[1])
    entry["data"]["points"] = 100  # someone improves a score afterwards
    content[1] = json.dumps(entry, separators=(",", ":"), sort_keys=True) + "\n"
    path.write_text("".join(content), encoding="utf-8")

    state = verify_chain(path)
    assert not state.ok
    assert [p.line for p in state.problems] == [2]
    assert "gewijzigd" in state.problems[0].message
    with pytest.raises(AuditLogError, match="regel 2"):
        AuditLog.open(path)


def test_a_removed_entry_in_the_middle_breaks_the_chain(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    write_log(path)
    content = lines(path)
    path.write_text("".join(content[:1] + content[2:]), encoding="utf-8")
    state = verify_chain(path)
    assert not state.ok
    assert "verwijderd" in state.problems[0].message
    assert state.problems[0].line == 2


def test_a_recomputed_entry_still_breaks_the_link_to_the_next(tmp_path: Path) -> None:
    """Re-hashing an edited entry does not help: the next entry points to the old hash."""
    from compliance.intake.audit import entry_hash

    path = tmp_path / "audit.jsonl"
    write_log(path)
    content = lines(path)
    entry = json.loads(content[1])
    entry["data"]["points"] = 100
    entry["hash"] = entry_hash(entry["seq"], entry["time"], entry["event"], entry["data"], entry["prev"])
    content[1] = json.dumps(entry, separators=(",", ":"), sort_keys=True) + "\n"
    path.write_text("".join(content), encoding="utf-8")
    state = verify_chain(path)
    assert [p.line for p in state.problems] == [3]


def test_a_torn_last_line_is_repaired_and_recorded(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    write_log(path, 2)
    with path.open("ab") as stream:
        stream.write(b'{"seq":2,"time":"2026-')  # a write cut off by a crash
    state = verify_chain(path)
    assert not state.ok and state.torn_tail and not state.problems

    log = AuditLog.open(path)
    entries = list(read_entries(path))
    assert [e.event for e in entries] == ["candidate", "candidate", "torn_tail_removed"]
    assert entries[-1].data["bytes"] == len(b'{"seq":2,"time":"2026-')
    assert verify_chain(path).ok and log.entries == 3
