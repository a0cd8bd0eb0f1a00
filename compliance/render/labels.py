"""Words for everything a reader sees, in Dutch (default) and English.

Statuses, verdicts, severities, parameter keys, enum values, document and look-up statuses,
formats ("6 tot 10 cijfers" rather than a pattern), and the fixed texts of the PDF report, the
terminal view and the ranking overview. Reports never print a code where a word belongs: the
helpers at the end fall back to a readable form, never to the raw key.
"""

from __future__ import annotations

import re

from compliance.i18n import PHASE_LABELS
from compliance.models.findings import Severity, Status
from compliance.models.report import Verdict

STATUS_LABELS: dict[str, dict[Status, str]] = {
    "nl": {
        Status.PASS: "voldoet",
        Status.FAIL: "voldoet niet",
        Status.NEEDS_REVIEW: "beoordelen",
        Status.NOT_APPLICABLE: "n.v.t.",
        Status.ERROR: "fout",
    },
    "en": {
        Status.PASS: "pass",
        Status.FAIL: "fail",
        Status.NEEDS_REVIEW: "needs review",
        Status.NOT_APPLICABLE: "n/a",
        Status.ERROR: "error",
    },
}

VERDICT_LABELS: dict[str, dict[Verdict, str]] = {
    "nl": {
        Verdict.COMPLIANT: "VOLDOET",
        Verdict.NON_COMPLIANT: "VOLDOET NIET",
        Verdict.NEEDS_REVIEW: "BEOORDELING NODIG",
    },
    "en": {
        Verdict.COMPLIANT: "COMPLIANT",
        Verdict.NON_COMPLIANT: "NON-COMPLIANT",
        Verdict.NEEDS_REVIEW: "NEEDS REVIEW",
    },
}

SEVERITY_LABELS: dict[str, dict[Severity, str]] = {
    "nl": {
        Severity.KNOCK_OUT: "knock-out",
        Severity.CONDITION: "voorwaarde",
        Severity.WARNING: "waarschuwing",
        Severity.INFO: "informatie",
    },
    "en": {
        Severity.KNOCK_OUT: "knock-out",
        Severity.CONDITION: "condition",
        Severity.WARNING: "warning",
        Severity.INFO: "information",
    },
}

__all__ = ["PHASE_LABELS", "SEVERITY_LABELS", "STATUS_LABELS", "VERDICT_LABELS"]

# English check titles for ``--lang en`` reports; the catalogue itself (CheckInfo.title) is Dutch.
# A check missing here keeps its Dutch title, so adding a check never breaks the English report.
CHECK_TITLES_EN: dict[str, str] = {
    "NL-DEADLINE-001": "Submitted on time",
    "NL-DBA-001": "Wet DBA: no self-employed supplier or candidate",
    "NL-WAADI-001": "Waadi registration of the lender",
    "NL-RATE-001": "Hourly rate within the maximum rate",
    "KO-EDU-001": "Education: completed at the required level in an accepted field",
    "KO-REG-001": "Professional registration valid at deadline and start",
    "KO-EXP-001": "Work experience: minimum months within the window",
    "KO-CERT-001": "Certificate or course",
    "KO-STMT-001": "Requirement a reviewer assesses",
    "CV-PAGES-001": "CV: maximum number of pages",
    "CV-LANG-001": "CV: written in the required language",
    "CV-REFS-001": "CV: minimum number of references",
    "NL-VOG-001": "Certificate of conduct (VOG)",
    "NL-INT-001": "Integrity declaration",
    "NL-WTTA-001": "Wtta: notification and admission of the lender",
    "NL-SROI-001": "Social return (SROI)",
    "NL-AVG-001": "No citizen service number (BSN) in the CV or the offer",
}

FACT_SOURCE_LABELS: dict[str, dict[str, str]] = {
    "nl": {
        "registry": "KvK-register",
        "document": "document",
        "declaration": "eigen verklaring",
        "tender": "uitvraag",
        "computed": "berekend",
        "attestation": "verklaring beoordelaar",
    },
    "en": {
        "registry": "KvK register",
        "document": "document",
        "declaration": "supplier's declaration",
        "tender": "tender",
        "computed": "computed",
        "attestation": "reviewer attestation",
    },
}

LOOKUP_STATUS_LABELS: dict[str, dict[str, str]] = {
    "nl": {
        "found": "gevonden",
        "not_found": "niet gevonden",
        "invalid": "onbruikbaar",
        "unavailable": "niet bereikbaar",
        "not_consulted": "niet geraadpleegd",
    },
    "en": {
        "found": "found",
        "not_found": "not found",
        "invalid": "unusable",
        "unavailable": "unavailable",
        "not_consulted": "not consulted",
    },
}

