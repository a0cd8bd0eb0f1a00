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
    JobAssessment,
    count_experience,
    job_lines,
    total_lines,
    window_start,
)
from compliance.checks.experience_match import JobMatcher
from compliance.dates import nl_date
from compliance.i18n import reason
from compliance.models.findings import Fact, ParamUsed
from compliance.models.submission_v2 import ExperienceV2
from compliance.models.tender import Phase
from compliance.models.tender_v2 import ExperienceRequirement, Term

INFO = CheckInfo(
    check_id="KO-EXP-001",
    title="Werkervaring: minimum aantal maanden binnen het venster",
    severity=Severity.KNOCK_OUT,
    blocks_from=Phase.SUBMISSION,
    legal_refs=(),
    description="Werkervaring in de gevraagde rollen, bij de gevraagde werkgevers en doelgroepen, binnen het venster; "
    "overlappende banen tellen één keer.",
)

NOT_REQUIRED = reason(
    "EXP_NOT_REQUIRED",
    Status.NOT_APPLICABLE,
    "De uitvraag stelt geen ervaringseis.",
    "The tender sets no experience requirement.",
)
PASSED = reason(
    "EXP_OK",
    Status.PASS,
    "{months} maanden en {days} dag(en) meetellende ervaring tussen {start} en {end} (kalendermaanden); "
    "vereist: {required} maanden.",
    "{months} month(s) and {days} day(s) of qualifying experience between {start} and {end} (calendar months); "
    "required: {required} months.",
)
SHORT = reason(
    "EXP_TOO_SHORT",
    Status.FAIL,
    "{months} maanden en {days} dag(en) meetellende ervaring tussen {start} en {end} (kalendermaanden); "
    "vereist: {required} maanden.",
    "{months} month(s) and {days} day(s) of qualifying experience between {start} and {end} (calendar months); "
    "required: {required} months.",
    "Nog {shortfall} nodig: vermeld in /candidate/experience ook andere banen ({wanted}) tussen {start} en {end}, "
    "met begin- en einddatum ({months} maanden en {days} dag(en) geteld, {required} vereist).{or_complete}",
    "{shortfall_en} more needed: list other jobs ({wanted_en}) between {start} and {end} in /candidate/experience, "
    "with start and end dates ({months} month(s) and {days} day(s) counted, {required} required).{or_complete_en}",
)
SHOWN = reason(
    "EXP_SHOWN",
    Status.PASS,
    "Ervaring getoond in {jobs}.",
    "Experience shown in {jobs_en}.",
)
SHOWN_REVIEW = reason(
    "EXP_SHOWN_REVIEW",
    Status.NEEDS_REVIEW,
    "Mogelijk getoond, een beoordelaar moet het bevestigen: {review_jobs}.",
    "Possibly shown, a reviewer must confirm it: {review_names_en}.",
    "Maak bij {review_names} in de rol, de omschrijving of het voorbeeld duidelijk dat het om {wanted} gaat.",
    "Make clear for {review_names_en} in the role, description or example that it is about {wanted_en}.",
)
NOT_SHOWN = reason(
    "EXP_NOT_SHOWN",
    Status.FAIL,
    "Geen baan toont de gevraagde ervaring. {lacking}",
    "No job shows the experience asked for. {lacking_en}",
    "Beschrijf in /candidate/experience bij een baan de gevraagde ervaring ({wanted}) in de rol, de omschrijving "
    "of het voorbeeld.{or_complete}",
    "Describe the experience asked for ({wanted_en}) on a job in /candidate/experience: its role, description or "
    "example.{or_complete_en}",
)
REVIEW = reason(
    "EXP_EMPLOYER_REVIEW",
    Status.NEEDS_REVIEW,
    "Zeker meetellend: {months} maanden en {days} dag(en); met banen die een beoordelaar moet bevestigen: "
    "{possible} maanden en {possible_days} dag(en) (kalendermaanden; vereist: {required} maanden).",
    "Certainly qualifying: {months} month(s) and {days} day(s); including jobs a reviewer must confirm: "
    "{possible} month(s) and {possible_days} day(s) (calendar months; required: {required} months).",
    "Nog {shortfall} zeker nodig. Maak bij {review_names} in de rol, de omschrijving of het voorbeeld duidelijk "
    "dat het om {wanted} gaat; tot dan moet een beoordelaar het bevestigen.",
    "{shortfall_en} more needed for certain. Make clear for {review_names_en} in the role, description or example "
    "that it is about {wanted_en}; until then a reviewer must confirm it.",
)
NO_EXAMPLE = reason(
    "EXP_NO_EXAMPLE",
    Status.FAIL,
    "{months} maanden en {days} dag(en) meetellende ervaring, maar bij geen van de meetellende banen staat een "
    "voorbeeld; de uitvraag vraagt de ervaring aantoonbaar te maken met een voorbeeld.",
    "{months} month(s) and {days} day(s) of qualifying experience, but no qualifying job has an example; the tender "
    "asks for an example.",
    "Vul /candidate/experience/{first}/example in met een concreet voorbeeld uit die baan ({first_job}).",
    "Fill in /candidate/experience/{first}/example with a concrete example from that job ({first_job}).",
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
    wanted_en: str


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
    employers_en = _labels(rule.employer_kinds, vocabulary.employer_kinds, " or ")
    wanted_en = "; ".join(
        part
        for part in (
            _labels(rule.roles, vocabulary.roles, " or "),
            employers_en and f"at {employers_en}",
            _labels(rule.domains, vocabulary.domains, " and "),
        )
        if part
    )
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
        wanted_en=wanted_en or "experience",
    )


