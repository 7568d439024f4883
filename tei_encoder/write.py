"""Stage 4 — write: Document -> TEI P5 XML bytes.

The only stage that knows element order and namespaces. Output is deterministic: nothing here
reads the clock; the one timestamp (revisionDesc/change/@when) is passed in.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

from lxml import etree

from . import __version__
from .errors import RecordError
from .model import ArchivalReference, Document, Entity, Header, Language, Node
from .parse.header import UNDETERMINED
from .tei import ENTITY_KINDS, KIND, TEI_NS, XML_ID, XML_LANG, T

EDITORIAL_PRINCIPLES = (
    "The words of the record are kept exactly; markup is added around them. Whitespace inside paragraphs is normalised.",
    "Line breaks inside a heading or a signature are encoded as lb.",
    "A paragraph that the export broke by a blank line in mid-sentence (the next block starting in lower case) is joined into one p; so is one broken by a page marker, with pb inside it.",
    "Translator's brackets: [SIC] marks the preceding word as sic and is dropped; words added in brackets are supplied (brackets not kept); [...] is a gap; bracketed original-language terms are foreign; [Page n] and (p. n) are pb.",
    "Persons, places, organisations and dates are tagged and linked to the entries in standOff; entries created by the encoder for names no authority file lists are marked as such.",
)


_XML_ATTRS = {"xml:id": XML_ID, "xml:lang": XML_LANG}


def _attrib(attrs: dict) -> dict | None:
    """Attributes by their TEI names (xml:id, xml:lang in the XML namespace); empty values left out."""
    return {_XML_ATTRS.get(k, k): v for k, v in attrs.items() if v} if attrs else None


def _sub(parent, tag: str, text: str | None = None, **attrs) -> etree._Element:
    el = etree.SubElement(parent, T + tag, _attrib(attrs))
    el.text = text or None
    return el


def write_tei(doc: Document, change_date: str | None = None) -> bytes:
    """Document -> TEI bytes (UTF-8, XML declaration, indented). change_date is the ISO date
    of revisionDesc/change, or None.
    """
    return serialize(tei_tree(doc, change_date))


def serialize(root: etree._Element) -> bytes:
    """An lxml TEI tree -> UTF-8 bytes with an XML declaration, indented (deterministic)."""
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True)


def tei_tree(doc: Document, change_date: str | None = None) -> etree._Element:
    """Document -> the lxml TEI tree: teiHeader (TEI 2), standOff with the mentioned entities
    (TEI 16.10, 13.3), text/body with the document's div (TEI 4).

    Made as XML text parsed in one go (_parsed); when that text cannot say a part as _node would, part
    by part as before (_tei_tree_by_parts), which gives the same tree. Raises RecordError when the
    text's structure would not be valid TEI.
    """
    # a translation language without a known code (`und`) says nothing of the text's language
    lang = next((t.code for t in doc.header.translation_languages if t.code != UNDETERMINED), "en")
    parts: list[Node | str] = [_header_node(doc, change_date)]
    if doc.entities:
        parts.append(_stand_off_node(doc.entities))
    body = Node("body", {}, [doc.body])
    parts.append(Node("text", {"xml:lang": lang} if lang else {}, [body]))  # (as _sub: an empty value left out)
    root = _parsed(Node("TEI", {"xml:id": doc.record_id, "xml:lang": "en"}, parts))
    if root is None:
        root = _tei_tree_by_parts(doc, change_date, lang)
    for div in root[-1][0].iter(T + "div"):  # (the body: text's only child, text the last of TEI's)
        problem = div_content_problem(div)
        if problem:
            raise RecordError(
                f"the text's structure would not be valid TEI ({problem}); nothing written, please report it"
            )
    return root


def _tei_tree_by_parts(doc: Document, change_date: str | None, lang: str) -> etree._Element:
    """tei_tree's tree made part by part: the root and text/body from Python, teiHeader, standOff and the
    body's div each made in one go where XML text can say it, else element by element (_text_tree)."""
    root = etree.Element(T + "TEI", nsmap={None: TEI_NS})
    root.set(XML_ID, doc.record_id)
    root.set(XML_LANG, "en")
    root.append(_header(doc, change_date))
    if doc.entities:
        root.append(_stand_off(doc.entities))
    text = _sub(root, "text", **{"xml:lang": lang})
    body = _sub(text, "body")
    body.append(_text_tree(doc.body))
    return root


