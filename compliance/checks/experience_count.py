"""Counting dated experience: months inside a window, overlapping jobs merged, per-job trace.

Shared by the experience knock-out and the experience selection criteria, so both count the
same way. A month is 365/12 days (a rule parameter), so every calendar year counts as at least
12 months; overlapping or adjacent periods count once; a current job counts up to the window's
end (the deadline).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from compliance.dates import nl_date, nl_months
from compliance.models.findings import Calculation
from compliance.models.submission import EmployerType, Experience
from compliance.models.tender import ExperienceRule

DAYS_PER_MONTH = Decimal(365) / Decimal(12)

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


@dataclass(frozen=True, slots=True)
class ExperienceCount:
    """The result of counting: certain months, months including jobs that need review, the trace."""

    window_start: date
    window_end: date
    certain_months: Decimal
    possible_months: Decimal
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
        for assessment in self.jobs:
            job = assessment.job
            period = f"{nl_date(job.start)} – {nl_date(job.end) if job.end else 'heden'}"
            if assessment.clipped is None:
                result = "telt niet"
            else:
                days = (assessment.clipped[1] - assessment.clipped[0]).days + 1
                result = (
                    f"{nl_months(Decimal(days) / DAYS_PER_MONTH)} mnd{' (beoordelen)' if assessment.uncertain else ''}"
                )
            lines.append(
                Calculation(
                    label=f"{job.role} bij {job.employer}",
                    expression=f"{period}: {assessment.reason}",
                    result=result,
                )
            )
        lines.append(
            Calculation(
                label="Totaal (overlap één keer geteld)",
                expression="zeker meetellend",
                result=f"{nl_months(self.certain_months)} mnd",
            )
        )
        if self.possible_months != self.certain_months:
            lines.append(
                Calculation(
                    label="Totaal inclusief te beoordelen banen",
                    expression="",
                    result=f"{nl_months(self.possible_months)} mnd",
                )
            )
        return lines


def window_start(end: date, years: int) -> date:
    """``years`` calendar years before ``end`` (29 February falls back to 28 February)."""
    try:
        return end.replace(year=end.year - years)
    except ValueError:
        return end.replace(year=end.year - years, day=28)


def _assess(index: int, job: Experience, rule: ExperienceRule, start: date, end: date) -> JobAssessment:
    job_end = job.end or end
    clipped = (max(job.start, start), min(job_end, end))
    inside = clipped[0] <= clipped[1]
    if job.role_type not in rule.role_types:
        return JobAssessment(index, job, False, False, f"rol '{job.role_type.value}' telt niet", None)
    missing_groups = [group for group in rule.target_groups if group not in job.target_groups]
    if missing_groups:
        return JobAssessment(index, job, False, False, f"doelgroep {', '.join(missing_groups)} ontbreekt", None)
    if not inside:
        return JobAssessment(index, job, False, False, "valt buiten het venster", None)
    if rule.employer_types and job.employer_type not in rule.employer_types:
        if EmployerType.GEMEENTE in rule.employer_types and _MUNICIPAL_NAME.search(job.employer):
            return JobAssessment(index, job, True, True, "werkgever lijkt gemeentelijk: beoordelen", clipped)
        return JobAssessment(index, job, False, False, f"werkgever '{job.employer_type.value}' telt niet", None)
    partly = clipped[0] != job.start or clipped[1] != job_end
    return JobAssessment(index, job, True, False, "telt deels (venster)" if partly else "telt", clipped)


def _merged_days(periods: list[tuple[date, date]]) -> int:
    total, current_start, current_end = 0, None, None
    for period_start, period_end in sorted(periods):
        if current_end is not None and period_start <= current_end + timedelta(days=1):
            current_end = max(current_end, period_end)
            continue
        if current_start is not None and current_end is not None:
            total += (current_end - current_start).days + 1
        current_start, current_end = period_start, period_end
    if current_start is not None and current_end is not None:
        total += (current_end - current_start).days + 1
    return total


def count_experience(jobs: list[Experience], rule: ExperienceRule, reference: date) -> ExperienceCount:
    """Count the months of ``jobs`` that satisfy ``rule`` in the window ending at ``reference``."""
    start = window_start(reference, rule.window_years)
    assessments = tuple(_assess(index, job, rule, start, reference) for index, job in enumerate(jobs))
    certain = [a.clipped for a in assessments if a.counts and not a.uncertain and a.clipped]
    possible = [a.clipped for a in assessments if a.counts and a.clipped]
    return ExperienceCount(
        window_start=start,
        window_end=reference,
        certain_months=Decimal(_merged_days(certain)) / DAYS_PER_MONTH,
        possible_months=Decimal(_merged_days(possible)) / DAYS_PER_MONTH,
        jobs=assessments,
        example_given=any(a.counts and bool(a.job.example and a.job.example.strip()) for a in assessments),
    )
