"""KO-CERT-001: a named certificate (PRINCE2, BOA) or a completed course on a domain of the tender.

A requirement names certificates with their aliases, domains of the tender's vocabulary, or both;
any course of the candidate that matches one of them counts. Names and domains are matched on
whole words after normalisation (:mod:`compliance.vocabulary`); a course that only resembles a
name or a domain ("gedragsprobleem" for "gedragsproblemen"), or matches a review synonym, needs a
person's judgement. A course counts only when completed by the deadline, and, when the posting asks
for a valid certificate, valid on the reference date it names.
"""

from __future__ import annotations

from compliance.checks.base import Basis, CheckContext, CheckInfo, Finding, Severity, Status, declared, finding
from compliance.dates import nl_date
from compliance.i18n import reason
from compliance.models.submission_v2 import CourseV2
from compliance.models.tender import Phase
from compliance.models.tender_v2 import CertificateRequirement, Programme, ValidityMoment
from compliance.vocabulary import Dimension, Match, index_vocabulary, match_text, normalise

INFO = CheckInfo(
    check_id="KO-CERT-001",
    title="Certificaat of cursus",
    severity=Severity.KNOCK_OUT,
    blocks_from=Phase.SUBMISSION,
    legal_refs=(),
    description="Een afgerond (en zo gevraagd geldig) certificaat of een afgeronde cursus die de uitvraag noemt.",
)

NOT_REQUIRED = reason(
    "CERT_NOT_REQUIRED",
    Status.NOT_APPLICABLE,
    "De uitvraag stelt geen certificaat- of cursuseis.",
    "The tender sets no certificate requirement.",
)
PASSED = reason(
    "CERT_OK",
    Status.PASS,
    "'{course}' afgerond op {completed}: {matched}.",
    "'{course}' completed on {completed}: {matched}.",
)
REVIEW = reason(
    "CERT_MATCH_REVIEW",
    Status.NEEDS_REVIEW,
    "'{course}' lijkt te voldoen ({matched}), maar dat moet een beoordelaar bevestigen.",
    "'{course}' seems to meet the requirement ({matched}), but a reviewer must confirm it.",
    "Noem in /candidate/courses/{index}/name of /description de naam uit de uitvraag: {wanted}.",
    "Use the posting's name in /candidate/courses/{index}/name or /description: {wanted}.",
)
VALIDITY_UNKNOWN = reason(
    "CERT_VALIDITY_UNKNOWN",
    Status.NEEDS_REVIEW,
    "'{course}' is afgerond, maar de uitvraag vraagt een certificaat dat geldig is bij de {moment} ({date}) en de "
    "geldigheid is niet opgegeven.",
    "'{course}' is completed, but the tender asks for a certificate valid at the {moment_en} ({date}) and its validity "
    "is not given.",
    "Vul /candidate/courses/{index}/valid_until in met de datum op het certificaat.",
    "Fill in /candidate/courses/{index}/valid_until with the date on the certificate.",
)
EXPIRED = reason(
    "CERT_EXPIRED",
    Status.FAIL,
    "'{course}' is geldig tot {valid_until}, niet tot de {moment} ({date}).",
    "'{course}' is valid until {valid_until}, not until the {moment_en} ({date}).",
    "Lever een certificaat aan dat geldig is op {date} (hercertificering) en zet de nieuwe datum in "
    "/candidate/courses/{index}/valid_until (nu {valid_until}).",
    "Provide a certificate valid on {date} (recertification) and put the new date in "
    "/candidate/courses/{index}/valid_until (now {valid_until}).",
)
MISSING = reason(
    "CERT_MISSING",
    Status.FAIL,
    "Geen afgeronde cursus of certificaat gevonden voor: {wanted}. {details}",
    "No completed course or certificate found for: {wanted}. {details_en}",
    "Vermeld onder /candidate/courses een afgeronde cursus of certificaat ({wanted}) met de datum van afronding.",
    "List a completed course or certificate ({wanted}) under /candidate/courses with its completion date.",
)

_MOMENT_NL = {ValidityMoment.DEADLINE: "sluiting", ValidityMoment.START: "start"}


