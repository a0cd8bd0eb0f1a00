"""The check catalogue: an explicit, ordered registry (no import-time self-registration).

Order is the order of the report: legal conditions first, then the posting's knock-outs, then
the CV requirements, then attention-only checks.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

from compliance.checks import (
    certificate,
    contract,
    cv,
    dba,
    deadline,
    education,
    experience,
    integrity,
    privacy,
    rate,
    registration,
    sroi,
    statement,
    vog,
    waadi,
    wtta,
)
from compliance.checks.base import Check, CheckContext, Finding
from compliance.checks.requirements import requirement_check
from compliance.models.tender_v2 import (
    CertificateRequirement,
    EducationRequirement,
    ExperienceRequirement,
    RegistrationRequirement,
    Requirement,
    StatementRequirement,
)

# The kinds of requirement and the module that judges each: its INFO, NOT_REQUIRED and
# evaluate_requirement serve the knock-outs (a check per kind, below) and the scored criteria
# (compliance.checks.scoring) alike.
_REQUIREMENT_KINDS: tuple[tuple[type[Any], ModuleType], ...] = (
    (EducationRequirement, education),
    (RegistrationRequirement, registration),
    (ExperienceRequirement, experience),
    (CertificateRequirement, certificate),
    (StatementRequirement, statement),
)
JUDGES: dict[type[Any], Callable[[Any, CheckContext], Finding]] = {
    kind: module.evaluate_requirement for kind, module in _REQUIREMENT_KINDS
}


def judge(requirement: Requirement, ctx: CheckContext) -> Finding:
    """The finding for one requirement, knock-out or scored."""
    return JUDGES[type(requirement)](requirement, ctx)


CHECKS: tuple[Check, ...] = (
    Check(deadline.INFO, deadline.evaluate),
    Check(dba.INFO, dba.evaluate),
    Check(waadi.INFO, waadi.evaluate),
    Check(contract.INFO, contract.evaluate),
    Check(rate.INFO, rate.evaluate),
    *(
        requirement_check(module.INFO, kind, module.evaluate_requirement, module.NOT_REQUIRED)
        for kind, module in _REQUIREMENT_KINDS
    ),
    Check(cv.PAGES, cv.evaluate_pages),
    Check(cv.LANGUAGE, cv.evaluate_language),
    Check(cv.REFERENCES, cv.evaluate_references),
    Check(vog.INFO, vog.evaluate),
    Check(integrity.INFO, integrity.evaluate),
    Check(wtta.INFO, wtta.evaluate),
    Check(sroi.INFO, sroi.evaluate),
    Check(privacy.INFO, privacy.evaluate),
)

__all__ = ["CHECKS", "JUDGES", "Check", "judge"]
