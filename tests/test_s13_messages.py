"""Messages of session 13 (#15, the user-tester's findings 11 and 13): what a command says and
where it says it. Comments in an edition's strings.json are no strings; the build's summary
counts every warning it printed; init's next step is a command to paste; a problem of the whole
file names no line (GitHub annotates the file, never line 0), a problem at a place names it (a
DOCTYPE's line, the first byte not of the declared encoding, the NUL byte of a file that is no
text); files are named as the user would type them (relative to the working directory), never by
the absolute paths a search or jing found."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import AUTHORITY, FIXTURES

from tei_encoder.cli import main
from tei_encoder.publish import ui_string_warnings

TEI = '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><body><p>{}</p></body></text></TEI>\n'


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


# --- finding 11 -------------------------------------------------------------------------------


def test_underscore_keys_of_an_editions_strings_are_comments_never_warned_about(tmp_path):
    (tmp_path / "strings.json").write_text(
        json.dumps({"_comment": "Our words, no {placeholders} here", "_note": "x", "footer": "By the editors."}),
        encoding="utf-8",
    )
    assert ui_string_warnings(tmp_path) == []
    # the control: a real key that drops its placeholder still warns
    shipped = json.loads((Path(__file__).parents[1] / "tei_encoder/data/ui-strings.json").read_text(encoding="utf-8"))
    key = next(k for k, v in shipped.items() if not k.startswith("_") and isinstance(v, str) and "{" in v)
    (tmp_path / "strings.json").write_text(json.dumps({"_comment": "notes", key: "no number"}), encoding="utf-8")
    assert [message.split(":")[0] for _, message in ui_string_warnings(tmp_path)] == [key]


def test_a_new_editions_strings_give_no_warning():
    edition = Path(__file__).parents[1] / "tei_encoder" / "data" / "edition"
    assert ui_string_warnings(edition) == []


def _summary_warnings(output: str) -> int:
    found = re.search(r"; (\d+|no) warnings?\b", output.splitlines()[-1])
    assert found, output
    return 0 if found.group(1) == "no" else int(found.group(1))


def test_the_build_summary_counts_every_warning_it_printed(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(FIXTURES / "letter.txt", corpus)
    shipped = json.loads((Path(__file__).parents[1] / "tei_encoder/data/ui-strings.json").read_text(encoding="utf-8"))
    key = next(k for k, v in shipped.items() if not k.startswith("_") and isinstance(v, str) and "{" in v)
    xslt = tmp_path / "xslt"
    xslt.mkdir()
    (xslt / "strings.json").write_text(json.dumps({key: "no number"}), encoding="utf-8")
    args = ["build", corpus, "-o", tmp_path / "out", "--authority", AUTHORITY, "-j", "1", "--xslt", xslt]
    args += ["--no-search"]
    for _ in range(2):  # the first build and one that finds nothing to do: the site's words warn in both
        result = run(*args)
        assert result.exit_code == 0, result.output
        printed = [line for line in result.output.splitlines() if ": warning: " in line]
        assert any("strings.json" in line for line in printed)
        assert _summary_warnings(result.output) == len(printed), result.output


def test_init_quotes_the_folder_in_its_next_step(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "my edition $HOME"
    result = run("init", folder, "--requirement", "tei-encoder")
    assert result.exit_code == 0, result.output
    command = result.output.split("next: ", 1)[1].strip()
    # the build that uses the site/ init put in place (#15, F15)
    assert shlex.split(command) == [
        "cd",
        str(folder),
        "&&",
        "tei-encoder",
        "build",
        "--css",
        "site/edition.css",
        "--xslt",
        "site/xslt",
    ]


# --- finding 13: where a problem is -----------------------------------------------------------------


def test_a_file_not_read_is_a_problem_of_the_whole_file_in_every_format(tmp_path):
    (tmp_path / ".backup.xml").write_text(TEI.format("x"), encoding="utf-8")
    (tmp_path / "good.xml").write_text(TEI.format("x"), encoding="utf-8")
    github = run("validate", tmp_path, "--format", "github").output
    hidden = next(line for line in github.splitlines() if ".backup.xml" in line)
    assert hidden.startswith("::error file=") and "line=" not in hidden and "col=" not in hidden
    text = run("validate", tmp_path).output
    assert f"{tmp_path / '.backup.xml'}: error: hidden file" in text and ":0:0" not in text
    report = json.loads(run("validate", tmp_path, "--format", "json").stdout)
    problem = next(f for f in report["files"] if f["file"].endswith(".backup.xml"))["problems"][0]
    assert problem["line"] is None and problem["column"] is None


def test_a_doctype_is_refused_at_its_line(tmp_path):
    path = tmp_path / "dtd.xml"
    path.write_text('<?xml version="1.0"?>\n\n<!DOCTYPE TEI [<!ENTITY x "y">]>\n' + TEI.format("&x;"), encoding="utf-8")
    output = run("validate", path, "--format", "github").output
    assert "line=3,col=1,title=TEI refused::refused: the file declares a DOCTYPE" in output


def test_bytes_the_declared_encoding_does_not_have_are_reported_at_the_first_of_them(tmp_path):
    path = tmp_path / "ascii.xml"
    body = '<?xml version="1.0" encoding="US-ASCII"?>\n' + TEI.format("plain").replace("</p>", "</p>\n<p>caf\u00e9</p>")
    path.write_bytes(body.encode("utf-8"))
    output = run("validate", path).output
    assert f"{path}:3:7: error: not well-formed XML: byte 0xC3 is not US-ASCII" in output, output


def test_a_binary_file_is_reported_as_no_text(tmp_path):
    path = tmp_path / "scan.xml"
    path.write_bytes(b"GIF89a\n\x01\x00\x01\x00\x80\x00\x00")
    output = run("validate", path).output
    assert f"{path}:2:2: error: refused: not text: NUL bytes at offset 8" in output, output
    assert "Document is empty" not in output
    utf16 = tmp_path / "utf16.xml"  # text in UTF-16 has NUL bytes and is text
    utf16.write_bytes(TEI.format("x").encode("utf-16"))
    assert "not text" not in run("validate", utf16).output


# --- finding 13: files named as the user would type them ------------------------------------------


def test_a_broken_schema_is_named_as_given_not_as_an_included_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("broken.rng").write_text("not xml\n", encoding="utf-8")
    Path("doc.xml").write_text(TEI.format("x"), encoding="utf-8")
    output = run("validate", "--rng", "broken.rng", "doc.xml").output
    assert "not checked" in output
    assert str(tmp_path) not in output and "included file" not in output, output


def test_authority_problems_name_the_files_relative_to_the_working_directory(tmp_path, monkeypatch):
    edition = tmp_path / "ed"
    (edition / "corpus").mkdir(parents=True)
    shutil.copy(FIXTURES / "letter.txt", edition / "corpus")
    shutil.copytree(AUTHORITY, edition / "authority")
    person = '<person xml:id="same-one"><persName>A Person</persName></person>'
    (edition / "authority" / "twice.xml").write_text(
        f'<listPerson xmlns="http://www.tei-c.org/ns/1.0">{person}\n{person}</listPerson>\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    checked = run("authority", "check", "ed/corpus")
    expected = "ed/authority/twice.xml:2: error: xml:id 'same-one' is used twice (first at ed/authority/twice.xml:1)"
    assert expected in checked.output and str(tmp_path) not in checked.output, checked.output
    built = run("build", "ed/corpus", "-o", "ed/out", "-j", "1", "--no-search")
    assert built.exit_code == 2 and "ed/authority/twice.xml:2:" in built.output
    assert str(tmp_path) not in built.output, built.output


@pytest.mark.skipif(os.name != "posix", reason="a POSIX path")
def test_a_path_outside_the_working_directory_is_named_as_it_is(tmp_path, monkeypatch):
    from tei_encoder.fsutil import shown_here

    monkeypatch.chdir(tmp_path)
    assert shown_here(tmp_path / "a" / "b.xml") == "a/b.xml"
    assert shown_here("/elsewhere/b.xml") == "/elsewhere/b.xml"
    assert shown_here("rel/b.xml") == "rel/b.xml"


# --- finding 13: an interrupted build keeps the work done -----------------------------------------


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_killed_build_keeps_the_records_it_finished(tmp_path):
    """A build killed (SIGKILL, no clean-up) after some records: the next build takes those from the
    journal instead of encoding them again, and its outputs are byte for byte a clean build's."""
    import signal
    import subprocess
    import sys
    import time

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted(FIXTURES.glob("*.txt"))[:10]:
        shutil.copy(path, corpus)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0"}

    def command(out: Path) -> list[str]:
        return [sys.executable, "-m", "tei_encoder.cli", "build", str(corpus), "-o", str(out), "-j", "1"] + [
            "--no-search",
            "--authority",
            str(AUTHORITY),
        ]

    out = tmp_path / "out"
    journal = out / ".tei-encoder" / "records-done.jsonl"
    build = subprocess.Popen(command(out), env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while build.poll() is None and time.monotonic() < deadline:
        if journal.exists() and journal.read_bytes().count(b"\n") >= 3:  # the identity and two records
            build.send_signal(signal.SIGKILL)
            break
        time.sleep(0.005)
    assert build.wait() == -signal.SIGKILL, "the build finished before it could be killed"
    assert not (out / ".tei-encoder" / "records.json").exists()  # the state of a build that finished: none

    stats = tmp_path / "stats.json"
    again = subprocess.run(
        [*command(out), "--stats", str(stats)], env=env, cwd=tmp_path, capture_output=True, text=True
    )
    assert again.returncode == 0, again.stderr
    summary = json.loads(stats.read_text())
    assert summary["encoded"] == 10 and summary["resumed"] >= 2, again.stderr
    assert "done by a build that did not finish" in again.stderr
    assert not journal.exists()  # the state is saved: the journal is done with

    clean = tmp_path / "clean"
    assert subprocess.run(command(clean), env=env, cwd=tmp_path, capture_output=True).returncode == 0
    for part in ("tei", "site"):
        assert _tree(out / part) == _tree(clean / part), part
    # and the state is that of a clean build: nothing is done again
    third = subprocess.run(
        [*command(out), "--stats", str(stats)], env=env, cwd=tmp_path, capture_output=True, text=True
    )
    assert json.loads(stats.read_text())["encoded"] == 0, third.stderr


def test_a_journal_line_whose_outputs_changed_is_encoded_again(tmp_path):
    """The journal is a hint, never trusted: a TEI file changed since (or another configuration's
    journal) makes the record encoded as any other."""
    from tei_encoder.build import JOURNAL

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted(FIXTURES.glob("*.txt"))[:2]:
        shutil.copy(path, corpus)
    out = tmp_path / "out"
    args = ["build", corpus, "-o", out, "-j", "1", "--no-search", "--authority", AUTHORITY, "--stats"]
    assert run(*args, tmp_path / "s1.json").exit_code == 0
    state = out / ".tei-encoder"
    records = json.loads((state / "records.json").read_text())
    identity = {k: records[k] for k in ("format", "version", "config", "authority")} | {"site": records["site"]}
    lines = [identity] + [{**entry, "name": name} for name, entry in records["records"].items()]
    (state / "records.json").unlink()  # as a build killed before it saved its state leaves it
    (state / JOURNAL).write_text("".join(json.dumps(x) + "\n" for x in lines) + '{"torn', encoding="utf-8")
    name = sorted(records["records"])[0]
    tei = out / "tei" / f"{name}.xml"
    tei.write_bytes(tei.read_bytes().replace(b"</TEI>", b"<!-- edited --></TEI>"))
    result = run(*args, tmp_path / "s2.json")
    assert result.exit_code == 0, result.output
    summary = json.loads((tmp_path / "s2.json").read_text())
    assert (summary["encoded"], summary["resumed"]) == (2, 1)
    assert b"edited" not in tei.read_bytes()


def test_a_fresh_edition_built_as_init_says_has_a_neutral_title_and_its_own_look(tmp_path, monkeypatch):
    """#15 (F15): the next step init prints builds with the site/ it put in place, and a fresh
    edition is titled with the neutral UI string, not the project's demo title."""
    from tei_encoder.publish import DEFAULT_TITLE, NEUTRAL_TITLE, ui_strings

    folder = tmp_path / "ed"
    result = run("init", folder, "--requirement", "tei-encoder")
    assert result.exit_code == 0, result.output
    command = shlex.split(result.output.split("next: ", 1)[1].strip())
    assert command[:2] == ["cd", str(folder)] and command[3] == "tei-encoder"
    monkeypatch.chdir(folder)
    built = run(*command[4:])
    assert built.exit_code == 0, built.output
    index = (folder / "build" / "site" / "index.html").read_text(encoding="utf-8")
    assert "custom.css" in index  # the edition's own stylesheet is linked
    assert DEFAULT_TITLE not in index and ui_strings(None)[NEUTRAL_TITLE] in index
    # the example about page init put in place is built and listed in the navigation (#15, F21)
    assert '<a href="about.html">About</a>' in index
    assert "About this edition" in (folder / "build" / "site" / "about.html").read_text(encoding="utf-8")
