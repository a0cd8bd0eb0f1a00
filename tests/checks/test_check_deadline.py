"""NL-DEADLINE-001: submission time against the deadline 2026-02-23 09:00 Europe/Amsterdam (+01:00).

Times are compared as instants, so a submission given in UTC or another offset is judged by the
moment it was made, not by the digits on the clock.
"""

from __future__ import annotations

import pytest

CHECK = "NL-DEADLINE-001"


@pytest.mark.parametrize(
    ("submitted_at", "shown"),
    [
        ("2026-02-23T07:59:59Z", "2026-02-23 08:59:59 CET"),  # one second before 09:00 local
        ("2026-02-23T08:59:59+01:00", "2026-02-23 08:59:59 CET"),
        ("2026-02-23T13:29:59+05:30", "2026-02-23 08:59:59 CET"),  # Indian offset, same instant
        ("2026-02-21T10:15:00+01:00", "2026-02-21 10:15:00 CET"),  # the example
    ],
)
def test_before_the_deadline_passes(make_submission, run_checks, finding_of, submitted_at, shown):
    report = run_checks(make_submission({"submitted_at": submitted_at}))

    finding = finding_of(report, CHECK)
    assert finding.status == "pass"
    assert finding.blocking is True
    assert finding.reason_code == "DEADLINE_OK"
    assert shown in finding.reason
    assert "vóór de sluitingstijd 2026-02-23 09:00 CET" in finding.reason


@pytest.mark.parametrize(
    ("submitted_at", "shown"),
    [
        # 08:59:59 in UTC looks early, but it is 09:59:59 in Heerde: late.
        ("2026-02-23T08:59:59Z", "2026-02-23 09:59:59 CET"),
        ("2026-02-23T09:00:00+01:00", "2026-02-23 09:00:00 CET"),  # exactly at the deadline
        ("2026-02-23T08:00:00Z", "2026-02-23 09:00:00 CET"),  # the deadline, written in UTC
        ("2026-02-24T00:00:00+01:00", "2026-02-24 00:00:00 CET"),
    ],
)
def test_at_or_after_the_deadline_fails(make_submission, run_checks, finding_of, submitted_at, shown):
    report = run_checks(make_submission({"submitted_at": submitted_at}))

    finding = finding_of(report, CHECK)
    assert finding.status == "fail"
    assert finding.blocking is True
    assert finding.reason_code == "DEADLINE_MISSED"
    assert shown in finding.reason
    assert "op of na de sluitingstijd" in finding.reason
    assert "/submitted_at" in finding.remedy and "telt niet mee" in finding.remedy
    assert report.verdict == "non_compliant"
    assert CHECK in report.summary.blocking_failures


def test_unknown_submission_time_needs_review(make_submission, run_checks, finding_of):
    report = run_checks(make_submission({"submitted_at": None}))

    finding = finding_of(report, CHECK)
    assert finding.status == "needs_review"
    assert finding.blocking is True
    assert finding.reason_code == "DEADLINE_UNKNOWN"
    assert "niet opgegeven" in finding.reason
    assert report.verdict == "needs_review"


def test_finding_records_the_deadline_and_the_declared_time(make_submission, run_checks, finding_of):
    finding = finding_of(run_checks(make_submission()), CHECK)

    assert [(p.name, p.value) for p in finding.params] == [("sluitingstijd", "2026-02-23T09:00:00+01:00")]
    assert finding.params[0].valid_from == "2026-02-09"
    (fact,) = finding.facts
    assert fact.pointer == "/submitted_at"
    assert fact.value == "2026-02-21T10:15:00+01:00"
    assert fact.source == "declaration"
