"""The edition site's defects of issue #15 (fixer F11), each as a kind, on constructed TEI: a page
break inside a word (@break="no") splits neither the word on the page nor in the lost-text check;
the Highlight boxes are offered only for the kinds of mention the document has. Every input is
constructed here, in our own words."""

from test_site_s14_kinds import FILTER_STANDOFF, flat, page, publish, tei


def test_a_page_break_inside_a_word_keeps_the_word_whole_and_warns_of_nothing(tmp_path):
    body = "<p>The orchard ledger was kept with a steady hand all sea<pb n='3' break='no'/>son long.</p><pb n='4'/><p>Then winter.</p>"
    site, output = publish(tmp_path, {"rows": tei(body)})
    doc = page(site, "docs/rows.html")
    text = flat(doc.xpath("//section[@class='text']")[0])
    assert "all season long" in text, text
    marks = doc.xpath("//span[contains(@class, 'pb-in-word')]")
    assert len(marks) == 1 and "3" in marks[0].get("data-sign") and "3" in marks[0].get("aria-label")
    assert "4" in flat(doc.xpath("//p[@class='pb-line']")[0])
    assert "warning" not in output, output


def test_the_highlight_boxes_are_offered_only_for_the_kinds_the_document_mentions(tmp_path):
    person_only = "<p>Ledger of <persName ref='#quill'>Ada Quill</persName>.</p>"
    none = "<p>Ledger of nobody.</p>"
    site, _ = publish(
        tmp_path, {"one": tei(person_only, standoff=FILTER_STANDOFF), "none": tei(none, standoff=FILTER_STANDOFF)}
    )
    boxes = page(site, "docs/one.html").xpath("//fieldset[@class='highlight']//input/@value")
    assert boxes == ["person"], boxes
    assert not page(site, "docs/none.html").xpath("//fieldset[@class='highlight']")
