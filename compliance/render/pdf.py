"""The PDF compliance report: one A4 document per candidate, rendered from the decision record.

Three properties matter more than looks, and the code is shaped by them:

* **Deterministic.** The same report, language and signer give byte-identical PDF bytes in any
  process: reportlab runs in invariant mode (fixed document ID seed and time stamp), the document
  date is the decision time, fonts are embedded subsets of a font shipped inside reportlab, and
  nothing iterates over an unordered collection. The hash of this unsigned render is recorded in
  the signed JSON, and ``compliance verify`` can re-render it.
* **Untrusted text prints literally.** Supplier names, free text and reasons go through
  :func:`text`, which escapes ``<``, ``>`` and ``&`` before reportlab's paragraph markup parser sees
  them; only this module's own fixed strings carry markup.
* **Nothing overflows.** Every table cell is a wrapped paragraph (long words are split), tables
  repeat their header row on each page, and the running footer numbers the pages "x of y".
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from compliance.dates import eur, long_date
from compliance.models.findings import Finding, ParamUsed, Status
from compliance.models.report import Report, SignerNote, Verdict
from compliance.render.fonts import SANS, register_fonts
from compliance.render.labels import (
    ATTESTATION_EFFECT_LABELS,
    DOCUMENT_ROLE_LABELS,
    DOCUMENT_STATUS_LABELS,
    FACT_SOURCE_LABELS,
    LOOKUP_KIND_LABELS,
    LOOKUP_STATUS_LABELS,
    PHASE_LABELS,
    REPORT_TEXT,
    SCORE_STATUS_LABELS,
    SEVERITY_LABELS,
    STATUS_LABELS,
    VERDICT_LABELS,
    label,
    parameter_label,
    value_label,
)
from compliance.render.localise import localise

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 18 * mm
MARGIN_TOP = 22 * mm
MARGIN_BOTTOM = 20 * mm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN_X

INK = colors.HexColor("#1B2733")
MUTED = colors.HexColor("#5A6672")
RULE = colors.HexColor("#C5CED8")
BRAND = colors.HexColor("#1F3A5F")
HEADER_BG = colors.HexColor("#E7ECF2")
LABEL_BG = colors.HexColor("#F3F5F8")


@dataclass(frozen=True, slots=True)
class _Tone:
    text: colors.Color
    background: colors.Color


STATUS_TONE = {
    Status.PASS: _Tone(colors.HexColor("#1C6B33"), colors.HexColor("#E5F3E8")),
    Status.FAIL: _Tone(colors.HexColor("#A4221B"), colors.HexColor("#FBE6E4")),
    Status.NEEDS_REVIEW: _Tone(colors.HexColor("#7F5200"), colors.HexColor("#FFF3D3")),
    Status.NOT_APPLICABLE: _Tone(colors.HexColor("#5A6672"), colors.HexColor("#F1F3F5")),
    Status.ERROR: _Tone(colors.HexColor("#7B1F8C"), colors.HexColor("#F4E6F6")),
}
_VERDICT_TONE = {
    Verdict.COMPLIANT: STATUS_TONE[Status.PASS],
    Verdict.NON_COMPLIANT: STATUS_TONE[Status.FAIL],
    Verdict.NEEDS_REVIEW: STATUS_TONE[Status.NEEDS_REVIEW],
}


def _hex(color: colors.Color) -> str:
    """'#rrggbb' for a colour inside paragraph markup."""
    red, green, blue = (round(channel * 255) for channel in color.rgb())
    return f"#{red:02x}{green:02x}{blue:02x}"


def escaped(value: object) -> str:
    """Escape untrusted text for reportlab's paragraph markup (``<``, ``>``, ``&``)."""
    return escape(str(value))


def _long_date(iso: str, lang: str) -> str:
    """'2026-02-23' -> '23 februari 2026'; anything unparsable is shown as given."""
    try:
        day = date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return long_date(day, lang)


def _short_date(iso: str, lang: str) -> str:
    """'2026-02-09' -> '09-02-2026' (Dutch) or the ISO date itself (English), for narrow columns."""
    try:
        day = date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return day.strftime("%d-%m-%Y") if lang == "nl" else day.isoformat()


def long_datetime(iso: str, lang: str) -> str:
    """'2026-02-23T09:00:00+01:00' -> '23 februari 2026 09:00 (UTC+01:00)'."""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    clock = moment.strftime("%H:%M:%S" if moment.second else "%H:%M")
    offset = moment.strftime("%z")
    zone = "UTC" if offset in ("", "+0000") else f"UTC{offset[:3]}:{offset[3:]}"
    return f"{_long_date(iso, lang)} {clock} ({zone})"


