"""Verify a signed compliance report: is it intact, who signed it, and what does it say?

The answer separates three things a legal reviewer must not confuse:

* **invalid**: the file was changed after signing, a signature is broken, bytes were appended,
  the signed revision lacks the decision JSON, or the pages are not the recorded render;
* **untrusted**: everything is intact, but at least one signature is by a certificate the
  reviewer does not trust (``--trust``; by default the local signing certificate);
* **valid**: intact, and every signature is by a trusted certificate.

Every signature counts, each with its own status: the certifying signature that made the report,
and any later approval signature or document time stamp. A name in a certificate is a claim
anyone can write, so an extra signature by an unknown key (even one whose certificate copies a
trusted signer's name) leaves the file "intact, not trusted", never "valid". Which exit code each
bottom line gets is the CLI's decision (``compliance.cli.signing_cli``), not this module's.

Rules for "nothing changed since signing": the first signature must be our certifying signature;
every later revision must be a later signature (a reviewer's countersignature) or a document time
stamp, which pyHanko's modification analysis must accept under the certification's DocMDP level;
and the newest signature must cover the file to its last byte. The decision JSON is read from the
revision the certification signed, never from a later one.
"""

from __future__ import annotations

import io
import json
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from cryptography import x509

from compliance.canonical import sha256_hex
from compliance.signing.keys import certificate_fingerprint
from compliance.signing.sign import ATTACHMENT_MIME, SIGNATURE_FIELD, quiet_pyhanko

if TYPE_CHECKING:
    from compliance.models.report import Report


class VerifyStatus(StrEnum):
    """The bottom line of a verification."""

    VALID = "valid"
    UNTRUSTED = "untrusted"
    INVALID = "invalid"


class SignatureKind(StrEnum):
    """What a signature in a report does."""

    CERTIFICATION = "certification"  # the report's own signature, which fixes what may change later
    APPROVAL = "approval"  # a later (counter)signature, e.g. by a reviewer
    TIMESTAMP = "document_timestamp"  # a later document time stamp


@dataclass(frozen=True, slots=True)
class SignatureInfo:
    """One signature in the file, as validated."""

    field_name: str
    signer: str  # the name the certificate claims; only the fingerprint identifies the certificate
    certificate_sha256: str
    signed_at: str | None  # the signer's own claim (no time stamp in PAdES B-B)
    kind: SignatureKind
    intact: bool
    valid: bool
    trusted: bool
    coverage: str
    modification_level: str | None
    trust_problem: str | None

    @property
    def certifying(self) -> bool:
        """True for the report's certifying signature."""
        return self.kind is SignatureKind.CERTIFICATION

    @property
    def holds(self) -> bool:
        """The signed bytes are unchanged and the signature is cryptographically sound."""
        return self.intact and self.valid


@dataclass(frozen=True, slots=True)
class VerifyResult:
    """What ``compliance verify`` found; ``problems`` and ``notes`` are Dutch sentences.

    The bottom line (:attr:`status`) is derived from these fields, never stored beside them, so a
    caller that adds a problem (``dataclasses.replace``) cannot leave a stale verdict behind.
    """

    problems: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    signature: SignatureInfo | None = None  # the certifying signature
    later_signatures: tuple[SignatureInfo, ...] = ()
    report_json: bytes | None = field(default=None, repr=False)
    report: dict[str, Any] | None = field(default=None, repr=False)  # the signed JSON as written, any version
    # The same decision read through this version's report model; None when it is not one (another
    # version's record, or no readable decision). Whatever reasons about the decision reads this.
    decision: Report | None = field(default=None, repr=False)

    @property
    def signatures(self) -> tuple[SignatureInfo, ...]:
        """Every signature, in the order they were added (the certifying one first)."""
        return ((self.signature,) if self.signature is not None else ()) + self.later_signatures

    @property
    def untrusted(self) -> tuple[SignatureInfo, ...]:
        """The signatures whose certificate does not chain to a trusted certificate."""
        return tuple(s for s in self.signatures if not s.trusted)

    @property
    def status(self) -> VerifyStatus:
        """Invalid beats untrusted beats valid; one untrusted signature makes the whole file untrusted."""
        if self.problems or not self.signatures or not all(s.holds for s in self.signatures):
            return VerifyStatus.INVALID
        if self.untrusted:
            return VerifyStatus.UNTRUSTED
        return VerifyStatus.VALID


