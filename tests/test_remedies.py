"""A remedy says what to change, from the finding's own facts: the field (a JSON pointer or the CV) and the
expected value or document, in Dutch and in English."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from v2_support import WMO_OFFER, apply, run

from compliance.engine import TenderContext, evaluate, tender_context
from compliance.i18n import render
from compliance.inputs.offers import load_offer
from compliance.inputs.tenders import resolve_tender
from compliance.inputs.versions import parse_offer
from compliance.models.findings import Finding
from compliance.models.report import Report
from compliance.models.tender import Phase
from compliance.sources.registry import SnapshotRegistry

DUTCH_STOPWORDS = re.compile(r"\b(de|het|een|niet|van|voor|moet|geen)\b", re.IGNORECASE)


def _one(report: Report, check_id: str) -> Finding:
    (found,) = [f for f in report.findings if f.check_id == check_id]
    return found


def _english(finding: Finding) -> tuple[str, str]:
    return render(finding.reason_code, dict(finding.reason_args), "en")


def test_a_failed_experience_names_the_job_what_it_lacks_and_the_field_to_state_it_in() -> None:
    # The only job is at a care provider, not a gemeente: 62 months, none of them counting.
    offer = apply(WMO_OFFER, {"candidate/experience/0/employer": "Zorggroep Noord-Veluwe"})

    finding = _one(run(offer), "KO-EXP-001")

    assert (finding.status, finding.reason_code) == ("fail", "EXP_TOO_SHORT")
    assert finding.remedy.startswith("Nog 24 maanden nodig: vermeld in /candidate/experience ook andere banen")
    assert "(0 maanden en 0 dag(en) geteld, 24 vereist)" in finding.remedy
    assert (
        "Of vul aan: baan 1 (Wmo-consulent, Zorggroep Noord-Veluwe): werkgever gemeente ontbreekt, noem het in "
        "/candidate/experience/0/employer." in finding.remedy
    )
    _, remedy_en = _english(finding)
    assert "job 1 (Wmo-consulent, Zorggroep Noord-Veluwe): employer gemeente missing, state it in " in remedy_en
    assert "/candidate/experience/0/employer" in remedy_en
    assert not DUTCH_STOPWORDS.search(remedy_en.replace("Zorggroep Noord-Veluwe", ""))


def test_a_rate_over_the_maximum_names_the_field_the_offer_and_the_maximum() -> None:
    finding = _one(run(apply(WMO_OFFER, {"offer/hourly_rate_eur": 95.0})), "NL-RATE-001")

    assert finding.status == "fail"
    maximum = dict(finding.reason_args)["max"]
    assert finding.remedy.startswith(
        f"Verlaag /offer/hourly_rate_eur (nu € 95,00) tot een all-in uurtarief van ten hoogste {maximum}"
    )
    assert f"at most {maximum} excl. VAT" in _english(finding)[1]


def test_a_missing_cv_file_is_named_once_and_the_other_cv_findings_refer_to_it(
    tmp_path: Path, make_submission: Any, heerde: TenderContext, registry: Path
) -> None:
    document = make_submission({"documents/cv": {"file": "cv-anouk.pdf", "pages": 4, "language": "nl"}})
    path = tmp_path / "inschrijving.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    offer, loaded, documents = load_offer(path, heerde.tender)

    report = evaluate(offer, loaded.sha256, heerde, Phase.SUBMISSION, SnapshotRegistry(registry), documents=documents)

    pages = _one(report, "CV-PAGES-001")
    assert (
        pages.reason
        == "Het aantal pagina's kan niet uit het cv worden vastgesteld: bestand niet gevonden: cv-anouk.pdf."
    )
    assert pages.remedy == (
        "Zet het cv-bestand op cv-anouk.pdf (naast het aanbod) of corrigeer de verwijzing in /documents/cv/file."
    )
    others = [_one(report, check_id) for check_id in ("CV-LANG-001", "CV-REFS-001", "KO-REG-001")]
    for finding in others:
        assert finding.status == "needs_review"
        assert "bestand niet gevonden: cv-anouk.pdf (zie CV-PAGES-001)" in finding.reason
        assert finding.remedy == "Zie de oplossing bij CV-PAGES-001."
    # One fix, not four generic ones.
    assert sum("cv-anouk.pdf (naast het aanbod)" in f.remedy for f in report.findings) == 1
    reason_en, remedy_en = _english(pages)
    assert reason_en == "The page count cannot be established from the CV: file not found: cv-anouk.pdf."
    assert remedy_en.startswith("Put the CV file at cv-anouk.pdf")
    assert _english(others[2])[1] == "See the remedy under CV-PAGES-001."


def test_an_expired_registration_names_the_entry_to_update_and_the_date_it_must_reach(
    make_submission: Any, run_checks: Any
) -> None:
    report = run_checks(make_submission({"candidate/registrations/0/valid_until": "2026-01-31"}))

    finding = _one(report, "KO-REG-001")
    assert (finding.status, finding.reason_code) == ("fail", "REG_EXPIRED")
    assert finding.remedy == (
        "Laat de kandidaat herregistreren tot na 23 februari 2026 en zet de nieuwe afloopdatum in "
        "/candidate/registrations/0/valid_until en in het cv."
    )
    assert "not until the deadline (23 februari 2026)" in _english(finding)[0]


def test_a_missing_registration_says_where_to_add_it(make_submission: Any, run_checks: Any) -> None:
    finding = _one(run_checks(make_submission({"candidate/registrations": []})), "KO-REG-001")

    assert finding.reason_code == "REG_MISSING"
    assert finding.remedy.startswith("Voeg in /candidate/registrations/0 de SKJ-registratie toe")


def _statement_as_knockout(offer: dict[str, Any]) -> Finding:
    """The Wmo tender's statement wens W3 ("kennis van de sociale kaart") judged as a knock-out."""
    spec, loaded = resolve_tender("flextender-28115")
    requirements = [r.model_copy(update={"kind": "knockout"}) if r.id == "W3" else r for r in spec.requirements]
    context = tender_context(spec.model_copy(update={"requirements": requirements}), loaded.sha256, loaded.path)
    parsed = parse_offer(dict(offer), "<test offer>", context.tender)
    return _one(evaluate(parsed, "a" * 64, context, Phase.SUBMISSION), "KO-STMT-001")


def test_an_unanswered_statement_and_an_answered_one_say_what_to_do() -> None:
    unanswered = _statement_as_knockout({**WMO_OFFER, "answers": []})
    answered = _statement_as_knockout(WMO_OFFER)

    assert unanswered.status == "fail" and '"requirement": "W3"' in unanswered.remedy
    assert answered.status == "needs_review"
    assert answered.remedy.startswith("Niets te wijzigen als /answers/0/text de eis dekt, cv-pagina 2;")
    assert _english(answered)[1].startswith("Nothing to change if /answers/0/text covers the requirement, CV page 2;")
