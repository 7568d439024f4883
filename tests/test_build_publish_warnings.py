"""Issue #15: what `publish` says of a page (words a stylesheet drops, images, media, embedded data
not shown) reaches `build`'s report on every path — a TEI master or an encoded record, fresh,
--force, reused unchanged — and a page made again replaces what was said of the old page."""

from __future__ import annotations

from click.testing import CliRunner
from conftest import AUTHORITY, record

from tei_encoder.cli import main

MASTER = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en">
<teiHeader><fileDesc><titleStmt><title>A made-up letter</title></titleStmt>
<publicationStmt><p>Constructed for a test.</p></publicationStmt>
<sourceDesc><p>Invented.</p></sourceDesc></fileDesc></teiHeader>
<text><body>
<p>The clerk wrote <unclear reason="faded">quillfaded</unclear> in the margin.</p>
<figure><graphic url="http://example.org/plate.png"/><head>A plate</head></figure>
<p>A recording <media mimeType="audio/mpeg" url="http://example.org/talk.mp3"/> survives.</p>
</body></text>
</TEI>
"""
DROP = (
    '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"'
    ' xmlns:tei="http://www.tei-c.org/ns/1.0">{}</xsl:stylesheet>'
)
DROPS_UNCLEAR = DROP.format('<xsl:template match="tei:unclear"/>')
SHOWS_ALL = DROP.format("")


def _build(corpus, out, xslt, *more):
    result = CliRunner().invoke(
        main, ["build", str(corpus), "-o", str(out), "--authority", str(AUTHORITY), "--xslt", str(xslt), *more]
    )
    assert result.exit_code == 0, result.output
    return [line for line in result.output.splitlines() if ": warning: " in line], result.output


def _setup(tmp_path, name, text):
    corpus, xslt = tmp_path / "corpus", tmp_path / "xslt"
    corpus.mkdir()
    xslt.mkdir()
    (corpus / name).write_text(text, encoding="utf-8")
    (xslt / "drop.xsl").write_text(DROPS_UNCLEAR, encoding="utf-8")
    return corpus, xslt, tmp_path / "out"


def test_a_masters_publish_warnings_reach_the_build_report_on_every_path(tmp_path):
    corpus, xslt, out = _setup(tmp_path, "zz.xml", MASTER)
    fresh, summary = _build(corpus, out, xslt)
    lost = [w for w in fresh if "quillfaded" in w]
    assert len(lost) == 1 and "<unclear> at line 7" in lost[0] and lost[0].startswith(str(corpus / "zz.xml"))
    assert any("<graphic" in w and "line 8" in w for w in fresh)
    assert any("<media" in w and "line 9" in w for w in fresh)
    assert "0 warnings" not in summary
    forced, _ = _build(corpus, out, xslt, "--force")
    assert forced == fresh
    reused, _ = _build(corpus, out, xslt)  # nothing changed: said again, marked as earlier
    assert reused == [f"{w} (from an earlier build)" for w in fresh]


def test_a_page_made_again_replaces_its_earlier_publish_warnings(tmp_path):
    corpus, xslt, out = _setup(tmp_path, "zz.xml", MASTER)
    first, _ = _build(corpus, out, xslt)
    assert any("quillfaded" in w for w in first)
    (xslt / "drop.xsl").write_text(SHOWS_ALL, encoding="utf-8")  # the stylesheet is fixed: pages made again
    fixed, _ = _build(corpus, out, xslt)
    assert not any("quillfaded" in w for w in fixed) and any("<graphic" in w for w in fixed)
    assert not any("(from an earlier build)" in w for w in fixed)
    again, _ = _build(corpus, out, xslt)
    assert not any("quillfaded" in w for w in again)
    assert again == [f"{w} (from an earlier build)" for w in fixed]
    (xslt / "drop.xsl").write_text(DROPS_UNCLEAR, encoding="utf-8")  # broken again: said again, once
    broken, _ = _build(corpus, out, xslt)
    assert len([w for w in broken if "quillfaded" in w]) == 1


def test_an_encoded_records_publish_warnings_are_replaced_when_its_page_is_made_again(tmp_path):
    text = record("1. The talks ended in Moscow.\n")
    corpus, xslt, out = _setup(tmp_path, "talks.txt", text)
    (xslt / "drop.xsl").write_text(DROP.format('<xsl:template match="tei:body"/>'), encoding="utf-8")
    first, _ = _build(corpus, out, xslt)
    assert any("not shown on the page" in w for w in first)
    (xslt / "drop.xsl").write_text(SHOWS_ALL, encoding="utf-8")
    fixed, _ = _build(corpus, out, xslt)
    again, _ = _build(corpus, out, xslt)
    assert not any("not shown on the page" in w for w in fixed + again)
