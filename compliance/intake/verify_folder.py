"""Verify an award folder: the manifest's hashes, the audit chain, and every report's signature.

``compliance verify FOLDER`` calls :func:`verify_award_folder`. It changes nothing. What it
catches: a report or summary edited, removed or added after the intake (manifest), an audit
entry edited, removed or reordered (chain) or cut off at the end (the manifest records the
log's length and head), an input changed after the intake (when it is still reachable), and a
PDF whose signature does not hold.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from compliance.errors import ExitCode
from compliance.intake import usable_cores
from compliance.intake.audit import AUDIT_FILE, LOCK_FILE, MANIFEST_FILE, file_sha256, verify_chain

if TYPE_CHECKING:
    from cryptography import x509

ERROR = "error"
WARNING = "warning"

_SIGNED_ROLES = ("report_pdf", "ranking_pdf")
_NOT_LISTED = {MANIFEST_FILE, AUDIT_FILE}  # the manifest itself, and the log (listed in its own section)


@dataclass(frozen=True, slots=True)
class FolderProblem:
    """One thing that does not hold, with the file it concerns (Dutch message)."""

    severity: str  # "error" fails the verification; "warning" is reported only
    path: str
    message: str


@dataclass(frozen=True, slots=True)
class SignatureResult:
    """The signature check of one signed PDF in the folder."""

    path: str
    status: str  # "valid", "untrusted" (intact, signer not trusted) or "invalid"
    detail: str


@dataclass(frozen=True, slots=True)
class FolderVerification:
    """The outcome of :func:`verify_award_folder`."""

    folder: Path
    problems: tuple[FolderProblem, ...]
    outputs_checked: int
    inputs_checked: int
    inputs_unavailable: int
    audit_entries: int
    audit_head: str
    signatures: tuple[SignatureResult, ...] = field(default=())

    @property
    def errors(self) -> tuple[FolderProblem, ...]:
        """The problems that make the folder fail."""
        return tuple(p for p in self.problems if p.severity == ERROR)

    @property
    def ok(self) -> bool:
        """Every hash, link and signature holds (an untrusted-but-intact signature counts as holding)."""
        return not self.errors and all(s.status != "invalid" for s in self.signatures)

    @property
    def exit_code(self) -> ExitCode:
        """5 when anything was changed or a signature is invalid; 6 when only trust is missing; else 0."""
        if not self.ok:
            return ExitCode.INVALID_SIGNATURE
        if any(s.status == "untrusted" for s in self.signatures):
            return ExitCode.UNTRUSTED_SIGNATURE
        return ExitCode.COMPLIANT

    def lines(self) -> list[str]:
        """A Dutch account, one line per finding, ending with the conclusion."""
        result = [f"{'FOUT' if p.severity == ERROR else 'let op'}: {p.path}: {p.message}" for p in self.problems]
        result += [f"handtekening {s.status}: {s.path}: {s.detail}" for s in self.signatures if s.status != "valid"]
        valid = sum(1 for s in self.signatures if s.status == "valid")
        untrusted = sum(1 for s in self.signatures if s.status == "untrusted")
        result.append(
            f"{self.outputs_checked} uitvoerbestanden en {self.inputs_checked} invoerbestanden gecontroleerd "
            f"({self.inputs_unavailable} invoer niet bereikbaar); auditlog {self.audit_entries} regels, kop "
            f"{self.audit_head[:16]}…; handtekeningen: {valid} geldig, {untrusted} geldig maar niet vertrouwd, "
            f"{len(self.signatures) - valid - untrusted} ongeldig."
        )
        result.append("Dossier intact." if self.ok else "Dossier NIET intact.")
        return result


def _walk(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            yield path


class _Check:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.problems: list[FolderProblem] = []
        self.outputs = 0
        self.inputs = 0
        self.unavailable = 0

    def problem(self, path: str, message: str, severity: str = ERROR) -> None:
        self.problems.append(FolderProblem(severity, path, message))

    def manifest(self) -> dict[str, Any] | None:
        path = self.folder / MANIFEST_FILE
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            self.problem(MANIFEST_FILE, "ontbreekt: geen gunningsdossier, of de intake is niet afgerond")
            return None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            self.problem(MANIFEST_FILE, f"niet leesbaar ({error})")
            return None
        if not isinstance(document, dict) or not all(k in document for k in ("inputs", "outputs", "audit_log")):
            self.problem(MANIFEST_FILE, "geen manifest van een intake (inputs, outputs of audit_log ontbreekt)")
            return None
        return document

    def outputs_listed(self, manifest: dict[str, Any]) -> list[dict[str, Any]]:
        listed: list[dict[str, Any]] = []
        for item in manifest["outputs"]:
            relative = str(item.get("path", ""))
            path = self.folder / relative
            if not path.resolve().is_relative_to(self.folder.resolve()):
                self.problem(relative, "verwijst buiten het dossier")
                continue
            self.outputs += 1
            try:
                digest, _ = file_sha256(path)
            except FileNotFoundError:
                self.problem(relative, "ontbreekt (staat wel in het manifest)")
                continue
            if digest != item.get("sha256"):
                self.problem(relative, "gewijzigd na de intake (sha256 klopt niet met het manifest)")
                continue
            listed.append(item)
        known = {str(item.get("path")) for item in manifest["outputs"]} | _NOT_LISTED
        for path in _walk(self.folder):
            relative = path.relative_to(self.folder).as_posix()
            if relative in known or path.name == LOCK_FILE:
                continue
            if path.name.startswith("."):
                self.problem(relative, "tijdelijk of verborgen bestand (niet in het manifest)", WARNING)
            else:
                self.problem(relative, "staat niet in het manifest: toegevoegd na de intake")
        return listed

    def inputs_listed(self, manifest: dict[str, Any]) -> None:
        for item in manifest["inputs"]:
            relative = str(item.get("path", ""))
            if relative.startswith("<"):  # a tender bundled with the tool: no file to compare
                continue
            path = self.folder / relative
            try:
                digest, _ = file_sha256(path)
            except OSError:
                self.unavailable += 1
                self.problem(relative, "invoer niet bereikbaar vanuit het dossier: niet vergeleken", WARNING)
                continue
            self.inputs += 1
            if digest != item.get("sha256"):
                self.problem(relative, "invoer gewijzigd na de intake (sha256 klopt niet met het manifest)")

    def audit(self, manifest: dict[str, Any] | None) -> tuple[int, str]:
        path = self.folder / AUDIT_FILE
        if not path.exists():
            self.problem(AUDIT_FILE, "ontbreekt")
            return 0, ""
        state = verify_chain(path)
        for problem in state.problems:
            self.problem(AUDIT_FILE, f"regel {problem.line}: {problem.message}")
        if state.torn_tail:
            self.problem(AUDIT_FILE, "de laatste regel is onvolledig (afgebroken schrijfactie)")
        if manifest is not None:
            recorded = manifest["audit_log"]
            if (recorded.get("entries"), recorded.get("head")) != (state.entries, state.head):
                self.problem(
                    AUDIT_FILE,
                    f"telt {state.entries} geldige regels, het manifest {recorded.get('entries')}: regels verwijderd "
                    "of toegevoegd na het afronden van de intake",
                )
            elif file_sha256(path)[0] != recorded.get("sha256"):
                self.problem(AUDIT_FILE, "gewijzigd na de intake (sha256 klopt niet met het manifest)")
        return state.entries, state.head


def _verify_one(path: Path, trust_pem: tuple[bytes, ...]) -> SignatureResult:
    from cryptography import x509

    from compliance.signing.verify import verify_report_pdf

    trust = [x509.load_pem_x509_certificate(pem) for pem in trust_pem]
    outcome = verify_report_pdf(path.read_bytes(), trust)
    detail = "; ".join(outcome.problems) or (outcome.signature.signer if outcome.signature else "")
    return SignatureResult(path.name, outcome.status.value, detail)


def _verify_signatures(
    folder: Path, items: list[dict[str, Any]], trust: Sequence[x509.Certificate], workers: int
) -> tuple[SignatureResult, ...]:
    """Each PDF's signature and render, checked in parallel: a report's check re-renders it (~0.1 s)."""
    from cryptography.hazmat.primitives.serialization import Encoding

    trust_pem = tuple(c.public_bytes(Encoding.PEM) for c in trust)
    relative = [str(item["path"]) for item in items]
    paths = [folder / r for r in relative]
    if workers <= 1 or len(paths) < 8:
        outcomes = [_verify_one(p, trust_pem) for p in paths]
    else:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context("forkserver")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            outcomes = list(pool.map(_verify_one, paths, [trust_pem] * len(paths), chunksize=4))
    return tuple(SignatureResult(r, o.status, o.detail) for r, o in zip(relative, outcomes, strict=True))


def verify_award_folder(
    path: Path, trust: Sequence[x509.Certificate] | None = None, workers: int | None = None
) -> FolderVerification:
    """Check an award folder written by ``compliance intake`` (read-only).

    ``trust``: the certificates a signature must chain to; by default the local signing
    certificate, as ``compliance verify`` does for a single report. ``workers``: processes for
    the signature checks (default: the number of cores).
    """
    if trust is None:
        from compliance.signing.keys import local_certificate

        local = local_certificate()
        trust = [local] if local is not None else []
    check = _Check(path)
    manifest = check.manifest()
    signed: list[dict[str, Any]] = []
    if manifest is not None:
        listed = check.outputs_listed(manifest)
        check.inputs_listed(manifest)
        signed = [item for item in listed if item.get("role") in _SIGNED_ROLES]
    entries, head = check.audit(manifest)
    return FolderVerification(
        folder=path,
        problems=tuple(check.problems),
        outputs_checked=check.outputs,
        inputs_checked=check.inputs,
        inputs_unavailable=check.unavailable,
        audit_entries=entries,
        audit_head=head,
        signatures=_verify_signatures(path, signed, trust, workers or usable_cores()),
    )
