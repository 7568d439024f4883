"""The header of a plain record: a title, then a date line, then the document.

    Minutes of the Harbour Board
    12 March 1958

    The board met at ten o'clock ...

The title is the first block (its lines joined); a date line may follow, alone in its block or
as the block's last line. Everything after is the document. This is the second record format
(`formats/plain.json`); it exists to show the format seam (see docs/formats.md).
"""

from __future__ import annotations

from ..config import RecordFormat
from ..dates import parse_date_line
from ..errors import RecordError
from ..model import Header
from .blocks import Block


def parse_header(blocks: list[Block], fmt: RecordFormat) -> tuple[Header, list[Block], list[str]]:
    """Title and date of a plain record.

    Input: the record's blocks and its format. Output: the Header, the blocks of the document,
    warnings. Raises RecordError for an empty record or one with nothing after its title.
    """
    if not blocks:
        raise RecordError("empty record: expected a title line, a date line and the text")
    header, warnings = Header(), []
    first, rest = blocks[0], list(blocks[1:])
    title_lines = list(first.lines)
    if len(title_lines) > 1 and parse_date_line(title_lines[-1]):
        header.date_text = title_lines.pop().strip()
    elif rest and len(rest[0].lines) == 1 and parse_date_line(rest[0].lines[0]):
        header.date_text = rest.pop(0).lines[0].strip()
    header.title = " ".join(" ".join(title_lines).split())
    header.date_iso = parse_date_line(header.date_text) or "" if header.date_text else ""
    if not rest:
        raise RecordError("record has a title but no text after it")
    if not header.date_text:
        warnings.append("record has no date line after its title: creation date left out")
    return header, rest, warnings
