"""Rewrite the text of a Node tree: each string child becomes a list of strings and nodes."""

from __future__ import annotations

from collections.abc import Callable

from ..model import Node
from ..tei import MENTION_TAGS

# Elements whose text is never rewritten: already-decided markup and identifiers.
OPAQUE = frozenset({"foreign", "gap", "pb", "lb", "idno", *MENTION_TAGS, "date", "ptr", "ref"})


def rewrite_text(node: Node, rewrite: Callable[[str, Node], list], skip: frozenset[str] = OPAQUE) -> None:
    """Replace, in place, every string under `node` (outside `skip` elements) by rewrite(text, parent).

    rewrite returns the pieces (strings and Nodes) that stand for the text; [text] itself leaves it as
    it was. Strings are visited in document order. A node's children list is copied only from its first
    string that changes: most strings of a long record come back as they were, and copying every list
    would cost a step per child for nothing. Empty strings are dropped where a list is rebuilt."""
    children = node.children
    rewritten: list | None = None
    for index, child in enumerate(children):
        if isinstance(child, str):
            parts = rewrite(child, node)
            if len(parts) == 1 and parts[0] is child:
                if rewritten is not None and child:
                    rewritten.append(child)
                continue
            if rewritten is None:
                rewritten = [c for c in children[:index] if not (isinstance(c, str) and c == "")]
            rewritten.extend(p for p in parts if not (isinstance(p, str) and p == ""))
        else:
            if child.tag not in skip:
                rewrite_text(child, rewrite, skip)
            if rewritten is not None:
                rewritten.append(child)
    if rewritten is not None:
        node.children = _merge_strings(rewritten)


def _merge_strings(children: list) -> list:
    merged: list = []
    for child in children:
        if isinstance(child, str) and merged and isinstance(merged[-1], str):
            merged[-1] += child
        else:
            merged.append(child)
    return merged


def last_words_start(text: str, words: int) -> int:
    """Where the last `words` runs of non-space characters of `text` begin (0 when it has fewer).

    For a search with a pattern anchored at the end of the text whose match spans at most that
    many runs (and, after them, spaces only): searching from here finds the same match as from the
    start, whereas re tries every earlier position in turn, each a long match failing at the end
    (a [sic] after a paragraph of 3,000 characters cost 2 ms). Spaces are str.isspace, as re's \\s.
    """
    k = len(text)
    for _ in range(words):
        while k and text[k - 1].isspace():
            k -= 1
        while k and not text[k - 1].isspace():
            k -= 1
    return k
