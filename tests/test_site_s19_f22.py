"""The edition site (#15, F22): a UI language Babel has no CLDR data for (plural rules and language
names fall back, one warning); MathML formulas in a scroll box, unknown MathML elements with text,
harmless XHTML kept in the TEI download. Constructed TEI in our own wording."""

import json

import pytest
from click.testing import CliRunner

from tei_encoder import plurals
from tei_encoder.cli import main
from tei_encoder.sitemap import language_name

NS = "http://www.tei-c.org/ns/1.0"
M = "http://www.w3.org/1998/Math/MathML"


def _tei(body: str, title: str = "Notes from the mill") -> bytes:
    return f"""<TEI xmlns="{NS}"><teiHeader><fileDesc><titleStmt><title>{title}</title></titleStmt>
<publicationStmt><p>Constructed.</p></publicationStmt><sourceDesc><p>None.</p></sourceDesc></fileDesc>
<profileDesc><langUsage><language ident="en">English</language></langUsage></profileDesc></teiHeader>
<text><body>{body}</body></text></TEI>""".encode()


def _run(tmp_path, files: dict[str, bytes], strings: dict | None = None, *options: str):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    args = ["publish", str(folder), "-o", str(tmp_path / "site"), "--no-search", *options]
    if strings is not None:
        hooks = tmp_path / "hooks"
        hooks.mkdir()
        (hooks / "strings.json").write_text(json.dumps(strings), encoding="utf-8")
        args += ["--xslt", str(hooks)]
    return CliRunner().invoke(main, args)


# --- 1. a UI language Babel does not know ---


@pytest.mark.parametrize("lang", ["grc", "ang", "qaa", "xx", "syc-Syrc"])
def test_a_ui_language_without_cldr_data_publishes_with_one_warning(tmp_path, lang):
    body = '<p>The miller wrote in <foreign xml:lang="la">Latin</foreign>.</p>'
    result = _run(tmp_path, {"a.xml": _tei(body)}, {"lang": lang})
    assert result.exit_code == 0, result.output
    told = [line for line in result.stderr.splitlines() if "CLDR" in line]
    assert len(told) == 1 and "strings.json" in told[0] and "lang:" in told[0] and f"'{lang}'" in told[0]
    assert "internal error" not in result.output
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert f'lang="{lang}"' in page


def test_a_ui_language_babel_knows_only_by_its_base_language_takes_that_languages_data(tmp_path):
    assert plurals.cldr_locale("ru-XX") == "ru" and plurals.cldr_known("ru-XX")
    assert plurals.categories("ru-XX") == plurals.categories("ru")
    assert plurals.categories("grc") == plurals.categories("en")
    assert plurals.cldr_locale("en-x-private") == "en" and not plurals.cldr_known("grc")
    assert language_name("de", "grc") == "German" and language_name("de", "fr-XX") == "allemand"
    result = _run(tmp_path, {"a.xml": _tei("<p>A line.</p>")}, {"lang": "ru-XX"})
    assert result.exit_code == 0 and "CLDR" not in result.output, result.output


@pytest.mark.parametrize("lang", ["english", "deutsch", "e", "1de"])
def test_a_ui_language_that_is_no_tag_is_one_error_line_naming_the_file(tmp_path, lang):
    result = _run(tmp_path, {"a.xml": _tei("<p>A line.</p>")}, {"lang": lang})
    assert result.exit_code != 0
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "strings.json: lang:" in lines[0] and "not a language tag" in lines[0], result.output
    assert "internal error" not in result.output


# --- 2. a wide formula scrolls in its box ---


def _sum(terms: int) -> str:
    parts = "<mo>+</mo>".join(f"<mi>x</mi><mn>{n}</mn>" for n in range(1, terms + 1))
    return f"<mrow>{parts}<mo>=</mo><mn>0</mn></mrow>"


WIDE_MATH = _tei(
    f"""<p>The tally of the sluices: <formula><math xmlns="{M}" display="block">{_sum(23)}</math></formula></p>
<p>Inline, the same: <formula><math xmlns="{M}">{_sum(23)}</math></formula> at noon.</p>
<p>A gloss: <formula><math xmlns="{M}" display="block"><mtext>{"the-water-wheel-turned-all-night-" * 8}</mtext></math></formula></p>
<p>A short one: <formula><math xmlns="{M}"><mi>y</mi><mo>=</mo><mn>2</mn></math></formula>.</p>""",
    title="Sluice sums",
)


def test_a_wide_formula_scrolls_in_a_box_a_keyboard_reaches_and_the_page_does_not(tmp_path):
    from conftest import browsed
    from lxml import html
    from test_site_s13_f1 import nu_valid

    result = _run(tmp_path, {"sums.xml": WIDE_MATH})
    assert result.exit_code == 0, result.output
    page = tmp_path / "site" / "docs" / "sums.html"
    boxes = html.fromstring(page.read_bytes()).xpath("//*[contains(@class, 'tei-math')]")
    assert len(boxes) == 4
    blocks = [b for b in boxes if "tei-math-block" in b.get("class")]
    assert len(blocks) == 2 and all(
        b.get("role") == "region" and b.get("tabindex") == "0" and b.get("aria-label") == "Formula" for b in blocks
    )
    with browsed(tmp_path / "site") as (browser, address):
        for width in (360, 1280):
            browser.set_viewport_size({"width": width, "height": 740})
            browser.goto(address + "docs/sums.html")
            assert browser.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), width
        # at 360 px each wide formula scrolls in its box, which a keyboard reaches and which is named
        browser.set_viewport_size({"width": 360, "height": 740})
        browser.goto(address + "docs/sums.html")
        states = browser.evaluate(
            """Array.from(document.querySelectorAll('.tei-math')).map(b => [b.scrollWidth > b.clientWidth,
                b.getAttribute('tabindex'), b.getAttribute('role'), b.getAttribute('aria-label')])"""
        )
        assert states[:3] == [[True, "0", "region", "Formula"]] * 3, states
        assert states[3] == [False, None, None, None], states
    nu_valid([page])


