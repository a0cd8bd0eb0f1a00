"""BSN detection and masking, NL-AVG-001, and the guarantee that no output carries a BSN from any input."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from cv_pdfs import DUTCH_CV, write_cv
from kvk_server import KVK, Answer, basisprofiel, run_check_with_debug_logging, running_stub

from compliance.documents import prepare
from compliance.engine import evaluate
from compliance.inputs.loader import load
from compliance.models.report import report_to_json
from compliance.models.submission import Submission
from compliance.models.tender import Phase
from compliance.privacy import MASK, mask_document, mask_text
from compliance.sources.registry import SnapshotRegistry

# Valid under the 11-test (made up; no real person's number).
BSN_CV = "111222333"
BSN_JSON = "123456782"


@pytest.mark.parametrize(
    "text",
    [
        f"BSN: {BSN_CV}",
        f"Burgerservicenummer {BSN_CV[:3]} {BSN_CV[3:6]} {BSN_CV[6:]}",
        f"sofinummer {BSN_CV[:4]}.{BSN_CV[4:6]}.{BSN_CV[6:]}",
        f"{BSN_CV} (BSN)",
        f"burger service nummer:\n{BSN_CV}",
    ],
)
def test_a_bsn_near_its_name_is_masked_and_located(text):
    masked, hits = mask_text(text, "cv, pagina 1")

    assert MASK in masked
    assert "".join(ch for ch in masked if ch.isdigit()) == ""
    assert len(hits) == 1
    assert hits[0].location == "cv, pagina 1"


@pytest.mark.parametrize(
    "text",
    [
        f"SKJ-registratienummer {BSN_CV}",  # 11-proof but named as something else: an SKJ number stays readable
        "BSN: 123456789",  # fails the 11-test
        "BSN of telefoon: 0612345678",  # ten digits
        f"Mijn BSN staat niet in dit cv. {'Ik werk als gezinscoach in Raalte. ' * 3}{BSN_CV}",  # too far away
    ],
)
def test_other_numbers_are_left_alone(text):
    masked, hits = mask_text(text)

    assert masked == text
    assert hits == ()


def test_masking_a_json_document_names_the_pointer_and_leaves_the_rest(make_submission):
    document = make_submission({"candidate/experience/0/example": f"Dossier met BSN {BSN_JSON} overgedragen."})

    masked, hits = mask_document(document)

    assert [hit.location for hit in hits] == ["/candidate/experience/0/example"]
    assert BSN_JSON not in json.dumps(masked)
    assert masked["candidate"]["name"] == document["candidate"]["name"]
    assert BSN_JSON in json.dumps(document)  # the input itself is not changed
    clean = make_submission()
    assert mask_document(clean) == (clean, ())


def _report(tmp_path: Path, document: dict, registry: Path, heerde) -> str:
    path = tmp_path / "inschrijving.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    submission, loaded = load(Submission, path)
    masked, documents = prepare(submission, path)
    report = evaluate(masked, loaded.sha256, heerde, Phase.SUBMISSION, SnapshotRegistry(registry), documents=documents)
    return report_to_json(report)


def test_nl_avg_001_is_a_non_blocking_attention_point_with_locations_only(tmp_path, make_submission, registry, heerde):
    write_cv(tmp_path, [DUTCH_CV, f"Persoonsgegevens\nBSN: {BSN_CV}\nRijbewijs B"])
    document = make_submission({"documents/cv": {"file": "cv.pdf"}})

    report = json.loads(_report(tmp_path, document, registry, heerde))

    avg = next(f for f in report["findings"] if f["check_id"] == "NL-AVG-001")
    assert avg["status"] == "fail"
    assert avg["blocking"] is False
    assert avg["reason"] == (
        "Er staat een burgerservicenummer in het cv. Het nummer is gemaskeerd en nergens opgeslagen."
    )
    assert [fact["value"] for fact in avg["facts"]] == ["cv, pagina 2"]
    assert report["verdict"] == "compliant"


def test_a_clean_cv_passes_and_a_cv_without_text_needs_review(tmp_path, make_submission, registry, heerde):
    write_cv(tmp_path, DUTCH_CV)
    clean = json.loads(_report(tmp_path, make_submission({"documents/cv": {"file": "cv.pdf"}}), registry, heerde))
    write_cv(tmp_path, ["", ""], name="scan.pdf")
    scan = json.loads(_report(tmp_path, make_submission({"documents/cv": {"file": "scan.pdf"}}), registry, heerde))

    assert next(f for f in clean["findings"] if f["check_id"] == "NL-AVG-001")["status"] == "pass"
    unscanned = next(f for f in scan["findings"] if f["check_id"] == "NL-AVG-001")
    assert (unscanned["status"], unscanned["blocking"]) == ("needs_review", False)


def test_a_bsn_in_the_submission_itself_is_masked_before_any_check_sees_it(tmp_path, make_submission, registry, heerde):
    document = make_submission({"candidate/references/0/contact": f"p.dewit@example.nl (BSN kandidaat: {BSN_JSON})"})

    text = _report(tmp_path, document, registry, heerde)

    assert BSN_JSON not in text
    avg = next(f for f in json.loads(text)["findings"] if f["check_id"] == "NL-AVG-001")
    assert avg["status"] == "fail"
    assert avg["facts"][0]["pointer"] == "/candidate/references/0/contact"


def test_no_output_of_a_run_contains_a_bsn_from_any_input(tmp_path, make_submission):
    """stdout, stderr, the JSON report and every file the run wrote (the KvK cache), in both formats,
    with debug logging on: none holds either BSN, in any grouping."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_cv(inbox, [DUTCH_CV, f"Persoonsgegevens\nBSN: {BSN_CV[:3]} {BSN_CV[3:6]} {BSN_CV[6:]}\nGeboren in Zwolle"])
    document = make_submission(
        {
            "documents/cv": {"file": "cv.pdf", "pages": 2, "language": "nl"},
            "candidate/experience/0/example": f"Gezin begeleid; dossier (burgerservicenummer {BSN_JSON}) overgedragen.",
        }
    )
    submission = inbox / "inschrijving.json"
    submission.write_text(json.dumps(document), encoding="utf-8")
    cache_root = tmp_path / "cache"
    with running_stub() as stub:
        stub.script(KVK, Answer.json(basisprofiel()))
        env = {
            **os.environ,
            "COMPLIANCE_CACHE_DIR": str(cache_root),
            "COMPLIANCE_CONFIG_DIR": str(tmp_path / "config"),
            "COMPLIANCE_KVK_API_URL": stub.base_url,
            "COMPLIANCE_KVK_API_KEY": "sleutel-voor-de-test",
            "COMPLIANCE_DEBUG": "1",
        }
        outputs = run_check_with_debug_logging(submission, env)
    report = json.loads(outputs[0])
    assert next(f for f in report["findings"] if f["check_id"] == "NL-AVG-001")["status"] == "fail"
    assert report["evidence"][0]["status"] == "read"
    written = [path for path in tmp_path.rglob("*") if path.is_file() and path.parent != inbox]
    assert written  # the KvK cache was written
    forms = {BSN_CV, BSN_JSON, f"{BSN_CV[:3]} {BSN_CV[3:6]} {BSN_CV[6:]}"}
    for blob in [*outputs, *(path.read_bytes() for path in written)]:
        for form in forms:
            assert form.encode() not in blob


def test_a_bsn_beside_the_register_name_is_never_read_as_the_registration_number(
    tmp_path, make_submission, registry, heerde
):
    cv = DUTCH_CV.replace("SKJ-registratienummer 110012345, geldig tot 31 maart 2028.", f"SKJ, BSN {BSN_CV}.")
    write_cv(tmp_path, cv)

    text = _report(tmp_path, make_submission({"documents/cv": {"file": "cv.pdf"}}), registry, heerde)

    assert BSN_CV not in text
    registration = next(f for f in json.loads(text)["findings"] if f["check_id"] == "KO-REG-001")
    assert registration["reason_code"] == "REG_NUMBER_NOT_IN_CV"
