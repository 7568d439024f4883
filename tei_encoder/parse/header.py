"""The record's header: date line, bold title and the labelled fields (Citation:, Summary:, …).

The header ends where the document begins — after the Contents items, or after the last
labelled field — not at the last line that happens to start with a label.
"""

from __future__ import annotations

import functools
import re

from ..config import RecordFormat, languages
from ..dates import find_dates, parse_date_line
from ..errors import RecordError
from ..invisible import invisible_edges, invisible_end, invisible_start, without_invisible
from ..model import Header, Language, Responsibility
from .blocks import Block, split_lines
from .citation import QUOTED_TITLE as _QUOTED
from .citation import parse_archival_reference, parse_responsibilities, provenance_note, split_citation

# a URL in a sentence: in angle brackets, everything inside them (the export's `<https://x.org/a b>`),
# else up to the first space
_URL = re.compile(r"<\s*(?P<bracketed>(?i:https?)://[^<>\"]+?)\s*>|<?(?P<url>(?i:https?)://[^\s<>\"]+)>?")
# What a link target must look like (RFC 3986 characters, a host name): anything else stays text.
_VALID_URL = re.compile(
    r"[A-Za-z][A-Za-z0-9+.-]*://[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::\d{1,5})?"
    # RFC 3986: a % only as a percent-escape (a stray one fails xs:anyURI, so ptr/@target would be invalid)
    r"(?:[/?#](?:[A-Za-z0-9\-._~:/?#@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*)?"
)
_LABEL = re.compile(r"^(?P<label>[A-Z][A-Za-z ]{2,30}):\s*(?P<rest>.*)$")
_ANY_CASE_LABEL = re.compile(r"^(?P<label>[A-Za-z][A-Za-z ]{2,30}):\s*(?P<rest>.*)$")


def label_of(line: str, fmt: RecordFormat) -> tuple[str, str] | None:
    """(field name, rest of the line) when the line starts with a label the format knows (in any
    case when the format says labels_ignore_case: `ORIGINAL LANGUAGE:`), else None."""
    colon = line.find(":")
    # invisible characters inside a label (`Sum\u00admary:`) do not hide it; its value keeps them
    label = without_invisible(line[:colon]) if colon > 0 else ""
    m = (_ANY_CASE_LABEL if fmt.labels_ignore_case else _LABEL).match(label + ":")
    field = fmt.label_field(m.group("label")) if m else None
    return (field, line[colon + 1 :].strip()) if m and field else None


# A line that is only a URL: bare (a scheme the format allows, url_schemes, in any case: RFC 3986 3.1), or
# in the export's angle brackets, where the address is everything inside them (a broken URL may hold a
# space: `<https://x.org/a b>`; a hand edit may pad it: `< https://x.org/a >`) and any RFC 3986 scheme
# marks it as the URL line (`<doi:10.1/x>`, `<mailto:a@b.org>`, `<urn:…>`).
_URL_LINE = (
    r"^(?:<\s*(?P<bracketed>[A-Za-z][A-Za-z0-9+.-]*:[^\s<>][^<>]*?)\s*>"
    r"|(?P<url>(?i:{s})://[^\s<>\"]+))\.?$"
)


@functools.lru_cache(maxsize=8)
def _url_line_pattern(schemes: tuple[str, ...]) -> re.Pattern:
    return re.compile(_URL_LINE.format(s="|".join(map(re.escape, schemes))))


def url_line(line: str, fmt: RecordFormat | None = None) -> str | None:
    """The address of a line that is only a URL, else None: everything inside the angle brackets
    the export prints (`<https://x.org/a b>` -> `https://x.org/a b`, any RFC 3986 scheme), or a
    bare URL of a scheme FMT's url_schemes allow (http and https without a format)."""
    m = _url_line_pattern(fmt.url_schemes if fmt else ("http", "https")).match(line.strip())
    if not m:
        return None
    return m.group("bracketed").strip() if m.group("bracketed") else m.group("url").rstrip(".,;")


