"""Counting dated experience: months inside a window, overlapping jobs merged, per-job trace.

Shared by the experience knock-out and the experience selection criteria, so both count the
same way. A month is 365/12 days (a rule parameter), so every calendar year counts as at least
12 months; overlapping or adjacent periods count once; a current job counts up to the window's
end (the deadline).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from compliance.dates import nl_date
from compliance.models.findings import Calculation
from compliance.models.submission import EmployerType, Experience
from compliance.models.tender import ExperienceRule

# An employer of another type whose name shows it is municipal counts only after review.
_MUNICIPAL_NAME = re.compile(r"\b(gemeente|wijkteam|sociaal team|buurtteam)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class JobAssessment:
    """How one job was counted."""

    index: int
    job: Experience
    counts: bool
    uncertain: bool
    reason: str  # Dutch
    clipped: tuple[date, date] | None  # the part inside the window, inclusive


def months_text(days: int) -> str:
    """``days`` as months of 365/12 days, rounded down to hundredths, computed exactly in integers
    (1 460 days are 48,00 months; a Decimal quotient of 365/12 would land just below and show 47,99)."""
    hundredths = days * 1200 // 365
    return f"{hundredths // 100},{hundredths % 100:02d}"


def months_at_least(days: int, minimum: int) -> bool:
    """Whether ``days`` are at least ``minimum`` months of 365/12 days, exactly (no rounding at the boundary)."""
    return days * 12 >= minimum * 365


@dataclass(frozen=True, slots=True)
class ExperienceCount:
    """The result of counting: certain months, months including jobs that need review, the trace."""

    window_start: date
    window_end: date
    certain_days: int  # merged days inside the window of the jobs that certainly count
    possible_days: int  # the same including jobs whose employer needs review
    jobs: tuple[JobAssessment, ...]
    example_given: bool  # at least one counted job has an example

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
        lines += total_lines(self.certain_days, self.possible_days)
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
            days = (clipped[1] - clipped[0]).days + 1
            result = f"{months_text(days)} mnd{' (beoordelen)' if assessment.uncertain else ''}"
        lines.append(Calculation(f"{job.role} bij {job.employer}", f"{period}: {assessment.reason}", result))
    return lines


def total_lines(certain_days: int, possible_days: int) -> list[Calculation]:
    """The totals (overlap counted once), and the total with jobs to review when that differs."""
    certain = months_text(certain_days)
    lines = [Calculation("Totaal (overlap één keer geteld)", "zeker meetellend", f"{certain} mnd")]
    if possible_days != certain_days:
        lines.append(Calculation("Totaal inclusief te beoordelen banen", "", f"{months_text(possible_days)} mnd"))
    return lines


def window_start(end: date, years: int) -> date:
    """``years`` calendar years before ``end`` (29 February falls back to 28 February)."""
    try:
        return end.replace(year=end.year - years)
    except ValueError:
        return end.replace(year=end.year - years, day=28)


def _assess(index: int, job: Experience, rule: ExperienceRule, start: date, end: date) -> JobAssessment:
    job_start, job_end = job.start, job.end or end
    clipped = (job_start if job_start > start else start, job_end if job_end < end else end)
    if job.role_type not in rule.role_types:
        return JobAssessment(index, job, False, False, f"rol '{job.role_type.value}' telt niet", None)
    if rule.target_groups:
        missing_groups = [group for group in rule.target_groups if group not in job.target_groups]
        if missing_groups:
            return JobAssessment(index, job, False, False, f"doelgroep {', '.join(missing_groups)} ontbreekt", None)
    if clipped[0] > clipped[1]:
        return JobAssessment(index, job, False, False, "valt buiten het venster", None)
    if rule.employer_types and job.employer_type not in rule.employer_types:
        if EmployerType.GEMEENTE in rule.employer_types and _MUNICIPAL_NAME.search(job.employer):
            return JobAssessment(index, job, True, True, "werkgever lijkt gemeentelijk: beoordelen", clipped)
        return JobAssessment(index, job, False, False, f"werkgever '{job.employer_type.value}' telt niet", None)
    partly = clipped[0] != job_start or clipped[1] != job_end
    return JobAssessment(index, job, True, False, "telt deels (venster)" if partly else "telt", clipped)


def _merged_days(periods: list[tuple[int, int]]) -> int:
    """Days covered by inclusive (first, last) day-number periods, overlapping or adjacent ones counted once."""
    total, current_start, current_end = 0, 0, -1
    for period_start, period_end in sorted(periods):
        if current_end >= 0 and period_start <= current_end + 1:
            if period_end > current_end:
                current_end = period_end
            continue
        if current_end >= 0:
            total += current_end - current_start + 1
        current_start, current_end = period_start, period_end
    if current_end >= 0:
        total += current_end - current_start + 1
    return total


def count_experience(jobs: list[Experience], rule: ExperienceRule, reference: date) -> ExperienceCount:
    """Count the months of ``jobs`` that satisfy ``rule`` in the window ending at ``reference``."""
    start = window_start(reference, rule.window_years)
    assessments = tuple(_assess(index, job, rule, start, reference) for index, job in enumerate(jobs))
    certain: list[tuple[int, int]] = []
    possible: list[tuple[int, int]] = []
    example_given = False
    for assessment in assessments:
        clipped = assessment.clipped
        if not assessment.counts:
            continue
        example = assessment.job.example
        example_given = example_given or bool(example and example.strip())
        if clipped:
            days = (clipped[0].toordinal(), clipped[1].toordinal())
            possible.append(days)
            if not assessment.uncertain:
                certain.append(days)
    return ExperienceCount(
        window_start=start,
        window_end=reference,
        certain_days=_merged_days(certain),
        possible_days=_merged_days(possible),
        jobs=assessments,
        example_given=example_given,
    )
