"""NL-DBA-001: the Wet DBA execution condition (no ZZP-er as supplier, no self-employed candidate).

The buyer directs and supervises the work, so only a candidate employed by the supplier (or by
a registered lender) fits: detachering, uitzending or payroll. The legal form is taken from the
Handelsregister when a record is available; otherwise only the declaration is known, which is
not enough to pass.
"""

from __future__ import annotations

import re
from dataclasses import replace

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
from compliance.checks.kvk_record import read_sbi
from compliance.i18n import reason, render, status_of
from compliance.models.submission import Engagement, LegalForm
from compliance.models.tender import Phase
from compliance.models.tender_v2 import Clause
from compliance.sources.registry import LookupStatus

INFO = CheckInfo(
    check_id="NL-DBA-001",
    title="Wet DBA: geen ZZP-er als inschrijver of kandidaat",
    severity=Severity.KNOCK_OUT,
    blocks_from=Phase.SUBMISSION,
    legal_refs=("Wet DBA (Wet deregulering beoordeling arbeidsrelaties)", "BW art. 7:610 (gezag)"),
    description="De inschrijver is geen ZZP-er en de kandidaat werkt niet als zelfstandige; "
    "het werk gebeurt onder gezag en leiding van de opdrachtgever.",
)

NOT_REQUIRED = reason(
    "DBA_NOT_REQUIRED",
    Status.NOT_APPLICABLE,
    "De uitvraag staat inschrijving door zzp'ers uitdrukkelijk toe.",
    "The tender explicitly allows self-employed suppliers.",
)

# A posting that says nothing about ZZP: the public buyer's default is assumed and reported.
_SILENT_CLAUSE = Clause(reference="Uitvraag zegt niets over zzp'ers; Wet DBA (aanname)")
ENGAGEMENT_ZZP = reason(
    "DBA_ENGAGEMENT_ZZP",
    Status.FAIL,
    "De kandidaat werkt als zelfstandige (zzp) voor de inschrijver. Onder gezag en leiding van de "
    "opdrachtgever voldoet dat niet aan de uitvoeringsvoorwaarde, ook niet via een bemiddelaar.",
    "The candidate works for the supplier as a self-employed person. Under the buyer's direction that "
    "breaks the execution condition, also through an intermediary.",
    "Bied de kandidaat aan in loondienst en zet /candidate/engagement op detachering, uitzending of payroll (nu zzp).",
    "Offer the candidate in employment and set /candidate/engagement to detachering, uitzending or payroll (now zzp).",
)
SOLE_TRADER_OWNER = reason(
    "DBA_SOLE_TRADER_OWNER",
    Status.FAIL,
    "De inschrijver is een eenmanszaak (bron: {form_source}) en de kandidaat is de eigenaar: "
    "een ZZP-er als inschrijver is uitgesloten.",
    "The supplier is a sole proprietorship (source: {form_source}) owned by the candidate: a "
    "self-employed supplier is excluded.",
    "Schrijf in via een werkgever of uitlener bij wie de kandidaat in dienst is, met diens gegevens in /supplier.",
    "Submit through an employer or lender that employs the candidate, with its details in /supplier.",
)
SOLE_TRADER_NO_STAFF = reason(
    "DBA_SOLE_TRADER_NO_STAFF",
    Status.FAIL,
    "De inschrijver is een eenmanszaak met {employees} werkzame perso(o)n(en) volgens het Handelsregister "
    "en zonder uitleen-SBI-code: de kandidaat kan geen werknemer van de inschrijver zijn.",
    "The supplier is a sole proprietorship with {employees} working person(s) per the trade register and "
    "no lending SBI code: the candidate cannot be its employee.",
    "Laat de werkgever van de kandidaat inschrijven, of toon het dienstverband aan.",
    "Have the candidate's employer submit, or show the employment.",
)
SOLE_TRADER_STAFF_UNVERIFIED = reason(
    "DBA_SOLE_TRADER_STAFF_UNVERIFIED",
    Status.NEEDS_REVIEW,
    "De inschrijver is een eenmanszaak die een medewerker aanbiedt; dat de kandidaat in dienst is, "
    "is niet bevestigd in het Handelsregister ({employees} werkzame personen bekend).",
    "The supplier is a sole proprietorship offering an employee; the employment is not confirmed by the "
    "trade register ({employees} working persons known).",
    "Lever een arbeidsovereenkomst of loonstrook (geanonimiseerd) als bewijs van het dienstverband.",
    "Provide an employment contract or (anonymised) payslip as proof of employment.",
)
OWNER_OF_ENTITY = reason(
    "DBA_OWNER_OF_ENTITY",
    Status.NEEDS_REVIEW,
    "De kandidaat is eigenaar van de inschrijvende {form} ({employees} werkzame perso(o)n(en)). Een "
    "eigenaar-bestuurder onder gezag van de opdrachtgever kan schijnzelfstandigheid zijn: beoordeling nodig.",
    "The candidate owns the supplying {form} ({employees} working persons). An owner-director under the "
    "buyer's direction may be false self-employment: review needed.",
    "Licht de constructie toe (dienstverband, gezagsverhouding) of bied aan via een uitlener.",
    "Explain the construction (employment, authority) or offer through a lender.",
)
FORM_UNVERIFIED = reason(
    "DBA_FORM_UNVERIFIED",
    Status.NEEDS_REVIEW,
    "De rechtsvorm '{form}' is alleen door de inschrijver verklaard en niet geverifieerd in het "
    "Handelsregister: {detail}.",
    "The legal form '{form}' is only declared by the supplier and not verified in the trade register: {detail}.",
    "Controleer /supplier/kvk_number en /supplier/legal_form ('{form}'), of lever een recent KvK-uittreksel.",
    "Check /supplier/kvk_number and /supplier/legal_form ('{form}'), or provide a recent trade register extract.",
)
ENTITY_NO_STAFF = reason(
    "DBA_ENTITY_NO_STAFF",
    Status.NEEDS_REVIEW,
    "De inschrijvende {form} heeft volgens het Handelsregister {employees} werkzame perso(o)n(en) (hoogstens "
    "{max_persons}): zo'n eenpersoonsonderneming kan naast de eigenaar niemand in dienst hebben, wat de rechtsvorm "
    "of SBI-codes ook zijn; of de kandidaat in dienst is, moet worden beoordeeld.",
    "The supplying {form} has {employees} working person(s) per the trade register (at most {max_persons}): such "
    "a one-person company cannot employ anyone besides its owner, whatever its legal form or SBI codes; whether "
    "the candidate is employed must be reviewed.",
    "Lever bewijs van het dienstverband van de kandidaat (arbeidsovereenkomst of geanonimiseerde loonstrook).",
    "Provide proof of the candidate's employment (employment contract or anonymised payslip).",
)
NAME_IN_TRADE_NAME = reason(
    "DBA_SURNAME_IN_TRADE_NAME",
    Status.NEEDS_REVIEW,
    "De achternaam van de kandidaat ('{surname}') staat in de handelsnaam van de inschrijver ('{trade_name}', "
    "{source}), terwijl het aanbod zegt dat de kandidaat geen eigenaar is: mogelijk een eigen onderneming van de "
    "kandidaat.",
    "The candidate's surname ('{surname}') appears in the supplier's trade name ('{trade_name}', {source}), while "
    "the offer says the candidate is not its owner: possibly the candidate's own company.",
    "Licht de relatie tussen kandidaat en inschrijver toe en lever bewijs van het dienstverband.",
    "Explain the relation between candidate and supplier and provide proof of employment.",
)
PASSED = reason(
    "DBA_OK",
    Status.PASS,
    "De kandidaat werkt via {engagement} voor een {form} (rechtsvorm volgens {form_source}); geen ZZP-constructie.",
    "The candidate works by {engagement} for a {form} (legal form per {form_source}); no self-employment.",
)
FORM_MISMATCH = (
    "De verklaarde rechtsvorm '{declared}' wijkt af van het Handelsregister ('{registry}'); het register is gevolgd."
)


