"""Paths the build owns (#13), checked by every build, a no-change rebuild included.

The build's own folders (OUT/tei, OUT/.tei-encoder, OUT/site and the site's folders) and its state
files are judged by lstat at the start of every build, before any write or lock: a symbolic link
to a folder elsewhere, a named pipe or a file where a folder belongs is refused in one line
(exit 1), never written through, never waited on, never replaced (SECURITY.md).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SEED
from test_fifo_outputs import DEADLINE, _state, assert_one_line_about, bounded, built_once, fifo


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_build_folder_linked_elsewhere_is_refused_by_every_build(tmp_path):
    """OUT/tei, OUT/.tei-encoder, OUT/site, OUT/site/docs as links to a folder elsewhere: refused in
    one line, exit 1, whether a record changed or not; nothing written into the folder elsewhere."""
    out, args = built_once(tmp_path)
    record = tmp_path / "corpus" / "letter.txt"
    for relative in (".tei-encoder", "tei", "site", "site/docs"):
        folder, elsewhere = out / relative, tmp_path / "elsewhere"
        shutil.move(folder, elsewhere)
        folder.symlink_to(elsewhere)
        before = _snapshot(elsewhere)
        for change in ("", "An added sentence of our own.\n"):  # no change, then an edited record
            with record.open("a", encoding="utf-8") as handle:
                handle.write(change)
            result = bounded([], *args)
            assert result.exit_code == 1, (relative, result.stderr)
            assert_one_line_about(result.stderr, folder, "is a symbolic link, not a folder the build writes")
            assert _snapshot(elsewhere) == before, f"written through {relative}"
            assert folder.is_symlink()
        folder.unlink()
        shutil.move(elsewhere, folder)
    assert bounded([], *args).exit_code == 0  # the folders back: the build goes on


def test_state_files_are_never_waited_on_nor_written_through(tmp_path):
    """A named pipe at records.json or at the lock, a link at summaries.sqlite: one line, exit 1, at
    once; the pipe is never opened, the file the link names never written, the link never replaced."""
    out, args = built_once(tmp_path)
    state = out / ".tei-encoder"
    record = tmp_path / "corpus" / "letter.txt"
    for name in ("records.json", "lock"):
        saved = tmp_path / name
        shutil.move(state / name, saved)
        pipe = fifo(state / name)
        started = time.monotonic()
        result = bounded([pipe], *args)
        assert time.monotonic() - started < 30
        assert result.exit_code == 1, result.stderr
        assert_one_line_about(result.stderr, pipe, "is a named pipe (FIFO), not a file the build writes")
        assert stat.S_ISFIFO(os.lstat(pipe).st_mode)
        pipe.unlink()
        shutil.move(saved, state / name)
    outside = tmp_path / "outside.sqlite"
    shutil.move(state / "summaries.sqlite", outside)
    before = outside.read_bytes()
    (state / "summaries.sqlite").symlink_to(outside)
    with record.open("a", encoding="utf-8") as handle:
        handle.write("An added sentence of our own.\n")
    result = bounded([], *args)
    assert result.exit_code == 1, result.stderr
    assert_one_line_about(result.stderr, state / "summaries.sqlite", "is a symbolic link, not a file the build writes")
    assert outside.read_bytes() == before and (state / "summaries.sqlite").is_symlink()


@pytest.mark.parametrize("kind", ["fifo", "file", "fifo at a shard", "file at a shard"])
def test_something_else_at_the_search_folder_is_refused(tmp_path, kind):
    """site/pagefind (the search folder) or a shard's folder in it as a named pipe or a file:
    refused at once in one line, exit 1, never opened, never replaced, with search or without."""
    out, args = built_once(tmp_path)
    index = out / "site" / "pagefind"
    place = index / "0" if "shard" in kind else index
    shutil.rmtree(place, ignore_errors=True)
    place.parent.mkdir(exist_ok=True)
    if kind.startswith("fifo"):
        fifo(place)
    else:
        place.write_bytes(b"the user's own file")
    what = "a named pipe (FIFO)" if kind.startswith("fifo") else "a file"
    needs = "not a file the build writes" if kind == "fifo at a shard" else "not a folder the build writes"
    # without search, the search folder goes: a regular file in it is the build's (the user's pipe is not)
    modes = {"fifo at a shard": [False, True], "file at a shard": [True]}.get(kind, [False])
    for search in modes:
        with (tmp_path / "corpus" / "letter.txt").open("a", encoding="utf-8") as handle:
            handle.write("An added sentence of our own.\n")
        command = [a for a in args if not search or a != "--no-search"]
        result = bounded([place], *command)
        assert result.exit_code == 1, result.stderr
        assert_one_line_about(result.stderr, place, f"is {what}, {needs}")
        assert "NotADirectoryError" not in result.stderr
        assert not place.is_dir() and not place.is_symlink()


def test_sigterm_ends_a_build_whose_search_step_hangs(tmp_path):
    """Pagefind that never answers (here a stand-in that sleeps): SIGTERM ends the build in one
    line, exit 143, within seconds, and Pagefind's process is killed, not left behind."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "letter.txt").write_bytes(SEED.read_bytes())
    started = tmp_path / "pagefind-started"
    stand_in = tmp_path / "pagefind"
    stand_in.write_text(f"#!/bin/sh\necho $$ > {started}.tmp\nmv {started}.tmp {started}\nexec sleep 600\n")
    stand_in.chmod(0o755)
    code = f"from tei_encoder import search; search._pagefind = lambda: ({str(stand_in)!r}, False); "
    code += "from tei_encoder.cli import main; main()"
    command = [sys.executable, "-c", code, "build", str(corpus), "-o", str(tmp_path / "out"), "-j", "1"]
    build = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        deadline = time.monotonic() + DEADLINE
        while not started.exists() and build.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert started.exists(), "the search step never started"
        pagefind = int(started.read_text())
        build.send_signal(signal.SIGTERM)
        _, stderr = build.communicate(timeout=30)
    finally:
        build.kill()
        build.wait()
        if started.exists() and build.returncode != 143:  # the stand-in is not left behind by the test
            os.kill(int(started.read_text()), signal.SIGKILL)
    assert build.returncode == 143, stderr
    assert stderr.splitlines()[-1] == "tei-encoder: stopped by SIGTERM", stderr
    assert "Traceback" not in stderr
    deadline = time.monotonic() + 10
    while _state(pagefind) != "Z" and time.monotonic() < deadline:
        time.sleep(0.05)
    left = _state(pagefind) != "Z"
    if left:
        os.kill(pagefind, signal.SIGKILL)  # not left behind by the test either
    assert not left, "Pagefind's process was left running"


