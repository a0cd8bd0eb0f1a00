"""Intake jobs: queued in the database, run by :func:`compliance.intake.runner.run_intake` in a thread.

A job is a folder under ``<data>/intakes/<id>/`` (the uploaded offers and documents in
``offers/``, the award folder in ``award/``) and a row in ``intakes``. A runner thread claims a
queued job with a conditional UPDATE (so with several instances on one PostgreSQL database each
job runs once), keeps a heartbeat while it runs, and records the outcome. A job whose instance
stopped (killed, restarted, crashed) stops beating; after the lease any instance claims it again
and ``run_intake`` resumes in the same award folder, reusing every report that is already
written and intact, as ``compliance intake`` does when it is run again.

Graceful shutdown stops claiming new jobs and waits a while for the running ones; a job still
running when the process ends is handed back to the queue.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, and_, or_, select, update

from compliance.service.db import intakes, now_iso
from compliance.service.settings import ServiceSettings

log = logging.getLogger("compliance.service.jobs")

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
MAX_ATTEMPTS = 3  # a job that kills its instance three times is failed, not retried forever
OFFERS_DIR = "offers"
AWARD_DIR = "award"


@dataclass(frozen=True, slots=True)
class JobPaths:
    """The folders of one intake job."""

    root: Path

    @property
    def offers(self) -> Path:
        """The uploaded offers and documents (the intake's submissions folder)."""
        return self.root / OFFERS_DIR

    @property
    def award(self) -> Path:
        """The award folder ``run_intake`` writes."""
        return self.root / AWARD_DIR


def job_paths(settings: ServiceSettings, intake_id: str) -> JobPaths:
    """Where a job's files live."""
    return JobPaths(settings.data_dir / "intakes" / intake_id)


def new_intake_id() -> str:
    """A fresh, unguessable job ID."""
    return uuid.uuid4().hex


class _DatabaseProgress:
    """run_intake's progress observer: stage and counts into the job's row (also the heartbeat)."""

    def __init__(self, engine: Engine, intake_id: str, instance: str) -> None:
        self.engine = engine
        self.intake_id = intake_id
        self.instance = instance
        self.stage = ""
        self.done = 0
        self.total = 0
        self._last_write = 0.0

    def _write(self, force: bool = False) -> None:
        now = time.time()
        if not force and now - self._last_write < 0.5:
            return
        self._last_write = now
        with self.engine.begin() as connection:
            connection.execute(
                update(intakes)
                .where(intakes.c.intake_id == self.intake_id, intakes.c.claimed_by == self.instance)
                .values(stage=self.stage, done=self.done, total=self.total, heartbeat=now)
            )

    def begin(self, stage: str, total: int) -> None:
        self.stage, self.done, self.total = stage, 0, total
        self._write(force=True)

    def advance(self, amount: int = 1) -> None:
        self.done += amount
        self._write()

    def end(self) -> None:
        self._write(force=True)


class JobRunner:
    """Runs queued intake jobs in ``settings.job_threads`` threads of this process."""

    def __init__(self, settings: ServiceSettings, engine: Engine) -> None:
        self.settings = settings
        self.engine = engine
        self.instance = uuid.uuid4().hex  # this process; a restarted service is another instance
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._running: dict[str, threading.Thread] = {}
        self._lock = threading.Lock()

    # -- lifecycle -----------------------------------------------------------------------

    def start(self) -> None:
        """Start the runner threads (none when ``job_threads`` is 0: this instance only queues)."""
        for number in range(self.settings.job_threads):
            thread = threading.Thread(target=self._loop, name=f"intake-runner-{number}", daemon=True)
            thread.start()
            self._threads.append(thread)
        if self._threads:
            beat = threading.Thread(target=self._heartbeat, name="intake-heartbeat", daemon=True)
            beat.start()
            self._threads.append(beat)

    def stop(self) -> None:
        """Stop claiming; wait up to the grace period for running jobs; hand back what still runs."""
        self._stop.set()
        deadline = time.monotonic() + self.settings.shutdown_grace_seconds
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        with self._lock:
            unfinished = list(self._running)
        for intake_id in unfinished:
            with self.engine.begin() as connection:
                connection.execute(
                    update(intakes)
                    .where(intakes.c.intake_id == intake_id, intakes.c.claimed_by == self.instance)
                    .values(status=QUEUED, claimed_by=None, heartbeat=None, attempts=intakes.c.attempts - 1)
                )
            log.info(json.dumps({"event": "intake_requeued", "intake_id": intake_id}))

    # -- the loop ------------------------------------------------------------------------

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                intake_id = self.claim()
            except Exception:  # the database may be briefly unreachable; try again later
                log.exception("claiming an intake job failed")
                intake_id = None
            if intake_id is None:
                self._stop.wait(self.settings.job_poll_seconds)
                continue
            with self._lock:
                self._running[intake_id] = threading.current_thread()
            try:
                self.run(intake_id)
            finally:
                with self._lock:
                    self._running.pop(intake_id, None)

    def _heartbeat(self) -> None:
        interval = max(0.2, self.settings.job_lease_seconds / 4)
        while not self._stop.wait(interval):
            with self._lock:
                running = list(self._running)
            if not running:
                continue
            try:
                with self.engine.begin() as connection:
                    connection.execute(
                        update(intakes)
                        .where(intakes.c.intake_id.in_(running), intakes.c.claimed_by == self.instance)
                        .values(heartbeat=time.time())
                    )
            except Exception:
                log.exception("intake heartbeat failed")

    def claim(self) -> str | None:
        """Claim the oldest queued job, or one whose instance went silent; None when there is none."""
        stale = time.time() - self.settings.job_lease_seconds
        claimable = or_(
            intakes.c.status == QUEUED,
            and_(intakes.c.status == RUNNING, or_(intakes.c.heartbeat.is_(None), intakes.c.heartbeat < stale)),
        )
        with self.engine.connect() as connection:
            candidates = connection.execute(
                select(intakes.c.intake_id, intakes.c.attempts).where(claimable).order_by(intakes.c.created_at).limit(5)
            ).all()
        for intake_id, attempts in candidates:
            with self.engine.begin() as connection:
                if attempts >= MAX_ATTEMPTS:
                    connection.execute(
                        update(intakes)
                        .where(intakes.c.intake_id == intake_id, claimable)
                        .values(status=FAILED, error="de intake is herhaaldelijk afgebroken", finished_at=now_iso())
                    )
                    continue
                claimed = connection.execute(
                    update(intakes)
                    .where(intakes.c.intake_id == intake_id, claimable)
                    .values(status=RUNNING, claimed_by=self.instance, heartbeat=time.time(), attempts=attempts + 1)
                )
            if claimed.rowcount == 1:
                return str(intake_id)
        return None

    def run(self, intake_id: str) -> None:
        """Run one claimed job to its end and record the outcome."""
        from compliance.errors import ComplianceError
        from compliance.intake.runner import IntakeConfig, run_intake

        with self.engine.connect() as connection:
            row = connection.execute(select(intakes).where(intakes.c.intake_id == intake_id)).mappings().one()
        paths = job_paths(self.settings, intake_id)
        evidence = self.settings.evidence
        config = IntakeConfig(
            submissions_dir=paths.offers,
            tender=row["tender_id"],
            out_dir=paths.award,
            registry=evidence.registry,  # the intake reads a KvK snapshot folder only
            workers=self.settings.intake_workers,
            attestations=evidence.attestations,
        )
        values: dict[str, Any]
        try:
            result = run_intake(config, _DatabaseProgress(self.engine, intake_id, self.instance))
            values = {"status": DONE, "error": None, "files": len(result.rows)}
        except ComplianceError as error:
            values = {"status": FAILED, "error": error.diagnostics()}
        except Exception as error:  # a defect must not kill the runner thread; fail the job, visibly
            log.exception("intake job %s failed", intake_id)
            values = {"status": FAILED, "error": f"interne fout ({type(error).__name__})"}
        with self.engine.begin() as connection:
            connection.execute(
                update(intakes)
                .where(intakes.c.intake_id == intake_id, intakes.c.claimed_by == self.instance)
                .values(**values, finished_at=now_iso(), heartbeat=None)
            )
