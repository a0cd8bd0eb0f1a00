"""KO-REG-001: SKJ registration with number and expiry date, valid at the deadline (23 February
2026) and at the assumed start (16 March 2026); a lapse during the assignment is an attention point.
"""

from __future__ import annotations

import pytest

CHECK = "KO-REG-001"


def _skj(valid_until="2028-03-31", number="110012345", register="SKJ"):
    return {"candidate/registrations": [{"register": register, "number": number, "valid_until": valid_until}]}


def test_valid_through_the_whole_assignment_passes_without_attention(make_submission, run_checks, finding_of):
    finding = finding_of(run_checks(make_submission()), CHECK)

    assert finding.status == "pass"
    assert finding.blocking is True
    assert finding.reason_code == "REG_OK"
    assert "SKJ-registratie 110012345 geldig tot 31 maart 2028" in finding.reason
    assert "geldig bij sluiting (23 februari 2026) en start (16 maart 2026)" in finding.reason
    assert finding.attention == ()


@pytest.mark.parametrize(
    ("valid_until", "lapse"),
    [
        ("2027-01-31", "een verlengingsoptie"),  # initial term ends 15 July 2026
        ("2026-06-30", "de initiële termijn"),
    ],
)
def test_lapsing_during_the_assignment_passes_with_an_attention_note(
    make_submission, run_checks, finding_of, valid_until, lapse
):
    report = run_checks(make_submission(_skj(valid_until)))

    finding = finding_of(report, CHECK)
    assert finding.status == "pass"
    (note,) = finding.attention
    assert f"tijdens {lapse}" in note
    assert "herregistratie nodig" in note


@pytest.mark.parametrize(
    ("valid_until", "moment", "day"),
    [
        ("2026-02-22", "de sluitingsdatum", "23 februari 2026"),  # expired the day before the deadline
        ("2025-12-31", "de sluitingsdatum", "23 februari 2026"),
    ],
)
def test_expired_at_deadline_fails(make_submission, run_checks, finding_of, valid_until, moment, day):
    report = run_checks(make_submission(_skj(valid_until)))

    finding = finding_of(report, CHECK)
    assert finding.status == "fail"
    assert finding.blocking is True
    assert finding.reason_code == "REG_EXPIRED"
    assert f"niet tot {moment} ({day})" in finding.reason
    assert "herregistreren" in finding.remedy
    assert report.verdict == "non_compliant"


def test_valid_on_the_start_day_itself_passes(make_submission, run_checks, finding_of):
    assert finding_of(run_checks(make_submission(_skj("2026-03-16"))), CHECK).status == "pass"


@pytest.mark.parametrize("number", ["SKJ-110012345", "12345", "12345678901", "11OO12345"])
def test_implausible_number_needs_review(make_submission, run_checks, finding_of, number):
    report = run_checks(make_submission(_skj(number=number)))

    finding = finding_of(report, CHECK)
    assert finding.status == "needs_review"
    assert finding.blocking is True
    assert finding.reason_code == "REG_IMPLAUSIBLE"
    assert "het nummer heeft geen plausibel formaat" in finding.reason
    assert "openbare register" in finding.reason


def test_expiry_beyond_one_registration_period_needs_review(make_submission, run_checks, finding_of):
    finding = finding_of(run_checks(make_submission(_skj("2031-03-01"))), CHECK)

    assert finding.status == "needs_review"
    assert finding.reason_code == "REG_IMPLAUSIBLE"
    assert "hoogstens 5 jaar, dus niet later dan 23 februari 2031" in finding.reason


def test_missing_registration_fails(make_submission, run_checks, finding_of):
    report = run_checks(make_submission(_skj(register="BIG")))

    finding = finding_of(report, CHECK)
    assert finding.status == "fail"
    assert finding.reason_code == "REG_MISSING"
    assert finding.reason == "Geen SKJ-registratie opgegeven."
    assert finding.facts[0].value == "BIG"


@pytest.mark.parametrize(
    ("changes", "code", "words"),
    [
        ({"number": None}, "REG_NO_NUMBER", "zonder registratienummer"),
        ({"valid_until": None}, "REG_NO_EXPIRY", "zonder afloopdatum"),
    ],
)
def test_number_and_expiry_are_both_required(make_submission, run_checks, finding_of, changes, code, words):
    entry = {"register": "SKJ", "number": "110012345", "valid_until": "2028-03-31", **changes}

    finding = finding_of(run_checks(make_submission({"candidate/registrations": [entry]})), CHECK)

    assert finding.status == "fail"
    assert finding.reason_code == code
    assert words in finding.reason
    assert "nummer én afloopdatum" in finding.reason