# --- the TEI div content model (TEI 4.1, tei_all: div) ------------------------------------------------
# Our project schema is looser here than tei_all, so the writer checks it: a div holds opening
# matter (model.divTop), then either divs or component-level content (p, list, …), then closing
# matter (model.divBottom); model.global elements (pb, lb, note, gap, …) go anywhere. Closing
# matter with nothing before it, or anything but closing matter after it, is invalid TEI.
_DIV_TOP = {"head", "opener"}  # model.divTopPart (signed is also a wrapper)
_DIV_WRAPPER = {"argument", "byline", "dateline", "docAuthor", "docDate", "epigraph", "meeting", "salute", "signed"}
_DIV_BOTTOM = {"closer", "postscript", "trailer"}  # model.divBottomPart
_GLOBAL = {"pb", "lb", "cb", "milestone", "anchor", "fw", "gb", "note", "noteGrp", "gap", "space", "figure", "index"}
_DIV_MODEL = re.compile(r"[TWG]*(?:(?:(?:DG*)+|(?:CG*)+(?:DG*)*)(?:[BW]G*)*)?")


@lru_cache(maxsize=256)
def _content_class(tag: str) -> str:
    """The div content class of an element by its tag (cached: a long record's div has many children)."""
    name = tag.rpartition("}")[2]  # the local name (a QName object per child would cost more than the rest)
    if name in _GLOBAL:
        return "G"
    if name in _DIV_TOP:
        return "T"
    if name in _DIV_WRAPPER:
        return "W"
    if name in _DIV_BOTTOM:
        return "B"
    return "D" if name == "div" else "C"


def div_content_problem(div: etree._Element) -> str:
    """'' when div's children follow the TEI div content model, else a short description such as
    'closer followed by p'. (TEI 4.1 "Divisions of the Body", 4.2 "Elements Common to All Divisions")."""
    # elements only (no comments or processing instructions), each tag read once: lxml makes a
    # new string at every read, and a 50 MB record's div has a quarter million children (issue 13)
    classes = "".join([_content_class(c.tag) for c in div.iterchildren(etree.Element)])
    if _DIV_MODEL.fullmatch(classes):
        return ""
    children = [c for c in div if isinstance(c.tag, str)]
    names = [etree.QName(c).localname for c in children]
    for i, kind in enumerate(classes):
        if kind in "BW" and any(k in "CD" for k in classes[:i]):
            after = [n for n, k in zip(names[i + 1 :], classes[i + 1 :]) if k in "CDT"]
            if after:
                return f"{names[i]} followed by {after[0]} in a div"
    if "B" in classes and not any(k in "CD" for k in classes):
        return f"{names[classes.index('B')]} with no paragraph before it in a div"
    return "div content out of order: " + " ".join(names[:12])


# --- header ------------------------------------------------------------------------------------


def _org_entry(doc: Document, name: str) -> str:
    """The id of the one org entry of the document named `name` (its name or a form it is met in),
    else ''."""
    key = name.casefold()
    found = [
        e.xml_id
        for e in doc.entities.values()
        if e.kind == "org" and key in {n.casefold() for n in (e.name, *e.variants)}
    ]
    return found[0] if len(found) == 1 else ""


def _header(doc: Document, change_date: str | None) -> etree._Element:
    """The teiHeader (TEI 2), made in one go (_text_tree)."""
    return _text_tree(_header_node(doc, change_date))


