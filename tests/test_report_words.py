"""Reports speak words, not codes, in Dutch and in a complete English version (issue 11).

Every bundled example offer (examples/*/, against its own tender and registry) is rendered in
both languages as the candidate PDF (text read back with pypdf), the terminal view (rich's
recorded console) and JSON, and the ranking overview of each example folder is rendered too.
Each rendering must hold no untranslated key from the label tables, no raw regular expression,
no raw enum value, and, in English, no Dutch sentence outside the marked Dutch source text; each
remedy must stand right after its finding's reason.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from rich.console import Console

from compliance import i18n
from compliance.engine import TenderContext, evaluate, tender_context
from compliance.inputs.offers import load_offer
from compliance.inputs.tenders import resolve_tender
from compliance.intake.overview_pdf import render_overview
from compliance.intake.records import Assessment, CriterionPoints
from compliance.intake.scoring import Contender, rank
from compliance.intake.summary import classify
from compliance.models.findings import Status
from compliance.models.report import Report, Verdict, report_to_json
from compliance.models.tender import Phase
from compliance.render import labels
from compliance.render.localise import DUTCH_CLOSE, DUTCH_OPEN, localise
from compliance.render.pdf import render_report_pdf
from compliance.render.table import print_report
from compliance.sources.registry import SnapshotRegistry

ROOT = Path(__file__).resolve().parent.parent / "examples"
FOLDERS = sorted(path.parent.parent for path in ROOT.glob("*/expected/outcomes.json"))
LANGS = ("nl", "en")
REMEDIED = (Status.FAIL, Status.NEEDS_REVIEW, Status.ERROR)

# Codes a reader must never see: every snake_case key of the label tables and every enum value
# that is not also a word of the report's language.
SNAKE_KEYS = sorted(
    {
        key
        for table in (
            labels.PARAMETER_LABELS,
            labels.VALUE_LABELS,
            labels.DOCUMENT_STATUS_LABELS,
            labels.ATTESTATION_EFFECT_LABELS,
            labels.LOOKUP_STATUS_LABELS,
            labels.SCORE_STATUS_LABELS,
            labels.TIE_LABELS,
        )
        for key in table["nl"]
        if "_" in key
    }
    | {status.value for status in Status if "_" in status.value}
    | {verdict.value for verdict in Verdict if "_" in verdict.value}
    | {"knock_out"},
    key=len,
    reverse=True,
)
UNTRANSLATED = re.compile(r"(?<![\w/-])(" + "|".join(map(re.escape, SNAKE_KEYS)) + r")(?![\w-])")
# Enum values that are English words: a Dutch report must show their Dutch label instead.
# ("met" is left out: it is also the Dutch word for "with", which is why the label is "behaald").
RAW_ENUM_NL = re.compile(r"\b(pass|fail|read|excluded|included|needs review|not met)\b")
RAW_REGEX = re.compile(r"\\d|\\w|\{\d+,\d*\}|\^\[|\^\\|\$\)|\[0-9\]")
# Small words that only a Dutch sentence has; padded with spaces so names like "Van Dijk" (removed
# with the offer's own strings anyway) and English words are not caught.
DUTCH_STOPWORDS = (" de ", " het ", " een ", " niet ", " van ", " moet ", " wordt ", " zijn ", " geen ", " bij ")
DUTCH_QUOTED = re.compile(re.escape(DUTCH_OPEN) + r".*?" + re.escape(DUTCH_CLOSE), re.DOTALL)


@dataclass(frozen=True)
class Example:
    folder: Path
    offer: Path
    report: Report
    own_words: tuple[str, ...]  # every text of the offer and its tender, longest first


@cache
def _context(tender_id: str) -> TenderContext:
    tender, loaded = resolve_tender(tender_id)
    return tender_context(tender, loaded.sha256, loaded.path)


@cache
def _tender_words(tender_id: str) -> frozenset[str]:
    """The tender file's texts, and its vocabulary's labels and synonyms (a format-1 tender gets them from
    the bundled v1 vocabulary when it is upgraded, so they are not in its file)."""
    spec, loaded = resolve_tender(tender_id)
    vocabulary = spec.vocabulary
    terms = [*vocabulary.roles.values(), *vocabulary.employer_kinds.values(), *vocabulary.domains.values()]
    labels_and_synonyms = {word for term in terms for word in (term.label, *term.synonyms, *term.review_synonyms)}
    return frozenset(_strings(loaded.raw)) | labels_and_synonyms


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


@cache
def _examples() -> tuple[Example, ...]:
    found = []
    for folder in FOLDERS:
        expected = json.loads((folder / "expected" / "outcomes.json").read_text(encoding="utf-8"))
        context = _context(expected["tender_id"])
        registry = SnapshotRegistry(folder / expected["registry"])
        tender_words = _tender_words(expected["tender_id"])
        for offer in sorted(folder.glob("S-*.json")):
            submission, loaded, documents = load_offer(offer, context.tender)
            report = evaluate(
                submission, loaded.sha256, context, Phase.SUBMISSION, registry=registry, documents=documents
            )
            words = tender_words | set(_strings(json.loads(offer.read_text(encoding="utf-8"))))
            # Legal bases are citations of Dutch law ("Wet DBA", "Waadi art. 7a"): names, kept as they are.
            # So are the sources of the parameters, and parameter values that are data (register names).
            words |= {ref for finding in report.findings for ref in finding.legal_refs}
            words |= {p.source for finding in report.findings for p in finding.params}
            words |= {part for f in report.findings for p in f.params for part in re.split(r"[(),]\s*", p.value)}
            own = tuple(sorted((_flat(w).lower() for w in words if len(w) >= 3), key=len, reverse=True))
            found.append(Example(folder, offer, report, own))
    return tuple(found)


def _flat(text: str) -> str:
    return " ".join(text.split())


@cache
def _pdf_text(index: int, lang: str) -> str:
    pdf = render_report_pdf(_examples()[index].report, lang)
    return _flat(" ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages))


@cache
def _terminal_text(index: int, lang: str) -> str:
    console = Console(record=True, width=110, file=io.StringIO(), color_system=None)
    print_report(_examples()[index].report, console, lang)
    return _flat(re.sub(r"[│┃┏┓┗┛┡┩━─┳╇┻┴┬┼└┘┌┐╭╮╰╯]", " ", console.export_text()))


def _json_text(index: int, lang: str) -> str:
    return report_to_json(localise(_examples()[index].report, lang))


def _without_own_words(text: str, example: Example) -> str:
    """The text with the offer's and tender's own words taken out: they are quoted data, not ours."""
    lowered = text.lower()
    for words in example.own_words:
        lowered = lowered.replace(words, " ")
    return lowered


def _ids() -> list[str]:
    return [f"{e.folder.name}/{e.offer.stem}" for e in _examples()]


_CODED_VALUES = set(labels.VALUE_LABELS["nl"]) | set(labels.VALUE_LABELS["en"])


def _features(report: Report) -> set[str]:
    """What a report shows that another may not: each reason code, status, parameter, fact, calculation label."""
    found = {f"verdict:{report.verdict}", *(f"lookup:{lookup.status}" for lookup in report.lookups)}
    found |= {f"document:{item.status}" for item in report.evidence}
    found |= {f"criterion:{c.status}" for c in report.score.criteria} if report.score else set()
    for finding in report.findings:
        found |= {f"code:{finding.reason_code}", f"status:{finding.status}:{finding.blocking}"}
        found |= {f"param:{p.name}" for p in finding.params}
        found |= {f"value:{p.value}" for p in finding.params if p.value in _CODED_VALUES}
        found |= {f"fact:{fact.name}" for fact in finding.facts if fact.name in labels.FACT_NAMES_EN}
        found |= {f"calculation:{c.label}" for c in finding.calculations if c.label in labels.CALCULATION_LABELS_EN}
        found |= {f"attention:{finding.check_id}" for _ in finding.attention}
    return found


@cache
def _pdf_examples() -> tuple[int, ...]:
    """The fewest examples whose PDFs together show every feature of all of them (greedy cover).

    Rendering and reading back a PDF takes about a second; every example's terminal and JSON
    output is checked, and these PDFs show every reason code, parameter, fact and status the
    examples have, in both languages.
    """
    features = [_features(example.report) for example in _examples()]
    wanted = set().union(*features)
    chosen: list[int] = []
    while wanted:
        best = max(range(len(features)), key=lambda i: (len(features[i] & wanted), -i))
        chosen.append(best)
        wanted -= features[best]
    return tuple(sorted(chosen))


CASES = [(index, lang) for index in range(len(_examples())) for lang in LANGS]
CASE_IDS = [f"{name}-{lang}" for name in _ids() for lang in LANGS]


def _renderings(index: int, lang: str) -> dict[str, str]:
    texts = {"terminal": _terminal_text(index, lang), "json": _json_reader_text(index, lang)}
    if index in _pdf_examples():
        texts["pdf"] = _pdf_text(index, lang)
    return texts


def _json_reader_text(index: int, lang: str) -> str:
    """What a reader of the JSON sees as text: reasons, remedies, titles, notes, fact names."""
    report = localise(_examples()[index].report, lang)
    parts = [report.reference_dates.planned_start_note, *report.tender.open_items]
    for finding in report.findings:
        parts += [finding.title, finding.reason, finding.remedy, *finding.attention]
        parts += [fact.name for fact in finding.facts]
        parts += [c.label for c in finding.calculations]
    return _flat(" ".join(parts))


def test_examples_are_found_and_their_pdfs_cover_every_feature() -> None:
    assert len(FOLDERS) >= 3
    assert len(_examples()) >= 70
    covered = set().union(*(_features(_examples()[index].report) for index in _pdf_examples()))
    assert covered == set().union(*(_features(example.report) for example in _examples()))
    assert {_examples()[index].folder for index in _pdf_examples()} == set(FOLDERS)


@pytest.mark.parametrize(("index", "lang"), CASES, ids=CASE_IDS)
def test_no_codes_regexes_or_raw_enum_values(index: int, lang: str) -> None:
    example = _examples()[index]
    for kind, text in _renderings(index, lang).items():
        readable = _without_own_words(text, example)
        assert not UNTRANSLATED.findall(readable), f"{kind}: untranslated keys {set(UNTRANSLATED.findall(readable))}"
        assert not RAW_REGEX.findall(text), f"{kind}: raw pattern {RAW_REGEX.findall(text)}"
        if lang == "nl":
            raw = RAW_ENUM_NL.findall(readable)
            assert not raw, f"{kind}: raw enum values {set(raw)}"
    for param in (p for finding in example.report.findings for p in finding.params):
        assert labels.parameter_label(param.name, lang) != param.name or "_" not in param.name
        assert not RAW_REGEX.findall(labels.value_label(param.value, lang))


@pytest.mark.parametrize(("index", "lang"), CASES, ids=CASE_IDS)
def test_each_remedy_stands_right_after_its_reason(index: int, lang: str) -> None:
    report = localise(_examples()[index].report, lang)
    texts = _renderings(index, lang)
    remedy_label = labels.REPORT_TEXT[lang]["remedy"]
    findings = list(report.findings)
    for position, finding in enumerate(findings):
        if not (finding.remedy and finding.status in REMEDIED):
            continue
        reason_start = " ".join(_flat(finding.reason).split()[:5])
        remedy_start = " ".join(_flat(finding.remedy).split()[:5])
        label = f"{finding.check_id} ({finding.requirement_id})" if finding.requirement_id else finding.check_id
        following = [
            f"{f.check_id} ({f.requirement_id})" if f.requirement_id else f.check_id for f in findings[position + 1 :]
        ]
        # The PDF's verdict block names failing checks before the table: find the table row (ID, title).
        row_start = {"pdf": f"{label} {' '.join(finding.title.split()[:2])}", "terminal": label}
        markers = {"pdf": remedy_label, "terminal": "→"}
        for kind, text, marker in ((kind, texts[kind], marker) for kind, marker in markers.items() if kind in texts):
            table_at = text.index(labels.REPORT_TEXT[lang]["checks_heading"]) if kind == "pdf" else 0
            start = text.index(row_start[kind], table_at)
            reason_at = text.index(reason_start, start)
            remedy_at = text.index(remedy_start, reason_at)
            assert marker in text[reason_at:remedy_at], f"{kind}: {label} remedy is not marked"
            for other in following:  # nothing of the next finding comes between reason and remedy
                if other != label and other in text[start:]:
                    assert text.index(other, start) > remedy_at, f"{kind}: {label} remedy is after {other}"
                    break
    in_json = json.loads(_json_text(index, lang))
    for finding in in_json["findings"]:
        if finding["remedy"] and finding["status"] in {s.value for s in REMEDIED}:
            assert finding["reason"], finding["check_id"]


@pytest.mark.parametrize("index", range(len(_examples())), ids=_ids())
def test_english_version_has_no_dutch_sentence(index: int) -> None:
    """English renders: outside the marked Dutch source text and the offer's own words, no Dutch."""
    example = _examples()[index]
    for kind, text in _renderings(index, "en").items():
        readable = " " + _without_own_words(DUTCH_QUOTED.sub(" ", text), example) + " "
        readable = re.sub(r"[^\w'’-]+", " ", readable)
        found = [word.strip() for word in DUTCH_STOPWORDS if word in readable]
        assert not found, f"{kind}: Dutch words {found} in: {_context_of(readable, found[0])}"


