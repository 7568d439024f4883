"""Inputs and outputs that are not regular files: a named pipe, a socket, a device, a link to
nothing. Nothing is skipped in silence (each is one line naming it and why, counted in the
summary), nothing blocks on a pipe, and no output replaces a device or a pipe by a file.
"""

from __future__ import annotations

import json
import os
import socket
import stat
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import AUTHORITY, SEED
from lxml import etree

from tei_encoder.cli import main
from tei_encoder.fsutil import atomic_write, kind_of
from tei_encoder.xmlsafe import NCNAME_RULE, OLDER_RULES, TEI_NS, XML_NS, bad_xml_ids, is_ncname, parse_xml

XML_ID = f"{{{XML_NS}}}id"

TEI = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>'
    "<titleStmt><title>A constructed letter</title></titleStmt><publicationStmt><p>Nowhere</p></publicationStmt>"
    "<sourceDesc><p>Invented for a test</p></sourceDesc></fileDesc></teiHeader><text><body><p>Some words.</p>"
    "</body></text></TEI>\n"
)


def invoke(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def odd_entries(folder: Path, suffix: str) -> dict[str, str]:
    """A named pipe, a socket and a link to nothing in folder, each named like an input: name -> what it is."""
    os.mkfifo(folder / f"pipe{suffix}")
    (folder / f"dangling{suffix}").symlink_to(folder / f"nowhere{suffix}")
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(folder / f"sock{suffix}"))
    finally:
        sock.close()  # the socket file stays
    return {
        f"pipe{suffix}": "named pipe",
        f"dangling{suffix}": "symbolic link whose target does not exist",
        f"sock{suffix}": "socket",
    }


def assert_each_reported(stderr: str, folder: Path, expected: dict[str, str]) -> None:
    for name, what in expected.items():
        lines = [line for line in stderr.splitlines() if str(folder / name) in line]
        assert len(lines) == 1 and "error:" in lines[0] and what in lines[0], stderr


def test_build_reports_every_entry_it_cannot_read(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "letter.txt").write_bytes(SEED.read_bytes())
    expected = {**odd_entries(corpus, ".txt"), **{k: v for k, v in odd_entries(corpus, ".xml").items()}}
    result = invoke("build", str(corpus), "-o", str(tmp_path / "out"), "--authority", str(AUTHORITY), "--no-search")
    assert result.exit_code == 1
    assert_each_reported(result.stderr, corpus, expected)
    summary = result.stderr.splitlines()[-1]
    assert f"build: {1 + len(expected)} records: 1 encoded" in summary and f"{len(expected)} errors" in summary
    assert (tmp_path / "out" / "tei" / "letter.xml").is_file()


@pytest.mark.parametrize("command", ["validate", "publish"])
def test_validate_and_publish_report_every_entry_they_cannot_read(tmp_path, command):
    folder = tmp_path / "tei"
    folder.mkdir()
    (folder / "good.xml").write_text(TEI, encoding="utf-8")
    expected = odd_entries(folder, ".xml")
    args = [command, str(folder), "--follow-symlinks"]
    result = invoke(*args, *(["-o", str(tmp_path / "site"), "--no-search"] if command == "publish" else []))
    assert result.exit_code == 1
    assert_each_reported(result.stderr if command == "publish" else result.stdout, folder, expected)


def _open_briefly_for_writing(fifo: Path) -> None:
    """Before the fix a reader of the pipe blocked for ever: give it an end of file, so that the
    test fails instead of hanging (after the fix nobody opens the pipe and this gives up)."""
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline:
        try:
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            return
        except OSError:  # no reader yet
            time.sleep(0.05)


@pytest.mark.parametrize("command", ["validate", "publish", "entities"])
def test_a_named_pipe_named_on_the_command_line_is_refused_unread(tmp_path, command):
    fifo = tmp_path / "pipe.xml"
    os.mkfifo(fifo)
    threading.Thread(target=_open_briefly_for_writing, args=(fifo,), daemon=True).start()
    extra = {"publish": ["-o", str(tmp_path / "site"), "--no-search"], "entities": ["--authority", str(AUTHORITY)]}
    result = invoke(command, str(fifo), *extra.get(command, []))
    assert result.exit_code == 1
    assert "named pipe (FIFO); not read" in result.output, result.output


