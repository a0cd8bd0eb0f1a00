"""Field rules for the maximum rate and the legal conditions: Wet DBA, Waadi, VOG, integrity, SROI."""

from __future__ import annotations

import re
from decimal import Decimal

from compliance.dates import eur
from compliance.importer.amounts import NUMBER, find_euros, number_value
from compliance.importer.draft import Phase, Rate, Sroi, VatBasis, Vog
from compliance.importer.resolve import resolve
from compliance.importer.sections import Layout
from compliance.importer.sentences import Sentence, matching, sentences
from compliance.importer.text import Doubt, Posting, Source, Sourced

_RATE = re.compile(
    r"maximum\s*(?:uur)?tarief|maximaal\s+(?:uur)?tarief|max\.?\s*(?:uur)?tarief|uurtarief\s+(?:van\s+)?(?:maximaal|max)|tarief\s+(?:bedraagt|is)\s+maximaal|uurtarief\s+bedraagt",
    re.IGNORECASE,
)
_NO_RATE = re.compile(
    r"geen\s+maximum\s*(?:uur)?tarief|geen\s+max(?:imaal|\.)?\s*(?:uur)?tarief|tarief\s+(?:is\s+)?vrij|tarief\s+in\s+overleg",
    re.IGNORECASE,
)
_VAT = re.compile(
    r"(?P<which>excl(?:usief|\.)?|incl(?:usief|\.)?|zonder|met)\s*(?:de\s+)?(?:[a-z]+\s*(?:,|en)\s*)*?(?:btw|b\.t\.w\.)",
    re.IGNORECASE,
)
_INCLUDES = re.compile(r"incl(?:usief|\.)?\s+(?P<what>[^.;]*)", re.IGNORECASE)
_FEE_SECTION = ("fee",)


def _vat_basis(text: str) -> VatBasis | None:
    match = _VAT.search(text)
    if match is None:
        return None
    return "excluded" if match.group("which").casefold().startswith(("excl", "zonder")) else "included"


def _includes(text: str) -> tuple[str, ...]:
    found: list[str] = []
    for match in _INCLUDES.finditer(text):
        what = match.group("what").casefold()
        what = re.split(r"\b(?:excl|exclusief)\b", what)[0]
        for cost in ("reiskosten", "reistijd", "fee"):
            if cost in what and cost not in found:
                found.append(cost)
    return tuple(found)


def _rate_of(text: str, source: Source) -> Sourced[Rate] | None:
    if _NO_RATE.search(text):
        return Sourced(Rate(None), source)
    amounts = [amount for amount, _, _ in find_euros(text) if amount < 1000]  # an hourly rate, not a contract value
    if not amounts:
        return None
    ranged = len(amounts) >= 2 and re.search(r"\btot\b|tussen|–|-\s*€", text)
    high = max(amounts) if ranged else amounts[0]
    low = min(amounts) if ranged else None
    return Sourced(Rate(high, low, _vat_basis(text), _includes(text)), source)


def rate(layout: Layout, posting: Posting) -> tuple[Sourced[Rate] | None, list[Doubt]]:
    """The maximum hourly rate, its BTW basis and what it includes; never from the Flextender fee section."""
    fee_lines = {line.number for line in layout.lines_of(*_FEE_SECTION)}
    candidates: list[Sourced[Rate]] = []
    for item in layout.summary.get("rate", []):
        found = _rate_of(item.value, item.source)
        if found:
            candidates.append(found)
    rate_lines = layout.lines_of("rate")
    for sentence in sentences(rate_lines):
        found = _rate_of(sentence.text, sentence.source)
        if found is not None and (found.value.max_eur is not None or _NO_RATE.search(sentence.text)):
            candidates.append(found)
    in_section = {line.number for line in rate_lines}
    for sentence in sentences(layout.preamble + [line for s in layout.sections for line in s.body]):
        if sentence.line.number in fee_lines or sentence.line.number in in_section:
            continue
        if _RATE.search(sentence.text) or _NO_RATE.search(sentence.text):
            found = _rate_of(sentence.text, sentence.source)
            if found:
                candidates.append(found)
    # a BTW remark may stand in its own sentence of the rate section ("Dit tarief is exclusief btw.")
    section_vat = {_vat_basis(s.text) for s in sentences(rate_lines)} - {None}
    if len(section_vat) == 1:
        basis = section_vat.pop()
        candidates = [
            Sourced(Rate(c.value.max_eur, c.value.min_eur, c.value.vat_basis or basis, c.value.includes), c.source)
            for c in candidates
        ]
    amounts = {(c.value.max_eur, c.value.min_eur) for c in candidates}
    if len(amounts) == 1 and len({c.value.vat_basis for c in candidates} - {None}) <= 1:
        # the same amount stated twice, once with its BTW basis: one rate
        best = max(candidates, key=lambda c: (c.value.vat_basis is not None, len(c.value.includes)))
        source = best.source
        for other in candidates:
            source = source.merged(other.source) if other is not best else source
        candidates = [Sourced(best.value, source)]
    found, doubts = resolve(
        candidates, "/rate/max_hourly_rate_eur", "het maximumtarief", lambda r: eur(r.max_eur) if r.max_eur else "geen"
    )
    if found is None and not doubts:
        doubts.append(
            Doubt("/rate/max_hourly_rate_eur", "Geen maximumtarief gevonden; vul het in of bevestig dat er geen is.")
        )
    elif found is not None and found.value.max_eur is not None and found.value.vat_basis is None:
        doubts.append(
            Doubt(
                "/rate/vat_basis",
                "De uitvraag zegt niet of het maximumtarief exclusief of inclusief btw is; aangenomen: exclusief.",
            )
        )
    if found is not None and found.value.min_eur is not None:
        low, high = eur(found.value.min_eur), eur(found.value.max_eur or found.value.min_eur)
        doubts.append(
            Doubt(
                "/rate/max_hourly_rate_eur",
                f"De uitvraag geeft een tariefrange ({low} tot {high}); bevestig dat het maximum {high} is.",
            )
        )
    return found, doubts


