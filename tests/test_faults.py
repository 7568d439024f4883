"""Faults of the machine, not of the input: every one ends in one error line and a non-zero exit,
never a traceback, and leaves no temporary file behind.

Read-only and full file systems are small tmpfs mounts (skipped, with the reason, where mounting
is not allowed); killed workers and a killed build are real processes killed with SIGKILL.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import AUTHORITY, FIXTURES, SEED
from pool_faults import die_if_first, sleep_for, touch_each

from tei_encoder.build import POOL_BREAK_EVEN
from tei_encoder.cli import main
from tei_encoder.workers import IN_FLIGHT, WorkerPool, die_with_parent

TEI_ENCODER = [sys.executable, "-m", "tei_encoder.cli"]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*TEI_ENCODER, *args], capture_output=True, text=True, timeout=120)


def assert_one_line(stderr: str, *words: str) -> str:
    """Exactly one error line, holding every word; no traceback, no temporary file named."""
    assert "Traceback" not in stderr, stderr
    errors = [line for line in stderr.splitlines() if "error:" in line.lower()]
    assert len(errors) == 1, stderr
    for word in words:
        assert word in errors[0], stderr
    assert ".tmp" not in errors[0], stderr
    return errors[0]


def small_corpus(folder: Path, copies: int = 1) -> Path:
    """A corpus of `copies` copies of two small fixture records, with the authority files."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(copies):
        for name in ("letter", "minutes"):
            shutil.copy(FIXTURES / f"{name}.txt", folder / f"{name}{i:03d}.txt")
    shutil.copytree(AUTHORITY, folder / "authority")
    return folder


@pytest.fixture
def tmpfs(tmp_path):
    """mount(options) -> a fresh tmpfs folder; unmounted afterwards."""
    mounted: list[Path] = []

    def mount(options: str) -> Path:
        if not shutil.which("mount") or os.geteuid() != 0:
            pytest.skip("needs root and mount(8) to make a small tmpfs")
        point = tmp_path / f"mnt{len(mounted)}"
        point.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)], capture_output=True)
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")
        mounted.append(point)
        return point

    yield mount
    for point in mounted:
        subprocess.run(["umount", "-l", str(point)], capture_output=True)


def no_temporary_files(folder: Path) -> bool:
    return not [p for p in folder.rglob("*.tmp")] if folder.exists() else True


def in_process(*args: str):
    """The command run in this process (CliRunner): its exit code and its stderr, and no exception
    but SystemExit. The installed entry point's own process is tested once per command elsewhere
    (encode onto a full disk, the builds whose workers are killed, the editor's loop)."""
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def test_build_into_read_only_folder(tmp_path, tmpfs):
    read_only = tmpfs("ro,size=1m")
    done = in_process("build", str(small_corpus(tmp_path / "c")), "-o", str(read_only / "out"), "-q")
    assert done.exit_code == 1
    assert_one_line(done.stderr, "read-only file system", str(read_only / "out"))


def test_report_into_read_only_folder(tmp_path, tmpfs):
    read_only = tmpfs("ro,size=1m")
    result = CliRunner().invoke(main, ["validate", str(SEED.parent / "nothing"), "--report", str(read_only / "r.xml")])
    assert result.exit_code == 2  # no such input: usage error first
    tei = tmp_path / "seed.xml"
    assert CliRunner().invoke(main, ["encode", str(SEED), "-o", str(tei), "--authority", str(AUTHORITY)]).exit_code == 0
    result = CliRunner().invoke(main, ["validate", str(tei), "--format", "junit", "--report", str(read_only / "r.xml")])
    assert result.exit_code == 1
    assert_one_line(result.stderr, "cannot write the report", "read-only file system", "r.xml")


def test_build_onto_a_full_disk(tmp_path, tmpfs):
    full = tmpfs("size=96k")
    done = in_process("build", str(small_corpus(tmp_path / "c")), "-o", str(full / "out"), "-q")
    assert done.exit_code == 1
    assert_one_line(done.stderr, "disk full writing", str(full / "out"))
    assert no_temporary_files(full)


