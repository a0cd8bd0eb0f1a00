"""NL-SROI-001: contract value (rate x 24 h x 52/12 x 16 months incl. options, excl. BTW) against
the EUR 400,000 SROI threshold. Informational: never blocking.
"""

from __future__ import annotations

CHECK = "NL-SROI-001"


def test_heerde_at_the_maximum_rate_stays_below_the_threshold(make_submission, run_checks, finding_of):
    report = run_checks(make_submission({"offer/hourly_rate_eur": 80.0}))

    finding = finding_of(report, CHECK)
    assert finding.status == "not_applicable"
    assert finding.blocking is False
    assert finding.reason_code == "SROI_BELOW_THRESHOLD"
    assert "contractwaarde € 133.120,00 (aangeboden tarief) is niet hoger dan de drempel van € 400.000,00" in (
        finding.reason
    )
    lines = {c.label: c for c in finding.calculations}
    assert lines["Uren per maand"].result == "104,0"
    assert lines["Contractwaarde tegen aangeboden tarief"].result == "€ 133.120,00"
    assert "16 maanden (4 + 12 optie)" in lines["Contractwaarde tegen aangeboden tarief"].expression
    assert lines["Contractwaarde tegen maximumtarief"].result == "€ 133.120,00"


def test_value_is_shown_at_both_the_offered_and_the_maximum_rate(make_submission, run_checks, finding_of):
    finding = finding_of(run_checks(make_submission()), CHECK)  # offered 79.00

    lines = {c.label: c.result for c in finding.calculations}
    assert lines["Contractwaarde tegen aangeboden tarief"] == "€ 131.456,00"
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
    assert "contractwaarde € 133.120,00 (aangeboden tarief) is hoger dan € 100.000,00" in finding.reason
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
    assert lines["Contractwaarde tegen aangeboden tarief"].result == "€ 135.893,33"


def test_fractional_weekly_hours_are_shown_in_the_calculation(make_submission, make_tender, run_checks, finding_of):
    tender = make_tender({"term/hours_per_week": 24.5})

    finding = finding_of(run_checks(make_submission({"offer/hourly_rate_eur": 80.0}), tender=tender), CHECK)

    lines = {c.label: c for c in finding.calculations}
    assert "× 24,5 ×" in lines["Contractwaarde tegen aangeboden tarief"].expression
