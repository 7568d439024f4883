"""Publishing stays fast (issue #15's speed clause, fixer P14): what the stylesheets would look up
per node or search the whole page for is told once by Python, on the annotated copy, with the
same page as a result. Every input is constructed here, in our own words."""

from lxml import etree
from test_site_s14_kinds import FILTER_STANDOFF, page, publish, tei

from tei_encoder import sitemap


def annotated(text: str) -> etree._Element:
    return sitemap.annotate(etree.fromstring(text.encode("utf-8")))


def test_the_root_lists_the_kinds_that_lead_a_mentions_link(tmp_path):
    # a mention of two entities leads with its first target's kind (the page's highlight class)
    body = (
        "<p><placeName ref='#pear #quill'>Pearbrook</placeName> and <orgName ref='#guild'>the Guild</orgName>"
        " and <ref target='https://example.org/orchard'>a page</ref>.</p>"
    )
    root = annotated(tei(body, standoff=FILTER_STANDOFF))
    assert root.get(sitemap.P + "kinds") == "org place"
    assert annotated(tei("<p>Nobody.</p>", standoff=FILTER_STANDOFF)).get(sitemap.P + "kinds") is None
    site, _ = publish(tmp_path, {"two": tei(body, standoff=FILTER_STANDOFF)})
    boxes = page(site, "docs/two.html").xpath("//fieldset[@class='highlight']//input/@value")
    assert boxes == ["place", "org"], boxes  # in the registers' order


def test_kinds_forged_in_the_input_are_dropped(tmp_path):
    forged = tei("<p>Nobody.</p>").replace("<TEI ", f'<TEI xmlns:pub="{sitemap.PUB_NS}" pub:kinds="person" ', 1)
    site, output = publish(tmp_path, {"forged": forged})
    assert not page(site, "docs/forged.html").xpath("//fieldset[@class='highlight']")
    assert "ignored" in output


def test_the_key_lists_every_sign_the_page_uses_in_its_order(tmp_path):
    # the key's rows are made from strings, not from an element per row: the same rows, in the same order
    # (the sign rows too, P15)
    body = (
        "<p>The <sic>orchrad</sic> and the <choice><sic>pearr</sic><corr>pear</corr></choice> trees were"
        " <supplied reason='omitted'>all</supplied> counted <gap reason='illegible'/> in"
        " <foreign xml:lang='fr'>verger</foreign><note>A note of ours.</note>; <del>ten</del> <add>twelve</add>"
        " rows of apple<lb break='no'/>wood, <abbr>approx.</abbr> <space quantity='2' unit='chars'/>"
        " <unclear>seven</unclear> of them <damage>burnt</damage>.</p><pb n='2'/><p>Then winter.</p>"
    )
    site, _ = publish(tmp_path, {"signs": tei(body, abstract="A <supplied>short</supplied> summary.")})
    key = page(site, "docs/signs.html").xpath("//section[@class='key']//dl")[0]
    samples = [dt[0].get("class") for dt in key.iterchildren("dt")]
    assert samples == [
        "ed",
        "corrected",
        "ed",
        "ed",
        "pb",
        "foreign",
        "fn-ref",
        "rdg-ref",
        "tei-del",
        "tei-add",
        "ed-sign ed-unclear",  # the signs in the order of the list of signs (notes.xsl)
        "ed-sign ed-damage",
        "ed-sign ed-space",
        "ed-sign ed-abbr",
        "lb-sign",
    ]
    # each row's sample (its name for screen readers, hidden on screen, left out)
    signs = [
        "".join(dt.xpath(".//text()[not(ancestor::*[@class='visually-hidden'])]")) for dt in key.iterchildren("dt")
    ]
    assert (signs[0], signs[3], signs[6], signs[7]) == ("[sic]", "[\u2026]", "1", "a"), signs
    unclear = key.xpath("dt/span[@class='ed-sign ed-unclear']")[0]
    space = key.xpath("dt/span[@class='ed-sign ed-space']")[0]
    assert unclear.text and not space.text  # a space's sample has no word
    explained = [dd.text_content() for dd in key.iterchildren("dd")]
    assert len(explained) == len(samples) and all(explained)
    none = tei("<p>Plain words.</p>")
    (tmp_path / "plain").mkdir()
    site, _ = publish(tmp_path / "plain", {"plain": none})
    assert not page(site, "docs/plain.html").xpath("//section[@class='key']")
