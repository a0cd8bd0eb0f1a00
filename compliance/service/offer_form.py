"""The web form for one v2 offer, generated from the chosen tender: its fields, and form values ⇄ offer JSON.

Every input is named by the JSON pointer of the offer field it fills (``/candidate/name``,
``/candidate/experience/2/start``), so a problem the pipeline reports at a pointer is shown next
to that very input. Rows (education, experience, …) the user left empty are dropped before the
offer is checked, and so are answers left blank; :class:`BuiltOffer` remembers which form row
(or which requirement's answer block) each JSON index came from, so pointers are mapped back to
what the user sees.

What depends on the tender (:func:`offer_form`): one answer block per requirement (its ID,
clause, eis or wens with points), and hints that quote the tender's own limits (maximum rate,
CV pages, the register's name), so an agency reads the requirement where it types the answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from compliance.checks.scoring import weight
from compliance.dates import eur
from compliance.models.submission import EducationLevel, Engagement, LegalForm
from compliance.models.tender_v2 import RegistrationRequirement, StatementRequirement, TenderV2
from compliance.service.pipeline import CV_NAME

CV_FIELD = "cv_file"  # the file input; problems at /documents/cv/file are shown next to it
ANSWERS = "/answers"  # answer block i fills /answers/i/… for the tender's i-th requirement

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
CV_LANGUAGES = (("", "niet opgegeven"), ("nl", "Nederlands"), ("en", "Engels"))
REQUIREMENT_TYPES = {
    "education": "opleiding",
    "registration": "registratie",
    "experience": "werkervaring",
    "certificate": "certificaat of cursus",
    "statement": "beoordeelt een persoon",
}
_ZZP_HINTS = {
    "excluded": "Deze uitvraag sluit zzp'ers uit (Wet DBA).",
    "allowed": "Deze uitvraag staat zzp'ers toe.",
    "silent": "De uitvraag zegt niets over zzp'ers; een zzp-inschrijving wordt beoordeeld.",
}


@dataclass(frozen=True, slots=True)
class Field:
    """One input: its key inside its object, Dutch label, kind and (for selects) options."""

    key: str
    label: str
    kind: str = "text"  # text, date, datetime, decimal, int, select, yesno, checkbox, list, intlist, textarea
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
    hint: str = ""


@dataclass(frozen=True, slots=True)
class AnswerBlock:
    """The answer slot for one requirement: what the posting asks, and where the answer goes."""

    index: int  # position in the tender's requirements: inputs are /answers/<index>/text|cv_pages
    requirement_id: str
    knockout: bool
    points: int | None  # a wens's maximum points
    type_label: str
    clause: str
    reference: str
    assessed_by_person: bool  # a statement: only a person judges the motivation

    @property
    def heading(self) -> str:
        """``K2 · eis (knock-out)`` or ``C · wens, 30 punten``: the legend of the block."""
        weight_text = "eis (knock-out)" if self.knockout else f"wens, {self.points} punten"
        return f"{self.requirement_id} · {weight_text}"

    @property
    def fields(self) -> tuple[Field, Field]:
        """The motivation and the CV pages, labelled with the requirement's ID (labels must be unique)."""
        text_hint = (
            "Een beoordelaar leest deze toelichting en beoordeelt haar."
            if self.assessed_by_person
            else "Optioneel: waar en hoe het cv dit laat zien."
        )
        return (
            Field("text", f"Toelichting op {self.requirement_id}", "textarea", hint=text_hint),
            Field("cv_pages", f"Cv-pagina('s) voor {self.requirement_id}", "intlist", hint="Bijv. 1, 2"),
        )


