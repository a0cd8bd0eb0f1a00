"""Detached CMS signatures over arbitrary bytes (the award folder's ``manifest.json``).

A report PDF carries its signature inside; a JSON manifest cannot, so it gets a detached CMS
(PKCS #7) signature in a file beside it, made with the same key and signer as the reports (a
:class:`~compliance.signing.sign.ReportSigner`). Anyone can check it without this tool::

    openssl cms -verify -binary -inform DER -in manifest.json.p7s -content manifest.json -noverify

Verification applies the same trust rules as a report PDF (:mod:`compliance.signing.verify`):
only the given certificates are trusted, never the system store, never the network; intact
but signed by someone else is *untrusted*, not invalid.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from cryptography import x509

from compliance.errors import SigningError
from compliance.signing.sign import quiet_pyhanko
from compliance.signing.verify import VerifyStatus

if TYPE_CHECKING:
    from compliance.signing.sign import ReportSigner

DIGEST = "sha256"


@dataclass(frozen=True, slots=True)
class DetachedVerification:
    """The outcome of :func:`verify_detached`; ``problem`` is a Dutch sentence when invalid."""

    status: VerifyStatus
    signer: str = ""
    certificate_sha256: str = ""
    signed_at: str | None = None  # the signer's own claim (no time stamp)
    problem: str = ""


def sign_detached(data: bytes, signer: ReportSigner) -> bytes:
    """A detached CMS signature (DER) over ``data``, by the report signer's key."""
    from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes

    quiet_pyhanko()
    try:
        content_info = asyncio.run(
            signer.signer.async_sign_general_data(
                data,
                DIGEST,
                detached=True,
                timestamper=signer.timestamper,
                # A claim, not proof (no time stamp in B-B), but what a reader of the file expects.
                signed_attr_settings=PdfCMSSignedAttributes(signing_time=datetime.now(UTC)),
            )
        )
        return bytes(content_info.dump())
    except Exception as exc:  # key back-ends (tokens, remote seals) raise their own types
        raise SigningError(f"ondertekenen van het manifest mislukt ({type(exc).__name__}: {exc})") from exc


def _certificate(signed_data: Any) -> x509.Certificate | None:
    from pyhanko.sign.general import extract_certificate_info

    signer_cert = extract_certificate_info(signed_data).signer_cert
    return x509.load_der_x509_certificate(signer_cert.dump()) if signer_cert is not None else None


def verify_detached(data: bytes, signature: bytes, trust: Sequence[x509.Certificate] = ()) -> DetachedVerification:
    """Check a detached CMS signature over ``data`` against the trusted certificates ``trust``."""
    quiet_pyhanko()
    try:
        return _verify(data, signature, trust)
    except Exception as exc:  # a damaged signature file must give a verdict, never a traceback
        return DetachedVerification(
            VerifyStatus.INVALID, problem=f"geen leesbare CMS-handtekening ({type(exc).__name__}: {exc})"
        )


def _verify(data: bytes, signature: bytes, trust: Sequence[x509.Certificate]) -> DetachedVerification:
    from asn1crypto import cms
    from pyhanko.keys.internal import translate_pyca_cryptography_cert_to_asn1
    from pyhanko.sign.validation.generic_cms import async_validate_detached_cms
    from pyhanko_certvalidator import ValidationContext

    from compliance.signing.keys import certificate_fingerprint, certificate_subject

    content_info = cms.ContentInfo.load(signature, strict=True)
    if content_info["content_type"].native != "signed_data":
        return DetachedVerification(VerifyStatus.INVALID, problem="geen CMS SignedData-handtekening")
    signed_data = content_info["content"]
    if signed_data["encap_content_info"]["content"].native is not None:
        return DetachedVerification(VerifyStatus.INVALID, problem="geen losse (detached) handtekening")
    certificate = _certificate(signed_data)
    if certificate is None:
        return DetachedVerification(VerifyStatus.INVALID, problem="het certificaat van de ondertekenaar ontbreekt")
    # Explicit roots only (an empty list trusts nothing); never the system store, never the network.
    context = ValidationContext(
        trust_roots=[translate_pyca_cryptography_cert_to_asn1(c) for c in trust], allow_fetching=False
    )
    status = asyncio.run(async_validate_detached_cms(data, signed_data, signer_validation_context=context))
    claimed = status.signer_reported_dt
    result = DetachedVerification(
        VerifyStatus.VALID if status.trusted else VerifyStatus.UNTRUSTED,
        signer=certificate_subject(certificate),
        certificate_sha256=certificate_fingerprint(certificate),
        signed_at=claimed.isoformat(timespec="seconds") if claimed else None,
    )
    if not status.intact:
        return replace(
            result,
            status=VerifyStatus.INVALID,
            problem="de handtekening past niet bij de inhoud: na ondertekening gewijzigd",
        )
    if not status.valid:
        return replace(
            result,
            status=VerifyStatus.INVALID,
            problem="de handtekening zelf is ongeldig (beschadigd of niet van dit certificaat)",
        )
    return result
