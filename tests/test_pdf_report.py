"""The PDF report: what it says, that it is deterministic, and that it prints anywhere.

Reports are built through the engine from the issue's example submission; text is read back
with pypdf (the same way a reviewer's tooling would), fonts with poppler's ``pdffonts``.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from sign_support import build_report, write_basisprofiel

from compliance.models.findings import Status
from compliance.models.report import AttestationsInfo, DocumentInfo, Report, SignerNote
from compliance.render.pdf import render_report_pdf

LOCAL_SIGNER = SignerNote(
    subject="compliance - lokale rapportondertekening",
    certificate_sha256="5" * 64,
    qualified=False,
    local=True,
)


def pages_text(pdf: bytes) -> list[str]:
    """The text of every page (pypdf, so ligatures/spacing as a reader's tool sees them)."""
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture
def compliant_report(make_submission: Any, tmp_path: Path) -> Report:
    from conftest import EXAMPLE_BASISPROFIEL

    registry = write_basisprofiel(tmp_path / "kvk", EXAMPLE_BASISPROFIEL)
    return build_report(make_submission(), registry)


@pytest.fixture
def failing_report(make_submission: Any) -> Report:
    """Over the maximum rate, no VOG, no registry: non-compliant with reviews and remedies."""
    return build_report(make_submission({"offer/hourly_rate_eur": 85.5}, drop=["documents/vog"]))


def test_verdict_comes_first_and_every_check_is_listed(compliant_report: Report) -> None:
    pdf = render_report_pdf(compliant_report, "nl", LOCAL_SIGNER)
    pages = pages_text(pdf)
    first = pages[0]
    assert first.index("Oordeel".upper()) < first.index("VOLDOET") < first.index("Gegevens")
    assert "Jeugdprofs Detachering B.V." in first and "12345678" in first
    assert "Anouk Visser" in first and "C-0001" in first
    everything = "\n".join(pages)
    for finding in compliant_report.findings:
        assert finding.check_id in everything
    # Calculations in full: contract value, experience months in the window, VOG age.
    calculations = {f.check_id: f.calculations for f in compliant_report.findings}
    assert calculations["NL-SROI-001"] and calculations["KO-EXP-001"] and calculations["NL-VOG-001"]
    flat = everything.replace("\n", " ")
    for check_calculations in calculations.values():
        for calculation in check_calculations:
            assert calculation.label in flat
            assert calculation.result in flat
    assert "€ 131.456,00" in everything
    assert "42 dagen" in everything
    # The decision block: hashes, rules version, parameters with their valid-from dates.
    assert compliant_report.submission.input_sha256 in everything.replace("\n", "")
    assert compliant_report.rules.version in everything
    assert "Gebruikte parameters" in everything and "09-02-2026" in everything
    assert "geen gekwalificeerd certificaat" in everything.replace("\n", " ")


def test_non_compliant_report_names_the_blocking_checks_and_the_remedies(failing_report: Report) -> None:
    text = "\n".join(pages_text(render_report_pdf(failing_report, "nl", LOCAL_SIGNER)))
    assert "VOLDOET NIET" in text
    assert "Niet voldaan aan: NL-RATE-001" in text
    flat = " ".join(text.split())
    # Each remedy stands in its finding's row, right under the reason, not in a list pages later.
    ids = [f.check_id for f in failing_report.findings]
    rate = failing_report.findings[ids.index("NL-RATE-001")]
    following = ids[ids.index("NL-RATE-001") + 1]
    assert rate.remedy
    reason_at = flat.index(" ".join(rate.reason.split()[:6]))
    remedy_at = flat.index("Wat te doen: " + " ".join(rate.remedy.split()[:6]))
    assert reason_at < remedy_at < flat.index(following, reason_at)
    assert "Wat de inschrijver kan doen" not in flat
    assert "NL-WTTA-001: Vanaf 1 januari 2027" in flat


def test_no_personal_data_beyond_candidate_name_and_id(make_submission: Any) -> None:
    report = build_report(make_submission())
    text = "\n".join(pages_text(render_report_pdf(report, "nl", LOCAL_SIGNER)))
    # Referees' contact details and the free-text example never reach the report.
    assert "p.dewit@example.nl" not in text and "+31 6 11111111" not in text
    assert "kleuters" not in text


def test_render_is_byte_identical_within_and_across_processes(compliant_report: Report, tmp_path: Path) -> None:
    first = render_report_pdf(compliant_report, "nl", LOCAL_SIGNER)
    assert render_report_pdf(compliant_report, "nl", LOCAL_SIGNER) == first
    # Another interpreter with another hash seed renders the same decision (read back from JSON).
    from compliance.models.report import report_to_json

    source = tmp_path / "report.json"
    source.write_text(report_to_json(compliant_report), encoding="utf-8")
    script = (
        "import hashlib, sys\n"
        "from compliance.models.report import report_adapter, SignerNote\n"
        "from compliance.render.pdf import render_report_pdf\n"
        "r = report_adapter().validate_json(open(sys.argv[1], 'rb').read())\n"
        f"s = SignerNote(subject={LOCAL_SIGNER.subject!r}, certificate_sha256={LOCAL_SIGNER.certificate_sha256!r},"
        " qualified=False, local=True)\n"
        "print(hashlib.sha256(render_report_pdf(r, 'nl', s)).hexdigest())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(source)],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONHASHSEED": "12345", "PATH": "/usr/bin:/bin"},
    )
    assert result.stdout.strip() == hashlib.sha256(first).hexdigest()


