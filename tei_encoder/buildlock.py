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
        _exclusive(
            fd,
            out,
            "another build is writing into this folder; not built "
            "(run it again when that build has ended, or build into another folder)",
        )
        yield
    finally:
        os.close(fd)  # releases the lock


@contextmanager
def site_lock(site: Path) -> Iterator[None]:
    """Hold the lock of the site folder SITE while the block runs: `build` (for OUT/site, inside its
    build lock) and `publish` (for its -o folder) both take it, so two publishes into one site, or a
    publish into the site a build is writing, never interleave their writes. The lock is a flock on
    the folder itself: no file is added to the site, and the kernel lets it go when the process
    dies. Raises OutputError (one line naming SITE) when another process holds it, or when the
    folder cannot be made or opened."""
    try:
        site.mkdir(parents=True, exist_ok=True)
        fd = os.open(site, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | os.O_CLOEXEC)
    except OSError as exc:
        raise OutputError(site, exc) from None
    try:
        _exclusive(
            fd,
            site,
            "another build or publish is writing into this folder; not written "
            "(run it again when that one has ended, or write into another folder)",
        )
        yield
    finally:
        os.close(fd)  # releases the lock


def _exclusive(fd: int, folder: Path, refusal: str) -> None:
    """Take the exclusive lock of fd without waiting; raise OutputError "FOLDER: REFUSAL" when
    another process holds it."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise OutputError(folder, OSError(errno.EWOULDBLOCK, "locked"), f"{shown(folder)}: {refusal}") from None
