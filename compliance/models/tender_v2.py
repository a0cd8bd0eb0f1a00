"""Tender specification v2: any DAS posting as data, in the posting's own words and vocabulary.

Version 1 was shaped by one posting (Heerde, jeugd): one rule per knock-out kind, closed role and
employer enums, two hard-coded "experience flags". Version 2 keeps v1's field names wherever the
meaning is unchanged and generalises the rest:

* ``requirements`` is one list of eisen (knock-outs) and wensen (scored criteria). Each carries the
  posting's own ID and clause, and one of a few generic kinds (``type``): education, registration
  (any register, by name and aliases), experience, certificate, statement (what software cannot
  judge: a person scores it).
* ``vocabulary`` declares the roles, employer kinds and domains the requirements refer to, with
  the synonyms an offer's free text is matched against; nothing role-specific lives in code.
* ``to_confirm`` lists what the posting did not settle (a draft made by the importer, or a value
  a person assumed): a JSON pointer plus a Dutch reason, and who settled it, if anyone did.

A v1 file is upgraded to this shape on load by :func:`upgrade_v1`, so every v1 tender keeps working.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, Field, field_validator, model_validator

from compliance.models.common import Euro, NonEmptyStr, StrictModel
from compliance.models.submission import EducationLevel
from compliance.models.tender import AttestationPolicy, Phase

SCHEMA_VERSION = "2"

Code = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,59}$", description="A vocabulary code: lower case, digits, _.")]
"""A term's code in the tender's vocabulary, e.g. ``gemeente`` or ``gedragsproblematiek``."""

RequirementId = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")]
"""The posting's own number or label of an eis or wens, e.g. ``K2`` or ``W1``."""


class Clause(StrictModel):
    """Where a value comes from: the posting's reference, its exact words and the lines they stand on."""

    reference: NonEmptyStr = Field(description="Human reference, e.g. 'Flextender 27442, knock-out 2'.")
    text: str | None = Field(default=None, max_length=4000, description="The clause as the posting words it.")
    lines: list[Annotated[int, Field(ge=1)]] = Field(
        default_factory=list, description="1-based line numbers in the posting text (set by the importer)."
    )


class OrganisationKind(StrEnum):
    """The kind of public body that hires; a samenwerkingsverband names its penvoerder."""

    GEMEENTE = "gemeente"
    PROVINCIE = "provincie"
    GEMEENSCHAPPELIJKE_REGELING = "gemeenschappelijke_regeling"
    SAMENWERKINGSVERBAND = "samenwerkingsverband"
    WATERSCHAP = "waterschap"
    OTHER = "other"


class StartSpec(StrictModel):
    """The start: a fixed date, or 'z.s.m.' with the date the checks assume (an assumption, reported)."""

    kind: Literal["date", "asap"]
    planned_date: date
    note: str | None = Field(default=None, max_length=1000)
    clause: Clause | None = None


class ExtensionOption(StrictModel):
    """One or more identical extension options: '2 x 6 maanden' is ``{count: 2, months: 6}``."""

    count: int = Field(ge=1, le=20)
    months: int = Field(ge=1, le=120)


class HoursPerWeek(StrictModel):
    """Hours per week: one number (min = max), a range ('24 tot 32'), or an average ('gemiddeld 24')."""

    min: Decimal = Field(gt=0, le=60)
    max: Decimal = Field(gt=0, le=60)
    average: bool = Field(default=False, description="The posting says 'gemiddeld': weeks may differ.")

    @model_validator(mode="after")
    def _ordered(self) -> HoursPerWeek:
        if self.max < self.min:
            raise ValueError(f"max ({self.max}) is kleiner dan min ({self.min})")
        return self


class TermSpec(StrictModel):
    """Duration and workload of the assignment."""

    initial_months: int = Field(ge=1, le=120)
    extension_options: list[ExtensionOption] = Field(default_factory=list)
    hours_per_week: HoursPerWeek
    end_date: date | None = Field(default=None, description="End of the initial term, when the posting gives one.")
    clause: Clause | None = None

    @field_validator("hours_per_week", mode="before")
    @classmethod
    def _single_number(cls, value: Any) -> Any:
        # v1 wrote one number; it still means "exactly this many hours".
        if isinstance(value, int | float | Decimal | str) and not isinstance(value, bool):
            return {"min": value, "max": value}
        return value

    @property
    def option_months(self) -> int:
        """Months added if every extension option is used."""
        return sum(option.count * option.months for option in self.extension_options)

    @property
    def max_months(self) -> int:
        """Months including every option: the basis for contract value and the latest end date."""
        return self.initial_months + self.option_months


