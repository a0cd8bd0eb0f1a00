"""NL-SROI-001: contract value against the SROI threshold; the obligation amount when it applies.

Never a knock-out. The value is hours x rate x term including every option, excluding BTW
(Aanbestedingswet 2012 art. 2.15), shown at both the offered and the maximum rate; an offered
rate stated including BTW is converted first, exactly as the rate check does. Which of the two
decides, the percentage, and whether the threshold is per assignment or cumulative per supplier
in the DAS are settings (of the tender, else DAS defaults from the rule parameters) that the
report marks as assumptions when the posting does not say.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import NamedTuple, TypeVar

from compliance.checks.base import (
    Calculation,
    CheckContext,
    CheckInfo,
    Finding,
    Severity,
    Status,
    clause_or,
    clause_refs,
    conclude,
    declared,
    finding,
    tender_param,
)
from compliance.checks.rate import offered_rate_excl_vat
from compliance.dates import eur, nl_number, nl_quantity
from compliance.i18n import reason
from compliance.models.findings import Fact, ParamUsed
from compliance.models.tender_v2 import Clause, SroiCondition

V = TypeVar("V")

INFO = CheckInfo(
    check_id="NL-SROI-001",
    title="Social Return (SROI)",
    severity=Severity.INFO,
    legal_refs=("Aanbestedingswet 2012 art. 2.15 (raming incl. opties, excl. btw)",),
    description="Contractwaarde tegen de SROI-drempel van de uitvraag; bij overschrijding het SROI-bedrag.",
)

NOT_REQUIRED = reason(
    "SROI_NOT_REQUIRED",
    Status.NOT_APPLICABLE,
    "De uitvraag stelt geen SROI-voorwaarde.",
    "The tender sets no SROI condition.",
)
BELOW = reason(
    "SROI_BELOW_THRESHOLD",
    Status.NOT_APPLICABLE,
    "SROI niet van toepassing: contractwaarde {value} ({basis}) is niet hoger dan de drempel van {threshold}.",
    "SROI does not apply: contract value {value} ({basis}) does not exceed the threshold of {threshold}.",
)
BELOW_CUMULATIVE = reason(
    "SROI_CUMULATIVE_UNKNOWN",
    Status.NEEDS_REVIEW,
    "Deze opdracht ({value}, {basis}) blijft onder de drempel van {threshold}, maar de drempel geldt cumulatief "
    "binnen het DAS; de totale waarde voor deze leverancier is niet bekend.",
    "This assignment ({value}, {basis}) stays below the threshold of {threshold}, but the threshold is cumulative "
    "within the DAS; the supplier's total is unknown.",
    "Vermeld de waarde van eerder gegunde opdrachten binnen het DAS.",
    "State the value of earlier awards within the DAS.",
)
APPLIES = reason(
    "SROI_APPLIES",
    Status.NEEDS_REVIEW,
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


class _Static(NamedTuple):
    """Per tender: the parameters, the value at the maximum rate and the texts of the calculation."""

    condition: SroiCondition | None
    not_required: Finding | None
    refs: tuple[str, ...] = ()
    params: tuple[ParamUsed, ...] = ()
    hours_line: Calculation | None = None
    max_value: Decimal | None = None  # None when the tender sets no maximum rate
    max_line: Calculation | None = None
    threshold: Decimal = Decimal(0)
    offered_expression: str = ""  # the offered-rate line's expression after the rate
    threshold_text: str = ""
    basis_text: str = ""
    percentage: Decimal = Decimal(0)
    cumulative: bool = False


def _tender_or_default(
    ctx: CheckContext,
    clause: Clause,
    stated: V | None,
    name: str,
    show: Callable[[V], str],
    assumption: bool,
    assumption_note: str,
    default_name: str,
    read_default: Callable[[str], V],
) -> tuple[V, ParamUsed]:
    """An SROI term as the tender states it, or else the DAS default from the dated rule parameters
    (which carries its own assumption flag and source)."""
    if stated is None:
        default = ctx.rules.at(default_name, ctx.dates.deadline_date)
        value = read_default(str(default.value))
        return value, default.used(show(value))
    note = assumption_note if assumption else ""
    return stated, tender_param(name, show(stated), clause, ctx, assumption=assumption, note=note)


def _static(ctx: CheckContext) -> _Static:
    condition = ctx.tender.conditions.sroi
    if condition is None:
        return _Static(None, finding(INFO, NOT_REQUIRED))
    term = ctx.tender.term
    months = term.max_months
    maximum = ctx.tender.rate.max_hourly_rate_eur
    clause = clause_or(condition.clause, "Uitvraag, SROI")
    threshold, threshold_param = _tender_or_default(
        ctx,
        clause,
        condition.threshold_eur,
        "sroi_drempel",
        eur,
        condition.threshold_is_assumption,
        "Drempel niet in de uitvraag; te bevestigen uit de SROI-bijlage van het DAS.",
        "sroi_default_threshold_eur",
        Decimal,
    )
    percentage, percentage_param = _tender_or_default(
        ctx,
        clause,
        condition.percentage,
        "sroi_percentage",
        lambda value: f"{value}%",
        condition.percentage_is_assumption,
        "Percentage niet in de uitvraag; landelijk gebruikelijk 5%, te bevestigen uit de SROI-bijlage.",
        "sroi_default_percentage",
        Decimal,
    )
    scope, scope_param = _tender_or_default(
        ctx,
        clause,
        condition.threshold_scope,
        "sroi_drempel_geldt",
        str,
        condition.threshold_scope_is_assumption,
        "Of de drempel per opdracht of cumulatief binnen het DAS geldt, is niet bevestigd.",
        "sroi_default_threshold_scope",
        str,
    )
    params = (
        threshold_param,
        percentage_param,
        scope_param,
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
    )
    # A range of hours ('24 tot 32') is valued at its upper end: the obligation must not be missed.
    weekly = term.hours_per_week.max
    hours = nl_quantity(weekly)
    if term.hours_per_week.min != weekly:
        hours += f" (bovenkant van {nl_quantity(term.hours_per_week.min)}–{hours} uur)"
    expression = f" × {hours} × 52/12 × {months} maanden ({term.initial_months} + {term.option_months} optie)"
    max_value = contract_value(maximum, weekly, months) if maximum is not None else None
    return _Static(
        condition=condition,
        not_required=None,
        refs=clause_refs(INFO, clause),
        params=params,
        hours_line=Calculation("Uren per maand", f"{hours} × 52/12", nl_number(weekly * _WEEKS_PER_MONTH, 1)),
        max_value=max_value,
        max_line=None
        if max_value is None or maximum is None
        else Calculation("Contractwaarde tegen maximumtarief", f"{eur(maximum)}{expression}", eur(max_value)),
        offered_expression=expression,
        threshold=threshold,
        threshold_text=eur(threshold),
        basis_text="aangeboden tarief excl. btw" if condition.value_basis == "offered_rate" else "maximumtarief",
        percentage=percentage,
        cumulative=scope == "cumulative_das",
    )


def evaluate(ctx: CheckContext) -> Finding:
    """Compute the contract value at both rates and compare the configured one with the threshold."""
    static: _Static = ctx.static("sroi", lambda: _static(ctx))
    condition = static.condition
    if condition is None:
        assert static.not_required is not None
        return static.not_required
    assert static.hours_line is not None  # set whenever there is a condition
    term = ctx.tender.term
    offered, conversion, vat_param = offered_rate_excl_vat(ctx)
    offered_value = contract_value(offered, term.hours_per_week.max, term.max_months)
    offered_value_text = eur(offered_value)
    calculations = [static.hours_line]
    if conversion is not None:
        calculations.append(conversion)
    calculations += [
        Calculation(
            "Contractwaarde tegen aangeboden tarief (excl. btw)",
            f"{eur(offered)}{static.offered_expression}",
            offered_value_text,
        ),
    ]
    if static.max_line is not None:
        calculations.append(static.max_line)
    params = static.params if vat_param is None else (*static.params, vat_param)
    attention: tuple[str, ...] = ()
    facts: tuple[Fact, ...] = ()
    if ctx.submission.offer.vat_included is None:
        facts = (declared("tarief inclusief btw", None, "/offer/vat_included"),)
        attention = ("Het aanbod zegt niet of het tarief btw bevat; gerekend als excl. btw (de hoogste waarde).",)
    if condition.value_basis == "max_rate" and static.max_value is not None and static.max_line is not None:
        value, value_text = static.max_value, static.max_line.result
    else:
        value, value_text = offered_value, offered_value_text
    percentage = static.percentage
    args = {
        "value": value_text,
        "threshold": static.threshold_text,
        "basis": static.basis_text,
        "percentage": str(percentage),
    }
    if value > static.threshold:
        amount = value * percentage / 100
        amount_text = eur(amount)
        calculations.append(Calculation("SROI-verplichting", f"{percentage}% × {args['value']}", amount_text))
        args["amount"] = amount_text
        code = APPLIES
    elif static.cumulative:
        code = BELOW_CUMULATIVE
    else:
        code = BELOW
    return conclude(INFO, static.refs, code, args, params, facts, tuple(calculations), attention)
