"""The engine: verdict logic, isolation of a failing check, the decision record's bookkeeping."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from compliance import i18n
from compliance.checks import CHECKS
from compliance.checks.base import Check, CheckContext
from compliance.checks.base import finding as make_finding
from compliance.engine import verdict_of
from compliance.models.findings import CheckInfo, Finding, Severity, Status
from compliance.models.tender import Phase

ALL_IDS = [
    "NL-DEADLINE-001",
    "NL-DBA-001",
    "NL-WAADI-001",
    "NL-RATE-001",
    "KO-EDU-001",
    "KO-REG-001",
    "KO-EXP-001",
    "CV-PAGES-001",
    "CV-LANG-001",
    "CV-REFS-001",
    "NL-VOG-001",
    "NL-INT-001",
    "NL-WTTA-001",
    "NL-SROI-001",
]


def _finding(status: Status, blocking: bool, check_id: str = "X-1") -> Finding:
    return Finding(
        check_id=check_id,
        title="t",
        status=status,
        severity=Severity.KNOCK_OUT,
        blocking=blocking,
        reason_code="R",
        reason="r",
    )


def test_catalogue_has_the_issues_fourteen_checks_in_report_order():
    ids = [c.info.check_id for c in CHECKS]

    assert [i for i in ids if i in ALL_IDS] == ALL_IDS
    assert len(set(ids)) == len(ids)


def test_issue_example_with_registry_is_compliant(make_submission, run_checks, registry):
    report = run_checks(make_submission(), registry=registry)

    assert report.verdict == "compliant"
    assert [f.check_id for f in report.findings] == [c.info.check_id for c in CHECKS]
    assert report.summary.total == len(CHECKS)
    assert report.summary.failed == 0
    assert report.summary.errors == 0
    assert report.summary.blocking_failures == ()
    assert report.summary.blocking_reviews == ()


def test_a_blocking_fail_makes_the_candidate_non_compliant(make_submission, run_checks, registry):
    report = run_checks(make_submission({"offer/hourly_rate_eur": 85.0}), registry=registry)

    assert report.verdict == "non_compliant"
    assert report.summary.blocking_failures == ("NL-RATE-001",)


def test_a_fail_outweighs_a_review(make_submission, run_checks):
    # No registry (DBA and Waadi need review) and a rate that is too high.
    report = run_checks(make_submission({"offer/hourly_rate_eur": 85.0}))

    assert report.verdict == "non_compliant"
    assert set(report.summary.blocking_reviews) == {"NL-DBA-001", "NL-WAADI-001"}


def test_only_non_blocking_attention_stays_compliant(make_submission, run_checks, registry):
    # Missing VOG and integrity declaration at submission, Wtta attention, SROI not applicable.
    report = run_checks(make_submission(drop=["documents/vog", "documents/integrity_declaration"]), registry=registry)

    non_blocking_open = [f.check_id for f in report.findings if not f.blocking and f.status == "needs_review"]
    assert non_blocking_open == ["NL-VOG-001", "NL-INT-001"]
    assert any(f.attention for f in report.findings)
    assert report.verdict == "compliant"


def test_a_raising_check_becomes_an_error_finding_and_needs_review(make_submission, run_checks, registry):
    def broken(ctx: CheckContext) -> Finding:
        raise ZeroDivisionError("deling door nul in testcontrole")

    info = CheckInfo("TEST-RAISE-001", "Kapotte controle", Severity.KNOCK_OUT, ("testgrondslag",), "test")
    checks = (*CHECKS, Check(info, broken))

    report = run_checks(make_submission(), registry=registry, checks=checks)

    error = report.findings[-1]
    assert error.check_id == "TEST-RAISE-001"
    assert error.status == "error"
    assert error.blocking is True
    assert error.reason_code == "CHECK_ERROR"
    assert "ZeroDivisionError: deling door nul in testcontrole" in error.reason
    assert "handmatige beoordeling nodig" in error.reason
    assert error.legal_refs == ("testgrondslag",)
    assert report.verdict == "needs_review"
    assert report.summary.errors == 1
    assert report.summary.blocking_reviews == ("TEST-RAISE-001",)
    # The other checks still ran.
    assert len(report.findings) == len(CHECKS) + 1
    assert all(f.status != "error" for f in report.findings[:-1])


def test_an_error_in_a_non_blocking_check_still_needs_review(make_submission, run_checks, registry):
    def broken(ctx: CheckContext) -> Finding:
        raise KeyError("x")

    wtta = next(c for c in CHECKS if c.info.check_id == "NL-WTTA-001")
    checks = tuple(Check(c.info, broken) if c is wtta else c for c in CHECKS)

    report = run_checks(make_submission(), registry=registry, checks=checks)

    assert report.verdict == "needs_review"


def test_nothing_blocking_evaluated_is_never_compliant(make_submission, run_checks, registry):
    sroi_only = tuple(c for c in CHECKS if c.info.check_id == "NL-SROI-001")

    assert run_checks(make_submission(), registry=registry, checks=sroi_only).verdict == "needs_review"
    assert run_checks(make_submission(), registry=registry, checks=()).verdict == "needs_review"


@pytest.mark.parametrize(
    ("statuses", "verdict"),
    [
        ([(Status.PASS, True), (Status.FAIL, True), (Status.NEEDS_REVIEW, True)], "non_compliant"),
        ([(Status.PASS, True), (Status.NEEDS_REVIEW, True)], "needs_review"),
        ([(Status.PASS, True), (Status.FAIL, False), (Status.NEEDS_REVIEW, False)], "compliant"),
        ([(Status.PASS, True), (Status.ERROR, False)], "needs_review"),
        ([(Status.NOT_APPLICABLE, False), (Status.PASS, False)], "needs_review"),
    ],
)
def test_verdict_rules(statuses, verdict):
    findings = tuple(_finding(status, blocking, f"X-{i}") for i, (status, blocking) in enumerate(statuses))

    assert verdict_of(findings) == verdict


def test_decision_id_is_reproducible_and_depends_on_the_phase(make_submission, run_checks, registry):
    first = run_checks(make_submission(), registry=registry)
    again = run_checks(make_submission(), registry=registry)
    award = run_checks(make_submission(), phase="award", registry=registry)

    assert first.decision_id == again.decision_id
    assert award.decision_id != first.decision_id
    assert award.phase == "award"


def test_generated_at_can_be_fixed(make_submission, run_checks):
    moment = datetime(2026, 2, 22, 12, 0, tzinfo=UTC)

    report = run_checks(make_submission(), generated_at=moment)

    assert report.generated_at == "2026-02-22T12:00:00+00:00"


def test_report_records_the_sources_and_reference_dates(make_submission, run_checks, registry):
    report = run_checks(make_submission(), registry=registry)

    (lookup,) = report.lookups
    assert lookup.kind == "kvk_basisprofiel"
    assert lookup.key == "12345678"
    assert lookup.status == "found"
    assert lookup.location == "https://api.kvk.nl/api/v1/basisprofielen/12345678"
    assert lookup.retrieved_at == "2026-02-20T10:00:00+01:00"
    dates = report.reference_dates
    assert (dates.deadline_date, dates.planned_start, dates.contract_end_initial, dates.contract_end_max) == (
        "2026-02-23",
        "2026-03-16",
        "2026-07-15",
        "2027-07-15",
    )
    assert dates.planned_start_assumed is True
    assert report.rules.version
    assert len(report.rules.sha256) == 64
    assert report.tender.tender_id == "flextender-27442"
    assert report.submission.candidate_name == "Anouk Visser"


def test_without_registry_the_lookup_says_it_was_not_consulted(make_submission, run_checks):
    (lookup,) = run_checks(make_submission()).lookups

    assert lookup.status == "not_consulted"
    assert "--registry" in lookup.detail


def test_assumptions_are_collected_once_each(make_submission, run_checks, registry):
    report = run_checks(make_submission(), registry=registry)

    keys = [(a.name, a.value) for a in report.assumptions]
    assert len(keys) == len(set(keys))
    assert {
        "btw_basis_maximum",
        "experience_rest_days_per_month",
        "registratienummer_formaat",
        "kvk_record_max_age_days",
    } <= {a.name for a in report.assumptions}


SCENARIOS = [
    {},
    {"offer/hourly_rate_eur": 95.0, "offer/vat_included": None},
    {"candidate/engagement": "zzp"},
    {"submitted_at": None},
    {"candidate/registrations/0/number": "x"},
    {"candidate/experience/0/employer_type": "other"},
    {"documents/cv/language": "und"},
]


@pytest.mark.parametrize("changes", SCENARIOS)
@pytest.mark.parametrize("phase", ["submission", "award"])
def test_every_reason_renders_in_dutch_and_english(make_submission, run_checks, changes, phase):
    report = run_checks(make_submission(changes, drop=["documents/vog"]), phase=phase)

    for finding in report.findings:
        assert finding.reason, finding.check_id
        args = dict(finding.reason_args)
        assert i18n.render(finding.reason_code, args, "nl") == (finding.reason, finding.remedy)
        english, _ = i18n.render(finding.reason_code, args, "en")
        assert english and english != finding.reason
        if finding.status in (Status.FAIL, Status.NEEDS_REVIEW) and finding.blocking:
            assert finding.remedy, f"{finding.check_id} {finding.reason_code} has no remedy"


def test_no_personal_data_beyond_name_and_id_in_the_report(make_submission, run_checks, registry):
    from compliance.models.report import report_to_json

    text = report_to_json(run_checks(make_submission(), registry=registry))

    for private in ("p.dewit@example.nl", "+31 6 11111111", "Hogeschool Utrecht"):
        assert private not in text


# Blocking is the engine's: derived from the check's CheckInfo and the phase, never passed by a check.
_AWARD_ONLY = CheckInfo(
    "TEST-AWARD-001",
    "Voorwaarde vanaf gunning",
    Severity.CONDITION,
    ("testgrondslag",),
    "test",
    blocks_from=Phase.AWARD,
)
_ATTENTION_ONLY = CheckInfo("TEST-WARN-001", "Aandachtspunt", Severity.WARNING, ("testgrondslag",), "test")
_TEST_FAIL = i18n.reason("TEST_ENGINE_FAIL", Status.FAIL, "Niet voldaan.", "Not met.", "Herstel het.", "Fix it.")
_TEST_NA = i18n.reason("TEST_ENGINE_NA", Status.NOT_APPLICABLE, "Niet van toepassing.", "Not applicable.")


def _fails(info: CheckInfo) -> Check:
    # Memoised, as the real checks do: one finding object shared by every submission of a tender and phase.
    return Check(info, lambda ctx: ctx.static(("test-fail", info.check_id), lambda: make_finding(info, _TEST_FAIL)))


def test_a_condition_blocks_from_its_phase_on_and_a_warning_never(make_submission, run_checks, registry):
    checks = (*CHECKS, _fails(_AWARD_ONLY), _fails(_ATTENTION_ONLY))

    submission = run_checks(make_submission(), registry=registry, checks=checks)
    award = run_checks(make_submission(), "award", registry=registry, checks=checks)
    again = run_checks(make_submission(), registry=registry, checks=checks)

    by_phase = [{f.check_id: f.blocking for f in r.findings[-2:]} for r in (submission, award, again)]
    assert by_phase[0] == {"TEST-AWARD-001": False, "TEST-WARN-001": False}
    assert by_phase[1] == {"TEST-AWARD-001": True, "TEST-WARN-001": False}
    assert by_phase[2] == by_phase[0]  # the award run did not change the submission phase's shared finding
    assert submission.verdict == "compliant" and award.verdict == "non_compliant"
    assert award.summary.blocking_failures == ("TEST-AWARD-001",)


def test_not_applicable_never_blocks_even_in_a_knock_out(make_submission, run_checks, registry):
    info = CheckInfo("TEST-KO-001", "Knock-out", Severity.KNOCK_OUT, ("x",), "test", blocks_from=Phase.SUBMISSION)
    checks = (*CHECKS, Check(info, lambda ctx: make_finding(info, _TEST_NA)))

    report = run_checks(make_submission(), registry=registry, checks=checks)

    assert (report.findings[-1].status, report.findings[-1].blocking) == ("not_applicable", False)


def test_the_status_comes_from_the_reason_code():
    made = make_finding(_ATTENTION_ONLY, _TEST_FAIL)

    assert made.status is Status.FAIL and i18n.status_of("TEST_ENGINE_FAIL") is Status.FAIL
    assert (made.reason, made.remedy, made.blocking) == ("Niet voldaan.", "Herstel het.", False)


def test_every_bundled_checks_blocking_matches_its_metadata(make_submission, run_checks, registry):
    # The catalogue's own checks: knock-outs block from submission, VOG and integrity from the tender's phase
    # (award for Heerde), Wtta/SROI/AVG never.
    for phase, blocking_conditions in (("submission", False), ("award", True)):
        report = run_checks(make_submission(), phase, registry=registry)
        for f in report.findings:
            if f.status == "not_applicable":
                assert f.blocking is False
            elif f.check_id in ("NL-VOG-001", "NL-INT-001"):
                assert f.blocking is blocking_conditions, (phase, f.check_id)
            elif f.check_id in ("NL-WTTA-001", "NL-SROI-001", "NL-AVG-001"):
                assert f.blocking is False
            else:
                assert f.blocking is True, (phase, f.check_id)
