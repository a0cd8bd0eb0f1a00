"""The command-line framework's own words in Dutch, and help that fits the terminal.

typer (0.29) carries its own copy of click without gettext: usage lines, error messages and the
help option's text are plain English strings built in a few functions and exception classes;
typer's rich help keeps its words in module constants of ``typer.rich_utils`` (read through
gettext when that module is imported); option values are coerced by pydantic, whose English
message typer shows as is. :func:`install_dutch_cli` hooks each of those once:

* the exception classes' ``format_message`` (every usage error passes through it) and typer's
  ``gettext`` alias are translated by :func:`dutch_message`;
* the usage prefix and placeholders, the help option's text and the type labels of the help;
* pydantic's first error becomes a Dutch sentence chosen by its error *type* (not its wording);
* ``typer.rich_utils`` costs ~0.2 s to import and is needed only for help and errors, so it is
  not imported here: an import hook sets its constants (panel titles, "[required]", the width)
  when typer imports it itself.

Nothing heavy is imported at module import: ``compliance check`` must start fast.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections.abc import Callable, Sequence
from functools import cache
from importlib.machinery import ModuleSpec, PathFinder
from types import ModuleType
from typing import TYPE_CHECKING, Any, cast

from compliance.inputs.json_text import JSON_MESSAGES

if TYPE_CHECKING:
    from importlib.abc import Loader

# English message (as a pattern over the whole or part of the text) → Dutch. Applied in order,
# each to the result of the previous one, so a composed message ("No such option: --x (Possible
# options: --y)") is translated piece by piece. A message that matches nothing stays as it was.
# Compiled on first use (see _message_patterns): most runs never show a framework message.
_MESSAGE_RULES: tuple[tuple[str, str], ...] = (
    (r"^Value error, ", ""),
    (r"No such option: (\S+)", r"Onbekende optie: \1"),
    (r"\(Possible options: ([^)]*)\)", r"(bedoelde u een van: \1?)"),
    (r"No such command (.+?)\.", r"Onbekende opdracht \1."),
    (r"Did you mean (.+)\?", r"Bedoelde u \1?"),
    (r"^Missing command\.", "Geef een opdracht."),
    (r"^Missing option ('[^']*'(?: / '[^']*')*)\.", r"Optie \1 ontbreekt (verplicht)."),
    (r"^Missing argument ('[^']*'(?: / '[^']*')*)\.", r"Argument \1 ontbreekt (verplicht)."),
    (r"^Missing parameter ('[^']*'(?: / '[^']*')*)\.", r"Parameter \1 ontbreekt (verplicht)."),
    (r"^Missing parameter: (.+)", r"Parameter \1 ontbreekt (verplicht)."),
    (r"^Invalid value for (.+?): ", r"Ongeldige waarde voor \1: "),
    (r"^Invalid value: ", "Ongeldige waarde: "),
    (r"Got unexpected extra arguments? \((.*)\)", r"Onverwachte extra argumenten: \1"),
    (r"Option (\S+) requires an argument\.", r"Optie \1 verwacht een waarde."),
    (r"Option (\S+) requires (\d+) arguments\.", r"Optie \1 verwacht \2 waarden."),
    (r"Option (\S+) does not take a value\.", r"Optie \1 neemt geen waarde."),
    (r"Argument (\S+) takes (\d+) values\.", r"Argument \1 verwacht \2 waarden."),
    (r"Could not open file (.+?): ", r"Kan bestand \1 niet openen: "),
    (r"(\S+) is not one of (.+?)\.?$", r"\1 is niet toegestaan; kies uit \2."),
    (r"Value (.+?) is not a valid (\S+?)\.", r"Waarde \1 is geen geldige \2."),
    (r"^Value must be an iterable\.", "Verwacht een lijst van waarden."),
    (r"^Aborted[.!]$", "Afgebroken."),
)

# Literal texts typer passes through ``gettext`` (typer.core and typer.rich_utils).
_GETTEXT = {
    "Aborted!": "Afgebroken.",
    "Aborted.": "Afgebroken.",
    "(dynamic)": "(berekend)",
    "(deprecated) ": "(verouderd) ",
    "default: {default}": "standaard: {default}",
    "required": "verplicht",
    "env var: {var}": "omgevingsvariabele: {var}",
    "Arguments": "Argumenten",
    "Options": "Opties",
    "Commands": "Opdrachten",
    "Error": "Fout",
    "Missing command.": "Geef een opdracht.",
    "No such command {name!r}.": "Onbekende opdracht {name!r}.",
}

_RICH_CONSTANTS = {
    "DEPRECATED_STRING": "(verouderd) ",
    "DEFAULT_STRING": "[standaard: {}]",
    "ENVVAR_STRING": "[omgevingsvariabele: {}]",
    "REQUIRED_LONG_STRING": "[verplicht]",
    "ARGUMENTS_PANEL_TITLE": "Argumenten",
    "OPTIONS_PANEL_TITLE": "Opties",
    "COMMANDS_PANEL_TITLE": "Opdrachten",
    "ERRORS_PANEL_TITLE": "Fout",
    "ABORTED_TEXT": "Afgebroken.",
    "RICH_HELP": "Probeer [blue]'{command_path} {help_option}'[/] voor hulp.",
}

USAGE_PREFIX = "Gebruik: "
HELP_OPTION_TEXT = "Toon deze hulp en stop."
_USAGE_PLACEHOLDERS = (("[OPTIONS]", "[OPTIES]"), ("COMMAND [ARGS]...", "OPDRACHT [ARGUMENTEN]..."))

# Type labels in the help ("<bool>" reads as programmer's jargon to a user).
_TYPE_LABELS = {
    "bool": "ja/nee",
    "str": "tekst",
    "int": "geheel getal",
    "int range": "geheel getal",
    "float range": "getal",
    "float": "getal",
    "path": "pad",
    "file": "bestand",
    "directory": "map",
    "Path": "pad",
    "list[Path]": "pad …",
    "list[str]": "tekst …",
    "datetime": "datum/tijd",
}

_installed = False
_TRANSLATED: set[Callable[[Any], str]] = set()  # the wrappers, so no method is wrapped twice


@cache
def _message_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(pattern), dutch) for pattern, dutch in _MESSAGE_RULES)


def dutch_message(text: str) -> str:
    """A framework message (click/typer/pydantic wording) in Dutch; other text is returned unchanged."""
    for pattern, dutch in _message_patterns():
        text = pattern.sub(dutch, text)
    return text


def dutch_gettext(message: str) -> str:
    """typer's ``gettext``: the Dutch text of a literal it knows, else the literal itself."""
    return _GETTEXT.get(message, message)


