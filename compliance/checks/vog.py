"""NL-VOG-001: the VOG, with the required functieaspect(en), not older than allowed at the start.

The posting says the buyer *will ask* for a VOG: a condition of the award phase. In the
submission phase the same finding is an attention point that does not change the verdict; in
the award phase a VOG that is simply missing fails ("nog niet aangeleverd"): nothing is left for
a person to judge. A Justis screening profile can stand in for the aspects: one the tender
accepts passes; one that screens every aspect (profile 96, a rule parameter) but that the tender
does not list needs review. A VOG dated after the (assumed) start needs review rather than
showing a negative age. Only metadata is read (issue date, aspects, profile); a copy of a VOG is
never stored.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from types import MappingProxyType
from typing import NamedTuple

from compliance.checks.base import (
    Calculation,
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
from compliance.dates import add_months, nl_date
from compliance.i18n import PHASE_LABELS, reason
from compliance.models.findings import Fact, ParamUsed
from compliance.models.tender import Phase
from compliance.models.tender_v2 import TenderV2, VogCondition


def required_phase(tender: TenderV2) -> Phase | None:
    """The phase from which the tender asks for the VOG; None when it does not ask for one."""
    condition = tender.conditions.vog
    return condition.phase if condition is not None and condition.required else None


INFO = CheckInfo(
    check_id="NL-VOG-001",
    title="Verklaring Omtrent het Gedrag (VOG)",
    severity=Severity.CONDITION,
    # The sector law that demands the VOG (Jeugdwet, Wmo, …) comes from the tender's own clause.
    legal_refs=("Wet justitiële en strafvorderlijke gegevens art. 28–36 (VOG, screening door Justis)",),
    description="Een VOG met de vereiste functieaspecten, afgegeven niet eerder dan de toegestane termijn vóór de start.",
    judged_at_start=True,
    phase_from_tender=required_phase,
)

NOT_REQUIRED = reason(
    "VOG_NOT_REQUIRED", Status.NOT_APPLICABLE, "De uitvraag vraagt geen VOG.", "The tender does not ask for a VOG."
)
MISSING = reason(
    "VOG_MISSING",
    Status.NEEDS_REVIEW,
    "Er is (nog) geen VOG opgegeven; de opdrachtgever vraagt die in de fase '{phase}'. Afgiftedatum niet vóór {earliest}.",
    "No VOG has been provided yet; the buyer asks for it in the '{phase_en}' phase. Issue date not before {earliest}.",
    "Vraag tijdig een VOG aan met functieaspect(en) {aspects}, af te geven op of na {earliest}, en vul "
    "/documents/vog in (issued_on, functieaspecten).",
    "Apply in time for a VOG with screening aspect(s) {aspects}, issued on or after {earliest}, and fill in "
    "/documents/vog (issued_on, functieaspecten).",
)
ASPECT_MISSING = reason(
    "VOG_ASPECT_MISSING",
    Status.FAIL,
    "De VOG dekt functieaspect(en) {missing} niet (wel: {present}); vereist: {aspects}.",
    "The VOG does not cover screening aspect(s) {missing} (covered: {present}); required: {aspects}.",
    "Vraag een nieuwe VOG aan met functieaspect(en) {aspects} (ontbreekt nu: {missing}) en werk "
    "/documents/vog/functieaspecten bij.",
    "Apply for a new VOG covering aspect(s) {aspects} (now missing: {missing}) and update "
    "/documents/vog/functieaspecten.",
)
TOO_OLD = reason(
    "VOG_TOO_OLD",
    Status.FAIL,
    "De VOG is afgegeven op {issued}, meer dan {months} maanden vóór de (aangenomen) start op {start}; "
    "vereist: op of na {earliest}.",
    "The VOG was issued on {issued}, more than {months} months before the (assumed) start on {start}; "
    "required: on or after {earliest}.",
    "Vraag een nieuwe VOG aan, af te geven op of na {earliest} (nu {issued}), en zet die datum in "
    "/documents/vog/issued_on.",
    "Apply for a new VOG issued on or after {earliest} (now {issued}) and put that date in /documents/vog/issued_on.",
)
NOT_SUPPLIED = reason(
    "VOG_NOT_SUPPLIED",
    Status.FAIL,
    "De VOG is nog niet aangeleverd; de opdrachtgever vraagt die in de fase '{phase}', en die fase is nu aan de orde.",
    "The VOG has not been supplied yet; the buyer asks for it in the '{phase_en}' phase, which is the current phase.",
    "Lever een VOG aan met functieaspect(en) {aspects}, afgegeven op of na {earliest}, en vul /documents/vog in "
    "(issued_on, functieaspecten).",
    "Supply a VOG covering aspect(s) {aspects}, issued on or after {earliest}, and fill in /documents/vog "
    "(issued_on, functieaspecten).",
)
PROFILE_REVIEW = reason(
    "VOG_PROFILE_REVIEW",
    Status.NEEDS_REVIEW,
    "De VOG is afgegeven op screeningsprofiel {profile}, dat alle functieaspecten screent (dus ook {aspects}); "
    "de uitvraag noemt dit profiel niet bij de geaccepteerde profielen ({accepted}).",
    "The VOG was issued on screening profile {profile}, which screens every aspect (so also {aspects}); the tender "
    "does not list this profile among the accepted ones ({accepted}).",
    "Laat de opdrachtgever bevestigen dat profiel {profile} volstaat, of vraag een VOG aan met functieaspect(en) {aspects}.",
    "Have the buyer confirm that profile {profile} suffices, or apply for a VOG covering aspect(s) {aspects}.",
)
AFTER_START = reason(
    "VOG_AFTER_START",
    Status.NEEDS_REVIEW,
    "De VOG is afgegeven op {issued}, {days} dagen ná de {start_kind} op {start}: of de kandidaat vóór de start "
    "over een VOG beschikte, is niet vast te stellen.",
    "The VOG was issued on {issued}, {days} days after the {start_kind_en} on {start}: whether the candidate held a "
    "VOG before the start cannot be established.",
    "Stem de werkelijke startdatum af met de opdrachtgever: de VOG (/documents/vog/issued_on, nu {issued}) moet "
    "vóór de start zijn afgegeven.",
    "Agree the actual start date with the buyer: the VOG (/documents/vog/issued_on, now {issued}) must be issued "
    "before the start.",
)
PASSED = reason(
    "VOG_OK",
    Status.PASS,
    "VOG afgegeven op {issued} met functieaspect(en) {present}; binnen {months} maanden vóór de start op {start}.",
    "VOG issued on {issued} covering aspect(s) {present}; within {months} months before the start on {start}.",
)


class _Static(NamedTuple):
    """Per tender and phase: what the VOG is judged against, and the finding when there is no VOG."""

    condition: VogCondition | None
    fixed: Finding | None  # not required, or no VOG given: nothing of the submission matters
    refs: tuple[str, ...] = ()
    params: tuple[ParamUsed, ...] = ()
    args: Mapping[str, str] = MappingProxyType({})  # copied before use
    earliest: date = date.min
    earliest_calculation: Calculation | None = None
    start_text: str = ""
    all_aspect_profiles: frozenset[str] = frozenset()
    profile_param: ParamUsed | None = None


def _static(ctx: CheckContext) -> _Static:
    condition = ctx.tender.conditions.vog
    if condition is None or not condition.required:
        return _Static(None, finding(INFO, NOT_REQUIRED))
    due = INFO.blocks_in(ctx.tender, ctx.phase)
    clause = clause_or(condition.clause, "Uitvraag, VOG")
    start = ctx.dates.planned_start
    law = ctx.rules.at("vog_max_age_months_before_start", start)
    # The posting may leave the age out: then the legal maximum applies.
    months = condition.max_age_months_before_start or int(law.value)
    earliest = add_months(start, -months)
    all_aspects = ctx.rules.at("vog_all_aspect_profiles", start)
    params = (
        tender_param("vog_functieaspecten", ", ".join(condition.functieaspecten), clause, ctx),
        tender_param("vog_geaccepteerde_profielen", ", ".join(condition.accepted_profiles) or "geen", clause, ctx),
        tender_param("vog_max_maanden_voor_start", str(months), clause, ctx),
        tender_param("fase_vereist", condition.phase.value, clause, ctx),
        law.used(),
    )
    args = {
        "phase": PHASE_LABELS["nl"][condition.phase.value],
        "phase_en": PHASE_LABELS["en"][condition.phase.value],
        "earliest": nl_date(earliest),
        "aspects": ", ".join(condition.functieaspecten),
        "months": str(months),
        "start": nl_date(start),
    }
    refs = clause_refs(INFO, clause)
    # Missing in the phase that asks for it: a fail (nothing left to judge); before that, an attention point.
    code = NOT_SUPPLIED if due else MISSING
    missing = conclude(INFO, refs, code, args, params, (declared("VOG", None, "/documents/vog"),))
    return _Static(
        condition=condition,
        fixed=missing,
        refs=refs,
        params=params,
        args=args,
        earliest=earliest,
        earliest_calculation=Calculation(
            "Vroegst toegestane afgiftedatum", f"start {nl_date(start)} − {months} maanden", nl_date(earliest)
        ),
        start_text=nl_date(start),
        all_aspect_profiles=frozenset(str(profile) for profile in all_aspects.value),
        profile_param=all_aspects.used(),
    )


def evaluate(ctx: CheckContext) -> Finding:
    """Check presence, aspects and age of the VOG against the planned start."""
    static: _Static = ctx.static(("vog", ctx.phase), lambda: _static(ctx))
    vog = ctx.submission.documents.vog
    condition = static.condition
    if condition is None or vog is None:
        assert static.fixed is not None
        return static.fixed
    assert static.earliest_calculation is not None  # set whenever the VOG is required
    issued = nl_date(vog.issued_on)
    present = ", ".join(vog.functieaspecten)
    facts: tuple[Fact, ...] = (
        declared("VOG afgegeven op", vog.issued_on.isoformat(), "/documents/vog/issued_on"),
        declared("VOG functieaspecten", present or "(geen)", "/documents/vog/functieaspecten"),
    )
    start = ctx.dates.planned_start
    age_days = (start - vog.issued_on).days
    age_text = f"{age_days} dagen" if age_days >= 0 else f"afgegeven {-age_days} dagen ná de start"
    calculations = (
        static.earliest_calculation,
        Calculation("Leeftijd VOG bij start", f"{static.start_text} − {issued}", age_text),
    )
    args = {**static.args, "issued": issued, "present": present or "geen"}
    params = static.params
    profile = vog.screening_profile
    if profile is not None:
        facts = (*facts, declared("VOG screeningsprofiel", profile, "/documents/vog/screening_profile"))
    by_profile = profile is not None and profile in condition.accepted_profiles
    missing = [aspect for aspect in condition.functieaspecten if aspect not in vog.functieaspecten]
    if missing and not by_profile:
        if profile is not None and profile in static.all_aspect_profiles:
            assert static.profile_param is not None
            params = (*params, static.profile_param)
            args |= {"profile": profile, "accepted": ", ".join(condition.accepted_profiles) or "geen"}
            code = PROFILE_REVIEW
        else:
            args["missing"] = ", ".join(missing)
            code = ASPECT_MISSING
    elif vog.issued_on < static.earliest:
        code = TOO_OLD
    elif age_days < 0:
        assumed = ctx.dates.planned_start_assumed
        args |= {
            "days": str(-age_days),
            "start_kind": "aangenomen start" if assumed else "start",
            "start_kind_en": "assumed start" if assumed else "start",
        }
        code = AFTER_START
    else:
        code = PASSED
    return conclude(INFO, static.refs, code, args, params, facts, calculations)
