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


def test_record_retrieved_in_the_sbi_2008_period_reads_its_codes_as_sbi_2008(
    make_submission, make_tender, run_checks, finding_of, kvk_snapshot
):
    tender = make_tender({"deadline": "2025-09-20T09:00:00+02:00"})
    registry = kvk_snapshot({"_meta/retrievedAt": "2025-09-06T09:00:00+02:00"})

    finding = finding_of(run_checks(make_submission(), registry=registry, tender=tender), CHECK)

    assert finding.status == "pass"
    sbi = next(p for p in finding.params if p.name == "waadi_tba_sbi_codes")
    assert sbi.value == "78201, 78202, 78203, 7830"
    assert sbi.assumption is False
    assert next(f for f in finding.facts if f.name == "SBI-codes (gelezen als)").value == "78201 (SBI 2008)"
    assert finding.attention == ()


def test_record_retrieved_in_the_sbi_2025_period_flags_the_unconfirmed_code_set(
    make_submission, run_checks, finding_of, registry
):
    finding = finding_of(run_checks(make_submission(), registry=registry), CHECK)

    sbi = next(p for p in finding.params if p.name == "waadi_tba_sbi_codes")
    assert sbi.value == "78201, 78202"
    assert sbi.assumption is True
    assert sbi.valid_from == "2025-09-07"
    assert next(f for f in finding.facts if f.name == "SBI-codes (gelezen als)").value == "78201 (SBI 2025)"
    assert any("SBI 2025" in note for note in finding.attention)


# Issue 13, rule 5: a current record, five-digit SBI 2025 codes.


@pytest.mark.parametrize(
    ("retrieved", "status"), [("2026-01-24T08:00:00+01:00", "pass"), ("2026-01-23T23:00:00+01:00", "needs_review")]
)
def test_a_record_older_than_30_days_before_the_deadline_needs_a_current_extract(
    make_submission, run_checks, finding_of, kvk_snapshot, retrieved, status
):
    registry = kvk_snapshot({"_meta/retrievedAt": retrieved})

    report = run_checks(make_submission(), registry=registry)

    finding = finding_of(report, CHECK)
    assert finding.status == status
    age = next(c for c in finding.calculations if c.label == "Ouderdom KvK-record bij sluiting")
    cited = next(p for p in finding.params if p.name == "kvk_record_max_age_days")
    assert (cited.value, cited.valid_from) == ("30", "2012-07-01")
    assert "Waadi art. 7a lid 2" in cited.source
    if status == "needs_review":
        assert finding.reason_code == "WAADI_RECORD_STALE"
        assert "opgehaald op 23 januari 2026, 31 dagen vóór de sluiting" in finding.reason
        assert "actueel KvK-uittreksel" in finding.remedy
        assert age.result == "31 dagen (max. 30)"
    else:
        assert age.result == "30 dagen (max. 30)"


def test_a_record_without_retrieval_time_cannot_show_it_is_current(
    make_submission, run_checks, finding_of, kvk_snapshot
):
    registry = kvk_snapshot(drop=["_meta"])

    finding = finding_of(run_checks(make_submission(), registry=registry), CHECK)

    assert finding.status == "needs_review"
    assert finding.reason_code == "WAADI_RECORD_STALE"
    assert "op een onbekende datum" in finding.reason


def test_staffing_codes_78201_and_78202_pass_under_sbi_2025(make_submission, run_checks, finding_of, kvk_snapshot):
    for code in ("78201", "78202"):
        registry = kvk_snapshot({"sbiActiviteiten": [{"sbiCode": code}]}, folder=code)
        assert finding_of(run_checks(make_submission(), registry=registry), CHECK).status == "pass"
    registry = kvk_snapshot({"sbiActiviteiten": [{"sbiCode": "78203"}]}, folder="78203")
    assert finding_of(run_checks(make_submission(), registry=registry), CHECK).reason_code == "WAADI_NO_LENDING_CODE"


@pytest.mark.parametrize(
    ("retrieved", "status", "code"),
    [
        ("2025-09-06T12:00:00+02:00", "pass", "WAADI_SBI_LENDING"),  # SBI 2008: 7830 is payrolling
        ("2025-09-07T12:00:00+02:00", "needs_review", "WAADI_SBI_OUTDATED"),  # SBI 2025: no four-digit codes
    ],
)
def test_a_four_digit_code_after_the_sbi_2025_conversion_needs_review(
    make_submission, make_tender, run_checks, finding_of, kvk_snapshot, retrieved, status, code
):
    tender = make_tender({"deadline": "2025-09-20T09:00:00+02:00"})
    registry = kvk_snapshot({"_meta/retrievedAt": retrieved, "sbiActiviteiten": [{"sbiCode": "7830"}]})

    finding = finding_of(run_checks(make_submission(), registry=registry, tender=tender), CHECK)

    assert (finding.status, finding.reason_code) == (status, code)
    if status == "needs_review":
        assert "SBI-code(s) van vier cijfers (7830)" in finding.reason
        assert next(f for f in finding.facts if f.name == "SBI-codes (gelezen als)").value == "7830 (SBI 2025)"
        assert any(p.name == "sbi_five_digit_codes_only" and p.value == "ja" for p in finding.params)


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