class RateSpec(StrictModel):
    """The maximum hourly rate (``None``: the posting sets none) and on what BTW basis it is meant."""

    max_hourly_rate_eur: Euro | None
    min_hourly_rate_eur: Euro | None = Field(default=None, description="Lower end when the posting gives a range.")
    vat_basis: Literal["excluded", "included"] = "excluded"
    vat_basis_is_assumption: bool = Field(
        default=False, description="True when the posting does not say whether the maximum excludes BTW."
    )
    includes: list[Literal["reiskosten", "fee", "reistijd"]] = Field(
        default_factory=list, description="Costs the posting says the maximum includes ('incl. reiskosten en fee')."
    )
    clause: Clause | None = None


class DbaCondition(StrictModel):
    """The Wet DBA condition as the posting states it: ZZP excluded, explicitly allowed, or not said."""

    zzp: Literal["excluded", "allowed", "silent"] = "excluded"
    clause: Clause | None = None


class WaadiCondition(StrictModel):
    """Waadi registration (art. 7a): applies to every lender by law, whether or not the posting says so."""

    required_when_lending: bool = True
    stated_in_posting: bool = True
    clause: Clause | None = None


class VogCondition(StrictModel):
    """Verklaring Omtrent het Gedrag: required content, accepted profiles and the phase it is asked in."""

    required: bool = True
    phase: Phase = Phase.AWARD
    functieaspecten: list[Annotated[str, Field(pattern=r"^\d{2}$")]] = Field(default_factory=list)
    accepted_profiles: list[Annotated[str, Field(pattern=r"^\d{2}$")]] = Field(
        default_factory=list, description="Justis screening profiles accepted besides the aspects (e.g. '96')."
    )
    max_age_months_before_start: int | None = Field(default=None, ge=1, le=36)
    clause: Clause | None = None


class IntegrityCondition(StrictModel):
    """The integrity declaration the buyer asks for."""

    required: bool = True
    phase: Phase = Phase.AWARD
    clause: Clause | None = None


class SroiCondition(StrictModel):
    """Social Return as the posting states it; the DAS settings fill in what the posting leaves open."""

    threshold_eur: Euro | None = None
    threshold_is_assumption: bool = False
    percentage: Decimal | None = Field(default=None, ge=0, le=100)
    percentage_is_assumption: bool = False
    threshold_scope: Literal["per_assignment", "cumulative_das"] | None = None
    threshold_scope_is_assumption: bool = False
    value_basis: Literal["offered_rate", "max_rate"] = "offered_rate"
    value_basis_is_assumption: bool = False
    clause: Clause | None = None


class Conditions(StrictModel):
    """The execution conditions; Waadi and Wtta apply by law even when a posting is silent."""

    dba: DbaCondition = Field(default_factory=lambda: DbaCondition(zzp="silent"))
    waadi: WaadiCondition = Field(default_factory=lambda: WaadiCondition(stated_in_posting=False))
    vog: VogCondition | None = None
    integrity_declaration: IntegrityCondition | None = None
    sroi: SroiCondition | None = None


class Term(StrictModel):
    """A vocabulary term: its Dutch label and the words an offer's free text may use for it."""

    label: NonEmptyStr
    synonyms: list[NonEmptyStr] = Field(default_factory=list)
    review_synonyms: list[NonEmptyStr] = Field(
        default_factory=list,
        description="Words that may mean this term but need a person's judgement (e.g. 'wijkteam' for gemeente).",
    )


class Vocabulary(StrictModel):
    """The roles, employer kinds and domains this tender's requirements refer to, with synonyms."""

    roles: dict[Code, Term] = Field(default_factory=dict)
    employer_kinds: dict[Code, Term] = Field(default_factory=dict)
    domains: dict[Code, Term] = Field(default_factory=dict)


class Programme(StrictModel):
    """A programme or certificate name with the aliases it is known by."""

    name: NonEmptyStr
    aliases: list[NonEmptyStr] = Field(default_factory=list)
    note: str | None = Field(default=None, max_length=1000)


