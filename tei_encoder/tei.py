"""The TEI vocabulary tei-encoder uses, in one place.

Every other module takes element names, namespaces and the entity-kind table from here (the
stylesheets through `sitemap.py`, which passes the table to them), so an encoding decision
changes in one place.

The entity kinds follow the TEI Guidelines, 13.2 "Names, dates, people and places" and 13.3
"Biographical and prosopographical data": a mention is `persName` / `placeName` / `orgName`
pointing with `@ref` to an entry (`person` / `place` / `org`) kept in a list
(`listPerson` / `listPlace` / `listOrg`) in the document's `standOff` (16.10 "The standOff
container") or in an authority file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
NSMAP = {"tei": TEI_NS}
T = f"{{{TEI_NS}}}"  # Clark-notation prefix of TEI element names
XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"
# the elements of att.breaking (TEI P5 3.11.3): with @break="no" a word runs on across them
BREAKING = frozenset(T + tag for tag in ("lb", "pb", "cb", "gb", "milestone"))
XML_WHITESPACE = " \t\r\n"  # XML 1.0's S: the white space a break inside a word takes out, no other


@dataclass(frozen=True)
class EntityKind:
    """One kind of named entity and every name the encoding and the site give it.

    kind:           our short name ("person" | "place" | "org"), used in reports and build state
    mention:        the TEI element that marks a mention in running text (`persName`)
    entry:          the TEI element of an authority or standOff entry (`person`)
    listing:        the TEI list that holds entries (`listPerson`)
    register:       the site's folder of one page per entry (`persons`); its register page is
                    `<register>.html`
    """

    kind: str
    mention: str
    entry: str
    listing: str
    register: str

    @property
    def register_page(self) -> str:
        """The register's overview page, relative to the site root (`persons.html`)."""
        return f"{self.register}.html"


ENTITY_KINDS: tuple[EntityKind, ...] = (
    EntityKind("person", "persName", "person", "listPerson", "persons"),
    EntityKind("place", "placeName", "place", "listPlace", "places"),
    EntityKind("org", "orgName", "org", "listOrg", "orgs"),
)
KIND = {k.kind: k for k in ENTITY_KINDS}
KIND_OF_MENTION = {k.mention: k.kind for k in ENTITY_KINDS}  # "persName" -> "person"
KIND_OF_ENTRY = {k.entry: k.kind for k in ENTITY_KINDS}  # "person" -> "person"
MENTION_TAGS = frozenset(KIND_OF_MENTION)
# Clark names, for lxml's iter() and .tag comparisons
KIND_OF_MENTION_QNAME = {T + k.mention: k.kind for k in ENTITY_KINDS}
KIND_OF_ENTRY_QNAME = {T + k.entry: k.kind for k in ENTITY_KINDS}

# Elements whose text is the encoder's correction, not what the source prints (TEI 3.5.1 "Apparent
# errors": choice/sic/corr). The surface text of a name — what a reader sees on the page — leaves it out.
EDITORIAL_ONLY = frozenset({"corr"})


def surface_text(el: etree._Element) -> str:
    """The name as printed: the element's text without `corr` content, whitespace normalised.

    Input: an lxml element (a mention such as `persName`, or any container). Output: a string.
    """
    parts: list[str] = []
    _collect(el, parts)
    return " ".join("".join(parts).split())


def _collect(el: etree._Element, parts: list[str]) -> None:
    if el.text:
        parts.append(el.text)
    for child in el:
        # comments and processing instructions, and corrections, add nothing; their tails do
        if isinstance(child.tag, str) and _local(child) not in EDITORIAL_ONLY:
            _collect(child, parts)
        if child.tail:
            parts.append(child.tail)


def _local(el: etree._Element) -> str:
    tag = el.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def node_surface_text(children: Iterable[object]) -> str:
    """The same rule for the encoder's own document model (`model.Node` trees, before writing):
    text of the children, `corr` left out. Input: a node's children (str or Node)."""
    out: list[str] = []
    for child in children:
        if isinstance(child, str):
            out.append(child)
        elif getattr(child, "tag", None) not in EDITORIAL_ONLY:
            out.append(node_surface_text(getattr(child, "children", ())))
    return "".join(out)
