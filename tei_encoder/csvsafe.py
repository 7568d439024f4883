"""CSV cells that a spreadsheet shows as text, never runs as a formula (CSV injection, #13).

A cell of a CSV file that starts with `=`, `+`, `-` or `@` (or a TAB or carriage return, which
some spreadsheets skip before looking) is taken for a formula by Excel, LibreOffice and Google
Sheets when the file is opened: `=HYPERLINK(…)` or `+cmd|…` in a name from an untrusted TEI
file would run. Following OWASP's advice (owasp.org/www-community/attacks/CSV_Injection), such a
text cell is written with a leading apostrophe, which spreadsheets read as "this is text". A cell
that already starts with apostrophes before such a character gets one more, so that reading it
back (`from_cell`) gives exactly the text written: the two functions are inverses.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable

# a cell a spreadsheet takes for a formula, or one already made safe by to_cell
_FORMULA_LIKE = re.compile(r"'*[=+\-@\t\r]")


def to_cell(text: str) -> str:
    """TEXT as a CSV text cell no spreadsheet runs: "'" + TEXT when TEXT starts (after any
    apostrophes) with =, +, -, @, TAB or CR; else TEXT unchanged."""
    return "'" + text if _FORMULA_LIKE.match(text) else text


def from_cell(cell: str) -> str:
    """The text to_cell made CELL from (one apostrophe taken off a neutralised cell)."""
    return cell[1:] if cell.startswith("'") and _FORMULA_LIKE.match(cell[1:]) else cell


def csv_text(rows: Iterable[list]) -> str:
    """ROWS as CSV text, one line a row ending in LF, cells quoted when they must be (RFC 4180).

    A cell holding a carriage return (a record file named `a\r=1.txt`) is quoted too: Python's
    writer quotes only the characters of its line terminator (LF here), and a bare CR ends a row
    for spreadsheets and csv readers, splitting it and starting a cell with what followed (`=…`).
    Such a row is written with every cell quoted; a csv reader gives back each cell as it was."""
    buffer = io.StringIO()
    plain = csv.writer(buffer, lineterminator="\n")
    quoted = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    for row in rows:
        (quoted if any("\r" in str(cell) for cell in row) else plain).writerow(row)
    return buffer.getvalue()
