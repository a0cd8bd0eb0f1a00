"""Canonical JSON and hashing, so a reviewer can recompute every hash in a report."""

from __future__ import annotations

import hashlib
import json
from typing import Any

# Built once: json.dumps with these options would build a new encoder for every document. The
# circularity check is off because parsed JSON cannot refer to itself (a cycle would still end in
# a RecursionError, never in output).
_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, check_circular=False)


def canonical_json(document: Any) -> bytes:
    """Sorted keys, no insignificant white space, UTF-8: the form every input hash is taken over."""
    return _ENCODER.encode(document).encode("utf-8")


def sha256_hex(data: bytes) -> str:
    """Hex sha256 of bytes."""
    return hashlib.sha256(data).hexdigest()


def canonical_sha256(document: Any) -> str:
    """The sha256 of a JSON document in canonical form."""
    return sha256_hex(canonical_json(document))
