"""The Schematron constraints embedded in a RELAX NG schema (tei_all's), run as XSLT 3.0 by saxonche.

TEI's constraints use XPath 2/3 (`eq`, `tokenize`, `xs:float`, `if … then`), which lxml's
XSLT 1.0 Schematron skeleton cannot compile, and no Schematron compiler for XSLT 2/3 is on PyPI.
This module compiles the ISO Schematron subset the TEI uses (ns, pattern, rule, let, assert,
report, name, value-of) into one XSLT 3.0 stylesheet: one mode per pattern; within a pattern
each rule is a template, the earlier rule winning (ISO Schematron 5.4.13); one walk over the
document applies every pattern to each element and, where a context can match one, attribute. A failure is reported with its node's `path()`, which is mapped back to
the lxml element for the line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree, isoschematron

SCH = "http://purl.oclc.org/dsdl/schematron"
XSL = "http://www.w3.org/1999/XSL/Transform"
_S, _X = f"{{{SCH}}}", f"{{{XSL}}}"


@dataclass(frozen=True)
class Failure:
    """One failed assert or successful report: the node's path(), the Schematron role, the message."""

    path: str
    role: str
    pattern: str
    message: str


def embedded_schematron(rng: Path) -> etree._ElementTree:
    """The Schematron patterns embedded in a RELAX NG schema (lxml's extraction stylesheet)."""
    return isoschematron.extract_rng(etree.parse(str(rng)))


def to_xslt3(schematron: etree._ElementTree) -> str:
    """An XSLT 3.0 stylesheet that writes <failures><f path role pattern>message</f>…</failures>."""
    root = schematron.getroot()
    nsmap = {"xsl": XSL}
    for ns in root.iter(f"{_S}ns"):
        if ns.get("prefix") != "xsl" and ns.get("uri"):
            nsmap[ns.get("prefix")] = ns.get("uri")
    sheet = etree.Element(f"{_X}stylesheet", nsmap=nsmap, version="3.0", **{"exclude-result-prefixes": "#all"})
    etree.SubElement(sheet, f"{_X}output", method="xml", indent="no")
    for let in root.findall(f"{_S}let"):
        etree.SubElement(sheet, f"{_X}variable", name=let.get("name"), select=let.get("value"))
    # One walk over the elements; at each, every pattern's mode is applied to the element (and, for
    # patterns whose contexts can match attributes, to its attributes): one pass instead of one per pattern.
    main = etree.SubElement(sheet, f"{_X}template", match="/")
    etree.SubElement(etree.SubElement(main, "failures"), f"{_X}apply-templates", select="*", mode="walk")
    walk = etree.SubElement(sheet, f"{_X}template", match="*", mode="walk")
    on_attributes = etree.Element(f"{_X}for-each", select="@*")
    patterns = [p for p in root.iter(f"{_S}pattern") if p.get("abstract") != "true" and not p.get("is-a")]
    for number, group in enumerate(_modes(patterns)):
        mode = f"m{number}"
        etree.SubElement(sheet, f"{_X}mode", name=mode, **{"on-no-match": "deep-skip"})
        etree.SubElement(walk, f"{_X}apply-templates", select=".", mode=mode)
        if any(_may_match_attributes(r.get("context")) for p in group for r in p.findall(f"{_S}rule")):
            etree.SubElement(on_attributes, f"{_X}apply-templates", select=".", mode=mode)
        for pattern in group:
            rules = [r for r in pattern.findall(f"{_S}rule") if r.get("context")]
            for rank, rule in enumerate(rules):
                template = etree.SubElement(
                    sheet, f"{_X}template", match=rule.get("context"), mode=mode, priority=str(len(rules) - rank)
                )
                for let in rule.findall(f"{_S}let"):
                    etree.SubElement(template, f"{_X}variable", name=let.get("name"), select=let.get("value"))
                for check in rule:
                    if check.tag not in (f"{_S}assert", f"{_S}report"):
                        continue
                    test = check.get("test")
                    condition = f"not({test})" if check.tag == f"{_S}assert" else f"({test})"
                    when = etree.SubElement(template, f"{_X}if", test=condition)
                    failure = etree.SubElement(
                        when, "f", role=check.get("role") or "error", pattern=pattern.get("id") or mode
                    )
                    etree.SubElement(failure, f"{_X}attribute", name="path", select="path()")
                    _message(check, failure)
    if len(on_attributes):
        walk.append(on_attributes)
    etree.SubElement(walk, f"{_X}apply-templates", select="*", mode="walk")
    return etree.tostring(sheet, encoding="unicode")


def without_predicates(expression: str) -> str:
    """An XPath expression or pattern with its predicates ([...], nested ones too) taken out."""
    while True:
        stripped = re.sub(r"\[[^\[\]]*\]", "", expression)
        if stripped == expression:
            return expression
        expression = stripped


