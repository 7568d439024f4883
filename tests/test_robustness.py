"""Every class of bad input: one clear error line and no output, or valid TEI with warnings."""

import codecs
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import AUTHORITY, SEED, record
from lxml import etree

from tei_encoder.cli import main
from tei_encoder.validate import Validator

VALIDATOR = Validator()


def run_encode(tmp_path: Path, data: bytes, name: str = "rec.txt", *extra: str):
    src = tmp_path / "in"
    src.mkdir(exist_ok=True)
    (src / name).write_bytes(data)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["encode", str(src / name), "-o", str(out / "rec.xml"), "--authority", str(AUTHORITY), *extra]
    )
    return result, out / "rec.xml"


def assert_error(result, target: Path, message: str):
    assert result.exit_code == 1, result.output
    lines = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert "Traceback" not in result.output
    assert not target.exists()
    assert not list(target.parent.glob(".*.tmp")) if target.parent.exists() else True


def assert_valid(result, target: Path) -> etree._Element:
    assert result.exit_code == 0, result.output
    data = target.read_bytes()
    problems = [
        d.text()
        for d in VALIDATOR.check_tree(etree.ElementTree(etree.fromstring(data)), str(target), data)
        if d.severity == "error"
    ]
    assert problems == []
    return etree.fromstring(data)


def body_text(tree) -> str:
    return "".join(tree.xpath("//t:text//text()", namespaces={"t": "http://www.tei-c.org/ns/1.0"}))


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "file is empty"),
        (b" \n\t\n  \n", "file has no text"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, "binary file, not a text record"),
        (record("Caf\u00e9 au lait.\n").encode("cp1252"), "not valid UTF-8 at byte"),
        (
            b'June 9, 1961\n\n**Only a Header**\n\nCitation:\n\n"x", Wilson Center Digital Archive.\n\nContents:\n\nTranslation - English\n',
            "record has a header but no document text",
        ),
        (b"Just some paragraphs of text without any header.\n\nAnd another one.\n", "no record header"),
        (
            # no title, and no citation to take one from
            b"June 9, 1961\n\nSummary:\n\nA summary.\n\nCredits:\n\nThanks.\n\nThe text.\n",
            "record has no title",
        ),
    ],
)
def test_refused_inputs(tmp_path, data, message):
    result, target = run_encode(tmp_path, data)
    assert_error(result, target, message)
    assert f"rec.txt: error: {message}" in result.stderr


def test_nul_bytes_removed_with_warning(tmp_path):
    result, target = run_encode(tmp_path, record("Text with a NUL\x00 byte inside.\n").encode())
    tree = assert_valid(result, target)
    assert "Text with a NUL byte inside." in body_text(tree)
    assert "XML 1.0 does not allow" in result.stderr


def test_utf16_and_legacy_encoding(tmp_path):
    result, target = run_encode(tmp_path, codecs.BOM_UTF16_BE + record("Dorticós spoke.\n").encode("utf-16-be"))
    assert "Dorticós" in body_text(assert_valid(result, target))
    result, target = run_encode(
        tmp_path, record("Café society.\n").encode("latin-1"), "rec.txt", "--encoding", "latin-1"
    )
    assert "Café society." in body_text(assert_valid(result, target))


def test_missing_and_garbled_header_fields_give_warnings(tmp_path):
    data = b'Someday in spring\n\n**A Record With Odd Fields**\n\nCitation:\n\n"A Record", Wilson Center Digital Archive, Box of Mysteries 7.\n\nThe document text.\n'
    result, target = run_encode(tmp_path, data)
    tree = assert_valid(result, target)
    assert "is not a date: creation date left out" in result.stderr
    assert "archival reference not understood" in result.stderr
    assert "Box of Mysteries 7" in "".join(tree.xpath("//*[local-name()='bibl']//text()"))


def test_impossible_dates(tmp_path):
    data = record("They met on 31 February 1961 and on 30 February.\n").replace(
        "June 9, 1961\n", "February 30, 1961\n", 1
    )
    result, target = run_encode(tmp_path, data.encode())
    tree = assert_valid(result, target)
    assert not tree.xpath("//*[local-name()='creation']")
    assert not tree.xpath("//*[local-name()='text']//*[local-name()='date'][@when]")
    assert "impossible date" in result.stderr


