"""The published JSON Schemas, generated from the models (``schemas/*.schema.json`` must match)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

SCHEMA_BASE_URI = "https://schemas.compliance.local/"


def _tender() -> dict[str, Any]:
    from compliance.models.tender_v2 import TenderV2

    return TenderV2.model_json_schema()


def _tender_v1() -> dict[str, Any]:
    from compliance.models.tender import Tender

    return Tender.model_json_schema()


def _submission() -> dict[str, Any]:
    from compliance.models.submission_v2 import SubmissionV2

    return SubmissionV2.model_json_schema()


def _submission_v1() -> dict[str, Any]:
    from compliance.models.submission import Submission

    return Submission.model_json_schema()


def _report() -> dict[str, Any]:
    from compliance.models.report import report_json_schema

    return report_json_schema()


def _attestation() -> dict[str, Any]:
    from compliance.models.attestation import AttestationFile

    return AttestationFile.model_json_schema()


GENERATORS: dict[str, Callable[[], dict[str, Any]]] = {
    # The current formats (v2); files of format v1 keep loading and are upgraded on load.
    "tender": _tender,
    "tender-v1": _tender_v1,
    "submission": _submission,
    "submission-v1": _submission_v1,
    "report": _report,
    "attestation": _attestation,
}


def schema(name: str) -> dict[str, Any]:
    """The schema by name, with ``$schema`` and ``$id`` set."""
    body = GENERATORS[name]()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE_URI}{name}.schema.json",
        **body,
    }


def schema_text(name: str) -> str:
    """The schema as the file in ``schemas/`` holds it (2-space indent, trailing newline)."""
    return json.dumps(schema(name), indent=2, ensure_ascii=False) + "\n"
