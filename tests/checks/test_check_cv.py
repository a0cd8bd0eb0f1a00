"""CV-PAGES-001, CV-LANG-001, CV-REFS-001: at most 5 pages, in Dutch, at least 2 references."""

from __future__ import annotations

import pytest

PAGES, LANGUAGE, REFERENCES = "CV-PAGES-001", "CV-LANG-001", "CV-REFS-001"


@pytest.mark.parametrize("pages", [1, 4, 5])
def test_cv_within_the_page_limit_passes(make_submission, run_checks, finding_of, pages):
    finding = finding_of(run_checks(make_submission({"documents/cv/pages": pages})), PAGES)

    assert finding.status == "pass"
    assert finding.blocking is True
    assert finding.reason_code == "CV_PAGES_OK"
    assert finding.reason == f"Het cv telt {pages} pagina's (maximaal 5)."


def test_cv_over_the_page_limit_fails(make_submission, run_checks, finding_of):
    report = run_checks(make_submission({"documents/cv/pages": 6}))

    finding = finding_of(report, PAGES)
    assert finding.status == "fail"
    assert finding.reason_code == "CV_PAGES_TOO_MANY"
    assert "telt 6 pagina's; maximaal 5 toegestaan" in finding.reason
    assert "Kort het cv in tot maximaal 5 pagina's" in finding.remedy
    assert report.verdict == "non_compliant"


@pytest.mark.parametrize("drop", ["documents/cv/pages", "documents/cv"])
def test_unknown_page_count_needs_review(make_submission, run_checks, finding_of, drop):
    finding = finding_of(run_checks(make_submission(drop=[drop])), PAGES)

    assert finding.status == "needs_review"
    assert finding.blocking is True
    assert finding.reason_code == "CV_PAGES_UNKNOWN"
    assert "niet bekend" in finding.reason


def test_dutch_cv_passes(make_submission, run_checks, finding_of):
    finding = finding_of(run_checks(make_submission()), LANGUAGE)

    assert finding.status == "pass"
    assert finding.reason == "Het cv is opgesteld in het Nederlands."


@pytest.mark.parametrize(("code", "name"), [("en", "Engels"), ("de", "Duits"), ("pl", "pl")])
def test_cv_in_another_language_fails(make_submission, run_checks, finding_of, code, name):
    report = run_checks(make_submission({"documents/cv/language": code}))

    finding = finding_of(report, LANGUAGE)
    assert finding.status == "fail"
    assert finding.blocking is True
    assert finding.reason_code == "CV_LANG_WRONG"
    assert finding.reason == f"Het cv is opgesteld in het {name}; gevraagd is Nederlands."
    assert report.verdict == "non_compliant"


@pytest.mark.parametrize("changes", [{"documents/cv/language": "und"}, {"documents/cv/language": None}])
def test_undetermined_language_needs_review(make_submission, run_checks, finding_of, changes):
    finding = finding_of(run_checks(make_submission(changes)), LANGUAGE)

    assert finding.status == "needs_review"
    assert finding.reason_code == "CV_LANG_UNKNOWN"
    assert "niet vastgesteld; gevraagd is Nederlands" in finding.reason


def test_two_complete_references_pass(make_submission, run_checks, finding_of):
    finding = finding_of(run_checks(make_submission()), REFERENCES)

    assert finding.status == "pass"
    assert finding.reason_code == "CV_REFS_OK"
    assert "noemt 2 volledige referentie(s) (minimaal 2)" in finding.reason


def test_a_reference_with_only_a_contact_is_complete(make_submission, run_checks, finding_of):
    submission = make_submission(drop=["candidate/references/1/role", "candidate/references/1/organisation"])

    assert finding_of(run_checks(submission), REFERENCES).status == "pass"


def test_reference_without_role_or_contact_needs_review(make_submission, run_checks, finding_of):
    submission = make_submission({"candidate/references/1": {"name": "S. Bakker"}})

    finding = finding_of(run_checks(submission), REFERENCES)

    assert finding.status == "needs_review"
    assert finding.blocking is True
    assert finding.reason_code == "CV_REFS_INCOMPLETE"
    assert "1 volledige referentie(s) en 1 zonder functie of contactgegeven" in finding.reason


@pytest.mark.parametrize("kept", [0, 1])
def test_too_few_references_fail(make_submission, run_checks, finding_of, kept):
    submission = make_submission()
    submission["candidate"]["references"] = submission["candidate"]["references"][:kept]

    report = run_checks(submission)

    finding = finding_of(report, REFERENCES)
    assert finding.status == "fail"
    assert finding.reason_code == "CV_REFS_TOO_FEW"
    assert f"noemt {kept} referentie(s); minimaal 2 gevraagd" in finding.reason
    assert report.verdict == "non_compliant"


