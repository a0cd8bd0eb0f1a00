"""Whether one job counts for an experience requirement, judged on the tender's vocabulary.

A job counts when it matches one of the requirement's roles (in the job's role), one of its
employer kinds (in the employer's name) and every one of its domains (in the role, description or
example), each by a declared tag or a synonym as whole words. A match by a review synonym
("wijkteam", "in opdracht van de gemeente") or by a word that only resembles a synonym makes the
job count *uncertainly*: its months are shown, but only a person can add them. The reason lists
the words that matched, so a reader sees why, and what is missing when the job does not count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from compliance.models.submission_v2 import ExperienceV2
from compliance.models.tender_v2 import ExperienceRequirement, Vocabulary
from compliance.vocabulary import Dimension, Match, MatchKind, VocabularyIndex, index_vocabulary, match_text

_WHERE: dict[Dimension, tuple[str, ...]] = {
    Dimension.ROLES: ("role",),
    Dimension.EMPLOYER_KINDS: ("employer",),
    # A domain may be in the employer's name too ("GGD …, afdeling Jeugdgezondheidszorg").
    Dimension.DOMAINS: ("role", "employer", "description", "example"),
}
_NOUN = {Dimension.ROLES: "rol", Dimension.EMPLOYER_KINDS: "werkgever", Dimension.DOMAINS: "doelgroep/onderwerp"}
_NOUN_EN = {Dimension.ROLES: "role", Dimension.EMPLOYER_KINDS: "employer", Dimension.DOMAINS: "target group/topic"}
# Where in the job an agency states what a dimension asks for: the field a remedy points to.
_FIELD = {Dimension.ROLES: "role", Dimension.EMPLOYER_KINDS: "employer", Dimension.DOMAINS: "description"}


@dataclass(frozen=True, slots=True)
class Lack:
    """What a job lacks for a requirement: a role, an employer kind or a domain, and the field to state it in."""

    dimension: Dimension
    labels: tuple[str, ...]  # the tender's own labels (its vocabulary as the tender writes it); any one will do

    @property
    def field(self) -> str:
        return _FIELD[self.dimension]

    @property
    def english(self) -> str:
        return f"{_NOUN_EN[self.dimension]} {' or '.join(self.labels)}"

    def __str__(self) -> str:
        return f"{_NOUN[self.dimension]} {' of '.join(self.labels)}"


@dataclass(frozen=True, slots=True)
class JobVerdict:
    """How one job matched: counts at all, only after review, why (Dutch), and the part in the window."""

    counts: bool
    uncertain: bool
    reason: str
    clipped: tuple[date, date] | None
    missing: tuple[Lack, ...] = ()  # what the job lacks, for the remedy
    matched: tuple[str, ...] = ()  # what it does show (also when it lacks something: a partial match)


def _fields(job: ExperienceV2, dimension: Dimension) -> dict[str, str | None]:
    values = {"role": job.role, "employer": job.employer, "description": job.description, "example": job.example}
    return {name: values[name] for name in _WHERE[dimension]}


def _tags(job: ExperienceV2, dimension: Dimension) -> list[str]:
    tags: list[str] = getattr(job.tags, dimension.value)
    return tags


class JobMatcher:
    """The vocabulary terms found in each job, per dimension: one per offer.

    Several requirements read the same job (the knock-out and the wensen) and differ only in which
    codes they want, so a job's dimension is matched once, with near words for every code that has
    them, and each requirement picks its own codes. Near words are looked for only for codes not
    otherwise found, one code at a time, so what is found for a code does not depend on which other
    codes were asked for.
    """

    __slots__ = ("_found", "_index")

    def __init__(self, vocabulary: Vocabulary) -> None:
        self._index: VocabularyIndex = index_vocabulary(vocabulary)
        # By the job's identity: the matcher lives as long as one offer, whose jobs outlive it.
        self._found: dict[tuple[int, Dimension], tuple[ExperienceV2, dict[str, Match]]] = {}

    def found(self, job: ExperienceV2, dimension: Dimension) -> dict[str, Match]:
        """The terms of ``dimension`` found in ``job``."""
        key = (id(job), dimension)
        entry = self._found.get(key)
        if entry is not None and entry[0] is job:
            return entry[1]
        near_for = self._index.dimension(dimension).near_codes
        found = match_text(self._index, dimension, _fields(job, dimension), _tags(job, dimension), near_for=near_for)
        self._found[key] = (job, found)
        return found


def _best(wanted: list[str], found: dict[str, Match]) -> Match | None:
    """The certain match among the wanted codes if there is one, else an uncertain one, else None."""
    matches = [found[code] for code in wanted if code in found]
    return next((m for m in matches if m.kind.certain), matches[0] if matches else None)


def _describe(match: Match, dimension: Dimension, vocabulary: Vocabulary) -> str:
    label = getattr(vocabulary, dimension.value)[match.code].label
    if match.kind.certain:
        source = "opgegeven code" if match.found == match.code else f"'{match.found}'"
        return f"{_NOUN[dimension]} {label} ({source})"
    if match.kind is MatchKind.UNDECLARED_WORD:
        return (
            f"{_NOUN[dimension]} {label}? ('{match.found}' in de tekst, maar niet bij de opgegeven codes: beoordelen)"
        )
    return f"{_NOUN[dimension]} {label}? ('{match.found}' lijkt op '{match.words}': beoordelen)"


def assess_job(
    job: ExperienceV2,
    requirement: ExperienceRequirement,
    vocabulary: Vocabulary,
    window: tuple[date, date],
    matcher: JobMatcher | None = None,
) -> JobVerdict:
    """Judge one job against one requirement inside ``window`` (inclusive; a current job runs to its end).

    ``matcher`` shares the matching of one offer's jobs between the requirements that read them."""
    start, end = window
    job_end = job.end or end
    clipped = (max(job.start, start), min(job_end, end))
    matcher = matcher or JobMatcher(vocabulary)
    matched: list[str] = []
    uncertain = False
    missing: list[Lack] = []
    for dimension, wanted in (
        (Dimension.ROLES, requirement.roles),
        (Dimension.EMPLOYER_KINDS, requirement.employer_kinds),
        (Dimension.DOMAINS, requirement.domains),
    ):
        if not wanted:
            continue
        found = matcher.found(job, dimension)
        terms = getattr(vocabulary, dimension.value)
        if dimension is Dimension.DOMAINS:
            for code in wanted:  # every domain must be shown
                match = found.get(code)
                if match is None:
                    missing.append(Lack(dimension, (terms[code].label,)))
                else:
                    matched.append(_describe(match, dimension, vocabulary))
                    uncertain = uncertain or not match.kind.certain
            continue
        best = _best(wanted, found)
        if best is None:
            missing.append(Lack(dimension, tuple(terms[code].label for code in wanted)))
        else:
            matched.append(_describe(best, dimension, vocabulary))
            uncertain = uncertain or not best.kind.certain
    if missing:
        said = f"'{job.role}' bij '{job.employer}'"
        return JobVerdict(
            False,
            False,
            f"{'; '.join(map(str, missing))} niet gevonden in {said}",
            None,
            tuple(missing),
            tuple(matched),
        )
    if clipped[0] > clipped[1]:
        return JobVerdict(False, False, "valt buiten het venster", None)
    partly = clipped[0] != job.start or clipped[1] != job_end
    what = "; ".join(matched) or "telt"
    return JobVerdict(
        True, uncertain, f"{what}{' — deels in het venster' if partly else ''}", clipped, (), tuple(matched)
    )
