"""Notes of third-party TEI (issue 15, F17): an empty note is no footnote (left out and reported), an
entry's note in a list of bibliography, persons or places is shown with its entry, an empty ref
shows its target, and notes whose own numbers restart in each chapter are listed by chapter (or
numbered in sequence when no chapter tells them apart). Inputs: tests/fixtures/tei/notes_kinds.xml
and notes_chapters.xml (our own wording)."""

from conftest import ROOT
from lxml import html

from tei_encoder.publish import Publisher

TEI = ROOT / "tests" / "fixtures" / "tei"


def _render(tei: bytes, name: str = "doc"):
    page, warnings = Publisher().render_document(tei, name)
    return html.fromstring(page), warnings


def _marks(page) -> list[str]:
    return [a.text_content() for a in page.xpath("//section[@class='text']//sup[@class='fn-ref']/a")]


def _notes(page) -> list[str]:
    return [" ".join(li.text_content().split()) for li in page.xpath("//section[@class='footnotes']//li")]


def test_an_empty_note_is_no_footnote_and_is_reported():
    page, warnings = _render((TEI / "notes_kinds.xml").read_bytes())
    assert _notes(page) == ["The harbour book gives the hour as six. ↩"]
    assert len(page.xpath("//section[@class='text']//sup[@class='fn-ref']")) == 1  # no mark for the empty ones
    empty = [w for w in warnings if "empty" in w]
    assert len(empty) == 2 and all('<note type="references">' in w and w.startswith("line 13") for w in empty)


def test_an_entry_note_is_shown_with_its_entry():
    page, _ = _render((TEI / "notes_kinds.xml").read_bytes())
    for entry, words in (
        ("tei-bibl", "Kept in the town hall cellar."),
        ("tei-person", "Pilot of the morning ferry for twelve years."),
        ("tei-place", "A fishing town on the northern shore."),
    ):
        [shown] = page.xpath(f"//div[@class='{entry}']/span[@class='entry-note']")
        assert shown.text_content() == words
    assert not any("cellar" in n for n in _notes(page))


def test_an_empty_ref_shows_its_target_as_a_link():
    page, _ = _render((TEI / "notes_kinds.xml").read_bytes())
    [link] = page.xpath("//a[@class='tei-ref']")
    assert link.get("href") == link.text_content() == "https://example.org/ferry/list"
    assert not [
        e for e in page.xpath("//*[starts-with(@class, 'tei-ref') or @class='tei-ptr']") if not e.text_content()
    ]


def test_notes_numbered_again_in_each_chapter_are_listed_under_their_chapter():
    page, _ = _render((TEI / "notes_chapters.xml").read_bytes())
    section = page.xpath("//section[@class='footnotes']")[0]
    assert [h.text_content() for h in section.xpath("h3")] == ["The first quay", "The lighthouse", "The storm year"]
    assert [len(ol.xpath("li")) for ol in section.xpath("ol")] == [2, 2, 1]
    # every mark leads to its own note and back
    marks = page.xpath("//section[@class='text']//sup[@class='fn-ref']/a")
    assert len({a.get("href") for a in marks}) == len(marks) == 5
    for a in marks:
        [li] = page.xpath(f"//li[@id='{a.get('href')[1:]}']")
        assert li.xpath(".//a[@class='fn-back']/@href") == ["#" + a.get("id")]


def test_notes_numbered_again_without_chapters_are_numbered_in_sequence():
    tei = (TEI / "notes_chapters.xml").read_bytes()
    for head in (b"<head>The first quay</head>", b"<head>The lighthouse</head>", b"<head>The storm year</head>"):
        tei = tei.replace(head, b"")
    page, _ = _render(tei)
    assert _marks(page) == ["1", "2", "3", "4", "5"]
    assert not page.xpath("//section[@class='footnotes']//h3 | //span[@class='fn-mark']")


def test_notes_with_their_own_unique_numbers_keep_them():
    tei = (
        (TEI / "notes_chapters.xml")
        .read_bytes()
        .replace(b'n="1.">It', b'n="3.">It')
        .replace(b'n="2.">His', b'n="4.">His')
    )
    tei = tei.replace(b'n="1.">The town', b'n="5.">The town')
    page, _ = _render(tei)
    assert _marks(page) == ["1.", "2.", "3.", "4.", "5."]
    assert not page.xpath("//section[@class='footnotes']//h3")
