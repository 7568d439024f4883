"""A page's stylesheet parameters: Publishers share one compiled stylesheet per process, and the
constants (edition title, UI strings, registers) are set again only when the stylesheet's last
parameters were another Publisher's or named otherwise (publish._GIVEN). Each page must still be
made with its own Publisher's constants and its own parameters, whatever ran before it."""

from lxml import html

from tei_encoder.publish import DEFAULT_TITLE, Publisher


def _tei(title: str, ours: bool) -> bytes:
    application = (
        '<encodingDesc><appInfo><application ident="tei-encoder" version="1"><label>tei-encoder</label>'
        "</application></appInfo></encodingDesc>"
        if ours
        else ""
    )
    return (
        f'<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>{title}</title>'
        "</titleStmt><publicationStmt><p>Constructed</p></publicationStmt><sourceDesc><p>Constructed</p>"
        f"</sourceDesc></fileDesc>{application}</teiHeader><text><body><p>Orlen Duvik wrote.</p></body></text></TEI>"
    ).encode()


def _title(page: bytes) -> str:
    return html.fromstring(page).findtext("head/title")


def test_publishers_sharing_a_stylesheet_each_give_it_their_own_constants():
    alpha, beta = Publisher(edition_title="Alpha Papers"), Publisher(edition_title="Beta Papers")
    assert alpha._document is beta._document  # one compiled stylesheet for both
    tei = _tei("Letter one", ours=True)
    for publisher, edition in [(alpha, "Alpha"), (alpha, "Alpha"), (beta, "Beta"), (alpha, "Alpha"), (beta, "Beta")]:
        assert _title(publisher.document_page(tei, "doc")) == f"Letter one — {edition} Papers"
    beta_index = beta.index_page("<edition/>")
    assert b"Beta Papers" in beta_index and b"Alpha Papers" not in beta_index
    assert _title(alpha.document_page(tei, "doc")) == "Letter one — Alpha Papers"


def test_a_parameter_one_page_gets_is_not_kept_for_the_next():
    """A document not tei-encoder's, published without an edition title, is titled by itself
    alone (title-suffix ""); the next page, tei-encoder's, gets the edition's title again."""
    publisher = Publisher()
    for _ in range(2):
        assert _title(publisher.document_page(_tei("Their letter", ours=False), "a")) == "Their letter"
        assert _title(publisher.document_page(_tei("Our letter", ours=True), "b")) == f"Our letter — {DEFAULT_TITLE}"
    other = Publisher(edition_title="Gamma Papers")
    assert other._document_constants  # made by the stylesheet: its parameters set for that call alone
    assert _title(publisher.document_page(_tei("Our letter", ours=True), "b")) == f"Our letter — {DEFAULT_TITLE}"
    assert _title(other.document_page(_tei("Our letter", ours=True), "b")) == "Our letter — Gamma Papers"
