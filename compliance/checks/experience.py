"""KO-EXP-001: minimum months of dated experience in the accepted roles, employers and groups."""

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
    tender_param,
)
from compliance.checks.experience_count import count_experience
from compliance.dates import nl_date, nl_months
from compliance.i18n import define
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
    "{months} maanden meetellende ervaring tussen {start} en {end}; vereist: {required}.",
    "{months} months of qualifying experience between {start} and {end}; required: {required}.",
)
SHORT = define(
    "EXP_TOO_SHORT",
    "{months} maanden meetellende ervaring tussen {start} en {end}; vereist: {required}.",
    "{months} months of qualifying experience between {start} and {end}; required: {required}.",
    "Vermeld alle relevante banen met begin- en einddatum, rol, werkgever en doelgroep in het cv.",
    "List every relevant job with start and end date, role, employer and target group in the CV.",
)
REVIEW = define(
    "EXP_EMPLOYER_REVIEW",
    "Zeker meetellend: {months} maanden; met banen waarvan de werkgever beoordeeld moet worden: {possible} maanden "
    "(vereist: {required}).",
    "Certainly qualifying: {months} months; including jobs whose employer needs review: {possible} months "
    "(required: {required}).",
    "Maak in het cv duidelijk dat de werkgever een gemeente (of gemeentelijk wijkteam) is.",
    "Make clear in the CV that the employer is a municipality (or municipal team).",
)
NO_EXAMPLE = define(
    "EXP_NO_EXAMPLE",
    "{months} maanden meetellende ervaring, maar bij geen van de meetellende banen staat een voorbeeld; de uitvraag "
    "vraagt de ervaring aantoonbaar te maken met een voorbeeld.",
    "{months} months of qualifying experience, but no qualifying job has an example; the tender asks for an example.",
    "Voeg in het cv bij een meetellende baan een concreet voorbeeld toe.",
    "Add a concrete example to a qualifying job in the CV.",
)


def evaluate(ctx: CheckContext) -> Finding:
    """Count months (certain and possible) and compare with the minimum."""
    rule = ctx.tender.knockout(ExperienceRule)
    if rule is None:
        return finding(INFO, Status.NOT_APPLICABLE, NOT_REQUIRED, blocking=False)
    jobs = ctx.submission.candidate.experience
    count = count_experience(jobs, rule, ctx.dates.deadline_date)
    basis = Basis(
        clause=rule.clause,
        params=[
            tender_param("rollen", ", ".join(r.value for r in rule.role_types), rule.clause, ctx),
            tender_param("werkgevers", ", ".join(e.value for e in rule.employer_types) or "alle", rule.clause, ctx),
            tender_param("doelgroepen", ", ".join(rule.target_groups) or "alle", rule.clause, ctx),
            tender_param("venster_jaren", str(rule.window_years), rule.clause, ctx),
            tender_param("minimum_maanden", str(rule.min_months), rule.clause, ctx),
            ctx.rules.at("experience_days_per_month", ctx.dates.deadline_date).used(),
        ],
        calculations=count.calculations(),
    )
    basis.facts += [
        declared(
            "baan", f"{job.role}, {job.employer} ({job.start} – {job.end or 'heden'})", f"/candidate/experience/{index}"
        )
        for index, job in enumerate(jobs)
    ]
    args = {
        "months": nl_months(count.certain_months),
        "possible": nl_months(count.possible_months),
        "start": nl_date(count.window_start),
        "end": nl_date(count.window_end),
        "required": str(rule.min_months),
    }
    if count.certain_months >= rule.min_months:
        if rule.example_required and not count.example_given:
            return finding(INFO, Status.FAIL, NO_EXAMPLE, blocking=True, args=args, basis=basis)
        return finding(INFO, Status.PASS, PASSED, blocking=True, args=args, basis=basis)
    if count.possible_months >= rule.min_months:
        return finding(INFO, Status.NEEDS_REVIEW, REVIEW, blocking=True, args=args, basis=basis)
    return finding(INFO, Status.FAIL, SHORT, blocking=True, args=args, basis=basis)
