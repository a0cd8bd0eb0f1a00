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
from compliance.documents.evidence import DocumentStatus
from compliance.i18n import reason
from compliance.models.findings import ParamUsed
from compliance.models.submission import Reference
from compliance.models.tender import Phase
from compliance.models.tender_v2 import Clause, CvRequirements

if TYPE_CHECKING:
    from compliance.documents.evidence import CvEvidence

PAGES = CheckInfo(
    check_id="CV-PAGES-001",
    title="Cv: maximaal aantal pagina's",
    severity=Severity.KNOCK_OUT,
    blocks_from=Phase.SUBMISSION,
    legal_refs=(),
    description="Het cv telt niet meer pagina's dan de uitvraag toestaat.",
)
LANGUAGE = CheckInfo(
    check_id="CV-LANG-001",
    title="Cv: opgesteld in de gevraagde taal",
    severity=Severity.KNOCK_OUT,
    blocks_from=Phase.SUBMISSION,
    legal_refs=(),
    description="Het cv is opgesteld in de taal die de uitvraag vraagt.",
)
REFERENCES = CheckInfo(
    check_id="CV-REFS-001",
    title="Cv: minimum aantal referenties",
    severity=Severity.KNOCK_OUT,
    blocks_from=Phase.SUBMISSION,
    legal_refs=(),
    description="Het cv noemt minstens het gevraagde aantal referenties, elk met naam en functie of contactgegeven.",
)