def test_document_date_is_the_decision_time(compliant_report: Report) -> None:
    reader = PdfReader(io.BytesIO(render_report_pdf(compliant_report, "nl")))
    assert reader.metadata is not None
    assert str(reader.metadata["/CreationDate"]) == "D:20260224103000+00'00'"


def test_untrusted_text_prints_literally(make_submission: Any) -> None:
    hostile = 'Zorg & Co <b>Profs</b> <font size="40">X</font> B.V.'
    report = build_report(make_submission({"supplier/name": hostile, "candidate/name": "Zoë <i>de</i> Boer"}))
    text = pages_text(render_report_pdf(report, "nl", LOCAL_SIGNER))[0]
    assert "Zorg & Co <b>Profs</b>" in text
    assert '<font size="40">X</font>' in text.replace("\n", " ")
    assert "Zoë <i>de</i> Boer" in text


def test_euro_and_diacritics_print(failing_report: Report) -> None:
    text = "\n".join(pages_text(render_report_pdf(failing_report, "nl", LOCAL_SIGNER)))
    assert "€ 85,50" in text
    assert "vóór" in text  # from the deadline reason: "vóór de sluitingstijd"
    assert "initiële" in text


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils (pdffonts) not installed")
def test_every_font_is_embedded(failing_report: Report, tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(render_report_pdf(failing_report, "en", LOCAL_SIGNER))
    listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = listing.splitlines()[2:]
    assert rows, listing
    for row in rows:
        columns = row.split()
        # name type encoding emb sub uni object-id: emb is the 4th column from the right.
        assert columns[-5] == "yes", row
    assert "Helvetica" not in listing and "Times" not in listing


def test_tables_repeat_their_header_and_pages_are_numbered(failing_report: Report) -> None:
    pages = pages_text(render_report_pdf(failing_report, "nl", LOCAL_SIGNER))
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert f"Pagina {number} van {len(pages)}" in text
    # The checks table continues on page 2 under its own header row.
    assert "Controle" in pages[1] and "Grondslag" in pages[1]


def test_english_report(failing_report: Report) -> None:
    text = "\n".join(pages_text(render_report_pdf(failing_report, "en", LOCAL_SIGNER)))
    assert "NON-COMPLIANT" in text and "Knock-outs and conditions" in text
    assert "Hourly rate within the maximum rate" in text
    assert "exceeds" in text or "higher than" in text  # the rate reason rendered from the English catalogue
    assert "not a qualified certificate" in text.replace("\n", " ")
    assert "Page 1 of" in text


def test_optional_sections_render_when_present(compliant_report: Report) -> None:
    evidence = DocumentInfo(
        role="cv",
        path="cv/anouk-visser.pdf",
        status="read",
        sha256="c" * 64,
        size_bytes=48211,
        pages=4,
        language="nl",
        detail="",
    )
    attested = AttestationsInfo(
        source="attestaties.json", sha256="a" * 64, applied=True, evaluated_on="2026-02-24", uses=()
    )
    report = replace(compliant_report, evidence=(evidence,), attestations=attested)
    text = "\n".join(pages_text(render_report_pdf(report, "nl", LOCAL_SIGNER))).replace("\n", " ")
    assert "cv/anouk-visser.pdf" in text
    assert "c" * 64 in text.replace(" ", "")
    assert "attestaties.json" in text


def test_unsigned_copy_says_so(compliant_report: Report) -> None:
    text = "\n".join(pages_text(render_report_pdf(compliant_report, "nl")))
    assert "niet ondertekend" in text


def test_statuses_cover_every_outcome(failing_report: Report) -> None:
    statuses = {f.status for f in failing_report.findings}
    assert {Status.PASS, Status.FAIL, Status.NEEDS_REVIEW} <= statuses
    assert render_report_pdf(failing_report).startswith(b"%PDF-")


def test_a_paragraph_pushed_to_the_next_page_is_laid_out_again() -> None:
    """Regression: when there is no room, reportlab's split() returns [] and deletes the layout
    (blPara); the wrap memo must then recompute it instead of drawing a paragraph without lines."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfgen.canvas import Canvas

    from compliance.render.pdf import _Para

    paragraph = _Para("woord " * 400, ParagraphStyle("t", fontName="Helvetica", fontSize=9, leading=11))
    paragraph.wrap(200, 10_000)
    assert paragraph.split(200, 5) == []  # no room on this page: the whole paragraph moves on
    paragraph.wrap(200, 10_000)  # same width as before: must not reuse the deleted layout

    paragraph.drawOn(Canvas(io.BytesIO()), 0, 0)