def test_tender_without_cv_rules_makes_all_three_not_applicable(make_submission, make_tender, run_checks, finding_of):
    report = run_checks(make_submission(drop=["documents/cv"]), tender=make_tender(drop=["cv"]))

    for check_id in (PAGES, LANGUAGE, REFERENCES):
        finding = finding_of(report, check_id)
        assert finding.status == "not_applicable"
        assert finding.blocking is False
        assert finding.reason_code == "CV_NOT_REQUIRED"


# Issue 13, rule 8: one person counts once; references are found in the CV by full name.

CV_TEXT = """Curriculum vitae
Anouk Visser, gezinscoach en jeugd- en gezinsprofessional bij de gemeente Raalte sinds 2017.
Ik begeleid gezinnen met jonge kinderen met gedragsproblematiek en stel samen met ouders veiligheidsplannen op.
SKJ-registratienummer 110012345, geldig tot 31 maart 2028.

Referenties
{first}, teamleider, gemeente Raalte, p.dewit@example.nl
Sanne Bakker, orthopedagoog, gemeente Raalte, +31 6 11111111
"""


def _cv(first: str):
    from compliance.documents.evidence import CvEvidence, DocumentEvidence
    from compliance.models.report import DocumentInfo

    info = DocumentInfo("cv", "cv.pdf", "read", "c" * 64, 2048, 1, "nl", "")
    return DocumentEvidence(cv=CvEvidence(info, (CV_TEXT.format(first=first),)))


def _reference(name, organisation="Gemeente Raalte", role="Teamleider"):
    return {"name": name, "role": role, "organisation": organisation, "contact": "p.dewit@example.nl"}


@pytest.mark.parametrize(
    ("declared", "in_cv", "status"),
    [
        ("Pieter de Wit", "Pieter de Wit", "pass"),
        ("P. de Wit", "Pieter de Wit", "pass"),  # an initial agrees with the written-out name
        ("Pieter de Wit", "Peter de Wit", "needs_review"),  # a different first name: a person must judge
        ("Pieter de Wit", "Teamleider De Wit", "needs_review"),  # only the surname is in the CV
    ],
)
def test_a_reference_is_matched_against_the_cv_by_full_name(
    make_submission, run_checks, finding_of, declared, in_cv, status
):
    submission = make_submission(
        {"candidate/references/0": _reference(declared), "candidate/references/1/name": "S. Bakker"}
    )

    finding = finding_of(run_checks(submission, documents=_cv(in_cv)), REFERENCES)

    assert finding.status == status
    quoted = next(f for f in finding.facts if f.name == f"referentie {declared} in cv")
    assert quoted.source == "document"
    assert quoted.value == f"'{in_cv}'"  # what the CV says, quoted
    if status == "needs_review":
        assert finding.reason_code == "CV_REFS_NAME_MISMATCH"
        assert f"{declared} (cv: '" in finding.reason
        assert "staat anders in het cv" in finding.reason


def test_the_same_person_twice_counts_once(make_submission, run_checks, finding_of):
    twice = [_reference("P. de Wit"), _reference("p de wit", organisation="gemeente  Raalte")]

    finding = finding_of(run_checks(make_submission({"candidate/references": twice})), REFERENCES)

    assert finding.status == "fail"
    assert finding.reason_code == "CV_REFS_TOO_FEW"
    assert "noemt 1 referentie(s)" in finding.reason
    assert "staat meer dan eens in het aanbod en telt één keer" in finding.attention[0]


def test_the_same_name_at_another_organisation_is_another_person(make_submission, run_checks, finding_of):
    two = [_reference("P. de Wit"), _reference("P. de Wit", organisation="Gemeente Epe")]

    finding = finding_of(run_checks(make_submission({"candidate/references": two})), REFERENCES)

    assert finding.status == "pass"
    assert finding.attention == ()


def test_a_repeated_reference_in_the_cv_is_not_counted_twice(make_submission, run_checks, finding_of):
    # One person in the CV's references section, listed twice: one reference, and the section names
    # others a person must look at (short under a heading needs review, as before).
    twice = [_reference("Pieter de Wit"), _reference("Pieter de Wit")]

    finding = finding_of(
        run_checks(make_submission({"candidate/references": twice}), documents=_cv("Pieter de Wit")), REFERENCES
    )

    assert finding.status == "needs_review"
    assert finding.reason_code == "CV_REFS_TOO_FEW_UNMATCHED"
    assert "noemt 1 herkende referentie(s)" in finding.reason
