"""NL-VOG-001: VOG with functieaspect 84, issued at most 3 months before the start (16 March 2026,
so not before 16 December 2025). The buyer asks for it at award: blocking only with --phase award.
"""

from __future__ import annotations

import pytest

CHECK = "NL-VOG-001"


@pytest.mark.parametrize("phase", ["submission", "award"])
def test_recent_vog_with_aspect_84_passes(make_submission, run_checks, finding_of, registry, phase):
    report = run_checks(make_submission(), phase=phase, registry=registry)

    finding = finding_of(report, CHECK)
    assert finding.status == "pass"
    assert finding.reason_code == "VOG_OK"
    assert "VOG afgegeven op 2 februari 2026 met functieaspect(en) 84" in finding.reason
    assert "binnen 3 maanden vóór de start op 16 maart 2026" in finding.reason
    assert finding.blocking is (phase == "award")
    assert report.verdict == "compliant"


def test_vog_issued_exactly_three_months_before_start_passes(make_submission, run_checks, finding_of):
    finding = finding_of(run_checks(make_submission({"documents/vog/issued_on": "2025-12-16"}), phase="award"), CHECK)

    assert finding.status == "pass"


def test_missing_vog_at_submission_is_an_attention_point(make_submission, run_checks, finding_of, registry):
    report = run_checks(make_submission(drop=["documents/vog"]), registry=registry)

    finding = finding_of(report, CHECK)
    assert finding.status == "needs_review"
    assert finding.blocking is False
    assert finding.reason_code == "VOG_MISSING"
    assert "de opdrachtgever vraagt die in de fase 'gunning'" in finding.reason
    assert "niet vóór 16 december 2025" in finding.reason
    assert "functieaspect(en) 84" in finding.remedy
    assert report.verdict == "compliant"  # not blocking before the award phase


def test_missing_vog_at_award_blocks(make_submission, run_checks, finding_of, registry):
    report = run_checks(make_submission(drop=["documents/vog"]), phase="award", registry=registry)

    finding = finding_of(report, CHECK)
    assert finding.status == "needs_review"
    assert finding.blocking is True
    assert report.verdict == "needs_review"
    assert CHECK in report.summary.blocking_reviews


@pytest.mark.parametrize(("phase", "verdict"), [("submission", "compliant"), ("award", "non_compliant")])
def test_vog_older_than_three_months_before_start_fails(
    make_submission, run_checks, finding_of, registry, phase, verdict
):
    report = run_checks(make_submission({"documents/vog/issued_on": "2025-12-15"}), phase=phase, registry=registry)

    finding = finding_of(report, CHECK)
    assert finding.status == "fail"
    assert finding.reason_code == "VOG_TOO_OLD"
    assert "afgegeven op 15 december 2025, meer dan 3 maanden vóór de (aangenomen) start op 16 maart 2026" in (
        finding.reason
    )
    assert "op of na 16 december 2025" in finding.reason
    assert finding.blocking is (phase == "award")
    assert report.verdict == verdict
    age = next(c for c in finding.calculations if c.label == "Leeftijd VOG bij start")
    assert age.result == "91 dagen"


def test_vog_without_the_required_aspect_fails(make_submission, run_checks, finding_of, registry):
    report = run_checks(
        make_submission({"documents/vog/functieaspecten": ["45", "56"]}), phase="award", registry=registry
    )

    finding = finding_of(report, CHECK)
    assert finding.status == "fail"
    assert finding.reason_code == "VOG_ASPECT_MISSING"
    assert "dekt functieaspect(en) 84 niet (wel: 45, 56)" in finding.reason
    assert report.verdict == "non_compliant"


def test_accepted_screening_profile_replaces_the_aspects(make_submission, make_tender, run_checks, finding_of):
    tender = make_tender({"conditions/vog/accepted_profiles": ["75"]})
    submission = make_submission({"documents/vog": {"issued_on": "2026-02-02", "screening_profile": "75"}})

    finding = finding_of(run_checks(submission, phase="award", tender=tender), CHECK)

    assert finding.status == "pass"


def test_vog_facts_hold_metadata_only(make_submission, run_checks, finding_of):
    finding = finding_of(run_checks(make_submission()), CHECK)

    assert {f.pointer for f in finding.facts} == {"/documents/vog/issued_on", "/documents/vog/functieaspecten"}


def test_tender_without_vog_condition_is_not_applicable(make_submission, make_tender, run_checks, finding_of):
    tender = make_tender(drop=["conditions/vog"])

    finding = finding_of(run_checks(make_submission(drop=["documents/vog"]), phase="award", tender=tender), CHECK)

    assert finding.status == "not_applicable"
    assert finding.blocking is False