# Every fixed text of the PDF report (compliance.render.pdf), per language. Placeholders are
# filled with already-escaped values, so the texts themselves may carry <b>/<i> markup.
REPORT_TEXT: dict[str, dict[str, str]] = {
    "nl": {
        "doc_title": "Compliancerapport",
        "doc_subtitle": "Toets van een inschrijving op de voorwaarden en knock-outs van de uitvraag",
        "running_head": "Compliancerapport {submission} · {tender}",
        "page": "Pagina {page} van {total}",
        "footer": "Beslissing {decision} · regels {rules} · {tool}",
        "verdict": "Oordeel",
        "verdict_context": "Fase: {phase} · peildatum sluiting {deadline} · beslist op {decided}",
        "verdict_compliant": "Alle blokkerende knock-outs en voorwaarden voor deze fase zijn vervuld.",
        "verdict_failed": "Niet voldaan aan: {checks}.",
        "verdict_review": "Handmatige beoordeling nodig voor: {checks}.",
        "verdict_review_none": "Geen enkele blokkerende controle kon worden vastgesteld; handmatige beoordeling nodig.",
        "verdict_counts": "{passed} voldoet · {failed} voldoet niet · {review} beoordelen · {na} n.v.t. · {errors} fout",
        "facts_heading": "Gegevens",
        "tender": "Aanbesteding",
        "organisation": "Opdrachtgever",
        "deadline": "Sluitingstijd",
        "submission": "Inschrijving",
        "supplier": "Inschrijver",
        "kvk": "KvK-nummer",
        "candidate": "Kandidaat",
        "candidate_id": "Kandidaat-ID",
        "rate": "Aangeboden uurtarief",
        "phase": "Fase",
        "dates_heading": "Peildata",
        "deadline_date": "Sluiting (kalenderdatum)",
        "planned_start": "Geplande start",
        "assumed": "aangenomen",
        "contract_end_initial": "Einde initiële looptijd",
        "contract_end_max": "Uiterste einde (incl. opties)",
        "checks_heading": "1. Knock-outs en voorwaarden",
        "checks_intro": "Elke controle met status, reden, grondslag en de bron van de gebruikte feiten. "
        "Blokkerende controles bepalen het oordeel; aandachtspunten niet.",
        "col_check": "Controle",
        "col_status": "Status",
        "col_reason": "Reden",
        "col_basis": "Grondslag",
        "col_sources": "Bron van de feiten",
        "attention_marker": "aandachtspunt",
        "no_facts": "geen",
        "attested": "Geattesteerd door {by} op {on} ({effect}); oorspronkelijk: {original}.",
        "calc_heading": "2. Berekeningen",
        "calc_intro": "De berekeningen achter de uitkomsten, volledig uitgeschreven.",
        "col_part": "Onderdeel",
        "col_calc": "Berekening",
        "col_result": "Uitkomst",
        "no_calc": "Geen berekeningen bij deze inschrijving.",
        "attention_heading": "3. Aandachtspunten",
        "attention_notes": "Let op",
        "remedy": "Wat te doen:",
        "attention_assumptions": "Aannames",
        "assumed_start": "Aangenomen startdatum {date}: {note}",
        "assumption": "{name} = {value}: {note}",
        "open_item": "Open punt in de aanbesteding (nog niet bevestigd):",
        "no_attention": "Geen aandachtspunten.",
        "sources_heading": "4. Bronnen en bewijsstukken",
        "col_register": "Register",
        "col_key": "Sleutel",
        "col_lookup_status": "Status",
        "col_source": "Bron",
        "col_retrieved": "Opgehaald",
        "unknown": "onbekend",
        "evidence_heading": "Documenten",
        "col_document": "Document",
        "col_file": "Bestand",
        "col_pages": "Pagina's",
        "no_evidence": "Geen documenten ingelezen; documentfeiten komen uit de eigen verklaring.",
        "attestations_line": "Verklaringen van beoordelaars: {source} (sha256 {sha}), geldigheid beoordeeld op de sluitingsdatum {on} (bij startvoorwaarden ook op de geplande start); {applied}.",
        "attestations_applied": "toegepast",
        "attestations_not_applied": "niet toegepast (--no-attestations)",
        "col_attestation": "Verklaring",
        "col_effect": "Effect",
        "col_by": "Door",
        "col_valid": "Geldig",
        "score_heading": "Score op de selectiecriteria",
        "score_line": "Totaal {points} van {max} punten{rank}.",
        "score_rank": "; plaats {rank} in de rangorde",
        "col_criterion": "Criterium",
        "col_points": "Punten",
        "decision_heading": "5. Beslissingsgegevens",
        "decision_intro": "Alles wat nodig is om deze beslissing te reproduceren en te controleren.",
        "decision_id": "Beslissings-ID",
        "decided_at": "Tijdstip van de beslissing",
        "tool": "Hulpmiddel",
        "rules": "Regelversie",
        "tender_hash": "Aanbesteding (sha256)",
        "tender_source": "Bron aanbesteding",
        "input_hash": "Invoer, canonieke JSON (sha256)",
        "document_hash": "Document {role} (sha256)",
        "language": "Taal van dit rapport",
        "language_name": "Nederlands",
        "params_heading": "Gebruikte parameters",
        "col_param": "Parameter",
        "col_value": "Waarde",
        "col_valid_from": "Geldig vanaf",
        "assumption_tag": "aanname",
        "signature_heading": "Ondertekening",
        "signed": "Dit rapport is digitaal ondertekend met een certificerende PAdES-handtekening ({level}) door "
        "<b>{subject}</b>, certificaat met sha256-vingerafdruk {fingerprint}. Na ondertekening mogen alleen nog "
        "handtekeningen van beoordelaars worden toegevoegd; elke andere wijziging maakt de handtekening ongeldig. "
        "De beslissing zit als machineleesbare bijlage <b>{attachment}</b> in de ondertekende versie. "
        "Controleren: <b>compliance verify {pdf}</b>.",
        "not_qualified_local": "<b>Let op:</b> dit is een lokaal aangemaakt, zelfondertekend certificaat en "
        "<b>geen gekwalificeerd certificaat</b> (eIDAS). De handtekening bewijst dat het rapport sinds "
        "ondertekening niet is gewijzigd; wie heeft ondertekend blijkt alleen voor wie deze vingerafdruk kent "
        "en vertrouwt.",
        "not_qualified": "<b>Let op:</b> het certificaat vermeldt niet dat het gekwalificeerd is (eIDAS).",
        "qualified": "Het certificaat geeft aan gekwalificeerd te zijn (QcCompliance); de vertrouwensstatus "
        "blijkt uit de EU-vertrouwenslijst.",
        "unsigned": "Dit exemplaar is niet ondertekend.",
        "yes": "ja",
        "no": "nee",
    },
    "en": {
        "doc_title": "Compliance report",
        "doc_subtitle": "Assessment of a submission against the tender's conditions and knock-outs",
        "running_head": "Compliance report {submission} · {tender}",
        "page": "Page {page} of {total}",
        "footer": "Decision {decision} · rules {rules} · {tool}",
        "verdict": "Verdict",
        "verdict_context": "Phase: {phase} · reference deadline {deadline} · decided on {decided}",
        "verdict_compliant": "All blocking knock-outs and conditions for this phase are met.",
        "verdict_failed": "Not met: {checks}.",
        "verdict_review": "Manual review needed for: {checks}.",
        "verdict_review_none": "No blocking check could be established; manual review needed.",
        "verdict_counts": "{passed} pass · {failed} fail · {review} review · {na} n/a · {errors} error",
        "facts_heading": "Particulars",
        "tender": "Tender",
        "organisation": "Contracting authority",
        "deadline": "Deadline",
        "submission": "Submission",
        "supplier": "Supplier",
        "kvk": "KvK number",
        "candidate": "Candidate",
        "candidate_id": "Candidate ID",
        "rate": "Offered hourly rate",
        "phase": "Phase",
        "dates_heading": "Reference dates",
        "deadline_date": "Deadline (calendar date)",
        "planned_start": "Planned start",
        "assumed": "assumed",
        "contract_end_initial": "End of initial term",
        "contract_end_max": "Latest end (incl. options)",
        "checks_heading": "1. Knock-outs and conditions",
        "checks_intro": "Each check with its status, reason, legal or tender basis and the source of the facts "
        "used. Blocking checks decide the verdict; points of attention do not.",
        "col_check": "Check",
        "col_status": "Status",
        "col_reason": "Reason",
        "col_basis": "Basis",
        "col_sources": "Source of the facts",
        "attention_marker": "attention point",
        "no_facts": "none",
        "attested": "Attested by {by} on {on} ({effect}); originally: {original}.",
        "calc_heading": "2. Calculations",
        "calc_intro": "The calculations behind the outcomes, in full.",
        "col_part": "Item",
        "col_calc": "Calculation",
        "col_result": "Result",
        "no_calc": "No calculations for this submission.",
        "attention_heading": "3. Points of attention",
        "attention_notes": "Note",
        "remedy": "What to do:",
        "attention_assumptions": "Assumptions",
        "assumed_start": "Assumed start date {date}: {note}",
        "assumption": "{name} = {value}: {note}",
        "open_item": "Open item in the tender (not yet confirmed):",
        "no_attention": "No points of attention.",
        "sources_heading": "4. Sources and evidence",
        "col_register": "Register",
        "col_key": "Key",
        "col_lookup_status": "Status",
        "col_source": "Source",
        "col_retrieved": "Retrieved",
        "unknown": "unknown",
        "evidence_heading": "Documents",
        "col_document": "Document",
        "col_file": "File",
        "col_pages": "Pages",
        "no_evidence": "No documents were read; document facts come from the supplier's declaration.",
        "attestations_line": "Reviewer attestations: {source} (sha256 {sha}), validity judged at the deadline {on} (for start conditions also at the planned start); {applied}.",
        "attestations_applied": "applied",
        "attestations_not_applied": "not applied (--no-attestations)",
        "col_attestation": "Attestation",
        "col_effect": "Effect",
        "col_by": "By",
        "col_valid": "Valid",
        "score_heading": "Score on the selection criteria",
        "score_line": "Total {points} of {max} points{rank}.",
        "score_rank": "; rank {rank}",
        "col_criterion": "Criterion",
        "col_score_reason": "Reason",
        "col_points": "Points",
        "decision_heading": "5. Decision record",
        "decision_intro": "Everything needed to reproduce and check this decision.",
        "decision_id": "Decision ID",
        "decided_at": "Time of the decision",
        "tool": "Tool",
        "rules": "Rules version",
        "tender_hash": "Tender (sha256)",
        "tender_source": "Tender source",
        "input_hash": "Input, canonical JSON (sha256)",
        "document_hash": "Document {role} (sha256)",
        "language": "Language of this report",
        "language_name": "English",
        "params_heading": "Parameters used",
        "col_param": "Parameter",
        "col_value": "Value",
        "col_valid_from": "Valid from",
        "assumption_tag": "assumption",
        "signature_heading": "Signature",
        "signed": "This report is digitally signed with a certifying PAdES signature ({level}) by "
        "<b>{subject}</b>, certificate with sha256 fingerprint {fingerprint}. After signing only reviewers' "
        "signatures may be added; any other change invalidates the signature. The decision is attached in "
        "machine-readable form as <b>{attachment}</b> inside the signed revision. "
        "To check: <b>compliance verify {pdf}</b>.",
        "not_qualified_local": "<b>Note:</b> this is a locally created, self-signed certificate and "
        "<b>not a qualified certificate</b> (eIDAS). The signature proves the report has not changed since it "
        "was signed; who signed it is only established for those who know and trust this fingerprint.",
        "not_qualified": "<b>Note:</b> the certificate does not state that it is qualified (eIDAS).",
        "qualified": "The certificate states that it is qualified (QcCompliance); its trust status follows "
        "from the EU trusted list.",
        "unsigned": "This copy is not signed.",
        "yes": "yes",
        "no": "no",
    },
}


