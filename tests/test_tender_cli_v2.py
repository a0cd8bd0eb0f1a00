"""tenders show, offer new and tender lint for every bundled tender; a filled-in template passes check."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from compliance.cli.app import app
from compliance.inputs.tenders import bundled_tender_ids

TENDERS = bundled_tender_ids()
ROOT = Path(__file__).resolve().parents[1]


def invoke(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def test_three_tenders_are_bundled() -> None:
    result = invoke("tenders")
    assert result.exit_code == 0
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == TENDERS
    assert len(TENDERS) >= 3


@pytest.mark.parametrize("tender_id", TENDERS)
def test_tenders_show_lists_every_requirement_with_its_id_and_weight(tender_id: str) -> None:
    result = invoke("tenders", "show", tender_id)
    assert result.exit_code == 0, result.output
    document = json.loads((ROOT / "compliance/inputs/tenders" / f"{tender_id}.json").read_text(encoding="utf-8"))
    ids = [r["id"] for r in document.get("requirements", [])] or ["K2", "K3", "K4", "G5"]
    for requirement_id in ids:
        assert f"  {requirement_id} — " in result.stdout
    assert "Eisen en wensen:" in result.stdout and "Voorwaarden:" in result.stdout
    assert "^" not in result.stdout  # formats are described in words


@pytest.mark.parametrize("tender_id", TENDERS)
def test_offer_new_gives_an_answer_slot_per_requirement(tender_id: str, tmp_path: Path) -> None:
    out = tmp_path / "offer.json"
    result = invoke("offer", "new", "--tender", tender_id, "--out", str(out))
    assert result.exit_code == 0, result.output
    offer = json.loads(out.read_text(encoding="utf-8"))
    assert offer["schema_version"] == "2" and offer["tender_id"] == tender_id
    shown = invoke("tenders", "show", tender_id).stdout
    for answer in offer["answers"]:
        assert f"  {answer['requirement']} — " in shown


def test_a_filled_in_template_passes_check(tmp_path: Path, kvk_snapshot: Any) -> None:
    template = tmp_path / "template.json"
    assert invoke("offer", "new", "--tender", "flextender-28115", "--out", str(template)).exit_code == 0
    offer = json.loads(template.read_text(encoding="utf-8"))
    offer["submitted_at"] = "2026-03-09T15:00:00+01:00"
    offer["supplier"].update({"name": "Veluwe Sociaal Detachering B.V.", "kvk_number": "12345678", "employees": 40})
    candidate = offer["candidate"]
    candidate["name"] = "Sanne Mulder"
    candidate["education"][0].update({"programme": "Social Work", "completed_on": "2015-06-30"})
    candidate["experience"][0].update(
        {
            "role": "Wmo-consulent",
            "employer": "Gemeente Epe",
            "start": "2021-01-01",
            "description": "Keukentafelgesprekken met ouderen; beschikkingen in Suite4Sociaal Domein.",
        }
    )
    candidate["references"] = [
        {"name": "Pieter de Vries", "role": "teamleider Wmo", "organisation": "Gemeente Epe"},
        {"name": "Anja Bos", "role": "collega", "organisation": "Gemeente Epe"},
    ]
    offer["offer"]["hourly_rate_eur"] = 82.5
    offer["answers"] = [
        {"requirement": "W3", "text": "Acht jaar op de Noord-Veluwe gewerkt; kent de sociale kaart.", "cv_pages": [2]}
    ]
    offer["documents"]["cv"]["pages"] = 3
    path = tmp_path / "offer.json"
    path.write_text(json.dumps(offer), encoding="utf-8")
    registry = kvk_snapshot({"_meta": {"retrievedAt": "2026-03-02T10:00:00+01:00"}}, kvk_number="12345678")

    result = invoke("check", str(path), "-t", "flextender-28115", "--registry", str(registry), "-f", "json")

    report = json.loads(result.stdout)
    assert report["verdict"] == "compliant", [
        (f["check_id"], f["reason"]) for f in report["findings"] if f["status"] in ("fail", "needs_review")
    ]
    assert result.exit_code == 0
    assert {c["criterion_id"]: c["status"] for c in report["score"]["criteria"]} == {
        "W1": "met",
        "W2": "met",
        "W3": "needs_review",
    }


def test_an_unfilled_template_is_not_compliant(tmp_path: Path) -> None:
    template = tmp_path / "template.json"
    invoke("offer", "new", "--tender", "flextender-28307", "--out", str(template))
    result = invoke("check", str(template), "-t", "flextender-28307", "-f", "json")
    report = json.loads(result.stdout)
    assert report["verdict"] == "non_compliant"
    statement = {c["criterion_id"]: c for c in report["score"]["criteria"]}["C"]
    assert statement["status"] == "not_met"  # the placeholder answer is no answer


@pytest.mark.parametrize(("tender_id", "code"), [("flextender-27442", 0), ("flextender-28115", 3)])
def test_tender_lint_passes_a_settled_tender_and_lists_open_items(tender_id: str, code: int) -> None:
    result = invoke("tender", "lint", str(ROOT / "compliance/inputs/tenders" / f"{tender_id}.json"))
    assert result.exit_code == code, result.output
    if code:
        assert "- open punt /conditions/sroi:" in result.stdout


def test_tender_lint_refuses_an_invalid_tender_naming_the_fields(tmp_path: Path) -> None:
    bad = tmp_path / "tender.json"
    bad.write_text('{"schema_version": "2", "tender_id": "x"}', encoding="utf-8")
    result = invoke("tender", "lint", str(bad))
    assert result.exit_code == 4
    assert "/deadline: verplicht veld ontbreekt" in result.stderr
