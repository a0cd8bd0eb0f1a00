"""KO-REG-001: a professional registration (SKJ) valid at the deadline and at the planned start.

The posting demands the number and the expiry date in the CV. When a CV file was read, the check
reads them from its text: a registration that is only in the structured data then fails, and
what the CV states overrides the declaration (a difference is an attention point). A CV without
usable text needs review. Without a CV file only the declaration is judged. Without a public SKJ API the
number can only be checked for plausibility (digits, 6 to 10), so an odd number needs review.
A registration that lapses during the assignment passes with an attention point. One that lapses
after the deadline but before a start that is only assumed ("z.s.m.") needs review: the
herregistratie must be shown before the start. A register is recognised by its aliases (a rule
parameter: "SKJ", "Stichting Kwaliteitsregister Jeugd", ...), ignoring case, spaces and hyphens.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from compliance.checks.base import (
    Basis,
    Calculation,
    CheckContext,
    CheckInfo,
    Finding,
    Severity,
    Status,
    clause_refs,
    conclude,
    declared,
    finding,
    tender_param,
)
from compliance.checks.cv import CV_UNREADABLE, unusable_args
from compliance.checks.experience_count import window_start
from compliance.dates import nl_date
from compliance.i18n import reason
from compliance.models.findings import ParamUsed
from compliance.models.tender import Phase
from compliance.models.tender_v2 import RegistrationRequirement, ValidityMoment

if TYPE_CHECKING:
    from compliance.documents.evidence import CvEvidence

INFO = CheckInfo(
    check_id="KO-REG-001",
    title="Beroepsregistratie geldig bij sluiting en start",
    severity=Severity.KNOCK_OUT,
    blocks_from=Phase.SUBMISSION,
    # The sector norm behind a register (Kwaliteitskader Jeugd for SKJ, Wet BIG) comes from the tender's clause.
    legal_refs=(),
    description="Geldige registratie in het gevraagde register, met registratienummer en afloopdatum.",
    judged_at_start=True,
)

NOT_REQUIRED = reason(
    "REG_NOT_REQUIRED",
    Status.NOT_APPLICABLE,
    "De uitvraag stelt geen registratie-eis.",
    "The tender sets no registration requirement.",
)
MISSING = reason(
    "REG_MISSING",
    Status.FAIL,
    "Geen {register}-registratie opgegeven.",
    "No {register} registration given.",
    "Voeg in {pointer} de {register}-registratie toe (naam van het register, nummer, geldig tot) en vermeld nummer en "
    "afloopdatum in het cv.",
    "Add the {register} registration at {pointer} (register name, number, valid until) and state number and expiry "
    "date in the CV.",
)
NO_EXPIRY = reason(
    "REG_NO_EXPIRY",
    Status.FAIL,
    "{register}-registratie {number} zonder afloopdatum; de uitvraag vraagt nummer én afloopdatum.",
    "{register} registration {number} without an expiry date; the tender asks for number and expiry date.",
    "Vul {pointer}/valid_until in met de afloopdatum uit het register en vermeld die in het cv.",
    "Fill in {pointer}/valid_until with the expiry date from the register and state it in the CV.",
)
EXPIRY_UNKNOWN = reason(
    "REG_EXPIRY_UNKNOWN",
    Status.NEEDS_REVIEW,
    "{register}-registratie {number} zonder opgegeven geldigheid; of zij geldig is bij sluiting en start, moet in "
    "het openbare register worden nagezien.",
    "{register} registration {number} without a stated validity; whether it is valid at the deadline and start must "
    "be checked in the public register.",
    "Vul {pointer}/valid_until in met de herregistratiedatum uit het register.",
    "Fill in {pointer}/valid_until with the re-registration date from the register.",
)
NO_NUMBER = reason(
    "REG_NO_NUMBER",
    Status.FAIL,
    "{register}-registratie zonder registratienummer; de uitvraag vraagt nummer én afloopdatum.",
    "{register} registration without a number; the tender asks for number and expiry date.",
    "Vul {pointer}/number in met het {register}-registratienummer en vermeld het in het cv.",
    "Fill in {pointer}/number with the {register} registration number and state it in the CV.",
)
EXPIRED = reason(
    "REG_EXPIRED",
    Status.FAIL,
    "{register}-registratie {number} is geldig tot {valid_until}, niet tot {moment} ({date}).",
    "{register} registration {number} is valid until {valid_until}, not until the {moment_en} ({date}).",
    "Laat de kandidaat herregistreren tot na {date} en zet de nieuwe afloopdatum in {pointer}/valid_until en in "
    "het cv.",
    "Have the candidate re-register beyond {date} and put the new expiry date in {pointer}/valid_until and in the CV.",
)
IMPLAUSIBLE = reason(
    "REG_IMPLAUSIBLE",
    Status.NEEDS_REVIEW,
    "{register}-registratie {number} tot {valid_until}: {problem}. Controleer het openbare register.",
    "{register} registration {number} until {valid_until}: {problem_en}. Check the public register.",
    "Controleer {pointer}/number en {pointer}/valid_until tegen de registerpas en corrigeer ze ({expected}).",
    "Check {pointer}/number and {pointer}/valid_until against the registration card and correct them ({expected_en}).",
)
NOT_IN_CV = reason(
    "REG_NUMBER_NOT_IN_CV",
    Status.FAIL,
    "Het cv vermeldt geen {register}-registratienummer; de uitvraag vraagt nummer én afloopdatum in het cv zelf.",
    "The CV states no {register} registration number; the tender asks for number and expiry date in the CV itself.",
    "Zet in het cv het {register}-registratienummer en de afloopdatum, bijvoorbeeld '{register}-registratie "
    "{example_number}, geldig tot 31-03-2028'.",
    "Put the {register} registration number and expiry date in the CV, e.g. '{register}-registratie "
    "{example_number}, geldig tot 31-03-2028' (the CV is read as written).",
)
EXPIRY_NOT_IN_CV = reason(
    "REG_EXPIRY_NOT_IN_CV",
    Status.FAIL,
    "Het cv vermeldt {register}-registratie {number} zonder afloopdatum; de uitvraag vraagt nummer én afloopdatum in het cv zelf.",
    "The CV states {register} registration {number} without an expiry date; the tender asks for both in the CV itself.",
    "Zet in het cv bij registratie {number} de afloopdatum (dag, maand en jaar), bijvoorbeeld 'geldig tot 31-03-2028'.",
    "Put the expiry date (day, month and year) next to registration {number} in the CV, e.g. 'geldig tot 31-03-2028'.",
)
EXPIRY_UNCLEAR_IN_CV = reason(
    "REG_EXPIRY_UNCLEAR_IN_CV",
    Status.NEEDS_REVIEW,
    "Het cv noemt bij {register}-registratie {number} een afloopdatum die niet eenduidig te lezen is.",
    "The CV mentions an expiry for {register} registration {number} that cannot be read unambiguously.",
    "Vermeld de afloopdatum volledig (dag, maand en jaar), bijvoorbeeld 'geldig tot 31-03-2028'.",
    "State the full expiry date (day, month and year), e.g. 'valid until 31-03-2028'.",
)
CV_UNUSABLE_FIX = reason(
    "REG_CV_UNUSABLE_FIX",
    Status.NEEDS_REVIEW,
    "Of het cv het {register}-registratienummer en de afloopdatum vermeldt, is niet vast te stellen: {problem}.",
    "Whether the CV states the {register} registration number and expiry date cannot be established: {problem_en}.",
    "{fix}",
    "{fix_en}",
)
CV_UNUSABLE = reason(
    "REG_CV_UNUSABLE",
    Status.NEEDS_REVIEW,
    "Of het cv het {register}-registratienummer en de afloopdatum vermeldt, is niet vast te stellen: {problem} "
    "(zie {primary}).",
    "Whether the CV states the {register} registration number and expiry date cannot be established: {problem_en} "
    "(see {primary}).",
    "Zie de oplossing bij {primary}.",
    "See the remedy under {primary}.",
)
RENEW_BEFORE_START = reason(
    "REG_RENEW_BEFORE_START",
    Status.NEEDS_REVIEW,
    "{register}-registratie {number} is geldig tot {valid_until}: geldig bij sluiting ({deadline}), maar niet tot de "
    "aangenomen start ({start}; de uitvraag zegt 'z.s.m.'). Herregistratie vóór de start aantonen.",
    "{register} registration {number} is valid until {valid_until}: valid at the deadline ({deadline}), but not "
    "until the assumed start ({start}; the tender says 'as soon as possible'). Show the re-registration before the start.",
    "Lever vóór {start} het bewijs van herregistratie en zet de nieuwe afloopdatum in {pointer}/valid_until.",
    "Before {start}, provide proof of re-registration and put the new expiry date in {pointer}/valid_until.",
)
PASSED = reason(
    "REG_OK",
    Status.PASS,
    "{register}-registratie {number} geldig tot {valid_until}: geldig bij sluiting ({deadline}) en start ({start}).",
    "{register} registration {number} valid until {valid_until}: valid at the deadline ({deadline}) and start ({start}).",
)


class _Static(NamedTuple):
    """Per requirement: its parameters, pattern, dates and texts."""

    refs: tuple[str, ...] = ()
    params: tuple[ParamUsed, ...] = ()
    register_names: tuple[str, ...] = ()  # the register's name and aliases, as written
    register_keys: frozenset[str] = frozenset()  # the same, normalised (see register_key)
    number_pattern: re.Pattern[str] | None = None  # None when the tender's pattern does not compile
    latest_plausible: date | None = None  # None when the rule parameter gives no date
    too_long: str = ""  # the IMPLAUSIBLE problem text for an expiry beyond the longest registration period
    deadline_text: str = ""
    start_text: str = ""
    contract_end: Calculation | None = None


def _period_years(ctx: CheckContext, rule: RegistrationRequirement) -> tuple[int, ParamUsed]:
    """The longest registration period: the tender's value, else the rule parameter (SKJ's 5 years)."""
    if rule.max_validity_years is not None:
        return rule.max_validity_years, tender_param(
            "max_registratieduur_jaren", str(rule.max_validity_years), rule.clause, ctx
        )
    period = ctx.rules.at("skj_registration_period_years", ctx.dates.deadline_date)
    return int(period.value), period.used()


def _static(ctx: CheckContext, rule: RegistrationRequirement) -> _Static:
    dates = ctx.dates
    aliases = ctx.rules.at("register_aliases", dates.deadline_date)
    names = register_names(rule.register_name, (tuple(rule.aliases), *aliases.value))
    number_format = rule.number_format
    # A bad pattern or period must fail where it is used (as an ERROR finding), not for every submission.
    try:
        number_pattern: re.Pattern[str] | None = re.compile(number_format.pattern)
    except re.error:
        number_pattern = None
    years, period_param = _period_years(ctx, rule)
    try:
        latest_plausible: date | None = window_start(dates.deadline_date, -years)
    except (TypeError, ValueError, OverflowError):
        latest_plausible = None
    return _Static(
        refs=clause_refs(INFO, rule.clause),
        params=(
            tender_param("register", rule.register_name, rule.clause, ctx),
            tender_param(
                "nummer_en_afloopdatum_in_cv", "ja" if rule.number_and_expiry_in_cv else "nee", rule.clause, ctx
            ),
            tender_param(
                "registratienummer_formaat",
                number_format.description,
                rule.clause,
                ctx,
                assumption=number_format.is_assumption,
                note="Het officiële nummerformaat is niet gepubliceerd; alleen een plausibiliteitstoets."
                if number_format.is_assumption
                else "",
            ),
            period_param,
            aliases.used(),
        ),
        register_names=names,
        register_keys=frozenset(register_key(name) for name in names),
        number_pattern=number_pattern,
        latest_plausible=latest_plausible,
        too_long=f"een registratie loopt hoogstens {years} jaar, dus niet later dan {nl_date(latest_plausible)}"
        if latest_plausible
        else "",
        deadline_text=nl_date(dates.deadline_date),
        start_text=nl_date(dates.planned_start),
        contract_end=Calculation(
            label="Uiterste einde opdracht (incl. opties)", expression="", result=nl_date(dates.contract_end_max)
        ),
    )


def evaluate_requirement(rule: RegistrationRequirement, ctx: CheckContext) -> Finding:
    """Check presence, number plausibility and validity at deadline, start and contract end."""
    static: _Static = ctx.static(("registration", rule.id), lambda: _static(ctx, rule))
    dates = ctx.dates
    register = rule.register_name
    basis = Basis(clause=rule.clause)  # its params stay empty: the tender's come from the static tuple

    def result(code: str, args: dict[str, str]) -> Finding:
        return conclude(
            INFO,
            static.refs,
            code,
            args,
            static.params,
            tuple(basis.facts),
            tuple(basis.calculations),
            tuple(basis.attention),
        )

    registrations = ctx.submission.candidate.registrations
    matches = [(i, r) for i, r in enumerate(registrations) if register_key(r.register_name) in static.register_keys]
    number: str | None = None
    valid_until: date | None = None
    pointer = f"/candidate/registrations/{len(registrations)}"  # where a missing registration goes
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
        basis.params += static.params  # the CV path builds its findings from the basis
        stated = _stated_in_cv(document, static.register_names, number, valid_until, basis, ctx)
        if isinstance(stated, Finding):
            return stated
        number, valid_until = stated
    elif not matches:
        return result(MISSING, {"register": register, "pointer": pointer})
    args = {"register": register, "number": number or "(geen nummer)", "pointer": pointer}
    if not number:
        return result(NO_NUMBER, args)
    if valid_until is None:
        # Only a posting that asks for the expiry date makes its absence a knock-out.
        if rule.number_and_expiry_in_cv:
            return result(NO_EXPIRY, args)
        return result(EXPIRY_UNKNOWN, args)
    args["valid_until"] = nl_date(valid_until)
    if valid_until < dates.deadline_date:
        moment = {"moment": "de sluitingsdatum", "moment_en": "deadline", "date": static.deadline_text}
        return result(EXPIRED, args | moment)
    if ValidityMoment.START in rule.valid_at and valid_until < dates.planned_start:
        if dates.planned_start_assumed:
            moments = {"deadline": static.deadline_text, "start": static.start_text}
            return result(RENEW_BEFORE_START, args | moments)
        return result(EXPIRED, args | {"moment": "de start", "moment_en": "start", "date": static.start_text})
    latest_plausible = static.latest_plausible
    if latest_plausible is None:  # raises here, as it did before the tender's values were precomputed
        latest_plausible = window_start(dates.deadline_date, -_period_years(ctx, rule)[0])
    pattern = static.number_pattern or re.compile(rule.number_format.pattern)
    if not pattern.fullmatch(number):
        problem = {
            "problem": "het nummer heeft geen plausibel formaat",
            "problem_en": "the number does not have a plausible format",
            "expected": f"verwacht: {rule.number_format.description}",
            "expected_en": f"expected format per the tender: '{rule.number_format.description}'",
        }
        return result(IMPLAUSIBLE, args | problem)
    if valid_until > latest_plausible:
        problem = {
            "problem": static.too_long,
            "problem_en": f"the expiry date lies after {nl_date(latest_plausible)}, later than a registration runs",
            "expected": f"afloopdatum uiterlijk {nl_date(latest_plausible)}",
            "expected_en": f"expiry date no later than {nl_date(latest_plausible)}",
        }
        return result(IMPLAUSIBLE, args | problem)
    assert static.contract_end is not None  # set whenever the tender has the rule
    basis.calculations.append(static.contract_end)
    if valid_until < dates.contract_end_max:
        lapse = "de initiële termijn" if valid_until < dates.contract_end_initial else "een verlengingsoptie"
        basis.attention.append(
            f"De registratie verloopt op {nl_date(valid_until)}, tijdens {lapse}: herregistratie nodig vóór die datum."
        )
    return result(PASSED, args | {"deadline": static.deadline_text, "start": static.start_text})


def register_key(name: str) -> str:
    """A register name compared without case, spaces, hyphens or dots ("BIG-register" = "big register")."""
    return re.sub(r"[\s\-‐‑–._]", "", unicodedata.normalize("NFKC", name).casefold())


def register_names(register: str, alias_groups: tuple[tuple[str, ...], ...]) -> tuple[str, ...]:
    """The tender's register name followed by its aliases from the rule parameter (when it has any)."""
    key = register_key(register)
    for group in alias_groups:
        if key in {register_key(alias) for alias in group}:
            return (register, *(alias for alias in group if register_key(alias) != key))
    return (register,)


