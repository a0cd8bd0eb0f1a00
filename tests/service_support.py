"""Starting the service in tests: app instances (lifespan included) that are all shut down at the end."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from fastapi.testclient import TestClient

from compliance.service.app import create_app
from compliance.service.settings import ServiceSettings


@contextmanager
def running_services(settings_for: Callable[..., ServiceSettings]) -> Iterator[Callable[..., TestClient]]:
    """A factory of running app instances, each built from ``settings_for(**overrides)``; all stopped on exit."""
    clients: list[TestClient] = []

    def start(**overrides: Any) -> TestClient:
        client = TestClient(create_app(settings_for(**overrides)))
        client.__enter__()
        clients.append(client)
        return client

    try:
        yield start
    finally:
        for client in clients:
            client.__exit__(None, None, None)
