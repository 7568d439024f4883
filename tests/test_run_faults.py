"""Faults and messages of a running build (#13): what the file system, the terminal or a second
run does must not change the output or leak a traceback."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from conftest import AUTHORITY, record

from tei_encoder import search
from tei_encoder.cli import main

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
def test_search_index_does_not_depend_on_the_order_the_file_system_lists_pages(monkeypatch):
    """The same pages made in two orders on tmpfs (which lists them in that order) give the same
    index, byte for byte (Pagefind's own walk took them in listing order), whether its shards are
    indexed one after the other or side by side."""
    monkeypatch.setattr(search, "PAGES_PER_SHARD", 4)  # 12 pages: 4 shards
    shm = Path("/dev/shm")
    root = Path(tempfile.mkdtemp(dir=shm if shm.is_dir() and os.access(shm, os.W_OK) else None))
    try:
        pages = list(range(12))
        first = _site_made_in_order(root / "a", pages)
        second = _site_made_in_order(root / "b", pages[::-1])
        assert [e.name for e in os.scandir(first / "docs")] != [e.name for e in os.scandir(second / "docs")] or (
            shm not in root.parents
        )
        shards = search.build_search_index(first, jobs=1)
        assert search.build_search_index(second, jobs=3) == shards and len(shards) == 3  # of 4: one is empty
        index_a, index_b = _tree(first / search.SEARCH_DIR), _tree(second / search.SEARCH_DIR)
        assert sum(name.endswith("pagefind-entry.json") for name in index_a) == 3
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


def _path_parameters() -> list[tuple[list[str], str, click.Path]]:
    """Every path option and argument of every command that click checks as it parses (a folder
    only, a file only, or one that must exist): (command words, the option's name or '' for an
    argument, its type)."""
    found = []

    def walk(command: click.Command, words: list[str]) -> None:
        if isinstance(command, click.Group):
            for name, sub in command.commands.items():
                walk(sub, [*words, name])
            return
        for param in command.params:
            path = param.type
            if isinstance(path, click.Path) and not (path.file_okay and path.dir_okay and not path.exists):
                found.append((words, param.opts[0] if isinstance(param, click.Option) else "", param.type))

    walk(main, [])
    return found


@pytest.mark.parametrize(
    "words,option,kind", _path_parameters(), ids=lambda v: " ".join(v) if isinstance(v, list) else v
)
def test_every_path_parameter_refuses_the_wrong_kind_of_path_in_one_line(tmp_path, words, option, kind):
    """`publish -o FILE` printed click's 4-line usage text while `build -o FILE` said it in one line:
    every path option and argument of every command names the wrong thing (a file where a folder
    is needed, a folder where a file is, nothing where something must be) in one line, exit 2."""
    a_file, a_folder = tmp_path / "a_file", tmp_path / "a_folder"
    a_file.write_text("x", encoding="utf-8")
    a_folder.mkdir()
    wrong = a_file if not kind.file_okay else a_folder if not kind.dir_okay else tmp_path / "missing"
    args = [*words, *([option] if option else []), str(wrong)]
    result = CliRunner().invoke(main, args)
    lines = result.stderr.splitlines()
    assert result.exit_code == 2 and len(lines) == 1 and lines[0].startswith("tei-encoder: error: "), result.stderr
    assert "a_file" in lines[0] or "a_folder" in lines[0] or "missing" in lines[0], lines


FORMULA_TEI = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="sheet">
<teiHeader><fileDesc><titleStmt><title>Invented minutes</title></titleStmt><publicationStmt><p>Test.</p></publicationStmt>
<sourceDesc><p>Invented.</p></sourceDesc></fileDesc></teiHeader>
<text><body><div><p><persName ref="#p1">=SUM(4,5)</persName> met <placeName ref="#l1">@NOW()</placeName>,
<orgName ref="#o1">+calc|' /x'!Z9</orgName> and <persName ref="#p2">-2+3</persName>.</p></div></body></text>
<standOff><listPerson><person xml:id="p1"><persName>=SUM(4,5)</persName></person><person xml:id="p2"><persName>-2+3</persName></person></listPerson>
<listPlace><place xml:id="l1"><placeName>@NOW()</placeName></place></listPlace>
<listOrg><org xml:id="o1"><orgName>+calc|' /x'!Z9</orgName></org></listOrg></standOff></TEI>
"""
FORMULA_START = tuple("=+-@\t\r")


def test_entities_csv_cells_are_never_spreadsheet_formulas(tmp_path):
    """Names from an untrusted TEI file that start like a formula (=, +, -, @) are written with a
    leading apostrophe (OWASP), so a spreadsheet opening the CSV shows them as text; the count
    stays a number."""
    tei = tmp_path / "sheet.xml"
    tei.write_text(FORMULA_TEI, encoding="utf-8")
    result = CliRunner().invoke(main, ["entities", str(tei), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))[1:]
    assert len(rows) == 4, rows
    assert not [cell for row in rows for cell in row if cell.startswith(FORMULA_START)], rows
    assert {row[3] for row in rows} == {"'=SUM(4,5)", "'@NOW()", "'+calc|' /x'!Z9", "'-2+3"}
    assert all(row[4] == "1" for row in rows)


@pytest.mark.parametrize(
    "name", ["=SUM(4,5)", "@NOW()", "+calc|' /x'!Z9", "-2+3", "\tTabbed", "'=quoted", "O'Neill", "Plain"]
)
def test_review_file_cells_are_never_formulas_and_read_back_as_written(tmp_path, name):
    """The review file (`review`) holds names from untrusted records: a formula-like cell is
    neutralised on writing, and `authority apply` reads back exactly the name written."""
    from tei_encoder.authority_edit import ReviewRow, read_review, write_review

    path = tmp_path / "review.csv"
    write_review(path, [ReviewRow(type="person", name=name, id="x1", forms=[name], decision="accept")])
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert not [cell for row in rows for cell in row if cell.startswith(FORMULA_START)], rows
    [(_, row)] = read_review(path)
    assert row["name"] == name.strip() and row["forms"] == name.strip()


CR_NAME = "a\r=2+3 @SUM(1)"  # a record file name holding a carriage return, then a formula


def test_review_file_rows_are_never_split_by_a_carriage_return_and_read_back_exactly(tmp_path):
    """A CR in a cell (a record file's name) was written raw into an unquoted cell: readers ended the
    row there and the rest began a new row with a formula cell. Quoted, the row stays one row."""
    from tei_encoder.authority_edit import ReviewRow, read_review, write_review

    path = tmp_path / "review.csv"
    context = f"{CR_NAME}: Ann Vole met the warden."
    row = ReviewRow(type="person", name="Ann Vole", id="x1", forms=["Ann Vole"], decision="accept")
    row.records, row.context = [CR_NAME, "b"], context
    write_review(path, [row])
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8"), newline="")))
    assert len(rows) == 2 and len({len(r) for r in rows}) == 1, rows
    assert not [cell for r in rows for cell in r if cell.startswith(FORMULA_START)], rows
    [(_, back)] = read_review(path)
    assert back["records"] == f"{CR_NAME} b" and back["context"] == context


def test_entities_csv_rows_are_never_split_by_a_carriage_return():
    from tei_encoder.entity_report import EntityRow, render

    text = render([EntityRow(record=CR_NAME, entity="x1", type="person", name="Ann Vole", mentions=2)], "csv")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) == 2 and rows[1][0] == CR_NAME and rows[1][4] == "2", rows


