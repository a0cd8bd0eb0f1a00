"""End-to-end smoke test of the issue's example submission through the CLI (the lead's own check)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

EXAMPLE = {
    "schema_version": "1",
    "tender_id": "flextender-27442",
    "submission_id": "S-0001",
    "submitted_at": "2026-02-21T10:15:00+01:00",
    "supplier": {
        "name": "Jeugdprofs Detachering B.V.",
        "kvk_number": "12345678",
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

SNAPSHOT = {
    "kvkNummer": "12345678",
    "naam": "Jeugdprofs Detachering B.V.",
    "totaalWerkzamePersonen": 40,
    "materieleRegistratie": {"datumAanvang": "20100104"},
    "sbiActiviteiten": [{"sbiCode": "78201", "sbiOmschrijving": "Uitzendbureaus", "indHoofdactiviteit": "Ja"}],
    "_embedded": {"eigenaar": {"rechtsvorm": "BeslotenVennootschap"}},
}


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "compliance", *args], capture_output=True, text=True, check=False)


def test_issue_example_is_compliant_with_registry(tmp_path: Path) -> None:
    offer = tmp_path / "offer.json"
    offer.write_text(json.dumps(EXAMPLE), encoding="utf-8")
    registry = tmp_path / "registry"
    registry.mkdir()
    (registry / "12345678.json").write_text(json.dumps(SNAPSHOT), encoding="utf-8")

    result = _run("check", str(offer), "--tender", "flextender-27442", "--registry", str(registry), "-f", "json")

    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["verdict"] == "compliant"
    statuses = {f["check_id"]: f["status"] for f in report["findings"]}
    assert statuses["NL-WAADI-001"] == "pass"
    assert statuses["NL-SROI-001"] == "not_applicable"


def test_without_registry_the_declaration_is_not_enough(tmp_path: Path) -> None:
    offer = tmp_path / "offer.json"
    offer.write_text(json.dumps(EXAMPLE), encoding="utf-8")

    result = _run("check", str(offer), "--tender", "flextender-27442")

    assert result.returncode == 3
    assert "BEOORDELING NODIG" in result.stdout
    assert "Traceback" not in result.stderr
