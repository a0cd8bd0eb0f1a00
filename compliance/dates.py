"""Calendar arithmetic and Dutch date/money formatting used by checks and renderers."""

from __future__ import annotations

import calendar
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

_MONTHS = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni",
           "juli", "augustus", "september", "oktober", "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June",
           "July", "August", "September", "October", "November", "December"),
}  # fmt: skip


def add_months(day: date, months: int) -> date:
    """Same day ``months`` later (or earlier), clamped to the month's last day (31 Jan + 1 = 28/29 Feb)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


_NL_MONTHS = _MONTHS["nl"]


def long_date(day: date, lang: str = "nl") -> str:
    """'23 februari 2026' (or '23 February 2026' for lang='en')."""
    return f"{day.day} {_MONTHS.get(lang, _NL_MONTHS)[day.month - 1]} {day.year}"


def nl_date(day: date) -> str:
    """'23 februari 2026'."""
    # Written out rather than delegated to long_date: the checks format dozens of dates per submission.
    return f"{day.day} {_NL_MONTHS[day.month - 1]} {day.year}"


_CENT = Decimal("0.01")


def eur(amount: Decimal) -> str:
    """'€ 133.120,00': Dutch grouping and decimal comma, rounded half-up to cents."""
    rounded = amount.quantize(_CENT, rounding=ROUND_HALF_UP)
    text = f"{rounded:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return f"€ {text}"


def nl_number(value: Decimal | float, places: int = 1) -> str:
    """A number with a decimal comma: 24.0 -> '24,0'."""
    return f"{value:.{places}f}".replace(".", ",")


def nl_quantity(value: Decimal) -> str:
    """A quantity without spurious decimals: 24 -> '24', 24.5 -> '24,5'."""
    normalised = value.normalize()
    text = f"{normalised:f}" if normalised == normalised.to_integral() else f"{normalised}"
    return text.replace(".", ",")