# Words for a selection criterion's outcome ("met" reads as "with" to a Dutch reader).
SCORE_STATUS_LABELS: dict[str, dict[str, str]] = {
    "nl": {"met": "behaald", "not_met": "niet behaald", "needs_review": "te beoordelen"},
    "en": {"met": "met", "not_met": "not met", "needs_review": "to be assessed"},
}


# -- words for the codes a reader would otherwise see --------------------------------------------
# Every table below maps a machine value (a parameter key, an enum value) to what a reader sees.
# The helpers fall back to a readable form (underscores become spaces), never to the raw code.

# The rule and tender parameters a finding cites (ParamUsed.name), by their key.
PARAMETER_LABELS: dict[str, dict[str, str]] = {
    "nl": {
        "andere_sociale_opleiding_toegestaan": "andere sociale opleiding toegestaan",
        "btw_basis_maximum": "maximumtarief geldt",
        "btw_standard_rate_percent": "algemeen btw-tarief",
        "dba_enforcement_no_default_fines_until": "geen standaard verzuimboetes Wet DBA tot en met",
        "dba_max_working_persons_one_person_company": "eenmanszaak: hoogstens werkzame personen",
        "dba_zzp_excluded_when_silent": "zzp uitgesloten als de uitvraag zwijgt",
        "doelgroepen_en_onderwerpen": "doelgroepen en onderwerpen",
        "experience_rest_days_per_month": "restdagen die een maand vormen",
        "fase_vereist": "vereist in de fase",
        "geaccepteerde_richtingen": "geaccepteerde opleidingsrichtingen",
        "kvk_record_max_age_days": "KvK-gegevens hoogstens dagen oud bij sluiting",
        "max_paginas": "maximaal aantal pagina's",
        "max_registratieduur_jaren": "registratie loopt hoogstens (jaren)",
        "max_uurtarief": "maximumuurtarief",
        "maximum_inclusief": "maximumtarief is inclusief",
        "min_referenties": "minimaal aantal referenties",
        "minimum_maanden": "minimaal aantal maanden ervaring",
        "minimum_niveau": "minimaal opleidingsniveau",
        "nummer_en_afloopdatum_in_cv": "nummer en afloopdatum in het cv",
        "register": "register",
        "register_aliases": "namen van de registers",
        "registratienummer_formaat": "formaat registratienummer",
        "rollen": "functies",
        "sbi_five_digit_codes_only": "SBI-codes altijd vijf cijfers",
        "sbi_version": "SBI-versie",
        "skj_registration_period_years": "looptijd SKJ-registratie (jaren)",
        "sluitingstijd": "sluitingstijd",
        "sroi_default_percentage": "SROI-percentage (standaard DAS)",
        "sroi_default_threshold_eur": "SROI-drempel (standaard DAS)",
        "sroi_default_threshold_scope": "SROI-drempel geldt (standaard DAS)",
        "sroi_drempel": "SROI-drempel",
        "sroi_drempel_geldt": "SROI-drempel geldt",
        "sroi_percentage": "SROI-percentage",
        "sroi_waarde_op_basis_van": "contractwaarde voor SROI berekend met",
        "taal": "taal",
        "venster_jaren": "ervaringsvenster (jaren vóór sluiting)",
        "vog_all_aspect_profiles": "VOG-profielen die alles screenen",
        "vog_functieaspecten": "VOG-functieaspecten",
        "vog_geaccepteerde_profielen": "geaccepteerde VOG-screeningsprofielen",
        "vog_max_age_months_before_start": "VOG hoogstens maanden oud bij start (wettelijk)",
        "vog_max_maanden_voor_start": "VOG hoogstens maanden oud bij start",
        "waadi_registratie_vereist_bij_uitlenen": "Waadi-registratie vereist bij uitlenen",
        "waadi_tba_sbi_codes": "SBI-codes van Waadi-geregistreerde uitleners",
        "werkgevers": "soorten werkgevers",
        "wtta_admission_required_from": "Wtta-toelating verplicht vanaf",
        "wtta_notification_deadline": "Wtta-melding uiterlijk",
        "zzp_uitgesloten": "zzp'ers uitgesloten",
    },
    "en": {
        "andere_sociale_opleiding_toegestaan": "other social programme allowed",
        "btw_basis_maximum": "maximum rate applies",
        "btw_standard_rate_percent": "standard VAT rate",
        "dba_enforcement_no_default_fines_until": "no default Wet DBA penalties up to and including",
        "dba_max_working_persons_one_person_company": "one-person company: at most working persons",
        "dba_zzp_excluded_when_silent": "self-employed excluded when the tender is silent",
        "doelgroepen_en_onderwerpen": "target groups and subjects",
        "experience_rest_days_per_month": "remaining days that make a month",
        "fase_vereist": "required in the phase",
        "geaccepteerde_richtingen": "accepted fields of study",
        "kvk_record_max_age_days": "KvK data at most days old at the deadline",
        "max_paginas": "maximum number of pages",
        "max_registratieduur_jaren": "registration runs at most (years)",
        "max_uurtarief": "maximum hourly rate",
        "maximum_inclusief": "maximum rate includes",
        "min_referenties": "minimum number of references",
        "minimum_maanden": "minimum months of experience",
        "minimum_niveau": "minimum level of education",
        "nummer_en_afloopdatum_in_cv": "number and expiry date in the CV",
        "register": "register",
        "register_aliases": "names of the registers",
        "registratienummer_formaat": "registration number format",
        "rollen": "roles",
        "sbi_five_digit_codes_only": "SBI codes always five digits",
        "sbi_version": "SBI edition",
        "skj_registration_period_years": "SKJ registration period (years)",
        "sluitingstijd": "deadline",
        "sroi_default_percentage": "SROI percentage (DAS default)",
        "sroi_default_threshold_eur": "SROI threshold (DAS default)",
        "sroi_default_threshold_scope": "SROI threshold applies (DAS default)",
        "sroi_drempel": "SROI threshold",
        "sroi_drempel_geldt": "SROI threshold applies",
        "sroi_percentage": "SROI percentage",
        "sroi_waarde_op_basis_van": "contract value for SROI computed with",
        "taal": "language",
        "venster_jaren": "experience window (years before the deadline)",
        "vog_all_aspect_profiles": "VOG profiles that screen everything",
        "vog_functieaspecten": "VOG screening aspects",
        "vog_geaccepteerde_profielen": "accepted VOG screening profiles",
        "vog_max_age_months_before_start": "VOG at most months old at the start (by law)",
        "vog_max_maanden_voor_start": "VOG at most months old at the start",
        "waadi_registratie_vereist_bij_uitlenen": "Waadi registration required when lending",
        "waadi_tba_sbi_codes": "SBI codes of Waadi-registered lenders",
        "werkgevers": "kinds of employer",
        "wtta_admission_required_from": "Wtta admission required from",
        "wtta_notification_deadline": "Wtta notification by",
        "zzp_uitgesloten": "self-employed excluded",
    },
}

