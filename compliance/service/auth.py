"""Who is calling: an API key (``Authorization: Bearer KEY``) or a web session, and what they may do.

The web session is a signed cookie (itsdangerous) that holds the key's public ID and the CSRF
token of the session, never the key. Every request looks the key up again, so a revoked key
ends its sessions at once.

The API's dependencies are ``async``: they run on the event loop (a key is usually remembered
for a second by :class:`~compliance.service.keys.KeyStore`, the rate limit is memory), so a
request does not wait for a worker thread twice before its route even starts.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request
from itsdangerous import BadSignature, URLSafeTimedSerializer

from compliance.service.keys import KeyStore, Principal, Role
from compliance.service.ratelimit import RateLimiter

SESSION_COOKIE = "compliance_session"


@dataclass(frozen=True, slots=True)
class Session:
    """A logged-in web user: the principal and the CSRF token every form must return."""

    principal: Principal
    csrf: str


class Sessions:
    """Signs and reads session cookies."""

    def __init__(self, secret: str, max_age: int) -> None:
        self.serializer = URLSafeTimedSerializer(secret, salt="compliance-session")
        self.max_age = max_age

    def issue(self, principal: Principal) -> str:
        """A cookie value for a fresh session (a new CSRF token with it)."""
        return self.serializer.dumps({"k": principal.key_id, "c": secrets.token_urlsafe(24)})

    def read(self, cookie: str | None, keys: KeyStore) -> Session | None:
        """The session of a cookie, or None (absent, tampered, expired, or its key revoked)."""
        if not cookie:
            return None
        try:
            data: Any = self.serializer.loads(cookie, max_age=self.max_age)
        except BadSignature:
            return None
        if not isinstance(data, dict) or not isinstance(data.get("k"), str) or not isinstance(data.get("c"), str):
            return None
        principal = keys.principal(data["k"])
        return Session(principal, data["c"]) if principal is not None else None


def _services(request: Request) -> Any:
    return request.app.state.services


async def api_principal(request: Request) -> Principal:
    """The caller of a /v1 route, from its bearer key; 401 without a valid one."""
    header = request.headers.get("authorization", "")
    scheme, _, key = header.partition(" ")
    keys: KeyStore = _services(request).keys
    principal = keys.authenticate(key.strip()) if scheme.lower() == "bearer" else None
    if principal is None:
        raise HTTPException(
            status_code=401,
            detail="geen geldige API-sleutel; stuur 'Authorization: Bearer <sleutel>'",
            headers={"WWW-Authenticate": "Bearer"},
        )
    request.state.key_id = principal.key_id
    return principal


ApiPrincipal = Annotated[Principal, Depends(api_principal)]


async def platform_principal(principal: ApiPrincipal) -> Principal:
    """Only the platform role runs intakes."""
    if principal.role is not Role.PLATFORM:
        raise HTTPException(status_code=403, detail="alleen een sleutel met de rol 'platform' mag intakes starten")
    return principal


def enforce_rate(limiter: RateLimiter, principal: Principal) -> None:
    """429 with Retry-After when this key used up its checks for the minute."""
    wait = limiter.acquire(principal.key_id)
    if wait is not None:
        raise HTTPException(
            status_code=429,
            detail=f"te veel verzoeken; maximaal {limiter.limit} per minuut per sleutel. Probeer het over {wait} s opnieuw.",
            headers={"Retry-After": str(wait)},
        )


async def rate_limited(request: Request, principal: ApiPrincipal) -> Principal:
    """An API caller within its per-minute limit."""
    enforce_rate(_services(request).limiter, principal)
    return principal


LimitedPrincipal = Annotated[Principal, Depends(rate_limited)]
PlatformPrincipal = Annotated[Principal, Depends(platform_principal)]
