"""The error hierarchy. Only the CLI boundary (``compliance.cli.boundary``) turns these into
messages and exit codes; library code raises them and never prints or exits."""

from __future__ import annotations

from enum import IntEnum

from compliance.inputs.limits import MAX_REPORTED_PROBLEMS
from compliance.privacy import mask_bsn


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


class ComplianceError(Exception):
    """Base of every error the tool reports to a user (subclass for more context)."""

    exit_code: ExitCode = ExitCode.INTERNAL

    def __init__(self, message: str) -> None:
        # Messages quote input (file names, values, options); a BSN in any of them must not be shown.
        message = mask_bsn(message)
        super().__init__(message)
        self.message = message

    def diagnostics(self) -> str:
        """The user-facing text (Dutch): what went wrong and where."""
        return self.message


class InputError(ComplianceError):
    """An input file is unreadable or invalid. Names the file and the field (JSON pointer)."""

    exit_code = ExitCode.BAD_INPUT

    def __init__(self, file: str, problems: list[tuple[str, str]], omitted: int = 0) -> None:
        """``omitted``: problems already left out (when an error is raised again under another name)."""
        # File name, pointer (it can hold a key) and problem text all quote input: each is masked.
        self.file = mask_bsn(file)
        shown = problems[:MAX_REPORTED_PROBLEMS]
        self.problems = [(mask_bsn(pointer), mask_bsn(problem)) for pointer, problem in shown]
        self.omitted = omitted + len(problems) - len(shown)  # counted, not listed: the output stays short
        lines = [f"{self.file}: ongeldige invoer"]
        lines += [f"  - {pointer or '/'}: {problem}" for pointer, problem in self.problems]
        if self.omitted:
            lines.append(f"  … en nog {self.omitted} {'probleem' if self.omitted == 1 else 'problemen'}")
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
