"""Reading: encodings, BOMs, line ends, forbidden characters, and refusals with one-line reasons."""

import codecs

import pytest
from conftest import encode_text, record, tree_of, xp

from tei_encoder.errors import RecordError
from tei_encoder.read import decode_record


def test_utf8_bom_and_crlf(tmp_path):
    data = codecs.BOM_UTF8 + record("Line one of the text.\n").replace("\n", "\r\n").encode()
    tree = tree_of(encode_text(tmp_path, data))
    assert xp(tree, "string(//t:title)") == "A Test Record"


def test_utf16_with_bom(tmp_path):
    data = record("Text with Dorticós in it.\n").encode("utf-16")
    tree = tree_of(encode_text(tmp_path, data))
    assert xp(tree, "//t:persName/@ref") == ["#dorticos"]


def test_invalid_utf8_is_refused_with_the_offset(tmp_path):
    result = encode_text(tmp_path, record("ok").encode() + b"\xff\xfe bad")
    assert not result.ok and "not valid UTF-8 at byte" in result.error and "give its encoding" in result.error


def test_invalid_utf8_on_the_command_line_names_the_option(tmp_path):
    from click.testing import CliRunner

    from tei_encoder.cli import main

    path = tmp_path / "bad.txt"
    path.write_bytes(record("ok").encode() + b"\xff\xfe bad")
    result = CliRunner().invoke(main, ["encode", str(path)])
    assert result.exit_code == 1
    assert "not valid UTF-8 at byte" in result.output and "pass --encoding" in result.output


def test_explicit_encoding(tmp_path):
    from dataclasses import replace

    from conftest import SETTINGS

    data = record("Caf\u00e9 society.\n").encode("cp1252")
    result = encode_text(tmp_path, data, settings=replace(SETTINGS, encoding="cp1252"))
    assert "Café society." in result.tei.decode()


def test_forbidden_characters_removed_with_warning(tmp_path):
    result = encode_text(tmp_path, record("Bell\x07 and \x1b[31mred\x1b[0m text.\n"))
    tree = tree_of(result)
    assert "Bell and red text." in "".join(xp(tree, "//t:p//text()"))
    assert any("XML 1.0" in w for w in result.warnings)
    assert any("terminal control" in w for w in result.warnings)


@pytest.mark.parametrize(
    "raw, message",
    [
        (b"", "file is empty"),
        (b"   \n\n\t\n", "no text"),
        (bytes(range(256)) * 20, "binary file"),
    ],
)
def test_refused(tmp_path, raw, message):
    with pytest.raises(RecordError, match=message):
        decode_record(tmp_path / "x.txt", raw)


@pytest.mark.parametrize("separator", ["\x0b", "\x0c", "\x85", "\u2028", "\u2029", "\x1c", "\x1d", "\x1e", "\x1f"])
def test_a_separating_control_keeps_the_words_apart(tmp_path, separator):
    # a vertical tab, form feed, NEL, line/paragraph separator or information separator
    # between two words is whitespace: removing it would glue the words together
    result = encode_text(tmp_path, record(f"Plover{separator}quince marmot.\n"))
    assert "Plover quince marmot." in "".join(xp(tree_of(result), "//t:p//text()"))
    assert not any("XML 1.0" in w for w in result.warnings)


@pytest.mark.parametrize(
    "raw, encoding",
    [
        (b"+2AA-", "utf-7"),  # a lone high surrogate, U+D800
        (b"\\udc80", "unicode_escape"),
        ("\ufffe".encode(), "utf-8"),
    ],
)
def test_a_character_xml_cannot_hold_is_removed_with_a_warning(tmp_path, raw, encoding):
    from dataclasses import replace

    from conftest import SETTINGS

    data = record("Lantern ").encode("ascii") + raw + b" harbour.\n"
    result = encode_text(tmp_path, data, settings=replace(SETTINGS, encoding=encoding))
    assert result.ok, result.error
    assert "Lantern harbour." in "".join(xp(tree_of(result), "//t:p//text()"))
    assert any("XML 1.0 does not allow" in w for w in result.warnings)


@pytest.mark.parametrize(
    "codec, problem",
    [("undefined", "not a text"), ("base64", "not a text"), ("rot13", "not a text"), ("no-such-codec", "unknown")],
)
def test_a_codec_that_cannot_decode_text_is_one_usage_error(tmp_path, codec, problem):
    from click.testing import CliRunner

    from tei_encoder.cli import main

    path = tmp_path / "rec.txt"
    path.write_text(record("Some text.\n"))
    result = CliRunner().invoke(main, ["encode", "--encoding", codec, str(path)])
    assert result.exit_code == 2
    assert f"--encoding {codec}: {problem}" in result.output and "internal error" not in result.output
    assert result.output.count("\n") == 1


@pytest.mark.parametrize(
    "raw, named, shown",
    [
        ("Gomułka said so.\n".encode(), "cp1252", "UTF-8"),  # valid UTF-8 with a non-ASCII letter
        (codecs.BOM_UTF16_LE + "Gomułka — “so”.\n".encode("utf-16-le"), "latin-1", "UTF-16-LE"),
        (codecs.BOM_UTF8 + "Gomułka said so.\n".encode(), "cp1250", "UTF-8"),
    ],
)
def test_a_unicode_file_is_not_garbled_by_another_named_codec(tmp_path, raw, named, shown):
    # the bytes say what they are; decoding them as the named codec lost or garbled letters silently
    source = decode_record(tmp_path / "r.txt", raw, named)
    assert source.text.startswith("Gomułka")
    assert source.warnings == (
        f"read as {shown}, not as {named} (--encoding is for files that are not UTF-8 or UTF-16)",
    )


def test_a_named_codec_still_reads_a_file_in_that_codec(tmp_path):
    source = decode_record(tmp_path / "r.txt", "Gomułka said so.\n".encode("cp1250"), "cp1250")
    assert source.text.startswith("Gomułka") and not source.warnings


def test_a_url_with_two_fragment_marks_is_kept_as_a_note_not_made_an_invalid_target(tmp_path):
    # (fuzz) `…example.o#xy:#xy:rg/…` is no xs:anyURI: the TEI was refused as invalid against the schema
    text = record("The delegation arrived.\n").replace(
        "https://example.org/document/1", "https://example.o#xy:#xy:rg/document/1"
    )
    result = encode_text(tmp_path, text)
    assert result.ok, result.error
    assert any("is not a valid URL" in w for w in result.warnings)
