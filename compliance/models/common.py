"""Shared pydantic base classes and small value types for the input formats."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

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

Euro = Annotated[Decimal, Field(gt=0, max_digits=12, decimal_places=2)]
"""A positive amount in euro with at most two decimals."""

KvkNumber = Annotated[str, Field(pattern=r"^\d{8}$", description="KvK-nummer: exactly 8 digits.")]