def _invalid(*problems: str) -> VerifyResult:
    return VerifyResult(problems=problems)


def _asn1(certificate: x509.Certificate) -> Any:
    from pyhanko.keys.internal import translate_pyca_cryptography_cert_to_asn1

    return translate_pyca_cryptography_cert_to_asn1(certificate)


def _info(embedded: Any, status: Any, kind: SignatureKind) -> SignatureInfo:
    from cryptography.x509 import load_der_x509_certificate

    from compliance.signing.keys import certificate_subject

    certificate = load_der_x509_certificate(embedded.signer_cert.dump())
    claimed = embedded.self_reported_timestamp
    level = getattr(status, "modification_level", None)
    problem = getattr(status, "trust_problem_indic", None)
    coverage = getattr(status, "coverage", None)
    return SignatureInfo(
        field_name=str(embedded.field_name),
        signer=certificate_subject(certificate),
        certificate_sha256=certificate_fingerprint(certificate),
        signed_at=claimed.isoformat(timespec="seconds") if claimed else None,
        kind=kind,
        intact=bool(status is not None and status.intact),
        valid=bool(status is not None and status.valid),
        trusted=bool(status is not None and status.trusted),
        coverage=coverage.name if coverage is not None else "UNKNOWN",
        modification_level=level.name if level is not None else None,
        trust_problem=getattr(problem, "name", None),
    )


def _look_alike_notes(signatures: Sequence[SignatureInfo]) -> list[str]:
    """A warning for each name that more than one certificate claims (a look-alike signer)."""
    fingerprints: dict[str, set[str]] = {}
    fields: dict[str, list[str]] = {}
    for info in signatures:
        fingerprints.setdefault(info.signer, set()).add(info.certificate_sha256)
        fields.setdefault(info.signer, []).append(f"'{info.field_name}'")
    return [
        f"Let op: de handtekeningen {', '.join(fields[name][:-1])} en {fields[name][-1]} noemen dezelfde "
        f"ondertekenaar ('{name}'), maar met {len(prints)} verschillende certificaten. Een naam in een "
        "certificaat kan iedereen invullen; alleen de vingerafdruk zegt wie er tekende."
        for name, prints in fingerprints.items()
        if len(prints) > 1
    ]


def _attachments(resolver: Any) -> list[tuple[str, Any]]:
    """(name, file spec) of every embedded file in one revision of the document."""
    # Resolve the catalog through the historical resolver itself: the trailer's /Root reference
    # would otherwise dereference against the *latest* revision (and read a replaced attachment).
    root = resolver.get_object(resolver.root_ref)
    try:
        names = root["/Names"]["/EmbeddedFiles"]["/Names"]
    except KeyError:
        return []
    return [(str(names[i]), names[i + 1]) for i in range(0, len(names) - 1, 2)]


def _signed_json(reader: Any, revision: int) -> tuple[bytes | None, str]:
    """The decision JSON embedded in ``revision``, or None with the Dutch reason."""
    from pyhanko.pdf_utils import generic

    files = []
    for name, spec in _attachments(reader.get_historical_resolver(revision)):
        try:
            stream = spec["/EF"]["/F"]
        except KeyError:
            continue
        subtype = stream.get("/Subtype")
        if name.endswith(".json") or (isinstance(subtype, generic.NameObject) and str(subtype)[1:] == ATTACHMENT_MIME):
            files.append(stream.data)
    if not files:
        return None, "de ondertekende versie bevat geen beslissing (JSON-bijlage)"
    if len(files) > 1:
        return None, "de ondertekende versie bevat meer dan één JSON-bijlage"
    return bytes(files[0]), ""