@pytest.mark.parametrize("command", ["build", "publish", "encode"])
def test_output_folder_that_is_a_device_is_named_as_one(tmp_path, command):
    if not Path("/dev/null").is_char_device():
        pytest.skip("no /dev/null device here")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_bytes(SEED.read_bytes())
    (corpus / "b.txt").write_bytes(SEED.read_bytes())
    tei = tmp_path / "a.xml"
    tei.write_text(TEI, encoding="utf-8")
    source = {"build": corpus, "encode": corpus, "publish": tei}[command]
    result = invoke(command, str(source), "-o", "/dev/null")
    assert result.exit_code == 2
    assert "/dev/null: is not a folder: /dev/null is a device" in result.stderr, result.stderr
    assert Path("/dev/null").is_char_device()


def test_a_pipe_given_as_an_output_file_is_written_to_not_replaced(tmp_path):
    """Run as root, `--report /dev/null` once renamed a file over the device itself."""
    fifo = tmp_path / "out.pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        atomic_write(fifo, b"the report")
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
        assert os.read(reader, 100) == b"the report"
    finally:
        os.close(reader)
    assert kind_of(fifo) == "a named pipe (FIFO)"
    assert not list(tmp_path.glob("*.tmp"))


# -- an xml:id that libxml2 takes for no NCName: well-formed XML all the same -------------------------


def test_parse_reads_an_xml_id_libxml2_takes_for_no_ncname_and_names_real_faults():
    """libxml2 checks xml:id by XML 1.0's older letter tables and stops on "Ａ" (U+FF21), an NCName
    by the fifth edition; a value that is no NCName at all is an xml:id error, not a fault of
    well-formedness either. A real fault after such a value is the one reported."""
    for value in ("Ａ", "ǅx", "ⅰ", "1a", "a:b"):
        tree = parse_xml(data=TEI.replace("<p>Some", f'<p xml:id="{value}">Some').encode())
        assert tree.getroot()[1][0][0].get(XML_ID) == value
        said = [(message, error) for _, message, error in bad_xml_ids(tree)]
        if not is_ncname(value):
            assert said == [(f"xml:id {value!r} is not an XML name (NCName): {NCNAME_RULE}", True)]
        else:  # libxml2 refused each: XML Schema's ID type (jing's, libxml2's) will too, and this says why
            assert said == [(f"xml:id {value!r} is {OLDER_RULES}", False)]
    assert bad_xml_ids(parse_xml(data=TEI.replace("<p>Some", '<p xml:id="é_1">Some').encode())) == []
    with pytest.raises(etree.XMLSyntaxError) as raised:
        parse_xml(data=TEI.replace("<p>Some", '<p xml:id="1a"><hi>Some').encode())
    assert "mismatch" in raised.value.msg and "xml:id" not in raised.value.msg


def test_validate_and_publish_agree_on_odd_xml_ids(tmp_path):
    folder = tmp_path / "tei"
    folder.mkdir()
    (folder / "fullwidth.xml").write_text(TEI.replace("<p>Some", '<p xml:id="Ａ">Some'), encoding="utf-8")
    (folder / "digit.xml").write_text(TEI.replace("<p>Some", '<p xml:id="1a">Some'), encoding="utf-8")
    said = f"xml:id '1a' is not an XML name (NCName): {NCNAME_RULE}"
    # the project's profile: no Java; tei_all's verdict on the values is jing's own
    checked = invoke("validate", "--profile", "tei-encoder", "--format", "json", str(folder))
    report = json.loads(checked.stdout)
    assert report["statuses"]["not well-formed"] == 0 and report["statuses"]["invalid"] == 2, checked.stdout
    digit = next(f for f in report["files"] if f["file"].endswith("digit.xml"))
    assert said in [p["message"] for p in digit["problems"]]
    published = invoke("publish", str(folder), "-o", str(tmp_path / "site"), "--no-search")
    assert published.exit_code == 0, published.stderr
    assert f"{folder / 'digit.xml'}: warning: {said}" in published.stderr.splitlines()
    assert f"{folder / 'fullwidth.xml'}: warning: xml:id 'Ａ' is {OLDER_RULES}" in published.stderr.splitlines()
    fullwidth = next(f for f in report["files"] if f["file"].endswith("fullwidth.xml"))
    assert f"xml:id 'Ａ' is {OLDER_RULES}" in [
        p["message"] for p in fullwidth["problems"] if p["severity"] == "warning"
    ]
    assert "published 2 of 2 documents" in published.stderr


