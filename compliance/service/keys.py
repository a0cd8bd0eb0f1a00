"""API keys per organisation, stored only as hashes.

A key is ``cmp_<key_id>_<secret>``: the key ID is public (``keys list`` shows it, access logs
name it), the secret is 32 random bytes and is shown once, when the key is made. Only the
sha256 of the whole key is stored: a key has 256 bits of entropy, so a fast hash is enough to
make a stolen database useless for logging in (a password would need a slow one).

An authenticated key is remembered for one second (at most 1 024 keys), so a busy client costs
one database read per second instead of one per request. Revoking a key forgets it at once in
this process; another process (``keys revoke`` on the command line, another instance) is obeyed
within that second.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import Engine, insert, select, update

from compliance.service.db import api_keys, now_iso

KEY_PREFIX = "cmp_"


class Role(StrEnum):
    """What a key may do: agencies pre-check their own offers; the platform also runs intakes."""

    AGENCY = "agency"
    PLATFORM = "platform"


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling: the organisation, its role and which key (by public ID) it used."""

    org: str
    role: Role
    key_id: str


@dataclass(frozen=True, slots=True)
class KeyRecord:
    """One key as ``keys list`` shows it (never the secret)."""

    key_id: str
    org: str
    role: Role
    created_at: str
    revoked_at: str | None


def hash_key(key: str) -> str:
    """The stored form of a key."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


class KeyStore:
    """Create, list, revoke and authenticate API keys."""

    REMEMBER_SECONDS = 1.0
    REMEMBER_KEYS = 1024

    def __init__(self, engine: Engine, clock: Callable[[], float] = time.monotonic) -> None:
        self.engine = engine
        self.clock = clock
        self._recent: OrderedDict[str, tuple[float, Principal]] = OrderedDict()  # key hash -> (when, principal)
        self._recent_lock = threading.Lock()

    def add(self, org: str, role: Role) -> tuple[KeyRecord, str]:
        """A new key for ``org``: (its record, the key itself, which is not stored and cannot be shown again)."""
        org = org.strip()
        if not org:
            raise ValueError("de naam van de organisatie mag niet leeg zijn")
        key_id = secrets.token_hex(6)
        key = f"{KEY_PREFIX}{key_id}_{secrets.token_urlsafe(32)}"
        record = KeyRecord(key_id, org, role, now_iso(), None)
        with self.engine.begin() as connection:
            connection.execute(
                insert(api_keys).values(
                    key_id=key_id, org=org, role=role.value, key_hash=hash_key(key), created_at=record.created_at
                )
            )
        return record, key

    def list(self) -> list[KeyRecord]:
        """Every key, oldest first."""
        with self.engine.connect() as connection:
            rows = connection.execute(select(api_keys).order_by(api_keys.c.created_at)).mappings().all()
        return [KeyRecord(r["key_id"], r["org"], Role(r["role"]), r["created_at"], r["revoked_at"]) for r in rows]

    def revoke(self, key_id: str) -> bool:
        """Revoke a key by its public ID; False when there is no such active key."""
        with self.engine.begin() as connection:
            result = connection.execute(
                update(api_keys)
                .where(api_keys.c.key_id == key_id, api_keys.c.revoked_at.is_(None))
                .values(revoked_at=now_iso())
            )
        with self._recent_lock:
            self._recent.clear()
        return bool(result.rowcount)

    def authenticate(self, key: str) -> Principal | None:
        """The principal of an active key, or None."""
        if not key.startswith(KEY_PREFIX) or len(key) > 200:
            return None
        digest = hash_key(key)
        now = self.clock()
        with self._recent_lock:
            remembered = self._recent.get(digest)
            if remembered is not None and now - remembered[0] < self.REMEMBER_SECONDS:
                return remembered[1]
        with self.engine.connect() as connection:
            row = connection.execute(select(api_keys).where(api_keys.c.key_hash == digest)).mappings().first()
        if row is None or row["revoked_at"] is not None or not hmac.compare_digest(row["key_hash"], digest):
            return None  # a refusal is never remembered: a key made a moment ago works at once
        principal = Principal(row["org"], Role(row["role"]), row["key_id"])
        with self._recent_lock:
            self._recent[digest] = (now, principal)
            self._recent.move_to_end(digest)
            while len(self._recent) > self.REMEMBER_KEYS:
                self._recent.popitem(last=False)
        return principal

    def principal(self, key_id: str) -> Principal | None:
        """The principal of an active key by its public ID (a web session stores only that)."""
        with self.engine.connect() as connection:
            row = connection.execute(select(api_keys).where(api_keys.c.key_id == key_id)).mappings().first()
        if row is None or row["revoked_at"] is not None:
            return None
        return Principal(row["org"], Role(row["role"]), row["key_id"])
