"""NL-RATE-001: the offered all-in rate excl. BTW against the Heerde maximum of EUR 80.

Boundary values pass; a rate given including 21% BTW is converted; a rate whose BTW basis is not
stated passes only when it fits under both readings.
"""

from __future__ import annotations

import pytest

CHECK = "NL-RATE-001"


def _offer(rate, vat_included):
    return {"offer/hourly_rate_eur": rate, "offer/vat_included": vat_included}


@pytest.mark.parametrize(
    ("rate", "vat_included", "shown"),
    [
        (79.0, False, "€ 79,00"),
        (80.0, False, "€ 80,00"),  # exactly the maximum
        (96.80, True, "€ 80,00"),  # 96.80 / 1.21 = 80.00
        (79.0, None, "€ 79,00"),  # within the maximum however the BTW is read
        (1.0, False, "€ 1,00"),
    ],
)
def test_rate_within_the_maximum_passes(make_submission, run_checks, finding_of, rate, vat_included, shown):
    finding = finding_of(run_checks(make_submission(_offer(rate, vat_included))), CHECK)

    assert finding.status == "pass"
    assert finding.blocking is True
    assert finding.reason_code == "RATE_OK"
    assert f"Aangeboden tarief {shown} excl. btw is niet hoger dan het maximum van € 80,00" in finding.reason


def test_rate_including_btw_shows_the_conversion(make_submission, run_checks, finding_of):
    finding = finding_of(run_checks(make_submission(_offer(96.80, True))), CHECK)

    (calculation,) = finding.calculations
    assert calculation.expression == "€ 96,80 / 1.21"
    assert calculation.result == "€ 80,00"
    assert ("btw_standard_rate_percent", "21") in [(p.name, p.value) for p in finding.params]


@pytest.mark.parametrize(
    ("rate", "vat_included", "shown", "diff"),
    [
        (80.01, False, "€ 80,01", "€ 0,01"),  # one cent above
        (96.81, True, "€ 80,01", "€ 0,01"),  # 96.81 / 1.21 = 80.008...
        (100.0, None, "€ 100,00", "€ 20,00"),  # too high even if the 100 included BTW (82.64)
        (120.0, False, "€ 120,00", "€ 40,00"),
    ],
)
def test_rate_above_the_maximum_fails(make_submission, run_checks, finding_of, rate, vat_included, shown, diff):
    report = run_checks(make_submission(_offer(rate, vat_included)))

    finding = finding_of(report, CHECK)
    assert finding.status == "fail"
    assert finding.blocking is True
    assert finding.reason_code == "RATE_ABOVE_MAX"
    assert f"Aangeboden tarief {shown} excl. btw is hoger dan het maximum van € 80,00 (verschil {diff})" in (
        finding.reason
    )
    assert "ten hoogste € 80,00 excl. btw" in finding.remedy
    assert report.verdict == "non_compliant"


def test_unstated_btw_that_only_fits_when_read_as_including_needs_review(make_submission, run_checks, finding_of):
    # 95.00 excl. BTW is too high; 95.00 incl. BTW is 78.51 excl.: the offer must say which.
    report = run_checks(make_submission(_offer(95.0, None)))

    finding = finding_of(report, CHECK)
    assert finding.status == "needs_review"
    assert finding.blocking is True
    assert finding.reason_code == "RATE_VAT_UNCLEAR"
    assert "zegt niet of € 95,00 inclusief of exclusief btw is" in finding.reason
    assert "€ 78,51 excl." in finding.reason
    assert finding.remedy.startswith("Vul /offer/vat_included in (true of false); het maximum is € 80,00 excl. btw")
    assert report.verdict == "needs_review"


def test_maximum_stated_including_btw_is_compared_on_the_same_basis(
    make_submission, make_tender, run_checks, finding_of
):
    tender = make_tender({"rate/vat_basis": "included", "rate/max_hourly_rate_eur": 96.80})

    at_max = finding_of(run_checks(make_submission(_offer(80.0, False)), tender=tender), CHECK)
    above = finding_of(run_checks(make_submission(_offer(80.01, False)), tender=tender), CHECK)

    assert at_max.status == "pass"
    assert above.status == "fail"
    assert "maximum van € 80,00" in above.reason


def test_the_btw_basis_of_the_maximum_is_reported_as_an_assumption(make_submission, run_checks, finding_of):
    report = run_checks(make_submission())

    params = {p.name: p for p in finding_of(report, CHECK).params}
    assert params["max_uurtarief"].value == "€ 80,00"
    assert params["btw_basis_maximum"].assumption is True
    assert "excl. btw" in params["btw_basis_maximum"].note
    assert "btw_basis_maximum" in [a.name for a in report.assumptions]