# a URI as RFC 3986 lets it stand: unreserved and reserved characters, and percent-escapes; one `#`
# at most, which begins the fragment (a fragment holds no other: `…o#xy:#xy:rg/…` is no xs:anyURI)
_URI = re.compile(
    r"(?:[A-Za-z0-9\-._~:/?\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*(?:#(?:[A-Za-z0-9\-._~:/?\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*)?"
)
_URI_CHARACTER = re.compile(r"[A-Za-z0-9\-._~:/?\[\]@!$&'()*+,;=]")  # `#` escaped, as EXSLT does


def uri_target(address: str) -> str:
    """ADDRESS as a valid URI (RFC 3986 2.1): itself when it is one; else every character a URI
    cannot hold as it is (a space, a non-ASCII letter, `%`) percent-encoded as its UTF-8 bytes, as
    EXSLT str:encode-uri does, by which schema/rules.sch checks that ptr/@target is the idno's
    address. A ptr/@target must be an xs:anyURI (TEI 16.1)."""
    if _URI.fullmatch(address):
        return address
    return "".join(c if _URI_CHARACTER.fullmatch(c) else "".join(f"%{b:02X}" for b in c.encode()) for c in address)


def url_scheme(address: str) -> str:
    """The scheme of ADDRESS (RFC 3986 3.1), lowercase: `https`, `doi`, `mailto`."""
    return address.split(":", 1)[0].lower()


def _header_mark(unit: Block, fmt: RecordFormat) -> bool:
    """A labelled field or a bare URL line: something only the header holds."""
    return bool(label_of(unit.lines[0], fmt) or url_line(unit.lines[0], fmt))


def _units(blocks: list[Block], fmt: RecordFormat) -> tuple[list[Block], list[int]]:
    """Blocks, except that a block holding a label or URL line is cut into lines (single-newline
    exports); with each unit, the index of the block it came from (so what is left of a cut block
    after the header can be joined again for the body)."""
    units: list[Block] = []
    origins: list[int] = []
    for n, block in enumerate(blocks):
        if len(block.lines) > 1 and any(label_of(line, fmt) or url_line(line, fmt) for line in block.lines):
            pieces = split_lines(block)
        else:
            pieces = [block]
        units.extend(pieces)
        origins.extend([n] * len(pieces))
    return units, origins


def _rejoin(units: list[Block], origins: list[int]) -> list[Block]:
    """Units that came from one block of the record, joined back into that block."""
    out: list[Block] = []
    last = None
    for unit, origin in zip(units, origins):
        if out and origin == last:
            out[-1] = Block(out[-1].lines + unit.lines, out[-1].lineno)
        else:
            out.append(unit)
        last = origin
    return out


