"""The KvK Basisprofiel snapshot folder: normalising what the API returns, and turning a missing
or broken record into a look-up status (a finding later), never a crash."""

from __future__ import annotations

import json
from datetime import date

import pytest

from compliance.errors import RegistryError
from compliance.models.submission import LegalForm
from compliance.sources.registry import (
    LookupStatus,
    NoRegistry,
    SnapshotRegistry,
    normalise_legal_form,
    parse_basisprofiel,
)


@pytest.mark.parametrize(
    ("raw", "form"),
    [
        ("Besloten Vennootschap met gewone structuur", LegalForm.BV),
        ("BeslotenVennootschap", LegalForm.BV),
        ("Besloten vennootschap", LegalForm.BV),
        ("B.V.", LegalForm.BV),
        ("Eenmanszaak", LegalForm.EENMANSZAAK),
        ("Eenmanszaak met meer dan één eigenaar", LegalForm.EENMANSZAAK),
        ("Naamloze Vennootschap", LegalForm.NV),
        ("Vennootschap onder firma", LegalForm.VOF),
        ("Commanditaire Vennootschap", LegalForm.CV),
        ("Stichting", LegalForm.STICHTING),
        ("Coöperatie", LegalForm.COOPERATIE),
        ("Vereniging van Eigenaars", LegalForm.OTHER),
        ("Vereniging met volledige rechtsbevoegdheid", LegalForm.VERENIGING),
        ("Kerkgenootschap", LegalForm.OTHER),
        ("", None),
    ],
)
def test_legal_form_spellings_are_normalised(raw, form):
    assert normalise_legal_form(raw) is form


def test_example_record_is_read(registry):
    lookup = SnapshotRegistry(registry).lookup("12345678")

    assert lookup.status is LookupStatus.FOUND
    record = lookup.record
    assert record is not None
    assert record.legal_form is LegalForm.BV
    assert record.employees == 40
    assert record.sbi_codes == ("78201",)
    assert record.registration_ended_on is None
    assert lookup.retrieved_at is not None and lookup.retrieved_at.isoformat() == "2026-02-20T10:00:00+01:00"
    assert lookup.location == "https://api.kvk.nl/api/v1/basisprofielen/12345678"
    assert "KvK Basisprofiel" in lookup.describe()


def test_api_dates_are_read_as_dates(kvk_snapshot):
    folder = kvk_snapshot({"materieleRegistratie": {"datumAanvang": "20100104", "datumEinde": "20251231"}})

    record = SnapshotRegistry(folder).lookup("12345678").record

    assert record is not None
    assert record.registration_ended_on == date(2025, 12, 31)


def test_record_without_meta_is_located_by_its_file(kvk_snapshot):
    folder = kvk_snapshot(drop=["_meta"])

    lookup = SnapshotRegistry(folder).lookup("12345678")

    assert lookup.status is LookupStatus.FOUND
    assert lookup.retrieved_at is None
    assert lookup.location.endswith("12345678.json")
    assert "tijdstip onbekend" in lookup.describe()


@pytest.mark.parametrize("kvk_number", ["87654321", "1234", "../12345678"])
def test_unknown_or_malformed_number_is_not_found(registry, kvk_number):
    lookup = SnapshotRegistry(registry).lookup(kvk_number)

    assert lookup.status is LookupStatus.NOT_FOUND
    assert lookup.record is None
    assert "niet gevonden" in lookup.detail


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"{kapot", "registerbestand onbruikbaar"),
        (b"\xff\xfe{}", "registerbestand onbruikbaar"),
        (b'{"kvkNummer": "1234"}', "kvkNummer"),
        (b'{"kvkNummer": "12345678", "totaalWerkzamePersonen": "veertig"}', "totaalWerkzamePersonen"),
        (b'{"kvkNummer": "12345678", "sbiActiviteiten": [{"sbiCode": 78201}]}', "sbiActiviteiten[0].sbiCode"),
        (b'{"kvkNummer": "12345678", "materieleRegistratie": {"datumEinde": "20251340"}}', "datumEinde"),
        (b'{"kvkNummer": "87654321"}', "bevat KvK-nummer 87654321, niet 12345678"),
    ],
)
def test_broken_record_is_invalid_not_a_crash(registry, content, words):
    (registry / "12345678.json").write_bytes(content)

    lookup = SnapshotRegistry(registry).lookup("12345678")

    assert lookup.status is LookupStatus.INVALID
    assert lookup.record is None
    assert words in lookup.detail


def test_missing_folder_is_a_registry_error(tmp_path):
    with pytest.raises(RegistryError, match="registermap bestaat niet"):
        SnapshotRegistry(tmp_path / "nergens")


def test_no_registry_says_so():
    lookup = NoRegistry().lookup("12345678")

    assert lookup.status is LookupStatus.NOT_CONSULTED
    assert lookup.record is None


def test_parse_rejects_a_non_object():
    with pytest.raises(ValueError, match="geen JSON-object"):
        parse_basisprofiel(json.loads("[]"))
