"""The importer's field rules one by one: dates, amounts, term, hours, headings, summary layouts,
HTML text, conflicts, requirement typing and the tender mapping."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest

from compliance.importer import conditions, general, procedure
from compliance.importer.amounts import find_euros
from compliance.importer.draft import Extension, Hours
from compliance.importer.dutch_dates import amsterdam_instant, find_dates, find_time, week_number
from compliance.importer.extract import extract
from compliance.importer.html_text import html_to_text
from compliance.importer.requirements import _typed, items
from compliance.importer.sections import heading_kind, split
from compliance.importer.text import Posting
from compliance.importer.to_tender import to_tender


def posting(text: str) -> Posting:
    return Posting.from_text("uitvraag.txt", text, "0" * 64, "text")


# --- dates and times ---------------------------------------------------------------------------


def test_written_dates_with_weekday_and_abbreviated_month() -> None:
    found = find_dates("Verloopt op maandag 23 februari 2026 en daarna 5 mrt. 2026")
    assert [item.day for item in found] == [date(2026, 2, 23), date(2026, 3, 5)]
    assert found[0].weekday == "maandag" and not found[0].weekday_mismatch


def test_weekday_that_does_not_match_the_date_is_noticed() -> None:
    (found,) = find_dates("dinsdag 23 februari 2026")
    assert found.weekday_mismatch


def test_numeric_and_iso_dates_and_impossible_dates() -> None:
    assert [i.day for i in find_dates("13-01-2026 12:00, 2026-07-14, 31-02-2026")] == [
        date(2026, 1, 13),
        date(2026, 7, 14),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("09:00 uur", time(9, 0)), ("12.00", time(12, 0)), ("om 10 uur", time(10, 0)), ("16.30u", time(16, 30))],
)
def test_times_as_postings_write_them(text: str, expected: time) -> None:
    assert find_time(text) == expected


def test_a_date_with_dots_is_no_time_and_a_number_is_no_time() -> None:
    assert find_time("13.01.2026") is None
    assert find_time("€ 10.000") is None


def test_amsterdam_instant_follows_summer_time() -> None:
    winter = amsterdam_instant(date(2026, 2, 23), time(9, 0))
    summer = amsterdam_instant(date(2026, 7, 14), time(10, 0))
    assert winter.utcoffset() == timedelta(hours=1) and summer.utcoffset() == timedelta(hours=2)
    # the night the clocks go forward (29 March 2026)
    assert amsterdam_instant(date(2026, 3, 29), time(12, 0)).isoformat() == "2026-03-29T12:00:00+02:00"


def test_week_number() -> None:
    assert week_number("De gesprekken vinden plaats in week 12.") == 12
    assert week_number("geen week") is None


# --- amounts, term and hours -------------------------------------------------------------------


def test_euro_amounts_in_dutch_notation() -> None:
    amounts = [amount for amount, _, _ in find_euros("€ 80,-, €92,50, EUR 1.250,00 en €400.000 of 75 euro")]
    assert amounts == [Decimal(80), Decimal("92.50"), Decimal("1250.00"), Decimal(400000), Decimal(75)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 x 6 maand(en)", (Extension(2, 6),)),
        ("1 x 12 maanden", (Extension(1, 12),)),
        ("3 en daarna 6 maanden", (Extension(1, 3), Extension(1, 6))),
        ("twee keer 1 jaar", (Extension(2, 12),)),
        ("Geen", ()),
        ("Ja, mogelijk", None),
    ],
)
def test_extension_options(text: str, expected: tuple[Extension, ...] | None) -> None:
    assert general.parse_extensions(text) == expected


@pytest.mark.parametrize(
    ("text", "expected", "doubt"),
    [
        ("24 uur", Hours(Decimal(24), Decimal(24)), False),
        ("24 tot 32 uur", Hours(Decimal(24), Decimal(32)), False),
        ("16 - 24", Hours(Decimal(16), Decimal(24)), False),
        ("gemiddeld 24 uur", Hours(Decimal(24), Decimal(24), True), False),
        ("maximaal 36 uur", Hours(Decimal(36), Decimal(36)), True),
    ],
)
def test_hours_per_week(text: str, expected: Hours, doubt: bool) -> None:
    hours, reason = general.parse_hours(text)
    assert hours == expected and (reason is not None) is doubt


# --- sections and summary ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Vereisten / knock-outcriteria", "knockout"),
        ("Minimumeisen", "knockout"),
        ("Functie-eisen:", "knockout"),
        ("Selectiecriteria te beoordelen door Flextender (weging, totaal 100 punten)", "selection"),
        ("Wensen", "selection"),
        ("CV-eisen", "cv"),
        ("Fee Flextender", "fee"),
        ("Stap 1: Beoordeling cv's op minimumeisen", None),
        ("Eisen: minimaal 3 jaar ervaring", None),
        ("De eisen zijn streng.", None),
    ],
)
def test_heading_kinds(line: str, kind: str | None) -> None:
    assert heading_kind(line) == kind


def test_summary_in_two_tab_columns_label_lines_and_label_value_lines() -> None:
    layout = split(
        posting("Titel\n\nAanvraagnummer\t27442\tStart\tZ.s.m.\nDuur: 4 maanden\nRegio\nGelderland\n\nOpdracht\nTekst.")
    )
    assert layout.first("request_number").value == "27442"  # type: ignore[union-attr]
    assert layout.first("start").value == "Z.s.m."  # type: ignore[union-attr]
    assert layout.first("duration").value == "4 maanden"  # type: ignore[union-attr]
    region = layout.first("region")
    assert region is not None and region.value == "Gelderland" and region.source.lines == (5, 6)
    assert [section.kind for section in layout.sections] == ["assignment"]


def test_html_tables_become_tab_columns_and_scripts_disappear() -> None:
    text = html_to_text(
        "<html><head><script>var x=1;</script></head><body><h1>Titel</h1><p>Een <b>vette</b> zin.</p>"
        "<table><tr><th>Start</th><td>1 april 2026</td></tr></table><ul><li>Punt</li></ul></body></html>"
    )
    assert "var x" not in text
    assert "Een vette zin." in text
    assert "Start\t1 april 2026" in text
    assert "Punt" in text.splitlines()


# --- rules that flag doubts --------------------------------------------------------------------


def test_two_places_that_contradict_each_other_are_flagged_not_chosen() -> None:
    text = "CV-eisen\nMaximaal 4 pagina's.\n\nOverige informatie\nHet cv telt maximaal 5 pagina's.\n"
    pages, _, _, doubts = procedure.cv(split(posting(text)), posting(text))
    assert pages is None
    assert doubts[0].pointer == "/cv/max_pages"
    assert "4 (regel 2); 5 (regel 5)" in doubts[0].reason


def test_rate_basis_range_includes_and_the_fee_section_is_ignored() -> None:
    text = (
        "Maximum tarief\nHet maximum tarief is € 72,50 inclusief reiskosten en fee, exclusief btw.\n\n"
        "Fee Flextender\nFlextender rekent een fee van € 2,50 per uur.\n"
    )
    rate, doubts = conditions.rate(split(posting(text)), posting(text))
    assert rate is not None and rate.value.max_eur == Decimal("72.50")
    assert rate.value.vat_basis == "excluded" and rate.value.includes == ("reiskosten", "fee")
    assert doubts == []
    unstated = "Maximum tarief\nHet maximum tarief voor deze opdracht is € 80,-.\n"
    rate, doubts = conditions.rate(split(posting(unstated)), posting(unstated))
    assert rate is not None and rate.value.vat_basis is None
    assert [d.pointer for d in doubts] == ["/rate/vat_basis"]


@pytest.mark.parametrize(
    ("sentence", "stance"),
    [
        ("De gemeente merkt op dat niet wordt voldaan als de inschrijver een ZZP-er is.", "excluded"),
        ("ZZP'ers zijn niet toegestaan.", "excluded"),
        ("ZZP'ers mogen op deze opdracht inschrijven.", "allowed"),
        ("ZZP'ers zijn welkom.", "allowed"),
    ],
)
def test_dba_stance(sentence: str, stance: str) -> None:
    found, doubts = conditions.dba(split(posting(sentence)), posting(sentence))
    assert found is not None and found.value == stance and doubts == []


def test_dba_silent_is_a_doubt() -> None:
    text = "Opdracht\nJe werkt in het wijkteam.\n"
    found, doubts = conditions.dba(split(posting(text)), posting(text))
    assert found is None and doubts[0].pointer == "/conditions/dba/zzp"


def test_vog_with_aspects_and_age_explicitly_not_needed_and_without_aspects() -> None:
    found, doubts = conditions.vog(
        posting("Bij gunning een VOG met functieaspecten 11 en 12, niet ouder dan 3 maanden.")
    )
    assert found is not None and found.value.functieaspecten == ("11", "12") and found.value.max_age_months == 3
    assert doubts == []
    found, _ = conditions.vog(posting("Voor deze opdracht is geen VOG vereist."))
    assert found is not None and found.value.required is False
    found, doubts = conditions.vog(posting("De opdrachtgever zal om een VOG vragen."))
    assert {d.pointer for d in doubts} == {
        "/conditions/vog/functieaspecten",
        "/conditions/vog/max_age_months_before_start",
    }


def test_interviews_by_date_or_only_by_week() -> None:
    text = "De gesprekken zijn gepland op donderdag 5 maart 2026. Kandidaten ontvangen uiterlijk woensdag 25 februari 2026 bericht."
    found, doubts = procedure.interviews(split(posting(text)), posting(text))
    assert found is not None and found.value == (date(2026, 3, 5),) and doubts == []
    text = "De gesprekken vinden plaats in week 14."
    found, doubts = procedure.interviews(split(posting(text)), posting(text))
    assert found is None and doubts[0].pointer == "/interviews"


def test_tie_break_chain_in_the_postings_order() -> None:
    text = "Bij een gelijke score geeft de hoogste score op wens W1 de doorslag, daarna het laagste uurtarief en tot slot loting."
    found, doubts = procedure.tie_break(posting(text), ["W1", "W2"])
    assert found is not None and found.value == ("criterion:W1", "lowest_rate", "lot") and doubts == []


# --- requirement typing ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("Afgeronde wo-master Bestuurskunde", "wo_master"),
        ("Afgeronde hbo- of wo-opleiding", "hbo_bachelor"),
        ("Afgeronde mbo-opleiding niveau 4 Sociaal Juridische Dienstverlening", "mbo"),
        (
            "Aantoonbare afgeronde hbo bachelor opleiding in de richting van MD, SPH of andere sociale opleiding",
            "hbo_bachelor",
        ),
    ],
)
def test_education_levels(text: str, level: str) -> None:
    kind, params, _, _ = _typed(text, "knockout")
    assert kind == "education" and params["min_level"] == level


def test_experience_with_years_window_role_and_employer() -> None:
    kind, params, doubts, terms = _typed(
        "Minimaal 2 jaar ervaring als Wmo-consulent bij een gemeente in de laatste 5 jaar", "knockout"
    )
    assert kind == "experience" and doubts == []
    assert (params["min_months"], params["window_years"]) == (24, 5)
    assert params["roles"] == ["wmo_consulent"] and params["employer_kinds"] == ["gemeente"]
    assert "wmo-consulent" in terms["roles"]["wmo_consulent"]["synonyms"]


def test_recent_experience_without_a_window_and_vague_length_are_doubts() -> None:
    _, params, doubts, _ = _typed("Recente werkervaring als jeugdconsulent, minimaal 2 jaar", "knockout")
    assert params["min_months"] == 24 and "window_years" not in params
    assert [d.pointer for d in doubts] == ["/window_years"]
    _, params, doubts, _ = _typed("Ruime ervaring als toezichthouder milieu", "knockout")
    assert "min_months" not in params and [d.pointer for d in doubts] == ["/min_months"]


def test_registration_certificate_and_statement() -> None:
    kind, params, _, _ = _typed(
        "Geldige BIG-registratie, vermeld het BIG-nummer en de geldigheidsdatum in het cv", "knockout"
    )
    assert kind == "registration" and params["register"] == "BIG" and params["number_and_expiry_in_cv"] is True
    kind, params, _, _ = _typed("In het bezit van een PRINCE2 Foundation certificaat", "knockout")
    assert kind == "certificate" and params["certificates"][0]["name"] == "PRINCE2"
    kind, _, _, _ = _typed("Kennis van de sociale kaart van de regio", "knockout")
    assert kind == "statement"


def test_items_are_numbered_or_bulleted_lines_with_their_continuations() -> None:
    layout = split(
        posting("Eisen\n1. Eerste eis die\ndoorloopt;\n2. Tweede eis.\n\nGeef in het cv aan hoe u voldoet.\n")
    )
    found = items(layout.sections[0])
    assert [(item.label, item.text) for item in found] == [("1", "Eerste eis die doorloopt;"), ("2", "Tweede eis.")]


def test_an_empty_posting_layout_gives_a_draft_full_of_doubts_never_invented_values() -> None:
    text = "Adviseur\nGemeente Voorbeeld\n\nOpdracht\nWe zoeken een adviseur die ons team komt versterken in een drukke periode.\n"
    tender = to_tender(extract(posting(text)), imported_at=datetime(2026, 1, 1)).tender
    assert tender["deadline"] is None and tender["term"]["initial_months"] is None and tender["start"] is None
    flagged = {item["pointer"] for item in tender["to_confirm"]}
    assert {
        "/deadline",
        "/term/initial_months",
        "/term/hours_per_week",
        "/rate/max_hourly_rate_eur",
        "/requirements",
    } <= flagged
