"""Rewrite the text of a Node tree: each string child becomes a list of strings and nodes."""

from __future__ import annotations

from collections.abc import Callable

from ..model import Node
from ..tei import MENTION_TAGS

# Elements whose text is never rewritten: already-decided markup and identifiers.
OPAQUE = frozenset({"foreign", "gap", "pb", "lb", "idno", *MENTION_TAGS, "date", "ptr", "ref"})


def rewrite_text(node: Node, rewrite: Callable[[str, Node], list], skip: frozenset[str] = OPAQUE) -> None:
    """Replace, in place, every string under `node` (outside `skip` elements) by rewrite(text, parent)."""
    new_children: list = []
    changed = False
    for child in node.children:
        if isinstance(child, str):
            parts = rewrite(child, node)
            if len(parts) == 1 and parts[0] is child:
                if child:  # most strings come back as they were: no generator for them
                    new_children.append(child)
                continue
            changed = True
            new_children.extend(p for p in parts if not (isinstance(p, str) and p == ""))
        else:
            if child.tag not in skip:
                rewrite_text(child, rewrite, skip)
            new_children.append(child)
    if changed:
        node.children = _merge_strings(new_children)


def _merge_strings(children: list) -> list:
    merged: list = []
    for child in children:
        if isinstance(child, str) and merged and isinstance(merged[-1], str):
            merged[-1] += child
        else:
            merged.append(child)
    return merged
