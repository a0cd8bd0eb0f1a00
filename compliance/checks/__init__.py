"""The check catalogue: an explicit, ordered registry (no import-time self-registration).

Order is the order of the report: legal conditions first, then the posting's knock-outs, then
the CV requirements, then attention-only checks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from compliance.checks import (
    certificate,
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

# One function judges one requirement of a kind, for the knock-outs here and the scored criteria
# in compliance.intake.scoring alike.
JUDGES: dict[type[Any], Callable[[Any, CheckContext], Finding]] = {
    EducationRequirement: education.evaluate_requirement,
    RegistrationRequirement: registration.evaluate_requirement,
    ExperienceRequirement: experience.evaluate_requirement,
    CertificateRequirement: certificate.evaluate_requirement,
    StatementRequirement: statement.evaluate_requirement,
}


def judge(requirement: Requirement, ctx: CheckContext) -> Finding:
    """The finding for one requirement, knock-out or scored."""
    return JUDGES[type(requirement)](requirement, ctx)


CHECKS: tuple[Check, ...] = (
    Check(deadline.INFO, deadline.evaluate),
    Check(dba.INFO, dba.evaluate),
    Check(waadi.INFO, waadi.evaluate),
    Check(rate.INFO, rate.evaluate),
    requirement_check(education.INFO, EducationRequirement, education.evaluate_requirement, education.NOT_REQUIRED),
    requirement_check(
        registration.INFO, RegistrationRequirement, registration.evaluate_requirement, registration.NOT_REQUIRED
    ),
    requirement_check(experience.INFO, ExperienceRequirement, experience.evaluate_requirement, experience.NOT_REQUIRED),
    requirement_check(
        certificate.INFO, CertificateRequirement, certificate.evaluate_requirement, certificate.NOT_REQUIRED
    ),
    requirement_check(statement.INFO, StatementRequirement, statement.evaluate_requirement, statement.NOT_REQUIRED),
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
