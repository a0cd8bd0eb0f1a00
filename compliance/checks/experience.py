"""KO-EXP-001: minimum calendar months of dated experience in the accepted roles, employers and groups.

Months are calendar months (see :mod:`compliance.checks.experience_count`): two years of
experience run from a start date to the day before the same date two years later, so a leap day
in between never makes a period one day short count as complete.
"""

from __future__ import annotations

from typing import NamedTuple

from compliance.checks.base import (
    Calculation,
    CheckContext,
    CheckInfo,
    Finding,
    Severity,
    Status,
    clause_refs,
    conclude,
    declared,
    tender_param,
)
from compliance.checks.experience_count import (
    REST_DAYS_PARAMETER,
    ExperienceCount,
    count_experience,
    job_lines,
    total_lines,
    window_start,
)
from compliance.dates import nl_date
from compliance.i18n import define
from compliance.models.findings import ParamUsed
from compliance.models.tender_v2 import ExperienceRequirement, Term

INFO = CheckInfo(
    check_id="KO-EXP-001",
    title="Werkervaring: minimum aantal maanden binnen het venster",
    severity=Severity.KNOCK_OUT,
    legal_refs=(),
    description="Werkervaring in de gevraagde rollen, bij de gevraagde werkgevers en doelgroepen, binnen het venster; "
    "overlappende banen tellen één keer.",
)

NOT_REQUIRED = define(
    "EXP_NOT_REQUIRED", "De uitvraag stelt geen ervaringseis.", "The tender sets no experience requirement."
)
PASSED = define(
    "EXP_OK",
    "{months} maanden en {days} dag(en) meetellende ervaring tussen {start} en {end} (kalendermaanden); "
    "vereist: {required} maanden.",
    "{months} month(s) and {days} day(s) of qualifying experience between {start} and {end} (calendar months); "
    "required: {required} months.",
)
SHORT = define(
    "EXP_TOO_SHORT",
    "{months} maanden en {days} dag(en) meetellende ervaring tussen {start} en {end} (kalendermaanden); "
    "vereist: {required} maanden.",
    "{months} month(s) and {days} day(s) of qualifying experience between {start} and {end} (calendar months); "
    "required: {required} months.",
    "Nog {shortfall} nodig: vermeld in /candidate/experience ook andere banen ({wanted}) tussen {start} en {end}, "
    "met begin- en einddatum. {missing}",
    "{shortfall_en} more needed: list other jobs ({wanted}) between {start} and {end} in /candidate/experience, with "
    "start and end dates. {missing_en}",
)
SHOWN = define(
    "EXP_SHOWN",
    "Ervaring getoond in {jobs}.",
    "Experience shown in {jobs}.",
)
SHOWN_REVIEW = define(
    "EXP_SHOWN_REVIEW",
    "Mogelijk getoond, een beoordelaar moet het bevestigen: {review_jobs}.",
    "Possibly shown, a reviewer must confirm it: {review_jobs}.",
    "Maak bij die baan in de rol, de omschrijving of het voorbeeld duidelijk dat het om {wanted} gaat.",
    "Make clear in that job's role, description or example that it is about {wanted}.",
)
NOT_SHOWN = define(
    "EXP_NOT_SHOWN",
    "Geen baan toont de gevraagde ervaring. {missing}",
    "No job shows the experience asked for. {missing_en}",
    "Beschrijf in /candidate/experience bij een baan de gevraagde ervaring ({wanted}) in de rol, de omschrijving "
    "of het voorbeeld.",
    "Describe the experience asked for ({wanted}) on a job in /candidate/experience: its role, description or example.",
)
REVIEW = define(
    "EXP_EMPLOYER_REVIEW",
    "Zeker meetellend: {months} maanden en {days} dag(en); met banen die een beoordelaar moet bevestigen: "
    "{possible} maanden en {possible_days} dag(en) (kalendermaanden; vereist: {required} maanden).",
    "Certainly qualifying: {months} month(s) and {days} day(s); including jobs a reviewer must confirm: "
    "{possible} month(s) and {possible_days} day(s) (calendar months; required: {required} months).",
    "Maak bij {review_jobs} duidelijk wat de uitvraag vraagt; een beoordelaar moet dit nu bevestigen.",
    "Make clear for {review_jobs} what the tender asks; a reviewer must now confirm it.",
)
NO_EXAMPLE = define(
    "EXP_NO_EXAMPLE",
    "{months} maanden en {days} dag(en) meetellende ervaring, maar bij geen van de meetellende banen staat een "
    "voorbeeld; de uitvraag vraagt de ervaring aantoonbaar te maken met een voorbeeld.",
    "{months} month(s) and {days} day(s) of qualifying experience, but no qualifying job has an example; the tender "
    "asks for an example.",
    "Vul /candidate/experience/{first}/example in met een concreet voorbeeld uit die baan.",
    "Fill in /candidate/experience/{first}/example with a concrete example from that job.",
)


class _Static(NamedTuple):
    """Per requirement: its parameters, the window and its texts."""

    refs: tuple[str, ...]
    params: tuple[ParamUsed, ...]
    rest_days_per_month: int
    window: Calculation
    start_text: str
    end_text: str
    wanted: str


