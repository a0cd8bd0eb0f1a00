"""Map a :class:`~compliance.importer.draft.PostingDraft` to a draft tender v2 (a JSON-ready dict).

Field names follow :mod:`compliance.models.tender_v2`. Every value keeps its source: in the
``clause`` of the part it belongs to ({reference, text, lines}), and in ``sources`` (JSON pointer →
clause) for the values a tender has no clause slot for (deadline, title, organisation ...).
Every doubt becomes a ``to_confirm`` item. A value the posting did not give stays empty (null);
the draft then becomes a valid tender once its ``to_confirm`` items are settled, which
:func:`validate_draft` checks: any other validation problem is listed as an item too, so nothing
is silently dropped.

One value is proposed rather than left empty: for a "z.s.m." start, the planned date the checks
need is the first Monday at least a week after the last interview (else two weeks after the
deadline), stated in ``start.note`` and listed in ``to_confirm``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from compliance.dates import nl_date
from compliance.importer.draft import PostingDraft, Requirement
from compliance.importer.text import Doubt, Source, Sourced
from compliance.importer.vocabulary import slug


@dataclass(slots=True)
class ImportedTender:
    """The draft tender (JSON-ready), its open items, and the source of every value without a clause slot.

    ``sources`` (JSON pointer → clause) is part of ``tender`` when the tender model has a
    ``sources`` field; until then it is kept here and written next to the tender file.
    """

    tender: dict[str, Any]
    sources: dict[str, Any]

    @property
    def to_confirm(self) -> list[dict[str, Any]]:
        """The items a person must settle."""
        items: list[dict[str, Any]] = self.tender["to_confirm"]
        return items


def _number(value: Decimal) -> int | float:
    """JSON number without spurious decimals (24 not 24.0; 92.5 stays)."""
    return int(value) if value == value.to_integral() else float(value)


def _clause(reference: str, source: Source) -> dict[str, Any]:
    return {"reference": reference, "text": source.text[:4000], "lines": list(source.lines)}


def planned_start(draft: PostingDraft) -> tuple[date | None, str]:
    """The assumed start for 'z.s.m.': the first Monday at least 7 days after the last interview
    (or 14 days after the deadline); None when neither date is known."""
    if draft.interviews is not None:
        base, after = max(draft.interviews.value), f"de gesprekken ({nl_date(max(draft.interviews.value))})"
        earliest = base + timedelta(days=7)
    elif draft.deadline is not None:
        base, after = draft.deadline.value.date(), f"de sluiting ({nl_date(draft.deadline.value.date())})"
        earliest = base + timedelta(days=14)
    else:
        return None, "De uitvraag zegt 'z.s.m.'; er is geen datum bekend om een start van af te leiden."
    monday = earliest + timedelta(days=(7 - earliest.weekday()) % 7)
    days = 7 if draft.interviews is not None else 14
    return monday, (
        f"De uitvraag zegt 'z.s.m.'. Aangenomen startdatum: maandag {nl_date(monday)} "
        f"(eerste maandag ten minste {days} dagen na {after}); te bevestigen."
    )


def _start(draft: PostingDraft, ref: str) -> dict[str, Any] | None:
    if draft.start is None:
        return None
    start = draft.start.value
    clause = _clause(f"{ref}, Start", draft.start.source)
    if start.kind == "date":
        return {"kind": "date", "planned_date": start.day.isoformat() if start.day else None, "clause": clause}
    planned, note = planned_start(draft)
    return {"kind": "asap", "planned_date": planned.isoformat() if planned else None, "note": note, "clause": clause}


def _merged(*items: Sourced[Any] | None) -> Source | None:
    sources = [item.source for item in items if item is not None]
    if not sources:
        return None
    merged = sources[0]
    for other in sources[1:]:
        merged = merged.merged(other)
    return merged


def _term(draft: PostingDraft, ref: str) -> dict[str, Any]:
    term: dict[str, Any] = {
        "initial_months": draft.initial_months.value if draft.initial_months else None,
        "extension_options": [{"count": o.count, "months": o.months} for o in draft.extensions.value]
        if draft.extensions
        else [],
        "hours_per_week": None,
    }
    if draft.hours is not None:
        hours = draft.hours.value
        term["hours_per_week"] = {"min": _number(hours.min), "max": _number(hours.max), "average": hours.average}
    if draft.end_date is not None:
        term["end_date"] = draft.end_date.value.isoformat()
    source = _merged(draft.initial_months, draft.extensions, draft.hours, draft.end_date)
    if source is not None:
        term["clause"] = _clause(f"{ref}, Duur, Opties verlenging, Uren per week", source)
    return term


def _rate(draft: PostingDraft, ref: str) -> dict[str, Any]:
    if draft.rate is None:
        return {"max_hourly_rate_eur": None}
    rate = draft.rate.value
    out: dict[str, Any] = {
        "max_hourly_rate_eur": _number(rate.max_eur) if rate.max_eur is not None else None,
        "vat_basis": rate.vat_basis or "excluded",
        "vat_basis_is_assumption": rate.vat_basis is None and rate.max_eur is not None,
        "clause": _clause(f"{ref}, Maximum tarief", draft.rate.source),
    }
    if rate.min_eur is not None:
        out["min_hourly_rate_eur"] = _number(rate.min_eur)
    if rate.includes:
        out["includes"] = list(rate.includes)
    return out


def _conditions(draft: PostingDraft, ref: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if draft.dba is not None:
        reference = f"{ref}, Uitvoeringsvoorwaarde (Wet DBA)" + (
            f"; {draft.dba_knockout.removeprefix(ref + ', ')}" if draft.dba_knockout else ""
        )
        out["dba"] = {"zzp": draft.dba.value, "clause": _clause(reference, draft.dba.source)}
    else:
        out["dba"] = {"zzp": "silent"}
    if draft.waadi is not None:
        out["waadi"] = {
            "required_when_lending": True,
            "stated_in_posting": True,
            "clause": _clause(f"{ref}, Overige informatie (Waadi); Waadi art. 7a", draft.waadi.source),
        }
    else:
        out["waadi"] = {"required_when_lending": True, "stated_in_posting": False}
    if draft.vog is not None:
        vog = draft.vog.value
        out["vog"] = {
            "required": vog.required,
            "phase": vog.phase,
            "functieaspecten": list(vog.functieaspecten),
            "accepted_profiles": list(vog.profiles),
            "max_age_months_before_start": vog.max_age_months,
            "clause": _clause(f"{ref}, VOG", draft.vog.source),
        }
    if draft.integrity is not None:
        out["integrity_declaration"] = {
            "required": True,
            "phase": draft.integrity.value,
            "clause": _clause(f"{ref}, Integriteitsverklaring", draft.integrity.source),
        }
    if draft.sroi is not None:
        sroi = draft.sroi.value
        out["sroi"] = {
            "threshold_eur": _number(sroi.threshold_eur) if sroi.threshold_eur is not None else None,
            "percentage": _number(sroi.percentage) if sroi.percentage is not None else None,
            "clause": _clause(f"{ref}, SROI" + (f" (DAS {sroi.das})" if sroi.das else ""), draft.sroi.source),
        }
    return out


def _requirement(requirement: Requirement) -> dict[str, Any]:
    out: dict[str, Any] = {"id": requirement.id, "kind": requirement.kind, "type": requirement.type}
    if requirement.points is not None:
        out["points"] = requirement.points
    if requirement.percent is not None:
        out["percent"] = _number(requirement.percent)
    for key, value in requirement.params.items():
        out[key] = _number(value) if isinstance(value, Decimal) else value
    out["clause"] = _clause(requirement.reference, requirement.source)
    return out


def _vocabulary(requirements: list[Requirement]) -> dict[str, Any]:
    vocabulary: dict[str, dict[str, Any]] = {"roles": {}, "employer_kinds": {}, "domains": {}}
    for requirement in requirements:
        for dimension, terms in requirement.terms.items():
            for code, term in terms.items():
                vocabulary[dimension].setdefault(code, term)
    return vocabulary


def _platform(draft: PostingDraft) -> str | None:
    if draft.platform and draft.das_name:
        return f"{draft.platform} (DAS {draft.das_name})"
    return draft.platform


def _sources(draft: PostingDraft, ref: str) -> dict[str, Any]:
    named: dict[str, tuple[str, Sourced[Any] | None]] = {
        "/platform_reference": ("Aanvraagnummer", draft.request_number),
        "/title": ("Titel", draft.title),
        "/organisation": ("Opdrachtgever", draft.organisation),
        "/region": ("Regio", draft.region),
        "/education_level": ("Opleidingsniveau", draft.education_level),
        "/das": ("DAS opdracht", draft.das),
        "/deadline": ("Sluiting", draft.deadline),
        "/interviews": ("Planning gesprekken", draft.interviews),
        "/cv/max_pages": ("CV-eisen (pagina's)", draft.cv_pages),
        "/cv/language": ("CV-eisen (taal)", draft.cv_language),
        "/cv/min_references": ("CV-eisen (referenties)", draft.cv_references),
        "/selection/max_selected": ("Beoordeling (aantal)", draft.max_selected),
        "/selection/tie_break": ("Beoordeling (gelijke score)", draft.tie_break),
    }
    return {
        pointer: _clause(f"{ref}, {label}", item.source) for pointer, (label, item) in named.items() if item is not None
    }


def _cv(draft: PostingDraft, ref: str) -> dict[str, Any] | None:
    source = _merged(draft.cv_pages, draft.cv_language, draft.cv_references)
    if source is None:
        return None
    return {
        "max_pages": draft.cv_pages.value if draft.cv_pages else None,
        "language": draft.cv_language.value if draft.cv_language else None,
        "min_references": draft.cv_references.value if draft.cv_references else None,
        "clause": _clause(f"{ref}, CV-eisen", source),
    }


def _selection(draft: PostingDraft, ref: str) -> dict[str, Any] | None:
    if not any(r.kind == "scored" for r in draft.requirements) and draft.max_selected is None:
        return None
    out: dict[str, Any] = {"max_selected": draft.max_selected.value if draft.max_selected else None}
    if draft.tie_break is not None:
        out["tie_break"] = list(draft.tie_break.value)
    source = _merged(draft.max_selected, draft.tie_break)
    if source is not None:
        out["clause"] = _clause(f"{ref}, Beoordeling", source)
    return out


def _default_id(draft: PostingDraft) -> str:
    if draft.request_number is not None:
        prefix = slug(draft.platform) if draft.platform else "uitvraag"
        return f"{prefix}-{draft.request_number.value}".replace("_", "-")
    title = slug(draft.title.value) if draft.title else "uitvraag"
    return f"concept-{title}".replace("_", "-")[:80]


def to_tender(draft: PostingDraft, tender_id: str | None = None, imported_at: datetime | None = None) -> ImportedTender:
    """The draft tender v2 for a posting draft, with every doubt in ``to_confirm``."""
    ref = (
        f"{draft.platform or 'Uitvraag'} {draft.request_number.value}"
        if draft.request_number
        else (draft.platform or "Uitvraag")
    )
    organisation = draft.organisation.value if draft.organisation else None
    tender: dict[str, Any] = {
        "schema_version": "2",
        "tender_id": tender_id or _default_id(draft),
        "title": draft.title.value if draft.title else None,
        "organisation": organisation.name if organisation else None,
        "organisation_kind": organisation.kind if organisation else None,
        "penvoerder": organisation.penvoerder if organisation else None,
        "region": draft.region.value if draft.region else None,
        "platform": _platform(draft),
        "platform_reference": f"{draft.request_label} {draft.request_number.value}" if draft.request_number else None,
        "das": bool(draft.das and draft.das.value),
        "das_settings": slug(draft.das_name) if draft.das_name else None,
        "source": {
            "file": draft.file,
            "sha256": draft.sha256,
            "imported_at": (imported_at or datetime.now(UTC)).isoformat(timespec="seconds"),
        },
        "deadline": draft.deadline.value.isoformat() if draft.deadline else None,
        "time_zone": "Europe/Amsterdam",
        "start": _start(draft, ref),
        "term": _term(draft, ref),
        "education_level": draft.education_level.value if draft.education_level else None,
        "rate": _rate(draft, ref),
        "conditions": _conditions(draft, ref),
        "vocabulary": _vocabulary(draft.requirements),
        "requirements": [_requirement(r) for r in draft.requirements],
        "cv": _cv(draft, ref),
        "selection": _selection(draft, ref),
        "interviews": [day.isoformat() for day in draft.interviews.value] if draft.interviews else [],
    }
    sources = _sources(draft, ref)
    if _model_has_sources():
        tender["sources"] = sources
    doubts = list(draft.doubts)
    for index, requirement in enumerate(draft.requirements):
        doubts += [
            Doubt(f"/requirements/{index}{d.pointer}", f"{requirement.id}: {d.reason}") for d in requirement.doubts
        ]
    tender["to_confirm"] = [{"pointer": d.pointer, "reason": d.reason} for d in dict.fromkeys(doubts)]
    tender["to_confirm"] += [{"pointer": p, "reason": r} for p, r in validate_draft(tender)]
    return ImportedTender(tender, sources)


def _model_has_sources() -> bool:
    from compliance.models.tender_v2 import TenderV2

    return "sources" in TenderV2.model_fields


def _pointer(location: tuple[int | str, ...]) -> str:
    # pydantic puts the discriminator's value in the location of a union member: leave it out
    parts = [
        str(part)
        for part in location
        if part not in {"education", "registration", "experience", "certificate", "statement"}
    ]
    return "/" + "/".join(parts) if parts else ""


def validate_draft(tender: dict[str, Any]) -> list[tuple[str, str]]:
    """Validation problems of the draft that no ``to_confirm`` item explains, as (pointer, Dutch reason)."""
    from pydantic import ValidationError

    from compliance.models.tender_v2 import TenderV2

    document = tender
    open_pointers = [item["pointer"] for item in tender.get("to_confirm", [])]
    try:
        TenderV2.model_validate(document)
    except ValidationError as error:
        problems = []
        for detail in error.errors():
            pointer = _pointer(tuple(detail["loc"]))
            if any(pointer.startswith(p) or p.startswith(pointer + "/") or p == pointer for p in open_pointers if p):
                continue
            problems.append((pointer, f"Deze waarde is ongeldig of ontbreekt ({detail['msg']}); vul haar in."))
        return problems
    return []
