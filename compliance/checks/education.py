"""KO-EDU-001: a completed education at the required level in an accepted programme.

Programme names vary ("hbo SPH", "Sociaal Pedagogische Hulpverlening (voltijd)"), so they
are matched on normalised words against the tender's accepted names and aliases. Social Work
is listed as the successor of MWD, SPH and CMV. Where the posting adds "or another social
programme", an unknown programme at the right level needs review rather than failing.
"""

from __future__ import annotations

from typing import NamedTuple

from compliance.checks.base import (
    CheckContext,
    CheckInfo,
    Fact,
    Finding,
    Severity,
    Status,
    clause_refs,
    conclude,
    declared,
    tender_param,
)
from compliance.dates import nl_date
from compliance.i18n import reason
from compliance.models.findings import ParamUsed
from compliance.models.submission import EDUCATION_LEVEL_RANK
from compliance.models.tender import Phase
from compliance.models.tender_v2 import EducationRequirement, Programme
from compliance.vocabulary import normalise

INFO = CheckInfo(
    check_id="KO-EDU-001",
    title="Opleiding: afgerond op vereist niveau en in een geaccepteerde richting",
    severity=Severity.KNOCK_OUT,
    blocks_from=Phase.SUBMISSION,
    legal_refs=(),
    description="Afgeronde opleiding op minimaal het gevraagde niveau, in een richting die de uitvraag accepteert.",
)

NOT_REQUIRED = reason(
    "EDU_NOT_REQUIRED",
    Status.NOT_APPLICABLE,
    "De uitvraag stelt geen opleidingseis.",
    "The tender sets no education requirement.",
)
PASSED = reason(
    "EDU_OK",
    Status.PASS,
    "{programme} ({level}) afgerond op {completed}; geaccepteerde richting: {accepted}.",
    "{programme} ({level}) completed on {completed}; accepted programme: {accepted}.",
)
REVIEW_PROGRAMME = reason(
    "EDU_PROGRAMME_REVIEW",
    Status.NEEDS_REVIEW,
    "{programme} ({level}) is afgerond; of de richting '{accepted}' als sociale opleiding voldoet, beslist de opdrachtgever.",
    "{programme} ({level}) is completed; whether '{accepted}' counts as a social programme is the buyer's decision.",
    "Licht in het cv (en in /candidate/education/{index}/programme) toe waarom {programme} als '{accepted}' "
    "voldoet; de opdrachtgever beslist.",
    "Explain in the CV (and in /candidate/education/{index}/programme) why {programme} qualifies as '{accepted}'; "
    "the buyer decides.",
)
UNKNOWN_PROGRAMME = reason(
    "EDU_PROGRAMME_UNKNOWN",
    Status.NEEDS_REVIEW,
    "{programme} ({level}) is afgerond, maar staat niet op de lijst van geaccepteerde richtingen; de uitvraag staat "
    "ook 'andere sociale opleidingen' toe: beoordeling nodig.",
    "{programme} ({level}) is completed but not among the accepted programmes; the tender also allows "
    "'other social programmes': review needed.",
    "Licht in het cv toe waarom {programme} (/candidate/education/{index}) een sociale opleiding is, of noem de "
    "richting zoals de uitvraag: {accepted_list}.",
    "Explain in the CV why {programme} (/candidate/education/{index}) is a social programme, or name the programme "
    "as the tender does: {accepted_list}.",
)
NOT_MET = reason(
    "EDU_NOT_MET",
    Status.FAIL,
    "Geen afgeronde opleiding op minimaal {min_level}-niveau in een geaccepteerde richting. {details}",
    "No completed programme at {min_level} level or higher in an accepted field. {details_en}",
    "Vermeld in /candidate/education een opleiding op minimaal {min_level}-niveau in een geaccepteerde richting "
    "({accepted_list}) met completed_on vóór {deadline}, of bied een kandidaat aan die die heeft.",
    "List a programme at {min_level} level or higher in an accepted field ({accepted_list}) with completed_on "
    "before {deadline} in /candidate/education, or offer a candidate who has one.",
)

_LEVEL_NL = {
    "mbo": "mbo",
    "hbo_associate": "hbo associate degree",
    "hbo_bachelor": "hbo-bachelor",
    "wo_bachelor": "wo-bachelor",
    "hbo_master": "hbo-master",
    "wo_master": "wo-master",
    "other": "overig",
}


Patterns = tuple[tuple[Programme, tuple[str, ...]], ...]


def programme_patterns(candidates: list[Programme]) -> Patterns:
    """Each accepted programme with its normalised names (built once per tender)."""
    return tuple(
        (accepted, tuple(normalise(name) for name in (accepted.name, *accepted.aliases))) for accepted in candidates
    )


