"""Work the service runs off the event loop: single checks (:class:`CheckRunner`) and intake jobs.

**Checks.** ``POST /v1/checks`` hands the offer to a :class:`CheckRunner`: a bounded pool of
worker processes (``--workers``; each loads the tenders, the registry and the signer once) or,
with ``check_workers=0``, threads of this process. A worker checks the offer, serialises the
decision record once and writes the blobs; the request then only inserts the row (group commit,
:class:`~compliance.service.db.RowWriter`) and sends the bytes. At most ``max_pending_checks``
checks wait or run at a time: one more is refused at once with 503 and Retry-After, so an
overloaded service answers "later" instead of ever more slowly. A check that takes longer than
``check_timeout_seconds`` is answered with 504; it keeps its place in the bound until it ends.

**Intake jobs:** queued in the database, run by :func:`compliance.intake.runner.run_intake` in a thread.

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

import asyncio
import json
import logging
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from pydantic_core import to_json
from sqlalchemy import Engine, and_, or_, select, update

from compliance.errors import InputError
from compliance.models.report import report_to_json
from compliance.models.tender import Phase
from compliance.service.blobs import BlobStore
from compliance.service.db import intakes, now_iso
from compliance.service.pipeline import CheckOutcome, Pipeline
from compliance.service.settings import EvidenceOptions, ServiceSettings

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


# -- single checks -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CheckRequest:
    """One offer to check, as it crosses to a worker process (plain, picklable values)."""

    offer: bytes
    cv: bytes | None
    tender: str | None  # None: the tender_id the offer names
    phase: Phase
    signed: bool


@dataclass(frozen=True, slots=True)
class StoredCheck:
    """A checked offer with its blobs written: the row's values, and the decision record's bytes."""

    values: dict[str, Any]  # the ``checks`` columns except check_id, org and created_at
    report_json: bytes


@dataclass(frozen=True, slots=True)
class RefusedOffer:
    """A bad offer: the InputError's parts (an exception does not always survive pickling)."""

    file: str
    problems: list[tuple[str, str]]
    omitted: int

    def error(self) -> InputError:
        """The InputError again, for the 422."""
        return InputError(self.file, self.problems, omitted=self.omitted)


class ServiceBusy(Exception):
    """Every place for a check is taken (503)."""


class CheckTimedOut(Exception):
    """The check was not answered within the timeout (504)."""


def store_outcome(
    pipeline: Pipeline, blobs: BlobStore, outcome: CheckOutcome, offer: bytes, cv: bytes | None, signed: bool
) -> StoredCheck:
    """Serialise the decision record once and write the blobs (and, if asked, the signed PDF)."""
    report = outcome.report
    report_json = report_to_json(report).encode("utf-8")
    values: dict[str, Any] = {
        "tender_id": report.tender.tender_id,
        "submission_id": report.submission.submission_id,
        "verdict": report.verdict.value,
        "report_sha256": blobs.put("reports", report_json, "json"),
        "offer_sha256": blobs.put("offers", offer, "json"),
        "cv_sha256": blobs.put("cvs", cv, "pdf") if cv is not None else None,
        "pdf_sha256": blobs.put("pdfs", pipeline.sign(report).pdf, "pdf") if signed else None,
        "score_json": to_json(outcome.expected_score).decode("utf-8") if outcome.expected_score else None,
    }
    return StoredCheck(values, report_json)


def perform_check(pipeline: Pipeline, blobs: BlobStore, request: CheckRequest) -> StoredCheck | RefusedOffer:
    """The whole of one check outside the event loop: which tender, the pipeline, the blobs."""
    try:
        outcome = pipeline.check(request.offer, request.tender, request.cv, phase=request.phase)
    except InputError as error:
        return RefusedOffer(error.file, list(error.problems), error.omitted)
    return store_outcome(pipeline, blobs, outcome, request.offer, request.cv, request.signed)


@dataclass(slots=True)
class _CheckWorker:
    pipeline: Pipeline
    blobs: BlobStore


_worker: _CheckWorker | None = None


