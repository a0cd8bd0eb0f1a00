"""KO-REG-001: a professional registration (SKJ) valid at the deadline and at the planned start.

The posting demands the number and the expiry date in the CV. When a CV file was read, the check
reads them from its text: a registration that is only in the structured data then fails, and
what the CV states overrides the declaration (a difference is an attention point). A CV without
usable text needs review. Without a CV file only the declaration is judged. Without a public SKJ API the
number can only be checked for plausibility (digits, 6 to 10), so an odd number needs review.
A registration that lapses during the assignment passes with an attention point.
"""

from __future__ import annotations

import re
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
    tender_param,
)
from compliance.checks.experience_count import window_start
from compliance.dates import nl_date
from compliance.documents.cv_text import find_registration
from compliance.documents.evidence import CvEvidence
from compliance.i18n import define
from compliance.models.tender import RegistrationRule

INFO = CheckInfo(
    check_id="KO-REG-001",
    title="Beroepsregistratie (SKJ) geldig bij sluiting en start",
    severity=Severity.KNOCK_OUT,
    legal_refs=("Kwaliteitskader Jeugd (norm verantwoorde werktoedeling)",),
    description="Geldige registratie in het gevraagde register, met registratienummer en afloopdatum.",
)

NOT_REQUIRED = define(
    "REG_NOT_REQUIRED", "De uitvraag stelt geen registratie-eis.", "The tender sets no registration requirement."
)
MISSING = define(
    "REG_MISSING",
    "Geen {register}-registratie opgegeven.",
    "No {register} registration given.",
    "Vermeld het {register}-registratienummer en de afloopdatum duidelijk in het cv.",
    "State the {register} registration number and expiry date clearly in the CV.",
)
NO_EXPIRY = define(
    "REG_NO_EXPIRY",
    "{register}-registratie {number} zonder afloopdatum; de uitvraag vraagt nummer én afloopdatum.",
    "{register} registration {number} without an expiry date; the tender asks for number and expiry date.",
    "Vermeld de afloopdatum van de registratie duidelijk in het cv.",
    "State the registration's expiry date clearly in the CV.",
)
NO_NUMBER = define(
    "REG_NO_NUMBER",
    "{register}-registratie zonder registratienummer; de uitvraag vraagt nummer én afloopdatum.",
    "{register} registration without a number; the tender asks for number and expiry date.",
    "Vermeld het registratienummer duidelijk in het cv.",
    "State the registration number clearly in the CV.",
)
EXPIRED = define(
    "REG_EXPIRED",
    "{register}-registratie {number} is geldig tot {valid_until}, niet tot {moment} ({date}).",
    "{register} registration {number} is valid until {valid_until}, not until the {moment} ({date}).",
    "Laat de kandidaat tijdig herregistreren en vermeld de nieuwe afloopdatum.",
    "Have the candidate re-register in time and state the new expiry date.",
)
IMPLAUSIBLE = define(
    "REG_IMPLAUSIBLE",
    "{register}-registratie {number} tot {valid_until}: {problem}. Controleer het openbare register.",
    "{register} registration {number} until {valid_until}: {problem}. Check the public register.",
    "Controleer nummer en afloopdatum tegen de registerpas.",
    "Check number and expiry date against the registration card.",
)
NOT_IN_CV = define(
    "REG_NUMBER_NOT_IN_CV",
    "Het cv vermeldt geen {register}-registratienummer; de uitvraag vraagt nummer én afloopdatum in het cv zelf.",
    "The CV states no {register} registration number; the tender asks for number and expiry date in the CV itself.",
    "Vermeld het {register}-registratienummer en de afloopdatum duidelijk in het cv.",
    "State the {register} registration number and expiry date clearly in the CV.",
)
EXPIRY_NOT_IN_CV = define(
    "REG_EXPIRY_NOT_IN_CV",
    "Het cv vermeldt {register}-registratie {number} zonder afloopdatum; de uitvraag vraagt nummer én afloopdatum in het cv zelf.",
    "The CV states {register} registration {number} without an expiry date; the tender asks for both in the CV itself.",
    "Vermeld de afloopdatum van de registratie duidelijk in het cv (dag, maand en jaar).",
    "State the registration's expiry date clearly in the CV (day, month and year).",
)
EXPIRY_UNCLEAR_IN_CV = define(
    "REG_EXPIRY_UNCLEAR_IN_CV",
    "Het cv noemt bij {register}-registratie {number} een afloopdatum die niet eenduidig te lezen is.",
    "The CV mentions an expiry for {register} registration {number} that cannot be read unambiguously.",
    "Vermeld de afloopdatum volledig (dag, maand en jaar), bijvoorbeeld 'geldig tot 31-03-2028'.",
    "State the full expiry date (day, month and year), e.g. 'valid until 31-03-2028'.",
)
CV_UNUSABLE = define(
    "REG_CV_UNUSABLE",
    "Of het cv het {register}-registratienummer en de afloopdatum vermeldt, is niet vast te stellen: {problem}.",
    "Whether the CV states the {register} registration number and expiry date cannot be established: {problem}.",
    "Lever het cv aan als leesbare, onbeveiligde PDF met tekst (geen scan).",
    "Provide the CV as a readable, unprotected PDF with text (not a scan).",
)
PASSED = define(
    "REG_OK",
    "{register}-registratie {number} geldig tot {valid_until}: geldig bij sluiting ({deadline}) en start ({start}).",
    "{register} registration {number} valid until {valid_until}: valid at the deadline ({deadline}) and start ({start}).",
)


