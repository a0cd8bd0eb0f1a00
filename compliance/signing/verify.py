"""Verify a signed compliance report: is it intact, is it ours, and what does it say?

The answer separates three things a legal reviewer must not confuse:

* **invalid** (exit 5): the file was changed after signing, the signature is broken, bytes were
  appended, the signed revision lacks the decision JSON, or the pages are not the recorded render;
* **untrusted** (exit 6): everything is intact, but the signer's certificate is not one the
  reviewer trusts (``--trust``; by default the local signing certificate);
* **valid** (exit 0): intact and trusted.

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
from typing import Any

from cryptography import x509

from compliance.canonical import sha256_hex
from compliance.errors import ExitCode
from compliance.signing.keys import certificate_fingerprint
from compliance.signing.sign import ATTACHMENT_MIME, SIGNATURE_FIELD, quiet_pyhanko


class VerifyStatus(StrEnum):
    """The bottom line of a verification."""

    VALID = "valid"
    UNTRUSTED = "untrusted"
    INVALID = "invalid"


_EXIT = {
    VerifyStatus.VALID: ExitCode.COMPLIANT,
    VerifyStatus.UNTRUSTED: ExitCode.UNTRUSTED_SIGNATURE,
    VerifyStatus.INVALID: ExitCode.INVALID_SIGNATURE,
}


@dataclass(frozen=True, slots=True)
class SignatureInfo:
    """One signature in the file, as validated."""

    field_name: str
    signer: str
    certificate_sha256: str
    signed_at: str | None  # the signer's own claim (no time stamp in PAdES B-B)
    certifying: bool
    intact: bool
    valid: bool
    trusted: bool
    coverage: str
    modification_level: str | None
    trust_problem: str | None


@dataclass(frozen=True, slots=True)
class VerifyResult:
    """What ``compliance verify`` found; ``problems`` and ``notes`` are Dutch sentences."""

    status: VerifyStatus
    problems: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    signature: SignatureInfo | None = None
    later_signatures: tuple[SignatureInfo, ...] = ()
    report_json: bytes | None = field(default=None, repr=False)
    report: dict[str, Any] | None = field(default=None, repr=False)

    @property
    def exit_code(self) -> ExitCode:
        """0 valid and trusted, 5 invalid or tampered, 6 intact but not trusted."""
        return _EXIT[self.status]


def _invalid(*problems: str, **rest: Any) -> VerifyResult:
    return VerifyResult(VerifyStatus.INVALID, problems=problems, **rest)


def _asn1(certificate: x509.Certificate) -> Any:
    from pyhanko.keys.internal import translate_pyca_cryptography_cert_to_asn1

    return translate_pyca_cryptography_cert_to_asn1(certificate)


def _info(embedded: Any, status: Any, certifying: bool) -> SignatureInfo:
    from cryptography.x509 import load_der_x509_certificate

    from compliance.signing.keys import certificate_subject

    certificate = load_der_x509_certificate(embedded.signer_cert.dump())
    claimed = embedded.self_reported_timestamp
    level = status.modification_level if status is not None else None
    problem = getattr(status, "trust_problem_indic", None) if status is not None else None
    return SignatureInfo(
        field_name=str(embedded.field_name),
        signer=certificate_subject(certificate),
        certificate_sha256=certificate_fingerprint(certificate),
        signed_at=claimed.isoformat(timespec="seconds") if claimed else None,
        certifying=certifying,
        intact=bool(status is not None and status.intact),
        valid=bool(status is not None and status.valid),
        trusted=bool(status is not None and status.trusted),
        coverage=status.coverage.name if status is not None and status.coverage is not None else "UNKNOWN",
        modification_level=level.name if level is not None else None,
        trust_problem=getattr(problem, "name", None),
    )


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


def _check_render(data: bytes, decision: dict[str, Any]) -> tuple[list[str], list[str]]:
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
    rerendered = _rerender(decision, rendition)
    if rerendered is None:
        notes.append("Opnieuw opmaken is overgeslagen: andere versie van het hulpmiddel of van reportlab.")
    elif rerendered != expected:
        problems.append("de pagina's volgen niet uit de vastgelegde beslissing (opnieuw opmaken geeft iets anders)")
    else:
        notes.append("Opnieuw opmaken uit de JSON geeft precies dezelfde pagina's.")
    return problems, notes


def _rerender(decision: dict[str, Any], rendition: dict[str, Any]) -> str | None:
    """sha256 of a fresh render of the embedded decision; None when versions differ (not comparable)."""
    from dataclasses import replace

    from compliance import __version__
    from compliance.models.report import SignerNote, report_adapter
    from compliance.render.pdf import render_report_pdf
    from compliance.report_files import renderer_name

    tool = decision.get("tool") or {}
    if rendition.get("renderer") != renderer_name() or tool.get("version") != __version__:
        return None
    try:
        report = replace(report_adapter().validate_python(decision), rendition=None)
        signer = SignerNote(**rendition["signer"])
        unsigned = render_report_pdf(report, str(rendition["lang"]), signer, str(rendition["signature_level"]))
    except Exception:  # a record this version cannot read cannot be re-rendered: not comparable
        return None
    return sha256_hex(unsigned)


def verify_report_pdf(data: bytes, trust: Sequence[x509.Certificate] = ()) -> VerifyResult:
    """Verify a signed report's bytes against the trusted certificates ``trust``."""
    quiet_pyhanko()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return _verify(data, trust)
        except Exception as exc:  # a damaged file must give a verdict, never a traceback
            return _invalid(f"het bestand is geen leesbare ondertekende PDF ({type(exc).__name__}: {exc})")


