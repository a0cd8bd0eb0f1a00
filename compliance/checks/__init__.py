"""The check catalogue: an explicit, ordered registry (no import-time self-registration).

Order is the order of the report: legal conditions first, then the posting's knock-outs, then
the CV requirements, then attention-only checks.
"""

from __future__ import annotations

from compliance.checks import (
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
    vog,
    waadi,
    wtta,
)
from compliance.checks.base import Check

CHECKS: tuple[Check, ...] = (
    Check(deadline.INFO, deadline.evaluate),
    Check(dba.INFO, dba.evaluate),
    Check(waadi.INFO, waadi.evaluate),
    Check(rate.INFO, rate.evaluate),
    Check(education.INFO, education.evaluate),
    Check(registration.INFO, registration.evaluate),
    Check(experience.INFO, experience.evaluate),
    Check(cv.PAGES, cv.evaluate_pages),
    Check(cv.LANGUAGE, cv.evaluate_language),
    Check(cv.REFERENCES, cv.evaluate_references),
    Check(vog.INFO, vog.evaluate),
    Check(integrity.INFO, integrity.evaluate),
    Check(wtta.INFO, wtta.evaluate),
    Check(sroi.INFO, sroi.evaluate),
    Check(privacy.INFO, privacy.evaluate),
)

__all__ = ["CHECKS", "Check"]
