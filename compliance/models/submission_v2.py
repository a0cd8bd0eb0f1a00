"""Offer format v2: the candidate's facts in the agency's own words, answers per requirement.

Version 1 asked agencies to pick codes from closed, jeugd-shaped lists (``role_type``,
``employer_type``, two experience flags, a course ``topic``); a wrong guess silently cost points.
Version 2 takes free text (role, employer, description) and lets the checker match it against the
tender's own vocabulary, showing which words matched. Codes (``tags``) stay optional, for an agency
that wants to be explicit; a tag the tender does not declare is an input error listing the
allowed codes (checked against the tender, see :func:`compliance.vocabulary.unknown_tags`).

New in v2: ``answers`` (one per requirement ID, with the CV pages that show it) and the
candidate's actual employer and contract (a chain of agencies: every lender must be
Waadi-registered; a contract that ends before the start needs review).

A v1 offer is upgraded on load (:func:`upgrade_v1_offer`); nothing in a v1 file changes meaning.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, Field, field_validator

from compliance.models.common import KvkNumber, NonEmptyStr, StrictModel
from compliance.models.submission import (
    Documents,
    Education,
    Engagement,
    Offer,
    Reference,
    Registration,
    Supplier,
    end_not_before_start,
)
from compliance.models.tender_v2 import Code, RequirementId

LongText = Annotated[str, Field(max_length=4000)]


class Tags(StrictModel):
    """Vocabulary codes the agency asserts for a job or course (optional; free text is matched too)."""

    roles: list[Code] = Field(default_factory=list, max_length=20)
    employer_kinds: list[Code] = Field(default_factory=list, max_length=20)
    domains: list[Code] = Field(default_factory=list, max_length=50)


class ExperienceV2(StrictModel):
    """One job, in the CV's words; ``end: null`` means the job is current."""

    role: NonEmptyStr
    employer: NonEmptyStr
    start: date
    end: date | None
    hours_per_week: float | None = Field(default=None, gt=0, le=80)
    description: LongText | None = None
    example: LongText | None = None
    tags: Tags = Field(default_factory=Tags)

    _end_after_start = field_validator("end")(end_not_before_start)


class CourseV2(StrictModel):
    """A course, training or certificate; ``completed_on: null`` means not completed."""

    name: NonEmptyStr
    description: LongText | None = None
    completed_on: date | None = None
    valid_until: date | None = None
    tags: Tags = Field(default_factory=Tags)


class Employment(StrictModel):
    """Who actually employs the candidate, when it is not the supplier, and until when.

    ``lenders`` lists every agency in the chain between the candidate's employer and the supplier
    (each lends staff, so each must be Waadi-registered).
    """

    employer_name: str | None = Field(default=None, max_length=300)
    employer_kvk_number: KvkNumber | None = None
    lenders: list[KvkNumber] = Field(default_factory=list, max_length=10)
    contract_end: date | None = Field(default=None, description="End of the candidate's contract, if it has one.")


class CandidateV2(StrictModel):
    """The professional offered. Only what the checks need; no BSN, birth date or address."""

    id: Annotated[str, Field(min_length=1, max_length=64)]
    name: NonEmptyStr
    engagement: Engagement
    owner_of_supplier: bool = False
    employment: Employment | None = None
    education: list[Education] = Field(default_factory=list, max_length=50)
    registrations: list[Registration] = Field(default_factory=list, max_length=20)
    experience: list[ExperienceV2] = Field(default_factory=list, max_length=100)
    courses: list[CourseV2] = Field(default_factory=list, max_length=100)
    references: list[Reference] = Field(default_factory=list, max_length=20)


class Answer(StrictModel):
    """The agency's answer to one requirement: its motivation and where the CV shows it."""

    requirement: RequirementId
    text: LongText = Field(min_length=1)
    cv_pages: list[Annotated[int, Field(ge=1, le=1000)]] = Field(default_factory=list, max_length=20)


