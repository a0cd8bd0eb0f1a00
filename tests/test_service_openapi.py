"""The published OpenAPI document (``schemas/openapi.json``) is the service's own ``/openapi.json``.

After changing a route or a model: ``COMPLIANCE_WRITE_OPENAPI=1 pytest tests/test_service_openapi.py``
rewrites the file; review the diff like any other contract change.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from compliance.service.app import create_app
from compliance.service.settings import ServiceSettings

PUBLISHED = Path(__file__).resolve().parent.parent / "schemas" / "openapi.json"


def _refs(node: Any) -> set[str]:
    if isinstance(node, dict):
        found = {node["$ref"]} if isinstance(node.get("$ref"), str) else set()
        return found.union(*(_refs(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(_refs(value) for value in node))
    return set()


def test_the_published_openapi_document_is_the_services_own(tmp_path: Path) -> None:
    with TestClient(create_app(ServiceSettings(data_dir=tmp_path, job_threads=0))) as client:
        served = client.get("/openapi.json").json()
    text = json.dumps(served, indent=2, ensure_ascii=False) + "\n"
    if os.environ.get("COMPLIANCE_WRITE_OPENAPI") or not PUBLISHED.exists():
        PUBLISHED.write_text(text, encoding="utf-8")
    assert PUBLISHED.read_text(encoding="utf-8") == text, (
        "schemas/openapi.json is out of date: COMPLIANCE_WRITE_OPENAPI=1 pytest tests/test_service_openapi.py"
    )
    # Every reference resolves inside the document, the offer schema included.
    components = served["components"]["schemas"]
    for ref in _refs(served):
        assert ref.startswith("#/components/schemas/") and ref.rsplit("/", 1)[1] in components, ref
    assert served["paths"]["/v1/checks"]["post"]["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Submission"
    }
    assert {"/v1/tenders", "/v1/checks", "/v1/checks/{check_id}", "/v1/verify", "/v1/intakes", "/healthz"} <= set(
        served["paths"]
    )
    assert not any(path.startswith(("/login", "/aanbestedingen", "/controles")) for path in served["paths"])
