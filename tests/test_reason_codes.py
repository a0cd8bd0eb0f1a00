"""Every reason code a check defines carries its status, a Dutch and an English reason and (when the status
asks something of the supplier) a remedy in both languages; the English texts hold no Dutch, and every
finding of every bundled example renders in both languages with the arguments its check passed."""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
import string
from functools import cache
from pathlib import Path

import pytest

import compliance.checks
from compliance.engine import TenderContext, evaluate, tender_context
from compliance.i18n import CATALOGUE, Template, render, status_of
from compliance.inputs.offers import load_offer
from compliance.inputs.tenders import resolve_tender
from compliance.models.findings import Status
from compliance.models.report import Report
from compliance.models.tender import Phase
from compliance.sources.registry import SnapshotRegistry

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
DUTCH_STOPWORDS = re.compile(r"\b(de|het|een|niet|van|voor|moet|geen)\b", re.IGNORECASE)
ASKS_SOMETHING = (Status.FAIL, Status.NEEDS_REVIEW)


def _check_codes() -> dict[str, Template]:
    """The reason codes the check modules define (module-level constants naming a catalogue entry)."""
    codes: dict[str, Template] = {}
    for module_info in pkgutil.iter_modules(compliance.checks.__path__):
        module = importlib.import_module(f"compliance.checks.{module_info.name}")
        for value in vars(module).values():
            if isinstance(value, str) and value in CATALOGUE:
                codes[value] = CATALOGUE[value]
    return codes


CODES = _check_codes()


def _without_placeholders(text: str) -> str:
    return re.sub(r"\{[^{}]*\}", " ", text)


def test_the_checks_define_their_codes_here() -> None:
    # A sanity check on the collection itself: the codes of several checks, the new contract check included.
    assert {"DEADLINE_MISSED", "EXP_TOO_SHORT", "CV_DOCUMENT_UNUSABLE", "CONTRACT_ENDS_BEFORE_START"} <= CODES.keys()
    assert len(CODES) > 90


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_code_has_a_status_both_reasons_and_a_remedy_when_it_asks_something(code: str) -> None:
    template = CODES[code]

    assert template.status is not None and status_of(code) is template.status
    assert template.nl.strip() and template.en.strip()
    if template.status in ASKS_SOMETHING:
        assert template.remedy_nl.strip(), f"{code}: no Dutch remedy"
        assert template.remedy_en.strip(), f"{code}: no English remedy"
    # A pass may still give advice (the Wtta notification), but then in both languages.
    assert bool(template.remedy_nl) == bool(template.remedy_en), f"{code}: a remedy in one language only"


@pytest.mark.parametrize("code", sorted(CODES))
def test_english_texts_hold_no_dutch_words(code: str) -> None:
    template = CODES[code]
    for text in (template.en, template.remedy_en):
        found = DUTCH_STOPWORDS.findall(_without_placeholders(text))
        assert not found, f"{code}: Dutch word(s) {found} in {text!r}"


@pytest.mark.parametrize("code", sorted(CODES))
def test_a_remedy_uses_only_placeholders_of_its_own_language_family(code: str) -> None:
    # Both languages of a code are formatted from the same arguments, so a placeholder only one language
    # uses must be an argument the check passes anyway: the Dutch text never takes an '_en' argument.
    template = CODES[code]
    for text in (template.nl, template.remedy_nl):
        names = {name for _, name, _, _ in string.Formatter().parse(text) if name}
        assert not {name for name in names if name.endswith("_en")}, f"{code}: English argument in Dutch text"


@cache
def _tender(tender_id: str) -> TenderContext:
    spec, loaded = resolve_tender(tender_id)
    return tender_context(spec, loaded.sha256, loaded.path)


def _reports() -> list[tuple[str, Report]]:
    reports: list[tuple[str, Report]] = []
    for outcomes in sorted(EXAMPLES.glob("*/expected/outcomes.json")):
        folder = outcomes.parent.parent
        expected = json.loads(outcomes.read_text(encoding="utf-8"))
        context = _tender(expected["tender_id"])
        registry = SnapshotRegistry(folder / expected["registry"])
        for offer in sorted(folder.glob("S-*.json")):
            submission, loaded, documents = load_offer(offer, context.tender)
            for phase in Phase:
                report = evaluate(submission, loaded.sha256, context, phase, registry=registry, documents=documents)
                reports.append((f"{folder.name}/{offer.name}/{phase.value}", report))
    return reports


def test_every_finding_of_every_example_renders_in_both_languages_without_leftover_placeholders() -> None:
    seen: set[str] = set()
    for name, report in _reports():
        for finding in report.findings:
            if finding.reason_code not in CODES:
                continue  # an attestation's note or a check error: not a check's own code
            seen.add(finding.reason_code)
            args = dict(finding.reason_args)
            for lang in ("nl", "en"):
                reason, remedy = render(finding.reason_code, args, lang)  # a missing argument raises KeyError
                for text in (reason, remedy):
                    assert not re.search(r"\{\w+\}", text), f"{name} {finding.reason_code} ({lang}): {text}"
            # The record's Dutch texts are the catalogue's, formatted with the arguments kept in the report.
            assert (finding.reason, finding.remedy) == render(finding.reason_code, args, "nl")
            if finding.status in ASKS_SOMETHING:
                assert finding.remedy, f"{name} {finding.reason_code}: no remedy"
    # The examples exercise most of the catalogue, so this test reads the real arguments of most codes.
    assert len(seen) >= 40, sorted(seen)