def _context_of(text: str, word: str) -> str:
    at = text.index(f" {word} ")
    return text[max(0, at - 120) : at + 120]


@pytest.mark.parametrize("index", range(len(_examples())), ids=_ids())
def test_every_reason_and_remedy_has_its_english_text(index: int) -> None:
    """No finding falls back to its Dutch text in English: the catalogue has every code in English."""
    report = localise(_examples()[index].report, "en")
    fallbacks = sorted(
        {f.reason_code for f in report.findings if DUTCH_OPEN in f.reason or (f.remedy and DUTCH_OPEN in f.remedy)}
    )
    assert not fallbacks, f"reason codes without a usable English text: {fallbacks}"


def test_every_catalogue_code_renders_in_both_languages() -> None:
    """Each reason code's English text exists and uses only arguments its Dutch text has (or their _en twins)."""
    import compliance.attestations
    import compliance.checks  # noqa: F401 - registers the reason codes

    problems = []
    for code, template in i18n.CATALOGUE.items():
        if not template.en or (template.remedy_nl and not template.remedy_en):
            problems.append(f"{code}: English text missing")
        for text in (template.en, template.remedy_en, template.nl, template.remedy_nl):
            if RAW_REGEX.search(text):
                problems.append(f"{code}: raw pattern in {text!r}")
    assert not problems, problems


