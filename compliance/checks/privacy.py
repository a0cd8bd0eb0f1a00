"""NL-AVG-001: no BSN in the CV or the submission (art. 46 UAVG), an attention point for the supplier.

Every BSN was masked before the submission was validated and when the CV was read (see
:mod:`compliance.privacy`); this check only reports where they were. It never blocks the verdict:
a BSN in a CV is a privacy defect the supplier must fix, not a reason to exclude the candidate.
"""

from __future__ import annotations

from compliance.checks.base import Basis, CheckContext, CheckInfo, Fact, FactSource, Finding, Severity, Status, finding
from compliance.i18n import reason
from compliance.privacy import MASK, masked_locations

INFO = CheckInfo(
    check_id="NL-AVG-001",
    title="Geen BSN in cv of inschrijving",
    severity=Severity.WARNING,
    legal_refs=(
        "UAVG art. 46 (verwerking BSN alleen met wettelijke grondslag)",
        "AVG art. 5 lid 1 sub c (minimale gegevens)",
    ),
    description="Het cv en de inschrijving bevatten geen burgerservicenummer; een gevonden BSN wordt gemaskeerd.",
)

NOTHING_READ = reason(
    "AVG_NO_DOCUMENT",
    Status.NOT_APPLICABLE,
    "Er is geen cv-bestand gelezen; de inschrijving zelf bevat geen BSN.",
    "No CV file was read; the submission itself contains no BSN.",
)
CLEAN = reason(
    "AVG_NO_BSN",
    Status.PASS,
    "Geen BSN gevonden in het cv en de inschrijving.",
    "No BSN found in the CV and the submission.",
)
FOUND = reason(
    "AVG_BSN_FOUND",
    Status.FAIL,
    "Er staat een burgerservicenummer in {where}. Het nummer is gemaskeerd en nergens opgeslagen.",
    "A citizen service number (BSN) appears in {where}. The number was masked and is stored nowhere.",
    "Verwijder het BSN uit het cv en de inschrijving: voor deze aanvraag is er geen grondslag om het te verwerken.",
    "Remove the BSN from the CV and the submission: there is no legal basis to process it for this tender.",
)
NOT_SCANNED = reason(
    "AVG_CV_NOT_SCANNED",
    Status.NEEDS_REVIEW,
    "Het cv kon niet op een BSN worden doorzocht: {problem}.",
    "The CV could not be searched for a BSN: {problem}.",
    "Lever het cv aan als leesbare PDF met tekst, zonder BSN.",
    "Provide the CV as a readable PDF with text, without a BSN.",
)


def _submission_locations(ctx: CheckContext) -> tuple[str, ...]:
    """JSON pointers in the submission where a BSN was masked.

    The loader masks every input before validating it, so the submission keeps the mask where a
    number was."""
    if MASK not in ctx.submission.model_dump_json():
        return ()  # the common case, decided in one serialisation
    return tuple(dict.fromkeys(masked_locations(ctx.submission.model_dump(mode="json", by_alias=True))))


def evaluate(ctx: CheckContext) -> Finding:
    """Report the BSNs that were masked, by location only."""
    cv = ctx.documents.cv
    in_submission = _submission_locations(ctx)
    if cv is None and not in_submission:
        return _NOTHING_READ  # the common case: no CV file named, no BSN in the submission
    locations = in_submission + tuple(hit.location for hit in (cv.bsn_hits if cv else ()))
    basis = Basis()
    if locations:
        basis.facts += [
            Fact(
                name="BSN gevonden (gemaskeerd)",
                value=location,
                source=FactSource.DOCUMENT if location.startswith("cv") else FactSource.DECLARATION,
                detail="negen cijfers die de elfproef doorstaan; het nummer is nergens opgeslagen",
                pointer="" if location.startswith("cv") else location,
            )
            for location in locations
        ]
        where = ", ".join(dict.fromkeys("het cv" if loc.startswith("cv") else "de inschrijving" for loc in locations))
        return finding(INFO, FOUND, args={"where": where}, basis=basis)
    if cv is None:
        return finding(INFO, NOTHING_READ)
    if not cv.has_text:
        return finding(INFO, NOT_SCANNED, args={"problem": cv.problem()})
    basis.facts.append(cv.fact("cv doorzocht op BSN", f"{len(cv.page_texts)} pagina('s)"))
    return finding(INFO, CLEAN, basis=basis)


_NOTHING_READ = finding(INFO, NOTHING_READ)
