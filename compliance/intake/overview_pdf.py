"""The ranking overview for the client: one signed PDF per intake (Dutch).

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

_TIE_LABELS = {TIE_BY_RATE: "beslist op tarief", TIE_LOT: "loting"}
_REVIEW_MARK = " (b)"  # a criterion whose points wait for a review


def _rate(row: SummaryRow) -> str:
    """The rate the ranking compared (excl. BTW); an offer made incl. BTW shows that amount too."""
    item = row.assessment
    if not item.rate_excl_vat:
        return "–"
    text = eur(Decimal(item.rate_excl_vat))
    return f"{text} (opgegeven {eur(Decimal(item.rate))} incl. btw)" if item.vat_included else text


def _candidate(row: SummaryRow) -> str:
    item = row.assessment
    return f"<b>{escaped(item.candidate_name)}</b><br/>{escaped(item.candidate_id)} · {escaped(item.submission_id)}"


def _ranked_table(rows: Sequence[SummaryRow], criterion_ids: Sequence[str], styles: Styles) -> Table:
    cell, head = styles.cell, styles.cell_head
    header = ["Rang", "Kandidaat", "Leverancier", *criterion_ids, "Punten", "Tarief excl. btw", "Gelijk"]
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
        tie = _TIE_LABELS.get(row.tie or "", "")
        if row.lot_places:
            tie = f"loting om {row.lot_places} {'plaats' if row.lot_places == 1 else 'plaatsen'}"
        data.append(
            [
                Paragraph(str(row.rank), styles.cell_bold),
                Paragraph(_candidate(row), cell),
                Paragraph(escaped(row.assessment.supplier_name), cell),
                *marks,
                Paragraph(f"<b>{row.assessment.points}</b>/{row.assessment.max_points}", cell),
                Paragraph(escaped(_rate(row)), cell),
                Paragraph(escaped(tie), cell),
            ]
        )
        if row.tie == TIE_LOT:
            lot_rows.append(index)
    fixed = [11 * mm, 34 * mm, 30 * mm, *[9 * mm] * len(criterion_ids), 16 * mm, 20 * mm]
    widths = [*fixed, max(18 * mm, FRAME_WIDTH - sum(fixed))]
    lot_tone = STATUS_TONE[Status.NEEDS_REVIEW].background
    return styled_table(data, widths, extra=[("BACKGROUND", (0, i), (-1, i), lot_tone) for i in lot_rows])


def _reason_table(rows: Sequence[SummaryRow], label: str, styles: Styles, *, with_candidate: bool) -> Table:
    cell, head = styles.cell, styles.cell_head
    if with_candidate:
        data: list[list[Flowable]] = [[Paragraph(escaped(h), head) for h in ("Kandidaat", "Leverancier", label)]]
        data += [
            [
                Paragraph(_candidate(row), cell),
                Paragraph(escaped(row.assessment.supplier_name), cell),
                Paragraph(escaped(row.one_line), cell),
            ]
            for row in rows
        ]
        widths = [40 * mm, 36 * mm, FRAME_WIDTH - 76 * mm]
    else:
        data = [[Paragraph(escaped(h), head) for h in ("Bestand", label)]]
        data += [
            [Paragraph(escaped(row.assessment.file), cell), Paragraph(escaped(row.one_line), cell)] for row in rows
        ]
        widths = [50 * mm, FRAME_WIDTH - 50 * mm]
    return styled_table(data, widths)


def _lot_notice(ranking: Ranking, rows: Sequence[SummaryRow]) -> str:
    lot = ranking.open_lot
    names = {row.assessment.submission_id: row.assessment.candidate_name for row in rows}
    first = lot[0]
    who = ", ".join(f"{escaped(names[p.submission_id])} ({escaped(p.submission_id)})" for p in lot)
    places = "1 plaats" if first.lot_places == 1 else f"{first.lot_places} plaatsen"
    span = (
        f"plaats {ranking.max_selected}"
        if first.lot_places == 1
        else f"plaatsen {first.rank} t/m {ranking.max_selected}"
    )
    return (
        f"<b>Loting door de opdrachtgever nodig.</b> {len(lot)} kandidaten staan gelijk op punten ({first.points}) én "
        f"uurtarief ({escaped(eur(first.rate))}) en dingen mee naar {span}. De opdrachtgever loot {places} tussen: {who}."
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


def render_overview(tender: Tender, rows: Sequence[SummaryRow], ranking: Ranking, header: dict[str, Any]) -> bytes:
    """The unsigned overview PDF (deterministic for the same inputs)."""
    styles = Styles()
    fonts = register_fonts()
    criterion_ids = [c.id for c in tender.criteria]
    groups = {outcome: [r for r in rows if r.outcome is outcome] for outcome in Outcome}
    top = [r for r in rows if r.outcome in (Outcome.SELECTED, Outcome.LOT)]
    total = counts(rows)
    max_selected = ranking.max_selected

    story: list[Flowable] = [
        Paragraph("Rangschikking inschrijvingen", styles.title),
        Paragraph(
            escaped(f"{tender.organisation} · {tender.title} ({tender.platform_reference or tender.tender_id})"),
            styles.subtitle,
        ),
        Paragraph(
            escaped(
                f"Sluiting {long_datetime(tender.deadline.isoformat(), 'nl')} · beoordeeld "
                f"{long_datetime(header['decision_time'], 'nl')} · regels {header['rules']['version']} · "
                f"{header['tool']['name']} {header['tool']['version']}"
            ),
            styles.intro,
        ),
        Spacer(1, 3 * mm),
        Paragraph(
            "Stap 1: elke inschrijving is getoetst aan de knock-outcriteria en voorwaarden. Stap 2: wie voldoet, is "
            f"gescoord op de selectiecriteria; de {max_selected} best scorende kandidaten gaan naar de opdrachtgever. "
            "Bij gelijke punten beslist het laagste uurtarief; wie daarna nog gelijk staat, krijgt dezelfde rang en "
            "de opdrachtgever beslist door loting. Per kandidaat staat de onderbouwing in het eigen ondertekende "
            "rapport.",
            styles.body,
        ),
        Spacer(1, 2 * mm),
        Paragraph(
            f"<b>{total['submissions']} inschrijvingen:</b> {total['selected']} geselecteerd, {total['lot']} in loting, "
            f"{total['ranked']} overige gerangschikt, {total['needs_review']} te beoordelen, "
            f"{total['excluded']} uitgesloten, {total['error']} niet verwerkt.",
            styles.body,
        ),
    ]
    if ranking.open_lot:
        story += [Spacer(1, 3 * mm), _notice(_lot_notice(ranking, rows), styles)]
    story.append(Paragraph(f"Geselecteerd voor de opdrachtgever (maximaal {max_selected})", styles.h1))
    story.append(_ranked_table(top, criterion_ids, styles) if top else Paragraph("Geen.", styles.body))
    if groups[Outcome.RANKED]:
        story.append(Paragraph("Overige gerangschikte kandidaten (niet voorgelegd)", styles.h1))
        story.append(_ranked_table(groups[Outcome.RANKED], criterion_ids, styles))
    if tender.criteria:
        legend = "; ".join(f"{c.id}: {c.clause.reference}" for c in tender.criteria)
        story.append(Spacer(1, 2 * mm))
        story.append(
            Paragraph(escaped(f"Criteria: {legend}. (b) = punten pas na beoordeling, nu niet toegekend."), styles.intro)
        )
    sections = (
        (Outcome.NEEDS_REVIEW, "Te beoordelen voordat zij gerangschikt kunnen worden", "Wat beoordeeld moet worden"),
        (Outcome.EXCLUDED, "Uitgesloten in stap 1", "Reden"),
    )
    for outcome, title, label in sections:
        if groups[outcome]:
            story += [Paragraph(title, styles.h1), _reason_table(groups[outcome], label, styles, with_candidate=True)]
    if groups[Outcome.ERROR]:
        story.append(Paragraph("Niet verwerkt: ongeldige of onleesbare bestanden", styles.h1))
        story.append(_reason_table(groups[Outcome.ERROR], "Fout", styles, with_candidate=False))

    def footer(canvas: Any, document: Any) -> None:
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setFillColor(MUTED)
        canvas.setFont(fonts.regular, 7)
        bottom = MARGIN_BOTTOM - 9 * mm
        canvas.line(MARGIN_X, bottom + 3.5 * mm, PAGE_WIDTH - MARGIN_X, bottom + 3.5 * mm)
        canvas.drawString(MARGIN_X, bottom, f"Rangschikking {tender.tender_id} · digitaal ondertekend")
        canvas.drawRightString(PAGE_WIDTH - MARGIN_X, bottom, f"pagina {document.page}")
        canvas.restoreState()

    buffer = io.BytesIO()
    tool = f"{header['tool']['name']} {header['tool']['version']}"
    document = SimpleDocTemplate(
        buffer,
        **document_options(
            title=f"Rangschikking {tender.tender_id}",
            author=tool,
            subject=f"{tender.organisation} – {tender.title}",
            lang="nl",
        ),
    )
    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def overview_rendition(unsigned: bytes, signer: ReportSigner) -> dict[str, Any]:
    """What ``summary.json`` records about the overview render, in the shape a report's ``rendition`` has.

    The signed overview embeds ``summary.json``; with this record in it, the signature check of
    ``compliance verify`` proves that the overview's pages are exactly this render.
    """
    from dataclasses import asdict

    from compliance.report_files import renderer_name

    return {
        "document": "rangschikking",
        "lang": "nl",
        "unsigned_pdf_sha256": sha256_hex(unsigned),
        "unsigned_pdf_bytes": len(unsigned),
        "renderer": renderer_name(),
        "signature_level": signer.signature_level,
        "signer": asdict(signer.note),
    }


def sign_overview(unsigned: bytes, path: Path, signer: ReportSigner, summary: bytes) -> None:
    """Sign the rendered overview with ``summary.json`` embedded, and write it atomically.

    The embedded summary makes the signed file self-contained: the ranking as data, under the
    same signature as the ranking as print.
    """
    signed = signer.sign(unsigned, "summary.json", summary, "Samenvatting van de intake (summary.json)")
    atomic_write_bytes(path, signed)
