"""KO-EDU-001: a completed hbo bachelor in MWD/SPH (or Social Work, their successor) or another
social programme; an unlisted programme at the right level needs the buyer's judgement."""

from __future__ import annotations

import pytest

CHECK = "KO-EDU-001"


def _education(programme, level="hbo_bachelor", completed_on="2015-06-30"):
    return {
        "candidate/education": [
            {
                "level": level,
                "programme": programme,
                "institution": "Hogeschool Windesheim",
                "completed_on": completed_on,
            }
        ]
    }


@pytest.mark.parametrize(
    ("programme", "accepted"),
    [
        ("Sociaal Pedagogische Hulpverlening", "Sociaal Pedagogische Hulpverlening"),
        ("hbo SPH (voltijd)", "Sociaal Pedagogische Hulpverlening"),
        ("Maatschappelijk Werk & Dienstverlening", "Maatschappelijk Werk en Dienstverlening"),
        ("MWD", "Maatschappelijk Werk en Dienstverlening"),
        ("Toegepaste Pedagogiek", "Pedagogiek"),
    ],
)
def test_accepted_programme_passes(make_submission, run_checks, finding_of, programme, accepted):
    finding = finding_of(run_checks(make_submission(_education(programme))), CHECK)

    assert finding.status == "pass"
    assert finding.blocking is True
    assert finding.reason_code == "EDU_OK"
    assert f"{programme} (hbo-bachelor) afgerond op 30 juni 2015" in finding.reason
    assert f"geaccepteerde richting: {accepted}" in finding.reason


@pytest.mark.parametrize("programme", ["Social Work", "Sociaal Werk (deeltijd)"])
def test_social_work_is_accepted_as_successor_of_mwd_and_sph(make_submission, run_checks, finding_of, programme):
    finding = finding_of(run_checks(make_submission(_education(programme))), CHECK)

    assert finding.status == "pass"
    assert "geaccepteerde richting: Social Work" in finding.reason
    assert any("Opvolger van MWD, SPH en CMV" in note for note in finding.attention)


def test_higher_level_in_an_accepted_programme_passes(make_submission, run_checks, finding_of):
    finding = finding_of(run_checks(make_submission(_education("Master Pedagogiek", level="wo_master"))), CHECK)

    assert finding.status == "pass"
    assert "(wo-master)" in finding.reason


def test_toegepaste_psychologie_needs_the_buyers_judgement(make_submission, run_checks, finding_of):
    report = run_checks(make_submission(_education("Toegepaste Psychologie")))

    finding = finding_of(report, CHECK)
    assert finding.status == "needs_review"
    assert finding.blocking is True
    assert finding.reason_code == "EDU_PROGRAMME_REVIEW"
    assert "Toegepaste Psychologie (hbo-bachelor) is afgerond" in finding.reason
    assert "beslist de opdrachtgever" in finding.reason
    assert report.verdict == "needs_review"


def test_unlisted_programme_at_the_right_level_needs_review(make_submission, run_checks, finding_of):
    finding = finding_of(run_checks(make_submission(_education("Integrale Veiligheidskunde"))), CHECK)

    assert finding.status == "needs_review"
    assert finding.reason_code == "EDU_PROGRAMME_UNKNOWN"
    assert "staat niet op de lijst van geaccepteerde richtingen" in finding.reason
    assert "andere sociale opleidingen" in finding.reason


def test_unlisted_programme_fails_when_the_list_is_closed(make_submission, make_tender, run_checks, finding_of):
    tender = make_tender({"knockouts/0/open_ended": False})

    finding = finding_of(run_checks(make_submission(_education("Integrale Veiligheidskunde")), tender=tender), CHECK)

    assert finding.status == "fail"
    assert "Integrale Veiligheidskunde: geen geaccepteerde richting." in finding.reason


def test_mbo_level_fails(make_submission, run_checks, finding_of):
    report = run_checks(make_submission(_education("Sociaal Pedagogisch Werk", level="mbo")))

    finding = finding_of(report, CHECK)
    assert finding.status == "fail"
    assert finding.blocking is True
    assert finding.reason_code == "EDU_NOT_MET"
    assert "Geen afgeronde opleiding op minimaal hbo-bachelor-niveau" in finding.reason
    assert "niveau mbo is te laag" in finding.reason
    assert "/candidate/education een opleiding op minimaal hbo-bachelor-niveau" in finding.remedy
    assert report.verdict == "non_compliant"


def test_associate_degree_is_below_bachelor(make_submission, run_checks, finding_of):
    finding = finding_of(run_checks(make_submission(_education("Social Work", level="hbo_associate"))), CHECK)

    assert finding.status == "fail"
    assert "niveau hbo associate degree is te laag" in finding.reason


@pytest.mark.parametrize("completed_on", [None, "2026-06-30"])  # not completed, or only after the deadline
def test_not_completed_fails(make_submission, run_checks, finding_of, completed_on):
    submission = make_submission(_education("Social Work", completed_on=completed_on))

    finding = finding_of(run_checks(submission), CHECK)

    assert finding.status == "fail"
    assert finding.reason_code == "EDU_NOT_MET"
    assert "Social Work: niet afgerond vóór 23 februari 2026." in finding.reason


def test_no_education_at_all_fails(make_submission, run_checks, finding_of):
    finding = finding_of(run_checks(make_submission({"candidate/education": []})), CHECK)

    assert finding.status == "fail"
    assert "Er is geen opleiding opgegeven." in finding.reason


def test_an_accepted_programme_later_in_the_list_wins(make_submission, run_checks, finding_of):
    submission = make_submission(
        {
            "candidate/education": [
                {"level": "mbo", "programme": "Pedagogisch Werk", "completed_on": "2009-06-30"},
                {"level": "hbo_bachelor", "programme": "Toegepaste Psychologie", "completed_on": "2013-06-30"},
                {"level": "hbo_bachelor", "programme": "Social Work", "completed_on": "2019-06-30"},
            ]
        }
    )

    finding = finding_of(run_checks(submission), CHECK)

    assert finding.status == "pass"
    assert "Social Work (hbo-bachelor) afgerond op 30 juni 2019" in finding.reason
    assert [f.pointer for f in finding.facts] == [f"/candidate/education/{i}" for i in range(3)]


def test_tender_without_education_rule_is_not_applicable(make_submission, make_tender, run_checks, finding_of):
    tender = make_tender(drop=["knockouts/0"])

    finding = finding_of(run_checks(make_submission({"candidate/education": []}), tender=tender), CHECK)

    assert finding.status == "not_applicable"
    assert finding.blocking is False