def test_a_link_at_a_record_output_is_refused_by_every_incremental_build(tmp_path):
    """tei/X.xml, site/docs/X.html, site/tei/X.xml as a link (to a file outside) while the record is
    unchanged: refused in one line, exit 1, by this build and the next, as a clean build does;
    the file outside is never written and the link never replaced."""
    out, args = built_once(tmp_path)
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"the user's own file")
    for relative in ("tei/letter.xml", "site/docs/letter.html", "site/tei/letter.xml"):
        _link_refused_until_removed(args, out / relative, outside)


def test_search_outputs_are_listed_by_every_build(tmp_path):
    """A deleted search page is written again by an incremental build (as a clean build writes it);
    a link at the search page or at a file of the search index is refused in one line, exit 1,
    every time, and left where the user put it."""
    out, args = built_once(tmp_path)
    args = [a for a in args if a != "--no-search"]
    assert bounded([], *args).exit_code == 0
    site = out / "site"
    page = site / "search.html"
    written = page.read_bytes()
    page.unlink()
    assert bounded([], *args).exit_code == 0
    assert page.read_bytes() == written
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"the user's own file")
    shard_file = sorted(p for p in (site / "pagefind").rglob("*") if p.is_file() and "fragment" in p.parts)[0]
    for link in (page, shard_file):
        _link_refused_until_removed(args, link, outside)


def _link_refused_until_removed(args: list[str], output: Path, outside: Path) -> None:
    """Put a link to outside at output: two builds refuse it in one line (exit 1) and leave it and
    outside as they are; once the user removes it, the next build writes the output again."""
    kept, theirs = output.read_bytes(), outside.read_bytes()
    output.unlink()
    output.symlink_to(outside)
    for _ in range(2):
        result = bounded([], *args)
        assert result.exit_code == 1, (output, result.stderr)
        assert_one_line_about(result.stderr, output, "is a symbolic link, not a file the build writes")
        assert output.is_symlink() and outside.read_bytes() == theirs
    output.unlink()
    assert bounded([], *args).exit_code == 0
    assert output.read_bytes() == kept and not output.is_symlink()


