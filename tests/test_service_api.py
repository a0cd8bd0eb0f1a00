"""The HTTP service's JSON API against a real database: SQLite always, PostgreSQL when configured.

Set ``COMPLIANCE_TEST_POSTGRES_URL`` (``.ci/services.sh`` prints it) to run every test against
PostgreSQL too. The app runs in-process (Starlette's test client); offers are the bundled Heerde
examples with their KvK registry snapshot.
"""

from __future__ import annotations

import io
import json
import logging
import os
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from service_support import running_services
from sqlalchemy import update

from compliance.service.db import intakes, metadata, open_database
from compliance.service.keys import Role
from compliance.service.middleware import ACCESS_LOGGER
from compliance.service.settings import EvidenceOptions, ServiceSettings

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "heerde-27442"
REGISTRY = EXAMPLES / "registry"
POSTGRES_ENV = "COMPLIANCE_TEST_POSTGRES_URL"


def _offer(name: str) -> bytes:
    return next(EXAMPLES.glob(f"{name}-*.json")).read_bytes()


def _changed(name: str, **changes: Any) -> bytes:
    document = json.loads(_offer(name))
    for path, value in changes.items():
        node = document
        parts = path.split("__")
        for part in parts[:-1]:
            node = node[part]
        node[parts[-1]] = value
    return json.dumps(document).encode("utf-8")


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str | None:
    """None for SQLite under the data folder; the PostgreSQL URL (tables emptied) when configured."""
    if request.param == "sqlite":
        return None
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.skip(f"{POSTGRES_ENV} is not set (run .ci/services.sh to start a PostgreSQL cluster)")
    engine = open_database(url)
    metadata.drop_all(engine)
    engine.dispose()
    return url


ServiceFactory = Callable[..., TestClient]


@pytest.fixture
def make_service(tmp_path: Path, database_url: str | None) -> Iterator[ServiceFactory]:
    """Start the app (lifespan included) on one data folder and database; each call is a new instance."""

    def settings(**overrides: Any) -> ServiceSettings:
        return ServiceSettings(
            data_dir=tmp_path / "data",
            database_url=database_url,
            evidence=EvidenceOptions(registry=REGISTRY),
            **{"job_poll_seconds": 0.1, **overrides},
        )

    with running_services(settings) as start:
        yield start


def _key(client: TestClient, org: str, role: Role = Role.AGENCY) -> dict[str, str]:
    _, key = client.app.state.services.keys.add(org, role)  # type: ignore[attr-defined]
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture
def service(make_service: ServiceFactory) -> TestClient:
    return make_service()


def test_an_offer_is_checked_and_only_its_own_organisation_sees_it(service: TestClient) -> None:
    first, second = _key(service, "Bureau Noord"), _key(service, "Bureau Zuid")
    created = service.post("/v1/checks", content=_offer("S-0002"), headers=first)
    assert created.status_code == 201
    body = created.json()
    assert body["verdict"] == "compliant"
    assert body["report"]["submission"]["submission_id"] == "S-0002"
    assert body["report"]["verdict"] == "compliant"
    assert {c["criterion_id"] for c in body["expected_score"]["criteria"]} >= {"G5"}
    assert created.headers["location"] == f"/v1/checks/{body['id']}"

    assert service.get(f"/v1/checks/{body['id']}", headers=first).json() == body
    for path in (f"/v1/checks/{body['id']}", f"/v1/checks/{body['id']}/report.pdf"):
        refused = service.get(path, headers=second)
        assert refused.status_code == 404
        assert refused.json() == {"detail": "controle niet gevonden"}


