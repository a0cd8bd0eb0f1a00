"""Step 2 of the procedure: the ranking of scored, compliant candidates, with its ties.

Pure functions, no I/O. The points per criterion come with each report (see
:mod:`compliance.checks.scoring`). The ranking never orders equal
candidates silently: equal points decided by the rate are marked ``decided_by_rate``, and
candidates still equal after the rate share one rank and are marked ``lot`` (the client draws).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from itertools import groupby

from compliance.checks.scoring import MET, NEEDS_REVIEW, NOT_MET

TIE_BY_RATE = "decided_by_rate"
TIE_LOT = "lot"


def rate_for_ranking(hourly_rate: Decimal, vat_included: bool | None, vat_percent: Decimal) -> Decimal:
    """The offered rate excl. BTW, in cents: the basis on which the rate decides equal scores.

    Offers must be compared on one basis: a rate stated including BTW is converted (as the rate
    check does) and rounded to cents, so € 94,38 incl. equals € 78,00 excl. An offer that does
    not say (``None``) is taken as stated, i.e. as excl. BTW: the reading least favourable to it.
    """
    rate = hourly_rate / (1 + vat_percent / 100) if vat_included else hourly_rate
    return rate.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class Contender:
    """What the ranking needs of one compliant, scored submission."""

    submission_id: str
    points: int
    rate: Decimal
    criteria: Mapping[str, int] = field(default_factory=dict)  # points per criterion, for a tie-break on one


@dataclass(frozen=True, slots=True)
class Placement:
    """A contender's place: shared rank for a lot, whether selected, and which kind of tie it was in."""

    submission_id: str
    points: int
    rate: Decimal
    rank: int
    selected: bool
    tie: str | None
    lot_places: int = 0  # > 0: the client draws this many places among everyone with this rank


@dataclass(frozen=True, slots=True)
class Ranking:
    """The ranked contenders in order; equal candidates are listed by submission ID, never ranked by it."""

    placements: tuple[Placement, ...]
    max_selected: int

    @property
    def open_lot(self) -> tuple[Placement, ...]:
        """Candidates among whom the client must draw lots for the last place(s), if any."""
        return tuple(p for p in self.placements if p.lot_places > 0)

    def by_id(self) -> dict[str, Placement]:
        """Placements keyed by submission ID."""
        return {p.submission_id: p for p in self.placements}


DEFAULT_TIE_BREAK = ("lowest_rate", "lot")


def _step_key(step: str, contender: Contender) -> Decimal | int:
    """A contender's value for one tie-break step, ordered so that lower is better."""
    if step == "lowest_rate":
        return contender.rate
    return -contender.criteria.get(step.removeprefix("criterion:"), 0)


def _decided_by(step: str) -> str:
    return TIE_BY_RATE if step == "lowest_rate" else f"decided_by_{step}"


def rank(
    contenders: Iterable[Contender], max_selected: int, tie_break: Sequence[str] = DEFAULT_TIE_BREAK
) -> Ranking:
    """Order by points (descending), then the tender's tie-break steps; equal on all means one shared rank.

    ``tie_break`` is the tender's chain (``lowest_rate``, ``criterion:<id>``, ending in ``lot``).
    Ranks are competition ranks (1, 2, 2, 4): a lot group takes the places it occupies. A group
    wholly inside the first ``max_selected`` places is selected; a lot group that straddles the
    cut-off is not selected yet: ``lot_places`` says how many places the client draws among it.
    """
    steps = [step for step in tie_break if step != "lot"]

    def key(contender: Contender) -> tuple[Decimal | int, ...]:
        return (-contender.points, *(_step_key(step, contender) for step in steps))

    ordered = sorted(contenders, key=lambda c: (*key(c), c.submission_id))
    ids = [c.submission_id for c in ordered]
    if len(set(ids)) != len(ids):
        raise ValueError("submission IDs must be unique within one ranking")
    placements: list[Placement] = []
    position = 1
    for _, members in groupby(ordered, key=key):
        group: Sequence[Contender] = list(members)
        last = position + len(group) - 1
        tie = TIE_LOT if len(group) > 1 else _tie_of(group[0], ordered, steps, key)
        selected = last <= max_selected
        lot_places = max_selected - position + 1 if position <= max_selected < last else 0
        placements += [
            Placement(c.submission_id, c.points, c.rate, position, selected, tie, lot_places) for c in group
        ]
        position = last + 1
    return Ranking(placements=tuple(placements), max_selected=max_selected)


def _tie_of(
    contender: Contender,
    ordered: Sequence[Contender],
    steps: Sequence[str],
    key: Callable[[Contender], tuple[Decimal | int, ...]],
) -> str | None:
    """Which tie-break step set this contender apart from others with the same points, if any did."""
    mine = key(contender)
    rivals = [key(other) for other in ordered if other is not contender and other.points == contender.points]
    if not rivals:
        return None
    # The step that decided is the first at which it differs from its nearest rival.
    decisive = max(next(i for i in range(1, len(mine)) if rival[i] != mine[i]) for rival in rivals)
    return _decided_by(steps[decisive - 1])


__all__ = [
    "MET",
    "NEEDS_REVIEW",
    "NOT_MET",
    "TIE_BY_RATE",
    "TIE_LOT",
    "Contender",
    "Placement",
    "Ranking",
    "rank",
    "rate_for_ranking",
]
