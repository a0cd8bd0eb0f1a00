"""The importer's one error: a posting that cannot be read as text at all (exit 4)."""

from __future__ import annotations

from compliance.errors import ComplianceError, ExitCode


class PostingError(ComplianceError):
    """A posting file is unreadable (empty, binary, a scan without text, not Dutch). Names the file."""

    exit_code = ExitCode.BAD_INPUT

    def __init__(self, file: str, reason: str) -> None:
        self.file = file
        self.reason = reason
        super().__init__(f"{file}: {reason}")
