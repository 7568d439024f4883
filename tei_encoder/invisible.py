"""Invisible characters: the one rule of what prints nothing, shared by header label matching
(parse/header.py) and the rule for which file names are records (inputs.py).

A character is invisible when its Unicode category is Cf (format: a byte-order mark U+FEFF,
zero-width space/non-joiner/joiner, word joiner, left-to-right and right-to-left marks, the
soft hyphen U+00AD, bidirectional embeddings, overrides and isolates U+202A-202E, U+2066-2069)
or Cc (a control character) other than white space. Such characters hide a label or a suffix
from a reader: `\u200eSummary:` looks like `Summary:`, `t.tx\u200bt` like `t.txt`.
"""

from __future__ import annotations

import unicodedata


def is_invisible(char: str) -> bool:
    """True for one character that prints nothing and is not white space (category Cf or Cc)."""
    return not char.isspace() and unicodedata.category(char) in ("Cf", "Cc")


def _plain_edge(char: str) -> bool:
    """A character that neither is_invisible nor white space (str.isprintable is false for categories Cc
    and Cf and for every white space but the ASCII space)."""
    return char != " " and char.isprintable()


def without_invisible(text: str) -> str:
    """TEXT with every invisible character (is_invisible) taken out."""
    if text.isprintable():
        return text  # (no character of categories Cc or Cf is printable: nothing to take out, no scan per character)
    return "".join(c for c in text if not is_invisible(c))


def invisible_start(text: str) -> str:
    """The invisible characters and white space TEXT starts with ('' when none)."""
    end = 0
    while end < len(text) and (is_invisible(text[end]) or text[end].isspace()):
        end += 1
    return text[:end]


def invisible_end(text: str) -> str:
    """The invisible characters and white space TEXT ends with, when that run holds at least one
    invisible character ('' otherwise: plain trailing white space is no format character)."""
    start = len(text)
    while start > 0 and (is_invisible(text[start - 1]) or text[start - 1].isspace()):
        start -= 1
    tail = text[start:]
    return tail if any(map(is_invisible, tail)) else ""


def invisible_edges(text: str) -> str:
    """The invisible characters TEXT starts or ends with (invisible_start, invisible_end), in order."""
    if not text or (_plain_edge(text[0]) and _plain_edge(text[-1])):
        return ""  # (most lines: a printable first and last character that is no space, no scan per character)
    return "".join(c for c in invisible_start(text) + invisible_end(text) if is_invisible(c))