# --- 3. text of an unknown MathML element ---


def test_text_in_a_mathml_element_that_holds_none_is_kept_in_an_mtext_and_the_page_is_valid(tmp_path):
    from lxml import html
    from test_site_s13_f1 import nu_valid

    body = f"""<p>The wheel: <formula><math xmlns="{M}"><millwheel>spokes</millwheel><mo>+</mo>
<mrow>stray words<mi>k</mi></mrow><mfrac><mn>1</mn><mn>2</mn></mfrac><mi>z</mi></math></formula>.</p>"""
    result = _run(tmp_path, {"wheel.xml": _tei(body)})
    assert result.exit_code == 0, result.output
    page = tmp_path / "site" / "docs" / "wheel.html"
    tree = html.fromstring(page.read_bytes())
    text = {el.text for el in tree.iter() if isinstance(el.tag, str) and el.tag.endswith("mtext")}
    assert {"spokes", "stray words"} <= text
    rows = [el for el in tree.iter() if isinstance(el.tag, str) and el.tag.endswith("mrow")]
    assert rows and not any((el.text or "").strip() or any((c.tail or "").strip() for c in el) for el in rows)
    assert [el.text for el in tree.iter() if isinstance(el.tag, str) and el.tag.endswith("mi")] == ["k", "z"]
    nu_valid([page])


# --- 4. the TEI download keeps harmless XHTML and its words ---

XHTML_IN_MATH = f"""<p>The rate: <formula><math xmlns="{M}" xmlns:h="http://www.w3.org/1999/xhtml"><semantics><mi>r</mi>
<annotation-xml encoding="application/xhtml+xml"><h:p>the <h:b>miller's</h:b> <h:em>own</h:em> rate<h:script>alert(1)</h:script>
<h:img src="https://example.org/wheel.png" alt="a wheel" onerror="alert(2)"/><h:a href="javascript:alert(3)">here</h:a>
<h:a href="https://example.org/mill">the mill</h:a><h:style>p {{ background: url(https://example.org/t) }}</h:style>
<h:form action="https://example.org/send"><h:label>grain sacks</h:label> <h:button formaction="javascript:alert(4)">go</h:button></h:form>
<h:object data="https://example.org/x.swf">the sluice drawing</h:object><h:iframe srcdoc="&lt;script&gt;alert(5)&lt;/script&gt;">framed</h:iframe>
<h:meta http-equiv="refresh" content="0; url=https://example.org/"/></h:p></annotation-xml></semantics></math></formula></p>"""


def test_the_download_keeps_xhtml_formatting_and_its_words_and_names_only_what_runs_or_loads():
    from lxml import etree

    from tei_encoder.publish import inert_tei

    data, removed = inert_tei(_tei(XHTML_IN_MATH))
    tree = etree.fromstring(data)
    h = {"h": "http://www.w3.org/1999/xhtml"}
    words = " ".join(tree.xpath("string(//h:p)", namespaces=h).split())
    assert words == "the miller's own rate here the mill grain sacks go the sluice drawing"
    assert tree.xpath("//h:p/h:b[. = \"miller's\"] and //h:p/h:em[. = 'own']", namespaces=h)
    assert tree.xpath("//h:img/@alt", namespaces=h) == ["a wheel"] and not tree.xpath("//h:img/@src", namespaces=h)
    assert tree.xpath("//h:a[. = 'the mill']/@href", namespaces=h) == ["https://example.org/mill"]
    assert not tree.xpath("//h:script | //h:style | //h:form | //h:object | //h:iframe | //h:meta", namespaces=h)
    assert b"alert" not in data and b"example.org/t)" not in data and b"x.swf" not in data
    assert removed == (
        "removed active content a browser would run or load: <html:form> (its text kept), <html:iframe>, <html:meta>,"
        " <html:object> (its text kept), <html:script>, <html:style>, @action of <html:form>, @data of <html:object>,"
        " @formaction holding a javascript: URL, @href holding a javascript: URL, @onerror, @src of <html:img>"
    )


def test_the_download_with_xhtml_runs_nothing_in_a_browser(tmp_path):
    from conftest import browsed
    from test_browser import script_effects

    folder = tmp_path / "raw"
    folder.mkdir()
    result = _run(tmp_path, {"rate.xml": _tei(XHTML_IN_MATH)})
    assert result.exit_code == 0, result.output
    assert "<html:script>" in result.stderr and "its text kept" in result.stderr
    with browsed(tmp_path / "site") as (browser, address):
        assert script_effects(browser, address + "tei/rate.xml") == []