def test_without_a_valid_key_the_api_answers_401(service: TestClient) -> None:
    for headers in ({}, {"Authorization": "Bearer cmp_000000000000_wrong"}, {"Authorization": "Basic abc"}):
        response = service.post("/v1/checks", content=_offer("S-0002"), headers=headers)
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == "Bearer"
        assert "API-sleutel" in response.json()["detail"]
    headers = _key(service, "Bureau Oost")
    key_id = headers["Authorization"].split("_")[1]
    assert service.app.state.services.keys.revoke(key_id)  # type: ignore[attr-defined]
    assert service.get("/v1/tenders", headers=headers).status_code == 401


def test_a_bad_offer_gets_the_same_dutch_problems_as_check(service: TestClient) -> None:
    headers = _key(service, "Bureau West")
    response = service.post("/v1/checks", content=_changed("S-0002", offer__hourly_rate_eur=-5), headers=headers)
    assert response.status_code == 422
    assert response.json() == {
        "detail": "ongeldige invoer",
        "file": "inschrijving.json",
        "problems": [{"pointer": "/offer/hourly_rate_eur", "message": "waarde -5 moet groter dan 0 zijn"}],
    }
    broken = service.post("/v1/checks", content=b'{"schema_version": "1",', headers=headers)
    assert broken.status_code == 422
    assert broken.json()["problems"][0]["message"].startswith("geen geldige JSON")
    other = service.post("/v1/checks", content=_changed("S-0002", tender_id="flextender-1"), headers=headers)
    assert other.json()["problems"] == [
        {
            "pointer": "/tender_id",
            "message": "onbekende aanbesteding 'flextender-1'; bekend: flextender-27442, flextender-28115, flextender-28307",
        }
    ]


def test_a_cv_is_read_from_the_multipart_upload(service: TestClient) -> None:
    headers = _key(service, "Bureau Midden")
    files = {
        "offer": ("S-0001.json", _offer("S-0001")),
        "cv": ("cv.pdf", (EXAMPLES / "cv" / "S-0001-cv.pdf").read_bytes()),
    }
    body = service.post("/v1/checks", files=files, headers=headers).json()
    [cv] = body["report"]["evidence"]
    assert cv["status"] == "read" and cv["language"] == "nl" and cv["pages"] >= 1
    without_name = service.post(
        "/v1/checks", files={"offer": ("o.json", _offer("S-0002")), "cv": ("cv.pdf", b"%PDF-1.4")}, headers=headers
    )
    assert without_name.status_code == 422
    assert without_name.json()["problems"][0]["pointer"] == "/documents/cv/file"


