"""Matching an offer's free text against a tender's vocabulary, and saying which words matched.

An agency writes "Wmo-consulent bij Gemeente Epe" or "gezinnen met jonge kinderen"; the tender
declares terms (``wmo_consultant``, ``gemeente``, ``jonge_kinderen``) with synonyms. A term is
matched with certainty by a declared code (a tag, the agency's own declaration) or by one of its
synonyms as whole words; by a *review synonym* ("wijkteam" for gemeente) or by a word that only
resembles a synonym ("gedragsprobleem" for "gedragsproblemen") it is matched uncertainly, which a
check turns into needs review, never into a pass or a silent miss.

Text is compared after normalisation (case, accents, punctuation and spacing ignored), so
"Suite4Sociaal-Domein" and "suite4sociaal domein" are the same words.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from itertools import pairwise

from compliance.models.tender_v2 import Term, Vocabulary

# A word that shares at least this many leading letters with a one-word synonym, and at least
# this share of the synonym's length, "looks like" it: a spelling variant a person should judge.
_NEAR_PREFIX_MIN = 7
_NEAR_PREFIX_SHARE = 0.75
_NON_WORD = re.compile(r"[^a-z0-9]+")


class Dimension(StrEnum):
    """The three lists a requirement matches on."""

    ROLES = "roles"
    EMPLOYER_KINDS = "employer_kinds"
    DOMAINS = "domains"


class MatchKind(StrEnum):
    """How a term was matched; only the first two are certain."""

    CODE = "code"  # the agency declared the code (a tag)
    WORD = "word"  # a synonym occurs as whole words
    REVIEW_WORD = "review_word"  # a review synonym occurs: a person must judge
    NEAR_WORD = "near_word"  # a word resembles a synonym: a person must judge
    UNDECLARED_WORD = "undeclared_word"  # a synonym occurs, but the agency's own codes say otherwise

    @property
    def certain(self) -> bool:
        return self in (MatchKind.CODE, MatchKind.WORD)


@dataclass(frozen=True, slots=True)
class Match:
    """One term matched in one field: which code, how, on which words, where."""

    code: str
    kind: MatchKind
    words: str  # the tender's synonym (or the code) that matched
    found: str  # what the offer's text says there (normalised), for the report
    field: str  # the offer field it was found in, e.g. "role" or "description"


def normalise(text: str) -> str:
    """Lower case, accents stripped, every run of non-alphanumerics one space, padded with spaces."""
    folded = text.casefold()
    if not folded.isascii():  # most text is plain ASCII: skip the per-character work then
        decomposed = unicodedata.normalize("NFKD", folded)
        folded = "".join(char for char in decomposed if not unicodedata.combining(char))
    return f" {_NON_WORD.sub(' ', folded).strip()} "


@dataclass(frozen=True, slots=True)
class _Prefixes:
    """The prefixes of the near-word search, compiled into one pattern that finds the words starting with any."""

    pattern: re.Pattern[str]
    known: frozenset[str]
    lengths: tuple[int, ...]  # the distinct prefix lengths, longest first


def _prefixes(near: Mapping[str, tuple[tuple[str, str], ...]]) -> _Prefixes | None:
    known = frozenset(prefix for pairs in near.values() for _, prefix in pairs)
    if not known:
        return None
    ordered = sorted(known, key=lambda prefix: (-len(prefix), prefix))
    pattern = re.compile(" (?:" + "|".join(re.escape(prefix) for prefix in ordered) + ")")
    return _Prefixes(pattern, known, tuple(sorted({len(prefix) for prefix in known}, reverse=True)))


@dataclass(frozen=True, slots=True, eq=False)  # compared and hashed by identity: one per tender
class _DimensionIndex:
    """One dimension's synonyms compiled into two patterns, plus who each synonym stands for."""

    words: re.Pattern[str] | None  # every synonym and review synonym, longest first
    certain_codes: Mapping[str, tuple[str, ...]]  # normalised synonym → codes
    review_codes: Mapping[str, tuple[str, ...]]
    # code → (one-word synonym, the prefix a word must start with to look like it)
    near_by_code: Mapping[str, tuple[tuple[str, str], ...]]
    codes: frozenset[str]
    near_codes: tuple[str, ...] = ()  # the codes in near_by_code, sorted
    near_prefixes: _Prefixes | None = None