def evaluate(ctx: CheckContext) -> Finding:
    """Apply the DBA condition to the supplier's legal form, staff and the candidate's engagement."""
    # The decision depends on the registry look-up and four declared values from small sets, never on
    # the candidate's own data: one agency's candidates share it (see CheckContext.per_lookup). Only
    # the candidate's name in the trade name is judged per candidate, afterwards.
    supplier, candidate = ctx.submission.supplier, ctx.submission.candidate
    key = ("dba", candidate.engagement, candidate.owner_of_supplier, supplier.legal_form, supplier.employees)
    decided = ctx.per_lookup(key, lambda: _decide(ctx))
    if candidate.owner_of_supplier or decided.status not in (Status.PASS, Status.NEEDS_REVIEW):
        return decided
    hit = surname_in_trade_name(candidate.name, _trade_names(ctx))
    if hit is None:
        return decided
    surname, trade_name, source = hit
    args = {"surname": surname, "trade_name": trade_name, "source": source}
    if decided.status is Status.NEEDS_REVIEW:
        text, _ = render(NAME_IN_TRADE_NAME, args)
        return replace(decided, attention=(*decided.attention, text))
    return replace(
        decided,
        status=status_of(NAME_IN_TRADE_NAME),
        reason_code=NAME_IN_TRADE_NAME,
        reason=render(NAME_IN_TRADE_NAME, args)[0],
        remedy=render(NAME_IN_TRADE_NAME, args)[1],
        reason_args=tuple(args.items()),
        facts=(*decided.facts, declared("naam kandidaat", candidate.name, "/candidate/name")),
    )


# Dutch surname particles (tussenvoegsels): part of the surname as written, not a name of their own.
_PARTICLES = frozenset({"van", "de", "der", "den", "het", "ten", "ter", "te", "in", "op", "'t", "la", "le", "du", "da"})


