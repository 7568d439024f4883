"""Worker processes that die with the process that started them.

A process pool's workers outlive a parent killed by SIGKILL (no clean-up runs) and go on
writing files for a run that is gone. `die_with_parent`, called first in a worker's
initializer, ends the worker when its parent dies: on Linux the kernel sends SIGKILL
(prctl PR_SET_PDEATHSIG); everywhere a daemon thread checks the parent twice a second.

`WorkerPool` is a process pool that ends promptly when a worker dies. Python's own
ProcessPoolExecutor can hang for ever then: a worker it is still starting (spawned while
its manager thread already handles the death of another) is never told to stop, and the
manager waits to join it; a worker started after the manager began waiting is not watched
until some result arrives. The pool here watches every worker's sentinel itself while it
waits for a result, and after a failure kills its workers before it shuts the executor down.

Why multiprocessing's resource tracker runs at all: a spawned pool's queues hold named POSIX
semaphores (a spawned worker opens them by name), and multiprocessing starts a tracker process
to unlink them should the build die without cleaning up (every spawn passes its pipe along);
only the fork start method, unsafe in a process that has run threads or Saxon, goes without. When
the tracker is killed, Python starts a new one on the next use, with a warning, and that new one
prints a KeyError traceback for each semaphore the pool then releases, which it never heard of.
`WorkerPool.close` finds the tracker dead (or replaced), starts it again quietly, hands it the
pool's semaphores, and says so in one line (`helper_died`), so nothing prints a traceback.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import resource_tracker
from multiprocessing.connection import wait

from .signals import WORKER_IGNORED, stop_deferred

PR_SET_PDEATHSIG = 1  # linux/prctl.h


def die_with_parent(parent: int) -> None:
    """End this process as soon as the process `parent` (its parent's id, given by the parent
    itself: os.getpid() there) is gone. Exits at once if it is already gone.

    SIGINT, SIGTERM and SIGHUP (Ctrl-C, a terminal closed, `kill` of the whole process group) are
    ignored here: the parent alone decides to stop, kills its workers and removes what they left,
    so the run ends as one line (a worker dying on its own was reported as a worker that died)."""
    for signum in WORKER_IGNORED:
        signal.signal(signum, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):  # blocked by the parent while it started this process
        signal.pthread_sigmask(signal.SIG_UNBLOCK, WORKER_IGNORED)
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


def usable_cores() -> int:
    """The cores this process may run on: its CPU affinity where the system tells it (a container or
    `taskset` may allow fewer than the machine has), else every core."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):  # no affinity on macOS and Windows
        return os.cpu_count() or 1