@pytest.mark.parametrize(
    "written, value",
    [
        ('xml:id="a&#x20;b"', "a b"),  # a reference: the value is not what the bytes say
        ('xml:id="&#xFF21;"', "Ａ"),
        ("xml:id='1a'", "1a"),
        ('xml:id = "1a"', "1a"),
        ('xml:id="a\nb"', "a b"),  # a line break, normalised to a space
    ],
)
def test_validate_finds_an_odd_xml_id_however_it_is_written(tmp_path, written, value):
    """validate reads xml:id values off the file's bytes when they are plain ASCII NCNames
    (validate._ids_surely_ncnames): any other way of writing one is still looked at in the tree."""
    from tei_encoder.validate import Validator

    path = tmp_path / "odd.xml"
    path.write_text(TEI.replace("<p>Some", f"<p {written}>Some"), encoding="utf-8")
    found = Validator(profile="custom", xsd=False, rules=False, jing=False).check_file(path)
    assert [d.message for d in found if d.message.startswith("xml:id")] == [
        f"xml:id {value!r} is " + (f"not an XML name (NCName): {NCNAME_RULE}" if not is_ncname(value) else OLDER_RULES)
    ]


# -- XInclude: --include-root DIR lets includes reach a trusted folder, and no further ---------------

SMALL_RNG = (
    '<grammar xmlns="http://relaxng.org/ns/structure/1.0" datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">'
    "<start><element><anyName/><ref name='any'/></element></start>"
    "<define name='any'><zeroOrMore><choice><attribute><anyName/></attribute><text/>"
    "<element><anyName/><ref name='any'/></element></choice></zeroOrMore></define></grammar>"
)


def test_include_root_lets_includes_reach_a_named_folder_and_no_further(tmp_path):
    """An edition keeps parts shared by its TEI files beside them (proj/shared/, the files in
    proj/tei/): `--include-root proj` lets their includes reach it; a link out of it, an absolute
    path or a file: URL elsewhere stays refused, in validate and publish alike."""
    from tei_encoder.publish import PublishError, read_tei
    from tei_encoder.validate import Validator

    project = tmp_path / "proj"
    (project / "tei").mkdir(parents=True)
    (project / "shared").mkdir()
    (project / "shared" / "part.xml").write_text(f'<p xmlns="{TEI_NS}">Shared words.</p>', encoding="utf-8")
    secret = tmp_path / "secret.xml"
    secret.write_text(f'<p xmlns="{TEI_NS}">Words from elsewhere.</p>', encoding="utf-8")
    (project / "shared" / "link.xml").symlink_to(secret)
    hrefs = {
        "shared": "../shared/part.xml",
        "absolute-inside": str(project / "shared" / "part.xml"),
        "symlink": "../shared/link.xml",
        "absolute": str(secret),
        "url": f"file://{secret}",
        "dotdot": "../../secret.xml",
    }
    for name, href in hrefs.items():
        include = f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{href}"/>'
        (project / "tei" / f"{name}.xml").write_text(TEI.replace("<p>Some words.</p>", include), encoding="utf-8")
    allowed = ("shared", "absolute-inside")
    rng = tmp_path / "any.rng"
    rng.write_text(SMALL_RNG, encoding="utf-8")
    plain = Validator(xsd=False, rules=False, rng=rng, profile="custom", jing=False)
    rooted = Validator(xsd=False, rules=False, rng=rng, profile="custom", jing=False, include_roots=(str(project),))
    for name in hrefs:
        path = project / "tei" / f"{name}.xml"
        assert [d.source for d in plain.check_file(path)] == ["refused"], name
        problems = rooted.check_file(path)
        if name in allowed:
            assert problems == [], (name, problems)
            tree, _ = read_tei(path, include_roots=(str(project),))
            assert "Shared words." in etree.tostring(tree, encoding="unicode")
        else:
            assert [d.source for d in problems] == ["refused"], (name, problems)
            assert f"the TEI file's folder and {project} and is not followed" in problems[0].message
            with pytest.raises(PublishError, match="is not followed"):
                read_tei(path, include_roots=(str(project),))
    # the command line: the option, and the advice naming it
    shared = str(project / "tei" / "shared.xml")
    refused = invoke("publish", shared, "-o", str(tmp_path / "site"), "--no-search")
    assert refused.exit_code == 1 and "pass --include-root DIR" in refused.stderr, refused.stderr
    published = invoke("publish", shared, "-o", str(tmp_path / "site"), "--no-search", "--include-root", str(project))
    assert published.exit_code == 0, published.stderr
    assert "Shared words." in (tmp_path / "site" / "docs" / "shared.html").read_text(encoding="utf-8")
    checked = invoke("validate", "--profile", "tei-encoder", "--include-root", str(project), "--format", "json", shared)
    assert json.loads(checked.stdout)["statuses"]["refused"] == 0  # resolved (foreign TEI, so invalid here)