def _check_render(data: bytes, decision: dict[str, Any], report: Report | None) -> tuple[list[str], list[str]]:
    """Problems and notes from comparing the signed file's first revision with the recorded render."""
    problems: list[str] = []
    notes: list[str] = []
    rendition = decision.get("rendition")
    if not isinstance(rendition, dict):
        return ["de beslissing vermeldt niet welke weergave is ondertekend (rendition ontbreekt)"], notes
    try:
        size = int(rendition["unsigned_pdf_bytes"])
        expected = str(rendition["unsigned_pdf_sha256"])
    except (KeyError, TypeError, ValueError):
        return ["de gegevens over de weergave (rendition) zijn onvolledig"], notes
    if size <= 0 or size > len(data) or sha256_hex(data[:size]) != expected:
        problems.append("de pagina's zijn niet de weergave die in de beslissing is vastgelegd")
        return problems, notes
    notes.append("De pagina's zijn byte voor byte de vastgelegde weergave van de beslissing.")
    rerendered = _rerender(report)
    if rerendered is None:
        notes.append("Opnieuw opmaken is overgeslagen: andere versie van het hulpmiddel of van reportlab.")
    elif rerendered != expected:
        problems.append("de pagina's volgen niet uit de vastgelegde beslissing (opnieuw opmaken geeft iets anders)")
    else:
        notes.append("Opnieuw opmaken uit de JSON geeft precies dezelfde pagina's.")
    return problems, notes


def _rerender(report: Report | None) -> str | None:
    """sha256 of a fresh render of the embedded decision; None when versions differ (not comparable)."""
    from dataclasses import replace

    from compliance import __version__
    from compliance.render.pdf import render_report_pdf
    from compliance.report_files import renderer_name

    signed = report.rendition if report is not None else None
    if report is None or signed is None:  # a record this version cannot read: not comparable
        return None
    if signed.renderer != renderer_name() or report.tool.version != __version__:
        return None
    try:
        unsigned = render_report_pdf(
            replace(report, rendition=None), signed.lang, signed.signer, signed.signature_level
        )
    except Exception:  # a record this version reads but cannot lay out: not comparable
        return None
    return sha256_hex(unsigned)


def _as_report(decision: dict[str, Any]) -> Report | None:
    """The decision through the report model, or None when it is not a report of this version."""
    from pydantic import ValidationError

    from compliance.models.report import report_adapter

    try:
        return report_adapter().validate_python(decision)
    except ValidationError:
        return None


def verify_report_pdf(data: bytes, trust: Sequence[x509.Certificate] = ()) -> VerifyResult:
    """Verify a signed report's bytes against the trusted certificates ``trust``."""
    quiet_pyhanko()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return _verify(data, trust)
        except Exception as exc:  # a damaged file must give a verdict, never a traceback
            return _invalid(f"het bestand is geen leesbare ondertekende PDF ({type(exc).__name__}: {exc})")


def _certification_problems(status: Any) -> list[str]:
    """What is wrong with the certifying signature's own validation (nothing when it holds)."""
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    problems: list[str] = []
    if not status.intact:
        problems.append("de inhoud is na ondertekening gewijzigd: de handtekening past niet meer bij het bestand")
    elif not status.valid:
        problems.append("de handtekening zelf is ongeldig (beschadigd of niet van dit certificaat)")
    if status.coverage not in (SignatureCoverageLevel.ENTIRE_FILE, SignatureCoverageLevel.ENTIRE_REVISION):
        problems.append("de handtekening dekt het document niet volledig")
    elif status.coverage is SignatureCoverageLevel.ENTIRE_REVISION and not status.docmdp_ok:
        level = status.modification_level.name if status.modification_level is not None else "onbekend"
        problems.append(f"het document is na ondertekening gewijzigd op een niet-toegestane manier ({level})")
    return problems


