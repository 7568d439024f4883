"""`tei-encoder entities`: who, where and what each record mentions, and what still needs an editor.

Works on TEI (ours or anyone's that uses @ref to a standOff or authority entry), so the
report can be run on an edition without re-encoding it.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from lxml import etree

from . import teidoc
from .csvsafe import csv_text, to_cell
from .plurals import counted
from .tei import KIND, NSMAP, XML_NS, surface_text


@dataclass
class EntityRow:
    """One entity of one record in the entities report: kind, preferred name, number of mentions,
    the forms met, how it is linked (authority, gazetteer, unlinked) and its identifiers.
    """

    record: str
    entity: str
    type: str
    name: str
    mentions: int
    forms: list[str] = field(default_factory=list)
    link: str = ""  # authority | gazetteer | unlinked
    identifiers: list[str] = field(default_factory=list)


def entity_rows(record: str, tree: etree._ElementTree) -> list[EntityRow]:
    """The entities a TEI document mentions (text and abstract), one row per entity, in the
    order persons, places, organisations, dates; most mentioned first. A name tagged without @ref
    (hand-written TEI: <placeName>Kraków</placeName>) is one row per name, its link "unlinked (no @ref)"
    and no entity id (TEI Guidelines 13.3.6: a name element need not point anywhere).
    """
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    entries = {el.get(f"{{{XML_NS}}}id"): el for el in teidoc.entries(root)}
    rows: dict[tuple[str, str], EntityRow] = {}
    for el in teidoc.mentions(root, unlinked=True):
        kind = teidoc.MENTION_KINDS[el.tag]
        ref = el.get("ref")
        if ref is None:  # a name tagged without @ref (by hand, or by another tool): one row per name, unlinked
            name = surface_text(el)
            xml_id, entry, link = "", None, "unlinked (no @ref)"
            key = (kind, "\0" + " ".join(name.casefold().split()))
        else:
            xml_id = ref[1:] if ref.startswith("#") else ref
            entry = entries.get(xml_id)
            name = _preferred(entry, kind) if entry is not None else " ".join("".join(el.itertext()).split())
            link = _link(entry)
            key = (kind, xml_id)
        if key not in rows:
            rows[key] = EntityRow(
                record=record,
                entity=xml_id,
                type=kind,
                name=name,
                mentions=0,
                link=link,
                identifiers=_ids(entry),
            )
        row = rows[key]
        row.mentions += 1
        form = surface_text(el)
        if form not in row.forms:
            row.forms.append(form)
    dates = root.xpath("(//tei:text|//tei:abstract)//tei:date", namespaces=NSMAP)
    for el in dates:
        value = (
            el.get("when") or "/".join(v for v in (el.get("notBefore"), el.get("notAfter")) if v) or "(no ISO value)"
        )
        key = ("date", value)
        if key not in rows:
            rows[key] = EntityRow(
                record=record,
                entity=value,
                type="date",
                name=value,
                mentions=0,
                link="iso" if value[0].isdigit() else "unlinked",
            )
        rows[key].mentions += 1
        form = " ".join("".join(el.itertext()).split())
        if form not in rows[key].forms:
            rows[key].forms.append(form)
    order = {"person": 0, "place": 1, "org": 2, "date": 3}
    return sorted(rows.values(), key=lambda r: (order[r.type], -r.mentions, r.entity, r.name))


_UNLINKED = ("unlinked", "unresolved", "unlinked (no @ref)")  # the candidates an editor should review


def _preferred(entry: etree._Element, kind: str) -> str:
    names = entry.findall(f"tei:{KIND[kind].mention}", NSMAP)
    chosen = next((n for n in names if n.get("type") == "preferred"), names[0] if names else None)
    return " ".join("".join(chosen.itertext()).split()) if chosen is not None else ""


def _link(entry) -> str:
    if entry is None:
        return "unresolved"
    source = teidoc.entry_source(entry)
    return "unlinked" if source == "rule" else source  # a rule-found name awaits an authority entry


def _ids(entry) -> list[str]:
    if entry is None:
        return []
    return [f"{i.get('type')}:{i.text}" for i in entry.findall("tei:idno", NSMAP) if i.text]


def render(rows: list[EntityRow], fmt: str) -> str:
    """Rows -> the report as text (table), csv or json; unlinked candidates are listed for review."""
    if fmt == "json":
        unlinked = [asdict(r) for r in rows if r.link in _UNLINKED]
        return (
            json.dumps(
                {"entities": [asdict(r) for r in rows], "unlinked_candidates": unlinked}, ensure_ascii=False, indent=2
            )
            + "\n"
        )
    if fmt == "csv":
        sheet: list[list] = [["record", "type", "entity", "name", "mentions", "forms", "link", "identifiers"]]
        for r in rows:
            texts = [r.record, r.type, r.entity, r.name]
            more = [" | ".join(r.forms), r.link, " ".join(r.identifiers)]
            # text from untrusted TEI: never a formula when a spreadsheet opens the file, never a split row
            sheet.append([*map(to_cell, texts), r.mentions, *map(to_cell, more)])
        return csv_text(sheet)
    lines = []
    headers = ("record", "type", "entity", "mentions", "link", "forms")
    table = [(r.record, r.type, r.entity, str(r.mentions), r.link, "; ".join(r.forms)[:70]) for r in rows]
    widths = [max(len(h), *(len(t[i]) for t in table)) if table else len(h) for i, h in enumerate(headers)]
    lines.append("  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip())
    for t in table:
        lines.append("  ".join(c.ljust(w) for c, w in zip(t, widths)).rstrip())
    candidates = [r for r in rows if r.link in _UNLINKED]
    lines.append("")
    if candidates:
        lines.append(
            f"Unlinked candidates ({len(candidates)}): names found by rules that no authority file lists, "
            "or tagged without @ref."
        )
        lines.append(
            "Decide on them with `tei-encoder review` and `tei-encoder authority apply` (or edit the authority files)."
        )
        for r in candidates:
            lines.append(
                f"  {r.record}: {r.type} {r.name!r} ({counted(r.mentions, 'mention')}; forms: {'; '.join(r.forms)})"
            )
    else:
        lines.append("Unlinked candidates: none.")
    return "\n".join(lines) + "\n"
