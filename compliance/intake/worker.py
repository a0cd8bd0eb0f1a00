"""What runs inside an intake worker process: assess files (step 1 and 2) and write signed reports.

Each worker builds the pipeline's setup (tender, registry, attestations: :mod:`compliance.pipeline`,
the same as ``check``) and the signer once, in the pool initializer, and keeps them for every task
it gets. Tasks and results are small records (:mod:`.records`).
"""

from __future__ import annotations

import dataclasses
import os
import signal
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from compliance.canonical import sha256_hex
from compliance.checks.scoring import NEEDS_REVIEW
from compliance.errors import ComplianceError
from compliance.intake.audit import file_sha256
from compliance.intake.records import Assessment, CriterionPoints, ReportDone, ReportJob, WrittenFile
from compliance.intake.scoring import rate_for_ranking
from compliance.models.findings import Status
from compliance.models.report import Report, Verdict, report_adapter, report_to_json
from compliance.models.tender_v2 import SelectionSpec
from compliance.pipeline import CheckSetup, LoadedOffer, SourceOptions, build_setup, decide, load, read_attestations
from compliance.rules.parameters import default_rules

if TYPE_CHECKING:
    from compliance.attestations import AttestationSet
    from compliance.signing.sign import ReportSigner

REPORTS_DIR = "kandidaten"  # per-candidate signed PDF and JSON, inside the award folder


@dataclass(frozen=True, slots=True)
class WorkerConfig:
    """Everything a worker needs to set itself up (picklable: plain strings)."""

    tender: str  # a bundled tender ID or a path
    registry: str | None
    submissions_dir: str
    out_dir: str
    decision_time: str  # ISO instant: the reports' generated_at, fixed per award folder
    lang: str = "nl"
    attestations: str | None = None  # reviewer attestations laid over the findings (as in ``check``)
    # The main process's COMPLIANCE_* settings (signing key, config folder): a worker started from
    # a fork server inherits the server's environment, which may be older than this run's.
    environment: tuple[tuple[str, str], ...] = ()


def tool_environment() -> tuple[tuple[str, str], ...]:
    """The COMPLIANCE_* variables of this process, to hand to the workers."""
    return tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith("COMPLIANCE_")))


def _apply_environment(environment: tuple[tuple[str, str], ...]) -> None:
    for name in [k for k in os.environ if k.startswith("COMPLIANCE_")]:
        del os.environ[name]
    os.environ.update(dict(environment))


@dataclass(slots=True)
class _WorkerState:
    config: WorkerConfig
    setup: CheckSetup
    selection: SelectionSpec
    generated_at: datetime
    vat: Decimal  # the standard BTW rate at the deadline, to compare offers on one basis
    signer: ReportSigner | None = None


_state: _WorkerState | None = None


def init_worker(config: WorkerConfig, with_signer: bool = True) -> None:
    """Pool initializer: load the tender, the registry and the signer once for this process."""
    global _state
    # Ctrl-C is for the main process: it stops handing out work, and a worker finishes the
    # report it is writing (atomically) instead of dying with a traceback halfway.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _apply_environment(config.environment)
    setup = build_setup(
        config.tender,
        SourceOptions(registry=Path(config.registry) if config.registry else None),
        Path(config.attestations) if config.attestations else None,
    )
    if setup.tender.selection is None:  # the main process refuses such a tender before starting workers
        raise RuntimeError(f"{setup.context.source}: tender without selection criteria")
    signer = load_signer() if with_signer else None
    report_adapter()  # a worker writes many reports: the schema serialiser pays for itself after a few
    vat = default_rules().at("btw_standard_rate_percent", setup.context.dates.deadline_date).value
    _state = _WorkerState(
        config=config,
        setup=setup,
        selection=setup.tender.selection,
        generated_at=datetime.fromisoformat(config.decision_time),
        vat=Decimal(str(vat)),
        signer=signer,
    )


def load_signer() -> ReportSigner:
    """The report signer: key material from the environment, or the local key (created on first use)."""
    from compliance.signing.keys import resolve_identity
    from compliance.signing.sign import ReportSigner

    identity, _ = resolve_identity()
    return ReportSigner.from_identity(identity)


def load_attestation_set(path: str | None) -> AttestationSet | None:
    """The attestation file as ``check --attestations`` reads it (None when not given); for the main process."""
    return read_attestations(Path(path) if path is not None else None)


def _current() -> _WorkerState:
    if _state is None:
        raise RuntimeError("intake worker used before init_worker()")
    return _state


def _evaluate(state: _WorkerState, file: str) -> tuple[LoadedOffer, Report]:
    """The pipeline on one file, at the award folder's decision time; the wensen of compliant offers only."""
    offer = load(state.setup, Path(state.config.submissions_dir) / file)
    return offer, decide(state.setup, offer, generated_at=state.generated_at, score_all=False)