@dataclass(frozen=True, slots=True)
class OfferForm:
    """The whole form for one tender."""

    tender_id: str
    sections: tuple[Section, ...]
    row_groups: tuple[RowGroup, ...]
    tail_sections: tuple[Section, ...]
    answers: tuple[AnswerBlock, ...]

    def single_fields(self) -> list[tuple[str, Field, str]]:
        """(input name, field, section title) of every field outside rows and answers."""
        return [
            (f"{section.base}/{spec.key}", spec, section.title)
            for section in (*self.sections, *self.tail_sections)
            for spec in section.fields
        ]

    def answer_fields(self) -> list[tuple[str, Field, AnswerBlock]]:
        """(input name, field, block) of every answer input."""
        return [(f"{ANSWERS}/{block.index}/{spec.key}", spec, block) for block in self.answers for spec in block.fields]

    def row_counts(self, values: dict[str, str]) -> dict[str, int]:
        """How many rows each group has in submitted values (at least one each)."""
        counts = {group.name: 1 for group in self.row_groups}
        for name in values:
            match = _ROW_POINTER.match(name)
            if not match:
                continue
            for group in self.row_groups:
                if group.base == match["base"]:
                    counts[group.name] = max(counts[group.name], int(match["index"]) + 1)
        return counts

    def input_names(self, counts: dict[str, int]) -> set[str]:
        """Every input the page shows with these row counts (the error summary links only to those)."""
        names = {name for name, _, _ in self.single_fields()}
        names.update(name for name, _, _ in self.answer_fields())
        names.add(CV_FIELD)
        for group in self.row_groups:
            for index in range(counts.get(group.name, 1)):
                names.update(f"{group.base}/{index}/{spec.key}" for spec in group.fields)
        return names

    def build(self, values: dict[str, str], has_cv: bool) -> BuiltOffer:
        """The v2 offer JSON for the form values (empty optional fields, rows and answers left out)."""
        document: dict[str, Any] = {"schema_version": "2", "tender_id": self.tender_id}
        built = BuiltOffer(document)
        for name, spec, _ in self.single_fields():
            include, value = _value(spec.kind, values.get(name, ""), name in values)
            if include or spec.nullable:
                _set(document, name, value)
        for group in self.row_groups:
            rows, origin = _rows(group.base, group.fields, values, range(self.row_counts(values)[group.name]))
            if rows:
                _set(document, group.base, rows)
                built.row_of[group.base] = origin
        answers: list[dict[str, Any]] = []
        answered: list[int] = []
        for block in self.answers:  # a blank block is no answer; the offer lists answers in tender order
            filled, _ = _rows(ANSWERS, block.fields, values, [block.index])
            for answer in filled:
                answers.append({"requirement": block.requirement_id, **answer})
                answered.append(block.index)
        if answers:
            document["answers"] = answers
            built.row_of[ANSWERS] = answered
        if has_cv:
            _set(document, "/documents/cv/file", CV_NAME)
        return built

    def values_of(self, document: dict[str, Any]) -> dict[str, str]:
        """Form values that show an earlier offer again (to correct it and check once more)."""
        values: dict[str, str] = {}
        for name, spec, _ in self.single_fields():
            text = _form_text(spec.kind, _get(document, name))
            if text or spec.kind == "yesno":  # "" is a choice there ("not stated"), not a blank
                values[name] = text
        for group in self.row_groups:
            rows = _get(document, group.base)
            for index, row in enumerate(rows if isinstance(rows, list) else []):
                values.update(_row_values(f"{group.base}/{index}", group.fields, row))
        answers = document.get("answers")
        by_id = {block.requirement_id: block for block in self.answers}
        for answer in answers if isinstance(answers, list) else []:
            block = by_id.get(str(answer.get("requirement"))) if isinstance(answer, dict) else None
            if block is not None:
                values.update(_row_values(f"{ANSWERS}/{block.index}", block.fields, answer))
        return values

    def label_for(self, pointer: str) -> str:
        """A readable Dutch name for an input, for the list of problems at the top of the page."""
        if pointer == CV_FIELD:
            return "Cv (PDF)"
        for name, spec, title in self.single_fields():
            if pointer == name:
                return f"{title}: {spec.label}"
        for name, spec, _ in self.answer_fields():
            if pointer == name:
                return f"Antwoorden: {spec.label}"
        match = _ROW_POINTER.match(pointer)
        if match:
            for group in self.row_groups:
                if group.base == match["base"]:
                    key = (match["rest"] or "").strip("/")
                    label = next((f.label for f in group.fields if f.key == key), key)
                    return f"{group.row_title} {int(match['index']) + 1}" + (f": {label}" if label else "")
        for group in self.row_groups:
            if pointer == group.base:  # the whole list ("vermeld in /candidate/experience ook andere banen")
                return group.title
        return pointer or "inschrijving"

    def readable(self, text: str) -> str:
        """A finding's text with each JSON pointer replaced by the name of the form field it points to.

        Reports name fields by pointer (exact for the API and a reviewer); on this page the agency fills in
        fields with labels, so "/candidate/experience/1/employer" reads as ‘Ervaring 2: Werkgever …’.
        A pointer the form has no field for stays as it is."""

        def name(match: re.Match[str]) -> str:
            pointer = match.group(0)
            label = self.label_for(pointer)
            return pointer if label == pointer else f"‘{label}’"

        return _POINTER_IN_TEXT.sub(name, text)


