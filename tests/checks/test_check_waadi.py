"""NL-WAADI-001: a supplier that lends staff is registered as a lender (Waadi art. 7a).

No KvK API carries the Waadi indicator; a lending SBI code in the Basisprofiel passes, a record
without one needs review, a declared "not registered" or an ended registration fails.
"""

from __future__ import annotations

import pytest

CHECK = "NL-WAADI-001"
CARE_ONLY = [{"sbiCode": "88991", "sbiOmschrijving": "Maatschappelijk werk", "indHoofdactiviteit": "Ja"}]


def test_lending_sbi_code_in_the_registry_passes(make_submission, run_checks, finding_of, registry):
    finding = finding_of(run_checks(make_submission(), registry=registry), CHECK)

    assert finding.status == "pass"
    assert finding.blocking is True
    assert finding.reason_code == "WAADI_SBI_LENDING"
    assert "uitleen-SBI-code(s) 78201" in finding.reason
    assert "als uitlener geregistreerd" in finding.reason


def test_record_retrieved_in_the_sbi_2008_period_passes_without_assumption(
    make_submission, run_checks, finding_of, kvk_snapshot
):
    registry = kvk_snapshot({"_meta/retrievedAt": "2025-06-02T09:00:00+02:00"})

    finding = finding_of(run_checks(make_submission(), registry=registry), CHECK)

    assert finding.status == "pass"
    sbi = next(p for p in finding.params if p.name == "waadi_tba_sbi_prefixes")
    assert sbi.value == "78201, 78202, 78203, 7830"
    assert sbi.assumption is False
    assert finding.attention == ()


def test_record_retrieved_in_the_sbi_2025_period_flags_the_unconfirmed_code_set(
    make_submission, run_checks, finding_of, registry
):
    finding = finding_of(run_checks(make_submission(), registry=registry), CHECK)

    sbi = next(p for p in finding.params if p.name == "waadi_tba_sbi_prefixes")
    assert sbi.value == "7820, 7830"
    assert sbi.assumption is True
    assert any("SBI 2025" in note for note in finding.attention)


@pytest.mark.parametrize("declared", [True, None])
def test_no_lending_code_needs_review(make_submission, run_checks, finding_of, kvk_snapshot, declared):
    submission = make_submission({"supplier/waadi_registered": declared})

    report = run_checks(submission, registry=kvk_snapshot({"sbiActiviteiten": CARE_ONLY}))

    finding = finding_of(report, CHECK)
    assert finding.status == "needs_review"
    assert finding.blocking is True
    assert finding.reason_code == "WAADI_NO_LENDING_CODE"
    assert "geen uitleen-SBI-code (wel: 88991)" in finding.reason
    assert "kvk.nl/waadi" in finding.reason
    assert report.verdict == "needs_review"


def test_declared_not_registered_fails(make_submission, run_checks, finding_of, registry):
    report = run_checks(make_submission({"supplier/waadi_registered": False}), registry=registry)

    finding = finding_of(report, CHECK)
    assert finding.status == "fail"
    assert finding.blocking is True
    assert finding.reason_code == "WAADI_DECLARED_NOT_REGISTERED"
    assert "verklaart niet als uitlener geregistreerd te zijn" in finding.reason
    assert "(detachering)" in finding.reason
    assert report.verdict == "non_compliant"


@pytest.mark.parametrize(
    ("changes", "shown"),
    [
        ({"materieleRegistratie": {"datumAanvang": "20100104", "datumEinde": "20251231"}}, "31 december 2025"),
        (
            {"_embedded/eigenaar": {"rechtsvorm": "BeslotenVennootschap", "datumUitschrijving": "2026-01-15"}},
            "15 januari 2026",
        ),
    ],
)
def test_ended_registration_fails(make_submission, run_checks, finding_of, kvk_snapshot, changes, shown):
    report = run_checks(make_submission(), registry=kvk_snapshot(changes))

    finding = finding_of(report, CHECK)
    assert finding.status == "fail"
    assert finding.reason_code == "WAADI_REGISTRATION_ENDED"
    assert f"beëindigd op {shown}" in finding.reason
    assert report.verdict == "non_compliant"


def test_without_registry_the_declaration_is_not_enough(make_submission, run_checks, finding_of):
    finding = finding_of(run_checks(make_submission()), CHECK)

    assert finding.status == "needs_review"
    assert finding.blocking is True
    assert finding.reason_code == "WAADI_LOOKUP_UNAVAILABLE"
    assert "De eigen verklaring (geregistreerd) volstaat niet" in finding.reason


def test_unusable_registry_file_needs_review(make_submission, run_checks, finding_of, registry):
    (registry / "12345678.json").write_text('{"kvkNummer": "12345678", "sbiActiviteiten": "78201"}', encoding="utf-8")

    report = run_checks(make_submission(), registry=registry)

    finding = finding_of(report, CHECK)
    assert finding.status == "needs_review"
    assert "registerbestand onbruikbaar" in finding.reason
    assert report.lookups[0].status == "invalid"


def test_zzp_candidate_is_not_lent_so_waadi_does_not_apply(make_submission, run_checks, finding_of, registry):
    finding = finding_of(run_checks(make_submission({"candidate/engagement": "zzp"}), registry=registry), CHECK)

    assert finding.status == "not_applicable"
    assert finding.blocking is False
    assert finding.reason_code == "WAADI_NOT_LENDING"
    assert "contractvorm zzp" in finding.reason


@pytest.mark.parametrize("engagement", ["uitzending", "payroll"])
def test_every_lending_engagement_needs_the_registration(make_submission, run_checks, finding_of, engagement):
    finding = finding_of(
        run_checks(make_submission({"candidate/engagement": engagement, "supplier/waadi_registered": False})),
        CHECK,
    )

    assert finding.status == "fail"
    assert f"({engagement})" in finding.reason
