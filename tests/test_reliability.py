"""Issue 13, one test per kind: hostile names, sizes, encodings, links, authority files, file
permissions, active content in TEI downloads, and the last line of defence of the CLI."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import AUTHORITY, FIXTURES, SEED, SETTINGS, record
from hypothesis import example, given, settings
from hypothesis import strategies as st
from lxml import etree

import tei_encoder
from tei_encoder.cli import main
from tei_encoder.model import Node
from tei_encoder.pipeline import encode_record
from tei_encoder.publish import inert_tei
from tei_encoder.write import _node

NS = {"t": "http://www.tei-c.org/ns/1.0"}


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def error_lines(result) -> list[str]:
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return [line for line in result.stderr.splitlines() if "error:" in line]


def encode_to(tmp_path: Path, data: bytes, *extra: str, name: str = "rec.txt"):
    src = tmp_path / name
    src.write_bytes(data)
    out = tmp_path / "out.xml"
    return invoke("encode", str(src), "-o", str(out), "--authority", str(AUTHORITY), *extra), out


# --- characters and encodings --------------------------------------------------------------------


def test_c1_controls_and_csi_sequences_removed_with_warning(tmp_path):
    # SS3 (U+008F) separates nothing and is removed; NEL (U+0085) ends a line (test_read.py)
    body = "The \x9b31mred\x9b0m text and a single-shift\x8f mark, a \x1b[1mbold\x1b[0m word.\n"
    result, out = encode_to(tmp_path, record(body).encode("utf-8"))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert not any(0x80 <= ord(c) <= 0x9F or c == "\x1b" for c in text)
    assert "The red text and a single-shift mark, a bold word." in text
    assert "terminal control sequence" in result.stderr and "control characters" in result.stderr


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_without_bom_gets_a_hint(tmp_path, codec):
    data = record("A paragraph of text.\n").encode(codec)
    result, out = encode_to(tmp_path, data)
    [line] = error_lines(result)
    assert f"without a byte-order mark; pass --encoding {codec}" in line and result.exit_code == 1
    result, out = encode_to(tmp_path, data, "--encoding", codec)
    assert result.exit_code == 0 and "A paragraph of text." in out.read_text(encoding="utf-8")


# --- sizes -----------------------------------------------------------------------------------------


def test_size_limit_checked_before_reading_and_raisable(tmp_path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:  # sparse: 8 GB on paper, nothing on disk
        handle.truncate(8 * 1024**3)
    started = time.perf_counter()
    result = invoke("encode", str(huge), "-o", str(tmp_path / "huge.xml"), "--authority", str(AUTHORITY))
    assert time.perf_counter() - started < 5
    [line] = error_lines(result)
    assert "8192 MB, over the 64 MB limit" in line and "pass --max-record-size MB" in line
    small = record("Short text.\n" * 200).encode()
    result, _ = encode_to(tmp_path, small, "--max-record-size", "0.001")
    [line] = error_lines(result)
    assert "over the 0.00 MB limit" in line or "limit for one record" in line
    result, out = encode_to(tmp_path, small, "--max-record-size", "1")
    assert result.exit_code == 0 and out.exists()


def test_build_checks_a_records_size_before_reading_it(tmp_path, monkeypatch):
    """build hashed a whole record before any size check (64 GB sparse: MemoryError, no file
    named): now it refuses it unread, in encode's words, and hashes other records in chunks."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    with (corpus / "huge.txt").open("wb") as handle:  # sparse: 8 GB on paper, nothing on disk
        handle.truncate(8 * 1024**3)

    read_bytes = Path.read_bytes

    def whole_file(self):
        if self.name == "huge.txt":
            raise AssertionError(f"{self} read whole into memory")
        return read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", whole_file)
    result = invoke("build", str(corpus), "-o", str(tmp_path / "out"), "--no-search", "--authority", str(AUTHORITY))
    [line] = error_lines(result)
    assert line.startswith(f"{corpus / 'huge.txt'}: error: file is 8192 MB, over the 64 MB limit"), line
    assert "pass --max-record-size MB" in line and result.exit_code == 1
    from tei_encoder.read import record_digest

    monkeypatch.undo()
    (corpus / "small.txt").write_bytes(b"x" * 300_000)
    assert record_digest(corpus / "small.txt") == hashlib.sha256(b"x" * 300_000).hexdigest()


