"""Shared fixtures for the core checker's tests: realistic submissions, tenders and KvK snapshots.

Everything is built from the issue's example submission (a compliant gezinscoach offered by a
detacheerder) and the bundled Heerde tender. A test changes only what it is about, through
slash-separated paths into the JSON documents (``"offer/hourly_rate_eur"``,
``"candidate/experience/0/end"``), so each test reads as "the example, except ...".

The helpers are handed out as fixtures (not imported from this module) so that test modules in
sub-folders need no package structure.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest

from compliance.engine import TenderContext, evaluate, tender_context
from compliance.inputs.loader import Loaded
from compliance.inputs.tenders import resolve_tender
from compliance.inputs.versions import parse_offer, parse_tender
from compliance.models.findings import Finding
from compliance.models.report import Report
from compliance.models.tender import Phase
from compliance.models.tender_v2 import TenderV2 as Tender
from compliance.signing.keys import ENV_CERT, ENV_CONFIG_DIR, ENV_KEY, ENV_P12, ENV_PASSWORD
from compliance.sources.registry import RegistrySource, SnapshotRegistry

TENDER_ID = "flextender-27442"
KVK_NUMBER = "12345678"

# The example submission from the issue, verbatim: compliant in the submission phase when the
# registry confirms the supplier (BV, 40 people, SBI 78201).
EXAMPLE_SUBMISSION: dict[str, Any] = {
    "schema_version": "1",
    "tender_id": TENDER_ID,
    "submission_id": "S-0001",
    "submitted_at": "2026-02-21T10:15:00+01:00",
    "supplier": {
        "name": "Jeugdprofs Detachering B.V.",
        "kvk_number": KVK_NUMBER,
        "legal_form": "bv",
        "employees": 40,
        "waadi_registered": True,
    },
    "candidate": {
        "id": "C-0001",
        "name": "Anouk Visser",
        "engagement": "detachering",
        "owner_of_supplier": False,
        "education": [
            {
                "level": "hbo_bachelor",
                "programme": "Sociaal Pedagogische Hulpverlening",
                "institution": "Hogeschool Utrecht",
                "completed_on": "2012-06-29",
            }
        ],
        "registrations": [{"register": "SKJ", "number": "110012345", "valid_until": "2028-03-31"}],
        "experience": [
            {
                "role": "Gezinscoach",
                "role_type": "gezinscoach",
                "employer": "Gemeente Raalte",
                "employer_type": "gemeente",
                "start": "2017-05-01",
                "end": None,
                "hours_per_week": 32,
                "target_groups": ["jonge_kinderen", "gedragsproblematiek"],
                "example": "Gezin met twee kleuters met agressief gedrag begeleid; veiligheidsplan opgesteld.",
                "safety_plan": True,
                "solution_focused": True,
            }
        ],
        "courses": [
            {"name": "Omgaan met gedragsproblemen", "topic": "gedragsproblematiek", "completed_on": "2019-03-15"}
        ],
        "references": [
            {
                "name": "P. de Wit",
                "role": "Teamleider",
                "organisation": "Gemeente Raalte",
                "contact": "p.dewit@example.nl",
            },
            {
                "name": "S. Bakker",
                "role": "Orthopedagoog",
                "organisation": "Gemeente Raalte",
                "contact": "+31 6 11111111",
            },
        ],
    },
    "offer": {"hourly_rate_eur": 79.0, "vat_included": False},
    "documents": {
        "cv": {"pages": 4, "language": "nl"},
        "vog": {"issued_on": "2026-02-02", "functieaspecten": ["84"]},
        "integrity_declaration": {"signed_on": "2026-02-20"},
    },
}

# A KvK Basisprofiel API v1 response for the example supplier, in the API's own shape.
EXAMPLE_BASISPROFIEL: dict[str, Any] = {
    "kvkNummer": KVK_NUMBER,
    "naam": "Jeugdprofs Detachering B.V.",
    "totaalWerkzamePersonen": 40,
    "materieleRegistratie": {"datumAanvang": "20100104"},
    "sbiActiviteiten": [{"sbiCode": "78201", "sbiOmschrijving": "Uitzendbureaus", "indHoofdactiviteit": "Ja"}],
    "_embedded": {
        "eigenaar": {
            "rechtsvorm": "BeslotenVennootschap",
            "uitgebreideRechtsvorm": "Besloten Vennootschap met gewone structuur",
        }
    },
    "_meta": {
        "retrievedAt": "2026-02-20T10:00:00+01:00",
        "url": f"https://api.kvk.nl/api/v1/basisprofielen/{KVK_NUMBER}",
    },
}

# One qualifying job (gezinscoach at a municipality, young children, with an example); tests
# change its dates and employer to probe the experience count.
EXAMPLE_JOB: dict[str, Any] = {
    "role": "Gezinscoach",
    "role_type": "gezinscoach",
    "employer": "Gemeente Zwolle",
    "employer_type": "gemeente",
    "start": "2020-01-01",
    "end": None,
    "hours_per_week": 24,
    "target_groups": ["jonge_kinderen"],
    "example": "Gezin met een peuter begeleid na een melding; veiligheidsplan opgesteld en bewaakt.",
}


def _step(container: Any, key: str) -> Any:
    return container[int(key)] if isinstance(container, list) else container[key]


def apply_changes(
    document: Mapping[str, Any], changes: Mapping[str, Any] | None = None, drop: Iterable[str] = ()
) -> dict[str, Any]:
    """A deep copy of ``document`` with values set at slash paths and the ``drop`` paths removed.

    A path segment is a key, or a list index; ``-`` as the last segment appends to a list.
    """
    result: dict[str, Any] = copy.deepcopy(dict(document))
    for path, value in (changes or {}).items():
        *parents, last = path.split("/")
        target: Any = result
        for part in parents:
            target = _step(target, part)
        if isinstance(target, list):
            if last == "-":
                target.append(copy.deepcopy(value))
            else:
                target[int(last)] = copy.deepcopy(value)
        else:
            target[last] = copy.deepcopy(value)
    for path in drop:
        *parents, last = path.split("/")
        target = result
        for part in parents:
            target = _step(target, part)
        del target[int(last) if isinstance(target, list) else last]
    return result


SubmissionFactory = Callable[..., dict[str, Any]]
RegistryFactory = Callable[..., Path]
TenderFactory = Callable[..., TenderContext]
RunChecks = Callable[..., Report]


@pytest.fixture(autouse=True)
def config_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own (not yet created) config and cache folders and no signing key from the
    environment, so no test reads or writes the user's real folders. The folders sit outside tmp_path,
    so a test that uses tmp_path as a submissions folder sees only its own files."""
    home = tmp_path_factory.mktemp("home")
    folder = home / "config"
    monkeypatch.setenv(ENV_CONFIG_DIR, str(folder))
    monkeypatch.setenv("COMPLIANCE_CACHE_DIR", str(home / "cache"))
    for name in (ENV_P12, ENV_KEY, ENV_CERT, ENV_PASSWORD):
        monkeypatch.delenv(name, raising=False)
    return folder