def _stated_in_cv(
    document: CvEvidence,
    names: tuple[str, ...],
    number: str | None,
    valid_until: date | None,
    basis: Basis,
    ctx: CheckContext,
) -> tuple[str, date] | Finding:
    """The number and expiry date as the CV states them, or the finding when it does not state both.

    What the CV states wins over the declaration; a difference is kept as an attention point. The CV
    may name the register by any of its aliases: the first name under which a number is found counts.
    """
    register = names[0]
    if not document.has_text:
        code, args = unusable_args(INFO, document, ctx.tender.cv)
        # The CV check that says what is wrong with the file gives the fix; this finding refers to it.
        code = CV_UNUSABLE_FIX if code == CV_UNREADABLE else CV_UNUSABLE
        return finding(INFO, code, args=args | {"register": register}, basis=basis)
    from compliance.documents.cv_text import find_registration  # only when a CV file was read

    stated = find_registration(document.text, register, number, valid_until)
    for alias in names[1:]:
        if stated.number is not None:
            break
        stated = find_registration(document.text, alias, number, valid_until)
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
    args = {"register": register, "number": stated.number or "(geen nummer)", "example_number": number or "12345678"}
    if stated.number is None:
        return finding(INFO, NOT_IN_CV, args=args, basis=basis)
    if stated.expiry is None:
        if stated.expiry_unreadable:
            return finding(INFO, EXPIRY_UNCLEAR_IN_CV, args=args, basis=basis)
        return finding(INFO, EXPIRY_NOT_IN_CV, args=args, basis=basis)
    return stated.number, stated.expiry