def _labels(codes: list[str], terms: dict[str, Term], joiner: str) -> str:
    return joiner.join(terms[code].label for code in codes)


def _static(ctx: CheckContext, rule: ExperienceRequirement) -> _Static:
    reference = ctx.dates.deadline_date
    vocabulary = ctx.tender.vocabulary
    if rule.window_years is None:
        start_text, window_text = "(geen venster)", "geen venster: de uitvraag noemt er geen"
    else:
        start_text = nl_date(window_start(reference, rule.window_years))
        window_text = f"{start_text} t/m {nl_date(reference)}"
    rest_days = ctx.rules.at(REST_DAYS_PARAMETER, reference)
    roles = _labels(rule.roles, vocabulary.roles, " of ")
    employers = _labels(rule.employer_kinds, vocabulary.employer_kinds, " of ")
    domains = _labels(rule.domains, vocabulary.domains, " en ")
    wanted = "; ".join(part for part in (roles, employers and f"bij {employers}", domains) if part)
    return _Static(
        refs=clause_refs(INFO, rule.clause),
        params=(
            tender_param("rollen", roles or "alle", rule.clause, ctx),
            tender_param("werkgevers", employers or "alle", rule.clause, ctx),
            tender_param("doelgroepen_en_onderwerpen", domains or "alle", rule.clause, ctx),
            tender_param("venster_jaren", str(rule.window_years or "geen"), rule.clause, ctx),
            tender_param("minimum_maanden", str(rule.min_months or "geen"), rule.clause, ctx),
            rest_days.used(),
        ),
        rest_days_per_month=int(rest_days.value),
        window=Calculation("Venster", window_text, ""),
        start_text=start_text,
        end_text=nl_date(reference),
        wanted=wanted or "ervaring",
    )


def _missing(count: ExperienceCount) -> tuple[str, str]:
    """What the jobs that do not count lack, in Dutch and English (one sentence each)."""
    lacking = [f"/candidate/experience/{a.index} ('{a.job.role}'): {'; '.join(a.missing)}" for a in count.jobs if a.missing]
    if not lacking:
        return "", ""
    return (
        "Niet gevonden in: " + " | ".join(lacking) + ". Vermeld dit in rol, werkgever, omschrijving of voorbeeld.",
        "Not found in: " + " | ".join(lacking) + ". State it in the role, employer, description or example.",
    )


def evaluate_requirement(rule: ExperienceRequirement, ctx: CheckContext) -> Finding:
    """Count months (certain and possible) and compare with the minimum."""
    static: _Static = ctx.static(("experience", rule.id), lambda: _static(ctx, rule))
    blocking = rule.kind == "knockout"
    jobs = ctx.submission.candidate.experience
    count = count_experience(
        jobs, rule, ctx.tender.vocabulary, ctx.dates.deadline_date, static.rest_days_per_month
    )
    calculations = (static.window, *job_lines(count.jobs), *total_lines(count))
    facts = tuple(
        declared(
            "baan", f"{job.role}, {job.employer} ({job.start} – {job.end or 'heden'})", f"/candidate/experience/{index}"
        )
        for index, job in enumerate(jobs)
    )
    missing, missing_en = _missing(count)
    counted = [a for a in count.jobs if a.counts]
    review_jobs = "; ".join(f"/candidate/experience/{a.index}: {a.reason}" for a in counted if a.uncertain)
    first = str(counted[0].index) if counted else "0"
    minimum = rule.min_months
    certain, possible = count.certain, count.possible
    args = {
        "months": str(certain.months),
        "days": str(certain.days),
        "possible": str(possible.months),
        "possible_days": str(possible.days),
        "start": static.start_text,
        "end": static.end_text,
        "required": str(minimum or 0),
        "missing": missing,
        "missing_en": missing_en,
        "review_jobs": review_jobs,
        "first": first,
        "wanted": static.wanted,
    }
    if minimum is None:  # only that some job shows it
        certain_jobs = [a for a in counted if not a.uncertain]
        if certain_jobs:
            shown = "; ".join(f"'{a.job.role}' bij '{a.job.employer}'" for a in certain_jobs)
            status, code = Status.PASS, SHOWN
            args["jobs"] = shown
            if rule.example_required and not count.example_given:
                status, code = Status.FAIL, NO_EXAMPLE
        elif counted:
            status, code = Status.NEEDS_REVIEW, SHOWN_REVIEW
        else:
            status, code = Status.FAIL, NOT_SHOWN
    elif certain.at_least(minimum):
        if rule.example_required and not count.example_given:
            status, code = Status.FAIL, NO_EXAMPLE
        else:
            status, code = Status.PASS, PASSED
    elif possible.at_least(minimum):
        status, code = Status.NEEDS_REVIEW, REVIEW
    else:
        status, code = Status.FAIL, SHORT
        short = minimum - certain.months
        args["shortfall"] = f"{short} maand" if short == 1 else f"{short} maanden"
        args["shortfall_en"] = f"{short} month" if short == 1 else f"{short} months"
    return conclude(INFO, static.refs, status, code, blocking, args, static.params, facts, calculations)