def union_alternatives(expression: str) -> list[str]:
    """The alternatives of an XPath union or XSLT pattern at its top level ("a | b[c | d]" -> ["a",
    "b[c | d]"]): bars inside predicates, parentheses and string literals do not split it."""
    alternatives, depth, quote, start = [], 0, "", 0
    for at, char in enumerate(expression):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "[(":
            depth += 1
        elif char in "])":
            depth -= 1
        elif char == "|" and depth == 0:
            alternatives.append(expression[start:at].strip())
            start = at + 1
    alternatives.append(expression[start:].strip())
    return alternatives


def _names(pattern: etree._Element) -> set[str] | None:
    """The node names a pattern's rules can match ("@name" for attributes); None when any node may."""
    names = set()
    for rule in pattern.findall(f"{_S}rule"):
        for alternative in without_predicates(rule.get("context") or "").split("|"):
            last = alternative.strip().split("/")[-1].replace("self::", "").replace("child::", "")
            if not last or last.endswith("*") or "(" in last or "::" in last:
                return None
            names.add(last)
    return names


def _modes(patterns: list[etree._Element]) -> list[list[etree._Element]]:
    """Patterns packed into as few XSLT modes as keep Schematron's meaning: patterns that can
    match a common node stay apart (in one mode a node meets one template only); a pattern
    that can match any node has a mode of its own. Each mode costs a dispatch per node."""
    modes: list[tuple[set[str] | None, list]] = []
    for pattern in patterns:
        names = _names(pattern)
        for taken, group in modes:
            if names is not None and taken is not None and not taken & names:
                taken |= names
                group.append(pattern)
                break
        else:
            modes.append((names, [pattern]))
    return [group for _, group in modes]


def _may_match_attributes(context: str) -> bool:
    """Whether a rule context can match an attribute node (an @ or attribute:: outside predicates)."""
    bare = without_predicates(context)
    return "@" in bare or "attribute::" in bare or "node()" in bare


def _message(check: etree._Element, into: etree._Element) -> None:
    """The assert's text, with sch:name and sch:value-of evaluated, in xsl:text (no {} templates)."""

    def text(value: str | None) -> None:
        if value:
            etree.SubElement(into, f"{_X}text").text = value

    text(check.text)
    for child in check:
        if child.tag == f"{_S}name":
            etree.SubElement(into, f"{_X}value-of", select=f"name({child.get('path') or '.'})")
        elif child.tag == f"{_S}value-of":
            etree.SubElement(into, f"{_X}value-of", select=f"string-join(({child.get('select')}) ! string(), ' ')")
        else:
            text("".join(child.itertext()))
        text(child.tail)


class EmbeddedRules:
    """A RELAX NG schema's embedded Schematron, compiled once (saxonche) and run per document.

    Raises RuntimeError (with Saxon's message) when the stylesheet does not compile."""

    def __init__(self, rng: Path):
        from .xmlsafe import new_saxon_processor

        self._proc = new_saxon_processor("checking tei_all's embedded rules")
        stylesheet = to_xslt3(embedded_schematron(rng))
        self._exe = self._proc.new_xslt30_processor().compile_stylesheet(stylesheet_text=stylesheet)
        if self._exe is None:
            raise RuntimeError("the embedded Schematron does not compile")

    def failures(self, xml_text: str) -> list[Failure]:
        """Every failure in one document (its text, XIncludes already resolved). Raises RuntimeError."""
        node = self._proc.parse_xml(xml_text=xml_text)
        result = self._exe.transform_to_string(xdm_node=node)
        if result is None:
            raise RuntimeError("the TEI constraints could not be run on this file")
        report = etree.fromstring(result.encode("utf-8"))
        return [
            Failure(
                f.get("path", ""), f.get("role", "error"), f.get("pattern", ""), " ".join("".join(f.itertext()).split())
            )
            for f in report
        ]


_STEP = re.compile(r"/(?:Q\{(?P<uri>[^}]*)\})?(?P<local>[^/\[{]+)(?:\[(?P<pos>\d+)\])?")


def node_at(tree: etree._ElementTree, path: str) -> etree._Element | None:
    """The lxml element an XPath 3 path() names (for an attribute or text node: its element)."""
    el = None
    for step in _STEP.finditer(path):
        local = step.group("local")
        if local.startswith(("@", "text()", "comment()", "processing-instruction(")):
            break
        tag = f"{{{step.group('uri')}}}{local}" if step.group("uri") else local
        position = int(step.group("pos") or 1)
        if el is None:
            root = tree.getroot()
            el = root if root.tag == tag else None
        else:
            same = [c for c in el if c.tag == tag]
            el = same[position - 1] if position <= len(same) else None
        if el is None:
            return None
    return el
