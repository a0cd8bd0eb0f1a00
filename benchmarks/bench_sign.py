"""Benchmark: signed reports per second, against the raw limit of reportlab + pyHanko in the same run.

    python benchmarks/bench_sign.py [--candidates 40] [--rounds 3] [--rsa]

What is measured, all on one core (the process pins itself to one CPU where it can):

* **ours**: ``write_report_files`` per candidate: render the report, build the JSON twin, embed it,
  certify with PAdES, write PDF and JSON atomically (with fsync);
* **bare render**: reportlab alone rendering a comparable document: the same texts (check table,
  calculations, parameters, decision block) in plain platypus tables, the same embedded font,
  without our layout code;
* **bare sign**: pyHanko alone signing that document the way its documentation shows
  (``signers.sign_pdf`` with a ``SimpleSigner``, default size estimate), with the same key.

The raw limit is ``1 / (t_render + t_sign)``: what reportlab + pyHanko could do with nothing
else in the way. The ratio ``ours / raw limit`` is printed next to the targets: ratio >= 0.8 and at
least 12 signed reports per second. Timings are medians per document over the rounds, and the
three measurements are interleaved so a noisy neighbour affects them alike.
"""

from __future__ import annotations

import argparse
import copy
import io
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from conftest import EXAMPLE_BASISPROFIEL, EXAMPLE_SUBMISSION  # noqa: E402

from compliance.models.report import Report  # noqa: E402


def _pin_one_core() -> str:
    try:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
        return f"CPU {min(os.sched_getaffinity(0))}"
    except (AttributeError, OSError):
        return "not pinned"


def _candidates(count: int, registry: Path) -> list[Report]:
    """Realistic, varied reports: rates around the maximum, some without VOG or registry record."""
    from sign_support import build_report, write_basisprofiel

    write_basisprofiel(registry, EXAMPLE_BASISPROFIEL)
    reports = []
    for index in range(count):
        submission = copy.deepcopy(EXAMPLE_SUBMISSION)
        submission["submission_id"] = f"S-{index + 1:04d}"
        submission["candidate"]["id"] = f"C-{index + 1:04d}"
        submission["candidate"]["name"] = f"Kandidaat {index + 1} van Ëlst-Müller"
        submission["offer"]["hourly_rate_eur"] = 72.0 + (index % 12)
        if index % 5 == 4:
            del submission["documents"]["vog"]
        reports.append(build_report(submission, registry if index % 3 else None))
    return reports


def _bare_document(report: Report) -> bytes:
    """The same texts as our report, in plain reportlab tables: the render baseline."""
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    from compliance.render.fonts import register_fonts

    font = register_fonts()
    body = ParagraphStyle("b", fontName=font.regular, fontSize=7.6, leading=9.6)
    title = ParagraphStyle("t", fontName=font.bold, fontSize=16, leading=20)

    def p(text: str) -> Paragraph:
        return Paragraph(escape(text), body)

    story: list[Any] = [Paragraph(f"Compliancerapport {escape(report.submission.submission_id)}", title)]
    story.append(p(f"{report.verdict.value}: {report.submission.supplier_name} / {report.submission.candidate_name}"))
    rows = [
        [
            p(f.check_id + " " + f.title),
            p(f.status.value),
            p(f.reason),
            p("; ".join(f.legal_refs)),
            p(", ".join(x.name for x in f.facts)),
        ]
        for f in report.findings
    ]
    story.append(Table(rows, colWidths=[85, 57, 165, 102, 84], repeatRows=0))
    calc = [[p(f.check_id), p(c.label), p(c.expression), p(c.result)] for f in report.findings for c in f.calculations]
    if calc:
        story.append(Table(calc, colWidths=[85, 142, 176, 90]))
    params = [
        [p(x.source), p(x.valid_from or ""), p(f"{x.name} = {x.value}")] for f in report.findings for x in f.params
    ]
    story.append(Table(params, colWidths=[176, 54, 263]))
    story += [p(note) for f in report.findings for note in f.attention]
    story += [p(f"{x.name}: {x.note}") for x in report.assumptions]
    story.append(
        p(f"{report.decision_id} {report.rules.sha256} {report.tender.sha256} {report.submission.input_sha256}")
    )
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, invariant=1, initialFontName=font.regular).build(story)
    return buffer.getvalue()


