"""Intake of a whole tender: check every submission, score and rank, and write the award file.

``runner.run_intake`` is the entry point; ``scoring`` is the pure step-2 logic, ``audit`` the
hash-chained log, ``manifest`` the signed list of every file in the award folder, ``summary`` and
``overview_pdf`` the outputs for the client, ``processes`` the worker pool that never outlives the
main process, and ``verify_folder`` (with ``crosscheck``) the read-only check of a finished award
folder. Submodules are imported on use, so importing this package is cheap.
"""

from __future__ import annotations

import os


def usable_cores() -> int:
    """The number of cores this process may use (the default pool size)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on every platform
        return max(1, os.cpu_count() or 1)
