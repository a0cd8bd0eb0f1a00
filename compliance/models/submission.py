"""Submission format v1: one supplier (an agency) offering one candidate for one tender.

The JSON shape is a published contract (``schemas/submission.schema.json`` is generated from
these models). Unknown fields are an error. Personal data is limited to what the checks need:
there is deliberately no field for a BSN, a date of birth or an address.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, StrictBool, StrictFloat, StrictInt, ValidationInfo, field_validator

from compliance.models.common import Euro, IsoDate, IsoDatetime, KvkNumber, NonEmptyStr, StrictModel
from compliance.privacy import contains_bsn


def _no_bsn_in_identifier(value: Any) -> Any:
    # The submission and candidate IDs name output files and are printed in summaries and logs,
    # where masking would make them useless (two IDs could become the same). So an ID that holds a
    # possible BSN is refused outright. The loader has masked the number already; either way counts.
    if isinstance(value, str) and contains_bsn(value):
        raise ValueError(
            "dit ID bevat een nummer dat de elfproef doorstaat (mogelijk een BSN); het ID komt in bestandsnamen "
            "en rapporten, kies daarom een ID zonder zo'n nummer"
        )
    return value


NO_BSN_IN_ID = BeforeValidator(_no_bsn_in_identifier)
"""For an identifier that ends up in file names and reports: never one holding a possible BSN."""


class LegalForm(StrEnum):
    """Legal form of the supplier as declared (normalised KvK rechtsvorm)."""

    EENMANSZAAK = "eenmanszaak"
    VOF = "vof"
    MAATSCHAP = "maatschap"
    CV = "cv"
    BV = "bv"
    NV = "nv"
    STICHTING = "stichting"
    VERENIGING = "vereniging"
    COOPERATIE = "cooperatie"
    OTHER = "other"


class Engagement(StrEnum):
    """How the candidate works for the supplier."""

    DETACHERING = "detachering"
    UITZENDING = "uitzending"
    PAYROLL = "payroll"
    ZZP = "zzp"

    @property
    def is_lending(self) -> bool:
        """Detachering, uitzending and payroll all put a worker at another's disposal (Waadi TBA)."""
        return self is not Engagement.ZZP


class EducationLevel(StrEnum):
    """Dutch education levels, ordered by :data:`EDUCATION_LEVEL_RANK`."""

    MBO = "mbo"
    HBO_ASSOCIATE = "hbo_associate"
    HBO_BACHELOR = "hbo_bachelor"
    WO_BACHELOR = "wo_bachelor"
    HBO_MASTER = "hbo_master"
    WO_MASTER = "wo_master"
    OTHER = "other"


# "other" ranks lowest: an unknown level never satisfies a minimum by itself.
EDUCATION_LEVEL_RANK: dict[EducationLevel, int] = {
    EducationLevel.OTHER: 0,
    EducationLevel.MBO: 1,
    EducationLevel.HBO_ASSOCIATE: 2,
    EducationLevel.HBO_BACHELOR: 3,
    EducationLevel.WO_BACHELOR: 3,
    EducationLevel.HBO_MASTER: 4,
    EducationLevel.WO_MASTER: 4,
}


class RoleType(StrEnum):
    """Kind of role held in a job, as the tender's experience rules name them."""

    GEZINSCOACH = "gezinscoach"
    JEUGDCONSULENT = "jeugdconsulent"
    AMBULANT_HULPVERLENER = "ambulant_hulpverlener"
    JEUGDHULPVERLENER = "jeugdhulpverlener"
    MAATSCHAPPELIJK_WERKER = "maatschappelijk_werker"
    OTHER = "other"


class EmployerType(StrEnum):
    """Kind of organisation the job was at."""

    GEMEENTE = "gemeente"
    ZORGAANBIEDER = "zorgaanbieder"
    ONDERWIJS = "onderwijs"
    OTHER = "other"


class Supplier(StrictModel):
    """The inschrijver: the party that submits and contracts."""

    name: NonEmptyStr
    kvk_number: KvkNumber
    legal_form: LegalForm
    employees: StrictInt | None = Field(default=None, ge=0, le=1_000_000)
    waadi_registered: StrictBool | None = Field(default=None, description="Supplier's own declaration.")


