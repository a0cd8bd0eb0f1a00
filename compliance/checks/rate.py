"""NL-RATE-001: the offered hourly rate, excluding BTW, does not exceed the maximum.

A rate given including BTW is converted at the standard rate (a dated parameter). A rate whose
BTW basis is not stated passes only if it is within the maximum under either reading.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

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
from compliance.dates import eur
from compliance.i18n import reason
from compliance.models.findings import ParamUsed
from compliance.models.tender import Phase

INFO = CheckInfo(
    check_id="NL-RATE-001",
    title="Uurtarief binnen het maximumtarief",
    severity=Severity.KNOCK_OUT,
    blocks_from=Phase.SUBMISSION,
    legal_refs=("Aanbestedingswet 2012 art. 2.15 (waarde excl. btw)",),
    description="Het aangeboden all-in uurtarief excl. btw is niet hoger dan het maximumtarief van de uitvraag.",
)

PASSED = reason(
    "RATE_OK",
    Status.PASS,
    "Aangeboden tarief {rate} excl. btw is niet hoger dan het maximum van {max}.",
    "Offered rate {rate} excl. VAT does not exceed the maximum of {max}.",
)
TOO_HIGH = reason(
    "RATE_ABOVE_MAX",
    Status.FAIL,
    "Aangeboden tarief {rate} excl. btw is hoger dan het maximum van {max} (verschil {diff}).",
    "Offered rate {rate} excl. VAT exceeds the maximum of {max} (by {diff}).",
    "Verlaag /offer/hourly_rate_eur (nu {offered}) tot een all-in uurtarief van ten hoogste {max} excl. btw "
    "({diff} lager).",
    "Lower /offer/hourly_rate_eur (now {offered}) to an all-in hourly rate of at most {max} excl. VAT ({diff} less).",
)
AMBIGUOUS = reason(
    "RATE_VAT_UNCLEAR",
    Status.NEEDS_REVIEW,
    "Het aanbod zegt niet of {offered} inclusief of exclusief btw is. Exclusief btw is het hoger dan het maximum "
    "van {max}; inclusief btw ({rate} excl.) niet.",
    "The offer does not say whether {offered} includes VAT. Excluding VAT it exceeds the maximum of {max}; "
    "including VAT ({rate} excl.) it does not.",
    "Vul /offer/vat_included in (true of false); het maximum is {max} excl. btw (aangeboden: {offered}).",
    "Fill in /offer/vat_included (true or false); the maximum is {max} excl. VAT (offered: {offered}).",
)


# The declared BTW basis has three possible values, so its fact is built once for each.
_VAT_FACTS = {value: declared("tarief inclusief btw", value, "/offer/vat_included") for value in (True, False, None)}


class _Static(NamedTuple):
    """Per tender: the maximum on an excl. BTW basis, the conversion factor, the cited parameters."""

    refs: tuple[str, ...]
    factor: Decimal
    maximum_excl: Decimal
    maximum_text: str
    maximum_included: bool  # the tender states its maximum including BTW
    params: tuple[ParamUsed, ...]
    params_with_vat: tuple[ParamUsed, ...]  # when a conversion at the BTW rate is part of the decision
    vat_param: ParamUsed


def _static(ctx: CheckContext) -> _Static:
    spec = ctx.tender.rate
    maximum = spec.max_hourly_rate_eur
    assert maximum is not None  # evaluate() answers 'not applicable' first
    clause = clause_or(spec.clause, "Uitvraag, maximum tarief")
    vat = ctx.rules.at("btw_standard_rate_percent", ctx.dates.deadline_date)
    factor = 1 + Decimal(vat.value) / 100
    included = (tender_param("maximum_inclusief", " en ".join(spec.includes), clause, ctx),) if spec.includes else ()
    params = (
        tender_param("max_uurtarief", eur(maximum), clause, ctx),
        *included,
        tender_param(
            "btw_basis_maximum",
            spec.vat_basis,
            clause,
            ctx,
            assumption=spec.vat_basis_is_assumption,
            note="De uitvraag zegt niet of het maximum excl. btw is; aangenomen excl. btw."
            if spec.vat_basis_is_assumption
            else "",
        ),
    )
    # Compare both on the tender's own basis (the maximum could be stated including BTW).
    maximum_excl = maximum / factor if spec.vat_basis == "included" else maximum
    return _Static(
        refs=clause_refs(INFO, clause),
        factor=factor,
        maximum_excl=maximum_excl,
        maximum_text=eur(maximum_excl),
        maximum_included=spec.vat_basis == "included",
        params=params,
        params_with_vat=(*params, vat.used()),
        vat_param=vat.used(),
    )


class RateExclVat(NamedTuple):
    """The offered rate excluding BTW, with the conversion line and BTW parameter when it was converted."""

    amount: Decimal
    calculation: Calculation | None
    vat_param: ParamUsed | None


def offered_rate_excl_vat(ctx: CheckContext) -> RateExclVat:
    """The offered rate on an excl. BTW basis: a rate stated including BTW is converted at the
    standard rate in force at the deadline; a rate without a stated basis is taken as given."""
    static: _Static = ctx.static("rate", lambda: _static(ctx))
    offered = ctx.submission.offer.hourly_rate_eur
    if not ctx.submission.offer.vat_included:
        return RateExclVat(offered, None, None)
    amount = offered / static.factor
    line = Calculation("Tarief excl. btw", f"{eur(offered)} / {static.factor}", eur(amount))
    return RateExclVat(amount, line, static.vat_param)


NO_MAXIMUM = reason(
    "RATE_NO_MAXIMUM",
    Status.NOT_APPLICABLE,
    "De uitvraag stelt geen maximumtarief.",
    "The tender sets no maximum rate.",
)


def evaluate(ctx: CheckContext) -> Finding:
    """Compare the (converted) offered rate with the maximum; boundary values pass."""
    if ctx.tender.rate.max_hourly_rate_eur is None:
        return ctx.static("rate-none", lambda: finding(INFO, NO_MAXIMUM))
    static: _Static = ctx.static("rate", lambda: _static(ctx))
    offer = ctx.submission.offer
    offered, vat_included = offer.hourly_rate_eur, offer.vat_included
    offered_text = eur(offered)
    facts = (declared("aangeboden uurtarief", offered_text, "/offer/hourly_rate_eur"), _VAT_FACTS[vat_included])
    params = static.params_with_vat if vat_included or static.maximum_included else static.params
    offered_excl, conversion, _ = offered_rate_excl_vat(ctx)
    calculations: tuple[Calculation, ...] = (conversion,) if conversion else ()
    rate_text = conversion.result if conversion else offered_text
    maximum_excl = static.maximum_excl
    args = {
        "rate": rate_text,
        "max": static.maximum_text,
        "offered": offered_text,
        "diff": eur(offered_excl - maximum_excl),
    }
    if offered_excl <= maximum_excl:
        return conclude(INFO, static.refs, PASSED, args, params, facts, calculations)
    if vat_included is None:
        converted = offered / static.factor
        if converted <= maximum_excl:
            args["rate"] = eur(converted)
            return conclude(INFO, static.refs, AMBIGUOUS, args, params, facts, calculations)
    return conclude(INFO, static.refs, TOO_HIGH, args, params, facts, calculations)
