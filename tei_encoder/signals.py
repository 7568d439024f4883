"""SIGTERM and SIGHUP handled as Ctrl-C is: the run stops cleanly (workers stopped, temporary
files removed, state not saved) and ends in one line with exit status 128 + the signal.

Their default action ends the process at once, leaving temporary files and multiprocessing's
semaphores (a raw `resource_tracker … leaked semaphore` warning) behind. Here they raise
`Stopped` (a KeyboardInterrupt) in the main thread instead, except inside `stop_deferred()`:
a stop that comes while a worker process is being started (its start-up data half sent, the
worker then prints an EOFError traceback) is raised when that block ends.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

STOP_SIGNALS = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]

_state: dict = {"depth": 0, "pending": None}


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP received (`signum`); the command line exits 128 + signum."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _raise_stopped(signum: int, _frame) -> None:
    for other in STOP_SIGNALS:  # a second signal must not cut the clean-up short (SIGKILL still does)
        signal.signal(other, signal.SIG_IGN)
    if _state["depth"]:
        _state["pending"] = signum
        return
    raise Stopped(signum)


def stop_on_signals() -> dict:
    """Handle SIGTERM and SIGHUP by raising Stopped. Returns the handlers replaced (put them back
    with `restore`); none in a thread other than the main one (handlers can only be set there)."""
    if threading.current_thread() is not threading.main_thread():
        return {}
    _state["pending"] = None
    return {signum: signal.signal(signum, _raise_stopped) for signum in STOP_SIGNALS}


def restore(previous: dict) -> None:
    """Put back the handlers stop_on_signals replaced (a handler set outside Python: the default)."""
    for signum, handler in previous.items():
        signal.signal(signum, signal.SIG_DFL if handler is None else handler)


# what a worker process ignores (its parent alone decides to stop); blocked while one is started
WORKER_IGNORED = [getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)]


def _defer_interrupt(signum: int, _frame) -> None:
    _state["pending"] = signum


@contextmanager
def stop_deferred() -> Iterator[None]:
    """A block a stop must not interrupt (starting worker processes); a stop (SIGTERM, SIGHUP, and
    Ctrl-C's SIGINT) that came during it is raised as it ends: Stopped, or KeyboardInterrupt.

    In the main thread SIGINT, SIGTERM and SIGHUP are also blocked during the block: a process
    started in it inherits the mask through fork and exec, so a Ctrl-C sent to the whole process
    group while a worker is still importing stays pending until the worker's initializer ignores
    it (`workers.die_with_parent`): no `spawn_main … KeyboardInterrupt` traceback per worker."""
    main = threading.current_thread() is threading.main_thread()
    outermost = not _state["depth"]
    previous_mask: set | None = None
    previous_interrupt = None
    if main and outermost and hasattr(signal, "pthread_sigmask"):
        previous_mask = signal.pthread_sigmask(signal.SIG_BLOCK, WORKER_IGNORED)
        if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
            previous_interrupt = signal.signal(signal.SIGINT, _defer_interrupt)
    _state["depth"] += 1
    try:
        yield
    finally:
        _state["depth"] -= 1
        if previous_interrupt is not None:
            signal.signal(signal.SIGINT, previous_interrupt)
        if previous_mask is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous_mask)  # a pending signal arrives here
    if not _state["depth"] and _state["pending"] is not None:
        signum, _state["pending"] = _state["pending"], None
        if signum == getattr(signal, "SIGINT", None):
            raise KeyboardInterrupt
        raise Stopped(signum)
