"""The award folder's signed manifest: every file in the folder, its hash, and a signature over all of it.

``manifest.json`` lists *every* file in the award folder (hidden files and the audit log
included) with its sha256 and size, the inputs the intake read (outside the folder, so checked
only when reachable), the decision time, the tender, and the audit chain's length and head
hash. ``manifest.json.p7s`` is a detached CMS signature over the manifest's exact bytes, by the
key that signs the reports; it is the only file the manifest does not list.

So every file is covered by a signature, directly (the report PDFs, the overview, the manifest)
or through a hash in the signed manifest (the JSON twins, the summaries, the audit log).
Recomputing the hashes after changing a file is not enough: the manifest's signature then no
longer holds, and making a new one needs the key.

Written last, after the final audit entry: the manifest first, then its signature, each
atomically. A re-run withdraws both first (and logs that), so a run killed before the end leaves
a folder that says "not finished" rather than one whose old signature covers new files.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from compliance.errors import ComplianceError, ExitCode
from compliance.fsutil import atomic_write_bytes
from compliance.intake.audit import AuditLog, file_sha256

if TYPE_CHECKING:
    from compliance.signing.sign import ReportSigner

MANIFEST_FILE = "manifest.json"
SIGNATURE_FILE = "manifest.json.p7s"
MANIFEST_VERSION = "2"
ROLE_AUDIT_LOG = "audit_log"
ROLE_OTHER = "other"  # found in the folder, not written by the intake: listed (and signed), never hidden
NOT_LISTED = frozenset({MANIFEST_FILE, SIGNATURE_FILE})
SIGNATURE_FORMAT = "CMS (PKCS #7) SignedData, losse handtekening (detached), DER"


class AwardFolderError(ComplianceError):
    """The award folder holds something the intake cannot list (a symbolic link, a device)."""

    exit_code = ExitCode.USAGE


@dataclass(frozen=True, slots=True)
class ManifestFile:
    """One file, its role, and the sha256 of its bytes (path relative to the award folder)."""

    path: str
    role: str
    sha256: str
    bytes: int
    note: str = ""


@dataclass(frozen=True, slots=True)
class FolderEntry:
    """Something in the award folder: a regular file, or anything else (which the dossier never holds)."""

    relative: str  # POSIX path relative to the folder
    path: Path
    regular: bool
    kind: str  # "bestand", "symbolische koppeling", "speciaal bestand"


def folder_entries(folder: Path) -> list[FolderEntry]:
    """Every entry below ``folder`` except directories, hidden ones included, sorted; links are not followed."""
    found: list[FolderEntry] = []
    for directory, subdirectories, files in os.walk(folder, followlinks=False):
        base = Path(directory)
        linked = [name for name in subdirectories if (base / name).is_symlink()]
        subdirectories[:] = [name for name in subdirectories if name not in linked]
        for name in [*files, *linked]:
            path = base / name
            mode = path.lstat().st_mode
            kind = (
                "bestand"
                if stat.S_ISREG(mode)
                else "symbolische koppeling"
                if stat.S_ISLNK(mode)
                else "speciaal bestand"
            )
            found.append(FolderEntry(path.relative_to(folder).as_posix(), path, stat.S_ISREG(mode), kind))
    return sorted(found, key=lambda entry: entry.relative)


def refuse_irregular(folder: Path) -> None:
    """Raise when the folder holds a link or special file: the manifest can only vouch for plain files."""
    for entry in folder_entries(folder):
        if not entry.regular:
            raise AwardFolderError(
                f"{entry.path}: {entry.kind} in het gunningsdossier; het dossier bevat alleen gewone bestanden. "
                "Verwijder het of kies een andere map (--out)."
            )


def withdraw_manifest(folder: Path) -> dict[str, str] | None:
    """Remove an earlier run's manifest and signature; returns their hashes (for the audit log) or None."""
    withdrawn: dict[str, str] = {}
    for name in (SIGNATURE_FILE, MANIFEST_FILE):  # the signature first: never a signature without its manifest
        path = folder / name
        if path.is_file():
            withdrawn[name] = file_sha256(path)[0]
            path.unlink()
    return withdrawn or None


def _row(item: ManifestFile) -> dict[str, Any]:
    row: dict[str, Any] = {"path": item.path, "role": item.role, "sha256": item.sha256, "bytes": item.bytes}
    if item.note:
        row["note"] = item.note
    return row


def _every_file(folder: Path, outputs: Iterable[ManifestFile]) -> tuple[list[ManifestFile], list[ManifestFile]]:
    """(every file in the folder with its role, the ones the intake did not write)."""
    known = {item.path: item for item in outputs}
    files: list[ManifestFile] = []
    others: list[ManifestFile] = []
    refuse_irregular(folder)
    for entry in folder_entries(folder):
        if entry.relative in NOT_LISTED:
            continue
        item = known.get(entry.relative)
        if item is None:
            digest, size = file_sha256(entry.path)
            item = ManifestFile(entry.relative, ROLE_OTHER, digest, size, note="niet door de intake geschreven")
            others.append(item)
        files.append(item)
    return files, others


def write_signed_manifest(
    folder: Path,
    header: dict[str, Any],
    inputs: list[ManifestFile],
    outputs: list[ManifestFile],
    log: AuditLog,
    signer: ReportSigner,
) -> list[ManifestFile]:
    """Write ``manifest.json`` and its signature; returns the files found that the intake did not write.

    ``outputs`` are the files the intake wrote and ``inputs`` the files it read, with the hashes it
    computed; every other file in the folder is hashed here and listed as ``other``. Call it after
    the log's final entry.
    """
    from compliance.signing.detached import sign_detached

    audit_sha, audit_size = file_sha256(log.path)
    audit_path = log.path.relative_to(folder).as_posix()
    written = [*outputs, ManifestFile(audit_path, ROLE_AUDIT_LOG, audit_sha, audit_size)]
    # Inputs kept inside the award folder (a submissions folder below it) are listed as inputs.
    files, others = _every_file(folder, [*inputs, *written])
    document = {
        **header,
        "schema_version": MANIFEST_VERSION,
        "signature": {"file": SIGNATURE_FILE, "format": SIGNATURE_FORMAT, "signer": asdict(signer.note)},
        "files": [_row(item) for item in files],
        "inputs": [_row(item) for item in sorted({(f.role, f.path): f for f in inputs}.values(), key=_order)],
        "audit_log": {
            "path": audit_path,
            "entries": log.entries,
            "head": log.head,
            "sha256": audit_sha,
            "bytes": audit_size,
        },
    }
    data = (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    signature = sign_detached(data, signer)
    atomic_write_bytes(folder / MANIFEST_FILE, data)
    atomic_write_bytes(folder / SIGNATURE_FILE, signature)
    return others


def _order(item: ManifestFile) -> tuple[str, str]:
    return (item.role, item.path)