def test_a_fifo_is_refused_not_waited_on(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result = invoke("encode", str(fifo), "-o", str(tmp_path / "x.xml"), "--authority", str(AUTHORITY))
    [line] = error_lines(result)
    assert "not a regular file" in line


def test_many_short_lines_encode_in_linear_time(tmp_path):
    """10,000 short lines took 14 s when text was concatenated node by node; now well under a second."""
    lines = "\n".join(("Agreed.", "", "Noted", "x")[i % 4] for i in range(10_000))
    started = time.perf_counter()
    result, out = encode_to(tmp_path, record(lines + "\n").encode())
    assert result.exit_code == 0, result.output
    assert time.perf_counter() - started < 8


def _calls_to_encode(tmp_path: Path, body: str) -> int:
    """How many of the package's Python functions (generators included) run while `body` is encoded:
    a count of work that, unlike a time, other processes on the machine cannot change."""
    package = str(Path(tei_encoder.__file__).parent)
    calls = 0

    def count(frame, _event, _arg) -> None:  # called on "call" events only; None: no line events
        nonlocal calls
        if frame.f_code.co_filename.startswith(package):
            calls += 1

    path = tmp_path / "record.txt"
    path.write_text(record(body), encoding="utf-8")
    sys.settrace(count)
    try:
        result = encode_record(path, SETTINGS, check=False)  # the checks are timed elsewhere
    finally:
        sys.settrace(None)
    assert result.ok, result.error
    return calls


def test_one_paragraph_of_names_and_sic_marks_is_encoded_in_linear_work(tmp_path):
    """Every name of a paragraph was checked against every supplied or sic element of it: 20,000
    copies of "word Castro [sic] " took 77 s. Four times the copies must now cost about four times the
    work (it cost about nine times before), counted in function calls, not timed."""
    unit = "word Castro [sic] "
    _calls_to_encode(tmp_path, unit * 10)  # warm up the caches of names, places and schemas
    small, large = _calls_to_encode(tmp_path, unit * 150), _calls_to_encode(tmp_path, unit * 600)
    assert large < 5 * small, (small, large)


def test_node_text_runs_are_joined_in_order():
    node = Node("p", {}, ["a", "b", Node("hi", {}, ["x", "y"]), "c", "d", Node("lb", {}, []), "e"])
    el = _node(node)
    assert el.text == "ab" and el[0].text == "xy" and el[0].tail == "cd" and el[1].tail == "e"


# --- names of files ----------------------------------------------------------------------------------


def test_hostile_file_names_stay_on_one_line(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    name = os.fsdecode(b"bad\xff\nname\x1b[2J.txt")
    (folder / name).write_bytes(b"")  # empty: an error that names the file
    result = invoke("encode", str(folder), "-o", str(tmp_path / "out"), "--authority", str(AUTHORITY))
    [line] = error_lines(result)
    assert "bad\\xff\\nname\\x1b[2J.txt: error: file is empty" in line


@pytest.mark.parametrize("fmt", ["text", "json", "junit", "github"])
def test_validate_reports_any_file_name(tmp_path, fmt):
    tei = tmp_path / "tei"
    tei.mkdir()
    assert invoke("encode", str(SEED), "-o", str(tei / "good.xml"), "--authority", str(AUTHORITY)).exit_code == 0
    shutil.copy(tei / "good.xml", tei / os.fsdecode(b"ctl\x01\x7f\xfe\nname.xml"))
    (tei / os.fsdecode(b"broken\xff.xml")).write_bytes(b"<TEI>")
    (tei / "rtl\u202egnp.xml").write_bytes(b"<TEI>")  # a bidi override reorders what a reader sees
    result = invoke("validate", str(tei), "--format", fmt)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    report = result.stdout
    if fmt == "json":
        names = {f["file"] for f in json.loads(report)["files"]}
        assert any(n.endswith("ctl\\x01\\x7f\\xfe\\nname.xml") for n in names)
        assert any(n.endswith("rtl\\u202egnp.xml") for n in names) and not any("\u202e" in n for n in names)
    elif fmt == "junit":
        names = {c.get("name") for c in etree.fromstring(report.encode()).iter("testcase")}
        assert any(n.endswith("broken\\xff.xml") for n in names)
        assert any(n.endswith("rtl\\u202egnp.xml") for n in names) and not any("\u202e" in n for n in names)
    else:
        assert "broken\\xff.xml" in report and "\nname.xml" not in report
        assert "rtl\\u202egnp.xml" in report and "\u202e" not in report


# --- links -----------------------------------------------------------------------------------------------


def test_symlinks_in_a_corpus_are_refused_unless_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.copy(FIXTURES / "letter.txt", outside / "private.txt")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(FIXTURES / "minutes.txt", corpus / "minutes.txt")
    (corpus / "private.txt").symlink_to(outside / "private.txt")
    out = tmp_path / "out"
    result = invoke("build", str(corpus), "-o", str(out), "-q", "--authority", str(AUTHORITY))
    [line] = error_lines(result)
    assert result.exit_code == 1 and "private.txt: error: symbolic link, not followed" in line
    assert not (out / "site" / "tei" / "private.xml").exists() and (out / "site" / "tei" / "minutes.xml").exists()
    result = invoke("build", str(corpus), "-o", str(out), "-q", "--authority", str(AUTHORITY), "--follow-symlinks")
    assert result.exit_code == 0, result.output
    assert (out / "site" / "tei" / "private.xml").exists()


def test_symlinked_folder_and_link_loop_in_validate(tmp_path):
    tei = tmp_path / "tei"
    tei.mkdir()
    assert invoke("encode", str(SEED), "-o", str(tei / "a.xml"), "--authority", str(AUTHORITY)).exit_code == 0
    (tei / "loop").symlink_to(tei)
    result = invoke("validate", str(tei))
    assert result.exit_code == 1 and "loop: error: symbolic link, not followed" in result.stdout
    result = invoke("validate", str(tei), "--follow-symlinks")
    assert result.exit_code == 0 and "1 file: 1 valid" in result.stdout  # the loop is read once


# --- authority files --------------------------------------------------------------------------------


ENTRY = '<listPerson xmlns="http://www.tei-c.org/ns/1.0">\n<person xml:id="{id}"><persName>Ann Example</persName>{idno}</person>\n</listPerson>\n'


@pytest.mark.parametrize(
    "content, expected",
    [
        (
            b'<listPerson xmlns="http://www.tei-c.org/ns/1.0">\n<person>\n</listPerson>\n',
            "people.xml:3: not well-formed XML",
        ),
        (
            b'<!DOCTYPE x [<!ENTITY a "b">]><listPerson/>',
            "people.xml:1: refused: the file declares a DOCTYPE",
        ),
        (bytes(range(256)) * 4, "people.xml:1: refused: not text: NUL bytes at offset 0"),
        (None, "people.xml: is a folder, not an authority file"),
        (
            ENTRY.format(id="p1", idno='<idno type="isni">1</idno>').encode(),
            "people.xml:2: authority entry p1: idno type 'isni'",
        ),
        (
            ENTRY.format(id="1 bad", idno="").encode(),
            "people.xml:2: authority entry xml:id '1 bad' is not an XML name (NCName)",
        ),
    ],
    ids=["malformed", "doctype", "binary", "folder", "idno-type", "xml-id"],
)
@pytest.mark.parametrize("command", ["encode", "build"])
def test_broken_authority_file_is_one_usage_error(tmp_path, content, expected, command):
    authority = tmp_path / "authority"
    shutil.copytree(AUTHORITY, authority)
    if content is None:
        (authority / "people.xml").mkdir()
    else:
        (authority / "people.xml").write_bytes(content)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("letter", "minutes"):
        shutil.copy(FIXTURES / f"{name}.txt", corpus)
    target = ["-o", str(tmp_path / "out")]
    result = invoke(command, str(corpus), *target, "--authority", str(authority))
    assert result.exit_code == 2, result.output
    [line] = error_lines(result)
    assert expected in line and "internal error" not in line
    assert not (tmp_path / "out" / "letter.xml").exists() and not (tmp_path / "out" / "tei").exists()


@pytest.mark.parametrize(
    "content, expected",
    [
        (ENTRY.format(id="p1", idno='<idno type="isni">1</idno>').encode(), "people.xml:2: error: authority entry p1"),
        (b"<!DOCTYPE x [<!ENTITY a 'b'>]><listPerson/>", "people.xml:1: error:"),
        (b'<listPerson xmlns="http://www.tei-c.org/ns/1.0">\n<person>\n</listPerson>\n', "people.xml:3: error:"),
    ],
    ids=["idno-type", "doctype", "malformed"],
)
def test_authority_check_finds_what_encode_refuses(tmp_path, content, expected):
    """`authority check` passed an idno type that build and encode refuse: one check, shared."""
    authority = tmp_path / "authority"
    shutil.copytree(AUTHORITY, authority)
    (authority / "people.xml").write_bytes(content)
    result = invoke("authority", "check", "--authority", str(authority))
    # a file that cannot be used at all is a usage error (2), as in build; a finding in a usable one, 1
    assert result.exit_code == (1 if b"idno" in content else 2), result.output
    assert any(expected in line for line in result.output.splitlines()), result.output
    if b"idno" in content:
        assert "idno type 'isni' is not one the project schema allows" in result.output


# --- outputs --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("mask, mode", [(0o022, 0o644), (0o027, 0o640)])
def test_outputs_honour_the_umask(tmp_path, mask, mode):
    old = os.umask(mask)
    try:
        corpus = tmp_path / "corpus"
        corpus.mkdir()
        shutil.copy(FIXTURES / "letter.txt", corpus)
        assert (
            invoke("build", str(corpus), "-o", str(tmp_path / "out"), "-q", "--authority", str(AUTHORITY)).exit_code
            == 0
        )
    finally:
        os.umask(old)
    files = [p for p in (tmp_path / "out").rglob("*") if p.is_file()]
    assert files and {stat.S_IMODE(p.stat().st_mode) for p in files} == {mode}


def test_encode_never_writes_invalid_tei(tmp_path, monkeypatch):
    import tei_encoder.pipeline as pipeline

    real = pipeline.tei_tree

    def broken_tree(doc, change_date=None):  # stands in for any bug that makes invalid TEI
        root = real(doc, change_date)
        etree.SubElement(root, "{http://www.tei-c.org/ns/1.0}notAnElement")
        return root

    monkeypatch.setattr(pipeline, "tei_tree", broken_tree)
    out = tmp_path / "seed.xml"
    result = invoke("encode", str(SEED), "-o", str(out), "--authority", str(AUTHORITY))
    [line] = error_lines(result)
    assert result.exit_code == 1 and "encoded TEI is invalid against the project schema, not written" in line
    assert not out.exists()


def test_a_bug_is_one_line_not_a_traceback(tmp_path, monkeypatch):
    import tei_encoder.pipeline as pipeline

    def crash(path, settings):
        raise RuntimeError("something nobody expected")

    monkeypatch.setattr(pipeline, "encode_record", crash)
    result = invoke("encode", str(SEED), "-o", str(tmp_path / "x.xml"), "--authority", str(AUTHORITY))
    [line] = error_lines(result)
    assert result.exit_code == 1
    assert line == "tei-encoder: error: internal error: RuntimeError: something nobody expected (please report it)"


# --- active content in the TEI downloads ---------------------------------------------------------------

HOSTILE_TEI = b"""<?xml version="1.0" encoding="UTF-8"?>
<?xml-stylesheet type="text/xsl" href="data:text/xsl,evil"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:h="http://www.w3.org/1999/xhtml"
     xmlns:s="http://www.w3.org/2000/svg" xmlns:xl="http://www.w3.org/1999/xlink" xml:id="hostile">
  <teiHeader><fileDesc><titleStmt><title>Hostile</title></titleStmt>
    <publicationStmt><p>Test.</p></publicationStmt><sourceDesc><p>Invented.</p></sourceDesc></fileDesc></teiHeader>
  <text><body><div>
    <p>Before<h:script>window.parent.pwned = 1; alert(1)</h:script> after.</p>
    <p><s:svg onload="alert(2)"><s:script>alert(3)</s:script></s:svg>Kept text.</p>
    <p><h:img src="x" onerror="alert(4)"/><ref target="javascript:alert(5)" xl:href="javascript:alert(6)">a link</ref></p>
    <p onclick="alert(7)">Clickable?</p>
  </div></body></text>
</TEI>
"""


def test_downloads_are_made_inert():
    data, removed = inert_tei(HOSTILE_TEI)
    tree = etree.fromstring(data)
    assert b"alert" not in data and b"xml-stylesheet" not in data
    # named, each with its count (elements inside one removed whole are not counted again)
    assert removed == (
        "removed active content a browser would run or load: <?xml-stylesheet?>, <html:script>, <svg:script>,"
        " @onclick, @onerror, @onload, @src of <html:img>, @target holding a javascript: URL, @xlink:href"
        " holding a javascript: URL"
    )
    assert [" ".join(p.xpath("string()").split()) for p in tree.iterfind(".//t:body//t:p", NS)] == [
        "Before after.",
        "Kept text.",
        "a link",
        "Clickable?",
    ]
    own = (
        b'<?xml version="1.0"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>Fine.</p></body></text></TEI>'
    )
    assert inert_tei(own) == (own, "")  # TEI with nothing active is left byte for byte


@pytest.mark.parametrize(
    "hidden",
    [
        '<ref target="java&#115;cript:alert(1)">spelt with a character reference</ref>',
        '<ref target=" JavaScript\t:alert(1)">upper case and a tab</ref>',
        '<ref target="\u00a0data\u2003:text/html,x">Unicode spaces around the scheme</ref>',
        '<ref target="vb script:x">a space inside the scheme</ref>',
        '<p ONCLICK="alert(1)">an upper-case handler</p>',
        '<p\n  onmouseover = "alert(1)">a handler after a line break</p>',
        '<?XML-Stylesheet href="x.xsl"?><p>an instruction in capitals</p>',
    ],
)
def test_the_quick_look_at_a_download_never_passes_what_the_full_check_removes(hidden):
    # inert_tei skips parsing TEI whose bytes cannot hold active content: each of these can
    tei = f'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>{hidden}<p>Kept.</p></body></text></TEI>'
    data = tei.encode()
    out, removed = inert_tei(data)
    assert removed and out != data


_ON_LOOKS_AT = b"on =<>/\t\n\r\x0b\x0cxO"  # what the regex below tells apart
_ON_ALPHABET = bytes(_ON_LOOKS_AT[i % len(_ON_LOOKS_AT)] for i in range(256))  # every byte as one of them


@given(st.binary(max_size=24).map(lambda b: b.translate(_ON_ALPHABET)))
@example(b"on=")
@example(b"xon =")
@example(b"<p\x0bonO\t=")
@example(b"/on>=")
@settings(max_examples=500, deadline=None)
def test_the_quick_look_finds_an_on_attribute_exactly_where_the_regex_does(data):
    """_has_on_attribute (a scan for "on", then the white space before it) says what the regex
    of an on… attribute after white space says, on bytes made of what that regex looks at."""
    import re

    from tei_encoder.publish import _has_on_attribute

    assert _has_on_attribute(data) == bool(re.search(rb"\son[^\s=<>/]*\s*=", data))


def test_publish_warns_about_what_it_removed(tmp_path):
    (tmp_path / "hostile.xml").write_bytes(HOSTILE_TEI)
    result = invoke("publish", str(tmp_path / "hostile.xml"), "-o", str(tmp_path / "site"))
    assert "hostile.xml: warning: download copy tei/hostile.xml: removed active content" in result.stderr
    assert b"script" not in (tmp_path / "site" / "tei" / "hostile.xml").read_bytes()
