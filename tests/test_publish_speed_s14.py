"""Publish speed (#15, session 14): the same pages for less work per document. What a date's
attributes give (its date value, its problems) is read once for each set of values, not once per
element and per reading; an entity's page, anchor prefix and file stem once per process, not
again for each document that mentions it; an entry's preferred name in one pass; refs and ptrs
found by one walk; a transformation that writes nothing to standard error costs no reading of
what it wrote."""

import random
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from tei_encoder import sitemap
from tei_encoder.publish import Publisher

NS = "http://www.tei-c.org/ns/1.0"
T = f"{{{NS}}}"


def _record(dates: str, mentions: str = "") -> bytes:
    """A constructed record: DATES and MENTIONS in its one paragraph, the entries in standOff."""
    return f"""<TEI xmlns="{NS}"><teiHeader><fileDesc><titleStmt><title>Minutes of the quarry board</title>
</titleStmt><publicationStmt><p>Constructed</p></publicationStmt><sourceDesc><p>Constructed</p></sourceDesc>
</fileDesc></teiHeader><standOff><listPerson><person xml:id="vella-orrin"><persName type="preferred">Vella
  Orrin</persName></person><person xml:id="tam-ostrel"><persName>Tam Ostrel</persName></person></listPerson>
<listPlace><place xml:id="harrow-gate"><placeName>Harrow Gate</placeName></place></listPlace></standOff>
<text><body><div type="document"><p>{dates} {mentions}</p></div></body></text></TEI>""".encode()


def _forget_read_dates() -> None:
    """Start as a new process does: no date's values read yet."""
    if hasattr(sitemap, "_date_value_of"):
        sitemap._date_value_of.cache_clear()
        sitemap._SOUND_DATES.clear()


def test_a_documents_dates_are_read_once_for_each_set_of_values(monkeypatch):
    # fifty dates of two days and one span: the attributes are read for three sets of values (a
    # first publish of these values), not for each of the fifty-one elements and each reading
    dates = (
        " ".join(f'<date when="1959-04-{11 + i % 2}">day {i}</date>' for i in range(50))
        + ' <date notBefore="1959-04-01" notAfter="1959-04-20">in April</date>'
    )
    root = etree.fromstring(_record(dates))
    calls = []
    real = sitemap._iso_of
    monkeypatch.setattr(sitemap, "_iso_of", lambda el, names: calls.append(names) or real(el, names))
    _forget_read_dates()
    sitemap.annotate(root)
    assert sitemap.date_warnings(root) == []
    assert sitemap.document_date(root)[0] == ""  # no header date, no dateline: undated
    # each set of values: one reading of its value (_iso_of for @when; for the span its four
    # names' pairs twice) and one of its problems (the span's and the bounds' pairs)
    assert len(calls) <= 3 * 10
    values = [el.get(f"{{{sitemap.PUB_NS}}}date") for el in root.iter(T + "date")]
    assert values == [f"1959-04-{11 + i % 2}" for i in range(50)] + ["1959-04-01..1959-04-20"]


def test_a_dates_attributes_are_read_in_the_order_of_their_names():
    element = etree.Element(T + "date", {name: str(i) for i, name in enumerate(sitemap._DATE_ATTRIBUTES)})
    assert sitemap._date_attributes(element) == tuple(map(str, range(10)))
    assert sitemap._date_attributes(etree.Element(T + "date")) == (None,) * 10


DATE_VALUES = ["1962", "1962-10", "1962-10-03", "1962-02-30", "1961-13", "0000", "-0044", " 1962-10-03 ",
               "1962-10-03T10:00", "1962-1x", "x", "", "1963", "1962-12-31", "1962-12-01", "2000-02-29"]  # fmt: skip
DATE_NAMES = ["when", "when-iso", "from", "from-iso", "to", "to-iso", "notBefore", "notBefore-iso", "notAfter",
              "notAfter-iso"]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from(DATE_NAMES), st.sampled_from(DATE_VALUES), max_size=4), max_size=6))
def test_a_dates_reading_is_its_own_wherever_its_values_were_read_before(attribute_sets):
    # the same values on other elements (other lines, another tag) read as on a fresh element, and
    # a problem names its own element's line and tag
    _forget_read_dates()
    first = [(sitemap.date_value(el), sitemap.date_problems(el)) for el in _dated(attribute_sets, "date")]
    again = [(sitemap.date_value(el), sitemap.date_problems(el)) for el in _dated(attribute_sets, "origDate")]
    for (value, problems), (value_again, problems_again) in zip(first, again, strict=True):
        assert value == value_again
        assert problems_again == [p.replace("<date", "<origDate").replace("line 1:", "line 2:") for p in problems]