def _reason_line(report: Report) -> str:
    """One line: the failed blocking checks (excluded) or the checks to review (needs review)."""
    if report.verdict is Verdict.NON_COMPLIANT:
        wanted = {Status.FAIL}
    elif report.verdict is Verdict.NEEDS_REVIEW:
        wanted = {Status.NEEDS_REVIEW, Status.ERROR}
    else:
        return ""
    parts = [
        f"{f.check_id}: {' '.join(f.reason.split())}"
        for f in report.findings
        if f.status in wanted and (f.blocking or f.status is Status.ERROR)
    ]
    if report.verdict is Verdict.NEEDS_REVIEW and not parts:
        parts = ["geen enkele blokkerende controle kon worden vastgesteld"]
    return " | ".join(parts)


def _assess_one(state: _WorkerState, file: str) -> Assessment:
    path = Path(state.config.submissions_dir) / file
    try:
        file_hash, size = file_sha256(path)
    except OSError:
        file_hash, size = "", 0
    try:
        offer, report = _evaluate(state, file)
    except ComplianceError as error:
        return Assessment(file=file, file_sha256=file_hash, file_bytes=size, error=error.diagnostics())
    except Exception as error:  # one broken submission must not stop the batch; fail closed
        return Assessment(
            file=file,
            file_sha256=file_hash,
            file_bytes=size,
            error=f"{path}: interne fout bij het verwerken ({type(error).__name__}: {error})",
            internal_error=True,
        )
    submission, score = offer.submission, report.score
    return Assessment(
        file=file,
        file_sha256=file_hash,
        file_bytes=size,
        submission_id=submission.submission_id,
        input_sha256=offer.input_sha256,
        candidate_id=submission.candidate.id,
        candidate_name=submission.candidate.name,
        supplier_name=submission.supplier.name,
        supplier_kvk_number=submission.supplier.kvk_number,
        rate=str(submission.offer.hourly_rate_eur),
        vat_included=submission.offer.vat_included,
        rate_excl_vat=str(rate_for_ranking(submission.offer.hourly_rate_eur, submission.offer.vat_included, state.vat)),
        verdict=report.verdict.value,
        failed_checks=report.summary.blocking_failures,
        review_checks=report.summary.blocking_reviews,
        reason=_reason_line(report),
        points=score.total_points if score else None,
        max_points=score.max_points if score else None,
        criteria=tuple(CriterionPoints(c.criterion_id, c.points, c.max_points, c.status) for c in score.criteria)
        if score
        else (),
        criteria_to_review=tuple(c.criterion_id for c in score.criteria if c.status == NEEDS_REVIEW) if score else (),
        report_digest=sha256_hex(report_to_json(report).encode("utf-8")),
        documents=tuple(
            (_document_path(file, d.path), d.sha256, d.size_bytes or 0) for d in report.evidence if d.sha256
        ),
    )


def _document_path(submission_file: str, document: str) -> str:
    """A document's path relative to the submissions folder (documents are named relative to their submission)."""
    return (Path(submission_file).parent / document).as_posix()


def assess_files(files: list[str]) -> list[Assessment]:
    """Task: step 1 and 2 for a chunk of files."""
    state = _current()
    return [_assess_one(state, file) for file in files]


def _write_one(state: _WorkerState, job: ReportJob) -> ReportDone:
    from compliance.report_files import write_report_files

    try:
        _, report = _evaluate(state, job.file)
    except Exception as error:
        return ReportDone(job.submission_id, job.key, error=f"{job.file}: niet opnieuw te lezen ({error})")
    if sha256_hex(report_to_json(report).encode("utf-8")) != job.report_digest:
        return ReportDone(job.submission_id, job.key, error=f"{job.file}: het bestand is tijdens de intake gewijzigd")
    if report.score is not None:
        placed = dataclasses.replace(report.score, rank=job.rank, selected=job.selected, tie=job.tie)
        report = dataclasses.replace(report, score=placed)
    out_dir = Path(state.config.out_dir)
    if state.signer is None:
        raise RuntimeError("intake worker started without a signer")
    try:
        written = write_report_files(report, out_dir / REPORTS_DIR, state.signer, lang=state.config.lang)
    except ComplianceError:
        raise  # signing or writing failed: that stops the run, it is not about this candidate
    except Exception as error:  # a rendering defect for one candidate must not stop the others
        message = f"{job.file}: rapport niet gemaakt door een interne fout ({type(error).__name__}: {error})"
        return ReportDone(job.submission_id, job.key, error=message, internal=True)
    files = [
        WrittenFile(path.relative_to(out_dir).as_posix(), role, digest, path.stat().st_size)
        for role, path, digest in (
            ("report_pdf", written.pdf_path, written.pdf_sha256),
            ("report_json", written.json_path, written.json_sha256),
        )
    ]
    return ReportDone(job.submission_id, job.key, tuple(files))


def write_reports(jobs: list[ReportJob]) -> list[ReportDone]:
    """Task: write the signed PDF and JSON of a chunk of candidates."""
    state = _current()
    return [_write_one(state, job) for job in jobs]
