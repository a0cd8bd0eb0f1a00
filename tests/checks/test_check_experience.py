"""KO-EXP-001: at least 24 months as gezinscoach/jeugdconsulent/ambulant hulpverlener with young
children at a municipality, within the 8 years before the deadline (23 Feb 2018 - 23 Feb 2026).

Months are calendar months: N months run from a start date up to the day before the same date N
months later (issue 13, rule 2). Overlapping or adjacent jobs count once; the left-over days of
separate periods add up (30 make a month); a current job counts up to the deadline; the part of a
job before the window does not count.
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
    # 23 Feb 2018 .. 22 Feb 2026 is 96 calendar months; 23 Feb 2026 is one day more.
    assert (
        "96 maanden en 1 dag(en) meetellende ervaring tussen 23 februari 2018 en 23 februari 2026 "
        "(kalendermaanden); vereist: 24 maanden." in finding.reason
    )
    cited = next(p for p in finding.params if p.name == "experience_rest_days_per_month")
    assert cited.value == "30" and cited.assumption
    assert "kalendermaand" in cited.source.casefold()


def test_parallel_jobs_are_merged_not_added(make_submission, make_job, run_checks, finding_of):
    jobs = [
        make_job(employer="Gemeente Zwolle", start="2023-01-01", end="2024-06-30"),
        make_job(employer="Gemeente Kampen", start="2023-01-01", end="2024-06-30"),
    ]

    report = run_checks(make_submission({"candidate/experience": jobs}))

    finding = finding_of(report, CHECK)
    assert finding.status == "fail"
    assert finding.reason_code == "EXP_TOO_SHORT"
    assert (_args(finding)["months"], _args(finding)["days"]) == ("18", "0")  # once, not 36 months
    totals = [c for c in finding.calculations if c.label.startswith("Totaal")]
    assert totals[0].result == "18 maanden en 0 dagen"
    assert totals[0].expression == "zeker meetellend: 1 januari 2023 t/m 30 juni 2024 = 18 mnd 0 d"
    assert finding.remedy.startswith("Nog 6 maanden nodig: vermeld in /candidate/experience ook andere banen")
    assert report.verdict == "non_compliant"


def test_consecutive_jobs_are_added(make_submission, make_job, run_checks, finding_of):
    jobs = [
        make_job(employer="Gemeente Zwolle", start="2021-01-01", end="2022-06-30"),
        make_job(employer="Gemeente Kampen", start="2022-07-01", end="2023-12-31"),
    ]

    finding = finding_of(run_checks(make_submission({"candidate/experience": jobs})), CHECK)

    assert finding.status == "pass"
    assert (_args(finding)["months"], _args(finding)["days"]) == ("36", "0")


def test_only_the_part_of_a_job_inside_the_window_counts(make_submission, make_job, run_checks, finding_of):
    jobs = [
        # 2010 .. 22 Feb 2019: only 23 Feb 2018 .. 22 Feb 2019 (12 calendar months) is in the window.
        make_job(employer="Gemeente Deventer", start="2010-01-01", end="2019-02-22"),
        # 23 Feb 2025 .. the deadline: 12 calendar months and the deadline day itself.
        make_job(employer="Gemeente Heerde", start="2025-02-23", end=None),
    ]

    finding = finding_of(run_checks(make_submission({"candidate/experience": jobs})), CHECK)

    assert finding.status == "pass"
    assert (_args(finding)["months"], _args(finding)["days"]) == ("24", "1")
    lines = {c.label: c for c in finding.calculations}
    assert lines["Gezinscoach bij Gemeente Deventer"].result == "12 mnd 0 d"
    assert lines["Gezinscoach bij Gemeente Heerde"].result == "12 mnd 1 d"
    assert "deels in het venster" in lines["Gezinscoach bij Gemeente Deventer"].expression
    assert lines["Venster"].expression == "23 februari 2018 t/m 23 februari 2026"


@pytest.mark.parametrize(
    ("start", "end", "status", "covered"),
    [
        # Across the leap day of 2024: 24 months end on 22 February 2026 ...
        ("2024-02-23", "2026-02-22", "pass", ("24", "0")),
        # ... so a period one day shorter (730 days, 24 months at 365/12 days) is short.
        ("2024-02-23", "2026-02-21", "fail", ("23", "30")),
        # From 29 February: the same date in 2026 does not exist, so 24 months end on 28 February.
        ("2024-02-29", "2026-02-28", "pass", ("24", "0")),
        ("2024-02-29", "2026-02-27", "fail", ("23", "30")),
        # A start on the 1st: the day before the same date is the month's last day.
        ("2024-03-01", "2026-02-28", "pass", ("24", "0")),
        ("2024-03-01", "2026-02-27", "fail", ("23", "27")),
    ],
)
def test_two_years_are_24_calendar_months_on_both_sides_of_a_leap_day(
    make_submission, make_tender, make_job, run_checks, finding_of, start, end, status, covered
):
    # A deadline in 2026-03 keeps every period inside the window.
    tender = make_tender({"deadline": "2026-03-30T09:00:00+02:00"})
    jobs = [make_job(start=start, end=end)]

    finding = finding_of(run_checks(make_submission({"candidate/experience": jobs}), tender=tender), CHECK)

    assert finding.status == status
    assert (_args(finding)["months"], _args(finding)["days"]) == covered


def test_left_over_days_of_separate_periods_add_up_to_months(make_submission, make_job, run_checks, finding_of):
    # 17 months 15 days + 6 months 15 days: the 30 loose days make the 24th month.
    jobs = [
        make_job(employer="Gemeente Zwolle", start="2021-01-01", end="2022-06-15"),
        make_job(employer="Gemeente Kampen", start="2023-01-01", end="2023-07-15"),
    ]
    enough = finding_of(run_checks(make_submission({"candidate/experience": jobs})), CHECK)
    jobs[1] = make_job(employer="Gemeente Kampen", start="2023-01-01", end="2023-07-14")  # one day less
    short = finding_of(run_checks(make_submission({"candidate/experience": jobs})), CHECK)

    assert (enough.status, _args(enough)["months"], _args(enough)["days"]) == ("pass", "24", "0")
    assert (short.status, _args(short)["months"], _args(short)["days"]) == ("fail", "23", "29")
    total = next(c for c in short.calculations if c.label.startswith("Totaal"))
    assert total.expression == (
        "zeker meetellend: 1 januari 2021 t/m 15 juni 2022 = 17 mnd 15 d; "
        "1 januari 2023 t/m 14 juli 2023 = 6 mnd 14 d; losse dagen samen 29 d = 0 mnd 29 d (30 d = 1 mnd)"
    )
    assert total.result == "23 maanden en 29 dagen"


def test_the_calendar_month_arithmetic():
    from datetime import date

    from compliance.checks.experience_count import months_later_end, period_months

    assert months_later_end(date(2024, 1, 31), 1) == date(2024, 2, 29)  # 31 February does not exist
    assert months_later_end(date(2023, 1, 31), 1) == date(2023, 2, 28)
    assert months_later_end(date(2024, 1, 15), 1) == date(2024, 2, 14)
    assert (
        period_months(date(2024, 1, 31), date(2024, 2, 28)).months,
        period_months(date(2024, 1, 31), date(2024, 2, 28)).days,
    ) == (0, 29)
    assert period_months(date(2026, 1, 5), date(2026, 1, 5)).days == 1
    assert period_months(date(2026, 1, 5), date(2026, 1, 4)).months == 0


def test_job_only_before_the_window_does_not_count(make_submission, make_job, run_checks, finding_of):
    jobs = [make_job(start="2012-01-01", end="2018-02-22")]

    finding = finding_of(run_checks(make_submission({"candidate/experience": jobs})), CHECK)

    assert finding.status == "fail"
    assert _args(finding)["months"] == "0"
    assert any("valt buiten het venster" in c.expression for c in finding.calculations)


def test_current_job_counts_up_to_the_deadline(make_submission, make_job, run_checks, finding_of):
    # 23 Feb 2024 .. 23 Feb 2026 inclusive: 24 calendar months and the deadline day.
    jobs = [make_job(start="2024-02-23", end=None)]

    finding = finding_of(run_checks(make_submission({"candidate/experience": jobs})), CHECK)

    assert finding.status == "pass"
    assert (_args(finding)["months"], _args(finding)["days"]) == ("24", "1")
    job_line = next(c for c in finding.calculations if c.label == "Gezinscoach bij Gemeente Zwolle")
    assert "23 februari 2024 – heden" in job_line.expression


def test_declared_end_after_the_deadline_is_cut_at_the_deadline(make_submission, make_job, run_checks, finding_of):
    jobs = [make_job(start="2024-02-23", end="2027-12-31")]

    finding = finding_of(run_checks(make_submission({"candidate/experience": jobs})), CHECK)

    assert (_args(finding)["months"], _args(finding)["days"]) == ("24", "1")


@pytest.mark.parametrize(("start", "status"), [("2024-02-24", "pass"), ("2024-02-25", "fail")])
def test_a_current_job_needs_24_calendar_months_up_to_the_deadline(
    make_submission, make_job, run_checks, finding_of, start, status
):
    # 24 Feb 2024 .. 23 Feb 2026 is exactly 24 months; from 25 Feb 2024 it is 23 months and 30 days
    # (730 days: enough at 365/12 days a month, not in calendar months).
    jobs = [make_job(start=start, end=None)]

    finding = finding_of(run_checks(make_submission({"candidate/experience": jobs})), CHECK)

    assert finding.status == status
    assert _args(finding)["months"] == ("24" if status == "pass" else "23")


def test_non_municipal_employer_is_excluded(make_submission, make_job, run_checks, finding_of):
    jobs = [make_job(employer="Icare Jeugd", employer_type="zorgaanbieder", start="2017-01-01", end=None)]

    finding = finding_of(run_checks(make_submission({"candidate/experience": jobs})), CHECK)

    assert finding.status == "fail"
    assert finding.reason_code == "EXP_TOO_SHORT"
    assert _args(finding)["months"] == "0"
    assert any("werkgever gemeente niet gevonden" in c.expression for c in finding.calculations)


@pytest.mark.parametrize("employer", ["Gemeente Zwolle (gedetacheerd)", "Sociaal Wijkteam Kampen"])
def test_other_employer_with_a_municipal_name_needs_review(make_submission, make_job, run_checks, finding_of, employer):
    jobs = [make_job(employer=employer, employer_type="other", start="2019-01-01", end=None)]

    report = run_checks(make_submission({"candidate/experience": jobs}))

    finding = finding_of(report, CHECK)
    assert finding.status == "needs_review"
    assert finding.blocking is True
    assert finding.reason_code == "EXP_EMPLOYER_REVIEW"
    assert _args(finding)["months"] == "0"
    assert (_args(finding)["possible"], _args(finding)["possible_days"]) == ("85", "23")  # 1 Jan 2019 .. 23 Feb 2026
    assert "Zeker meetellend: 0 maanden en 0 dag(en)" in finding.reason
    assert "baan 1 (Gezinscoach, " in finding.remedy and "in /candidate/experience/0: " in finding.remedy
    assert "werkgever gemeente? (" in finding.remedy and finding.remedy.startswith("Nog 24 maanden zeker nodig.")
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
        (
            {"role_type": "jeugdhulpverlener", "role": "Jeugdhulpverlener"},
            "rol ambulant hulpverlener of jeugdconsulent of gezinscoach niet gevonden",
        ),
        ({"target_groups": ["adolescenten"]}, "doelgroep/onderwerp gezinnen met jonge kinderen niet gevonden"),
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
    assert "0 maanden en 0 dag(en) meetellende ervaring" in finding.reason


def test_the_selection_criteria_are_judged_by_the_knock_outs_function(make_submission, make_job, run_checks):
    """Criterion G5 (36 months in 10 years, jonge kinderen + gedragsproblematiek) counts calendar months too."""
    job = make_job(start="2023-02-25", end=None, target_groups=["jonge_kinderen", "gedragsproblematiek"])

    report = run_checks(make_submission({"candidate/experience": [job]}))

    assert report.score is not None
    g5 = {c.criterion_id: c for c in report.score.criteria}["G5"]
    assert (g5.status, g5.points) == ("not_met", 0)  # 25 February 2023 .. 23 February 2026 is 36 months minus a day
    assert "35 maanden" in g5.reason and "vereist: 36 maanden" in g5.reason


def test_month_lengths_agree_with_the_calendar_module() -> None:
    import calendar

    from compliance.checks.experience_count import _days_in_month

    assert all(
        _days_in_month(year, month) == calendar.monthrange(year, month)[1]
        for year in range(1896, 2105)
        for month in range(1, 13)
    )
