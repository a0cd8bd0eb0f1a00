"""The error hierarchy. Only the CLI boundary (``compliance.cli.boundary``) turns these into
messages and exit codes; library code raises them and never prints or exits."""

from __future__ import annotations

import re
from enum import IntEnum


class ExitCode(IntEnum):
    """Documented exit codes; a run's code is the most serious outcome it met."""

    COMPLIANT = 0
    NON_COMPLIANT = 1
    USAGE = 2
    NEEDS_REVIEW = 3
    BAD_INPUT = 4
    INVALID_SIGNATURE = 5
    UNTRUSTED_SIGNATURE = 6
    INTERNAL = 70


_DIGIT_RUN = re.compile(r"(?<!\d)\d{8,9}(?!\d)")


def mask_possible_bsn(text: str) -> str:
    """Mask every 8-9 digit run that passes the BSN 11-test (art. 46 UAVG: this tool may not process a BSN).

    Used where text quotes user input without context (error messages); there, masking a number that
    only looks like a BSN costs nothing, printing a real one is not allowed."""
    if not _DIGIT_RUN.search(text):
        return text
    from stdnum.nl import bsn  # only when there is a candidate number

    return _DIGIT_RUN.sub(lambda m: "*" * len(m.group()) if bsn.is_valid(m.group()) else m.group(), text)


class ComplianceError(Exception):
    """Base of every error the tool reports to a user (subclass for more context)."""

    exit_code: ExitCode = ExitCode.INTERNAL

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def diagnostics(self) -> str:
        """The user-facing text (Dutch): what went wrong and where."""
        return self.message


class InputError(ComplianceError):
    """An input file is unreadable or invalid. Names the file and the field (JSON pointer)."""

    exit_code = ExitCode.BAD_INPUT

    def __init__(self, file: str, problems: list[tuple[str, str]]) -> None:
        self.file = file
        # A problem text may quote the rejected value; a BSN typed into the wrong field must not reach stderr.
        self.problems = [(pointer, mask_possible_bsn(problem)) for pointer, problem in problems]
        lines = [f"{file}: ongeldige invoer"]
        lines += [f"  - {pointer or '/'}: {problem}" for pointer, problem in self.problems]
        super().__init__("\n".join(lines))


class UnknownTenderError(ComplianceError):
    """``--tender`` named neither a bundled tender ID nor an existing file."""

    exit_code = ExitCode.USAGE


class RuleFileError(ComplianceError):
    """The bundled rule parameters are inconsistent: a defect of this tool, not of the input."""

    exit_code = ExitCode.INTERNAL


class RegistryError(ComplianceError):
    """A registry snapshot folder cannot be used at all (a single bad record becomes a finding)."""

    exit_code = ExitCode.BAD_INPUT


class SigningError(ComplianceError):
    """A report could not be signed: no usable key or certificate, a wrong password, a signer failure."""

    exit_code = ExitCode.INVALID_SIGNATURE
