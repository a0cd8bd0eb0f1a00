"""The one seam between the service and the checker: offer bytes in, decision record out.

Every route calls these functions and nothing below them, so switching the service to offer
model v2 (issue 9) is a change in this module only. They run the pipeline ``compliance check``
runs (:mod:`compliance.pipeline`: load with validation, BSN masking and the CV, the checks, the
sources chosen by name from the evidence options, the attestations), with one setup per tender
shared by every request, then :func:`~compliance.report_files.signed_report` for the signed PDF and
:func:`~compliance.signing.verify.verify_report_pdf` for verification.

A bad offer raises the same :class:`~compliance.errors.InputError` (pointer + Dutch message) that
``check`` prints with exit 4, with the offer named as the caller named it, never a server path.
"""

from __future__ import annotations

import tempfile
import threading
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from compliance.documents.evidence import CV_POINTER
from compliance.engine import TenderContext
from compliance.errors import InputError, UnknownTenderError
from compliance.inputs.loader import document_loaded, parse_json_bytes
from compliance.inputs.tenders import bundled_tender_ids
from compliance.models.report import Report, ScoreInfo, report_adapter
from compliance.models.tender import Phase
from compliance.models.tender_v2 import TenderV2 as Tender
from compliance.pipeline import CheckSetup, LoadedOffer, context_for, decide, load, read_attestations
from compliance.service.settings import EvidenceOptions
from compliance.sources.select import SourceOptions, select_sources

if TYPE_CHECKING:
    from compliance.attestations import AttestationSet
    from compliance.signing.sign import ReportSigner

OFFER_NAME = "inschrijving.json"  # how problems name an uploaded offer
CV_NAME = "cv.pdf"  # the CV file name the web form gives the offer


@dataclass(frozen=True, slots=True)
class CheckOutcome:
    """One checked offer: the decision record, and the expected selection score (not part of the record)."""

    report: Report
    expected_score: ScoreInfo | None


@dataclass(frozen=True, slots=True)
class SignedReport:
    """The signed PDF and the decision JSON embedded in it (the report with its rendition)."""

    pdf: bytes
    report_json: bytes