def parse_header(blocks: list[Block], fmt: RecordFormat) -> tuple[Header, list[Block], list[str]]:
    """(header fields, the blocks of the document, warnings) from the record's blocks.

    The header is a date line, a **title**, then labelled fields and bare URL lines in any order,
    each optional; it ends where the document begins: at the first block that is none of these.
    A field given twice is kept twice (a second Summary as a second paragraph, a second Citation
    or Credits text as a note) and reported. Raises RecordError when there is no header at all.
    TEI Guidelines 2.2 (fileDesc), 2.4 (profileDesc).
    """
    header = Header()
    warnings: list[str] = []
    # Only the first screenful can be header; cutting there keeps a 5 MB body out of this loop.
    head_blocks, tail_blocks = blocks[:40], blocks[40:]
    as_printed = head_blocks
    head_blocks, printed = _without_invisible_starts(head_blocks)
    units, origins = _units(head_blocks, fmt)
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
        while not title_lines[-1].rstrip().endswith("**") and i < len(units) and not _header_mark(units[i], fmt):
            title_lines.extend(units[i].lines)
            i += 1
        header.title = " ".join(" ".join(title_lines).strip().strip("*").split())
        if i < len(units) and _bold_line(units[i]) and _mark_follows(units, i + 1, fmt):
            header.subtitle = " ".join(units[i].text.strip("*").split())  # a second title line
            i += 1
    elif i < len(units) and not _header_mark(units[i], fmt) and _mark_follows(units, i + 1, fmt):
        header.title = " ".join(units[i].text.split())  # a title without bold marks
        i += 1
    if (
        header.title
        and not header.date_text
        and i < len(units)
        and len(units[i].lines) == 1
        and parse_date_line(units[i].lines[0])
        and _mark_follows(units, i + 1, fmt)
    ):  # the date line under the title, fields following: the order varies, the header goes on
        header.date_text = units[i].lines[0].strip()
        header.date_iso = parse_date_line(header.date_text) or ""
        i += 1

    seen: dict[str, int] = {}
    while i < len(units):
        url = url_line(units[i].lines[0], fmt) if len(units[i].lines) == 1 else None
        if url:
            _store_url(header, url, fmt, warnings)
            seen["url"] = seen.get("url", 0) + 1
            i += 1
            continue
        found = label_of(units[i].lines[0], fmt)
        if not found:
            unknown = _unknown_field(units, i, fmt)
            if unknown is None:
                break
            text, i = unknown
            header.notes.append(("field", text))
            warnings.append(f"header field {text.split(':')[0]!r} is not one this format knows: kept as a note")
            continue
        field, rest = found
        seen[field] = seen.get(field, 0) + 1
        i += 1
        value: list[str] = [rest] if rest else []
        if field == "contents":
            items, i = _contents_items(units, i, rest, fmt)
            header.contents_items.extend(items)
            if seen[field] > 1:
                warnings.append(
                    f"header field {_label_name(field, fmt)!r} is given {seen[field]} times: every one is kept"
                )
            other = [item for item in items if not _plain_translation_item(item, fmt)]
            if other:  # export labels such as "English HTML": kept, since the record says them
                header.notes.append(("contents", "; ".join(other)))
            if i < len(units) and label_of(units[i].lines[0], fmt):
                continue  # a second Contents: (or another field) still belongs to the header
            break  # the document follows the Contents items
        if not value and i < len(units) and not _header_mark(units[i], fmt):
            # the Credits block is the last of the record: without a cut there would be no document
            last = i == len(units) - 1 and not tail_blocks
            cut = _credit_lines(units[i], fmt) if field == "credits" and last else 0
            if cut:  # a single-newline export: the funder sentence, then the document's lines
                value.append(" ".join(units[i].lines[:cut]))
                units[i] = Block(units[i].lines[cut:], units[i].lineno + cut)
            else:
                value.append(units[i].text)
                i += 1
            # a field of several paragraphs, when another label or URL line still follows
            while (
                not cut
                and field in ("summary", "credits")
                and i < len(units)
                and not _header_mark(units[i], fmt)
                and (
                    _mark_follows(units, i, fmt, within=3)
                    or field == "credits"
                    and _credit_unit(units[i], fmt)
                    or field == "summary"
                    and _mark_follows(units, i, fmt, within=_SUMMARY_REACH)
                )
            ):
                value.append(units[i].text)
                i += 1
        if not value:
            warnings.append(f"header field {_label_name(field, fmt)!r} is empty")
            continue
        if seen[field] > 1:
            warnings.append(f"header field {_label_name(field, fmt)!r} is given {seen[field]} times: every one is kept")
        _store(header, field, value, fmt, warnings, repeated=seen[field] > 1)

    if not header.title and header.citation:
        header.title = _title_from_citation(header.citation)
        if header.title:
            warnings.append("record has no **title** line: title taken from the citation")
    if not header.title:
        if not seen and not header.date_text:
            raise RecordError(
                "no record header: expected a date line, a **title** and fields such as Citation: and Summary:"
            )
        raise RecordError("record has no title (the bold **title** line after the date is missing)")
    _check_missing(header, warnings)
    document = _rejoin(units[i:], origins[i:])
    if printed:  # the document as the record prints it; the header's lines read without those characters
        document = _document_as_printed(as_printed, document)
        _warn_invisible_starts(printed, document[0].lineno if document else None, warnings)
    return header, document + tail_blocks, warnings