CV_NOT_REQUIRED = reason(
    "CV_NOT_REQUIRED",
    Status.NOT_APPLICABLE,
    "De uitvraag stelt deze cv-eis niet.",
    "The tender does not set this CV requirement.",
)
PAGES_OK = reason(
    "CV_PAGES_OK",
    Status.PASS,
    "Het cv telt {pages} pagina's (maximaal {max}).",
    "The CV has {pages} pages (at most {max}).",
)
PAGES_TOO_MANY = reason(
    "CV_PAGES_TOO_MANY",
    Status.FAIL,
    "Het cv telt {pages} pagina's; maximaal {max} toegestaan.",
    "The CV has {pages} pages; at most {max} allowed.",
    "Kort het cv in tot maximaal {max} pagina's (nu {pages}) en pas /documents/cv/pages aan.",
    "Shorten the CV to at most {max} pages (now {pages}) and update /documents/cv/pages.",
)
PAGES_UNKNOWN = reason(
    "CV_PAGES_UNKNOWN",
    Status.NEEDS_REVIEW,
    "Het aantal pagina's van het cv is niet bekend.",
    "The CV's page count is not known.",
    "Verwijs in /documents/cv/file naar het cv (PDF) of vul /documents/cv/pages in (maximaal {max}).",
    "Name the CV (PDF) in /documents/cv/file or fill in /documents/cv/pages (at most {max}).",
)
LANG_OK = reason(
    "CV_LANG_OK",
    Status.PASS,
    "Het cv is opgesteld in het {language}.",
    "The CV is written in {language_en}.",
)
LANG_WRONG = reason(
    "CV_LANG_WRONG",
    Status.FAIL,
    "Het cv is opgesteld in het {language}; gevraagd is {required}.",
    "The CV is written in {language_en}; {required_en} is required.",
    "Lever het cv in het {required} aan (nu {language}) en zet /documents/cv/language op '{required_code}'.",
    "Provide the CV in {required_en} (now {language_en}) and set /documents/cv/language to '{required_code}'.",
)
LANG_UNKNOWN = reason(
    "CV_LANG_UNKNOWN",
    Status.NEEDS_REVIEW,
    "De taal van het cv is niet vastgesteld; gevraagd is {required}.",
    "The CV's language is not determined; {required_en} is required.",
    "Lever het cv geheel in het {required} aan en zet /documents/cv/language op '{required_code}'.",
    "Provide the CV entirely in {required_en} and set /documents/cv/language to '{required_code}'.",
)
REFS_OK = reason(
    "CV_REFS_OK",
    Status.PASS,
    "Het cv noemt {count} volledige referentie(s) (minimaal {min}).",
    "The CV names {count} complete reference(s) (at least {min}).",
)
REFS_INCOMPLETE = reason(
    "CV_REFS_INCOMPLETE",
    Status.NEEDS_REVIEW,
    "Het cv noemt {count} volledige referentie(s) en {incomplete} zonder functie of contactgegeven (minimaal {min}).",
    "The CV names {count} complete reference(s) and {incomplete} without role or contact (at least {min}).",
    "Vul de functie (role) of een contactgegeven (contact) aan bij {incomplete_refs}.",
    "Add the role or a contact detail to {incomplete_refs}.",
)
REFS_TOO_FEW = reason(
    "CV_REFS_TOO_FEW",
    Status.FAIL,
    "Het cv noemt {total} referentie(s); minimaal {min} gevraagd.",
    "The CV names {total} reference(s); at least {min} required.",
    "Voeg nog {short} referentie(s) toe in /candidate/references (en in het cv), elk met naam en functie of "
    "contactgegeven.",
    "Add {short} more reference(s) to /candidate/references (and to the CV), each with a name and a role or contact.",
)
REFS_TOO_FEW_UNMATCHED = reason(
    "CV_REFS_TOO_FEW_UNMATCHED",
    Status.NEEDS_REVIEW,
    "Het cv noemt {total} herkende referentie(s); minimaal {min} gevraagd. Het cv heeft een kopje met referenties "
    "dat een beoordelaar moet lezen.",
    "The CV names {total} recognised reference(s); at least {min} required. The CV has a references section a "
    "reviewer must read.",
    "Schrijf de namen in /candidate/references precies zoals onder het kopje referenties in het cv (nog {short} "
    "nodig).",
    "Write the names in /candidate/references exactly as under the CV's references heading ({short} more needed).",
)
CV_UNREADABLE = reason(
    "CV_DOCUMENT_UNUSABLE",
    Status.NEEDS_REVIEW,
    "{what} kan niet uit het cv worden vastgesteld: {problem}.",
    "{what_en} cannot be established from the CV: {problem_en}.",
    "{fix}",
    "{fix_en}",
)
CV_UNREADABLE_SEE = reason(
    "CV_DOCUMENT_UNUSABLE_SEE",
    Status.NEEDS_REVIEW,
    "{what} kan niet uit het cv worden vastgesteld: {problem} (zie {primary}).",
    "{what_en} cannot be established from the CV: {problem_en} (see {primary}).",
    "Zie de oplossing bij {primary}.",
    "See the remedy under {primary}.",
)
REFS_NAME_MISMATCH = reason(
    "CV_REFS_NAME_MISMATCH",
    Status.NEEDS_REVIEW,
    "De naam van referentie(s) {mismatched} staat anders in het cv; zonder die referentie(s) noemt het cv er "
    "{count} (minimaal {min}).",
    "The name of reference(s) {mismatched} is written differently in the CV; without them the CV names {count} "
    "(at least {min}).",
    "Schrijf de naam in /candidate/references zoals het cv die vermeldt: {mismatched}.",
    "Write the name in /candidate/references as the CV gives it: {mismatched}.",
)
REFS_NOT_IN_CV = reason(
    "CV_REFS_NOT_IN_CV",
    Status.FAIL,
    "Het cv noemt {named} van de {total} opgegeven referentie(s) (minimaal {min} gevraagd); niet in het cv gevonden: {missing}.",
    "The CV names {named} of the {total} declared reference(s) (at least {min} required); not found in the CV: {missing}.",
    "Neem in het cv een kopje referenties op met {missing}, elk met naam en functie of contactgegeven.",
    "Add a references section to the CV naming {missing}, each with a name and a role or contact.",
)
REFS_NOT_IN_CV_UNMATCHED = reason(
    "CV_REFS_NOT_IN_CV_UNMATCHED",
    Status.NEEDS_REVIEW,
    "Het cv noemt {named} van de {total} opgegeven referentie(s) (minimaal {min} gevraagd); niet herkend in het cv: "
    "{missing}. Het cv heeft een kopje met referenties dat een beoordelaar moet lezen.",
    "The CV names {named} of the {total} declared reference(s) (at least {min} required); not recognised in the CV: "
    "{missing}. The CV has a references section a reviewer must read.",
    "Schrijf {missing} in /candidate/references zoals onder het kopje referenties in het cv, of neem ze daar op.",
    "Write {missing} in /candidate/references as under the CV's references heading, or add them there.",
)