def test_register_name_is_matched_case_insensitively_and_the_longest_valid_entry_counts(
    make_submission, run_checks, finding_of
):
    submission = make_submission(
        {
            "candidate/registrations": [
                {"register": "skj", "number": "110012345", "valid_until": "2023-03-31"},
                {"register": "SKJ", "number": "110012345", "valid_until": "2028-03-31"},
            ]
        }
    )

    finding = finding_of(run_checks(submission), CHECK)

    assert finding.status == "pass"
    assert {f.pointer for f in finding.facts} == {
        "/candidate/registrations/1/number",
        "/candidate/registrations/1/valid_until",
    }


# Issue 13, rule 4: lapsing before an assumed start, and the register's aliases.


@pytest.mark.parametrize("valid_until", ["2026-02-23", "2026-03-15"])
def test_lapsing_after_the_deadline_but_before_an_assumed_start_needs_review(
    make_submission, run_checks, finding_of, valid_until
):
    finding = finding_of(run_checks(make_submission(_skj(valid_until))), CHECK)

    assert finding.status == "needs_review"
    assert finding.blocking is True
    assert finding.reason_code == "REG_RENEW_BEFORE_START"
    assert "maar niet tot de aangenomen start (16 maart 2026" in finding.reason
    assert "Herregistratie vóór de start aantonen." in finding.reason
    assert "bewijs van herregistratie" in finding.remedy


@pytest.mark.parametrize(("valid_until", "status"), [("2026-03-15", "fail"), ("2026-03-16", "pass")])
def test_lapsing_before_a_fixed_start_still_fails(
    make_submission, make_tender, run_checks, finding_of, valid_until, status
):
    tender = make_tender({"start/kind": "date"})

    finding = finding_of(run_checks(make_submission(_skj(valid_until)), tender=tender), CHECK)

    assert finding.status == status
    if status == "fail":
        assert finding.reason_code == "REG_EXPIRED"
        assert "niet tot de start (16 maart 2026)" in finding.reason


@pytest.mark.parametrize(
    "written",
    [
        "SKJ",
        "skj",
        " S K J ",
        "Stichting Kwaliteitsregister Jeugd",
        "kwaliteitsregister  jeugd",
        "KWALITEITSREGISTER-JEUGD",
    ],
)
def test_the_register_is_recognised_by_its_aliases(make_submission, run_checks, finding_of, written):
    submission = make_submission({"candidate/registrations/0/register": written})

    finding = finding_of(run_checks(submission), CHECK)

    assert finding.status == "pass"
    cited = next(p for p in finding.params if p.name == "register_aliases")
    assert "Stichting Kwaliteitsregister Jeugd" in cited.value and cited.valid_from == "2014-01-01"


@pytest.mark.parametrize(("written", "status"), [("BIG-register", "pass"), ("big register", "pass"), ("SKJ", "fail")])
def test_a_big_registration_is_recognised_by_the_big_aliases(
    make_submission, make_tender, run_checks, finding_of, written, status
):
    tender = make_tender({"knockouts/1/register": "BIG", "knockouts/1/number_pattern": "^\\d{11}$"})
    submission = make_submission(
        {"candidate/registrations/0": {"register": written, "number": "19012345601", "valid_until": "2028-03-31"}}
    )

    finding = finding_of(run_checks(submission, tender=tender), CHECK)

    assert finding.status == status
    if status == "fail":
        assert finding.reason_code == "REG_MISSING"


def test_register_names_come_from_the_rule_parameter():
    from compliance.checks.registration import register_key, register_names

    groups = (("SKJ", "Stichting Kwaliteitsregister Jeugd"), ("BIG", "BIG-register"))
    assert register_names("big-register", groups) == ("big-register", "BIG")
    assert register_names("NIP", groups) == ("NIP",)
    assert register_key(" Stichting  Kwaliteitsregister-Jeugd ") == register_key("stichtingkwaliteitsregisterjeugd")
