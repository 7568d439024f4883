"""Parsing XML we did not write: no network, no external entities, no DTD expansion, bounded depth."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from lxml import etree

from .fsutil import shown
from .tei import NSMAP, TEI_NS, XML_NS  # noqa: F401  (re-exported: callers parse and look up TEI)

MAX_DEPTH = 256  # libxml2's limit without XML_PARSE_HUGE
MAX_XML_BYTES = 512 * 1024 * 1024  # checked before reading: a huge or sparse file costs no memory


@lru_cache(maxsize=2)
def safe_parser(huge: bool = False) -> etree.XMLParser:
    # huge_tree=False keeps libxml2's own limits on text size (10 MB per node) and nesting; a
    # caller that bounds the file's size itself may lift them (huge=True), as jing has none.
    # resolve_entities=False + load_dtd=False stop XXE and entity-expansion bombs.
    """The parser for XML we did not write: no DTD loading, no entity expansion, no network,
    libxml2's size limits kept (one per process).
    """
    return etree.XMLParser(
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        dtd_validation=False,
        huge_tree=huge,
        remove_blank_text=False,
        collect_ids=True,
    )


class UnsafeXML(ValueError):
    """Raised for XML we refuse to read: a DOCTYPE, entity declarations, too deep a tree."""

    pass


def parse_xml(path: Path | None = None, data: bytes | None = None, huge: bool = False) -> etree._ElementTree:
    """Parse untrusted XML; raise etree.XMLSyntaxError (malformed) or UnsafeXML (DTD, entities, depth).

    huge: lift libxml2's limits on text-node size and depth (only for input whose size the caller
    has bounded). The parser is made once per process (lxml parsers are not shared between threads)."""
    parser = safe_parser(huge)
    if data is None:
        if path is None:
            raise ValueError("parse_xml needs a path or the data")
        size = Path(path).stat().st_size
        if size > MAX_XML_BYTES:
            raise UnsafeXML(f"the file is {size >> 20} MB, over the {MAX_XML_BYTES >> 20} MB limit for one XML file")
        data = Path(path).read_bytes()
    # the base URL must be text libxml2 can hold: a name with bytes that are not UTF-8 is escaped
    base_url = shown(path) if path else None
    tree = etree.ElementTree(etree.fromstring(data, parser, base_url=base_url))
    if tree.docinfo.internalDTD is not None or tree.docinfo.doctype:
        raise UnsafeXML("the file declares a DOCTYPE; DTDs and entity declarations are not accepted")
    # nesting deeper than MAX_DEPTH is refused by libxml2 itself while parsing (huge_tree=False)
    return tree


def describe_xml_error(exc: Exception) -> str:
    """One line for a file we could not accept, the same wording in every command."""
    if isinstance(exc, UnsafeXML):
        return f"refused: {exc}"
    message = getattr(exc, "msg", None) or str(exc)
    if "Excessive depth" in message:
        return f"refused: elements nested deeper than {MAX_DEPTH} levels"
    if "Detected an entity reference loop" in message or "amplification" in message:
        return "refused: entity expansion (a possible entity-expansion attack)"
    return f"not well-formed XML: {message.splitlines()[0]}"
