"""The record's header: date line, bold title and the labelled fields (Citation:, Summary:, …).

The header ends where the document begins — after the Contents items, or after the last
labelled field — not at the last line that happens to start with a label.
"""

from __future__ import annotations

import re

from ..config import RecordFormat, languages
from ..dates import parse_date_line
from ..errors import RecordError
from ..model import Header, Language
from .blocks import Block, split_lines
from .citation import parse_archival_reference, parse_responsibilities, split_citation

_URL = re.compile(r"<?(?P<url>https?://[^\s<>\"]+)>?")
# What a link target must look like (RFC 3986 characters, a host name): anything else stays text.
_VALID_URL = re.compile(
    r"https?://[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::\d{1,5})?(?:[/?#][A-Za-z0-9\-._~:/?#@!$&'()*+,;=%]*)?"
)
_LABEL = re.compile(r"^(?P<label>[A-Z][A-Za-z ]{2,30}):\s*(?P<rest>.*)$")


def label_of(line: str, fmt: RecordFormat) -> tuple[str, str] | None:
    m = _LABEL.match(line)
    if m and m.group("label") in fmt.labels:
        return fmt.labels[m.group("label")], m.group("rest").strip()
    return None


def _units(blocks: list[Block], fmt: RecordFormat) -> list[Block]:
    """Blocks, except that a block holding a label line is cut into lines (single-newline exports)."""
    units: list[Block] = []
    for block in blocks:
        if len(block.lines) > 1 and any(label_of(line, fmt) for line in block.lines):
            units.extend(split_lines(block))
        else:
            units.append(block)
    return units


def parse_header(blocks: list[Block], fmt: RecordFormat) -> tuple[Header, list[Block], list[str]]:
    header = Header()
    warnings: list[str] = []
    # Only the first screenful can be header; cutting there keeps a 5 MB body out of this loop.
    head_blocks, tail_blocks = blocks[:40], blocks[40:]
    units = _units(head_blocks, fmt)
    i = 0

    first_is_date_slot = (
        i < len(units)
        and len(units[i].lines) == 1
        and (
            parse_date_line(units[i].lines[0])
            or (i + 1 < len(units) and units[i + 1].lines[0].startswith("**") and len(units[i].lines[0]) <= 60)
        )
    )
    if first_is_date_slot:  # the date line, even when it holds no date we can read
        header.date_text = units[i].lines[0].strip()
        header.date_iso = parse_date_line(header.date_text) or ""
        i += 1

    if i < len(units) and units[i].lines[0].startswith("**"):
        title_lines = list(units[i].lines)
        i += 1
        while not title_lines[-1].rstrip().endswith("**") and i < len(units) and not label_of(units[i].lines[0], fmt):
            title_lines.extend(units[i].lines)
            i += 1
        header.title = " ".join(" ".join(title_lines).strip().strip("*").split())
    elif i < len(units) and not label_of(units[i].lines[0], fmt) and _label_follows(units, i + 1, fmt):
        header.title = " ".join(units[i].text.split())  # a title without bold marks
        i += 1

    seen_label = False
    while i < len(units):
        found = label_of(units[i].lines[0], fmt)
        if not found:
            break
        seen_label = True
        field, rest = found
        i += 1
        value: list[str] = [rest] if rest else []
        if field == "contents":
            items, i = _contents_items(units, i, rest, fmt)
            header.contents_items.extend(items)
            break  # the document follows the Contents items
        if not value and i < len(units) and not label_of(units[i].lines[0], fmt):
            value.append(units[i].text)
            i += 1
            # a summary of several paragraphs, when another label still follows
            while (
                field == "summary"
                and i < len(units)
                and not label_of(units[i].lines[0], fmt)
                and _label_follows(units, i, fmt, within=3)
            ):
                value.append(units[i].text)
                i += 1
        if field == "citation" and i < len(units) and _URL.fullmatch(units[i].text.strip()):
            value.append(units[i].text)
            i += 1
        _store(header, field, value, fmt, warnings)

    if not header.title:
        if not seen_label and not header.date_text:
            raise RecordError(
                "no record header: expected a date line, a **title** and fields such as Citation: and Summary:"
            )
        raise RecordError("record has no title (the bold **title** line after the date is missing)")
    _check_missing(header, warnings)
    return header, units[i:] + tail_blocks, warnings


