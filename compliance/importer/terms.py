"""Words the importer recognises in requirements, beyond the v1 (jeugd) vocabulary.

Kept as data in one place: a role, employer kind or domain found in a posting becomes a term of
the draft tender's vocabulary with these synonyms, so an offer's free text can be matched against
it. A phrase not listed here still becomes a term (its own words as label and synonym).
Programmes and certificates map the abbreviations postings use to the names diplomas carry.
"""

from __future__ import annotations

from typing import Any

EXTRA_TERMS: dict[str, dict[str, dict[str, Any]]] = {
    "roles": {
        "wmo_consulent": {
            "label": "Wmo-consulent",
            "synonyms": [
                "wmo-consulent",
                "wmo consulent",
                "consulent wmo",
                "wmo-consultant",
                "wmo consultant",
                "consulent maatschappelijke ondersteuning",
            ],
        },
        "wijkverpleegkundige": {
            "label": "wijkverpleegkundige",
            "synonyms": ["wijkverpleegkundige", "verpleegkundige in de wijk", "wijkverpleging"],
        },
        "verpleegkundige": {"label": "verpleegkundige", "synonyms": ["verpleegkundige", "hbo-verpleegkundige"]},
        "casemanager": {"label": "casemanager", "synonyms": ["casemanager", "casusregisseur", "regisseur"]},
        "beleidsadviseur": {"label": "beleidsadviseur", "synonyms": ["beleidsadviseur", "beleidsmedewerker"]},
        "projectleider": {"label": "projectleider", "synonyms": ["projectleider", "projectmanager"]},
        "klantmanager": {
            "label": "klantmanager",
            "synonyms": ["klantmanager", "consulent werk en inkomen", "inkomensconsulent"],
        },
        "toezichthouder": {"label": "toezichthouder", "synonyms": ["toezichthouder", "handhaver", "boa"]},
    },
    "employer_kinds": {
        "overheid": {
            "label": "overheidsorganisatie",
            "synonyms": ["overheidsorganisatie", "overheid", "publieke organisatie", "provincie", "waterschap"],
        },
        "zorgorganisatie": {
            "label": "zorgorganisatie",
            "synonyms": [
                "zorgorganisatie",
                "thuiszorgorganisatie",
                "thuiszorg",
                "vvt-organisatie",
                "ziekenhuis",
                "wijkverpleging",
            ],
        },
    },
    "domains": {
        "wmo": {
            "label": "Wmo",
            "synonyms": ["wmo", "wet maatschappelijke ondersteuning", "maatschappelijke ondersteuning"],
        },
        "keukentafelgesprekken": {
            "label": "keukentafelgesprekken",
            "synonyms": ["keukentafelgesprek", "keukentafelgesprekken", "huisbezoek", "huisbezoeken"],
        },
        "suite4sociaal_domein": {
            "label": "Suite4Sociaal Domein",
            "synonyms": ["suite4sociaal domein", "suite4sd", "suite 4 sociaal domein"],
        },
        "ouderenzorg": {"label": "ouderenzorg", "synonyms": ["ouderenzorg", "ouderen", "kwetsbare ouderen"]},
        "dementie": {"label": "dementie", "synonyms": ["dementie", "dementerende"]},
        "palliatieve_zorg": {
            "label": "palliatieve zorg",
            "synonyms": ["palliatieve zorg", "palliatief", "terminale zorg"],
        },
        "indiceren": {
            "label": "indiceren van zorg",
            "synonyms": ["indiceren", "indicatiestelling", "indicaties stellen"],
        },
        "schuldhulpverlening": {
            "label": "schuldhulpverlening",
            "synonyms": ["schuldhulpverlening", "schuldhulp", "schulddienstverlening"],
        },
        "participatiewet": {"label": "Participatiewet", "synonyms": ["participatiewet", "participatie"]},
        "omgevingswet": {"label": "Omgevingswet", "synonyms": ["omgevingswet"]},
        "huisvesting_statushouders": {
            "label": "huisvesting van statushouders",
            "synonyms": ["statushouders", "vergunninghouders"],
        },
        "ggz": {"label": "ggz", "synonyms": ["ggz", "geestelijke gezondheidszorg", "psychiatrische problematiek"]},
        "projectmatig_werken": {
            "label": "projectmatig werken",
            "synonyms": ["projectmatig werken", "projectmatige aanpak"],
        },
    },
}

# Abbreviations and names of programmes as postings write them -> (diploma name, aliases).
PROGRAMMES: dict[str, tuple[str, tuple[str, ...]]] = {
    "mwd": (
        "Maatschappelijk Werk en Dienstverlening",
        ("MWD", "MD", "Maatschappelijk Werk & Dienstverlening", "Maatschappelijk Werk"),
    ),
    "md": (
        "Maatschappelijk Werk en Dienstverlening",
        ("MWD", "MD", "Maatschappelijk Werk & Dienstverlening", "Maatschappelijk Werk"),
    ),
    "maatschappelijk werk en dienstverlening": (
        "Maatschappelijk Werk en Dienstverlening",
        ("MWD", "MD", "Maatschappelijk Werk"),
    ),
    "sph": ("Sociaal Pedagogische Hulpverlening", ("SPH", "Sociaal-Pedagogische Hulpverlening")),
    "sociaal pedagogische hulpverlening": ("Sociaal Pedagogische Hulpverlening", ("SPH",)),
    "cmv": ("Culturele en Maatschappelijke Vorming", ("CMV",)),
    "social work": ("Social Work", ("Sociaal Werk",)),
    "sociaal werk": ("Social Work", ("Sociaal Werk",)),
    "pedagogiek": ("Pedagogiek", ("Toegepaste Pedagogiek",)),
    "sjd": ("Sociaal Juridische Dienstverlening", ("SJD", "HBO-Rechten")),
    "sociaal juridische dienstverlening": ("Sociaal Juridische Dienstverlening", ("SJD",)),
    "hbo-v": ("Verpleegkunde", ("HBO-V", "HBO-Verpleegkunde", "Bachelor of Nursing")),
    "verpleegkunde": ("Verpleegkunde", ("HBO-V", "HBO-Verpleegkunde", "Bachelor of Nursing")),
    "bestuurskunde": ("Bestuurskunde", ("Bestuurs- en organisatiewetenschap",)),
    "toegepaste psychologie": ("Toegepaste Psychologie", ("TP",)),
    "ergotherapie": ("Ergotherapie", ()),
    "hbo-rechten": ("HBO-Rechten", ("Rechten",)),
    "bedrijfskunde": ("Bedrijfskunde", ()),
}

CERTIFICATES: dict[str, tuple[str, tuple[str, ...]]] = {
    "prince2": ("PRINCE2", ("PRINCE2 Foundation", "PRINCE2 Practitioner", "Prince 2")),
    "boa": ("BOA-bevoegdheid", ("BOA", "buitengewoon opsporingsambtenaar")),
    "iso 27001": ("ISO 27001", ("ISO/IEC 27001",)),
    "vca": ("VCA", ("VCA Basis", "VCA VOL")),
    "ipma": ("IPMA", ("IPMA-D", "IPMA-C")),
    "itil": ("ITIL", ("ITIL Foundation",)),
    "rijbewijs b": ("Rijbewijs B", ("rijbewijs",)),
    "voorbehouden handelingen": ("Bekwaamheid voorbehouden handelingen", ("voorbehouden en risicovolle handelingen",)),
}
