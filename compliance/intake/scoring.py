"""Step 2 of the procedure: points per selection criterion, and the ranking with its ties.

Pure functions over models, no I/O. A criterion's points are awarded only when it is
demonstrably met (fail closed); what cannot be confirmed from the submission is marked
``needs_review`` and earns nothing until a person confirms it. The ranking never orders equal
candidates silently: equal points decided by the rate are marked ``decided_by_rate``, and
candidates still equal after the rate share one rank and are marked ``lot`` (the client draws).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from itertools import groupby
from typing import assert_never

from compliance.checks.experience_count import count_experience, months_at_least, months_text
from compliance.dates import nl_date
from compliance.models.report import CriterionScore, ScoreInfo
from compliance.models.submission import EmployerType, Experience, RoleType, Submission
from compliance.models.tender import CourseCriterion, ExperienceCriterion, FlagCriterion, SelectionSpec

MET = "met"
NOT_MET = "not_met"
NEEDS_REVIEW = "needs_review"

TIE_BY_RATE = "decided_by_rate"
TIE_LOT = "lot"

# What a flag on a job means in the posting's words (for the Dutch reasons).
_FLAG_LABELS = {
    "safety_plan": "het opstellen en bewaken van een veiligheidsplan",
    "solution_focused": "oplossingsgericht werken",
}

# Criterion 8 asks for solution-focused work "binnen het sociaal domein". A job counts as social
# domain when its role is one of the social roles or its employer is a municipality or care
# provider; a flagged job that is neither cannot be placed without reading the CV.
_SOCIAL_EMPLOYERS = frozenset({EmployerType.GEMEENTE, EmployerType.ZORGAANBIEDER})
_FLAGS_IN_SOCIAL_DOMAIN = frozenset({"solution_focused"})


def _job_label(job: Experience) -> str:
    return f"{job.role} bij {job.employer}"


def _has_example(job: Experience) -> bool:
    return bool(job.example and job.example.strip())


def _in_social_domain(job: Experience) -> bool:
    return job.role_type is not RoleType.OTHER or job.employer_type in _SOCIAL_EMPLOYERS


def score_experience(criterion: ExperienceCriterion, submission: Submission, reference: date) -> CriterionScore:
    """Months of qualifying experience in the window (overlaps once), via the knock-out's counter."""
    count = count_experience(submission.candidate.experience, criterion, reference)
    counted = [_job_label(a.job) for a in count.jobs if a.counts and not a.uncertain]
    uncertain = [_job_label(a.job) for a in count.jobs if a.counts and a.uncertain]
    missed = [f"{_job_label(a.job)} ({a.reason})" for a in count.jobs if not a.counts]
    window = f"{nl_date(count.window_start)} t/m {nl_date(count.window_end)}"
    text = (
        f"{months_text(count.certain_days)} maanden meetellende ervaring in {window} (overlap één keer geteld); "
        f"vereist: {criterion.min_months}."
    )
    if counted:
        text += f" Meegeteld: {'; '.join(counted)}."
    if uncertain:
        text += f" Te beoordelen: {'; '.join(uncertain)}."
    if missed:
        text += f" Niet meegeteld: {'; '.join(missed)}."
    if months_at_least(count.certain_days, criterion.min_months):
        if criterion.example_required and not count.example_given:
            return _result(criterion, NOT_MET, text + " Geen voorbeeld bij een meetellende baan.")
        return _result(criterion, MET, text)
    if months_at_least(count.possible_days, criterion.min_months):
        return _result(
            criterion,
            NEEDS_REVIEW,
            text
            + f" Met de te beoordelen banen {months_text(count.possible_days)} maanden: punten pas na beoordeling.",
        )
    return _result(criterion, NOT_MET, text)


def score_flag(criterion: FlagCriterion, submission: Submission) -> CriterionScore:
    """Experience shown on a job (flag), with an example on that job when the posting asks one."""
    what = _FLAG_LABELS[criterion.flag]
    flagged = [job for job in submission.candidate.experience if getattr(job, criterion.flag)]
    if not flagged:
        return _result(criterion, NOT_MET, f"Bij geen enkele baan is ervaring met {what} aangegeven.")
    with_example = [job for job in flagged if _has_example(job)] if criterion.example_required else flagged
    if not with_example:
        jobs = "; ".join(_job_label(job) for job in flagged)
        return _result(
            criterion,
            NOT_MET,
            f"Ervaring met {what} aangegeven ({jobs}), maar zonder voorbeeld; de uitvraag vraagt er een.",
        )
    if criterion.flag in _FLAGS_IN_SOCIAL_DOMAIN:
        social = [job for job in with_example if _in_social_domain(job)]
        if not social:
            jobs = "; ".join(_job_label(job) for job in with_example)
            return _result(
                criterion,
                NEEDS_REVIEW,
                f"Ervaring met {what} aangegeven ({jobs}), maar rol en werkgever tonen niet dat dit binnen het "
                "sociaal domein was: punten pas na beoordeling.",
            )
        with_example = social
    jobs = "; ".join(_job_label(job) for job in with_example)
    example = " met voorbeeld" if criterion.example_required else ""
    return _result(criterion, MET, f"Ervaring met {what}{example}: {jobs}.")


def _same_topic(left: str, right: str) -> bool:
    return " ".join(left.casefold().split()) == " ".join(right.casefold().split())


