"""Graphics (TEI P5 §3.10, §11.1) in TEI from any project (#15): the site copies no image, so the
page names each graphic in its place, a figure's head and figDesc shown as written, and the
publisher warns of each one with its line; nothing is dropped silently."""

from lxml import html
from test_site_s13_f1 import nu_valid

from tei_encoder.publish import Publisher

NS = "http://www.tei-c.org/ns/1.0"
TEI = (
    f'<TEI xmlns="{NS}"><teiHeader><fileDesc><titleStmt><title>Plan of a harbour</title></titleStmt>'
    "<publicationStmt><p>Constructed.</p></publicationStmt><sourceDesc><p>None.</p></sourceDesc></fileDesc>"
    "</teiHeader><text><body>\n"
    "<p>The harbour as the pilot drew it:</p>\n"
    '<figure><head>Harbour plan</head><graphic url="images/harbour.png"/>'
    "<figDesc>A sketch of two piers.</figDesc></figure>\n"
    '<p>A seal <graphic url=" seal.jpg "/> stands below.</p>\n'
    "<p>No image here.</p>\n"
    "</body></text></TEI>"
).encode()


def test_a_graphic_is_named_on_the_page_and_warned(tmp_path):
    made, warnings = Publisher().render_document(TEI, "harbour")
    page = html.fromstring(made)
    shown = [
        " ".join(g.text_content().split()) for g in page.xpath("//section[@class='text']//*[@class='tei-graphic']")
    ]
    assert shown == ["[image not shown: images/harbour.png]", "[image not shown: seal.jpg]"]
    figure = [" ".join(part.text_content().split()) for part in page.xpath("//div[@class='tei-figure']/*")]
    assert figure == ["Harbour plan", "[image not shown: images/harbour.png]", "A sketch of two piers."]
    assert [w for w in warnings if "graphic" in w] == [
        'line 3: <graphic url="images/harbour.png">: the image is not shown (the site copies no images); the page names it',
        'line 4: <graphic url="seal.jpg">: the image is not shown (the site copies no images); the page names it',
    ]
    out = tmp_path / "harbour.html"
    out.write_bytes(made)
    nu_valid([out])


def test_media_and_embedded_data_are_named_and_warned(tmp_path):
    """Like a graphic, a media file (TEI P5 §3.10) and embedded data (binaryObject: base64, never
    shown as text) are named in their place and warned with their line, the words around apart."""
    tei = (
        f'<TEI xmlns="{NS}"><teiHeader><fileDesc><titleStmt><title>A recorded call</title></titleStmt>'
        "<publicationStmt><p>Constructed.</p></publicationStmt><sourceDesc><p>None.</p></sourceDesc></fileDesc>"
        "</teiHeader><text><body>\n"
        '<p>The call <media mimeType="audio/wav" url="call.wav"><desc>a two-minute call</desc></media> ends.</p>\n'
        '<p>A stamp<binaryObject mimeType="image/png">iVBORw0KGgo</binaryObject>below and'
        " <binaryObject>QUJD</binaryObject> <term>done</term>.</p>\n"
        "</body></text></TEI>"
    ).encode()
    made, warnings = Publisher().render_document(tei, "call")
    page = html.fromstring(made)
    assert [" ".join(p.text_content().split()) for p in page.xpath("//section[@class='text']/p")] == [
        "The call [media file not shown: call.wav] a two-minute call ends.",
        "A stamp[embedded data not shown: image/png]below and [embedded data not shown] done.",
    ]
    assert "iVBOR" not in made.decode()
    assert warnings == [
        'line 2: <media url="call.wav">: the media file is not shown (the site copies no media files); the page names it',
        'line 3: <binaryObject mimeType="image/png">: the embedded data is not shown (the site decodes none); the page names it',
        "line 3: <binaryObject>: the embedded data is not shown (the site decodes none); the page names it",
    ]
    out = tmp_path / "call.html"
    out.write_bytes(made)
    nu_valid([out])