def _money(amount: str, lang: str) -> str:
    try:
        value = Decimal(amount)
    except InvalidOperation:
        return amount
    dutch = eur(value)
    if lang == "en":  # swap the Dutch separators: '€ 1.234,50' -> '€ 1,234.50'
        return dutch.replace(".", "_").replace(",", ".").replace("_", ",")
    return dutch


def _pdf_date(iso: str) -> str:
    """The decision time in PDF date syntax, used as the document's creation date."""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return "D:20000101000000+00'00'"
    offset = moment.strftime("%z") or "+0000"
    return f"D:{moment.strftime('%Y%m%d%H%M%S')}{offset[:3]}'{offset[3:]}'"


class _Para(Paragraph):  # type: ignore[misc]
    """A paragraph that remembers its line breaks for the last width it was wrapped at.

    Tables wrap each cell three or more times at the same width (row heights, page split,
    drawing); reportlab recomputes the line breaks every time, which dominated the render time.
    The layout depends only on the text, the style and the width, so reusing it is exact.
    """

    _memo_width: float | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # Paragraph.split() deletes the layout (blPara) when it pushes the paragraph to the next page;
        # only reuse a layout that still exists.
        if availWidth == self._memo_width and getattr(self, "blPara", None) is not None:
            return self.width, self.height
        result: tuple[float, float] = super().wrap(availWidth, availHeight)
        self._memo_width = availWidth
        return result


class Styles:
    """The paragraph styles of the report, all in the embedded family."""

    def __init__(self) -> None:
        font = register_fonts()

        def style(name: str, **options: Any) -> ParagraphStyle:
            base: dict[str, Any] = {
                "fontName": font.regular,
                "bulletFontName": font.regular,  # the default bullet font is Helvetica (not embedded)
                "textColor": INK,
                "fontSize": 8.6,
                "leading": 11.4,
            }
            base.update(options)
            return ParagraphStyle(name, **base)

        self.title = style("title", fontName=font.bold, fontSize=19, leading=23, textColor=BRAND)
        self.subtitle = style("subtitle", fontSize=9.5, leading=12.5, textColor=MUTED, spaceAfter=2)
        self.h1 = style(
            "h1", fontName=font.bold, fontSize=12, leading=15, textColor=BRAND, spaceBefore=10, spaceAfter=3
        )
        self.h2 = style(
            "h2", fontName=font.bold, fontSize=9.6, leading=12.5, textColor=INK, spaceBefore=6, spaceAfter=2
        )
        self.body = style("body")
        self.intro = style("intro", fontSize=8, leading=10.5, textColor=MUTED, spaceAfter=4)
        self.bullet = style("bullet", leftIndent=10, bulletIndent=1, spaceAfter=2)
        self.cell = style("cell", fontSize=7.6, leading=9.6)
        self.cell_bold = style("cell_bold", fontName=font.bold, fontSize=7.6, leading=9.6)
        self.cell_small = style("cell_small", fontSize=6.8, leading=8.6, textColor=MUTED)
        self.cell_head = style("cell_head", fontName=font.bold, fontSize=7.6, leading=9.6, textColor=BRAND)
        self.label = style("label", fontName=font.bold, fontSize=7.8, leading=10, textColor=MUTED)
        self.value = style("value", fontSize=8.2, leading=10.4)
        self.hash = style("hash", fontSize=7, leading=9)
        self.verdict_label = style("verdict_label", fontName=font.bold, fontSize=8, leading=10, textColor=MUTED)
        self.verdict = style("verdict", fontName=font.bold, fontSize=20, leading=24)
        self.verdict_text = style("verdict_text", fontSize=9, leading=12)


def styled_table(
    rows: list[list[Flowable]],
    widths: Sequence[float],
    header: bool = True,
    extra: Iterable[tuple[Any, ...]] = (),
) -> Table:
    """A report table: wrapped cells, a repeated header row, horizontal rules only."""
    commands: list[tuple[Any, ...]] = [
        # Table's own default cell font is Helvetica (unembedded) even when every cell is a
        # paragraph; pin it to the embedded family so no standard font enters the file.
        ("FONT", (0, 0), (-1, -1), SANS.regular, 7.6),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("BOX", (0, 0), (-1, -1), 0.6, RULE),
    ]
    if header:
        commands += [
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, BRAND),
        ]
    commands += list(extra)
    table = Table(rows, colWidths=list(widths), repeatRows=1 if header else 0, hAlign="LEFT")
    table.setStyle(TableStyle(commands))
    return table


