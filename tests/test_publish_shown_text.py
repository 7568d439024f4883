"""The lost-text check is skipped only where it is proven to find nothing (publish.every_word_shown):
for pages of the shipped stylesheets whose text holds only the elements data/shown-text.json
lists; so is the check of the abstract the page shows as its summary (publish.header_text_shown)
when the abstract holds paragraphs of those elements alone. The proof is here: each listed element, in a division, directly in the body and inside a
paragraph, holding each listed element (linked and unlinked names, dated and ranged dates,
punctuation after a part of an opener, a double hyphen against it) loses no word on the page, by the full check
(`missing_words`). A list grown without this test green would let a page drop words silently."""

import json
from pathlib import Path

import pytest

from tei_encoder import publish
from tei_encoder.publish import (
    SHOWN_TEXT,
    Publisher,
    _shown_kinds,
    every_word_shown,
    header_text_shown,
    missing_header_text,
    missing_words,
)
from tei_encoder.xmlsafe import parse_xml

KINDS = json.loads((Path(__file__).parent.parent / "tei_encoder" / "data" / SHOWN_TEXT).read_text(encoding="utf-8"))
HEADER = (
    "<teiHeader><fileDesc><titleStmt><title>Proof page</title></titleStmt><publicationStmt><p>Constructed</p>"
    "</publicationStmt><sourceDesc><p>Constructed</p></sourceDesc></fileDesc></teiHeader>"
    '<standOff><listPerson><person xml:id="e-person"><persName>Tarvok Ostrelin</persName></person></listPerson>'
    '<listPlace><place xml:id="e-place"><placeName>Vellmar</placeName></place></listPlace>'
    '<listOrg><org xml:id="e-org"><orgName>Quarry Council</orgName></org></listOrg></standOff>'
)
REFS = {"persName": "#e-person", "placeName": "#e-place", "orgName": "#e-org"}


class Words:
    """Words no other word holds (zq00001x …), so a lost one is never found inside another."""

    def __init__(self) -> None:
        self.n = 0

    def __call__(self) -> str:
        self.n += 1
        return f"zq{self.n:05d}x"


def _child(kind: str, word: Words, variant: int) -> str:
    if kind in KINDS["empty"]:
        return {"gap": '<gap reason="illegible"/>', "pb": '<pb n="2"/>', "lb": "<lb/>"}[kind]
    attributes = ""
    if kind in REFS and variant == 0:
        attributes = f' ref="{REFS[kind]}"'
    elif kind == "date":
        attributes = ' when="1961-04-17"' if variant == 0 else ' notBefore="1961-04-01" notAfter="1961-04-10"'
    elif kind == "note":
        attributes = ' place="foot"'
    return f"<{kind}{attributes}>{word()} {word()}</{kind}>"


def _proof_document(parent: str) -> bytes:
    """A TEI document where PARENT holds every listed element, in three contexts and two arrangements."""
    word = Words()
    blocks = []
    for variant in (0, 1):
        if variant == 0:  # words around each child, a typewriter dash against it (set as a dash on the page)
            inner = " ".join(f"{word()}--{_child(kind, word, variant)} {word()}" for kind in sorted(_kinds()))
        else:  # children side by side, punctuation alone after each (an opener's trailing full stop)
            inner = "".join(f"{_child(kind, word, variant)}. " for kind in sorted(_kinds())) + word()
        element = f"<{parent}>{word()} {inner}</{parent}>"
        blocks += [f"<div type='section' n='{variant}'>{element}</div>", element, f"<p>{word()} {element} {word()}</p>"]
    body = "".join(blocks)
    return (f'<TEI xmlns="http://www.tei-c.org/ns/1.0">{HEADER}<text><body>{body}</body></text></TEI>').encode()


def _kinds() -> set[str]:
    return set(KINDS["shown"]) | set(KINDS["empty"])


@pytest.fixture(scope="module")
def publisher() -> Publisher:
    return Publisher()


@pytest.mark.parametrize("parent", sorted(KINDS["shown"]))
def test_every_listed_element_inside_every_other_loses_no_word(publisher, parent):
    tei = _proof_document(parent)
    tree = parse_xml(data=tei)
    assert every_word_shown(tree.getroot())
    page, _ = publisher.render_document(tei, "proof", tree)
    strict, lenient = missing_words(parse_xml(data=tei).getroot(), page)
    assert not lenient, f"<{parent}> with the listed elements inside: not on the page: {dict(lenient)}"


