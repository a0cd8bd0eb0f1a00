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


@pytest.mark.parametrize(
    ("phase", "blocking", "verdict"), [("submission", False, "compliant"), ("award", True, "needs_review")]
)
def test_missing_declaration_blocks_only_at_award(
    make_submission, run_checks, finding_of, registry, phase, blocking, verdict
):
    report = run_checks(make_submission(drop=["documents/integrity_declaration"]), phase=phase, registry=registry)

    finding = finding_of(report, CHECK)
    assert finding.status == "needs_review"
    assert finding.blocking is blocking
    assert finding.reason_code == "INT_MISSING"
    assert "geen ondertekende integriteitsverklaring" in finding.reason
    assert "in de fase 'gunning'" in finding.reason
    assert report.verdict == verdict


def test_declaration_required_at_submission_blocks_then(make_submission, make_tender, run_checks, finding_of):
    tender = make_tender({"conditions/integrity_declaration/phase": "submission"})

    report = run_checks(make_submission(drop=["documents/integrity_declaration"]), tender=tender)

    finding = finding_of(report, CHECK)
    assert finding.blocking is True
    assert "in de fase 'inschrijving'" in finding.reason


def test_tender_without_integrity_condition_is_not_applicable(make_submission, make_tender, run_checks, finding_of):
    tender = make_tender(drop=["conditions/integrity_declaration"])

    finding = finding_of(run_checks(make_submission(), phase="award", tender=tender), CHECK)

    assert finding.status == "not_applicable"
    assert finding.reason_code == "INT_NOT_REQUIRED"