def evaluate(ctx: CheckContext) -> Finding:
    """Check presence, number plausibility and validity at deadline, start and contract end."""
    rule = ctx.tender.knockout(RegistrationRule)
    if rule is None:
        return finding(INFO, Status.NOT_APPLICABLE, NOT_REQUIRED, blocking=False)
    dates = ctx.dates
    register = rule.register_name
    period = ctx.rules.at("skj_registration_period_years", dates.deadline_date)
    basis = Basis(
        clause=rule.clause,
        params=[
            tender_param("register", register, rule.clause, ctx),
            tender_param(
                "nummer_en_afloopdatum_in_cv", "ja" if rule.number_and_expiry_in_cv else "nee", rule.clause, ctx
            ),
            tender_param(
                "plausibel_nummer",
                rule.number_pattern,
                rule.clause,
                ctx,
                assumption=True,
                note="Het officiële nummerformaat is niet gepubliceerd; alleen een plausibiliteitstoets.",
            ),
            period.used(),
        ],
    )
    registrations = ctx.submission.candidate.registrations
    matches = [(i, r) for i, r in enumerate(registrations) if r.register_name.casefold() == register.casefold()]
    number: str | None = None
    valid_until: date | None = None
    if matches:
        # With several entries for the same register, judge the one valid longest.
        index, registration = max(matches, key=lambda item: item[1].valid_until or dates.deadline_date.min)
        pointer = f"/candidate/registrations/{index}"
        basis.facts += [
            declared("registratienummer", registration.number, f"{pointer}/number"),
            declared("geldig tot", registration.valid_until, f"{pointer}/valid_until"),
        ]
        number, valid_until = registration.number, registration.valid_until
    else:
        basis.facts.append(
            declared(
                "registraties", ", ".join(r.register_name for r in registrations) or None, "/candidate/registrations"
            )
        )
    document = ctx.documents.cv
    if document is not None and rule.number_and_expiry_in_cv:
        stated = _stated_in_cv(document, register, number, valid_until, basis)
        if isinstance(stated, Finding):
            return stated
        number, valid_until = stated
    elif not matches:
        return finding(INFO, Status.FAIL, MISSING, blocking=True, args={"register": register}, basis=basis)
    args = {"register": register, "number": number or "(geen nummer)"}
    if not number:
        return finding(INFO, Status.FAIL, NO_NUMBER, blocking=True, args=args, basis=basis)
    if valid_until is None:
        return finding(INFO, Status.FAIL, NO_EXPIRY, blocking=True, args=args, basis=basis)
    args["valid_until"] = nl_date(valid_until)
    for moment, day in (("de sluitingsdatum", dates.deadline_date), ("de (aangenomen) start", dates.planned_start)):
        if valid_until < day:
            return finding(
                INFO,
                Status.FAIL,
                EXPIRED,
                blocking=True,
                args=args | {"moment": moment, "date": nl_date(day)},
                basis=basis,
            )
    latest_plausible = window_start(dates.deadline_date, -int(period.value))
    if not re.fullmatch(rule.number_pattern, number):
        return finding(
            INFO,
            Status.NEEDS_REVIEW,
            IMPLAUSIBLE,
            blocking=True,
            basis=basis,
            args=args | {"problem": "het nummer heeft geen plausibel formaat"},
        )
    if valid_until > latest_plausible:
        return finding(
            INFO,
            Status.NEEDS_REVIEW,
            IMPLAUSIBLE,
            blocking=True,
            basis=basis,
            args=args
            | {
                "problem": f"een registratie loopt hoogstens {period.value} jaar, "
                f"dus niet later dan {nl_date(latest_plausible)}"
            },
        )
    basis.calculations.append(
        Calculation(
            label="Uiterste einde opdracht (incl. opties)", expression="", result=nl_date(dates.contract_end_max)
        )
    )
    if valid_until < dates.contract_end_max:
        lapse = "de initiële termijn" if valid_until < dates.contract_end_initial else "een verlengingsoptie"
        basis.attention.append(
            f"De registratie verloopt op {nl_date(valid_until)}, tijdens {lapse}: herregistratie nodig vóór die datum."
        )
    return finding(
        INFO,
        Status.PASS,
        PASSED,
        blocking=True,
        basis=basis,
        args=args | {"deadline": nl_date(dates.deadline_date), "start": nl_date(dates.planned_start)},
    )


