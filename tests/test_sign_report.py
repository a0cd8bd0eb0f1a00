"""Signing reports: PDF + JSON twin on disk, the JSON inside the signed revision, pluggable signers."""

from __future__ import annotations

import hashlib
import io
import json
import os
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from sign_support import Pki, build_report, make_pki

from compliance.fsutil import atomic_write_bytes
from compliance.models.report import Report, report_adapter
from compliance.report_files import signed_report, write_report_files
from compliance.signing.sign import SIGNATURE_FIELD, ReportSigner
from compliance.signing.verify import VerifyStatus, verify_report_pdf


@pytest.fixture(scope="module")
def pki() -> Pki:
    return make_pki()


@pytest.fixture
def report(make_submission: Any) -> Report:
    return build_report(make_submission())


def test_write_report_files_pdf_and_twin(report: Report, pki: Pki, tmp_path: Path) -> None:
    signer = ReportSigner.from_identity(pki.signer)
    files = write_report_files(report, tmp_path / "reports", signer)
    assert files.pdf_path == tmp_path / "reports" / "S-0001.pdf"
    assert files.json_path == tmp_path / "reports" / "S-0001.json"
    pdf, twin = files.pdf_path.read_bytes(), files.json_path.read_bytes()
    assert hashlib.sha256(pdf).hexdigest() == files.pdf_sha256
    assert hashlib.sha256(twin).hexdigest() == files.json_sha256
    # No temporary files are left behind.
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == ["S-0001.json", "S-0001.pdf"]

    result = verify_report_pdf(pdf, [pki.root])
    assert result.status is VerifyStatus.VALID, result.problems
    assert result.report_json == twin  # the embedded attachment is the twin, byte for byte
    recorded = json.loads(twin)
    assert recorded["decision_id"] == report.decision_id
    rendition = recorded["rendition"]
    assert rendition["lang"] == "nl" and rendition["signature_level"] == "PAdES B-B"
    assert rendition["signer"]["certificate_sha256"] == pki.signer.fingerprint
    # The unsigned render is the signed file's first revision, and its hash is recorded.
    assert hashlib.sha256(pdf[: rendition["unsigned_pdf_bytes"]]).hexdigest() == files.unsigned_pdf_sha256
    assert rendition["unsigned_pdf_sha256"] == files.unsigned_pdf_sha256
    # The twin is still a valid report object.
    assert report_adapter().validate_json(twin).rendition is not None


def test_unsigned_render_hash_is_stable_while_signatures_differ(report: Report, pki: Pki) -> None:
    signer = ReportSigner.from_identity(pki.signer)
    first_pdf, first_json, _ = signed_report(report, signer)
    second_pdf, second_json, _ = signed_report(report, signer)
    assert first_json == second_json  # same decision, same signer: same record
    assert first_pdf != second_pdf  # the signing time differs
    size = json.loads(first_json)["rendition"]["unsigned_pdf_bytes"]
    assert first_pdf[:size] == second_pdf[:size]


def test_certification_allows_form_filling_only(report: Report, pki: Pki) -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import MDPPerm

    pdf, _, _ = signed_report(report, ReportSigner.from_identity(pki.signer))
    signature = PdfFileReader(io.BytesIO(pdf)).embedded_signatures[0]
    assert signature.field_name == SIGNATURE_FIELD
    assert signature.docmdp_level is MDPPerm.FILL_FORMS
    assert signature.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"


def test_rsa_key_signs_too(report: Report) -> None:
    pki = make_pki(rsa_key=True)
    pdf, _, _ = signed_report(report, ReportSigner.from_identity(pki.signer), lang="en")
    result = verify_report_pdf(pdf, [pki.root])
    assert result.status is VerifyStatus.VALID, result.problems
    assert result.report is not None and result.report["rendition"]["lang"] == "en"


def _tsa(pki_root_key: ec.EllipticCurvePrivateKey, root: x509.Certificate) -> tuple[Any, Any]:
    key = rsa.generate_private_key(65537, 2048)  # pyHanko's test time stamp server signs with RSA only
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test TSA")]))
        .issuer_name(root.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365))
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .sign(pki_root_key, hashes.SHA256())
    )
    return key, certificate


def test_injected_signer_and_timestamper(report: Report) -> None:
    """Any pyHanko Signer and TimeStamper plug in: here pyHanko's own SimpleSigner and a test TSA."""
    from pyhanko.keys.internal import translate_pyca_cryptography_cert_to_asn1, translate_pyca_cryptography_key_to_asn1
    from pyhanko.sign.signers import SimpleSigner
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    pki = make_pki()
    tsa_key, tsa_cert = _tsa(pki.root_key, pki.root)
    seal = SimpleSigner(
        signing_cert=translate_pyca_cryptography_cert_to_asn1(pki.signer.certificate),
        signing_key=translate_pyca_cryptography_key_to_asn1(pki.signer.private_key),
        cert_registry=SimpleCertificateStore.from_certs([translate_pyca_cryptography_cert_to_asn1(pki.root)]),
    )
    timestamper = DummyTimeStamper(
        tsa_cert=translate_pyca_cryptography_cert_to_asn1(tsa_cert),
        tsa_key=translate_pyca_cryptography_key_to_asn1(tsa_key),
    )
    signer = ReportSigner(seal, pki.signer.note(), timestamper=timestamper)
    assert signer.signature_level == "PAdES B-T"
    pdf, twin, final = signed_report(report, signer)
    assert final.rendition is not None and final.rendition.signature_level == "PAdES B-T"
    result = verify_report_pdf(pdf, [pki.root])
    assert result.status is VerifyStatus.VALID, result.problems
    assert result.report_json == twin


def test_signing_failure_is_a_signing_error(report: Report, pki: Pki) -> None:
    from compliance.errors import SigningError

    class Broken:
        signing_cert = None

        def get_signature_mechanism_for_digest(self, digest: Any) -> Any:
            raise ValueError("token unplugged")

        async def async_sign(self, *args: Any, **kwargs: Any) -> Any:
            raise RuntimeError("token unplugged")

    signer = ReportSigner(Broken(), pki.signer.note())
    with pytest.raises(SigningError, match="ondertekenen mislukt"):
        signed_report(report, signer)


def test_atomic_write_leaves_the_old_file_when_interrupted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "S-0001.pdf"
    target.write_bytes(b"old complete report")

    def killed(*args: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_bytes(target, b"%PDF- half")
    assert target.read_bytes() == b"old complete report"
    assert [p.name for p in tmp_path.iterdir()] == ["S-0001.pdf"]


def test_rendition_is_recomputed_not_trusted_from_input(report: Report, pki: Pki) -> None:
    """A report that already carries a rendition (e.g. read back from a twin) is re-rendered cleanly."""
    signer = ReportSigner.from_identity(pki.signer)
    _, twin, final = signed_report(report, signer)
    again_pdf, again_twin, _ = signed_report(replace(final, rendition=final.rendition), signer)
    assert again_twin == twin
    assert verify_report_pdf(again_pdf, [pki.root]).status is VerifyStatus.VALID
