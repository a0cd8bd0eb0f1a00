"""ASGI middleware: body size limits (413) and one JSON access-log line per request.

The access log records method, route path, status, duration, and the caller's public key ID (never
a key, a cookie, a query string or a body): nothing in it is personal data or a secret.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from collections.abc import Callable
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

ACCESS_LOGGER = "compliance.service.access"


def configure_access_log() -> logging.Logger:
    """The access logger, writing bare JSON lines to stderr (once per process)."""
    logger = logging.getLogger(ACCESS_LOGGER)
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False
    return logger


def too_large_message(limit: int) -> str:
    """The Dutch 413 text."""
    return f"het verzoek is te groot (maximaal {limit} bytes)"


class _TooLarge(Exception):
    pass


async def _send_json(send: Send, status: int, body: dict[str, Any]) -> None:
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": data})


class BodyLimitMiddleware:
    """Refuse bodies over the limit for their path with 413, by Content-Length or while streaming."""

    def __init__(self, app: ASGIApp, limit_for: Callable[[str], int]) -> None:
        self.app = app
        self.limit_for = limit_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["path"])
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await _send_json(send, 413, {"detail": too_large_message(limit)})
            return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _TooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _TooLarge:
            if not started:
                await _send_json(send, 413, {"detail": too_large_message(limit)})


class AccessLogMiddleware:
    """One JSON line per request, written when the response has been sent."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.logger = configure_access_log()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        begun = time.perf_counter()
        status = 500

        async def recording_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, recording_send)
        finally:
            route = scope.get("route")
            state = scope.get("state") or {}
            entry = {
                "ts": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "event": "http_request",
                "method": scope["method"],
                # The route's template (/v1/checks/{check_id}) where known: IDs are not needed to count traffic.
                "path": getattr(route, "path", None) or scope["path"],
                "status": status,
                "duration_ms": round((time.perf_counter() - begun) * 1000, 2),
                "key_id": state.get("key_id"),
            }
            self.logger.info(json.dumps(entry, ensure_ascii=False))
