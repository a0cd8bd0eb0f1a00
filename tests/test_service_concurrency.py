"""The service under concurrency: a bound on waiting checks (503), a timeout (504), checks in worker
processes, group commit, and API keys remembered for at most a second.

The app runs in-process (Starlette's test client), on SQLite under a temporary data folder, with
the bundled Heerde examples and their KvK registry snapshot. A check is held back where a test
needs one "running" by wrapping the pipeline's check around an event, never by timing.
"""

from __future__ import annotations

import json
import os
import signal
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from service_support import running_services
from sqlalchemy import func, select

from compliance.service.db import RowWriter, checks, open_database
from compliance.service.keys import KeyStore, Role
from compliance.service.settings import EvidenceOptions, ServiceSettings

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "heerde-27442"
REGISTRY = EXAMPLES / "registry"


def _offer(name: str) -> bytes:
    return next(EXAMPLES.glob(f"{name}-*.json")).read_bytes()


@pytest.fixture
def make_service(tmp_path: Path) -> Iterator[Callable[..., TestClient]]:
    def settings(**overrides: Any) -> ServiceSettings:
        return ServiceSettings(
            data_dir=tmp_path / "data", evidence=EvidenceOptions(registry=REGISTRY), job_threads=0, **overrides
        )

    with running_services(settings) as start:
        yield start


def _services(client: TestClient) -> Any:
    return client.app.state.services  # type: ignore[attr-defined]


def _key(client: TestClient, org: str) -> dict[str, str]:
    _, key = _services(client).keys.add(org, Role.AGENCY)
    return {"Authorization": f"Bearer {key}"}


class _HeldChecks:
    """Wraps the pipeline's check so every check waits for ``release`` (and says it started)."""

    def __init__(self, client: TestClient) -> None:
        pipeline = _services(client).pipeline
        self.original = pipeline.check
        self.started = threading.Semaphore(0)
        self.release = threading.Event()
        pipeline.check = self._held

    def _held(self, *args: Any, **kwargs: Any) -> Any:
        self.started.release()
        assert self.release.wait(60), "the test never released the held check"
        return self.original(*args, **kwargs)


def _stored_checks(client: TestClient) -> int:
    with _services(client).engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(checks)).scalar_one())


def test_a_full_service_answers_503_with_retry_after_at_once(make_service: Callable[..., TestClient]) -> None:
    service = make_service(max_pending_checks=2, retry_after_seconds=3)
    headers = _key(service, "Bureau Noord")
    held = _HeldChecks(service)
    with ThreadPoolExecutor(2) as clients:
        running = [clients.submit(service.post, "/v1/checks", content=_offer("S-0002"), headers=headers) for _ in "ab"]
        for _ in running:
            assert held.started.acquire(timeout=60)
        refused = service.post("/v1/checks", content=_offer("S-0002"), headers=headers)
        assert refused.status_code == 503
        assert refused.headers["retry-after"] == "3"
        assert refused.json() == {"detail": "de service is op dit moment vol; probeer het over 3 s opnieuw"}
        held.release.set()
        assert [future.result().status_code for future in running] == [201, 201]
    assert _services(service).checks.pending == 0  # every place is free again
    assert service.post("/v1/checks", content=_offer("S-0002"), headers=headers).status_code == 201
    assert _stored_checks(service) == 3  # the refused one left nothing behind


def test_a_check_over_the_timeout_gets_504_and_keeps_its_place_until_it_ends(
    make_service: Callable[..., TestClient],
) -> None:
    service = make_service(max_pending_checks=1, check_timeout_seconds=0.5)
    headers = _key(service, "Bureau Zuid")
    held = _HeldChecks(service)
    late = service.post("/v1/checks", content=_offer("S-0002"), headers=headers)
    assert late.status_code == 504
    assert late.json() == {"detail": "de controle duurde langer dan 0.5 s; probeer het later opnieuw"}
    # The check itself still runs (a thread cannot be stopped): it still counts against the bound.
    assert service.post("/v1/checks", content=_offer("S-0002"), headers=headers).status_code == 503
    held.release.set()
    _services(service).checks.close()  # wait for it to end, as shutdown does
    assert _services(service).checks.pending == 0
    assert _stored_checks(service) == 0  # a check answered 504 is not stored: the caller never got its ID


