"""One value from several places: agree → one value with both sources; disagree → a doubt, no value.

A posting may state a value twice (the summary and the procedure text, the CV section and the
"Overige informatie"). When the places agree, the value stands with both sources; when they
differ, the importer does not pick one: the value stays empty and a person is asked.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from compliance.importer.text import Doubt, Sourced

T = TypeVar("T")


def _show(value: object) -> str:
    return str(value)


def resolve(
    candidates: list[Sourced[T]], pointer: str, what: str, show: Callable[[T], str] = _show
) -> tuple[Sourced[T] | None, list[Doubt]]:
    """The value all candidates agree on, or None with a Dutch doubt naming each value and its lines."""
    if not candidates:
        return None, []
    distinct: list[Sourced[T]] = []
    for candidate in candidates:
        same = next((index for index, seen in enumerate(distinct) if seen.value == candidate.value), None)
        if same is None:
            distinct.append(candidate)
        else:
            distinct[same] = Sourced(distinct[same].value, distinct[same].source.merged(candidate.source))
    if len(distinct) == 1:
        return distinct[0], []
    places = "; ".join(f"{show(item.value)} (regel {', '.join(map(str, item.source.lines))})" for item in distinct)
    return None, [Doubt(pointer, f"De uitvraag spreekt zichzelf tegen over {what}: {places}. Kies de juiste waarde.")]
