"""The one place that maps errors to messages and exit codes.

Library code raises :class:`~compliance.errors.ComplianceError` subclasses; here they become a
Dutch message on stderr and the documented exit code. Anything unexpected is an internal error
(exit 70) with a one-line message; the traceback only with ``COMPLIANCE_DEBUG=1``.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager

import typer

from compliance.errors import ComplianceError, ExitCode


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
    except Exception as error:
        if os.environ.get("COMPLIANCE_DEBUG"):
            traceback.print_exc()
        print(
            f"interne fout: {type(error).__name__}: {error} (meld dit; COMPLIANCE_DEBUG=1 toont details)",
            file=sys.stderr,
        )
        raise typer.Exit(int(ExitCode.INTERNAL)) from None
