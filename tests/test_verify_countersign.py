"""``verify`` with countersignatures: every signature has its own trust status, and one untrusted
signature makes the whole report "intact, not trusted" (exit 6), whatever the others say.

The attack: after the report is signed, someone adds an invisible approval signature with a
freshly generated key whose certificate copies the trusted signer's name (subject, issuer, even
the serial number). Nothing in the signed content changes, so the file is intact; only the
fingerprint shows that the second signer is not who the name says.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields
from pyhanko.sign.signers import PdfSignatureMetadata, PdfSigner
from sign_support import Pki, build_report, make_pki, pem
from typer.testing import CliRunner, Result

from compliance.cli.app import app
from compliance.report_files import signed_report
from compliance.signing.keys import SigningIdentity, certificate_fingerprint, local_identity
from compliance.signing.sign import ReportSigner
from compliance.signing.verify import SignatureKind, VerifyStatus, verify_report_pdf


def look_alike(original: x509.Certificate, issuer_key: ec.EllipticCurvePrivateKey | None = None) -> SigningIdentity:
    """A new key with a certificate that copies ``original``'s names, serial, validity and extensions.

    Self-signed with the new key, or signed by ``issuer_key`` (a forged CA with a copied name).
    """
    key = ec.generate_private_key(ec.SECP256R1())
    builder = (
        x509.CertificateBuilder()
        .subject_name(original.subject)
        .issuer_name(original.issuer)
        .public_key(key.public_key())
        .serial_number(original.serial_number)
        .not_valid_before(original.not_valid_before_utc)
        .not_valid_after(original.not_valid_after_utc)
    )
    for extension in original.extensions:
        if not isinstance(extension.value, x509.SubjectKeyIdentifier | x509.AuthorityKeyIdentifier):
            builder = builder.add_extension(extension.value, extension.critical)
    builder = builder.add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    certificate = builder.sign(issuer_key or key, hashes.SHA256())
    return SigningIdentity(key, certificate, (), "look-alike", local=False)


def countersign(data: bytes, identity: SigningIdentity, field: str = "Beoordelaar") -> bytes:
    """An invisible approval signature in a new field, as a reviewer's PDF tool would add it."""
    meta = PdfSignatureMetadata(field_name=field, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES)
    signer = PdfSigner(meta, ReportSigner.from_identity(identity).signer)
    output = signer.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(data)), output=io.BytesIO())
    return bytes(output.getvalue())


@pytest.fixture(scope="module")
def pki() -> Pki:
    return make_pki()


@pytest.fixture(scope="module")
def sealed(pki: Pki) -> bytes:
    """A report signed with the test PKI's seal."""
    from conftest import EXAMPLE_SUBMISSION

    pdf, _, _ = signed_report(build_report(EXAMPLE_SUBMISSION), ReportSigner.from_identity(pki.signer))
    return pdf


def test_look_alike_countersignature_under_a_forged_ca_is_not_trusted(sealed: bytes, pki: Pki) -> None:
    forged_root_key = ec.generate_private_key(ec.SECP256R1())  # a CA that copies the real root's name
    impostor = look_alike(pki.signer.certificate, issuer_key=forged_root_key)
    assert impostor.certificate.subject == pki.signer.certificate.subject

    result = verify_report_pdf(countersign(sealed, impostor), [pki.root])

    assert result.status is VerifyStatus.UNTRUSTED
    assert not result.problems  # nothing was changed: it is a trust question, not tampering
    certifying, approval = result.signatures
    assert (certifying.kind, approval.kind) == (SignatureKind.CERTIFICATION, SignatureKind.APPROVAL)
    assert certifying.signer == approval.signer == "Gemeente Testdorp rapportzegel"
    assert (certifying.holds, certifying.trusted) == (True, True)
    assert (approval.holds, approval.trusted) == (True, False)
    assert approval.certificate_sha256 == certificate_fingerprint(impostor.certificate)
    assert result.untrusted == (approval,)
    assert any("2 verschillende certificaten" in note for note in result.notes)


def test_countersignature_by_a_second_trusted_signer_keeps_the_report_valid(sealed: bytes, pki: Pki) -> None:
    reviewer = make_pki("Juridisch beoordelaar gemeente")

    result = verify_report_pdf(countersign(sealed, reviewer.signer), [pki.root, reviewer.root])

    assert result.status is VerifyStatus.VALID, result.problems
    assert [(s.kind, s.trusted) for s in result.signatures] == [
        (SignatureKind.CERTIFICATION, True),
        (SignatureKind.APPROVAL, True),
    ]
    assert not any("verschillende certificaten" in note for note in result.notes)


