"""Safe resolution of a document path named inside a submission.

A submission names its CV relative to the submission file. Whoever wrote the submission must
not be able to make the checker read (and hash, and report on) any other file on the machine,
so the path may not be absolute, may not climb out with ``..``, and may not pass through a
symbolic link. A refused path is bad input, named with the file and the JSON pointer.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from compliance.errors import InputError


def resolve_document(submission_file: Path, relative: str, pointer: str) -> Path:
    """The absolute path of ``relative`` inside the submission's folder; InputError when refused."""

    def refuse(problem: str) -> InputError:
        return InputError(str(submission_file), [(pointer, problem)])

    if not relative.strip():
        raise refuse("leeg pad")
    if "\x00" in relative:
        raise refuse("het pad bevat een ongeldig teken")
    if "\\" in relative or re.match(r"^[A-Za-z]:", relative):
        raise refuse("gebruik een relatief pad met / als scheidingsteken, zonder stationsletter")
    posix = PurePosixPath(relative)
    if posix.is_absolute():
        raise refuse("een absoluut pad is niet toegestaan; geef het pad relatief aan de inschrijving")
    if ".." in posix.parts:
        raise refuse("het pad verlaat de map van de inschrijving ('..' is niet toegestaan)")
    base = submission_file.parent.resolve()
    current = base
    for part in posix.parts:
        current = current / part
        if current.is_symlink():
            raise refuse(f"'{part}' is een (symbolische) koppeling; alleen gewone bestanden zijn toegestaan")
    # Belt and braces: whatever the checks above missed, the resolved path must stay inside.
    if not current.resolve().is_relative_to(base):
        raise refuse("het pad verlaat de map van de inschrijving")
    return current


__all__ = ["resolve_document"]
