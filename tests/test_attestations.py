"""Reviewer attestations: the file format and its schema, and the overlay's rules — needs_review may
become pass with its provenance shown, a fail never, an expired attestation no longer counts, and
``--no-attestations`` shows the checker's own view."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from compliance.attestations import AttestationSet, load_attestations
from compliance.checks import CHECKS
from compliance.cli.app import app
from compliance.errors import InputError
from compliance.inputs.loader import validate
from compliance.models.attestation import Attestation, AttestationFile
from compliance.models.findings import FactSource
from compliance.models.report import report_to_dict
from compliance.schemas import schema_text

SCHEMA = Path(__file__).resolve().parents[1] / "schemas" / "attestation.schema.json"
KNOWN = frozenset(c.info.check_id for c in CHECKS)
EXTRACT_SHA = "3f5a0c9e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a19"
ON_TIME = datetime(2026, 2, 22, 12, 0, tzinfo=UTC)  # between verified_on and expires_on below


def waadi_attestation(**changes: Any) -> dict[str, Any]:
    """A reviewer saw the Waadi indicator on kvk.nl for the example supplier."""
    entry: dict[str, Any] = {
        "id": "ATT-27442-001",
        "check_id": "NL-WAADI-001",
        "candidate_id": "C-0001",
        "tender_id": "flextender-27442",
        "verified": "Waadi-indicator 'Ja' voor KvK 12345678 gezien op kvk.nl/waadi en op het KvK-uittreksel",
        "verified_by": "M. de Boer, inkoopadviseur",
        "attester_role": "client",
        "verified_on": "2026-02-20",
        "evidence": {"sha256": EXTRACT_SHA, "reference": "KvK-uittreksel van 20-02-2026, dossier 27442/0007"},
        "expires_on": "2026-05-20",
    }
    entry.update(changes)
    return entry


def attestation_file(*entries: dict[str, Any]) -> dict[str, Any]:
    return {"schema_version": "1", "attestations": list(entries)}


def attestation_set(*entries: dict[str, Any], enabled: bool = True) -> AttestationSet:
    document = validate(AttestationFile, attestation_file(*entries), "<test>")
    return AttestationSet(tuple(document.attestations), "<test>", "a" * 64, enabled)


@pytest.fixture
def no_lending_code(kvk_snapshot) -> Path:
    """A registry record without a lending SBI code: Waadi needs a person (the indicator is in no API)."""
    return kvk_snapshot({"sbiActiviteiten": [{"sbiCode": "88991", "sbiOmschrijving": "Maatschappelijk werk"}]})


def waadi(report):
    return next(f for f in report.findings if f.check_id == "NL-WAADI-001")


# The file format


def test_the_published_schema_matches_the_model_and_accepts_a_real_file():
    published = SCHEMA.read_text(encoding="utf-8")

    assert published == schema_text("attestation")
    validator = jsonschema.Draft202012Validator(json.loads(published))
    assert list(validator.iter_errors(attestation_file(waadi_attestation()))) == []
    assert list(validator.iter_errors(attestation_file(waadi_attestation(verified_by="")))) != []


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"expires_on": "2026-01-01"}, "ligt vóór verified_on"),
        ({"evidence": {}}, "sha256 van het document, een referentie"),
        ({"evidence": {"reference": "uittreksel", "file": "u.pdf"}}, "hoort de sha256 van dat bestand"),
        ({"attester_role": "agency"}, "client"),
        ({"evidence": {"sha256": "ABC"}}, "verwachte formaat"),
        ({"check_id": "waadi"}, "verwachte formaat"),
        ({"verified_on": "20-02-2026"}, "geen geldige datum"),
        ({"remark": "typo"}, "onbekend veld"),
    ],
)
def test_an_invalid_attestation_names_the_field(tmp_path, changes, words):
    path = tmp_path / "attestaties.json"
    path.write_text(json.dumps(attestation_file(waadi_attestation(**changes))), encoding="utf-8")

    with pytest.raises(InputError) as caught:
        load_attestations(path, KNOWN)

    assert caught.value.file == str(path)
    assert any(pointer.startswith("/attestations/0") and words in problem for pointer, problem in caught.value.problems)


def test_an_unknown_check_id_or_a_duplicate_id_is_refused(tmp_path):
    path = tmp_path / "attestaties.json"
    path.write_text(json.dumps(attestation_file(waadi_attestation(check_id="NL-WADI-001"))), encoding="utf-8")
    with pytest.raises(InputError) as unknown:
        load_attestations(path, KNOWN)
    path.write_text(json.dumps(attestation_file(waadi_attestation(), waadi_attestation())), encoding="utf-8")
    with pytest.raises(InputError) as duplicate:
        load_attestations(path, KNOWN)

    assert unknown.value.problems == [("/attestations/0/check_id", "onbekende controle 'NL-WADI-001'")]
    assert "komt meer dan eens voor" in duplicate.value.diagnostics()


# The overlay


def test_an_attestation_turns_needs_review_into_pass_with_provenance(make_submission, run_checks, no_lending_code):
    plain = run_checks(make_submission(), registry=no_lending_code, generated_at=ON_TIME)
    attested = run_checks(
        make_submission(),
        registry=no_lending_code,
        generated_at=ON_TIME,
        attestations=attestation_set(waadi_attestation()),
    )

    assert waadi(plain).status == "needs_review"
    assert plain.verdict == "needs_review"
    finding = waadi(attested)
    assert finding.status == "pass"
    assert finding.reason_code == "ATTESTED"
    assert finding.reason.startswith(
        "Handmatig geverifieerd door M. de Boer, inkoopadviseur (opdrachtgever) op 20 februari 2026:"
    )
    assert "geldigheid beoordeeld op de sluitingsdatum (23 februari 2026))" in finding.reason
    assert f"sha256 {EXTRACT_SHA}" in finding.reason
    assert waadi(plain).reason in finding.reason  # the checker's own finding stays readable
    note = finding.attestation
    assert note is not None
    assert (note.effect, note.original_status, note.original_reason_code) == (
        "applied",
        "needs_review",
        "WAADI_NO_LENDING_CODE",
    )
    assert finding.facts[-1].source is FactSource.ATTESTATION
    assert attested.verdict == "compliant"
    assert attested.attestations is not None
    assert attested.attestations.applied is True
    assert [use.effect for use in attested.attestations.uses] == ["applied"]
    assert attested.decision_id != plain.decision_id


def test_an_attestation_never_turns_a_fail_into_a_pass(make_submission, run_checks, no_lending_code):
    submission = make_submission({"supplier/waadi_registered": False})

    report = run_checks(
        submission, registry=no_lending_code, generated_at=ON_TIME, attestations=attestation_set(waadi_attestation())
    )

    finding = waadi(report)
    assert finding.status == "fail"
    assert finding.attestation is not None and finding.attestation.effect == "not_applied_fail"
    assert "een attestatie kan een afwijzing niet opheffen" in finding.attention[-1]
    assert report.verdict == "non_compliant"


@pytest.mark.parametrize(
    ("expires_on", "status", "effect"),
    [("2026-02-22", "needs_review", "expired"), ("2026-02-23", "pass", "applied")],
)
def test_an_attestation_is_judged_at_the_deadline_not_at_the_run_date(
    make_submission, run_checks, no_lending_code, expires_on, status, effect
):
    # Issue 13, rule 9: the run is long after both dates; only the deadline (23 February 2026) counts.
    years_later = datetime(2029, 1, 1, 9, 0, tzinfo=UTC)

    report = run_checks(
        make_submission(),
        registry=no_lending_code,
        generated_at=years_later,
        attestations=attestation_set(waadi_attestation(verified_on="2026-02-01", expires_on=expires_on)),
    )

    finding = waadi(report)
    assert finding.status == status
    assert report.attestations is not None and report.attestations.uses[0].effect == effect
    assert report.attestations.evaluated_on == "2026-02-23"
    if effect == "expired":
        assert finding.attention[-1] == (
            "Attestatie ATT-27442-001 is verlopen op 22 februari 2026, vóór de sluitingsdatum (23 februari 2026), "
            "en telt niet mee."
        )
        assert report.verdict == "needs_review"


@pytest.mark.parametrize(
    ("expires_on", "status"),
    [("2026-03-15", "needs_review"), ("2026-03-16", "pass")],
)
def test_an_attestation_for_a_start_condition_must_hold_at_the_planned_start(
    make_submission, run_checks, expires_on, status
):
    # An implausible SKJ number needs review; a register look-up by the platform settles it.
    entry = waadi_attestation(
        check_id="KO-REG-001",
        attester_role="platform",
        verified="SKJ-register geraadpleegd: registratie 12345 geldig tot 31-03-2028",
        verified_on="2026-02-20",
        expires_on=expires_on,
    )
    submission = make_submission({"candidate/registrations/0/number": "12345"})

    report = run_checks(submission, generated_at=ON_TIME, attestations=attestation_set(entry))

    finding = next(f for f in report.findings if f.check_id == "KO-REG-001")
    assert finding.status == status
    if status == "pass":
        assert "de sluitingsdatum (23 februari 2026) en de geplande start (16 maart 2026)" in finding.reason
    else:
        assert "vóór de sluitingsdatum (23 februari 2026) en de geplande start (16 maart 2026)" in finding.attention[-1]


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("supplier", "needs_review"),  # the agency attesting its own Waadi registration
        ("candidate", "needs_review"),
        ("other", "needs_review"),
        (None, "needs_review"),  # files from before roles: never enough
        ("client", "pass"),
        ("platform", "pass"),
    ],
)
def test_only_a_trusted_role_can_lift_needs_review(make_submission, run_checks, no_lending_code, role, status):
    entry = waadi_attestation(attester_role=role)
    if role is None:
        del entry["attester_role"]

    report = run_checks(
        make_submission(), registry=no_lending_code, generated_at=ON_TIME, attestations=attestation_set(entry)
    )

    finding = waadi(report)
    assert finding.status == status
    if status == "needs_review":
        assert report.attestations.uses[0].effect == "untrusted_role"
        assert "geen vertrouwde attestant (vertrouwd: opdrachtgever, platform)" in finding.attention[-1]
        assert report.verdict == "needs_review"


def test_the_tender_chooses_which_roles_it_trusts(make_submission, make_tender, run_checks, no_lending_code):
    tender = make_tender({"attestations": {"trusted_roles": ["client"]}})

    report = run_checks(
        make_submission(),
        registry=no_lending_code,
        tender=tender,
        generated_at=ON_TIME,
        attestations=attestation_set(waadi_attestation(attester_role="platform")),
    )

    assert waadi(report).status == "needs_review"
    assert "(vertrouwd: opdrachtgever)" in waadi(report).attention[-1]


def test_a_tender_cannot_trust_the_supplier(make_tender):
    with pytest.raises(InputError) as caught:
        make_tender({"attestations": {"trusted_roles": ["supplier"]}})

    assert any(pointer.startswith("/attestations/trusted_roles/0") for pointer, _ in caught.value.problems)


@pytest.mark.parametrize(
    ("tampered", "status", "effect"), [(False, "pass", "applied"), (True, "needs_review", "evidence_mismatch")]
)
def test_an_evidence_file_must_have_the_stated_sha256(
    tmp_path, make_submission, run_checks, no_lending_code, tampered, status, effect
):
    extract = b"%PDF-1.7 KvK-uittreksel Jeugdprofs Detachering B.V., Waadi-registratie: ja"
    (tmp_path / "bewijs").mkdir()
    (tmp_path / "bewijs" / "uittreksel.pdf").write_bytes(extract + (b" gewijzigd" if tampered else b""))
    evidence = {"sha256": hashlib.sha256(extract).hexdigest(), "file": "bewijs/uittreksel.pdf"}
    path = tmp_path / "attestaties.json"
    path.write_text(json.dumps(attestation_file(waadi_attestation(evidence=evidence))), encoding="utf-8")

    report = run_checks(
        make_submission(), registry=no_lending_code, generated_at=ON_TIME, attestations=load_attestations(path, KNOWN)
    )

    assert waadi(report).status == status
    assert report.attestations.uses[0].effect == effect
    if tampered:
        assert "sha256 van bewijsbestand bewijs/uittreksel.pdf wijkt af" in waadi(report).attention[-1]
    else:
        assert "(sha256 van het bestand gecontroleerd)" in waadi(report).facts[-1].detail


def test_a_missing_evidence_file_does_not_count_and_one_outside_the_folder_is_refused(
    tmp_path, make_submission, run_checks, no_lending_code
):
    path = tmp_path / "attestaties.json"
    missing = {"sha256": EXTRACT_SHA, "file": "weg.pdf"}
    path.write_text(json.dumps(attestation_file(waadi_attestation(evidence=missing))), encoding="utf-8")
    report = run_checks(
        make_submission(), registry=no_lending_code, generated_at=ON_TIME, attestations=load_attestations(path, KNOWN)
    )
    assert report.attestations.uses[0].effect == "evidence_missing"

    outside = {"sha256": EXTRACT_SHA, "file": "../elders.pdf"}
    path.write_text(json.dumps(attestation_file(waadi_attestation(evidence=outside))), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_attestations(path, KNOWN)
    assert caught.value.problems[0][0] == "/attestations/0/evidence/file"


def test_a_valid_attestation_wins_over_an_expired_one(make_submission, run_checks, no_lending_code):
    old = waadi_attestation(id="ATT-OLD", verified_on="2025-06-01", expires_on="2025-09-01")

    report = run_checks(
        make_submission(),
        registry=no_lending_code,
        generated_at=ON_TIME,
        attestations=attestation_set(old, waadi_attestation()),
    )

    assert waadi(report).status == "pass"
    assert waadi(report).attestation.attestation_id == "ATT-27442-001"
    assert sorted(use.effect for use in report.attestations.uses) == ["applied", "expired"]


@pytest.mark.parametrize(
    ("changes", "effect"),
    [
        ({"candidate_id": "C-0002"}, None),  # another candidate
        ({"tender_id": "flextender-99999"}, None),  # another tender
        ({"reason_code": "WAADI_LOOKUP_UNAVAILABLE"}, "other_reason"),  # attested a different problem
        ({"verified_on": "2026-02-23", "expires_on": "2026-05-23"}, "not_yet_valid"),
    ],
)
def test_an_attestation_applies_only_to_its_candidate_tender_and_reason(
    make_submission, run_checks, no_lending_code, changes, effect
):
    report = run_checks(
        make_submission(),
        registry=no_lending_code,
        generated_at=ON_TIME,
        attestations=attestation_set(waadi_attestation(**changes)),
    )

    assert waadi(report).status == "needs_review"
    assert [use.effect for use in report.attestations.uses] == ([effect] if effect else [])


def test_attestations_on_a_passing_check_change_nothing(make_submission, run_checks, registry):
    report = run_checks(
        make_submission(), registry=registry, generated_at=ON_TIME, attestations=attestation_set(waadi_attestation())
    )

    assert waadi(report).reason_code == "WAADI_SBI_LENDING"
    assert report.attestations.uses[0].effect == "not_needed"


# Through the command line


def _cli(tmp_path: Path, submission: Path, registry: Path, *options: str):
    path = tmp_path / "attestaties.json"
    path.write_text(json.dumps(attestation_file(waadi_attestation(expires_on="2099-12-31"))), encoding="utf-8")
    args = [
        "check",
        str(submission),
        "-t",
        "flextender-27442",
        "--registry",
        str(registry),
        "--attestations",
        str(path),
    ]
    return CliRunner().invoke(app, [*args, *options])


def test_cli_table_shows_who_verified_what(tmp_path, write_json, make_submission, no_lending_code):
    result = _cli(tmp_path, write_json(make_submission()), no_lending_code)

    assert result.exit_code == 0, result.output
    assert "Handmatig geverifieerd door M. de Boer" in " ".join(result.stdout.split())


def test_cli_no_attestations_shows_the_unattested_view(tmp_path, write_json, make_submission, no_lending_code):
    result = _cli(tmp_path, write_json(make_submission()), no_lending_code, "--no-attestations", "-f", "json")

    assert result.exit_code == 3
    report = json.loads(result.stdout)
    finding = next(f for f in report["findings"] if f["check_id"] == "NL-WAADI-001")
    assert finding["status"] == "needs_review"
    assert finding["attestation"]["effect"] == "disabled"
    assert report["attestations"]["applied"] is False
    assert "niet toegepast (--no-attestations)" in finding["attention"][-1]


def test_a_model_instance_describes_its_evidence():
    entry = Attestation.model_validate(waadi_attestation(evidence={"reference": "VOG gezien bij intake"}))

    assert entry.evidence.describe() == "VOG gezien bij intake"


def test_a_bsn_typed_into_an_attestation_never_reaches_the_report(
    tmp_path, make_submission, run_checks, no_lending_code
):
    path = tmp_path / "attestaties.json"
    note = "Waadi-indicator gezien; uittreksel van eigenaar (BSN 111222333) niet bewaard"
    path.write_text(json.dumps(attestation_file(waadi_attestation(verified=note))), encoding="utf-8")

    report = run_checks(
        make_submission(), registry=no_lending_code, generated_at=ON_TIME, attestations=load_attestations(path, KNOWN)
    )

    assert waadi(report).status == "pass"
    assert "111222333" not in json.dumps(report_to_dict(report))
