"""Cross-checks of a finished award folder: do the files tell one story?

The signed manifest proves that no file changed since the intake. These checks prove that what
the files *say* agrees, so a forgery is named by what it contradicts even where it kept the
hashes right, and a defect of the intake itself would not go unnoticed:

* every candidate PDF's decision, read from its signed revision, is about the submission its
  file name says, has a JSON twin with exactly those bytes, was decided at the manifest's
  decision time for the manifest's tender, is signed by the manifest's key, and says what
  ``summary.json`` says about that submission (verdict, input hash, points, rank, tie, selection);
* ``summary.json`` is byte for byte the summary embedded in the signed ranking overview
  (``rangschikking.pdf``), ``summary.csv`` is exactly the CSV of ``summary.json``, and every
  report the summary names is in the manifest;
* the audit log's last run started at the manifest's decision time, ended with
  ``intake_completed`` and the summary's counts, and recorded per candidate the same outcome and
  the same file hashes as the manifest and the summary.

Each problem names the file that does not agree (Dutch message).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from compliance.intake.audit import AuditEntry
from compliance.intake.summary import OVERVIEW_PDF, SUMMARY_CSV, SUMMARY_JSON, csv_from_summary

ROLE_REPORT_PDF = "report_pdf"
ROLE_REPORT_JSON = "report_json"
ROLE_RANKING_PDF = "ranking_pdf"


@dataclass(frozen=True, slots=True)
class SignedContent:
    """What one signed PDF in the folder holds: its signer and the JSON embedded in its signed revision."""

    signer_sha256: str  # "" when the signature could not be read
    embedded: bytes | None  # None when the signature or the attachment does not hold


@dataclass(slots=True)
class Evidence:
    """Everything the cross-checks compare, read once by :mod:`.verify_folder`."""

    folder: Path
    manifest: dict[str, Any]
    manifest_signer_sha256: str  # "" when the manifest's signature could not be read
    signed: dict[str, SignedContent]  # by path relative to the folder
    audit_entries: list[AuditEntry] | None = None  # verified entries; None: not compared (chain broken)
    audit_path: str = "audit.jsonl"


Problem = tuple[str, str]  # (file, Dutch message)


def _listed(manifest: Mapping[str, Any], role: str) -> dict[str, dict[str, Any]]:
    return {str(f.get("path")): f for f in manifest.get("files", []) if isinstance(f, dict) and f.get("role") == role}


def _load_json(path: Path) -> tuple[bytes | None, Any]:
    try:
        data = path.read_bytes()
    except OSError:
        return None, None
    try:
        return data, json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return data, None


def _tender_id(document: Mapping[str, Any]) -> Any:
    tender = document.get("tender")
    return tender.get("tender_id") if isinstance(tender, dict) else None


def cross_check(evidence: Evidence) -> list[Problem]:
    """Every disagreement between the files of the folder (empty when they tell one story)."""
    problems: list[Problem] = []
    summary = _summary(evidence, problems)
    rows = summary.get("rows") if isinstance(summary, dict) else None
    if isinstance(rows, list) and all(isinstance(r, dict) for r in rows):
        _reports(evidence, rows, problems)
        _audit(evidence, summary, rows, problems)  # type: ignore[arg-type]
    elif summary is not None:
        problems.append((SUMMARY_JSON, "bevat geen lijst met inschrijvingen (rows)"))
    return problems


def _summary(evidence: Evidence, problems: list[Problem]) -> dict[str, Any] | None:
    manifest = evidence.manifest
    data, summary = _load_json(evidence.folder / SUMMARY_JSON)
    if data is None:
        return None  # missing: the file check names it
    if not isinstance(summary, dict):
        problems.append((SUMMARY_JSON, "geen leesbare JSON"))
        return None
    if OVERVIEW_PDF not in _listed(manifest, ROLE_RANKING_PDF):
        problems.append(
            (OVERVIEW_PDF, "staat niet in het ondertekende manifest: de rangschikking hoort bij elk dossier")
        )
    overview = evidence.signed.get(OVERVIEW_PDF)
    if overview is not None and overview.embedded is not None and overview.embedded != data:
        problems.append(
            (SUMMARY_JSON, f"wijkt af van de samenvatting die in de ondertekende rangschikking ({OVERVIEW_PDF}) zit")
        )
    for name, value in (("decision_time", summary.get("decision_time")), ("tender", _tender_id(summary))):
        expected = manifest.get("decision_time") if name == "decision_time" else _tender_id(manifest)
        if value != expected:
            problems.append((SUMMARY_JSON, f"{name} {value!r} wijkt af van het ondertekende manifest ({expected!r})"))
    try:
        expected_csv = csv_from_summary(summary)
    except (KeyError, TypeError, AttributeError):
        problems.append((SUMMARY_JSON, "onvolledig: de CSV-samenvatting is er niet uit af te leiden"))
        return summary
    try:
        actual_csv = (evidence.folder / SUMMARY_CSV).read_text(encoding="utf-8")
    except OSError:
        return summary  # missing: the file check names it
    except UnicodeDecodeError:
        actual_csv = ""
    if actual_csv != expected_csv:
        expected_lines, actual_lines = expected_csv.splitlines(), actual_csv.splitlines()
        line = next(
            (i for i, (a, b) in enumerate(zip(expected_lines, actual_lines, strict=False), start=1) if a != b),
            min(len(expected_lines), len(actual_lines)) + 1,
        )
        problems.append((SUMMARY_CSV, f"komt niet overeen met summary.json (eerste verschil op regel {line})"))
    return summary


def _decision_facts(decision: Mapping[str, Any]) -> dict[str, Any]:
    """The facts of a signed decision that ``summary.json`` also states, under the summary's names."""
    submission = decision.get("submission") or {}
    score = decision.get("score") or {}
    return {
        "submission_id": submission.get("submission_id"),
        "input_sha256": submission.get("input_sha256"),
        "verdict": decision.get("verdict"),
        "points": score.get("total_points"),
        "rank": score.get("rank"),
        "tie": score.get("tie"),
        "selected": bool(score.get("selected", False)),
    }


