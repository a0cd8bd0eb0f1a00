"""BSN detection and masking, NL-AVG-001, and the guarantee that no output carries a BSN from any input."""

from __future__ import annotations

import json
import os
import re
import unicodedata
from pathlib import Path

import pytest
from cv_pdfs import DUTCH_CV, write_cv
from hypothesis import given, settings
from hypothesis import strategies as st
from kvk_server import KVK, Answer, basisprofiel, run_check_with_debug_logging, running_stub
from stdnum.nl import bsn as stdnum_bsn
from typer.testing import CliRunner

from compliance.cli.app import app
from compliance.engine import evaluate
from compliance.inputs.offers import load_offer
from compliance.models.report import report_to_json
from compliance.models.tender import Phase
from compliance.privacy import MASK, _passes_11_test, contains_bsn, mask_bsn, mask_document, mask_text
from compliance.sources.registry import SnapshotRegistry

# Valid under the 11-test (made up; no real person's number).
BSN_CV = "111222333"
BSN_JSON = "123456782"


def _digits_left(text: str, bsn: str) -> bool:
    return bsn in re.sub(r"\D", "", text) or bsn in unicodedata.normalize("NFKC", text)


# Every way a BSN is written: the attacks (hyphenated prefix, dots, slashes, thin and
# figure spaces) and the common Dutch groupings, with and without a naming word.
NOTATIONS = [
    "{b}",
    "BSN: {b}",
    "BSN-{b}",
    "bsn_{b}",
    "Burgerservicenummer {b:3} {b:3:6} {b:6:}",
    "burger service nummer:\n{b}",
    "{b:3}-{b:3:6}-{b:6:}",
    "{b:3}.{b:3:6}.{b:6:}",
    "{b:3}/{b:3:6}/{b:6:}",
    "{b:4} {b:4:6} {b:6:}",
    "{b:4}.{b:4:6}.{b:6:}",
    "{b:3}\u2009{b:3:6}\u2009{b:6:}",  # thin space
    "{b:3}\u2007{b:3:6}\u2007{b:6:}",  # figure space
    "{b:3}\u00a0{b:3:6}\u00a0{b:6:}",  # no-break space
    "{b:3}\u202f{b:3:6}\u202f{b:6:}",  # narrow no-break space
    "{b:3}\u200b{b:3:6}\u200b{b:6:}",  # zero-width space
    "{b:3}\u2013{b:3:6}\u2013{b:6:}",  # en dash
    "{b:3} - {b:3:6} - {b:6:}",
    "{b} (BSN)",
    "sofinummer {b:4}.{b:4:6}.{b:6:}",
]


def write_bsn(notation: str, bsn: str) -> str:
    """The notation with ``{b}`` (the whole number) and ``{b:i:j}`` slices of it filled in."""

    def part(match: re.Match[str]) -> str:
        bounds = [int(x) if x else None for x in (match.group(1) or "").split(":")[1:]]
        return bsn[slice(*bounds)] if bounds else bsn

    return re.sub(r"\{b((?::\d*)*)\}", part, notation)


@pytest.mark.parametrize("notation", NOTATIONS)
@pytest.mark.parametrize("bsn", [BSN_CV, BSN_JSON])
def test_a_bsn_is_masked_in_every_notation(notation, bsn):
    text = f"Gezinscoach sinds 2017; {write_bsn(notation, bsn)}; rijbewijs B"

    masked, hits = mask_text(text, "cv, pagina 1")

    assert not _digits_left(masked, bsn), masked
    assert MASK in masked
    assert [hit.location for hit in hits] == ["cv, pagina 1"]
    assert mask_bsn(text) == masked


def test_full_width_digits_and_an_eight_digit_bsn_after_its_name_are_masked():
    assert mask_bsn("BSN \uff11\uff11\uff11\uff12\uff12\uff12\uff13\uff13\uff13") == f"BSN {MASK}"
    assert mask_bsn("BSN: 12345672") == f"BSN: {MASK}"  # 012345672 without its leading zero
    assert mask_bsn("Dossier 12345672") == "Dossier 12345672"  # eight digits without the name: a KvK-like number


@pytest.mark.parametrize(
    "text",
    [
        "BSN: 123456789",  # fails the 11-test
        "BSN of telefoon: 0612345678",  # ten digits written together
        "telefoon 06-12345678",
        "mobiel +31 6 11111111",  # the subscriber part passes the 11-test, but it is a phone number
        "mobiel +31 611111111",
        "KvK 12345678, IBAN NL91 ABNA 0417 1643 00",
        "van 01-02-2019 tot 31-12-2023, 32 uur per week",
        "contractwaarde € 1.234.567,89",
    ],
)
def test_other_numbers_are_left_alone(text):
    masked, hits = mask_text(text)

    assert masked == text
    assert hits == ()


