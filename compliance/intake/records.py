"""The small records that travel between the intake's worker processes and its main process.

Workers send back these summaries, never whole reports or PDFs, so the main process holds a
few hundred bytes per submission however large the batch is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Outcome(StrEnum):
    """Where a submission ended up in the procedure."""

    SELECTED = "selected"  # among the best `max_selected`: goes to the client
    LOT = "lot"  # equal on points and rate at the cut-off: the client draws lots for the last place(s)
    RANKED = "ranked"  # compliant and scored, but not among the selected
    NEEDS_REVIEW = "needs_review"  # cannot be ranked until a person has reviewed the listed checks
    EXCLUDED = "excluded"  # fails a knock-out or condition (step 1)
    ERROR = "error"  # the file could not be read or is not a valid submission


@dataclass(frozen=True, slots=True)
class CriterionPoints:
    """One criterion's result in a summary row."""

    criterion_id: str
    points: int
    max_points: int
    status: str


@dataclass(frozen=True, slots=True)
class Assessment:
    """Step 1 (and step 2 for compliant ones) for one file, as the main process needs it."""

    file: str  # name inside the submissions folder
    file_sha256: str
    file_bytes: int
    error: str | None = None  # Dutch diagnostics naming the file and field, for a bad input
    internal_error: bool = False  # the error is a defect of this tool (exit 70), not of the file
    submission_id: str = ""
    input_sha256: str = ""
    candidate_id: str = ""
    candidate_name: str = ""  # shown to the client in the overview only
    supplier_name: str = ""
    supplier_kvk_number: str = ""
    rate: str = ""  # as offered
    vat_included: bool | None = None
    rate_excl_vat: str = ""  # the ranking basis (see scoring.rate_for_ranking)
    verdict: str = ""
    failed_checks: tuple[str, ...] = ()
    review_checks: tuple[str, ...] = ()
    reason: str = ""  # one line: why excluded, or what must be reviewed
    points: int | None = None
    max_points: int | None = None
    criteria: tuple[CriterionPoints, ...] = ()
    criteria_to_review: tuple[str, ...] = ()  # criteria whose points wait for a review
    report_digest: str = ""  # sha256 of the scored report before placement: part of the reuse key
    documents: tuple[tuple[str, str, int], ...] = ()  # documents read (path in the folder, sha256, bytes)

    @property
    def ok(self) -> bool:
        """False for a bad input file."""
        return self.error is None


@dataclass(frozen=True, slots=True)
class WrittenFile:
    """An output file, relative to the award folder, with its hash."""

    path: str
    role: str
    sha256: str
    bytes: int


@dataclass(frozen=True, slots=True)
class ReportJob:
    """What a worker needs to write one candidate's signed report."""

    file: str
    submission_id: str
    key: str  # the reuse key: same key, same unsigned report
    report_digest: str  # what step 1 and 2 produced; a different digest now means the file changed
    rank: int | None
    selected: bool
    tie: str | None


@dataclass(frozen=True, slots=True)
class ReportDone:
    """A candidate's report files as written (or found intact and reused)."""

    submission_id: str
    key: str
    files: tuple[WrittenFile, ...] = field(default=())
    reused: bool = False
    error: str | None = None  # the report could not be written for this candidate
    internal: bool = False  # the error is a defect of this tool, not of the input
