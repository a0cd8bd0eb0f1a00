"""The on-disk cache of KvK Basisprofiel responses, in the snapshot folder format.

One ``<kvkNummer>.json`` per company: the API's response as received, plus a ``_meta`` object
with ``retrievedAt`` and ``url`` (never the API key). That is exactly what ``--registry`` reads,
so the cache folder can be handed to a colleague or archived with an award file as a snapshot,
and a snapshot folder can serve as a cache.

A cached record is fresh for a TTL (default 7 days). ``--offline`` uses the cache whatever its
age, and every report shows the retrieval time, so a reader sees how old each fact is.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from compliance.fsutil import atomic_write_text
from compliance.sources.registry import LookupStatus, RegistryLookup, SnapshotRegistry

ENV_CACHE_DIR = "COMPLIANCE_CACHE_DIR"
DEFAULT_TTL = timedelta(days=7)
KVK_FOLDER = "kvk-basisprofielen"

CACHE_SOURCE = "KvK Basisprofiel API v1 (cache)"


def default_cache_root(environ: Mapping[str, str] | None = None) -> Path:
    """``$COMPLIANCE_CACHE_DIR``, else the platform's user cache folder for ``compliance``."""
    env = os.environ if environ is None else environ
    configured = env.get(ENV_CACHE_DIR, "").strip()
    if configured:
        return Path(configured).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("compliance", appauthor=False))


def default_kvk_cache_dir(environ: Mapping[str, str] | None = None) -> Path:
    """Where Basisprofiel responses are cached: ``<cache root>/kvk-basisprofielen``."""
    return default_cache_root(environ) / KVK_FOLDER


@dataclass(frozen=True, slots=True)
class CacheHit:
    """A cached look-up and whether it is younger than the TTL."""

    lookup: RegistryLookup
    fresh: bool
    age: timedelta | None  # None when the record does not say when it was retrieved


class RegistryCache:
    """Read and write Basisprofiel responses in a snapshot folder."""

    def __init__(self, folder: Path, ttl: timedelta = DEFAULT_TTL) -> None:
        self.folder = folder
        self.ttl = ttl

    def path_for(self, kvk_number: str) -> Path:
        """The file of one KvK number (the number is validated, so it cannot name another path)."""
        if not re.fullmatch(r"\d{8}", kvk_number):
            raise ValueError("KvK-nummer moet 8 cijfers zijn")
        return self.folder / f"{kvk_number}.json"

    def get(self, kvk_number: str, now: datetime) -> CacheHit | None:
        """The cached record, or None when there is none (a broken file counts as none)."""
        if not re.fullmatch(r"\d{8}", kvk_number) or not self.path_for(kvk_number).is_file():
            return None
        lookup = SnapshotRegistry(self.folder).lookup(kvk_number)
        if lookup.status is not LookupStatus.FOUND:
            return None
        lookup = replace(lookup, source=CACHE_SOURCE)
        if lookup.retrieved_at is None or lookup.retrieved_at.tzinfo is None:
            return CacheHit(lookup, fresh=False, age=None)
        age = now - lookup.retrieved_at
        return CacheHit(lookup, fresh=timedelta(0) <= age <= self.ttl, age=age)

    def put(self, kvk_number: str, document: dict[str, Any], url: str, retrieved_at: datetime) -> Path:
        """Store one response with its ``_meta`` (atomic: a crash never leaves half a file)."""
        record = {**document, "_meta": {"retrievedAt": retrieved_at.isoformat(timespec="seconds"), "url": url}}
        path = self.path_for(kvk_number)
        atomic_write_text(path, json.dumps(record, ensure_ascii=False, indent=2) + "\n")
        return path


class CacheOnlyRegistry:
    """``--offline``: answer from the cache only; a miss is a finding (needs review), never a pass."""

    source_name = "KvK Basisprofiel API v1 (cache, offline)"

    def __init__(self, cache: RegistryCache, now: datetime | None = None) -> None:
        self.cache = cache
        self.now = now

    def lookup(self, kvk_number: str) -> RegistryLookup:
        """The cached record whatever its age; its retrieval time is in the report."""
        from datetime import UTC

        hit = self.cache.get(kvk_number, self.now or datetime.now(UTC))
        if hit is None:
            return RegistryLookup(
                kvk_number,
                LookupStatus.UNAVAILABLE,
                self.source_name,
                str(self.cache.folder),
                detail="offline en het KvK-nummer staat niet in de cache; de KvK-gegevens zijn niet opgehaald",
            )
        detail = "" if hit.fresh else f"offline: cachegegevens ouder dan {self.cache.ttl.days} dagen gebruikt"
        return replace(hit.lookup, source=self.source_name, detail=detail)


__all__ = [
    "CACHE_SOURCE",
    "DEFAULT_TTL",
    "ENV_CACHE_DIR",
    "KVK_FOLDER",
    "CacheHit",
    "CacheOnlyRegistry",
    "RegistryCache",
    "default_cache_root",
    "default_kvk_cache_dir",
]