# Values that are codes or single Dutch words: enum values of the tender and rule files, yes/no,
# language codes. A value not listed here is data (an amount, a date, a name) and printed as is.
VALUE_LABELS: dict[str, dict[str, str]] = {
    "nl": {
        "excluded": "exclusief btw",
        "included": "inclusief btw",
        "per_assignment": "per opdracht",
        "cumulative_das": "cumulatief per leverancier binnen het DAS",
        "offered_rate": "het aangeboden tarief",
        "max_rate": "het maximumtarief",
        "submission": "inschrijving",
        "award": "gunning",
        "deadline": "sluiting",
        "start": "start",
        "True": "ja",
        "False": "nee",
        "true": "ja",
        "false": "nee",
        "nl": "Nederlands",
        "en": "Engels",
        "und": "niet vast te stellen",
    },
    "en": {
        "excluded": "excluding VAT",
        "included": "including VAT",
        "per_assignment": "per assignment",
        "cumulative_das": "cumulatively per supplier within the DAS",
        "offered_rate": "the offered rate",
        "max_rate": "the maximum rate",
        "submission": "submission",
        "award": "award",
        "deadline": "deadline",
        "start": "start",
        "True": "yes",
        "False": "no",
        "true": "yes",
        "false": "no",
        "ja": "yes",
        "nee": "no",
        "alle": "all",
        "geen": "none",
        "(niet opgegeven)": "(not given)",
        "nl": "Dutch",
        "en": "English",
        "und": "undetermined",
        "reiskosten en fee": "travel costs and fee",
    },
}

