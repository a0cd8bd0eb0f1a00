"""The checks that judge the posting's own eisen: one finding per requirement of a kind.

A tender lists its requirements (``TenderV2.requirements``); each kind (education, registration,
experience, certificate, statement) has one check with a stable ID and one function that judges a
single requirement. The knock-outs become findings here; the scored ones (wensen) are judged by the
same function in :mod:`compliance.intake.scoring`, so a criterion is read the way a knock-out is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from compliance.checks.base import Check, CheckContext, CheckInfo, Finding, finding
from compliance.models.tender_v2 import Requirement

JudgeOne = Callable[[Any, CheckContext], Finding]


def _tagged(result: Finding, requirement: Requirement) -> Finding:
    result.requirement_id = requirement.id
    return result


def requirement_check(info: CheckInfo, kind: type[Any], judge: JudgeOne, not_required: str) -> Check:
    """A catalogue entry that judges every knock-out of ``kind``; not applicable when the tender has none."""

    def evaluate(ctx: CheckContext) -> Finding | tuple[Finding, ...]:
        judged = tuple(
            _tagged(judge(requirement, ctx), requirement)
            for requirement in ctx.tender.requirements
            if requirement.kind == "knockout" and isinstance(requirement, kind)
        )
        if judged:
            return judged
        return ctx.static(
            ("not-required", info.check_id),
            lambda: finding(info, not_required),
        )

    return Check(info, evaluate)
