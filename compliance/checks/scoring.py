"""Step 2 of the procedure: points per wens, judged by the same function as the knock-out of its kind.

A scored requirement earns its points only when it is demonstrably met (the judge passes); a
judge that needs review makes the criterion *to be assessed* (no points until a person confirms
it, never a silent 0 or a silent full score); a fail earns nothing and says why. Percent weights
are points out of 100.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from compliance.checks import judge
from compliance.checks.base import CheckContext, Status
from compliance.models.report import CriterionScore, ScoreInfo
from compliance.models.tender_v2 import Requirement

MET = "met"
NOT_MET = "not_met"
NEEDS_REVIEW = "needs_review"

_STATUS = {
    Status.PASS: MET,
    Status.FAIL: NOT_MET,
    Status.NOT_APPLICABLE: NOT_MET,
    Status.NEEDS_REVIEW: NEEDS_REVIEW,
    Status.ERROR: NEEDS_REVIEW,
}


def weight(requirement: Requirement) -> int:
    """The criterion's maximum points; a percentage counts as points out of 100."""
    if requirement.points is not None:
        return requirement.points
    percent = requirement.percent or Decimal(0)
    return int(percent.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def score_criterion(requirement: Requirement, ctx: CheckContext) -> CriterionScore:
    """Points for one wens, with the judge's reason; a judge that raises leaves it to be assessed."""
    maximum = weight(requirement)
    try:
        judged = judge(requirement, ctx)
    except Exception as exc:  # fail closed, as the engine does for a knock-out check
        return CriterionScore(
            requirement.id,
            requirement.clause.reference,
            maximum,
            0,
            NEEDS_REVIEW,
            f"Kon niet automatisch worden beoordeeld ({type(exc).__name__}); punten pas na beoordeling.",
        )
    status = _STATUS[judged.status]
    return CriterionScore(
        criterion_id=requirement.id,
        reference=requirement.clause.reference,
        max_points=maximum,
        points=maximum if status == MET else 0,
        status=status,
        reason=judged.reason,
        reason_code=judged.reason_code,
        reason_args=judged.reason_args,
    )


def score(ctx: CheckContext) -> ScoreInfo | None:
    """The score on every wens of the tender; None when it has none."""
    criteria = ctx.tender.criteria
    if not criteria:
        return None
    scores = tuple(score_criterion(requirement, ctx) for requirement in criteria)
    return ScoreInfo(
        total_points=sum(s.points for s in scores),
        max_points=sum(s.max_points for s in scores),
        criteria=scores,
    )