def test_warnings_repeated_from_an_earlier_build_name_the_folders_where_they_are_now(tmp_path):
    """Corpus and output folder moved since the last build: the warnings repeated for records not
    encoded again name the new folders, never those of the earlier run."""
    corpus = tmp_path / "before"
    corpus.mkdir()
    record = Path(__file__).parent / "fixtures" / "records" / "a01_bare_url_credits.txt"
    (corpus / record.name).write_bytes(record.read_bytes())
    out = tmp_path / "out-before"
    first = bounded([], "build", str(corpus), "-o", str(out), "--no-search", "-j", "1")
    assert first.exit_code == 0 and str(out / "tei") in first.stderr, first.stderr  # a warning names the TEI
    corpus, out = corpus.rename(tmp_path / "after"), out.rename(tmp_path / "out-after")
    again = bounded([], "build", str(corpus), "-o", str(out), "--no-search", "-j", "1")
    assert again.exit_code == 0 and "from an earlier build" in again.stderr, again.stderr
    assert "before" not in again.stderr and str(out / "tei") in again.stderr, again.stderr


HOLD_THE_SITE_LOCK = """
import fcntl, os, sys
os.makedirs(sys.argv[1], exist_ok=True)
fd = os.open(sys.argv[1], os.O_RDONLY | os.O_DIRECTORY)
fcntl.flock(fd, fcntl.LOCK_EX)
print("held", flush=True)
sys.stdin.read()  # until the test closes it
"""


def test_publish_takes_the_site_lock_that_build_takes(tmp_path):
    """While another process writes a site (it holds the site folder's lock, as a build or a
    publish does), `publish` and `build` into that site are refused at once in one line, exit 1,
    writing nothing; once it is let go, both write."""
    out, args = built_once(tmp_path)
    site = out / "site"
    tei = out / "tei" / "letter.xml"
    other = tmp_path / "other-site"
    publish = ["publish", str(tei), "-o", str(other), "--no-search"]
    script = tmp_path / "hold.py"
    script.write_text(HOLD_THE_SITE_LOCK, encoding="utf-8")
    for folder, command in ((other, publish), (site, args)):
        holder = subprocess.Popen(
            [sys.executable, str(script), str(folder)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        try:
            assert holder.stdout is not None and holder.stdout.readline() == "held\n"
            before = _snapshot(folder)
            refused = bounded([], *command)
            lines = refused.stderr.splitlines()
            assert refused.exit_code == 1 and len(lines) == 1, refused.stderr
            assert str(folder) in lines[0] and "another build or publish is writing into this folder" in lines[0]
            assert _snapshot(folder) == before
        finally:
            holder.communicate("", timeout=30)
        assert bounded([], *command).exit_code == 0
    assert (other / "docs" / "letter.html").is_file()


@pytest.mark.parametrize("name", ["summaries.sqlite", "summaries.sqlite.new"])
def test_the_summary_store_never_opens_a_link(tmp_path, name):
    """The store itself (not only the build's first check) opens for SQLite only a regular file or
    nothing: a link at the store or at its new copy raises OutputError naming it, the file it
    names untouched, the link kept."""
    from tei_encoder.fsutil import OutputError
    from tei_encoder.summarystore import SummaryStore, store_format

    outside = tmp_path / "outside.sqlite"
    SummaryStore(outside, load=False, state_format=5).save()
    before = outside.read_bytes()
    state = tmp_path / "state"
    state.mkdir()
    (state / name).symlink_to(outside)
    assert store_format(state / "summaries.sqlite") is None
    for load in (True, False):
        with pytest.raises(OutputError, match=f"{name} is a symbolic link, not a file the build writes"):
            SummaryStore(state / "summaries.sqlite", load=load, state_format=5)
    assert outside.read_bytes() == before and (state / name).is_symlink()


def test_a_link_at_the_edition_stylesheet_is_refused_not_removed(tmp_path):
    """Built without --css, the build removes the custom.css an earlier build wrote, but a link a
    user put there (even one whose target is gone) is refused in one line, exit 1, and kept."""
    out, args = built_once(tmp_path)
    custom = out / "site" / "assets" / "custom.css"
    outside = tmp_path / "mine.css"
    outside.write_text("body { color: black }\n", encoding="utf-8")
    custom.symlink_to(outside)
    result = bounded([], *args)
    assert result.exit_code == 1, result.stderr
    assert_one_line_about(result.stderr, custom, "is a symbolic link, not a file the build writes")
    assert custom.is_symlink() and outside.is_file()
    custom.unlink()
    custom.write_text("left by an earlier build\n", encoding="utf-8")
    assert bounded([], *args).exit_code == 0 and not custom.exists()


def _index_text(index: Path) -> bytes:
    """Every byte of a Pagefind index, its gzip files opened."""
    import gzip

    data = b""
    for path in sorted(p for p in index.rglob("*") if p.is_file()):
        raw = path.read_bytes()
        data += gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw
    return data.lower()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_the_search_index_reads_only_the_pages_it_owns_and_only_regular_files(tmp_path):
    """The search step reads a page only when it is one of the build's pages and itself a regular
    file: a link to a file outside the site, a link to /dev/zero and a named pipe at a page are
    never opened (one line each, not indexed; none is waited on), and a page left there that the
    build does not own is not indexed."""
    from tei_encoder.search import search_available

    if not search_available():
        pytest.skip("Pagefind is not installed")
    docs = tmp_path / "site" / "docs"
    docs.mkdir(parents=True)
    page = "<html><body><main><article data-pagefind-body><p>{}</p></article></main></body></html>"
    (docs / "kept.html").write_text(page.format("ownedwordqq"))
    (docs / "left.html").write_text(page.format("leftoverwordqq"))
    outside = tmp_path / "outside.html"
    outside.write_text(page.format("outsidewordqq"))
    (docs / "linked.html").symlink_to(outside)
    (docs / "zero.html").symlink_to("/dev/zero")
    os.mkfifo(docs / "piped.html")
    # in a process of its own, its memory bounded: a search step that read /dev/zero would not end
    code = (
        "import json, resource, sys; from pathlib import Path; "
        "resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30)); "
        "from tei_encoder.search import build_search_index; unreadable = []; "
        "build_search_index(Path(sys.argv[1]), pages=['kept', 'linked', 'zero', 'piped'], unreadable=unreadable); "
        "print(json.dumps([[p.name, why] for p, why in unreadable]))"
    )
    try:
        done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "site")], capture_output=True, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("the search step waited on a named pipe or read without end")
    assert done.returncode == 0, done.stderr
    unreadable = json.loads(done.stdout)
    text = _index_text(tmp_path / "site" / "pagefind")
    assert b"ownedwordqq" in text
    assert b"outsidewordqq" not in text and b"leftoverwordqq" not in text
    assert sorted(name for name, _ in unreadable) == ["linked.html", "piped.html", "zero.html"]
    assert all("not indexed for search" in why and "\n" not in why for _, why in unreadable)