def _number(value: Any) -> str:
    return str(value).replace(".", ",") if isinstance(value, float) else str(value)


def pydantic_error_text(error: dict[str, Any]) -> str:
    """pydantic's first validation error of an option value, in Dutch by its error type."""
    kind = str(error.get("type", ""))
    context: dict[str, Any] = error.get("ctx") or {}
    bounds = {
        "greater_than_equal": ("ge", "moet minstens {} zijn"),
        "greater_than": ("gt", "moet groter dan {} zijn"),
        "less_than_equal": ("le", "mag hoogstens {} zijn"),
        "less_than": ("lt", "moet kleiner dan {} zijn"),
    }
    if kind in bounds:
        key, text = bounds[kind]
        return text.format(_number(context.get(key)))
    fixed = {
        "int_parsing": "geen geheel getal",
        "int_type": "geen geheel getal",
        "int_from_float": "geen geheel getal",
        "float_parsing": "geen getal",
        "float_type": "geen getal",
        "decimal_parsing": "geen getal",
        "bool_parsing": "geen ja/nee-waarde (true/false, yes/no, 1/0)",
        "string_type": "geen tekst",
        "missing": "ontbreekt",
        "path_type": "geen pad",
        "date_from_datetime_parsing": "geen datum (JJJJ-MM-DD)",
        "date_parsing": "geen datum (JJJJ-MM-DD)",
        "datetime_parsing": "geen datum/tijd (ISO 8601)",
        "datetime_from_date_parsing": "geen datum/tijd (ISO 8601)",
    }
    if kind in fixed:
        return fixed[kind]
    if kind == "json_invalid":
        return f"geen geldige JSON: {JSON_MESSAGES.get(str(context.get('error', '')), context.get('error', ''))}"
    if kind == "value_error" and context.get("error") is not None:
        return dutch_message(str(context["error"]))
    return dutch_message(str(error.get("msg", "")))


def _typer_error_msg(exc: Any) -> str:
    """Stands in for ``typer._display.get_error_msg`` (pydantic's first error, control characters escaped)."""
    from typer._click.utils import _escape_control_characters

    errors = exc.errors()
    text = pydantic_error_text(errors[0]) if errors else dutch_message(str(exc))
    return str(_escape_control_characters(text))


def terminal_width() -> int | None:
    """The width of the terminal the user sees, or ``None`` when there is none to measure.

    ``COLUMNS`` first (a user's or a test's explicit choice), then any of stdout, stderr and stdin
    that is a terminal: help piped into ``less`` still fits the terminal it is shown in, where a
    console measuring only its own stream falls back to 80 columns.
    """
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    for stream in (sys.__stdout__, sys.__stderr__, sys.__stdin__):
        try:
            if stream is not None and stream.isatty():
                return os.get_terminal_size(stream.fileno()).columns
        except (OSError, ValueError):
            continue
    return None