def score_course(criterion: CourseCriterion, submission: Submission, reference: date) -> CriterionScore:
    """A course on the topic, completed on or before the reference date (the deadline)."""
    courses = submission.candidate.courses
    on_topic = [c for c in courses if c.topic is not None and _same_topic(c.topic, criterion.topic)]
    done = [c for c in on_topic if c.completed_on is not None and c.completed_on <= reference]
    if done:
        first = min(done, key=lambda c: c.completed_on or reference)
        return _result(
            criterion,
            MET,
            f"Cursus '{first.name}' over {criterion.topic} afgerond op {nl_date(first.completed_on or reference)}.",
        )
    if on_topic:
        names = "; ".join(f"'{c.name}'" for c in on_topic)
        return _result(
            criterion, NOT_MET, f"Cursus over {criterion.topic} ({names}) is niet afgerond vóór de sluitingsdatum."
        )
    # A completed course without a topic whose name mentions it is likely, but not demonstrable.
    unlabelled = [
        c
        for c in courses
        if c.topic is None and c.completed_on is not None and criterion.topic.casefold() in c.name.casefold()
    ]
    if unlabelled:
        names = "; ".join(f"'{c.name}'" for c in unlabelled)
        return _result(
            criterion,
            NEEDS_REVIEW,
            f"Cursus {names} noemt {criterion.topic}, maar het onderwerp is niet opgegeven: punten pas na beoordeling.",
        )
    return _result(criterion, NOT_MET, f"Geen afgeronde cursus of opleiding over {criterion.topic} vermeld.")


def _result(
    criterion: ExperienceCriterion | FlagCriterion | CourseCriterion, status: str, reason: str
) -> CriterionScore:
    return CriterionScore(
        criterion_id=criterion.id,
        reference=criterion.clause.reference,
        max_points=criterion.points,
        points=criterion.points if status == MET else 0,
        status=status,
        reason=reason,
    )


def rate_for_ranking(hourly_rate: Decimal, vat_included: bool | None, vat_percent: Decimal) -> Decimal:
    """The offered rate excl. BTW, in cents: the basis on which the rate decides equal scores.

    Offers must be compared on one basis: a rate stated including BTW is converted (as the rate
    check does) and rounded to cents, so € 94,38 incl. equals € 78,00 excl. An offer that does
    not say (``None``) is taken as stated, i.e. as excl. BTW: the reading least favourable to it.
    """
    rate = hourly_rate / (1 + vat_percent / 100) if vat_included else hourly_rate
    return rate.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def score_submission(submission: Submission, selection: SelectionSpec, reference: date) -> ScoreInfo:
    """Score one (compliant) submission on every criterion; rank and selection are filled by :func:`rank`."""
    scores: list[CriterionScore] = []
    for criterion in selection.criteria:
        if isinstance(criterion, ExperienceCriterion):
            scores.append(score_experience(criterion, submission, reference))
        elif isinstance(criterion, FlagCriterion):
            scores.append(score_flag(criterion, submission))
        elif isinstance(criterion, CourseCriterion):
            scores.append(score_course(criterion, submission, reference))
        else:
            assert_never(criterion)
    return ScoreInfo(
        total_points=sum(s.points for s in scores),
        max_points=sum(s.max_points for s in scores),
        criteria=tuple(scores),
    )


@dataclass(frozen=True, slots=True)
class Contender:
    """What the ranking needs of one compliant, scored submission."""

    submission_id: str
    points: int
    rate: Decimal


@dataclass(frozen=True, slots=True)
class Placement:
    """A contender's place: shared rank for a lot, whether selected, and which kind of tie it was in."""

    submission_id: str
    points: int
    rate: Decimal
    rank: int
    selected: bool
    tie: str | None
    lot_places: int = 0  # > 0: the client draws this many places among everyone with this rank


@dataclass(frozen=True, slots=True)
class Ranking:
    """The ranked contenders in order; equal candidates are listed by submission ID, never ranked by it."""

    placements: tuple[Placement, ...]
    max_selected: int

    @property
    def open_lot(self) -> tuple[Placement, ...]:
        """Candidates among whom the client must draw lots for the last place(s), if any."""
        return tuple(p for p in self.placements if p.lot_places > 0)

    def by_id(self) -> dict[str, Placement]:
        """Placements keyed by submission ID."""
        return {p.submission_id: p for p in self.placements}


def rank(contenders: Iterable[Contender], max_selected: int) -> Ranking:
    """Order by points (descending) then rate (ascending); equal on both means one shared rank.

    Ranks are competition ranks (1, 2, 2, 4): a lot group takes the places it occupies. A group
    wholly inside the first ``max_selected`` places is selected; a lot group that straddles the
    cut-off is not selected yet: ``lot_places`` says how many places the client draws among it.
    """
    ordered = sorted(contenders, key=lambda c: (-c.points, c.rate, c.submission_id))
    ids = [c.submission_id for c in ordered]
    if len(set(ids)) != len(ids):
        raise ValueError("submission IDs must be unique within one ranking")
    points_count: dict[int, int] = {}
    for contender in ordered:
        points_count[contender.points] = points_count.get(contender.points, 0) + 1
    placements: list[Placement] = []
    position = 1
    for (points, rate), members in groupby(ordered, key=lambda c: (c.points, c.rate)):
        group: Sequence[Contender] = list(members)
        last = position + len(group) - 1
        if len(group) > 1:
            tie: str | None = TIE_LOT
        elif points_count[points] > 1:
            tie = TIE_BY_RATE
        else:
            tie = None
        selected = last <= max_selected
        lot_places = max_selected - position + 1 if position <= max_selected < last else 0
        placements += [Placement(c.submission_id, points, rate, position, selected, tie, lot_places) for c in group]
        position = last + 1
    return Ranking(placements=tuple(placements), max_selected=max_selected)