class Education(StrictModel):
    """A programme followed; ``completed_on: null`` means not completed."""

    level: EducationLevel
    programme: NonEmptyStr
    institution: str | None = Field(default=None, max_length=300)
    completed_on: IsoDate | None


class Registration(StrictModel):
    """A professional registration such as SKJ."""

    # "register" would shadow BaseModel.register (the ABC hook), so the field is aliased.
    register_name: NonEmptyStr = Field(alias="register")
    number: str | None = Field(default=None, max_length=40)
    valid_until: IsoDate | None = None


def end_not_before_start(end: date | None, info: ValidationInfo) -> date | None:
    """A job's end may not precede its start; reported on "end", so the error points at the field to correct."""
    start = info.data.get("start")
    if end is not None and start is not None and end < start:
        raise ValueError(f"einddatum {end.isoformat()} ligt vóór de begindatum {start.isoformat()}")
    return end


class Experience(StrictModel):
    """One job; ``end: null`` means the job is current."""

    role: NonEmptyStr
    role_type: RoleType
    employer: NonEmptyStr
    employer_type: EmployerType
    start: IsoDate
    end: IsoDate | None
    hours_per_week: StrictFloat | None = Field(default=None, gt=0, le=80)
    target_groups: list[Annotated[str, Field(min_length=1, max_length=60)]] = Field(default_factory=list)
    example: str | None = Field(default=None, max_length=4000)
    safety_plan: StrictBool = False
    solution_focused: StrictBool = False

    _end_after_start = field_validator("end")(end_not_before_start)


class Course(StrictModel):
    """A course or training; ``completed_on: null`` means not completed."""

    name: NonEmptyStr
    topic: str | None = Field(default=None, max_length=100)
    completed_on: IsoDate | None = None


class Reference(StrictModel):
    """A reference named in the CV."""

    name: NonEmptyStr
    role: str | None = Field(default=None, max_length=200)
    organisation: str | None = Field(default=None, max_length=300)
    contact: str | None = Field(default=None, max_length=300)


class Candidate(StrictModel):
    """The professional offered. Only what the checks need; no BSN, birth date or address."""

    id: Annotated[str, Field(min_length=1, max_length=64), NO_BSN_IN_ID]
    name: NonEmptyStr
    engagement: Engagement
    owner_of_supplier: StrictBool = False
    education: list[Education] = Field(default_factory=list)
    registrations: list[Registration] = Field(default_factory=list)
    experience: list[Experience] = Field(default_factory=list)
    courses: list[Course] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)


class Offer(StrictModel):
    """The offered all-in hourly rate; ``vat_included: null`` means the offer does not say."""

    hourly_rate_eur: Euro
    vat_included: StrictBool | None = False


class CvDocument(StrictModel):
    """Facts about the CV as declared (a later version reads them from the PDF itself)."""

    pages: StrictInt | None = Field(default=None, ge=1, le=1000)
    language: str | None = Field(default=None, pattern=r"^([a-z]{2}|und)$")
    file: str | None = Field(default=None, max_length=500, description="CV PDF, relative to the submission.")


class VogDocument(StrictModel):
    """VOG metadata only: never a copy of the certificate (art. 10 AVG)."""

    issued_on: IsoDate
    functieaspecten: list[Annotated[str, Field(pattern=r"^\d{2}$")]] = Field(default_factory=list)
    screening_profile: str | None = Field(default=None, pattern=r"^\d{2}$")


class IntegrityDeclaration(StrictModel):
    """The signed integrity declaration."""

    signed_on: IsoDate


class Documents(StrictModel):
    """The documents that come with the submission."""

    cv: CvDocument | None = None
    vog: VogDocument | None = None
    integrity_declaration: IntegrityDeclaration | None = None


class Submission(StrictModel):
    """One offer: a supplier offering one candidate for one tender (format v1)."""

    schema_version: Literal["1"]
    tender_id: Annotated[str, Field(min_length=1, max_length=80)]
    submission_id: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$"), NO_BSN_IN_ID]
    submitted_at: IsoDatetime | None = Field(description="When the offer was (or will be) submitted, with offset.")
    supplier: Supplier
    candidate: Candidate
    offer: Offer
    documents: Documents = Field(default_factory=Documents)
