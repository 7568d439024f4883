"""validate and publish read a file the same way: XIncludes resolved (or refused at the failing
include), huge text nodes under --max-size, repeated xml:id values published with a warning.
Constructed files only (our own wording)."""

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT

from tei_encoder.cli import main

TEI = ROOT / "tests" / "fixtures" / "tei"
XI = 'xmlns:xi="http://www.w3.org/2001/XInclude"'


def letter(body: str, title: str = "A constructed note") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">\n'
        f"<teiHeader><fileDesc><titleStmt><title>{title}</title></titleStmt>"
        "<publicationStmt><p>Made for a test.</p></publicationStmt>"
        "<sourceDesc><p>Invented.</p></sourceDesc></fileDesc></teiHeader>\n"
        f"<text><body>\n{body}\n</body></text>\n</TEI>\n"
    )


def publish(*args):
    return CliRunner().invoke(main, ["publish", "--no-search", *map(str, args)], catch_exceptions=False)


def test_publish_shows_the_text_of_an_included_file(tmp_path):
    shutil.copy(TEI / "xinclude.xml", tmp_path / "xinclude.xml")
    shutil.copy(TEI / "xinclude_part.xml", tmp_path / "xinclude_part.xml")
    result = publish(tmp_path / "xinclude.xml", "-o", tmp_path / "site")
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output  # the included words count as shown
    page = (tmp_path / "site" / "docs" / "xinclude.html").read_text(encoding="utf-8")
    assert "This division lives in its own file" in page
    assert "xi:include" not in (tmp_path / "site" / "tei" / "xinclude.xml").read_text(encoding="utf-8")


def test_publish_refuses_a_failed_or_network_include_in_one_line(tmp_path):
    (tmp_path / "part.xml").write_text('<div xmlns="http://www.tei-c.org/ns/1.0"><p>A kept part.</p></div>')
    (tmp_path / "lost.xml").write_text(
        letter(f'<xi:include {XI} href="part.xml"/>\n<xi:include {XI} href="gone.xml"/>\n<p>After.</p>')
    )
    (tmp_path / "remote.xml").write_text(letter(f'<xi:include {XI} href="https://example.org/part.xml"/>'))
    result = publish(tmp_path / "lost.xml", tmp_path / "remote.xml", "-o", tmp_path / "site")
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if ": error:" in line]
    assert len(errors) == 2, result.output
    assert "lost.xml" in errors[0] and "refused: XInclude failed" in errors[0] and "line 6" in errors[0]
    assert "remote.xml" in errors[1] and "network resource" in errors[1]
    assert not (tmp_path / "site" / "docs" / "lost.html").exists()


def test_validate_reports_the_failing_include_at_its_own_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("part.xml").write_text('<div xmlns="http://www.tei-c.org/ns/1.0"><p>A kept part.</p></div>')
    Path("three.xml").write_text(
        letter(
            f'  <xi:include {XI} href="gone.xml"/>\n<xi:include {XI} href="part.xml"/>\n<xi:include {XI} href="part.xml"/>'
        )
    )
    for name in ("three.xml", str(tmp_path / "three.xml")):  # libxml2 names the file as given
        result = CliRunner().invoke(main, ["validate", "--profile", "tei-all", "--tei-constraints", "off", name])
        assert f"{name}:5:3: error: refused: XInclude failed" in result.output, result.output


def write_huge(path: Path, megabytes: int = 11) -> None:
    chunk = "The barge waited at the lock until the water rose. " * 2000
    with path.open("w", encoding="utf-8") as f:
        f.write(letter("<p>").rsplit("\n</body>", 1)[0])
        for _ in range(megabytes * 1024 * 1024 // len(chunk) + 1):
            f.write(chunk)
        f.write("</p>\n</body></text>\n</TEI>\n")


def test_publish_reads_a_huge_text_node_within_max_size(tmp_path):
    write_huge(tmp_path / "huge.xml")
    result = publish(tmp_path / "huge.xml", "-o", tmp_path / "site")
    assert result.exit_code == 0, result.output
    assert "barge waited" in (tmp_path / "site" / "docs" / "huge.html").read_text(encoding="utf-8")
    result = publish(tmp_path / "huge.xml", "-o", tmp_path / "site2", "--max-size", "5")
    assert result.exit_code == 1
    assert "MB, over the size limit of 5.0 MB (raise it with --max-size)" in result.output


def test_publish_a_file_whose_xml_id_repeats_with_one_warning(tmp_path):
    body = '<div xml:id="d1"><p>First part.</p></div><div xml:id="d1"><p>Second part.</p></div>'
    body += '<div xml:id="d2"><p>Third.</p></div><div xml:id="d2"><p>Fourth.</p></div>'
    (tmp_path / "twice.xml").write_text(letter(body))
    result = publish(tmp_path / "twice.xml", "-o", tmp_path / "site")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if "xml:id" in line]
    assert len(warnings) == 1 and "'d1'" in warnings[0] and "1 more" in warnings[0]
    assert "well-formed" not in result.output
    page = (tmp_path / "site" / "docs" / "twice.html").read_text(encoding="utf-8")
    assert "Second part." in page and "Fourth." in page