# Invisible characters at the start or end of a line (invisible.is_invisible: Unicode Cf — a byte-order mark
# left where exported pieces were joined, zero-width spaces, LRM/RLM, a soft hyphen, bidi controls — and
# controls): they hide a header line from its rules (`\u200eSummary:` is no label), so the header is
# read without them; the document keeps them as printed.
def _without_invisible_starts(blocks: list[Block]) -> tuple[list[Block], dict[int, str]]:
    """The blocks with zero-width format characters taken from the start and end of every line, and each
    line so changed as printed, by its line number (a block's k-th line is line lineno + k)."""
    printed: dict[int, str] = {}
    out: list[Block] = []
    for block in blocks:
        if not any(invisible_edges(line) for line in block.lines):
            out.append(block)
            continue
        run: list[str] = []
        for k, line in enumerate(block.lines):
            bare = _bare(line)
            if bare != line:
                printed[block.lineno + k] = line
            if bare:
                run.append(bare)
            elif run:  # a line of nothing but such characters parts the block, as a blank line would
                out.append(Block(tuple(run), block.lineno + k - len(run)))
                run = []
        if run:
            out.append(Block(tuple(run), block.lineno + len(block.lines) - len(run)))
    return out, printed


def _bare(line: str) -> str:
    # `**Title**\u200e` and `Summary:\u200e` are read as `**Title**` and `Summary:`
    line = line[len(invisible_start(line)) :]
    return line[: len(line) - len(invisible_end(line))]


def _document_as_printed(printed_blocks: list[Block], document: list[Block]) -> list[Block]:
    """The document's blocks (first of them: `document`, read without format characters) as the
    record prints them: every line from the document's first on, in the record's own blocks. Its
    first line stays as the header left it when the header took a part of it (a Contents item
    run into the text)."""
    if not document:
        return document
    start, first = document[0].lineno, document[0].lines[0]
    out: list[Block] = []
    for block in printed_blocks:
        skip = max(0, start - block.lineno)
        if skip >= len(block.lines):
            continue
        lines = list(block.lines[skip:])
        if block.lineno + skip == start and _bare(lines[0]) != first:
            lines[0] = first
        out.append(Block(tuple(lines), block.lineno + skip))
    return out


def _warn_invisible_starts(printed: dict[int, str], document_start: int | None, warnings: list[str]) -> None:
    """One warning naming the header lines read without their leading format characters (nothing
    of the header is passed over in silence); the document keeps its own."""
    lines = sorted(n for n in printed if document_start is None or n < document_start)
    if lines:
        chars = sorted({f"U+{ord(c):04X}" for n in lines for c in invisible_edges(printed[n])})
        where = ", ".join(map(str, lines[:5])) + (", …" if len(lines) > 5 else "")
        warnings.append(
            f"header line{'s' if len(lines) > 1 else ''} {where} begin{'' if len(lines) > 1 else 's'} or end{'' if len(lines) > 1 else 's'} with invisible"
            f" format characters ({', '.join(chars)}): read without them"
        )


def _plain_translation_item(item: str, fmt: RecordFormat) -> bool:
    """ "Translation - English": fully said by langUsage; "English HTML" also names a format, kept."""
    m = fmt.translation_item_pattern.match(item)
    return m is not None and not m.groupdict().get("lang3")


def _label_name(field: str, fmt: RecordFormat) -> str:
    return next((label for label, f in fmt.labels.items() if f == field), field)