def test_the_proof_fails_for_a_stylesheet_that_drops_a_listed_elements_words(tmp_path):
    """The same documents published by an edition's module that shows no sic: words are missing
    (the proof above can fail), and the page is read for lost words, as for any override."""
    (tmp_path / "drop.xsl").write_text(
        '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"'
        ' xmlns:tei="http://www.tei-c.org/ns/1.0"><xsl:template match="tei:sic"/></xsl:stylesheet>'
    )
    dropping = Publisher(overrides=tmp_path)
    tei = _proof_document("p")
    page, warnings = dropping.render_document(tei, "proof")
    assert missing_words(parse_xml(data=tei).getroot(), page)[1]
    assert any("words of the text are not shown on the page" in w for w in warnings)


@pytest.mark.parametrize(
    "text",
    [
        "<p>Tarvok <pb n='2'>stray words</pb></p>",  # a page break that holds text shows none of it
        "<p>Tarvok <gap><desc>torn corner</desc></gap></p>",  # a gap shows its description alone
        "<p>Tarvok <lb><hi>x</hi></lb></p>",
        "<p>Tarvok <choice><sic>teh</sic><corr>the</corr></choice></p>",  # an element not listed
        "<p>Tarvok <foo xmlns='urn:other'>words</foo></p>",  # another vocabulary
        "<group><text><body><p>Tarvok</p></body></text></group>",
    ],
)
def test_a_text_with_anything_not_proven_is_read_for_lost_words(text):
    tei = f'<TEI xmlns="http://www.tei-c.org/ns/1.0">{HEADER}<text>{text}</text></TEI>'
    assert not every_word_shown(parse_xml(data=tei.encode()).getroot())


def test_only_tei_documents_with_their_texts_at_the_top_are_proven():
    body = "<text><body><p>Tarvok <!-- a comment --><?pi x?> met Ostrelin<pb/> <lb>  </lb></p></body></text>"
    ns = 'xmlns="http://www.tei-c.org/ns/1.0"'
    assert every_word_shown(parse_xml(data=f"<TEI {ns}>{HEADER}{body}</TEI>".encode()).getroot())
    assert not every_word_shown(
        parse_xml(data=f"<teiCorpus {ns}><TEI>{HEADER}{body}</TEI></teiCorpus>".encode()).getroot()
    )
    assert not every_word_shown(parse_xml(data=f"<TEI {ns}>{HEADER}<back>{body}</back></TEI>".encode()).getroot())
    assert not every_word_shown(parse_xml(data=f"<TEI xmlns='urn:other'>{body}</TEI>".encode()).getroot())


def test_pages_of_an_editions_stylesheets_are_always_read_for_lost_words(tmp_path):
    (tmp_path / "keep.xsl").write_text(
        '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"/>'
    )
    assert Publisher().shipped
    assert not Publisher(overrides=tmp_path).shipped
    assert not Publisher(xslt_dir=tmp_path).shipped
    assert _shown_kinds()[0] and _shown_kinds()[1]


# --- the abstract, shown as the page's summary (header_text_shown) ---------------------------------


def _with_abstract(abstract: str, text: str = "<p>Tarvok</p>") -> bytes:
    header = HEADER.replace("</fileDesc></teiHeader>", f"</fileDesc><profileDesc>{abstract}</profileDesc></teiHeader>")
    return f'<TEI xmlns="http://www.tei-c.org/ns/1.0">{header}<text><body>{text}</body></text></TEI>'.encode()


def _abstract_proof_document(parent: str) -> bytes:
    """An abstract whose paragraphs hold PARENT holding every listed element, in two arrangements
    (as `_proof_document` arranges them in the text)."""
    word = Words()
    paragraphs = []
    for variant in (0, 1):
        if variant == 0:
            inner = " ".join(f"{word()}--{_child(kind, word, variant)} {word()}" for kind in sorted(_kinds()))
        else:
            inner = "".join(f"{_child(kind, word, variant)}. " for kind in sorted(_kinds())) + word()
        paragraphs.append(f"<p>{word()} <{parent}>{word()} {inner}</{parent}> {word()}</p>")
    return _with_abstract(f"<abstract>{'<!-- two -->'.join(paragraphs)}</abstract>")