def _match_names(haystack: str, patterns: Patterns) -> Programme | None:
    """The accepted programme whose name or an alias occurs as whole words in the normalised ``haystack``."""
    for accepted, names in patterns:
        if any(name in haystack for name in names):
            return accepted
    return None


class _Static(NamedTuple):
    """Per requirement: its parameters, patterns and texts."""

    refs: tuple[str, ...] = ()
    params: tuple[ParamUsed, ...] = ()
    minimum: int = 0
    accepted: Patterns = ()
    review: Patterns = ()
    min_level: str = ""
    deadline_text: str = ""
    accepted_list: str = ""  # the accepted programmes by name, for the remedies


def _static(ctx: CheckContext, rule: EducationRequirement) -> _Static:
    return _Static(
        refs=clause_refs(INFO, rule.clause),
        params=(
            tender_param("minimum_niveau", _LEVEL_NL[rule.min_level.value], rule.clause, ctx),
            tender_param(
                "geaccepteerde_richtingen", ", ".join(p.name for p in rule.accepted_programmes), rule.clause, ctx
            ),
            tender_param("andere_sociale_opleiding_toegestaan", "ja" if rule.open_ended else "nee", rule.clause, ctx),
        ),
        minimum=EDUCATION_LEVEL_RANK[rule.min_level],
        accepted=programme_patterns(rule.accepted_programmes),
        review=programme_patterns(rule.review_programmes),
        min_level=_LEVEL_NL[rule.min_level.value],
        accepted_list=", ".join(p.name for p in rule.accepted_programmes) or "zie de uitvraag",
        deadline_text=nl_date(ctx.dates.deadline_date),
    )


def evaluate_requirement(rule: EducationRequirement, ctx: CheckContext) -> Finding:
    """Find the best education entry: pass > needs review > fail, with a reason per entry."""
    static: _Static = ctx.static(("education", rule.id), lambda: _static(ctx, rule))
    deadline = ctx.dates.deadline_date
    facts: list[Fact] = []
    attention: list[str] = []
    review: tuple[str, dict[str, str]] | None = None
    rejections: list[str] = []
    rejections_en: list[str] = []  # the same, for the English reason
    for index, education in enumerate(ctx.submission.candidate.education):
        level = _LEVEL_NL[education.level.value]
        completed_on = education.completed_on
        facts.append(
            declared(
                "opleiding",
                f"{education.programme} ({level}), afgerond: {completed_on or 'nee'}",
                f"/candidate/education/{index}",
            )
        )
        args = {
            "programme": education.programme,
            "level": level,
            "index": str(index),
            "accepted_list": static.accepted_list,
        }
        if completed_on is None or completed_on > deadline:
            rejections.append(f"{education.programme}: niet afgerond vóór {static.deadline_text}.")
            rejections_en.append(f"{education.programme}: not completed before {static.deadline_text}.")
            continue
        haystack = normalise(education.programme)
        if EDUCATION_LEVEL_RANK[education.level] < static.minimum:
            # A programme the posting itself names for the buyer to judge (an inservice course at
            # level 5, say) is judged by a person whatever its level; any other is too low.
            named = _match_names(haystack, static.review)
            if named is not None and review is None:
                review = (REVIEW_PROGRAMME, args | {"accepted": named.name})
            else:
                rejections.append(f"{education.programme}: niveau {level} is te laag.")
                rejections_en.append(f"{education.programme}: level {level} is too low.")
            continue
        accepted = _match_names(haystack, static.accepted)
        if accepted is not None:
            if accepted.note:
                attention.append(f"{accepted.name}: {accepted.note}")
            return conclude(
                INFO,
                static.refs,
                PASSED,
                args | {"completed": nl_date(completed_on), "accepted": accepted.name},
                static.params,
                tuple(facts),
                (),
                tuple(attention),
            )
        for_review = _match_names(haystack, static.review)
        if for_review is not None and review is None:
            if for_review.note:
                attention.append(f"{for_review.name}: {for_review.note}")
            review = (REVIEW_PROGRAMME, args | {"accepted": for_review.name})
        elif rule.open_ended and review is None:
            review = (UNKNOWN_PROGRAMME, args)
        elif not rule.open_ended:
            rejections.append(f"{education.programme}: geen geaccepteerde richting.")
            rejections_en.append(f"{education.programme}: not an accepted field.")
    if review is not None:
        return conclude(
            INFO,
            static.refs,
            review[0],
            review[1],
            static.params,
            tuple(facts),
            (),
            tuple(attention),
        )
    details = " ".join(rejections) or "Er is geen opleiding opgegeven."
    details_en = " ".join(rejections_en) or "No education is given."
    return conclude(
        INFO,
        static.refs,
        NOT_MET,
        {
            "min_level": static.min_level,
            "details": details,
            "details_en": details_en,
            "accepted_list": static.accepted_list,
            "deadline": static.deadline_text,
        },
        static.params,
        tuple(facts),
        (),
        tuple(attention),
    )