@pytest.mark.parametrize("year", ["2001", "2003"])
def test_an_xinclude_namespace_spelt_with_a_reference_is_still_an_xinclude(tmp_path, year):
    """validate looks for XIncludes in the tree unless the bytes cannot bind their namespace
    (validate._surely_no_xinclude): a character reference in the namespace's name still binds it."""
    from tei_encoder.validate import Validator

    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "part.xml").write_text(f'<p xmlns="{TEI_NS}">included</p>', encoding="utf-8")
    include = f'<xi:include xmlns:xi="http://www.w3.org/{year}/X&#73;nclude" href="../other/part.xml"/>'
    (tmp_path / "doc").mkdir()
    path = tmp_path / "doc" / "whole.xml"
    path.write_text(TEI.replace("<p>Some", f"{include}<p>Some"), encoding="utf-8")
    found = Validator(profile="custom", xsd=False, rules=False, jing=False).check_file(path)
    # the draft's namespace is refused wherever it appears; an include may not reach out of the folder
    assert [d.source for d in found] == ["refused"], found


def test_a_file_in_utf7_is_searched_as_a_tree_not_as_bytes(tmp_path):
    """UTF-7 can spell "XInclude", "xmlns:" or any name in other bytes: such a file's XIncludes, prefixes
    and xml:ids are looked for in its tree (validate._ascii_compatible)."""
    from base64 import b64encode

    from tei_encoder.validate import Validator, _ascii_compatible

    hidden = "+" + b64encode("XInclude".encode("utf-16-be")).decode().rstrip("=") + "-"
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "part.xml").write_text(f'<p xmlns="{TEI_NS}">included</p>', encoding="utf-8")
    include = f'<xi:include xmlns:xi="http://www.w3.org/2001/{hidden}" href="../other/part.xml"/>'
    (tmp_path / "doc").mkdir()
    path = tmp_path / "doc" / "whole.xml"
    path.write_bytes(TEI.replace("UTF-8", "UTF-7").replace("<p>Some", f"{include}<p>Some").encode())
    assert b"XInclude" not in path.read_bytes() and not _ascii_compatible(path.read_bytes())
    found = Validator(profile="custom", xsd=False, rules=False, jing=False).check_file(path)
    assert [d.source for d in found] == ["refused"], found
    for written in (b"<a/>", b"\xef\xbb\xbf<a/>", b'<?xml version="1.0" encoding="iso-8859-1"?><a/>'):
        assert _ascii_compatible(written), written
    for written in ("<a/>".encode("utf-16"), b'<?xml version="1.0" encoding="Shift_JIS"?><a/>'):
        assert not _ascii_compatible(written), written
