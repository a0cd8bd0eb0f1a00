"""Tender format v1, kept to validate v1 files (errors in their own terms) before they are upgraded to v2.

The checks read :mod:`compliance.models.tender_v2`; this module also holds what both formats share
(``Phase``, the attestation policy).

The tender specification: every condition of a Flextender/DAS posting as data.

A tender file is the contract between the buyer's posting and the checks. Values the posting
does not state (whether the maximum rate excludes BTW, whether the SROI threshold applies per
assignment, the SROI percentage) are still configured here, but flagged ``*_is_assumption`` so
every report can say which assumption it used.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AwareDatetime, Field, field_validator, model_validator

from compliance.models.common import Euro, NonEmptyStr, StrictModel
from compliance.models.submission import EducationLevel, EmployerType, RoleType


class Phase(StrEnum):
    """The procedure phase a check is run for; conditions can be required from a phase on."""

    SUBMISSION = "submission"
    AWARD = "award"

    @property
    def rank(self) -> int:
        """Order of the phases, so "required in phase X" means "from X on"."""
        return 0 if self is Phase.SUBMISSION else 1


class Clause(StrictModel):
    """Where in the tender (or law) a condition comes from, for the legal reference column."""

    reference: NonEmptyStr = Field(description="Human reference, e.g. 'Flextender 27442, knock-out 2'.")
    text: str | None = Field(default=None, max_length=4000, description="The clause as the posting words it.")


class StartSpec(StrictModel):
    """The start of the assignment: a fixed date, or 'z.s.m.' with the date the checks assume."""

    kind: Literal["date", "asap"]
    planned_date: date = Field(
        description="The start date the checks use. For 'asap' this is an assumption and is reported as such."
    )
    note: str | None = Field(default=None, max_length=1000)


class ExtensionOption(StrictModel):
    """One or more identical extension options (e.g. 2 x 6 months)."""

    count: int = Field(ge=1, le=20)
    months: int = Field(ge=1, le=120)


class TermSpec(StrictModel):
    """Duration and workload of the assignment."""

    initial_months: int = Field(ge=1, le=120)
    extension_options: list[ExtensionOption] = Field(default_factory=list)
    hours_per_week: Decimal = Field(gt=0, le=60)


class RateSpec(StrictModel):
    """The maximum hourly rate and on what BTW basis it is meant."""

    max_hourly_rate_eur: Euro
    vat_basis: Literal["excluded", "included"] = "excluded"
    vat_basis_is_assumption: bool = Field(
        default=False, description="True when the posting does not say whether the maximum excludes BTW."
    )
    clause: Clause


class DbaCondition(StrictModel):
    """The Wet DBA execution condition: no employment relation with the buyer may arise."""

    zzp_excluded: bool = True
    clause: Clause


class WaadiCondition(StrictModel):
    """Waadi registration for suppliers that lend staff (art. 7a Waadi)."""

    required_when_lending: bool = True
    clause: Clause


class VogCondition(StrictModel):
    """Verklaring Omtrent het Gedrag: required content and the phase it is asked in."""

    required: bool = True
    phase: Phase = Phase.AWARD
    functieaspecten: list[Annotated[str, Field(pattern=r"^\d{2}$")]] = Field(default_factory=lambda: ["84"])
    accepted_profiles: list[Annotated[str, Field(pattern=r"^\d{2}$")]] = Field(
        default_factory=list, description="Specific Justis screening profiles accepted instead of the aspects."
    )
    max_age_months_before_start: int = Field(default=3, ge=1, le=36)
    clause: Clause


class IntegrityCondition(StrictModel):
    """The integrity declaration the buyer asks for."""

    required: bool = True
    phase: Phase = Phase.AWARD
    clause: Clause


class SroiCondition(StrictModel):
    """Social Return obligation above a contract-value threshold.

    The percentage and whether the threshold counts per assignment or per supplier over the DAS are
    usually settings of the DAS rather than of one posting: left out, they come from the dated
    rule parameters (``sroi_default_percentage``, ``sroi_default_threshold_scope``) and are reported
    as assumptions.
    """

    threshold_eur: Euro
    threshold_is_assumption: bool = Field(default=False, description="True when the threshold is not in the posting.")
    percentage: Decimal | None = Field(default=None, ge=0, le=100, description="Left out: the DAS default.")
    percentage_is_assumption: bool = False
    threshold_scope: Literal["per_assignment", "cumulative_das"] | None = Field(
        default=None, description="Left out: the DAS default (a rule parameter)."
    )
    threshold_scope_is_assumption: bool = False
    value_basis: Literal["offered_rate", "max_rate"] = "offered_rate"
    value_basis_is_assumption: bool = False
    clause: Clause


class Conditions(StrictModel):
    """The legal execution conditions of the posting; a missing one is not part of the tender."""

    dba: DbaCondition | None = None
    waadi: WaadiCondition | None = None
    vog: VogCondition | None = None
    integrity_declaration: IntegrityCondition | None = None
    sroi: SroiCondition | None = None


class AcceptedProgramme(StrictModel):
    """A programme name accepted for the education knock-out, with the aliases it is known by."""

    name: NonEmptyStr
    aliases: list[NonEmptyStr] = Field(default_factory=list)
    note: str | None = Field(default=None, max_length=1000)


class EducationRule(StrictModel):
    """Knock-out: a completed education at a minimum level in an accepted programme."""

    type: Literal["education"] = "education"
    min_level: EducationLevel
    accepted_programmes: list[AcceptedProgramme] = Field(min_length=1)
    review_programmes: list[AcceptedProgramme] = Field(
        default_factory=list, description="Programmes that only the buyer can accept: needs review."
    )
    open_ended: bool = Field(
        default=False,
        description="True when the posting adds 'or another ... programme': unknown programmes need review.",
    )
    clause: Clause


class RegistrationRule(StrictModel):
    """Knock-out: a professional registration valid at the deadline and at the planned start."""

    type: Literal["registration"] = "registration"
    register_name: NonEmptyStr = Field(alias="register")
    number_pattern: str = Field(default=r"^\d{6,10}$", description="Plausibility pattern, not an official format.")
    max_validity_years: int = Field(default=5, ge=1, le=20)
    number_and_expiry_in_cv: bool = Field(default=True, description="The posting demands both in the CV.")
    clause: Clause


class ExperienceRule(StrictModel):
    """Dated experience: minimum months inside a window, in accepted roles, employers and target groups."""

    type: Literal["experience"] = "experience"
    role_types: list[RoleType] = Field(min_length=1)
    employer_types: list[EmployerType] = Field(default_factory=list, description="Empty means any employer.")
    target_groups: list[NonEmptyStr] = Field(default_factory=list, description="All must be present on a job.")
    window_years: int = Field(ge=1, le=50)
    min_months: int = Field(ge=1, le=600)
    example_required: bool = False
    clause: Clause


KnockoutRule = Annotated[EducationRule | RegistrationRule | ExperienceRule, Field(discriminator="type")]


class CvRequirements(StrictModel):
    """Formal requirements for the CV document."""

    max_pages: int | None = Field(default=None, ge=1, le=100)
    language: str | None = Field(default=None, pattern=r"^[a-z]{2}$")
    min_references: int | None = Field(default=None, ge=0, le=20)
    clause: Clause


class ExperienceCriterion(ExperienceRule):
    """Selection criterion: dated experience earns its points when the minimum is met."""

    points: int = Field(ge=0, le=1000)
    id: NonEmptyStr


class FlagCriterion(StrictModel):
    """Selection criterion: experience with something shown on a job, optionally with an example."""

    type: Literal["experience_flag"] = "experience_flag"
    id: NonEmptyStr
    flag: Literal["safety_plan", "solution_focused"]
    example_required: bool = True
    points: int = Field(ge=0, le=1000)
    clause: Clause


class CourseCriterion(StrictModel):
    """Selection criterion: a completed course on a topic."""

    type: Literal["course"] = "course"
    id: NonEmptyStr
    topic: NonEmptyStr
    points: int = Field(ge=0, le=1000)
    clause: Clause


SelectionCriterion = Annotated[ExperienceCriterion | FlagCriterion | CourseCriterion, Field(discriminator="type")]


class SelectionSpec(StrictModel):
    """Scoring of compliant candidates (step 2 of the Flextender procedure)."""

    criteria: list[SelectionCriterion] = Field(default_factory=list)
    max_selected: int = Field(default=5, ge=1, le=100)
    tie_break: Literal["lowest_rate"] = "lowest_rate"
    unresolved_tie: Literal["lot"] = Field(
        default="lot", description="Still equal after the tie-break: decided by the buyer (loting)."
    )
    clause: Clause


TrustedAttester = Literal["client", "platform"]


def _client_and_platform() -> list[TrustedAttester]:
    return ["client", "platform"]


class AttestationPolicy(StrictModel):
    """Whose attestations may lift a finding that needs review to pass.

    Only the buyer (client) and the DAS platform can be trusted; a supplier attesting its own
    registration is never enough, so it cannot be configured here.
    """

    trusted_roles: list[TrustedAttester] = Field(
        default_factory=_client_and_platform, min_length=1, description="Roles whose attestations count."
    )


class Tender(StrictModel):
    """A complete tender specification (one inhuuropdracht)."""

    schema_version: Literal["1"]
    tender_id: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")]
    title: NonEmptyStr
    organisation: NonEmptyStr
    platform: str | None = Field(default=None, max_length=200)
    platform_reference: str | None = Field(default=None, max_length=200)
    das: bool = False
    source_url: str | None = Field(default=None, max_length=1000)
    published_on: date | None = None
    deadline: AwareDatetime = Field(description="Offer deadline as an instant, with its UTC offset.")
    time_zone: str = Field(default="Europe/Amsterdam", max_length=64)
    start: StartSpec
    term: TermSpec
    education_level: str | None = Field(default=None, max_length=40)
    rate: RateSpec
    conditions: Conditions
    knockouts: list[KnockoutRule] = Field(default_factory=list)
    cv: CvRequirements | None = None
    selection: SelectionSpec | None = None
    attestations: AttestationPolicy = Field(default_factory=AttestationPolicy)

    @field_validator("time_zone")
    @classmethod
    def _known_time_zone(cls, value: str) -> str:
        # An unknown zone would otherwise surface later as an internal error in the deadline check.
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"onbekende tijdzone '{value}' (verwacht bijv. Europe/Amsterdam)") from None
        return value

    @model_validator(mode="after")
    def _one_rule_per_kind(self) -> Tender:
        """Each knock-out kind maps to one stable check ID, so a tender may state it once."""
        kinds = [rule.type for rule in self.knockouts]
        duplicated = sorted({kind for kind in kinds if kinds.count(kind) > 1})
        if duplicated:
            raise ValueError(f"knock-out type(s) listed more than once: {', '.join(duplicated)}")
        return self
