"""NL-SROI-001: contract value (rate x 24 h x 52/12 x 16 months incl. options, excl. BTW) against
the EUR 400,000 SROI threshold. Informational: never blocking.
"""

from __future__ import annotations

import pytest

CHECK = "NL-SROI-001"


def test_heerde_at_the_maximum_rate_stays_below_the_threshold(make_submission, run_checks, finding_of):
    report = run_checks(make_submission({"offer/hourly_rate_eur": 80.0}))

    finding = finding_of(report, CHECK)
    assert finding.status == "not_applicable"
    assert finding.blocking is False
    assert finding.reason_code == "SROI_BELOW_THRESHOLD"
    assert (
        "contractwaarde € 133.120,00 (aangeboden tarief excl. btw) is niet hoger dan de drempel van € 400.000,00"
        in (finding.reason)
    )
    lines = {c.label: c for c in finding.calculations}
    assert lines["Uren per maand"].result == "104,0"
    assert lines["Contractwaarde tegen aangeboden tarief (excl. btw)"].result == "€ 133.120,00"
    assert "16 maanden (4 + 12 optie)" in lines["Contractwaarde tegen aangeboden tarief (excl. btw)"].expression
    assert lines["Contractwaarde tegen maximumtarief"].result == "€ 133.120,00"


def test_value_is_shown_at_both_the_offered_and_the_maximum_rate(make_submission, run_checks, finding_of):
    finding = finding_of(run_checks(make_submission()), CHECK)  # offered 79.00

    lines = {c.label: c.result for c in finding.calculations}
    assert lines["Contractwaarde tegen aangeboden tarief (excl. btw)"] == "€ 131.456,00"
    assert lines["Contractwaarde tegen maximumtarief"] == "€ 133.120,00"


def test_the_unconfirmed_sroi_settings_are_reported_as_assumptions(make_submission, run_checks, finding_of):
    report = run_checks(make_submission())

    params = {p.name: p for p in finding_of(report, CHECK).params}
    assert params["sroi_percentage"].assumption is True
    assert params["sroi_drempel_geldt"].assumption is True
    assert params["sroi_waarde_op_basis_van"].assumption is True
    assert params["sroi_drempel"].assumption is False
    assert {"sroi_percentage", "sroi_drempel_geldt"} <= {a.name for a in report.assumptions}


def test_lower_threshold_triggers_the_obligation_with_the_5_percent_amount(
    make_submission, make_tender, run_checks, finding_of, registry
):
    tender = make_tender({"conditions/sroi/threshold_eur": 100000})

    report = run_checks(make_submission({"offer/hourly_rate_eur": 80.0}), tender=tender, registry=registry)

    finding = finding_of(report, CHECK)
    assert finding.status == "needs_review"
    assert finding.blocking is False
    assert finding.reason_code == "SROI_APPLIES"
    assert "contractwaarde € 133.120,00 (aangeboden tarief excl. btw) is hoger dan € 100.000,00" in finding.reason
    assert "Verplichting: 5% = € 6.656,00" in finding.reason
    assert "SROI-plan van € 6.656,00" in finding.remedy
    assert finding.calculations[-1].result == "€ 6.656,00"
    assert report.verdict == "compliant"


def test_value_exactly_at_the_threshold_does_not_trigger(make_submission, make_tender, run_checks, finding_of):
    tender = make_tender({"conditions/sroi/threshold_eur": 133120})

    finding = finding_of(run_checks(make_submission({"offer/hourly_rate_eur": 80.0}), tender=tender), CHECK)

    assert finding.status == "not_applicable"


def test_value_on_the_maximum_rate_when_the_tender_says_so(make_submission, make_tender, run_checks, finding_of):
    tender = make_tender({"conditions/sroi/threshold_eur": 132000, "conditions/sroi/value_basis": "max_rate"})

    finding = finding_of(run_checks(make_submission({"offer/hourly_rate_eur": 70.0}), tender=tender), CHECK)

    assert finding.reason_code == "SROI_APPLIES"
    assert "€ 133.120,00 (maximumtarief)" in finding.reason


def test_cumulative_threshold_below_the_value_needs_review(make_submission, make_tender, run_checks, finding_of):
    tender = make_tender({"conditions/sroi/threshold_scope": "cumulative_das"})

    finding = finding_of(run_checks(make_submission()), CHECK)
    cumulative = finding_of(run_checks(make_submission(), tender=tender), CHECK)

    assert finding.status == "not_applicable"
    assert cumulative.status == "needs_review"
    assert cumulative.blocking is False
    assert cumulative.reason_code == "SROI_CUMULATIVE_UNKNOWN"
    assert "geldt cumulatief binnen het DAS" in cumulative.reason


