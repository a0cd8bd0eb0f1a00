"""``verify`` against every way a signed report can be changed, and the changes that are allowed.

Each tampering class is made the way an attacker (or a careless tool) would: editing bytes in
place, appending bytes, or writing a proper PDF incremental update with pyHanko. Only a later
reviewer's countersignature may be added without breaking the report.
"""

from __future__ import annotations

import io
import json
import re
from typing import Any

import pytest
from pyhanko.pdf_utils import embed, generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from sign_support import Pki, build_report, make_pki
from typer.testing import CliRunner

from compliance.cli.app import app
from compliance.report_files import signed_report
from compliance.signing.keys import ENV_CONFIG_DIR
from compliance.signing.sign import ReportSigner
from compliance.signing.verify import SignatureKind, VerifyResult, VerifyStatus, verify_report_pdf


@pytest.fixture(scope="module")
def pki() -> Pki:
    return make_pki()


@pytest.fixture(scope="module")
def signed(pki: Pki) -> bytes:
    from conftest import EXAMPLE_SUBMISSION

    pdf, _, _ = signed_report(build_report(EXAMPLE_SUBMISSION), ReportSigner.from_identity(pki.signer))
    return pdf


def check(data: bytes, pki: Pki) -> VerifyResult:
    return verify_report_pdf(data, [pki.root])


def _object_span(data: bytes, idnum: int) -> tuple[int, int]:
    """Start and end of the stream data of object ``idnum`` (its first definition)."""
    match = re.search(rb"(?<![0-9])%d 0 obj" % idnum, data)
    assert match is not None
    start = data.index(b"stream", match.end()) + len(b"stream")
    start += 2 if data[start : start + 2] == b"\r\n" else 1
    return start, data.index(b"endstream", start)


def _flip(data: bytes, position: int) -> bytes:
    original = data[position : position + 1]
    replacement = b"B" if original != b"B" else b"C"
    return data[:position] + replacement + data[position + 1 :]


def _incremental(data: bytes) -> IncrementalPdfFileWriter:
    return IncrementalPdfFileWriter(io.BytesIO(data))


