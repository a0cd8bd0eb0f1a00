"""Euro amounts and plain numbers as Dutch postings write them.

"€ 80,-", "€80", "€ 92,50", "EUR 1.250,00", "€400.000", "€ 400.000,00": a point groups thousands,
a comma starts the cents. Number words ("twee jaar", "drie referenties") are read too.
"""

from __future__ import annotations

import re
from decimal import Decimal

_EURO = re.compile(
    r"(?:€|\beur(?:o)?\b)\s*(?P<amount>\d{1,3}(?:\.\d{3})+(?:,(?:\d{1,2}|-{1,2}))?|\d+(?:,(?:\d{1,2}|-{1,2}))?)",
    re.IGNORECASE,
)
# "92,50 euro" without a sign before it
_EURO_AFTER = re.compile(
    r"(?P<amount>\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?|\d+(?:,\d{1,2})?)\s*(?:euro|eur)\b", re.IGNORECASE
)

NUMBER_WORDS = {
    "een": 1, "één": 1, "eén": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7,
    "acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "vijftien": 15, "twintig": 20,
}  # fmt: skip
NUMBER = r"(?:\d+(?:[,.]5)?|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")"


def to_decimal(amount: str) -> Decimal:
    """'1.250,50' → 1250.50; '80,-' → 80."""
    text = amount.replace(".", "").rstrip("-").rstrip(",").replace(",", ".")
    return Decimal(text)


def number_value(word: str) -> Decimal:
    """'2' → 2, 'twee' → 2, '1,5' → 1.5."""
    key = word.casefold()
    if key in NUMBER_WORDS:
        return Decimal(NUMBER_WORDS[key])
    return Decimal(word.replace(",", "."))


def find_euros(text: str) -> list[tuple[Decimal, int, int]]:
    """Every euro amount in ``text`` with its position."""
    found = [(to_decimal(m.group("amount")), m.start(), m.end()) for m in _EURO.finditer(text)]
    for match in _EURO_AFTER.finditer(text):
        if not any(start <= match.start() < end for _, start, end in found):
            found.append((to_decimal(match.group("amount")), match.start(), match.end()))
    return sorted(found, key=lambda item: item[1])
