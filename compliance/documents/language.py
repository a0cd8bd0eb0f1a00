"""The language a CV is written in, decided by CLD2 (pycld2) block by block.

CLD2 is Google's compact language detector: its tables are compiled into a small C++ extension,
so it loads in milliseconds (the naive Bayes model we used before took most of a second to load,
longer than the whole rest of ``check``) and it is deterministic: the same text always gets the
same answer. Only Dutch, English, German and French matter to a tender; a block CLD2 gives to
another language (a Dutch line called Afrikaans, say) counts for that language, which can only
lower the share of the one asked for, so an unclear CV needs a person rather than passing.

A whole CV classified at once hides a mix (a Dutch CV with English project descriptions reads
as "mostly English" or "mostly Dutch" depending on length). So the text is cut into blocks of
a few lines, each block is classified, and the language must hold a clear majority of the
confidently classified letters. Too little text, or no clear majority, is ``und``: the check
then needs a person, it never guesses.
"""

from __future__ import annotations

import re

import pycld2

from compliance.documents.evidence import MIN_TEXT_LETTERS, LanguageResult

LANGUAGES = ("nl", "en", "de", "fr")

BLOCK_LETTERS = 150  # lines are gathered into blocks of at least this many letters
BLOCK_CONFIDENCE = 0.90  # a block counts only when CLD2 is reliable and gives this share of it to one language
MIN_SHARE = 0.80  # the language must hold this share of the confidently classified letters
MIN_COVERAGE = 0.50  # and the confident blocks must cover this share of all letters

_LETTER = re.compile(r"[^\W\d_]")


def _classify(block: str) -> tuple[str, float]:
    """CLD2's language for one block and the share of the block it gives that language (0 when unreliable)."""
    try:
        reliable, _bytes, details = pycld2.detect(block)
    except pycld2.error:  # text CLD2 cannot take (invalid UTF-8 after extraction): no opinion
        return "und", 0.0
    _name, code, percent, _score = details[0]
    return code, (percent / 100 if reliable else 0.0)


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
    per_language: dict[str, int] = {}
    for block in _blocks(text):
        language, confidence = _classify(block)
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