def _alternation(words: Iterable[str]) -> re.Pattern[str] | None:
    # Longest first, so "gezinnen met jonge kinderen" wins over "jonge kinderen" at the same spot.
    ordered = sorted(set(words), key=lambda word: (-len(word), word))
    if not ordered:
        return None
    return re.compile(" (" + "|".join(re.escape(word) for word in ordered) + ") ")


def _near_by_code(single_words: Mapping[str, tuple[str, ...]]) -> dict[str, tuple[tuple[str, str], ...]]:
    """Per code, its one-word synonyms with the prefix a word must share to look like them."""
    by_code: dict[str, list[tuple[str, str]]] = {}
    for synonym, codes in single_words.items():
        length = max(_NEAR_PREFIX_MIN, math.ceil(_NEAR_PREFIX_SHARE * len(synonym)))
        if len(synonym) >= length:
            for code in codes:
                by_code.setdefault(code, []).append((synonym, synonym[:length]))
    return {code: tuple(pairs) for code, pairs in by_code.items()}


def _index_terms(terms: Mapping[str, Term]) -> _DimensionIndex:
    certain: dict[str, list[str]] = {}
    review: dict[str, list[str]] = {}
    for code, term in terms.items():
        # In the tender's order (not a set's): a near word names the first synonym it resembles, and
        # the report must say the same on every run (a set's order changes with the hash seed).
        for word in dict.fromkeys((term.label, code.replace("_", " "), *term.synonyms)):
            certain.setdefault(normalise(word).strip(), []).append(code)
        for word in term.review_synonyms:
            review.setdefault(normalise(word).strip(), []).append(code)
    certain.pop("", None)
    review.pop("", None)
    single_words = {word: tuple(codes) for word, codes in certain.items() if " " not in word}
    near = _near_by_code(single_words)
    return _DimensionIndex(
        words=_alternation([*certain, *review]),
        certain_codes={word: tuple(codes) for word, codes in certain.items()},
        review_codes={word: tuple(codes) for word, codes in review.items()},
        near_by_code=near,
        codes=frozenset(terms),
        near_codes=tuple(sorted(near)),
        near_prefixes=_prefixes(near),
    )


@dataclass(frozen=True, slots=True)
class VocabularyIndex:
    """A tender's vocabulary, compiled once per tender and reused for every offer of a batch."""

    roles: _DimensionIndex
    employer_kinds: _DimensionIndex
    domains: _DimensionIndex

    def dimension(self, dimension: Dimension) -> _DimensionIndex:
        index: _DimensionIndex = getattr(self, dimension.value)
        return index


# Compiled vocabularies by the identity of the (immutable) vocabulary, which each entry keeps alive
# so its id cannot be reused; bounded, because a long-running service sees many tenders.
_COMPILED: dict[int, tuple[Vocabulary, VocabularyIndex]] = {}
_COMPILED_MAX = 64


def index_vocabulary(vocabulary: Vocabulary) -> VocabularyIndex:
    """Compile a vocabulary once per tender and reuse it for every offer of a batch."""
    entry = _COMPILED.get(id(vocabulary))
    if entry is not None and entry[0] is vocabulary:
        return entry[1]
    compiled = VocabularyIndex(
        roles=_index_terms(vocabulary.roles),
        employer_kinds=_index_terms(vocabulary.employer_kinds),
        domains=_index_terms(vocabulary.domains),
    )
    if len(_COMPILED) >= _COMPILED_MAX:
        _COMPILED.pop(next(iter(_COMPILED)))
    _COMPILED[id(vocabulary)] = (vocabulary, compiled)
    return compiled


