"""The award file's evidence: a hash-chained, append-only audit log (and the hash of a file).

``audit.jsonl`` holds one JSON object per line. Each entry carries its sequence number, the
hash of the previous entry and its own hash over all of that, so editing an entry breaks its
hash, and removing or reordering one breaks the chain at the next entry. Removing entries at
the *end* leaves a valid shorter chain, and anyone can recompute a whole chain: the chain has no
key. That is why the signed ``manifest.json`` (:mod:`.manifest`) records the log's entry count,
head hash and file hash, and why the intake prints the head hash for the file.

Only one process writes the log (the intake's main process, under the folder lock); each entry
is one ``write`` on an ``O_APPEND`` descriptor followed by ``fsync``, so a killed process leaves
either the whole entry or, after a power loss at worst, a torn last line, which the next intake
run repairs and records (:meth:`AuditLog.open`). Nothing else is ever rewritten.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from compliance.canonical import canonical_json, sha256_hex
from compliance.errors import ComplianceError, ExitCode

AUDIT_FILE = "audit.jsonl"
GENESIS = "0" * 64  # the "previous hash" of the first entry
_FIELDS = ("seq", "time", "event", "data", "prev", "hash")


class AuditLogError(ComplianceError):
    """The audit log of an award folder is damaged: the intake refuses to append to a broken chain."""

    exit_code = ExitCode.INVALID_SIGNATURE


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One line of the audit log."""

    seq: int
    time: str
    event: str
    data: dict[str, Any]
    prev: str
    hash: str

    def to_line(self) -> bytes:
        """The entry as stored: one canonical JSON object and a newline."""
        return canonical_json({name: getattr(self, name) for name in _FIELDS}) + b"\n"


def entry_hash(seq: int, time: str, event: str, data: dict[str, Any], prev: str) -> str:
    """The hash of an entry: sha256 over the canonical JSON of every field except the hash itself."""
    return sha256_hex(canonical_json({"seq": seq, "time": time, "event": event, "data": data, "prev": prev}))


@dataclass(frozen=True, slots=True)
class ChainProblem:
    """Where and why the chain does not hold (Dutch message)."""

    line: int
    message: str


@dataclass(slots=True)
class ChainState:
    """What a walk over the log found: entry count, head hash, problems, and a torn tail if any."""

    entries: int = 0
    head: str = GENESIS
    problems: list[ChainProblem] = field(default_factory=list)
    torn_tail: bytes = b""  # a last line without newline: an interrupted append, not an edited entry

    @property
    def ok(self) -> bool:
        """True when every entry is intact and linked and nothing is torn."""
        return not self.problems and not self.torn_tail


def _parse_line(raw: bytes, line: int) -> AuditEntry | ChainProblem:
    try:
        document = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError):
        return ChainProblem(line, "geen geldige JSON")
    if not isinstance(document, dict) or set(document) != set(_FIELDS):
        return ChainProblem(line, "geen audit-regel (velden ontbreken of zijn onbekend)")
    seq, time, event, data, prev, digest = (document[name] for name in _FIELDS)
    if not (
        isinstance(seq, int)
        and isinstance(time, str)
        and isinstance(event, str)
        and isinstance(data, dict)
        and isinstance(prev, str)
        and isinstance(digest, str)
    ):
        return ChainProblem(line, "velden hebben een verkeerd type")
    return AuditEntry(seq, time, event, data, prev, digest)


def read_entries(path: Path, state: ChainState | None = None) -> Iterator[AuditEntry]:
    """Stream the entries of a log while checking the chain; problems are collected in ``state``.

    The walk goes on after a problem so that every damaged place is reported, and an entry that
    fails is not yielded: callers only ever see entries whose hash and link were verified.
    """
    chain = state if state is not None else ChainState()
    if not path.exists():
        return
    expected_prev, expected_seq = GENESIS, 0
    with path.open("rb") as stream:
        for number, raw in enumerate(stream, start=1):
            if not raw.endswith(b"\n"):
                chain.torn_tail = raw
                return
            parsed = _parse_line(raw, number)
            if isinstance(parsed, ChainProblem):
                chain.problems.append(parsed)
                expected_seq += 1
                expected_prev = ""  # unknown: the next entry's link cannot be confirmed
                continue
            problem = _link_problem(parsed, number, expected_seq, expected_prev)
            expected_prev, expected_seq = parsed.hash, parsed.seq + 1
            if problem:
                chain.problems.append(problem)
                continue
            chain.entries += 1
            chain.head = parsed.hash
            yield parsed


def _link_problem(entry: AuditEntry, line: int, expected_seq: int, expected_prev: str) -> ChainProblem | None:
    if entry_hash(entry.seq, entry.time, entry.event, entry.data, entry.prev) != entry.hash:
        return ChainProblem(line, f"regel {entry.seq} is gewijzigd (hash klopt niet)")
    if entry.seq != expected_seq:
        return ChainProblem(line, f"volgnummer {entry.seq}, verwacht {expected_seq}: regel(s) verwijderd of verplaatst")
    if entry.prev != expected_prev:
        return ChainProblem(line, "de verwijzing naar de vorige regel klopt niet: regel(s) verwijderd of gewijzigd")
    return None


def verify_chain(path: Path) -> ChainState:
    """Walk the whole log and return what was found (without changing anything)."""
    state = ChainState()
    for _ in read_entries(path, state):
        pass
    return state


class AuditLog:
    """The append-only writer. Open it with :meth:`open`, which verifies the existing chain first."""

    def __init__(self, path: Path, entries: int, head: str) -> None:
        self.path = path
        self.entries = entries
        self.head = head

    @classmethod
    def open(cls, path: Path) -> AuditLog:
        """Verify the existing log; repair only a torn last line (recorded as an entry of its own).

        A broken chain raises :class:`AuditLogError`: appending to it would hide the damage.
        """
        state = verify_chain(path)
        if state.problems:
            first = state.problems[0]
            raise AuditLogError(
                f"{path}: het auditlog is beschadigd (regel {first.line}: {first.message}); de intake voegt niets "
                "toe aan een gebroken keten. Controleer de map met 'compliance verify' en bewaar het log apart."
            )
        log = cls(path, state.entries, state.head)
        if state.torn_tail:
            size = path.stat().st_size
            with path.open("r+b") as stream:
                stream.truncate(size - len(state.torn_tail))
                os.fsync(stream.fileno())
            log.append(
                "torn_tail_removed",
                {"bytes": len(state.torn_tail), "sha256": sha256_hex(state.torn_tail)},
            )
        return log

    def append(self, event: str, data: dict[str, Any]) -> AuditEntry:
        """Append one entry (one write, then fsync) and advance the head."""
        time = datetime.now(UTC).isoformat(timespec="milliseconds")
        digest = entry_hash(self.entries, time, event, data, self.head)
        entry = AuditEntry(self.entries, time, event, data, self.head, digest)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            line = entry.to_line()
            written = os.write(descriptor, line)
            if written != len(line):  # a short write on a regular file means a full disk
                raise OSError(f"audit log: short write ({written} of {len(line)} bytes)")
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        self.entries += 1
        self.head = digest
        return entry


def file_sha256(path: Path) -> tuple[str, int]:
    """The sha256 and size of a file, read in blocks."""
    import hashlib

    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as stream:
        while block := stream.read(1 << 20):
            digest.update(block)
            size += len(block)
    return digest.hexdigest(), size