@pytest.mark.parametrize("lang", LANGS)
def test_localise_is_idempotent_and_dutch_is_the_record(lang: str) -> None:
    report = _examples()[0].report
    once = localise(report, lang)
    assert localise(once, lang) == once
    assert localise(report, "nl") is report


def test_labels_describe_formats_and_statuses_in_words() -> None:
    assert labels.format_words(r"^\d{6,10}$", "nl") == "6 tot 10 cijfers"
    assert labels.format_words(r"^\d{8}$", "nl") == "8 cijfers"
    assert labels.format_words(r"^\d{8}$", "en") == "8 digits"
    assert labels.value_label(r"^[A-Z]{2}\d+$", "nl") == "een vast patroon (zie de uitvraag)"
    assert labels.value_label("6 tot 10 cijfers", "en") == "6 to 10 digits"
    assert labels.value_label("per_assignment", "nl") == "per opdracht"
    assert labels.value_label("excluded", "en") == "excluding VAT"
    assert labels.parameter_label("btw_basis_maximum", "nl") == "maximumtarief geldt"
    assert labels.parameter_label("an_unknown_key", "en") == "an unknown key"  # never the raw key
    assert labels.SCORE_STATUS_LABELS["nl"]["met"] == "behaald"
    assert labels.SCORE_STATUS_LABELS["nl"]["not_met"] == "niet behaald"
    assert labels.DOCUMENT_STATUS_LABELS["nl"]["read"] == "ingelezen"