def _named(course: CourseV2, certificates: list[Programme]) -> str | None:
    """The certificate whose name or alias occurs as whole words in the course's name or description."""
    text = normalise(f"{course.name} {course.description or ''}")
    for certificate in certificates:
        if any(normalise(name) in text for name in (certificate.name, *certificate.aliases)):
            return certificate.name
    return None


def _domain_matches(course: CourseV2, requirement: CertificateRequirement, ctx: CheckContext) -> dict[str, Match]:
    if not requirement.domains:
        return {}
    found = match_text(
        index_vocabulary(ctx.tender.vocabulary),
        Dimension.DOMAINS,
        {"name": course.name, "description": course.description},
        course.tags.domains,
        near_for=requirement.domains,
    )
    return {code: found[code] for code in requirement.domains if code in found}


def _wanted(requirement: CertificateRequirement, ctx: CheckContext) -> str:
    names = [certificate.name for certificate in requirement.certificates]
    names += [ctx.tender.vocabulary.domains[code].label for code in requirement.domains]
    unique = {normalise(name): name for name in reversed(names)}  # the same words twice say nothing new
    return " of ".join(reversed(unique.values()))


def _validity_moment(requirement: CertificateRequirement, course: CourseV2) -> ValidityMoment | None:
    """When the certificate must be valid: as the posting says, else at the deadline when it has an
    expiry date at all ("in het bezit van" means it has not lapsed), else no validity to judge."""
    if requirement.valid_at is not None:
        return requirement.valid_at
    return ValidityMoment.DEADLINE if course.valid_until is not None else None


def evaluate_requirement(requirement: CertificateRequirement, ctx: CheckContext) -> Finding:
    """Pass on the first completed, valid, certainly matching course; else review; else fail."""
    deadline = ctx.dates.deadline_date
    basis = Basis(clause=requirement.clause)
    wanted = _wanted(requirement, ctx)
    review: tuple[str, dict[str, str]] | None = None  # the first course a person must judge
    expired: dict[str, str] | None = None  # the first course that matched but is no longer valid
    rejections: list[str] = []
    for index, course in enumerate(ctx.submission.candidate.courses):
        pointer = f"/candidate/courses/{index}"
        basis.facts.append(declared("cursus", f"{course.name}, afgerond: {course.completed_on or 'nee'}", pointer))
        named = _named(course, requirement.certificates)
        domains = _domain_matches(course, requirement, ctx)
        certain = named is not None or (
            bool(requirement.domains)
            and len(domains) == len(requirement.domains)
            and all(match.kind.certain for match in domains.values())
        )
        if named is None and not domains:
            continue
        if course.completed_on is None or course.completed_on > deadline:
            rejections.append(f"'{course.name}' is niet afgerond vóór {nl_date(deadline)}.")
            continue
        args = {"course": course.name, "index": str(index), "wanted": wanted}
        matched = named or "; ".join(f"'{match.found}' ~ {match.words}" for match in domains.values())
        if not certain:
            review = review or (REVIEW, args | {"matched": matched})
            continue
        valid_at = _validity_moment(requirement, course)
        if valid_at is not None:
            valid_on = ctx.dates.deadline_date if valid_at is ValidityMoment.DEADLINE else ctx.dates.planned_start
            moment = {
                "moment": _MOMENT_NL[valid_at],
                "moment_en": "deadline" if valid_at is ValidityMoment.DEADLINE else "start",
                "date": nl_date(valid_on),
            }
            if course.valid_until is None:
                review = review or (VALIDITY_UNKNOWN, args | moment)
                continue
            if course.valid_until < valid_on:
                expired = expired or args | moment | {"valid_until": nl_date(course.valid_until)}
                continue
        return finding(
            INFO,
            PASSED,
            args=args | {"completed": nl_date(course.completed_on), "matched": matched},
            basis=basis,
        )
    # A course a person may still accept outweighs one that certainly lapsed.
    if review is not None:
        return finding(INFO, review[0], args=review[1], basis=basis)
    if expired is not None:
        return finding(INFO, EXPIRED, args=expired, basis=basis)
    details = " ".join(rejections) or "Er is geen passende cursus opgegeven."
    # The reasons a course did not count are Dutch sentences; the English text says how many there were.
    details_en = f"{len(rejections)} course(s) given did not count." if rejections else "No matching course was given."
    return finding(INFO, MISSING, args={"wanted": wanted, "details": details, "details_en": details_en}, basis=basis)
