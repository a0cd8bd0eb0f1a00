"""CAND-CONTRACT-001: the candidate's own contract runs until the assignment can be done.

An offer may state when the candidate's contract with the employer ends
(``/candidate/employment/contract_end``). A contract that ends before the planned start means the
candidate may not be employed when the work begins: a person must confirm an extension (needs
review, never a fail: contracts are extended all the time). One that ends after the start but
before the end of the initial term is an attention point: the assignment can start, the extension
must follow. No end date stated: nothing to judge (not applicable), as the tenders ask nothing more.
"""

from __future__ import annotations

from compliance.checks.base import CheckContext, CheckInfo, Finding, Severity, Status, conclude, declared
from compliance.dates import nl_date
from compliance.i18n import reason
from compliance.models.tender import Phase

INFO = CheckInfo(
    check_id="CAND-CONTRACT-001",
    title="Contract van de kandidaat loopt door tot de start",
    title_en="The candidate's contract runs until the start",
    severity=Severity.CONDITION,
    legal_refs=("Uitvraag: beoogde startdatum en looptijd van de opdracht",),
    description="Het contract van de kandidaat bij de werkgever eindigt niet vóór de (aangenomen) start; eindigt het "
    "vóór het einde van de initiële termijn, dan is dat een aandachtspunt.",
    blocks_from=Phase.SUBMISSION,
)

NOT_GIVEN = reason(
    "CONTRACT_END_NOT_GIVEN",
    Status.NOT_APPLICABLE,
    "Het aanbod noemt geen einddatum van het contract van de kandidaat; er is niets te toetsen.",
    "The offer states no end date for the candidate's contract; there is nothing to check.",
)
BEFORE_START = reason(
    "CONTRACT_ENDS_BEFORE_START",
    Status.NEEDS_REVIEW,
    "Het contract van de kandidaat loopt tot {end}, vóór de {start_kind} van de opdracht op {start}: of de "
    "kandidaat bij de start nog in dienst is, moet worden bevestigd.",
    "The candidate's contract runs until {end}, before the {start_kind_en} of the assignment on {start}: whether "
    "the candidate is still employed at the start must be confirmed.",
    "Lever een verlenging of nieuw contract aan dat doorloopt tot minstens {initial_end} (einde initiële termijn) "
    "en zet die einddatum in /candidate/employment/contract_end.",
    "Provide an extension or new contract running until at least {initial_end} (end of the initial term) and put "
    "that end date in /candidate/employment/contract_end.",
)
DURING_TERM = reason(
    "CONTRACT_ENDS_DURING_TERM",
    Status.PASS,
    "Het contract van de kandidaat loopt tot {end}: na de {start_kind} op {start}, maar vóór het einde van de "
    "initiële termijn op {initial_end}.",
    "The candidate's contract runs until {end}: after the {start_kind_en} on {start}, but before the end of the "
    "initial term on {initial_end}.",
)
COVERS_TERM = reason(
    "CONTRACT_COVERS_TERM",
    Status.PASS,
    "Het contract van de kandidaat loopt tot {end}, tot na het einde van de initiële termijn op {initial_end}.",
    "The candidate's contract runs until {end}, beyond the end of the initial term on {initial_end}.",
)

_POINTER = "/candidate/employment/contract_end"


def evaluate(ctx: CheckContext) -> Finding:
    """Compare the contract's end with the planned start and the end of the initial term."""
    employment = ctx.submission.candidate.employment
    end = employment.contract_end if employment is not None else None
    if end is None:
        return ctx.static("contract-not-given", lambda: conclude(INFO, INFO.legal_refs, NOT_GIVEN, None, (), ()))
    dates = ctx.dates
    assumed = dates.planned_start_assumed
    args = {
        "end": nl_date(end),
        "start": nl_date(dates.planned_start),
        "initial_end": nl_date(dates.contract_end_initial),
        "start_kind": "aangenomen start" if assumed else "start",
        "start_kind_en": "assumed start" if assumed else "start",
    }
    facts = (declared("contract kandidaat loopt tot", end.isoformat(), _POINTER),)
    # The planned start and the end of the initial term are the report's reference dates: not repeated here.
    attention: tuple[str, ...] = ()
    if end < dates.planned_start:
        code = BEFORE_START
    elif end < dates.contract_end_initial:
        code = DURING_TERM
        attention = (
            f"Het contract van de kandidaat eindigt op {args['end']}, vóór het einde van de initiële termijn "
            f"({args['initial_end']}): verlenging nodig om de opdracht af te maken.",
        )
    else:
        code = COVERS_TERM
    return conclude(INFO, INFO.legal_refs, code, args, (), facts, (), attention)
