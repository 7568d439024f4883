"""One build at a time in an output folder (#13).

Two builds writing into the same folder at once interleave their writes: one met "disk I/O
error" on the build state's summaries.sqlite (there was no disk fault), and the outputs could be
half one build's, half the other's. A build takes an exclusive lock on OUT/.tei-encoder/lock for
its whole run; a second build into that folder is refused at once with one line, rather than
waiting (a CI job would hang behind a build that never ends) or writing beside the first.
"""

from __future__ import annotations

import errno
import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .fsutil import OutputError, shown, writable_folder

LOCK_NAME = "lock"


@contextmanager
def build_lock(out: Path, state: Path) -> Iterator[None]:
    """Hold the lock of the build folder OUT (the file STATE/lock) while the block runs; released
    when it ends, or by the kernel when the process dies (flock, never a stale lock file).
    Raises OutputError (one line naming OUT) when another process holds it, or when the lock
    file cannot be made (OUT not a folder, read-only)."""
    writable_folder(out)
    try:
        state.mkdir(exist_ok=True)
        fd = os.open(state / LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o666)
    except OSError as exc:
        raise OutputError(state / LOCK_NAME, exc) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            message = (
                f"{shown(out)}: another build is writing into this folder; not built "
                "(run it again when that build has ended, or build into another folder)"
            )
            raise OutputError(out, OSError(errno.EWOULDBLOCK, "locked"), message) from None
        yield
    finally:
        os.close(fd)  # releases the lock