def _later_signature(embedded: Any, context: Any) -> SignatureInfo:
    """A signature added after the certification: an approval signature or a document time stamp."""
    from pyhanko.sign.validation import validate_pdf_signature, validate_pdf_timestamp

    if embedded.sig_object_type == "/DocTimeStamp":
        status = validate_pdf_timestamp(embedded, validation_context=context)
        return _info(embedded, status, SignatureKind.TIMESTAMP)
    return _info(embedded, validate_pdf_signature(embedded, context), SignatureKind.APPROVAL)


@dataclass(frozen=True, slots=True)
class _SignedDecision:
    """The decision in the certified revision: its bytes, as written, as the model, and what its pages show."""

    report_json: bytes | None
    written: dict[str, Any] | None
    report: Report | None
    problems: list[str]
    notes: list[str]


def _decision(reader: Any, revision: int, data: bytes) -> _SignedDecision:
    """The signed decision and the check of its pages against it."""
    report_json, reason = _signed_json(reader, revision)
    if report_json is None:
        return _SignedDecision(None, None, None, [reason], [])
    try:
        loaded = json.loads(report_json.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        loaded = None
    if not isinstance(loaded, dict):
        return _SignedDecision(report_json, None, None, ["de ingesloten beslissing is geen leesbare JSON"], [])
    report = _as_report(loaded)
    problems, notes = _check_render(data, loaded, report)
    if report is None:
        notes.append("De ingesloten beslissing is geen rapport dat deze versie kan lezen; de inhoud is niet getoetst.")
    return _SignedDecision(report_json, loaded, report, problems, notes)


def _verify(data: bytes, trust: Sequence[x509.Certificate]) -> VerifyResult:
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    if not data.startswith(b"%PDF-"):
        return _invalid("het bestand is geen PDF")
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = list(reader.embedded_signatures)
    except (PdfReadError, ValueError, KeyError) as exc:
        return _invalid(f"de PDF is beschadigd en niet te lezen ({exc})")
    if not signatures:
        return _invalid("het bestand is niet ondertekend")
    signatures.sort(key=lambda s: s.signed_revision)
    first = signatures[0]
    if first.sig_object_type != "/Sig" or first.docmdp_level is None or first.field_name != SIGNATURE_FIELD:
        return _invalid("de eerste handtekening is niet de certificerende handtekening van een compliancerapport")

    def context() -> Any:
        # Explicit roots only (an empty list trusts nothing); never the system store, never the network.
        return ValidationContext(trust_roots=[_asn1(c) for c in trust], allow_fetching=False)

    status = validate_pdf_signature(first, context())
    main = _info(first, status, SignatureKind.CERTIFICATION)
    problems = _certification_problems(status)
    later = [_later_signature(embedded, context()) for embedded in signatures[1:]]
    problems += [
        f"een latere handtekening ({info.field_name}) is beschadigd of ongeldig" for info in later if not info.holds
    ]
    signed_revisions = {s.signed_revision for s in signatures}
    if any(r not in signed_revisions for r in range(first.signed_revision + 1, reader.xrefs.total_revisions)):
        problems.append("na ondertekening is het document aangevuld met wijzigingen die geen handtekening zijn")
    newest = signatures[-1]
    newest_coverage = newest.coverage if newest is not first else status.coverage
    if newest_coverage is not SignatureCoverageLevel.ENTIRE_FILE and not problems:
        problems.append("er staan gegevens achter het einde van het ondertekende document")

    signed = _decision(reader, first.signed_revision, data)
    return VerifyResult(
        problems=tuple(problems + signed.problems),
        notes=tuple(_look_alike_notes([main, *later]) + signed.notes),
        signature=main,
        later_signatures=tuple(later),
        report_json=signed.report_json,
        report=signed.written,
        decision=signed.report,
    )
