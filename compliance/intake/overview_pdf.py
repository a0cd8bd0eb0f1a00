"""The ranking overview for the client: one signed PDF per intake (Dutch, or English with ``lang="en"``).

It shows the selected candidates, the rest of the ranking, who must be reviewed before being
ranked, who was excluded and why (one line each), and which files could not be read. Ties are
marked where they occur; a lot at the cut-off is announced above the tables, because the client
must act on it. The render is deterministic (reportlab's invariant mode, no clock), so the same
inputs give the same unsigned bytes; the signature is added afterwards.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from compliance.canonical import sha256_hex
from compliance.dates import eur
from compliance.fsutil import atomic_write_bytes
from compliance.intake.records import Outcome
from compliance.intake.scoring import NEEDS_REVIEW, TIE_BY_RATE, TIE_LOT, Ranking
from compliance.intake.summary import SummaryRow, counts
from compliance.models.findings import Status
from compliance.models.tender_v2 import TenderV2 as Tender

if TYPE_CHECKING:
    from compliance.signing.sign import ReportSigner

# The per-candidate report's look (palette, margins, paragraph styles, table style) is reused, so
# the client receives one house style.
from compliance.render.fonts import register_fonts
from compliance.render.labels import CHECK_TITLES_EN, OVERVIEW_TEXT, TIE_LABELS
from compliance.render.localise import english_or_quoted
from compliance.render.pdf import (
    FRAME_WIDTH,
    MARGIN_BOTTOM,
    MARGIN_X,
    MUTED,
    PAGE_WIDTH,
    RULE,
    STATUS_TONE,
    Styles,
    document_options,
    escaped,
    long_datetime,
    styled_table,
)

assert {TIE_BY_RATE, TIE_LOT} <= set(TIE_LABELS["nl"])  # the labels cover every tie the ranking makes
_REVIEW_MARK = " (b)"  # a criterion whose points wait for a review


def _rate(row: SummaryRow, t: dict[str, str]) -> str:
    """The rate the ranking compared (excl. BTW); an offer made incl. BTW shows that amount too."""
    item = row.assessment
    if not item.rate_excl_vat:
        return "–"
    text = eur(Decimal(item.rate_excl_vat))
    return t["rate_incl"].format(excl=text, incl=eur(Decimal(item.rate))) if item.vat_included else text


def _why(row: SummaryRow, lang: str) -> str:
    """Why a row is excluded, to be reviewed or not processed, in ``lang``.

    The worker records this line in Dutch (the checks' own reasons). An English overview names the
    deciding checks by their English titles instead (each candidate's report has the reasons), and
    shows a bad file's Dutch diagnostics marked as Dutch.
    """
    if lang != "en":
        return row.one_line
    item = row.assessment
    checks = item.failed_checks or item.review_checks
    if row.error or not checks:
        return english_or_quoted(row.one_line)
    return "; ".join(f"{check} {CHECK_TITLES_EN.get(check, '')}".strip() for check in checks)


def _candidate(row: SummaryRow) -> str:
    item = row.assessment
    return f"<b>{escaped(item.candidate_name)}</b><br/>{escaped(item.candidate_id)} · {escaped(item.submission_id)}"


def _ranked_table(rows: Sequence[SummaryRow], criterion_ids: Sequence[str], styles: Styles, lang: str) -> Table:
    cell, head = styles.cell, styles.cell_head
    t = OVERVIEW_TEXT[lang]
    columns = (t["col_rank"], t["col_candidate"], t["col_supplier"])
    header = [*columns, *criterion_ids, t["col_points"], t["col_rate"], t["col_tie"]]
    data: list[list[Flowable]] = [[Paragraph(escaped(h), head) for h in header]]
    lot_rows = []
    for index, row in enumerate(rows, start=1):
        points = {c.criterion_id: c for c in row.assessment.criteria}
        marks: list[Flowable] = [
            Paragraph(
                f"{points[cid].points}{_REVIEW_MARK if points[cid].status == NEEDS_REVIEW else ''}"
                if cid in points
                else "–",
                cell,
            )
            for cid in criterion_ids
        ]
        tie = TIE_LABELS[lang].get(row.tie or "", "")
        if row.lot_places:
            tie = t["lot_places_one"] if row.lot_places == 1 else t["lot_places_many"].format(places=row.lot_places)
        data.append(
            [
                Paragraph(str(row.rank), styles.cell_bold),
                Paragraph(_candidate(row), cell),
                Paragraph(escaped(row.assessment.supplier_name), cell),
                *marks,
                Paragraph(f"<b>{row.assessment.points}</b>/{row.assessment.max_points}", cell),
                Paragraph(escaped(_rate(row, t)), cell),
                Paragraph(escaped(tie), cell),
            ]
        )
        if row.tie == TIE_LOT:
            lot_rows.append(index)
    fixed = [11 * mm, 34 * mm, 30 * mm, *[9 * mm] * len(criterion_ids), 16 * mm, 20 * mm]
    widths = [*fixed, max(18 * mm, FRAME_WIDTH - sum(fixed))]
    lot_tone = STATUS_TONE[Status.NEEDS_REVIEW].background
    return styled_table(data, widths, extra=[("BACKGROUND", (0, i), (-1, i), lot_tone) for i in lot_rows])


def _reason_table(rows: Sequence[SummaryRow], label: str, styles: Styles, lang: str, *, with_candidate: bool) -> Table:
    cell, head = styles.cell, styles.cell_head
    t = OVERVIEW_TEXT[lang]
    if with_candidate:
        names = (t["col_candidate"], t["col_supplier"], label)
        data: list[list[Flowable]] = [[Paragraph(escaped(h), head) for h in names]]
        data += [
            [
                Paragraph(_candidate(row), cell),
                Paragraph(escaped(row.assessment.supplier_name), cell),
                Paragraph(escaped(_why(row, lang)), cell),
            ]
            for row in rows
        ]
        widths = [40 * mm, 36 * mm, FRAME_WIDTH - 76 * mm]
    else:
        data = [[Paragraph(escaped(h), head) for h in (t["col_file"], label)]]
        data += [
            [Paragraph(escaped(row.assessment.file), cell), Paragraph(escaped(_why(row, lang)), cell)] for row in rows
        ]
        widths = [50 * mm, FRAME_WIDTH - 50 * mm]
    return styled_table(data, widths)


def _lot_notice(ranking: Ranking, rows: Sequence[SummaryRow], lang: str) -> str:
    t = OVERVIEW_TEXT[lang]
    lot = ranking.open_lot
    names = {row.assessment.submission_id: row.assessment.candidate_name for row in rows}
    first = lot[0]
    who = ", ".join(f"{escaped(names[p.submission_id])} ({escaped(p.submission_id)})" for p in lot)
    one = first.lot_places == 1
    places = t["places_one"] if one else t["places_many"].format(places=first.lot_places)
    span_text = t["lot_span_one"] if one else t["lot_span_many"]
    span = span_text.format(first=first.rank, last=ranking.max_selected)
    return t["lot_notice"].format(
        count=len(lot), points=first.points, rate=escaped(eur(first.rate)), span=span, places=places, who=who
    )


def _notice(text: str, styles: Styles) -> Table:
    tone = STATUS_TONE[Status.NEEDS_REVIEW]
    box = Table([[Paragraph(text, styles.verdict_text)]], colWidths=[FRAME_WIDTH], hAlign="LEFT")
    box.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), tone.background),
                ("LINEBEFORE", (0, 0), (0, -1), 4, tone.text),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return box


def render_overview(
    tender: Tender, rows: Sequence[SummaryRow], ranking: Ranking, header: dict[str, Any], lang: str = "nl"
) -> bytes:
    """The unsigned overview PDF in ``lang`` (``nl`` or ``en``), deterministic for the same inputs."""
    lang = lang if lang in OVERVIEW_TEXT else "nl"
    t = OVERVIEW_TEXT[lang]
    styles = Styles()
    fonts = register_fonts()
    criterion_ids = [c.id for c in tender.criteria]
    groups = {outcome: [r for r in rows if r.outcome is outcome] for outcome in Outcome}
    top = [r for r in rows if r.outcome in (Outcome.SELECTED, Outcome.LOT)]
    max_selected = ranking.max_selected
    context = t["context"].format(
        deadline=long_datetime(tender.deadline.isoformat(), lang),
        decided=long_datetime(header["decision_time"], lang),
        rules=header["rules"]["version"],
        tool=f"{header['tool']['name']} {header['tool']['version']}",
    )

    story: list[Flowable] = [
        Paragraph(escaped(t["title"]), styles.title),
        Paragraph(
            escaped(f"{tender.organisation} · {tender.title} ({tender.platform_reference or tender.tender_id})"),
            styles.subtitle,
        ),
        Paragraph(escaped(context), styles.intro),
        Spacer(1, 3 * mm),
        Paragraph(escaped(t["procedure"].format(max_selected=max_selected)), styles.body),
        Spacer(1, 2 * mm),
        Paragraph(t["counts"].format(**counts(rows)), styles.body),
    ]
    if ranking.open_lot:
        story += [Spacer(1, 3 * mm), _notice(_lot_notice(ranking, rows, lang), styles)]
    story.append(Paragraph(escaped(t["selected_heading"].format(max_selected=max_selected)), styles.h1))
    story.append(_ranked_table(top, criterion_ids, styles, lang) if top else Paragraph(escaped(t["none"]), styles.body))
    if groups[Outcome.RANKED]:
        story.append(Paragraph(escaped(t["ranked_heading"]), styles.h1))
        story.append(_ranked_table(groups[Outcome.RANKED], criterion_ids, styles, lang))
    if tender.criteria:
        legend = "; ".join(f"{c.id}: {c.clause.reference}" for c in tender.criteria)
        story.append(Spacer(1, 2 * mm))
        story.append(Paragraph(escaped(t["legend"].format(legend=legend)), styles.intro))
    sections = (
        (Outcome.NEEDS_REVIEW, t["review_heading"], t["review_label"]),
        (Outcome.EXCLUDED, t["excluded_heading"], t["excluded_label"]),
        (Outcome.ERROR, t["error_heading"], t["error_label"]),
    )
    for outcome, title, label in sections:
        if groups[outcome]:
            table = _reason_table(groups[outcome], label, styles, lang, with_candidate=outcome is not Outcome.ERROR)
            story += [Paragraph(escaped(title), styles.h1), table]

    def footer(canvas: Any, document: Any) -> None:
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setFillColor(MUTED)
        canvas.setFont(fonts.regular, 7)
        bottom = MARGIN_BOTTOM - 9 * mm
        canvas.line(MARGIN_X, bottom + 3.5 * mm, PAGE_WIDTH - MARGIN_X, bottom + 3.5 * mm)
        canvas.drawString(MARGIN_X, bottom, t["footer"].format(tender=tender.tender_id))
        canvas.drawRightString(PAGE_WIDTH - MARGIN_X, bottom, t["page"].format(page=document.page))
        canvas.restoreState()

    buffer = io.BytesIO()
    tool = f"{header['tool']['name']} {header['tool']['version']}"
    document = SimpleDocTemplate(
        buffer,
        **document_options(
            title=t["doc_title"].format(tender=tender.tender_id),
            author=tool,
            subject=f"{tender.organisation} – {tender.title}",
            lang=lang,
        ),
    )
    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def overview_rendition(unsigned: bytes, signer: ReportSigner, lang: str = "nl") -> dict[str, Any]:
    """What ``summary.json`` records about the overview render, in the shape a report's ``rendition`` has.

    The signed overview embeds ``summary.json``; with this record in it, the signature check of
    ``compliance verify`` proves that the overview's pages are exactly this render.
    """
    from dataclasses import asdict

    from compliance.report_files import renderer_name

    return {
        "document": "rangschikking",
        "lang": lang,
        "unsigned_pdf_sha256": sha256_hex(unsigned),
        "unsigned_pdf_bytes": len(unsigned),
        "renderer": renderer_name(),
        "signature_level": signer.signature_level,
        "signer": asdict(signer.note),
    }


def sign_overview(unsigned: bytes, path: Path, signer: ReportSigner, summary: bytes, lang: str = "nl") -> None:
    """Sign the rendered overview with ``summary.json`` embedded, and write it atomically.

    The embedded summary makes the signed file self-contained: the ranking as data, under the
    same signature as the ranking as print.
    """
    description = OVERVIEW_TEXT.get(lang, OVERVIEW_TEXT["nl"])["attachment"]
    signed = signer.sign(unsigned, "summary.json", summary, description)
    atomic_write_bytes(path, signed)
