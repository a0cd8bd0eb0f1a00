"""NL-DEADLINE-001: the offer was submitted before the deadline, compared as instants."""

from __future__ import annotations

from typing import NamedTuple
from zoneinfo import ZoneInfo

from compliance.checks.base import (
    CheckContext,
    CheckInfo,
    Finding,
    Severity,
    Status,
    conclude,
    declared,
    tender_param,
)
from compliance.i18n import reason
from compliance.models.findings import ParamUsed
from compliance.models.tender import Phase
from compliance.models.tender_v2 import Clause

INFO = CheckInfo(
    check_id="NL-DEADLINE-001",
    title="Tijdig ingediend",
    severity=Severity.KNOCK_OUT,
    legal_refs=("Aanbestedingswet 2012 (gelijke behandeling: geen te late inschrijvingen)",),
    description="De inschrijving is vóór de sluitingstijd ingediend; tijdstippen worden als absolute tijd vergeleken.",
    blocks_from=Phase.SUBMISSION,
)

ON_TIME = reason(
    "DEADLINE_OK",
    Status.PASS,
    "Ingediend op {submitted} (lokale tijd), vóór de sluitingstijd {deadline}.",
    "Submitted at {submitted} (local time), before the deadline {deadline}.",
)
LATE = reason(
    "DEADLINE_MISSED",
    Status.FAIL,
    "Ingediend op {submitted} (lokale tijd), op of na de sluitingstijd {deadline}.",
    "Submitted at {submitted} (local time), at or after the deadline {deadline}.",
    "Niet te herstellen: /submitted_at ({submitted}) ligt op of na de sluitingstijd {deadline}; een te late "
    "inschrijving telt niet mee.",
    "Cannot be repaired: /submitted_at ({submitted}) is at or after the deadline {deadline}; a late submission "
    "does not count.",
)
UNKNOWN = reason(
    "DEADLINE_UNKNOWN",
    Status.NEEDS_REVIEW,
    "Het tijdstip van indiening is niet opgegeven; dien in vóór {deadline}.",
    "The submission time is not given; submit before {deadline}.",
    "Vul /submitted_at in met het tijdstip van indiening (vóór {deadline}).",
    "Fill in /submitted_at with the time of submission (before {deadline}).",
)


class _Static(NamedTuple):
    """Per tender: the time zone, the deadline as shown, the cited parameter, the finding without a time."""

    zone: ZoneInfo
    shown: str
    params: tuple[ParamUsed, ...]
    unknown: Finding


def _static(ctx: CheckContext) -> _Static:
    tender = ctx.tender
    zone = ZoneInfo(tender.time_zone)
    clause = Clause(reference=f"{tender.platform_reference or tender.tender_id}, einde inschrijfdatum")
    shown = tender.deadline.astimezone(zone).strftime("%Y-%m-%d %H:%M %Z")
    params = (tender_param("sluitingstijd", tender.deadline.isoformat(), clause, ctx),)
    unknown = conclude(
        INFO,
        INFO.legal_refs,
        UNKNOWN,
        {"deadline": shown},
        params,
        (declared("ingediend op", None, "/submitted_at"),),
    )
    return _Static(zone, shown, params, unknown)


def evaluate(ctx: CheckContext) -> Finding:
    """Compare aware datetimes, so '10:15+01:00' and '09:15Z' are the same instant."""
    static: _Static = ctx.static("deadline", lambda: _static(ctx))
    submitted = ctx.submission.submitted_at
    if submitted is None:
        return static.unknown
    args = {"submitted": submitted.astimezone(static.zone).strftime("%Y-%m-%d %H:%M:%S %Z"), "deadline": static.shown}
    code = ON_TIME if submitted < ctx.tender.deadline else LATE
    facts = (declared("ingediend op", submitted.isoformat(), "/submitted_at"),)
    return conclude(INFO, INFO.legal_refs, code, args, static.params, facts)
