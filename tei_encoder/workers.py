"""Worker processes that die with the process that started them.

A process pool's workers outlive a parent killed by SIGKILL (no clean-up runs) and go on
writing files for a run that is gone. `die_with_parent`, called first in a worker's
initializer, ends the worker when its parent dies: on Linux the kernel sends SIGKILL
(prctl PR_SET_PDEATHSIG); everywhere a daemon thread checks the parent twice a second.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1  # linux/prctl.h


def die_with_parent(parent: int) -> None:
    """End this process as soon as the process `parent` (its parent's id, given by the parent
    itself: os.getpid() there) is gone. Exits at once if it is already gone."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the watch was set up
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), name="parent-watch", daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def pool_workers(items: int, jobs: int, break_even: int) -> int:
    """How many worker processes a batch of `items` is worth: 1 (this process) below `break_even`
    items, the point measured where a pool of two starts to beat one process (each worker starts
    Python, imports and compiles its schemas and stylesheets); above it, `jobs` capped by the
    cores and by one worker per `break_even` items (a worker must have enough work to pay for itself)."""
    if jobs <= 1 or items < break_even:
        return 1
    return max(1, min(jobs, os.cpu_count() or 1, items // break_even + 1))
