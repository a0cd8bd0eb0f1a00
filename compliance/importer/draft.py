"""The importer's typed intermediate: every field of a posting as a sourced value, before any tender shape.

Field rules fill a :class:`PostingDraft`; :mod:`compliance.importer.to_tender` maps it to the
tender format. Keeping the two apart lets the rules be tested on what they read, whatever the
tender format's field names become.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from compliance.importer.text import Doubt, Source, Sourced

VatBasis = Literal["excluded", "included"]
Phase = Literal["submission", "award"]
RequirementKind = Literal["knockout", "scored"]


@dataclass(frozen=True, slots=True)
class Organisation:
    """The hiring body, its kind and (for a samenwerkingsverband) its penvoerder."""

    name: str
    kind: str  # OrganisationKind value
    penvoerder: str | None = None


@dataclass(frozen=True, slots=True)
class Start:
    """'date' with its day, or 'asap' ("z.s.m.") without one."""

    kind: Literal["date", "asap"]
    day: date | None = None


@dataclass(frozen=True, slots=True)
class Hours:
    """Hours per week: min = max for one number; ``average`` for "gemiddeld"."""

    min: Decimal
    max: Decimal
    average: bool = False


@dataclass(frozen=True, slots=True)
class Extension:
    """``count`` options of ``months`` each."""

    count: int
    months: int


@dataclass(frozen=True, slots=True)
class Rate:
    """The maximum rate; ``vat_basis`` None when the posting does not say excl./incl. BTW."""

    max_eur: Decimal | None
    min_eur: Decimal | None = None
    vat_basis: VatBasis | None = None
    includes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Vog:
    """Whether a VOG is asked, in which phase, with which functieaspecten or screening profiles."""

    required: bool
    phase: Phase = "award"
    functieaspecten: tuple[str, ...] = ()
    profiles: tuple[str, ...] = ()
    max_age_months: int | None = None


@dataclass(frozen=True, slots=True)
class Sroi:
    """The SROI terms the posting states: threshold, percentage, the DAS they belong to."""

    threshold_eur: Decimal | None
    percentage: Decimal | None
    das: str | None


@dataclass(slots=True)
class Requirement:
    """One eis or wens: the posting's ID, its kind, its weight, its typed parameters and its words.

    ``params`` holds the type's fields (``min_months``, ``window_years``, ``roles`` ...) as plain
    data; role, employer and domain entries are vocabulary codes declared in ``terms``.
    ``doubts`` hold pointers relative to the requirement (``/window_years``).
    """

    id: str
    kind: RequirementKind
    type: str
    params: dict[str, Any]
    source: Source
    reference: str
    points: int | None = None
    percent: Decimal | None = None
    terms: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)  # dimension -> code -> Term
    doubts: list[Doubt] = field(default_factory=list)


@dataclass(slots=True)
class PostingDraft:
    """Everything read from one posting. A field the posting does not give is None (and a doubt)."""

    file: str
    sha256: str
    request_number: Sourced[str] | None = None
    request_label: str = "Aanvraagnummer"
    title: Sourced[str] | None = None
    organisation: Sourced[Organisation] | None = None
    region: Sourced[str] | None = None
    education_level: Sourced[str] | None = None
    platform: str | None = None
    das: Sourced[bool] | None = None
    das_name: str | None = None
    start: Sourced[Start] | None = None
    end_date: Sourced[date] | None = None
    initial_months: Sourced[int] | None = None
    extensions: Sourced[tuple[Extension, ...]] | None = None
    hours: Sourced[Hours] | None = None
    deadline: Sourced[datetime] | None = None
    rate: Sourced[Rate] | None = None
    dba: Sourced[str] | None = None  # "excluded" | "allowed"; None = silent
    dba_knockout: str | None = None  # the knock-out that repeats the DBA condition ("knock-out 1")
    waadi: Sourced[bool] | None = None
    vog: Sourced[Vog] | None = None
    integrity: Sourced[str] | None = None  # phase
    sroi: Sourced[Sroi] | None = None
    requirements: list[Requirement] = field(default_factory=list)
    cv_pages: Sourced[int] | None = None
    cv_language: Sourced[str] | None = None
    cv_references: Sourced[int] | None = None
    max_selected: Sourced[int] | None = None
    tie_break: Sourced[tuple[str, ...]] | None = None
    interviews: Sourced[tuple[date, ...]] | None = None
    doubts: list[Doubt] = field(default_factory=list)
