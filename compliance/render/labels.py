"""User-facing labels for statuses, verdicts and severities, in Dutch (default) and English."""

from __future__ import annotations

from compliance.i18n import PHASE_LABELS
from compliance.models.findings import Severity, Status
from compliance.models.report import Verdict

STATUS_LABELS: dict[str, dict[Status, str]] = {
    "nl": {
        Status.PASS: "voldoet",
        Status.FAIL: "voldoet niet",
        Status.NEEDS_REVIEW: "beoordelen",
        Status.NOT_APPLICABLE: "n.v.t.",
        Status.ERROR: "fout",
    },
    "en": {
        Status.PASS: "pass",
        Status.FAIL: "fail",
        Status.NEEDS_REVIEW: "needs review",
        Status.NOT_APPLICABLE: "n/a",
        Status.ERROR: "error",
    },
}

VERDICT_LABELS: dict[str, dict[Verdict, str]] = {
    "nl": {
        Verdict.COMPLIANT: "VOLDOET",
        Verdict.NON_COMPLIANT: "VOLDOET NIET",
        Verdict.NEEDS_REVIEW: "BEOORDELING NODIG",
    },
    "en": {
        Verdict.COMPLIANT: "COMPLIANT",
        Verdict.NON_COMPLIANT: "NON-COMPLIANT",
        Verdict.NEEDS_REVIEW: "NEEDS REVIEW",
    },
}

SEVERITY_LABELS: dict[str, dict[Severity, str]] = {
    "nl": {
        Severity.KNOCK_OUT: "knock-out",
        Severity.CONDITION: "voorwaarde",
        Severity.WARNING: "waarschuwing",
        Severity.INFO: "informatie",
    },
    "en": {
        Severity.KNOCK_OUT: "knock-out",
        Severity.CONDITION: "condition",
        Severity.WARNING: "warning",
        Severity.INFO: "information",
    },
}

__all__ = ["PHASE_LABELS", "SEVERITY_LABELS", "STATUS_LABELS", "VERDICT_LABELS"]
