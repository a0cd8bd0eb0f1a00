"""KvK Handelsregister facts behind one protocol, starting with a folder snapshot.

A snapshot folder holds one KvK Basisprofiel API v1 response per file, ``<kvkNummer>.json``,
in the API's own shape, optionally with a ``_meta`` object (``retrievedAt``, ``url``) that
records when and where it was fetched. The live API (a later source) writes the same files, so
a cache is a snapshot and a snapshot is a cache.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol

from compliance.errors import RegistryError
from compliance.models.submission import LegalForm


class LookupStatus(StrEnum):
    """What a registry look-up yielded. Only FOUND carries facts; everything else is fail-closed."""

    FOUND = "found"
    NOT_FOUND = "not_found"
    INVALID = "invalid"
    UNAVAILABLE = "unavailable"
    NOT_CONSULTED = "not_consulted"


@dataclass(frozen=True, slots=True)
class RegistryRecord:
    """The Basisprofiel facts the checks use, normalised."""

    kvk_number: str
    name: str
    legal_form: LegalForm | None
    legal_form_raw: str
    employees: int | None
    sbi_codes: tuple[str, ...]
    registration_ended_on: date | None
    deregistered_on: date | None
    trade_names: tuple[str, ...] = ()  # handelsnamen, in the register's order


@dataclass(frozen=True, slots=True)
class RegistryLookup:
    """The result of one look-up with its provenance, recorded in the decision."""

    kvk_number: str
    status: LookupStatus
    source: str  # e.g. "KvK Basisprofiel API v1 (snapshot)"
    location: str  # file path or URL (never with an API key)
    retrieved_at: datetime | None = None
    record: RegistryRecord | None = None
    detail: str = ""  # Dutch explanation when status is not FOUND

    def describe(self) -> str:
        """Provenance in one line for a finding's fact column."""
        when = self.retrieved_at.isoformat() if self.retrieved_at else "tijdstip onbekend"
        return f"{self.source}, {self.location}, opgehaald {when}"


class RegistrySource(Protocol):
    """Anything that can look up a KvK number."""

    def lookup(self, kvk_number: str) -> RegistryLookup:
        """Look up one KvK number; never raises for a single bad record."""
        ...


class NoRegistry:
    """Used when no registry was given: every look-up says so, and checks fall back to review."""

    def lookup(self, kvk_number: str) -> RegistryLookup:
        """Report that the registry was not consulted."""
        # One (immutable) answer per number, like SnapshotRegistry: the checks memoise per look-up object.
        cached = _NOT_CONSULTED.get(kvk_number)
        if cached is None:
            if len(_NOT_CONSULTED) >= _NOT_CONSULTED_LIMIT:
                _NOT_CONSULTED.clear()
            cached = _NOT_CONSULTED[kvk_number] = RegistryLookup(
                kvk_number=kvk_number,
                status=LookupStatus.NOT_CONSULTED,
                source="geen register geraadpleegd",
                location="",
                detail="er is geen KvK-register opgegeven (--registry); alleen de eigen verklaring is bekend",
            )
        return cached


_NOT_CONSULTED: dict[str, RegistryLookup] = {}
_NOT_CONSULTED_LIMIT = 4096


_LEGAL_FORM_KEYWORDS: tuple[tuple[str, LegalForm], ...] = (
    ("eenmanszaak", LegalForm.EENMANSZAAK),
    ("commanditairevennootschap", LegalForm.CV),
    ("beslotenvennootschap", LegalForm.BV),
    ("naamlozevennootschap", LegalForm.NV),
    ("vennootschaponderfirma", LegalForm.VOF),
    ("maatschap", LegalForm.MAATSCHAP),
    ("stichting", LegalForm.STICHTING),
    ("cooperatie", LegalForm.COOPERATIE),
    ("coöperatie", LegalForm.COOPERATIE),
    ("verenigingvaneigenaars", LegalForm.OTHER),
    ("vereniging", LegalForm.VERENIGING),
)
_LEGAL_FORM_ABBREVIATIONS = {
    "bv": LegalForm.BV,
    "nv": LegalForm.NV,
    "vof": LegalForm.VOF,
    "cv": LegalForm.CV,
}


def normalise_legal_form(raw: str) -> LegalForm | None:
    """Map KvK's ``rechtsvorm`` text to a legal form; spellings vary, so match on keywords."""
    compact = re.sub(r"[\s.\-_]", "", raw.casefold())
    if not compact:
        return None
    if compact in _LEGAL_FORM_ABBREVIATIONS:
        return _LEGAL_FORM_ABBREVIATIONS[compact]
    for keyword, form in _LEGAL_FORM_KEYWORDS:
        if keyword in compact:
            return form
    return LegalForm.OTHER


def _optional_date(value: Any, field: str) -> date | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ValueError(f"{field}: geen datum")
    text = value.strip()
    # The API writes dates as "YYYYMMDD"; accept ISO too for hand-made snapshots.
    try:
        if re.fullmatch(r"\d{8}", text):
            return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
        return date.fromisoformat(text)
    except ValueError as exc:
        raise ValueError(f"{field}: '{text}' is geen geldige datum") from exc