def _stated_in_cv(
    document: CvEvidence, register: str, number: str | None, valid_until: date | None, basis: Basis
) -> tuple[str, date] | Finding:
    """The number and expiry date as the CV states them, or the finding when it does not state both.

    What the CV states wins over the declaration; a difference is kept as an attention point.
    """
    if not document.has_text:
        args = {"register": register, "problem": document.problem()}
        return finding(INFO, Status.NEEDS_REVIEW, CV_UNUSABLE, blocking=True, args=args, basis=basis)
    stated = find_registration(document.text, register, number, valid_until)
    basis.facts += [
        document.fact("registratienummer in cv", stated.number),
        document.fact("afloopdatum in cv", nl_date(stated.expiry) if stated.expiry else None),
    ]
    if stated.number and number and not stated.number_matches_declared:
        basis.attention.append(f"Opgegeven registratienummer {number}; het cv vermeldt {stated.number}.")
    if stated.expiry and valid_until and not stated.expiry_matches_declared:
        basis.attention.append(
            f"Opgegeven afloopdatum {nl_date(valid_until)}; het cv vermeldt {nl_date(stated.expiry)}."
        )
    args = {"register": register, "number": stated.number or "(geen nummer)"}
    if stated.number is None:
        return finding(INFO, Status.FAIL, NOT_IN_CV, blocking=True, args=args, basis=basis)
    if stated.expiry is None:
        if stated.expiry_unreadable:
            return finding(INFO, Status.NEEDS_REVIEW, EXPIRY_UNCLEAR_IN_CV, blocking=True, args=args, basis=basis)
        return finding(INFO, Status.FAIL, EXPIRY_NOT_IN_CV, blocking=True, args=args, basis=basis)
    return stated.number, stated.expiry
