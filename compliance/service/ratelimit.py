"""Checks per minute per API key: a sliding window in memory, per instance.

Behind a load balancer each instance counts its own requests, so the effective limit is the
per-instance limit times the number of instances (docs/service.md says so); that keeps a
database round trip out of every check.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable

WINDOW_SECONDS = 60.0


class RateLimiter:
    """At most ``limit`` events per key in any 60 seconds."""

    def __init__(self, limit: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.clock = clock
        self._events: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def acquire(self, key: str) -> int | None:
        """Record one event for ``key``; None when allowed, else the seconds to wait (Retry-After)."""
        now = self.clock()
        with self._lock:
            events = self._events.setdefault(key, deque())
            while events and events[0] <= now - WINDOW_SECONDS:
                events.popleft()
            if len(events) >= self.limit:
                return max(1, math.ceil(events[0] + WINDOW_SECONDS - now))
            events.append(now)
            if len(self._events) > 10_000:  # bounded memory: drop keys with no recent events
                for idle in [k for k, v in self._events.items() if not v or v[-1] <= now - WINDOW_SECONDS]:
                    del self._events[idle]
            return None
