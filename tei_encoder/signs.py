"""How the edition words a gap (TEI Guidelines 11.4.1, 3.5.3): the one owner of those words.

The document page prints them (tei_encoder/sitemap.annotate writes them on each gap as pub:words
and its reasons as pub:reason, which xslt/notes.xsl prints), and an entry page's context sentences
quote them (tei_encoder/teidoc.py): both read them from here, so the two never differ.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from pathlib import Path

from lxml import etree

from .tei import T


@functools.lru_cache(maxsize=1)
def shipped_strings() -> dict:
    """The shipped UI strings (tei_encoder/data/ui-strings.json), read once."""
    return json.loads((Path(__file__).parent / "data" / "ui-strings.json").read_text(encoding="utf-8"))


def reason_words(reason: str, ui: Mapping | None = None) -> str:
    """A gap's @reason (TEI att.reason: one or more tokens) in words: each token its UI string
    reason-TOKEN where there is one (as written where not), joined by reason-joiner ("cancelled,
    deleted"); '' for no reason. UI: the site's strings (the shipped ones when None)."""
    ui = shipped_strings() if ui is None else ui
    return ui["reason-joiner"].join(ui.get(f"reason-{token}", token) for token in reason.split())


def extent_words(el: etree._Element, ui: Mapping | None = None) -> str:
    """The extent of a gap or a space (TEI P5 §1.3.1.1.1 att.dimensions, @extent) in words:
    @quantity, else @atLeast and @atMost (UI strings gap-range, gap-at-least, gap-at-most), with
    @unit; else @extent as written; '' when none is given ("3 words", "2–4 lines", "half a line")."""
    ui = shipped_strings() if ui is None else ui

    def norm(name: str) -> str:
        return " ".join((el.get(name) or "").split())

    least, most, quantity = norm("atLeast"), norm("atMost"), norm("quantity")
    if quantity:
        amount = quantity
    elif least and most:
        amount = ui["gap-range"].replace("{from}", least).replace("{to}", most)
    elif least or most:
        amount = ui["gap-at-least" if least else "gap-at-most"].replace("{n}", least or most)
    else:
        return norm("extent")
    return " ".join(" ".join(p for p in (amount, el.get("unit") or "") if p).split())


def gap_words(gap: etree._Element, ui: Mapping | None = None) -> str:
    """A gap (TEI P5 §11.4.1) as the edition words it: its description, else its extent
    (@quantity, else @atLeast and @atMost, with @unit; or @extent) and its reason ("[3 words
    illegible]", "[2 lines cancelled, deleted]"; UI strings gap-shown, gap-range, gap-at-least,
    gap-at-most, reason-TOKEN, reason-joiner), else "[…]" (our encoder's reason "omitted" alone:
    the hover and the key say it). UI: the site's strings (the shipped ones when None)."""
    ui = shipped_strings() if ui is None else ui
    desc = gap.find(T + "desc")
    if desc is not None:
        return f"[{' '.join(''.join(desc.itertext()).split())}]"

    def norm(name: str) -> str:
        return " ".join((gap.get(name) or "").split())

    extent, reason = extent_words(gap, ui), norm("reason")
    if extent or (reason and reason != "omitted"):
        shown = ui["gap-shown"].replace("{extent}", extent).replace("{reason}", reason_words(reason, ui))
        return f"[{' '.join(shown.split())}]"
    return "[\u2026]"
