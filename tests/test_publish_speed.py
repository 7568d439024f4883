"""Publish speed (#15), the same pages and files for less work: the document stylesheet's tables
that depend on no document (which TEI elements are blocks and which phrases, xslt/layout.xsl) are
made once per process by the stylesheet itself (template f:document-constants) and passed to every
page, not made again for each page (an edition's own modules get them made per page); a page
written again over its file asks for no folder; dates and the download copy's quick looks answer
as the full tests do."""

import re
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st
from lxml import etree

from tei_encoder import sitemap
from tei_encoder.publish import Publisher

NS = "http://www.tei-c.org/ns/1.0"
# a constructed record: a paragraph holding a list (a block inside a phrase-level element), names, a date
RECORD = f"""<TEI xmlns="{NS}"><teiHeader><fileDesc><titleStmt><title>Note on the quarry keys</title></titleStmt>
<publicationStmt><p>Constructed</p></publicationStmt><sourceDesc><p>Constructed</p></sourceDesc></fileDesc>
</teiHeader><text><body><div type="document"><p>The council met on <date when="1961-03-02">2 March</date>
with <persName>Vella Orrin</persName>:<list><item>the keys</item><item>the gate</item></list> were
discussed.</p><p rend="italic">No <hi>further</hi> business.</p></div></body></text></TEI>""".encode()
TABLES = {"is-block-name", "is-phrase-name", "is-leaf-phrase-name", "common-leaves"}


def test_the_tables_are_made_once_by_the_stylesheet_and_the_page_is_the_same():
    publisher = Publisher()
    assert set(publisher._document_constants) == TABLES
    made_once = publisher.document_page(RECORD, "note")
    publisher._document_constants.clear()  # each page makes them itself, as before
    made_per_page = publisher.document_page(RECORD, "note")
    assert made_once == made_per_page
    assert b'<div class="tei-p">' in made_once  # the paragraph holding a list is a block


def test_an_editions_modules_get_the_tables_made_per_page(tmp_path: Path):
    edition = tmp_path / "edition"
    edition.mkdir()
    # an edition that makes list a phrase: the paragraph holding it stays a paragraph
    (edition / "names.xsl").write_text(
        """<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
 xmlns:xs="http://www.w3.org/2001/XMLSchema"><xsl:variable name="block-names" as="xs:string*"
 select="('TEI', 'text', 'body', 'div', 'p')"/><xsl:variable name="phrase-names" as="xs:string*"
 select="('list', 'item', 'date', 'persName', 'hi')"/></xsl:stylesheet>""",
        encoding="utf-8",
    )
    publisher = Publisher(overrides=edition)
    assert publisher._document_constants == {}
    page = publisher.document_page(RECORD, "note")
    assert b'<div class="tei-p">' not in page


def test_a_page_written_again_over_its_file_asks_for_no_folder(tmp_path: Path, monkeypatch):
    # atomic_write over a regular file already there (a page made again) needs neither a mkdir nor
    # a stat of the folder: the file's lstat says its folder is there and it is no folder
    import os
    import stat

    from tei_encoder import fsutil

    page = tmp_path / "docs" / "note.html"
    fsutil.atomic_write(page, b"first", owned=True)
    calls: list[str] = []
    real_mkdir, real_stat = Path.mkdir, os.stat
    monkeypatch.setattr(Path, "mkdir", lambda self, *a, **k: (calls.append("mkdir"), real_mkdir(self, *a, **k))[1])
    monkeypatch.setattr(os, "stat", lambda *a, **k: (calls.append("stat"), real_stat(*a, **k))[1])
    fsutil.atomic_write(page, b"second", owned=True)
    monkeypatch.undo()
    assert calls == []
    assert page.read_bytes() == b"second"
    assert stat.S_IMODE(os.stat(page).st_mode) == fsutil.new_file_mode()
    assert [p.name for p in page.parent.iterdir()] == ["note.html"]  # no temporary file left


WHENS = [
    "1961",
    "1961-03",
    "1961-03-02",
    "1961-02-32",
    "1961-12-31",
    "61-03-02",
    "1961-3-2",
    "abcd",
    "",
    "1961-03-02T10:00",
    "١٩٦١",
    "١٩٦١-03",
    "19٦1-0",
    "1961–03",
    "ⅰ961",
    "1961-13",
    "1961-00-02",
    "١٩٦١-٠٣-٠٢",
]
# what an HTML time element's datetime takes: ASCII digits only (a value in another script's digits is shown
# as it is written, never read)
W3C = re.compile(r"[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?")


