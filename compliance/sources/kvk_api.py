"""The live KvK Basisprofiel API v1, behind the same RegistrySource protocol as a snapshot.

``GET {base}/v1/basisprofielen/{kvkNummer}`` with the key in the ``apikey`` header (settings:
:mod:`compliance.sources.kvk_config`). Every answer is validated before it is believed, cached in
the snapshot format (see :mod:`compliance.sources.cache`) and recorded with its URL and
retrieval time. Whatever goes wrong (no connection, time-out, 429 or 5xx after the retries,
garbage, 404) becomes a look-up status with a Dutch reason, so the checks answer needs_review;
nothing here raises for a single look-up and nothing ever passes on a failed one.

The key is sent in a header only, never in a URL, never logged, never in a report; redirects
are not followed, because requests would carry a custom header to whatever host they name.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import UTC, datetime

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import TimeoutError as Urllib3TimeoutError
from urllib3.response import BaseHTTPResponse
from urllib3.util.retry import Retry

from compliance import __version__
from compliance.sources.cache import RegistryCache
from compliance.sources.kvk_config import KvkApiSettings
from compliance.sources.registry import LookupStatus, RegistryLookup, parse_basisprofiel

MAX_RESPONSE_BYTES = 1024 * 1024  # a Basisprofiel is a few kB
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class CappedRetry(Retry):
    """urllib3's Retry, with a server's Retry-After honoured only up to a cap.

    A KvK answer of ``Retry-After: 3600`` must not freeze a batch for an hour; after the cap the
    look-up simply counts as unavailable, which the checks turn into needs_review.
    """

    MAX_RETRY_AFTER = 5.0

    def get_retry_after(self, response: BaseHTTPResponse) -> float | None:
        """The server's Retry-After in seconds, at most ``MAX_RETRY_AFTER``."""
        wait = super().get_retry_after(response)
        return None if wait is None else min(wait, self.MAX_RETRY_AFTER)


def _session(settings: KvkApiSettings) -> requests.Session:
    retry = CappedRetry(
        total=settings.retries,
        connect=settings.retries,
        read=settings.retries,
        status=settings.retries,
        redirect=0,
        allowed_methods=frozenset({"GET"}),
        status_forcelist=RETRY_STATUSES,
        backoff_factor=settings.backoff,
        raise_on_status=False,
        raise_on_redirect=False,
        respect_retry_after_header=True,
    )
    session = requests.Session()
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    session.trust_env = False  # no .netrc credentials or proxy settings slipped into a request
    return session


def _why(exc: requests.RequestException) -> str:
    reason = getattr(exc.args[0], "reason", None) if exc.args else None
    if isinstance(exc, requests.Timeout) or isinstance(reason, Urllib3TimeoutError):
        return "time-out"
    if isinstance(exc, requests.ConnectionError):
        return "geen verbinding"
    return type(exc).__name__


class KvkApiRegistry:
    """Look-ups against the live API, through the cache."""

    source_name = "KvK Basisprofiel API v1"

    def __init__(
        self,
        settings: KvkApiSettings,
        cache: RegistryCache | None = None,
        session: requests.Session | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.settings = settings
        self.cache = cache
        self.session = session or _session(settings)
        self.clock = clock or (lambda: datetime.now(UTC))

    def __repr__(self) -> str:
        return f"KvkApiRegistry(base_url={self.settings.base_url!r})"

    def _scrub(self, text: str) -> str:
        """Belt and braces: no text this class produces may carry the key."""
        return text.replace(self.settings.api_key, "***") if self.settings.api_key else text

    def lookup(self, kvk_number: str) -> RegistryLookup:
        """A fresh cached record, else the API (whose answer is cached); never raises."""
        url = self.settings.url_for(kvk_number)

        def problem(status: LookupStatus, detail: str) -> RegistryLookup:
            return RegistryLookup(kvk_number, status, self.source_name, url, detail=self._scrub(detail))

        if not re.fullmatch(r"\d{8}", kvk_number):
            return problem(LookupStatus.INVALID, "geen geldig KvK-nummer (8 cijfers)")
        now = self.clock()
        hit = self.cache.get(kvk_number, now) if self.cache else None
        if hit is not None and hit.fresh:
            return hit.lookup
        attempts = self.settings.retries + 1
        try:
            response = self.session.get(
                url,
                headers={
                    "apikey": self.settings.api_key,
                    "Accept": "application/json",
                    "User-Agent": f"compliance/{__version__}",
                },
                timeout=(self.settings.connect_timeout, self.settings.read_timeout),
                allow_redirects=False,
                stream=True,
            )
        except requests.RequestException as exc:
            return problem(LookupStatus.UNAVAILABLE, f"KvK-API niet bereikbaar ({_why(exc)}, {attempts} poging(en))")
        with response:
            status = response.status_code
            if status == 404:
                return problem(LookupStatus.NOT_FOUND, "KvK-nummer onbekend bij de KvK (HTTP 404)")
            if status in (401, 403):
                return problem(
                    LookupStatus.UNAVAILABLE, f"KvK-API weigert de toegang (HTTP {status}); controleer de API-sleutel"
                )
            if status == 400:
                return problem(LookupStatus.INVALID, "KvK-API wijst het KvK-nummer af (HTTP 400)")
            if status in RETRY_STATUSES:
                return problem(LookupStatus.UNAVAILABLE, f"KvK-API gaf HTTP {status} na {attempts} poging(en)")
            if status != 200:
                return problem(LookupStatus.UNAVAILABLE, f"onverwacht antwoord van de KvK-API (HTTP {status})")
            try:
                body = response.raw.read(MAX_RESPONSE_BYTES + 1, decode_content=True)
            except Exception as exc:  # a connection cut mid-body, a broken encoding: the answer is unusable
                return problem(LookupStatus.UNAVAILABLE, f"antwoord van de KvK-API onvolledig ({type(exc).__name__})")
        if len(body) > MAX_RESPONSE_BYTES:
            return problem(LookupStatus.INVALID, "antwoord van de KvK-API is onverwacht groot")
        try:
            document = json.loads(body.decode("utf-8"))
            record = parse_basisprofiel(document)
        except (UnicodeDecodeError, json.JSONDecodeError):
            return problem(LookupStatus.INVALID, "ongeldig antwoord van de KvK-API (geen JSON)")
        except ValueError as exc:
            return problem(LookupStatus.INVALID, f"antwoord van de KvK-API heeft niet de verwachte vorm: {exc}")
        if record.kvk_number != kvk_number:
            return problem(LookupStatus.INVALID, f"KvK-API antwoordde voor {record.kvk_number}, niet voor {kvk_number}")
        retrieved_at = self.clock()
        detail = ""
        if self.cache is not None:
            try:
                self.cache.put(kvk_number, document, url, retrieved_at)
            except OSError as exc:
                detail = f"niet in de cache opgeslagen ({exc.strerror or type(exc).__name__})"
        return RegistryLookup(
            kvk_number=kvk_number,
            status=LookupStatus.FOUND,
            source=self.source_name,
            location=url,
            retrieved_at=retrieved_at,
            record=record,
            detail=detail,
        )


__all__ = ["MAX_RESPONSE_BYTES", "RETRY_STATUSES", "CappedRetry", "KvkApiRegistry"]