class _RequirementBase(StrictModel):
    """What every eis and wens has: the posting's ID and words, and whether it knocks out or scores."""

    id: RequirementId
    kind: Literal["knockout", "scored"]
    points: int | None = Field(default=None, ge=0, le=1000)
    percent: Decimal | None = Field(default=None, ge=0, le=100)
    clause: Clause

    @model_validator(mode="after")
    def _weight_matches_kind(self) -> _RequirementBase:
        weighted = self.points is not None or self.percent is not None
        if self.kind == "scored" and not weighted:
            raise ValueError(f"wens {self.id}: geef 'points' of 'percent'")
        if self.kind == "knockout" and weighted:
            raise ValueError(f"eis {self.id}: een knock-out heeft geen punten of percentage")
        if self.points is not None and self.percent is not None:
            raise ValueError(f"wens {self.id}: geef 'points' of 'percent', niet allebei")
        return self


class EducationRequirement(_RequirementBase):
    """A completed education at a minimum level in an accepted programme."""

    type: Literal["education"] = "education"
    min_level: EducationLevel
    accepted_programmes: list[Programme] = Field(default_factory=list)
    review_programmes: list[Programme] = Field(default_factory=list)
    open_ended: bool = Field(default=False, description="'of een andere relevante opleiding': unknown → review.")


class ValidityMoment(StrEnum):
    """The reference date a registration or certificate must be valid at."""

    DEADLINE = "deadline"
    START = "start"


class NumberFormat(StrictModel):
    """How a register number looks, with a description for people (a pattern is never shown)."""

    pattern: str = r"^\d{6,12}$"
    description: NonEmptyStr = "6 tot 12 cijfers"
    is_assumption: bool = True


class RegistrationRequirement(_RequirementBase):
    """A registration in a named register (SKJ, BIG, or another), recognised by its aliases."""

    type: Literal["registration"] = "registration"
    register_name: NonEmptyStr = Field(alias="register")
    aliases: list[NonEmptyStr] = Field(default_factory=list)
    number_format: NumberFormat = Field(default_factory=NumberFormat)
    valid_at: list[ValidityMoment] = Field(default_factory=lambda: [ValidityMoment.DEADLINE, ValidityMoment.START])
    max_validity_years: int | None = Field(default=None, ge=1, le=20)
    number_and_expiry_in_cv: bool = False


class ExperienceRequirement(_RequirementBase):
    """Experience: at least ``min_months`` within a window before the deadline, matched on vocabulary.

    Every listed dimension must match a job: one of ``roles``, one of ``employer_kinds``, and all of
    ``domains``. An empty list does not restrict. ``min_months`` ``None`` asks only that some job shows it.
    """

    type: Literal["experience"] = "experience"
    min_months: int | None = Field(default=None, ge=1, le=600)
    window_years: int | None = Field(default=None, ge=1, le=50, description="None: no window stated (to confirm).")
    roles: list[Code] = Field(default_factory=list)
    employer_kinds: list[Code] = Field(default_factory=list)
    domains: list[Code] = Field(default_factory=list)
    example_required: bool = False
    min_hours_per_week: Decimal | None = Field(default=None, gt=0, le=60)


class CertificateRequirement(_RequirementBase):
    """A named certificate (PRINCE2, BOA) or a completed course on a domain of the vocabulary."""

    type: Literal["certificate"] = "certificate"
    certificates: list[Programme] = Field(default_factory=list)
    domains: list[Code] = Field(default_factory=list)
    valid_at: ValidityMoment | None = None

    @model_validator(mode="after")
    def _names_something(self) -> CertificateRequirement:
        if not self.certificates and not self.domains:
            raise ValueError(f"{self.id}: noem 'certificates' of 'domains'")
        return self


class StatementRequirement(_RequirementBase):
    """What software cannot judge ('affiniteit met …'): the offer answers it, a person assesses it."""

    type: Literal["statement"] = "statement"


Requirement = Annotated[
    EducationRequirement
    | RegistrationRequirement
    | ExperienceRequirement
    | CertificateRequirement
    | StatementRequirement,
    Field(discriminator="type"),
]


class CvRequirements(StrictModel):
    """Formal requirements for the CV document."""

    max_pages: int | None = Field(default=None, ge=1, le=100)
    language: str | None = Field(default=None, pattern=r"^[a-z]{2}$")
    min_references: int | None = Field(default=None, ge=0, le=20)
    clause: Clause | None = None


TieBreakStep = Annotated[
    str, Field(pattern=r"^(lowest_rate|lot|criterion:[A-Za-z0-9][A-Za-z0-9._-]{0,39})$")
]
"""One step of the tie-break chain: ``lowest_rate``, ``criterion:<requirement id>`` or ``lot``."""


