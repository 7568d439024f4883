"""The document itself: opener, head, datelines, sections, paragraphs, lists, closer, notes.

Works on lines that remember which block (run of non-blank lines) they came from, because a
blank line is evidence: inside a sentence it is a page-layout artefact, between sentences it
ends a paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..config import RecordFormat
from ..dates import is_date_line
from ..errors import RecordError
from ..model import Node
from .blocks import Block

_TERMINAL = tuple(".!?:;…\"”’')]")
_NUMBERED = re.compile(r"^(?P<n>\d{1,2}|[IVXL]{1,5})[.)]\s+(?P<text>\S.*)$")
_PAGE_MARK = re.compile(
    r"^(?:\[(?:Page|page|PAGE|p\.|P\.)\s*(?P<a>[\w-]+)\]|\((?:p|P|page|Page)\.?\s*(?P<b>\d+)\)|-\s*(?P<c>\d+)\s*-)$"
)
_NOTE_DEF = re.compile(r"^(?:\[(?P<a>\d{1,3}|[ivx]{1,5}|[a-z])\]|\((?P<b>\d{1,3})\)|(?P<c>\*{1,3}))\s*(?P<text>\S.*)$")
_NOTES_HEADING = re.compile(r"^(?:Notes|NOTES|Footnotes|Endnotes)\s*:?$")
_DOCKET = re.compile(r"^(?:from|From|FROM) the (?:journal|diary|notes|Journal|Diary|JOURNAL|DIARY) of\b", re.IGNORECASE)
_COPY = re.compile(r"^Copy\s*(?:N[°ºo]\.?|No\.?|Nr\.?|#)?\s*\d+$", re.IGNORECASE)
_REGISTER = re.compile(r"^(?:N[°º]|No\.|Nr\.|#|Ref\.|Reference)\s*[\w/.-]*\d[\w/.-]*$")
_TELEGRAM_KIND = re.compile(
    r"^(?:(?:Ciphered|Cipher|Coded|Incoming|Outgoing|Urgent|Special)\s+)*(?:Telegram|Cable|Cipher Telegram|Message)(?:\s+(?:No\.?|N[°º])\s*[\w/-]+)?$",
    re.IGNORECASE,
)
_FROM_TO = re.compile(r"^(?P<kind>From|To|FROM|TO)\b:?\s+(?P<rest>.{1,80})$")
_SENT = re.compile(r"^(?P<kind>Sent|Received|Dispatched|Transmitted|SENT|RECEIVED)\b[: ].{1,80}$")
_OPEN_SALUTE = re.compile(r"^(?:Dear|Esteemed|Respected|Honou?red|Deeply respected)\b.{1,80}[,!:]$")
_ADDRESSEE = re.compile(r"^To\s+(?:Comrade|the|Mr\.?|Mrs\.?|His|Her|Dear|Ambassador|Minister|President)\b.{0,100}$")
_SUBJECT = re.compile(r"^(?:Subject|SUBJECT|Re|RE|Regarding)\s*:\s*\S")
_PLACE_DATE = re.compile(r"^(?P<place>[A-ZÀ-Þ][\w'’. -]{1,40}),\s+(?P<date>.+)$")
_PAREN_NAME = re.compile(r"^\((?P<name>[^()]{2,80})\)$")
_SIGNATURE_NAME = re.compile(r"\b(?:[A-ZÀ-Þ]\.\s?){1,3}[A-ZÀ-Þ][\w'’-]+")
_SPEAKER = re.compile(
    r"^(?P<speaker>(?:[A-ZÀ-Þ]\.\s?){0,3}[A-ZÀ-Þ][A-ZÀ-Þ'’-]{2,}(?:\s+[A-ZÀ-Þ][A-ZÀ-Þ'’-]+){0,3})(?P<sep>\s*[:.])\s+(?P<rest>\S.*)$"
)
_MIXED_SPEAKER = re.compile(
    r"^(?P<speaker>[A-ZÀ-Þ][a-zà-ÿ'’-]+(?:\s+[A-ZÀ-Þ][a-zà-ÿ'’-]+){0,2})(?P<sep>:)\s+(?P<rest>\S.*)$"
)
_NOT_SPEAKERS = {
    "Note",
    "Notes",
    "Subject",
    "Re",
    "Agenda",
    "Present",
    "Participants",
    "Summary",
    "Contents",
    "Source",
    "Attachment",
    "Enclosure",
    "Distribution",
    "Comment",
    "Answer",
    "Question",
}


@dataclass(frozen=True)
class Line:
    text: str
    block: int
    lineno: int


def is_caps(text: str) -> bool:
    """Mostly capital letters (a heading or a signature line). Long lines are judged on their start."""
    sample = text[:160]
    letters = [c for c in sample if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) >= 0.85 * len(letters)


def parse_body(blocks: list[Block], fmt: RecordFormat) -> tuple[Node, dict[str, str], list[str], list[str]]:
    """(div[@type=document], notes by mark, author names seen, warnings)."""
    lines = _lines(blocks)
    if not lines:
        raise RecordError("record has a header but no document text")
    warnings: list[str] = []
    lines, notes = _take_notes(lines)
    lines, closer, signer = _take_closer(lines, fmt)
    if not lines:
        raise RecordError("record has no document text, only a signature")
    document = Node("div", {"type": "document"})
    start, docket_name = _opener_and_head(lines, document, fmt)
    _main(lines[start:], document, fmt)
    if closer:
        document.children.append(closer)
    authors = [n for n in (docket_name, signer) if n]
    return document, notes, authors, warnings


def _lines(blocks: list[Block]) -> list[Line]:
    if len(blocks) == 1 and len(blocks[0].lines) == 1:
        # a body flattened into one line: numbered sections still start new paragraphs
        parts = re.split(r"(?<=[.!?])\s+(?=(?:\d{1,2}|[IVX]{1,4})\.\s+[A-Z])", blocks[0].lines[0])
        return [Line(p, i, blocks[0].lineno) for i, p in enumerate(parts)]
    return [Line(text, b, block.lineno + k) for b, block in enumerate(blocks) for k, text in enumerate(block.lines)]


# --- notes at the end -------------------------------------------------------------------


def _note_mark(line: str) -> str | None:
    m = _NOTE_DEF.match(line)
    return (m.group("a") or m.group("b") or m.group("c")) if m else None


def _is_referenced(mark: str, text: str) -> bool:
    if mark.startswith("*"):
        return re.search(rf"\w{re.escape(mark)}(?!\*)", text) is not None
    if mark.isdigit():
        return (
            re.search(rf"(?<!^)(?:\[{mark}\]|\({mark}\)|(?<=[A-Za-zÀ-ÿ.,;]){mark}(?!\d))", text, re.MULTILINE)
            is not None
        )
    return f"[{mark}]" in text


def _take_notes(lines: list[Line]) -> tuple[list[Line], dict[str, str]]:
    for k, line in enumerate(lines):
        heading = _NOTES_HEADING.match(line.text) is not None
        mark = _note_mark(line.text)
        if not heading and mark is None:
            continue
        first = k + 1 if heading else k
        if first >= len(lines) or _note_mark(lines[first].text) is None:
            continue
        body_text = "\n".join(ln.text for ln in lines[:k])
        tail = lines[first:]
        if any(_PAREN_NAME.match(ln.text) or is_caps(ln.text) for ln in tail):
            continue
        notes: dict[str, str] = {}
        current = None
        for ln in tail:
            m = _note_mark(ln.text)
            if m is not None:
                current = m
                notes[m] = _NOTE_DEF.match(ln.text).group("text")
            else:
                notes[current] += " " + ln.text
        if all(_is_referenced(m, body_text) for m in notes):
            return lines[:k], notes
    return lines, {}


# --- closer ---------------------------------------------------------------------------------


def _closing_salute(text: str, fmt: RecordFormat) -> bool:
    low = text.lower()
    return len(text) <= 60 and any(low.startswith(s.lower()) for s in fmt.closing_salutes)


def _closer_kind(text: str, fmt: RecordFormat) -> str | None:
    if _NUMBERED.match(text) or _SPEAKER.match(text) and not is_caps(text):
        return None
    if _closing_salute(text, fmt):
        return "salute"
    if _PAREN_NAME.match(text) or text.lower() in ("[signature]", "[signed]", "(signature)"):
        return "name"
    if is_date_line(text) or (_PLACE_DATE.match(text) and is_date_line(_PLACE_DATE.match(text).group("date"))):
        return "dateline"
    if is_caps(text) and len(text) <= 150:
        return "role"
    words = text.split()
    if (
        len(text) <= 60
        and len(words) <= 8
        and not text.endswith((".", "?", "!", ":", ";"))
        or _SIGNATURE_NAME.fullmatch(text)
    ) and sum(w[0].isupper() for w in words if w[0].isalpha()) >= max(1, len(words) // 2):
        return "weak"
    return None


def _sender_line(text: str) -> bool:
    """A last line such as "Chinese Embassy in Cuba": every word capitalised but the small ones."""
    words = text.split()
    small = {"of", "the", "in", "to", "for", "and", "at", "on"}
    return 2 <= len(words) <= 8 and all(w[0].isupper() or w in small for w in words) and words[0][0].isupper()


def _take_closer(lines: list[Line], fmt: RecordFormat) -> tuple[list[Line], Node | None, str | None]:
    k = len(lines)
    kinds: list[str] = []
    while k > 1 and len(kinds) < 8:
        kind = _closer_kind(lines[k - 1].text, fmt)
        if kind is None:
            break
        kinds.insert(0, kind)
        k -= 1
    if (
        not kinds
        or all(kind == "weak" for kind in kinds)
        and not any(_SIGNATURE_NAME.fullmatch(ln.text) for ln in lines[k:])
    ) and not (kinds == ["weak"] and _sender_line(lines[-1].text) and lines[-2].text.endswith(_TERMINAL)):
        return lines, None, None
    closer = Node("closer")
    signed: list[Node | str] = []
    signer = None
    for line, kind in zip(lines[k:], kinds):
        if kind == "salute":
            closer.children.append(Node("salute", {}, [line.text]))
        elif kind == "dateline":
            closer.children.append(Node("dateline", {}, [line.text]))
        else:
            if signed:
                signed.append(Node("lb"))
            name = _PAREN_NAME.match(line.text)
            if name or _SIGNATURE_NAME.fullmatch(line.text) or (kind == "weak" and not is_caps(line.text)):
                signer = name.group("name") if name else line.text
                signed.append(line.text)
            else:
                signed.append(Node("roleName", {}, [line.text]))
    if signed:
        if not signer:  # a role alone is not a signature
            signed = [c.text() if isinstance(c, Node) and c.tag == "roleName" else c for c in signed]
        closer.children.append(Node("signed", {}, signed))
    return lines[:k], closer, signer


# --- opener and head -------------------------------------------------------------------------


def _classify_piece(piece: str, fmt: RecordFormat) -> Node | None:
    bare = piece.rstrip(".").strip()
    for mark in fmt.classification_marks:
        if bare.lower() == mark.lower():
            return Node("seg", {"type": "classification"}, [bare])
    if _COPY.match(bare):
        return Node("seg", {"type": "copy"}, [bare])
    if _REGISTER.match(bare):
        return Node("idno", {"type": "register"}, [bare])
    if _TELEGRAM_KIND.match(bare):
        return Node("seg", {"type": "telegram"}, [bare])
    return None


def _opener_line(text: str, fmt: RecordFormat) -> list[Node | str] | None:
    """Classification, copy and register marks on one line ("Top Secret. Copy N° 2"), or None."""
    parts = re.split(r"((?<!No)(?<!Nr)(?<!N°)\.\s+|,\s+)", text)
    out: list[Node | str] = []
    for i, part in enumerate(parts):
        if i % 2 == 1:
            out.append(part)
            continue
        if not part:
            continue
        node = _classify_piece(part, fmt)
        if node is None:
            return None
        out.append(node)
        if part.endswith(".") and i == len(parts) - 1:
            out.append(".")
    return out


def _dateline(text: str) -> Node | None:
    if is_date_line(text):
        return Node("dateline", {}, [text])
    m = _PLACE_DATE.match(text)
    if m and is_date_line(m.group("date")):
        return Node("dateline", {}, [text])
    return None


def _list_label(text: str, fmt: RecordFormat) -> tuple[str, str] | None:
    m = re.match(r"^(?P<label>[A-Z][\w ]{2,40}?)\s*:\s*(?P<rest>.*)$", text)
    if not m:
        return None
    for kind, labels in fmt.list_labels.items():
        if m.group("label").lower() in (label.lower() for label in labels):
            return kind, m.group("rest")
    return None


def _opener_and_head(lines: list[Line], document: Node, fmt: RecordFormat) -> tuple[int, str | None]:
    opener = Node("opener")
    docket_name = None
    head_seen = False
    i = 0
    while i < len(lines):
        text = lines[i].text
        if not head_seen and _DOCKET.match(text):
            docket = text
            rest = _DOCKET.sub("", text).strip()
            if not rest and i + 1 < len(lines) and lines[i + 1].block == lines[i].block:
                i += 1
                rest = lines[i].text
                docket = f"{text} {rest}"
            docket_name = rest or None
            opener.children.append(Node("seg", {"type": "docket"}, [docket]))
            i += 1
            continue
        parts = None if head_seen else _opener_line(text, fmt)
        if parts:
            _append_line(opener, parts)
            i += 1
            continue
        dateline = _dateline(text)
        if dateline:
            (document.children if head_seen else opener.children).append(dateline)
            i += 1
            continue
        if not head_seen:
            if _ADDRESSEE.match(text) and not text.endswith("."):
                opener.children.append(Node("seg", {"type": "addressee"}, [text]))
                i += 1
                continue
            m = _FROM_TO.match(text)
            if m and not text.endswith("."):
                opener.children.append(Node("seg", {"type": m.group("kind").lower()}, [text]))
                i += 1
                continue
            if _SENT.match(text):
                opener.children.append(Node("seg", {"type": text.split()[0].rstrip(":").lower()}, [text]))
                i += 1
                continue
            if _OPEN_SALUTE.match(text):
                opener.children.append(Node("salute", {}, [text]))
                i += 1
                break
        listed = _list_label(text, fmt)
        if listed:
            opener = _flush(opener, document)
            i = _take_list(lines, i, listed, document, fmt)
            head_seen = True
            continue
        if (
            not head_seen
            and (is_caps(text) and len(text) <= 200 or _SUBJECT.match(text))
            and not _NUMBERED.match(text)
            and not (_SPEAKER.match(text) and not is_caps(_SPEAKER.match(text).group("rest")))
        ):
            head: list[Node | str] = [text]
            i += 1
            while (
                i < len(lines)
                and lines[i].block == lines[i - 1].block
                and not _dateline(lines[i].text)
                and len(lines[i].text) <= 200
                and not _NUMBERED.match(lines[i].text)
            ):
                head += [Node("lb"), lines[i].text]
                i += 1
            opener = _flush(opener, document)
            document.children.append(Node("head", {}, head))
            head_seen = True
            continue
        break
    _flush(opener, document)
    return i, docket_name


def _flush(opener: Node, document: Node) -> Node:
    """Place the opener gathered so far (before a head or list) and start an empty one."""
    if opener.children:
        document.children.append(opener)
        return Node("opener")
    return opener


def _append_line(node: Node, parts: list[Node | str]) -> None:
    if node.children and isinstance(node.children[-1], Node):
        node.children.append(" ")
    node.children.extend(parts)


def _take_list(lines: list[Line], i: int, listed: tuple[str, str], container: Node, fmt: RecordFormat) -> int:
    kind, rest = listed
    label_line = lines[i]
    items: list[str] = [p.strip() for p in re.split(r";\s*", rest) if p.strip()] if rest else []
    i += 1
    block = (
        label_line.block
        if rest or (i < len(lines) and lines[i].block == label_line.block)
        else (lines[i].block if i < len(lines) else -1)
    )
    while (
        i < len(lines) and lines[i].block == block and len(lines[i].text) <= 250 and not _list_label(lines[i].text, fmt)
    ):
        items.append(lines[i].text)
        i += 1
    head_text = label_line.text[: len(label_line.text) - len(rest)].rstrip() if rest else label_line.text
    node = Node("list", {"type": kind}, [Node("head", {}, [head_text])])
    for item in items:
        m = _NUMBERED.match(item)
        if m:
            node.children.append(Node("item", {"n": m.group("n")}, [item]))
        else:
            node.children.append(Node("item", {}, [item]))
    if len(node.children) > 1:
        container.children.append(node)
    else:
        container.children.append(Node("p", {}, [label_line.text]))
    return i


# --- the main text ---------------------------------------------------------------------------


def _speakers(lines: list[Line]) -> set[str]:
    """Mixed-case speaker labels ("Castro: …") count only when a speaker speaks twice."""
    counts: dict[str, int] = {}
    for line in lines:
        m = _MIXED_SPEAKER.match(line.text)
        if m and m.group("speaker") not in _NOT_SPEAKERS:
            counts[m.group("speaker")] = counts.get(m.group("speaker"), 0) + 1
    return {s for s, n in counts.items() if n >= 2}


def _speaker_turn(text: str, mixed: set[str]) -> re.Match | None:
    m = _SPEAKER.match(text)
    if m and not is_caps(m.group("rest")) and m.group("speaker").split()[-1].strip(".").title() not in _NOT_SPEAKERS:
        return m
    m = _MIXED_SPEAKER.match(text)
    if m and m.group("speaker") in mixed:
        return m
    return None


def _main(lines: list[Line], document: Node, fmt: RecordFormat) -> None:
    container = document
    mixed = _speakers(lines)
    paragraph: Node | None = None
    prev: Line | None = None
    pending_pb: list[Node] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        text = line.text
        page = _PAGE_MARK.match(text)
        if page:
            pending_pb.append(Node("pb", {"n": page.group("a") or page.group("b") or page.group("c")}))
            i += 1
            continue
        listed = _list_label(text, fmt)
        if listed:
            container.children.extend(pending_pb)
            pending_pb = []
            i = _take_list(lines, i, listed, container, fmt)
            paragraph, prev = None, None
            continue
        numbered = _NUMBERED.match(text)
        if numbered and _is_numbered_list(lines, i):
            node = Node("list", {"type": "numbered"})
            block = line.block
            while i < len(lines) and lines[i].block == block and _NUMBERED.match(lines[i].text):
                node.children.append(Node("item", {"n": _NUMBERED.match(lines[i].text).group("n")}, [lines[i].text]))
                i += 1
            container.children.extend(pending_pb + [node])
            pending_pb, paragraph, prev = [], None, None
            continue
        if paragraph is not None and prev is not None and not numbered and _continues(prev, line):
            paragraph.children.extend([" ", *pending_pb, text])
            pending_pb = []
            prev = line
            i += 1
            continue
        if numbered:
            container = Node("div", {"type": "section", "n": numbered.group("n")})
            document.children.append(container)
            label = text[: numbered.start("text")].rstrip()
            paragraph = Node("p", {}, [Node("label", {}, [label]), " ", numbered.group("text")])
        elif is_caps(text) and len(text) <= 120 and not _speaker_turn(text, mixed):
            container = Node("div", {"type": "section"}, [Node("head", {}, [text])])
            document.children.append(container)
            i += 1
            paragraph, prev = None, None
            continue  # a pending page break goes after the head, with the section's first block
        else:
            turn = _speaker_turn(text, mixed)
            if turn:
                label = Node("label", {"type": "speaker"}, [turn.group("speaker") + turn.group("sep").strip()])
                paragraph = Node("p", {}, [label, " ", turn.group("rest")])
            else:
                paragraph = Node("p", {}, [text])
        container.children.extend(pending_pb)
        pending_pb = []
        container.children.append(paragraph)
        prev = line
        i += 1
    if pending_pb:
        (
            paragraph.children
            if paragraph is not None and container.children and container.children[-1] is paragraph
            else container.children
        ).extend(pending_pb)


def _is_numbered_list(lines: list[Line], i: int) -> bool:
    """Two or more short numbered lines in one block are a list, not sections."""
    block = lines[i].block
    run = 0
    while i + run < len(lines) and lines[i + run].block == block and _NUMBERED.match(lines[i + run].text):
        if len(lines[i + run].text) > 300:
            return False
        run += 1
    return run >= 2


def _continues(prev: Line, line: Line) -> bool:
    """Does `line` continue the paragraph `prev` ended? (a hard wrap, or a blank line mid-sentence)"""
    if prev.text.endswith(_TERMINAL):
        return False
    first = line.text[0]
    if prev.block == line.block:
        return True
    return first.islower() or first in ",;)"
