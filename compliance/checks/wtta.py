"""NL-WTTA-001: the Wtta admission regime, seen from the contract's latest possible end date.

A warning, never a knock-out: from 2027 lenders must have notified the NAU, from 2028 only
admitted lenders may lend (and the hirer can be fined too). Dates are rule parameters.
"""

from __future__ import annotations

from datetime import date

from compliance.checks.base import (
    Basis,
    Calculation,
    CheckContext,
    CheckInfo,
    Finding,
    Severity,
    Status,
    declared,
    finding,
)
from compliance.dates import nl_date
from compliance.i18n import reason

INFO = CheckInfo(
    check_id="NL-WTTA-001",
    title="Wtta: melding en toelating uitlener",
    severity=Severity.WARNING,
    legal_refs=("Wet toelating terbeschikkingstelling van arbeidskrachten (Wtta)",),
    description="Uitleners melden zich vóór 2027 bij de NAU; vanaf 2028 mag alleen een toegelaten uitlener uitlenen.",
)

NOT_LENDING = reason(
    "WTTA_NOT_LENDING",
    Status.NOT_APPLICABLE,
    "Geen terbeschikkingstelling (contractvorm {engagement}); de Wtta is niet van toepassing.",
    "No lending of staff (engagement {engagement}); the Wtta does not apply.",
)
BEFORE = reason(
    "WTTA_ENDS_BEFORE",
    Status.PASS,
    "De opdracht eindigt uiterlijk op {end}, vóór de Wtta-meldplicht ({notify}).",
    "The assignment ends by {end} at the latest, before the Wtta notification date ({notify}).",
)
NOTIFY = reason(
    "WTTA_NOTIFICATION",
    Status.PASS,
    "De opdracht kan (met opties) doorlopen tot {end}, voorbij de Wtta-meldplicht ({notify}).",
    "With options the assignment can run until {end}, past the Wtta notification date ({notify}).",
    "Meld de onderneming vóór {notify} bij de Nederlandse Autoriteit Uitleenmarkt.",
    "Notify the Dutch Labour Market Authority (NAU) before {notify}.",
)
ADMISSION = reason(
    "WTTA_ADMISSION",
    Status.NEEDS_REVIEW,
    "De opdracht kan (met opties) doorlopen tot {end}. Vanaf {admission} mag alleen een door de NAU toegelaten "
    "uitlener uitlenen; uitlener én inlener zijn beboetbaar. Bewijs van toelating vragen vóór verlenging.",
    "With options the assignment can run until {end}. From {admission} only lenders admitted by the NAU may lend; "
    "lender and hirer can both be fined. Ask for proof of admission before extending.",
    "Lever vóór verlenging na {admission} het toelatingsbesluit van de NAU.",
    "Provide the NAU admission decision before any extension past {admission}.",
)


def evaluate(ctx: CheckContext) -> Finding:
    """Compare the latest possible end date with the Wtta dates; never blocks the verdict."""
    # Apart from the tender, the finding depends on the engagement alone (four values).
    return ctx.static(("wtta", ctx.submission.candidate.engagement), lambda: _decide(ctx))


def _decide(ctx: CheckContext) -> Finding:
    candidate = ctx.submission.candidate
    basis = Basis(facts=[declared("contractvorm kandidaat", candidate.engagement.value, "/candidate/engagement")])
    if not candidate.engagement.is_lending:
        return finding(
            INFO,
            NOT_LENDING,
            args={"engagement": candidate.engagement.value},
            basis=basis,
        )
    end = ctx.dates.contract_end_max
    notify_param = ctx.rules.at("wtta_notification_deadline", end)
    admission_param = ctx.rules.at("wtta_admission_required_from", end)
    notify, admission = date.fromisoformat(notify_param.value), date.fromisoformat(admission_param.value)
    basis.params += [notify_param.used(), admission_param.used()]
    term = ctx.tender.term
    basis.calculations.append(
        Calculation(
            label="Uiterste einddatum (incl. opties)",
            expression=f"start {nl_date(ctx.dates.planned_start)} + {term.initial_months} + {term.option_months} maanden − 1 dag",
            result=nl_date(end),
        )
    )
    args = {"end": nl_date(end), "notify": nl_date(notify), "admission": nl_date(admission)}
    if end >= admission:
        return finding(INFO, ADMISSION, args=args, basis=basis)
    if end >= notify:
        basis.attention.append(f"Vanaf {nl_date(notify)} moet de uitlener bij de NAU gemeld zijn (Wtta).")
        return finding(INFO, NOTIFY, args=args, basis=basis)
    return finding(INFO, BEFORE, args=args, basis=basis)