def _missing(count: ExperienceCount) -> tuple[str, str]:
    """Per job that does not count: what it lacks and the field to state it in, in Dutch and English.

    E.g. "baan 2 (Jeugdconsulent, Gemeente Epe): doelgroep/onderwerp Jonge kinderen ontbreekt, noem het in
    /candidate/experience/1/description." Empty when no job lacks anything (no jobs, or jobs outside the window).
    """
    dutch: list[str] = []
    english: list[str] = []
    for assessed in count.jobs:
        if not assessed.missing:
            continue
        job = f"({assessed.job.role}, {assessed.job.employer})"
        where = f"/candidate/experience/{assessed.index}"
        dutch.append(
            f"baan {assessed.index + 1} {job}: "
            + "; ".join(f"{lack} ontbreekt, noem het in {where}/{lack.field}" for lack in assessed.missing)
        )
        english.append(
            f"job {assessed.index + 1} {job}: "
            + "; ".join(f"{lack.english} missing, state it in {where}/{lack.field}" for lack in assessed.missing)
        )
    if not dutch:
        return "", ""
    return " Of vul aan: " + " | ".join(dutch) + ".", " Or complete: " + " | ".join(english) + "."


def _lacking(count: ExperienceCount) -> tuple[str, str]:
    """For the reason: which jobs lack what, by pointer and role (the tender's labels stay as written)."""
    lacking = [a for a in count.jobs if a.missing]
    if not lacking:
        return "", ""
    dutch = [f"/candidate/experience/{a.index} ('{a.job.role}'): {'; '.join(map(str, a.missing))}" for a in lacking]
    english = [
        f"/candidate/experience/{a.index} ('{a.job.role}'): {'; '.join(lack.english for lack in a.missing)}"
        for a in lacking
    ]
    return "Niet gevonden in: " + " | ".join(dutch) + ".", "Not found in: " + " | ".join(english) + "."


def _job_names(jobs: list[JobAssessment]) -> tuple[str, str]:
    """The jobs a reviewer must confirm, by number, role, employer and pointer; the Dutch text adds what is
    uncertain about each (the matching details are Dutch, so the English text leaves them out)."""
    dutch = "; ".join(
        f"baan {a.index + 1} ({a.job.role}, {a.job.employer}) in /candidate/experience/{a.index}: {a.reason}"
        for a in jobs
    )
    english = "; ".join(
        f"job {a.index + 1} ({a.job.role}, {a.job.employer}) in /candidate/experience/{a.index}" for a in jobs
    )
    return dutch, english


def _matcher(ctx: CheckContext) -> JobMatcher:
    """One matcher per offer, shared by the knock-out and the wensen that read its jobs."""
    return ctx.per_offer(_MATCHER, lambda: JobMatcher(ctx.tender.vocabulary))


def _job_facts(jobs: list[ExperienceV2]) -> tuple[Fact, ...]:
    return tuple(
        declared(
            "baan", f"{job.role}, {job.employer} ({job.start} – {job.end or 'heden'})", f"/candidate/experience/{index}"
        )
        for index, job in enumerate(jobs)
    )


_MATCHER = "\x00experience-matcher"
_FACTS = "\x00experience-facts"


def evaluate_requirement(rule: ExperienceRequirement, ctx: CheckContext) -> Finding:
    """Count months (certain and possible) and compare with the minimum."""
    static: _Static = ctx.static(("experience", rule.id), lambda: _static(ctx, rule))
    jobs = ctx.submission.candidate.experience
    count = count_experience(
        jobs, rule, ctx.tender.vocabulary, ctx.dates.deadline_date, static.rest_days_per_month, _matcher(ctx)
    )
    calculations = (static.window, *job_lines(count.jobs), *total_lines(count))
    facts = ctx.per_offer(_FACTS, lambda: _job_facts(jobs))
    or_complete, or_complete_en = _missing(count)
    lacking, lacking_en = _lacking(count)
    counted = [a for a in count.jobs if a.counts]
    review_jobs = "; ".join(f"/candidate/experience/{a.index}: {a.reason}" for a in counted if a.uncertain)
    review_names, review_names_en = _job_names([a for a in counted if a.uncertain])
    first = str(counted[0].index) if counted else "0"
    first_job = f"{counted[0].job.role}, {counted[0].job.employer}" if counted else ""
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
        "lacking": lacking,
        "lacking_en": lacking_en,
        "or_complete": or_complete,
        "or_complete_en": or_complete_en,
        "review_jobs": review_jobs,
        "review_names": review_names,
        "review_names_en": review_names_en,
        "first": first,
        "first_job": first_job,
        "wanted": static.wanted,
        "wanted_en": static.wanted_en,
    }
    if minimum is None:  # only that some job shows it
        certain_jobs = [a for a in counted if not a.uncertain]
        if certain_jobs:
            shown = "; ".join(f"'{a.job.role}' bij '{a.job.employer}'" for a in certain_jobs)
            code = SHOWN
            args["jobs"] = shown
            args["jobs_en"] = "; ".join(f"'{a.job.role}' at '{a.job.employer}'" for a in certain_jobs)
            if rule.example_required and not count.example_given:
                code = NO_EXAMPLE
        elif counted:
            code = SHOWN_REVIEW
        else:
            code = NOT_SHOWN
    elif certain.at_least(minimum):
        code = NO_EXAMPLE if rule.example_required and not count.example_given else PASSED
    else:
        code = REVIEW if possible.at_least(minimum) else SHORT
        short = minimum - certain.months
        args["shortfall"] = f"{short} maand" if short == 1 else f"{short} maanden"
        args["shortfall_en"] = f"{short} month" if short == 1 else f"{short} months"
    return conclude(INFO, static.refs, code, args, static.params, facts, calculations)