class Pipeline:
    """The checker with the service's evidence options, loaded once and shared by every request."""

    def __init__(self, evidence: EvidenceOptions, scratch_dir: Path) -> None:
        self.evidence = evidence
        self.scratch_dir = scratch_dir
        scratch_dir.mkdir(parents=True, exist_ok=True)
        self.sources = select_sources(
            SourceOptions(registry=evidence.registry, kvk_api=evidence.kvk_api, offline=evidence.offline)
        )
        self.attestations: AttestationSet | None = read_attestations(evidence.attestations)
        self._setups: dict[str, CheckSetup] = {}
        # The package's tenders do not change while the service runs: listed once, not per request.
        self._tender_ids = tuple(bundled_tender_ids())
        self._signer: ReportSigner | None = None
        self._certificate: Any = None  # the signer's certificate: what this service's reports verify against
        self._lock = threading.Lock()
        # Where the documents of an offer sent without a CV are looked up, and not found: a folder that
        # nothing writes, so a CV such an offer names is missing (needs review), never another file.
        self._no_documents = Path(tempfile.mkdtemp(prefix="offer-", dir=scratch_dir))
        # Every report the service writes goes through the schema serialiser (report_to_json): built now,
        # not by the first request.
        report_adapter()

    # -- tenders -------------------------------------------------------------------------

    def tender_ids(self) -> tuple[str, ...]:
        """The tenders the service checks against (the bundled ones; never a path from a request)."""
        return self._tender_ids

    def tender(self, tender_id: str) -> TenderContext:
        """A bundled tender with its reference dates, loaded once (UnknownTenderError when unknown)."""
        return self.setup(tender_id).context

    def setup(self, tender_id: str) -> CheckSetup:
        """The pipeline's setup for a bundled tender: shared by every request, so its memo stays warm."""
        setup = self._setups.get(tender_id)
        if setup is not None:
            return setup
        if tender_id not in self.tender_ids():  # a tender ID from a request never names a file
            raise UnknownTenderError(f"aanbesteding '{tender_id}' niet gevonden")
        setup = CheckSetup(context_for(tender_id), self.sources, self.attestations)
        with self._lock:
            return self._setups.setdefault(tender_id, setup)

    # -- checks --------------------------------------------------------------------------

    def _tender_of(self, document: dict[str, Any], offer_name: str) -> str:
        """The tender an offer is for (its ``tender_id``), when the caller did not name one."""
        named = document.get("tender_id")
        if isinstance(named, str) and named in self.tender_ids():
            return named
        known = ", ".join(self.tender_ids())
        shown = f"'{named}'" if isinstance(named, str) else "ontbreekt"
        raise InputError(offer_name, [("/tender_id", f"onbekende aanbesteding {shown}; bekend: {known}")])

    def check(
        self,
        offer: bytes,
        tender_id: str | None,
        cv: bytes | None = None,
        *,
        phase: Phase = Phase.SUBMISSION,
        offer_name: str = OFFER_NAME,
    ) -> CheckOutcome:
        """Check one offer (JSON bytes, optionally with its CV PDF) against a tender (None: the one the
        offer names).

        The offer is parsed once. Without a CV nothing touches the disk: the documents the offer names
        are looked up in a folder that holds nothing, so a CV the offer names is missing (needs review),
        never a file an earlier request left behind. With a CV, the CV is staged
        in a private temporary folder at the path the offer names (``documents.cv.file``) and read by
        the pipeline exactly as ``check`` reads it.
        """
        document = parse_json_bytes(offer, offer_name)
        setup = self.setup(tender_id if tender_id is not None else self._tender_of(document, offer_name))
        loaded: LoadedOffer
        read = document_loaded(document, offer_name)
        try:
            if cv is None:
                loaded = load(setup, self._no_documents / OFFER_NAME, read)
            else:
                with tempfile.TemporaryDirectory(dir=self.scratch_dir) as folder:
                    staged = Path(folder) / OFFER_NAME
                    self._stage_cv(staged, document, cv)
                    loaded = load(setup, staged, read)
        except InputError as error:  # named as the caller named the offer, never by a server path
            raise InputError(offer_name, error.problems, omitted=error.omitted) from None
        report = decide(setup, loaded, phase)
        # The engine scores every wens with the knock-outs' own judges (report.score).
        return CheckOutcome(report, report.score)

    @staticmethod
    def _stage_cv(staged: Path, document: dict[str, Any], cv: bytes) -> None:
        from compliance.documents.paths import resolve_document

        documents = document.get("documents")
        cv_spec = documents.get("cv") if isinstance(documents, dict) else None
        name = cv_spec.get("file") if isinstance(cv_spec, dict) else None
        if not isinstance(name, str):
            raise InputError(
                str(staged),
                [
                    (
                        CV_POINTER,
                        "er is een cv meegestuurd, maar de inschrijving noemt geen cv-bestand; "
                        f'vul documents.cv.file in (bijv. "{CV_NAME}")',
                    )
                ],
            )
        target = resolve_document(staged, name, CV_POINTER)  # refuses absolute paths and '..'
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(cv)

    # -- signing and verification --------------------------------------------------------

    def signer(self) -> ReportSigner:
        """The report signer (the configured or local key, as ``check --out`` uses), loaded once."""
        with self._lock:
            if self._signer is None:
                from compliance.signing.keys import resolve_identity
                from compliance.signing.sign import ReportSigner

                identity, _ = resolve_identity()  # as the intake's load_signer, keeping the certificate
                self._signer = ReportSigner.from_identity(identity)
                self._certificate = identity.certificate
            return self._signer

    def sign(self, report: Report, lang: str = "nl") -> SignedReport:
        """Render and sign the report; the bytes ``check --out`` would write, without touching the disk."""
        from compliance.report_files import signed_report

        pdf, twin, _ = signed_report(report, self.signer(), lang)
        return SignedReport(pdf, twin)

    @staticmethod
    def read_report(report_json: bytes) -> Report:
        """A stored decision record back as the model (to sign it later)."""
        from compliance.models.report import report_adapter

        return report_adapter().validate_json(report_json)

    def verify(self, pdf: bytes) -> dict[str, Any]:
        """What ``compliance verify --format json`` answers for these bytes, trusting the signing key."""
        from compliance.cli.signing_cli import _exit_code, _verdict_line
        from compliance.signing.verify import verify_report_pdf

        self.signer()
        result = verify_report_pdf(pdf, [self._certificate])
        decision = result.decision  # the signed decision through the report model (None: not one of ours)
        return {
            "status": result.status.value,
            "exit_code": int(_exit_code(result, None)),
            "summary": _verdict_line(result, None),
            "problems": list(result.problems),
            "notes": list(result.notes),
            "signatures": [asdict(s) for s in result.signatures],
            "decision_id": decision.decision_id if decision else None,
            "verdict": decision.verdict.value if decision else None,
            "submission_id": decision.submission.submission_id if decision else None,
        }


def tender_requirements(tender: Tender) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(eisen, wensen) of a tender in plain Dutch: what an agency must meet and what earns points."""
    from compliance.checks.scoring import weight
    from compliance.render.tender_text import requirement_text

    eisen: list[dict[str, Any]] = []
    kinds = {
        "education": "Opleiding",
        "registration": "Registratie",
        "experience": "Ervaring",
        "certificate": "Certificaat of cursus",
        "statement": "Toelichting (beoordelaar)",
    }
    for rule in tender.knockouts:
        eisen.append(
            {
                "id": rule.id,
                "kind": kinds.get(rule.type, rule.type),
                "text": rule.clause.text or requirement_text(rule, tender),
            }
        )
    if tender.cv is not None and tender.cv.clause is not None:
        eisen.append({"id": tender.cv.clause.reference, "kind": "Cv", "text": tender.cv.clause.text or ""})
    rate = tender.rate
    if rate.max_hourly_rate_eur is not None:
        basis = "excl. btw" if rate.vat_basis == "excluded" else "incl. btw"
        eisen.append(
            {
                "id": rate.clause.reference if rate.clause else "Maximum tarief",
                "kind": "Tarief",
                "text": f"Maximaal uurtarief € {rate.max_hourly_rate_eur:.2f}".replace(".", ",") + f" {basis}",
            }
        )
    conditions = tender.conditions
    for label, clause in (
        ("Wet DBA", conditions.dba.clause),
        ("Waadi", conditions.waadi.clause),
        ("VOG", conditions.vog.clause if conditions.vog else None),
        (
            "Integriteitsverklaring",
            conditions.integrity_declaration.clause if conditions.integrity_declaration else None,
        ),
    ):
        if clause is not None:
            eisen.append({"id": clause.reference, "kind": label, "text": clause.text or ""})
    wensen: list[dict[str, Any]] = [
        {
            "id": criterion.id,
            "points": weight(criterion),
            "reference": criterion.clause.reference,
            "text": criterion.clause.text or requirement_text(criterion, tender),
        }
        for criterion in tender.criteria
    ]
    return eisen, wensen
