"""The check catalogue: the README's table is the code's, and a new kind of check needs only its own files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from compliance.checks import CHECKS
from compliance.checks.base import Check, CheckContext, CheckInfo, Finding, Severity, Status, finding
from compliance.i18n import reason
from compliance.models.tender import Phase
from compliance.render.catalogue import catalogue_markdown
from compliance.render.table import print_report

README = Path(__file__).resolve().parents[1] / "README.md"


def test_the_readme_check_table_is_generated_from_the_catalogue() -> None:
    assert catalogue_markdown(CHECKS) in README.read_text(encoding="utf-8"), (
        "README.md's check table is out of date: paste the output of `compliance checks --markdown`"
    )


def test_check_ids_are_unique_and_every_check_has_a_basis_or_comes_from_the_tender() -> None:
    ids = [check.info.check_id for check in CHECKS]
    assert len(ids) == len(set(ids))
    # A check without a legal basis of its own judges one of the posting's eisen (KO-*) or CV requirements.
    without_basis = [check.info.check_id for check in CHECKS if not check.info.legal_refs]
    assert without_basis and all(check_id.startswith(("KO-", "CV-")) for check_id in without_basis)
    assert all(check.info.legal_refs for check in CHECKS if check.info.check_id.startswith("NL-"))


# A new kind of check, defined here only: its metadata, its reason code (both languages) and its function.
_BIG_INFO = CheckInfo(
    check_id="KO-TEST-001",
    title="Voorbeeldcontrole: kandidaat heeft een referentie",
    severity=Severity.KNOCK_OUT,
    legal_refs=("voorbeeld",),
    description="Alleen voor de test: een controle die buiten de catalogus wordt toegevoegd.",
    blocks_from=Phase.SUBMISSION,
)
# Each reason code carries its status: the check passes a code, the engine derives blocking from the info.
_HAS_REFERENCE = reason(
    "TEST_HAS_REFERENCE",
    Status.PASS,
    "De kandidaat noemt {count} referentie(s).",
    "The candidate names {count} reference(s).",
)
_NO_REFERENCE = reason(
    "TEST_NO_REFERENCE",
    Status.FAIL,
    "De kandidaat noemt geen referentie.",
    "The candidate names no reference.",
    "Voeg een referentie toe in /candidate/references.",
    "Add a reference to /candidate/references.",
)


def _evaluate(ctx: CheckContext) -> Finding:
    count = len(ctx.submission.candidate.references)
    return finding(_BIG_INFO, _HAS_REFERENCE if count else _NO_REFERENCE, args={"count": str(count)})


def test_a_new_kind_of_check_runs_and_renders_with_only_its_own_definition(
    make_submission: Any, run_checks: Any, capsys: Any
) -> None:
    from rich.console import Console

    report = run_checks(make_submission(), checks=(*CHECKS, Check(_BIG_INFO, _evaluate)))

    added = [f for f in report.findings if f.check_id == "KO-TEST-001"]
    assert [(f.status, f.reason, f.blocking) for f in added] == [
        (Status.PASS, "De kandidaat noemt 2 referentie(s).", True)
    ]
    print_report(report, Console(width=200))
    assert "KO-TEST-001" in capsys.readouterr().out


def test_the_published_reason_codes_are_the_catalogues() -> None:
    """docs/reason-codes.md is what `compliance checks --reasons` prints (run apart: tests register codes of their own)."""
    import subprocess
    import sys

    printed = subprocess.run(
        [sys.executable, "-m", "compliance", "checks", "--reasons"], capture_output=True, text=True, check=True
    ).stdout
    published = (README.parent / "docs" / "reason-codes.md").read_text(encoding="utf-8")
    assert printed in published, "docs/reason-codes.md is out of date: paste `compliance checks --reasons` into it"
    assert "`KO-" not in printed and printed.count("\n") > 80  # codes, not checks; every module's codes
