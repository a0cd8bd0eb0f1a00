"""The service's database: SQLAlchemy Core tables, SQLite (WAL) by default, PostgreSQL for several instances.

Only small records live here (keys, checks, intake jobs); reports and uploads are files under the
data folder named by their content hash (:mod:`.blobs`). Timestamps are ISO 8601 strings in UTC
(and job heartbeats epoch seconds), so both databases store and compare them the same way.
"""

from __future__ import annotations

import logging
import queue
import threading
from concurrent.futures import Future, InvalidStateError
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Column,
    Engine,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    insert,
)

log = logging.getLogger("compliance.service.db")

metadata = MetaData()

api_keys = Table(
    "api_keys",
    metadata,
    Column("key_id", String(32), primary_key=True),  # public: shown by ``keys list``, logged
    Column("org", String(200), nullable=False),
    Column("role", String(16), nullable=False),
    Column("key_hash", String(64), nullable=False, unique=True),  # sha256 of the secret key
    Column("created_at", String(40), nullable=False),
    Column("revoked_at", String(40)),
)

checks = Table(
    "checks",
    metadata,
    Column("check_id", String(40), primary_key=True),
    Column("org", String(200), nullable=False),
    Column("tender_id", String(80), nullable=False),
    Column("submission_id", String(80), nullable=False),
    Column("verdict", String(20), nullable=False),
    Column("report_sha256", String(64), nullable=False),  # the decision JSON (blobs/)
    Column("offer_sha256", String(64), nullable=False),
    Column("cv_sha256", String(64)),
    Column("pdf_sha256", String(64)),  # the signed PDF, once made
    Column("score_json", Text),  # the expected selection score shown with the check (not in the record)
    Column("created_at", String(40), nullable=False),
    Index("ix_checks_org_created", "org", "created_at"),
)

intakes = Table(
    "intakes",
    metadata,
    Column("intake_id", String(40), primary_key=True),
    Column("org", String(200), nullable=False),
    Column("tender_id", String(80), nullable=False),
    Column("status", String(16), nullable=False),  # queued, running, done, failed
    Column("stage", String(80), nullable=False, default=""),
    Column("done", Integer, nullable=False, default=0),
    Column("total", Integer, nullable=False, default=0),
    Column("files", Integer, nullable=False, default=0),
    Column("error", Text),
    Column("claimed_by", String(64)),  # the instance running it
    Column("heartbeat", Float),  # epoch seconds of the runner's last sign of life
    Column("attempts", Integer, nullable=False, default=0),
    Column("created_at", String(40), nullable=False),
    Column("finished_at", String(40)),
    Index("ix_intakes_status", "status"),
)

service_secrets = Table(
    "service_secrets",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("value", String(200), nullable=False),
)


def now_iso() -> str:
    """The current instant as stored in the database."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _sqlalchemy_url(url: str) -> str:
    # ``postgresql://`` means psycopg 3 here (SQLAlchemy's default driver for it is psycopg2).
    if url.startswith("postgresql://"):
        return "postgresql+psycopg://" + url.removeprefix("postgresql://")
    if url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.removeprefix("postgres://")
    return url


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers never wait for the writer
    cursor.execute("PRAGMA synchronous=NORMAL")  # safe with WAL; a crash loses at most the last commit
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def open_database(url: str) -> Engine:
    """An engine for ``url`` with the tables created (idempotent; several instances may race safely)."""
    target = _sqlalchemy_url(url)
    if target.startswith("sqlite"):
        engine = create_engine(target, connect_args={"check_same_thread": False, "timeout": 10})
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(target, pool_pre_ping=True, pool_size=10, max_overflow=20)
    metadata.create_all(engine, checkfirst=True)
    return engine


def redacted(url: str) -> str:
    """The URL without its password, for the start-up line."""
    from sqlalchemy.engine import make_url

    return make_url(_sqlalchemy_url(url)).render_as_string(hide_password=True)


class RowWriter:
    """Group commit: one thread inserts the rows every request hands it, many per transaction.

    Under concurrency each request committing on its own makes SQLite writers queue for its one
    write lock (the busy handler sleeps in growing steps: tens of milliseconds of tail latency)
    and makes PostgreSQL wait for one WAL flush per row. Here a request puts its row on a queue
    and waits for its :class:`~concurrent.futures.Future`; the writer takes everything that is
    waiting (up to ``max_batch`` rows), inserts it in one transaction and answers every future.
    A row that fails (a broken constraint) fails alone: the batch is then retried row by row.
    """

    def __init__(self, engine: Engine, max_batch: int = 256) -> None:
        self.engine = engine
        self.max_batch = max_batch
        self._queue: queue.SimpleQueue[tuple[Table, dict[str, Any], Future[None]] | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="row-writer", daemon=True)
        self._started = False
        self._lock = threading.Lock()

    def insert(self, table: Table, row: dict[str, Any]) -> Future[None]:
        """Queue ``row`` for ``table``; the future is done once the row is committed (or failed)."""
        future: Future[None] = Future()
        with self._lock:
            if not self._started:  # started on first use: a process that never writes has no thread
                self._thread.start()
                self._started = True
        self._queue.put((table, row, future))
        return future

    def close(self) -> None:
        """Commit what is queued, then stop the thread."""
        with self._lock:
            if not self._started:
                return
            self._started = False
        self._queue.put(None)
        self._thread.join()

    def _run(self) -> None:
        while True:
            first = self._queue.get()
            if first is None:
                return
            batch = [first]
            stop = False
            while len(batch) < self.max_batch:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is None:
                    stop = True
                    break
                batch.append(item)
            self._commit(batch)
            if stop:
                return

    def _commit(self, batch: list[tuple[Table, dict[str, Any], Future[None]]]) -> None:
        by_table: dict[Table, list[dict[str, Any]]] = {}
        for table, row, _ in batch:
            by_table.setdefault(table, []).append(row)
        try:
            with self.engine.begin() as connection:
                for table, rows in by_table.items():
                    connection.execute(insert(table), rows)
        except Exception as error:
            if len(batch) > 1:  # find the row at fault; the others still get in
                for item in batch:
                    self._commit([item])
                return
            log.exception("inserting a row failed")
            _answer(batch[0][2], error)
            return
        for _, _, future in batch:
            _answer(future, None)


def _answer(future: Future[None], error: Exception | None) -> None:
    try:
        if error is None:
            future.set_result(None)
        else:
            future.set_exception(error)
    except InvalidStateError:
        pass  # the caller gave up (its request was cancelled) and cancelled the future: the row is in anyway