# What is wrong with a CV file and what to do about it, per document status: (problem, fix), Dutch then
# English, with {path} the file as the offer names it. One CV finding gives the fix; the others refer to it.
_FILE_PROBLEMS: dict[str, tuple[str, str, str, str]] = {
    DocumentStatus.MISSING.value: (
        "bestand niet gevonden: {path}",
        "Zet het cv-bestand op {path} (naast het aanbod) of corrigeer de verwijzing in /documents/cv/file.",
        "file not found: {path}",
        "Put the CV file at {path} (next to the offer) or correct the reference in /documents/cv/file.",
    ),
    DocumentStatus.ENCRYPTED.value: (
        "het cv-bestand {path} is beveiligd met een wachtwoord",
        "Lever {path} aan zonder wachtwoord of beveiliging.",
        "the CV file {path} is password-protected",
        "Provide {path} without a password or protection.",
    ),
    DocumentStatus.NOT_PDF.value: (
        "het cv-bestand {path} is geen PDF",
        "Lever het cv aan als PDF en verwijs daarnaar in /documents/cv/file (nu {path}).",
        "the CV file {path} is not a PDF",
        "Provide the CV as a PDF and name it in /documents/cv/file (now {path}).",
    ),
    DocumentStatus.TOO_LARGE.value: (
        "het cv-bestand {path} is te groot",
        "Verklein {path} (bijvoorbeeld zonder grote afbeeldingen) en lever het opnieuw aan.",
        "the CV file {path} is too large",
        "Reduce {path} (for example without large images) and provide it again.",
    ),
    "no_text": (
        "het cv-bestand {path} bevat (vrijwel) geen leesbare tekst, bijvoorbeeld een scan",
        "Lever {path} aan als PDF met tekst (opgeslagen vanuit de tekstverwerker, geen scan).",
        "the CV file {path} has (almost) no readable text, for example a scan",
        "Provide {path} as a PDF with text (saved from the word processor, not a scan).",
    ),
}
_DAMAGED = (
    "het cv-bestand {path} is beschadigd of onvolledig",
    "Lever {path} opnieuw aan als volledige, onbeschadigde PDF.",
    "the CV file {path} is damaged or incomplete",
    "Provide {path} again as a complete, undamaged PDF.",
)

_LANGUAGE_NL = {"nl": "Nederlands", "en": "Engels", "de": "Duits", "fr": "Frans", "und": "onbepaald"}
_LANGUAGE_EN = {"nl": "Dutch", "en": "English", "de": "German", "fr": "French", "und": "undetermined"}


def _language(code: str) -> str:
    return _LANGUAGE_NL.get(code, code)


def _language_args(found: str, required: str) -> dict[str, str]:
    """The languages as the reason names them, in both languages, and the code the offer should state."""
    return {
        "language": _language(found),
        "language_en": _LANGUAGE_EN.get(found, found),
        "required": _language(required),
        "required_en": _LANGUAGE_EN.get(required, required),
        "required_code": required,
    }


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
        return finding(PAGES, CV_NOT_REQUIRED)
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
            return _unusable(PAGES, document, ("Het aantal pagina's", "The page count"), basis, spec)
        basis.facts.append(document.fact("aantal pagina's (pdf)", document.info.pages))
        if pages is not None and pages != document.info.pages:
            basis.attention.append(f"Opgegeven: {pages} pagina's; het cv-bestand telt er {document.info.pages}.")
        pages = document.info.pages
    args = {"pages": str(pages), "max": str(spec.max_pages)}
    if pages is None:
        return finding(PAGES, PAGES_UNKNOWN, args=args, basis=basis)
    code = PAGES_OK if pages <= spec.max_pages else PAGES_TOO_MANY
    return finding(PAGES, code, args=args, basis=basis)


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
        return finding(LANGUAGE, CV_NOT_REQUIRED)
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
            return _unusable(LANGUAGE, document, ("De taal", "The language"), basis, spec)
        detected = document.language
        basis.facts.append(document.fact("taal cv (herkend)", f"{detected.code} ({detected.detail})"))
        if detected.code == "und":
            basis.attention.append(f"De taal van het cv-bestand is niet eenduidig: {detected.detail}.")
        elif language is not None and language != detected.code:
            basis.attention.append(
                f"Opgegeven taal: {_language(language)}; het cv-bestand is in het {_language(detected.code)}."
            )
        language = detected.code
    args = _language_args(language or "und", spec.language)
    if language is None or language == "und":
        return finding(LANGUAGE, LANG_UNKNOWN, args=args, basis=basis)
    code = LANG_OK if language == spec.language else LANG_WRONG
    return finding(LANGUAGE, code, args=args, basis=basis)


def _references_static(ctx: CheckContext) -> tuple[Finding | None, tuple[str, ...], tuple[ParamUsed, ...]]:
    """Per tender: the finding when the tender sets no minimum, else the references and parameter to cite."""
    spec = ctx.tender.cv
    if spec is None or spec.min_references is None:
        return finding(REFERENCES, CV_NOT_REQUIRED), (), ()
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
            "short": str(spec.min_references - len(references)),
            "incomplete_refs": _incomplete(declared_references, references),
        }
        if complete >= spec.min_references:
            code = REFS_OK
        elif len(references) >= spec.min_references:
            code = REFS_INCOMPLETE
        else:
            code = REFS_TOO_FEW
        return conclude(REFERENCES, refs, code, args, params, tuple(facts), (), attention)
    basis = Basis(clause=_clause(spec), params=list(params), facts=facts, attention=list(attention))
    return _references_in_cv(document, declared_references, references, spec, basis)


