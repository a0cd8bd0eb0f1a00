"""CV-PAGES-001, CV-LANG-001, CV-REFS-001: the posting's formal CV requirements.

When the submission names a CV file, the documents stage reads it, and what the PDF shows (its
page count, its detected language, the references it names) overrides what was declared; a
difference is reported as an attention point. A reference is found in the CV by its full name and
quoted as the CV writes it; a first name that differs needs review; the same person listed twice
counts once (see :mod:`compliance.checks.reference_names`). A CV file that cannot be read, or has no text
layer, needs review. Without a CV file the declaration is all there is, as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from compliance.checks.base import (
    Basis,
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
from compliance.checks.reference_names import NameMatch, find_name, unique_references
from compliance.i18n import define
from compliance.models.findings import ParamUsed
from compliance.models.submission import Reference
from compliance.models.tender_v2 import Clause, CvRequirements

if TYPE_CHECKING:
    from compliance.documents.evidence import CvEvidence

PAGES = CheckInfo(
    check_id="CV-PAGES-001",
    title="Cv: maximaal aantal pagina's",
    severity=Severity.KNOCK_OUT,
    legal_refs=(),
    description="Het cv telt niet meer pagina's dan de uitvraag toestaat.",
)
LANGUAGE = CheckInfo(
    check_id="CV-LANG-001",
    title="Cv: opgesteld in de gevraagde taal",
    severity=Severity.KNOCK_OUT,
    legal_refs=(),
    description="Het cv is opgesteld in de taal die de uitvraag vraagt.",
)
REFERENCES = CheckInfo(
    check_id="CV-REFS-001",
    title="Cv: minimum aantal referenties",
    severity=Severity.KNOCK_OUT,
    legal_refs=(),
    description="Het cv noemt minstens het gevraagde aantal referenties, elk met naam en functie of contactgegeven.",
)

CV_NOT_REQUIRED = define(
    "CV_NOT_REQUIRED", "De uitvraag stelt deze cv-eis niet.", "The tender does not set this CV requirement."
)
PAGES_OK = define(
    "CV_PAGES_OK", "Het cv telt {pages} pagina's (maximaal {max}).", "The CV has {pages} pages (at most {max})."
)
PAGES_TOO_MANY = define(
    "CV_PAGES_TOO_MANY",
    "Het cv telt {pages} pagina's; maximaal {max} toegestaan.",
    "The CV has {pages} pages; at most {max} allowed.",
    "Kort het cv in tot maximaal {max} pagina's.",
    "Shorten the CV to at most {max} pages.",
)
PAGES_UNKNOWN = define(
    "CV_PAGES_UNKNOWN",
    "Het aantal pagina's van het cv is niet bekend.",
    "The CV's page count is not known.",
    "Voeg het cv toe of vermeld het aantal pagina's.",
    "Attach the CV or state its page count.",
)
LANG_OK = define("CV_LANG_OK", "Het cv is opgesteld in het {language}.", "The CV is written in {language}.")
LANG_WRONG = define(
    "CV_LANG_WRONG",
    "Het cv is opgesteld in het {language}; gevraagd is {required}.",
    "The CV is written in {language}; {required} is required.",
    "Lever een cv in het {required} aan.",
    "Provide a CV in {required}.",
)
LANG_UNKNOWN = define(
    "CV_LANG_UNKNOWN",
    "De taal van het cv is niet vastgesteld; gevraagd is {required}.",
    "The CV's language is not determined; {required} is required.",
    "Lever een cv in het {required} aan.",
    "Provide a CV in {required}.",
)
REFS_OK = define(
    "CV_REFS_OK",
    "Het cv noemt {count} volledige referentie(s) (minimaal {min}).",
    "The CV names {count} complete reference(s) (at least {min}).",
)
REFS_INCOMPLETE = define(
    "CV_REFS_INCOMPLETE",
    "Het cv noemt {count} volledige referentie(s) en {incomplete} zonder functie of contactgegeven (minimaal {min}).",
    "The CV names {count} complete reference(s) and {incomplete} without role or contact (at least {min}).",
    "Vul bij elke referentie de functie of een contactgegeven aan.",
    "Add a role or contact detail to every reference.",
)
REFS_TOO_FEW = define(
    "CV_REFS_TOO_FEW",
    "Het cv noemt {total} referentie(s); minimaal {min} gevraagd.",
    "The CV names {total} reference(s); at least {min} required.",
    "Neem minimaal {min} referenties op, met naam en functie of contactgegeven.",
    "Include at least {min} references, with name and role or contact.",
)

CV_UNREADABLE = define(
    "CV_DOCUMENT_UNUSABLE",
    "{what} kan niet uit het cv worden vastgesteld: {problem}.",
    "{what} cannot be established from the CV: {problem}.",
    "Lever het cv aan als leesbare, onbeveiligde PDF met tekst (geen scan).",
    "Provide the CV as a readable, unprotected PDF with text (not a scan).",
)
REFS_NAME_MISMATCH = define(
    "CV_REFS_NAME_MISMATCH",
    "De naam van referentie(s) {mismatched} staat anders in het cv; zonder die referentie(s) noemt het cv er "
    "{count} (minimaal {min}).",
    "The name of reference(s) {mismatched} is written differently in the CV; without them the CV names {count} "
    "(at least {min}).",
    "Zorg dat de opgegeven namen van de referenties gelijk zijn aan wat het cv vermeldt.",
    "Make the declared reference names match what the CV states.",
)
REFS_NOT_IN_CV = define(
    "CV_REFS_NOT_IN_CV",
    "Het cv noemt {named} van de {total} opgegeven referentie(s) (minimaal {min} gevraagd); niet in het cv gevonden: {missing}.",
    "The CV names {named} of the {total} declared reference(s) (at least {min} required); not found in the CV: {missing}.",
    "Neem minimaal {min} referenties met naam en functie of contactgegeven op in het cv zelf.",
    "Include at least {min} references with name and role or contact in the CV itself.",
)

_LANGUAGE_NL = {"nl": "Nederlands", "en": "Engels", "de": "Duits", "fr": "Frans", "und": "onbepaald"}


def _language(code: str) -> str:
    return _LANGUAGE_NL.get(code, code)


def _clause(spec: CvRequirements) -> Clause:
    return clause_or(spec.clause, "Uitvraag, cv-eisen")


def evaluate_pages(ctx: CheckContext) -> Finding:
    """Declared page count against the maximum."""
    if ctx.documents.cv is None:
        # Without a CV file the finding depends on the declared page count alone (an int up to 1000, or None).
        cv = ctx.submission.documents.cv
        return ctx.static(("cv.pages", cv.pages if cv else None), lambda: _pages(ctx))
    return _pages(ctx)


def _pages(ctx: CheckContext) -> Finding:
    spec = ctx.tender.cv
    if spec is None or spec.max_pages is None:
        return finding(PAGES, Status.NOT_APPLICABLE, CV_NOT_REQUIRED, blocking=False)
    cv = ctx.submission.documents.cv
    pages = cv.pages if cv else None
    basis = Basis(
        clause=_clause(spec),
        params=[tender_param("max_paginas", str(spec.max_pages), _clause(spec), ctx)],
        facts=[declared("aantal pagina's", pages, "/documents/cv/pages")],
    )
    document = ctx.documents.cv
    if document is not None:
        if not document.readable:
            return _unusable(PAGES, document, "Het aantal pagina's", basis)
        basis.facts.append(document.fact("aantal pagina's (pdf)", document.info.pages))
        if pages is not None and pages != document.info.pages:
            basis.attention.append(f"Opgegeven: {pages} pagina's; het cv-bestand telt er {document.info.pages}.")
        pages = document.info.pages
    args = {"pages": str(pages), "max": str(spec.max_pages)}
    if pages is None:
        return finding(PAGES, Status.NEEDS_REVIEW, PAGES_UNKNOWN, blocking=True, args=args, basis=basis)
    status, code = (Status.PASS, PAGES_OK) if pages <= spec.max_pages else (Status.FAIL, PAGES_TOO_MANY)
    return finding(PAGES, status, code, blocking=True, args=args, basis=basis)


def evaluate_language(ctx: CheckContext) -> Finding:
    """Declared language against the required one; undetermined needs review."""
    if ctx.documents.cv is None:
        # Without a CV file the finding depends on the declared code alone (two letters, 'und' or None).
        cv = ctx.submission.documents.cv
        return ctx.static(("cv.language", cv.language if cv else None), lambda: _language_finding(ctx))
    return _language_finding(ctx)


def _language_finding(ctx: CheckContext) -> Finding:
    spec = ctx.tender.cv
    if spec is None or spec.language is None:
        return finding(LANGUAGE, Status.NOT_APPLICABLE, CV_NOT_REQUIRED, blocking=False)
    cv = ctx.submission.documents.cv
    language = cv.language if cv else None
    basis = Basis(
        clause=_clause(spec),
        params=[tender_param("taal", spec.language, _clause(spec), ctx)],
        facts=[declared("taal cv", language, "/documents/cv/language")],
    )
    document = ctx.documents.cv
    if document is not None:
        if not document.readable or document.language is None:
            return _unusable(LANGUAGE, document, "De taal", basis)
        detected = document.language
        basis.facts.append(document.fact("taal cv (herkend)", f"{detected.code} ({detected.detail})"))
        if detected.code == "und":
            basis.attention.append(f"De taal van het cv-bestand is niet eenduidig: {detected.detail}.")
        elif language is not None and language != detected.code:
            basis.attention.append(
                f"Opgegeven taal: {_language(language)}; het cv-bestand is in het {_language(detected.code)}."
            )
        language = detected.code
    args = {"language": _language(language or "und"), "required": _language(spec.language)}
    if language is None or language == "und":
        return finding(LANGUAGE, Status.NEEDS_REVIEW, LANG_UNKNOWN, blocking=True, args=args, basis=basis)
    status, code = (Status.PASS, LANG_OK) if language == spec.language else (Status.FAIL, LANG_WRONG)
    return finding(LANGUAGE, status, code, blocking=True, args=args, basis=basis)


def _references_static(ctx: CheckContext) -> tuple[Finding | None, tuple[str, ...], tuple[ParamUsed, ...]]:
    """Per tender: the finding when the tender sets no minimum, else the references and parameter to cite."""
    spec = ctx.tender.cv
    if spec is None or spec.min_references is None:
        return finding(REFERENCES, Status.NOT_APPLICABLE, CV_NOT_REQUIRED, blocking=False), (), ()
    return (
        None,
        clause_refs(REFERENCES, _clause(spec)),
        (tender_param("min_referenties", str(spec.min_references), _clause(spec), ctx),),
    )


def evaluate_references(ctx: CheckContext) -> Finding:
    """Count references with a name and a role or contact; incomplete ones need review."""
    not_required, refs, params = ctx.static("cv.references", lambda: _references_static(ctx))
    if not_required is not None:
        return not_required
    spec = ctx.tender.cv
    assert spec is not None and spec.min_references is not None  # else the tender sets no minimum
    declared_references = ctx.submission.candidate.references
    facts = [
        declared("referentie", f"{r.name}, {r.role or '(geen functie)'}", f"/candidate/references/{i}")
        for i, r in enumerate(declared_references)
    ]
    # The same person listed twice (name and organisation, however written) counts once.
    kept, repeats = unique_references(declared_references)
    references = [declared_references[i] for i in kept]
    attention = tuple(
        f"Referentie {declared_references[i].name} ({declared_references[i].organisation or 'geen organisatie'}) "
        "staat meer dan eens in het aanbod en telt één keer."
        for i in repeats
    )
    document = ctx.documents.cv
    if document is None:
        complete = sum(1 for r in references if (r.role or r.contact))
        args = {
            "count": str(complete),
            "incomplete": str(len(references) - complete),
            "total": str(len(references)),
            "min": str(spec.min_references),
        }
        if complete >= spec.min_references:
            status, code = Status.PASS, REFS_OK
        elif len(references) >= spec.min_references:
            status, code = Status.NEEDS_REVIEW, REFS_INCOMPLETE
        else:
            status, code = Status.FAIL, REFS_TOO_FEW
        return conclude(REFERENCES, refs, status, code, True, args, params, tuple(facts), (), attention)
    basis = Basis(clause=_clause(spec), params=list(params), facts=facts, attention=list(attention))
    return _references_in_cv(document, references, spec.min_references, basis)


def _references_in_cv(document: CvEvidence, references: list[Reference], minimum: int, basis: Basis) -> Finding:
    """The references check when a CV file was read: only the references the CV itself names count,
    each found by its full name (surname and first name or initial), with what the CV says quoted."""
    from compliance.documents.cv_text import find_references  # only when a CV file was read

    if not document.has_text:
        return _unusable(REFERENCES, document, "De referenties", basis)
    # A references section whose entries we cannot match by name needs a person; none at all fails.
    short_status = Status.NEEDS_REVIEW if find_references(document.text, []).heading else Status.FAIL
    found = [find_name(document.text, reference.name) for reference in references]
    matched = [r for r, f in zip(references, found, strict=True) if f.match is NameMatch.MATCH]
    mismatched = [(r, f) for r, f in zip(references, found, strict=True) if f.match is NameMatch.MISMATCH]
    absent = [r for r, f in zip(references, found, strict=True) if f.match is NameMatch.ABSENT]
    for reference, result in zip(references, found, strict=True):
        basis.facts.append(
            document.fact(f"referentie {reference.name} in cv", f"'{result.quoted}'" if result.quoted else None)
        )
    named = len(matched) + len(mismatched)
    if absent:
        missing = ", ".join(r.name for r in absent)
        if named < minimum and len(references) >= minimum:
            args = {"named": str(named), "total": str(len(references)), "min": str(minimum), "missing": missing}
            return finding(REFERENCES, short_status, REFS_NOT_IN_CV, blocking=True, args=args, basis=basis)
        basis.attention.append(f"Opgegeven maar niet in het cv-bestand gevonden: {missing}.")
    mismatch_text = "; ".join(f"{r.name} (cv: '{f.quoted}')" for r, f in mismatched)
    complete = [r for r in matched if (r.role or r.contact)]
    args = {
        "count": str(len(complete)),
        "incomplete": str(len(matched) - len(complete)),
        "total": str(len(matched)),
        "min": str(minimum),
        "mismatched": mismatch_text,
    }
    if len(complete) >= minimum:
        if mismatched:
            basis.attention.append(f"Naam anders in het cv: {mismatch_text}.")
        return finding(REFERENCES, Status.PASS, REFS_OK, blocking=True, args=args, basis=basis)
    if mismatched and named >= minimum:
        return finding(REFERENCES, Status.NEEDS_REVIEW, REFS_NAME_MISMATCH, blocking=True, args=args, basis=basis)
    if len(matched) >= minimum:
        return finding(REFERENCES, Status.NEEDS_REVIEW, REFS_INCOMPLETE, blocking=True, args=args, basis=basis)
    return finding(REFERENCES, short_status, REFS_TOO_FEW, blocking=True, args=args, basis=basis)


def _unusable(info: CheckInfo, document: CvEvidence, what: str, basis: Basis) -> Finding:
    """The CV file was given but its facts cannot be used: a person must look (never a pass)."""
    basis.facts.append(document.fact("cv-bestand", document.info.detail or document.info.status))
    args = {"what": what, "problem": document.problem()}
    return finding(info, Status.NEEDS_REVIEW, CV_UNREADABLE, blocking=True, args=args, basis=basis)
