"""NL-WAADI-001: a supplier that lends staff is registered as a lender (Waadi art. 7a).

The KvK APIs carry no Waadi indicator, only SBI codes: a lending SBI code passes; a record
without one needs a person to look at kvk.nl/waadi or an extract. Only a declared "not
registered" or an ended registration fails. A lending code passes only in a record that can show
the register at the deadline: retrieved at most a set number of days before it, and without the
four-digit codes that no longer exist since SBI 2025 (see :mod:`compliance.checks.kvk_record`).

Waadi applies to every lender in a chain of agencies; submission v1 names only the supplier, so
only the supplier is checked until the offer names the candidate's employer and the chain.
"""

from __future__ import annotations

from compliance.checks.base import (
    Basis,
    CheckContext,
    CheckInfo,
    Finding,
    Severity,
    Status,
    declared,
    finding,
    registry_fact,
    tender_param,
)
from compliance.checks.kvk_record import read_sbi, record_age
from compliance.dates import nl_date
from compliance.i18n import reason, render
from compliance.models.tender import Phase
from compliance.models.tender_v2 import Clause
from compliance.sources.registry import LookupStatus

INFO = CheckInfo(
    check_id="NL-WAADI-001",
    title="Waadi-registratie van de uitlener",
    severity=Severity.KNOCK_OUT,
    blocks_from=Phase.SUBMISSION,
    legal_refs=("Waadi art. 7a (registratieplicht uitlener)", "Waadi art. 7a lid 2 (controleplicht inlener)"),
    description="Wie personeel ter beschikking stelt, staat in het Handelsregister geregistreerd als uitlener.",
)