def test_encode_onto_a_full_disk(tmp_path, tmpfs):
    full = tmpfs("size=16k")
    (full / "filler").write_bytes(b"x" * 12 * 1024)
    done = run("encode", str(SEED), "-o", str(full / "seed.xml"), "--authority", str(AUTHORITY))
    assert done.returncode == 1
    assert_one_line(done.stderr, f"disk full writing {full / 'seed.xml'}")
    assert not (full / "seed.xml").exists() and no_temporary_files(full)


@pytest.mark.parametrize(
    "command",
    [
        ["build", "{corpus}", "-o", "{file}"],
        ["publish", "{tei}", "-o", "{file}"],
        ["encode", "{corpus}", "-o", "{file}"],
        ["encode", "{seed}", "-o", "{file}/seed.xml"],
        ["validate", "{tei}", "--report", "{folder}"],
        ["build", "{corpus}", "-o", "{folder}/out", "--stats", "{folder}"],
    ],
    ids=[
        "build-o-file",
        "publish-o-file",
        "encode-o-file",
        "encode-under-a-file",
        "report-is-folder",
        "stats-is-folder",
    ],
)
def test_output_path_is_in_the_way(tmp_path, command):
    corpus = small_corpus(tmp_path / "c")
    file = tmp_path / "a-file"
    file.write_text("not a folder\n")
    folder = tmp_path / "a-folder"
    folder.mkdir()
    tei = tmp_path / "seed.xml"
    assert CliRunner().invoke(main, ["encode", str(SEED), "-o", str(tei), "--authority", str(AUTHORITY)]).exit_code == 0
    args = [a.format(corpus=corpus, file=file, folder=folder, tei=tei, seed=SEED) for a in command]
    result = CliRunner().invoke(main, [*args, "--authority", str(AUTHORITY)] if args[0] == "encode" else args)
    assert result.exit_code in (1, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert_one_line(result.stderr)
    assert file.read_text() == "not a folder\n"


# --- processes -------------------------------------------------------------------------------------


def children(pid: int) -> list[int]:
    """The pool's worker processes of a build (its children that run multiprocessing's spawn)."""
    found = []
    try:
        listed = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    for child in map(int, listed):
        try:
            command = Path(f"/proc/{child}/cmdline").read_bytes()
        except OSError:
            continue
        if b"spawn_main" in command and b"resource_tracker" not in command:
            found.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def start_pool_build(tmp_path: Path) -> tuple[subprocess.Popen, list[int]]:
    """A build big enough for a pool of two workers; returns it once its workers run."""
    if not Path("/proc/self/task").exists():
        pytest.skip("needs /proc to find the worker processes")
    corpus = small_corpus(tmp_path / "c", copies=POOL_BREAK_EVEN // 2 + 4)  # above the break-even: a pool
    log = (tmp_path / "stderr.txt").open("w")  # a file, not a pipe: a lingering worker cannot hold it open
    build = subprocess.Popen(
        [*TEI_ENCODER, "build", str(corpus), "-o", str(tmp_path / "out"), "-j", "2", "-q"],
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    deadline = time.monotonic() + 30
    workers: list[int] = []
    while time.monotonic() < deadline and len(workers) < 2 and build.poll() is None:
        time.sleep(0.05)
        workers = children(build.pid)
    if len(workers) < 2:
        build.kill()
        build.wait()
        pytest.skip("the build finished before its workers could be seen")
    return build, workers


def test_killed_worker_stops_the_build_in_one_line(tmp_path):
    build, workers = start_pool_build(tmp_path)
    os.kill(workers[0], signal.SIGKILL)
    build.wait(timeout=60)
    assert build.returncode == 1
    assert_one_line((tmp_path / "stderr.txt").read_text(), "worker process died")


def test_workers_die_with_the_build(tmp_path):
    build, workers = start_pool_build(tmp_path)
    os.kill(build.pid, signal.SIGKILL)
    build.wait(timeout=30)
    deadline = time.monotonic() + 20  # at once on Linux; generous for a loaded machine
    while time.monotonic() < deadline and any(alive(w) for w in workers):
        time.sleep(0.05)
    assert not [w for w in workers if alive(w)], "workers outlived the killed build"


def test_worker_killed_in_start_up_ends_the_pool_at_once(tmp_path):
    """The first worker dies in its initializer while the second is still being started: Python's own
    executor then waits for ever for the second one (it never told it to stop). The pool raises
    BrokenProcessPool at once and leaves no worker running."""
    raised: list[BaseException] = []

    def run_pool() -> None:
        try:
            with WorkerPool(2, die_if_first, (str(tmp_path / "first"), b"x" * 8_000_000)) as pool:
                list(pool.map(sleep_for, [60, 60, 60, 60], 1))
        except BaseException as exc:  # noqa: BLE001 - handed to the test's thread
            raised.append(exc)

    runner = threading.Thread(target=run_pool, daemon=True)
    runner.start()
    runner.join(timeout=30)  # seconds in the worst case; a hang is what this test catches
    assert not runner.is_alive(), "the pool hung after a worker died in start-up"
    assert len(raised) == 1 and isinstance(raised[0], BrokenProcessPool), raised
    assert not multiprocessing.active_children()


def test_pool_map_keeps_a_bounded_number_of_chunks_in_flight(tmp_path):
    """Memory stays flat in the number of items: the pool submits a few chunks ahead of the one the
    caller takes, not all of them (which kept every result alive until the end: 3.9 GB at 10,000
    records). Results still come in order, every item once."""
    items = [str(tmp_path / f"item{n:03d}") for n in range(60)]
    with WorkerPool(1, die_with_parent, (os.getpid(),)) as pool:
        results = pool.map(touch_each, items, 1)
        assert next(results) == items[0]
        time.sleep(1.0)  # time enough for the worker to run every chunk it was given
        started = sum(Path(i).exists() for i in items)
        assert 1 <= started <= IN_FLIGHT + 1
        assert [items[0], *results] == items
    assert all(Path(i).exists() for i in items)


KILL_THE_TRACKER = """
import os, signal, sys
from multiprocessing import resource_tracker
from tei_encoder.workers import WorkerPool, die_with_parent

if __name__ == "__main__":
    pool = WorkerPool(1, die_with_parent, (os.getpid(),))
    assert pool.result(pool.submit(abs, -3)) == 3
    tracker = resource_tracker._resource_tracker._pid
    os.kill(tracker, signal.SIGKILL)
    os.waitpid(tracker, 0)
    pool.close()
    print(pool.helper_died)
"""


def test_a_killed_resource_tracker_prints_no_traceback(tmp_path):
    """A spawned pool's queues hold named semaphores, so multiprocessing runs a resource tracker
    process; killed, it was started again by Python, and the new one printed a KeyError traceback
    for every semaphore the pool released. The pool says it in one line and nothing else is printed
    (a process of its own: the tracker's output is what is checked)."""
    script = tmp_path / "kill_tracker.py"
    script.write_text(KILL_THE_TRACKER, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stderr == "", done.stderr
    assert "resource tracker (a helper process" in done.stdout and "died during the run" in done.stdout


@pytest.mark.parametrize("fault", ["page", "state"])
def test_a_build_stopped_by_a_full_disk_counts_truly_and_leaves_no_record_half_written(tmp_path, monkeypatch, fault):
    """The second record's page (or the build state after the first record) meets a full disk: the
    message names the file and cause and counts the one record written; the second record's TEI,
    already written, is taken away again (a record is all there or not at all)."""
    import errno
    import sqlite3

    import tei_encoder.fsutil
    import tei_encoder.summarystore
    from tei_encoder.fsutil import OutputError

    corpus, out = small_corpus(tmp_path / "c", copies=2), tmp_path / "out"
    second = out / "site" / "docs" / "letter001.html"
    if fault == "page":
        # where every write of an output file ends (atomic_write, and fsutil.write_owned for a
        # document's page and download copy): the disk is full there
        real_write = tei_encoder.fsutil._replace

        def write(path, data):
            if path == second:
                raise OutputError(path, OSError(errno.ENOSPC, "No space left on device"))
            real_write(path, data)

        monkeypatch.setattr(tei_encoder.fsutil, "_replace", write)
        where = second
    else:
        real_put = tei_encoder.summarystore.SummaryStore.put

        def put(store, name, summary, stored=None):
            if name == "letter001":
                raise sqlite3.OperationalError("database or disk is full")
            return real_put(store, name, summary, stored)

        monkeypatch.setattr(tei_encoder.summarystore.SummaryStore, "put", put)
        where = out / ".tei-encoder" / "summaries.sqlite"
    done = in_process("build", str(corpus), "-o", str(out), "-j", "1", "--no-search", "-q")
    assert done.exit_code == 1
    written = 2 if fault == "state" else 1  # the state fails after letter001's files are all written
    assert_one_line(done.stderr, f"disk full writing {where}; the build stopped: {written} of 4 records written")
    assert sorted(p.name for p in (out / "tei").iterdir()) == ["letter000.xml", "letter001.xml"][:written]
    for folder, suffix in (("docs", ".html"), ("tei", ".xml")):
        assert (
            sorted(p.stem for p in (out / "site" / folder).glob(f"*{suffix}")) == ["letter000", "letter001"][:written]
        )
    assert no_temporary_files(out) and not list(out.rglob("*.new"))


def test_publish_stopped_by_a_full_disk_counts_truly_and_leaves_no_document_half_published(tmp_path, monkeypatch):
    """The second document's download copy meets a full disk after its page was written: the page
    goes again, and the message counts the one document published."""
    import errno

    import tei_encoder.fsutil
    from tei_encoder.fsutil import OutputError

    tei = tmp_path / "tei"
    tei.mkdir()
    for name in ("a", "b", "c"):
        assert (
            in_process("encode", str(SEED), "-o", str(tei / f"{name}.xml"), "--authority", str(AUTHORITY)).exit_code
            == 0
        )
    site = tmp_path / "site"
    # where every write of an output file ends (atomic_write, and fsutil.write_owned for a
    # document's page and download copy): the disk is full there
    real_write = tei_encoder.fsutil._replace

    def write(path, data):
        if path == site / "tei" / "b.xml":
            raise OutputError(path, OSError(errno.ENOSPC, "No space left on device"))
        real_write(path, data)

    monkeypatch.setattr(tei_encoder.fsutil, "_replace", write)
    done = in_process("publish", str(tei), "-o", str(site), "--no-search")
    assert done.exit_code == 1
    assert_one_line(
        done.stderr, f"disk full writing {site / 'tei' / 'b.xml'}; publishing stopped: 1 of 3 documents published"
    )
    assert sorted(p.name for p in (site / "docs").glob("*.html")) == ["a.html"]
    assert sorted(p.name for p in (site / "tei").glob("*.xml")) == ["a.xml"]


def test_an_output_option_never_names_an_input_or_a_file_the_build_owns(tmp_path):
    """`--stats` naming a record (or a link to one), a file in the build's own folders, and
    `--report` naming the TEI being validated: one usage line, exit 2, before anything runs;
    the file is left as it was. A file beside the build's folders is written as before."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    letter = corpus / "letter.txt"
    letter.write_bytes(SEED.read_bytes())
    tei = tmp_path / "letter.xml"
    tei.write_bytes(b'<TEI xmlns="http://www.tei-c.org/ns/1.0"/>')
    (tmp_path / "linked.json").symlink_to(letter)
    out = tmp_path / "out"
    (out / "tei").mkdir(parents=True)
    owned = out / "tei" / "letter.xml"
    owned.write_bytes(b"<kept/>")
    build = ["build", str(corpus), "-o", str(out), "--no-search", "-j", "1", "--stats"]
    for command, named in (
        ([*build, str(letter)], letter),
        ([*build, str(tmp_path / "linked.json")], letter),
        ([*build, str(owned)], owned),
        ([*build, str(corpus / "new.txt")], None),
        (["validate", str(tei), "--report", str(tei)], tei),
    ):
        kept = named.read_bytes() if named else b""
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 2, (command, result.output)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "not written" in lines[0], result.stderr
        assert named is None or named.read_bytes() == kept
    assert not (corpus / "new.txt").exists()
    result = CliRunner().invoke(main, [*build, str(out / "stats.json")])
    assert result.exit_code == 0, result.output
    assert json.loads((out / "stats.json").read_text())["encoded"] == 1
