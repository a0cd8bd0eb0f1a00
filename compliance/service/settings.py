"""The service's settings: where its data lives, which database, which evidence, which limits."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from compliance.documents.cv_pdf import MAX_PDF_BYTES
from compliance.inputs.limits import MAX_INPUT_BYTES


@dataclass(frozen=True, slots=True)
class EvidenceOptions:
    """The evidence options ``check`` takes, for every check the service runs."""

    registry: Path | None = None  # a KvK snapshot folder
    kvk_api: bool = False  # the live KvK API (with its cache)
    offline: bool = False  # the KvK cache only
    attestations: Path | None = None  # reviewer attestations laid over every finding


@dataclass(frozen=True, slots=True)
class ServiceSettings:
    """Everything :func:`compliance.service.app.create_app` needs; the CLI fills it from options."""

    data_dir: Path
    database_url: str | None = None  # None: SQLite (WAL) at <data_dir>/service.sqlite3
    evidence: EvidenceOptions = EvidenceOptions()
    intake_workers: int = 1  # worker processes per intake job (``compliance intake --workers``)
    job_threads: int = 1  # intake jobs run at the same time by this instance; 0 = none (queue only)
    job_poll_seconds: float = 1.0
    job_lease_seconds: float = 60.0  # a running job whose instance is silent this long is taken over
    shutdown_grace_seconds: float = 20.0  # how long shutdown waits for a running intake job
    max_offer_bytes: int = MAX_INPUT_BYTES  # one offer's JSON
    max_cv_bytes: int = MAX_PDF_BYTES  # one CV PDF
    max_intake_bytes: int = 200 * 1024 * 1024  # all files of one intake upload together
    checks_per_minute: int = 60  # per API key (or web session): checks and verifications
    # Checks run off the event loop: in ``check_workers`` worker processes (so they use the other
    # cores, not this process's one interpreter), or with 0 in threads of this process.
    check_workers: int = 0
    # Checks accepted and not yet answered (waiting or running). One more gets 503 with
    # Retry-After at once: a full service says so instead of answering ever later.
    max_pending_checks: int = 64
    check_timeout_seconds: float = 30.0  # a check not answered by then gets 504 (it may still finish)
    retry_after_seconds: int = 1  # the Retry-After of a 503
    session_max_age_seconds: int = 8 * 3600
    secure_cookies: bool = False  # set behind a TLS proxy (``--secure-cookies``)

    @property
    def max_request_bytes(self) -> int:
        """The largest body of a check or verify request: an offer plus a CV plus form overhead."""
        return self.max_offer_bytes + self.max_cv_bytes + 64 * 1024

    @property
    def database(self) -> str:
        """The SQLAlchemy URL of the database."""
        return self.database_url or f"sqlite:///{self.data_dir / 'service.sqlite3'}"
