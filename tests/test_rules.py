"""Dated rule parameters: the shipped file loads, values are picked by date, broken files are
rejected with the offending key named."""

from __future__ import annotations

import hashlib
import itertools
import json
from datetime import date
from importlib import resources

import pytest

from compliance.errors import ExitCode, RuleFileError
from compliance.rules.parameters import default_rules, parse_rules

VALID_ENTRY = {"value": 21, "valid_from": "2019-01-01", "valid_to": None, "source": "Wet OB 1968, art. 9"}


def _rules(parameters: object) -> bytes:
    return json.dumps({"rules_version": "test", "parameters": parameters}).encode("utf-8")


def test_shipped_parameters_load_with_version_and_hash():
    rules = default_rules()
    raw = resources.files("compliance.rules").joinpath("parameters.json").read_bytes()

    assert rules.version == json.loads(raw)["rules_version"]
    assert rules.sha256 == hashlib.sha256(raw).hexdigest()
    assert {
        "btw_standard_rate_percent",
        "waadi_tba_sbi_codes",
        "sbi_version",
        "sbi_five_digit_codes_only",
        "kvk_record_max_age_days",
        "dba_max_working_persons_one_person_company",
        "wtta_notification_deadline",
        "wtta_admission_required_from",
        "vog_max_age_months_before_start",
        "vog_all_aspect_profiles",
        "skj_registration_period_years",
        "register_aliases",
        "experience_rest_days_per_month",
        "sroi_default_percentage",
        "sroi_default_threshold_scope",
    } <= set(rules.values)


def test_every_shipped_parameter_has_ordered_non_overlapping_periods_with_a_source():
    for name, values in default_rules().values.items():
        for value in values:
            assert value.source, name
            if value.valid_from and value.valid_to:
                assert value.valid_from <= value.valid_to, name
        for earlier, later in itertools.pairwise(values):
            assert earlier.valid_to is not None and later.valid_from is not None, name
            assert earlier.valid_to < later.valid_from, name


@pytest.mark.parametrize(
    ("day", "codes", "assumption"),
    [
        (date(2012, 7, 1), ("78201", "78202", "78203", "7830"), False),
        (date(2025, 9, 6), ("78201", "78202", "78203", "7830"), False),  # last day of SBI 2008
        (date(2025, 9, 7), ("78201", "78202"), True),  # first day of SBI 2025
        (date(2026, 2, 23), ("78201", "78202"), True),
    ],
)
def test_lending_sbi_codes_follow_the_sbi_version_in_force(day, codes, assumption):
    param = default_rules().at("waadi_tba_sbi_codes", day)

    assert tuple(param.value) == codes
    assert param.assumption is assumption
    used = param.used()
    assert used.value == ", ".join(codes)
    assert used.valid_from == ("2025-09-07" if assumption else "2012-07-01")
    if assumption:
        assert "niet bevestigd" in used.note


@pytest.mark.parametrize(
    ("day", "version", "five_digits"),
    [(date(2025, 9, 6), "SBI 2008", False), (date(2025, 9, 7), "SBI 2025", True)],
)
def test_the_sbi_version_changes_on_7_september_2025(day, version, five_digits):
    rules = default_rules()

    assert rules.at("sbi_version", day).value == version
    assert rules.at("sbi_five_digit_codes_only", day).value is five_digits


def test_nested_list_values_are_frozen_and_shown_per_group():
    aliases = default_rules().at("register_aliases", date(2026, 2, 23))

    assert aliases.value[0] == ("SKJ", "Stichting Kwaliteitsregister Jeugd", "Kwaliteitsregister Jeugd")
    assert aliases.used().value.startswith("(SKJ, Stichting Kwaliteitsregister Jeugd, Kwaliteitsregister Jeugd), (BIG")


