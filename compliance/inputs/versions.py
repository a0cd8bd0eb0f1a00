"""Tender and offer files of every published version, read into the current models (v2).

A v1 file is validated against the v1 model first, so its errors speak of the fields its author
wrote; only then is it upgraded (:mod:`compliance.models.tender_upgrade`,
:func:`compliance.models.submission_v2.upgrade_v1_offer`) and validated as v2. A v2 offer's
vocabulary tags are checked against the tender it is for: a code the tender does not declare is an
input error that lists the allowed codes, never a silent miss. A tender's values are checked
against the dated legal parameters when it loads.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from compliance.errors import InputError
from compliance.inputs.loader import validate, validate_masked
from compliance.models.submission import Submission as SubmissionV1
from compliance.models.submission_v2 import SubmissionV2, upgrade_v1_offer
from compliance.models.tender import Tender as TenderV1
from compliance.models.tender_upgrade import upgrade_v1
from compliance.models.tender_v2 import TenderV2
from compliance.rules.parameters import RuleSet, default_rules
from compliance.vocabulary import Dimension

_VERSIONS = ("1", "2")


def _version(document: dict[str, Any], label: str) -> str:
    version = document.get("schema_version")
    if version not in _VERSIONS:
        shown = "ontbreekt" if version is None else f"ongeldige waarde {version!r}"
        raise InputError(label, [("/schema_version", f"{shown}; verwacht '1' of '2'")])
    return str(version)


def parse_tender(document: dict[str, Any], label: str, rules: RuleSet | None = None) -> TenderV2:
    """A tender document of any version as a v2 tender, checked against the legal parameters."""
    if _version(document, label) == "1":
        validate(TenderV1, document, label)
        document = upgrade_v1(document)
    tender = validate(TenderV2, document, label)
    problems = law_problems(tender, rules or default_rules())
    if problems:
        raise InputError(label, problems)
    return tender


def law_problems(tender: TenderV2, rules: RuleSet) -> list[tuple[str, str]]:
    """Tender values that contradict the dated legal parameters in force at its deadline."""
    problems: list[tuple[str, str]] = []
    on: date = tender.deadline.date()
    vog = tender.conditions.vog
    if vog is not None and vog.max_age_months_before_start is not None and "84" in vog.functieaspecten:
        # Work with minors (aspect 84) falls under the Jeugdwet's maximum age of the VOG.
        legal = rules.at("vog_max_age_months_before_start", on)
        if vog.max_age_months_before_start > int(legal.value):
            problems.append(
                (
                    "/conditions/vog/max_age_months_before_start",
                    f"{vog.max_age_months_before_start} maanden is langer dan de wettelijke {legal.value} maanden "
                    f"voor werk met minderjarigen ({legal.source})",
                )
            )
    return problems


def parse_offer(document: dict[str, Any], label: str, tender: TenderV2) -> SubmissionV2:
    """An offer document of any version as a v2 offer for ``tender``."""
    if _version(document, label) == "1":
        v1 = validate(SubmissionV1, document, label)
        declared = {dimension.value: getattr(tender.vocabulary, dimension.value).keys() for dimension in Dimension}
        upgraded = upgrade_v1_offer(v1.model_dump(by_alias=True), declared)
        # Built from a validated (and masked) v1 model, so not masked a second time; v2 limits what v1
        # did not (at most 100 jobs, 50 programmes...), and such a file gets its error by pointer too.
        return validate_masked(SubmissionV2, upgraded, label)
    offer = validate(SubmissionV2, document, label)
    problems = tag_problems(offer, tender)
    if problems:
        raise InputError(label, problems)
    return offer


def tag_problems(offer: SubmissionV2, tender: TenderV2) -> list[tuple[str, str]]:
    """Every vocabulary tag the tender does not declare, with the codes it does."""
    problems: list[tuple[str, str]] = []
    candidate = offer.candidate
    tagged = [(f"/candidate/experience/{i}/tags", job.tags) for i, job in enumerate(candidate.experience)]
    tagged += [(f"/candidate/courses/{i}/tags", course.tags) for i, course in enumerate(candidate.courses)]
    for pointer, tags in tagged:
        for dimension in Dimension:
            declared: dict[str, Any] = getattr(tender.vocabulary, dimension.value)
            for index, code in enumerate(getattr(tags, dimension.value)):
                if code not in declared:
                    allowed = ", ".join(sorted(declared)) or "geen (deze aanbesteding kent er geen)"
                    problems.append(
                        (f"{pointer}/{dimension.value}/{index}", f"onbekende code '{code}'; toegestaan: {allowed}")
                    )
    known = {requirement.id for requirement in tender.requirements}
    for index, answer in enumerate(offer.answers):
        if answer.requirement not in known:
            allowed = ", ".join(sorted(known)) or "geen"
            problems.append(
                (f"/answers/{index}/requirement", f"onbekende eis/wens '{answer.requirement}'; bekend: {allowed}")
            )
    return problems