def _references_in_cv(
    document: CvEvidence,
    declared_references: list[Reference],
    references: list[Reference],
    spec: CvRequirements,
    basis: Basis,
) -> Finding:
    """The references check when a CV file was read: only the references the CV itself names count,
    each found by its full name (surname and first name or initial), with what the CV says quoted."""
    from compliance.documents.cv_text import find_references  # only when a CV file was read

    if not document.has_text:
        return _unusable(REFERENCES, document, ("Het aantal referenties", "The number of references"), basis, spec)
    minimum = spec.min_references
    assert minimum is not None  # else the tender sets no minimum
    # A references section whose entries we cannot match by name needs a person; none at all fails.
    heading = find_references(document.text, []).heading
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
            code = REFS_NOT_IN_CV_UNMATCHED if heading else REFS_NOT_IN_CV
            return finding(REFERENCES, code, args=args, basis=basis)
        basis.attention.append(f"Opgegeven maar niet in het cv-bestand gevonden: {missing}.")
    mismatch_text = "; ".join(f"{r.name} (cv: '{f.quoted}')" for r, f in mismatched)
    complete = [r for r in matched if (r.role or r.contact)]
    args = {
        "count": str(len(complete)),
        "incomplete": str(len(matched) - len(complete)),
        "total": str(len(matched)),
        "min": str(minimum),
        "mismatched": mismatch_text,
        "incomplete_refs": _incomplete(declared_references, matched),
    }
    if len(complete) >= minimum:
        if mismatched:
            basis.attention.append(f"Naam anders in het cv: {mismatch_text}.")
        return finding(REFERENCES, REFS_OK, args=args, basis=basis)
    if mismatched and named >= minimum:
        return finding(REFERENCES, REFS_NAME_MISMATCH, args=args, basis=basis)
    if len(matched) >= minimum:
        return finding(REFERENCES, REFS_INCOMPLETE, args=args, basis=basis)
    args["short"] = str(minimum - len(matched))
    return finding(REFERENCES, REFS_TOO_FEW_UNMATCHED if heading else REFS_TOO_FEW, args=args, basis=basis)


def _incomplete(declared_references: list[Reference], counted: list[Reference]) -> str:
    """The counted references that lack a role and a contact, by JSON pointer and name."""
    return "; ".join(
        f"/candidate/references/{index} ({reference.name})"
        for index, reference in enumerate(declared_references)
        if any(reference is r for r in counted) and not (reference.role or reference.contact)
    )


def primary_cv_check(spec: CvRequirements | None, document: CvEvidence) -> str | None:
    """The CV check whose finding says what is wrong with an unusable CV file: the first the tender sets
    that cannot use it (a readable file without text still has a page count).

    The other findings that cannot use the file refer to it, so the reader gets one fix, not four.
    """
    if spec is None:
        return None
    pages = None if document.readable else spec.max_pages
    for info, value in ((PAGES, pages), (LANGUAGE, spec.language), (REFERENCES, spec.min_references)):
        if value is not None:
            return info.check_id
    return None


def file_problem(document: CvEvidence) -> dict[str, str]:
    """What is wrong with the CV file and how to fix it, in both languages (``problem``, ``fix``, ``*_en``)."""
    key = document.info.status if not document.readable else "no_text"
    problem, fix, problem_en, fix_en = _FILE_PROBLEMS.get(key, _DAMAGED)
    path = document.info.path
    return {
        "problem": problem.format(path=path),
        "fix": fix.format(path=path),
        "problem_en": problem_en.format(path=path),
        "fix_en": fix_en.format(path=path),
    }


def unusable_args(info: CheckInfo, document: CvEvidence, spec: CvRequirements | None) -> tuple[str, dict[str, str]]:
    """The reason code and arguments for a finding that cannot use the CV file: the fix itself for the
    primary CV check (or when the tender sets no CV check), a reference to it for the others."""
    args = file_problem(document)
    primary = primary_cv_check(spec, document)
    if primary is None or primary == info.check_id:
        return CV_UNREADABLE, args
    return CV_UNREADABLE_SEE, args | {"primary": primary}


def _unusable(
    info: CheckInfo, document: CvEvidence, what: tuple[str, str], basis: Basis, spec: CvRequirements
) -> Finding:
    """The CV file was given but its facts cannot be used: a person must look (never a pass)."""
    basis.facts.append(document.fact("cv-bestand", document.info.detail or document.info.status))
    code, args = unusable_args(info, document, spec)
    args |= {"what": what[0], "what_en": what[1]}
    return finding(info, code, args=args, basis=basis)
