"""A manuscript known by its name alone (issue 15, session 19, lead; UH6): an msDesc whose msIdentifier holds only
an msName vanished from the page without a word (neither the essentials nor the manuscript section showed it)."""

from lxml import html

from tei_encoder.publish import Publisher

HEADER = (
    '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en"><teiHeader><fileDesc><titleStmt><title>Codices</title>'
    "</titleStmt><publicationStmt><p>Made for a test.</p></publicationStmt><sourceDesc>{}</sourceDesc></fileDesc>"
    "</teiHeader><text><body><p>Some words.</p></body></text></TEI>"
)
NAMED = "<msDesc><msIdentifier><msName>The Codex of the Quiet Hill</msName></msIdentifier></msDesc>"
KEPT = (
    "<msDesc><msIdentifier><settlement>Fernholt</settlement><repository>Fernholt Town Archive</repository>"
    "<idno>B 7</idno></msIdentifier></msDesc>"
)


def _essentials(tei: str) -> list[str]:
    page = html.fromstring(Publisher().document_page(tei.encode(), "codices"))
    return [e.text_content() for e in page.xpath("//section[contains(@class, 'essentials')]/dl/*")]


def test_a_manuscript_named_alone_is_shown_as_its_reference():
    rows = _essentials(HEADER.format(NAMED))
    assert "The Codex of the Quiet Hill" in " ".join(rows)


def test_of_several_manuscripts_one_named_alone_has_its_line():
    rows = _essentials(HEADER.format(KEPT + NAMED))
    assert rows == ["Archive", "Fernholt Town Archive, Fernholt: B 7", "The Codex of the Quiet Hill"]


def test_a_named_manuscript_in_an_archive_keeps_both():
    named_kept = KEPT.replace("<idno>B 7</idno>", "<idno>B 7</idno><msName>The Fernholt Hours</msName>")
    rows = _essentials(HEADER.format(named_kept + NAMED))
    assert rows[1] == "The Fernholt Hours (Fernholt Town Archive, Fernholt: B 7)"
