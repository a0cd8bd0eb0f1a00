"""The intake of a whole tender: check every submission, score and rank, write the award file.

The flow (``run_intake``):

1. every ``*.json`` file in the folder is checked (step 1) and, when compliant, scored (step 2)
   in a pool of worker processes; workers return small records, never whole reports;
2. the main process ranks the compliant ones (ties marked, never ordered silently);
3. the workers write each candidate's signed PDF and JSON, now with rank and selection;
4. the main process writes the summaries, the signed ranking overview and, last, the signed
   manifest of every file in the folder (:mod:`.manifest`), and records every step in the
   hash-chained audit log.

Re-running on the same folder resumes: the audit log records, per candidate, a key over
everything the report depends on and the hashes of the files written; a candidate whose key
and files still match is reused, everything else is redone. All files are written atomically,
and temporary files a killed run left behind are removed at the start. Workers end when the main
process ends, however it ends (:mod:`.processes`).

Library code: progress goes to a :class:`ProgressObserver`, never to the terminal directly.
"""

from __future__ import annotations

import dataclasses
import fcntl
import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from compliance import __version__
from compliance.canonical import canonical_json, sha256_hex
from compliance.errors import ComplianceError, ExitCode, InputError
from compliance.inputs.limits import MAX_INPUT_BYTES
from compliance.inputs.tenders import bundled_tender_ids, resolve_tender
from compliance.intake import usable_cores
from compliance.intake.audit import AUDIT_FILE, AuditLog, file_sha256, read_entries
from compliance.intake.manifest import (
    MANIFEST_FILE,
    ManifestFile,
    refuse_irregular,
    withdraw_manifest,
    write_signed_manifest,
)
from compliance.intake.overview_pdf import overview_rendition, render_overview, sign_overview
from compliance.intake.processes import worker_pool
from compliance.intake.records import Assessment, Outcome, ReportDone, ReportJob, WrittenFile
from compliance.intake.scoring import Contender, Ranking, rank
from compliance.intake.summary import (
    OVERVIEW_PDF,
    SUMMARY_CSV,
    SUMMARY_JSON,
    SummaryRow,
    classify,
    counts,
    write_summaries,
)
from compliance.intake.worker import (
    REPORTS_DIR,
    WorkerConfig,
    assess_files,
    init_worker,
    load_attestation_set,
    load_signer,
    tool_environment,
    write_reports,
)
from compliance.models.tender_v2 import TenderV2 as Tender
from compliance.rules.parameters import default_rules
from compliance.sources.registry import SnapshotRegistry

if TYPE_CHECKING:
    from compliance.signing.sign import ReportSigner

STAGE_ASSESS = "Controleren en scoren"
STAGE_REPORTS = "Rapporten ondertekenen"

T = TypeVar("T")
R = TypeVar("R")


class ProgressObserver(Protocol):
    """Told what the intake is doing; the CLI shows it as a progress bar or as plain lines."""

    def begin(self, stage: str, total: int) -> None:
        """A stage of ``total`` items starts."""

    def advance(self, amount: int = 1) -> None:
        """``amount`` more items of the current stage are done."""

    def end(self) -> None:
        """The current stage is finished."""


class NullProgress:
    """Shows nothing (library use, tests)."""

    def begin(self, stage: str, total: int) -> None:
        """Ignore."""

    def advance(self, amount: int = 1) -> None:
        """Ignore."""

    def end(self) -> None:
        """Ignore."""


class FolderBusyError(ComplianceError):
    """Another intake is writing to the same award folder."""

    exit_code = ExitCode.USAGE


class IntakeInterrupted(ComplianceError):
    """A worker process died (killed, out of memory): what is done is kept; re-running finishes the rest."""

    exit_code = ExitCode.INTERNAL


@dataclass(frozen=True, slots=True)
class IntakeConfig:
    """The command's options."""

    submissions_dir: Path
    tender: str
    out_dir: Path | None = None  # default: reports/<tender-id>/
    registry: Path | None = None
    workers: int | None = None  # default: the number of usable cores
    lang: str = "nl"
    attestations: Path | None = None  # reviewer attestations, applied as ``check --attestations`` does