def test_an_eleven_proof_number_is_masked_whatever_it_is_named():
    """Without context a BSN cannot be told from another nine-digit number that passes the 11-test
    (an SKJ number, one time in eleven): the number is masked, the checks that need it ask for review."""
    assert mask_bsn(f"SKJ-registratienummer {BSN_CV}") == f"SKJ-registratienummer {MASK}"


def test_masking_a_json_document_names_the_pointer_and_leaves_the_rest(make_submission):
    document = make_submission({"candidate/experience/0/example": f"Dossier met BSN {BSN_JSON} overgedragen."})

    masked, hits = mask_document(document)

    assert [hit.location for hit in hits] == ["/candidate/experience/0/example"]
    assert BSN_JSON not in json.dumps(masked)
    assert masked["candidate"]["name"] == document["candidate"]["name"]
    assert BSN_JSON in json.dumps(document)  # the input itself is not changed
    clean = make_submission()
    assert mask_document(clean) == (clean, ())


def test_keys_are_masked_too():
    masked, hits = mask_document({"candidate": {f"bsn_{BSN_CV}": "ja", "notes": [f"{BSN_JSON[:3]}.{BSN_JSON[3:]}"]}})

    assert masked == {"candidate": {f"bsn_{MASK}": "ja", "notes": [MASK]}}
    assert [hit.location for hit in hits] == [f"/candidate/bsn_{MASK}", "/candidate/notes/0"]
    assert contains_bsn(json.dumps(masked))  # the mask itself still says "a BSN was here"


def _report(tmp_path: Path, document: dict, registry: Path, heerde) -> str:
    path = tmp_path / "inschrijving.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    masked, loaded, documents = load_offer(path, heerde.tender)
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


@pytest.mark.parametrize("declared", [BSN_CV, "110012345"])
def test_a_masked_number_beside_the_register_name_needs_review_never_passes_or_fails(
    tmp_path, make_submission, registry, heerde, declared
):
    """An SKJ number that passes the 11-test is masked like a BSN (one in eleven does). The check
    cannot compare or verify a masked number, so a reviewer looks: needs review, not pass, and not
    the knock-out "no number in the CV" either."""
    cv = DUTCH_CV.replace("110012345", BSN_CV)
    write_cv(tmp_path, cv)
    document = make_submission({"documents/cv": {"file": "cv.pdf"}, "candidate/registrations/0/number": declared})

    text = _report(tmp_path, document, registry, heerde)

    assert not _digits_left(text, BSN_CV)
    findings = {f["check_id"]: f for f in json.loads(text)["findings"]}
    assert findings["KO-REG-001"]["status"] == "needs_review"
    assert findings["KO-REG-001"]["reason_code"] == "REG_IMPLAUSIBLE"
    assert findings["NL-AVG-001"]["status"] == "fail"


ID_REFUSED = (
    "dit ID bevat een nummer dat de elfproef doorstaat (mogelijk een BSN); het ID komt in bestandsnamen "
    "en rapporten, kies daarom een ID zonder zo'n nummer"
)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("submission_id", f"BSN-{BSN_CV}"),  # the leak: this landed in file names and the manifest
        ("submission_id", f"S.{BSN_JSON[:4]}.{BSN_JSON[4:6]}.{BSN_JSON[6:]}"),
        ("candidate/id", f"K {BSN_CV[:3]}/{BSN_CV[3:6]}/{BSN_CV[6:]}"),
    ],
)
def test_an_identifier_holding_a_possible_bsn_is_refused_and_nothing_is_written(
    tmp_path, make_submission, registry, field, value
):
    path = tmp_path / "inschrijving.json"
    path.write_text(json.dumps(make_submission({field: value})), encoding="utf-8")
    out = tmp_path / "rapporten"

    result = CliRunner().invoke(
        app, ["check", str(path), "--tender", "flextender-27442", "--registry", str(registry), "--out", str(out)]
    )

    assert result.exit_code == 4
    assert result.stderr.endswith(f"fout: {path}: ongeldige invoer\n  - /{field}: {ID_REFUSED}\n")
    assert not out.exists() or not any(written.is_file() for written in out.rglob("*"))
    assert BSN_CV not in result.output and BSN_JSON not in result.output


def test_an_unknown_tender_named_with_a_bsn_is_not_echoed():
    result = CliRunner().invoke(app, ["check", "inschrijving.json", "--tender", f"BSN {BSN_CV}"])

    assert result.exit_code == 2
    assert "aanbesteding 'BSN *********' niet gevonden" in result.stderr
    assert BSN_CV not in result.output


@given(st.integers(0, 999_999_999))
@settings(max_examples=3000, deadline=None)
def test_the_quick_11_test_agrees_with_python_stdnum(number):
    """The masker takes the weighted sum itself before importing stdnum (start-up); never differently."""
    digits = f"{number:09d}"

    assert _passes_11_test(digits) == stdnum_bsn.is_valid(digits)
    assert _passes_11_test(digits[1:]) == stdnum_bsn.is_valid(digits[1:])  # eight digits (a dropped zero)
