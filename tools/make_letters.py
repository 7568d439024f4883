"""Write tei_encoder/data/letters.json: the Unicode letter classes the parser's patterns use.

Run with the Python whose Unicode version the table should follow:
`python tools/make_letters.py` (rewrites the file; `--check` exits 1 when it would change it).
The classes are made from `unicodedata.category` (Unicode Standard, chapter 4.5 General Category),
over the Basic Multilingual Plane: Python's regular-expression engine tests a class that holds only
BMP code points against a bitmap, but one with a single code point beyond it against its list of
ranges, one by one — about eight times slower for every pattern that uses it (the encoder's name rules
scan every string of a record). The letters beyond the BMP (historic scripts, mathematical letters,
rare CJK ideographs) do not occur in the archive's records.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "tei_encoder" / "data" / "letters.json"

# name -> the General Categories in it
CLASSES = {
    "upper": ("Lu", "Lt"),
    "lower": ("Ll", "Lm", "Lo", "Mn", "Mc"),
    "caps_rest": ("Lu", "Lt", "Mn", "Mc"),
    "letter": ("Lu", "Ll", "Lt", "Lm", "Lo"),
    "letter_or_mark": ("Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc"),
}


LAST = 0xFFFF  # the last code point of the Basic Multilingual Plane


def _escape(code: int) -> str:
    return f"\\u{code:04x}"


def ranges(categories: tuple[str, ...]) -> str:
    """The code points of `categories` as the inside of a regular-expression class (`\\u0041-\\u005a…`)."""
    out: list[str] = []
    start = None
    for code in range(LAST + 2):
        inside = code <= LAST and unicodedata.category(chr(code)) in categories
        if inside and start is None:
            start = code
        elif not inside and start is not None:
            end = code - 1
            out.append(_escape(start) if start == end else f"{_escape(start)}-{_escape(end)}")
            start = None
    return "".join(out)


def table() -> dict[str, object]:
    """The file's content: the Unicode version and every class of CLASSES."""
    return {
        "_comment": "made by tools/make_letters.py from unicodedata; do not edit by hand",
        "unicode": unicodedata.unidata_version,
        "categories": {name: list(cats) for name, cats in CLASSES.items()},
        **{name: ranges(cats) for name, cats in CLASSES.items()},
    }


def main() -> int:
    text = json.dumps(table(), ensure_ascii=True, indent=1) + "\n"
    if "--check" in sys.argv[1:]:
        return 0 if OUT.exists() and OUT.read_text(encoding="utf-8") == text else 1
    OUT.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