class SelectionSpec(StrictModel):
    """Step 2 of the procedure: how many are selected and how equal scores are split."""

    max_selected: int = Field(default=5, ge=1, le=100)
    tie_break: list[TieBreakStep] = Field(default_factory=lambda: ["lowest_rate", "lot"])
    clause: Clause | None = None

    @field_validator("tie_break", mode="before")
    @classmethod
    def _single_step(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


class Confirmation(StrictModel):
    """Who settled an open item, when, and the value they chose."""

    by: NonEmptyStr
    at: AwareDatetime
    value: Any = None


class ToConfirm(StrictModel):
    """A value the posting did not settle: the pointer into this tender and why, in Dutch."""

    pointer: Annotated[str, Field(pattern=r"^(/[^/]*)*$")]
    reason: NonEmptyStr
    confirmed: Confirmation | None = None


class PostingSource(StrictModel):
    """The posting file a draft was imported from, so every line number can be looked up."""

    file: NonEmptyStr
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    imported_at: datetime | None = None


class TenderV2(StrictModel):
    """A complete tender specification (one inhuuropdracht), format v2."""

    schema_version: Literal["2"]
    tender_id: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")]
    title: NonEmptyStr
    organisation: NonEmptyStr
    organisation_kind: OrganisationKind | None = None
    penvoerder: str | None = Field(default=None, max_length=300, description="Lead body of a samenwerkingsverband.")
    region: str | None = Field(default=None, max_length=200)
    platform: str | None = Field(default=None, max_length=200)
    platform_reference: str | None = Field(default=None, max_length=200)
    das: bool = False
    das_settings: Code | None = Field(default=None, description="ID of the DAS settings (SROI terms), e.g. 'talentenregio'.")
    source_url: str | None = Field(default=None, max_length=1000)
    source: PostingSource | None = None
    published_on: date | None = None
    deadline: AwareDatetime = Field(description="Offer deadline as an instant, with its UTC offset.")
    time_zone: str = Field(default="Europe/Amsterdam", max_length=64)
    start: StartSpec
    term: TermSpec
    education_level: str | None = Field(default=None, max_length=40)
    rate: RateSpec
    conditions: Conditions = Field(default_factory=Conditions)
    vocabulary: Vocabulary = Field(default_factory=Vocabulary)
    requirements: list[Requirement] = Field(default_factory=list)
    cv: CvRequirements | None = None
    selection: SelectionSpec | None = None
    interviews: list[date] = Field(default_factory=list)
    attestations: AttestationPolicy = Field(default_factory=AttestationPolicy)
    to_confirm: list[ToConfirm] = Field(default_factory=list)
    sources: dict[str, Clause] = Field(
        default_factory=dict,
        description="JSON pointer → where the posting says it, for values without a clause of their own "
        "(deadline, title, interviews, …).",
    )

    @model_validator(mode="after")
    def _consistent(self) -> TenderV2:
        ids = [requirement.id for requirement in self.requirements]
        duplicated = sorted({rid for rid in ids if ids.count(rid) > 1})
        if duplicated:
            raise ValueError(f"eis/wens-ID meer dan eens gebruikt: {', '.join(duplicated)}")
        self._check_vocabulary()
        return self

    def _check_vocabulary(self) -> None:
        """Every code a requirement uses must be declared, so a typo never silently matches nothing."""
        declared = {
            "roles": self.vocabulary.roles,
            "employer_kinds": self.vocabulary.employer_kinds,
            "domains": self.vocabulary.domains,
        }
        for requirement in self.requirements:
            for dimension, terms in declared.items():
                for code in getattr(requirement, dimension, ()):
                    if code not in terms:
                        allowed = ", ".join(sorted(terms)) or "geen"
                        raise ValueError(
                            f"{requirement.id}: '{code}' staat niet in vocabulary.{dimension} (bekend: {allowed})"
                        )

    @property
    def knockouts(self) -> list[Requirement]:
        """The eisen, in posting order."""
        return [requirement for requirement in self.requirements if requirement.kind == "knockout"]

    @property
    def criteria(self) -> list[Requirement]:
        """The wensen, in posting order."""
        return [requirement for requirement in self.requirements if requirement.kind == "scored"]

    @property
    def open_items(self) -> list[ToConfirm]:
        """What still needs a person's confirmation."""
        return [item for item in self.to_confirm if item.confirmed is None]
