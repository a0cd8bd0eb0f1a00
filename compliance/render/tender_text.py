"""A tender in plain Dutch, for the people who write offers: eisen, wensen, words, conditions, doubts.

Used by ``compliance tenders show``; the same lines are what an agency needs before it fills in
``compliance offer new``.
"""

from __future__ import annotations

from compliance.dates import eur, nl_date
from compliance.models.tender_v2 import (
    CertificateRequirement,
    EducationRequirement,
    ExperienceRequirement,
    RegistrationRequirement,
    Requirement,
    TenderV2,
    Term,
)

_KIND = {"knockout": "eis (knock-out)", "scored": "wens"}
_ZZP = {
    "excluded": "zzp'ers zijn uitgesloten (Wet DBA)",
    "allowed": "zzp'ers zijn toegestaan",
    "silent": "de uitvraag zegt niets over zzp'ers (aanname: uitgesloten)",
}


def _weight(requirement: Requirement) -> str:
    if requirement.points is not None:
        return f" ({requirement.points} punten)"
    if requirement.percent is not None:
        return f" ({requirement.percent}%)"
    return ""


def requirement_text(requirement: Requirement, tender: TenderV2) -> str:
    """What the software checks for this requirement, in words."""
    vocabulary = tender.vocabulary
    if isinstance(requirement, EducationRequirement):
        names = ", ".join(p.name for p in requirement.accepted_programmes) or "(geen lijst)"
        extra = "; een andere relevante opleiding wordt beoordeeld" if requirement.open_ended else ""
        return f"afgeronde opleiding, minimaal {requirement.min_level.value}: {names}{extra}"
    if isinstance(requirement, RegistrationRequirement):
        aliases = f" (ook: {', '.join(requirement.aliases)})" if requirement.aliases else ""
        moments = " en ".join("sluiting" if m == "deadline" else "start" for m in requirement.valid_at)
        return f"registratie in {requirement.register_name}{aliases}, geldig bij {moments}; nummer: {requirement.number_format.description}"
    if isinstance(requirement, ExperienceRequirement):
        parts = []
        if requirement.min_months is not None:
            parts.append(f"minimaal {requirement.min_months} maanden")
        if requirement.window_years is not None:
            parts.append(f"in de laatste {requirement.window_years} jaar vóór de sluiting")
        if requirement.roles:
            parts.append("als " + " of ".join(vocabulary.roles[c].label for c in requirement.roles))
        if requirement.employer_kinds:
            parts.append("bij " + " of ".join(vocabulary.employer_kinds[c].label for c in requirement.employer_kinds))
        if requirement.domains:
            parts.append("met " + " en ".join(vocabulary.domains[c].label for c in requirement.domains))
        if requirement.example_required:
            parts.append("met een voorbeeld")
        return "ervaring " + ", ".join(parts)
    if isinstance(requirement, CertificateRequirement):
        labels = [c.name for c in requirement.certificates] + [vocabulary.domains[c].label for c in requirement.domains]
        return "afgeronde cursus of certificaat: " + " of ".join(labels)
    return "een beoordelaar toetst uw antwoord (vul /answers in)"


def _terms(title: str, terms: dict[str, Term]) -> list[str]:
    if not terms:
        return []
    lines = [f"  {title}:"]
    for code, term in terms.items():
        words = ", ".join(term.synonyms) or "-"
        review = f"; te beoordelen: {', '.join(term.review_synonyms)}" if term.review_synonyms else ""
        lines.append(f"    {code} — {term.label}: {words}{review}")
    return lines


def describe(tender: TenderV2) -> str:
    """The tender as a few dozen lines of Dutch text."""
    rate = tender.rate
    lines = [
        f"{tender.tender_id}: {tender.title} — {tender.organisation}",
        f"Sluiting: {tender.deadline.isoformat()} · start: {nl_date(tender.start.planned_date)}"
        + (" (aangenomen; z.s.m.)" if tender.start.kind == "asap" else ""),
        f"Maximumtarief: {eur(rate.max_hourly_rate_eur) if rate.max_hourly_rate_eur else 'geen'}"
        + (f" {'excl.' if rate.vat_basis == 'excluded' else 'incl.'} btw" if rate.max_hourly_rate_eur else "")
        + (" (aanname)" if rate.vat_basis_is_assumption else "")
        + (f", inclusief {' en '.join(rate.includes)}" if rate.includes else ""),
        "",
        "Voorwaarden:",
        f"  Wet DBA: {_ZZP[tender.conditions.dba.zzp]}",
        "  Waadi: elke uitlener moet geregistreerd zijn"
        + ("" if tender.conditions.waadi.stated_in_posting else " (volgt uit de wet; de uitvraag zwijgt)"),
    ]
    vog = tender.conditions.vog
    if vog is not None and vog.required:
        aspects = ", ".join(vog.functieaspecten) or "niet genoemd"
        lines.append(f"  VOG (fase {vog.phase.value}): functieaspecten {aspects}")
    if tender.conditions.integrity_declaration is not None:
        lines.append("  Integriteitsverklaring gevraagd")
    if tender.conditions.sroi is not None:
        lines.append("  SROI: volgens de uitvraag en de DAS-instellingen")
    lines += ["", "Eisen en wensen:"]
    for requirement in tender.requirements:
        lines.append(
            f"  {requirement.id} — {_KIND[requirement.kind]}{_weight(requirement)}: {requirement_text(requirement, tender)}"
        )
        if requirement.clause.text:
            lines.append(f'      "{requirement.clause.text}"')
    if tender.cv is not None:
        cv = tender.cv
        lines += [
            "",
            f"Cv: maximaal {cv.max_pages or '-'} pagina's, taal {cv.language or '-'}, minimaal {cv.min_references or 0} referenties",
        ]
    vocabulary = tender.vocabulary
    words = _terms("rollen", vocabulary.roles) + _terms("werkgevers", vocabulary.employer_kinds)
    words += _terms("doelgroepen en onderwerpen", vocabulary.domains)
    if words:
        lines += ["", "Woorden waarop het cv wordt gelezen (code — omschrijving: synoniemen):", *words]
    if tender.open_items:
        lines += ["", "Nog te bevestigen (de controle gebruikt tot dan een aanname):"]
        lines += [f"  {item.pointer}: {item.reason}" for item in tender.open_items]
    return "\n".join(lines) + "\n"
