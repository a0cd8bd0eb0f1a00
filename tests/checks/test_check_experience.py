"""KO-EXP-001: at least 24 months as gezinscoach/jeugdconsulent/ambulant hulpverlener with young
children at a municipality, within the 8 years before the deadline (23 Feb 2018 - 23 Feb 2026).

A month is 365/12 days; overlapping or adjacent jobs count once; a current job counts up to the
deadline; the part of a job before the window does not count.
"""

from __future__ import annotations

import pytest

CHECK = "KO-EXP-001"


def _args(finding):
    return dict(finding.reason_args)


def test_issue_example_passes(make_submission, run_checks, finding_of):
    finding = finding_of(run_checks(make_submission()), CHECK)

    assert finding.status == "pass"
    assert finding.blocking is True
    assert finding.reason_code == "EXP_OK"
    # 2018-02-23 .. 2026-02-23 is 2923 days: 96.1 months at 365/12 days a month.
    assert "96,09 maanden meetellende ervaring tussen 23 februari 2018 en 23 februari 2026; vereist: 24" in (
        finding.reason
    )


def test_parallel_jobs_are_merged_not_added(make_submission, make_job, run_checks, finding_of):
    jobs = [
        make_job(employer="Gemeente Zwolle", start="2023-01-01", end="2024-06-30"),
        make_job(employer="Gemeente Kampen", start="2023-01-01", end="2024-06-30"),
    ]

    report = run_checks(make_submission({"candidate/experience": jobs}))

    finding = finding_of(report, CHECK)
    assert finding.status == "fail"
    assert finding.reason_code == "EXP_TOO_SHORT"
    assert _args(finding)["months"] == "17,98"  # 547 days once, not 36 months
    totals = [c for c in finding.calculations if c.label.startswith("Totaal")]
    assert totals[0].result == "17,98 mnd"
    assert "Vermeld alle relevante banen" in finding.remedy
    assert report.verdict == "non_compliant"


def test_consecutive_jobs_are_added(make_submission, make_job, run_checks, finding_of):
    jobs = [
        make_job(employer="Gemeente Zwolle", start="2021-01-01", end="2022-06-30"),
        make_job(employer="Gemeente Kampen", start="2022-07-01", end="2023-12-31"),
    ]

    finding = finding_of(run_checks(make_submission({"candidate/experience": jobs})), CHECK)

    assert finding.status == "pass"
    assert _args(finding)["months"] == "36,00"  # 1095 days


def test_only_the_part_of_a_job_inside_the_window_counts(make_submission, make_job, run_checks, finding_of):
    jobs = [
        # 2010 .. 22 Feb 2019: only 23 Feb 2018 .. 22 Feb 2019 (365 days, 12.0 months) is in the window.
        make_job(employer="Gemeente Deventer", start="2010-01-01", end="2019-02-22"),
        # 24 Feb 2025 .. today: 365 days up to the deadline.
        make_job(employer="Gemeente Heerde", start="2025-02-24", end=None),
    ]

    finding = finding_of(run_checks(make_submission({"candidate/experience": jobs})), CHECK)

    assert finding.status == "pass"
    assert _args(finding)["months"] == "24,00"
    lines = {c.label: c for c in finding.calculations}
    assert lines["Gezinscoach bij Gemeente Deventer"].result == "12,00 mnd"
    assert "telt deels (venster)" in lines["Gezinscoach bij Gemeente Deventer"].expression
    assert lines["Venster"].expression == "23 februari 2018 t/m 23 februari 2026"


def test_exactly_24_months_passes(make_submission, make_job, run_checks, finding_of):
    # 25 Feb 2024 .. 23 Feb 2026 is 730 days = 24.0 months at 365/12 days a month.
    jobs = [make_job(start="2024-02-25", end=None)]

    finding = finding_of(run_checks(make_submission({"candidate/experience": jobs})), CHECK)

    assert finding.status == "pass"
    assert _args(finding)["months"] == "24,00"


def test_job_only_before_the_window_does_not_count(make_submission, make_job, run_checks, finding_of):
    jobs = [make_job(start="2012-01-01", end="2018-02-22")]

    finding = finding_of(run_checks(make_submission({"candidate/experience": jobs})), CHECK)

    assert finding.status == "fail"
    assert _args(finding)["months"] == "0,00"
    assert any("valt buiten het venster" in c.expression for c in finding.calculations)


def test_current_job_counts_up_to_the_deadline(make_submission, make_job, run_checks, finding_of):
    # 23 Feb 2024 .. 23 Feb 2026 inclusive is 732 days (2024 is a leap year): 24.07 months.
    jobs = [make_job(start="2024-02-23", end=None)]

    finding = finding_of(run_checks(make_submission({"candidate/experience": jobs})), CHECK)

    assert finding.status == "pass"
    assert _args(finding)["months"] == "24,06"
    job_line = next(c for c in finding.calculations if c.label == "Gezinscoach bij Gemeente Zwolle")
    assert "23 februari 2024 – heden" in job_line.expression