class _Document:
    """Builds the flowables of one report in one language."""

    def __init__(self, report: Report, lang: str, signer: SignerNote | None, signature_level: str) -> None:
        self.lang = lang if lang in REPORT_TEXT else "nl"
        # Every text a reader sees in the report's language: reasons and remedies rendered again
        # from the catalogue, fact names and calculation labels from the label tables.
        self.report = localise(report, self.lang)
        self.t = REPORT_TEXT[self.lang]
        self.s = Styles()
        self.signer = signer
        self.signature_level = signature_level

    # -- small helpers -------------------------------------------------------------------

    def p(self, text: str, style: ParagraphStyle) -> Paragraph:
        """A paragraph of *trusted* markup (callers escape untrusted parts with :func:`text`)."""
        return _Para(text, style)

    def cell(self, value: object, style: ParagraphStyle | None = None) -> Paragraph:
        """A table cell holding untrusted text, escaped."""
        return _Para(escaped(value), style or self.s.cell)

    def stacked(
        self, main: object, sub: object = "", color: colors.Color | None = None, bold: bool = True
    ) -> Paragraph:
        """A cell with a main line over a small muted line, as *one* paragraph.

        One paragraph per cell (rather than a list of two) saves reportlab a good part of the
        per-cell layout work, and table layout is where the render time goes.
        """
        text = escaped(main)
        if bold:
            text = f"<b>{text}</b>"
        if color is not None:
            text = f'<font color="{_hex(color)}">{text}</font>'
        if sub:
            text += f'<br/><font size="6.8" color="{_hex(MUTED)}">{escaped(sub)}</font>'
        return _Para(text, self.s.cell)

    def lines(self, values: Iterable[str], style: ParagraphStyle | None = None) -> Paragraph:
        """Several untrusted lines in one cell."""
        return _Para("<br/>".join(escaped(v) for v in values) or "–", style or self.s.cell)

    def head(self, *labels: str) -> list[Flowable]:
        return [self.p(escaped(label), self.s.cell_head) for label in labels]

    def date(self, iso: str) -> str:
        return _long_date(iso, self.lang)

    # -- sections ------------------------------------------------------------------------

    def build(self) -> list[Flowable]:
        story: list[Flowable] = []
        story += self.title_block()
        story += self.verdict_block()
        story += self.particulars()
        story += self.checks_section()
        story += self.calculations_section()
        story += self.attention_section()
        story += self.sources_section()
        story += self.score_section()
        story += self.decision_section()
        return story

    def title_block(self) -> list[Flowable]:
        sub = self.report.submission
        tender = self.report.tender
        line = (
            f"{escaped(tender.organisation)} · {escaped(tender.title)} ({escaped(tender.tender_id)})<br/>"
            f"{escaped(self.t['candidate'])} <b>{escaped(sub.candidate_name)}</b> ({escaped(sub.candidate_id)}) · "
            f"{escaped(self.t['submission'])} {escaped(sub.submission_id)}"
        )
        return [
            self.p(escaped(self.t["doc_title"]), self.s.title),
            self.p(escaped(self.t["doc_subtitle"]), self.s.intro),
            self.p(line, self.s.subtitle),
            Spacer(1, 5),
        ]

    def verdict_block(self) -> list[Flowable]:
        report = self.report
        summary = report.summary
        tone = _VERDICT_TONE[report.verdict]
        titles = {f.check_id: f.title for f in report.findings}

        def named(ids: Sequence[str]) -> str:
            return "; ".join(f"<b>{escaped(i)}</b> {escaped(titles.get(i, ''))}".strip() for i in ids)

        if report.verdict is Verdict.COMPLIANT:
            explanation = escaped(self.t["verdict_compliant"])
        elif report.verdict is Verdict.NON_COMPLIANT:
            explanation = self.t["verdict_failed"].format(checks=named(summary.blocking_failures))
            if summary.blocking_reviews:
                explanation += " " + self.t["verdict_review"].format(checks=named(summary.blocking_reviews))
        elif summary.blocking_reviews:
            explanation = self.t["verdict_review"].format(checks=named(summary.blocking_reviews))
        else:
            explanation = escaped(self.t["verdict_review_none"])
        context = self.t["verdict_context"].format(
            phase=escaped(PHASE_LABELS[self.lang].get(report.phase, report.phase)),
            deadline=escaped(self.date(report.reference_dates.deadline_date)),
            decided=escaped(long_datetime(report.generated_at, self.lang)),
        )
        counts = self.t["verdict_counts"].format(
            passed=summary.passed,
            failed=summary.failed,
            review=summary.needs_review,
            na=summary.not_applicable,
            errors=summary.errors,
        )
        verdict_style = ParagraphStyle("verdict_tone", parent=self.s.verdict, textColor=tone.text)
        content: list[Flowable] = [
            self.p(escaped(self.t["verdict"].upper()), self.s.verdict_label),
            self.p(escaped(VERDICT_LABELS[self.lang][report.verdict]), verdict_style),
            Spacer(1, 2),
            self.p(explanation, self.s.verdict_text),
            Spacer(1, 2),
            self.p(f"{context}<br/>{counts}", self.s.intro),
        ]
        box = Table([[content]], colWidths=[FRAME_WIDTH], hAlign="LEFT")
        box.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), SANS.regular, 8),
                    ("BACKGROUND", (0, 0), (-1, -1), tone.background),
                    ("LINEBEFORE", (0, 0), (0, -1), 4, tone.text),
                    ("LEFTPADDING", (0, 0), (-1, -1), 12),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                    ("TOPPADDING", (0, 0), (-1, -1), 8),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ]
            )
        )
        return [box, Spacer(1, 8)]

    def _pairs_table(self, pairs: Sequence[tuple[str, str]], columns: int = 2) -> Table:
        """Label/value pairs laid out ``columns`` pairs per row; values are untrusted text."""
        label_width = 31 * mm if columns == 2 else 48 * mm
        value_width = FRAME_WIDTH / columns - label_width
        rows: list[list[Flowable]] = []
        for start in range(0, len(pairs), columns):
            row: list[Flowable] = []
            for name, value in pairs[start : start + columns]:
                row += [self.p(escaped(name), self.s.label), self.cell(value, self.s.value)]
            while len(row) < 2 * columns:
                row.append(self.p("", self.s.value))
            rows.append(row)
        widths = [label_width, value_width] * columns
        extra = [("BACKGROUND", (2 * c, 0), (2 * c, -1), LABEL_BG) for c in range(columns)]
        return styled_table(rows, widths, header=False, extra=extra)

    def particulars(self) -> list[Flowable]:
        r = self.report
        sub = r.submission
        dates = r.reference_dates
        t = self.t
        start = self.date(dates.planned_start)
        if dates.planned_start_assumed:
            start += f" ({t['assumed']})"
        pairs = [
            (t["tender"], f"{r.tender.tender_id} – {r.tender.title}"),
            (t["organisation"], r.tender.organisation),
            (t["deadline"], long_datetime(r.tender.deadline, self.lang)),
            (t["phase"], PHASE_LABELS[self.lang].get(r.phase, r.phase)),
            (t["supplier"], sub.supplier_name),
            (t["kvk"], sub.supplier_kvk_number),
            (t["candidate"], sub.candidate_name),
            (t["candidate_id"], sub.candidate_id),
            (t["submission"], sub.submission_id),
            (t["rate"], _money(sub.hourly_rate_eur, self.lang)),
        ]
        date_pairs = [
            (t["deadline_date"], self.date(dates.deadline_date)),
            (t["planned_start"], start),
            (t["contract_end_initial"], self.date(dates.contract_end_initial)),
            (t["contract_end_max"], self.date(dates.contract_end_max)),
        ]
        return [
            self.p(escaped(t["facts_heading"]), self.s.h2),
            self._pairs_table(pairs),
            self.p(escaped(t["dates_heading"]), self.s.h2),
            self._pairs_table(date_pairs),
        ]

    def _status_cell(self, finding: Finding) -> Paragraph:
        severity = SEVERITY_LABELS[self.lang][finding.severity]
        if not finding.blocking and finding.status in (Status.FAIL, Status.NEEDS_REVIEW):
            severity += f" · {self.t['attention_marker']}"
        label = STATUS_LABELS[self.lang][finding.status]
        return self.stacked(label, severity, color=STATUS_TONE[finding.status].text)

    def _reason_cell(self, finding: Finding) -> Paragraph:
        """The reason, and right under it what the supplier can do about it (the remedy stands with
        its finding, so a reader never has to match a remedy on another page to its check)."""
        text = escaped(finding.reason)
        if finding.remedy and finding.status in _REMEDIED:
            remedy = f"<b>{escaped(self.t['remedy'])}</b> {escaped(finding.remedy)}"
            text += f'<br/><font color="{_hex(BRAND)}">{remedy}</font>'
        note = getattr(finding, "attestation", None)
        if note is not None:
            original = STATUS_LABELS[self.lang].get(Status(note.original_status), str(note.original_status))
            attested = self.t["attested"].format(
                by=escaped(note.verified_by),
                on=escaped(self.date(note.verified_on)),
                effect=escaped(label(ATTESTATION_EFFECT_LABELS, note.effect, self.lang)),
                original=escaped(original),
            )
            text += f'<br/><font size="6.8" color="{_hex(MUTED)}"><i>{attested}</i></font>'
        return self.p(text, self.s.cell)

    def _sources_cell(self, finding: Finding) -> Paragraph:
        """The facts grouped by where they came from: '<b>KvK-register</b>: SBI-codes, ...'."""
        labels = FACT_SOURCE_LABELS[self.lang]
        groups: dict[str, list[str]] = {}
        for fact in finding.facts:
            names = groups.setdefault(labels.get(fact.source.value, fact.source.value), [])
            if fact.name not in names:
                names.append(fact.name)
        if not groups:
            return self.cell(self.t["no_facts"], self.s.cell_small)
        lines = [f"<b>{escaped(source)}</b>: {escaped(', '.join(names))}" for source, names in groups.items()]
        return self.p("<br/>".join(lines), self.s.cell_small)

    def checks_section(self) -> list[Flowable]:
        t = self.t
        rows: list[list[Any]] = [
            self.head(t["col_check"], t["col_status"], t["col_reason"], t["col_basis"], t["col_sources"])
        ]
        extra: list[tuple[Any, ...]] = []
        for index, finding in enumerate(self.report.findings, start=1):
            rows.append(
                [
                    self.stacked(_label(finding), finding.title),
                    self._status_cell(finding),
                    self._reason_cell(finding),
                    self.lines(finding.legal_refs or ["–"], self.s.cell_small),
                    self._sources_cell(finding),
                ]
            )
            extra.append(("BACKGROUND", (1, index), (1, index), STATUS_TONE[finding.status].background))
        # The first column fits the longest check ID in bold on one line ("CAND-CONTRACT-001").
        widths = [37 * mm, 20 * mm, 60 * mm, 31 * mm, FRAME_WIDTH - 148 * mm]
        return [
            CondPageBreak(60 * mm),
            self.p(escaped(t["checks_heading"]), self.s.h1),
            self.p(escaped(t["checks_intro"]), self.s.intro),
            styled_table(rows, widths, extra=extra),
        ]

    def calculations_section(self) -> list[Flowable]:
        t = self.t
        rows: list[list[Any]] = [self.head(t["col_check"], t["col_part"], t["col_calc"], t["col_result"])]
        extra: list[tuple[Any, ...]] = []
        for finding in self.report.findings:
            for position, calc in enumerate(finding.calculations):
                first = position == 0
                rows.append(
                    [
                        # Continuation rows repeat the check ID quietly, so a row read after a page
                        # break still says which check it belongs to.
                        self.cell(_label(finding), self.s.cell_bold if first else self.s.cell_small),
                        self.cell(calc.label),
                        self.cell(calc.expression or "–"),
                        self.cell(calc.result or "–", self.s.cell_bold),
                    ]
                )
                if first and len(rows) > 2:
                    extra.append(("LINEABOVE", (0, len(rows) - 1), (-1, len(rows) - 1), 0.8, RULE))
                elif not first:
                    extra.append(("LINEABOVE", (1, len(rows) - 1), (-1, len(rows) - 1), 0.3, LABEL_BG))
        heading = [CondPageBreak(40 * mm), self.p(escaped(t["calc_heading"]), self.s.h1)]
        if len(rows) == 1:
            return [*heading, self.p(escaped(t["no_calc"]), self.s.body)]
        widths = [37 * mm, 46 * mm, FRAME_WIDTH - 115 * mm, 32 * mm]
        return [*heading, self.p(escaped(t["calc_intro"]), self.s.intro), styled_table(rows, widths, extra=extra)]

    def attention_section(self) -> list[Flowable]:
        t = self.t
        report = self.report
        notes: list[str] = []
        for finding in report.findings:
            for note in finding.attention:
                notes.append(f"<b>{escaped(_label(finding))}</b>: {escaped(note)}")
            if not finding.blocking and finding.status in (Status.FAIL, Status.NEEDS_REVIEW):
                status = STATUS_LABELS[self.lang][finding.status]
                note = f"<b>{escaped(_label(finding))}</b> ({escaped(status)}): {escaped(finding.reason)}"
                if finding.remedy:
                    note += f" <b>{escaped(self.t['remedy'])}</b> {escaped(finding.remedy)}"
                notes.append(note)
        assumptions: list[str] = []
        dates = report.reference_dates
        if dates.planned_start_assumed:
            assumptions.append(
                escaped(t["assumed_start"].format(date=self.date(dates.planned_start), note=dates.planned_start_note))
            )
        # What the tender itself leaves open comes first: the whole decision rests on it.
        assumptions += [f"<b>{escaped(t['open_item'])}</b> {escaped(item)}" for item in report.tender.open_items]
        for param in report.assumptions:
            name = parameter_label(param.name, self.lang)
            value = value_label(param.value, self.lang)
            assumptions.append(escaped(t["assumption"].format(name=name, value=value, note=param.note)))
        story: list[Flowable] = [CondPageBreak(30 * mm), self.p(escaped(t["attention_heading"]), self.s.h1)]
        if not (notes or assumptions):
            return [*story, self.p(escaped(t["no_attention"]), self.s.body)]
        for heading, items in (
            (t["attention_notes"], notes),
            (t["attention_assumptions"], assumptions),
        ):
            if items:
                story.append(self.p(escaped(heading), self.s.h2))
                story += [_Para(item, self.s.bullet, bulletText="•") for item in items]
        return story

    def sources_section(self) -> list[Flowable]:
        t = self.t
        statuses = LOOKUP_STATUS_LABELS[self.lang]
        rows: list[list[Any]] = [
            self.head(t["col_register"], t["col_key"], t["col_lookup_status"], t["col_source"], t["col_retrieved"])
        ]
        for lookup in self.report.lookups:
            source = lookup.source if not lookup.location else f"{lookup.source} – {lookup.location}"
            status = statuses.get(lookup.status, lookup.status)
            status_cell = self.stacked(status, lookup.detail)
            rows.append(
                [
                    self.cell(label(LOOKUP_KIND_LABELS, lookup.kind, self.lang)),
                    self.cell(lookup.key),
                    status_cell,
                    self.cell(source),
                    self.cell(long_datetime(lookup.retrieved_at, self.lang) if lookup.retrieved_at else t["unknown"]),
                ]
            )
        widths = [28 * mm, 20 * mm, 38 * mm, FRAME_WIDTH - 124 * mm, 38 * mm]
        story: list[Flowable] = [
            CondPageBreak(40 * mm),
            self.p(escaped(t["sources_heading"]), self.s.h1),
            styled_table(rows, widths),
            self.p(escaped(t["evidence_heading"]), self.s.h2),
        ]
        evidence = self.report.evidence
        if evidence:
            doc_rows: list[list[Any]] = [
                self.head(t["col_document"], t["col_file"], t["col_lookup_status"], t["col_pages"], "sha256")
            ]
            for item in evidence:
                status = self.stacked(label(DOCUMENT_STATUS_LABELS, item.status, self.lang), item.detail)
                doc_rows.append(
                    [
                        self.cell(label(DOCUMENT_ROLE_LABELS, item.role, self.lang)),
                        self.cell(item.path),
                        status,
                        self.cell("–" if item.pages is None else item.pages),
                        self.cell(item.sha256 or "–", self.s.hash),
                    ]
                )
            # Wide enough for the bold headers "Document" and "Pagina's" on one line.
            widths = [22 * mm, 36 * mm, 34 * mm, 18 * mm, FRAME_WIDTH - 110 * mm]
            story.append(styled_table(doc_rows, widths))
        else:
            story.append(self.p(escaped(t["no_evidence"]), self.s.body))
        story += self.attestations_block()
        return story

    def attestations_block(self) -> list[Flowable]:
        info = getattr(self.report, "attestations", None)
        if info is None:
            return []
        t = self.t
        line = t["attestations_line"].format(
            source=escaped(info.source),
            sha=escaped(info.sha256),
            on=escaped(self.date(info.evaluated_on)),
            applied=escaped(t["attestations_applied"] if info.applied else t["attestations_not_applied"]),
        )
        story: list[Flowable] = [Spacer(1, 4), self.p(line, self.s.body)]
        uses = tuple(info.uses)
        if uses:
            rows: list[list[Any]] = [
                self.head(t["col_attestation"], t["col_check"], t["col_effect"], t["col_by"], t["col_valid"])
            ]
            for use in uses:
                valid = f"{self.date(use.verified_on)} – {self.date(use.expires_on) if use.expires_on else '…'}"
                rows.append(
                    [
                        self.stacked(use.attestation_id, use.verified),
                        self.cell(use.check_id),
                        self.cell(label(ATTESTATION_EFFECT_LABELS, use.effect, self.lang)),
                        self.cell(use.verified_by),
                        self.cell(valid),
                    ]
                )
            widths = [FRAME_WIDTH - 124 * mm, 28 * mm, 26 * mm, 34 * mm, 36 * mm]
            story.append(styled_table(rows, widths))
        return story

    def score_section(self) -> list[Flowable]:
        score = getattr(self.report, "score", None)
        if score is None:
            return []
        t = self.t
        rank = t["score_rank"].format(rank=score.rank) if score.rank is not None else ""
        rows: list[list[Any]] = [self.head(t["col_criterion"], t["col_points"], t["col_status"], t["col_reason"])]
        for criterion in score.criteria:
            rows.append(
                [
                    self.stacked(criterion.criterion_id, criterion.reference),
                    self.cell(f"{criterion.points} / {criterion.max_points}"),
                    self.cell(SCORE_STATUS_LABELS[self.lang].get(criterion.status, criterion.status)),
                    self.cell(criterion.reason),
                ]
            )
        widths = [40 * mm, 18 * mm, 22 * mm, FRAME_WIDTH - 80 * mm]
        return [
            CondPageBreak(30 * mm),
            self.p(escaped(t["score_heading"]), self.s.h2),
            self.p(
                escaped(t["score_line"].format(points=score.total_points, max=score.max_points, rank=rank)), self.s.body
            ),
            styled_table(rows, widths),
        ]

    def _parameters(self) -> list[ParamUsed]:
        """Every parameter any check used, once, in report order."""
        seen: dict[tuple[str, str, str | None, str], ParamUsed] = {}
        for finding in self.report.findings:
            for param in finding.params:
                seen.setdefault((param.name, param.value, param.valid_from, param.source), param)
        return list(seen.values())

    def decision_section(self) -> list[Flowable]:
        r = self.report
        t = self.t
        pairs: list[tuple[str, str]] = [
            (t["decision_id"], r.decision_id),
            (t["decided_at"], long_datetime(r.generated_at, self.lang)),
            (t["tool"], f"{r.tool.name} {r.tool.version}"),
            (t["rules"], f"{r.rules.version} (sha256 {r.rules.sha256})"),
            (t["tender_hash"], r.tender.sha256),
            (t["tender_source"], r.tender.source),
            (t["input_hash"], r.submission.input_sha256),
        ]
        for item in tuple(getattr(r, "evidence", ()) or ()):
            if getattr(item, "sha256", None):
                pairs.append((t["document_hash"].format(role=item.role), item.sha256))
        pairs.append((t["language"], t["language_name"]))
        # Parameters grouped by source and valid-from date: a legal reader checks them per
        # document ("knock-out 2 of the tender says ..."), and one row per source keeps it short.
        groups: dict[tuple[str, str | None], list[ParamUsed]] = {}
        for param in self._parameters():
            groups.setdefault((param.source, param.valid_from), []).append(param)
        rows: list[list[Any]] = [self.head(t["col_source"], t["col_valid_from"], t["col_param"])]
        for (source, valid_from), members in groups.items():
            lines = []
            for param in members:
                name = parameter_label(param.name, self.lang)
                line = f"<b>{escaped(name)}</b>: {escaped(value_label(param.value, self.lang))}"
                if param.assumption:
                    line += f" <i>({escaped(t['assumption_tag'])})</i>"
                lines.append(line)
            rows.append(
                [
                    self.cell(source, self.s.cell_small),
                    self.cell(_short_date(valid_from, self.lang) if valid_from else "–"),
                    self.p("<br/>".join(lines), self.s.cell),
                ]
            )
        widths = [62 * mm, 19 * mm, FRAME_WIDTH - 81 * mm]
        story: list[Flowable] = [
            CondPageBreak(35 * mm),
            self.p(escaped(t["decision_heading"]), self.s.h1),
            self.p(escaped(t["decision_intro"]), self.s.intro),
            self._pairs_table(pairs, columns=1),
            self.p(escaped(t["params_heading"]), self.s.h2),
            styled_table(rows, widths),
        ]
        story.append(KeepTogether(self.signature_block()))
        return story

    def signature_block(self) -> list[Flowable]:
        t = self.t
        story: list[Flowable] = [self.p(escaped(t["signature_heading"]), self.s.h2)]
        signer = self.signer
        if signer is None:
            return [*story, self.p(escaped(t["unsigned"]), self.s.body)]
        sid = self.report.submission.submission_id
        story.append(
            self.p(
                t["signed"].format(
                    level=escaped(self.signature_level),
                    subject=escaped(signer.subject),
                    fingerprint=escaped(signer.certificate_sha256),
                    attachment=escaped(f"{sid}.json"),
                    pdf=escaped(f"{sid}.pdf"),
                ),
                self.s.body,
            )
        )
        if signer.qualified:
            notice = t["qualified"]
        elif signer.local:
            notice = t["not_qualified_local"]
        else:
            notice = t["not_qualified"]
        tone = STATUS_TONE[Status.NEEDS_REVIEW] if not signer.qualified else STATUS_TONE[Status.NOT_APPLICABLE]
        box = Table([[self.p(notice, self.s.body)]], colWidths=[FRAME_WIDTH], hAlign="LEFT")
        box.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), SANS.regular, 8),
                    ("BACKGROUND", (0, 0), (-1, -1), tone.background),
                    ("LINEBEFORE", (0, 0), (0, -1), 3, tone.text),
                    ("LEFTPADDING", (0, 0), (-1, -1), 8),
                    ("TOPPADDING", (0, 0), (-1, -1), 5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ]
            )
        )
        return [*story, Spacer(1, 3), box]