def _overlapping_finds(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """Every whole-word occurrence; words share their separating space, so search from each hit's end - 1."""
    found = []
    position = 0
    while (hit := pattern.search(text, position)) is not None:
        found.append(hit)
        position = hit.end() - 1
    return found


def _near_misses(index: _DimensionIndex, text: str, field: str, wanted: Iterable[str]) -> list[Match]:
    """Words that resemble a one-word synonym of a wanted code. The words starting with any prefix
    are found in one scan of the text (and, for what is not there, of the text with neighbouring
    words joined: "keukentafel-gesprekken"), so the cost grows with the text, not the vocabulary."""
    if index.near_prefixes is None:
        return []
    starts = _first_words(index.near_prefixes, text)
    joined_starts: dict[str, str] | None = None
    matches = []
    for code in wanted:
        for synonym, prefix in index.near_by_code.get(code, ()):
            word = starts.get(prefix)
            if word is None:
                if joined_starts is None:
                    words = text.split()
                    joined = f" {' '.join(a + b for a, b in pairwise(words))} "
                    joined_starts = _first_words(index.near_prefixes, joined)
                word = joined_starts.get(prefix)
            if word is not None and word != synonym:
                matches.append(Match(code, MatchKind.NEAR_WORD, synonym, word, field))
                break
    return matches


def _first_words(prefixes: _Prefixes, text: str) -> dict[str, str]:
    """Per prefix, the first word of a normalised (space-padded) text that starts with it."""
    first: dict[str, str] = {}
    for hit in prefixes.pattern.finditer(text):
        start = hit.start() + 1
        word = text[start : text.index(" ", start)]
        for length in prefixes.lengths:  # a word may start with several prefixes ("gedragsp", "gedragsproble")
            prefix = word[:length]
            if len(prefix) == length and prefix in prefixes.known and prefix not in first:
                first[prefix] = word
    return first


def match_text(
    vocabulary: VocabularyIndex,
    dimension: Dimension,
    fields: Mapping[str, str | None],
    tags: Iterable[str] = (),
    near_for: Iterable[str] = (),
) -> dict[str, Match]:
    """The terms of one dimension found in an offer's fields, best match per code.

    Declared tags come first (certain); a word for a code the tags leave out is uncertain. In each
    field the longest phrase at a place wins, so "in opdracht van de gemeente" is a review match for
    gemeente and the word "gemeente" inside it does not also count as a certain one. Near matches
    are looked for only for the codes in ``near_for`` that are not otherwise found (the codes a
    requirement needs), so the common case costs one regular-expression scan per field.
    """
    index = vocabulary.dimension(dimension)
    items = tuple(fields.items())
    best = dict(_word_matches(index, items, tuple(tags)))
    wanted = set(near_for).difference(best)
    if wanted:
        for match in _near_words(index, items):
            if match.code in wanted:
                _keep(best, match)
    return best


@lru_cache(maxsize=4096)
def _near_words(index: _DimensionIndex, fields: tuple[tuple[str, str | None], ...]) -> tuple[Match, ...]:
    """The near words of every code that has one-word synonyms, in field order (memoised: the
    requirements that read one job differ only in which codes they want, so the text is scanned
    once per job rather than once per requirement)."""
    if not index.near_by_code:
        return ()
    return tuple(
        match for field, raw in fields if raw for match in _near_misses(index, normalise(raw), field, index.near_codes)
    )


def _keep(best: dict[str, Match], match: Match) -> None:
    """Keep the first match per code, unless a certain one comes after an uncertain one."""
    current = best.get(match.code)
    if current is None or (match.kind.certain and not current.kind.certain):
        best[match.code] = match


@lru_cache(maxsize=4096)
def _word_matches(
    index: _DimensionIndex, fields: tuple[tuple[str, str | None], ...], tags: tuple[str, ...]
) -> dict[str, Match]:
    """Declared codes and whole-word matches (memoised: one offer's job is read for several
    requirements, which differ only in the near words they look for). Callers copy the result."""
    best: dict[str, Match] = {}
    declared = set(tags)
    for code in tags:
        _keep(best, Match(code, MatchKind.CODE, code, code, "tags"))
    # When the agency declared codes for this dimension, a word for another code contradicts them:
    # the text may be right or the codes may be, and only a person can tell.
    word_kind = MatchKind.UNDECLARED_WORD if declared else MatchKind.WORD
    if index.words is None:
        return best
    for field, raw in fields:
        if not raw:
            continue
        # The longest phrase at a place wins: "in opdracht van de gemeente" (review) over
        # "gemeente", "verpleegkundige jgz" (certain) over "verpleegkundige" (review).
        for hit in _overlapping_finds(index.words, normalise(raw)):
            found = hit.group(1)
            for code in index.certain_codes.get(found, ()):
                _keep(best, Match(code, word_kind, found, found, field))
            for code in index.review_codes.get(found, ()):
                _keep(best, Match(code, MatchKind.REVIEW_WORD, found, found, field))
    return best


def unknown_tags(vocabulary: Vocabulary, dimension: Dimension, tags: Iterable[str]) -> list[str]:
    """Tags that the tender does not declare (an input error: the offer must use declared codes)."""
    declared: Mapping[str, Term] = getattr(vocabulary, dimension.value)
    return [tag for tag in tags if tag not in declared]
