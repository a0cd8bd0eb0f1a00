"""Verify an award folder: the signed manifest, every file, the audit chain, every signature, one story.

``compliance verify FOLDER`` calls :func:`verify_award_folder`. It changes nothing. In order:

1. ``manifest.json`` and its detached signature ``manifest.json.p7s`` (same trust rules as a
   report PDF: invalid is exit 5, intact but signed by someone not trusted is exit 6);
2. every file in the folder, hidden ones included, against the manifest: a file added, removed,
   renamed or changed is an error naming it, and so is a link or special file;
3. the inputs the manifest lists, where still reachable (a warning where not);
4. the audit chain, and its length, head and hash against the manifest;
5. the signature of every report PDF and of the ranking overview;
6. the cross-checks of :mod:`.crosscheck`: file names, JSON twins, summaries, overview and audit
   log against the signed decisions.

Recomputing hashes after changing a file does not help: the manifest's signature then fails.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from compliance.intake import usable_cores
from compliance.intake.audit import AUDIT_FILE, ChainState, file_sha256, read_entries
from compliance.intake.crosscheck import (
    ROLE_RANKING_PDF,
    ROLE_REPORT_PDF,
    Evidence,
    SignedContent,
    cross_check,
)
from compliance.intake.manifest import MANIFEST_FILE, NOT_LISTED, SIGNATURE_FILE, folder_entries
from compliance.signing.verify import VerifyStatus

if TYPE_CHECKING:
    from cryptography import x509

ERROR = "error"
WARNING = "warning"

_SIGNED_ROLES = (ROLE_REPORT_PDF, ROLE_RANKING_PDF)
_STATUS_WORDS = {"invalid": "ongeldig", "untrusted": "niet vertrouwd", "valid": "geldig"}
_PARALLEL_FROM = 8  # forking workers costs ~0.1 s; checking one report ~0.1-0.2 s (it re-renders it)


@dataclass(frozen=True, slots=True)
class FolderProblem:
    """One thing that does not hold, with the file it concerns (Dutch message)."""

    severity: str  # "error" fails the verification; "warning" is reported only
    path: str
    message: str


@dataclass(frozen=True, slots=True)
class SignatureResult:
    """The signature check of one signed file in the folder (a PDF, or the manifest)."""

    path: str
    status: str  # "valid", "untrusted" (intact, signer not trusted) or "invalid"
    detail: str


@dataclass(frozen=True, slots=True)
class FolderVerification:
    """The outcome of :func:`verify_award_folder`."""

    folder: Path
    problems: tuple[FolderProblem, ...]
    outputs_checked: int  # files in the folder compared with the manifest
    inputs_checked: int
    inputs_unavailable: int
    audit_entries: int
    audit_head: str
    signatures: tuple[SignatureResult, ...] = field(default=())  # the manifest's first, then every PDF's
    manifest_signer: str = ""  # subject and fingerprint of the manifest's signer, when readable

    @property
    def errors(self) -> tuple[FolderProblem, ...]:
        """The problems that make the folder fail."""
        return tuple(p for p in self.problems if p.severity == ERROR)

    @property
    def ok(self) -> bool:
        """Every hash, link, cross-check and signature holds (an untrusted-but-intact signature counts as holding)."""
        return not self.errors and all(s.status != "invalid" for s in self.signatures)

    @property
    def status(self) -> VerifyStatus:
        """The bottom line, in the terms of a single report's: invalid beats untrusted beats valid.

        Which exit code it gets is the CLI's decision (``compliance.cli.signing_cli``), as for a report."""
        if not self.ok:
            return VerifyStatus.INVALID
        if any(s.status != "valid" for s in self.signatures):
            return VerifyStatus.UNTRUSTED
        return VerifyStatus.VALID

    def lines(self) -> list[str]:
        """A Dutch account, one line per finding, ending with the conclusion."""
        result = [f"{'FOUT' if p.severity == ERROR else 'let op'}: {p.path}: {p.message}" for p in self.problems]
        result += [
            f"handtekening {_STATUS_WORDS.get(s.status, s.status)}: {s.path}: {s.detail}"
            for s in self.signatures
            if s.status != "valid"
        ]
        valid = sum(1 for s in self.signatures if s.status == "valid")
        untrusted = sum(1 for s in self.signatures if s.status == "untrusted")
        if self.manifest_signer:
            result.append(f"Manifest ondertekend door {self.manifest_signer}.")
        result.append(
            f"{self.outputs_checked} bestanden in het dossier en {self.inputs_checked} invoerbestanden gecontroleerd "
            f"({self.inputs_unavailable} invoer niet bereikbaar); auditlog {self.audit_entries} regels, kop "
            f"{self.audit_head[:16]}…; handtekeningen: {valid} geldig, {untrusted} geldig maar niet vertrouwd, "
            f"{len(self.signatures) - valid - untrusted} ongeldig."
        )
        status = self.status
        if status is VerifyStatus.INVALID:
            result.append("Dossier NIET intact.")
        elif status is VerifyStatus.UNTRUSTED:
            result.append(
                "Dossier intact, maar NIET VERTROUWD: de ondertekenaar staat niet in uw vertrouwde certificaten "
                "(--trust). Controleer de vingerafdruk bij de afzender."
            )
        else:
            result.append("Dossier intact.")
        return result


