"""NL-SROI-001: contract value against the SROI threshold; the obligation amount when it applies.

Never a knock-out. The value is hours x rate x term including every option, excluding BTW
(Aanbestedingswet 2012 art. 2.15), shown at both the offered and the maximum rate. Which of the
two decides, and whether the threshold is per assignment, are tender settings that the report
marks as assumptions when the posting does not say.
"""

from __future__ import annotations

from decimal import Decimal

from compliance.checks.base import (
    Basis,
    Calculation,
    CheckContext,
    CheckInfo,
    Finding,
    Severity,
    Status,
    finding,
    tender_param,
)
from compliance.dates import eur, nl_number, nl_quantity
from compliance.i18n import define

INFO = CheckInfo(
    check_id="NL-SROI-001",
    title="Social Return (SROI)",
    severity=Severity.INFO,
    legal_refs=("Aanbestedingswet 2012 art. 2.15 (raming incl. opties, excl. btw)",),
    description="Contractwaarde tegen de SROI-drempel van de uitvraag; bij overschrijding het SROI-bedrag.",
)

NOT_REQUIRED = define(
    "SROI_NOT_REQUIRED", "De uitvraag stelt geen SROI-voorwaarde.", "The tender sets no SROI condition."
)
BELOW = define(
    "SROI_BELOW_THRESHOLD",
    "SROI niet van toepassing: contractwaarde {value} ({basis}) is niet hoger dan de drempel van {threshold}.",
    "SROI does not apply: contract value {value} ({basis}) does not exceed the threshold of {threshold}.",
)
BELOW_CUMULATIVE = define(
    "SROI_CUMULATIVE_UNKNOWN",
    "Deze opdracht ({value}, {basis}) blijft onder de drempel van {threshold}, maar de drempel geldt cumulatief "
    "binnen het DAS; de totale waarde voor deze leverancier is niet bekend.",
    "This assignment ({value}, {basis}) stays below the threshold of {threshold}, but the threshold is cumulative "
    "within the DAS; the supplier's total is unknown.",
    "Vermeld de waarde van eerder gegunde opdrachten binnen het DAS.",
    "State the value of earlier awards within the DAS.",
)
APPLIES = define(
    "SROI_APPLIES",
    "SROI van toepassing: contractwaarde {value} ({basis}) is hoger dan {threshold}. Verplichting: {percentage}% = {amount}, "
    "in te vullen na gunning (bijv. bouwblokken).",
    "SROI applies: contract value {value} ({basis}) exceeds {threshold}. Obligation: {percentage}% = {amount}, "
    "to be met after award (e.g. building blocks).",
    "Neem een SROI-plan van {amount} op in de aanbieding.",
    "Include an SROI plan of {amount} in the offer.",
)

_WEEKS_PER_MONTH = Decimal(52) / Decimal(12)


def contract_value(rate: Decimal, hours_per_week: Decimal, months: int) -> Decimal:
    """Hourly rate x hours per week x 52/12 x months: the value of the whole term excl. BTW."""
    return rate * hours_per_week * _WEEKS_PER_MONTH * months


def evaluate(ctx: CheckContext) -> Finding:
    """Compute the contract value at both rates and compare the configured one with the threshold."""
    condition = ctx.tender.conditions.sroi
    if condition is None:
        return finding(INFO, Status.NOT_APPLICABLE, NOT_REQUIRED, blocking=False)
    term = ctx.tender.term
    months = term.max_months
    offered = ctx.submission.offer.hourly_rate_eur
    maximum = ctx.tender.rate.max_hourly_rate_eur
    hours_per_month = term.hours_per_week * _WEEKS_PER_MONTH
    values = {
        "offered_rate": contract_value(offered, term.hours_per_week, months),
        "max_rate": contract_value(maximum, term.hours_per_week, months),
    }
    value = values[condition.value_basis]
    clause = condition.clause
    basis = Basis(
        clause=clause,
        params=[
            tender_param("sroi_drempel", eur(condition.threshold_eur), clause, ctx),
            tender_param(
                "sroi_percentage",
                f"{condition.percentage}%",
                clause,
                ctx,
                assumption=condition.percentage_is_assumption,
                note="Percentage niet in de uitvraag; landelijk gebruikelijk 5%, te bevestigen uit de SROI-bijlage."
                if condition.percentage_is_assumption
                else "",
            ),
            tender_param(
                "sroi_drempel_geldt",
                condition.threshold_scope,
                clause,
                ctx,
                assumption=condition.threshold_scope_is_assumption,
                note="Of de drempel per opdracht of cumulatief binnen het DAS geldt, is niet bevestigd."
                if condition.threshold_scope_is_assumption
                else "",
            ),
            tender_param(
                "sroi_waarde_op_basis_van",
                condition.value_basis,
                clause,
                ctx,
                assumption=condition.value_basis_is_assumption,
                note="Aangenomen: de gegunde waarde, dus tegen het aangeboden tarief."
                if condition.value_basis_is_assumption
                else "",
            ),
        ],
    )
    basis.calculations.append(
        Calculation(
            label="Uren per maand",
            expression=f"{nl_quantity(term.hours_per_week)} × 52/12",
            result=nl_number(hours_per_month, 1),
        )
    )
    for label, rate, key in (("aangeboden tarief", offered, "offered_rate"), ("maximumtarief", maximum, "max_rate")):
        basis.calculations.append(
            Calculation(
                label=f"Contractwaarde tegen {label}",
                expression=f"{eur(rate)} × {nl_quantity(term.hours_per_week)} × 52/12 × {months} maanden "
                f"({term.initial_months} + {term.option_months} optie)",
                result=eur(values[key]),
            )
        )
    args = {
        "value": eur(value),
        "threshold": eur(condition.threshold_eur),
        "basis": "aangeboden tarief" if condition.value_basis == "offered_rate" else "maximumtarief",
        "percentage": str(condition.percentage),
    }
    if value > condition.threshold_eur:
        amount = value * condition.percentage / 100
        basis.calculations.append(
            Calculation(
                label="SROI-verplichting", expression=f"{condition.percentage}% × {eur(value)}", result=eur(amount)
            )
        )
        return finding(
            INFO, Status.NEEDS_REVIEW, APPLIES, blocking=False, args=args | {"amount": eur(amount)}, basis=basis
        )
    if condition.threshold_scope == "cumulative_das":
        return finding(INFO, Status.NEEDS_REVIEW, BELOW_CUMULATIVE, blocking=False, args=args, basis=basis)
    return finding(INFO, Status.NOT_APPLICABLE, BELOW, blocking=False, args=args, basis=basis)