NOT_LENDING = reason(
    "WAADI_NOT_LENDING",
    Status.NOT_APPLICABLE,
    "Er wordt geen personeel ter beschikking gesteld (contractvorm {engagement}); de Waadi-registratie is niet van toepassing.",
    "No staff is put at the buyer's disposal (engagement {engagement}); Waadi registration does not apply.",
)
NOT_REQUIRED = reason(
    "WAADI_NOT_REQUIRED",
    Status.NOT_APPLICABLE,
    "De uitvraag stelt geen Waadi-voorwaarde.",
    "The tender sets no Waadi condition.",
)
DECLARED_NOT = reason(
    "WAADI_DECLARED_NOT_REGISTERED",
    Status.FAIL,
    "De inschrijver verklaart niet als uitlener geregistreerd te zijn, maar stelt de kandidaat ter beschikking ({engagement}).",
    "The supplier declares it is not registered as a lender, yet puts the candidate at the buyer's disposal ({engagement}).",
    "Laat de inschrijving in het Handelsregister aanvullen met de Waadi-registratie vóór de inschrijving, of schrijf in via een geregistreerde uitlener.",
    "Register as a lender in the trade register before submitting, or submit through a registered lender.",
)
ENDED = reason(
    "WAADI_REGISTRATION_ENDED",
    Status.FAIL,
    "De inschrijving in het Handelsregister is beëindigd op {ended}: de inschrijver kan niet als uitlener geregistreerd zijn.",
    "The trade register entry ended on {ended}: the supplier cannot be registered as a lender.",
    "Controleer het KvK-nummer; een beëindigde onderneming kan niet inschrijven.",
    "Check the KvK number; a dissolved business cannot submit.",
)
PASSED = reason(
    "WAADI_SBI_LENDING",
    Status.PASS,
    "Het Handelsregister vermeldt uitleen-SBI-code(s) {codes}: de inschrijver is als uitlener geregistreerd.",
    "The trade register lists lending SBI code(s) {codes}: the supplier is registered as a lender.",
)
STALE = reason(
    "WAADI_RECORD_STALE",
    Status.NEEDS_REVIEW,
    "Het KvK-record met uitleen-SBI-code(s) {codes} is opgehaald op {retrieved}, {age} vóór de sluiting "
    "({deadline}; hoogstens {max_days} dagen): het bewijst de registratie op de sluitingsdatum niet.",
    "The trade register record with lending SBI code(s) {codes} was retrieved on {retrieved}, {age} before the "
    "deadline ({deadline}; at most {max_days} days): it does not prove the registration at the deadline.",
    "Lever een actueel KvK-uittreksel of een Waadi-check van hoogstens {max_days} dagen vóór de sluiting.",
    "Provide a current trade register extract or Waadi check from at most {max_days} days before the deadline.",
)
SBI_OUTDATED = reason(
    "WAADI_SBI_OUTDATED",
    Status.NEEDS_REVIEW,
    "Het KvK-record (opgehaald {retrieved}) bevat SBI-code(s) van vier cijfers ({outdated}), terwijl sinds de "
    "omzetting naar SBI 2025 (6-7 september 2025) elke code vijf cijfers heeft: het record toont het register "
    "niet zoals het is.",
    "The trade register record (retrieved {retrieved}) has four-digit SBI code(s) ({outdated}), while every code "
    "has five digits since the SBI 2025 conversion (6-7 September 2025): the record does not show the register "
    "as it is.",
    "Lever een actueel KvK-uittreksel of haal het record opnieuw op bij de KvK.",
    "Provide a current trade register extract or retrieve the record from KvK again.",
)
NO_CODE = reason(
    "WAADI_NO_LENDING_CODE",
    Status.NEEDS_REVIEW,
    "Het Handelsregister vermeldt geen uitleen-SBI-code (wel: {codes}). De Waadi-indicator staat in geen KvK-API: "
    "controleer de registratie op kvk.nl/waadi of een KvK-uittreksel.",
    "The trade register lists no lending SBI code (only: {codes}). The Waadi indicator is in no KvK API: "
    "check kvk.nl/waadi or a trade register extract.",
    "Lever een KvK-uittreksel of Waadi-check waaruit de registratie als uitlener blijkt, gedateerd vóór de start.",
    "Provide a trade register extract or Waadi check showing the lender registration, dated before the start.",
)
LOOKUP_MISSING = reason(
    "WAADI_LOOKUP_UNAVAILABLE",
    Status.NEEDS_REVIEW,
    "De Waadi-registratie kon niet worden geverifieerd: {detail}. De eigen verklaring ({declared}) volstaat niet.",
    "The Waadi registration could not be verified: {detail}. The supplier's declaration ({declared}) is not enough.",
    "Lever een KvK-uittreksel of Waadi-check waaruit de registratie als uitlener blijkt.",
    "Provide a trade register extract or Waadi check showing the lender registration.",
)


CHAIN = reason(
    "WAADI_CHAIN_UNVERIFIED",
    Status.NEEDS_REVIEW,
    "De kandidaat wordt via een keten uitgeleend ({lenders}); elke uitlener in de keten moet Waadi-geregistreerd "
    "zijn en dat is voor hen niet nagegaan. {supplier}",
    "The candidate is lent through a chain ({lenders}); every lender in the chain must be Waadi-registered and that "
    "was not verified for them. {supplier_en}",
    "Lever voor elke uitlener in /candidate/employment/lenders een actueel KvK-uittreksel met SBI 78201 of 78202.",
    "Provide a current trade register extract with SBI 78201 or 78202 for every lender in /candidate/employment/lenders.",
)

# Waadi applies to every lender by law, also when the posting does not mention it.
_LAW_CLAUSE = Clause(reference="Waadi art. 7a (geldt bij elke terbeschikkingstelling, ook als de uitvraag zwijgt)")


