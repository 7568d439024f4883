"""The document model passed between stages.

The body is a small tree of `Node`s named after the TEI elements they become, with plain
`str` for text. Parsing builds the structure; enrichment replaces strings with inline nodes;
the writer turns the tree into XML. Nothing here knows about lxml.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(slots=True)
class Node:
    """One element of the document tree: a TEI element name, its attributes, and children
    (strings for text, Nodes for elements). The writer turns it into XML as it is.

    Slotted (no per-node __dict__): a 50 MB record has a quarter million nodes, made faster,
    smaller and with fewer objects for the garbage collector to walk (issue 13).
    """

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)

    def text(self) -> str:
        """The node's text content (what a reader sees), ignoring markup."""
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self):
        """Every Node of this subtree, this one first, in document order.

        A stack of the children lists' iterators, not nested generators: a deep tree of a huge record
        costs one step per node, not one per level. Each list is read after its node is yielded, as
        a recursive walk would."""
        yield self
        stack = [iter(self.children)]
        while stack:
            for child in stack[-1]:
                if isinstance(child, Node):
                    yield child
                    stack.append(iter(child.children))
                    break
            else:
                stack.pop()


Inline = list["Node | str"]


@dataclass(frozen=True)
class SourceText:
    """A record as read from disk: decoded, newline-normalised text plus what reading noticed."""

    path: Path
    text: str
    digest: str
    warnings: tuple[str, ...] = ()


@dataclass
class Responsibility:
    """One "X by Y" statement of the Citation or Credits (TEI 2.2.1 respStmt): what was done, the
    verb as printed, the people who did it, and the xml:id other elements point to with @resp.
    """

    resp: str  # what was done, e.g. "Translation"
    verb: str  # as the record says it, e.g. "translated by"
    names: list[str]
    xml_id: str = ""


@dataclass
class Repository:
    """A known archive (data/repositories.json): abbreviation, full name, country and city."""

    abbr: str
    name: str
    country: str = ""
    settlement: str = ""
    scheme: str = ""  # how the archive numbers its files: "fond-opis", "file", "signature", "shelfmark"


@dataclass
class ArchivalReference:
    """An archival reference split into the archive's own levels (TEI 10.4 msIdentifier):
    the text as printed, the repository, a named collection, (level, value) idnos, the folio range
    as (from, to, text), and whether the parser understood it (if not it stays in bibl, verbatim).
    A citation naming several references is split on the first; the others are in `further`.
    """

    text: str  # the reference as the citation gives it
    repository: Repository | None = None
    collection: str = ""
    idnos: list[tuple[str, str]] = field(default_factory=list)  # (type, value)
    locus: tuple[str, str, str] | None = None  # (from, to, text)
    understood: bool = True
    further: str = ""  # the citation's other references ("…; and AVPRF, …"), kept verbatim in bibl only


@dataclass
class Language:
    """A language as the record names it and its ISO 639-1 code."""

    name: str
    code: str


@dataclass
class Header:
    """Every header field the record gives, as parsed (each becomes part of the teiHeader, TEI 2)."""

    title: str = ""
    subtitle: str = ""  # a second bold title line under the first (titleStmt/title[@type="sub"])
    date_text: str = ""
    date_iso: str = ""
    citation: str = ""
    url: str = ""
    doc_number: str = ""
    doc_slug: str = ""  # the document's name in a URL that gives no number (`…/document/record-of-talk-0`)
    summary: str = ""
    credits: str = ""
    funders: list[str] = field(default_factory=list)
    responsibilities: list[Responsibility] = field(default_factory=list)
    original_languages: list[Language] = field(default_factory=list)
    translation_languages: list[Language] = field(default_factory=list)
    contents_items: list[str] = field(default_factory=list)
    archival: ArchivalReference | None = None
    authors: list[str] = field(default_factory=list)
    author_orgs: list[str] = field(default_factory=list)  # a body the title names as the sender, when no person
    # url as a valid URI for ptr/@target (percent-encoded where the printed address cannot be one);
    # "" for an address of a scheme the format does not link (`doi:`, `mailto:`, `javascript:`)
    url_target: str = ""
    other_urls: list[str] = field(default_factory=list)  # further source URLs the header gives
    # header text with no TEI field of its own, kept as notesStmt/note[@type]: (type, text)
    notes: list[tuple[str, str]] = field(default_factory=list)
    publisher: str = ""  # who published the record (from the record format); "" when nobody did
    doc_number_type: str = ""  # idno/@type of doc_number: the archive's reference scheme ("wcda")


@dataclass
class Entity:
    """An authority entry a document mentions (written to the document's standOff)."""

    xml_id: str
    kind: str  # "person" | "place" | "org"
    name: str
    variants: list[str] = field(default_factory=list)
    idnos: list[tuple[str, str]] = field(default_factory=list)
    source: str = "authority"  # "authority" | "gazetteer" | "rule" (created for this document)


@dataclass
class Document:
    """One parsed record: its source, the TEI id, header, body tree, abstract, notes taken
    from the record's end, the entities it mentions, and what the stages noticed (editorial
    decisions for encodingDesc, warnings for the user).
    """

    source: SourceText
    record_id: str
    header: Header
    body: Node  # div[@type="document"]
    abstract: Inline = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)  # note mark -> note text, from the record's end
    entities: dict[str, Entity] = field(default_factory=dict)
    author_refs: dict[str, str] = field(default_factory=dict)  # author name -> entity id
    editorial: list[str] = field(default_factory=list)  # editorial decisions taken, for encodingDesc
    warnings: list[str] = field(default_factory=list)
