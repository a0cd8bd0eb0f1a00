"""Worker pools whose processes never outlive the process that started them.

When the intake's main process is killed (``kill -9``, the OOM killer), nothing tells its
workers: they wait on their task queue for ever (they hold its write end themselves), and under
a fork server so do the server and the multiprocessing resource tracker, which end only when
every process holding their pipes has ended. So:

* workers are *forked* directly from the main process: no fork server, no resource tracker
  (the ``fork`` method unlinks the pool's semaphores at once), nothing but the workers, each a
  direct child of the main process; and forking is also the fastest start (no re-import of
  pyHanko and reportlab, ~1.5 s per worker) with the smallest memory (pages shared copy-on-write);
* all workers are forked when the pool is made, before the caller starts any thread (a progress
  bar): forking a process that runs other threads can copy a lock another thread holds;
* on Linux each worker asks the kernel for ``SIGKILL`` when its parent dies
  (``prctl(PR_SET_PDEATHSIG)``), then checks that the parent did not die before it asked;
* a watchdog thread compares ``os.getppid()`` with the main process every half second: the
  fallback where ``prctl`` is unavailable (other systems) or failed.

Killing a worker halfway is safe: every output is written atomically, and the next intake run
removes the temporary files and redoes what was not recorded as done.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
_WATCH_INTERVAL_S = 0.5
_PARENT_GONE_EXIT = 1


def _ask_kernel_for_parent_death_signal() -> bool:
    """``prctl(PR_SET_PDEATHSIG, SIGKILL)`` through libc; False where it is not available."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent_pid: int) -> None:
    stop = threading.Event()
    while not stop.wait(_WATCH_INTERVAL_S):
        if os.getppid() != parent_pid:  # re-parented: the main process is gone
            os._exit(_PARENT_GONE_EXIT)


def end_with_parent(parent_pid: int) -> None:
    """Make this (worker) process end when ``parent_pid``, its parent, ends."""
    _ask_kernel_for_parent_death_signal()
    if os.getppid() != parent_pid:  # the parent died before the kernel could be asked
        os._exit(_PARENT_GONE_EXIT)
    threading.Thread(target=_watch_parent, args=(parent_pid,), name="parent-watchdog", daemon=True).start()


def _start_worker(
    parent_pid: int,
    close: tuple[int, ...],
    initializer: Callable[..., object] | None,
    initargs: tuple[Any, ...],
) -> None:
    end_with_parent(parent_pid)
    for descriptor in close:  # the child's copy only: the parent's lock stays held
        os.close(descriptor)
    if initializer is not None:
        initializer(*initargs)


def worker_pool(
    workers: int,
    initializer: Callable[..., object] | None = None,
    initargs: tuple[Any, ...] = (),
    *,
    close_in_workers: tuple[int, ...] = (),
) -> ProcessPoolExecutor:
    """A pool of ``workers`` forked processes, all started now, that end when this process ends.

    ``initializer(*initargs)`` runs in each worker after the parent-death guard is in place.
    ``close_in_workers``: descriptors a worker must not keep, such as the award folder's lock (a
    forked worker shares it, and a worker still finishing after an interrupted run would
    otherwise keep the folder locked).
    """
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_start_worker,
        initargs=(os.getpid(), close_in_workers, initializer, initargs),
    )
    # With "fork" the executor forks every worker at its first submit, from the calling thread
    # (which the parent-death signal watches) and before it starts its own manager thread.
    pool.submit(os.getpid)
    return pool
