"""Stage 2 — parse: SourceText -> Document (header fields and the body's structure)."""

from __future__ import annotations

import hashlib
import importlib
import re
import unicodedata

from ..config import RecordFormat, record_format
from ..model import Document, Header, Responsibility, SourceText
from .blocks import split_blocks
from .body import parse_body, recorder_lines
from .citation import parse_responsibilities
from .header import translation_languages
from .sender import Sender, title_sender

__all__ = ["parse_record"]


def parse_record(source: SourceText, fmt: RecordFormat | None = None) -> Document:
    """Parse a record into a Document: header fields, then the body's structure.

    Input: the decoded record and its format description (default: the WCDA export). The
    format's `header_parser` names the module of this package that reads its header; the body
    is parsed the same way for every format. Raises RecordError when the record has no header
    the format can read.
    """
    fmt = fmt or record_format()
    blocks = split_blocks(source.text)
    header_module = importlib.import_module(f".{fmt.header_parser}", __package__)
    header, body_blocks, warnings = header_module.parse_header(blocks, fmt)
    header.publisher = fmt.publisher
    # the archive's id of the document: its number or slug; a site's `node-N` is neither
    named = header.doc_number or header.doc_slug and not header.doc_slug.startswith("node-")
    header.doc_number_type = fmt.name if named else ""
    header.translation_languages = translation_languages(header.contents_items, fmt, warnings)
    for line in recorder_lines(body_blocks, fmt):
        for resp in parse_responsibilities(line, fmt):
            if all((r.resp, r.names) != (resp.resp, resp.names) for r in header.responsibilities):
                header.responsibilities.append(resp)
    _number_responsibilities(header.responsibilities)
    body, notes, authors, body_warnings = parse_body(body_blocks, fmt, header.title)
    _choose_authors(header, authors, title_sender(header.title, fmt))
    return Document(
        source=source,
        record_id=_record_id(header.doc_number or header.doc_slug, source, fmt),
        header=header,
        body=body,
        notes=notes,
        warnings=[*source.warnings, *warnings, *body_warnings],
    )


def _choose_authors(header: Header, body_authors: list[str], sender: Sender | None) -> None:
    """The document's author, in this order: the person the title names as the sender (`Telegram
    from X to Y`); else the journal's owner and the signer the body gives; else the body (embassy,
    ministry) the title names as the sender. The addressee never is. TEI Guidelines 2.2.1."""
    if sender and sender.kind == "person" and not any(_same_surname(sender.name, a) for a in body_authors):
        header.authors = [sender.name]
    else:  # the signer the title names too keeps the form the document prints (`FILIPPOV`)
        header.authors = list(dict.fromkeys(body_authors))
        if sender and not header.authors:
            header.author_orgs = [sender.name]


def _same_surname(a: str, b: str) -> bool:
    """Do two forms of a name end in the same word (`Filippov`, `FILIPPOV`; accents aside)?"""

    def last(name: str) -> str:
        word = name.split()[-1] if name.split() else ""
        return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)).casefold()

    return bool(last(a)) and last(a) == last(b)


def _number_responsibilities(responsibilities: list[Responsibility]) -> None:
    """xml:ids for respStmt, so sic/supplied can point at the translator (`#translator`)."""
    used: set[str] = set()
    for resp in responsibilities:
        base = (
            "translator"
            if resp.resp == "Translation"
            else "resp-" + re.sub(r"[^a-z]+", "-", resp.resp.lower()).strip("-")
        )
        xml_id, n = base, 2
        while xml_id in used:
            xml_id, n = f"{base}-{n}", n + 1
        used.add(xml_id)
        resp.xml_id = xml_id


def _record_id(doc_number: str, source: SourceText, fmt: RecordFormat) -> str:
    """xml:id of the TEI element: the archive's document number or slug, else one made from the file name."""
    if doc_number:
        return f"{fmt.id_prefix}{doc_number}"
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", source.path.stem).strip("-.")
    if not stem:
        stem = hashlib.sha1(source.path.name.encode()).hexdigest()[:12]
    return f"rec-{stem}"