def _header_node(doc: Document, change_date: str | None) -> Node:
    h = doc.header
    header = _leaf("teiHeader", None)
    file_desc = _add(header, "fileDesc")
    title_stmt = _add(file_desc, "titleStmt")
    _add(title_stmt, "title", h.title, type="main")
    if h.subtitle:  # a second title line: a subtitle (TEI 2.2.1 titleStmt)
        _add(title_stmt, "title", h.subtitle, type="sub")
    for ref in dict.fromkeys(doc.author_refs.values()):
        entity = doc.entities[ref]
        if entity.kind not in ("person", "org"):
            continue  # a name that is a place here (`Telegram from Washington`) authors nothing
        author = _add(title_stmt, "author")  # a ministry or an embassy may author a record (TEI 2.2.1)
        _add(author, KIND[entity.kind].mention, entity.name, ref=f"#{ref}")
    for name in h.authors:
        if name not in doc.author_refs:
            _add(title_stmt, "author", name)
    for org in h.author_orgs:  # the body the title names as the sender: orgName when the record knows it
        ref = _org_entry(doc, org)
        if ref:
            _add(_add(title_stmt, "author"), "orgName", org, ref=f"#{ref}")
        else:  # a mention is linked or not tagged (the project schema): the name as printed
            _add(title_stmt, "author", org)
    for funder in h.funders:
        _add(title_stmt, "funder", funder)
    for resp in h.responsibilities:
        stmt = _add(title_stmt, "respStmt", **{"xml:id": resp.xml_id})
        _add(stmt, "resp", resp.resp)
        for name in resp.names:
            _add(stmt, "persName", name)
    encoder = _add(title_stmt, "respStmt", **{"xml:id": "encoder"})
    _add(encoder, "resp", "TEI encoding")
    _add(encoder, "name", f"tei-encoder {__version__}", type="software")

    pub = _add(file_desc, "publicationStmt")
    if h.publisher:
        _add(pub, "publisher", h.publisher)
        if h.url:
            _add(pub, "idno", h.url, type="URL")
        for url in h.other_urls:
            _add(pub, "idno", url, type="URL")
        if h.doc_number_type and (
            h.doc_number or h.doc_slug
        ):  # the archive's id of the document: its number, else its slug
            _add(pub, "idno", h.doc_number or h.doc_slug, type=h.doc_number_type)
    else:  # TEI 2.2.4: a publicationStmt may be prose when the source was never published
        _add(pub, "p", "Unpublished: encoded from a plain-text record.")
    if h.notes:
        # header text with no field of its own (a second citation, credits naming no funder,
        # Contents labels): kept, never dropped. TEI Guidelines 2.2.6 (notesStmt)
        notes_stmt = _add(file_desc, "notesStmt")
        for kind, text in h.notes:
            _add(notes_stmt, "note", text, type=kind)
    source_desc = _add(file_desc, "sourceDesc")
    if h.citation:
        bibl = _add(source_desc, "bibl", h.citation)
        if h.url_target:
            _add(bibl, "ptr", target=h.url_target)
    elif h.url:
        bibl = _add(source_desc, "bibl", h.url)
        if h.url_target:  # a web address; a `doi:` or `mailto:` one is kept as text only
            _add(bibl, "ptr", target=h.url_target)
    else:
        origin = f"Plain-text export of the {h.publisher}" if h.publisher else "A plain-text record"
        _add(source_desc, "p", f"{origin}; the record gives no citation.")
    if h.archival and h.archival.repository:
        # without a repository an msIdentifier would open with its idno, which tei_all's constraint
        # msId_minimal refuses (TEI 10.4); the reference then stays whole in bibl
        source_desc.children.append(_ms_desc(h, h.archival))

    enc = _add(header, "encodingDesc")
    app_info = _add(enc, "appInfo")
    app = _add(app_info, "application", ident="tei-encoder", version=__version__)
    _add(app, "label", "tei-encoder")
    decl = _add(enc, "editorialDecl")
    for text in (*EDITORIAL_PRINCIPLES, *dict.fromkeys(doc.editorial)):
        _add(decl, "p", text)

    profile = _add(header, "profileDesc")
    if h.date_iso:
        creation = _add(profile, "creation")
        _add(creation, "date", h.date_text, type="creation", when=h.date_iso)
    if h.original_languages or h.translation_languages:
        usage = _add(profile, "langUsage")
        for lang in h.original_languages:
            _add(usage, "language", f"{lang.name} (language of the original)", ident=lang.code)
        for lang in h.translation_languages:
            if not any(_same_language(lang, o) for o in h.original_languages):
                _add(usage, "language", f"{lang.name} (language of this translation)", ident=lang.code)
    if doc.abstract:
        abstract = _add(profile, "abstract")
        abstract.children.append(Node("p", {}, doc.abstract))

    revision = _add(header, "revisionDesc")
    _add(
        revision,
        "change",
        f"Encoded from the plain-text export by tei-encoder {__version__}.",
        when=change_date or "",
        who="#encoder",
    )
    return header


def _same_language(a: Language, b: Language) -> bool:
    """Do two stated languages name one language? Two of code `und` (undetermined) only when their
    names are the same: "Plokish" and "Quellish" are two languages (TEI 2.4.2 langUsage)."""
    return a.code == b.code and (a.code != UNDETERMINED or a.name.lower() == b.name.lower())