def _translate_message(method: Callable[[Any], str]) -> Callable[[Any], str]:
    def format_message(self: Any) -> str:
        return dutch_message(method(self))

    format_message.__doc__ = method.__doc__
    _TRANSLATED.add(format_message)
    return format_message


def _dutch_rich_utils(module: ModuleType) -> None:
    """Set typer's rich help and error words and its width (the constants are read at each call)."""
    for name, text in _RICH_CONSTANTS.items():
        setattr(module, name, text)
    make_console = module._get_rich_console

    def sized_console(stderr: bool = False) -> Any:
        # Measured per call, not at import: TERMINAL_WIDTH (typer's own setting) still wins.
        console = make_console(stderr=stderr)
        width = terminal_width()
        if width is not None and not os.environ.get("TERMINAL_WIDTH"):
            console.width = width
        return console

    module._get_rich_console = sized_console  # type: ignore[attr-defined]
    highlighter = module.OptionHighlighter
    highlighter.highlights = [*highlighter.highlights, r"(?P<usage>" + re.escape(USAGE_PREFIX) + ")"]


class _DutchLoader:
    """Loads the module as usual, then makes it Dutch (a loader by protocol: importlib.abc costs start-up time)."""

    def __init__(self, original: Loader, after: Callable[[ModuleType], None]) -> None:
        self.original = original
        self.after = after

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        return self.original.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        self.original.exec_module(module)
        self.after(module)


class _AfterImport:
    """Runs a hook right after one module is imported, without importing it earlier."""

    def __init__(self, name: str, after: Callable[[ModuleType], None]) -> None:
        self.name = name
        self.after = after

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname != self.name:
            return None
        spec = PathFinder.find_spec(fullname, path, target)
        if spec is not None and spec.loader is not None:
            spec.loader = cast("Loader", _DutchLoader(spec.loader, self.after))
        return spec


def install_dutch_cli() -> None:
    """Make typer/click speak Dutch and size the help to the terminal. Idempotent and cheap."""
    global _installed
    if _installed:
        return
    _installed = True
    import typer._click.core as click_core
    import typer._click.exceptions as click_exceptions
    import typer._click.formatting as click_formatting
    import typer._coercion as coercion
    import typer._param_types as param_types
    import typer.core as typer_core
    import typer.exceptions as typer_exceptions

    for cls in (
        typer_exceptions.TyperException,
        click_exceptions.ClickException,
        click_exceptions.BadParameter,
        click_exceptions.MissingParameter,
        click_exceptions.NoSuchOption,
    ):
        method = cls.__dict__.get("format_message")
        if method is not None and method not in _TRANSLATED:
            cls.format_message = _translate_message(method)  # type: ignore[method-assign,assignment]

    typer_core._ = dutch_gettext  # type: ignore[attr-defined]
    coercion.get_error_msg = _typer_error_msg  # type: ignore[attr-defined]
    param_types.get_error_msg = _typer_error_msg  # type: ignore[attr-defined]

    write_usage = click_formatting.HelpFormatter.write_usage

    def dutch_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        for english, dutch in _USAGE_PLACEHOLDERS:
            args = args.replace(english, dutch)
        write_usage(self, prog, args, USAGE_PREFIX if prefix is None else prefix)

    click_formatting.HelpFormatter.write_usage = dutch_usage  # type: ignore[method-assign]

    get_help_option = click_core.Command.get_help_option

    def dutch_help_option(self: Any, ctx: Any) -> Any:
        option = get_help_option(self, ctx)
        if option is not None:
            option.help = HELP_OPTION_TEXT
        return option

    click_core.Command.get_help_option = dutch_help_option  # type: ignore[method-assign]

    display_type = typer_core._TyperParameter.display_type

    def dutch_display_type(self: Any, ctx: Any) -> str:
        if getattr(self, "is_flag", False):  # a switch takes no value: no type to show ("--help <ja/nee>")
            return ""
        label = display_type(self, ctx)
        inner = label[1:-1] if label.startswith("<") and label.endswith(">") else label
        return f"<{_TYPE_LABELS[inner]}>" if inner in _TYPE_LABELS else label

    typer_core._TyperParameter.display_type = dutch_display_type  # type: ignore[method-assign]

    if "typer.rich_utils" in sys.modules:
        _dutch_rich_utils(sys.modules["typer.rich_utils"])
    else:
        sys.meta_path.insert(0, _AfterImport("typer.rich_utils", _dutch_rich_utils))


def console_width(default: int = 80) -> int:
    """The width for a rich console: the terminal's (see :func:`terminal_width`), else ``default``."""
    return terminal_width() or shutil.get_terminal_size((default, 24)).columns
