"""KO-EDU-001: a completed education at the required level in an accepted programme.

Programme names vary ("hbo SPH", "Sociaal Pedagogische Hulpverlening (voltijd)"), so they
are matched on normalised words against the tender's accepted names and aliases. Social Work
is listed as the successor of MWD, SPH and CMV. Where the posting adds "or another social
programme", an unknown programme at the right level needs review rather than failing.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

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
from compliance.dates import nl_date
from compliance.i18n import define
from compliance.models.submission import EDUCATION_LEVEL_RANK, Education
from compliance.models.tender import AcceptedProgramme, EducationRule

INFO = CheckInfo(
    check_id="KO-EDU-001",
    title="Opleiding: afgerond op vereist niveau en in een geaccepteerde richting",
    severity=Severity.KNOCK_OUT,
    legal_refs=(),
    description="Afgeronde opleiding op minimaal het gevraagde niveau, in een richting die de uitvraag accepteert.",
)

NOT_REQUIRED = define(
    "EDU_NOT_REQUIRED", "De uitvraag stelt geen opleidingseis.", "The tender sets no education requirement."
)
PASSED = define(
    "EDU_OK",
    "{programme} ({level}) afgerond op {completed}; geaccepteerde richting: {accepted}.",
    "{programme} ({level}) completed on {completed}; accepted programme: {accepted}.",
)
REVIEW_PROGRAMME = define(
    "EDU_PROGRAMME_REVIEW",
    "{programme} ({level}) is afgerond; of de richting '{accepted}' als sociale opleiding voldoet, beslist de opdrachtgever.",
    "{programme} ({level}) is completed; whether '{accepted}' counts as a social programme is the buyer's decision.",
    "Licht in het cv toe waarom de opleiding een sociale opleiding is.",
    "Explain in the CV why the programme is a social programme.",
)
UNKNOWN_PROGRAMME = define(
    "EDU_PROGRAMME_UNKNOWN",
    "{programme} ({level}) is afgerond, maar staat niet op de lijst van geaccepteerde richtingen; de uitvraag staat "
    "ook 'andere sociale opleidingen' toe: beoordeling nodig.",
    "{programme} ({level}) is completed but not among the accepted programmes; the tender also allows "
    "'other social programmes': review needed.",
    "Licht in het cv toe waarom de opleiding een sociale opleiding is.",
    "Explain in the CV why the programme is a social programme.",
)
NOT_MET = define(
    "EDU_NOT_MET",
    "Geen afgeronde opleiding op minimaal {min_level}-niveau in een geaccepteerde richting. {details}",
    "No completed programme at {min_level} level or higher in an accepted field. {details}",
    "Bied een kandidaat aan met een afgeronde {min_level}-opleiding in een geaccepteerde richting, met diploma.",
    "Offer a candidate with a completed {min_level} programme in an accepted field, with diploma.",
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


def _words(text: str) -> str:
    """Lower-case, accents stripped, punctuation to spaces, padded: for whole-word matching."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").casefold()
    return " " + " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split()) + " "


Patterns = tuple[tuple[AcceptedProgramme, tuple[str, ...]], ...]


def programme_patterns(candidates: list[AcceptedProgramme]) -> Patterns:
    """Each accepted programme with its normalised names (built once per tender)."""
    return tuple(
        (accepted, tuple(_words(name) for name in (accepted.name, *accepted.aliases))) for accepted in candidates
    )


def match_programme(programme: str, patterns: Patterns) -> AcceptedProgramme | None:
    """The accepted programme whose name or an alias occurs as whole words in ``programme``."""
    haystack = _words(programme)
    for accepted, names in patterns:
        if any(name in haystack for name in names):
            return accepted
    return None


def _completed_by(education: Education, day: date) -> bool:
    return education.completed_on is not None and education.completed_on <= day


def evaluate(ctx: CheckContext) -> Finding:
    """Find the best education entry: pass > needs review > fail, with a reason per entry."""
    rule = ctx.tender.knockout(EducationRule)
    if rule is None:
        return finding(INFO, Status.NOT_APPLICABLE, NOT_REQUIRED, blocking=False)
    deadline = ctx.dates.deadline_date
    basis = Basis(
        clause=rule.clause,
        params=[
            tender_param("minimum_niveau", _LEVEL_NL[rule.min_level.value], rule.clause, ctx),
            tender_param(
                "geaccepteerde_richtingen", ", ".join(p.name for p in rule.accepted_programmes), rule.clause, ctx
            ),
            tender_param("andere_sociale_opleiding_toegestaan", "ja" if rule.open_ended else "nee", rule.clause, ctx),
        ],
    )
    minimum = EDUCATION_LEVEL_RANK[rule.min_level]
    accepted_patterns = ctx.static("edu.accepted", lambda: programme_patterns(rule.accepted_programmes))
    review_patterns = ctx.static("edu.review", lambda: programme_patterns(rule.review_programmes))
    review: tuple[str, dict[str, str]] | None = None
    rejections: list[str] = []
    for index, education in enumerate(ctx.submission.candidate.education):
        pointer = f"/candidate/education/{index}"
        basis.facts.append(
            declared(
                "opleiding",
                f"{education.programme} ({_LEVEL_NL[education.level.value]}), "
                f"afgerond: {education.completed_on or 'nee'}",
                pointer,
            )
        )
        args = {"programme": education.programme, "level": _LEVEL_NL[education.level.value]}
        if not _completed_by(education, deadline):
            rejections.append(f"{education.programme}: niet afgerond vóór {nl_date(deadline)}.")
            continue
        if EDUCATION_LEVEL_RANK[education.level] < minimum:
            rejections.append(f"{education.programme}: niveau {args['level']} is te laag.")
            continue
        accepted = match_programme(education.programme, accepted_patterns)
        if accepted is not None:
            assert education.completed_on is not None
            if accepted.note:
                basis.attention.append(f"{accepted.name}: {accepted.note}")
            return finding(
                INFO,
                Status.PASS,
                PASSED,
                blocking=True,
                basis=basis,
                args=args | {"completed": nl_date(education.completed_on), "accepted": accepted.name},
            )
        for_review = match_programme(education.programme, review_patterns)
        if for_review is not None and review is None:
            if for_review.note:
                basis.attention.append(f"{for_review.name}: {for_review.note}")
            review = (REVIEW_PROGRAMME, args | {"accepted": for_review.name})
        elif rule.open_ended and review is None:
            review = (UNKNOWN_PROGRAMME, args)
        elif not rule.open_ended:
            rejections.append(f"{education.programme}: geen geaccepteerde richting.")
    if review is not None:
        return finding(INFO, Status.NEEDS_REVIEW, review[0], blocking=True, args=review[1], basis=basis)
    details = " ".join(rejections) or "Er is geen opleiding opgegeven."
    return finding(
        INFO,
        Status.FAIL,
        NOT_MET,
        blocking=True,
        args={"min_level": _LEVEL_NL[rule.min_level.value], "details": details},
        basis=basis,
    )