def _ms_desc(h: Header, ref: ArchivalReference) -> Node:
    """msDesc for the archival reference (TEI 10.4 "The manuscript identifier", 10.6 msContents)."""
    ms = _leaf("msDesc", None)
    ident = _add(ms, "msIdentifier")
    if ref.repository:
        if ref.repository.country:
            _add(ident, "country", ref.repository.country)
        if ref.repository.settlement:
            _add(ident, "settlement", ref.repository.settlement)
        # an archive data/repositories.json does not list has only the name the citation gives it
        abbr = f" ({ref.repository.abbr})" if ref.repository.abbr else ""
        _add(ident, "repository", ref.repository.name + abbr)
    if ref.collection:
        _add(ident, "collection", ref.collection)
    if ref.idnos:
        if len(ref.idnos) > 1:
            outer = _add(ident, "idno", type="archival")
            for kind, value in ref.idnos:
                _add(outer, "idno", value, type=kind)
        else:
            kind, value = ref.idnos[0]
            _add(ident, "idno", value, type=kind)
    if ref.locus or h.original_languages:
        contents = _add(ms, "msContents")
        if h.original_languages:
            _add(
                contents,
                "textLang",
                ", ".join(lang.name for lang in h.original_languages),
                mainLang=h.original_languages[0].code,
            )
        item = _add(contents, "msItem")
        if ref.locus:
            lo, hi, text = ref.locus
            _add(item, "locus", text, **{"from": lo, "to": hi})
        _add(item, "title", h.title)
    return ms


# --- standOff --------------------------------------------------------------------------------------


def _stand_off(entities: dict[str, Entity]) -> etree._Element:
    """The standOff with a list of each kind's entries (TEI 16.10, 13.3), made in one go (_text_tree)."""
    return _text_tree(_stand_off_node(entities))


def _stand_off_node(entities: dict[str, Entity]) -> Node:
    """The standOff (see _stand_off) as a Node."""
    stand_off = Node("standOff", {}, [])
    for entity_kind in ENTITY_KINDS:
        kind, list_tag, entry_tag, name_tag = (
            entity_kind.kind,
            entity_kind.listing,
            entity_kind.entry,
            entity_kind.mention,
        )
        chosen = sorted((e for e in entities.values() if e.kind == kind), key=lambda e: e.xml_id)
        if not chosen:
            continue
        listing = Node(list_tag, {}, [])
        stand_off.children.append(listing)
        for e in chosen:
            attrs = {"xml:id": e.xml_id} if e.xml_id else {}
            if e.source != "authority":
                # made by the encoder, not by an editor: say who and how sure
                attrs["resp"] = "#encoder"
                attrs["cert"] = "medium" if e.source == "gazetteer" else "low"
            entry = Node(entry_tag, attrs, [_leaf(name_tag, e.name, type="preferred")])
            entry.children += [_leaf(name_tag, variant, type="variant") for variant in e.variants]
            entry.children += [_leaf("idno", value, type=kind_id) for kind_id, value in e.idnos]
            listing.children.append(entry)
    return stand_off


def _leaf(tag: str, text: str | None, **attrs: str) -> Node:
    """An element of text alone, as _sub makes it: empty attribute values left out, empty text none."""
    return Node(tag, {k: v for k, v in attrs.items() if v}, [text] if text else [])


def _add(parent: Node, tag: str, text: str | None = None, **attrs: str) -> Node:
    """_leaf appended to parent's children (as _sub appends an element)."""
    node = _leaf(tag, text, **attrs)
    parent.children.append(node)
    return node


# --- text ----------------------------------------------------------------------------------------------


def _text_tree(node: Node) -> etree._Element:
    """A body Node -> its TEI element, as _node makes it: written out as XML text and parsed in one
    go, which costs lxml a fraction of an element made and filled from Python. Whatever that text
    cannot say as _node would (an empty string as an element's only text, a name or value lxml would
    refuse) is left to _node, which then gives the same tree or the same error."""
    tree = _parsed(node)
    return _node(node) if tree is None else tree


