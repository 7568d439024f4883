"""Character classes for "a letter" in the parser's patterns: every Unicode letter, not a hand-written range.

A class such as `[A-ZÀ-Þ]` ends at the Latin-1 block: a name written `Nguyễn` (Latin Extended
Additional), `Λάμπρος` (Greek) or `Громыко` (Cyrillic) falls outside it. The classes here hold every
code point of the Basic Multilingual Plane in the Unicode General Categories they name (Unicode
Standard §4.5; beyond the BMP, none: see tools/make_letters.py), read from
data/letters.json, made by tools/make_letters.py from one Unicode version: the same classes, hence
the same TEI, under every Python. Each is the inside of a regular-expression class, to be written
between brackets: `rf"[{UPPER}][{LOWER}]+"`.

- UPPER: a capital letter (Lu, Lt).
- LOWER: what follows a word's capital in mixed case: every letter not a capital, and combining
  marks (Ll, Lm, Lo, Mn, Mc) — `Nguyễn` written with a combining tilde too.
- CAPS_REST: what follows a capital in a word written in capitals (Lu, Lt, Mn, Mc).
- LETTER: any letter (L*); LETTER_OR_MARK: any letter or combining mark.
"""

from __future__ import annotations

import json
from pathlib import Path

_TABLE = json.loads((Path(__file__).parent / "data" / "letters.json").read_text(encoding="utf-8"))

UNICODE_VERSION: str = _TABLE["unicode"]
UPPER: str = _TABLE["upper"]
LOWER: str = _TABLE["lower"]
CAPS_REST: str = _TABLE["caps_rest"]
LETTER: str = _TABLE["letter"]
LETTER_OR_MARK: str = _TABLE["letter_or_mark"]