class SubmissionV2(StrictModel):
    """One offer: a supplier offering one candidate for one tender (format v2)."""

    schema_version: Literal["2"]
    tender_id: Annotated[str, Field(min_length=1, max_length=80)]
    submission_id: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")]
    submitted_at: AwareDatetime | None
    supplier: Supplier
    candidate: CandidateV2
    offer: Offer
    answers: list[Answer] = Field(default_factory=list, max_length=100)
    documents: Documents = Field(default_factory=Documents)

    @field_validator("answers")
    @classmethod
    def _one_answer_per_requirement(cls, answers: list[Answer]) -> list[Answer]:
        seen: set[str] = set()
        for answer in answers:
            if answer.requirement in seen:
                raise ValueError(f"meer dan één antwoord op eis/wens {answer.requirement}")
            seen.add(answer.requirement)
        return answers

    def answer(self, requirement_id: str) -> Answer | None:
        """The answer to one requirement, or None."""
        return next((answer for answer in self.answers if answer.requirement == requirement_id), None)


# v1 → v2 ------------------------------------------------------------------------------------------

_V1_FLAG_DOMAINS = {"safety_plan": "veiligheidsplan", "solution_focused": "oplossingsgericht"}
# v1's "other" was a declaration too ("none of the listed kinds"): it becomes the v1 vocabulary's
# term "overig", so a municipal-sounding employer declared "other" still needs a person's review.
_V1_OTHER = {"other": "overig"}
_V1_SOCIAL_EMPLOYERS = frozenset({"gemeente", "zorgaanbieder"})


def _v1_job(job: dict[str, Any], declared: Mapping[str, Collection[str]]) -> dict[str, Any]:
    """A v1 job: its codes become tags where the tender declares them; a target group it does not
    declare becomes description text (still matched as words), another code is left to the text."""
    domain_codes = declared.get("domains", ())
    tags: dict[str, list[str]] = {"roles": [], "employer_kinds": [], "domains": []}
    for dimension, field in (("roles", "role_type"), ("employer_kinds", "employer_type")):
        if field in job:
            tags[dimension].append(_V1_OTHER.get(job[field], job[field]))
    free: list[str] = []
    for group in job.get("target_groups", []):
        (tags["domains"] if group in domain_codes else free).append(group)
    tags["domains"] += [domain for flag, domain in _V1_FLAG_DOMAINS.items() if job.get(flag)]
    if job.get("role_type", "other") != "other" or job.get("employer_type") in _V1_SOCIAL_EMPLOYERS:
        tags["domains"].append("sociaal_domein")  # what v1 took as "in the social domain"
    tags = {dimension: [code for code in codes if code in declared.get(dimension, ())] for dimension, codes in tags.items()}
    out: dict[str, Any] = {key: job[key] for key in ("role", "employer", "start", "end", "hours_per_week", "example") if key in job}
    if free:
        out["description"] = "Doelgroepen: " + ", ".join(group.replace("_", " ") for group in free)
    out["tags"] = tags
    return out


def _v1_course(course: dict[str, Any], declared: Mapping[str, Collection[str]]) -> dict[str, Any]:
    domain_codes = declared.get("domains", ())
    out: dict[str, Any] = {key: course[key] for key in ("name", "completed_on") if key in course}
    topic = course.get("topic")
    if topic is not None:
        if topic in domain_codes:
            out["tags"] = {"domains": [topic]}
        else:
            out["description"] = f"Onderwerp: {topic}"
    return out


def upgrade_v1_offer(document: dict[str, Any], declared: Mapping[str, Collection[str]]) -> dict[str, Any]:
    """The v2 form of a parsed v1 offer; ``declared`` holds the codes the tender declares per dimension
    (``roles``, ``employer_kinds``, ``domains``)."""
    out = dict(document)
    out["schema_version"] = "2"
    candidate = dict(document.get("candidate", {}))
    candidate["experience"] = [_v1_job(job, declared) for job in candidate.get("experience", [])]
    candidate["courses"] = [_v1_course(course, declared) for course in candidate.get("courses", [])]
    out["candidate"] = candidate
    return out