def _verify(data: bytes, trust: Sequence[x509.Certificate]) -> VerifyResult:
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature, validate_pdf_timestamp
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

    problems: list[str] = []
    notes: list[str] = []
    status = validate_pdf_signature(first, context())
    main = _info(first, status, certifying=True)
    if not status.intact:
        problems.append("de inhoud is na ondertekening gewijzigd: de handtekening past niet meer bij het bestand")
    elif not status.valid:
        problems.append("de handtekening zelf is ongeldig (beschadigd of niet van dit certificaat)")
    if status.coverage not in (SignatureCoverageLevel.ENTIRE_FILE, SignatureCoverageLevel.ENTIRE_REVISION):
        problems.append("de handtekening dekt het document niet volledig")
    elif status.coverage is SignatureCoverageLevel.ENTIRE_REVISION and not status.docmdp_ok:
        level = status.modification_level.name if status.modification_level is not None else "onbekend"
        problems.append(f"het document is na ondertekening gewijzigd op een niet-toegestane manier ({level})")

    later: list[SignatureInfo] = []
    signed_revisions = {first.signed_revision}
    for embedded in signatures[1:]:
        signed_revisions.add(embedded.signed_revision)
        if embedded.sig_object_type == "/DocTimeStamp":
            ts_status = validate_pdf_timestamp(embedded, validation_context=context())
            info = _info(embedded, ts_status, certifying=False)
        else:
            info = _info(embedded, validate_pdf_signature(embedded, context()), certifying=False)
        later.append(info)
        if not (info.intact and info.valid):
            problems.append(f"een latere handtekening ({info.field_name}) is beschadigd of ongeldig")
        else:
            trust_word = "vertrouwd" if info.trusted else "niet vertrouwd"
            notes.append(f"Latere handtekening '{info.field_name}' door {info.signer}: intact, {trust_word}.")
    unexplained = [
        r for r in range(first.signed_revision + 1, reader.xrefs.total_revisions) if r not in signed_revisions
    ]
    if unexplained:
        problems.append("na ondertekening is het document aangevuld met wijzigingen die geen handtekening zijn")
    newest = signatures[-1]
    newest_coverage = newest.coverage if newest is not first else status.coverage
    if newest_coverage is not SignatureCoverageLevel.ENTIRE_FILE and not problems:
        problems.append("er staan gegevens achter het einde van het ondertekende document")

    report_json, reason = _signed_json(reader, first.signed_revision)
    decision: dict[str, Any] | None = None
    if report_json is None:
        problems.append(reason)
    else:
        try:
            loaded = json.loads(report_json.decode("utf-8"))
            decision = loaded if isinstance(loaded, dict) else None
        except (UnicodeDecodeError, ValueError):
            decision = None
        if decision is None:
            problems.append("de ingesloten beslissing is geen leesbare JSON")
        else:
            render_problems, render_notes = _check_render(data, decision)
            problems += render_problems
            notes += render_notes

    common: dict[str, Any] = {
        "notes": tuple(notes),
        "signature": main,
        "later_signatures": tuple(later),
        "report_json": report_json,
        "report": decision,
    }
    if problems:
        return VerifyResult(VerifyStatus.INVALID, problems=tuple(problems), **common)
    if not status.trusted:
        return VerifyResult(VerifyStatus.UNTRUSTED, **common)
    return VerifyResult(VerifyStatus.VALID, **common)
