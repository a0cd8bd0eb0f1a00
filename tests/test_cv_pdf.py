"""The CV PDF as evidence: reading it (and every way it can be unreadable), its language, and how
what it states overrides the declaration in CV-PAGES-001, CV-LANG-001, CV-REFS-001 and KO-REG-001."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cv_pdfs import DUTCH_CV, ENGLISH_CV, SKJ_LINE_NL, encrypted, pdf_bytes, write_cv

from compliance.documents.cv_pdf import read_pdf
from compliance.documents.evidence import DocumentStatus
from compliance.documents.language import LANGUAGES, detect_language
from compliance.engine import TenderContext, evaluate
from compliance.inputs.offers import load_offer
from compliance.models.findings import FactSource, Finding
from compliance.models.report import Report
from compliance.models.tender import Phase
from compliance.sources.registry import SnapshotRegistry

GERMAN = (
    "Ich bin eine erfahrene Familienberaterin und begleite seit acht Jahren Familien mit kleinen Kindern. "
    "Ich arbeite lösungsorientiert und habe viel Erfahrung mit der Erstellung von Sicherheitsplänen. "
    "Die Zusammenarbeit mit Schulen, Hausärzten und Jugendämtern ist für mich selbstverständlich.\n"
) * 2
FRENCH = (
    "Je suis une coach familiale expérimentée et j'accompagne depuis huit ans des familles avec de jeunes enfants. "
    "Je travaille de manière orientée solutions et j'ai une grande expérience des plans de sécurité. "
    "La collaboration avec les écoles et les médecins généralistes va de soi pour moi.\n"
) * 2


def finding(report: Report, check_id: str) -> Finding:
    return next(f for f in report.findings if f.check_id == check_id)


@pytest.fixture
def check_with_cv(
    tmp_path: Path, make_submission: Callable[..., dict[str, Any]], heerde: TenderContext, registry: Path
) -> Callable[..., Report]:
    """Write a CV PDF (text pages, or raw bytes) next to a submission naming it, and run every check."""

    def run(cv: list[str] | str | bytes | None, changes: dict[str, Any] | None = None) -> Report:
        if isinstance(cv, bytes):
            (tmp_path / "cv.pdf").write_bytes(cv)
        elif cv is not None:
            write_cv(tmp_path, cv)
        document = make_submission(
            {"documents/cv": {"file": "cv.pdf", "pages": 4, "language": "nl"}, **(changes or {})}
        )
        path = tmp_path / "inschrijving.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        masked, loaded, documents = load_offer(path, heerde.tender)
        return evaluate(
            masked, loaded.sha256, heerde, Phase.SUBMISSION, SnapshotRegistry(registry), documents=documents
        )

    return run


# Reading the file


def test_a_dutch_cv_is_read_with_hash_size_pages_and_language(tmp_path):
    path = write_cv(tmp_path, DUTCH_CV)

    content = read_pdf(path)

    assert content.status is DocumentStatus.READ
    data = path.read_bytes()
    assert content.sha256 == hashlib.sha256(data).hexdigest()
    assert content.size_bytes == len(data)
    assert content.pages == 1
    assert SKJ_LINE_NL in content.page_texts[0]
    assert detect_language(content.page_texts[0]).code == "nl"


def test_only_the_first_pages_are_read_for_text_but_all_are_counted(tmp_path):
    path = write_cv(tmp_path, [f"Pagina {n}\n{DUTCH_CV}" for n in range(1, 7)])

    content = read_pdf(path, max_text_pages=2)

    assert content.pages == 6
    assert len(content.page_texts) == 2
    assert "eerste 2 van 6 pagina's" in content.detail


@pytest.mark.parametrize(
    ("make", "status", "words"),
    [
        (lambda: encrypted(pdf_bytes([DUTCH_CV])), DocumentStatus.ENCRYPTED, "wachtwoord"),
        (lambda: pdf_bytes([DUTCH_CV])[:1500], DocumentStatus.TRUNCATED, "onvolledig"),
        (lambda: b"Curriculum vitae van Anouk Visser\n" * 20, DocumentStatus.NOT_PDF, "geen PDF"),
        (lambda: b"%PDF-1.7\n" + bytes(range(256)) * 8 + b"\n%%EOF\n", DocumentStatus.DAMAGED, "beschadigd"),
        (lambda: b"", DocumentStatus.NOT_PDF, "geen PDF"),
    ],
    ids=["encrypted", "truncated", "not-pdf", "damaged", "empty"],
)
def test_an_unusable_file_is_a_status_with_a_reason_never_an_exception(tmp_path, capsys, make, status, words):
    path = tmp_path / "cv.pdf"
    path.write_bytes(make())

    content = read_pdf(path)

    assert content.status is status
    assert words in content.detail
    assert content.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()  # evidence of what was judged
    assert content.page_texts == ()
    captured = capsys.readouterr()
    assert captured.err == captured.out == ""  # pypdf's own complaints are counted, not printed


def test_an_oversized_or_missing_file_is_not_read(tmp_path):
    path = write_cv(tmp_path, DUTCH_CV)

    too_large = read_pdf(path, max_bytes=500)
    missing = read_pdf(tmp_path / "weg.pdf")

    assert too_large.status is DocumentStatus.TOO_LARGE
    assert too_large.sha256 is None and too_large.size_bytes == path.stat().st_size
    assert missing.status is DocumentStatus.MISSING


def test_a_pdf_only_restricted_by_an_owner_password_is_readable(tmp_path):
    path = tmp_path / "cv.pdf"
    path.write_bytes(encrypted(pdf_bytes([DUTCH_CV]), user_password=""))

    content = read_pdf(path)

    assert content.status is DocumentStatus.READ
    assert "rechtenbeperking" in content.detail
    assert SKJ_LINE_NL in content.page_texts[0]


# Language


@pytest.mark.parametrize(("text", "code"), [(DUTCH_CV, "nl"), (ENGLISH_CV, "en"), (GERMAN, "de"), (FRENCH, "fr")])
def test_language_is_detected_among_the_four_that_matter(text, code):
    result = detect_language(text)

    assert result.code == code
    assert result.share >= 0.8
    assert detect_language(text) == result  # deterministic


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Anouk Visser\nGezinscoach\nSKJ 110012345", "te weinig tekst"),
        (DUTCH_CV[: len(DUTCH_CV) // 2] + ENGLISH_CV[len(ENGLISH_CV) // 2 :], "gemengde taal"),
    ],
    ids=["short", "mixed"],
)
def test_short_or_mixed_text_is_undetermined_not_a_guess(text, words):
    result = detect_language(text)

    assert result.code == "und"
    assert words in result.detail
    assert set(LANGUAGES) == {"nl", "en", "de", "fr"}


# The document overrides the declaration


def test_the_dutch_cv_with_skj_line_passes_from_the_document(check_with_cv):
    report = check_with_cv(DUTCH_CV)

    registration = finding(report, "KO-REG-001")
    assert registration.status == "pass"
    document_facts = {f.name: f for f in registration.facts if f.source is FactSource.DOCUMENT}
    assert document_facts["registratienummer in cv"].value == "110012345"
    assert document_facts["afloopdatum in cv"].value == "31 maart 2028"
    assert report.evidence[0].sha256 in document_facts["registratienummer in cv"].detail
    assert finding(report, "CV-LANG-001").status == "pass"
    assert finding(report, "CV-REFS-001").status == "pass"
    assert finding(report, "CV-PAGES-001").status == "pass"
    assert finding(report, "CV-PAGES-001").attention == ("Opgegeven: 4 pagina's; het cv-bestand telt er 1.",)
    assert report.verdict == "compliant"
    evidence = report.evidence[0]
    assert (evidence.role, evidence.path, evidence.status, evidence.pages, evidence.language) == (
        "cv",
        "cv.pdf",
        "read",
        1,
        "nl",
    )


def test_a_registration_only_in_the_structured_data_fails_when_a_cv_was_read(check_with_cv):
    report = check_with_cv(DUTCH_CV.replace(SKJ_LINE_NL, "Geregistreerd als jeugd- en gezinsprofessional."))

    registration = finding(report, "KO-REG-001")
    assert registration.status == "fail"
    assert registration.reason_code == "REG_NUMBER_NOT_IN_CV"
    assert report.verdict == "non_compliant"


def test_a_number_without_expiry_in_the_cv_fails(check_with_cv):
    report = check_with_cv(DUTCH_CV.replace(SKJ_LINE_NL, "SKJ-registratienummer 110012345."))

    assert finding(report, "KO-REG-001").reason_code == "REG_EXPIRY_NOT_IN_CV"
    assert finding(report, "KO-REG-001").status == "fail"


def test_an_expiry_in_month_and_year_only_needs_review(check_with_cv):
    report = check_with_cv(DUTCH_CV.replace(SKJ_LINE_NL, "SKJ-registratienummer 110012345, geldig tot maart 2028."))

    assert finding(report, "KO-REG-001").status == "needs_review"
    assert finding(report, "KO-REG-001").reason_code == "REG_EXPIRY_UNCLEAR_IN_CV"


def test_what_the_cv_states_overrides_the_declaration_and_the_mismatch_is_reported(check_with_cv):
    cv = DUTCH_CV.replace(SKJ_LINE_NL, "SKJ-registratienummer 110012345, geldig tot 01-01-2026.")

    report = check_with_cv(cv)

    registration = finding(report, "KO-REG-001")
    assert registration.status == "fail"
    assert registration.reason_code == "REG_EXPIRED"
    assert "Opgegeven afloopdatum 31 maart 2028; het cv vermeldt 1 januari 2026." in registration.attention


def test_a_registration_stated_only_in_the_cv_counts(check_with_cv):
    report = check_with_cv(DUTCH_CV, {"candidate/registrations": []})

    assert finding(report, "KO-REG-001").status == "pass"


def test_an_english_cv_fails_the_dutch_language_requirement_from_the_document(check_with_cv):
    report = check_with_cv(ENGLISH_CV)

    language = finding(report, "CV-LANG-001")
    assert language.status == "fail"
    assert language.reason == "Het cv is opgesteld in het Engels; gevraagd is Nederlands."
    assert "Opgegeven taal: Nederlands; het cv-bestand is in het Engels." in language.attention
    assert finding(report, "KO-REG-001").status == "pass"  # number and expiry read from English text too


def test_a_six_page_cv_fails_the_five_page_maximum(check_with_cv):
    report = check_with_cv([f"{DUTCH_CV}\nPagina {n} van 6" for n in range(1, 7)])

    pages = finding(report, "CV-PAGES-001")
    assert pages.status == "fail"
    assert pages.reason == "Het cv telt 6 pagina's; maximaal 5 toegestaan."
    assert report.evidence[0].pages == 6


def test_references_missing_from_the_cv_fail_and_unmatched_ones_under_a_heading_need_review(check_with_cv):
    without = check_with_cv(DUTCH_CV.split("Referenties")[0])
    other_names = check_with_cv(DUTCH_CV.replace("P. de Wit", "M. Jansen").replace("S. Bakker", "R. Smit"))

    assert finding(without, "CV-REFS-001").status == "fail"
    assert finding(without, "CV-REFS-001").reason_code == "CV_REFS_NOT_IN_CV"
    assert finding(other_names, "CV-REFS-001").status == "needs_review"


@pytest.mark.parametrize(
    ("cv", "status"),
    [
        (encrypted(pdf_bytes([DUTCH_CV])), "encrypted"),
        (pdf_bytes([DUTCH_CV])[:1500], "truncated"),
        (None, "missing"),
    ],
    ids=["encrypted", "truncated", "missing"],
)
def test_an_unreadable_cv_makes_every_document_check_need_review(check_with_cv, cv, status):
    report = check_with_cv(cv)

    assert report.evidence[0].status == status
    for check_id in ("CV-PAGES-001", "CV-LANG-001", "CV-REFS-001", "KO-REG-001"):
        assert finding(report, check_id).status == "needs_review", check_id
    assert report.verdict == "needs_review"


def test_a_cv_without_text_layer_has_pages_but_no_language(check_with_cv):
    report = check_with_cv(pdf_bytes(["", ""]))

    assert finding(report, "CV-PAGES-001").status == "pass"
    assert finding(report, "CV-LANG-001").status == "needs_review"
    assert finding(report, "KO-REG-001").reason_code == "REG_CV_UNUSABLE"
    assert report.evidence[0].language == "und"


def test_without_a_cv_file_the_declaration_is_judged_as_before(run_checks, make_submission, registry):
    report = run_checks(make_submission(), registry=registry)

    assert report.evidence == ()
    assert finding(report, "KO-REG-001").status == "pass"
    assert all(f.source is not FactSource.DOCUMENT for f in finding(report, "KO-REG-001").facts)
    assert finding(report, "NL-AVG-001").status == "not_applicable"


def test_the_document_hash_is_part_of_the_decision_id(check_with_cv):
    first = check_with_cv(DUTCH_CV)
    second = check_with_cv(DUTCH_CV + "\nHobby's: hardlopen en lezen.")

    assert first.evidence[0].sha256 != second.evidence[0].sha256
    assert first.decision_id != second.decision_id