def evaluate(ctx: CheckContext) -> Finding:
    """Decide the Waadi condition from the declaration and the registry record, then the chain of lenders."""
    # Depends on the look-up and two declared values from small sets only (see CheckContext.per_lookup).
    key = ("waadi", ctx.submission.candidate.engagement, ctx.submission.supplier.waadi_registered)
    decided = ctx.per_lookup(key, lambda: _decide(ctx))
    employment = ctx.submission.candidate.employment
    if employment is None or not employment.lenders or decided.status is not Status.PASS:
        return decided
    # Only the supplier's own record was read: the rest of the chain needs a person (fail closed).
    lenders = ", ".join(employment.lenders)
    supplier_part = f"Inschrijver zelf: {decided.reason}"
    supplier_en = f"The supplier itself: {render(decided.reason_code, dict(decided.reason_args), 'en')[0]}"
    return finding(
        INFO,
        CHAIN,
        args={"lenders": lenders, "supplier": supplier_part, "supplier_en": supplier_en},
        basis=Basis(
            clause=_LAW_CLAUSE,
            params=list(decided.params),
            facts=[
                *decided.facts,
                declared("uitleners in de keten", lenders, "/candidate/employment/lenders"),
            ],
        ),
    )


def _decide(ctx: CheckContext) -> Finding:
    condition = ctx.tender.conditions.waadi
    supplier, candidate, lookup = ctx.submission.supplier, ctx.submission.candidate, ctx.registry
    engagement = candidate.engagement.value
    if not condition.required_when_lending:
        return finding(INFO, NOT_REQUIRED)
    clause = condition.clause or _LAW_CLAUSE
    basis = Basis(clause=clause)
    basis.facts.append(declared("contractvorm kandidaat", engagement, "/candidate/engagement"))
    if not candidate.engagement.is_lending:
        return finding(INFO, NOT_LENDING, args={"engagement": engagement}, basis=basis)
    basis.params.append(tender_param("waadi_registratie_vereist_bij_uitlenen", "ja", clause, ctx))
    basis.facts.append(
        declared("Waadi-geregistreerd (verklaard)", supplier.waadi_registered, "/supplier/waadi_registered")
    )
    if supplier.waadi_registered is False:
        return finding(INFO, DECLARED_NOT, args={"engagement": engagement}, basis=basis)
    record = lookup.record if lookup.status is LookupStatus.FOUND else None
    if record is None:
        declared_text = "geregistreerd" if supplier.waadi_registered else "niet opgegeven"
        return finding(
            INFO,
            LOOKUP_MISSING,
            args={"detail": lookup.detail, "declared": declared_text},
            basis=basis,
        )
    ended = record.registration_ended_on or record.deregistered_on
    if ended is not None:
        basis.facts.append(registry_fact("inschrijving beëindigd op", ended.isoformat(), lookup))
        return finding(INFO, ENDED, args={"ended": nl_date(ended)}, basis=basis)
    sbi = read_sbi(ctx)
    basis.params += sbi.params.all()
    basis.facts.append(registry_fact("SBI-codes (gelezen als)", sbi.described(), lookup))
    age = record_age(ctx)
    basis.params.append(age.param)
    basis.calculations.append(age.calculation)
    retrieved = nl_date(age.retrieved) if age.retrieved else "op een onbekende datum"
    if sbi.outdated:
        args = {"retrieved": retrieved, "outdated": ", ".join(sbi.outdated)}
        return finding(INFO, SBI_OUTDATED, args=args, basis=basis)
    if not sbi.lending:
        return finding(
            INFO,
            NO_CODE,
            args={"codes": ", ".join(record.sbi_codes) or "geen"},
            basis=basis,
        )
    codes = ", ".join(sbi.lending)
    if age.stale:
        args = {
            "codes": codes,
            "retrieved": retrieved,
            "age": f"{age.age_days} dagen" if age.age_days is not None else "onbekend hoelang",
            "deadline": nl_date(ctx.dates.deadline_date),
            "max_days": str(age.max_days),
        }
        return finding(INFO, STALE, args=args, basis=basis)
    if sbi.params.assumption_note:
        basis.attention.append(f"SBI 2025-codeset nog te bevestigen: {sbi.params.assumption_note}")
    return finding(INFO, PASSED, args={"codes": codes}, basis=basis)