_ZZP = re.compile(r"zzp|zelfstandige(?:n)? zonder personeel|eenmanszaak", re.IGNORECASE)
_NEGATION = re.compile(r"\bniet\b|\bgeen\b|uitgesloten|\bnooit\b|uitsluiten", re.IGNORECASE)
_ALLOWED = re.compile(
    r"toegestaan|\bmogen\b|\bmag\b|welkom|kunnen\s+(?:ook\s+)?(?:inschrijven|reageren)|is\s+mogelijk|staat\s+open",
    re.IGNORECASE,
)
_DBA_CONTEXT = re.compile(r"wet\s+dba|arbeidsrelatie|dienstbetrekking|zelfstandigheid|zzp", re.IGNORECASE)


def dba(layout: Layout, posting: Posting) -> tuple[Sourced[str] | None, list[Doubt]]:
    """'excluded' / 'allowed' from what the posting says about ZZP'ers; silent → a doubt."""
    candidates: list[Sourced[str]] = []
    condition_lines = layout.lines_of("condition")
    for sentence in matching(posting.nonblank, _ZZP):
        stance = (
            "excluded" if _NEGATION.search(sentence.text) else "allowed" if _ALLOWED.search(sentence.text) else None
        )
        if stance is None:
            continue
        source = sentence.source
        if sentence.line in condition_lines and any(_DBA_CONTEXT.search(line.text) for line in condition_lines):
            source = Source.of(condition_lines)  # the whole execution condition is the clause
        candidates.append(Sourced(stance, source))
    found, doubts = resolve(
        candidates,
        "/conditions/dba/zzp",
        "de toelating van ZZP'ers",
        lambda s: "uitgesloten" if s == "excluded" else "toegestaan",
    )
    if found is None and not doubts:
        doubts.append(
            Doubt(
                "/conditions/dba/zzp",
                "De uitvraag zegt niet of ZZP'ers mogen inschrijven (Wet DBA); bevestig wat geldt.",
            )
        )
    return found, doubts


_WAADI = re.compile(r"waadi|ter\s+beschikking\s+stel\w*[^.]*handelsregister|allocatie\s+arbeidskrachten", re.IGNORECASE)


def waadi(posting: Posting) -> Sourced[bool] | None:
    """The posting's Waadi sentence; None when silent (the law applies anyway)."""
    found = matching(posting.nonblank, _WAADI)
    return Sourced(True, found[0].source) if found else None


_VOG = re.compile(r"\bVOG\b|verklaring\s+omtrent\s+(?:het\s+)?gedrag", re.IGNORECASE)
_NOT_NEEDED = re.compile(
    r"geen\s+(?:VOG|verklaring)|(?:VOG|gedrag)\b[^.]*\bniet\s+(?:nodig|vereist|verplicht|van toepassing)", re.IGNORECASE
)
_SUBMISSION_PHASE = re.compile(
    r"bij\s+(?:de\s+)?inschrijving|meesturen|bijvoegen|mee\s+te\s+sturen|uploaden|bij\s+het\s+cv", re.IGNORECASE
)
_ASPECTS = re.compile(
    r"functieaspect(?:en)?\s*(?:\(?[A-Za-z]*\)?\s*)?(?P<list>\d{2}(?:\s*(?:,|en|/|&)\s*\d{2})*)", re.IGNORECASE
)
_PROFILE = re.compile(r"(?:screenings)?profiel\s*(?P<list>\d{2}(?:\s*(?:,|en|/)\s*\d{2})*)", re.IGNORECASE)


