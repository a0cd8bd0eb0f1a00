"""NL-DBA-001: no ZZP-er as supplier and no self-employed candidate (Wet DBA execution condition).

The legal form and the head count come from the Handelsregister when a snapshot is given; the
declaration alone can never pass.
"""

from __future__ import annotations

import pytest

from compliance.i18n import CATALOGUE

CHECK = "NL-DBA-001"

SOLE_TRADER = {
    "_embedded/eigenaar": {"rechtsvorm": "Eenmanszaak", "uitgebreideRechtsvorm": "Eenmanszaak"},
    "naam": "Jeugdhulp De Linde",
}
ONE_PERSON_BV = {
    "_embedded/eigenaar": {"rechtsvorm": "BeslotenVennootschap"},
    "naam": "Visser Coaching B.V.",
    "totaalWerkzamePersonen": 1,
    "sbiActiviteiten": [{"sbiCode": "88991", "sbiOmschrijving": "Maatschappelijk werk", "indHoofdactiviteit": "Ja"}],
}


def test_detacheerder_bv_confirmed_by_the_registry_passes(make_submission, run_checks, finding_of, registry):
    finding = finding_of(run_checks(make_submission(), registry=registry), CHECK)

    assert finding.status == "pass"
    assert finding.blocking is True
    assert finding.reason_code == "DBA_OK"
    assert "via detachering voor een bv (rechtsvorm volgens Handelsregister)" in finding.reason
    assert "geen ZZP-constructie" in finding.reason
    registry_facts = {f.name: f for f in finding.facts if f.source == "registry"}
    assert registry_facts["totaal werkzame personen"].value == "40"
    assert "2026-02-20T10:00:00+01:00" in registry_facts["totaal werkzame personen"].detail


@pytest.mark.parametrize("with_registry", [True, False])
def test_zzp_candidate_fails_even_through_a_bv_agency(make_submission, run_checks, finding_of, registry, with_registry):
    report = run_checks(make_submission({"candidate/engagement": "zzp"}), registry=registry if with_registry else None)

    finding = finding_of(report, CHECK)
    assert finding.status == "fail"
    assert finding.blocking is True
    assert finding.reason_code == "DBA_ENGAGEMENT_ZZP"
    assert "werkt als zelfstandige (zzp)" in finding.reason
    assert "ook niet via een bemiddelaar" in finding.reason
    assert "detachering, uitzending of payroll" in finding.remedy
    assert report.verdict == "non_compliant"


def test_sole_trader_owned_by_the_candidate_fails(make_submission, run_checks, finding_of, kvk_snapshot):
    submission = make_submission(
        {"supplier/legal_form": "eenmanszaak", "supplier/employees": 1, "candidate/owner_of_supplier": True}
    )
    registry = kvk_snapshot({**SOLE_TRADER, "totaalWerkzamePersonen": 1})

    report = run_checks(submission, registry=registry)

    finding = finding_of(report, CHECK)
    assert finding.status == "fail"
    assert finding.reason_code == "DBA_SOLE_TRADER_OWNER"
    assert "eenmanszaak (bron: Handelsregister)" in finding.reason
    assert "de kandidaat is de eigenaar" in finding.reason
    assert "ZZP-er als inschrijver is uitgesloten" in finding.reason
    assert report.verdict == "non_compliant"


def test_sole_trader_owner_fails_on_the_declaration_alone(make_submission, run_checks, finding_of):
    submission = make_submission({"supplier/legal_form": "eenmanszaak", "candidate/owner_of_supplier": True})

    finding = finding_of(run_checks(submission), CHECK)

    assert finding.status == "fail"
    assert "(bron: eigen verklaring)" in finding.reason


def test_registry_legal_form_overrides_the_declaration(make_submission, run_checks, finding_of, kvk_snapshot):
    # Declared a BV, but the Handelsregister says eenmanszaak, owned by the candidate.
    submission = make_submission({"candidate/owner_of_supplier": True})
    registry = kvk_snapshot({**SOLE_TRADER, "totaalWerkzamePersonen": 1})

    finding = finding_of(run_checks(submission, registry=registry), CHECK)

    assert finding.status == "fail"
    assert finding.reason_code == "DBA_SOLE_TRADER_OWNER"
    assert any("wijkt af van het Handelsregister" in note and "'bv'" in note for note in finding.attention)