# -- the ranking overview -----------------------------------------------------------------------


def _assessment(example: Example) -> Assessment:
    """What the intake worker records for one offer (the same fields, from the same report)."""
    report = example.report
    sub = report.submission
    wanted = {Status.FAIL} if report.verdict is Verdict.NON_COMPLIANT else {Status.NEEDS_REVIEW, Status.ERROR}
    reason = (
        " | ".join(f"{f.check_id}: {f.reason}" for f in report.findings if f.status in wanted and f.blocking)
        if report.verdict is not Verdict.COMPLIANT
        else ""
    )
    score = report.score
    return Assessment(
        file=example.offer.name,
        file_sha256="0" * 64,
        file_bytes=1,
        submission_id=sub.submission_id,
        candidate_id=sub.candidate_id,
        candidate_name=sub.candidate_name,
        supplier_name=sub.supplier_name,
        rate=sub.hourly_rate_eur,
        vat_included=False,
        rate_excl_vat=sub.hourly_rate_eur,
        verdict=report.verdict.value,
        failed_checks=report.summary.blocking_failures,
        review_checks=report.summary.blocking_reviews,
        reason=reason,
        points=score.total_points if score else None,
        max_points=score.max_points if score else None,
        criteria=tuple(CriterionPoints(c.criterion_id, c.points, c.max_points, c.status) for c in score.criteria)
        if score
        else (),
    )


