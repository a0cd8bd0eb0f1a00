"""Write one candidate's signed PDF report and its JSON twin: the stable entry point for callers.

``write_report_files(report, out_dir, signer, lang="nl")`` is what ``compliance check --out`` and
batch intake call, once per submission, with one :class:`~compliance.signing.sign.ReportSigner`
created per run (loading a key is the expensive part; signing with it is cheap)::

    from compliance.report_files import write_report_files
    from compliance.signing import ReportSigner, resolve_identity

    identity, _created = resolve_identity()
    signer = ReportSigner.from_identity(identity)
    files = write_report_files(report, Path("reports"), signer)
    files.pdf_path, files.pdf_sha256   # reports/S-0001.pdf and the hash of exactly those bytes

What it writes, per submission ``<submission_id>`` (an ID the submission schema restricts to
``[A-Za-z0-9._-]``, so it is a safe file name):

* ``<submission_id>.pdf``: the report rendered by :func:`compliance.render.pdf.render_report_pdf`,
  with the JSON below embedded as an attachment of the same name and a certifying PAdES
  signature over both;
* ``<submission_id>.json``: byte for byte the embedded attachment: the report object
  (:func:`compliance.models.report.report_to_json`) with ``rendition`` filled in: language,
  signer, and the sha256 and size of the unsigned render, which is the signed PDF's first
  revision. (The signed file's own hash cannot be inside it; it is returned instead.)

Each file is written atomically (temporary file, fsync, rename), the JSON first: a PDF that
exists always has its complete twin next to it, and a crash never leaves half a file.

Because the files are named by the submission ID, two offers with the same ID would silently
overwrite each other's report; :func:`files_sharing_an_id` finds them before anything is written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from compliance.canonical import sha256_hex
from compliance.fsutil import OutputWriteError, atomic_write_bytes
from compliance.models.report import RenditionInfo, Report, report_to_json
from compliance.signing.sign import ReportSigner


@dataclass(frozen=True, slots=True)
class ReportFiles:
    """The files written for one submission, with the sha256 of the bytes written."""

    pdf_path: Path
    json_path: Path
    pdf_sha256: str
    json_sha256: str
    unsigned_pdf_sha256: str


def renderer_name() -> str:
    """The PDF engine and its version, recorded because re-rendering is only byte-exact with it."""
    import reportlab

    return f"reportlab {reportlab.Version}"


def report_json_bytes(report: Report) -> bytes:
    """The JSON twin's exact bytes: indented UTF-8 with a final newline."""
    return (report_to_json(report, indent=2) + "\n").encode("utf-8")


def signed_report(report: Report, signer: ReportSigner, lang: str = "nl") -> tuple[bytes, bytes, Report]:
    """(signed PDF, JSON twin, the report with ``rendition``) without touching the file system."""
    from compliance.render.pdf import render_report_pdf

    base = replace(report, rendition=None)
    unsigned = render_report_pdf(base, lang, signer.note, signer.signature_level)
    final = replace(
        base,
        rendition=RenditionInfo(
            lang=lang,
            unsigned_pdf_sha256=sha256_hex(unsigned),
            unsigned_pdf_bytes=len(unsigned),
            renderer=renderer_name(),
            signature_level=signer.signature_level,
            signer=signer.note,
        ),
    )
    twin = report_json_bytes(final)
    name = f"{report.submission.submission_id}.json"
    description = "Beslissing (machineleesbaar)" if lang == "nl" else "Decision (machine-readable)"
    signed = signer.sign(unsigned, name, twin, description)
    return signed, twin, final


def write_report_files(report: Report, out_dir: Path, signer: ReportSigner, lang: str = "nl") -> ReportFiles:
    """Render, sign and write ``<submission_id>.pdf`` and ``<submission_id>.json`` into ``out_dir``.

    Raises :class:`~compliance.errors.SigningError` when signing fails, or its subclass
    :class:`~compliance.fsutil.OutputWriteError` when the folder cannot be written; nothing is left
    behind half-written in either case.
    """
    signed, twin, final = signed_report(report, signer, lang)
    stem = report.submission.submission_id
    pdf_path = out_dir / f"{stem}.pdf"
    json_path = out_dir / f"{stem}.json"
    try:
        atomic_write_bytes(json_path, twin)
        atomic_write_bytes(pdf_path, signed)
    except OSError as exc:
        raise OutputWriteError.writing_in(out_dir, exc) from exc
    assert final.rendition is not None
    return ReportFiles(
        pdf_path=pdf_path,
        json_path=json_path,
        pdf_sha256=sha256_hex(signed),
        json_sha256=sha256_hex(twin),
        unsigned_pdf_sha256=final.rendition.unsigned_pdf_sha256,
    )


def files_sharing_an_id(offers: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """``{file: [the other files with its submission ID]}`` for every file whose ID is not unique.

    ``offers`` are (file, submission ID) pairs. IDs are compared case-insensitively: on the file
    systems of Windows and macOS ``S-0001.pdf`` and ``s-0001.pdf`` are one file.
    """
    files_by_id: dict[str, list[str]] = {}
    for file, submission_id in offers:
        files_by_id.setdefault(submission_id.casefold(), []).append(file)
    shared: dict[str, list[str]] = {}
    for files in files_by_id.values():
        for file in files:
            others = [other for other in files if other != file]  # one file named twice is no conflict
            if others:
                shared[file] = others
    return shared
