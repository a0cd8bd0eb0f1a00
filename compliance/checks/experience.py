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
    finding,
    tender_param,
)
from compliance.checks.experience_count import (
    REST_DAYS_PARAMETER,
    count_experience,
    job_lines,
    total_lines,
    window_start,
)
from compliance.dates import nl_date
from compliance.i18n import define
from compliance.models.findings import ParamUsed
from compliance.models.tender import ExperienceRule

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
    "Vermeld alle relevante banen met begin- en einddatum, rol, werkgever en doelgroep in het cv.",
    "List every relevant job with start and end date, role, employer and target group in the CV.",
)
REVIEW = define(
    "EXP_EMPLOYER_REVIEW",
    "Zeker meetellend: {months} maanden en {days} dag(en); met banen waarvan de werkgever beoordeeld moet worden: "
    "{possible} maanden en {possible_days} dag(en) (kalendermaanden; vereist: {required} maanden).",
    "Certainly qualifying: {months} month(s) and {days} day(s); including jobs whose employer needs review: "
    "{possible} month(s) and {possible_days} day(s) (calendar months; required: {required} months).",
    "Maak in het cv duidelijk dat de werkgever een gemeente (of gemeentelijk wijkteam) is.",
    "Make clear in the CV that the employer is a municipality (or municipal team).",
)
NO_EXAMPLE = define(
    "EXP_NO_EXAMPLE",
    "{months} maanden en {days} dag(en) meetellende ervaring, maar bij geen van de meetellende banen staat een "
    "voorbeeld; de uitvraag vraagt de ervaring aantoonbaar te maken met een voorbeeld.",
    "{months} month(s) and {days} day(s) of qualifying experience, but no qualifying job has an example; the tender "
    "asks for an example.",
    "Voeg in het cv bij een meetellende baan een concreet voorbeeld toe.",
    "Add a concrete example to a qualifying job in the CV.",
)


class _Static(NamedTuple):
    """Per tender: the rule's parameters, the window and its texts; the finding when there is no rule."""

    rule: ExperienceRule | None
    not_required: Finding
    refs: tuple[str, ...] = ()
    params: tuple[ParamUsed, ...] = ()
    rest_days_per_month: int = 30
    window: Calculation | None = None
    start_text: str = ""
    end_text: str = ""


def _static(ctx: CheckContext) -> _Static:
    not_required = finding(INFO, Status.NOT_APPLICABLE, NOT_REQUIRED, blocking=False)
    rule = ctx.tender.knockout(ExperienceRule)
    if rule is None:
        return _Static(None, not_required)
    reference = ctx.dates.deadline_date
    start_text, end_text = nl_date(window_start(reference, rule.window_years)), nl_date(reference)
    rest_days = ctx.rules.at(REST_DAYS_PARAMETER, reference)
    return _Static(
        rule=rule,
        not_required=not_required,
        refs=clause_refs(INFO, rule.clause),
        params=(
            tender_param("rollen", ", ".join(r.value for r in rule.role_types), rule.clause, ctx),
            tender_param("werkgevers", ", ".join(e.value for e in rule.employer_types) or "alle", rule.clause, ctx),
            tender_param("doelgroepen", ", ".join(rule.target_groups) or "alle", rule.clause, ctx),
            tender_param("venster_jaren", str(rule.window_years), rule.clause, ctx),
            tender_param("minimum_maanden", str(rule.min_months), rule.clause, ctx),
            rest_days.used(),
        ),
        rest_days_per_month=int(rest_days.value),
        window=Calculation("Venster", f"{start_text} t/m {end_text}", ""),
        start_text=start_text,
        end_text=end_text,
    )


def evaluate(ctx: CheckContext) -> Finding:
    """Count months (certain and possible) and compare with the minimum."""
    static: _Static = ctx.static("experience", lambda: _static(ctx))
    rule = static.rule
    if rule is None:
        return static.not_required
    jobs = ctx.submission.candidate.experience
    count = count_experience(jobs, rule, ctx.dates.deadline_date, static.rest_days_per_month)
    assert static.window is not None  # set whenever the tender has the rule
    calculations = (static.window, *job_lines(count.jobs), *total_lines(count))
    facts = tuple(
        declared(
            "baan", f"{job.role}, {job.employer} ({job.start} – {job.end or 'heden'})", f"/candidate/experience/{index}"
        )
        for index, job in enumerate(jobs)
    )
    minimum = rule.min_months
    certain, possible = count.certain, count.possible
    args = {
        "months": str(certain.months),
        "days": str(certain.days),
        "possible": str(possible.months),
        "possible_days": str(possible.days),
        "start": static.start_text,
        "end": static.end_text,
        "required": str(minimum),
    }
    if certain.at_least(minimum):
        if rule.example_required and not count.example_given:
            status, code = Status.FAIL, NO_EXAMPLE
        else:
            status, code = Status.PASS, PASSED
    elif possible.at_least(minimum):
        status, code = Status.NEEDS_REVIEW, REVIEW
    else:
        status, code = Status.FAIL, SHORT
    return conclude(INFO, static.refs, status, code, True, args, static.params, facts, calculations)
