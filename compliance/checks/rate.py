"""NL-RATE-001: the offered hourly rate, excluding BTW, does not exceed the maximum.

A rate given including BTW is converted at the standard rate (a dated parameter). A rate whose
BTW basis is not stated passes only if it is within the maximum under either reading.
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
    declared,
    finding,
    tender_param,
)
from compliance.dates import eur
from compliance.i18n import define

INFO = CheckInfo(
    check_id="NL-RATE-001",
    title="Uurtarief binnen het maximumtarief",
    severity=Severity.KNOCK_OUT,
    legal_refs=("Aanbestedingswet 2012 art. 2.15 (waarde excl. btw)",),
    description="Het aangeboden all-in uurtarief excl. btw is niet hoger dan het maximumtarief van de uitvraag.",
)

PASSED = define(
    "RATE_OK",
    "Aangeboden tarief {rate} excl. btw is niet hoger dan het maximum van {max}.",
    "Offered rate {rate} excl. VAT does not exceed the maximum of {max}.",
)
TOO_HIGH = define(
    "RATE_ABOVE_MAX",
    "Aangeboden tarief {rate} excl. btw is hoger dan het maximum van {max} (verschil {diff}).",
    "Offered rate {rate} excl. VAT exceeds the maximum of {max} (by {diff}).",
    "Bied een all-in uurtarief van ten hoogste {max} excl. btw aan.",
    "Offer an all-in hourly rate of at most {max} excl. VAT.",
)
AMBIGUOUS = define(
    "RATE_VAT_UNCLEAR",
    "Het aanbod zegt niet of {offered} inclusief of exclusief btw is. Exclusief btw is het hoger dan het maximum "
    "van {max}; inclusief btw ({rate} excl.) niet.",
    "The offer does not say whether {offered} includes VAT. Excluding VAT it exceeds the maximum of {max}; "
    "including VAT ({rate} excl.) it does not.",
    "Vermeld of het tarief inclusief of exclusief btw is.",
    "State whether the rate includes VAT.",
)


def evaluate(ctx: CheckContext) -> Finding:
    """Compare the (converted) offered rate with the maximum; boundary values pass."""
    spec, offer = ctx.tender.rate, ctx.submission.offer
    maximum = spec.max_hourly_rate_eur
    vat = ctx.rules.at("btw_standard_rate_percent", ctx.dates.deadline_date)
    factor = 1 + Decimal(vat.value) / 100
    basis = Basis(
        clause=spec.clause,
        params=[
            tender_param("max_uurtarief", eur(maximum), spec.clause, ctx),
            tender_param(
                "btw_basis_maximum",
                spec.vat_basis,
                spec.clause,
                ctx,
                assumption=spec.vat_basis_is_assumption,
                note="De uitvraag zegt niet of het maximum excl. btw is; aangenomen excl. btw."
                if spec.vat_basis_is_assumption
                else "",
            ),
        ],
        facts=[
            declared("aangeboden uurtarief", eur(offer.hourly_rate_eur), "/offer/hourly_rate_eur"),
            declared("tarief inclusief btw", offer.vat_included, "/offer/vat_included"),
        ],
    )
    # Compare both on the tender's own basis (the maximum could be stated including BTW).
    maximum_excl = maximum / factor if spec.vat_basis == "included" else maximum
    offered_excl = offer.hourly_rate_eur / factor if offer.vat_included else offer.hourly_rate_eur
    if offer.vat_included or spec.vat_basis == "included":
        basis.params.append(vat.used())
    if offer.vat_included:
        basis.calculations.append(
            Calculation(
                label="Tarief excl. btw",
                expression=f"{eur(offer.hourly_rate_eur)} / {factor}",
                result=eur(offered_excl),
            )
        )
    args = {
        "rate": eur(offered_excl),
        "max": eur(maximum_excl),
        "offered": eur(offer.hourly_rate_eur),
        "diff": eur(offered_excl - maximum_excl),
    }
    if offered_excl <= maximum_excl:
        return finding(INFO, Status.PASS, PASSED, blocking=True, args=args, basis=basis)
    if offer.vat_included is None:
        converted = offer.hourly_rate_eur / factor
        if converted <= maximum_excl:
            args["rate"] = eur(converted)
            return finding(INFO, Status.NEEDS_REVIEW, AMBIGUOUS, blocking=True, args=args, basis=basis)
    return finding(INFO, Status.FAIL, TOO_HIGH, blocking=True, args=args, basis=basis)