@pytest.fixture
def make_submission() -> SubmissionFactory:
    """``make_submission({"offer/hourly_rate_eur": 80.0}, drop=["documents/vog"])`` -> a submission dict."""

    def build(changes: Mapping[str, Any] | None = None, drop: Iterable[str] = ()) -> dict[str, Any]:
        return apply_changes(EXAMPLE_SUBMISSION, changes, drop)

    return build


@pytest.fixture
def make_job() -> Callable[..., dict[str, Any]]:
    """``make_job(start="2019-01-01", end="2020-12-31")`` -> a qualifying experience entry, changed."""

    def build(**changes: Any) -> dict[str, Any]:
        return {**copy.deepcopy(EXAMPLE_JOB), **changes}

    return build


@pytest.fixture(scope="session")
def _bundled() -> tuple[Tender, Loaded]:
    return resolve_tender(TENDER_ID)


@pytest.fixture(scope="session")
def bundled_tender(_bundled: tuple[Tender, Loaded]) -> tuple[Tender, dict[str, Any]]:
    """The bundled Heerde tender and its raw JSON document (do not mutate the document)."""
    return _bundled[0], _bundled[1].raw


@pytest.fixture(scope="session")
def heerde(_bundled: tuple[Tender, Loaded]) -> TenderContext:
    """The bundled tender with its reference dates, as the engine receives it."""
    tender, loaded = _bundled
    return tender_context(tender, loaded.sha256, loaded.path)


