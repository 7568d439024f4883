"""Blocks: runs of non-blank lines, the unit both the header and the body parsers work on."""

from __future__ import annotations

from typing import NamedTuple


class Block(NamedTuple):
    """A run of non-blank lines of the record and the line number of its first line (1-based).

    A named tuple, not a frozen dataclass: a 50 MB record has a million blocks, and a tuple is made
    several times faster (issue 13)."""

    lines: tuple[str, ...]
    lineno: int  # 1-based line number of the first line in the record

    @property
    def text(self) -> str:
        """The block's lines joined by spaces."""
        return " ".join(self.lines)


def split_blocks(text: str) -> list[Block]:
    """The record's text -> blocks separated by blank lines (runs of white space inside a line folded)."""
    blocks: list[Block] = []
    current: list[str] = []
    start = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if line:
            if not current:
                start = number
            current.append(" ".join(line.split()) if "\t" in line or "  " in line else line)
        elif current:
            blocks.append(Block(tuple(current), start))
            current = []
    if current:
        blocks.append(Block(tuple(current), start))
    return blocks


def split_lines(block: Block) -> list[Block]:
    """A block cut into one-line blocks (for single-newline layouts)."""
    return [Block((line,), block.lineno + i) for i, line in enumerate(block.lines)]
