"""A warm memo never changes a decision: one shared setup gives what a fresh setup per offer gives.

The checks memoise what they derive from the tender (and from a job's words) in the tender
context's memo, which a batch shares: ``check`` with many offers, every intake worker, every
service request for one tender. If a memo key missed part of the input a check read, the second
offer would be judged with the first offer's answer. So, for every example offer of every bundled
tender, the report from one shared setup (offers in the folder's order, then in reverse) must equal,
byte for byte except the decision time, the report from a setup built for that offer alone.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from compliance.models.report import Report, report_to_dict
from compliance.pipeline import CheckSetup, SourceOptions, build_setup, check_offer

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
FOLDERS = sorted(path.parent.parent for path in EXAMPLES.glob("*/expected/outcomes.json"))


def _setup(folder: Path) -> CheckSetup:
    """A new setup for the folder's tender and registry snapshot: a cold memo, a new registry."""
    expected = json.loads((folder / "expected" / "outcomes.json").read_text(encoding="utf-8"))
    return build_setup(expected["tender_id"], SourceOptions(registry=folder / expected["registry"]))


def _offers(folder: Path) -> list[Path]:
    offers = sorted(folder.glob("S-*.json"))
    assert len(offers) >= 10, f"{folder.name}: expected at least ten example offers"
    return offers


def _comparable(report: Report) -> dict[str, Any]:
    """The report as JSON, without the one field that says when it was made."""
    document = report_to_dict(report)
    del document["generated_at"]
    return document


def _differences(warm: dict[str, Any], fresh: dict[str, Any]) -> list[str]:
    """What differs, named: the report fields, and for findings each check (and requirement) concerned."""
    named = [key for key in fresh if key != "findings" and warm.get(key) != fresh[key]]
    pairs = zip(warm["findings"], fresh["findings"], strict=False)
    named += [f"{b['check_id']} {b['requirement_id']}".strip() for a, b in pairs if a != b]
    return named


def _memo_entries(setup: CheckSetup) -> int:
    return sum(len(per_rules) for per_rules in setup.context.memo.values())


def test_every_bundled_tender_has_examples() -> None:
    assert len(FOLDERS) >= 3, "the three bundled tenders each have an examples folder"


@pytest.mark.parametrize("folder", FOLDERS, ids=[folder.name for folder in FOLDERS])
def test_shared_memo_gives_the_same_findings_as_a_fresh_one_in_any_order(folder: Path) -> None:
    offers = _offers(folder)
    fresh = {offer.name: _comparable(check_offer(_setup(offer.parent), offer)) for offer in offers}

    forward = _setup(folder)
    backward = _setup(folder)
    for order, shared in ((offers, forward), (offers[::-1], backward), (offers[::-1], forward)):
        for offer in order:
            warm = _comparable(check_offer(shared, offer))
            expected = fresh[offer.name]
            assert warm == expected, f"{folder.name}/{offer.name}: warm memo differs in {_differences(warm, expected)}"

    # The comparison means something only if the checks did memoise across offers.
    assert _memo_entries(forward) > 0
    assert _memo_entries(forward) == _memo_entries(backward), "the memo depends on the order of the offers"
