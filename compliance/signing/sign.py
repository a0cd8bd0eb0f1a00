"""Sign a rendered report: embed the decision JSON and add a certifying PAdES signature.

Both happen in one incremental update on top of the deterministic reportlab render, so the JSON
attachment is inside the signed revision and the render stays the file's first revision (its
hash, recorded in the JSON, can be checked against the signed file's first bytes).

The signature *certifies* the document with DocMDP level 2 (form filling and signing), which
lets reviewers add their own approval signatures later while any other change is detectable.
No time stamp server is used by default (PAdES B-B); pass any pyHanko ``TimeStamper`` for B-T,
and any pyHanko ``Signer`` (a PKCS#11 token, a remote qualified seal) instead of the local key.

Speed: pyHanko's ``SimpleSigner`` re-parses its private key on every signature (for RSA that
includes a slow consistency check), re-encodes the constant signing-certificate attribute, and
without ``bytes_reserved`` signs twice, once only to measure the signature size.
:class:`ReportSigner` keeps the parsed key and the encoded attribute, and measures the size once.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import logging
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from compliance.errors import SigningError
from compliance.models.report import SignerNote

if TYPE_CHECKING:
    from compliance.signing.keys import SigningIdentity

SIGNATURE_FIELD = "ComplianceReport"
ATTACHMENT_MIME = "application/json"


def quiet_pyhanko() -> None:
    """pyHanko logs full tracebacks for conditions we report ourselves (e.g. untrusted chains)."""
    for name in ("pyhanko", "pyhanko_certvalidator", "pyhanko.sign", "pyhanko.pdf_utils"):
        logging.getLogger(name).setLevel(logging.CRITICAL + 1)


def _fast_signer(identity: SigningIdentity) -> Any:
    """A pyHanko SimpleSigner that signs with the already-loaded key object."""
    from asn1crypto import cms
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, padding, rsa
    from pyhanko.keys.internal import translate_pyca_cryptography_cert_to_asn1, translate_pyca_cryptography_key_to_asn1
    from pyhanko.sign import attributes
    from pyhanko.sign.general import as_signing_certificate_v2, simple_cms_attribute
    from pyhanko.sign.signers import SimpleSigner
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    digests: dict[str, Any] = {"sha256": hashes.SHA256(), "sha384": hashes.SHA384(), "sha512": hashes.SHA512()}
    key = identity.private_key

    class _LoadedKeySigner(SimpleSigner):
        """SimpleSigner whose raw signing reuses the parsed key instead of re-loading it."""

        def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
            mechanism = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
            digest = digests.get(digest_algorithm.lower())
            if digest is not None:
                if mechanism == "ecdsa" and isinstance(key, ec.EllipticCurvePrivateKey):
                    return key.sign(data, ec.ECDSA(digest))
                if mechanism == "rsassa_pkcs1v15" and isinstance(key, rsa.RSAPrivateKey):
                    return key.sign(data, padding.PKCS1v15(), digest)
            if mechanism in ("ed25519", "ed448") and isinstance(key, ed25519.Ed25519PrivateKey | ed448.Ed448PrivateKey):
                return key.sign(data)
            return bytes(super().sign_raw(data, digest_algorithm))  # PSS and anything unusual

        async def async_sign_raw(self, data: bytes, digest_algorithm: str, dry_run: bool = False) -> bytes:
            return self.sign_raw(data, digest_algorithm)

        def _signed_attr_providers(self, *args: Any, **kwargs: Any) -> Iterator[Any]:
            # pyHanko rebuilds the ESS signing-certificate-v2 attribute (a hash of our
            # certificate plus its issuer and serial) for every signature, and asn1crypto takes
            # milliseconds to encode it: most of the signing time. It only depends on the
            # certificate, so encode it once with pyHanko's own builder and hand out that value.
            # (An internal pyHanko hook: should it go away, signing still works, only slower.)
            for provider in super()._signed_attr_providers(*args, **kwargs):
                if isinstance(provider, attributes.SigningCertificateV2Provider) and provider.signing_cert == cert:
                    yield cached_certificate_attribute
                else:
                    yield provider

    class _CachedAttribute(attributes.CMSAttributeProvider):
        attribute_type = "signing_certificate_v2"

        def __init__(self, encoded: bytes) -> None:
            self.encoded = encoded

        async def get_attribute(self, dry_run: bool = False) -> Any:
            return cms.CMSAttribute.load(self.encoded)

    cert = translate_pyca_cryptography_cert_to_asn1(identity.certificate)
    encoded = simple_cms_attribute("signing_certificate_v2", as_signing_certificate_v2(cert))  # type: ignore[no-untyped-call]
    cached_certificate_attribute = _CachedAttribute(encoded.dump())
    certificates = [translate_pyca_cryptography_cert_to_asn1(c) for c in identity.chain]
    return _LoadedKeySigner(
        signing_cert=cert,
        signing_key=translate_pyca_cryptography_key_to_asn1(key),
        cert_registry=SimpleCertificateStore.from_certs(certificates),  # type: ignore[no-untyped-call]
    )


class ReportSigner:
    """Signs report PDFs with one key, loaded once; create one per run and reuse it.

    ``signer`` is any pyHanko ``Signer`` and ``timestamper`` any pyHanko ``TimeStamper`` (or None
    for PAdES B-B); ``note`` is what the report shows about the signer.
    """

    def __init__(self, signer: Any, note: SignerNote, *, timestamper: Any = None) -> None:
        self.signer = signer
        self.note = note
        self.timestamper = timestamper
        self._bytes_reserved: int | None = None

    @classmethod
    def from_identity(cls, identity: SigningIdentity, *, timestamper: Any = None) -> ReportSigner:
        """A signer for key material from :mod:`compliance.signing.keys`."""
        return cls(_fast_signer(identity), identity.note(), timestamper=timestamper)

    @property
    def signature_level(self) -> str:
        """The PAdES baseline level these signatures reach."""
        return "PAdES B-B" if self.timestamper is None else "PAdES B-T"

    def _reserve(self) -> int:
        """Room for the CMS signature in the PDF (hex digits), measured once with a dry run."""
        if self._bytes_reserved is None:
            from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes

            async def measure() -> int:
                dummy = await self.signer.async_sign(
                    hashlib.sha256().digest(),
                    "sha256",
                    dry_run=True,
                    use_pades=True,
                    timestamper=self.timestamper,
                    signed_attr_settings=PdfCMSSignedAttributes(signing_time=datetime.now(UTC)),
                )
                return len(dummy.dump()) * 2

            size = asyncio.run(measure())
            # ECDSA/RSA signatures vary by a few bytes and time stamp tokens by more: keep a
            # margin like pyHanko's own estimate does (+50 %, even number of hex digits).
            self._bytes_reserved = size + 2 * (size // 4) + 64
        return self._bytes_reserved

    def sign(self, unsigned_pdf: bytes, attachment_name: str, attachment: bytes, description: str = "") -> bytes:
        """Embed ``attachment`` (JSON) and certify the document; returns the signed PDF bytes."""
        from pyhanko.pdf_utils import embed
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.pdf_utils.misc import PdfError
        from pyhanko.sign import fields
        from pyhanko.sign.signers import PdfSignatureMetadata, PdfSigner

        quiet_pyhanko()
        try:
            writer = IncrementalPdfFileWriter(io.BytesIO(unsigned_pdf), strict=True)
            data = embed.EmbeddedFileObject.from_file_data(
                writer,
                data=attachment,
                mime_type=ATTACHMENT_MIME,
                params=embed.EmbeddedFileParams(embed_size=True, embed_checksum=True),
            )
            spec = embed.FileSpec(
                file_spec_string=attachment_name,
                file_name=attachment_name,
                embedded_data=data,
                description=description or None,
            )
            embed.embed_file(writer, spec)
            meta = PdfSignatureMetadata(
                field_name=SIGNATURE_FIELD,
                md_algorithm="sha256",
                subfilter=fields.SigSeedSubFilter.PADES,
                certify=True,
                docmdp_permissions=fields.MDPPerm.FILL_FORMS,
                reason="Compliancerapport: vastlegging van de beslissing",
            )
            signer = PdfSigner(meta, self.signer, timestamper=self.timestamper)
            output = signer.sign_pdf(writer, bytes_reserved=self._reserve(), output=io.BytesIO())
        except (PdfError, ValueError, KeyError) as exc:
            raise SigningError(f"ondertekenen mislukt: {exc}") from exc
        except Exception as exc:  # pyHanko's SigningError and signer back-ends (tokens, remote seals)
            raise SigningError(f"ondertekenen mislukt ({type(exc).__name__}: {exc})") from exc
        return bytes(output.getvalue())