def test_dates_are_told_by_their_shape_as_by_the_expression():
    # f:w3c-date and f:date-one read a value by its ASCII shape: the same answers as the expression on
    # every value
    dates = "".join(
        f'<p><date when="{w}">d{i}</date> <date notBefore="{w}" notAfter="{w}">r{i}</date></p>'
        for i, w in enumerate(WHENS)
    )
    record = RECORD.replace(b"<p rend", dates.encode() + b"<p rend")
    page = Publisher().document_page(record, "dates").decode()
    for i, when in enumerate(WHENS):
        timed = re.search(rf'<time class="tei-date" datetime="([^"]*)">d{i}</time>', page)
        assert (timed is not None) == bool(W3C.fullmatch(when)), when
        ranged = re.search(rf'<span class="tei-date" title="([^"]*)">r{i}</span>', page)
        # since #15 (session 14) bounds the site cannot read (sitemap.readable) have no hover: their
        # text alone is shown, and the publisher warns of them
        bounds = etree.fromstring(f'<date xmlns="{NS}" notBefore="{when}" notAfter="{when}"/>')
        readable = bool(sitemap.date_value(bounds)) and sitemap.readable(sitemap.date_value(bounds))
        assert (ranged is not None) == readable, when
        if ranged is None:
            assert f'<span class="tei-date">r{i}</span>' in page
            continue
        # a YYYY-MM(-DD) value that is a date is read as a month or a day, any other shown as it is; a
        # date with a time of day is read by its date, as the document's date is (#15: one reading)
        day = when.split("T")[0]
        read = bool(W3C.fullmatch(day)) and len(day) in (7, 10)
        assert (when in ranged.group(1)) != read or not when, (when, ranged.group(1))


def _plain_surely_inert(tei: bytes) -> bool:
    """_surely_inert as it read the whole text for each test (before the quick looks)."""
    from tei_encoder.publish import _ACTIVE_SCHEMES, _SCHEME_NOISE, ACTIVE_NAMESPACES, _has_on_attribute

    if b"&#" in tei or any(ns.encode() in tei for ns in ACTIVE_NAMESPACES):
        return False
    lowered = tei.lower()
    if b"<?xml-stylesheet" in lowered or _has_on_attribute(lowered):
        return False
    squeezed = lowered.translate(None, _SCHEME_NOISE)
    return not any(scheme in squeezed for scheme in _ACTIVE_SCHEMES)


# what the schemes' test tells apart: their letters (either case), the colon, noise (white space,
# controls, bytes of non-ASCII characters) and the other marks the quick looks find
_SCHEME_LOOKS_AT = b"javscriptbdJAVSCRIPTBD:: \t\x00\x80\xe2\xff&#<?xml-stylesheet on= http://www.w3.org/1999/xhtml"
_SCHEME_ALPHABET = bytes(_SCHEME_LOOKS_AT[i % len(_SCHEME_LOOKS_AT)] for i in range(256))


@given(st.binary(max_size=40).map(lambda b: b.translate(_SCHEME_ALPHABET)), st.integers(0, 200))
@example(b"javascript:", 0)
@example(b"java\tscript:", 0)
@example(b"DATA :", 0)
@example(b"jav:ascript:", 0)
@example(b"vb" + b"\x80" * 100 + b"script:", 0)
@example(b"text: Subject: data", 0)
@settings(max_examples=800, deadline=None)
def test_the_quick_looks_of_the_download_copy_answer_as_the_whole_text_does(data, noise):
    # the copy is served as it is only when nothing a browser would run can be in it: the quick
    # looks (for "&", the namespaces' common start, the bytes before each colon) answer as before
    from tei_encoder.publish import _surely_inert

    for text in (data, b"\xe4\xb8\xad" * noise + data, data.replace(b":", b"\x80" * noise + b":")):
        assert _surely_inert(text) == _plain_surely_inert(text), text


def test_mentions_inside_an_unprinted_alternative_at_any_depth_are_left_out_and_only_they():
    """The mentions inside an alternative the page does not print are found once per alternative
    (sitemap._hidden_mentions), not by a walk up from every mention: one deep inside such a
    reading is left out, one that is itself a choice's unprinted child, one in the printed
    alternative and one outside any are kept, as the walk up from each mention found them."""
    tei = f"""<TEI xmlns="{NS}"><teiHeader><fileDesc><titleStmt><title>t</title></titleStmt>
<publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>
<text><body><p><choice><orig><persName ref="#a">Orrin</persName></orig><reg><seg><hi>
<persName ref="#b">Orin</persName></hi></seg></reg></choice>
<choice><placeName ref="#c">Vell</placeName><placeName ref="#d">Velle</placeName></choice>
<app><lem><orgName ref="#e">Guild</orgName></lem><rdg wit="#w"><hi><orgName ref="#f">Gild</orgName></hi></rdg></app>
<persName ref="#g">Tamsin</persName></p></body></text></TEI>""".encode()
    root = etree.fromstring(tei)
    assert [key for m in sitemap.mentions(root) for _, key in m.keys] == ["a", "c", "d", "e", "g"]


def test_the_word_stylesheets_test_no_predicate_in_a_pattern_of_any_element_or_text():
    # issue #15: libxslt counts a node's siblings for each pattern with a predicate it tries on it
    # (`*[…]`, `text()[…]`): the lost-text check was quadratic in a paragraph of many `choice` or
    # `hi` (16,000 of them: 10 s). Such tests are made in the templates (benchmarks/word_scaling.py)
    from tei_encoder.publish import word_stylesheet_sources

    xsl = "{http://www.w3.org/1999/XSL/Transform}"
    for source in word_stylesheet_sources():
        for template in etree.XML(source).iter(f"{xsl}template"):
            for step in template.get("match", "").split("|"):
                step = step.strip()
                assert not (step.startswith(("*[", "text()[")) and step.endswith("]")), step