def _title_from_citation(citation: str) -> str:
    """The quoted title a citation opens with, else its text before the first date."""
    m = _QUOTED.match(citation)
    if m:
        return m.group("title").rstrip(" ,")
    for match in find_dates(citation, None):
        head = citation[: match.start].strip(" ,")
        return head if len(head) >= 8 else ""
    return ""


def _store_url(header: Header, address: str, fmt: RecordFormat, warnings: list[str]) -> None:
    """The source URL (the first one given) as printed, its URI for ptr/@target and its document id;
    any other URL kept as well. An address a URI cannot hold as printed (a space, a stray `%`) keeps
    its printed text in idno and is percent-encoded in the target, and is reported; an address of a
    scheme that is not the format's (`doi:`, `mailto:`) is kept as text (idno, no ptr: it is no web
    address, and `javascript:` must never become a link target) and reported; one with no valid host
    stays text in the header notes. TEI Guidelines 2.2.4 (idno), 16.1 (ptr)."""
    target = uri_target(address)
    scheme = url_scheme(address)
    if scheme not in fmt.url_schemes:
        warnings.append(
            f"the URL line gives a {scheme!r} address, not one of {', '.join(fmt.url_schemes)}: "
            f"{address!r} kept as the source's idno"
        )
    elif not _VALID_URL.fullmatch(target):
        warnings.append(f"source URL {address!r} is not a valid URL: kept in the header notes only")
        header.notes.append(("url", address))
        return
    if target != address and address not in (header.url, *header.other_urls):
        held = "spaces" if any(c.isspace() for c in address) else "characters a URI cannot hold"
        warnings.append(f"source URL {address!r} held {held}: kept as printed in idno, percent-encoded in ptr/@target")
    if not header.url:
        header.url, header.url_target = address, target if scheme in fmt.url_schemes else ""
        doc_id = document_id(target, fmt)
        if doc_id.isdigit():
            header.doc_number = doc_id
        else:
            header.doc_slug = doc_id
    elif address != header.url and address not in header.other_urls:
        warnings.append(f"the header gives a second source URL {address!r}: both kept")
        header.other_urls.append(address)


def document_id(url: str, fmt: RecordFormat) -> str:
    """The archive's id of the document from its URL: the number, or the whole slug
    (`…/document/record-of-talk-0` -> `record-of-talk-0`); `node-N` for `…/node/N`; '' otherwise."""
    m = fmt.url_id_pattern.search(url)
    if not m:
        return ""
    groups = m.groupdict()
    if groups.get("node"):
        return f"node-{groups['node']}"
    return groups.get("id") or ""


def _bold_line(unit: Block) -> bool:
    """`**A Second Title**`: one line, bold from end to end."""
    line = unit.lines[0].strip()
    return len(unit.lines) == 1 and len(line) > 4 and line.startswith("**") and line.endswith("**")


# A summary runs to the next header label, whole, if one comes within this many paragraphs
# (a summary of many paragraphs); past the last label, the document begins.
_SUMMARY_REACH = 12


def _unknown_field(units: list[Block], i: int, fmt: RecordFormat) -> tuple[str, int] | None:
    """`Keywords:` + its value between known header fields: a label the format does not know, kept
    in the header as "Label: value" when a known label or URL line follows it — right after its
    value, or after more such unknown fields (`Keywords:`, `Translated by:`, then `Summary:`): the
    header goes on however many fields the format does not know; else None (the document begins
    here). (text, index after the field)."""
    end = _unknown_field_end(units, i, fmt)
    if end is None:
        return None
    after = end
    while after < len(units) and not _header_mark(units[after], fmt):
        following = _unknown_field_end(units, after, fmt)
        if following is None:
            return None  # the fields run into the document: they are its first lines
        after = following
    if after >= len(units):
        return None
    value = " ".join(units[i].text.split()) if end == i + 1 else f"{units[i].lines[0].strip()} {units[i + 1].text}"
    return " ".join(value.split()), end


