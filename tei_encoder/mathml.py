"""MathML on the edition's pages (#15): what a page leaves out of a formula, reported.

TEI P5 14.5 (formula) lets a formula hold MathML. HTML5 carries MathML, so a page shows it as
MathML (xslt/layout.xsl), rebuilt from the elements and attributes listed in
tei_encoder/data/site.json `mathml` (MathML 3 presentation markup and its layout attributes, as
HTML5 and the Nu checker allow them). What could run or navigate, and what HTML5 does not allow,
is left out of the page: every attribute not listed (href, on…, xlink:*, id, class, style),
annotation-xml (an alternative encoding, which may hold HTML or SVG) and the branches of an
maction after its first. `mathml_warnings` names them; the download keeps them (less what
publish.inert_tei removes).
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from lxml import etree

from .sitemap import site_config

MATHML_NS = "http://www.w3.org/1998/Math/MathML"
_HTML_OR_SVG = ("http://www.w3.org/1999/xhtml", "http://www.w3.org/2000/svg")


@lru_cache(maxsize=1)
def shown_attributes() -> frozenset[str]:
    """The MathML attributes (no namespace) a page keeps (data/site.json `mathml.attributes`)."""
    return frozenset(site_config()["mathml"]["attributes"])


def _left_out(el: etree._Element, found: Counter[str]) -> None:
    """Count into FOUND what the page leaves out of the MathML element EL and its descendants."""
    shown = shown_attributes()
    for node in el.iter(f"{{{MATHML_NS}}}*"):
        name = etree.QName(node).localname
        if name == "annotation-xml":
            holds = any(etree.QName(d).namespace in _HTML_OR_SVG for d in node.iter(etree.Element))
            found["<annotation-xml> holding HTML or SVG" if holds else "<annotation-xml>"] += 1
        if name == "maction" and len(node) > 1:
            found["<maction>'s branches after its first"] += len(node) - 1
        if name in ("annotation-xml", "maction") or any(
            etree.QName(a).localname == "annotation-xml" for a in node.iterancestors(f"{{{MATHML_NS}}}*")
        ):
            continue  # left out whole, or shown as its first child alone
        for attr in node.attrib:
            qname = etree.QName(attr)
            if qname.namespace or qname.localname not in shown or name != "annotation" and attr == "encoding":
                found[f"@{qname.localname}" if not qname.namespace else f"@{{{qname.namespace}}}{qname.localname}"] += 1


def mathml_warnings(root: etree._Element) -> list[str]:
    """One warning naming, with counts, what the page leaves out of the document's MathML (see
    the module's docstring), and the line of the first formula concerned; [] when nothing is.
    ROOT is the parsed TEI (read, never changed)."""
    found: Counter[str] = Counter()
    first = 0
    for math in root.iter(f"{{{MATHML_NS}}}math"):
        if any(etree.QName(a).namespace == MATHML_NS for a in math.iterancestors()):
            continue
        before = sum(found.values())
        _left_out(math, found)
        if not first and sum(found.values()) > before:
            first = math.sourceline or 0
    if not found:
        return []
    named = ", ".join(f"{what} ×{n}" if n > 1 else what for what, n in sorted(found.items()))
    line = f"line {first}: " if first else ""
    return [
        f"{line}MathML shown on the page without what could run or navigate or HTML5 does not allow"
        f" ({named}); the TEI download keeps it, less what a browser would run"
    ]
