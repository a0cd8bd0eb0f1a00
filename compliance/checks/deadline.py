"""NL-DEADLINE-001: the offer was submitted before the deadline, compared as instants."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from compliance.checks.base import (
    Basis,
    CheckContext,
    CheckInfo,
    Finding,
    Severity,
    Status,
    declared,
    finding,
    tender_param,
)
from compliance.i18n import define
from compliance.models.findings import ParamUsed
from compliance.models.tender import Clause

INFO = CheckInfo(
    check_id="NL-DEADLINE-001",
    title="Tijdig ingediend",
    severity=Severity.KNOCK_OUT,
    legal_refs=("Aanbestedingswet 2012 (gelijke behandeling: geen te late inschrijvingen)",),
    description="De inschrijving is vóór de sluitingstijd ingediend; tijdstippen worden als absolute tijd vergeleken.",
)

ON_TIME = define(
    "DEADLINE_OK",
    "Ingediend op {submitted} (lokale tijd), vóór de sluitingstijd {deadline}.",
    "Submitted at {submitted} (local time), before the deadline {deadline}.",
)
LATE = define(
    "DEADLINE_MISSED",
    "Ingediend op {submitted} (lokale tijd), op of na de sluitingstijd {deadline}.",
    "Submitted at {submitted} (local time), at or after the deadline {deadline}.",
    "Een te late inschrijving kan niet meer worden aangevuld of hersteld.",
    "A late submission cannot be repaired.",
)
UNKNOWN = define(
    "DEADLINE_UNKNOWN",
    "Het tijdstip van indiening is niet opgegeven; dien in vóór {deadline}.",
    "The submission time is not given; submit before {deadline}.",
    "Dien de inschrijving in vóór {deadline}.",
    "Submit before {deadline}.",
)


def _deadline_basis(ctx: CheckContext) -> tuple[ZoneInfo, str, ParamUsed]:
    """Per tender: the time zone, the deadline as shown, and the cited parameter."""
    tender = ctx.tender
    zone = ZoneInfo(tender.time_zone)
    clause = Clause(reference=f"{tender.platform_reference or tender.tender_id}, einde inschrijfdatum")
    shown = tender.deadline.astimezone(zone).strftime("%Y-%m-%d %H:%M %Z")
    return zone, shown, tender_param("sluitingstijd", tender.deadline.isoformat(), clause, ctx)


def evaluate(ctx: CheckContext) -> Finding:
    """Compare aware datetimes, so '10:15+01:00' and '09:15Z' are the same instant."""
    deadline = ctx.tender.deadline
    zone, shown_deadline, param = ctx.static("deadline", lambda: _deadline_basis(ctx))
    basis = Basis(params=[param])
    submitted = ctx.submission.submitted_at
    basis.facts.append(declared("ingediend op", submitted.isoformat() if submitted else None, "/submitted_at"))
    if submitted is None:
        return finding(
            INFO, Status.NEEDS_REVIEW, UNKNOWN, blocking=True, args={"deadline": shown_deadline}, basis=basis
        )
    args = {"submitted": submitted.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S %Z"), "deadline": shown_deadline}
    status, code = (Status.PASS, ON_TIME) if submitted < deadline else (Status.FAIL, LATE)
    return finding(INFO, status, code, blocking=True, args=args, basis=basis)
