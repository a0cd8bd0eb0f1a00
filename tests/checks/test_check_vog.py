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


def test_missing_vog_at_award_fails_as_not_supplied(make_submission, run_checks, finding_of, registry):
    # Issue 13, rule 6: in the phase that asks for it, a missing VOG leaves nothing to judge.
    report = run_checks(make_submission(drop=["documents/vog"]), phase="award", registry=registry)

    finding = finding_of(report, CHECK)
    assert finding.status == "fail"
    assert finding.blocking is True
    assert finding.reason_code == "VOG_NOT_SUPPLIED"
    assert "nog niet aangeleverd" in finding.reason
    assert finding.remedy == (
        "Lever een VOG aan met functieaspect(en) 84, afgegeven op of na 16 december 2025, en vul /documents/vog in "
        "(issued_on, functieaspecten)."
    )
    assert report.verdict == "non_compliant"
    assert CHECK in report.summary.blocking_failures


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


# Issue 13, rule 6: screening profiles and a VOG dated after the assumed start.


@pytest.mark.parametrize(
    ("accepted", "status", "code"),
    [([], "needs_review", "VOG_PROFILE_REVIEW"), (["96"], "pass", "VOG_OK")],
)
def test_profile_96_screens_every_aspect_but_passes_only_where_the_tender_accepts_it(
    make_submission, make_tender, run_checks, finding_of, accepted, status, code
):
    tender = make_tender({"conditions/vog/accepted_profiles": accepted})
    submission = make_submission({"documents/vog": {"issued_on": "2026-02-02", "screening_profile": "96"}})

    finding = finding_of(run_checks(submission, phase="award", tender=tender), CHECK)

    assert (finding.status, finding.reason_code) == (status, code)
    if status == "needs_review":
        assert "screeningsprofiel 96, dat alle functieaspecten screent (dus ook 84)" in finding.reason
        cited = next(p for p in finding.params if p.name == "vog_all_aspect_profiles")
        assert cited.value == "96" and "Justis" in cited.source and cited.valid_from == "2015-01-01"


def test_another_profile_without_the_aspect_still_fails(make_submission, run_checks, finding_of):
    submission = make_submission({"documents/vog": {"issued_on": "2026-02-02", "screening_profile": "45"}})

    finding = finding_of(run_checks(submission, phase="award"), CHECK)

    assert (finding.status, finding.reason_code) == ("fail", "VOG_ASPECT_MISSING")


@pytest.mark.parametrize(
    ("issued_on", "status", "age"),
    [("2026-03-16", "pass", "0 dagen"), ("2026-04-01", "needs_review", "afgegeven 16 dagen ná de start")],
)
def test_vog_issued_after_the_assumed_start_needs_review_without_a_negative_age(
    make_submission, run_checks, finding_of, issued_on, status, age
):
    finding = finding_of(run_checks(make_submission({"documents/vog/issued_on": issued_on}), phase="award"), CHECK)

    assert finding.status == status
    age_line = next(c for c in finding.calculations if c.label == "Leeftijd VOG bij start")
    assert age_line.result == age
    if status == "needs_review":
        assert finding.reason_code == "VOG_AFTER_START"
        assert "16 dagen ná de aangenomen start op 16 maart 2026" in finding.reason
