"""Amounts in Dutch notation: read where they have one meaning, refused with what to write where not.

The offers are the bundled examples with their hourly rate rewritten the way an agency types it.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from compliance.errors import ExitCode, InputError
from compliance.inputs.offers import load_offer
from compliance.inputs.tenders import resolve_tender

ROOT = Path(__file__).resolve().parent.parent
OLDEBROEK = ROOT / "examples" / "oldebroek-28115"
OFFER = OLDEBROEK / "S-0003-fenna-bouwmeester.json"  # 79.0 as a JSON number; maximum € 85,00
TENDER = "flextender-28115"


def offer_with_rate(folder: Path, rate: Any) -> Path:
    document = json.loads(OFFER.read_text(encoding="utf-8"))
    document["offer"]["hourly_rate_eur"] = rate
    path = folder / OFFER.name
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("written", "number"),
    [
        ("79,50", "79.50"),
        ("€ 79,50", "79.50"),
        ("€79,50", "79.50"),
        ("€\u00a079,50", "79.50"),  # a non-breaking space, as a word processor puts it
        ("EUR 79,50", "79.50"),
        ("79.50", "79.50"),  # one point, two decimals: a decimal point
        ("79,5", "79.5"),
        ("€ 80,-", "80"),
        ("80", "80"),
        ("1.079,50", "1079.50"),
    ],
)
def test_dutch_notation_is_read_as_the_number_it_means(tmp_path: Path, written: str, number: str) -> None:
    spec, _ = resolve_tender(TENDER)

    submission, _, _ = load_offer(offer_with_rate(tmp_path, written), spec)

    assert submission.offer.hourly_rate_eur == Decimal(number)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        (
            "1.079",
            "bedrag is dubbelzinnig: is de punt een scheiding van duizendtallen of een decimaalteken? "
            "schrijf 1079 of 1.079,00 (gekregen: '1.079')",
        ),
        ("€ 1.079", "schrijf 1079 of 1.079,00"),
        ("1,079.50", "scheidt de komma duizendtallen (Engelse notatie) of de centen?"),
        ("79,50 per uur", 'geen getal: schrijf het bedrag als getal, bijv. 79.5, of als tekst "79,50"'),
        ("negenenzeventig", "geen getal: schrijf het bedrag als getal"),
        ("79,505", "bedrag is dubbelzinnig"),
    ],
)
def test_ambiguous_or_unreadable_amounts_say_what_to_write(tmp_path: Path, written: str, expected: str) -> None:
    spec, _ = resolve_tender(TENDER)
    path = offer_with_rate(tmp_path, written)

    with pytest.raises(InputError) as caught:
        load_offer(path, spec)

    text = caught.value.diagnostics()
    assert caught.value.exit_code == ExitCode.BAD_INPUT
    assert text.startswith(f"{path}: ongeldige invoer")
    assert "  - /offer/hourly_rate_eur: " in text
    assert expected in text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (True, "geen getal (gekregen: true)"),
        ([79.5], "geen getal"),
        ({"bedrag": "79,50"}, "geen getal"),
        ("79,555", "bedrag is dubbelzinnig"),
        ("0,00", "moet groter dan 0 zijn"),
        ("79,5€", "geen getal"),
    ],
)
def test_other_types_stay_refused(tmp_path: Path, value: Any, expected: str) -> None:
    spec, _ = resolve_tender(TENDER)

    with pytest.raises(InputError) as caught:
        load_offer(offer_with_rate(tmp_path, value), spec)

    assert expected in caught.value.diagnostics()


def test_the_report_echoes_the_normalised_number(tmp_path: Path) -> None:
    from compliance.cli.app import app

    path = offer_with_rate(tmp_path, "€ 79,50")

    result = CliRunner().invoke(
        app, ["check", str(path), "--tender", TENDER, "--registry", str(OLDEBROEK / "registry"), "--format", "json"]
    )

    report = json.loads(result.stdout)
    assert report["submission"]["hourly_rate_eur"] == "79.50"
    rate = next(f for f in report["findings"] if f["check_id"] == "NL-RATE-001")
    assert rate["status"] == "pass"
    assert "€ 79,50" in rate["reason"]
    assert "€ 79,50" not in json.dumps(report["submission"], ensure_ascii=False)