def test_a_link_at_a_page_never_reaches_the_search_index(tmp_path):
    """A link at the record's page to a page outside the site: `build --force` refuses it (exit 1)
    and its search step never reads it: no word of the file outside is in the published index."""
    out, args = built_once(tmp_path)
    args = [a for a in args if a != "--no-search"]
    page = out / "site" / "docs" / "letter.html"
    outside = tmp_path / "outside.html"
    outside.write_text(page.read_text(encoding="utf-8").replace("<h1", "<p>outsidewordqq</p><h1", 1))
    page.unlink()
    page.symlink_to(outside)
    result = bounded([], *args, "--force")
    assert result.exit_code == 1, result.stderr
    assert page.is_symlink()
    assert b"outsidewordqq" not in _index_text(out / "site" / "pagefind")


@pytest.mark.parametrize("spelling", ["absolute", "relative", "dot", "trailing slash"])
def test_owned_files_are_named_relative_to_the_root_however_it_is_spelt(tmp_path, monkeypatch, spelling):
    from tei_encoder.fsutil import owned_files

    (tmp_path / "site" / "pagefind" / "0" / "index").mkdir(parents=True)
    (tmp_path / "site" / "pagefind" / "0" / "index" / "a.pf_index").write_bytes(b"x")
    (tmp_path / "site" / "pagefind" / "shards.json").write_bytes(b"{}")
    monkeypatch.chdir(tmp_path / "site" if spelling == "dot" else tmp_path)
    root = {
        "absolute": tmp_path / "site",
        "relative": Path("site"),
        "dot": Path("."),
        "trailing slash": Path("site/"),
    }[spelling]
    assert owned_files(root, "pagefind") == ["pagefind/0/index/a.pf_index", "pagefind/shards.json"]