def vog(posting: Posting) -> tuple[Sourced[Vog] | None, list[Doubt]]:
    """Whether a VOG is asked, when, and with which functieaspecten; a VOG without aspects is a doubt."""
    found = matching(posting.nonblank, _VOG)
    if not found:
        return None, []
    if any(_NOT_NEEDED.search(s.text) for s in found):
        sentence = next(s for s in found if _NOT_NEEDED.search(s.text))
        return Sourced(Vog(False), sentence.source), []
    source = found[0].source
    for other in found[1:]:
        source = source.merged(other.source)
    text = " ".join(s.text for s in found)
    # the aspects may be listed in the next sentence ("Functieaspecten: 84 en 86."), so search the whole lines too
    lines_text = " ".join(s.line.text for s in found)
    aspects = tuple(
        dict.fromkeys(re.findall(r"\d{2}", " ".join(m.group("list") for m in _ASPECTS.finditer(lines_text))))
    )
    profiles = tuple(
        dict.fromkeys(re.findall(r"\d{2}", " ".join(m.group("list") for m in _PROFILE.finditer(lines_text))))
    )
    phase: Phase = "submission" if _SUBMISSION_PHASE.search(text) else "award"
    doubts = []
    if not aspects and not profiles:
        doubts.append(
            Doubt(
                "/conditions/vog/functieaspecten",
                "De uitvraag vraagt een VOG maar noemt geen functieaspecten of screeningsprofiel; vul ze in.",
            )
        )
    age = _AGE.search(lines_text)
    if age is None:
        doubts.append(
            Doubt(
                "/conditions/vog/max_age_months_before_start",
                "De uitvraag zegt niet hoe oud de VOG bij de start mag zijn; vul de termijn in (vaak 3 maanden).",
            )
        )
    months = int(number_value(age.group("n") or age.group("m"))) if age else None
    return Sourced(Vog(True, phase, aspects, profiles, months), source), doubts


_AGE = re.compile(
    rf"(?:niet\s+ouder\s+dan|maximaal|max\.?|hooguit)\s+(?P<n>{NUMBER})\s+maand(?:en)?\s+oud|(?:niet\s+ouder\s+dan)\s+(?P<m>{NUMBER})\s+maand",
    re.IGNORECASE,
)
_INTEGRITY = re.compile(r"integriteitsverklaring|verklaring\s+(?:van\s+)?integriteit", re.IGNORECASE)


def integrity(posting: Posting) -> Sourced[str] | None:
    """The integrity declaration: the phase it is asked in, or None when the posting is silent."""
    found = matching(posting.nonblank, _INTEGRITY)
    if not found:
        return None
    phase = "submission" if _SUBMISSION_PHASE.search(found[0].text) else "award"
    return Sourced(phase, found[0].source)


_SROI = re.compile(r"\bSROI\b|social\s+return", re.IGNORECASE)
_PERCENT = re.compile(r"(?P<n>\d{1,2}(?:,\d+)?)\s*(?:%|procent)")


def sroi(posting: Posting, das_name: str | None) -> tuple[Sourced[Sroi] | None, list[Doubt]]:
    """The SROI threshold and percentage the posting states; a missing percentage is a doubt."""
    found: list[Sentence] = matching(posting.nonblank, _SROI)
    if not found:
        return None, []
    threshold: Decimal | None = None
    percentage: Decimal | None = None
    source = found[0].source
    for sentence in found:
        for amount, _, _ in find_euros(sentence.text):
            if amount >= 1000 and threshold is None:
                threshold = amount
        match = _PERCENT.search(sentence.text)
        if match and percentage is None:
            percentage = Decimal(match.group("n").replace(",", "."))
        if sentence is not found[0]:
            source = source.merged(sentence.source)
    doubts = []
    if percentage is None:
        doubts.append(
            Doubt(
                "/conditions/sroi/percentage",
                "De uitvraag noemt geen SROI-percentage; dat volgt uit de voorwaarden van het DAS: vul het in.",
            )
        )
    if threshold is None:
        doubts.append(
            Doubt("/conditions/sroi/threshold_eur", "De uitvraag noemt SROI zonder drempelbedrag; vul het in.")
        )
    else:
        doubts.append(
            Doubt(
                "/conditions/sroi/threshold_scope",
                "De uitvraag zegt niet of de SROI-drempel per opdracht of over het hele DAS geldt; dat volgt uit de DAS-voorwaarden: vul het in.",
            )
        )
    return Sourced(Sroi(threshold, percentage, das_name), source), doubts