DOCUMENT_STATUS_LABELS: dict[str, dict[str, str]] = {
    "nl": {
        "read": "ingelezen",
        "missing": "niet gevonden",
        "unreadable": "onleesbaar",
        "too_large": "te groot",
        "not_pdf": "geen pdf",
        "encrypted": "beveiligd",
        "truncated": "onvolledig",
        "damaged": "beschadigd",
    },
    "en": {
        "read": "read",
        "missing": "not found",
        "unreadable": "unreadable",
        "too_large": "too large",
        "not_pdf": "not a PDF",
        "encrypted": "encrypted",
        "truncated": "truncated",
        "damaged": "damaged",
    },
}

DOCUMENT_ROLE_LABELS: dict[str, dict[str, str]] = {
    "nl": {"cv": "cv"},
    "en": {"cv": "CV"},
}

ATTESTATION_EFFECT_LABELS: dict[str, dict[str, str]] = {
    "nl": {
        "applied": "toegepast",
        "disabled": "uitgeschakeld (--no-attestations)",
        "expired": "verlopen",
        "not_yet_valid": "nog niet geldig",
        "evidence_mismatch": "bewijsstuk wijkt af",
        "evidence_missing": "bewijsstuk ontbreekt",
        "untrusted_role": "rol niet vertrouwd",
        "not_applied_fail": "niet toegepast (voldoet niet)",
        "other_reason": "andere reden",
        "not_needed": "niet nodig",
    },
    "en": {
        "applied": "applied",
        "disabled": "disabled (--no-attestations)",
        "expired": "expired",
        "not_yet_valid": "not yet valid",
        "evidence_mismatch": "evidence differs",
        "evidence_missing": "evidence missing",
        "untrusted_role": "role not trusted",
        "not_applied_fail": "not applied (fail)",
        "other_reason": "other reason",
        "not_needed": "not needed",
    },
}

LOOKUP_KIND_LABELS: dict[str, dict[str, str]] = {
    "nl": {"kvk_basisprofiel": "KvK Basisprofiel"},
    "en": {"kvk_basisprofiel": "KvK Basisprofiel"},
}

# How a tie in the ranking was settled (compliance.intake.scoring TIE_* values).
TIE_LABELS: dict[str, dict[str, str]] = {
    "nl": {"decided_by_rate": "beslist op tarief", "lot": "loting"},
    "en": {"decided_by_rate": "decided by rate", "lot": "lot"},
}

# English names of the facts the checks record (Fact.name is Dutch, a word not a key). A name
# that holds a candidate's own words ("referentie M. Kok in cv") is matched by FACT_NAME_PATTERNS_EN.
FACT_NAMES_EN: dict[str, str] = {
    "contract kandidaat loopt tot": "candidate's contract runs until",
    "SBI-codes (gelezen als)": "SBI codes (read as)",
    "VOG": "VOG",
    "VOG afgegeven op": "VOG issued on",
    "VOG functieaspecten": "VOG screening aspects",
    "Waadi-geregistreerd (verklaard)": "Waadi-registered (declared)",
    "aangeboden uurtarief": "offered hourly rate",
    "aantal pagina's": "number of pages",
    "aantal pagina's (pdf)": "number of pages (PDF)",
    "afloopdatum in cv": "expiry date in CV",
    "baan": "job",
    "contractvorm kandidaat": "candidate's contract type",
    "cv doorzocht op BSN": "CV searched for BSN",
    "geldig tot": "valid until",
    "ingediend op": "submitted on",
    "inschrijving beëindigd op": "registration ended on",
    "integriteitsverklaring": "integrity declaration",
    "kandidaat is eigenaar inschrijver": "candidate owns the supplier",
    "ondertekend op": "signed on",
    "opleiding": "education",
    "rechtsvorm (Handelsregister)": "legal form (trade register)",
    "rechtsvorm (verklaard)": "legal form (declared)",
    "referentie": "reference",
    "registratienummer": "registration number",
    "registratienummer in cv": "registration number in CV",
    "registraties": "registrations",
    "taal cv": "CV language",
    "taal cv (herkend)": "CV language (detected)",
    "tarief inclusief btw": "rate includes VAT",
    "totaal werkzame personen": "total working persons",
    "uitleners in de keten": "lenders in the chain",
    "cursus": "course",
    "verklaring beoordelaar": "reviewer attestation",
}
FACT_NAME_PATTERNS_EN: tuple[tuple[str, str], ...] = ((r"^referentie (?P<x>.+) in cv$", "reference {x} in CV"),)

