"""Tender format v2: the model's own rules, and the upgrade of every v1 tender to it."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from compliance.models.tender_upgrade import describe_digits, upgrade_v1
from compliance.models.tender_v2 import (
    CertificateRequirement,
    EducationRequirement,
    ExperienceRequirement,
    RegistrationRequirement,
    TenderV2,
)

TENDERS = Path(__file__).resolve().parents[1] / "compliance" / "inputs" / "tenders"
V1_TENDERS = sorted(path for path in TENDERS.glob("*.json") if json.loads(path.read_text())["schema_version"] == "1")


def _v1(path: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return document


@pytest.mark.parametrize("path", V1_TENDERS, ids=lambda p: p.stem)
def test_every_bundled_v1_tender_upgrades_to_a_valid_v2(path: Path) -> None:
    v1 = _v1(path)
    tender = TenderV2.model_validate(upgrade_v1(v1))
    assert tender.schema_version == "2"
    assert len(tender.knockouts) == len(v1.get("knockouts", []))
    assert len(tender.criteria) == len((v1.get("selection") or {}).get("criteria", []))
    # The upgrade keeps the values that did not change meaning.
    assert tender.deadline.isoformat() == v1["deadline"]
    assert tender.rate.max_hourly_rate_eur == Decimal(str(v1["rate"]["max_hourly_rate_eur"]))
    assert tender.term.max_months == v1["term"]["initial_months"] + sum(
        option["count"] * option["months"] for option in v1["term"]["extension_options"]
    )


def test_heerde_upgrade_keeps_the_postings_numbers_and_points() -> None:
    tender = TenderV2.model_validate(upgrade_v1(_v1(TENDERS / "flextender-27442.json")))
    ids = {requirement.id: requirement for requirement in tender.requirements}
    assert list(ids) == ["K2", "K3", "K4", "G5", "G6", "G7", "G8"]
    assert isinstance(ids["K2"], EducationRequirement) and ids["K2"].open_ended
    registration = ids["K3"]
    assert isinstance(registration, RegistrationRequirement)
    assert registration.register_name == "SKJ"
    assert "Stichting Kwaliteitsregister Jeugd" in registration.aliases
    assert registration.number_format.description == "6 tot 10 cijfers"
    experience = ids["K4"]
    assert isinstance(experience, ExperienceRequirement)
    assert (experience.min_months, experience.window_years) == (24, 8)
    assert experience.employer_kinds == ["gemeente"] and experience.domains == ["jonge_kinderen"]
    assert "wijkteam" in tender.vocabulary.employer_kinds["gemeente"].review_synonyms
    assert sum(requirement.points or 0 for requirement in tender.criteria) == 100
    course = ids["G7"]
    assert isinstance(course, CertificateRequirement) and course.domains == ["gedragsproblematiek"]
    assert "gedragsproblemen" in tender.vocabulary.domains["gedragsproblematiek"].synonyms
    flag = ids["G6"]
    assert isinstance(flag, ExperienceRequirement) and flag.domains == ["veiligheidsplan"] and flag.min_months is None
    assert tender.conditions.dba.zzp == "excluded"
    assert tender.selection is not None and tender.selection.tie_break == ["lowest_rate", "lot"]


def test_a_silent_posting_still_gets_waadi_by_law_and_a_silent_dba() -> None:
    v1 = _v1(TENDERS / "flextender-27442.json")
    del v1["conditions"]["waadi"], v1["conditions"]["dba"]
    tender = TenderV2.model_validate(upgrade_v1(v1))
    assert tender.conditions.waadi.required_when_lending and not tender.conditions.waadi.stated_in_posting
    assert tender.conditions.dba.zzp == "silent"


def _heerde_v2() -> dict[str, Any]:
    return upgrade_v1(_v1(TENDERS / "flextender-27442.json"))


def _error(document: dict[str, Any]) -> str:
    with pytest.raises(ValidationError) as caught:
        TenderV2.model_validate(document)
    return str(caught.value)


def test_an_undeclared_vocabulary_code_is_an_error_that_lists_the_known_codes() -> None:
    document = _heerde_v2()
    document["requirements"][2]["domains"] = ["jonge_kinders"]
    message = _error(document)
    assert "K4: 'jonge_kinders' staat niet in vocabulary.domains" in message
    assert "jonge_kinderen" in message


def test_a_scored_requirement_needs_a_weight_and_a_knockout_has_none() -> None:
    document = _heerde_v2()
    scored = copy.deepcopy(document)
    del scored["requirements"][3]["points"]
    assert "wens G5: geef 'points' of 'percent'" in _error(scored)
    knockout = copy.deepcopy(document)
    knockout["requirements"][0]["points"] = 10
    assert "eis K2: een knock-out heeft geen punten of percentage" in _error(knockout)


def test_duplicate_requirement_ids_are_refused() -> None:
    document = _heerde_v2()
    document["requirements"][1]["id"] = "K2"
    assert "eis/wens-ID meer dan eens gebruikt: K2" in _error(document)


def test_hours_per_week_may_be_a_range_or_an_average_but_not_reversed() -> None:
    document = _heerde_v2()
    document["term"]["hours_per_week"] = {"min": 24, "max": 32, "average": True}
    tender = TenderV2.model_validate(document)
    assert (tender.term.hours_per_week.min, tender.term.hours_per_week.max) == (24, 32)
    document["term"]["hours_per_week"] = {"min": 32, "max": 24}
    assert "max (24) is kleiner dan min (32)" in _error(document)


def test_a_posting_without_a_maximum_rate_is_expressible() -> None:
    document = _heerde_v2()
    document["rate"] = {"max_hourly_rate_eur": None, "vat_basis": "excluded", "vat_basis_is_assumption": True}
    assert TenderV2.model_validate(document).rate.max_hourly_rate_eur is None


def test_open_items_are_those_nobody_confirmed() -> None:
    document = _heerde_v2()
    document["to_confirm"] = [
        {"pointer": "/rate/vat_basis", "reason": "De uitvraag zegt niet of het maximum exclusief btw is."},
        {
            "pointer": "/start/planned_date",
            "reason": "Start 'z.s.m.': aangenomen startdatum.",
            "confirmed": {"by": "inkoper@heerde.nl", "at": "2026-02-10T10:00:00+01:00", "value": "2026-03-16"},
        },
    ]
    tender = TenderV2.model_validate(document)
    assert [item.pointer for item in tender.open_items] == ["/rate/vat_basis"]


@pytest.mark.parametrize(
    ("pattern", "description"),
    [(r"^\d{6,10}$", "6 tot 10 cijfers"), (r"^\d{11}$", "11 cijfers"), (r"^[A-Z]\d+$", None)],
)
def test_digit_patterns_are_described_in_words(pattern: str, description: str | None) -> None:
    assert describe_digits(pattern) == description
