"""Atomic file writes, and what to tell a user when the output folder cannot be written.

A crash or kill never leaves a half-written output file. A folder that cannot be written (no
rights, a read-only or full disk, a path that runs through a regular file) is a user's problem
with a clear Dutch message and exit 5 ("signing/writing failed"), never an internal error.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from compliance.errors import SigningError

# The errors that mean "this place cannot be written", in the user's words. Errors that also occur
# when reading or on a network (ENOENT, ECONNREFUSED, ...) are deliberately absent: those are not
# an output folder's fault, and the CLI boundary must not call them one.
_WRITE_FAILURES: dict[int, str] = {
    errno.EACCES: "geen schrijfrechten",
    errno.EPERM: "geen schrijfrechten",
    errno.EROFS: "het bestandssysteem is alleen-lezen",
    errno.ENOSPC: "de schijf is vol",
    errno.EDQUOT: "de schijfruimte (quotum) is op",
    errno.EFBIG: "het bestand wordt te groot voor dit bestandssysteem",
    errno.ENOTDIR: "een deel van het pad is een bestand, geen map",
    errno.EEXIST: "er staat een bestand met deze naam, geen map",
    errno.EISDIR: "er staat een map waar een bestand moet komen",
    errno.ENAMETOOLONG: "de naam is te lang",
}


def write_failure_reason(error: OSError) -> str | None:
    """The Dutch reason when ``error`` means a place cannot be written; None for any other error."""
    return _WRITE_FAILURES.get(error.errno) if error.errno is not None else None


class OutputWriteError(SigningError):
    """An output folder or file cannot be written. Exit 5, like a report that could not be signed:
    in both cases the signed report does not exist. (Built by the class methods; the plain
    one-message constructor keeps it picklable, so it crosses back from an intake worker.)"""

    @classmethod
    def in_folder(cls, folder: Path | str, reason: str) -> OutputWriteError:
        """The error naming ``folder`` and the Dutch ``reason``."""
        return cls(f"{folder}: uitvoermap niet te schrijven: {reason}")

    @classmethod
    def writing_in(cls, folder: Path | str, error: OSError) -> OutputWriteError:
        """Writing in ``folder`` failed with ``error`` (known to be a write): say why in Dutch."""
        return cls.in_folder(folder, write_failure_reason(error) or error.strerror or str(error))


def output_write_error(error: OSError) -> OutputWriteError | None:
    """The user error for an OSError that can only mean "cannot write here"; None for any other.

    It names the path in the error when that path is itself the problem (a folder, a file in the
    way of one, a name too long), else the folder the path is in (no rights, disk full).
    """
    reason = write_failure_reason(error)
    if reason is None or error.filename is None:
        return None
    path = Path(os.fsdecode(error.filename))
    # os.path.isdir, not Path.is_dir: the latter raises for a name that is too long.
    itself = os.path.isdir(path) or error.errno in (errno.ENOTDIR, errno.EEXIST, errno.ENAMETOOLONG)
    return OutputWriteError.in_folder(path if itself else path.parent, reason)


def ensure_writable_folder(folder: Path) -> None:
    """Create ``folder`` if needed and prove a file can be created in it, before any work is done.

    Raises :class:`OutputWriteError` naming the folder. The probe creates a file instead of asking
    ``os.access``, which answers for permission bits only (and always yes for root).
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(prefix=".schrijftest.", suffix=".tmp", dir=folder) as probe:
            probe.write(b"\0")
            probe.flush()
    except OSError as exc:
        raise OutputWriteError.writing_in(folder, exc) from exc


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, fsync, then rename over the target."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def atomic_write_text(path: Path, text: str) -> None:
    """UTF-8 text variant of :func:`atomic_write_bytes`."""
    atomic_write_bytes(path, text.encode("utf-8"))
