"""Faults and messages of a running build (#13): what the file system, the terminal or a second
run does must not change the output or leak a traceback."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tei_encoder import search

PAGE = '<html lang="en"><body><article data-pagefind-body><h1>Minutes {n}</h1><p>Delegate{n} spoke of item {n}.</p></article></body></html>'


def _site_made_in_order(root: Path, order: list[int]) -> Path:
    site = root / "site"
    (site / "docs").mkdir(parents=True)
    for n in order:  # tmpfs lists a folder in the order its files were made
        (site / "docs" / f"rec{n}.html").write_text(PAGE.format(n=n), encoding="utf-8")
    return site


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.skipif(not search.search_available(), reason="Pagefind is not installed")
def test_search_index_does_not_depend_on_the_order_the_file_system_lists_pages():
    """The same pages made in two orders on tmpfs (which lists them in that order) give the same
    index, byte for byte (Pagefind's own walk took them in listing order)."""
    shm = Path("/dev/shm")
    root = Path(tempfile.mkdtemp(dir=shm if shm.is_dir() and os.access(shm, os.W_OK) else None))
    try:
        pages = list(range(12))
        first = _site_made_in_order(root / "a", pages)
        second = _site_made_in_order(root / "b", pages[::-1])
        assert [e.name for e in os.scandir(first / "docs")] != [e.name for e in os.scandir(second / "docs")] or (
            shm not in root.parents
        )
        search.build_search_index(first)
        search.build_search_index(second)
        index_a, index_b = _tree(first / search.SEARCH_DIR), _tree(second / search.SEARCH_DIR)
        assert any(name.endswith("pagefind-entry.json") for name in index_a)
        assert index_a == index_b
    finally:
        shutil.rmtree(root)


INTERRUPT_WORKERS_AT_BIRTH = """
import os, signal, sys
from tei_encoder.workers import WorkerPool, die_with_parent

if __name__ == "__main__":
    pool = WorkerPool(1, die_with_parent, (os.getpid(),))
    future = pool.submit(abs, -3)
    for process in list(pool.executor._processes.values()):  # still importing: its initializer has not run
        os.kill(process.pid, signal.SIGINT)
    print(pool.result(future))
    pool.close()
"""

KILL_THE_BUILD = """
import os, signal
from tei_encoder.workers import WorkerPool, die_with_parent

if __name__ == "__main__":
    pool = WorkerPool(1, die_with_parent, (os.getpid(),))
    assert pool.result(pool.submit(abs, -3)) == 3
    os.kill(os.getpid(), signal.SIGKILL)
"""


def _run_script(tmp_path: Path, text: str) -> subprocess.CompletedProcess:
    script = tmp_path / "script.py"
    script.write_text(text, encoding="utf-8")
    # the pipes close once every process holding them ended: the workers and the resource tracker too
    return subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60)


def test_a_worker_interrupted_while_it_starts_prints_nothing_and_keeps_working(tmp_path):
    """Ctrl-C reaches every process of the group, workers still importing too: they printed a
    `spawn_main … KeyboardInterrupt` traceback each (their initializer, which ignores SIGINT, runs
    too late). A worker is born with SIGINT blocked, so it neither dies nor prints."""
    done = _run_script(tmp_path, INTERRUPT_WORKERS_AT_BIRTH)
    assert done.stderr == "" and done.returncode == 0, done.stderr
    assert done.stdout.strip() == "3"


def test_a_killed_build_leaves_no_resource_tracker_warning(tmp_path):
    """SIGKILL of a process with a pool: the orphaned resource tracker unlinks its semaphores and
    printed a 2-line `UserWarning: resource_tracker: There appear to be N leaked semaphore objects`."""
    done = _run_script(tmp_path, KILL_THE_BUILD)
    assert done.returncode == -signal.SIGKILL
    assert done.stderr == "", done.stderr
