"""Counting dated experience: calendar months inside a window, overlapping jobs merged, per-job trace.

Shared by the experience knock-out and the experience selection criteria, so both count the
same way. N months of experience means the merged periods cover N calendar months: a period
from a start date up to and including the day before the same date N months later (when that
date does not exist, up to the last day of that month). Each merged period is counted in whole
calendar months plus the days left over; the left-over days of separate periods add up, and
every 30 of them (a rule parameter) make one more month (within one period the calendar decides
alone). Overlapping or adjacent periods count
once; a current job counts up to the window's end (the deadline).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from compliance.checks.experience_match import JobMatcher, Lack, assess_job
from compliance.dates import nl_date
from compliance.models.findings import Calculation
from compliance.models.submission_v2 import ExperienceV2
from compliance.models.tender_v2 import ExperienceRequirement, Vocabulary
from compliance.rules.parameters import default_rules

REST_DAYS_PARAMETER = "experience_rest_days_per_month"

# A requirement without a window counts every job; its "window" starts here.
NO_WINDOW_START = date(1900, 1, 1)


@dataclass(frozen=True, slots=True)
class JobAssessment:
    """How one job was counted."""

    index: int
    job: ExperienceV2
    counts: bool
    uncertain: bool
    reason: str  # Dutch
    clipped: tuple[date, date] | None  # the part inside the window, inclusive
    missing: tuple[Lack, ...] = ()  # what the job lacks, for the remedy
    matched: tuple[str, ...] = ()  # what the job does show


def months_later_end(first: date, months: int) -> date:
    """The last day of a period of ``months`` calendar months starting on ``first``.

    That is the day before the same date ``months`` later; when that date does not exist (31 January
    + 1 month, 29 February + 12 months), the period runs to the last day of that month.
    """
    index = first.year * 12 + (first.month - 1) + months
    year, month = divmod(index, 12)
    last = _days_in_month(year, month + 1)
    if first.day > last:
        return date(year, month + 1, last)
    return date(year, month + 1, first.day) - timedelta(days=1)


_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _days_in_month(year: int, month: int) -> int:
    """calendar.monthrange's day count without its weekday arithmetic (this runs for every job of every offer)."""
    if month == 2 and calendar.isleap(year):
        return 29
    return _DAYS_IN_MONTH[month - 1]


@dataclass(frozen=True, slots=True)
class MonthsCovered:
    """Experience in calendar terms: whole calendar months and the days left over."""

    months: int
    days: int

    def at_least(self, minimum: int) -> bool:
        """Whether the whole months reach ``minimum`` (the left-over days never round up)."""
        return self.months >= minimum

    def text(self) -> str:
        """'23 maanden en 29 dagen' (and '1 maand en 1 dag')."""
        months = "1 maand" if self.months == 1 else f"{self.months} maanden"
        days = "1 dag" if self.days == 1 else f"{self.days} dagen"
        return f"{months} en {days}"

    def short(self) -> str:
        """'23 mnd 29 d', for calculation lines."""
        return f"{self.months} mnd {self.days} d"


NO_MONTHS = MonthsCovered(0, 0)


@lru_cache(maxsize=8192)  # pure; one offer asks for the same periods per requirement, per line and per total
def period_months(first: date, last: date) -> MonthsCovered:
    """Whole calendar months from ``first`` through ``last`` (inclusive), and the days left over."""
    if last < first:
        return NO_MONTHS
    # Start from an estimate and correct it: at most a step or two either way.
    months = max(0, (last.year - first.year) * 12 + last.month - first.month - 1)
    while months > 0 and months_later_end(first, months) > last:
        months -= 1
    while months_later_end(first, months + 1) <= last:
        months += 1
    counted_to = months_later_end(first, months) if months else first - timedelta(days=1)
    return MonthsCovered(months, (last - counted_to).days)


@dataclass(frozen=True, slots=True)
class ExperienceCount:
    """The result of counting: certain months, months including jobs that need review, the trace."""

    window_start: date
    window_end: date
    certain: MonthsCovered  # merged periods inside the window of the jobs that certainly count
    possible: MonthsCovered  # the same including jobs whose employer needs review
    jobs: tuple[JobAssessment, ...]
    example_given: bool  # at least one counted job has an example
    certain_periods: tuple[tuple[date, date], ...] = ()  # the merged periods behind ``certain``
    possible_periods: tuple[tuple[date, date], ...] = ()
    rest_days_per_month: int = 30  # left-over days of separate periods that make one month

    def calculations(self) -> list[Calculation]:
        """Per-job lines plus the totals, for the report's calculation section."""
        lines = [
            Calculation(
                label="Venster",
                expression=f"{nl_date(self.window_start)} t/m {nl_date(self.window_end)}",
                result="",
            )
        ]
        lines += job_lines(self.jobs)
        lines += total_lines(self)
        return lines


def job_lines(jobs: tuple[JobAssessment, ...]) -> list[Calculation]:
    """One calculation line per job: its period, how it was counted and the months it adds."""
    lines = []
    for assessment in jobs:
        job = assessment.job
        period = f"{nl_date(job.start)} – {nl_date(job.end) if job.end else 'heden'}"
        clipped = assessment.clipped
        if clipped is None:
            result = "telt niet"
        else:
            covered = period_months(*clipped)
            result = f"{covered.short()}{' (beoordelen)' if assessment.uncertain else ''}"
        lines.append(Calculation(f"{job.role} bij {job.employer}", f"{period}: {assessment.reason}", result))
    return lines