@pytest.mark.parametrize(
    "text",
    [
        "An [unclosed bracket and a closed] one.",
        "Doubled [[him]] and nested [a [b] c] brackets.",
        "A [sic at the start and [SIC] alone and [] empty.",
        'He wrote <b>bold</b> &amp; &lt; ]]> and <!DOCTYPE x [<!ENTITY e "boom">]> &e; too.',
        "Right-to-left \u0645\u0631\u062d\u0628\u0627 and emoji \U0001f642 and \u202eoverride\u202c stay.",
    ],
)
def test_odd_text_is_kept_literally(tmp_path, text):
    result, target = run_encode(tmp_path, record(text + "\n").encode())
    tree = assert_valid(result, target)
    kept = " ".join(body_text(tree).split())
    for piece in (
        "unclosed bracket",
        "<b>bold</b> &amp; &lt; ]]>",
        "<!DOCTYPE x",
        "&e;",
        "\u0645\u0631\u062d\u0628\u0627",
        "\U0001f642",
    ):
        if piece in text:
            assert piece in kept


def test_terminal_control_sequences_removed(tmp_path):
    result, target = run_encode(tmp_path, record("Red \x1b[31malert\x1b[0m and a bell\x07.\n").encode())
    assert "Red alert and a bell." in body_text(assert_valid(result, target))
    assert "terminal control sequence" in result.stderr


SENTENCE = "The ambassador of Cuba met President Dorticos in Havana on 27 April. "


def test_single_long_line(tmp_path):
    """A record whose body is one line with no break at all: valid TEI, every character kept."""
    line = SENTENCE * 3000  # 200 KB: the same code path as the 2 MB run below, in a fraction of a second
    result, target = run_encode(tmp_path, record(line + "\n").encode())
    tree = assert_valid(result, target)
    assert len(body_text(tree)) >= len(line.strip())


@pytest.mark.fuzz
def test_single_2mb_line(tmp_path):
    line = SENTENCE * 30000
    result, target = run_encode(tmp_path, record(line + "\n").encode())
    tree = assert_valid(result, target)
    assert len(body_text(tree)) > 2_000_000


def test_no_partial_output_when_writing_fails(tmp_path, monkeypatch):
    out = tmp_path / "out.xml"
    out.write_bytes(b"previous good output")
    real_replace = os.replace

    def failing_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", failing_replace)
    result = CliRunner().invoke(main, ["encode", str(SEED), "-o", str(out), "--authority", str(AUTHORITY)])
    monkeypatch.setattr(os, "replace", real_replace)
    # the real target and the cause, never the temporary file's name
    assert result.exit_code == 1 and f"disk full writing {out}" in result.stderr and ".tmp" not in result.stderr
    assert out.read_bytes() == b"previous good output"
    assert not list(tmp_path.glob(".*.tmp"))


def test_output_names_stay_in_the_folder(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for name in ("CON.txt", "a b;c.txt", "..weird.txt"):
        (src / name).write_bytes(record("Text.\n").replace("**A Test Record**", "**../../etc/passwd**").encode())
    out = tmp_path / "out"
    # named one by one: a folder's hidden files (..weird.txt) are not its records (README)
    named = [str(src / name) for name in ("CON.txt", "a b;c.txt", "..weird.txt")]
    result = CliRunner().invoke(main, ["encode", *named, "-o", str(out), "--authority", str(AUTHORITY)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["_CON.xml", "a_b_c.xml", "weird.xml"]
    assert not (tmp_path / "etc").exists()


@pytest.mark.parametrize(
    "attack",
    [
        '<!DOCTYPE TEI [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">&xxe;</TEI>',
        '<!DOCTYPE TEI [<!ENTITY a "aaaaaaaaaaaaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">&c;</TEI>',
        '<TEI xmlns="http://www.tei-c.org/ns/1.0">' + "<div>" * 5000 + "</div>" * 5000 + "</TEI>",
    ],
)
@pytest.mark.parametrize("command", ["validate", "publish"])
def test_untrusted_xml(tmp_path, attack, command):
    path = tmp_path / "evil.xml"
    path.write_text(attack, encoding="utf-8")
    args = [command, str(path)] + (["-o", str(tmp_path / "site")] if command == "publish" else [])
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    assert "root:" not in result.output and "Traceback" not in result.output
    assert any(w in result.output for w in ("refused", "not well-formed", "nested deeper"))
    assert not (tmp_path / "site" / "docs" / "evil.html").exists()


def test_stylesheets_read_and_write_nothing_but_their_input():
    from tei_encoder.config import project_dir

    for xsl in project_dir("xslt").glob("*.xsl"):
        text = xsl.read_text(encoding="utf-8")
        for forbidden in (
            "document(",
            "doc(",
            "unparsed-text",
            "collection(",
            "result-document",
            "disable-output-escaping",
        ):
            assert forbidden not in text, f"{xsl.name} uses {forbidden}"
