"""delSpan and addSpan (TEI P5 §11.3.1.4): the text from one to the element its @spanTo points
to is shown deleted (<del>, struck through) or added (<ins>), as del and add are, across
paragraph and other boundaries; the editorial key lists the signs; no word is lost."""

import subprocess
from collections import Counter

from lxml import html
from test_publish import _vnu

from tei_encoder.publish import Publisher, missing_text, missing_words
from tei_encoder.xmlsafe import parse_xml

NS = "http://www.tei-c.org/ns/1.0"
TEI = (
    f'<TEI xmlns="{NS}"><teiHeader><fileDesc><titleStmt><title>Draft with struck passages</title></titleStmt>'
    "<publicationStmt><p>Constructed.</p></publicationStmt><sourceDesc><p>None.</p></sourceDesc></fileDesc>"
    "</teiHeader><text><body>\n"
    '<p>The council met. <delSpan spanTo="#e2"/>This sentence was struck <hi rend="italic">out</hi> by the clerk.</p>\n'
    '<p>So was this one<anchor xml:id="e2"/>, but not this tail.</p>\n'
    '<p>Kept text. <addSpan spanTo="#a1"/>An added line<anchor xml:id="a1"/> and then plain.</p>\n'
    '<p>Back <delSpan spanTo="#nowhere"/>pointer missing.</p>\n'
    '<p><anchor xml:id="b0"/>Before <delSpan spanTo="#b0"/>pointing back.</p>\n'
    "</body></text></TEI>"
).encode()


def test_spanned_text_is_shown_deleted_or_added_across_paragraphs(tmp_path):
    made = Publisher().document_page(TEI, "draft")
    page = html.fromstring(made)
    deleted = page.xpath("//section[@class='text']//del")
    assert [" ".join(d.text_content().split()) for d in deleted] == [
        "This sentence was struck",
        "out",
        "by the clerk.",
        "So was this one",
    ]
    assert [" ".join(i.text_content().split()) for i in page.xpath("//section[@class='text']//ins")] == [
        "An added line"
    ]
    # what follows the target, a span without a target and one pointing back: ordinary text
    text = html.fromstring(html.tostring(page.xpath("//section[@class='text']")[0]))
    for changed in text.xpath(".//del | .//ins"):
        changed.drop_tree()  # its tail stays
    plain = " ".join(text.text_content().split())
    for words in (", but not this tail.", "and then plain.", "pointer missing.", "pointing back."):
        assert words in plain, plain
    signs = {
        dt.xpath("string(*/@class)"): dd.text_content()
        for dt, dd in zip(page.xpath("//section[@class='key']//dt"), page.xpath("//section[@class='key']//dd"))
    }
    assert signs["tei-del"].startswith("deleted") and signs["tei-add"].startswith("added")
    root = parse_xml(data=TEI).getroot()
    assert missing_words(root, made) == (Counter(), Counter())
    assert missing_text(root, made) == []
    vnu = _vnu()
    if vnu is not None:
        out = tmp_path / "draft.html"
        out.write_bytes(made)
        done = subprocess.run([*vnu, "--errors-only", str(out)], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr[:3000]


def test_a_span_that_marks_nothing_is_warned_with_its_line():
    """#15: a delSpan or addSpan whose target is missing, before it or around it marks nothing,
    and the publisher says so, naming its line; spans that reach their targets are not warned."""
    tei = TEI.replace(
        b"<p>Kept text.",
        b'<p xml:id="p9">Inside <addSpan spanTo="#p9"/>its own target.</p>\n<p>Kept text.',
    )
    _page, warnings = Publisher().render_document(tei, "draft")
    spans = [w for w in warnings if "spanTo" in w]
    assert spans == [
        'line 4: <addSpan spanTo="#p9">: points to an element before it; '
        "the text after it is shown as written, not marked added",
        'line 6: <delSpan spanTo="#nowhere">: points to no element of this document; '
        "the text after it is shown as written, not marked deleted",
        'line 7: <delSpan spanTo="#b0">: points to an element before it; '
        "the text after it is shown as written, not marked deleted",
    ], warnings
