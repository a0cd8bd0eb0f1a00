"""The service's database: SQLAlchemy Core tables, SQLite (WAL) by default, PostgreSQL for several instances.

Only small records live here (keys, checks, intake jobs); reports and uploads are files under the
data folder named by their content hash (:mod:`.blobs`). Timestamps are ISO 8601 strings in UTC
(and job heartbeats epoch seconds), so both databases store and compare them the same way.
"""

from __future__ import annotations

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
)

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
