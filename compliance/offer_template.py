"""A template offer (format v2) for a tender: every field an agency fills in, one answer per requirement.

The values to fill in are marked ``"<vul in: …>"`` (or a placeholder date/number that a check will
flag), so the template is valid against the schema's shape except for those values; the answer slots
list every eis and wens with its words, so nothing is forgotten.
"""

from __future__ import annotations

from typing import Any

from compliance.models.tender_v2 import StatementRequirement, TenderV2

FILL_IN = "<vul in: {what}>"
FILL_IN_MARK = "<vul in:"  # a value still holding this was never filled in


def _fill(what: str) -> str:
    return FILL_IN.format(what=what)


def template_offer(tender: TenderV2) -> dict[str, Any]:
    """A v2 offer document for ``tender`` with every slot an agency must fill in."""
    answers = [
        {
            "requirement": requirement.id,
            "text": _fill(
                "uw toelichting op " + (requirement.clause.text or requirement.clause.reference)
                if isinstance(requirement, StatementRequirement)
                else f"waar het cv {requirement.id} aantoont (optioneel)"
            ),
            "cv_pages": [],
        }
        for requirement in tender.requirements
    ]
    return {
        "schema_version": "2",
        "tender_id": tender.tender_id,
        "submission_id": "S-0001",
        "submitted_at": None,
        "supplier": {
            "name": _fill("naam van het bureau"),
            "kvk_number": "00000000",
            "legal_form": "bv",
            "employees": None,
            "waadi_registered": None,
        },
        "candidate": {
            "id": "K-0001",
            "name": _fill("naam van de kandidaat"),
            "engagement": "detachering",
            "owner_of_supplier": False,
            "employment": None,
            "education": [
                {"level": "hbo_bachelor", "programme": _fill("opleiding"), "institution": None, "completed_on": None}
            ],
            "registrations": [
                {"register": requirement.register_name, "number": _fill("registratienummer"), "valid_until": None}
                for requirement in tender.knockouts
                if requirement.type == "registration"
            ],
            "experience": [
                {
                    "role": _fill("functie zoals in het cv"),
                    "employer": _fill("werkgever of opdrachtgever"),
                    "start": tender.deadline.date().replace(year=tender.deadline.year - 1).isoformat(),
                    "end": None,
                    "hours_per_week": None,
                    "description": _fill("doelgroep, taken en werkwijze, in de woorden van het cv"),
                    "example": None,
                }
            ],
            "courses": [],
            "references": [],
        },
        "offer": {"hourly_rate_eur": 0.01, "vat_included": False},
        "answers": answers,
        "documents": {"cv": {"pages": None, "language": "nl", "file": None}},
    }