# English for the fixed labels of calculation lines; a job line "<role> bij <employer>" is
# matched by CALCULATION_PATTERNS_EN (the role and employer are the CV's own words).
CALCULATION_LABELS_EN: dict[str, str] = {
    "Contractwaarde tegen aangeboden tarief (excl. btw)": "Contract value at the offered rate (excl. VAT)",
    "Contractwaarde tegen maximumtarief": "Contract value at the maximum rate",
    "Leeftijd VOG bij start": "Age of the VOG at the start",
    "Ouderdom KvK-record bij sluiting": "Age of the KvK record at the deadline",
    "SROI-verplichting": "SROI obligation",
    "Tarief excl. btw": "Rate excl. VAT",
    "Totaal (overlap één keer geteld)": "Total (overlap counted once)",
    "Totaal inclusief te beoordelen banen": "Total including jobs to be reviewed",
    "Uiterste einddatum (incl. opties)": "Latest end date (incl. options)",
    "Uiterste einde opdracht (incl. opties)": "Latest end of the assignment (incl. options)",
    "Uren per maand": "Hours per month",
    "Venster": "Window",
    "Vroegst toegestane afgiftedatum": "Earliest allowed date of issue",
}
CALCULATION_PATTERNS_EN: tuple[tuple[str, str], ...] = (
    (r"^(?P<role>.+?) bij (?P<employer>.+)$", "{role} at {employer}"),
)

# Short fixed phrases inside calculation results and expressions, and fixed sentences other
# modules record (look-up details, fact provenance), in English. Applied as whole-phrase
# replacements, longest first; numbers around them are kept.
PHRASES_EN: dict[str, str] = {
    "eigen verklaring van de inschrijver": "the supplier's own declaration",
    "KvK-nummer niet gevonden in de registersnapshot": "KvK number not found in the registry snapshot",
    "er is geen KvK-register opgegeven (--registry); alleen de eigen verklaring is bekend": (
        "no KvK registry was given (--registry); only the supplier's declaration is known"
    ),
    "ophaaldatum onbekend": "retrieval date unknown",
    "niet vast te stellen": "cannot be established",
    "telt niet": "does not count",
    "(beoordelen)": "(to review)",
    "zeker meetellend": "certainly counting",
    "maanden en": "months and",
    "maanden": "months",
    "maand": "month",
    "dagen": "days",
    "dag(en)": "day(s)",
    "dag": "day",
    "mnd": "mo",
    "(max.": "(max.",
    "t/m": "to",
    "heden": "present",
    "optie": "option",
    "cv-bestand": "CV file",
    "pagina('s)": "page(s)",
}

LANGUAGE_NAMES: dict[str, dict[str, str]] = {
    "nl": {"nl": "Nederlands", "en": "Engels", "und": "niet vast te stellen"},
    "en": {"nl": "Dutch", "en": "English", "und": "undetermined"},
}


def label(table: dict[str, dict[str, str]], value: str, lang: str) -> str:
    """``value``'s words in ``lang`` from one of the tables above; a readable fallback, never a raw key."""
    words = table.get(lang, table["nl"]).get(value)
    if words is not None:
        return words
    return value.replace("_", " ") if "_" in value and " " not in value else value


def parameter_label(name: str, lang: str) -> str:
    """What a reader sees for a parameter key ('btw_basis_maximum' -> 'maximum rate applies')."""
    return label(PARAMETER_LABELS, name, lang)


_DIGITS_NL = re.compile(r"^(\d+)(?: tot (\d+))? cijfers$")
_DIGIT_PATTERN = re.compile(r"^\^?\\d(?:\{(\d+)(?:,(\d*))?\}|(\+))?\$?$")


def format_words(pattern: str, lang: str) -> str | None:
    """A digits-only pattern in words ('^\\d{6,10}$' -> '6 tot 10 cijfers'); None for any other pattern."""
    match = _DIGIT_PATTERN.match(pattern)
    if match is None:
        return None
    low, high, plus = match.groups()
    nl = lang != "en"
    if plus:
        return "een of meer cijfers" if nl else "one or more digits"
    if low is None:
        return "1 cijfer" if nl else "1 digit"
    if high == "":
        return f"{low} of meer cijfers" if nl else f"{low} or more digits"
    if high is None or high == low:
        return f"{low} cijfers" if nl else f"{low} digits"
    return f"{low} tot {high} cijfers" if nl else f"{low} to {high} digits"


def value_label(value: str, lang: str) -> str:
    """A parameter or fact value in words: enum codes and yes/no translated, digit formats and
    patterns described, data (amounts, dates, names) unchanged."""
    table = VALUE_LABELS.get(lang, VALUE_LABELS["nl"])
    if value in table:
        return table[value]
    digits = _DIGITS_NL.match(value)
    if digits is not None and lang == "en":
        low, high = digits.groups()
        return f"{low} to {high} digits" if high else f"{low} digits"
    if value.startswith("^") or "\\d" in value:
        described = format_words(value, lang)
        if described is not None:
            return described
        return "een vast patroon (zie de uitvraag)" if lang != "en" else "a fixed pattern (see the tender)"
    return value


