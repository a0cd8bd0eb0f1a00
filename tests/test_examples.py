"""The bundled examples stay in step with the checks: each file gets the verdict and statuses
recorded in examples/heerde-27442/expected/outcomes.json, and together they show pass, fail and
needs_review for every check that can have that outcome for this tender."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from compliance.checks import CHECKS
from compliance.engine import evaluate, tender_context
from compliance.inputs.offers import load_offer
from compliance.inputs.tenders import resolve_tender
from compliance.models.findings import Severity
from compliance.models.report import Report
from compliance.models.tender import Phase
from compliance.sources.registry import SnapshotRegistry

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "heerde-27442"
EXPECTED = json.loads((EXAMPLES / "expected" / "outcomes.json").read_text(encoding="utf-8"))


def _report(file_name: str, phase: Phase = Phase.SUBMISSION) -> Report:
    tender, loaded_tender = resolve_tender(EXPECTED["tender_id"])
    submission, loaded, documents = load_offer(EXAMPLES / file_name, tender.tender_id)
    context = tender_context(tender, loaded_tender.sha256, loaded_tender.path)
    registry = SnapshotRegistry(EXAMPLES / EXPECTED["registry"])
    return evaluate(submission, loaded.sha256, context, phase, registry=registry, documents=documents)


@pytest.mark.parametrize("submission_id", sorted(EXPECTED["submissions"]))
def test_example_has_its_intended_outcome(submission_id: str) -> None:
    expected = EXPECTED["submissions"][submission_id]

    report = _report(expected["file"])

    assert report.verdict.value == expected["verdict"]
    actual = {f.check_id: f.status.value for f in report.findings}
    assert {check: actual.get(check) for check in expected["checks"]} == expected["checks"]


def test_the_example_cv_is_read_as_evidence() -> None:
    report = _report("S-0001-anouk-visser.json")

    (cv,) = report.evidence
    assert (cv.status, cv.pages, cv.language) == ("read", 2, "nl")
    assert cv.sha256 == hashlib.sha256((EXAMPLES / "cv" / "S-0001-cv.pdf").read_bytes()).hexdigest()


def test_every_example_file_is_listed() -> None:
    listed = {entry["file"] for entry in EXPECTED["submissions"].values()}
    assert listed == {path.name for path in EXAMPLES.glob("*.json")}


def test_examples_show_every_outcome_of_every_knock_out() -> None:
    seen: dict[str, set[str]] = {}
    for entry in EXPECTED["submissions"].values():
        for check, status in entry["checks"].items():
            seen.setdefault(check, set()).add(status)
    knock_outs = [c.info.check_id for c in CHECKS if c.info.severity is Severity.KNOCK_OUT] + ["NL-VOG-001"]
    for check in knock_outs:
        assert {"pass", "fail", "needs_review"} <= seen[check], check


@pytest.mark.parametrize(
    ("file_name", "check_id", "code"),
    [
        ("S-0007-bram-willems.json", "NL-VOG-001", "VOG_NOT_SUPPLIED"),
        ("S-0028-hannah-de-vries.json", "NL-INT-001", "INT_NOT_SUPPLIED"),
    ],
)
def test_in_the_award_phase_a_missing_vog_or_integrity_declaration_fails(file_name, check_id, code):
    at_submission = {f.check_id: f for f in _report(file_name).findings}[check_id]
    at_award = _report(file_name, Phase.AWARD)

    finding = {f.check_id: f for f in at_award.findings}[check_id]
    assert (at_submission.status.value, at_submission.blocking) == ("needs_review", False)
    assert (finding.status.value, finding.reason_code, finding.blocking) == ("fail", code, True)
    assert at_award.verdict.value == "non_compliant"