def test_a_file_named_twice_is_validated_once(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(TEI / "invalid_attr.xml", "x.xml")
    shutil.copy(TEI / "verse.xml", "v.xml")
    result = CliRunner().invoke(
        main,
        [
            "validate",
            "--profile",
            "tei-all",
            "--tei-constraints",
            "off",
            "--format",
            "json",
            "x.xml",
            "./x.xml",
            "v.xml",
            "x.xml",
        ],
    )
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert [f["file"] for f in report["files"]] == ["x.xml", "v.xml"]
    assert report["statuses"]["invalid"] == 1 and report["statuses"]["valid"] == 1
    assert (
        result.stderr.count("named more than once") == 1
        and "note: x.xml and 1 more named more than once" in result.stderr
    )


def titled(title_stmt: str) -> str:
    return letter("<p>Words of the note.</p>").replace("<title>A constructed note</title>", title_stmt)


def test_foreign_tei_is_titled_by_its_own_best_title(tmp_path):
    from lxml import html

    files = {
        "series.xml": '<title level="s">The Harbour Papers</title><title level="a">A note on tides</title>',
        "main.xml": '<title>Second</title><title type="main">The main one</title>',
        "empty.xml": "<title/>",
        "blank.xml": '<title>  </title><title level="m"> </title>',
    }
    for name, stmt in files.items():
        (tmp_path / name).write_text(titled(stmt))
    result = publish(*(tmp_path / n for n in files), "-o", tmp_path / "site")
    assert result.exit_code == 0, result.output
    expected = {"series": "A note on tides", "main": "The main one", "empty": "empty", "blank": "blank"}
    for stem, title in expected.items():
        page = html.parse(str(tmp_path / "site" / "docs" / f"{stem}.html")).getroot()
        assert page.findtext(".//title") == title  # no default edition title appended
        assert page.findtext(".//h1") == title
        assert "\u201c\u201d" not in page.text_content()
    result = publish(tmp_path / "main.xml", "-o", tmp_path / "site2", "--title", "Harbour letters")
    page = html.parse(str(tmp_path / "site2" / "docs" / "main.html")).getroot()
    assert page.findtext(".//title") == "The main one — Harbour letters"


@pytest.mark.skipif(shutil.which("jing") is None, reason="jing is not installed")
@pytest.mark.parametrize(
    "raw, shown", [(b"odd\xffname.xml", "odd\\xffname.xml"), (b"two\nlines.xml", "two\\nlines.xml")]
)
def test_a_file_name_jing_cannot_take_is_one_line_and_not_checked(tmp_path, monkeypatch, raw, shown):
    monkeypatch.chdir(tmp_path)
    name = os.fsdecode(raw)
    Path(name).write_text(letter("<p>Words.</p>"), encoding="utf-8")
    for fmt in ("text", "json", "junit", "github"):
        result = CliRunner().invoke(main, ["validate", "--profile", "tei-all", "--format", fmt, name])
        assert result.exit_code == 1 and result.exception is None or isinstance(result.exception, SystemExit)
    result = CliRunner().invoke(main, ["validate", "--profile", "tei-all", name])
    lines = result.output.splitlines()
    assert lines[0].startswith(f"{shown}: error: not checked: jing cannot check a file whose name")
    assert lines[1:] == ["1 file: 0 valid, 0 invalid, 1 not checked; 1 error, 0 warnings"]


def test_an_included_file_that_is_not_well_formed_is_named_at_its_include(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("part.xml").write_text('<div xmlns="http://www.tei-c.org/ns/1.0"><p>A kept part.</p></div>')
    Path("torn.xml").write_text('<div xmlns="http://www.tei-c.org/ns/1.0"><p>A torn part.</div>')
    Path("three.xml").write_text(
        letter(
            f'<xi:include {XI} href="part.xml"/>\n  <xi:include {XI} href="torn.xml"/>\n<xi:include {XI} href="part.xml"/>'
        )
    )
    result = CliRunner().invoke(main, ["validate", "--profile", "tei-all", "--tei-constraints", "off", "three.xml"])
    assert "three.xml:6:3: error: refused: XInclude failed: torn.xml line 1: " in result.output, result.output
