"""Brackets in the source: where they are, and which describe the page rather than add words.

Shared by the parser (a stamp or handwriting among the opener's lines stays in the opener) and the
editorial stage (such a bracket becomes note[@type="editorial"]). ENCODING.md §8. Pure functions.
"""

from __future__ import annotations

import re

# Descriptions by the translator or archivist: "[emphasis in the original]", "[Handwritten: …]",
# "[faded stamp: …]", "[This passage is crossed out: …]", "[no name given]". ENCODING.md §8.
_DESCRIBES = re.compile(
    r"(?i:\b(?:stamp|stamped|seal|handwrit\w*|handwriting|crossed out|struck out|deleted|underlin\w*|emphasis|"
    r"margin\w*|in the original|typewritten|notation\w*|annotation\w*|inscription|"
    r"translator's note|editor's note|no name given|not given|not reproduced|attachment not found|illegible signature)\b)"
)
_DESCRIPTION = re.compile(r"^(?P<what>[A-Za-z][A-Za-z' -]{0,60}?)\s*[:;](?:\s|$)|^[A-Za-z][A-Za-z' ,-]{2,80}$")


# "[Four pages of discussion follows regarding …]", "[Two paragraphs not translated]": the editor's word
# on what the edition leaves out, never words of the document
_OMISSION = re.compile(
    r"^(?:[\w-]+\s+){0,3}(?:pages?|paragraphs?|lines?|sentences?|passages?)\b[^\[\]]{0,160}?"
    r"\b(?:follows?|omitted|not translated|not included|not reproduced)\b",
    re.IGNORECASE,
)

_SQUARE = re.compile(r"[\[\]]")


def top_level_brackets(text: str) -> list[tuple[int, int]]:
    """(start, end) of each outermost balanced [ … ] in text, end exclusive; an unbalanced bracket
    is skipped (it stays text)."""
    spans: list[tuple[int, int]] = []
    if "[" not in text:
        return spans  # most strings: no Python loop at all
    depth, start = 0, -1
    for m in _SQUARE.finditer(text):  # only the brackets, not every character
        i, ch = m.start(), m.group()
        if ch == "[":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "]" and depth:
            depth -= 1
            if depth == 0 and i + 1 - start <= 2000:
                spans.append((start, i + 1))
    return spans


# "[Note: the next word is illegible]", "[Translator's comment: …]", "[N.B. …]": a note, by its label
_NOTE_LABEL = re.compile(
    r"^(?i:(?:translator'?s?|editor'?s?|archivist'?s?|author'?s?)\s+)?(?i:note|comment|remark|N\.\s?B\.)\s*[:.]\s*\S"
)


def is_description(inner: str) -> bool:
    """Words of the translator or archivist about the page (a stamp, handwriting, emphasis) or a
    labelled note of theirs (`Note: …`), not words added to the text."""
    if _NOTE_LABEL.match(inner) or _OMISSION.match(inner):
        return True
    m = _DESCRIPTION.match(inner)
    return bool(m and _DESCRIBES.search(m.group("what") or inner))