def total_lines(count: ExperienceCount) -> list[Calculation]:
    """The totals in calendar terms (overlap counted once), and the total with jobs to review when that differs."""
    per_month = count.rest_days_per_month
    lines = [
        _total_line(
            "Totaal (overlap één keer geteld)", "zeker meetellend", count.certain_periods, count.certain, per_month
        )
    ]
    if count.possible_periods != count.certain_periods:
        lines.append(
            _total_line("Totaal inclusief te beoordelen banen", "", count.possible_periods, count.possible, per_month)
        )
    return lines


def _total_line(
    label: str, prefix: str, periods: tuple[tuple[date, date], ...], covered: MonthsCovered, per_month: int
) -> Calculation:
    parts = [f"{nl_date(first)} t/m {nl_date(last)} = {period_months(first, last).short()}" for first, last in periods]
    rest = sum(period_months(first, last).days for first, last in periods)
    if len(periods) > 1 and rest:
        parts.append(
            f"losse dagen samen {rest} d = {rest // per_month} mnd {rest % per_month} d ({per_month} d = 1 mnd)"
        )
    expression = "; ".join(parts) or "geen meetellende periode"
    return Calculation(label, f"{prefix}: {expression}" if prefix else expression, covered.text())


def window_start(end: date, years: int) -> date:
    """``years`` calendar years before ``end`` (29 February falls back to 28 February)."""
    try:
        return end.replace(year=end.year - years)
    except ValueError:
        return end.replace(year=end.year - years, day=28)


def _assess(
    index: int,
    job: ExperienceV2,
    rule: ExperienceRequirement,
    vocabulary: Vocabulary,
    window: tuple[date, date],
    matcher: JobMatcher | None,
) -> JobAssessment:
    verdict = assess_job(job, rule, vocabulary, window, matcher)
    return JobAssessment(
        index, job, verdict.counts, verdict.uncertain, verdict.reason, verdict.clipped, verdict.missing, verdict.matched
    )


def merged_periods(periods: list[tuple[date, date]]) -> tuple[tuple[date, date], ...]:
    """Inclusive periods with overlapping or adjacent ones joined, in date order."""
    merged: list[tuple[date, date]] = []
    for first, last in sorted(periods):
        if merged and first <= merged[-1][1] + timedelta(days=1):
            if last > merged[-1][1]:
                merged[-1] = (merged[-1][0], last)
            continue
        merged.append((first, last))
    return tuple(merged)


def months_covered(periods: tuple[tuple[date, date], ...], rest_days_per_month: int) -> MonthsCovered:
    """Whole calendar months per period, plus the left-over days of all periods together.

    Left-over days become months only when they come from separate periods: within one period the
    calendar decides alone (23 months and 30 days stay short of 24 months).
    """
    spans = [period_months(first, last) for first, last in periods]
    rest = sum(span.days for span in spans)
    if len(spans) < 2:
        return spans[0] if spans else NO_MONTHS
    return MonthsCovered(sum(span.months for span in spans) + rest // rest_days_per_month, rest % rest_days_per_month)


def count_experience(
    jobs: list[ExperienceV2],
    rule: ExperienceRequirement,
    vocabulary: Vocabulary,
    reference: date,
    rest_days_per_month: int | None = None,
    matcher: JobMatcher | None = None,
) -> ExperienceCount:
    """Count the calendar months of ``jobs`` that satisfy ``rule`` in the window ending at ``reference``.

    ``rest_days_per_month`` is the rule parameter ``experience_rest_days_per_month``; without it, the
    value the shipped rules give on ``reference``. ``matcher`` shares one offer's job matching
    between the requirements that count its jobs.
    """
    if rest_days_per_month is None:
        rest_days_per_month = int(default_rules().at(REST_DAYS_PARAMETER, reference).value)
    start = NO_WINDOW_START if rule.window_years is None else window_start(reference, rule.window_years)
    window = (start, reference)
    assessments = tuple(_assess(index, job, rule, vocabulary, window, matcher) for index, job in enumerate(jobs))
    certain: list[tuple[date, date]] = []
    possible: list[tuple[date, date]] = []
    example_given = False
    for assessment in assessments:
        clipped = assessment.clipped
        if not assessment.counts:
            continue
        example = assessment.job.example
        example_given = example_given or bool(example and example.strip())
        if clipped:
            possible.append(clipped)
            if not assessment.uncertain:
                certain.append(clipped)
    certain_periods, possible_periods = merged_periods(certain), merged_periods(possible)
    return ExperienceCount(
        window_start=start,
        window_end=reference,
        certain=months_covered(certain_periods, rest_days_per_month),
        possible=months_covered(possible_periods, rest_days_per_month),
        jobs=assessments,
        example_given=example_given,
        certain_periods=certain_periods,
        possible_periods=possible_periods,
        rest_days_per_month=rest_days_per_month,
    )