def test_sole_trader_with_staff_lending_an_employee_passes(make_submission, run_checks, finding_of, kvk_snapshot):
    submission = make_submission({"supplier/legal_form": "eenmanszaak", "supplier/employees": 3})
    registry = kvk_snapshot({**SOLE_TRADER, "totaalWerkzamePersonen": 3})

    report = run_checks(submission, registry=registry)

    finding = finding_of(report, CHECK)
    assert finding.status == "pass"
    assert finding.reason_code == "DBA_OK"
    assert "voor een eenmanszaak (rechtsvorm volgens Handelsregister)" in finding.reason


def test_sole_trader_alone_without_lending_code_fails(make_submission, run_checks, finding_of, kvk_snapshot):
    submission = make_submission({"supplier/legal_form": "eenmanszaak"})
    registry = kvk_snapshot(
        {
            **SOLE_TRADER,
            "totaalWerkzamePersonen": 1,
            "sbiActiviteiten": [{"sbiCode": "88991", "sbiOmschrijving": "Maatschappelijk werk"}],
        }
    )

    finding = finding_of(run_checks(submission, registry=registry), CHECK)

    assert finding.status == "fail"
    assert finding.reason_code == "DBA_SOLE_TRADER_NO_STAFF"
    assert "1 werkzame perso(o)n(en)" in finding.reason
    assert "kan geen werknemer van de inschrijver zijn" in finding.reason


@pytest.mark.parametrize(
    ("registry_changes", "shown"),
    [
        ({"totaalWerkzamePersonen": 1}, "1 werkzame personen"),  # alone, but with a lending SBI code
        ({}, "onbekend werkzame personen"),  # no head count in the record
    ],
)
def test_sole_trader_whose_staff_is_unconfirmed_needs_review(
    make_submission, run_checks, finding_of, kvk_snapshot, registry_changes, shown
):
    submission = make_submission({"supplier/legal_form": "eenmanszaak"}, drop=["supplier/employees"])
    drop = [] if registry_changes else ["totaalWerkzamePersonen"]
    registry = kvk_snapshot({**SOLE_TRADER, **registry_changes}, drop=drop)

    finding = finding_of(run_checks(submission, registry=registry), CHECK)

    assert finding.status == "needs_review"
    assert finding.blocking is True
    assert finding.reason_code == "DBA_SOLE_TRADER_STAFF_UNVERIFIED"
    assert shown in finding.reason
    assert "arbeidsovereenkomst of loonstrook" in finding.remedy


def test_one_person_bv_owned_by_the_candidate_needs_review(make_submission, run_checks, finding_of, kvk_snapshot):
    submission = make_submission(
        {"supplier/name": "Visser Coaching B.V.", "supplier/employees": 1, "candidate/owner_of_supplier": True}
    )

    report = run_checks(submission, registry=kvk_snapshot(ONE_PERSON_BV))

    finding = finding_of(report, CHECK)
    assert finding.status == "needs_review"
    assert finding.blocking is True
    assert finding.reason_code == "DBA_OWNER_OF_ENTITY"
    assert "eigenaar van de inschrijvende bv (1 werkzame perso(o)n(en))" in finding.reason
    assert "schijnzelfstandigheid" in finding.reason
    assert report.verdict != "compliant"


def test_bv_with_one_person_and_no_lending_code_needs_review(make_submission, run_checks, finding_of, kvk_snapshot):
    finding = finding_of(run_checks(make_submission(), registry=kvk_snapshot(ONE_PERSON_BV)), CHECK)

    assert finding.status == "needs_review"
    assert finding.reason_code == "DBA_ENTITY_NO_STAFF"
    assert "1 werkzame perso(o)n(en)" in finding.reason


def test_without_registry_the_declared_legal_form_needs_review(make_submission, run_checks, finding_of):
    report = run_checks(make_submission())

    finding = finding_of(report, CHECK)
    assert finding.status == "needs_review"
    assert finding.blocking is True
    assert finding.reason_code == "DBA_FORM_UNVERIFIED"
    assert "'bv' is alleen door de inschrijver verklaard" in finding.reason
    assert "geen KvK-register opgegeven" in finding.reason
    assert report.verdict == "needs_review"


def test_supplier_missing_from_the_snapshot_needs_review(make_submission, run_checks, finding_of, kvk_snapshot):
    registry = kvk_snapshot(kvk_number="87654321")  # a snapshot of some other company

    finding = finding_of(run_checks(make_submission(), registry=registry), CHECK)

    assert finding.status == "needs_review"
    assert finding.reason_code == "DBA_FORM_UNVERIFIED"
    assert "niet gevonden in de registersnapshot" in finding.reason