# characters str.splitlines() breaks a line at, besides \n and \r (a file name may hold any of them):
# jing is given the first three; the C0 controls are refused up front, as 0x1C always was
LINE_BREAKERS = {
    "\u2028": "invalid",
    "\u2029": "invalid",
    "\u0085": "invalid",
    "\x0b": "not checked",
    "\x1d": "not checked",
}


def test_names_with_line_breaking_characters_do_not_break_the_reading_of_jing_report(tmp_path):
    """jing's report names each file; read with str.splitlines(), a name holding U+2028 (or
    U+2029, U+0085) split its line: the errors were said to be "in included file y.xml" and the
    file "not checked". Each such file is reported invalid with its own errors; a name with a C0
    control (VT, GS) is refused up front, saying why, in every format alike."""
    for n, char in enumerate(LINE_BREAKERS):
        (tmp_path / f"z{n}{char}y.xml").write_text(
            '<TEI xmlns="http://www.tei-c.org/ns/1.0"><x/></TEI>', encoding="utf-8"
        )
    result = CliRunner().invoke(main, ["validate", "--format", "json", str(tmp_path)])
    report = json.loads(result.stdout)
    statuses = {Path(f["file"]).name[:2]: f["status"] for f in report["files"]}
    assert statuses == {f"z{n}": status for n, status in enumerate(LINE_BREAKERS.values())}, result.stdout
    messages = [json.dumps(f) for f in report["files"]]
    assert not [m for m in messages if "included file" in m or "jing stopped" in m], messages
    assert all("rename the file" in m for m in messages if '"not checked"' in m), messages


HOLD_THE_BUILD_LOCK = """
import fcntl, os, sys
state = os.path.join(sys.argv[1], ".tei-encoder")
os.makedirs(state, exist_ok=True)
fd = os.open(os.path.join(state, "lock"), os.O_RDWR | os.O_CREAT)
fcntl.flock(fd, fcntl.LOCK_EX)
print("held", flush=True)
sys.stdin.read()  # until the test closes it
"""


