"""Evidence sources chosen by name: which registries a run consults, from its options.

A run (``check``, ``intake``, ``recheck``, the service) says which evidence options it was given
(:class:`SourceOptions`); :func:`select_sources` asks each named source's factory whether those
options switch it on. Today there is one source, ``"kvk"`` (the Handelsregister: a snapshot
folder, the cache only, or the live API); a professional register (``"skj"``, ``"big"``) becomes
one more entry in :data:`SOURCE_FACTORIES` with its own options, without touching the callers.

This module sits above both :mod:`compliance.sources.kvk_config` (settings) and
:mod:`compliance.sources.kvk_api` (the HTTP client), so neither imports the other's user; the
client, and with it ``requests``, is imported only when the live API is chosen, which keeps
``compliance check`` with a snapshot fast to start.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from compliance.sources.registry import RegistrySource, SnapshotRegistry

KVK = "kvk"


@dataclass(frozen=True, slots=True)
class SourceOptions:
    """The evidence options of one run, as the CLI and the service settings give them."""

    registry: Path | None = None  # a KvK snapshot folder (``--registry``)
    kvk_api: bool = False  # the live KvK API, through its cache (``--kvk-api``)
    offline: bool = False  # the KvK cache only, no network (``--offline``)
    # For tests and embedders: the environment and config file the KvK settings are read from
    # (None: the process environment and the user's config folder).
    environ: Mapping[str, str] | None = field(default=None, compare=False)
    config_file: Path | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Sources:
    """The sources a run consults, by name; a name that is absent was not asked for or not given."""

    by_name: Mapping[str, RegistrySource] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def kvk(self) -> RegistrySource | None:
        """The KvK registry, or None: the checks then record "not consulted" and ask for review."""
        return self.by_name.get(KVK)


NO_SOURCES = Sources()

SourceFactory = Callable[[SourceOptions], RegistrySource | None]


def _kvk_source(options: SourceOptions) -> RegistrySource | None:
    return select_registry(options.registry, options.kvk_api, options.offline, options.environ, options.config_file)


SOURCE_FACTORIES: Mapping[str, SourceFactory] = MappingProxyType({KVK: _kvk_source})


def select_sources(options: SourceOptions, names: tuple[str, ...] | None = None) -> Sources:
    """The sources ``names`` (default: every known one) that ``options`` switch on.

    A name nobody registered is a programming error, not a user's: it raises KeyError.
    """
    chosen: dict[str, RegistrySource] = {}
    for name in names if names is not None else tuple(SOURCE_FACTORIES):
        source = SOURCE_FACTORIES[name](options)
        if source is not None:
            chosen[name] = source
    return Sources(MappingProxyType(chosen)) if chosen else NO_SOURCES


def select_registry(
    snapshot: Path | None,
    kvk_api: bool,
    offline: bool,
    environ: Mapping[str, str] | None = None,
    config_file: Path | None = None,
) -> RegistrySource | None:
    """The KvK registry a run consults: a snapshot, the cache only, the live API, or none."""
    if snapshot is not None and kvk_api:
        from compliance.sources.kvk_config import KvkConfigError  # on use: it reads TOML (tomllib) at import

        raise KvkConfigError("--registry en --kvk-api sluiten elkaar uit: kies een snapshotmap of de live API")
    if snapshot is not None:
        return SnapshotRegistry(snapshot)
    if not (kvk_api or offline):
        return None
    from compliance.sources.cache import CacheOnlyRegistry, RegistryCache, default_kvk_cache_dir

    cache_dir = default_kvk_cache_dir(environ)
    if offline:
        return CacheOnlyRegistry(RegistryCache(cache_dir))
    from compliance.sources.kvk_api import KvkApiRegistry
    from compliance.sources.kvk_config import load_settings

    settings = load_settings(environ, config_file)
    return KvkApiRegistry(settings, RegistryCache(cache_dir, settings.ttl))


__all__ = [
    "KVK",
    "NO_SOURCES",
    "SOURCE_FACTORIES",
    "SourceFactory",
    "SourceOptions",
    "Sources",
    "select_registry",
    "select_sources",
]