def test_tender_that_allows_zzp_makes_the_check_not_applicable(make_submission, make_tender, run_checks, finding_of):
    tender = make_tender({"conditions/dba/zzp_excluded": False})

    finding = finding_of(run_checks(make_submission({"candidate/engagement": "zzp"}), tender=tender), CHECK)

    assert finding.status == "not_applicable"
    assert finding.blocking is False
    assert finding.reason_code == "DBA_NOT_REQUIRED"


# Issue 13, rule 1: a registry record with at most one working person cannot show an employee.


@pytest.mark.parametrize(("persons", "status"), [(1, "needs_review"), (2, "pass")])
def test_one_person_bv_needs_review_even_with_a_lending_code(
    make_submission, run_checks, finding_of, kvk_snapshot, persons, status
):
    registry = kvk_snapshot(
        {
            "naam": "Jeugdprofs Detachering B.V.",
            "totaalWerkzamePersonen": persons,
            "sbiActiviteiten": [{"sbiCode": "78202", "sbiOmschrijving": "Uitleenbureaus", "indHoofdactiviteit": "Ja"}],
        }
    )

    finding = finding_of(run_checks(make_submission({"supplier/employees": persons}), registry=registry), CHECK)

    assert finding.status == status
    if status == "needs_review":
        assert finding.reason_code == "DBA_ENTITY_NO_STAFF"
        assert "1 werkzame perso(o)n(en) (hoogstens 1)" in finding.reason
        assert "wat de rechtsvorm of SBI-codes ook zijn" in finding.reason
        cited = next(p for p in finding.params if p.name == "dba_max_working_persons_one_person_company")
        assert (cited.value, cited.valid_from) == ("1", "2025-01-01")
        assert "BW art. 7:610" in cited.source
    sbi = next(f for f in finding.facts if f.name == "SBI-codes (gelezen als)")
    assert sbi.value == "78202 (SBI 2025)"


@pytest.mark.parametrize(
    ("trade_name", "status"),
    [
        ("Visser & Partners Detachering B.V.", "needs_review"),  # the candidate Anouk Visser's surname
        ("VISSER jeugdzorg", "needs_review"),  # case does not matter
        ("Visserij Detachering B.V.", "pass"),  # a longer word is not the surname
        ("Jeugdprofs Detachering B.V.", "pass"),
    ],
)
def test_candidate_surname_in_the_trade_name_needs_review_when_not_the_owner(
    make_submission, run_checks, finding_of, kvk_snapshot, trade_name, status
):
    registry = kvk_snapshot(
        {"handelsnamen": [{"naam": "Jeugdprofs Detachering B.V.", "volgorde": 1}, {"naam": trade_name, "volgorde": 2}]}
    )

    finding = finding_of(run_checks(make_submission(), registry=registry), CHECK)

    assert finding.status == status
    if status == "needs_review":
        assert finding.reason_code == "DBA_SURNAME_IN_TRADE_NAME"
        assert (
            f"achternaam van de kandidaat ('Visser') staat in de handelsnaam van de inschrijver ('{trade_name}', volgens het Handelsregister)"
            in finding.reason
        )
        assert "zegt dat de kandidaat geen eigenaar is" in finding.reason
        assert "DBA_SURNAME_IN_TRADE_NAME" in CATALOGUE and CATALOGUE["DBA_SURNAME_IN_TRADE_NAME"].en


def test_surname_with_particles_is_found_in_the_declared_supplier_name(
    make_submission, run_checks, finding_of, registry
):
    submission = make_submission({"candidate/name": "Marieke de Wit", "supplier/name": "Gezinscoaching De Wit B.V."})

    finding = finding_of(run_checks(submission, registry=registry), CHECK)

    assert finding.status == "needs_review"
    assert (
        "('de Wit') staat in de handelsnaam van de inschrijver ('Gezinscoaching De Wit B.V.', volgens het aanbod)"
        in finding.reason
    )


def test_surname_in_the_trade_name_of_a_declared_owner_is_judged_as_ownership(
    make_submission, run_checks, finding_of, kvk_snapshot
):
    submission = make_submission({"candidate/owner_of_supplier": True})
    registry = kvk_snapshot({"naam": "Visser Detachering B.V."})

    finding = finding_of(run_checks(submission, registry=registry), CHECK)

    assert finding.reason_code == "DBA_OWNER_OF_ENTITY"