def surname_in_trade_name(full_name: str, trade_names: list[tuple[str, str]]) -> tuple[str, str, str] | None:
    """(surname, trade name, source) when the candidate's surname is a word of a trade name.

    The surname is the last word of the name with the particles before it ("Marieke de Wit" ->
    "de Wit"); it is matched on its last word as a whole word, case-insensitively, so "Wit" is
    found in "Gezinscoaching De Wit" but not in "Witteveen Zorg".
    """
    words = full_name.split()
    if len(words) < 2:
        return None
    start = len(words) - 1
    while start > 1 and words[start - 1].casefold() in _PARTICLES:
        start -= 1
    surname, core = " ".join(words[start:]), words[-1]
    pattern = re.compile(rf"(?<![^\W_]){re.escape(core)}(?![^\W_])", re.IGNORECASE)
    for trade_name, source in trade_names:
        if pattern.search(trade_name):
            return surname, trade_name, source
    return None


def _trade_names(ctx: CheckContext) -> list[tuple[str, str]]:
    """The supplier's names with where each comes from: the offer, then the registry's trade names."""
    names = [(ctx.submission.supplier.name, "volgens het aanbod")]
    record = ctx.registry.record if ctx.registry.status is LookupStatus.FOUND else None
    if record is not None:
        names += [(name, "volgens het Handelsregister") for name in (record.name, *record.trade_names) if name]
    return names


def _decide(ctx: CheckContext) -> Finding:
    condition = ctx.tender.conditions.dba
    if condition.zzp == "allowed":
        return finding(INFO, NOT_REQUIRED)
    supplier, candidate, lookup = ctx.submission.supplier, ctx.submission.candidate, ctx.registry
    if condition.zzp == "silent":
        # Dated rule: what a silent posting is taken to mean, flagged as the assumption it is.
        silent = ctx.rules.at("dba_zzp_excluded_when_silent", ctx.dates.deadline_date)
        if silent.value is not True:
            return finding(INFO, NOT_REQUIRED)
        clause = _SILENT_CLAUSE
        params = [silent.used(), tender_param("zzp_uitgesloten", "ja", clause, ctx, assumption=True)]
    else:
        clause = condition.clause or _SILENT_CLAUSE
        params = [tender_param("zzp_uitgesloten", "ja", clause, ctx)]
    basis = Basis(clause=clause, params=params)
    facts = basis.facts
    facts += [
        declared("contractvorm kandidaat", candidate.engagement.value, "/candidate/engagement"),
        declared("kandidaat is eigenaar inschrijver", candidate.owner_of_supplier, "/candidate/owner_of_supplier"),
        declared("rechtsvorm (verklaard)", supplier.legal_form.value, "/supplier/legal_form"),
    ]

    if candidate.engagement is Engagement.ZZP:
        return finding(INFO, ENGAGEMENT_ZZP, basis=basis)

    record = lookup.record if lookup.status is LookupStatus.FOUND else None
    form, form_source = supplier.legal_form, "eigen verklaring"
    employees = supplier.employees
    if record is not None:
        facts.append(registry_fact("rechtsvorm (Handelsregister)", record.legal_form_raw, lookup))
        facts.append(registry_fact("totaal werkzame personen", record.employees, lookup))
        if record.legal_form is not None:
            if record.legal_form is not supplier.legal_form:
                basis.attention.append(
                    FORM_MISMATCH.format(declared=supplier.legal_form.value, registry=record.legal_form_raw)
                )
            form, form_source = record.legal_form, "Handelsregister"
        if record.employees is not None:
            employees = record.employees
    sbi = read_sbi(ctx)
    lending_codes = sbi.lending
    one_person = ctx.rules.at("dba_max_working_persons_one_person_company", ctx.dates.deadline_date)
    max_persons = int(one_person.value)
    if record is not None:
        basis.params += sbi.params.all()
        basis.params.append(one_person.used())
        facts.append(registry_fact("SBI-codes (gelezen als)", sbi.described(), lookup))
    staff = "onbekend" if employees is None else str(employees)

    if form is LegalForm.EENMANSZAAK:
        if candidate.owner_of_supplier:
            return finding(INFO, SOLE_TRADER_OWNER, args={"form_source": form_source}, basis=basis)
        if (
            record is not None
            and record.employees is not None
            and record.employees <= max_persons
            and not lending_codes
        ):
            return finding(INFO, SOLE_TRADER_NO_STAFF, args={"employees": staff}, basis=basis)
        if record is None or record.employees is None or record.employees <= max_persons:
            return finding(
                INFO,
                SOLE_TRADER_STAFF_UNVERIFIED,
                args={"employees": staff},
                basis=basis,
            )
    elif candidate.owner_of_supplier:
        return finding(
            INFO,
            OWNER_OF_ENTITY,
            args={"form": form.value, "employees": staff},
            basis=basis,
        )
    elif record is None:
        return finding(
            INFO,
            FORM_UNVERIFIED,
            args={"form": form.value, "detail": lookup.detail},
            basis=basis,
        )
    elif record.employees is not None and record.employees <= max_persons:
        return finding(
            INFO,
            ENTITY_NO_STAFF,
            args={"form": form.value, "employees": staff, "max_persons": str(max_persons)},
            basis=basis,
        )
    return finding(
        INFO,
        PASSED,
        args={"engagement": candidate.engagement.value, "form": form.value, "form_source": form_source},
        basis=basis,
    )