def _unknown_field_end(units: list[Block], i: int, fmt: RecordFormat) -> int | None:
    """The index after a label-shaped unit and its value (on its lines, or the next unit; none when
    a known label or URL line comes next: `Keywords:` left empty), or None when units[i] does not
    begin with a label."""
    m = _LABEL.match(units[i].lines[0])
    if m is None:
        return None
    alone = not m.group("rest").strip() and len(units[i].lines) == 1
    end = i + 2 if alone and i + 1 < len(units) and not _header_mark(units[i + 1], fmt) else i + 1
    return end if end <= len(units) else None


def _mark_follows(units: list[Block], start: int, fmt: RecordFormat, within: int = 2) -> bool:
    return any(_header_mark(u, fmt) for u in units[start : start + within])


def _label_shaped(line: str) -> bool:
    """A line that could be a Contents item: a short label (at most 60 characters), not a sentence
    (no closing punctuation), not a line in capitals (a classification mark such as `TOP SECRET`
    opens documents) and not a date line."""
    return (
        0 < len(line) <= 60
        and not line.rstrip().endswith((".", ":", ";", ",", "!", "?"))
        and not line.isupper()
        and not parse_date_line(line)
    )


def _glued_item(line: str, fmt: RecordFormat) -> tuple[str, str] | None:
    """(the Contents item, the document's words) when a line begins with a whole item the format
    knows (`English Translation`) and goes on with a capitalised word of the document; else None."""
    # every space is a cut, the last first; the label is matched in place (endpos), never copied,
    # so that a long first line costs linear time, not a copy per word (issue 13)
    cut = len(line)
    while (cut := line.rfind(" ", 0, cut)) >= 0:
        if line[cut + 1 : cut + 2].isupper() and any(p.match(line, 0, cut) for p in fmt.contents_item_patterns):
            return line[:cut], line[cut + 1 :]
    return None


def _contents_items(units: list[Block], i: int, rest: str, fmt: RecordFormat) -> tuple[list[str], int]:
    """The Contents items from units[i] on (rest: an item on the label's own line) and the index of
    the first unit after them. The export prints the list as one block of label lines ended by a
    blank line, the document after it: that block is the list whatever its words (an item the
    format's patterns do not know, `Transcript - Russian`, is an item all the same). Only a block
    that runs into the document (a single-newline export: a line no label could be, such as a
    sentence) is cut, at the first line the format's item patterns do not know."""
    items = [rest] if rest else []
    while i < len(units):
        lines = units[i].lines
        matching = [ln for ln in lines if any(p.match(ln) for p in fmt.contents_item_patterns)]
        if matching and len(matching) == len(lines):
            items.extend(lines)
            i += 1
            continue
        glued = None if matching else _glued_item(lines[0], fmt)
        known_first = bool(matching) and lines[0] in matching
        if (known_first or not items and not glued) and i + 1 < len(units) and all(map(_label_shaped, lines)):
            items.extend(lines)  # the whole block up to the blank line: the document follows it
            i += 1
            break
        if matching and lines[0] in matching:  # items, then the document, in one block
            k = next(n for n, ln in enumerate(lines) if ln not in matching)
            items.extend(lines[:k])
            units[i] = Block(lines[k:], units[i].lineno + k)
        elif glued:
            # `English Translation Ciphergram No. 16211`: the item label run into the document's first line
            items.append(glued[0])
            units[i] = Block((glued[1], *lines[1:]), units[i].lineno)
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