def _reports(evidence: Evidence, rows: list[dict[str, Any]], problems: list[Problem]) -> None:
    manifest = evidence.manifest
    pdfs, twins = _listed(manifest, ROLE_REPORT_PDF), _listed(manifest, ROLE_REPORT_JSON)
    by_pdf = {str(r.get("report_pdf")): r for r in rows if r.get("report_pdf")}
    for row in rows:  # what the summary names must be in the signed manifest
        for key, listed in (("report_pdf", pdfs), ("report_json", twins)):
            relative = row.get(key)
            if relative and str(relative) not in listed:
                where = (
                    "ontbreekt ook in de map"
                    if not (evidence.folder / str(relative)).exists()
                    else "staat wel in de map"
                )
                problems.append(
                    (str(relative), f"staat in summary.json maar niet in het ondertekende manifest ({where})")
                )
    overview = evidence.signed.get(OVERVIEW_PDF)
    if overview is not None:
        _same_signer(evidence, OVERVIEW_PDF, overview, problems)
    for relative in sorted(pdfs):
        content = evidence.signed.get(relative)
        if content is None or content.embedded is None:
            continue  # missing or not validly signed: already a problem of its own
        _same_signer(evidence, relative, content, problems)
        _one_report(evidence, relative, content.embedded, by_pdf.get(relative), problems)


def _same_signer(evidence: Evidence, relative: str, content: SignedContent, problems: list[Problem]) -> None:
    expected = evidence.manifest_signer_sha256
    if expected and content.signer_sha256 and content.signer_sha256 != expected:
        problems.append(
            (
                relative,
                f"ondertekend met een andere sleutel ({content.signer_sha256[:16]}…) dan het manifest "
                f"({expected[:16]}…); een intake tekent alles met één sleutel",
            )
        )


