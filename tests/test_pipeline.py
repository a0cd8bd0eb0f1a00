"""One pipeline: ``check``, the intake worker, ``verify --submission`` and the service decide alike.

For example offers of every bundled tender (one per verdict, and the offer with a real CV PDF),
the decision ``compliance check`` prints is the decision the intake worker reaches (byte for byte,
once the worker's fixed decision time and its step-2 scoring are taken into account), the one the
recheck reproduces, and the one the service returns. Sources are chosen by name, and the
``select_registry`` the KvK settings module used to hold is the selector's.
"""

from __future__ import annotations

import dataclasses
import json
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from compliance.canonical import sha256_hex
from compliance.cli.app import app
from compliance.errors import InputError
from compliance.intake import worker
from compliance.models.report import Report, Verdict, report_adapter, report_to_json
from compliance.pipeline import SourceOptions, build_setup
from compliance.service.pipeline import Pipeline
from compliance.service.settings import EvidenceOptions
from compliance.signing.recheck import recheck
from compliance.sources.kvk_config import KvkConfigError
from compliance.sources.registry import SnapshotRegistry
from compliance.sources.select import KVK, SOURCE_FACTORIES, select_sources

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
DECISION_TIME = "2026-03-02T09:30:00+01:00"
EXIT_CODES = {"compliant": 0, "non_compliant": 1, "needs_review": 3}


def _cases() -> list[tuple[Path, str, str, str]]:
    """(folder, tender ID, registry folder name, offer file): per folder the first offer of each verdict, and CVs."""
    cases = []
    for outcomes in sorted(EXAMPLES.glob("*/expected/outcomes.json")):
        folder = outcomes.parent.parent
        expected = json.loads(outcomes.read_text(encoding="utf-8"))
        seen: set[str] = set()
        for entry in expected["submissions"].values():
            offer = json.loads((folder / entry["file"]).read_text(encoding="utf-8"))
            with_cv = "file" in (offer.get("documents") or {}).get("cv", {})
            if entry["verdict"] not in seen or (with_cv and "cv" not in seen):
                seen |= {entry["verdict"], *(["cv"] if with_cv else [])}
                cases.append((folder, expected["tender_id"], expected["registry"], entry["file"]))
    return cases


CASES = _cases()


