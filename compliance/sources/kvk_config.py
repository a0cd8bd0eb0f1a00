"""How the live KvK Basisprofiel API is configured: its URL, key, time-outs and cache lifetime.

Kept apart from the HTTP client (:mod:`compliance.sources.kvk_api`), which imports these settings,
and from the choice of a source (:mod:`compliance.sources.select`), which imports both: no cycle,
and choosing a snapshot, the cache or no registry costs no import of requests.

Settings come from ``COMPLIANCE_KVK_API_URL`` / ``COMPLIANCE_KVK_API_KEY``, else from the
``[kvk]`` table of ``config.toml`` in ``$COMPLIANCE_CONFIG_DIR`` (or the platform's user config
folder)::

    [kvk]
    api_url = "https://api.kvk.nl/api"   # the default; the KvK test environment is .../test/api
    api_key = "..."
    ttl_days = 7                          # how long a cached Basisprofiel is fresh
    timeout_seconds = 10                  # read time-out per attempt
    connect_timeout_seconds = 5
    retries = 3                           # extra attempts on connection errors, time-outs, 429, 5xx
    backoff_seconds = 0.5                 # doubled per further retry
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from compliance.errors import ComplianceError, ExitCode
from compliance.sources.cache import DEFAULT_TTL

ENV_URL = "COMPLIANCE_KVK_API_URL"
ENV_KEY = "COMPLIANCE_KVK_API_KEY"
ENV_CONFIG_DIR = "COMPLIANCE_CONFIG_DIR"
DEFAULT_BASE_URL = "https://api.kvk.nl/api"


class KvkConfigError(ComplianceError):
    """The KvK API cannot be used as configured (no key, a bad URL, a broken config file)."""

    exit_code = ExitCode.USAGE


@dataclass(frozen=True, slots=True)
class KvkApiSettings:
    """How to reach the API. ``repr`` never shows the key."""

    base_url: str
    api_key: str = field(repr=False)
    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    retries: int = 3  # extra attempts after the first, on connection errors, time-outs, 429 and 5xx
    backoff: float = 0.5  # seconds; urllib3 doubles it per further retry
    ttl: timedelta = DEFAULT_TTL

    def url_for(self, kvk_number: str) -> str:
        """The request URL (it holds no secret: the key travels in a header)."""
        return f"{self.base_url.rstrip('/')}/v1/basisprofielen/{kvk_number}"


def default_config_file(environ: Mapping[str, str] | None = None) -> Path:
    """``$COMPLIANCE_CONFIG_DIR/config.toml``, else the platform's user config folder."""
    env = os.environ if environ is None else environ
    configured = env.get(ENV_CONFIG_DIR, "").strip()
    if configured:
        return Path(configured).expanduser() / "config.toml"
    import platformdirs

    return Path(platformdirs.user_config_dir("compliance", appauthor=False)) / "config.toml"


def _config_table(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise KvkConfigError(f"{path}: configuratiebestand onleesbaar ({type(exc).__name__})") from None
    table = document.get("kvk", {})
    if not isinstance(table, dict):
        raise KvkConfigError(f"{path}: [kvk] moet een tabel zijn")
    return table


def _number(table: dict[str, Any], key: str, default: float, path: Path, low: float, high: float) -> float:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise KvkConfigError(f"{path}: [kvk] {key} moet een getal tussen {low} en {high} zijn")
    return float(value)


def _check_base_url(url: str, origin: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise KvkConfigError(f"{origin}: '{url}' is geen http(s)-adres")
    if parts.username or parts.password or parts.query or parts.fragment:
        # Anything secret belongs in the key, which travels in a header; a URL is printed in reports.
        raise KvkConfigError(f"{origin}: het adres mag geen gebruikersnaam, wachtwoord, query of fragment bevatten")
    if parts.scheme == "http" and parts.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise KvkConfigError(f"{origin}: de API-sleutel gaat alleen over https (http alleen voor localhost)")
    return url.rstrip("/")


def load_settings(environ: Mapping[str, str] | None = None, config_file: Path | None = None) -> KvkApiSettings:
    """Settings from the environment, falling back to the config file's ``[kvk]`` table."""
    env = os.environ if environ is None else environ
    path = config_file or default_config_file(env)
    table = _config_table(path)
    key = env.get(ENV_KEY, "").strip() or str(table.get("api_key", "")).strip()
    if not key:
        raise KvkConfigError(f"geen KvK API-sleutel: zet {ENV_KEY} of api_key in de tabel [kvk] van {path} (--kvk-api)")
    env_url = env.get(ENV_URL, "").strip()
    url = env_url or str(table.get("api_url", "")).strip() or DEFAULT_BASE_URL
    origin = ENV_URL if env_url else str(path)
    return KvkApiSettings(
        base_url=_check_base_url(url, origin),
        api_key=key,
        connect_timeout=_number(table, "connect_timeout_seconds", 5.0, path, 0.1, 120),
        read_timeout=_number(table, "timeout_seconds", 10.0, path, 0.1, 300),
        retries=int(_number(table, "retries", 3, path, 0, 10)),
        backoff=_number(table, "backoff_seconds", 0.5, path, 0, 30),
        ttl=timedelta(days=_number(table, "ttl_days", DEFAULT_TTL.days, path, 0, 365)),
    )


__all__ = [
    "DEFAULT_BASE_URL",
    "ENV_CONFIG_DIR",
    "ENV_KEY",
    "ENV_URL",
    "KvkApiSettings",
    "KvkConfigError",
    "default_config_file",
    "load_settings",
]
