"""The web form for one v1 offer: which fields it has, how form values become the offer's JSON, and back.

Every input is named by the JSON pointer of the offer field it fills (``/candidate/name``,
``/candidate/experience/2/start``), so a problem the pipeline reports at a pointer is shown next
to that very input. Rows (education, experience, …) the user left empty are dropped before the
offer is checked; :class:`BuiltOffer` remembers which form row each JSON index came from, so
pointers are mapped back to the row the user sees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from compliance.models.submission import EducationLevel, EmployerType, Engagement, LegalForm, RoleType
from compliance.service.pipeline import CV_NAME

CV_FIELD = "cv_file"  # the file input; problems at /documents/cv/file are shown next to it

YES_NO_UNKNOWN = (("", "onbekend / niet opgegeven"), ("true", "ja"), ("false", "nee"))

LEGAL_FORMS = (
    (LegalForm.BV, "bv"),
    (LegalForm.NV, "nv"),
    (LegalForm.VOF, "vof"),
    (LegalForm.EENMANSZAAK, "eenmanszaak"),
    (LegalForm.MAATSCHAP, "maatschap"),
    (LegalForm.CV, "cv (commanditaire vennootschap)"),
    (LegalForm.STICHTING, "stichting"),
    (LegalForm.VERENIGING, "vereniging"),
    (LegalForm.COOPERATIE, "coöperatie"),
    (LegalForm.OTHER, "andere rechtsvorm"),
)
ENGAGEMENTS = (
    (Engagement.DETACHERING, "detachering"),
    (Engagement.UITZENDING, "uitzending"),
    (Engagement.PAYROLL, "payroll"),
    (Engagement.ZZP, "zzp (zelfstandige zonder personeel)"),
)
LEVELS = (
    (EducationLevel.MBO, "mbo"),
    (EducationLevel.HBO_ASSOCIATE, "hbo associate degree"),
    (EducationLevel.HBO_BACHELOR, "hbo-bachelor"),
    (EducationLevel.WO_BACHELOR, "wo-bachelor"),
    (EducationLevel.HBO_MASTER, "hbo-master"),
    (EducationLevel.WO_MASTER, "wo-master"),
    (EducationLevel.OTHER, "ander niveau"),
)
ROLE_TYPES = (
    (RoleType.GEZINSCOACH, "gezinscoach"),
    (RoleType.JEUGDCONSULENT, "jeugdconsulent"),
    (RoleType.AMBULANT_HULPVERLENER, "ambulant hulpverlener"),
    (RoleType.JEUGDHULPVERLENER, "jeugdhulpverlener"),
    (RoleType.MAATSCHAPPELIJK_WERKER, "maatschappelijk werker"),
    (RoleType.OTHER, "andere functie"),
)
EMPLOYER_TYPES = (
    (EmployerType.GEMEENTE, "gemeente"),
    (EmployerType.ZORGAANBIEDER, "zorgaanbieder"),
    (EmployerType.ONDERWIJS, "onderwijs"),
    (EmployerType.OTHER, "andere werkgever"),
)
CV_LANGUAGES = (("", "niet opgegeven"), ("nl", "Nederlands"), ("en", "Engels"))


@dataclass(frozen=True, slots=True)
class Field:
    """One input: its key inside its object, Dutch label, kind and (for selects) options."""

    key: str
    label: str
    kind: str = "text"  # text, date, datetime, decimal, int, select, yesno, checkbox, list, textarea
    options: tuple[tuple[str, str], ...] = ()
    required: bool = False
    hint: str = ""
    default: str = ""  # the value of a fresh form
    nullable: bool = False  # the offer format wants the key even when empty (null = not completed, current job)


@dataclass(frozen=True, slots=True)
class Section:
    """A fieldset of single fields at ``base`` (a JSON pointer prefix)."""

    title: str
    base: str
    fields: tuple[Field, ...]


@dataclass(frozen=True, slots=True)
class RowGroup:
    """A list of rows (``/candidate/experience``) the user can add to."""

    name: str  # short name for the add button: "experience"
    title: str
    row_title: str
    base: str
    fields: tuple[Field, ...]
    add_label: str


def _opts(pairs: tuple[tuple[Any, str], ...], empty: str | None = "kies…") -> tuple[tuple[str, str], ...]:
    head = (("", empty),) if empty is not None else ()
    return head + tuple((str(value), label) for value, label in pairs)


SECTIONS = (
    Section(
        "Inschrijving",
        "",
        (
            Field("submission_id", "Uw kenmerk voor deze inschrijving", required=True, hint="Letters, cijfers, . _ -"),
            Field(
                "submitted_at",
                "Datum en tijd van indienen",
                "datetime",
                hint="Nederlandse tijd; leeg = nog niet ingediend",
                nullable=True,
            ),
        ),
    ),
    Section(
        "Leverancier (inschrijver)",
        "/supplier",
        (
            Field("name", "Naam van de organisatie", required=True),
            Field("kvk_number", "KvK-nummer", required=True, hint="8 cijfers"),
            Field("legal_form", "Rechtsvorm", "select", _opts(LEGAL_FORMS), required=True),
            Field("employees", "Aantal medewerkers", "int"),
            Field("waadi_registered", "Geregistreerd onder de Waadi?", "yesno", YES_NO_UNKNOWN),
        ),
    ),
    Section(
        "Kandidaat",
        "/candidate",
        (
            Field("id", "Kenmerk van de kandidaat", required=True),
            Field("name", "Naam van de kandidaat", required=True),
            Field("engagement", "Contractvorm", "select", _opts(ENGAGEMENTS), required=True),
            Field("owner_of_supplier", "De kandidaat is (mede-)eigenaar van de leverancier", "checkbox"),
        ),
    ),
)

ROW_GROUPS = (
    RowGroup(
        "education",
        "Opleidingen",
        "Opleiding",
        "/candidate/education",
        (
            Field("level", "Niveau", "select", _opts(LEVELS), required=True),
            Field("programme", "Opleiding", required=True, hint="Zoals op het diploma, bijv. Social Work"),
            Field("institution", "Onderwijsinstelling"),
            Field("completed_on", "Afgerond op", "date", hint="Leeg = niet afgerond", nullable=True),
        ),
        "Nog een opleiding toevoegen",
    ),
    RowGroup(
        "registrations",
        "Registraties",
        "Registratie",
        "/candidate/registrations",
        (
            Field("register", "Register", required=True, hint="Bijv. SKJ"),
            Field("number", "Registratienummer"),
            Field("valid_until", "Geldig tot", "date"),
        ),
        "Nog een registratie toevoegen",
    ),
    RowGroup(
        "experience",
        "Werkervaring",
        "Ervaring",
        "/candidate/experience",
        (
            Field("role", "Functie", required=True),
            Field("role_type", "Soort functie", "select", _opts(ROLE_TYPES), required=True),
            Field("employer", "Werkgever", required=True),
            Field("employer_type", "Soort werkgever", "select", _opts(EMPLOYER_TYPES), required=True),
            Field("start", "Begonnen op", "date", required=True),
            Field("end", "Gestopt op", "date", hint="Leeg = huidige baan", nullable=True),
            Field("hours_per_week", "Uren per week", "decimal"),
            Field(
                "target_groups",
                "Doelgroepen",
                "list",
                hint="Gescheiden door komma's, bijv. jonge_kinderen, gedragsproblematiek",
            ),
            Field("example", "Voorbeeld uit de praktijk", "textarea"),
            Field("safety_plan", "Heeft in deze baan veiligheidsplannen gemaakt", "checkbox"),
            Field("solution_focused", "Heeft in deze baan oplossingsgericht gewerkt", "checkbox"),
        ),
        "Nog een ervaring toevoegen",
    ),
    RowGroup(
        "courses",
        "Cursussen en trainingen",
        "Cursus",
        "/candidate/courses",
        (
            Field("name", "Naam van de cursus", required=True),
            Field("topic", "Onderwerp", hint="Bijv. oplossingsgericht werken"),
            Field("completed_on", "Afgerond op", "date"),
        ),
        "Nog een cursus toevoegen",
    ),
    RowGroup(
        "references",
        "Referenties",
        "Referentie",
        "/candidate/references",
        (
            Field("name", "Naam", required=True),
            Field("role", "Functie"),
            Field("organisation", "Organisatie"),
            Field("contact", "Contactgegevens", hint="E-mailadres of telefoonnummer"),
        ),
        "Nog een referentie toevoegen",
    ),
)

TAIL_SECTIONS = (
    Section(
        "Tarief",
        "/offer",
        (
            Field("hourly_rate_eur", "All-in uurtarief in euro", "decimal", required=True, hint="Bijv. 74,50"),
            Field(
                "vat_included",
                "Is het tarief inclusief btw?",
                "yesno",
                (("false", "nee, exclusief btw"), ("true", "ja, inclusief btw"), ("", "niet vermeld")),
                default="false",
            ),
        ),
    ),
    Section(
        "Cv",
        "/documents/cv",
        (
            Field("pages", "Aantal pagina's van het cv", "int", hint="Het geüploade cv telt zelf mee"),
            Field("language", "Taal van het cv", "select", CV_LANGUAGES),
        ),
    ),
    Section(
        "VOG en integriteitsverklaring",
        "/documents",
        (
            Field("vog/issued_on", "VOG afgegeven op", "date"),
            Field(
                "vog/functieaspecten",
                "Functieaspecten op de VOG",
                "list",
                hint="Twee cijfers, gescheiden door komma's, bijv. 84",
            ),
            Field("integrity_declaration/signed_on", "Integriteitsverklaring ondertekend op", "date"),
        ),
    ),
)

_INTEGER = re.compile(r"^-?\d+$")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_ROW_POINTER = re.compile(r"^(?P<base>/candidate/[a-z_]+)/(?P<index>\d+)(?P<rest>/.*)?$")


def _value(kind: str, raw: str, present: bool) -> tuple[bool, Any]:
    """(include it, JSON value) for one form value.

    Numbers become JSON numbers (the offer format does not read "32" as 32); text that is no
    number is passed on as typed, so the offer's own validation names the field in Dutch.
    """
    text = raw.strip()
    if kind == "checkbox":
        return True, present
    if kind == "yesno":  # "" is an explicit "not stated" (null), not a missing field
        return True, (text == "true") if text else None
    if not text:
        return False, None
    if kind == "list":
        return True, [part.strip() for part in text.split(",") if part.strip()]
    if kind == "int":
        return True, int(text) if _INTEGER.match(text) else text
    if kind == "decimal":
        number = text.replace(" ", "").replace(",", ".")
        if not _NUMBER.match(number):
            return True, text
        return True, int(number) if _INTEGER.match(number) else float(number)
    if kind == "datetime":
        try:
            local = datetime.fromisoformat(text)
        except ValueError:
            return True, text  # the offer's validation names the field
        if local.tzinfo is None:
            local = local.replace(tzinfo=ZoneInfo("Europe/Amsterdam"))
        return True, local.isoformat()
    return True, text


def _set(document: dict[str, Any], path: str, value: Any) -> None:
    parts = [p for p in path.split("/") if p]
    node = document
    for part in parts[:-1]:
        node = node.setdefault(part, {})
    node[parts[-1]] = value


@dataclass(slots=True)
class BuiltOffer:
    """The offer built from a form, and how its list indexes map back to form rows."""

    document: dict[str, Any]
    row_of: dict[str, list[int]] = field(default_factory=dict)  # base pointer -> form row per JSON index

    def form_pointer(self, pointer: str) -> str:
        """The input name (form pointer) a problem at a JSON pointer belongs to."""
        match = _ROW_POINTER.match(pointer)
        if match and match["base"] in self.row_of:
            rows = self.row_of[match["base"]]
            index = int(match["index"])
            if index < len(rows):
                return f"{match['base']}/{rows[index]}{match['rest'] or ''}"
        if pointer.startswith("/documents/cv/file"):
            return CV_FIELD
        return pointer


def row_counts(values: dict[str, str]) -> dict[str, int]:
    """How many rows each group has in submitted values (at least one each)."""
    counts = {group.name: 1 for group in ROW_GROUPS}
    for name in values:
        match = _ROW_POINTER.match(name)
        if not match:
            continue
        for group in ROW_GROUPS:
            if group.base == match["base"]:
                counts[group.name] = max(counts[group.name], int(match["index"]) + 1)
    return counts


def build_offer(values: dict[str, str], tender_id: str, has_cv: bool) -> BuiltOffer:
    """The v1 offer JSON for the form values (empty optional fields left out, empty rows dropped)."""
    document: dict[str, Any] = {"schema_version": "1", "tender_id": tender_id}
    built = BuiltOffer(document)
    for section in (*SECTIONS, *TAIL_SECTIONS):
        for spec in section.fields:
            name = f"{section.base}/{spec.key}"
            include, value = _value(spec.kind, values.get(name, ""), name in values)
            if include or spec.nullable:
                _set(document, name, value)
    for group in ROW_GROUPS:
        rows: list[dict[str, Any]] = []
        origin: list[int] = []
        for index in range(row_counts(values)[group.name]):
            row: dict[str, Any] = {}
            for spec in group.fields:
                name = f"{group.base}/{index}/{spec.key}"
                include, value = _value(spec.kind, values.get(name, ""), name in values)
                if include and not (spec.kind == "checkbox" and value is False):
                    row[spec.key] = value
            if row:
                row.update({spec.key: None for spec in group.fields if spec.nullable and spec.key not in row})
                rows.append(row)
                origin.append(index)
        if rows:
            _set(document, group.base, rows)
            built.row_of[group.base] = origin
    if has_cv:
        _set(document, "/documents/cv/file", CV_NAME)
    return built


def _form_text(kind: str, value: Any) -> str:
    if value is None:
        return ""
    if kind == "checkbox":
        return "on" if value else ""
    if kind == "yesno":
        return "true" if value else "false"
    if kind == "list":
        return ", ".join(str(v) for v in value)
    if kind == "decimal" and isinstance(value, int | float):
        return f"{value:g}".replace(".", ",")
    if kind == "datetime":
        try:
            moment = datetime.fromisoformat(str(value)).astimezone(ZoneInfo("Europe/Amsterdam"))
        except ValueError:
            return str(value)
        return moment.strftime("%Y-%m-%dT%H:%M")
    return str(value)


def _get(document: Any, path: str) -> Any:
    node = document
    for part in (p for p in path.split("/") if p):
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return None
    return node


def form_values(document: dict[str, Any]) -> dict[str, str]:
    """Form values that show an earlier offer again (to correct it and check once more)."""
    values: dict[str, str] = {}
    for section in (*SECTIONS, *TAIL_SECTIONS):
        for spec in section.fields:
            name = f"{section.base}/{spec.key}"
            text = _form_text(spec.kind, _get(document, name))
            if text or spec.kind == "yesno":  # "" is a choice there ("not stated"), not a blank
                values[name] = text
    for group in ROW_GROUPS:
        rows = _get(document, group.base)
        for index, row in enumerate(rows if isinstance(rows, list) else []):
            for spec in group.fields:
                name = f"{group.base}/{index}/{spec.key}"
                text = _form_text(spec.kind, row.get(spec.key) if isinstance(row, dict) else None)
                if text:
                    values[name] = text
    return values


def input_id(name: str) -> str:
    """The HTML id of an input named by a pointer."""
    return "f" + re.sub(r"[^A-Za-z0-9]+", "-", name)


def label_for(pointer: str) -> str:
    """A readable Dutch name for a form pointer, for the list of problems at the top of the page."""
    if pointer == CV_FIELD:
        return "Cv (PDF)"
    for section in (*SECTIONS, *TAIL_SECTIONS):
        for spec in section.fields:
            if pointer == f"{section.base}/{spec.key}":
                return f"{section.title}: {spec.label}"
    match = _ROW_POINTER.match(pointer)
    if match:
        for group in ROW_GROUPS:
            if group.base == match["base"]:
                key = (match["rest"] or "").strip("/")
                label = next((f.label for f in group.fields if f.key == key), key)
                return f"{group.row_title} {int(match['index']) + 1}" + (f": {label}" if label else "")
    return pointer or "inschrijving"
