"""NL-INT-001: the integrity declaration the buyer asks for (a condition of its phase).

Before its phase a missing declaration is an attention point; in its phase a missing one fails
("nog niet aangeleverd"): nothing is left for a person to judge.
"""

from __future__ import annotations

from typing import NamedTuple

from compliance.checks.base import (
    CheckContext,
    CheckInfo,
    Finding,
    Severity,
    Status,
    clause_or,
    clause_refs,
    conclude,
    declared,
    finding,
    tender_param,
)
from compliance.dates import nl_date
from compliance.i18n import PHASE_LABELS, reason
from compliance.models.findings import ParamUsed
from compliance.models.tender import Phase
from compliance.models.tender_v2 import TenderV2


def required_phase(tender: TenderV2) -> Phase | None:
    """The phase from which the tender asks for the declaration; None when it does not ask for it."""
    condition = tender.conditions.integrity_declaration
    return condition.phase if condition is not None and condition.required else None


INFO = CheckInfo(
    check_id="NL-INT-001",
    title="Integriteitsverklaring",
    severity=Severity.CONDITION,
    legal_refs=("Gedragscode integriteit van de opdrachtgever",),
    description="De kandidaat ondertekent de integriteitsverklaring van de opdrachtgever.",
    phase_from_tender=required_phase,
)

NOT_REQUIRED = reason(
    "INT_NOT_REQUIRED",
    Status.NOT_APPLICABLE,
    "De uitvraag vraagt geen integriteitsverklaring.",
    "The tender asks for no integrity declaration.",
)
MISSING = reason(
    "INT_MISSING",
    Status.NEEDS_REVIEW,
    "Er is (nog) geen ondertekende integriteitsverklaring; de opdrachtgever vraagt die in de fase '{phase}'.",
    "No signed integrity declaration yet; the buyer asks for it in the '{phase_en}' phase.",
    "Laat de kandidaat de integriteitsverklaring van de opdrachtgever ondertekenen en vul de datum in bij "
    "/documents/integrity_declaration/signed_on.",
    "Have the candidate sign the buyer's integrity declaration and fill in the date at "
    "/documents/integrity_declaration/signed_on.",
)
NOT_SUPPLIED = reason(
    "INT_NOT_SUPPLIED",
    Status.FAIL,
    "De ondertekende integriteitsverklaring is nog niet aangeleverd; de opdrachtgever vraagt die in de fase "
    "'{phase}', en die fase is nu aan de orde.",
    "The signed integrity declaration has not been supplied yet; the buyer asks for it in the '{phase_en}' phase, "
    "which is the current phase.",
    "Lever de door de kandidaat ondertekende integriteitsverklaring van de opdrachtgever aan en vul de datum in bij "
    "/documents/integrity_declaration/signed_on.",
    "Supply the buyer's integrity declaration signed by the candidate and fill in the date at "
    "/documents/integrity_declaration/signed_on.",
)
PASSED = reason(
    "INT_OK",
    Status.PASS,
    "Integriteitsverklaring ondertekend op {signed}.",
    "Integrity declaration signed on {signed}.",
)


class _Static(NamedTuple):
    """Per tender and phase: the finding when the tender does not ask for the declaration, else
    the finding when it is missing, and what a signed declaration's finding cites."""

    not_required: Finding | None
    missing: Finding | None = None
    refs: tuple[str, ...] = ()
    params: tuple[ParamUsed, ...] = ()


def _static(ctx: CheckContext) -> _Static:
    condition = ctx.tender.conditions.integrity_declaration
    if condition is None or not condition.required:
        return _Static(finding(INFO, NOT_REQUIRED))
    # Missing in the phase that asks for it is a fail; before that phase, an attention point.
    due = INFO.blocks_in(ctx.tender, ctx.phase)
    clause = clause_or(condition.clause, "Uitvraag, integriteitsverklaring")
    refs = clause_refs(INFO, clause)
    params = (tender_param("fase_vereist", condition.phase.value, clause, ctx),)
    code = NOT_SUPPLIED if due else MISSING
    missing = conclude(
        INFO,
        refs,
        code,
        {"phase": PHASE_LABELS["nl"][condition.phase.value], "phase_en": PHASE_LABELS["en"][condition.phase.value]},
        params,
        (declared("integriteitsverklaring", None, "/documents/integrity_declaration"),),
    )
    return _Static(None, missing, refs, params)


def evaluate(ctx: CheckContext) -> Finding:
    """Present and signed, or missing (a fail in the required phase, an attention point before it)."""
    static: _Static = ctx.static(("integrity", ctx.phase), lambda: _static(ctx))
    if static.not_required is not None:
        return static.not_required
    declaration = ctx.submission.documents.integrity_declaration
    if declaration is None:
        assert static.missing is not None
        return static.missing
    facts = (
        declared("ondertekend op", declaration.signed_on.isoformat(), "/documents/integrity_declaration/signed_on"),
    )
    args = {"signed": nl_date(declaration.signed_on)}
    return conclude(INFO, static.refs, PASSED, args, static.params, facts)