@pytest.fixture
def make_tender(bundled_tender: tuple[Tender, dict[str, Any]]) -> TenderFactory:
    """``make_tender({"term/extension_options": []})`` -> a changed copy of the Heerde tender."""

    def build(changes: Mapping[str, Any] | None = None, drop: Iterable[str] = ()) -> TenderContext:
        document = apply_changes(bundled_tender[1], changes, drop)
        tender = parse_tender(document, "<test tender>")
        return tender_context(tender, "0" * 64, "<test tender>")

    return build


@pytest.fixture
def make_tender_document(bundled_tender: tuple[Tender, dict[str, Any]]) -> Callable[..., dict[str, Any]]:
    """Like ``make_tender`` but returns the JSON document (to write a tender file for the CLI)."""

    def build(changes: Mapping[str, Any] | None = None, drop: Iterable[str] = ()) -> dict[str, Any]:
        return apply_changes(bundled_tender[1], changes, drop)

    return build


@pytest.fixture
def kvk_snapshot(tmp_path: Path) -> RegistryFactory:
    """Write a Basisprofiel snapshot ``<kvkNummer>.json`` and return its folder (``--registry``).

    ``kvk_snapshot({"totaalWerkzamePersonen": 1})`` changes the example record; several calls
    with the same ``folder`` name put several companies in one snapshot.
    """

    def write(
        changes: Mapping[str, Any] | None = None,
        drop: Iterable[str] = (),
        kvk_number: str = KVK_NUMBER,
        folder: str = "kvk",
    ) -> Path:
        record = apply_changes(EXAMPLE_BASISPROFIEL, {"kvkNummer": kvk_number, **(changes or {})}, drop)
        target = tmp_path / folder
        target.mkdir(exist_ok=True)
        (target / f"{kvk_number}.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        return target

    return write


@pytest.fixture
def run_checks(heerde: TenderContext) -> RunChecks:
    """``run_checks(submission_dict, phase="award", registry=folder, tender=ctx)`` -> Report.

    ``registry`` is a snapshot folder, any RegistrySource, or None (no registry consulted).
    """

    def run(
        submission: Mapping[str, Any],
        phase: str = "submission",
        registry: Path | RegistrySource | None = None,
        tender: TenderContext | None = None,
        **engine_options: Any,
    ) -> Report:
        context = tender or heerde
        model = parse_offer(dict(submission), "<test submission>", context.tender)
        source = SnapshotRegistry(registry) if isinstance(registry, Path) else registry
        return evaluate(model, "f" * 64, context, Phase(phase), source, **engine_options)

    return run


def get_finding(report: Report, check_id: str) -> Finding:
    """The finding of one check in a report."""
    matches = [f for f in report.findings if f.check_id == check_id]
    assert len(matches) == 1, f"{check_id}: {len(matches)} findings"
    return matches[0]


@pytest.fixture
def finding_of() -> Callable[[Report, str], Finding]:
    """``finding_of(report, "NL-RATE-001")`` -> that check's finding."""
    return get_finding


@pytest.fixture
def registry(kvk_snapshot: RegistryFactory) -> Path:
    """A snapshot folder holding the example supplier's Basisprofiel."""
    return kvk_snapshot()


@pytest.fixture
def write_json(tmp_path: Path) -> Callable[..., Path]:
    """``write_json(document, "name.json")`` -> path of the written file in tmp_path."""

    def write(document: Any, name: str = "submission.json") -> Path:
        path = tmp_path / name
        path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
        return path

    return write