def _fingerprint_note(subject: str, fingerprint: str) -> str:
    return f"{subject} (sha256 {fingerprint})" if fingerprint else subject


class _Check:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.problems: list[FolderProblem] = []
        self.files = 0
        self.inputs = 0
        self.unavailable = 0

    def problem(self, path: str, message: str, severity: str = ERROR) -> None:
        self.problems.append(FolderProblem(severity, path, message))

    def manifest(self) -> tuple[bytes, dict[str, Any]] | None:
        path = self.folder / MANIFEST_FILE
        try:
            data = path.read_bytes()
            document = json.loads(data.decode("utf-8"))
        except FileNotFoundError:
            self.problem(MANIFEST_FILE, "ontbreekt: geen gunningsdossier, of de intake is niet afgerond")
            return None
        except (OSError, UnicodeDecodeError, ValueError) as error:
            self.problem(MANIFEST_FILE, f"niet leesbaar ({error})")
            return None
        if not isinstance(document, dict) or not all(
            isinstance(document.get(k), t) for k, t in (("files", list), ("inputs", list), ("audit_log", dict))
        ):
            self.problem(
                MANIFEST_FILE,
                "geen ondertekend manifest van deze versie (files, inputs of audit_log ontbreekt); "
                "een dossier van een oudere versie is niet te controleren: voer de intake opnieuw uit",
            )
            return None
        return data, document

    def manifest_signature(
        self, data: bytes | None, trust: Sequence[x509.Certificate]
    ) -> tuple[SignatureResult | None, str, str]:
        """(the manifest's signature result, signer description, signer fingerprint)."""
        if data is None:
            return None, "", ""
        try:
            signature = (self.folder / SIGNATURE_FILE).read_bytes()
        except OSError:
            self.problem(
                SIGNATURE_FILE,
                "ontbreekt: het manifest is niet ondertekend, dus geen enkel bestand is gedekt "
                "(of de intake is niet afgerond)",
            )
            return SignatureResult(MANIFEST_FILE, "invalid", "geen handtekening"), "", ""
        from compliance.signing.detached import verify_detached

        outcome = verify_detached(data, signature, trust)
        who = _fingerprint_note(outcome.signer, outcome.certificate_sha256)
        if outcome.status.value == "invalid":
            self.problem(
                MANIFEST_FILE,
                f"de handtekening ({SIGNATURE_FILE}) houdt niet: {outcome.problem}. Het manifest is na ondertekening "
                "gewijzigd of vervangen; zonder geldig manifest is geen enkel bestand in het dossier gedekt",
            )
            detail = outcome.problem
        else:
            detail = who
        return SignatureResult(MANIFEST_FILE, outcome.status.value, detail), who, outcome.certificate_sha256

    def files_listed(self, manifest: dict[str, Any]) -> dict[str, dict[str, Any]]:
        """Compare the folder with the manifest's file list; returns the listed rows by path."""
        listed: dict[str, dict[str, Any]] = {}
        for item in manifest["files"]:
            relative = str(item.get("path", "")) if isinstance(item, dict) else ""
            pure = PurePosixPath(relative)
            if not relative or pure.is_absolute() or ".." in pure.parts or relative in NOT_LISTED:
                self.problem(relative or MANIFEST_FILE, "ongeldig pad in het manifest")
                continue
            listed[relative] = item
        present: dict[str, str] = {}
        for entry in folder_entries(self.folder):
            if entry.relative in NOT_LISTED:
                continue
            if not entry.regular:
                self.problem(entry.relative, f"{entry.kind}: een dossier bevat alleen gewone bestanden")
                continue
            self.files += 1
            present[entry.relative] = file_sha256(entry.path)[0]
        missing = {path: row.get("sha256") for path, row in listed.items() if path not in present}
        for relative, digest in sorted(present.items()):
            row = listed.get(relative)
            if row is None:
                hidden = " (verborgen bestand)" if any(p.startswith(".") for p in PurePosixPath(relative).parts) else ""
                renamed = sorted(path for path, expected in missing.items() if expected == digest)
                how = f"hernoemd: heette {renamed[0]} in het manifest" if renamed else "toegevoegd na de intake"
                self.problem(relative, f"staat niet in het ondertekende manifest{hidden}: {how}")
            elif digest != row.get("sha256"):
                self.problem(relative, "gewijzigd na de intake (sha256 klopt niet met het ondertekende manifest)")
            elif row.get("role") == "other":
                self.problem(relative, "niet door de intake geschreven, wel in het ondertekende manifest", WARNING)
        for relative in sorted(missing):
            self.problem(relative, "ontbreekt (staat wel in het ondertekende manifest)")
        return listed

    def inputs_listed(self, manifest: dict[str, Any]) -> None:
        for item in manifest["inputs"]:
            relative = str(item.get("path", "")) if isinstance(item, dict) else ""
            if not relative or relative.startswith("<"):  # a tender bundled with the tool: no file to compare
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

    def audit(self, manifest: dict[str, Any] | None) -> tuple[ChainState, list[Any]]:
        path = self.folder / AUDIT_FILE
        state = ChainState()
        if not path.exists():
            self.problem(AUDIT_FILE, "ontbreekt")
            return state, []
        entries = list(read_entries(path, state))
        for problem in state.problems:
            self.problem(AUDIT_FILE, f"regel {problem.line}: {problem.message}")
        if state.torn_tail:
            self.problem(AUDIT_FILE, "de laatste regel is onvolledig (afgebroken schrijfactie)")
        if manifest is not None:
            recorded = manifest["audit_log"]
            if (recorded.get("entries"), recorded.get("head")) != (state.entries, state.head):
                self.problem(
                    AUDIT_FILE,
                    f"telt {state.entries} geldige regels, het manifest {recorded.get('entries')} (of de kop verschilt): "
                    "regels verwijderd, toegevoegd of herschreven na het afronden van de intake",
                )
            elif file_sha256(path)[0] != recorded.get("sha256"):
                self.problem(AUDIT_FILE, "gewijzigd na de intake (sha256 klopt niet met het manifest)")
        return state, entries