class _PageDecorator:
    """Draws the running head and the "page x of y" footer once the page count is known."""

    def __init__(self, report: Report, lang: str) -> None:
        self.report = report
        self.t = REPORT_TEXT[lang]

    def draw(self, canvas: Canvas, page: int, total: int) -> None:
        font = SANS
        report = self.report
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.setFillColor(MUTED)
        canvas.setFont(font.regular, 7)
        top = PAGE_HEIGHT - MARGIN_TOP + 8 * mm
        left_head = f"{report.tender.organisation} · {report.tender.title}"
        right_head = self.t["running_head"].format(
            submission=report.submission.submission_id, tender=report.tender.tender_id
        )
        canvas.drawString(MARGIN_X, top, _clip(left_head, font.regular, 7, FRAME_WIDTH * 0.5))
        canvas.drawRightString(PAGE_WIDTH - MARGIN_X, top, _clip(right_head, font.regular, 7, FRAME_WIDTH * 0.48))
        canvas.line(MARGIN_X, top - 2.5 * mm, PAGE_WIDTH - MARGIN_X, top - 2.5 * mm)
        bottom = MARGIN_BOTTOM - 9 * mm
        canvas.line(MARGIN_X, bottom + 3.5 * mm, PAGE_WIDTH - MARGIN_X, bottom + 3.5 * mm)
        footer = self.t["footer"].format(
            decision=report.decision_id, rules=report.rules.version, tool=f"{report.tool.name} {report.tool.version}"
        )
        canvas.drawString(MARGIN_X, bottom, _clip(footer, font.regular, 7, FRAME_WIDTH * 0.8))
        canvas.setFont(font.bold, 7)
        canvas.drawRightString(PAGE_WIDTH - MARGIN_X, bottom, self.t["page"].format(page=page, total=total))
        canvas.restoreState()