# The fixed texts of the terminal view (compliance.render.table), per language.
TABLE_TEXT: dict[str, dict[str, str]] = {
    "nl": {
        "verdict": "Oordeel: ",
        "context": "   fase: {phase} · aanbesteding {tender} · regels {rules}",
        "col_check": "Controle",
        "col_status": "Status",
        "col_reason": "Reden en wat te doen",
        "attention": " (aandachtspunt)",
        "remedy": "→ Wat te doen: ",
        "assumed_start": "Aangenomen startdatum {date}: {note}",
        "open_item": "Open punt in de aanbesteding (aanname): {item}",
        "score_title": "Verwachte score op de wensen: {points} van {max} punten",
        "score_pending": " (plus {pending} te beoordelen)",
        "col_criterion": "Wens",
        "col_score_reason": "Reden",
        "col_points": "Punten",
    },
    "en": {
        "verdict": "Verdict: ",
        "context": "   phase: {phase} · tender {tender} · rules {rules}",
        "col_check": "Check",
        "col_status": "Status",
        "col_reason": "Reason and what to do",
        "attention": " (attention point)",
        "remedy": "→ What to do: ",
        "assumed_start": "Assumed start date {date}: {note}",
        "open_item": "Open item in the tender (assumption): {item}",
        "score_title": "Expected score on the selection criteria: {points} of {max} points",
        "score_pending": " (plus {pending} to be assessed)",
        "col_criterion": "Criterion",
        "col_score_reason": "Reason",
        "col_points": "Points",
    },
}

# The fixed texts of the ranking overview (compliance.intake.overview_pdf), per language.
OVERVIEW_TEXT: dict[str, dict[str, str]] = {
    "nl": {
        "title": "Rangschikking inschrijvingen",
        "context": "Sluiting {deadline} · beoordeeld {decided} · regels {rules} · {tool}",
        "procedure": "Stap 1: elke inschrijving is getoetst aan de knock-outcriteria en voorwaarden. Stap 2: wie "
        "voldoet, is gescoord op de selectiecriteria; de {max_selected} best scorende kandidaten gaan naar de "
        "opdrachtgever. Bij gelijke punten beslist het laagste uurtarief; wie daarna nog gelijk staat, krijgt "
        "dezelfde rang en de opdrachtgever beslist door loting. Per kandidaat staat de onderbouwing in het eigen "
        "ondertekende rapport.",
        "counts": "<b>{submissions} inschrijvingen:</b> {selected} geselecteerd, {lot} in loting, {ranked} overige "
        "gerangschikt, {needs_review} te beoordelen, {excluded} uitgesloten, {error} niet verwerkt.",
        "selected_heading": "Geselecteerd voor de opdrachtgever (maximaal {max_selected})",
        "none": "Geen.",
        "ranked_heading": "Overige gerangschikte kandidaten (niet voorgelegd)",
        "legend": "Criteria: {legend}. (b) = punten pas na beoordeling, nu niet toegekend.",
        "review_heading": "Te beoordelen voordat zij gerangschikt kunnen worden",
        "review_label": "Wat beoordeeld moet worden",
        "excluded_heading": "Uitgesloten in stap 1",
        "excluded_label": "Reden",
        "error_heading": "Niet verwerkt: ongeldige of onleesbare bestanden",
        "error_label": "Fout",
        "col_rank": "Rang",
        "col_candidate": "Kandidaat",
        "col_supplier": "Leverancier",
        "col_points": "Punten",
        "col_rate": "Tarief excl. btw",
        "col_tie": "Gelijk",
        "col_file": "Bestand",
        "rate_incl": "{excl} (opgegeven {incl} incl. btw)",
        "lot_places_one": "loting om 1 plaats",
        "lot_places_many": "loting om {places} plaatsen",
        "lot_notice": "<b>Loting door de opdrachtgever nodig.</b> {count} kandidaten staan gelijk op punten "
        "({points}) én uurtarief ({rate}) en dingen mee naar {span}. De opdrachtgever loot {places} tussen: {who}.",
        "lot_span_one": "plaats {last}",
        "lot_span_many": "plaatsen {first} t/m {last}",
        "places_one": "1 plaats",
        "places_many": "{places} plaatsen",
        "footer": "Rangschikking {tender} · digitaal ondertekend",
        "page": "pagina {page}",
        "doc_title": "Rangschikking {tender}",
        "attachment": "Samenvatting van de intake (summary.json)",
    },
    "en": {
        "title": "Ranking of the submissions",
        "context": "Deadline {deadline} · assessed {decided} · rules {rules} · {tool}",
        "procedure": "Step 1: every submission was checked against the knock-out criteria and conditions. Step 2: "
        "those that comply were scored on the selection criteria; the {max_selected} best scoring candidates go "
        "to the client. Equal points are decided by the lower hourly rate; candidates still equal after that "
        "share a rank and the client decides by drawing lots. Each candidate's own signed report gives the "
        "reasons.",
        "counts": "<b>{submissions} submissions:</b> {selected} selected, {lot} in a lot, {ranked} other ranked, "
        "{needs_review} to be reviewed, {excluded} excluded, {error} not processed.",
        "selected_heading": "Selected for the client (at most {max_selected})",
        "none": "None.",
        "ranked_heading": "Other ranked candidates (not put forward)",
        "legend": "Criteria: {legend}. (b) = points only after review, not awarded now.",
        "review_heading": "To be reviewed before they can be ranked",
        "review_label": "What must be reviewed",
        "excluded_heading": "Excluded in step 1",
        "excluded_label": "Reason",
        "error_heading": "Not processed: invalid or unreadable files",
        "error_label": "Error",
        "col_rank": "Rank",
        "col_candidate": "Candidate",
        "col_supplier": "Supplier",
        "col_points": "Points",
        "col_rate": "Rate excl. VAT",
        "col_tie": "Tie",
        "col_file": "File",
        "rate_incl": "{excl} (offered {incl} incl. VAT)",
        "lot_places_one": "lot for 1 place",
        "lot_places_many": "lot for {places} places",
        "lot_notice": "<b>The client must draw lots.</b> {count} candidates are equal on points ({points}) and "
        "hourly rate ({rate}) and compete for {span}. The client draws {places} among: {who}.",
        "lot_span_one": "place {last}",
        "lot_span_many": "places {first} to {last}",
        "places_one": "1 place",
        "places_many": "{places} places",
        "footer": "Ranking {tender} · digitally signed",
        "page": "page {page}",
        "doc_title": "Ranking {tender}",
        "attachment": "Summary of the intake (summary.json)",
    },
}