def pool_workers(items: int, jobs: int, break_even: int) -> int:
    """How many worker processes a batch of `items` is worth: 1 (this process) below `break_even`
    items, the point measured where a pool of two starts to beat one process (each worker starts
    Python, imports and compiles its schemas and stylesheets); above it, `jobs` capped by the
    cores this process may use and by one worker per `break_even` items (a worker must have
    enough work to pay for itself)."""
    if jobs <= 1 or items < break_even:
        return 1
    return max(1, min(jobs, usable_cores(), items // break_even + 1))


# chunks submitted ahead per worker by WorkerPool.map: enough that no worker waits for its next one
IN_FLIGHT = 4
# how often a wait for a result checks that every worker still lives (seconds)
WATCH_INTERVAL = 0.2


class WorkerPool:
    """Spawned worker processes, each set up once by `initializer(*initargs)`; a worker that dies
    (killed, out of memory) makes every wait raise BrokenProcessPool within WATCH_INTERVAL, and
    `close` then ends every worker instead of waiting for them.

    Use as a context manager, or call `close(failed)` in a finally clause."""

    def __init__(self, jobs: int, initializer: Callable, initargs: tuple):
        with stop_deferred():  # starts the resource tracker
            _start_tracker_quietly()
            self.executor = ProcessPoolExecutor(
                jobs, mp_context=multiprocessing.get_context("spawn"), initializer=initializer, initargs=initargs
            )
        self.jobs = jobs
        self.tracker = _tracker_pid()  # started by the executor's queues (their semaphores)
        self.helper_died = ""  # after close: one line when a helper process died and was replaced

    def submit(self, fn: Callable, *args) -> Future:
        """Run fn(*args) in a worker; returns its Future (wait for it with `result`).
        Raises BrokenProcessPool once a worker has died."""
        try:
            with stop_deferred():  # may start workers: a stop waits until each has its start-up data
                return self.executor.submit(fn, *args)
        except (OSError, ValueError, RuntimeError):
            # starting a worker while the executor tears itself down after a death fails oddly
            # ("handle is closed", "bad value(s) in fds_to_keep", "after shutdown")
            if self.dead_workers():
                raise BrokenProcessPool("a worker process died") from None
            raise

    def result(self, future: Future):
        """The future's result. Raises what the call raised, or BrokenProcessPool as soon as any
        worker of the pool is found dead (the executor itself may not notice, or hang)."""
        while True:
            try:
                return future.result(timeout=WATCH_INTERVAL)
            except TimeoutError:
                if self.dead_workers():
                    raise BrokenProcessPool("a worker process died") from None

    def map(self, fn: Callable[[list], list], items: list, chunksize: int) -> Iterator:
        """fn applied to `items` in chunks of `chunksize` (fn takes a list, returns one result per
        item); yields the results in order. Raises as `result` does.

        At most IN_FLIGHT chunks per worker are submitted and not yet taken: a result is let go as
        soon as it is yielded, so memory stays flat however many items there are (all futures
        submitted at once kept every result alive until the last one: 10,000 records' summaries)."""
        chunks = (items[i : i + chunksize] for i in range(0, len(items), chunksize))
        pending: deque[Future] = deque()
        for chunk in chunks:
            pending.append(self.submit(fn, chunk))
            if len(pending) >= self.jobs * IN_FLIGHT:
                yield from self.result(pending.popleft())
        while pending:
            yield from self.result(pending.popleft())

    def dead_workers(self) -> list[int | None]:
        """The process ids of workers that have ended (the pool never ends one while it is open)."""
        processes = list(_processes(self.executor))
        ended = set(wait([p.sentinel for p in processes], timeout=0)) if processes else set()
        return [p.pid for p in processes if p.sentinel in ended]

    def close(self, failed: bool = False) -> None:
        """Stop the workers: after a failure (`failed`, or a worker found dead) kill them all first,
        so that no shutdown step can wait for a worker that will never answer."""
        semaphores = _semaphores(self.executor)  # kept alive past shutdown: released only below
        if failed or self.dead_workers():
            for process in _processes(self.executor):
                try:
                    process.kill()  # a no-op for a worker already ended and reaped
                except (OSError, ValueError):
                    pass
        try:
            self.executor.shutdown(wait=True, cancel_futures=True)
        except RuntimeError:
            # a stop (Ctrl-C, SIGTERM) that came while the executor was starting its manager
            # thread leaves one not started to join; the workers are killed above already
            if not failed:
                raise
        if _tracker_replaced(self.tracker):
            self.helper_died = (
                f"multiprocessing's resource tracker (a helper process, pid {self.tracker}) died during the "
                "run; it was started again, and nothing written depended on it"
            )
            _track_again([name for name, _ in semaphores])
        del semaphores  # each semaphore's finalizer now tells a living tracker it is gone

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, kind, exc, traceback) -> None:
        self.close(failed=exc is not None)


# Python's own words when it replaces a dead tracker: the pool says it once, in its own line
warnings.filterwarnings("ignore", message="resource_tracker: process died unexpectedly", category=UserWarning)


# the tracker's own warning when the build was killed (SIGKILL) with its pool's semaphores: it
# unlinks them all the same; a raw 2-line Python warning is not how a run ends (#13)
_TRACKER_WARNINGS = "ignore:resource_tracker:UserWarning"


def _start_tracker_quietly() -> None:
    """Start this process's resource tracker (if it is not running) with its leak warnings off: the
    tracker takes its warning filters from sys.warnoptions (passed to it as -W options)."""
    added = _TRACKER_WARNINGS not in sys.warnoptions
    if added:
        sys.warnoptions.append(_TRACKER_WARNINGS)
    try:
        resource_tracker.ensure_running()
    finally:
        if added:
            sys.warnoptions.remove(_TRACKER_WARNINGS)


def _tracker_pid() -> int | None:
    """The process id of this process's resource tracker (None when it has none)."""
    return getattr(resource_tracker._resource_tracker, "_pid", None)


def _tracker_replaced(started_with: int | None) -> bool:
    """True when the tracker the pool started with died: it is dead now, or Python replaced it."""
    tracker = resource_tracker._resource_tracker
    if started_with is None:
        return False
    if _tracker_pid() != started_with:
        return True
    check = getattr(tracker, "_check_alive", None)  # writes a probe the tracker ignores
    return getattr(tracker, "_fd", None) is not None and check is not None and not check()


def _track_again(names: list[str]) -> None:
    """Start the tracker again if it is dead (quietly) and register the pool's semaphores with it,
    so that releasing them below unregisters names it knows (no KeyError traceback from it)."""
    _start_tracker_quietly()
    for name in names:
        resource_tracker.register(name, "semaphore")


def _semaphores(executor: ProcessPoolExecutor) -> list[tuple[str, object]]:
    """The named semaphores of the executor's queues, (name, lock): the lock is returned to keep
    it (and its name) alive while the caller needs it."""
    found = []
    for queue in (getattr(executor, "_call_queue", None), getattr(executor, "_result_queue", None)):
        for attribute in ("_rlock", "_wlock", "_sem"):
            lock = getattr(queue, attribute, None)
            name = getattr(getattr(lock, "_semlock", None), "name", None)
            if name:
                found.append((name, lock))
    return found


def _processes(executor: ProcessPoolExecutor) -> Iterable[multiprocessing.Process]:
    """The executor's worker processes (its private table: the only list of them, kept since
    Python 3.2); copied, since its manager thread changes it."""
    for _ in range(3):
        try:
            return list((getattr(executor, "_processes", None) or {}).values())
        except RuntimeError:  # changed while copied
            continue
    return []