def _clip(text: str, font: str, size: float, width: float) -> str:
    """Shorten a running-head text to fit ``width`` (canvas strings do not wrap)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def _canvas_factory(decorator: _PageDecorator, pdf_date: str) -> Any:
    """A canvas class that holds back every page until the end, to print "page x of y".

    Each finished page's drawing state is kept; ``save`` replays them with the decoration, now
    that the total is known. The creation date is pinned to the decision time for determinism.
    """

    class _DeferredCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held_pages: list[dict[str, Any]] = []
            self.setDateFormatter(lambda *_: pdf_date)

        def showPage(self) -> None:
            self._held_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held_pages)
            for number, state in enumerate(self._held_pages, start=1):
                self.__dict__.update(state)
                decorator.draw(self, number, total)
                Canvas.showPage(self)
            Canvas.save(self)

    return _DeferredCanvas


def document_options(*, title: str, author: str, subject: str, lang: str) -> dict[str, Any]:
    """What every PDF of the tool shares: A4 with our margins, the embedded font, metadata, and
    reportlab's invariant mode so the same content always renders to the same bytes."""
    return {
        "pagesize": A4,
        "leftMargin": MARGIN_X,
        "rightMargin": MARGIN_X,
        "topMargin": MARGIN_TOP,
        "bottomMargin": MARGIN_BOTTOM,
        "title": title,
        "author": author,
        "subject": subject,
        "creator": author,
        "invariant": 1,
        "initialFontName": register_fonts().regular,
        "lang": "nl-NL" if lang == "nl" else "en-GB",
        "displayDocTitle": 1,
    }


