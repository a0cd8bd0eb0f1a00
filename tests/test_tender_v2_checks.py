"""The generic requirement checks on v2 tenders: vocabulary matching, several kinds, answers, scoring."""

from __future__ import annotations

from decimal import Decimal

import pytest
from v2_support import WMO_OFFER, apply, run

from compliance.errors import InputError
from compliance.intake.scoring import Contender, rank
from compliance.models.findings import Finding
from compliance.models.report import Report
from compliance.sources.registry import SnapshotRegistry


def _finding(report: Report, check_id: str, requirement_id: str = "") -> Finding:
    matches = [f for f in report.findings if f.check_id == check_id and f.requirement_id == requirement_id]
    assert len(matches) == 1, [(f.check_id, f.requirement_id) for f in report.findings]
    return matches[0]


def _score(report: Report, criterion: str) -> tuple[str, int]:
    assert report.score is not None
    found = {c.criterion_id: c for c in report.score.criteria}[criterion]
    return found.status, found.points


def test_a_wmo_consultant_in_free_text_meets_the_wmo_tender() -> None:
    report = run(WMO_OFFER)
    experience = _finding(report, "KO-EXP-001", "E3")
    assert experience.status == "pass", experience.reason
    assert "'wmo consulent'" in experience.calculations[1].expression
    assert _finding(report, "KO-EDU-001", "E2").status == "pass"
    assert _score(report, "W1") == ("met", 30)
    assert _score(report, "W2") == ("met", 40)
    assert _score(report, "W3") == ("needs_review", 0)  # a statement: a person scores the answer


@pytest.mark.parametrize(
    ("employer", "status"),
    [
        ("Gemeente Epe", "pass"),
        ("Werkorganisatie BUCH", "needs_review"),  # works for gemeenten: a person judges
        ("Welzijn Oldebroek, in opdracht van de gemeente", "needs_review"),
        ("Zorggroep Noord", "fail"),
    ],
)
def test_employer_kinds_follow_the_tenders_vocabulary(employer: str, status: str) -> None:
    report = run(apply(WMO_OFFER, {"candidate/experience/0/employer": employer}))
    assert _finding(report, "KO-EXP-001", "E3").status == status


def test_a_short_experience_says_how_much_is_missing_and_where() -> None:
    report = run(apply(WMO_OFFER, {"candidate/experience/0/start": "2025-01-01"}))
    finding = _finding(report, "KO-EXP-001", "E3")
    assert finding.status == "fail"
    assert finding.remedy.startswith("Nog 10 maanden nodig: vermeld in /candidate/experience ook andere banen")
    assert "Wmo-consultant" in finding.remedy


def test_a_spelling_variant_of_a_wish_is_to_be_assessed_not_a_silent_zero() -> None:
    report = run(apply(WMO_OFFER, {"candidate/experience/0/description": "Huisbezoeken en keukentafelgesprekje."}))
    assert _score(report, "W2") == ("needs_review", 0)
    assert _score(report, "W1") == ("not_met", 0)


def test_a_statement_wish_without_an_answer_scores_nothing_and_says_which_field() -> None:
    report = run(apply(WMO_OFFER, {"answers": []}))
    status, points = _score(report, "W3")
    assert (status, points) == ("not_met", 0)
    assert report.score is not None
    reason = {c.criterion_id: c for c in report.score.criteria}["W3"].reason
    assert "beantwoordt W3 niet" in reason


def test_an_unknown_tag_is_an_input_error_listing_the_allowed_codes() -> None:
    document = apply(WMO_OFFER, {"candidate/experience/0/tags": {"roles": ["wmo_consulent"]}})
    with pytest.raises(InputError) as caught:
        run(document)
    assert caught.value.problems == [
        ("/candidate/experience/0/tags/roles/0", "onbekende code 'wmo_consulent'; toegestaan: wmo_consultant")
    ]


def test_an_answer_to_an_unknown_requirement_is_an_input_error() -> None:
    document = apply(WMO_OFFER, {"answers": [{"requirement": "W9", "text": "x"}]})
    with pytest.raises(InputError, match="onbekende eis/wens 'W9'"):
        run(document)


def test_a_chain_of_lenders_needs_review_even_when_the_supplier_is_registered(kvk_snapshot) -> None:
    registry = SnapshotRegistry(
        kvk_snapshot({"_meta": {"retrievedAt": "2026-03-02T10:00:00+01:00"}}, kvk_number="12345678")
    )
    assert _finding(run(WMO_OFFER, registry=registry), "NL-WAADI-001").status == "pass"
    chained = apply(WMO_OFFER, {"candidate/employment": {"employer_name": "Flex B.V.", "lenders": ["87654321"]}})
    finding = _finding(run(chained, registry=registry), "NL-WAADI-001")
    assert finding.status == "needs_review"
    assert finding.reason_code == "WAADI_CHAIN_UNVERIFIED"
    assert "87654321" in finding.reason


def test_zzp_is_allowed_where_the_posting_says_so() -> None:
    ggd = apply(
        WMO_OFFER,
        {
            "tender_id": "flextender-28307",
            "candidate/engagement": "zzp",
            "candidate/owner_of_supplier": True,
            "supplier/legal_form": "eenmanszaak",
            "answers": [],
        },
    )
    report = run(ggd, "flextender-28307")
    dba = _finding(report, "NL-DBA-001")
    assert (dba.status, dba.reason_code) == ("not_applicable", "DBA_NOT_REQUIRED")


def test_a_big_registration_is_found_by_its_alias_and_needs_eleven_digits() -> None:
    base = apply(
        WMO_OFFER,
        {
            "tender_id": "flextender-28307",
            "answers": [],
            "candidate/registrations": [{"register": "BIG-register", "number": "19012345601", "valid_until": "2029-01-01"}],
        },
    )
    assert _finding(run(base, "flextender-28307"), "KO-REG-001", "K2").status == "pass"
    short = apply(base, {"candidate/registrations/0/number": "1901234"})
    finding = _finding(run(short, "flextender-28307"), "KO-REG-001", "K2")
    assert finding.status == "needs_review"
    assert "^" not in finding.reason  # a format is described in words, never as a pattern
    assert any(p.value == "11 cijfers" for p in finding.params)


def test_weights_in_percent_count_as_points_out_of_a_hundred() -> None:
    report = run(apply(WMO_OFFER, {"tender_id": "flextender-28307", "answers": []}), "flextender-28307")
    assert report.score is not None
    assert report.score.max_points == 100
    assert [c.max_points for c in report.score.criteria] == [40, 30, 30]


def test_a_tie_break_on_a_named_criterion_comes_before_the_rate() -> None:
    ranking = rank(
        [
            Contender("S-1", 70, Decimal("70.00"), {"W2": 0}),
            Contender("S-2", 70, Decimal("80.00"), {"W2": 40}),
        ],
        3,
        ["criterion:W2", "lowest_rate", "lot"],
    )
    assert [(p.submission_id, p.rank, p.tie) for p in ranking.placements] == [
        ("S-2", 1, "decided_by_criterion:W2"),
        ("S-1", 2, "decided_by_criterion:W2"),
    ]