def test_btw_rate_and_wtta_dates():
    rules = default_rules()

    assert rules.at("btw_standard_rate_percent", date(2026, 2, 23)).value == 21
    assert rules.at("wtta_notification_deadline", date(2027, 7, 15)).value == "2027-01-01"
    assert rules.at("wtta_admission_required_from", date(2027, 7, 15)).value == "2028-01-01"
    assert rules.at("vog_max_age_months_before_start", date(2026, 3, 16)).value == 3


def test_day_before_any_value_is_a_rule_file_error():
    with pytest.raises(RuleFileError, match=r"waadi_tba_sbi_codes.*2012-06-30"):
        default_rules().at("waadi_tba_sbi_codes", date(2012, 6, 30))


def test_unknown_parameter_name_is_a_rule_file_error():
    with pytest.raises(RuleFileError, match="'btw_verlaagd_tarief'"):
        default_rules().at("btw_verlaagd_tarief", date(2026, 1, 1))


def test_rule_file_errors_are_internal_errors():
    assert RuleFileError("x").exit_code == ExitCode.INTERNAL


def test_unknown_key_in_a_value_is_named():
    entry = {**VALID_ENTRY, "valid_until": "2027-01-01"}

    with pytest.raises(RuleFileError) as caught:
        parse_rules(_rules({"btw_standard_rate_percent": {"values": [entry]}}))

    assert "parameters.btw_standard_rate_percent.values[0]" in caught.value.message
    assert "valid_until" in caught.value.message


@pytest.mark.parametrize("missing", ["value", "source"])
def test_missing_value_or_source_is_named(missing):
    entry = {k: v for k, v in VALID_ENTRY.items() if k != missing}

    with pytest.raises(RuleFileError) as caught:
        parse_rules(_rules({"btw_standard_rate_percent": {"values": [VALID_ENTRY, entry]}}))

    assert "parameters.btw_standard_rate_percent.values[1]" in caught.value.message
    assert f"'{missing}'" in caught.value.message


def test_parameter_without_values_is_named():
    with pytest.raises(RuleFileError, match=r"parameters\.btw_standard_rate_percent has no values"):
        parse_rules(_rules({"btw_standard_rate_percent": {"values": []}}))


def test_impossible_date_is_named():
    entry = {**VALID_ENTRY, "valid_from": "2019-02-30"}

    with pytest.raises(RuleFileError, match=r"values\[0\]: '2019-02-30' is not an ISO date"):
        parse_rules(_rules({"btw_standard_rate_percent": {"values": [entry]}}))


@pytest.mark.parametrize("raw", [b"", b"{", b"[]", b'"text"'])
def test_unreadable_file_is_a_rule_file_error(raw):
    with pytest.raises(RuleFileError, match="not a valid parameters file"):
        parse_rules(raw)


def test_a_parsed_file_gives_dated_values():
    rules = parse_rules(
        _rules(
            {
                "btw_standard_rate_percent": {
                    "values": [
                        {**VALID_ENTRY, "value": 19, "valid_from": "2001-01-01", "valid_to": "2012-09-30"},
                        {**VALID_ENTRY, "value": 21, "valid_from": "2012-10-01"},
                    ]
                }
            }
        )
    )

    assert rules.at("btw_standard_rate_percent", date(2012, 9, 30)).value == 19
    assert rules.at("btw_standard_rate_percent", date(2012, 10, 1)).value == 21
    assert rules.version == "test"


def test_unknown_key_at_parameter_level_is_named():
    with pytest.raises(RuleFileError, match="vaild_to"):
        parse_rules(_rules({"btw_standard_rate_percent": {"values": [VALID_ENTRY], "vaild_to": "2020-01-01"}}))


@pytest.mark.parametrize(
    "parameters",
    [
        [],  # parameters is a list
        {"btw_standard_rate_percent": [VALID_ENTRY]},  # parameter is a list, not {"values": [...]}
        {"btw_standard_rate_percent": {"values": [21]}},  # a value that is not an object
    ],
)
def test_wrong_shapes_are_rule_file_errors(parameters):
    with pytest.raises(RuleFileError):
        parse_rules(_rules(parameters))
