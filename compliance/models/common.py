"""Shared pydantic base classes and small value types for the input formats.

Input types are strict where pydantic's lax mode would guess: JSON written by hand or by another
system must say what it means. A number is never read as a date (``12345`` is not 1970-01-01), a
boolean never as a count or a number of hours (``true`` is not 1), and text never silently as a
number ("40" employees). Each such value is an input error naming its field.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import AwareDatetime, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

# Input documents reject unknown fields: a typo in a field name must never be silently ignored
# (a misspelt "waadi_registerd" would otherwise read as "not declared").
# Validators are built on first use (defer_build), not when the module is imported: a nested model
# is then built once, inside the document that contains it, instead of once more on its own, which
# saves start-up time on every command.
STRICT_CONFIG = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True)


class StrictModel(BaseModel):
    """Base for every input model: unknown fields are an error, instances are immutable."""

    model_config = STRICT_CONFIG


NonEmptyStr = Annotated[str, Field(min_length=1, max_length=500)]
"""A required, non-blank piece of text (names, titles)."""

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ISO_DATETIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}")


def _date_text(value: Any) -> Any:
    # pydantic's lax mode reads a number (and a text of digits) as a Unix time; JSON has no date
    # type, so a date is text in ISO form ("2026-02-21"). A date built in Python passes as is.
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        return value
    raise PydanticCustomError("date_type", "date as JJJJ-MM-DD text")


def _datetime_text(value: Any) -> Any:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str) and _ISO_DATETIME.match(value.strip()):
        return value
    raise PydanticCustomError("datetime_type", "datetime as ISO 8601 text")


IsoDate = Annotated[date, BeforeValidator(_date_text)]
"""A calendar date, only as JSON text ``JJJJ-MM-DD``."""

IsoDatetime = Annotated[AwareDatetime, BeforeValidator(_datetime_text)]
"""An instant with its UTC offset, only as ISO 8601 text (``2026-02-21T10:15:00+01:00``)."""


# Amounts written as text, the way Dutch offers write them. Only notations with one reading are
# accepted: a comma always starts the cents, a point groups thousands unless it is the only point
# and one or two digits follow it ("79.50", the notation of JSON and of most software).
_EURO_SIGN = re.compile(r"^(?:€|EUR)\s*", re.IGNORECASE)
_PLAIN = re.compile(r"[0-9]+")  # "79", "1079"
_DECIMAL_COMMA = re.compile(r"[0-9]+,[0-9]{1,2}")  # "79,50", "1079,5"
_WHOLE_EUROS = re.compile(r"(?P<euros>[0-9]+|[0-9]{1,3}(?:\.[0-9]{3})+),-{1,2}")  # "80,-": whole euros
_DECIMAL_POINT = re.compile(r"[0-9]+\.[0-9]{1,2}")  # "79.50"
_GROUPED = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]{1,2})?")  # "1.079,50", "1.250.000"
_AMBIGUOUS_POINT = re.compile(r"[0-9]{1,3}\.[0-9]{3}")  # "1.079": thousand and seventy-nine, or 1,079?
_AMBIGUOUS_COMMA = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]{1,2})?")  # "1,079.50": English notation


def amount_from_text(text: str) -> Decimal:
    """An amount written as text in Dutch notation, as the number it unambiguously means.

    "79,50", "€ 79,50", "€79,50", "1.079,50", "€ 80,-", "79.50" and "79" are read; "1.079" (a thousands
    point or a decimal point?) and "1,079.50" (English notation) are refused with what to write
    instead. The number returned is what the report echoes: the normalised value, not the text."""
    written = _EURO_SIGN.sub("", text.replace("\u00a0", " ").strip()).replace(" ", "")
    if _AMBIGUOUS_POINT.fullmatch(written):
        raise PydanticCustomError(
            "amount_ambiguous",
            "bedrag is dubbelzinnig: is de punt een scheiding van duizendtallen of een decimaalteken? "
            "schrijf {whole} of {grouped},00",
            {"whole": written.replace(".", ""), "grouped": written},
        )
    if _AMBIGUOUS_COMMA.fullmatch(written):
        raise PydanticCustomError(
            "amount_ambiguous",
            "bedrag is dubbelzinnig: scheidt de komma duizendtallen (Engelse notatie) of de centen? schrijf de "
            "komma alleen voor de centen en de punt voor duizendtallen (bijv. 1.079,50), of een JSON-getal (1079.5)",
        )
    whole_euros = _WHOLE_EUROS.fullmatch(written)
    if whole_euros:
        written = whole_euros["euros"].replace(".", "")
    if _PLAIN.fullmatch(written) or _DECIMAL_POINT.fullmatch(written):
        return Decimal(written)
    if _DECIMAL_COMMA.fullmatch(written) or _GROUPED.fullmatch(written):
        return Decimal(written.replace(".", "").replace(",", "."))
    raise PydanticCustomError(
        "amount_text",
        'geen getal: schrijf het bedrag als getal, bijv. 79.5, of als tekst "79,50" '
        '(komma voor de centen, eventueel "€ 1.079,50")',
    )


def _amount(value: Any) -> Any:
    if isinstance(value, bool):  # bool is an int in Python; true is not an amount
        raise PydanticCustomError("decimal_type", "amount as a number")
    if isinstance(value, str):
        return amount_from_text(value)
    if not isinstance(value, int | float | Decimal):  # a list or an object is not an amount either
        raise PydanticCustomError("decimal_type", "amount as a number")
    return value  # a number (or a Decimal built in Python); pydantic checks the rest


Euro = Annotated[
    Decimal,
    Field(gt=0, max_digits=12, decimal_places=2),
    BeforeValidator(_amount),
    # The published schema asks for a number, the form to write; text in unambiguous Dutch notation
    # is accepted as a courtesy to offers typed by hand (amount_from_text), not advertised as a second form.
    WithJsonSchema({"type": "number", "exclusiveMinimum": 0}),
]
"""A positive amount in euro with at most two decimals: a JSON number, or text in unambiguous Dutch notation."""

KvkNumber = Annotated[str, Field(pattern=r"^\d{8}$", description="KvK-nummer: exactly 8 digits.")]
