"""``compliance tender``: import a posting into a draft tender, and settle its open items.

``tender import POSTING`` writes a draft tender v2 with every value's source lines and lists what
the posting did not settle (exit 3 when there is something to confirm, 0 when not; the file is
written in both cases). ``tender confirm TENDER POINTER VALUE`` settles one item and records who
confirmed it and when. Exit codes are decided here; errors become messages in ``boundary.py``.
"""

from __future__ import annotations

import getpass
import json
import re
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from compliance.cli.boundary import error_boundary
from compliance.errors import ExitCode, InputError
from compliance.inputs.json_text import json_error_text

tender_app = typer.Typer(
    name="tender",
    help="Zet een uitvraag (tekst, HTML of PDF) om in een concept-tender en bevestig open punten.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

_TENDER_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")


def _check_id(value: str | None) -> str | None:
    if value is not None and not _TENDER_ID.match(value):
        raise typer.BadParameter("gebruik letters, cijfers, '.', '_' of '-' (maximaal 80 tekens)")
    return value


def _json(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _write(path: Path, text: str) -> None:
    from compliance.fsutil import atomic_write_text, output_write_error

    try:
        atomic_write_text(path, text)
    except OSError as error:
        raise (output_write_error(error) or error) from error


def sources_path(out: Path) -> Path:
    """Where the sources of values without a clause slot are written when the tender model has no ``sources``."""
    return out.with_name(out.name.removesuffix(".json") + ".sources.json")


@tender_app.command("import")
def import_command(
    posting: Annotated[
        Path, typer.Argument(metavar="UITVRAAG", help="De uitvraag: tekst, HTML of PDF.", show_default=False)
    ],
    out: Annotated[
        Path | None, typer.Option("--out", help="Het tenderbestand (standaard POSTING.tender.json ernaast).")
    ] = None,
    tender_id: Annotated[
        str | None, typer.Option("--id", callback=_check_id, help="Tender-ID (standaard platform-aanvraagnummer).")
    ] = None,
) -> None:
    """Lees een uitvraag en schrijf een concept-tender; exit 3 als er punten te bevestigen zijn."""
    with error_boundary():
        from compliance.importer import import_posting

        imported = import_posting(posting, tender_id)
        target = out or posting.with_name(posting.name.rsplit(".", 1)[0] + ".tender.json")
        _write(target, _json(imported.tender))
        written = [str(target)]
        if "sources" not in imported.tender and imported.sources:
            _write(sources_path(target), _json(imported.sources))
            written.append(str(sources_path(target)))
        items = imported.to_confirm
        print(f"geschreven: {', '.join(written)}", file=sys.stderr)
        if not items:
            print("niets te bevestigen", file=sys.stderr)
            return
        print(f"{len(items)} punt(en) te bevestigen:", file=sys.stderr)
        for item in items:
            print(f"  - {item['pointer']}: {item['reason']}", file=sys.stderr)
        raise typer.Exit(int(ExitCode.NEEDS_REVIEW))


def _load(path: Path) -> dict[str, Any]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(str(path), [("", "bestand niet gevonden")]) from None
    except json.JSONDecodeError as error:
        raise InputError(str(path), [("", json_error_text(error))]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(str(path), [("", f"niet te lezen ({type(error).__name__})")]) from None
    if not isinstance(document, dict):
        raise InputError(str(path), [("", "verwacht een JSON-object")])
    return document


def _parse_pointer(pointer: str) -> list[str]:
    return [part.replace("~1", "/").replace("~0", "~") for part in pointer.split("/")[1:]]


def _set(document: dict[str, Any], pointer: str, value: Any, file: str) -> None:
    """Set ``value`` at ``pointer``, creating missing objects on the way."""
    parts = _parse_pointer(pointer)
    if not parts:
        raise InputError(file, [(pointer, "de pointer wijst naar het hele document")])
    node: Any = document
    for part in parts[:-1]:
        if isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        elif isinstance(node, dict):
            if node.get(part) is None:
                node[part] = {}
            node = node[part]
        else:
            raise InputError(file, [(pointer, f"'{part}' bestaat niet in de tender")])
    last = parts[-1]
    if isinstance(node, list) and last.isdigit() and int(last) < len(node):
        node[int(last)] = value
    elif isinstance(node, dict):
        node[last] = value
    else:
        raise InputError(file, [(pointer, f"'{last}' bestaat niet in de tender")])


def _assumption_flag(pointer: str) -> str | None:
    """The ``*_is_assumption`` flag that a confirmed value clears (the value is then a person's, not assumed)."""
    flags = {
        "/rate/vat_basis": "/rate/vat_basis_is_assumption",
        "/conditions/sroi/percentage": "/conditions/sroi/percentage_is_assumption",
        "/conditions/sroi/threshold_scope": "/conditions/sroi/threshold_scope_is_assumption",
    }
    return flags.get(pointer)


# What JSON text starts with; a bare word ("excluded") is meant as text, but "[84," is a broken list.
_LOOKS_LIKE_JSON = re.compile(r'\s*(?:[\[{"\-0-9]|true\b|false\b|null\b)')


def _confirmed_value(value: str, tender: Path, pointer: str) -> Any:
    """The value to record: JSON when it is JSON, a bare word as text; broken JSON is refused, not stored as text."""
    try:
        return json.loads(value)
    except json.JSONDecodeError as error:
        if _LOOKS_LIKE_JSON.match(value):
            problem = (
                f"waarde {value!r}: {json_error_text(error)}; een woord zonder aanhalingstekens mag ook (excluded)"
            )
            raise InputError(str(tender), [(pointer, problem)]) from None
        return value


@tender_app.command("confirm")
def confirm_command(
    tender: Annotated[Path, typer.Argument(metavar="TENDER", help="Het concept-tenderbestand.", show_default=False)],
    pointer: Annotated[
        str, typer.Argument(metavar="POINTER", help="Het open punt, bijv. /rate/vat_basis.", show_default=False)
    ],
    value: Annotated[
        str,
        typer.Argument(metavar="WAARDE", help='De waarde als JSON ("excluded", 84, ["84"], null).', show_default=False),
    ],
    by: Annotated[str | None, typer.Option("--by", help="Wie bevestigt (standaard de gebruikersnaam).")] = None,
) -> None:
    """Bevestig één open punt: zet de waarde en leg vast wie en wanneer."""
    with error_boundary():
        parsed = _confirmed_value(value, tender, pointer)
        document = _load(tender)
        items = [item for item in document.get("to_confirm", []) if isinstance(item, dict)]
        open_items = [item for item in items if item.get("pointer") == pointer and not item.get("confirmed")]
        if not open_items:
            known = ", ".join(sorted({str(i.get("pointer")) for i in items if not i.get("confirmed")})) or "geen"
            raise InputError(str(tender), [(pointer, f"geen open punt met deze pointer (open: {known})")])
        _set(document, pointer, parsed, str(tender))
        flag = _assumption_flag(pointer)
        if flag is not None:
            _set(document, flag, False, str(tender))
        who = by or getpass.getuser()
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        for item in open_items:
            item["confirmed"] = {"by": who, "at": stamp, "value": parsed}
        _write(tender, _json(document))
        remaining = sum(1 for item in items if not item.get("confirmed"))
        print(
            f"bevestigd: {pointer} = {json.dumps(parsed, ensure_ascii=False)} door {who}; nog {remaining} open",
            file=sys.stderr,
        )
        if remaining:
            raise typer.Exit(int(ExitCode.NEEDS_REVIEW))


@tender_app.command("lint")
def lint_command(
    tender: Annotated[
        Path, typer.Argument(metavar="TENDER", help="Een tenderbestand (formaat 1 of 2).", show_default=False)
    ],
) -> None:
    """Toets een tenderbestand: schema, wettelijke parameters, woordenlijst en open punten.

    Exit 0: in orde; 3: te gebruiken, maar met open punten of woorden zonder synoniemen; 4: ongeldig.
    """
    with error_boundary():
        from compliance.inputs.loader import read_document
        from compliance.inputs.versions import parse_tender

        spec = parse_tender(read_document(tender).raw, str(tender))  # schema and legal parameters (exit 4)
        remarks = [f"open punt {item.pointer}: {item.reason}" for item in spec.open_items]
        used = {
            (dimension, code)
            for requirement in spec.requirements
            for dimension in ("roles", "employer_kinds", "domains")
            for code in getattr(requirement, dimension, ())
        }
        for dimension, code in sorted(used):
            term = getattr(spec.vocabulary, dimension)[code]
            if not term.synonyms:
                remarks.append(
                    f"/vocabulary/{dimension}/{code}: alleen de omschrijving '{term.label}' herkent een cv; "
                    "voeg synoniemen toe"
                )
        if not spec.knockouts:
            remarks.append("/requirements: geen enkele knock-out; klopt dat met de uitvraag?")
        for remark in remarks:
            print(f"- {remark}")
        verdict = "in orde" if not remarks else f"{len(remarks)} opmerking(en)"
        print(f"{tender}: {verdict} ({len(spec.requirements)} eisen en wensen)", file=sys.stderr)
        if remarks:
            raise typer.Exit(int(ExitCode.NEEDS_REVIEW))


def register(app: typer.Typer) -> None:
    """Add ``tender`` (import, confirm, lint) to the main application."""
    app.add_typer(tender_app, name="tender")