def _parsed(node: Node) -> etree._Element | None:
    """node's TEI element from its XML text (_xml_of) parsed in one go; None when that text cannot say
    it as _node would (RecursionError, a parse error, an odd name or value)."""
    out: list[str] = []
    try:
        _xml_of(node, out)
        out[0] = out[0].replace("<" + node.tag, f'<{node.tag} xmlns="{TEI_NS}"', 1)  # the outermost start tag
        return etree.fromstring("".join(out).encode("utf-8"), _body_parser())  # (bytes: parsed faster than str)
    except Exception:
        return None


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
_PLAIN_NAMES: set[str] = set()  # names _plain_name has passed
# a character XML text or an attribute value must escape to be read back as it is (a line end or tab in
# an attribute would be normalised to a space; a carriage return to a line feed); a line end in text too,
# so that the whole text is one line: every element then has line 1, which the checks report for an
# element made in memory as for one without a line (sourceline None)
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;", "\n": "&#10;"})
_ATTR_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\t": "&#9;", "\n": "&#10;", "\r": "&#13;"}
)


_ATTR_SPECIAL = re.compile('[&<>"\t\n\r]')


class _NotSayable(Exception):
    """A Node the XML text of _text_tree cannot give as _node makes it."""


def _plain_name(name: str) -> bool:
    """Whether an element or attribute name needs no namespace and is one lxml takes as it is."""
    if _NAME.fullmatch(name) is None:
        return False
    _PLAIN_NAMES.add(name)
    return True


def _xml_of(node: Node, out: list[str]) -> None:
    """node as XML text appended to out. Raises _NotSayable, or TypeError for a value that is no string."""
    tag = node.tag
    if tag not in _PLAIN_NAMES and not _plain_name(tag):
        raise _NotSayable(tag)
    children = node.children
    start = "<" + tag
    if node.attrs:
        for name, value in node.attrs.items():
            if name not in _PLAIN_NAMES and name not in _XML_ATTRS and not _plain_name(name):
                raise _NotSayable(name)
            if _ATTR_SPECIAL.search(value):  # (most values need no escape: one scan, no copy)
                value = value.translate(_ATTR_ESCAPES)
            start += f' {name}="{value}"'
    if not children:
        out.append(start + "/>")
        return
    out.append(start + ">")
    elements = False
    for child in children:
        if isinstance(child, Node):
            elements = True
            _xml_of(child, out)
        elif type(child) is str:
            if "&" in child or "<" in child or ">" in child or "\n" in child or "\r" in child:
                child = child.translate(_TEXT_ESCAPES)
            out.append(child)
        else:
            raise _NotSayable(type(child).__name__)  # (a str subclass: _node takes it as text)
    if not elements and not any(children):
        raise _NotSayable("empty text")  # _node gives it text "" (<p></p>); parsed, it would have none (<p/>)
    out.append(f"</{tag}>")


_PARSERS = threading.local()


def _body_parser() -> etree.XMLParser:
    """A parser for _text_tree's text, one per thread (an lxml parser serves one thread at a time):
    no size or depth limit a long record could reach, no entities, no network."""
    parser = getattr(_PARSERS, "parser", None)
    if parser is None:
        parser = _PARSERS.parser = etree.XMLParser(huge_tree=True, resolve_entities=False, no_network=True)
    return parser


def _node(node: Node, parent: etree._Element | None = None) -> etree._Element:
    """A body Node -> its TEI element (appended to parent when given).

    Runs of text are joined once and assigned once: lxml copies a text or tail on every
    assignment, so adding piece by piece would make a long record quadratic in its lines.
    """
    attrs = _attributes(node)
    el = etree.Element(T + node.tag, attrs) if parent is None else etree.SubElement(parent, T + node.tag, attrs)
    children = node.children
    if len(children) == 1 and type(children[0]) is str:  # most paragraphs: one run of text, no markup
        el.text = children[0]
        return el
    last = None
    pending: list[str] = []
    for child in children:
        if isinstance(child, str):
            pending.append(child)
            continue
        if pending:
            _set_text(el, last, "".join(pending))
            pending = []
        # an empty element (lb, pb, gap) directly: a long record has very many
        last = _node(child, el) if child.children else etree.SubElement(el, T + child.tag, _attributes(child))
    if pending:
        _set_text(el, last, "".join(pending))
    return el


def _attributes(node: Node) -> dict | None:
    """node's attributes as lxml takes them (it copies them): xml:id and xml:lang in the XML namespace."""
    attrs = node.attrs or None
    if attrs and ("xml:id" in attrs or "xml:lang" in attrs):
        attrs = {_XML_ATTRS.get(k, k): v for k, v in attrs.items()}
    return attrs


def _set_text(el: etree._Element, last: etree._Element | None, text: str) -> None:
    """Text before el's first child (el.text) or after its child `last` (last.tail)."""
    if last is None:
        el.text = text
    else:
        last.tail = text