def _bare_sign(pdf: bytes, signer: Any) -> bytes:
    """pyHanko as documented: sign_pdf with a SimpleSigner, letting it estimate the size."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    meta = signers.PdfSignatureMetadata(
        field_name="Signature", md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES, certify=True
    )
    return bytes(signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf)), meta, signer=signer).getvalue())


def _simple_signer(identity: Any) -> Any:
    from pyhanko.keys.internal import translate_pyca_cryptography_cert_to_asn1, translate_pyca_cryptography_key_to_asn1
    from pyhanko.sign.signers import SimpleSigner
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    return SimpleSigner(
        signing_cert=translate_pyca_cryptography_cert_to_asn1(identity.certificate),
        signing_key=translate_pyca_cryptography_key_to_asn1(identity.private_key),
        cert_registry=SimpleCertificateStore(),
    )


def _timed(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--rsa", action="store_true", help="sign with RSA-2048 instead of ECDSA P-256")
    options = parser.parse_args()

    core = _pin_one_core()
    from pypdf import PdfReader
    from sign_support import make_pki

    from compliance.render.pdf import render_report_pdf
    from compliance.report_files import write_report_files
    from compliance.signing.keys import create_local_identity
    from compliance.signing.sign import ReportSigner

    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        reports = _candidates(options.candidates, work / "kvk")
        identity = make_pki(rsa_key=True).signer if options.rsa else create_local_identity(work / "config")
        ours_signer = ReportSigner.from_identity(identity)
        bare_signer = _simple_signer(identity)
        bare_docs = [_bare_document(r) for r in reports]  # warm-up, and the documents the sign baseline signs
        write_report_files(reports[0], work / "warm", ours_signer)

        ours: list[float] = []
        bare_render: list[float] = []
        bare_sign: list[float] = []
        for round_number in range(options.rounds):
            out = work / f"reports-{round_number}"
            for report, bare in zip(reports, bare_docs, strict=True):
                bare_render.append(_timed(lambda r=report: _bare_document(r)))
                bare_sign.append(_timed(lambda b=bare: _bare_sign(b, bare_signer)))
                ours.append(_timed(lambda r=report, o=out: write_report_files(r, o, ours_signer)))

        t_ours = statistics.median(ours)
        t_render = statistics.median(bare_render)
        t_sign = statistics.median(bare_sign)
        raw_limit = 1 / (t_render + t_sign)
        ours_rate = 1 / t_ours
        ratio = ours_rate / raw_limit
        our_pages = len(PdfReader(io.BytesIO(render_report_pdf(reports[1]))).pages)
        bare_pages = len(PdfReader(io.BytesIO(bare_docs[1])).pages)
        t_our_render = statistics.median(
            _timed(lambda r=r: render_report_pdf(r, "nl", ours_signer.note)) for r in reports
        )

    key = identity.key_description
    print(f"signed reports, {options.candidates} candidates x {options.rounds} rounds, {key}, one core ({core})")
    print(f"  ours  write_report_files      {t_ours * 1000:7.1f} ms  -> {ours_rate:6.1f} reports/s")
    print(f"        of which our render     {t_our_render * 1000:7.1f} ms  ({our_pages} pages)")
    print(f"  bare  reportlab render        {t_render * 1000:7.1f} ms  ({bare_pages} pages, same texts)")
    print(f"  bare  pyHanko sign_pdf        {t_sign * 1000:7.1f} ms")
    print(f"  raw limit 1/(render + sign)   {raw_limit:7.1f} reports/s")
    print(f"  ratio ours / raw limit        {ratio:7.2f}   (target >= 0.80)")
    verdict = "met" if ratio >= 0.8 and ours_rate >= 12 else "NOT met"
    print(f"  targets (ratio >= 0.8, >= 12 reports/s): {verdict}")


if __name__ == "__main__":
    main()