def _store(
    header: Header, field: str, value: list[str], fmt: RecordFormat, warnings: list[str], repeated: bool = False
) -> None:
    text = " ".join(" ".join(value).split())
    if field == "citation":
        _store_citation(header, text, fmt, warnings, repeated)
    elif field == "summary":
        paragraphs = "\n\n".join(" ".join(v.split()) for v in value)
        header.summary = f"{header.summary}\n\n{paragraphs}" if header.summary else paragraphs
    elif field == "credits":
        _store_credits(header, value, fmt)
        header.credits = f"{header.credits} {text}".strip()
    elif field == "original_language":
        header.original_languages.extend(_languages(text, warnings, keep_unknown=True))
    else:  # a label the format file maps to a field with no TEI place of its own: kept, and said
        header.notes.append(("field", f"{_label_name(field, fmt)}: {text}"))
        warnings.append(f"header field {_label_name(field, fmt)!r} has no TEI element of its own: kept as a note")


def _store_citation(header: Header, text: str, fmt: RecordFormat, warnings: list[str], repeated: bool) -> None:
    # every URL the citation's sentence gives is a source URL (the URL line after it is read as one)
    for url in _URL.finditer(text):
        if url.group("bracketed"):  # the whole address the brackets hold, as a URL line's
            _store_url(header, url.group("bracketed"), fmt, warnings)
        elif _VALID_URL.fullmatch(url.group("url").rstrip(".,;")):
            _store_url(header, url.group("url").rstrip(".,;"), fmt, warnings)
        else:
            warnings.append(f"source URL {url.group('url')!r} is not a valid URL: kept in the citation only")
    citation = text
    if repeated:
        if citation != header.citation:
            header.notes.append(("citation", citation))
        return
    header.citation = citation
    reference, responsibilities = split_citation(header.citation, fmt, header.title)
    header.responsibilities.extend(responsibilities)
    provenance = provenance_note(header.citation, fmt)
    if provenance:
        header.notes.append(("provenance", provenance))
    header.archival = parse_archival_reference(reference)
    if reference and (header.archival is None or not header.archival.understood):
        warnings.append(f"archival reference not understood, kept verbatim in the citation: {reference!r}")
        if header.archival and not header.archival.idnos:
            header.archival = None
    if header.archival and header.archival.further:
        warnings.append(f"further archival reference kept verbatim in the citation only: {header.archival.further!r}")


def _store_credits(header: Header, value: list[str], fmt: RecordFormat) -> None:
    """Funders (one each, from "support from A and B"), responsibilities, and any other credit
    kept as a note: nothing the Credits say is dropped. TEI Guidelines 2.2.1 (funder)."""
    sentences = [
        part for paragraph in value for part in re.split(r"(?<=[a-z)]\.)\s+(?=[A-Z])", " ".join(paragraph.split()))
    ]
    for text in sentences:
        m = fmt.funder_pattern.search(text)
        responsibilities = parse_responsibilities(text, fmt)
        header.responsibilities.extend(responsibilities)
        if m:
            for funder in split_funders(m.group("funder")):
                if funder not in header.funders:
                    header.funders.append(funder)
            text = text[: m.start()].strip()
            if re.fullmatch(r"(?i)(?:this|the) (?:document|record|translation)(?: was| has been)?", text):
                text = ""
        if text and (not responsibilities or _words_beyond(text, responsibilities)):
            # "Translated for CWIHP by X": the respStmt holds X, the whole sentence keeps "for CWIHP"
            header.notes.append(("credits", text))


_RESP_GLUE = frozenset({"by", "and", "the", "this", "was", "were", "is", "has", "been", "document", "record"})


def _words_beyond(text: str, responsibilities: list[Responsibility]) -> bool:
    """Does a credit sentence say more than its "X by Y" statements (`for CWIHP`, `from the
    original`)? Then it is kept whole as a note too: nothing the Credits say is dropped."""
    said = {w.lower() for r in responsibilities for w in re.findall(r"\w+", f"{r.verb} {' '.join(r.names)}")}
    return any(w.lower() not in said and w.lower() not in _RESP_GLUE for w in re.findall(r"\w+", text))