def render_report_pdf(
    report: Report,
    lang: str = "nl",
    signer: SignerNote | None = None,
    signature_level: str = "PAdES B-B",
) -> bytes:
    """Render the report as an unsigned A4 PDF; same inputs, same bytes.

    ``signer`` describes the key that will sign this PDF (shown in the signature block, with the
    not-qualified notice); ``None`` renders an unsigned copy. ``report.rendition`` is ignored:
    it is filled in from this render's hash afterwards.
    """
    lang = lang if lang in REPORT_TEXT else "nl"
    document = _Document(report, lang, signer, signature_level)
    buffer = io.BytesIO()
    sub = report.submission
    template = BaseDocTemplate(
        buffer,
        keywords=[report.decision_id, report.verdict.value],
        **document_options(
            title=f"{REPORT_TEXT[lang]['doc_title']} {sub.submission_id} ({report.tender.tender_id})",
            author=f"{report.tool.name} {report.tool.version}",
            subject=f"{report.tender.organisation} – {report.tender.title}",
            lang=lang,
        ),
    )
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, FRAME_WIDTH, PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM, id="body")
    template.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    canvas_class = _canvas_factory(_PageDecorator(report, lang), _pdf_date(report.generated_at))
    story = document.build()
    with _binary_streams():
        template.build(story, canvasmaker=canvas_class)
    return buffer.getvalue()


@contextmanager
def _binary_streams() -> Iterator[None]:
    """Write compressed streams without the ASCII85 wrapper reportlab adds by default.

    ASCII85 only matters for 7-bit transports; it makes every stream a quarter larger and costs
    render time. reportlab reads this switch from its global config while saving, so it is set
    for the duration of one build and restored after.
    """
    from reportlab import rl_config

    previous = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = previous


# The statuses whose remedy is printed under the reason: a passing check needs no remedy.
_REMEDIED = (Status.FAIL, Status.NEEDS_REVIEW, Status.ERROR)


def _label(finding: Finding) -> str:
    """The check ID, with the posting's own requirement ID where the finding judges one ("KO-REG-001 (K2)")."""
    return f"{finding.check_id} ({finding.requirement_id})" if finding.requirement_id else finding.check_id
