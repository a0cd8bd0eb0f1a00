"""Reading postings and ``compliance tender import|confirm``: exit codes, written files, bad input in Dutch."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from compliance.cli.tender_cli import sources_path, tender_app
from compliance.importer import PostingError, import_posting
from compliance.importer.reading import read_posting

POSTINGS = Path(__file__).parent / "postings"


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(tender_app, list(args))


def test_import_with_open_items_exits_3_and_writes_the_tender_and_its_sources(tmp_path: Path) -> None:
    out = tmp_path / "tender.json"
    result = invoke("import", str(POSTINGS / "jeugdconsulent-samenwerking.txt"), "--out", str(out), "--id", "jc-29405")
    assert result.exit_code == 3
    tender = json.loads(out.read_text(encoding="utf-8"))
    assert tender["tender_id"] == "jc-29405" and tender["schema_version"] == "2"
    assert "/cv/max_pages: De uitvraag spreekt zichzelf tegen" in result.output
    sources = (
        json.loads(sources_path(out).read_text(encoding="utf-8")) if "sources" not in tender else tender["sources"]
    )
    assert sources["/deadline"]["lines"] == [8, 9]  # "Einde inschrijfdatum" and "Eindtijd"


def test_import_with_nothing_to_confirm_exits_0(tmp_path: Path) -> None:
    out = tmp_path / "gr.json"
    result = invoke("import", str(POSTINGS / "adviseur-belastingen-gr.txt"), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "niets te bevestigen" in result.output
    assert json.loads(out.read_text(encoding="utf-8"))["to_confirm"] == []


def test_default_output_next_to_the_posting(tmp_path: Path) -> None:
    posting = tmp_path / "wmo.txt"
    posting.write_text((POSTINGS / "wmo-consulent-ede.txt").read_text(encoding="utf-8"), encoding="utf-8")
    assert invoke("import", str(posting)).exit_code == 0  # the Wmo posting settles everything
    assert (tmp_path / "wmo.tender.json").exists()


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert invoke("import").exit_code == 2
    assert invoke("import", str(POSTINGS / "wmo-consulent-ede.txt"), "--id", "niet geldig!").exit_code == 2
    assert invoke("import", str(POSTINGS / "wmo-consulent-ede.txt"), "--onbekend").exit_code == 2


def _scanned_pdf(path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.rect(50, 50, 400, 600, fill=1)  # an image-like page: no text layer
    pdf.save()


ENGLISH = (
    "Youth care consultant\n\nThe municipality is looking for an experienced consultant to support families. "
    "You will work in a team of social workers and coordinate care with schools and general practitioners. "
    "Requirements: a bachelor degree in social work and at least three years of relevant experience. "
    "Please send your resume before the closing date; interviews will be held in the following weeks.\n"
)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("leeg.txt", b"   \n", "het bestand is leeg"),
        ("plaatje.txt", bytes(range(256)) * 8, "binair bestand"),
        ("english.txt", ENGLISH.encode(), "niet in het Nederlands"),
    ],
)
def test_unreadable_postings_exit_4_with_a_dutch_message(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = invoke("import", str(path), "--out", str(tmp_path / "t.json"))
    assert result.exit_code == 4
    assert f"fout: {path}: " in result.output and message in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "t.json").exists()


def test_scanned_pdf_and_missing_file_exit_4(tmp_path: Path) -> None:
    scan = tmp_path / "scan.pdf"
    _scanned_pdf(scan)
    result = invoke("import", str(scan))
    assert result.exit_code == 4 and "de PDF bevat geen tekst" in result.output
    result = invoke("import", str(tmp_path / "weg.txt"))
    assert result.exit_code == 4 and "bestand niet gevonden" in result.output


def test_posting_error_names_the_file() -> None:
    with pytest.raises(PostingError) as caught:
        read_posting(Path("/niet/bestaand.txt"))
    assert caught.value.file == "/niet/bestaand.txt" and caught.value.exit_code == 4


def test_confirm_settles_one_item_and_records_who_and_when(tmp_path: Path) -> None:
    out = tmp_path / "heerde.json"
    invoke("import", str(POSTINGS / "ambulant-begeleider-weekdag.txt"), "--out", str(out))
    result = invoke("confirm", str(out), "/rate/vat_basis", "included", "--by", "j.jansen")
    assert result.exit_code == 3  # more items stay open
    tender = json.loads(out.read_text(encoding="utf-8"))
    assert tender["rate"]["vat_basis"] == "included" and tender["rate"]["vat_basis_is_assumption"] is False
    item = next(i for i in tender["to_confirm"] if i["pointer"] == "/rate/vat_basis")
    assert item["confirmed"]["by"] == "j.jansen" and item["confirmed"]["value"] == "included"
    assert item["confirmed"]["at"].endswith("+00:00")
    result = invoke("confirm", str(out), "/rate/vat_basis", "excluded")
    assert result.exit_code == 4 and "geen open punt met deze pointer" in result.output


def test_confirming_every_item_exits_0_and_gives_a_valid_tender(tmp_path: Path) -> None:
    from compliance.models.tender_v2 import TenderV2

    out = tmp_path / "kort.json"
    invoke("import", str(POSTINGS / "klantmanager-kort.txt"), "--out", str(out))
    values = {
        "/start/planned_date": '"2026-05-18"',
        "/term/extension_options": "[]",
        "/rate/max_hourly_rate_eur": "75",
        "/conditions/dba/zzp": "excluded",
    }
    for pointer, value in values.items():
        result = invoke("confirm", str(out), pointer, value, "--by", "tester")
    assert result.exit_code == 0, result.output
    document = json.loads(out.read_text(encoding="utf-8"))
    document["start"]["kind"] = "date"
    TenderV2.model_validate(document)


def test_html_posting_reads_its_summary_table() -> None:
    tender = import_posting(POSTINGS / "wijkverpleegkundige-zutphen.html").tender
    assert tender["deadline"] == "2026-07-14T10:00:00+02:00"  # summer time
    assert tender["term"]["hours_per_week"] == {"min": 24, "max": 24, "average": True}