def _label_follows(units: list[Block], start: int, fmt: RecordFormat, within: int = 2) -> bool:
    return any(label_of(u.lines[0], fmt) for u in units[start : start + within])


def _contents_items(units: list[Block], i: int, rest: str, fmt: RecordFormat) -> tuple[list[str], int]:
    items = [rest] if rest else []
    while i < len(units):
        lines = units[i].lines
        matching = [ln for ln in lines if any(p.match(ln) for p in fmt.contents_item_patterns)]
        if matching and len(matching) == len(lines):
            items.extend(lines)
            i += 1
            continue
        if matching and lines[0] in matching:  # items, then the document, in one block
            k = next(n for n, ln in enumerate(lines) if ln not in matching)
            items.extend(lines[:k])
            units[i] = Block(lines[k:], units[i].lineno + k)
        elif (
            not items
            and len(lines) == 1
            and len(lines[0]) <= 60
            and not lines[0].endswith(".")
            and not lines[0].isupper()
        ):
            items.append(lines[0])  # an item label this format file does not know yet
            i += 1
        break
    return items, i


def _store(header: Header, field: str, value: list[str], fmt: RecordFormat, warnings: list[str]) -> None:
    text = " ".join(" ".join(value).split())
    if field == "citation":
        url = _URL.search(text)
        if url and _VALID_URL.fullmatch(url.group("url").rstrip(".,;")):
            header.url = url.group("url").rstrip(".,;")
            m = fmt.url_id_pattern.search(header.url)
            if m:
                header.doc_number = m.group(1)
        elif url:
            warnings.append(f"source URL {url.group('url')!r} is not a valid URL: kept in the citation only")
        header.citation = _URL.sub("", text).strip() if url and _URL.fullmatch(value[-1].strip()) else text
        reference, responsibilities = split_citation(header.citation, fmt)
        header.responsibilities.extend(responsibilities)
        header.archival = parse_archival_reference(reference)
        if reference and (header.archival is None or not header.archival.understood):
            warnings.append(f"archival reference not understood, kept verbatim in the citation: {reference!r}")
            if header.archival and not header.archival.idnos:
                header.archival = None
    elif field == "summary":
        header.summary = "\n\n".join(" ".join(v.split()) for v in value)
    elif field == "credits":
        header.credits = text
        m = fmt.funder_pattern.search(text)
        if m:
            header.funders.append(m.group("funder").strip())
        header.responsibilities.extend(parse_responsibilities(text, fmt))
    elif field == "original_language":
        header.original_languages.extend(_languages(text, warnings))


def _languages(text: str, warnings: list[str]) -> list[Language]:
    found = []
    for name in re.split(r"\s*(?:,|/|;|\band\b)\s*", text):
        name = name.strip(" .")
        if not name:
            continue
        code = languages().get(name.lower())
        if code:
            found.append(Language(name=name, code=code))
        else:
            warnings.append(f"unknown language {name!r}: add it to tei_encoder/data/languages.json")
    return found


def translation_languages(items: list[str], fmt: RecordFormat, warnings: list[str]) -> list[Language]:
    found = []
    for item in items:
        m = fmt.translation_item_pattern.match(item)
        if m:
            found.extend(_languages(m.group("lang1") or m.group("lang2"), warnings))
    return found


def _check_missing(header: Header, warnings: list[str]) -> None:
    if not header.date_text:
        warnings.append("record has no date line: creation date left out")
    elif not header.date_iso:
        warnings.append(f"date line {header.date_text!r} is not a date: creation date left out")
    if not header.citation:
        warnings.append("record has no Citation: source citation left out")
    if not header.url:
        warnings.append("record has no source URL")
    if not header.original_languages:
        warnings.append("record states no original language: langUsage lists only what is stated")
