"""Find a tender by bundled ID (``flextender-27442``) or by path to a tender file."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from compliance.canonical import canonical_sha256
from compliance.errors import UnknownTenderError
from compliance.inputs.loader import Loaded, parse_json_bytes, read_document
from compliance.inputs.versions import parse_tender
from compliance.models.tender_v2 import TenderV2


def bundled_tender_ids() -> list[str]:
    """IDs of the tenders shipped inside the package."""
    folder = resources.files("compliance.inputs").joinpath("tenders")
    return sorted(entry.name.removesuffix(".json") for entry in folder.iterdir() if entry.name.endswith(".json"))


def resolve_tender(reference: str) -> tuple[TenderV2, Loaded]:
    """Load a tender (any format version, as v2): a bundled ID first, otherwise a file path."""
    if reference in bundled_tender_ids():
        resource = resources.files("compliance.inputs").joinpath("tenders", f"{reference}.json")
        label = f"<ingebouwde aanbesteding {reference}>"
        document = parse_json_bytes(resource.read_bytes(), label)
        tender = parse_tender(document, label)
        return tender, Loaded(path=label, raw=document, sha256=canonical_sha256(document))
    path = Path(reference)
    if path.exists():
        loaded = read_document(path)
        return parse_tender(loaded.raw, str(path)), loaded
    known = ", ".join(bundled_tender_ids()) or "geen"
    raise UnknownTenderError(
        f"aanbesteding '{reference}' niet gevonden: geen ingebouwd ID (bekend: {known}) en geen bestaand bestand"
    )
