"""NL-WTTA-001: the latest possible contract end (incl. options) against the Wtta dates: NAU
notification before 1 January 2027, only admitted lenders from 1 January 2028. Never blocking.

Heerde: start 16 March 2026 + 4 months + 2 x 6 months option - 1 day = 15 July 2027.
"""

from __future__ import annotations

import pytest

CHECK = "NL-WTTA-001"


def test_heerde_runs_past_the_notification_date_pass_with_attention(make_submission, run_checks, finding_of):
    report = run_checks(make_submission())

    finding = finding_of(report, CHECK)
    assert finding.status == "pass"
    assert finding.blocking is False
    assert finding.reason_code == "WTTA_NOTIFICATION"
    assert "doorlopen tot 15 juli 2027, voorbij de Wtta-meldplicht (1 januari 2027)" in finding.reason
    (note,) = finding.attention
    assert "Vanaf 1 januari 2027" in note and "NAU" in note
    end = next(c for c in finding.calculations if c.label.startswith("Uiterste einddatum"))
    assert end.result == "15 juli 2027"
    assert report.reference_dates.contract_end_max == "2027-07-15"


def test_assignment_ending_before_2027_passes_without_attention(make_submission, make_tender, run_checks, finding_of):
    tender = make_tender({"term/extension_options": []})  # ends 15 July 2026

    finding = finding_of(run_checks(make_submission(), tender=tender), CHECK)

    assert finding.status == "pass"
    assert finding.reason_code == "WTTA_ENDS_BEFORE"
    assert "eindigt uiterlijk op 15 juli 2026" in finding.reason
    assert finding.attention == ()


@pytest.mark.parametrize(
    ("changes", "end"),
    [
        ({"start": {"kind": "date", "planned_date": "2026-09-02"}}, "1 januari 2028"),  # first day of admission
        ({"term/extension_options": [{"count": 4, "months": 6}]}, "15 juli 2028"),  # more options
    ],
)
def test_contract_past_2027_needs_review_but_never_blocks(
    make_submission, make_tender, run_checks, finding_of, registry, changes, end
):
    tender = make_tender(changes)

    report = run_checks(make_submission({"documents/vog/issued_on": "2026-07-01"}), tender=tender, registry=registry)

    finding = finding_of(report, CHECK)
    assert finding.status == "needs_review"
    assert finding.blocking is False
    assert finding.reason_code == "WTTA_ADMISSION"
    assert f"doorlopen tot {end}" in finding.reason
    assert "Vanaf 1 januari 2028 mag alleen een door de NAU toegelaten uitlener uitlenen" in finding.reason
    assert "toelatingsbesluit" in finding.remedy
    assert report.verdict == "compliant"


def test_last_day_before_admission_is_still_only_notification(make_submission, make_tender, run_checks, finding_of):
    tender = make_tender({"start": {"kind": "date", "planned_date": "2026-09-01"}})  # ends 31 December 2027

    finding = finding_of(run_checks(make_submission(), tender=tender), CHECK)

    assert finding.reason_code == "WTTA_NOTIFICATION"
    assert "31 december 2027" in finding.reason


def test_zzp_is_not_lending_so_wtta_is_not_applicable(make_submission, run_checks, finding_of):
    finding = finding_of(run_checks(make_submission({"candidate/engagement": "zzp"})), CHECK)

    assert finding.status == "not_applicable"
    assert finding.blocking is False
    assert finding.reason_code == "WTTA_NOT_LENDING"
    assert "contractvorm zzp" in finding.reason