@dataclass(frozen=True, slots=True)
class IntakeResult:
    """What the run produced, for the terminal and the tests."""

    out_dir: Path
    tender: Tender
    rows: tuple[SummaryRow, ...]
    ranking: Ranking
    counts: dict[str, int]
    other_files: tuple[str, ...]  # files in the folder that are not *.json: listed, not read
    reports_written: int
    reports_reused: int
    overview_reused: bool
    audit_head: str
    audit_entries: int
    unlisted_files: tuple[str, ...] = ()  # files in the award folder the intake did not write (signed as "other")


def _not_an_offer(path: Path) -> bool:
    """A JSON file that is clearly something else: an attestation file or a tender (listed, not checked).

    Anything unreadable or ambiguous counts as an offer, so a broken offer still becomes an error
    row rather than disappearing from the batch."""
    try:
        if path.stat().st_size > MAX_INPUT_BYTES:
            return False
        document = json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return False
    if not isinstance(document, dict) or "submission_id" in document or "candidate" in document:
        return False
    is_attestations = "attestations" in document
    is_tender = "tender_id" in document and ("requirements" in document or "knockouts" in document)
    return is_attestations or is_tender


def list_submissions(folder: Path) -> tuple[list[str], list[str]]:
    """(offer file names, other file names) directly in the folder, sorted; sub-folders are not read.

    Offers are the ``*.json`` files; an attestation file or a tender file beside them is listed with
    the other files (reported, never read as a broken offer)."""
    if not folder.is_dir():
        raise InputError(str(folder), [("", "map met inschrijvingen bestaat niet of is geen map")])
    submissions: list[str] = []
    others: list[str] = []
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if not entry.is_file():
            continue
        is_offer = entry.suffix.lower() == ".json" and not _not_an_offer(entry)
        (submissions if is_offer else others).append(entry.name)
    if not submissions:
        raise InputError(str(folder), [("", "geen inschrijvingen (*.json) gevonden in deze map")])
    return submissions, others


@contextmanager
def folder_lock(folder: Path) -> Iterator[int]:
    """Hold an exclusive lock on the award folder for the whole run (released when the process dies).

    The lock is on the folder itself, not on a lock file inside it: the signed manifest lists every
    file in the folder, and a lock file would be one that changes meaning between runs. Yields the
    locked descriptor, which forked workers close (their copy would keep the lock).
    """
    folder.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise FolderBusyError(
                f"{folder}: een andere intake schrijft al in deze map; wacht tot die klaar is"
            ) from None
        yield descriptor
    finally:
        os.close(descriptor)


_LEGACY_LOCK_FILE = ".intake.lock"  # where earlier versions locked the folder; always empty


def remove_stale_temporaries(folder: Path) -> int:
    """Remove the temporary files of atomic writes that a killed run left (``.<name>.<random>.tmp``)."""
    removed = 0
    legacy = folder / _LEGACY_LOCK_FILE
    if legacy.is_file() and not legacy.is_symlink() and legacy.stat().st_size == 0:
        legacy.unlink()
    for directory in (folder, folder / REPORTS_DIR):
        if not directory.is_dir():
            continue
        for entry in directory.iterdir():
            if entry.name.startswith(".") and entry.name.endswith(".tmp") and entry.is_file():
                entry.unlink(missing_ok=True)
                removed += 1
    return removed


@dataclass(slots=True)
class _Ledger:
    """What earlier runs in this folder recorded: the decision time and the files per candidate."""

    decision_time: str | None = None
    reports: dict[str, dict[str, Any]] = field(default_factory=dict)
    overview: dict[str, Any] | None = None


def _read_ledger(log_path: Path) -> _Ledger:
    ledger = _Ledger()
    for entry in read_entries(log_path):
        if entry.event == "intake_started" and ledger.decision_time is None:
            ledger.decision_time = str(entry.data["decision_time"])
        elif entry.event == "candidate" and entry.data.get("report_key"):
            ledger.reports[str(entry.data["submission_id"])] = entry.data
        elif entry.event == "stale_report_removed":
            ledger.reports.pop(str(entry.data["submission_id"]), None)
        elif entry.event == "overview_written":
            ledger.overview = entry.data
    return ledger


