"""The language a CV is written in, decided by py3langid restricted to the languages that matter.

py3langid is a naive Bayes classifier over byte n-grams with no randomness, so the same text
always gets the same answer (unlike langdetect, which samples). Restricting it to Dutch,
English, German and French stops a short Dutch line being called Afrikaans or Frisian.

A whole CV classified at once hides a mix (a Dutch CV with English project descriptions reads
as "mostly English" or "mostly Dutch" depending on length). So the text is cut into blocks of
a few lines, each block is classified, and the language must hold a clear majority of the
confidently classified letters. Too little text, or no clear majority, is ``und``: the check
then needs a person, it never guesses.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from compliance.documents.evidence import MIN_TEXT_LETTERS, LanguageResult

LANGUAGES = ("nl", "en", "de", "fr")

BLOCK_LETTERS = 150  # lines are gathered into blocks of at least this many letters
BLOCK_CONFIDENCE = 0.90  # a block counts only when the classifier is at least this sure
MIN_SHARE = 0.80  # the language must hold this share of the confidently classified letters
MIN_COVERAGE = 0.50  # and the confident blocks must cover this share of all letters

_LETTER = re.compile(r"[^\W\d_]")


@cache
def _identifier() -> Any:
    """The classifier, loaded once per process (about 0.7 s: the model is a 4.5 MB archive)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LANGUAGES))
    return identifier


def _letters(text: str) -> int:
    return len(_LETTER.findall(text))


def _blocks(text: str) -> list[str]:
    """Consecutive lines gathered until a block holds ``BLOCK_LETTERS`` letters."""
    blocks: list[str] = []
    current: list[str] = []
    count = 0
    for line in text.splitlines():
        letters = _letters(line)
        if not letters:
            continue
        current.append(line)
        count += letters
        if count >= BLOCK_LETTERS:
            blocks.append(" ".join(current))
            current, count = [], 0
    if current:
        if blocks and count < BLOCK_LETTERS:
            blocks[-1] += " " + " ".join(current)  # a short tail joins the block before it
        else:
            blocks.append(" ".join(current))
    return blocks


def _percent(share: float) -> str:
    return f"{round(share * 100)}%"


def detect_language(text: str) -> LanguageResult:
    """The language of ``text``, or ``und`` with the reason when it cannot be said with confidence."""
    total = _letters(text)
    if total < MIN_TEXT_LETTERS:
        return LanguageResult("und", 0.0, f"te weinig tekst om de taal vast te stellen ({total} letters)")
    identifier = _identifier()
    per_language: dict[str, int] = {}
    for block in _blocks(text):
        language, confidence = identifier.classify(block)
        if confidence >= BLOCK_CONFIDENCE:
            per_language[language] = per_language.get(language, 0) + _letters(block)
    confident = sum(per_language.values())
    if confident < MIN_COVERAGE * total:
        return LanguageResult(
            "und", 0.0, f"de taal is in te weinig tekst eenduidig ({_percent(confident / total)} van {total} letters)"
        )
    ranked = sorted(per_language.items(), key=lambda item: (-item[1], item[0]))
    language, letters = ranked[0]
    share = letters / confident
    mix = ", ".join(f"{code} {_percent(count / confident)}" for code, count in ranked)
    if share < MIN_SHARE:
        return LanguageResult("und", 0.0, f"gemengde taal ({mix} van {total} letters)")
    return LanguageResult(language, share, f"{mix} van {total} letters")


__all__ = ["LANGUAGES", "detect_language"]