def test_checks_in_worker_processes_answer_as_checks_in_the_server(make_service: Callable[..., TestClient]) -> None:
    from compliance.signing.keys import local_certificate
    from compliance.signing.verify import verify_report_pdf

    service = make_service(check_workers=2)
    headers = _key(service, "Bureau West")
    runner = _services(service).checks
    assert type(runner._executor).__name__ == "ProcessPoolExecutor"

    created = service.post("/v1/checks?signed=true", content=_offer("S-0002"), headers=headers)
    assert created.status_code == 201
    body = created.json()
    assert body["verdict"] == "compliant" and body["signed"] is True
    assert service.get(f"/v1/checks/{body['id']}", headers=headers).json() == body
    pdf = service.get(body["report_pdf"], headers=headers).content
    certificate = local_certificate()
    assert certificate is not None
    verified = verify_report_pdf(pdf, [certificate])
    assert verified.status.value == "valid"

    failing = service.post("/v1/checks", content=_offer("S-0008"), headers=headers).json()
    assert failing["verdict"] == "non_compliant"

    document = json.loads(_offer("S-0002"))
    document["offer"]["hourly_rate_eur"] = -5
    bad = service.post("/v1/checks", content=json.dumps(document).encode(), headers=headers)
    assert bad.status_code == 422  # the problems cross back from the worker as data
    assert bad.json() == {
        "detail": "ongeldige invoer",
        "file": "inschrijving.json",
        "problems": [{"pointer": "/offer/hourly_rate_eur", "message": "waarde -5 moet groter dan 0 zijn"}],
    }


def test_a_killed_worker_is_replaced(make_service: Callable[..., TestClient]) -> None:
    service = make_service(check_workers=1)
    headers = _key(service, "Bureau Oost")
    assert service.post("/v1/checks", content=_offer("S-0002"), headers=headers).status_code == 201
    runner = _services(service).checks
    [pid] = list(runner._executor._processes)
    os.kill(pid, signal.SIGKILL)
    answers: list[Response] = []
    for _ in range(3):  # the pool notices the death on the next check: 503 then, a fresh worker after
        answers.append(service.post("/v1/checks", content=_offer("S-0002"), headers=headers))
        if answers[-1].status_code == 201:
            break
    assert answers[-1].status_code == 201
    assert all(answer.status_code == 503 for answer in answers[:-1])
    assert pid not in runner._executor._processes


def test_concurrent_checks_are_each_stored_once(make_service: Callable[..., TestClient]) -> None:
    service = make_service()
    first, second = _key(service, "Bureau Noord"), _key(service, "Bureau Zuid")
    with ThreadPoolExecutor(12) as clients:
        answers = list(
            clients.map(
                lambda n: service.post("/v1/checks", content=_offer("S-0002"), headers=(first, second)[n % 2]),
                range(24),
            )
        )
    assert [answer.status_code for answer in answers] == [201] * 24
    ids = [answer.json()["id"] for answer in answers]
    assert len(set(ids)) == 24
    assert _stored_checks(service) == 24
    for number, check_id in enumerate(ids):
        owner, other = (first, second) if number % 2 == 0 else (second, first)
        assert service.get(f"/v1/checks/{check_id}", headers=owner).status_code == 200
        assert service.get(f"/v1/checks/{check_id}", headers=other).status_code == 404


def test_a_row_that_cannot_be_inserted_fails_alone(tmp_path: Path) -> None:
    engine = open_database(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    writer = RowWriter(engine)

    def row(check_id: str) -> dict[str, Any]:
        return {
            "check_id": check_id,
            "org": "Bureau Noord",
            "tender_id": "flextender-27442",
            "submission_id": "S-0002",
            "verdict": "compliant",
            "report_sha256": "0" * 64,
            "offer_sha256": "1" * 64,
            "created_at": "2026-12-02T12:00:00+00:00",
        }

    assert writer.insert(checks, row("a")).result(timeout=30) is None
    futures = [writer.insert(checks, row(check_id)) for check_id in ("b", "a", "c")]  # "a" exists already
    writer.close()
    assert futures[0].result() is None and futures[2].result() is None
    assert "UNIQUE" in str(futures[1].exception())
    with engine.connect() as connection:
        assert sorted(connection.execute(select(checks.c.check_id)).scalars()) == ["a", "b", "c"]
    engine.dispose()


def test_a_key_is_remembered_for_a_second_and_forgotten_at_once_when_revoked_here(tmp_path: Path) -> None:
    engine = open_database(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    now = [1000.0]
    here = KeyStore(engine, clock=lambda: now[0])
    elsewhere = KeyStore(engine)  # another process: ``compliance serve keys revoke`` on the command line
    record, key = here.add("Bureau Noord", Role.AGENCY)
    assert here.authenticate(key) is not None
    assert elsewhere.revoke(record.key_id)
    now[0] += 0.5
    assert here.authenticate(key) is not None  # still remembered: within the documented second
    now[0] += 0.6
    assert here.authenticate(key) is None  # looked up again: revoked

    second, other_key = here.add("Bureau Zuid", Role.AGENCY)
    assert here.authenticate(other_key) is not None
    assert here.revoke(second.key_id)
    assert here.authenticate(other_key) is None  # revoked in this process: refused at once
    assert here.authenticate("cmp_000000000000_wrong") is None
    engine.dispose()