def _one_report(
    evidence: Evidence, relative: str, embedded: bytes, row: dict[str, Any] | None, problems: list[Problem]
) -> None:
    manifest = evidence.manifest
    try:
        decision = json.loads(embedded.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        decision = None
    if not isinstance(decision, dict):
        problems.append((relative, "de ondertekende beslissing is geen leesbare JSON"))
        return
    facts = _decision_facts(decision)
    stem = PurePosixPath(relative).stem
    if facts["submission_id"] != stem:
        problems.append(
            (
                relative,
                f"bevat de ondertekende beslissing over {facts['submission_id']}, niet over {stem} (bestandsnaam)",
            )
        )
    twin = str(PurePosixPath(relative).with_suffix(".json"))
    try:
        if (evidence.folder / twin).read_bytes() != embedded:
            problems.append((twin, f"wijkt af van de beslissing die in {relative} is ondertekend"))
    except OSError:
        problems.append((twin, f"ontbreekt: de JSON-tweeling van {relative}"))
    if decision.get("generated_at") != manifest.get("decision_time"):
        problems.append(
            (
                relative,
                f"beslist op {decision.get('generated_at')}, het ondertekende manifest noemt "
                f"{manifest.get('decision_time')}",
            )
        )
    if _tender_id(decision) != _tender_id(manifest):
        problems.append((relative, f"gaat over aanbesteding {_tender_id(decision)}, niet {_tender_id(manifest)}"))
    if row is None:
        problems.append((relative, "staat niet in summary.json"))
        return
    differences = [
        f"{name} {value!r} in het rapport, {row.get(name)!r} in summary.json"
        for name, value in facts.items()
        if row.get(name) != value
    ]
    if row.get("report_json") != twin:
        differences.append(f"JSON-tweeling {row.get('report_json')!r} in summary.json")
    if differences:
        problems.append((relative, "wijkt af van summary.json: " + "; ".join(differences)))


def _last_run(entries: Iterable[AuditEntry]) -> list[AuditEntry]:
    run: list[AuditEntry] = []
    for entry in entries:
        if entry.event == "intake_started":
            run = []
        run.append(entry)
    return run


_AUDITED = ("verdict", "outcome", "points", "rank", "tie", "selected")


def _audit(evidence: Evidence, summary: dict[str, Any], rows: list[dict[str, Any]], problems: list[Problem]) -> None:
    if evidence.audit_entries is None:
        return
    log = evidence.audit_path
    run = _last_run(evidence.audit_entries)
    if not run or run[0].event != "intake_started":
        problems.append((log, "bevat geen (volledige) intake"))
        return
    if run[0].data.get("decision_time") != evidence.manifest.get("decision_time"):
        problems.append(
            (
                log,
                f"de laatste intake begon met beslismoment {run[0].data.get('decision_time')}, het ondertekende "
                f"manifest noemt {evidence.manifest.get('decision_time')}",
            )
        )
    if run[-1].event != "intake_completed":
        problems.append((log, "eindigt niet met het afronden van de intake (intake_completed): ingekort?"))
    elif run[-1].data.get("counts") != summary.get("counts"):
        problems.append((log, "de aantallen bij intake_completed wijken af van summary.json"))
    files = {str(f.get("path")): f.get("sha256") for f in evidence.manifest.get("files", []) if isinstance(f, dict)}
    candidates = {str(e.data.get("submission_id")): e.data for e in run if e.event == "candidate"}
    for row in rows:
        sid = row.get("submission_id")
        if not row.get("report_pdf") or sid is None:
            continue
        entry = candidates.pop(str(sid), None)
        if entry is None:
            problems.append((log, f"{sid}: geen regel over deze kandidaat in de laatste intake"))
            continue
        differences = [name for name in _AUDITED if entry.get(name) != row.get(name)]
        recorded = {str(f.get("path")): f.get("sha256") for f in entry.get("files", []) if isinstance(f, dict)}
        differences += [
            f"hash van {path}"
            for path in (row.get("report_pdf"), row.get("report_json"))
            if recorded.get(str(path)) != files.get(str(path))
        ]
        if differences:
            problems.append((log, f"{sid}: wijkt af van summary.json en het manifest ({', '.join(differences)})"))
    for sid, entry in sorted(candidates.items()):
        if not entry.get("error"):
            problems.append((log, f"{sid}: staat in het auditlog, maar niet met een rapport in summary.json"))
    overview = [e.data for e in run if e.event == "overview_written"]
    if overview and overview[-1].get("sha256") != files.get(OVERVIEW_PDF):
        problems.append((log, f"de hash van {OVERVIEW_PDF} wijkt af van het manifest"))