def parse_basisprofiel(document: Any) -> RegistryRecord:
    """Validate the parts of a Basisprofiel response the checks use; raise ValueError otherwise."""
    if not isinstance(document, dict):
        raise ValueError("antwoord is geen JSON-object")
    kvk_number = document.get("kvkNummer")
    if not isinstance(kvk_number, str) or not re.fullmatch(r"\d{8}", kvk_number):
        raise ValueError("kvkNummer ontbreekt of is geen 8 cijfers")
    employees = document.get("totaalWerkzamePersonen")
    if employees is not None and (not isinstance(employees, int) or isinstance(employees, bool) or employees < 0):
        raise ValueError("totaalWerkzamePersonen is geen geheel getal")
    activities = document.get("sbiActiviteiten", [])
    if not isinstance(activities, list):
        raise ValueError("sbiActiviteiten is geen lijst")
    codes: list[str] = []
    for index, activity in enumerate(activities):
        code = activity.get("sbiCode") if isinstance(activity, dict) else None
        if not isinstance(code, str) or not code.isdigit():
            raise ValueError(f"sbiActiviteiten[{index}].sbiCode ontbreekt of is geen code")
        codes.append(code)
    material = document.get("materieleRegistratie") or {}
    if not isinstance(material, dict):
        raise ValueError("materieleRegistratie is geen object")
    embedded = document.get("_embedded") or {}
    owner = embedded.get("eigenaar") or {} if isinstance(embedded, dict) else {}
    if not isinstance(owner, dict):
        raise ValueError("_embedded.eigenaar is geen object")
    raw_form = owner.get("uitgebreideRechtsvorm") or owner.get("rechtsvorm") or ""
    if not isinstance(raw_form, str):
        raise ValueError("_embedded.eigenaar.rechtsvorm is geen tekst")
    name = document.get("naam") or document.get("statutaireNaam") or ""
    raw_trade_names = document.get("handelsnamen") or []
    if not isinstance(raw_trade_names, list):
        raise ValueError("handelsnamen is geen lijst")
    trade_names = tuple(
        str(entry["naam"]) for entry in raw_trade_names if isinstance(entry, dict) and entry.get("naam")
    )
    return RegistryRecord(
        kvk_number=kvk_number,
        name=str(name),
        legal_form=normalise_legal_form(raw_form),
        legal_form_raw=raw_form,
        employees=employees,
        sbi_codes=tuple(codes),
        registration_ended_on=_optional_date(material.get("datumEinde"), "materieleRegistratie.datumEinde"),
        deregistered_on=_optional_date(owner.get("datumUitschrijving"), "_embedded.eigenaar.datumUitschrijving"),
        trade_names=trade_names,
    )


def _retrieval_time(document: dict[str, Any]) -> tuple[datetime | None, str | None]:
    meta = document.get("_meta")
    if not isinstance(meta, dict):
        return None, None
    raw_time = meta.get("retrievedAt")
    url = meta.get("url") if isinstance(meta.get("url"), str) else None
    try:
        return (datetime.fromisoformat(raw_time) if isinstance(raw_time, str) else None), url
    except ValueError:
        return None, url


class SnapshotRegistry:
    """A folder of Basisprofiel responses, one ``<kvkNummer>.json`` per company."""

    source_name = "KvK Basisprofiel API v1 (snapshot)"

    def __init__(self, folder: Path) -> None:
        if not folder.is_dir():
            raise RegistryError(f"{folder}: registermap bestaat niet of is geen map (--registry)")
        self.folder = folder
        # A snapshot does not change during a run; a batch looks up the same agencies many times.
        self._seen: dict[str, RegistryLookup] = {}

    def lookup(self, kvk_number: str) -> RegistryLookup:
        """Read the record for one KvK number; a missing or broken file is a finding, not a crash."""
        cached = self._seen.get(kvk_number)
        if cached is None:
            cached = self._seen[kvk_number] = self._read(kvk_number)
        return cached

    def _read(self, kvk_number: str) -> RegistryLookup:
        path = self.folder / f"{kvk_number}.json"

        def problem(status: LookupStatus, detail: str) -> RegistryLookup:
            return RegistryLookup(kvk_number, status, self.source_name, str(path), detail=detail)

        if not re.fullmatch(r"\d{8}", kvk_number) or not path.is_file():
            return problem(LookupStatus.NOT_FOUND, "KvK-nummer niet gevonden in de registersnapshot")
        try:
            document = json.loads(path.read_bytes().decode("utf-8"))
            record = parse_basisprofiel(document)
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            return problem(LookupStatus.INVALID, f"registerbestand onbruikbaar: {exc}")
        if record.kvk_number != kvk_number:
            return problem(
                LookupStatus.INVALID, f"registerbestand bevat KvK-nummer {record.kvk_number}, niet {kvk_number}"
            )
        retrieved_at, url = _retrieval_time(document)
        return RegistryLookup(
            kvk_number=kvk_number,
            status=LookupStatus.FOUND,
            source=self.source_name,
            location=url or str(path),
            retrieved_at=retrieved_at,
            record=record,
        )
