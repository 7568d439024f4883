"""Reading an encoded document: its entity mentions and the standOff entries they point to.

Shared by the stages and reports that read TEI back (publish's summaries, the entities report),
so that both count the same mentions and describe an entry's provenance the same way.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from .tei import KIND_OF_ENTRY_QNAME, KIND_OF_MENTION_QNAME, T

MENTION_KINDS = KIND_OF_MENTION_QNAME  # Clark name of a mention element -> entity kind
ENTRY_KINDS = KIND_OF_ENTRY_QNAME  # Clark name of a standOff entry element -> entity kind


def mentions(root: etree._Element) -> Iterator[etree._Element]:
    """Linked persName/placeName/orgName in the abstract and the text, in document order (as the
    document stylesheet numbers them; see xslt/entities.xsl)."""
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
