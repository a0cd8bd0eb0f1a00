"""The one place that maps errors to messages and exit codes.

Library code raises :class:`~compliance.errors.ComplianceError` subclasses; here they become a
Dutch message on stderr and the documented exit code. An ``OSError`` that can only mean "this
place cannot be written" (no rights, read-only or full disk, a file where a folder must be) is the
user's output folder, not a defect: it names the folder and exits 5, as a failed signature does.
Anything else unexpected is an internal error (exit 70) with a one-line message; the traceback
only with ``COMPLIANCE_DEBUG=1``.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

import typer

from compliance.errors import ComplianceError, ExitCode
from compliance.fsutil import output_write_error
from compliance.privacy import mask_bsn


def report_error(error: ComplianceError) -> None:
    """Print a user error (it names the file and field) to stderr."""
    print(f"fout: {error.diagnostics()}", file=sys.stderr)


@contextmanager
def error_boundary() -> Iterator[None]:
    """Run a command; turn errors into messages and exit codes, never a traceback."""
    try:
        yield
    except typer.Exit:
        raise
    except ComplianceError as error:
        report_error(error)
        raise typer.Exit(int(error.exit_code)) from None
    except KeyboardInterrupt:
        print("afgebroken", file=sys.stderr)
        raise typer.Exit(130) from None
    except OSError as error:
        unwritable = output_write_error(error)
        if unwritable is None:
            _internal_error(error)
        report_error(unwritable)
        raise typer.Exit(int(unwritable.exit_code)) from None
    except Exception as error:
        _internal_error(error)


def _internal_error(error: Exception) -> NoReturn:
    """A defect of this tool: one line (the traceback with ``COMPLIANCE_DEBUG=1``) and exit 70."""
    if os.environ.get("COMPLIANCE_DEBUG"):
        traceback.print_exception(error)
    print(
        f"interne fout: {type(error).__name__}: {mask_bsn(str(error))} (meld dit; COMPLIANCE_DEBUG=1 toont details)",
        file=sys.stderr,
    )
    raise typer.Exit(int(ExitCode.INTERNAL)) from None