def _written(writer: IncrementalPdfFileWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_untouched_report_is_valid(signed: bytes, pki: Pki) -> None:
    result = check(signed, pki)
    assert result.status is VerifyStatus.VALID, result.problems
    assert result.signature is not None and result.signature.coverage == "ENTIRE_FILE"
    assert [s.kind for s in result.signatures] == [SignatureKind.CERTIFICATION]


def test_byte_changed_in_page_content(signed: bytes, pki: Pki) -> None:
    reader = PdfFileReader(io.BytesIO(signed))
    page = reader.root["/Pages"]["/Kids"][0]
    contents = page.raw_get("/Contents")
    idnum = contents.idnum if isinstance(contents, generic.IndirectObject) else contents[0].idnum
    start, end = _object_span(signed, idnum)
    result = check(_flip(signed, (start + end) // 2), pki)
    assert result.status is VerifyStatus.INVALID
    assert any("gewijzigd" in p for p in result.problems)


def test_byte_changed_in_embedded_json(signed: bytes, pki: Pki) -> None:
    reader = PdfFileReader(io.BytesIO(signed))
    names = reader.root["/Names"]["/EmbeddedFiles"]["/Names"]
    idnum = names[1]["/EF"].raw_get("/F").idnum
    start, end = _object_span(signed, idnum)
    result = check(_flip(signed, start + (end - start) // 3), pki)
    assert result.status is VerifyStatus.INVALID


def test_byte_changed_in_signature(signed: bytes, pki: Pki) -> None:
    start = signed.index(b"/Contents <") + len(b"/Contents <")
    end = signed.index(b">", start)
    content = signed[start:end].rstrip(b"0")
    position = start + len(content) - 12  # inside the signature value at the end of the CMS
    flipped = signed[:position] + (b"1" if signed[position : position + 1] != b"1" else b"2") + signed[position + 1 :]
    result = check(flipped, pki)
    assert result.status is VerifyStatus.INVALID


def test_junk_appended_after_the_end(signed: bytes, pki: Pki) -> None:
    result = check(signed + b"\n% added later\n", pki)
    assert result.status is VerifyStatus.INVALID
    assert any("achter het einde" in p for p in result.problems)


def test_incremental_update_overlaying_text(signed: bytes, pki: Pki) -> None:
    writer = _incremental(signed)
    overlay = generic.StreamObject(
        stream_data=b"q 1 1 1 rg 60 700 200 40 re f BT /F1 24 Tf 70 710 Td (VOLDOET) Tj ET Q"
    )
    writer.add_stream_to_page(0, writer.add_object(overlay))
    result = check(_written(writer), pki)
    assert result.status is VerifyStatus.INVALID
    assert any("niet-toegestane" in p or "geen handtekening" in p for p in result.problems)


def test_incremental_update_replacing_the_attachment(signed: bytes, pki: Pki) -> None:
    reader = PdfFileReader(io.BytesIO(signed))
    original = reader.root["/Names"]["/EmbeddedFiles"]["/Names"][1]["/EF"]["/F"].data
    forged = json.loads(original)
    forged["verdict"] = "compliant"
    forged["summary"]["blocking_reviews"] = []
    writer = _incremental(signed)
    names = writer.root["/Names"]["/EmbeddedFiles"]["/Names"]
    data = embed.EmbeddedFileObject.from_file_data(writer, json.dumps(forged).encode(), mime_type="application/json")
    spec = embed.FileSpec(file_spec_string="S-0001.json", file_name="S-0001.json", embedded_data=data)
    names[1] = writer.add_object(spec.as_pdf_object())
    writer.update_container(names)
    tampered = _written(writer)
    result = check(tampered, pki)
    assert result.status is VerifyStatus.INVALID
    # Whatever else happens, the decision is read from the signed revision, never the forged one.
    assert result.report_json == original


def test_incremental_update_adding_an_annotation(signed: bytes, pki: Pki) -> None:
    writer = _incremental(signed)
    page_ref, _ = writer.find_page_for_modification(0)
    page = page_ref.get_object()
    note = generic.DictionaryObject(
        {
            generic.NameObject("/Type"): generic.NameObject("/Annot"),
            generic.NameObject("/Subtype"): generic.NameObject("/FreeText"),
            generic.NameObject("/Rect"): generic.ArrayObject([generic.FloatObject(v) for v in (60, 700, 300, 740)]),
            generic.NameObject("/Contents"): generic.TextStringObject("Goedgekeurd"),
            generic.NameObject("/DA"): generic.TextStringObject("/Helv 12 Tf 0 g"),
        }
    )
    page[generic.NameObject("/Annots")] = generic.ArrayObject([writer.add_object(note)])
    writer.update_container(page)
    result = check(_written(writer), pki)
    assert result.status is VerifyStatus.INVALID


def _countersign(data: bytes, reviewer: Pki, field: str = "Beoordelaar") -> bytes:
    from pyhanko.sign import fields
    from pyhanko.sign.signers import PdfSignatureMetadata, PdfSigner

    signer = ReportSigner.from_identity(reviewer.signer).signer
    meta = PdfSignatureMetadata(field_name=field, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES)
    output = PdfSigner(meta, signer).sign_pdf(_incremental(data), output=io.BytesIO())
    return bytes(output.getvalue())


def test_reviewer_countersignature_stays_valid(signed: bytes, pki: Pki) -> None:
    reviewer = make_pki("Juridisch beoordelaar gemeente")
    countersigned = _countersign(signed, reviewer)
    result = verify_report_pdf(countersigned, [pki.root, reviewer.root])
    assert result.status is VerifyStatus.VALID, result.problems
    assert result.signature is not None and result.signature.coverage == "ENTIRE_REVISION"
    [later] = result.later_signatures
    assert later.field_name == "Beoordelaar" and later.intact and later.trusted
    assert later.kind is SignatureKind.APPROVAL
    # A second reviewer nobody trusts signs too: still intact, but no longer "valid and trusted".
    twice = _countersign(countersigned, make_pki("Tweede lezer"), field="Tweede")
    result = check(twice, pki)
    assert result.status is VerifyStatus.UNTRUSTED, result.problems
    assert not result.problems
    assert [s.trusted for s in result.signatures] == [True, False, False]
    assert [s.field_name for s in result.untrusted] == ["Beoordelaar", "Tweede"]


def test_changes_after_a_countersignature_are_detected(signed: bytes, pki: Pki) -> None:
    countersigned = _countersign(signed, make_pki("Beoordelaar"))
    assert check(countersigned + b"junk", pki).status is VerifyStatus.INVALID
    writer = _incremental(countersigned)
    writer.add_stream_to_page(0, writer.add_object(generic.StreamObject(stream_data=b"0 0 m 100 100 l S")))
    assert check(_written(writer), pki).status is VerifyStatus.INVALID


def test_untrusted_signer_is_intact_but_not_trusted(signed: bytes, pki: Pki) -> None:
    result = verify_report_pdf(signed, [make_pki().root])
    assert result.status is VerifyStatus.UNTRUSTED
    assert not result.problems


def test_someone_elses_report_is_not_ours(pki: Pki) -> None:
    """A forger re-renders a better decision and signs it with their own key: intact, not trusted."""
    from conftest import EXAMPLE_SUBMISSION

    forged, _, _ = signed_report(build_report(EXAMPLE_SUBMISSION), ReportSigner.from_identity(make_pki().signer))
    assert check(forged, pki).status is VerifyStatus.UNTRUSTED


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "geen PDF"),
        (b"hello", "geen PDF"),
        (b"%PDF-1.4\n%%EOF\n", "PDF"),
    ],
)
def test_not_a_signed_pdf(data: bytes, message: str, pki: Pki) -> None:
    result = check(data, pki)
    assert result.status is VerifyStatus.INVALID
    assert any(message in p for p in result.problems)


def test_unsigned_report_is_invalid(pki: Pki) -> None:
    from conftest import EXAMPLE_SUBMISSION

    from compliance.render.pdf import render_report_pdf

    result = check(render_report_pdf(build_report(EXAMPLE_SUBMISSION)), pki)
    assert result.status is VerifyStatus.INVALID
    assert any("niet ondertekend" in p for p in result.problems)


def test_cli_exit_codes_and_plain_dutch_without_traceback(
    signed: bytes, pki: Pki, tmp_path: Any, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(ENV_CONFIG_DIR, str(tmp_path / "config"))
    good = tmp_path / "S-0001.pdf"
    good.write_bytes(signed)
    root = tmp_path / "root.pem"
    from cryptography.hazmat.primitives import serialization

    root.write_bytes(pki.root.public_bytes(serialization.Encoding.PEM))
    runner = CliRunner()
    valid = runner.invoke(app, ["verify", str(good), "--trust", str(root)])
    assert valid.exit_code == 0, valid.output
    assert "GELDIG EN VERTROUWD" in valid.output
    untrusted = runner.invoke(app, ["verify", str(good)])  # no local key: nothing is trusted
    assert untrusted.exit_code == 6
    assert "INTACT, MAAR NIET VERTROUWD" in untrusted.output
    bad = tmp_path / "S-0002.pdf"
    bad.write_bytes(signed + b"junk")
    tampered = runner.invoke(app, ["verify", str(bad), "--trust", str(root)])
    assert tampered.exit_code == 5
    assert "ONGELDIG" in tampered.output
    as_json = runner.invoke(app, ["verify", str(bad), "--trust", str(root), "--format", "json"])
    assert json.loads(as_json.stdout)["status"] == "invalid"
    missing = runner.invoke(app, ["verify", str(tmp_path / "nope.pdf")])
    assert missing.exit_code == 4
    captured = capfd.readouterr()
    for output in (valid.output, untrusted.output, tampered.output, missing.output, captured.out, captured.err):
        assert "Traceback" not in output
        assert "pyhanko" not in output.lower()


def test_changed_json_twin_next_to_the_pdf_is_reported(signed: bytes, pki: Pki, tmp_path: Any) -> None:
    from cryptography.hazmat.primitives import serialization

    pdf = tmp_path / "S-0001.pdf"
    pdf.write_bytes(signed)
    root = tmp_path / "root.pem"
    root.write_bytes(pki.root.public_bytes(serialization.Encoding.PEM))
    twin = check(signed, pki).report_json
    assert twin is not None
    (tmp_path / "S-0001.json").write_bytes(twin)
    runner = CliRunner()
    assert runner.invoke(app, ["verify", str(pdf), "--trust", str(root)]).exit_code == 0
    (tmp_path / "S-0001.json").write_bytes(twin.replace(b'"verdict": "needs_review"', b'"verdict": "compliant"'))
    changed = runner.invoke(app, ["verify", str(pdf), "--trust", str(root)])
    assert changed.exit_code == 5 and "wijkt af" in changed.output


def test_folder_argument_without_folder_support(tmp_path: Any) -> None:
    result = CliRunner().invoke(app, ["verify", str(tmp_path)])
    try:
        import compliance.intake.verify_folder  # type: ignore[import-not-found]  # noqa: F401
    except ImportError:
        assert result.exit_code == 2 and "niet beschikbaar" in result.output
    else:  # the batch helper's folder mode exists: it answers, and never with a traceback
        assert "Traceback" not in result.output
