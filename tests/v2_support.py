"""A realistic v2 offer for the bundled Wmo (flextender-28115) and GGD (flextender-28307) tenders."""

from __future__ import annotations

import copy
from typing import Any

from compliance.engine import TenderContext, evaluate, tender_context
from compliance.inputs.tenders import resolve_tender
from compliance.inputs.versions import parse_offer
from compliance.models.report import Report
from compliance.models.tender import Phase
from compliance.sources.registry import RegistrySource

WMO_OFFER: dict[str, Any] = {
    "schema_version": "2",
    "tender_id": "flextender-28115",
    "submission_id": "W-0001",
    "submitted_at": "2026-03-09T15:30:00+01:00",
    "supplier": {
        "name": "Veluwe Sociaal Detachering B.V.",
        "kvk_number": "12345678",
        "legal_form": "bv",
        "employees": 40,
        "waadi_registered": True,
    },
    "candidate": {
        "id": "K-WMO-1",
        "name": "Sanne Mulder",
        "engagement": "detachering",
        "education": [
            {"level": "hbo_bachelor", "programme": "Social Work", "institution": "Windesheim", "completed_on": "2015-06-30"}
        ],
        "experience": [
            {
                "role": "Wmo-consulent",
                "employer": "Gemeente Epe",
                "start": "2021-01-01",
                "end": None,
                "description": "Keukentafelgesprekken met ouderen; beschikkingen in Suite4Sociaal Domein.",
            }
        ],
        "courses": [],
        "references": [
            {"name": "Pieter de Vries", "role": "teamleider Wmo", "organisation": "Gemeente Epe"},
            {"name": "Anja Bos", "role": "collega", "organisation": "Gemeente Epe"},
        ],
    },
    "offer": {"hourly_rate_eur": 82.50, "vat_included": False},
    "answers": [{"requirement": "W3", "text": "Acht jaar gewerkt op de Noord-Veluwe; kent de sociale kaart.", "cv_pages": [2]}],
    "documents": {"cv": {"pages": 3, "language": "nl"}},
}


def apply(document: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """A deep copy with ``{"a/b/0": value}`` set (``None`` values are kept as null)."""
    result = copy.deepcopy(document)
    for path, value in changes.items():
        *parents, last = path.split("/")
        node: Any = result
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value
    return result


def context(tender_id: str) -> TenderContext:
    spec, loaded = resolve_tender(tender_id)
    return tender_context(spec, loaded.sha256, loaded.path)


def run(
    document: dict[str, Any], tender_id: str = "flextender-28115", registry: RegistrySource | None = None
) -> Report:
    tender = context(tender_id)
    offer = parse_offer(copy.deepcopy(document), "<test offer>", tender.tender)
    return evaluate(offer, "a" * 64, tender, Phase.SUBMISSION, registry)
