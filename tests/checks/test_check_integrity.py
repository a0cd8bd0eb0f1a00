"""NL-INT-001: the signed integrity declaration, asked for at award: blocking only in that phase."""

from __future__ import annotations

import pytest

CHECK = "NL-INT-001"


@pytest.mark.parametrize("phase", ["submission", "award"])
def test_signed_declaration_passes(make_submission, run_checks, finding_of, phase):
    finding = finding_of(run_checks(make_submission(), phase=phase), CHECK)

    assert finding.status == "pass"
    assert finding.reason_code == "INT_OK"
    assert finding.reason == "Integriteitsverklaring ondertekend op 20 februari 2026."
    assert finding.blocking is (phase == "award")


def test_missing_declaration_is_an_attention_point_before_award(make_submission, run_checks, finding_of, registry):
    report = run_checks(make_submission(drop=["documents/integrity_declaration"]), registry=registry)

    finding = finding_of(report, CHECK)
    assert finding.status == "needs_review"
    assert finding.blocking is False
    assert finding.reason_code == "INT_MISSING"
    assert "geen ondertekende integriteitsverklaring" in finding.reason
    assert "in de fase 'gunning'" in finding.reason
    assert report.verdict == "compliant"


def test_missing_declaration_at_award_fails_as_not_supplied(make_submission, run_checks, finding_of, registry):
    # Issue 13, rule 6: in its own phase nothing is left for a person to judge.
    report = run_checks(make_submission(drop=["documents/integrity_declaration"]), phase="award", registry=registry)

    finding = finding_of(report, CHECK)
    assert finding.status == "fail"
    assert finding.blocking is True
    assert finding.reason_code == "INT_NOT_SUPPLIED"
    assert "nog niet aangeleverd" in finding.reason
    assert "ondertekende integriteitsverklaring van de opdrachtgever aan" in finding.remedy
    assert report.verdict == "non_compliant"


def test_declaration_required_at_submission_blocks_then(make_submission, make_tender, run_checks, finding_of):
    tender = make_tender({"conditions/integrity_declaration/phase": "submission"})

    report = run_checks(make_submission(drop=["documents/integrity_declaration"]), tender=tender)

    finding = finding_of(report, CHECK)
    assert finding.blocking is True
    assert finding.status == "fail"
    assert "in de fase 'inschrijving'" in finding.reason


def test_tender_without_integrity_condition_is_not_applicable(make_submission, make_tender, run_checks, finding_of):
    tender = make_tender(drop=["conditions/integrity_declaration"])

    finding = finding_of(run_checks(make_submission(), phase="award", tender=tender), CHECK)

    assert finding.status == "not_applicable"
    assert finding.reason_code == "INT_NOT_REQUIRED"
