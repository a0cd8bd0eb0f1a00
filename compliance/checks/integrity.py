"""NL-INT-001: the integrity declaration the buyer asks for (a condition of its phase)."""

from __future__ import annotations

from compliance.checks.base import (
    Basis,
    CheckContext,
    CheckInfo,
    Finding,
    Severity,
    Status,
    blocking_in,
    declared,
    finding,
    tender_param,
)
from compliance.dates import nl_date
from compliance.i18n import PHASE_LABELS, define

INFO = CheckInfo(
    check_id="NL-INT-001",
    title="Integriteitsverklaring",
    severity=Severity.CONDITION,
    legal_refs=("Gedragscode integriteit van de opdrachtgever",),
    description="De kandidaat ondertekent de integriteitsverklaring van de opdrachtgever.",
)

NOT_REQUIRED = define(
    "INT_NOT_REQUIRED",
    "De uitvraag vraagt geen integriteitsverklaring.",
    "The tender asks for no integrity declaration.",
)
MISSING = define(
    "INT_MISSING",
    "Er is (nog) geen ondertekende integriteitsverklaring; de opdrachtgever vraagt die in de fase '{phase}'.",
    "No signed integrity declaration yet; the buyer asks for it in the '{phase}' phase.",
    "Laat de kandidaat de integriteitsverklaring van de opdrachtgever ondertekenen.",
    "Have the candidate sign the buyer's integrity declaration.",
)
PASSED = define(
    "INT_OK",
    "Integriteitsverklaring ondertekend op {signed}.",
    "Integrity declaration signed on {signed}.",
)


def evaluate(ctx: CheckContext) -> Finding:
    """Present and signed, or missing (needs review; blocking only from the required phase)."""
    condition = ctx.tender.conditions.integrity_declaration
    if condition is None or not condition.required:
        return finding(INFO, Status.NOT_APPLICABLE, NOT_REQUIRED, blocking=False)
    blocking = blocking_in(condition.phase, ctx)
    basis = Basis(
        clause=condition.clause, params=[tender_param("fase_vereist", condition.phase.value, condition.clause, ctx)]
    )
    declaration = ctx.submission.documents.integrity_declaration
    if declaration is None:
        basis.facts.append(declared("integriteitsverklaring", None, "/documents/integrity_declaration"))
        return finding(
            INFO,
            Status.NEEDS_REVIEW,
            MISSING,
            blocking=blocking,
            args={"phase": PHASE_LABELS["nl"][condition.phase.value]},
            basis=basis,
        )
    basis.facts.append(
        declared("ondertekend op", declaration.signed_on.isoformat(), "/documents/integrity_declaration/signed_on")
    )
    return finding(
        INFO, Status.PASS, PASSED, blocking=blocking, args={"signed": nl_date(declaration.signed_on)}, basis=basis
    )