def test_signed_reports_download_and_verify(service: TestClient) -> None:
    from compliance.signing.keys import local_certificate
    from compliance.signing.verify import verify_report_pdf

    headers = _key(service, "Bureau Noord")
    unsigned = service.post("/v1/checks", content=_offer("S-0013"), headers=headers).json()
    assert unsigned["signed"] is False
    signed = service.post("/v1/checks?signed=true", content=_offer("S-0002"), headers=headers).json()
    assert signed["signed"] is True

    for check in (signed, unsigned):
        pdf = service.get(check["report_pdf"], headers=headers)
        assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
        assert pdf.headers["content-disposition"] == (
            f'attachment; filename="{check["report"]["submission"]["submission_id"]}.pdf"'
        )
        result = verify_report_pdf(pdf.content, [local_certificate()])
        assert result.status.value == "valid"
        assert result.report is not None and result.report["decision_id"] == check["report"]["decision_id"]
        assert service.get(check["report_pdf"], headers=headers).content == pdf.content  # stored once
        verified = service.post("/v1/verify", content=pdf.content, headers=headers).json()
        assert verified["status"] == "valid" and verified["exit_code"] == 0
        assert verified["decision_id"] == check["report"]["decision_id"]
    assert service.get(f"/v1/checks/{unsigned['id']}", headers=headers).json()["signed"] is True

    tampered = bytearray(pdf.content)
    tampered[len(tampered) // 3] ^= 0x01
    answer = service.post("/v1/verify", files={"report": ("r.pdf", bytes(tampered))}, headers=headers).json()
    assert answer["status"] == "invalid" and answer["exit_code"] == 5
    assert answer["summary"].startswith("ONGELDIG")


def test_too_large_bodies_and_cvs_get_413(make_service: ServiceFactory) -> None:
    service = make_service(max_offer_bytes=4000, max_cv_bytes=1000)
    headers = _key(service, "Bureau Zuid")
    offer = service.post("/v1/checks", content=b"{" + b" " * 20_000 + b"}", headers=headers)
    assert offer.status_code == 413
    assert offer.json() == {"detail": "de inschrijving is te groot (maximaal 4000 bytes)"}
    body = service.post("/v1/checks", content=b"{" + b" " * 200_000 + b"}", headers=headers)  # refused unread
    assert body.status_code == 413
    assert body.json()["detail"].startswith("het verzoek is te groot (maximaal ")
    files = {"offer": ("S-0001.json", _offer("S-0001")), "cv": ("cv.pdf", b"%PDF-1.4\n" + b"0" * 2000)}
    cv = service.post("/v1/checks", files=files, headers=headers)
    assert cv.status_code == 413
    assert cv.json() == {"detail": "het cv is te groot (maximaal 1000 bytes)"}


def test_checks_per_minute_per_key_get_429_with_retry_after(make_service: ServiceFactory) -> None:
    service = make_service(checks_per_minute=2)
    first, second = _key(service, "Bureau Noord"), _key(service, "Bureau Zuid")
    for _ in range(2):
        assert service.post("/v1/checks", content=_offer("S-0002"), headers=first).status_code == 201
    refused = service.post("/v1/checks", content=_offer("S-0002"), headers=first)
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert "per minuut" in refused.json()["detail"]
    assert service.post("/v1/checks", content=_offer("S-0002"), headers=second).status_code == 201  # per key
    assert service.get("/v1/tenders", headers=first).status_code == 200  # reading is not limited


def test_tenders_list_their_eisen_and_wensen(service: TestClient) -> None:
    headers = _key(service, "Bureau Noord")
    assert [t["tender_id"] for t in service.get("/v1/tenders", headers=headers).json()] == [
        "flextender-27442",
        "flextender-28115",
        "flextender-28307",
    ]
    detail = service.get("/v1/tenders/flextender-27442", headers=headers).json()
    assert {"Opleiding", "Registratie", "Ervaring", "Tarief"} <= {e["kind"] for e in detail["eisen"]}
    assert sum(w["points"] for w in detail["wensen"]) == 100
    assert detail["tender"]["tender_id"] == "flextender-27442"
    assert service.get("/v1/tenders/onbekend", headers=headers).status_code == 404
    wmo = service.get("/v1/tenders/flextender-28115", headers=headers).json()
    assert [w["id"] for w in wmo["wensen"]] == ["W1", "W2", "W3"]
    assert {"E2", "E3"} <= {e["id"] for e in wmo["eisen"]}


def _wait_for(client: TestClient, path: str, headers: dict[str, str], status: str, seconds: float = 180) -> Any:
    deadline = time.monotonic() + seconds
    while True:
        body = client.get(path, headers=headers).json()
        if body["status"] == status or time.monotonic() > deadline:
            return body
        time.sleep(0.2)


def test_an_intake_job_survives_a_restart_and_resumes(make_service: ServiceFactory) -> None:
    first = make_service(job_threads=0)  # this instance only queues (as if it died before running it)
    platform = _key(first, "Flextender", Role.PLATFORM)
    agency = _key(first, "Bureau Noord")
    files = [("offers", (p.name, p.read_bytes())) for p in sorted(EXAMPLES.glob("S-000[1-3]-*.json"))]
    files.append(("documents", ("cv/S-0001-cv.pdf", (EXAMPLES / "cv" / "S-0001-cv.pdf").read_bytes())))
    assert (
        first.post("/v1/intakes", data={"tender_id": "flextender-27442"}, files=files, headers=agency).status_code
        == 403
    )
    queued = first.post("/v1/intakes", data={"tender_id": "flextender-27442"}, files=files, headers=platform)
    assert queued.status_code == 202
    job = queued.json()
    assert job["status"] == "queued" and job["files"] == 3
    # The instance that claimed it died mid-run: its row says running, its heartbeat went silent.
    engine = first.app.state.services.engine  # type: ignore[attr-defined]
    with engine.begin() as connection:
        connection.execute(
            update(intakes)
            .where(intakes.c.intake_id == job["id"])
            .values(status="running", claimed_by="a-dead-instance", heartbeat=time.time() - 3600, attempts=1)
        )
    first.__exit__(None, None, None)

    second = make_service(job_threads=1, job_lease_seconds=30)
    done = _wait_for(second, f"/v1/intakes/{job['id']}", platform, "done")
    assert done["status"] == "done", done
    assert done["counts"]["submissions"] == 3
    assert {row["submission_id"] for row in done["rows"]} == {"S-0001", "S-0002", "S-0003"}
    archive = zipfile.ZipFile(io.BytesIO(second.get(done["award_zip"], headers=platform).content))
    names = set(archive.namelist())
    assert {"manifest.json", "summary.json", "audit.jsonl", "rangschikking.pdf"} <= names
    assert any(name.startswith("kandidaten/") and name.endswith(".pdf") for name in names)
    assert (
        second.get(f"/v1/intakes/{job['id']}", headers=_key(second, "Ander platform", Role.PLATFORM)).status_code == 404
    )


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def test_keys_never_reach_the_logs_or_the_database(service: TestClient, tmp_path: Path) -> None:
    capture = _Capture()
    logging.getLogger(ACCESS_LOGGER).addHandler(capture)
    try:
        headers = _key(service, "Bureau Noord")
        key = headers["Authorization"].removeprefix("Bearer ")
        service.post("/v1/checks", content=_offer("S-0002"), headers=headers)
        service.get("/v1/tenders", headers={"Authorization": "Bearer cmp_000000000000_not-a-key"})
        login = service.get("/login")
        token = login.text.split('name="csrf_token" value="')[1].split('"')[0]
        service.post("/login", data={"key": key, "csrf_token": token}, follow_redirects=False)
    finally:
        logging.getLogger(ACCESS_LOGGER).removeHandler(capture)
    entries = [json.loads(line) for line in capture.lines]
    assert len(entries) == 4
    assert {e["path"] for e in entries} == {"/v1/checks", "/v1/tenders", "/login"}
    key_id = key.split("_")[1]
    assert [e["key_id"] for e in entries] == [key_id, None, None, key_id]
    for line in capture.lines:
        assert key not in line and key.split("_", 2)[2] not in line
        assert "Daan Hoekstra" not in line  # no personal data from the offer
    database = (tmp_path / "data" / "service.sqlite3").read_bytes() if not os.environ.get(POSTGRES_ENV) else b""
    assert key.encode() not in database


def test_web_forms_refuse_a_missing_csrf_token(service: TestClient) -> None:
    headers = _key(service, "Bureau Noord")
    key = headers["Authorization"].removeprefix("Bearer ")
    assert service.post("/login", data={"key": key}, follow_redirects=False).status_code == 403
    login = service.get("/login")
    token = login.text.split('name="csrf_token" value="')[1].split('"')[0]
    assert service.post("/login", data={"key": key, "csrf_token": token}, follow_redirects=False).status_code == 303
    refused = service.post("/aanbestedingen/flextender-27442/inschrijving", data={"/offer/hourly_rate_eur": "74"})
    assert refused.status_code == 403
    assert "Formulier verlopen" in refused.text


def test_healthz(service: TestClient) -> None:
    assert service.get("/healthz").json() == {"status": "ok", "version": __import__("compliance").__version__}