def _opts(pairs: tuple[tuple[Any, str], ...], empty: str | None = "kies…") -> tuple[tuple[str, str], ...]:
    head = (("", empty),) if empty is not None else ()
    return head + tuple((str(value), label) for value, label in pairs)


def offer_form(tender: TenderV2) -> OfferForm:
    """The form for an offer on ``tender``: the fixed parts, with the tender's hints, and its answer blocks."""
    registers = [r.register_name for r in tender.requirements if isinstance(r, RegistrationRequirement)]
    rate = tender.rate
    rate_hint = "Bijv. 74,50"
    if rate.max_hourly_rate_eur is not None:
        basis = "excl." if rate.vat_basis == "excluded" else "incl."
        rate_hint = f"Maximaal {eur(rate.max_hourly_rate_eur)} {basis} btw. Bijv. 74,50"
    cv = tender.cv
    pages_hint = "Het geüploade cv telt zelf mee"
    if cv is not None and cv.max_pages is not None:
        pages_hint = f"Maximaal {cv.max_pages}. " + pages_hint
    references_hint = ""
    if cv is not None and cv.min_references:
        references_hint = f"Deze uitvraag vraagt minimaal {cv.min_references} referentie(s)."
    sections = (
        Section(
            "Inschrijving",
            "",
            (
                Field(
                    "submission_id", "Uw kenmerk voor deze inschrijving", required=True, hint="Letters, cijfers, . _ -"
                ),
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
                Field(
                    "engagement",
                    "Contractvorm",
                    "select",
                    _opts(ENGAGEMENTS),
                    required=True,
                    hint=_ZZP_HINTS[tender.conditions.dba.zzp],
                ),
                Field("owner_of_supplier", "De kandidaat is (mede-)eigenaar van de leverancier", "checkbox"),
            ),
        ),
        Section(
            "Dienstverband van de kandidaat",
            "/candidate/employment",
            (
                Field("employer_name", "Werkgever van de kandidaat", hint="Alleen als dat niet de leverancier is"),
                Field("employer_kvk_number", "KvK-nummer van die werkgever", hint="8 cijfers"),
                Field(
                    "lenders",
                    "KvK-nummers van de uitleners in de keten",
                    "list",
                    hint="Elk bureau tussen werkgever en leverancier, gescheiden door komma's",
                ),
                Field("contract_end", "Contract van de kandidaat loopt af op", "date", hint="Leeg = geen einddatum"),
            ),
        ),
    )
    row_groups = (
        RowGroup(
            "education",
            "Opleidingen",
            "Opleiding",
            "/candidate/education",
            (
                Field("level", "Niveau", "select", _opts(LEVELS), required=True),
                Field("programme", "Opleiding", required=True, hint="Zoals op het diploma"),
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
                Field(
                    "register",
                    "Register",
                    required=True,
                    hint="Zoals in het cv" + (f", bijv. {' of '.join(registers)}" if registers else ""),
                ),
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
                Field("role", "Functie", required=True, hint="Zoals in het cv"),
                Field("employer", "Werkgever of opdrachtgever", required=True),
                Field("start", "Begonnen op", "date", required=True),
                Field("end", "Gestopt op", "date", hint="Leeg = huidige baan", nullable=True),
                Field("hours_per_week", "Uren per week", "decimal"),
                Field(
                    "description",
                    "Omschrijving",
                    "textarea",
                    hint="Doelgroep, taken en werkwijze, in de woorden van het cv",
                ),
                Field("example", "Voorbeeld uit de praktijk", "textarea"),
            ),
            "Nog een ervaring toevoegen",
            "De controle leest functie, werkgever en omschrijving en zoekt daarin de woorden van de uitvraag.",
        ),
        RowGroup(
            "courses",
            "Cursussen en certificaten",
            "Cursus",
            "/candidate/courses",
            (
                Field("name", "Naam van de cursus of het certificaat", required=True, hint="Zoals op het certificaat"),
                Field("description", "Omschrijving", hint="Onderwerp of inhoud"),
                Field("completed_on", "Afgerond op", "date", hint="Leeg = niet afgerond"),
                Field("valid_until", "Geldig tot", "date", hint="Alleen als het certificaat verloopt"),
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
            references_hint,
        ),
    )
    tail_sections = (
        Section(
            "Tarief",
            "/offer",
            (
                Field("hourly_rate_eur", "All-in uurtarief in euro", "decimal", required=True, hint=rate_hint),
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
                Field("pages", "Aantal pagina's van het cv", "int", hint=pages_hint),
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
    answers = tuple(
        AnswerBlock(
            index=index,
            requirement_id=requirement.id,
            knockout=requirement.kind == "knockout",
            points=None if requirement.kind == "knockout" else weight(requirement),
            type_label=REQUIREMENT_TYPES.get(requirement.type, requirement.type),
            clause=requirement.clause.text or requirement.clause.reference,
            reference=requirement.clause.reference,
            assessed_by_person=isinstance(requirement, StatementRequirement),
        )
        for index, requirement in enumerate(tender.requirements)
    )
    return OfferForm(tender.tender_id, sections, row_groups, tail_sections, answers)


_INTEGER = re.compile(r"^-?\d+$")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_POINTER_IN_TEXT = re.compile(
    r"(?<![\w/])/(?:candidate|supplier|offer|documents|answers|employment)(?:/[A-Za-z0-9_~]+)*"
)
_ROW_POINTER = re.compile(r"^(?P<base>/candidate/[a-z_]+|/answers)/(?P<index>\d+)(?P<rest>/.*)?$")
_LIST_ITEM = re.compile(r"^(?P<field>.*/(?:lenders|functieaspecten|cv_pages))/\d+$")


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
    if kind in ("list", "intlist"):
        parts = [part.strip() for part in re.split(r"[,;]", text) if part.strip()]
        if kind == "intlist":
            return True, [int(part) if _INTEGER.match(part) else part for part in parts]
        return True, parts
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


def _rows(
    base: str, fields: tuple[Field, ...], values: dict[str, str], indexes: Iterable[int]
) -> tuple[list[dict[str, Any]], list[int]]:
    """The non-empty rows at ``base`` for the given form indexes, and the form index of each."""
    rows: list[dict[str, Any]] = []
    origin: list[int] = []
    for index in indexes:
        row: dict[str, Any] = {}
        for spec in fields:
            name = f"{base}/{index}/{spec.key}"
            include, value = _value(spec.kind, values.get(name, ""), name in values)
            if include and not (spec.kind == "checkbox" and value is False):
                row[spec.key] = value
        if row:
            row.update({spec.key: None for spec in fields if spec.nullable and spec.key not in row})
            rows.append(row)
            origin.append(index)
    return rows, origin


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
        if pointer.startswith("/documents/cv/file"):
            return CV_FIELD
        item = _LIST_ITEM.match(pointer)  # one KvK number of a list: the list's input
        if item:
            pointer = item["field"]
        match = _ROW_POINTER.match(pointer)
        if match and match["base"] in self.row_of:
            rows = self.row_of[match["base"]]
            index = int(match["index"])
            if index < len(rows):
                rest = match["rest"] or ""
                if match["base"] == ANSWERS and rest in ("", "/requirement"):
                    rest = "/text"  # a problem with the answer as a whole: shown at its motivation
                return f"{match['base']}/{rows[index]}{rest}"
        return pointer


def _form_text(kind: str, value: Any) -> str:
    if value is None:
        return ""
    if kind == "checkbox":
        return "on" if value else ""
    if kind == "yesno":
        return "true" if value else "false"
    if kind in ("list", "intlist"):
        return ", ".join(str(v) for v in value) if isinstance(value, list) else str(value)
    if kind == "decimal" and isinstance(value, int | float):
        return f"{value:g}".replace(".", ",")
    if kind == "datetime":
        try:
            moment = datetime.fromisoformat(str(value)).astimezone(ZoneInfo("Europe/Amsterdam"))
        except ValueError:
            return str(value)
        return moment.strftime("%Y-%m-%dT%H:%M")
    return str(value)


def _row_values(prefix: str, fields: tuple[Field, ...], row: Any) -> dict[str, str]:
    values: dict[str, str] = {}
    for spec in fields:
        text = _form_text(spec.kind, row.get(spec.key) if isinstance(row, dict) else None)
        if text:
            values[f"{prefix}/{spec.key}"] = text
    return values


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


def input_id(name: str) -> str:
    """The HTML id of an input named by a pointer."""
    return "f" + re.sub(r"[^A-Za-z0-9]+", "-", name)