def test_tender_without_sroi_condition(make_submission, make_tender, run_checks, finding_of):
    finding = finding_of(run_checks(make_submission(), tender=make_tender(drop=["conditions/sroi"])), CHECK)

    assert finding.status == "not_applicable"
    assert finding.reason_code == "SROI_NOT_REQUIRED"


def test_fractional_weekly_hours_give_the_exact_value(make_submission, make_tender, run_checks, finding_of):
    tender = make_tender({"term/hours_per_week": 24.5})

    finding = finding_of(run_checks(make_submission({"offer/hourly_rate_eur": 80.0}), tender=tender), CHECK)

    lines = {c.label: c for c in finding.calculations}
    # 80 x 24.5 x 52/12 x 16 = 135,893.33
    assert lines["Contractwaarde tegen aangeboden tarief (excl. btw)"].result == "€ 135.893,33"


def test_fractional_weekly_hours_are_shown_in_the_calculation(make_submission, make_tender, run_checks, finding_of):
    tender = make_tender({"term/hours_per_week": 24.5})

    finding = finding_of(run_checks(make_submission({"offer/hourly_rate_eur": 80.0}), tender=tender), CHECK)

    lines = {c.label: c for c in finding.calculations}
    assert "× 24,5 ×" in lines["Contractwaarde tegen aangeboden tarief (excl. btw)"].expression


# Issue 13, rule 7: BTW converted before the threshold; DAS settings as assumptions.


@pytest.mark.parametrize(("rate", "vat_included"), [(96.80, True), (80.00, False)])
def test_a_rate_including_btw_is_converted_before_the_contract_value(
    make_submission, run_checks, finding_of, rate, vat_included
):
    submission = make_submission({"offer/hourly_rate_eur": rate, "offer/vat_included": vat_included})

    finding = finding_of(run_checks(submission), CHECK)

    lines = {c.label: c for c in finding.calculations}
    # EUR 96.80 incl. BTW is EUR 80.00 excl.: EUR 133,120, not EUR 161,075.20.
    assert lines["Contractwaarde tegen aangeboden tarief (excl. btw)"].result == "€ 133.120,00"
    assert "contractwaarde € 133.120,00 (aangeboden tarief excl. btw)" in finding.reason
    if vat_included:
        assert lines["Tarief excl. btw"].expression == "€ 96,80 / 1.21"
        assert lines["Tarief excl. btw"].result == "€ 80,00"
        assert any(p.name == "btw_standard_rate_percent" and p.valid_from == "2019-01-01" for p in finding.params)
    else:
        assert "Tarief excl. btw" not in lines


def test_conversion_decides_at_the_threshold(make_submission, make_tender, run_checks, finding_of):
    # EUR 100.00 incl. BTW = EUR 82.64 excl.: EUR 137,520.66 excl., EUR 166,400 if BTW were left in.
    tender = make_tender({"conditions/sroi/threshold_eur": 150000})
    submission = make_submission({"offer/hourly_rate_eur": 100.00, "offer/vat_included": True})

    finding = finding_of(run_checks(submission, tender=tender), CHECK)

    assert finding.status == "not_applicable"
    assert finding.reason_code == "SROI_BELOW_THRESHOLD"


def test_unknown_das_settings_come_from_the_rules_as_assumptions(make_submission, make_tender, run_checks, finding_of):
    tender = make_tender(
        {"conditions/sroi/threshold_eur": 100000, "conditions/sroi/threshold_is_assumption": True},
        drop=["conditions/sroi/percentage", "conditions/sroi/threshold_scope"],
    )

    report = run_checks(make_submission({"offer/hourly_rate_eur": 80.0}), tender=tender)

    finding = finding_of(report, CHECK)
    params = {p.name: p for p in finding.params}
    assert (params["sroi_default_percentage"].value, params["sroi_default_percentage"].assumption) == ("5%", True)
    assert params["sroi_default_threshold_scope"].value == "cumulative_das"
    assert params["sroi_default_threshold_scope"].assumption is True
    assert params["sroi_drempel"].assumption is True
    assert "Verplichting: 5% = € 6.656,00" in finding.reason
    assert {"sroi_default_percentage", "sroi_default_threshold_scope", "sroi_drempel"} <= {
        a.name for a in report.assumptions
    }


def test_the_das_default_scope_is_cumulative(make_submission, make_tender, run_checks, finding_of):
    tender = make_tender(drop=["conditions/sroi/threshold_scope"])

    finding = finding_of(run_checks(make_submission(), tender=tender), CHECK)

    assert finding.reason_code == "SROI_CUMULATIVE_UNKNOWN"