def test_an_untrusted_report_signer_is_not_rescued_by_a_trusted_countersignature(sealed: bytes, pki: Pki) -> None:
    reviewer = make_pki("Juridisch beoordelaar gemeente")

    result = verify_report_pdf(countersign(sealed, reviewer.signer), [reviewer.root])

    assert result.status is VerifyStatus.UNTRUSTED
    assert [s.trusted for s in result.signatures] == [False, True]


# -- the command, with the local quick-start key as the default trust ---------------------------


@pytest.fixture
def local_report(tmp_path: Path) -> tuple[Path, SigningIdentity]:
    """A report signed with the local key (created in this test's config folder), and that key."""
    from conftest import EXAMPLE_SUBMISSION

    identity, _ = local_identity()
    pdf, _, _ = signed_report(build_report(EXAMPLE_SUBMISSION), ReportSigner.from_identity(identity))
    path = tmp_path / "S-0001.pdf"
    path.write_bytes(pdf)
    return path, identity


def verify(*args: str) -> Result:
    return CliRunner().invoke(app, ["verify", *args])


def test_cli_look_alike_countersignature_is_intact_but_not_trusted(
    local_report: tuple[Path, SigningIdentity], tmp_path: Path
) -> None:
    path, local = local_report
    impostor = look_alike(local.certificate)  # self-signed, like the local key, with its very name
    countersigned = tmp_path / "S-0001-medegetekend.pdf"
    countersigned.write_bytes(countersign(path.read_bytes(), impostor))
    local_print, impostor_print = local.fingerprint, certificate_fingerprint(impostor.certificate)

    result = verify(str(countersigned))  # no --trust: the local key is trusted

    assert result.exit_code == 6, result.output
    assert "GELDIG EN VERTROUWD" not in result.output
    assert "Handtekeningen: 2" in result.stdout
    first, second = result.stdout.split("  2. ")[0].split("  1. ")[1], result.stdout.split("  2. ")[1]
    assert first.startswith("ComplianceReport: certificerend")
    assert f"Vingerafdruk:   {local_print}" in first and "Vertrouwd:      ja" in first
    assert second.startswith("Beoordelaar: goedkeuring")
    assert f"Vingerafdruk:   {impostor_print}" in second
    assert "Intact:         ja" in second and "Vertrouwd:      NEE" in second
    assert result.stdout.count(f"Ondertekenaar:  {local.subject} ") == 2  # the same name twice
    verdict = result.stdout.strip().splitlines()[-1]
    assert verdict.startswith("INTACT, MAAR NIET VERTROUWD")
    assert f"'Beoordelaar' ({local.subject}, vingerafdruk {impostor_print[:16]}…)" in verdict

    as_json = json.loads(verify(str(countersigned), "--format", "json").stdout)
    assert as_json["status"] == "untrusted" and as_json["exit_code"] == 6
    assert [(s["kind"], s["trusted"], s["certificate_sha256"]) for s in as_json["signatures"]] == [
        ("certification", True, local_print),
        ("approval", False, impostor_print),
    ]


def test_cli_countersignature_by_another_trusted_key_is_valid(
    local_report: tuple[Path, SigningIdentity], tmp_path: Path
) -> None:
    path, local = local_report
    reviewer = make_pki("Juridisch beoordelaar gemeente")
    countersigned = tmp_path / "S-0001-medegetekend.pdf"
    countersigned.write_bytes(countersign(path.read_bytes(), reviewer.signer))
    (tmp_path / "lokaal.pem").write_bytes(pem(local.certificate))
    (tmp_path / "beoordelaar-root.pem").write_bytes(pem(reviewer.root))
    trust = ["--trust", str(tmp_path / "lokaal.pem"), "--trust", str(tmp_path / "beoordelaar-root.pem")]

    result = verify(str(countersigned), *trust)

    assert result.exit_code == 0, result.output
    assert result.stdout.count("Vertrouwd:      ja") == 2
    assert (
        result.stdout.strip().splitlines()[-1].startswith("GELDIG EN VERTROUWD: het rapport is ongewijzigd en alle 2")
    )
    # Trusting only the local key leaves the reviewer's signature untrusted: exit 6 again.
    only_local = verify(str(countersigned), "--trust", str(tmp_path / "lokaal.pem"))
    assert only_local.exit_code == 6, only_local.output
    assert "Juridisch beoordelaar gemeente" in only_local.stdout.strip().splitlines()[-1]
