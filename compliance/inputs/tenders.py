"""Find a tender by bundled ID (``flextender-27442``) or by path to a tender file."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from compliance.canonical import canonical_sha256
from compliance.errors import UnknownTenderError
from compliance.inputs.loader import Loaded, load, parse_json_bytes, validate
from compliance.models.tender import Tender


def bundled_tender_ids() -> list[str]:
    """IDs of the tenders shipped inside the package."""
    folder = resources.files("compliance.inputs").joinpath("tenders")
    return sorted(entry.name.removesuffix(".json") for entry in folder.iterdir() if entry.name.endswith(".json"))


def resolve_tender(reference: str) -> tuple[Tender, Loaded]:
    """Load a tender: a bundled ID first, otherwise a file path."""
    if reference in bundled_tender_ids():
        resource = resources.files("compliance.inputs").joinpath("tenders", f"{reference}.json")
        label = f"<ingebouwde aanbesteding {reference}>"
        document = parse_json_bytes(resource.read_bytes(), label)
        tender = validate(Tender, document, label)
        return tender, Loaded(path=label, raw=document, sha256=canonical_sha256(document))
    path = Path(reference)
    if path.exists():
        return load(Tender, path)
    known = ", ".join(bundled_tender_ids()) or "geen"
    raise UnknownTenderError(
        f"aanbesteding '{reference}' niet gevonden: geen ingebouwd ID (bekend: {known}) en geen bestaand bestand"
    )