def _init_check_worker(evidence: EvidenceOptions, scratch_dir: str, blob_root: str) -> None:
    """Worker process initializer: its own pipeline (tenders, registry, signer loaded once), its own scratch."""
    global _worker
    import signal

    # Ctrl-C and SIGTERM (systemd signals the whole group) are for the server: it finishes the
    # checks in flight and then ends the pool. A worker whose server dies ends too (worker_pool).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    scratch = Path(tempfile.mkdtemp(prefix="worker-", dir=scratch_dir))
    _worker = _CheckWorker(warmed(Pipeline(evidence, scratch)), BlobStore(Path(blob_root)))


def warmed(pipeline: Pipeline) -> Pipeline:
    """The pipeline with every bundled tender and the signer loaded: no request pays for a first use."""
    pipeline.signer()
    for tender_id in pipeline.tender_ids():
        pipeline.tender(tender_id)
    return pipeline


def _check_in_worker(request: CheckRequest) -> StoredCheck | RefusedOffer:
    if _worker is None:
        raise RuntimeError("check worker not initialised")
    return perform_check(_worker.pipeline, _worker.blobs, request)


class CheckRunner:
    """Runs checks off the event loop with a bound on how many wait or run, and a timeout."""

    THREADS = 4  # with check_workers=0: enough to overlap file writes; the interpreter runs one at a time

    def __init__(self, settings: ServiceSettings, pipeline: Pipeline, blobs: BlobStore) -> None:
        self.settings = settings
        self.pipeline = pipeline
        self.blobs = blobs
        self._pending = 0
        self._lock = threading.Lock()
        self._executor, self._task = self._start()

    def _start(self) -> tuple[Executor, Callable[[CheckRequest], StoredCheck | RefusedOffer]]:
        workers = self.settings.check_workers
        if workers <= 0:
            threads = ThreadPoolExecutor(max_workers=self.THREADS, thread_name_prefix="check")
            return threads, partial(perform_check, self.pipeline, self.blobs)
        from compliance.intake.processes import worker_pool

        # Warm this process first: the signing key then exists before two workers could both make
        # one, and the workers fork with the modules (pyHanko, reportlab) already imported.
        warmed(self.pipeline)
        scratch = str(self.pipeline.scratch_dir)
        pool = worker_pool(workers, _init_check_worker, (self.settings.evidence, scratch, str(self.blobs.root)))
        return pool, _check_in_worker

    @property
    def pending(self) -> int:
        """Checks accepted and not yet finished."""
        return self._pending

    def _reserve(self) -> None:
        with self._lock:
            if self._pending >= self.settings.max_pending_checks:
                raise ServiceBusy
            self._pending += 1

    def _release(self, _future: object = None) -> None:
        with self._lock:
            self._pending -= 1

    def submit(self, request: CheckRequest) -> Future[StoredCheck | RefusedOffer]:
        """Start a check (ServiceBusy when the bound is reached); its place is freed when it ends."""
        self._reserve()
        try:
            future = self._executor.submit(self._task, request)
        except BrokenProcessPool:
            self._release()
            self._restart()
            raise ServiceBusy from None
        except BaseException:
            self._release()
            raise
        future.add_done_callback(self._release)
        return future

    async def run(self, request: CheckRequest) -> StoredCheck | RefusedOffer:
        """Check in a worker and wait, at most ``check_timeout_seconds`` (then CheckTimedOut)."""
        future = self.submit(request)
        try:
            # shield: a timeout must not cancel the wrapped future's bookkeeping, only stop waiting
            return await asyncio.wait_for(
                asyncio.shield(asyncio.wrap_future(future)), self.settings.check_timeout_seconds
            )
        except TimeoutError:
            future.cancel()  # only if it has not started; a running check ends on its own
            raise CheckTimedOut from None
        except BrokenProcessPool:  # a worker died (killed, out of memory): start fresh ones
            self._restart()
            raise ServiceBusy from None

    def _restart(self) -> None:
        with self._lock:
            old = self._executor
            if not getattr(old, "_broken", False):
                return  # another request restarted it already
            self._executor, self._task = self._start()
        old.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        """Finish the checks in flight, then end the workers."""
        self._executor.shutdown(wait=True, cancel_futures=True)


# -- intake jobs ---------------------------------------------------------------------------------


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
