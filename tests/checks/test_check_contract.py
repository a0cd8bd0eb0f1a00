"""CAND-CONTRACT-001: the candidate's contract against the planned start (1 April 2026) and the end of the
initial term (30 September 2026) of the Oldebroek Wmo tender; the GGD tender's start is assumed ('z.s.m.')."""

from __future__ import annotations

import pytest
from v2_support import WMO_OFFER, apply, run

from compliance.i18n import render
from compliance.inputs.tenders import resolve_tender
from compliance.models.findings import Finding
from compliance.models.report import Report

CHECK = "CAND-CONTRACT-001"


def _finding(report: Report) -> Finding:
    (found,) = [f for f in report.findings if f.check_id == CHECK]
    return found


def _offer(contract_end: str | None) -> dict[str, object]:
    return apply(WMO_OFFER, {"candidate/employment": {"employer_name": "Veluwe Sociaal", "contract_end": contract_end}})


def test_a_contract_ending_before_the_start_needs_review_with_what_to_supply() -> None:
    report = run(_offer("2026-03-31"))

    finding = _finding(report)
    assert (finding.status, finding.blocking) == ("needs_review", True)
    assert finding.reason_code == "CONTRACT_ENDS_BEFORE_START"
    assert finding.reason.startswith("Het contract van de kandidaat loopt tot 31 maart 2026, vóór de start")
    assert "1 april 2026" in finding.reason
    assert "minstens 30 september 2026" in finding.remedy
    assert "/candidate/employment/contract_end" in finding.remedy
    assert finding.facts[0].pointer == "/candidate/employment/contract_end"
    assert CHECK in report.summary.blocking_reviews
    assert report.verdict == "needs_review"


@pytest.mark.parametrize("contract_end", ["2026-04-01", "2026-09-29"])
def test_a_contract_ending_during_the_initial_term_is_an_attention_point_only(contract_end: str) -> None:
    report = run(_offer(contract_end))

    finding = _finding(report)
    assert finding.status == "pass"
    assert finding.reason_code == "CONTRACT_ENDS_DURING_TERM"
    assert "vóór het einde van de initiële termijn op 30 september 2026" in finding.reason
    assert len(finding.attention) == 1 and "verlenging nodig" in finding.attention[0]
    assert CHECK not in report.summary.blocking_reviews


@pytest.mark.parametrize("contract_end", ["2026-09-30", "2027-12-31"])
def test_a_contract_covering_the_initial_term_passes(contract_end: str) -> None:
    finding = _finding(run(_offer(contract_end)))

    assert (finding.status, finding.reason_code, finding.attention) == ("pass", "CONTRACT_COVERS_TERM", ())


def test_no_end_date_or_no_employment_is_not_applicable_and_never_blocks() -> None:
    for offer in (_offer(None), WMO_OFFER):
        finding = _finding(run(offer))
        assert (finding.status, finding.blocking, finding.reason_code) == (
            "not_applicable",
            False,
            "CONTRACT_END_NOT_GIVEN",
        )


def test_an_assumed_start_is_named_as_such() -> None:
    # The GGD posting says 'z.s.m.'; its tender assumes a start on 4 May 2026.
    spec, _ = resolve_tender("flextender-28307")
    assert spec.start.kind == "asap"
    offer = {**_offer("2026-04-30"), "tender_id": "flextender-28307"}
    offer.pop("answers")

    finding = _finding(run(offer, "flextender-28307"))

    assert finding.status == "needs_review"
    assert "vóór de aangenomen start van de opdracht op 4 mei 2026" in finding.reason
    english, _ = render(finding.reason_code, dict(finding.reason_args), "en")
    assert "before the assumed start of the assignment" in english
