"""Reading an encoded document: its entity mentions and the standOff entries they point to.

Shared by the stages and reports that read TEI back (publish's summaries, the entities report),
so that both count the same mentions and describe an entry's provenance the same way.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from lxml import etree

from . import sitemap
from .tei import KIND_OF_ENTRY_QNAME, KIND_OF_MENTION_QNAME, NSMAP, XML_ID, T, surface_text

MENTION_KINDS = KIND_OF_MENTION_QNAME  # Clark name of a mention element -> entity kind
ENTRY_KINDS = KIND_OF_ENTRY_QNAME  # Clark name of a standOff entry element -> entity kind


def mentions(root: etree._Element) -> Iterator[etree._Element]:
    """Linked persName/placeName/orgName in the abstract and the text, in document order (the
    entities report's view; the site counts and links mentions with `sitemap.mentions`)."""
    containers = [
        c
        for c in root.iter(T + "abstract", T + "text")
        if next(c.iterancestors(T + "abstract", T + "text"), None) is None
    ]
    for container in containers:
        for el in container.iter(*MENTION_KINDS):
            if el.get("ref") is not None:
                yield el


def entries(root: etree._Element) -> Iterator[etree._Element]:
    """The person, place and org entries of the document's standOff."""
    for stand_off in root.iterchildren(T + "standOff"):
        yield from stand_off.iter(*ENTRY_KINDS)


def entry_source(entry: etree._Element) -> str:
    """authority (an editor's file), gazetteer (GeoNames, cert=medium) or rule (found by the encoder)."""
    if entry.get("resp") != "#encoder":
        return "authority"
    return "gazetteer" if entry.get("cert") == "medium" else "rule"


# --- what the index and registers need of one document ------------------------------------------


@dataclass(frozen=True)
class EntryInfo:
    """How the edition shows one entity: its kind, preferred name, provenance and identifiers.

    source: "authority" (an editor's file), "gazetteer" (GeoNames), "rule" (found by the encoder),
    or "unresolved" (mentioned, but no entry describes it).
    """

    kind: str
    name: str
    source: str = "unresolved"
    idnos: tuple[tuple[str, str], ...] = ()

    def to_json(self) -> dict:
        """The info as a JSON object."""
        return {"kind": self.kind, "name": self.name, "source": self.source, "idnos": [list(i) for i in self.idnos]}

    @classmethod
    def from_json(cls, data: dict) -> EntryInfo:
        """Read back to_json."""
        return cls(data["kind"], data["name"], data["source"], tuple((t, v) for t, v in data["idnos"]))


@dataclass(frozen=True)
class DocumentSummary:
    """One document as the index and the registers show it (kept in the build state).

    id: TEI/@xml:id; name: the output name (docs/<name>.html); title; date (ISO, from the header's
    creation date) and date_text (as printed); year; summary: the abstract's text;
    mentions: entity id -> number of mentions (the page anchors are m-<id>-1 … m-<id>-<n>);
    entities: entity id -> EntryInfo, for the mentioned entities; forms: entity id -> the other
    name forms this document's standOff gives it.
    """

    id: str
    name: str
    title: str = ""
    date: str = ""
    date_text: str = ""
    summary: str = ""
    mentions: dict[str, int] = field(default_factory=dict)
    entities: dict[str, EntryInfo] = field(default_factory=dict)
    forms: dict[str, list[str]] = field(default_factory=dict)

    @property
    def year(self) -> str:
        """The year of the document's date ("" when undated)."""
        return self.date[:4]

    @property
    def page(self) -> str:
        """The document's page, relative to the site root."""
        return f"docs/{self.name}.html"

    def with_entities(self, entities: dict[str, EntryInfo]) -> DocumentSummary:
        """The same summary reading entity descriptions from another (for example edition-wide) table."""
        return replace(self, entities=entities)

    def to_json(self, with_entities: bool = True) -> dict:
        """The summary as a JSON object; with_entities=False leaves the entity table out."""
        data = {
            "id": self.id,
            "name": self.name,
            "title": self.title,
            "date": self.date,
            "date_text": self.date_text,
            "summary": self.summary,
            "mentions": self.mentions,
            "forms": self.forms,
        }
        if with_entities:
            data["entities"] = {ref: info.to_json() for ref, info in self.entities.items()}
        return data

    @classmethod
    def from_json(cls, data: dict, entities: dict[str, EntryInfo] | None = None) -> DocumentSummary:
        """Read back `to_json`; `entities` replaces a missing entity table."""
        table = entities if entities is not None else {r: EntryInfo.from_json(e) for r, e in data["entities"].items()}
        fields = {k: data[k] for k in ("id", "name", "title", "date", "date_text", "summary", "mentions", "forms")}
        return cls(**fields, entities=table)


def _plain(el: etree._Element) -> str:
    """An element's text, whitespace normalised (most name elements hold a single string)."""
    return " ".join(((el.text if len(el) == 0 else "".join(el.itertext())) or "").split())


def _text(el: etree._Element | None) -> str:
    return surface_text(el) if el is not None else ""


def summarize(tree: etree._ElementTree | etree._Element, name: str) -> DocumentSummary:
    """What the index and registers need from one TEI document.

    Input: the document (tree or root element) and its output name. Output: a DocumentSummary
    listing only entities the text mentions. Mentions, their kinds and the entries they point
    to are those of `sitemap.mentions` and `sitemap.entries`, which number the page's anchors;
    the title is `sitemap.document_title`, the page's.
    """
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    creation = root.find("tei:teiHeader//tei:creation/tei:date", NSMAP)
    counts: dict[str, int] = {}
    entities: dict[str, EntryInfo] = {}
    for mention in sitemap.mentions(root):
        for kind, ref in mention.keys:
            counts[ref] = counts.get(ref, 0) + 1
            entities.setdefault(ref, EntryInfo(kind, ref))
    forms: dict[str, list[str]] = {}
    for xml_id, el in sitemap.entries(root).items():
        if xml_id not in counts:
            continue
        name_els = [n for n in el if isinstance(n.tag, str) and n.tag.endswith("Name")]
        names = [_plain(n) for n in name_els]
        preferred = sitemap.preferred_name(el)
        idnos = tuple((i.get("type", ""), (i.text or "").strip()) for i in el.iterchildren(T + "idno"))
        entities[xml_id] = EntryInfo(ENTRY_KINDS[el.tag], preferred or xml_id, entry_source(el), idnos)
        others = [n for n in names if n != preferred]
        if others:
            forms[xml_id] = others
    return DocumentSummary(
        id=root.get(XML_ID, name),
        name=name,
        title=sitemap.document_title(root),
        date=creation.get("when", "") if creation is not None else "",
        date_text=_text(creation),
        summary=_text(root.find(".//tei:profileDesc/tei:abstract", NSMAP)),
        mentions=counts,
        entities={ref: entities[ref] for ref in counts},  # the registers list mentioned entities only
        forms={ref: f for ref, f in forms.items() if ref in counts},
    )
