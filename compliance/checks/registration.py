"""KO-REG-001: a professional registration (SKJ) valid at the deadline and at the planned start.

The posting demands the number and the expiry date in the CV. Without a public SKJ API the
number can only be checked for plausibility (digits, 6 to 10), so an odd number needs review.
A registration that lapses during the assignment passes with an attention point.
"""

from __future__ import annotations

import re

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
    if not matches:
        basis.facts.append(
            declared(
                "registraties", ", ".join(r.register_name for r in registrations) or None, "/candidate/registrations"
            )
        )
        return finding(INFO, Status.FAIL, MISSING, blocking=True, args={"register": register}, basis=basis)
    # With several entries for the same register, judge the one valid longest.
    index, registration = max(matches, key=lambda item: item[1].valid_until or dates.deadline_date.min)
    pointer = f"/candidate/registrations/{index}"
    basis.facts += [
        declared("registratienummer", registration.number, f"{pointer}/number"),
        declared("geldig tot", registration.valid_until, f"{pointer}/valid_until"),
    ]
    args = {"register": register, "number": registration.number or "(geen nummer)"}
    if not registration.number:
        return finding(INFO, Status.FAIL, NO_NUMBER, blocking=True, args=args, basis=basis)
    valid_until = registration.valid_until
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
    if not re.fullmatch(rule.number_pattern, registration.number):
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