def test_a_second_build_into_the_same_folder_is_refused_in_one_line(tmp_path):
    """Two builds into one folder at once: the second said "disk I/O error" on summaries.sqlite.
    While another process holds the folder's build lock, a build is refused at once with one line
    naming the folder, writes nothing, and exits 1; once the lock is let go, it builds."""
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    (corpus / "rec1.txt").write_text(record("The delegates agreed on the agenda.\n"), encoding="utf-8")
    script = tmp_path / "hold.py"
    script.write_text(HOLD_THE_BUILD_LOCK, encoding="utf-8")
    holder = subprocess.Popen(
        [sys.executable, str(script), str(out)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        args = ["build", str(corpus), "-o", str(out), "-j", "1", "--no-search", "--authority", str(AUTHORITY), "-q"]
        refused = CliRunner().invoke(main, args)
        lines = refused.stderr.splitlines()
        assert refused.exit_code == 1 and len(lines) == 1, refused.stderr
        assert str(out) in lines[0] and "another build is writing into this folder" in lines[0]
        assert not (out / "tei").exists() and not (out / "site").exists()
    finally:
        holder.communicate("", timeout=30)
    built = CliRunner().invoke(main, args)
    assert built.exit_code == 0, built.stderr
    assert (out / "tei" / "rec1.xml").is_file()


def _corpus_with_files_not_taken(folder: Path) -> Path:
    folder.mkdir()
    (folder / "sub").mkdir()
    text = record("The committee heard the report.\n")
    for name in ("rec.txt", *NOT_TAKEN):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


NOT_TAKEN = {
    ".hidden.txt": "hidden file",
    ".txt": "hidden file",  # a name that is all suffix
    "blank.txt ": "its name ends in white space",
    "LOUD.TXT": "its suffix is .TXT, not .txt",
    "sub/inner.txt": "in a sub-folder",
}


@pytest.mark.parametrize("command", ["encode", "entities", "build", "review"])
def test_every_command_takes_the_same_records_from_a_folder_and_names_each_file_it_leaves(tmp_path, command):
    """`build` passed over `.record.txt`, `X.TXT` and `sub/x.txt` in silence while `encode` and
    `entities` read `.record.txt`. One rule (inputs.not_taken): a folder's records are its own
    `*.txt` files (lowercase suffix, no leading dot); every other file named like one is one
    line naming it and why, counted, and the exit status is 1."""
    corpus = _corpus_with_files_not_taken(tmp_path / "corpus")
    extra = {
        "encode": ["-o", str(tmp_path / "out")],
        "entities": [],
        "build": ["-o", str(tmp_path / "out"), "-j", "1", "--no-search"],
        "review": ["-o", str(tmp_path / "review.csv")],
    }[command]
    result = CliRunner().invoke(main, [command, str(corpus), "--authority", str(AUTHORITY), *extra])
    assert result.exit_code == 1, result.output
    for name, reason in NOT_TAKEN.items():
        lines = [line for line in result.stderr.splitlines() if line.startswith(f"{corpus / name}: ")]
        assert len(lines) == 1 and reason in lines[0], (name, result.stderr)
    if command in ("encode", "build"):
        assert sorted(p.name for p in (tmp_path / "out").rglob("*.xml") if "site" not in p.parts) == ["rec.xml"]


def test_build_names_a_record_name_with_an_invisible_character_a_dot_or_a_tilde_after_its_suffix(tmp_path):
    """`e.txt` + U+200B looks exactly like e.txt in a listing; `a.txt.` and `a.txt~` (an editor's
    backup) were passed over in silence as well: each is one line naming it (inputs.not_taken)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = record("The committee heard the report.\n")
    ends = "looks like a record but its name ends in"
    holds = "its name holds a record suffix but does not end in it"
    odd = {
        "e.txt\u200b": f"{ends} '\\u200b'",
        "a.txt.": f"{ends} '.'",
        "a.txt~": f"{ends} '~'",
        "b.txt\u2060.": f"{ends} '\\u2060.'",
        "t.tx\u200bt": f"{holds} ('t.tx\\u200bt')",  # a suffix split by an invisible character
        "x.txt.bak": f"{holds} ('x.txt.bak')",
        "y.txt.orig": f"{holds} ('y.txt.orig')",
    }
    for name in ("rec.txt", *odd):
        (corpus / name).write_text(text, encoding="utf-8")
    args = ["build", str(corpus), "-o", str(tmp_path / "out"), "-j", "1", "--no-search", "--authority", str(AUTHORITY)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    for name, said in odd.items():
        lines = [line for line in result.stderr.splitlines() if line.startswith(f"{corpus / name}: ")]
        assert len(lines) == 1 and said in lines[0], (name, result.stderr)
    assert [p.name for p in (tmp_path / "out" / "tei").glob("*.xml")] == ["rec.xml"]


def test_not_taken_names_every_name_holding_the_suffix_read_without_invisible_characters(tmp_path):
    from tei_encoder.inputs import not_taken

    (tmp_path / "sub").mkdir()
    names = ["x.txt.bak", "y.txt.orig", "t.tx\u200bt", "u.t\u00adxt", "sub/z.txt.bak", "rec.txt", "notes.md"]
    for name in names:
        (tmp_path / name).write_text("text", encoding="utf-8")
    named = {str(path.relative_to(tmp_path)) for path, _ in not_taken(tmp_path, (".txt",))}
    assert named == {"x.txt.bak", "y.txt.orig", "t.tx\u200bt", "u.t\u00adxt", "sub/z.txt.bak"}


def test_review_of_a_corpus_holding_only_files_not_taken_names_them(tmp_path):
    corpus = _corpus_with_files_not_taken(tmp_path / "corpus")
    (corpus / "rec.txt").unlink()
    result = CliRunner().invoke(main, ["review", str(corpus), "-o", str(tmp_path / "review.csv")])
    assert result.exit_code == 1, result.output
    for name, reason in NOT_TAKEN.items():
        assert f"{corpus / name}: error: {reason}" in result.stderr
    assert "the corpus is empty: the 5 files named above are not read" in result.stderr


def test_validate_names_each_tei_file_it_leaves_in_a_folder(tmp_path):
    """validate (which searches sub-folders) leaves hidden files and wrong-case suffixes, each named."""
    folder = tmp_path / "tei"
    folder.mkdir()
    for name in (".draft.xml", "SHOUT.XML", ".xml", "blank.xml "):
        (folder / name).write_text("<TEI/>", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(folder)])
    assert result.exit_code == 1, result.output
    assert "hidden file" in result.output and "its suffix is .XML, not .xml" in result.output
    assert f"{folder / '.xml'}: error: hidden file" in result.output
    assert f"{folder / 'blank.xml '}: error: its name ends in white space" in result.output


def _authority_file(xml_id: str, name: str) -> str:
    return (
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Persons</title></titleStmt>'
        "<publicationStmt><p>Invented.</p></publicationStmt><sourceDesc><p>Invented.</p></sourceDesc></fileDesc>"
        f'</teiHeader><standOff><listPerson><person xml:id="{xml_id}"><persName type="preferred">{name}</persName>'
        "</person></listPerson></standOff></TEI>\n"
    )


def test_an_authority_folder_follows_the_one_rule_hidden_files_unread_and_every_other_file_named(tmp_path):
    """A hidden `.backup.xml` was read (its entries linked), `X.XML` and `sub/s.xml` passed over in
    silence: now none is read and `authority check` names each in one line (exit 1)."""
    from tei_encoder.authority import load_authority

    folder = tmp_path / "corpus" / "authority"
    (folder / "sub").mkdir(parents=True)
    (folder / "persons.xml").write_text(_authority_file("av", "Ann Vole"), encoding="utf-8")
    others = {".backup.xml": "hidden file", "EXTRA.XML": "its suffix is .XML", "sub/s.xml": "in a sub-folder"}
    for n, name in enumerate(others):
        (folder / name).write_text(_authority_file(f"x{n}", f"Quill Ottersby{n}"), encoding="utf-8")
    assert set(load_authority((folder,)).entries) == {"av"}
    result = CliRunner().invoke(main, ["authority", "check", str(tmp_path / "corpus")])
    assert result.exit_code == 1, result.output
    for name, reason in others.items():
        assert len([line for line in result.output.splitlines() if line.startswith(f"{folder / name}")]) == 1
        assert reason in result.output
    assert "authority check: 1 file, 3 problems" in result.stderr


def test_ctrl_c_while_the_command_line_is_imported_is_one_line(monkeypatch, capfd):
    """A Ctrl-C in the first tenth of a second (the command line still being imported) ends in one
    line and exit status 130, as later: the console script's entry point imports the command line
    inside its handler, so no KeyboardInterrupt traceback."""
    import importlib.abc
    import tomllib

    from tei_encoder import console

    pyproject = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["scripts"]["tei-encoder"] == "tei_encoder.console:main"

    class Interrupting(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path, target=None):
            if name == "tei_encoder.cli":
                raise KeyboardInterrupt  # Ctrl-C while the module is being imported
            return None

    monkeypatch.delitem(sys.modules, "tei_encoder.cli")
    monkeypatch.setattr(sys, "meta_path", [Interrupting(), *sys.meta_path])
    with pytest.raises(SystemExit) as ended:
        console.main()
    assert ended.value.code == 130
    assert capfd.readouterr().err == "tei-encoder: interrupted\n"
