"""The published JSON Schemas in schemas/ are generated from the models and accept real documents."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from compliance.schemas import schema_text

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"


def _validator(name: str) -> jsonschema.Draft202012Validator:
    document = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(document)
    return jsonschema.Draft202012Validator(document)


@pytest.mark.parametrize("name", ["tender", "tender-v1", "submission", "submission-v1", "report", "attestation"])
def test_published_schema_matches_the_models(name):
    published = (SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8")

    assert published == schema_text(name), (
        f"schemas/{name}.schema.json is out of date; regenerate it from compliance.schemas.schema_text"
    )


@pytest.mark.parametrize("name", ["tender", "tender-v1", "submission", "submission-v1", "report"])
def test_published_schema_is_draft_2020_12(name):
    document = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))

    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(document)


def test_issue_example_submission_validates(make_submission):
    errors = list(_validator("submission-v1").iter_errors(make_submission()))

    assert errors == []


def test_bundled_tender_validates(bundled_tender):
    errors = list(_validator("tender-v1").iter_errors(bundled_tender[1]))

    assert errors == []


@pytest.mark.parametrize(
    ("changes", "drop"),
    [
        ({"supplier/waadi_registerd": True}, []),  # unknown field
        ({"candidate/engagement": "freelance"}, []),  # unknown enum value
        ({"supplier/kvk_number": "1234567"}, []),  # not 8 digits
        ({}, ["supplier/kvk_number"]),  # missing required field
        ({"offer/hourly_rate_eur": -1}, []),
    ],
)
def test_schema_rejects_what_the_models_reject(make_submission, changes, drop):
    assert list(_validator("submission-v1").iter_errors(make_submission(changes, drop)))


def _property_names(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                yield from value
            yield from _property_names(value)
    elif isinstance(node, list):
        for item in node:
            yield from _property_names(item)


def test_submission_schema_has_no_field_for_a_bsn_birth_date_or_address():
    document = json.loads((SCHEMAS / "submission.schema.json").read_text(encoding="utf-8"))

    names = {name.casefold() for name in _property_names(document)}
    assert {"hourly_rate_eur", "kvk_number", "issued_on"} <= names  # the walk finds nested fields
    for private in ("bsn", "birth", "address", "adres", "geboorte"):
        assert not [name for name in names if private in name]