@pytest.mark.parametrize("parent", sorted(KINDS["shown"]))
def test_every_listed_element_inside_every_other_in_the_abstract_loses_no_word(publisher, parent):
    """The proof of header_text_shown: the full check (the page parsed, no quick reading) finds no
    word of such an abstract missing from the summary. Failed before (no header_text_shown)."""
    tei = _abstract_proof_document(parent)
    assert header_text_shown(parse_xml(data=tei).getroot())
    page, warnings = publisher.render_document(tei, "proof", parse_xml(data=tei))
    assert page.count(b'data-tei-region="abstract"') == 1
    assert missing_header_text(parse_xml(data=tei).getroot(), page, quick=False) == []
    assert not [w for w in warnings if "header" in w]


@pytest.mark.parametrize(
    "abstract",
    [
        "<abstract>Tarvok met Ostrelin</abstract>",  # words of the abstract's own, outside a paragraph
        "<abstract><p>Tarvok</p> met <p>Ostrelin</p></abstract>",
        "<abstract><list><item>Tarvok</item></list></abstract>",  # no paragraph: the summary shows none of it
        "<abstract><ab>Tarvok</ab></abstract>",
        "<abstract><p>Tarvok <choice><sic>teh</sic><corr>the</corr></choice></p></abstract>",  # not listed
        "<abstract><p>Tarvok <pb n='2'>stray words</pb></p></abstract>",
        "<abstract><p>Tarvok <foo xmlns='urn:other'>words</foo></p></abstract>",
    ],
)
def test_an_abstract_with_anything_not_proven_is_read_for_lost_words(abstract):
    assert not header_text_shown(parse_xml(data=_with_abstract(abstract)).getroot())


def test_only_a_tei_documents_abstract_is_proven():
    abstract = "<abstract><p>Tarvok <!-- a comment --><?pi x?> met <persName>Ostrelin</persName></p>\n</abstract>"
    assert header_text_shown(parse_xml(data=_with_abstract(abstract)).getroot())
    assert header_text_shown(parse_xml(data=_with_abstract("")).getroot())  # no abstract: nothing to read
    corpus = _with_abstract(abstract).replace(b"<TEI ", b"<teiCorpus ").replace(b"</TEI>", b"</teiCorpus>")
    assert not header_text_shown(parse_xml(data=corpus).getroot())


def test_the_summary_is_read_for_lost_words_only_where_not_proven(monkeypatch, tmp_path):
    """render_document leaves missing_header_text out for a proven abstract of the shipped
    stylesheets, and runs it for any other (an unproven abstract, an edition's stylesheets)."""
    calls = []
    real = publish.missing_header_text
    monkeypatch.setattr(publish, "missing_header_text", lambda root, page: calls.append(1) or real(root, page))
    proven = _with_abstract("<abstract><p>Tarvok met <persName>Ostrelin</persName></p></abstract>")
    unproven = _with_abstract("<abstract><p>Tarvok met</p><list><item>Ostrelin</item></list></abstract>")
    Publisher().render_document(proven, "doc")
    assert calls == []
    _, warnings = Publisher().render_document(unproven, "doc")
    assert calls == [1]
    assert any("1 word of the header is not shown" in w and "Ostrelin" in w for w in warnings)
    (tmp_path / "keep.xsl").write_text(
        '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"/>'
    )
    Publisher(overrides=tmp_path).render_document(proven, "doc")
    assert calls == [1, 1]


FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize("path", sorted((FIXTURES / "tei").glob("*.xml")), ids=lambda p: p.name)
def test_a_proven_abstract_is_one_the_full_check_finds_shown(publisher, path):
    """On every TEI file of the fixtures: where header_text_shown holds, the full check of the
    page's summary finds no word of the abstract missing (what leaving it out would hide)."""
    tei = path.read_bytes()
    root = parse_xml(data=tei, huge=True, collect_ids=False).getroot()
    if not header_text_shown(root):
        return
    try:
        page, _ = publisher.render_document(tei, path.stem)
    except publish.PublishError:
        return
    assert missing_header_text(root, page, quick=False) == []