@cache
def _overview_text(folder: Path, lang: str) -> str:
    examples = [e for e in _examples() if e.folder == folder]
    assessments = [_assessment(e) for e in examples]
    assessments.append(
        Assessment(file="kapot.json", file_sha256="1" * 64, file_bytes=3, error="kapot.json: geen geldige JSON")
    )
    contenders = [
        Contender(a.submission_id, a.points or 0, Decimal(a.rate_excl_vat))
        for a in assessments
        if a.verdict == "compliant"
    ]
    ranking = rank(contenders, 5)
    rows = classify(assessments, ranking)
    header = {
        "decision_time": "2026-03-01T10:00:00+01:00",
        "rules": {"version": "2026.12.1"},
        "tool": {"name": "compliance", "version": "0"},
    }
    tender = examples[0].report  # the tender comes from the context, by the report's tender ID
    pdf = render_overview(_context(tender.tender.tender_id).tender, rows, ranking, header, lang)
    return _flat(" ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages))


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_ranking_overview_in_both_languages(folder: Path) -> None:
    dutch, english = _overview_text(folder, "nl"), _overview_text(folder, "en")
    assert "Rangschikking inschrijvingen" in dutch and "Uitgesloten in stap 1" in dutch
    assert "Ranking of the submissions" in english and "Excluded in step 1" in english
    assert "Not processed: invalid or unreadable files" in english
    own = tuple(sorted({w for e in _examples() if e.folder == folder for w in e.own_words}, key=len, reverse=True))
    example = Example(folder, folder, _examples()[0].report, own)
    for lang, text in (("nl", dutch), ("en", english)):
        readable = _without_own_words(text, example)
        assert not UNTRANSLATED.findall(readable), (lang, set(UNTRANSLATED.findall(readable)))
    readable = " " + re.sub(r"[^\w'’-]+", " ", _without_own_words(DUTCH_QUOTED.sub(" ", english), example)) + " "
    found = [word.strip() for word in DUTCH_STOPWORDS if word in readable]
    assert not found, f"Dutch words {found} in: {_context_of(readable, found[0])}"
