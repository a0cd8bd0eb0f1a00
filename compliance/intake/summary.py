"""The intake's outcome per submission, and ``summary.json`` / ``summary.csv`` for the award file.

One row per submission file, in a fixed order (ranked by rank, then needs review, excluded and
bad files), so the same inputs give byte-identical summaries. The counts always add up to the
number of files: nothing is dropped.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from compliance.fsutil import atomic_write_text
from compliance.intake.records import Assessment, Outcome
from compliance.intake.scoring import Ranking

SUMMARY_JSON = "summary.json"
SUMMARY_CSV = "summary.csv"
OVERVIEW_PDF = "rangschikking.pdf"  # the signed ranking overview, which embeds summary.json

_ORDER = {outcome: index for index, outcome in enumerate(Outcome)}


@dataclass(frozen=True, slots=True)
class SummaryRow:
    """A submission with its place in the procedure and its report files."""

    assessment: Assessment
    outcome: Outcome
    rank: int | None = None
    tie: str | None = None
    selected: bool = False
    lot_places: int = 0
    error: str | None = None
    internal_error: bool = False  # the error is a defect of this tool (exit 70), not a bad input
    report_pdf: str = ""
    report_json: str = ""

    @property
    def one_line(self) -> str:
        """Why the submission is where it is, in one line (Dutch)."""
        if self.error:
            return " | ".join(line.strip() for line in self.error.splitlines() if line.strip())
        return self.assessment.reason


def classify(assessments: Iterable[Assessment], ranking: Ranking) -> list[SummaryRow]:
    """Join step 1 outcomes with the ranking, in the summary's order."""
    placements = ranking.by_id()
    rows: list[SummaryRow] = []
    for item in assessments:
        if not item.ok:
            rows.append(SummaryRow(item, Outcome.ERROR, error=item.error, internal_error=item.internal_error))
        elif item.verdict == "non_compliant":
            rows.append(SummaryRow(item, Outcome.EXCLUDED))
        elif item.verdict == "needs_review":
            rows.append(SummaryRow(item, Outcome.NEEDS_REVIEW))
        else:
            placement = placements[item.submission_id]
            if placement.selected:
                outcome = Outcome.SELECTED
            elif placement.lot_places:
                outcome = Outcome.LOT
            else:
                outcome = Outcome.RANKED
            rows.append(
                SummaryRow(item, outcome, placement.rank, placement.tie, placement.selected, placement.lot_places)
            )
    return sorted(rows, key=_row_order)


def _row_order(row: SummaryRow) -> tuple[int, int, str, str]:
    ranked = row.outcome in (Outcome.SELECTED, Outcome.LOT, Outcome.RANKED)
    group = 0 if ranked else _ORDER[row.outcome]
    return (group, row.rank or 0, row.assessment.submission_id, row.assessment.file)


def counts(rows: Sequence[SummaryRow]) -> dict[str, int]:
    """Rows per outcome; ``submissions`` is their sum and ``compliant`` the ranked ones (step 2)."""
    by_outcome = Counter(row.outcome for row in rows)
    result = {"submissions": len(rows)}
    result.update({outcome.value: by_outcome.get(outcome, 0) for outcome in Outcome})
    result["compliant"] = sum(by_outcome.get(o, 0) for o in (Outcome.SELECTED, Outcome.LOT, Outcome.RANKED))
    return result


def _row_document(row: SummaryRow) -> dict[str, Any]:
    item = row.assessment
    return {
        "file": item.file,
        "file_sha256": item.file_sha256,
        "submission_id": item.submission_id or None,
        "candidate_id": item.candidate_id or None,
        "supplier_kvk_number": item.supplier_kvk_number or None,
        "supplier_name": item.supplier_name or None,
        "input_sha256": item.input_sha256 or None,
        "verdict": item.verdict or None,
        "outcome": row.outcome.value,
        "failed_checks": list(item.failed_checks),
        "review_checks": list(item.review_checks),
        "points": item.points,
        "max_points": item.max_points,
        "criteria": [
            {"id": c.criterion_id, "points": c.points, "max_points": c.max_points, "status": c.status}
            for c in item.criteria
        ],
        "criteria_to_review": list(item.criteria_to_review),
        "hourly_rate_eur": item.rate or None,
        "vat_included": item.vat_included,
        "rate_excl_vat_eur": item.rate_excl_vat or None,
        "rank": row.rank,
        "tie": row.tie,
        "selected": row.selected,
        "lot_places": row.lot_places or None,
        "reason": row.one_line or None,
        "report_pdf": row.report_pdf or None,
        "report_json": row.report_json or None,
    }


def summary_document(
    rows: Sequence[SummaryRow], header: dict[str, Any], ranking: Ranking, criterion_ids: Sequence[str]
) -> dict[str, Any]:
    """The whole ``summary.json`` document."""
    lot = ranking.open_lot
    return {
        **header,
        "max_selected": ranking.max_selected,
        "criterion_ids": list(criterion_ids),
        "counts": counts(rows),
        "open_lot": {
            "places": lot[0].lot_places,
            "rank": lot[0].rank,
            "submission_ids": [p.submission_id for p in lot],
        }
        if lot
        else None,
        "rows": [_row_document(row) for row in rows],
    }


_CSV_COLUMNS = (
    "file",
    "submission_id",
    "candidate_id",
    "supplier_kvk_number",
    "supplier_name",
    "verdict",
    "outcome",
    "failed_checks",
    "review_checks",
    "points",
    "max_points",
    "hourly_rate_eur",
    "vat_included",
    "rate_excl_vat_eur",
    "rank",
    "tie",
    "selected",
    "reason",
    "report_pdf",
)


def summary_csv(rows: Sequence[SummaryRow], criterion_ids: Sequence[str]) -> str:
    """One CSV row per submission (comma separated, UTF-8), with a points column per criterion."""
    return _csv_text([_row_document(row) for row in rows], criterion_ids)


def csv_from_summary(document: dict[str, Any]) -> str:
    """The ``summary.csv`` that belongs to a ``summary.json`` document (what ``verify`` compares)."""
    return _csv_text(document["rows"], document["criterion_ids"])


def _csv_text(documents: Sequence[dict[str, Any]], criterion_ids: Sequence[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*_CSV_COLUMNS, *criterion_ids])
    for document in documents:
        points = {c["id"]: c["points"] for c in document["criteria"]}
        values = []
        for column in _CSV_COLUMNS:
            value = document[column]
            if isinstance(value, list):
                value = ";".join(value)
            elif isinstance(value, bool):
                value = "true" if value else "false"
            values.append("" if value is None else str(value))
        writer.writerow([*values, *("" if points.get(cid) is None else str(points[cid]) for cid in criterion_ids)])
    return buffer.getvalue()


def write_summaries(
    folder: Path, rows: Sequence[SummaryRow], header: dict[str, Any], ranking: Ranking, criterion_ids: Sequence[str]
) -> tuple[Path, Path]:
    """Write both summaries atomically; returns their paths."""
    json_path, csv_path = folder / SUMMARY_JSON, folder / SUMMARY_CSV
    document = summary_document(rows, header, ranking, criterion_ids)
    atomic_write_text(json_path, json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    atomic_write_text(csv_path, summary_csv(rows, criterion_ids))
    return json_path, csv_path