def _verify_one(path: Path, trust_pem: tuple[bytes, ...]) -> tuple[str, str, str, bytes | None]:
    """(status, detail, signer fingerprint, JSON from the signed revision) of one signed PDF."""
    from cryptography import x509

    from compliance.signing.verify import verify_report_pdf

    trust = [x509.load_pem_x509_certificate(pem) for pem in trust_pem]
    try:
        data = path.read_bytes()
    except OSError as error:
        return "invalid", f"niet leesbaar ({error.strerror or error})", "", None
    outcome = verify_report_pdf(data, trust)
    signer = outcome.signature.signer if outcome.signature else ""
    fingerprint = outcome.signature.certificate_sha256 if outcome.signature else ""
    detail = "; ".join(outcome.problems) or signer
    embedded = outcome.report_json if outcome.status.value != "invalid" else None
    return outcome.status.value, detail, fingerprint, embedded


def _verify_signatures(
    folder: Path, relative: list[str], trust: Sequence[x509.Certificate], workers: int
) -> list[tuple[str, str, str, bytes | None]]:
    """Each PDF's signature and render, checked in parallel for many: a report's check re-renders it (~0.1 s)."""
    from cryptography.hazmat.primitives.serialization import Encoding

    trust_pem = tuple(c.public_bytes(Encoding.PEM) for c in trust)
    paths = [folder / r for r in relative]
    if workers <= 1 or len(paths) < _PARALLEL_FROM:
        return [_verify_one(p, trust_pem) for p in paths]
    from compliance.intake.processes import worker_pool

    with worker_pool(workers) as pool:
        return list(pool.map(_verify_one, paths, [trust_pem] * len(paths), chunksize=8))


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
    loaded = check.manifest()
    data, manifest = loaded if loaded is not None else (None, None)
    manifest_result, manifest_signer, manifest_fingerprint = check.manifest_signature(data, trust)
    listed: dict[str, dict[str, Any]] = {}
    if manifest is not None:
        listed = check.files_listed(manifest)
        check.inputs_listed(manifest)
    chain, entries = check.audit(manifest)
    signed_paths = [
        relative
        for relative, row in sorted(listed.items())
        if row.get("role") in _SIGNED_ROLES and (path / relative).is_file()
    ]
    outcomes = _verify_signatures(path, signed_paths, trust, workers or usable_cores())
    signatures = [manifest_result] if manifest_result is not None else []
    signatures += [SignatureResult(r, o[0], o[1]) for r, o in zip(signed_paths, outcomes, strict=True)]
    if manifest is not None:
        evidence = Evidence(
            folder=path,
            manifest=manifest,
            manifest_signer_sha256=manifest_fingerprint,
            signed={r: SignedContent(o[2], o[3]) for r, o in zip(signed_paths, outcomes, strict=True)},
            audit_entries=entries if chain.ok else None,  # a broken chain is an error of its own
            audit_path=AUDIT_FILE,
        )
        for relative, message in cross_check(evidence):
            check.problem(relative, message)
    return FolderVerification(
        folder=path,
        problems=tuple(check.problems),
        outputs_checked=check.files,
        inputs_checked=check.inputs,
        inputs_unavailable=check.unavailable,
        audit_entries=chain.entries,
        audit_head=chain.head,
        signatures=tuple(signatures),
        manifest_signer=manifest_signer,
    )