def _credit_unit(unit: Block, fmt: RecordFormat) -> bool:
    """A further paragraph of Credits (`This document was made possible with support from …` after
    `Translated for … by …`): one short paragraph naming a funder or a responsibility."""
    text = " ".join(unit.text.split())
    return len(text) <= 300 and bool(fmt.funder_pattern.search(text) or parse_responsibilities(text, fmt))


_WRAPS_ON = re.compile(r"(?:,|\b(?:and|the|of|for|&))\s*$")


def _credit_lines(unit: Block, fmt: RecordFormat) -> int:
    """How many first lines of the record's last block, after Credits:, are the credit sentence, when
    lines of the document follow in the same block (a single-newline export: `This document was made
    possible with support from X` / `Secret` / `Ciphergram No. …`); 0 when the block is the
    credit text alone. A line that ends in `,`, `and`, `the`, `of`… or a next line that begins in
    lower case continues the sentence."""
    lines = [line.strip() for line in unit.lines]
    if len(lines) < 2 or not fmt.funder_pattern.search(lines[0]):
        return 0
    cut = 1
    while cut < len(lines) and (_WRAPS_ON.search(lines[cut - 1]) or lines[cut][:1].islower()):
        cut += 1
    rest = " ".join(lines[cut:])
    return (
        cut
        if rest and not fmt.funder_pattern.search(rest) and not _credit_unit(Block(tuple(lines[cut:]), 0), fmt)
        else 0
    )


def split_funders(text: str) -> list[str]:
    """ "the ROK Ministry of Unification and the Leon Levy Foundation" -> two funders.

    A part of one word ("Bill and Melinda Gates Foundation") means the "and" belongs to one name.
    """
    text = text.strip().rstrip(".")
    parts = [p.strip() for p in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", text) if p.strip()]
    parts = [re.sub(r"^the\s+", "", p) for p in parts]
    if len(parts) > 1 and all(len(p.split()) >= 2 and p[0].isupper() for p in parts):
        return parts
    return [re.sub(r"^the\s+", "", text)]


# BCP 47 / ISO 639-2 "undetermined": the record names a language whose code we cannot tell
UNDETERMINED = "und"


def _languages(text: str, warnings: list[str], keep_unknown: bool = False) -> list[Language]:
    """The languages a header value names, as Language(name, ISO 639-1 code from languages.json).
    A name the vocabulary lacks gets a warning and, when keep_unknown, is kept with the code `und`
    (the record states the language; only its code is not known: TEI 2.4.2 langUsage, vi.1 —
    no code is guessed), else left out (it is kept elsewhere, e.g. in the Contents note)."""
    found = []
    for name in re.split(r"\s*(?:,|/|;|\band\b)\s*", text):
        name = name.strip(" .")
        if not name:
            continue
        # "English Translation", "Russian original": the language is the first word
        code = languages().get(name.lower()) or languages().get(
            re.sub(r"\s+(?:translation|original|text|transcription)$", "", name.lower())
        )
        if code:
            found.append(Language(name=name, code=code))
        elif keep_unknown:
            found.append(Language(name=name, code=UNDETERMINED))
            warnings.append(
                f"unknown language {name!r}: kept with the code {UNDETERMINED!r} (undetermined);"
                " add it to tei_encoder/data/languages.json"
            )
        else:
            warnings.append(f"unknown language {name!r}: add it to tei_encoder/data/languages.json")
    return found


def translation_languages(items: list[str], fmt: RecordFormat, warnings: list[str]) -> list[Language]:
    """Languages of the translation named by the Contents items ("Translation - English"), as
    Language(name, ISO 639-1 code); a name languages.json lacks is kept with the code `und` and one
    warning saying so (the record states it: nothing is dropped, TEI 2.4.2 langUsage).
    """
    found = []
    for item in items:
        m = fmt.translation_item_pattern.match(item)
        if m:
            groups = m.groupdict()
            found.extend(
                _languages(
                    groups.get("lang1") or groups.get("lang2") or groups.get("lang3") or "", warnings, keep_unknown=True
                )
            )
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