def _new_decision_time() -> str:
    """Now, or ``SOURCE_DATE_EPOCH`` when set (reproducible runs in a fresh folder)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch and epoch.isdigit() else datetime.now(UTC)
    return moment.isoformat(timespec="seconds")


def _files_intact(folder: Path, files: Iterable[dict[str, Any]]) -> bool:
    for item in files:
        path = folder / str(item["path"])
        try:
            if file_sha256(path)[0] != item["sha256"]:
                return False
        except OSError:
            return False
    return True


def _stream(
    pool: ProcessPoolExecutor, task: Callable[[list[T]], list[R]], chunks: Iterable[list[T]], window: int
) -> Iterator[list[R]]:
    """Run ``task`` over chunks with at most ``window`` in flight, yielding results as they finish."""
    source = iter(chunks)
    pending: set[Future[list[R]]] = {pool.submit(task, chunk) for chunk in islice(source, window)}
    while pending:
        done, pending = wait(pending, return_when=FIRST_COMPLETED)
        for future in done:
            for chunk in islice(source, 1):
                pending.add(pool.submit(task, chunk))
            yield future.result()


def _chunks(items: Sequence[T], size: int) -> Iterator[list[T]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


def _mark_duplicates(assessments: list[Assessment]) -> list[Assessment]:
    """Files that share a submission ID are all bad input: outputs are named by it, and guessing is unfair."""
    files_by_id: dict[str, list[str]] = {}
    for item in assessments:
        if item.ok:
            files_by_id.setdefault(item.submission_id, []).append(item.file)
    result = []
    for item in assessments:
        others = [f for f in files_by_id.get(item.submission_id, []) if f != item.file] if item.ok else []
        if others:
            message = f"{item.file}: submission_id '{item.submission_id}' komt ook voor in {', '.join(others)}"
            item = dataclasses.replace(item, error=message)
        result.append(item)
    return result


def _report_key(item: Assessment, row: SummaryRow, lang: str, signer_sha256: str) -> str:
    """Same key, same unsigned report by the same key: a report signed by an earlier key is redone.

    So every signature in a finished folder is by one key, the manifest's (``verify`` checks that).
    """
    return sha256_hex(
        canonical_json(
            {
                "digest": item.report_digest,
                "rank": row.rank,
                "selected": row.selected,
                "tie": row.tie,
                "lang": lang,
                "signer": signer_sha256,
            }
        )
    )


def _relative(path: Path, folder: Path) -> str:
    return Path(os.path.relpath(path.resolve(), folder.resolve())).as_posix()


class _Run:
    """One intake run; split in steps so each stays small."""

    def __init__(self, config: IntakeConfig, progress: ProgressObserver) -> None:
        self.config = config
        self.progress = progress
        self.tender, self.tender_loaded = resolve_tender(config.tender)
        if self.tender.selection is None:
            raise InputError(
                self.tender_loaded.path,
                [("/selection", "ontbreekt: de intake kan zonder selectiecriteria niet scoren")],
            )
        self.selection = self.tender.selection
        self.submissions_dir = config.submissions_dir
        self.out = config.out_dir or Path("reports") / self.tender.tender_id
        self.workers = max(1, config.workers or usable_cores())
        self.rules = default_rules()
        self.signer_sha256 = ""  # the signing certificate's fingerprint, part of every report's reuse key
        # Fail fast here, with the file named, rather than in every worker's initializer.
        if config.registry is not None:
            SnapshotRegistry(config.registry)
        load_attestation_set(str(config.attestations) if config.attestations else None)

    def header(self, decision_time: str) -> dict[str, Any]:
        spec = self.tender
        return {
            "schema_version": "1",
            "tool": {"name": "compliance", "version": __version__},
            "tender": {
                "tender_id": spec.tender_id,
                "title": spec.title,
                "organisation": spec.organisation,
                "deadline": spec.deadline.isoformat(),
                "sha256": self.tender_loaded.sha256,
                "source": self.tender_loaded.path,
            },
            "rules": {"version": self.rules.version, "sha256": self.rules.sha256},
            "phase": "submission",
            "decision_time": decision_time,
        }

    def run(self) -> IntakeResult:
        files, others = list_submissions(self.submissions_dir)
        with folder_lock(self.out) as lock:
            remove_stale_temporaries(self.out)
            refuse_irregular(self.out)
            log = AuditLog.open(self.out / AUDIT_FILE)
            ledger = _read_ledger(log.path)
            decision_time = ledger.decision_time or _new_decision_time()
            signer = load_signer()  # here first: creates the local key once, before workers race for it
            self.signer_sha256 = signer.note.certificate_sha256
            log.append(
                "intake_started",
                {
                    **self.header(decision_time),
                    "submissions_dir": _relative(self.submissions_dir, self.out),
                    "files": len(files),
                    "other_files": others,
                    "workers": self.workers,
                    "resumed": ledger.decision_time is not None,
                },
            )
            withdrawn = withdraw_manifest(self.out)  # until the new one is signed, the folder is unfinished
            if withdrawn:
                log.append("manifest_withdrawn", {"sha256": withdrawn})
            pool = worker_pool(
                self.workers, init_worker, (self.worker_config(decision_time),), close_in_workers=(lock,)
            )
            try:
                ranking, rows = self.rank(self.assess(pool, files))
                rows, written, reused = self.write_reports(pool, log, ledger, rows)
            except BaseException as error:
                pool.shutdown(wait=False, cancel_futures=True)
                reason = "onderbroken" if isinstance(error, KeyboardInterrupt) else f"{type(error).__name__}: {error}"
                log.append("intake_interrupted", {"reason": reason})
                if isinstance(error, BrokenProcessPool):
                    raise IntakeInterrupted(
                        "een werkproces is onverwacht gestopt (afgebroken of geheugen op); wat klaar is, is bewaard. "
                        "Start dezelfde opdracht opnieuw om de intake af te maken."
                    ) from None
                raise
            pool.shutdown(wait=True)
            self.remove_stale_reports(log, ledger, rows)
            overview_reused, outputs = self.write_award_file(log, ledger, rows, ranking, signer, decision_time, others)
            log.append(
                "intake_completed",
                {"counts": counts(rows), "reports_written": written, "reports_reused": reused},
            )
            unlisted = write_signed_manifest(
                self.out, self.header(decision_time), self.input_files(rows), outputs, log, signer
            )
        return IntakeResult(
            out_dir=self.out,
            tender=self.tender,
            rows=tuple(rows),
            ranking=ranking,
            counts=counts(rows),
            other_files=tuple(others),
            reports_written=written,
            reports_reused=reused,
            overview_reused=overview_reused,
            audit_head=log.head,
            audit_entries=log.entries,
            unlisted_files=tuple(item.path for item in unlisted),
        )

    def worker_config(self, decision_time: str) -> WorkerConfig:
        return WorkerConfig(
            tender=self.config.tender,
            registry=str(self.config.registry) if self.config.registry else None,
            submissions_dir=str(self.submissions_dir),
            out_dir=str(self.out),
            decision_time=decision_time,
            lang=self.config.lang,
            attestations=str(self.config.attestations) if self.config.attestations else None,
            environment=tool_environment(),
        )

    def write_award_file(
        self,
        log: AuditLog,
        ledger: _Ledger,
        rows: list[SummaryRow],
        ranking: Ranking,
        signer: ReportSigner,
        decision_time: str,
        others: list[str],
    ) -> tuple[bool, list[ManifestFile]]:
        """The summaries and the signed overview: (whether the overview was reused, every output file)."""
        header = self.header(decision_time)
        unsigned = render_overview(self.tender, rows, ranking, header, self.config.lang)
        # summary.json records the overview's render and is embedded in the signed overview, so
        # ``compliance verify`` checks the overview's pages the way it checks a candidate report's.
        summary_header = {
            **header,
            "rendition": overview_rendition(unsigned, signer, self.config.lang),
            "other_files": others,  # listed, not read: nothing in the folder is skipped silently
        }
        criterion_ids = [c.id for c in self.tender.criteria]
        json_path, csv_path = write_summaries(self.out, rows, summary_header, ranking, criterion_ids)
        reused = self.write_overview(log, ledger, unsigned, signer, json_path.read_bytes())
        return reused, self.output_files(rows, json_path, csv_path)

    def assess(self, pool: ProcessPoolExecutor, files: list[str]) -> list[Assessment]:
        """Step 1 and 2 in the pool; chunks amortise the hand-over cost of small tasks."""
        self.progress.begin(STAGE_ASSESS, len(files))
        size = max(1, min(16, len(files) // (self.workers * 8) or 1))
        results: list[Assessment] = []
        for chunk in _stream(pool, assess_files, _chunks(files, size), self.workers * 4):
            results += chunk
            self.progress.advance(len(chunk))
        self.progress.end()
        return _mark_duplicates(sorted(results, key=lambda a: a.file))

    def rank(self, assessments: list[Assessment]) -> tuple[Ranking, list[SummaryRow]]:
        """Rank the compliant ones and place every file in the summary order."""
        contenders = [
            Contender(
                a.submission_id,
                a.points or 0,
                Decimal(a.rate_excl_vat),
                {c.criterion_id: c.points for c in a.criteria},
            )
            for a in assessments
            if a.ok and a.verdict == "compliant"
        ]
        ranking = rank(contenders, self.selection.max_selected, self.selection.tie_break)
        return ranking, classify(assessments, ranking)

    def write_reports(
        self, pool: ProcessPoolExecutor, log: AuditLog, ledger: _Ledger, rows: list[SummaryRow]
    ) -> tuple[list[SummaryRow], int, int]:
        """Reuse intact reports, have the workers write the others; one audit entry per submission."""
        jobs: list[ReportJob] = []
        done: dict[str, ReportDone] = {}
        for row in rows:
            item = row.assessment
            if not item.ok:
                log.append("input_error", {"file": item.file, "file_sha256": item.file_sha256, "error": row.one_line})
                continue
            key = _report_key(item, row, self.config.lang, self.signer_sha256)
            earlier = ledger.reports.get(item.submission_id)
            if earlier and earlier.get("report_key") == key and _files_intact(self.out, earlier["files"]):
                files = tuple(WrittenFile(**f) for f in earlier["files"])
                done[item.submission_id] = ReportDone(item.submission_id, key, files, reused=True)
                self.log_candidate(log, row, done[item.submission_id])
            else:
                jobs.append(
                    ReportJob(item.file, item.submission_id, key, item.report_digest, row.rank, row.selected, row.tie)
                )
        self.progress.begin(STAGE_REPORTS, len(rows) - sum(1 for r in rows if not r.assessment.ok))
        self.progress.advance(len(done))
        by_id = {row.assessment.submission_id: row for row in rows if row.assessment.ok}
        for chunk in _stream(pool, write_reports, _chunks(jobs, 1), self.workers * 2):
            for result in chunk:
                done[result.submission_id] = result
                self.log_candidate(log, by_id[result.submission_id], result)
            self.progress.advance(len(chunk))
        self.progress.end()
        updated = [self.with_files(row, done.get(row.assessment.submission_id)) for row in rows]
        reused = sum(1 for d in done.values() if d.reused)
        written = sum(1 for d in done.values() if not d.reused and not d.error)
        return updated, written, reused

    @staticmethod
    def with_files(row: SummaryRow, result: ReportDone | None) -> SummaryRow:
        if result is None or not row.assessment.ok:
            return row
        if result.error:
            return dataclasses.replace(row, outcome=Outcome.ERROR, error=result.error, internal_error=result.internal)
        paths = {f.role: f.path for f in result.files}
        return dataclasses.replace(
            row, report_pdf=paths.get("report_pdf", ""), report_json=paths.get("report_json", "")
        )

    def log_candidate(self, log: AuditLog, row: SummaryRow, result: ReportDone) -> None:
        item = row.assessment
        log.append(
            "candidate",
            {
                "submission_id": item.submission_id,
                "file": item.file,
                "file_sha256": item.file_sha256,
                "input_sha256": item.input_sha256,
                "verdict": item.verdict,
                "outcome": row.outcome.value,
                "failed_checks": list(item.failed_checks),
                "review_checks": list(item.review_checks),
                "points": item.points,
                "hourly_rate_eur": item.rate,
                "vat_included": item.vat_included,
                "rate_excl_vat_eur": item.rate_excl_vat,
                "rank": row.rank,
                "tie": row.tie,
                "selected": row.selected,
                "reason": row.one_line,
                "report_key": None if result.error else result.key,
                "files": [dataclasses.asdict(f) for f in result.files],
                "reused": result.reused,
                "error": result.error,
            },
        )

    def remove_stale_reports(self, log: AuditLog, ledger: _Ledger, rows: list[SummaryRow]) -> None:
        """Reports this folder holds for submissions no longer in the batch are removed (and logged)."""
        current = {row.assessment.submission_id for row in rows if row.report_pdf}
        for submission_id, earlier in sorted(ledger.reports.items()):
            if submission_id in current:
                continue
            removed = []
            for item in earlier.get("files", []):
                path = self.out / str(item["path"])
                if path.is_file() and file_sha256(path)[0] == item["sha256"]:
                    path.unlink()
                    removed.append(item["path"])
            log.append("stale_report_removed", {"submission_id": submission_id, "files": removed})

    def write_overview(
        self, log: AuditLog, ledger: _Ledger, unsigned: bytes, signer: ReportSigner, summary: bytes
    ) -> bool:
        """Sign and write the ranking overview, unless the same render and summary are already there intact."""
        key = sha256_hex(unsigned + summary)
        earlier = ledger.overview
        if earlier and earlier.get("key") == key and _files_intact(self.out, [earlier]):
            log.append("overview_written", {**earlier, "reused": True})
            return True
        sign_overview(unsigned, self.out / OVERVIEW_PDF, signer, summary, self.config.lang)
        digest, _ = file_sha256(self.out / OVERVIEW_PDF)
        log.append("overview_written", {"path": OVERVIEW_PDF, "key": key, "sha256": digest, "reused": False})
        return False

    def output_files(self, rows: list[SummaryRow], *summaries: Path) -> list[ManifestFile]:
        outputs = [
            ManifestFile(path=_relative(path, self.out), role=role, sha256=digest, bytes=size)
            for path, role in (
                (summaries[0], "summary_json"),
                (summaries[1], "summary_csv"),
                (self.out / OVERVIEW_PDF, "ranking_pdf"),
            )
            for digest, size in [file_sha256(path)]
        ]
        for row in rows:
            for relative, role in ((row.report_pdf, "report_pdf"), (row.report_json, "report_json")):
                if relative:
                    digest, size = file_sha256(self.out / relative)
                    outputs.append(ManifestFile(relative, role, digest, size))
        return outputs

    def input_files(self, rows: list[SummaryRow]) -> list[ManifestFile]:
        inputs = []
        for row in rows:
            item = row.assessment
            path = self.submissions_dir / item.file
            inputs.append(
                ManifestFile(
                    _relative(path, self.out),
                    "submission",
                    item.file_sha256,
                    item.file_bytes,
                    note=f"input_sha256 (canonieke JSON) {item.input_sha256}" if item.input_sha256 else "",
                )
            )
            for document, digest, size in item.documents:
                inputs.append(
                    ManifestFile(_relative(self.submissions_dir / document, self.out), "document", digest, size)
                )
        tender_path = Path(self.config.tender)
        if self.config.tender not in bundled_tender_ids():
            digest, size = file_sha256(tender_path)
            inputs.append(ManifestFile(_relative(tender_path, self.out), "tender", digest, size))
        else:
            inputs.append(
                ManifestFile(
                    self.tender_loaded.path,
                    "tender",
                    self.tender_loaded.sha256,
                    0,
                    note="ingebouwde aanbesteding: sha256 over de canonieke JSON",
                )
            )
        if self.config.attestations:
            digest, size = file_sha256(self.config.attestations)
            inputs.append(ManifestFile(_relative(self.config.attestations, self.out), "attestations", digest, size))
        if self.config.registry:
            kvk_numbers = sorted({r.assessment.supplier_kvk_number for r in rows if r.assessment.ok})
            for number in kvk_numbers:
                record = self.config.registry / f"{number}.json"
                if record.is_file():
                    digest, size = file_sha256(record)
                    inputs.append(ManifestFile(_relative(record, self.out), "registry", digest, size))
        return inputs


def run_intake(config: IntakeConfig, progress: ProgressObserver | None = None) -> IntakeResult:
    """Run the intake of a folder of submissions against one tender (see the module docstring)."""
    return _Run(config, progress or NullProgress()).run()


__all__ = [
    "MANIFEST_FILE",
    "OVERVIEW_PDF",
    "SUMMARY_CSV",
    "SUMMARY_JSON",
    "IntakeConfig",
    "IntakeInterrupted",
    "IntakeResult",
    "NullProgress",
    "ProgressObserver",
    "run_intake",
]