def _dated(attribute_sets: list[dict[str, str]], tag: str) -> list[etree._Element]:
    """An element TAG for each set of attributes, parsed on line 1 (date) or 2 (origDate)."""
    lines = "\n" if tag == "origDate" else ""
    elements = "".join(
        f"<{tag} {' '.join(f'{k}={v!r}' for k, v in attributes.items())}/>" for attributes in attribute_sets
    )
    return list(etree.fromstring(f'<p xmlns="{NS}">{lines}{elements}</p>'))


def test_an_entitys_page_and_anchor_are_made_once_for_every_document(monkeypatch):
    # three documents mention the same two people: each one's page and anchor prefix are made from
    # its file stem once in the process (two stems a person), not again for each document
    mentions = '<persName ref="#vella-orrin">Vella Orrin</persName> met <persName ref="#tam-ostrel">Ostrel</persName>'
    stems = []
    real = sitemap.page_stem
    monkeypatch.setattr(sitemap, "page_stem", lambda key: stems.append(key) or real(key))
    cached = getattr(sitemap, "_link_head", None)
    if cached is not None:
        cached.cache_clear()
    links = []
    for _ in range(3):
        root = sitemap.annotate(etree.fromstring(_record("", mentions)))
        links.append([el.get(f"{{{sitemap.PUB_NS}}}link") for el in root.iter(T + "persName") if el.get("ref")])
    assert sorted(stems) == ["tam-ostrel", "tam-ostrel", "vella-orrin", "vella-orrin"]
    assert (
        links[0]
        == links[1]
        == links[2]
        == [
            "person persons/vella-orrin.html m-vella-orrin-1 Vella Orrin",
            "person persons/tam-ostrel.html m-tam-ostrel-1 Tam Ostrel",
        ]
    )


NAME_TAGS = ["persName", "placeName", "orgName", "idno", "note", "forename"]


def test_an_entrys_preferred_name_is_the_first_preferred_else_the_first_name():
    # against the reading it had: the names (children ending in Name), the first typed preferred,
    # else the first; its text whitespace-normalised
    def spelled(entry: etree._Element) -> str:
        names = [n for n in entry if isinstance(n.tag, str) and n.tag.endswith("Name")]
        chosen = next((n for n in names if n.get("type") == "preferred"), names[0] if names else None)
        return " ".join("".join(chosen.itertext()).split()) if chosen is not None else ""

    picks = random.Random(15)
    for _ in range(3000):
        entry = etree.Element(T + "person")
        for _ in range(picks.randint(0, 4)):
            if picks.random() < 0.1:
                entry.append(etree.Comment(" a comment "))
                continue
            child = etree.SubElement(entry, T + picks.choice(NAME_TAGS))
            if picks.random() < 0.4:
                child.set("type", picks.choice(["preferred", "variant"]))
            child.text = picks.choice([None, "", "  Vella  Orrin ", "Tam\n Ostrel", "\u00a0Harrow"])
            if picks.random() < 0.3:
                part = etree.SubElement(child, T + "forename")
                part.text, part.tail = picks.choice(["Q", None, " r "]), picks.choice([None, " t"])
            if picks.random() < 0.2:
                child.append(etree.Comment("inside"))
        assert sitemap.preferred_name(entry) == spelled(entry), etree.tostring(entry)


def test_refs_and_ptrs_are_found_in_document_order_by_one_walk():
    ids = '<seg xml:id="s1">the gate</seg>'
    refs = '<ref target="#s1">above</ref> <ptr target="https://example.org/a"/> <ref target="b.xml">file</ref>'
    root = sitemap.annotate(etree.fromstring(_record(ids, refs)))
    to = [el.get(f"{{{sitemap.PUB_NS}}}to") for el in root.iter(T + "ref", T + "ptr")]
    assert to == ["#id-s1", "https://example.org/a", None]


def test_a_transformations_messages_are_passed_on_and_a_quiet_one_reads_none(tmp_path: Path, capfd):
    edition = tmp_path / "edition"
    edition.mkdir()
    (edition / "say.xsl").write_text(
        """<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
 xmlns:tei="http://www.tei-c.org/ns/1.0"><xsl:template name="hook-document-top"><xsl:if
 test="//tei:date"><xsl:message>a dated page</xsl:message></xsl:if></xsl:template></xsl:stylesheet>""",
        encoding="utf-8",
    )
    publisher = Publisher(overrides=edition)
    publisher.document_page(_record('<date when="1959-04-11">11 April</date>'), "dated")
    assert "a dated page" in capfd.readouterr().err
    publisher.document_page(_record("undated"), "undated")
    assert publisher._stderr.text() == ""
    assert "a dated page" not in capfd.readouterr().err
    publisher.document_page(_record('<date when="1959-04-12">12 April</date>'), "dated again")
    assert capfd.readouterr().err.count("a dated page") == 1  # only this run's message, once
