"""Step 2 of the Heerde procedure: points per selection criterion (5–8) and the ranking with ties."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from compliance.intake.scoring import (
    MET,
    NEEDS_REVIEW,
    NOT_MET,
    TIE_BY_RATE,
    TIE_LOT,
    Contender,
    rank,
)
from compliance.models.report import CriterionScore, ScoreInfo

DEADLINE = date(2026, 2, 23)  # the Heerde deadline: the 10-year window of criterion 5 ends here


@pytest.fixture
def score(run_checks: Any) -> Callable[[dict[str, Any]], ScoreInfo]:
    """The score section of the report the engine makes (the criteria are judged like the knock-outs)."""

    def run(document: dict[str, Any]) -> ScoreInfo:
        info = run_checks(document).score
        assert info is not None
        return info

    return run


def criterion(info: ScoreInfo, criterion_id: str) -> CriterionScore:
    return next(c for c in info.criteria if c.criterion_id == criterion_id)


def behaviour_job(make_job: Callable[..., dict[str, Any]], **changes: Any) -> dict[str, Any]:
    """An ambulant job in families with young children with behavioural problems (criterion 5)."""
    base = {
        "role": "Ambulant hulpverlener",
        "role_type": "ambulant_hulpverlener",
        "employer": "Zorgaanbieder De Linde",
        "employer_type": "zorgaanbieder",
        "target_groups": ["jonge_kinderen", "gedragsproblematiek"],
        "safety_plan": False,
        "solution_focused": False,
    }
    return make_job(**{**base, **changes})


def test_the_example_candidate_earns_every_criterion(make_submission: Any, score: Any) -> None:
    info = score(make_submission())
    assert [(c.criterion_id, c.status, c.points) for c in info.criteria] == [
        ("G5", MET, 40),
        ("G6", MET, 20),
        ("G7", MET, 20),
        ("G8", MET, 20),
    ]
    assert (info.total_points, info.max_points) == (100, 100)
    assert criterion(info, "G5").reference == "Flextender 27442, selectiecriterium 5 (40 punten)"


def test_criterion_5_merges_overlapping_periods_before_comparing_with_36_months(
    make_submission: Any, make_job: Any, score: Any
) -> None:
    # Two jobs side by side for the same 24 months, then 11 more months: 35 months, not 59.
    jobs = [
        behaviour_job(make_job, start="2021-01-01", end="2022-12-31"),
        behaviour_job(
            make_job, employer="Gemeente Epe", employer_type="gemeente", start="2021-01-01", end="2022-12-31"
        ),
        behaviour_job(make_job, start="2023-01-01", end="2023-11-30"),
    ]
    info = score(make_submission({"candidate/experience": jobs}))
    g5 = criterion(info, "G5")
    assert (g5.status, g5.points) == (NOT_MET, 0)
    assert "35 maanden" in g5.reason and "vereist: 36" in g5.reason

    jobs[2] = behaviour_job(make_job, start="2023-01-01", end="2023-12-31")  # one month more: 36
    g5 = criterion(score(make_submission({"candidate/experience": jobs})), "G5")
    assert (g5.status, g5.points) == (MET, 40)


def test_criterion_5_needs_behavioural_problems_and_the_ten_year_window(
    make_submission: Any, make_job: Any, score: Any
) -> None:
    jobs = [
        # young children but no behavioural problems: the knock-out counts it, criterion 5 does not
        behaviour_job(
            make_job, role="Gezinscoach", start="2016-03-01", end="2020-12-31", target_groups=["jonge_kinderen"]
        ),
        # behavioural problems, but it ended before the window (23 February 2016)
        behaviour_job(make_job, start="2010-01-01", end="2015-12-31"),
        # 24 months inside the window
        behaviour_job(make_job, start="2023-01-01", end="2024-12-31"),
    ]
    g5 = criterion(score(make_submission({"candidate/experience": jobs})), "G5")
    assert g5.status == NOT_MET and g5.points == 0
    assert "24 maanden en 0 dag(en) meetellende ervaring" in g5.reason


def test_criterion_6_safety_plan_needs_an_example(make_submission: Any, score: Any) -> None:
    no_example = make_submission({"candidate/experience/0/example": None})
    g6 = criterion(score(no_example), "G6")
    assert (g6.status, g6.points) == (NOT_MET, 0)
    assert "geen van de meetellende banen staat een voorbeeld" in g6.reason

    # The flag is off but the example says "veiligheidsplan opgesteld": the words and the declared
    # codes disagree, so a person scores it (v1 read only the flag and gave a silent 0).
    no_flag = make_submission({"candidate/experience/0/safety_plan": False})
    g6 = criterion(score(no_flag), "G6")
    assert (g6.status, g6.points) == (NEEDS_REVIEW, 0)
    assert "veiligheidsplan" in g6.reason

    neither = make_submission(
        {"candidate/experience/0/safety_plan": False, "candidate/experience/0/example": "Gezinnen begeleid."}
    )
    g6 = criterion(score(neither), "G6")
    assert (g6.status, g6.points) == (NOT_MET, 0)
    assert "Geen baan toont de gevraagde ervaring" in g6.reason


def test_criterion_7_course_must_be_completed_by_the_deadline(make_submission: Any, score: Any) -> None:
    course = "candidate/courses/0/completed_on"
    assert criterion(score(make_submission({course: None})), "G7").status == NOT_MET
    late = criterion(score(make_submission({course: "2026-03-01"})), "G7")
    assert (late.status, late.points) == (NOT_MET, 0)
    assert "niet afgerond vóór 23 februari 2026" in late.reason
    met = criterion(score(make_submission({"candidate/courses/0/topic": "  Gedragsproblematiek "})), "G7")
    assert (met.status, met.points) == (MET, 20)


def test_criterion_7_course_without_topic_is_reviewed_not_awarded(make_submission: Any, score: Any) -> None:
    unlabelled = make_submission(
        {
            "candidate/courses/0": {
                "name": "Basiscursus gedragsproblematiek bij jonge kinderen",
                "completed_on": "2020-01-10",
            }
        }
    )
    # The words of the name show the topic: it scores (v1 asked for a topic code; v2 reads the words).
    g7 = criterion(score(unlabelled), "G7")
    assert (g7.status, g7.points) == (MET, 20)
    assert "gedragsproblematiek" in g7.reason
    near = make_submission({"candidate/courses/0": {"name": "Cursus omgaan met gedragsprobleem", "completed_on": "2020-01-10"}})
    g7 = criterion(score(near), "G7")
    assert (g7.status, g7.points) == (NEEDS_REVIEW, 0)
    assert "'gedragsprobleem' ~ gedragsproblemen" in g7.reason


def test_criterion_8_solution_focused_must_be_in_the_social_domain(
    make_submission: Any, make_job: Any, score: Any
) -> None:
    outside = make_job(
        role="Teamleider",
        role_type="other",
        employer="Bouwbedrijf Van Dam",
        employer_type="other",
        target_groups=[],
        solution_focused=True,
        example="Oplossingsgericht overleg ingevoerd in het team.",
    )
    submission = make_submission({"candidate/experience/0/solution_focused": False, "candidate/experience/-": outside})
    g8 = criterion(score(submission), "G8")
    # v1 left this to a reviewer; v2 says what is missing (the social domain) and scores nothing.
    assert (g8.status, g8.points) == (NOT_MET, 0)
    assert "/candidate/experience/1 ('Teamleider'): doelgroep/onderwerp het sociaal domein" in g8.reason

    g8 = criterion(score(make_submission()), "G8")
    assert (g8.status, g8.points) == (MET, 20)
    assert "'Gezinscoach' bij 'Gemeente Raalte'" in g8.reason


def contenders(*entries: tuple[str, int, str]) -> list[Contender]:
    return [Contender(sid, points, Decimal(rate)) for sid, points, rate in entries]


def test_ranking_orders_by_points_then_rate_and_marks_the_rate_decision() -> None:
    ranking = rank(contenders(("A", 60, "70"), ("B", 80, "79"), ("C", 80, "74.50"), ("D", 100, "80")), 5)
    assert [(p.submission_id, p.rank, p.tie) for p in ranking.placements] == [
        ("D", 1, None),
        ("C", 2, TIE_BY_RATE),
        ("B", 3, TIE_BY_RATE),
        ("A", 4, None),
    ]
    assert all(p.selected for p in ranking.placements)


def test_equal_points_and_rate_share_a_rank_and_are_a_lot_never_ordered_silently() -> None:
    # 79.0 and 79.00 are the same rate.
    ranking = rank(contenders(("Z", 80, "79.0"), ("A", 80, "79.00"), ("M", 80, "75"), ("Q", 40, "60")), 5)
    placed = {p.submission_id: p for p in ranking.placements}
    assert (placed["M"].rank, placed["M"].tie) == (1, TIE_BY_RATE)
    assert (placed["A"].rank, placed["A"].tie) == (2, TIE_LOT)
    assert (placed["Z"].rank, placed["Z"].tie) == (2, TIE_LOT)
    assert (placed["Q"].rank, placed["Q"].tie) == (4, None)  # competition ranking: 1, 2, 2, 4
    assert placed["A"].selected and placed["Z"].selected and placed["A"].lot_places == 0
    assert ranking.open_lot == ()


def test_only_the_best_five_are_selected() -> None:
    ranking = rank(contenders(*((f"S{i}", 100 - 10 * i, "70") for i in range(7))), 5)
    assert [p.selected for p in ranking.placements] == [True] * 5 + [False] * 2
    assert [p.rank for p in ranking.placements] == [1, 2, 3, 4, 5, 6, 7]


def test_a_lot_straddling_the_cut_off_selects_nobody_in_it_and_says_how_many_places() -> None:
    ranking = rank(
        contenders(
            ("A", 100, "70"),
            ("B", 80, "70"),
            ("C", 60, "70"),
            ("D", 40, "75"),
            ("E", 40, "75"),
            ("F", 40, "75"),
            ("G", 20, "60"),
        ),
        5,
    )
    placed = {p.submission_id: p for p in ranking.placements}
    assert [placed[s].selected for s in "ABC"] == [True, True, True]
    for sid in "DEF":
        assert (placed[sid].rank, placed[sid].tie, placed[sid].selected, placed[sid].lot_places) == (
            4,
            TIE_LOT,
            False,
            2,
        )
    assert (placed["G"].rank, placed["G"].selected, placed["G"].lot_places) == (7, False, 0)
    assert [p.submission_id for p in ranking.open_lot] == ["D", "E", "F"]


def test_a_lot_just_behind_the_cut_off_is_not_an_open_lot() -> None:
    ranking = rank(contenders(*((f"S{i}", 100 - 10 * i, "70") for i in range(5)), ("X", 10, "70"), ("Y", 10, "70")), 5)
    assert ranking.open_lot == ()
    assert [p.tie for p in ranking.placements[-2:]] == [TIE_LOT, TIE_LOT]


def test_duplicate_submission_ids_cannot_be_ranked() -> None:
    with pytest.raises(ValueError):
        rank(contenders(("A", 1, "70"), ("A", 2, "70")), 5)