def test_declared_end_after_the_deadline_is_cut_at_the_deadline(make_submission, make_job, run_checks, finding_of):
    jobs = [make_job(start="2024-02-23", end="2027-12-31")]

    finding = finding_of(run_checks(make_submission({"candidate/experience": jobs})), CHECK)

    assert _args(finding)["months"] == "24,06"


def test_a_fail_never_shows_the_required_number_of_months(make_submission, make_job, run_checks, finding_of):
    # 26 Feb 2024 .. 23 Feb 2026 is 729 days = 23.97 months: short of 24.
    jobs = [make_job(start="2024-02-26", end=None)]

    finding = finding_of(run_checks(make_submission({"candidate/experience": jobs})), CHECK)

    assert finding.status == "fail"
    assert _args(finding)["months"] != "24,00"


def test_non_municipal_employer_is_excluded(make_submission, make_job, run_checks, finding_of):
    jobs = [make_job(employer="Icare Jeugd", employer_type="zorgaanbieder", start="2017-01-01", end=None)]

    finding = finding_of(run_checks(make_submission({"candidate/experience": jobs})), CHECK)

    assert finding.status == "fail"
    assert finding.reason_code == "EXP_TOO_SHORT"
    assert _args(finding)["months"] == "0,00"
    assert any("werkgever 'zorgaanbieder' telt niet" in c.expression for c in finding.calculations)


@pytest.mark.parametrize("employer", ["Gemeente Zwolle (gedetacheerd)", "Sociaal Wijkteam Kampen"])
def test_other_employer_with_a_municipal_name_needs_review(make_submission, make_job, run_checks, finding_of, employer):
    jobs = [make_job(employer=employer, employer_type="other", start="2019-01-01", end=None)]

    report = run_checks(make_submission({"candidate/experience": jobs}))

    finding = finding_of(report, CHECK)
    assert finding.status == "needs_review"
    assert finding.blocking is True
    assert finding.reason_code == "EXP_EMPLOYER_REVIEW"
    assert _args(finding)["months"] == "0,00"
    assert _args(finding)["possible"] == "85,84"  # 2019-01-01 .. 2026-02-23 = 2611 days
    assert "Zeker meetellend: 0,00 maanden" in finding.reason
    assert "gemeente (of gemeentelijk wijkteam)" in finding.remedy
    assert report.verdict == "needs_review"


def test_missing_example_fails(make_submission, run_checks, finding_of):
    report = run_checks(make_submission({"candidate/experience/0/example": None}))

    finding = finding_of(report, CHECK)
    assert finding.status == "fail"
    assert finding.reason_code == "EXP_NO_EXAMPLE"
    assert "bij geen van de meetellende banen staat een voorbeeld" in finding.reason
    assert report.verdict == "non_compliant"


def test_blank_example_counts_as_missing(make_submission, run_checks, finding_of):
    finding = finding_of(run_checks(make_submission({"candidate/experience/0/example": "   "})), CHECK)

    assert finding.reason_code == "EXP_NO_EXAMPLE"


def test_example_on_a_job_that_does_not_count_is_not_enough(make_submission, make_job, run_checks, finding_of):
    jobs = [
        make_job(start="2019-01-01", end=None, example=None),
        make_job(employer="Icare Jeugd", employer_type="zorgaanbieder", start="2019-01-01", end=None),
    ]

    finding = finding_of(run_checks(make_submission({"candidate/experience": jobs})), CHECK)

    assert finding.reason_code == "EXP_NO_EXAMPLE"


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"role_type": "jeugdhulpverlener", "role": "Jeugdhulpverlener"}, "rol 'jeugdhulpverlener' telt niet"),
        ({"target_groups": ["adolescenten"]}, "doelgroep jonge_kinderen ontbreekt"),
        ({"start": "2026-03-01", "end": None}, "valt buiten het venster"),  # starts after the deadline
    ],
)
def test_job_outside_the_required_role_group_or_window_does_not_count(
    make_submission, make_job, run_checks, finding_of, changes, words
):
    jobs = [make_job(**{"start": "2019-01-01", **changes})]

    finding = finding_of(run_checks(make_submission({"candidate/experience": jobs})), CHECK)

    assert finding.status == "fail"
    assert any(words in c.expression for c in finding.calculations)


def test_no_experience_fails(make_submission, run_checks, finding_of):
    finding = finding_of(run_checks(make_submission({"candidate/experience": []})), CHECK)

    assert finding.status == "fail"
    assert "0,00 maanden meetellende ervaring" in finding.reason


def test_whole_months_are_exact_at_the_boundary() -> None:
    """1 460 days are exactly 48 months of 365/12 days: shown as 48,00 and enough for a 48-month minimum."""
    from compliance.checks.experience_count import months_at_least, months_text

    assert months_text(1460) == "48,00"
    assert months_at_least(1460, 48)
    assert not months_at_least(1459, 48)
    assert months_text(146) == "4,80"
    assert months_text(729) == "23,96"
