"""Worker functions for the pool fault tests: importable by a spawned worker process."""

from __future__ import annotations

import os
import signal
import time


def die_if_first(marker: str, ballast: bytes) -> None:
    """Initializer: the first worker to start (it creates `marker`) kills itself with SIGKILL; the others
    start normally. The ballast makes starting each worker slow (its start-up data is this big), so the
    first dies while the second is still being started."""
    try:
        os.close(os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return
    os.kill(os.getpid(), signal.SIGKILL)


def sleep_for(seconds: float) -> float:
    """A task that outlasts the test unless the pool stops it: the pool can only end by noticing the
    dead worker, never by finishing its tasks before it looks (which made the test pass or fail by
    timing under load)."""
    time.sleep(seconds)
    return seconds


def touch_each(paths: list[str]) -> list[str]:
    """A task over a chunk: creates each file (so a test sees which chunks a worker has started)."""
    for path in paths:
        open(path, "w").close()
    return paths