# Whole Dutch sentences the tool's own data and checks record without a reason code (assumption
# notes of parameters.json, attention notes, the tender files' open items), in English. Each
# pattern must match the whole text; its named parts are localised in turn (dates, nested notes).
# A text no pattern matches stays Dutch and is marked as such (compliance.render.localise).
TEXT_PATTERNS_EN: tuple[tuple[str, str], ...] = (
    (r"De uitvraag zegt niet of het maximum excl\. btw is; aangenomen excl\. btw\.",
     "The tender does not say whether the maximum is excl. VAT; assumed excl. VAT."),
    (r"De uitvraag zegt niet hoe maanden worden geteld; overlappende perioden tellen één keer; 30 losse dagen = 1 "
     r"maand is een aanname\.",
     "The tender does not say how months are counted; overlapping periods count once; 30 loose days = 1 month "
     "is an assumption."),
    (r"30 dagen is een gebruikelijke termijn voor een 'actueel' uittreksel, geen wettelijke termijn\.",
     "30 days is a customary period for a 'current' extract, not a legal one."),
    (r"Het officiële nummerformaat is niet gepubliceerd; alleen een plausibiliteitstoets\.",
     "The official number format is not published; only a plausibility check."),
    (r"Te bevestigen uit de SROI-bijlage van het DAS\.", "To be confirmed from the DAS's SROI annex."),
    (r"DAS-instelling; te bevestigen uit de SROI-bijlage van het DAS(?P<suffix>.*)\.",
     "DAS setting; to be confirmed from the DAS's SROI annex{suffix}."),
    (r"Of de drempel per opdracht of cumulatief binnen het DAS geldt, is niet bevestigd\.",
     "Whether the threshold applies per assignment or cumulatively within the DAS is not confirmed."),
    (r"Percentage niet in de uitvraag; landelijk gebruikelijk (?P<percent>\S+), te bevestigen uit de SROI-bijlage\.",
     "Percentage not in the tender; {percent} is customary nationally, to be confirmed from the SROI annex."),
    (r"Aangenomen: de gegunde waarde, dus tegen het aangeboden tarief\.",
     "Assumed: the awarded value, so at the offered rate."),
    (r"Niet uit de officiële CBS-omzettingstabel; oude 7830 \(payrolling\) is waarschijnlijk 78201 geworden; de "
     r"opvolger van 78203 \(banenpools\) is niet bevestigd\.",
     "Not from the official CBS conversion table; the old 7830 (payrolling) probably became 78201; the successor "
     "of 78203 (job pools) is not confirmed."),
    (r"SBI 2025-codeset nog te bevestigen: (?P<note>.+)", "SBI 2025 code set still to be confirmed: {note}"),
    (r"De registratie verloopt op (?P<date>.+), tijdens een verlengingsoptie: herregistratie nodig vóór die datum\.",
     "The registration expires on {date}, during an extension option: re-registration needed before that date."),
    (r"Vanaf (?P<date>.+) moet de uitlener bij de NAU gemeld zijn \(Wtta\)\.",
     "From {date} the lender must be notified to the NAU (Wtta)."),
    (r"Het aanbod zegt niet of het tarief btw bevat; gerekend als excl\. btw \(de hoogste waarde\)\.",
     "The offer does not say whether the rate includes VAT; counted as excl. VAT (the higher value)."),
    (r"De uitvraag zegt 'z\.s\.m\.'; aangenomen startdatum: \w+ (?P<date>.+)\.",
     "The tender says 'as soon as possible'; assumed start date: {date}."),
    (r"De uitvraag zegt 'z\.s\.m\.'; de gesprekken zijn op (?P<interviews>.+)\. Aangenomen startdatum: \w+ "
     r"(?P<date>.+)\.",
     "The tender says 'as soon as possible'; the interviews are on {interviews}. Assumed start date: {date}."),
    (r"De uitvraag zegt 'z\.s\.m\.'; de aangenomen startdatum \((?P<date>.+)\) is niet door de opdrachtgever "
     r"bevestigd\.",
     "The tender says 'as soon as possible'; the assumed start date ({date}) is not confirmed by the client."),
    (r"De uitvraag noemt geen datum voor de gesprekken\.", "The tender gives no date for the interviews."),
    (r"De uitvraag noemt geen SROI; of de SROI-regeling van het (?P<das>.+) geldt, is niet bevestigd\.",
     "The tender does not mention SROI; whether the SROI scheme of the {das} applies is not confirmed."),
    (r"De uitvraag verwijst naar de SROI-regeling van het (?P<das>.+); drempel, percentage en telling \(per "
     r"opdracht of per leverancier\) komen uit de DAS-instellingen en zijn niet bevestigd\.",
     "The tender refers to the SROI scheme of the {das}; threshold, percentage and counting (per assignment or "
     "per supplier) come from the DAS settings and are not confirmed."),
    (r"Na (?P<step>.+) en het laagste tarief noemt de uitvraag geen volgende stap; aangenomen: loting\.",
     "After {step} and the lowest rate the tender names no next step; assumed: drawing lots."),
)  # fmt: skip
