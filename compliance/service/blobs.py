"""Files under the data folder named by their content hash, written atomically.

Uploads (offers, CVs) and outputs (decision JSON, signed PDFs) are immutable once written, so a
name that *is* the sha256 of the bytes makes a write idempotent, lets instances sharing the data
folder write the same file without coordination, and lets a backup be checked file by file.
"""

from __future__ import annotations

import re
from pathlib import Path

from compliance.canonical import sha256_hex
from compliance.fsutil import atomic_write_bytes

_DIGEST = re.compile(r"^[0-9a-f]{64}$")


class BlobStore:
    """``<root>/<kind>/<sha[:2]>/<sha>.<suffix>``."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, kind: str, digest: str, suffix: str) -> Path:
        """Where a blob lives; the digest is checked, so no request can name another file."""
        if not _DIGEST.match(digest):
            raise ValueError("not a sha256 digest")
        return self.root / kind / digest[:2] / f"{digest}.{suffix}"

    def put(self, kind: str, data: bytes, suffix: str) -> str:
        """Store ``data`` (once) and return its sha256."""
        digest = sha256_hex(data)
        target = self.path(kind, digest, suffix)
        if not target.is_file():
            atomic_write_bytes(target, data)
        return digest

    def get(self, kind: str, digest: str, suffix: str) -> bytes:
        """The bytes of a stored blob (FileNotFoundError when absent)."""
        return self.path(kind, digest, suffix).read_bytes()