@pytest.fixture
def in_process_worker(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Lets a test call the worker's initializer in this process and puts back what it changes."""
    monkeypatch.setattr(worker, "_state", None)
    previous = signal.getsignal(signal.SIGINT)
    yield
    signal.signal(signal.SIGINT, previous)


def _cli_report(offer: Path, tender: str, registry: Path) -> tuple[int, dict[str, Any]]:
    result = CliRunner().invoke(
        app, ["check", str(offer), "--tender", tender, "--registry", str(registry), "--format", "json"]
    )
    lines = result.stdout.splitlines()
    assert len(lines) == 1, result.output
    return result.exit_code, json.loads(lines[0])


def _as_worker_would_write(printed: dict[str, Any]) -> Report:
    """The printed decision at the intake's fixed decision time, scored only when compliant (step 2)."""
    report = report_adapter().validate_python(printed)
    score = report.score if report.verdict is Verdict.COMPLIANT else None
    return dataclasses.replace(report, generated_at=DECISION_TIME, score=score)


def test_the_cases_cover_every_verdict_and_a_cv_document() -> None:
    verdicts = set()
    for folder, _, _, file in CASES:
        entries = json.loads((folder / "expected" / "outcomes.json").read_text(encoding="utf-8"))["submissions"]
        verdicts |= {entry["verdict"] for entry in entries.values() if entry["file"] == file}
    assert verdicts == set(EXIT_CODES)
    assert any("cv" in json.loads((folder / file).read_text()).get("documents", {}) for folder, _, _, file in CASES)
    assert len({folder for folder, *_ in CASES}) >= 3  # every bundled tender


@pytest.mark.parametrize(("folder", "tender", "registry", "file"), CASES, ids=[f"{c[0].name}/{c[3]}" for c in CASES])
def test_check_worker_recheck_and_service_reach_the_same_decision(
    folder: Path, tender: str, registry: str, file: str, tmp_path: Path, in_process_worker: None
) -> None:
    offer = folder / file
    code, printed = _cli_report(offer, tender, folder / registry)
    assert code == EXIT_CODES[printed["verdict"]]

    # The intake worker: same input, same verdict and deciding checks, and the same decision record.
    worker.init_worker(
        worker.WorkerConfig(
            tender=tender,
            registry=str(folder / registry),
            submissions_dir=str(folder),
            out_dir=str(tmp_path / "award"),
            decision_time=DECISION_TIME,
            environment=worker.tool_environment(),
        ),
        with_signer=False,
    )
    [assessed] = worker.assess_files([file])
    assert assessed.error is None
    assert assessed.input_sha256 == printed["submission"]["input_sha256"]
    assert assessed.verdict == printed["verdict"]
    assert list(assessed.failed_checks) == printed["summary"]["blocking_failures"]
    assert list(assessed.review_checks) == printed["summary"]["blocking_reviews"]
    expected_digest = sha256_hex(report_to_json(_as_worker_would_write(printed)).encode("utf-8"))
    assert assessed.report_digest == expected_digest

    # The recheck re-runs the printed decision from the offer and finds it the same.
    rechecked = recheck(printed, offer, folder / registry)
    assert (rechecked.performed, rechecked.matches, rechecked.differences) == (True, True, ())

    # The service, given the offer's bytes (and its CV, staged where the offer names it).
    document = json.loads(offer.read_bytes())
    cv_name = (document.get("documents") or {}).get("cv", {}).get("file")
    cv = (folder / cv_name).read_bytes() if cv_name else None
    service = Pipeline(EvidenceOptions(registry=folder / registry), tmp_path / "scratch")
    outcome = service.check(offer.read_bytes(), tender, cv)
    assert (outcome.report.decision_id, outcome.report.verdict.value) == (printed["decision_id"], printed["verdict"])


def test_a_recheck_reads_the_decision_through_the_report_model(tmp_path: Path) -> None:
    folder, tender, registry, file = CASES[0]
    _, printed = _cli_report(folder / file, tender, folder / registry)

    as_model = recheck(report_adapter().validate_python(printed), folder / file, folder / registry)
    assert as_model.matches

    broken = {key: value for key, value in printed.items() if key != "findings"}
    refused = recheck(broken, folder / file, folder / registry)
    assert not refused.performed
    assert refused.reason == "de vastgelegde beslissing heeft niet de vorm van een rapport van deze versie"


def test_a_recheck_names_the_requirement_whose_finding_changed(tmp_path: Path) -> None:
    folder, tender, registry, file = next(case for case in CASES if case[0].name == "heerde-27442")
    _, printed = _cli_report(folder / file, tender, folder / registry)
    index, finding = next((i, f) for i, f in enumerate(printed["findings"]) if f["requirement_id"])
    changed = "fail" if finding["status"] != "fail" else "pass"
    printed["findings"][index] = {**finding, "status": changed}

    result = recheck(printed, folder / file, folder / registry)
    name = f"{finding['check_id']} ({finding['requirement_id']})"
    assert result.differences[0] == (
        f"{name}: vastgelegd {changed} ({finding['reason_code']}), nu {finding['status']} ({finding['reason_code']})"
    )


def test_sources_are_chosen_by_name_from_the_options(tmp_path: Path) -> None:
    assert KVK in SOURCE_FACTORIES
    assert select_sources(SourceOptions()).kvk is None  # no option: no registry, the checks ask for review
    snapshot = select_sources(SourceOptions(registry=tmp_path))
    assert isinstance(snapshot.kvk, SnapshotRegistry) and list(snapshot.by_name) == [KVK]
    offline = select_sources(SourceOptions(offline=True, environ={"COMPLIANCE_CACHE_DIR": str(tmp_path)}))
    assert type(offline.kvk).__name__ == "CacheOnlyRegistry"
    with pytest.raises(KeyError):
        select_sources(SourceOptions(), names=("skj",))  # a source nobody registered yet


def test_registry_and_live_api_still_exclude_each_other_by_either_name(tmp_path: Path) -> None:
    with pytest.raises(KvkConfigError) as caught:
        select_sources(SourceOptions(registry=tmp_path, kvk_api=True, environ={"COMPLIANCE_KVK_API_KEY": "k"}))
    assert "--registry en --kvk-api sluiten elkaar uit" in caught.value.diagnostics()


def test_the_kvk_settings_module_no_longer_imports_the_http_client() -> None:
    source = (Path(__file__).resolve().parent.parent / "compliance" / "sources" / "kvk_config.py").read_text()
    assert "kvk_api import" not in source


def test_a_bad_attestation_file_stops_the_run_before_the_first_offer(tmp_path: Path) -> None:
    folder, tender, registry, _ = CASES[0]
    attestations = tmp_path / "attestaties.json"
    entry = {
        "id": "ATT-1",
        "check_id": "NL-BIG-999",
        "candidate_id": "C-0001",
        "tender_id": tender,
        "verified": "BIG-register geraadpleegd",
        "verified_by": "M. de Boer",
        "attester_role": "client",
        "verified_on": "2026-02-20",
        "evidence": {"reference": "schermafdruk BIG-register"},
        "expires_on": "2026-05-20",
    }
    attestations.write_text(json.dumps({"schema_version": "1", "attestations": [entry]}), encoding="utf-8")

    with pytest.raises(InputError) as caught:
        build_setup(tender, SourceOptions(registry=folder / registry), attestations)
    assert "/attestations/0/check_id" in caught.value.diagnostics()
    assert "onbekende controle 'NL-BIG-999'" in caught.value.diagnostics()
