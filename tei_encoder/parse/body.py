"""The document itself: opener, head, datelines, sections, paragraphs, lists, closer, notes.

Works on lines that remember which block (run of non-blank lines) they came from, because a
blank line is evidence: inside a sentence it is a page-layout artefact, between sentences it
ends a paragraph.
"""

from __future__ import annotations

import itertools
import re
import string
from collections import Counter
from collections.abc import Callable
from functools import cache, lru_cache, partial, wraps
from typing import Any, NamedTuple, TypeVar

from rapidfuzz import fuzz

from ..brackets import is_description, top_level_brackets
from ..config import RecordFormat, format_names, record_format
from ..dates import find_dates, is_date_line
from ..errors import RecordError
from ..gazetteer import gazetteer_places
from ..letters import CAPS_REST, LETTER_OR_MARK, LOWER, UPPER
from ..model import Node
from .blocks import Block

_TERMINAL = tuple(".!?:;…\"”’')]")
_NUMBERED_ANY = re.compile(r"^(?:\((?P<pn>\d{1,2})\)|(?P<n>\d{1,2}|[IVXL]{1,5})[.)])\s+(?P<text>\S.*)$")
_NUMBER_FIRST = "(IVXL"  # how _NUMBERED_ANY can begin, besides a digit
# "V. ORLOVSKY. The first ships …": an initial and a surname in capitals, then the speech
_SPEAKER_AFTER_INITIAL = re.compile(rf"^[{UPPER}][{CAPS_REST}'’-]+[.:]\s")
# "V. ORLOVSKY", "I. V. Stalin": an initial, not section V or I
_AFTER_INITIAL = re.compile(rf"^[{UPPER}]\.\s?")
# a lone capitalised word after "V." may be a surname ("V. ORLOVSKY") or a heading ("I. Introduction")
_ONE_NAME = re.compile(rf"^[{UPPER}][\w'’-]+[.,]?$")


class _Numbered:
    """`_NUMBERED.match(text)`: a numbered paragraph or item (`1.`, `2)`, `IV.`), never an initial."""

    @staticmethod
    def match(text: str) -> _NumberMatch | None:
        first = text[:1]
        if first not in _NUMBER_FIRST and not first.isdecimal():
            return None  # what the pattern's first character can be, tested without it: most lines
        m = _NUMBERED_ANY.match(text)
        if m is None:
            return None
        n = m.group("n") or m.group("pn")
        if not n.isdigit() and len(n) == 1:
            rest = m.group("text")
            if _AFTER_INITIAL.match(rest) or _SPEAKER_AFTER_INITIAL.match(rest):
                return None
        return _NumberMatch(m, n)


class _NumberMatch:
    """A numbered line: its number (`n`, also for `(1)`), its text and where the text starts."""

    def __init__(self, m: re.Match, n: str):
        self._m, self._n = m, n

    def group(self, name: str) -> str:
        return self._n if name == "n" else self._m.group(name)

    def start(self, name: str) -> int:
        return self._m.start(name)


_NUMBERED = _Numbered()


def _matched(pattern: Any, text: str) -> Any:
    """`pattern.match(text)` for a line that pattern already classified (so never None there)."""
    found = pattern.match(text)
    if found is None:
        raise ValueError(f"line {text[:40]!r} does not match the pattern that classified it")
    return found


# how many texts a classifier keeps per format (a batch of records repeats its marks; a bound keeps memory flat)
_KEPT_PER_CLASSIFIER = 20000
_Kind = TypeVar("_Kind")


def _kept_per_format(classify: Callable[[str, RecordFormat], _Kind]) -> Callable[[str, RecordFormat], _Kind]:
    """`classify(text, fmt)` (pure: the same answer for the same text and format) computed once per
    text and format: its answers are kept in fmt.parse_memo, emptied when a classifier has kept
    _KEPT_PER_CLASSIFIER of them. Answers must be immutable (they are shared)."""
    name = classify.__qualname__

    @wraps(classify)
    def kept(text: str, fmt: RecordFormat) -> _Kind:
        table = fmt.parse_memo.setdefault(name, {})
        try:
            return table[text]
        except KeyError:
            if len(table) >= _KEPT_PER_CLASSIFIER:
                table.clear()
            answer = table[text] = classify(text, fmt)
            return answer

    return kept


_PAGE_MARK = re.compile(
    r"^(?:\[(?:Pages|pages|Page|page|PAGE|p\.|P\.)\s*(?P<a>[\w-]+)\]|\((?:p|P|page|Page)\.?\s*(?P<b>\d+)\)|-\s*(?P<c>\d+)\s*-)$"
)
PAGE_NUMBER = re.compile(r"[\w-]*\d[\w-]*|[ivxlcdm]+|[IVXLCDM]+")  # what a page mark may name as @n


def _page_break(text: str) -> Node | None:
    """A line that is a page mark (`[Page 5]`, `(p. 2)`, `- 3 -`) as a pb (TEI 3.11.3), else None.
    `[page break]` marks a break but names no page: a pb without @n."""
    page = _PAGE_MARK.match(text)
    if page is None:
        return None
    number = page.group("a") or page.group("b") or page.group("c")
    return Node("pb", {"n": number} if PAGE_NUMBER.fullmatch(number) else {})


_NOTE_DEF = re.compile(r"^(?:\[(?P<a>\d{1,3}|[ivx]{1,5}|[a-z])\]|\((?P<b>\d{1,3})\)|(?P<c>\*{1,3}))\s*(?P<text>\S.*)$")
_NOTES_HEADING = re.compile(r"^(?:Notes|NOTES|Footnotes|Endnotes)\s*:?$")
_DOCKET = re.compile(r"^(?:from|From|FROM) the (?:journal|diary|notes|Journal|Diary|JOURNAL|DIARY) of\b", re.IGNORECASE)
# `Copy # ___`: a copy number left blank on the form is a copy mark all the same
_COPY = re.compile(r"^Copy\s*(?:N[°ºo]\.?|No\.?|Nr\.?|#)?:?\s*(?:\d+|_+)$", re.IGNORECASE)
_REGISTER = re.compile(
    r"^(?:(?:Outgoing|Incoming|Outg\.|Inc\.|Register|Reg\.|File|Issuing|Special|Orig\.|Original)\s+)?"
    # `C.j.: 053.181` (Czech číslo jednací): the office's register number
    # `Number R037810`: a cable's number written out
    r"(?:N[°º]|No\.?|Nr\.|Number|#|Ref\.|Reference|[CČ]\.\s?j\.:?)\s*[\w/.-]*\d[\w/.-]*"
    # `No. 167/3 ag`: the typist's initials after the number
    r"(?:\s[a-z]{1,3})?$",
    re.IGNORECASE,
)
# `Wire 1361`, `Separate Wire 1`, `Cable No. 3026`: the kind of telegram and its number
_TELEGRAM_KIND = re.compile(
    r"^(?:(?:Ciphered|Cipher|Coded|Incoming|Outgoing|Sending|Urgent|Special|Secret|Telephone|Separate)\s+)*(?:Telegram|Cable|Cipher Telegram|Message|Ciphergram|Cablegram|Radiogram|Telephonogram|Wire)(?:\s+(?:(?:No\.?|N[°º]|Nr\.?|#)\s*[\w/.-]+|[\w/.-]*\d[\w/.-]*))?(?:\s+via\s+\w+)?$",
    re.IGNORECASE,
)
# `Addis Abeba Instant Message`: the sending post's place before the kind of telegram it is (the place
# in capitalised words, a word saying how it was sent, then the kind)
_PLACE_TELEGRAM = re.compile(
    rf"^(?:[{UPPER}][\w'’-]+\s+){{1,3}}"
    r"(?:(?:Ciphered|Cipher|Coded|Urgent|Instant|Express|Immediate|Priority|Secret)\s+)+"
    r"(?:Telegram|Cable|Message|Ciphergram|Cablegram|Radiogram|Telex)$"
)
# `gvs-t-b 7/111- 25/88`: a file sign of lower-case letters and dashes before its slashed numbers
_FILE_SIGN = re.compile(r"^[a-z]{1,5}(?:-[a-z]{1,5})*\.?\s+\d+(?:\s*[/-]\s*\d+)+-?$")
# a telex's machine lines: `+` between messages, the answerback (`454025 PCIO CH`, `09.56.45472 KP`), the
# receiving operator's number (`REC. 623`) and stamp (`16.08.88/02:59`) — marks of the wire, no words
_TELEX_MARK = re.compile(
    r"^(?:\+|\d[\d.]{3,14}\s+[A-Z]{2,6}(?:\s+[A-Z]{2,3})?|REC\.?\s*\d{1,6}|\d\d\.\d\d\.\d\d/\d\d:\d\d)$"
)
# `375/1962`: an office's register number and its year
_NUMBER_YEAR = re.compile(r"^\d{1,6}/(?:19|20)\d\d$")
# `022.680/62`, `Ref. 018.765/61- DP`, `No. 2421/61/53/TJN`, `96/7`, `I/3`: an office's file number —
# groups of digits (a Roman numeral or a few capitals among them) joined by slashes or dots, maybe the
# office's sign after it (a date such as `17.09.52` or `14.X.1956` is none)
_FILE_NUMBER = re.compile(
    r"^(?:(?:Ref|No|Nr|N[°º])\.?\s*)?(?=[\w./-]*\d)(?:\d+|[IVXLC]+|[A-Z]{1,4})(?:[./](?:\d+|[IVXLC]+|[A-Z]{1,4}))+"
    r"(?:-?\s*-?\s*[A-Z]{1,4})?-?$"
)
# `(65) Bu Wen Zhi No. 312`, `(60) Wai Ban Zi No. 45`, `[1961] Ling Zi No. 7`: an office's file reference
# (Chinese and the like) — the year in brackets, the office's code in romanised syllables, the number.
# A reference number (idno, TEI 10.4 / ENCODING §opener), never a list label, its words never names
_OFFICE_FILE_NUMBER = re.compile(
    r"^[(\[（〔]\s*(?:\d{2}|(?:19|20)\d{2})\s*[)\]）〕]\s*[A-Z][a-z]{0,5}(?:[\s-]+[A-Z][a-z]{0,5}){0,5}"
    r"\s*(?:No\.?|Nr\.|N[°º]|Number|#)\s*\d{1,6}(?:[/-]\d{1,6})?\.?$"
)
_FROM_TO = re.compile(r"^(?P<kind>From|To|FROM|TO)\b:?(?:\s+|…+)(?P<rest>.{1,160})$")
_SENT = re.compile(
    r"^(?P<kind>Sent|Received|Dispatched|Transmitted|SENT|RECEIVED|DISPATCHED|Came in(?:to)?|Came to|Arrived|Deciphered|Decoded|Decrypted)\b[:…. ].{1,160}$"
)
# the seg/@type of a dispatch or receipt line by its first word: receipt and processing at the
# receiving end (`Came into the Deciphering Department …`, `Arrived at …`, `Deciphered by …`) are
# "received"; `Sent to the 8th Department …` passes the telegram on inside the receiving office
_SENT_KINDS = {"came": "received", "arrived": "received", "deciphered": "received", "decoded": "received"}
_SENT_KINDS |= {"decrypted": "received", "by": "transmitted"}
# `By telegraph`, `By wire`: how the telegram went, not whom it is for
_SENT_BY = re.compile(
    r"^By (?:telegraph|telegram|wire|radio|cable|courier|teletype|telex|diplomatic pouch|mail)\.?$", re.I
)
# `To No. 483/sh.`, `Re: No. 12`: the number of the telegram this one answers (a reference, not an addressee)
_REPLY_TO = re.compile(
    r"^(?:(?:To|Re:?|In reply to|Reply to|Ref\.?:?)\s+(?:N[°º]|No\.?|Nr\.?|#)|Reftel:?)\s*[\w/.-]*\d[\w/.-]*[.:]?$"
)
_OPEN_SALUTE = re.compile(r"^(?:Dear|Esteemed|Respected|Honou?red|Deeply respected)\b.{1,80}[,!:]$")
_ADDRESSEE = re.compile(
    r"^(?:To|to|For|for)\s+(?:Comrade|Cde\.|Comr\.|the|Mr\.?|Mrs\.?|His|Her|Dear|Ambassador|Minister|President|Chairman|Generalissimo|GENERALISSIMO)\b.{0,100}$"
)
_SUBJECT = re.compile(r"^(?:Subject|SUBJECT|Re|RE|Regarding|Title|TITLE)\s*:\s*\S")
# `Attachment I.`, `Annex No. 2`: which attachment the document is, its heading
_ATTACHMENT_MARK = re.compile(
    r"^(?:Attachment|Annex|Appendix|Enclosure|Supplement)\s+(?:N[°º]|No\.?|Nr\.?)?\s*(?:\d{1,2}|[IVX]{1,4})\.?$"
)
_PLACE_DATE = re.compile(rf"^(?P<place>[{UPPER}][\w'’. -]{{1,40}}),\s+(?P<date>.+)$")
_PAREN_NAME = re.compile(r"^\((?P<name>[^()]{2,80})\)$")
_SIGNATURE_NAME = re.compile(rf"\b(?:[{UPPER}]\.\s?){{1,3}}[{UPPER}][\w'’-]+")
# Speaker labels: `KIM IL SUNG.`, `LI:`, `South (PARK):`, `Vice Minister WANG [Bingnan]:`,
# `Comrade Petrov:` — an optional title or side in mixed case, a name with at least one word in capitals
# (or any name followed by a colon), an optional bracketed or parenthesised part.
_TITLE_WORDS = r"(?:(?:Vice|Deputy|First|Prime|Foreign|Chairman|Premier|President|Minister|Ambassador|Comrade|Cde\.|Comr\.|Mr\.|Secretary|General|Marshal|Chancellor|Counsel+or|Chairman|South|North|Soviet|Chinese|American|Korean|Polish|Cuban|Vietnamese|Mongolian|Hungarian|German)\s+){0,3}"
_CAPS_NAME = rf"(?:[{UPPER}]\.\s?){{0,3}}[{UPPER}][{CAPS_REST}'’-]+(?:[\s-]+[{UPPER}][{CAPS_REST}'’-]+){{0,3}}"
_SPEAKER = re.compile(
    rf"^(?P<speaker>{_TITLE_WORDS}(?:{_CAPS_NAME})(?:\s*[\[(][^\[\]()]{{1,40}}[\])])?)(?P<sep>\s*[:.])\s+(?P<rest>\S.*)$"
)
_SIDE_SPEAKER = re.compile(
    rf"^(?P<speaker>[{UPPER}][\w'’-]+(?:\s+[{UPPER}][\w'’-]+)?\s*\([{UPPER}][^()]{{1,40}}\))(?P<sep>:)\s+(?P<rest>\S.*)$"
)
# a name's initials, dotted, with or without spaces, Cyrillic ones transliterated in two letters:
# `N.S. `, `N. S. `, `Ye. K. `, `A.A.`
_NAME_INITIALS = rf"(?:[{UPPER}][{LOWER}]?\.\s?){{1,3}}"
# mixed case, after its initials or a title if any: `Castro:`, `N.S. Khrushchev:`, `Comrade N. S. Khrushchev:`,
# `Nikita Sergeyevich Khrushchev:` (a patronymic is one more word)
_MIXED_SPEAKER = re.compile(
    rf"^(?P<speaker>(?:{_NAME_INITIALS})?[{UPPER}][{LOWER}'’-]+\.?(?:\s+(?:[{UPPER}]\.|(?:{_NAME_INITIALS})?[{UPPER}][{LOWER}'’-]+)){{0,4}}(?:\s*[\[(][^\[\]()]{{1,40}}[\])])?)(?P<sep>:)\s+(?P<rest>\S.*)$"
)
# initials alone before the colon: `K.:`, `Kh.:`, `N.S.K.:` — turns of a dialogue whose minutes name the
# speakers only so; counted as turns only when two or more such labels speak in the record (`N.B.:` once is none)
_INITIALS_SPEAKER = re.compile(rf"^(?P<speaker>(?:[{UPPER}][{LOWER}]?\.\s?){{1,3}})(?P<sep>:)\s+(?P<rest>\S.*)$")
_INITIALS_TURNS = "initials:"  # the prefix of an initials-only label in a record's speaker set
# `Mr. Richard H. Davis:`: an honorific only a person's name follows, then the name — a speaker even
# if he speaks once (`General Assembly:` is no speaker)
_TITLED_SPEAKER = re.compile(
    r"^(?:Mr|Mrs|Ms|Dr|Prof|Comrade|Cde|Comr)"
    rf"\.?\s+(?:[{UPPER}]\.\s?)*[{UPPER}][{LOWER}'’-]+(?:\s+(?:[{UPPER}]\.|[{UPPER}][{LOWER}'’-]+)){{0,3}}$"
)
# minutes written `Gorbachev. …`, `Chebrikov [KGB chairman]. …`, `J. Batmunkh – …`: a name, a full
# stop or dash, the speech; counted as turns only in a record that is a dialogue of such lines
_DOT_SPEAKER = re.compile(
    rf"^(?P<speaker>(?:[{UPPER}][{LOWER}]?\.\s?){{0,2}}[{UPPER}][{LOWER}'’-]+(?:\s*\[[^\[\]]{{1,40}}\])?)(?P<sep>\s*[.–—])\s+(?P<rest>[{UPPER}“\"].*)$"
)
# minutes written `[Oskar] Fischer.The letter …`: the first name supplied in brackets, the surname, a
# full stop (the space after it often lost), the speech; turns only where two or more lines are such
_SUPPLIED_NAME_SPEAKER = re.compile(
    rf"^(?P<speaker>\[[{UPPER}][\w'’-]+(?:\s[{UPPER}][\w'’.-]+)?\]\s?[{UPPER}][\w'’-]+)(?P<sep>\.)\s*(?P<rest>[{UPPER}“\"].*)$"
)
_SUPPLIED_NAME_TURNS = "dot:[supplied] name"  # the mark in a record's speaker set that such turns count
# a speaker alone on its line, the speech on the next: `Comrade Petrov:`, `ZHOU ENLAI:`
_SPEAKER_ALONE = re.compile(
    rf"^(?P<speaker>{_TITLE_WORDS}(?:{_CAPS_NAME}|(?:[{UPPER}][{LOWER}]?\.\s?){{0,3}}[{UPPER}][{LOWER}'’-]+(?:\s+[{UPPER}][{LOWER}'’-]+){{0,2}})(?:\s*[\[(][^\[\]()]{{1,40}}[\])])?)(?P<sep>:)$"
)
# every speaker label (`_SPEAKER`, `_SIDE_SPEAKER`, `_MIXED_SPEAKER`, `_DOT_SPEAKER`) ends in a
# separator followed by a space: a line without one holds no turn, and most lines are rejected here
# with one scan instead of four patterns
_TURN_SEP = re.compile(r"[:.–—]\s")
# `F. Castro:`, `A. I. Mikoyan:`, `Yu. Tsedenbal:`: initials make a mixed-case name a person's
_INITIALS = re.compile(rf"^(?:[{UPPER}][{LOWER}]?\.\s?){{1,3}}[{UPPER}]")
_BULLET = re.compile(r"^(?P<mark>[-–—•·*])\s+(?P<text>\S.*)$")
_LETTER_SPACED = re.compile(rf"^(?:[{LETTER_OR_MARK}] ){{2,}}[{LETTER_OR_MARK}][.,]?$")
_NOT_SPEAKERS = {
    "Note",
    "N.B",  # (a note's abbreviations, written as initials: `N.B.:`, `P.S.:`)
    "P.S",
    "P.P.S",
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
    "Place",
    "Time",
    "Date",
    "Location",
    "Date and Time",
    "Venue",
    "Copy",
    "From",
    "To",
    "Cc",
    "Signed",
    "Destination",
    "Interpreter",
    "Interpreters",
    "Recorder",
    "Translator",
    "Guests",
    "Attendees",
    "Minutes",
    "Fyi",
    "Nb",
    "Ps",
    "Point",
    "Enclosed",
    "Signature",
    # what a side holds or hands over, never who speaks (`Soviet Position:`, `U.S. Proposal:`, `Chinese
    # Draft:`): headings of a memorandum's parts, though shaped like `N.S. Khrushchev:`
    "Position",
    "Positions",
    "Proposal",
    "Proposals",
    "Statement",
    "Statements",
    "View",
    "Views",
    "Draft",
    "Text",
    "Report",
    "Conclusion",
    "Conclusions",
    "Decision",
    "Decisions",
    "Resolution",
    "Assessment",
    "Reaction",
    "Response",
    "Reply",
    "Objective",
    "Objectives",
    "Attitude",
    "Stance",
}


class Line(NamedTuple):
    """One non-blank line of the document: its text, the number of its block and its line number.

    A named tuple, not a frozen dataclass: a 50 MB record makes millions of them, and a tuple is made
    and read several times faster (issue 13)."""

    text: str
    block: int
    lineno: int


# Line((text, block, lineno)) made by tuple.__new__ directly, without the Python-level __new__ a named
# tuple has: _lines makes one per line of the record (issue 13)
_new_line = partial(tuple.__new__, Line)


_ASCII_LETTERS = string.ascii_letters.encode()
_ASCII_CAPITALS = string.ascii_uppercase.encode()
_ASCII_SMALL = string.ascii_lowercase.encode()


def is_caps(text: str) -> bool:
    """Mostly capital letters (a heading or a signature line). Long lines are judged on their start."""
    head = text[:160]
    if head.isascii():
        # called on most lines: in ASCII the letters are A-Z and a-z, counted by deleting them in C
        raw = head.encode()
        lower = len(raw) - len(raw.translate(None, _ASCII_SMALL))
        most = len(raw) - lower  # capitals at most: too few even so rejects most lines with one count
        if most < 0.85 * (most + lower):
            return False
        letters = len(raw) - len(raw.translate(None, _ASCII_LETTERS))
        capitals = len(raw) - len(raw.translate(None, _ASCII_CAPITALS))
        return letters >= 4 and capitals >= 0.85 * letters
    letters_text = "".join(filter(str.isalpha, head))
    return len(letters_text) >= 4 and sum(map(str.isupper, letters_text)) >= 0.85 * len(letters_text)


def parse_body(
    blocks: list[Block], fmt: RecordFormat, title: str = ""
) -> tuple[Node, dict[str, str], list[str], list[str]]:
    """(div[@type=document], notes by mark, author names seen, warnings)."""
    lines = _lines(blocks, fmt)
    if not lines:
        raise RecordError("record has a header but no document text")
    warnings: list[str] = []
    lines, end_notes = _take_notes(lines)
    in_text = _notes_in_text(lines, {mark for mark, _ in end_notes})
    notes, ambiguous = _notes_by_mark(end_notes, tuple(mark for mark, _, _ in in_text))
    lines = _titles_joined_to_speakers(lines)
    parts = _documents(lines, fmt)
    if len(parts) == 1:
        document, authors = _document(lines, fmt, title, "document")
    else:
        # a covering letter and what it sends (TEI 4.1: one division each, in the order printed)
        document, authors = Node("div", {"type": "document"}), []
        for n, part in enumerate(parts):
            div, names = _document(part, fmt, title if n == 0 else "", "letter" if n == 0 else "attachment")
            document.children.append(div)
            authors += names
    _fold_empty_sections(document)
    _fit_content_model(document)
    _separate_parts(document)
    shared = {mark for mark, _ in ambiguous}
    kept_in_text = [(mark, text) for mark, text, _ in in_text if mark in shared]
    _notes_where_printed(document, [(mark, text, printed) for mark, text, printed in in_text if mark in shared])
    for mark in dict.fromkeys(mark for mark, _ in [*kept_in_text, *ambiguous]):
        times = sum(1 for m, _ in [*kept_in_text, *ambiguous] if m == mark)
        warnings.append(
            f"note mark {_printed_mark(mark)} is given to {times} notes: its references are left as printed"
            " and every one of the notes kept, linked to none"
        )
    # TEI 3.9.1: a note printed at the end whose anchor cannot be told keeps place="end", no link
    document.children += [Node("note", {"place": "end", "n": mark}, [text]) for mark, text in ambiguous]
    return document, notes, authors, warnings


def _notes_in_text(lines: list[Line], end_marks: set[str]) -> list[tuple[str, str, str]]:
    """Notes printed inside the text, not in the final block (a covering letter's note after its
    signature, then the attachment): a line opening with a note mark whose reference the text before
    it carries. Returns (mark, note text, the note as printed) in order; only notes whose mark is
    printed as a note more than once in the record matter (_notes_by_mark), so without end notes
    and with no mark repeated the answer is []."""
    candidates = [i for i, line in enumerate(lines) if _NOTE_DEF.match(line.text)]
    marks = Counter(_note_mark(lines[i].text) for i in candidates)
    if not any(mark in end_marks or n > 1 for mark, n in marks.items()):
        return []
    running, ends = _running_text(lines)
    found = []
    for i in candidates:
        mark = _note_mark(lines[i].text) or ""
        if (mark in end_marks or marks[mark] > 1) and _is_referenced(mark, running[: ends[i]]):
            more = itertools.takewhile(partial(_goes_on_note, lines[i].block), lines[i + 1 :])
            printed = " ".join([lines[i].text, *(ln.text for ln in more)])
            found.append((mark, _matched(_NOTE_DEF, printed).group("text"), printed))
    return found


def _goes_on_note(block: int, line: Line) -> bool:
    """Does `line` go on with the note printed in paragraph `block` (same paragraph, no mark of its own)?"""
    return line.block == block and _note_mark(line.text) is None


def _notes_where_printed(document: Node, notes: list[tuple[str, str, str]]) -> None:
    """The paragraphs that are notes printed inside the text (mark, text, as printed) hold them as notes
    where they stand (TEI 3.9.1: note[@place=end], the end of the part that prints it), linked to no
    reference; the paragraph stays, as a div's running text admits no note of its own (our schema,
    TEI 4.1). A note the parser read into other text stays there, as printed."""
    wanted = {" ".join(printed.split()): (mark, text) for mark, text, printed in notes}
    if not wanted:
        return  # no note to look for: spare the walk that joins every paragraph's text
    for node in document.iter():
        for child in node.children:
            if isinstance(child, Node) and child.tag == "p" and all(isinstance(c, str) for c in child.children):
                found = wanted.pop(" ".join("".join(child.children).split()), None)  # type: ignore[arg-type]
                if found:
                    child.children = [Node("note", {"place": "end", "n": found[0]}, [found[1]])]
                    if not wanted:
                        return  # every note placed: the rest of the text holds none


def _printed_mark(mark: str) -> str:
    return mark if mark.startswith("*") else f"[{mark}]"


# a speaker's title alone on the line before his turn: `Ambassador` / `Pak Se-chang [Pak Se Chang]: …`
# (ranks only: a side or a nationality alone on a line is no part of a name)
_RANK = r"(?:Vice|Deputy|Envoy|Consul|First|Prime|Foreign|Chairman|Premier|President|Minister|Ambassador|Comrade|Secretary|General|Marshal|Chancellor|Counsel+or|Department Head)"
_TITLE_ALONE = re.compile(rf"^{_RANK}(?:\s+{_RANK}){{0,2}}$")


def _titles_joined_to_speakers(lines: list[Line]) -> list[Line]:
    """A title alone on a line (`Ambassador`, `Vice Minister`) right above a speaker's turn in the same
    block belongs to the speaker label (TEI 3.13.2 speaker in a label): the two lines become one,
    `Ambassador Pak Se-chang [Pak Se Chang]: …`. Returns the lines, joined where that holds."""
    joined: list[Line] = []
    skip = False
    for k, line in enumerate(lines):
        if skip:
            skip = False
            continue
        nxt = lines[k + 1] if k + 1 < len(lines) else None
        if (
            nxt is not None
            and nxt.block == line.block
            and _TITLE_ALONE.match(line.text)
            and (_MIXED_SPEAKER.match(nxt.text) or _SPEAKER.match(nxt.text))
        ):
            joined.append(line._replace(text=f"{line.text} {nxt.text}"))
            skip = True
            continue
        joined.append(line)
    return joined


def _document(lines: list[Line], fmt: RecordFormat, title: str, div_type: str) -> tuple[Node, list[str]]:
    """One document's lines as a div of `div_type`: opener, head, text, closer and what follows the
    signature. Returns (the div, its author names: the journal's owner, the signer). Raises
    RecordError when only a signature is left."""
    lines, closer, signer, postscript = _take_closer_and_distribution(lines, fmt)
    if not lines:
        raise RecordError("record has no document text, only a signature")
    document = Node("div", {"type": div_type})
    start, docket_name = _opener_and_head(lines, document, fmt, title)
    _main(lines[start:], document, fmt, title)
    _turn_labels.cache_clear()  # kept for these lines' two counts only: no line of a record outlives its parse
    if closer:
        document.children.append(closer)
    if postscript:
        document.children.append(postscript)
    return document, [n for n in (docket_name, signer) if n]


def _document_mark(text: str, fmt: RecordFormat) -> bool:
    """A line that can only open a document: a classification mark or the kind of telegram (a register
    or copy number may stand in a signature block as well)."""
    if len(text) > 60:
        return False
    probe = _piece_probe(text)[1]
    if (
        probe.lower() not in fmt.classification_marks_lower
        and not _telegram_mark(probe)
        and not _TELEX_MARK.match(text.strip())
    ):
        return False  # no kind _classify_piece could find: spare its other patterns (issue 13)
    node = _classify_piece(text, fmt)
    return node is not None and node.attrs.get("type") in ("classification", "telegram")


def _documents(lines: list[Line], fmt: RecordFormat) -> list[list[Line]]:
    """The record's lines cut into the documents it holds: a signature (`[Signature] (S. Name)`)
    ending text, then a new opener (`Top Secret`, `Copy No. 2`, a telegram mark) with running text
    after it — a covering letter and its attachment. One part when there is no such place."""
    parts: list[list[Line]] = []
    start = 0
    for k in range(2, len(lines) - 1):
        if k - start < 2 or not _document_mark(lines[k].text, fmt) or not _running_text_follows(lines, k):
            continue
        # the signature block is a few lines: look back a little, never over the whole record again
        before, closer, signer = _take_closer(lines[max(start, k - 40) : k], fmt)
        if closer is None or not signer or ":" in signer or _classify_piece(signer, fmt) is not None:
            continue  # `TOP SECRET` over `Copy No. 1` is no signature
        if not any(len(ln.text) > 70 and ln.text.endswith((".", "!", "?")) for ln in before):
            continue  # a document ends after its running text, never inside the opener
        if not (_SIGNATURE_NAME.search(signer) or _caps_name(signer) or _person_name_line(signer)):
            continue  # `(FYI: X, Y)` over a telegram's text: no signature, so no document ends there
        parts.append(lines[start:k])
        start = k
    return [*parts, lines[start:]]


_PARTED = frozenset({"opener", "closer", "signed", "address"})
_BREAK_TAGS = frozenset({"lb", "pb"})  # a line or page break already parts the words around it


def _separate_parts(document: Node) -> None:
    """Parts of an opener or closer that stood on lines of their own (`Ciphergram No. 15`, `From: Hanoi`)
    keep a space between them, so their words never run together in the text (TEI 4.2.2)."""
    for node in document.iter():
        # element-only content is laid out by the writer, one part a line: only mixed content needs it
        if node.tag not in _PARTED or not any(isinstance(c, str) for c in node.children):
            continue
        spaced: list[Node | str] = []
        for child in node.children:
            previous = spaced[-1] if spaced else None
            if (
                isinstance(child, Node)
                and isinstance(previous, Node)
                and _BREAK_TAGS.isdisjoint({child.tag, previous.tag})
            ):
                spaced.append(" ")
            spaced.append(child)
        node.children = spaced


# where a body flattened into one line is cut: a sentence's end, then a section number ("… talks. II.
# The …"). A full stop after one capital letter ends an initial, not a sentence: "N. V. Podgorny" and
# "A. I. Mikoyan" go on (V and I are also Roman numerals).
_FLATTENED_SECTION = re.compile(r"(?<=[.!?])(?<!\b[A-Z]\.)\s+(?=(?:\d{1,2}|[IVX]{1,4})\.\s+[A-Z])")


# section 1 run on to the heading or date before it, with no sentence's end between ("… 12 May 1961
# 1. On trade. …"): cut where `1.` or `I.` begins a capitalised sentence, unless a word such as
# "No." or "paragraph" numbers it or it is an initial (`A. I. Mikoyan`)
_FLATTENED_FIRST = re.compile(rf"\s+(?=(?:1|I)\.\s+[{UPPER}])")
_NUMBERS_WHAT_FOLLOWS = re.compile(
    rf"(?:\b(?:No|Nr|N[°º]|[Pp]aragraph|[Pp]oint|[Ii]tem|[Aa]rticle|[Pp]age|pp?|[Cc]opy|[Ss]ection|[Cc]lause|[Pp]art)\.?|\b[{UPPER}]\.)$"
)
# a section's own heading before its first sentence: `2. On the conference. Castro said …` (a short
# phrase ending in a full stop or colon, no sentence), `2. ON TRADE I met …` (words in capitals)
_SECTION_HEADING = re.compile(
    rf"^(?P<head>(?:\d{{1,2}}|[IVX]{{1,4}})\.\s+(?P<words>[^.!?:;]{{2,80}}?)[.:])\s+(?=[{UPPER}“\"])"
)
_CAPS_SECTION_HEADING = re.compile(
    rf"^(?P<head>(?:\d{{1,2}}|[IVX]{{1,4}})\.\s+(?P<words>(?:[{UPPER}][{CAPS_REST}'’,-]*\s+){{1,10}}?))(?=[{UPPER}][{LOWER}]|I\s+[a-z])"
)
# words that make a phrase a sentence, not a heading (a subject pronoun, an auxiliary, a verb of saying)
_SENTENCE_WORDS = frozenset(
    {
        "i",
        "we",
        "he",
        "she",
        "they",
        "it",
        "you",
        "is",
        "was",
        "were",
        "are",
        "be",
        "been",
        "has",
        "had",
        "have",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "did",
        "does",
        "do",
        "said",
        "says",
        "asked",
        "told",
        "stated",
        "replied",
        "noted",
        "added",
        "agreed",
        "answered",
        "declared",
        "informed",
        "expressed",
        "stressed",
        "thanked",
        "promised",
        "met",
        "went",
        "came",
        "left",
        "arrived",
    }
)
# a signature after the last sentence: initials and a surname, or a surname in capitals, at the end
_TAIL_NAME = re.compile(
    rf"\(?(?:[{UPPER}][a-z]?\.\s?){{1,3}}\s*[{UPPER}][\w'’-]+\)?\.?$|\(?[{UPPER}][{CAPS_REST}'’-]{{2,}}\)?\.?$"
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")
_ENDS_IN_INITIAL = re.compile(rf"\b[{UPPER}]$")  # `1. Talks with A.`: the stop is an initial's
_ABBREVIATION_END = re.compile(rf"(?:^|[\s(/\[])[{UPPER}][a-z]?\.$")  # an initial or `Dr.` before a space
_ONE_CAPITALISED_WORD = re.compile(rf"[{UPPER}][\w'’-]+")


def _flattened(text: str, fmt: RecordFormat) -> list[tuple[str, int]]:
    """A body flattened into one line (an export that lost the line breaks) as the lines it stands
    for, each with its block number: classification and copy marks before the text, the title and
    the date before section 1, each numbered section (cut at a sentence's end before its number, and
    section 1 also after a heading or date), a section's own heading apart from its first sentence,
    and a signature after the last sentence (a role, then initials and a surname or a surname in
    capitals), so that each becomes what it would on lines of its own (TEI P5 4.1, 4.2)."""
    parts = _FLATTENED_SECTION.split(text)
    lead: list[str] = []
    if len(parts) > 1 and not _NUMBERED_ANY.match(parts[0]):
        first = next(
            (m for m in _FLATTENED_FIRST.finditer(parts[0]) if not _NUMBERS_WHAT_FOLLOWS.search(parts[0][: m.start()])),
            None,
        )
        if first is not None:
            lead, parts = _lead_lines(parts[0][: first.start()], fmt), [parts[0][first.end() :], *parts[1:]]
        else:
            lead, parts = _lead_lines(parts[0], fmt), parts[1:]
    else:
        marks, rest = _leading_marks(parts[0], fmt)
        lead, parts = marks, [rest, *parts[1:]] if rest else parts[1:]
    signature: list[str] = []
    if parts:
        found = _signature_tail(parts[-1], fmt)
        if found is not None:
            parts[-1], signature = found
    out = [(line, b) for b, line in enumerate(lead)]
    for part in parts:
        block = len({b for _, b in out})
        out += [(line, block) for line in _section_lines(part)]
    block = len({b for _, b in out})
    out += [(line, block) for line in signature]  # role and name: one block, as printed under the text
    return out


def _leading_marks(text: str, fmt: RecordFormat) -> tuple[list[str], str]:
    """([the classification and copy marks that begin TEXT, as one line], the rest): `SECRET. Copy No. 3
    RECORD OF …` -> (["SECRET. Copy No. 3"], "RECORD OF …"); ([], TEXT) when it begins with none. A mark
    counts when printed in capitals or followed by a stop, exclamation mark or comma (not the word
    `Secret` beginning a sentence: `Secret talks began …`)."""
    at = 0
    marks = sorted(fmt.classification_marks, key=len, reverse=True)
    while True:
        rest = text[at:]
        copy = re.match(r"(?:Copy|COPY)\s+(?:No\.?|N[°º]|Nr\.?|#)\s*\d+[.,]?(?=\s|$)", rest)
        if copy:
            at += copy.end()
        else:
            mark = next((m for m in marks if rest[: len(m)].lower() == m.lower()), None)
            after = rest[len(mark) : len(mark) + 1] if mark else ""
            if mark is None or not (after in ".!," or rest[: len(mark)].isupper() and after in (" ", "")):
                break
            at += len(mark) + (after in ".!,")
        at += len(text[at:]) - len(text[at:].lstrip())
    return ([text[:at].rstrip()] if at else []), text[at:]


def _lead_lines(lead: str, fmt: RecordFormat) -> list[str]:
    """The text before section 1 of a flattened body as lines: its marks (`_leading_marks`), its
    title, and a date that ends it (`… with Fidel Castro 12 May 1961`: the dateline)."""
    marks, rest = _leading_marks(lead.strip(), fmt)
    words = rest.split()
    for k in range(min(6, len(words) - 1), 0, -1):  # the longest date at the end, a title left before it
        tail = " ".join(words[-k:])
        if is_date_line(tail):
            return [*marks, " ".join(words[:-k]), tail]
    return [*marks, rest] if rest else marks


def _section_lines(part: str) -> list[str]:
    """A numbered section of a flattened body: its heading apart from its first sentence, when the
    words after the number are a heading (`_SECTION_HEADING`) and not a short sentence."""
    m = _SECTION_HEADING.match(part)
    if m:
        words = m.group("words").split()
        sentence = any(w.lower().strip(",") in _SENTENCE_WORDS for w in words)
        # (`1. Talks with A. Petrov`: the stop is an initial's)
        if len(words) <= 8 and not sentence and not _ENDS_IN_INITIAL.search(m.group("words")):
            return [m.group("head"), part[m.end() :]]
    m = _CAPS_SECTION_HEADING.match(part)
    if m and any(len(w.strip(",")) >= 2 for w in m.group("words").split()):
        return [m.group("head").rstrip(), part[m.end() :]]
    return [part]


def _signature_tail(text: str, fmt: RecordFormat) -> tuple[str, list[str]] | None:
    """(the text, [role, name] or [name]) when a signature follows the last sentence of TEXT (`…
    inform Moscow. AMBASSADOR OF THE USSR IN CUBA S. KUDRYAVTSEV`), else None. The name is initials and
    a surname or a surname in capitals (`_closer_kind` "name" / "caps-name"); a role before it is a role
    line of a closer (`_closer_kind` "role", "title-role")."""
    ends = [m for m in _SENTENCE_END.finditer(text) if not _ABBREVIATION_END.search(text[: m.start()])]
    if not ends:
        return None
    cut = ends[-1]
    tail = text[cut.end() :]
    if len(tail) > 150 or tail.rstrip(".").lower() in _NOT_SURNAMES:
        return None
    name = _TAIL_NAME.search(tail)
    if name is None:
        return None
    role = tail[: name.start()].strip()
    signer = name.group(0)
    if _closer_kind(signer, fmt) not in ("name", "caps-name", "role-and-name"):
        return None
    if role and _closer_kind(role, fmt) not in ("role", "title-role", "role-text"):
        return None
    return text[: cut.start()], [role, signer] if role else [signer]


def _lines(blocks: list[Block], fmt: RecordFormat) -> list[Line]:
    if len(blocks) == 1 and len(blocks[0].lines) == 1:
        # a body flattened into one line: its marks, title, sections and signature still part
        return [Line(t, b, blocks[0].lineno) for t, b in _flattened(blocks[0].lines[0], fmt)]
    lines: list[Line] = []
    add = lines.append
    for b, block in enumerate(blocks):
        for k, text in enumerate(block.lines, start=block.lineno):
            # only a place line can be glued to a dispatch line: the others skip the pattern (issue 13)
            if text.startswith(_GLUED_STARTS):
                lines.extend(Line(part, b, k) for part in _unglued(text))
            else:
                add(_new_line((text, b, k)))
    return _join_open_brackets(lines)


# "From Pyongyang.Sent 31.8.50 11:32": a telegram's place line and its dispatch line run together
_GLUED_DISPATCH = re.compile(
    r"^(?P<first>(?:From|To|FROM|TO)\b[^.]{1,60}\.)(?P<second>(?:Sent|Received|Dispatched|Transmitted|SENT|RECEIVED)\b.*)$"
)
_GLUED_STARTS = ("From", "To", "FROM", "TO")  # how a line _GLUED_DISPATCH matches begins


def _unglued(text: str) -> list[str]:
    """A line as the lines it stands for: a place line glued to the dispatch line after it (no space
    after the full stop) is two lines, so each becomes its own opener part; else the line itself."""
    m = _GLUED_DISPATCH.match(text)
    return [m.group("first"), m.group("second")] if m else [text]


_COMMON = frozenset({"p", "list", "div"})
_TOP = frozenset({"opener", "head", "dateline", "gap", "pb"})


def _fit_content_model(div: Node) -> None:
    """Make a div's parts follow the TEI content model (tei_all and ours), keeping every word.

    TEI P5 4.1 (div): top parts (opener, head, dateline), then running text, then bottom parts
    (closer, a dateline). A dateline between paragraphs (after a list, "Moscow, 3 May" then more
    text) becomes a paragraph; a div with no running text at all (only opener and closer, or a
    section with only its head) gets its last top or bottom part as a paragraph.
    """
    children = div.children
    for child in children:
        if isinstance(child, Node) and child.tag == "div":
            _fit_content_model(child)
    tags = [c.tag if isinstance(c, Node) else "" for c in children]
    first_common = next((k for k, t in enumerate(tags) if t in _COMMON), None)
    # from the end: the last running text is near it (a long record's div has a quarter million children)
    last_common = next((k for k in range(len(tags) - 1, -1, -1) if tags[k] in _COMMON), None)
    if first_common is not None and last_common is not None:
        for k, tag in enumerate(tags[first_common + 1 : last_common], first_common + 1):
            if tag == "dateline":
                children[k].tag = "p"  # type: ignore[union-attr]  # a Node: tags holds "" for a string
        return
    # no running text: the closer, else the last top part (a head or dateline), becomes a paragraph
    for k in range(len(children) - 1, -1, -1):
        child = children[k]
        if isinstance(child, Node) and child.tag == "closer":
            parts: list[Node | str] = []
            for part in child.children:
                if isinstance(part, Node):
                    if parts:
                        parts.append(Node("lb"))
                    parts.extend(part.children if part.tag in ("salute", "signed", "dateline") else [part])
            children[k] = Node("p", {}, parts)
            return
    for k in range(len(children) - 1, -1, -1):
        child = children[k]
        if isinstance(child, Node) and child.tag in ("head", "dateline"):
            child.tag = "p"
            # a paragraph stands after the opener and head: move it behind them
            children.append(children.pop(k))
            return


def _empty_section(node: Node | str) -> bool:
    """A section that holds nothing but its head (and page breaks): a heading with no text under it."""
    return (
        isinstance(node, Node)
        and node.tag == "div"
        and not node.attrs.get("n")
        and any(isinstance(c, Node) and c.tag == "head" for c in node.children)
        and all(
            isinstance(c, Node) and c.tag in ("head", "pb") or isinstance(c, str) and not c.strip()
            for c in node.children
        )
    )


def _fold_empty_sections(div: Node) -> None:
    """A heading with no text under it (two headings in a row, a heading at the end) is not a
    section of its own — TEI and our schema want a section to hold text and a number or head
    (TEI 4.1): it joins the next section's head (lb between), else it ends the section before it as a
    paragraph, else it is a paragraph where it stands. Every word stays, in order."""
    for child in div.children:
        if isinstance(child, Node) and child.tag == "div":
            _fold_empty_sections(child)
    k = len(div.children) - 1
    while k >= 0:
        child = div.children[k]
        if not _empty_section(child):
            k -= 1
            continue
        assert isinstance(child, Node)
        words: list[Node | str] = []
        for part in child.children:
            if isinstance(part, Node):
                words.extend(part.children if part.tag == "head" else [part])
        following = div.children[k + 1] if k + 1 < len(div.children) else None
        before = div.children[k - 1] if k > 0 else None
        if isinstance(following, Node) and following.tag == "div":
            head = next((c for c in following.children if isinstance(c, Node) and c.tag == "head"), None)
            if head is not None:
                head.children[:0] = [*words, Node("lb")]
            else:
                following.children.insert(0, Node("head", {}, words))
            del div.children[k]
        elif isinstance(before, Node) and before.tag == "div":
            last = before
            while last.children and isinstance(last.children[-1], Node) and last.children[-1].tag == "div":
                last = last.children[-1]
            last.children.append(Node("p", {}, words))
            del div.children[k]
        else:
            div.children[k] = Node("p", {}, words)
        k -= 1


def _bracket_depth(text: str) -> int:
    return text.count("[") - text.count("]")


def _join_open_brackets(lines: list[Line], reach: int = 12) -> list[Line]:
    """A bracket opened on one line and closed on a later one (`[faded stamp:` … `11 June 1958]`)
    is one unit: its lines are joined, so the bracket becomes one editorial note, never a stray `[`."""
    out: list[Line] = []
    k = 0
    while k < len(lines):
        line = lines[k]
        depth = _bracket_depth(line.text) if "[" in line.text else 0  # most lines open no bracket
        if depth > 0:
            text, j = line.text, k + 1
            while depth > 0 and j < len(lines) and j - k <= reach:
                text += " " + lines[j].text
                depth += _bracket_depth(lines[j].text)
                j += 1
            if depth == 0:
                out.append(Line(text, line.block, line.lineno))
                k = j
                continue
        out.append(line)
        k += 1
    return out


# --- notes at the end -------------------------------------------------------------------


def _note_mark(line: str) -> str | None:
    m = _NOTE_DEF.match(line)
    return (m.group("a") or m.group("b") or m.group("c")) if m else None


# A mark of four digits or more opens a note only where the record's notes reach it in sequence
# (`[999]` then `[1000]`): elsewhere such a number at a line's start (`[1961] was the year …`)
# goes on with the note before it, as printed.
_LONG_NOTE_DEF = re.compile(r"^(?:\[(?P<a>\d{4,})\]|\((?P<b>\d{4,})\))\s*(?P<text>\S.*)$")


def _next_long_mark(line: str, notes: list[tuple[str, str]]) -> str | None:
    """The mark of a note line whose mark has four digits or more and follows the last note's
    mark by one ([999] -> [1000]); None for any other line."""
    m = _LONG_NOTE_DEF.match(line)
    if m is None or not notes or not notes[-1][0].isdigit():
        return None
    mark = m.group("a") or m.group("b")
    return mark if int(mark) == int(notes[-1][0]) + 1 else None


def _note_text(line: str) -> str:
    """The text of a note line after its mark (a line _note_mark or _next_long_mark classified)."""
    return (_NOTE_DEF.match(line) or _matched(_LONG_NOTE_DEF, line)).group("text")


@lru_cache(maxsize=256)
def _digit_reference(mark: str) -> re.Pattern:
    """A reference to note `mark` (digits) in running text: "[1]" or "(1)" not at a line's start, or the
    digits glued to a letter or punctuation ("word1", "said.1") and no digit after. The pattern begins
    with the digits and reads what stands before them by lookbehind: the scan jumps from one occurrence
    of the digits to the next (a record's text is read once per note)."""
    return re.compile(rf"{mark}(?:(?<=[^\n]\[{mark})\]|(?<=[^\n]\({mark})\)|(?<=[^\W\d_]{mark}|[.,;]{mark})(?!\d))")


def _is_referenced(mark: str, text: str) -> bool:
    if mark.startswith("*"):
        return re.search(rf"\w{re.escape(mark)}(?!\*)", text) is not None
    if mark.isdigit():
        return _digit_reference(mark).search(text) is not None
    return f"[{mark}]" in text


def _running_text(lines: list[Line]) -> tuple[str, list[int]]:
    """The lines as one text, a line that goes on with the sentence of the one before (`… with
    Bolshakov` / `[1] (the latter …`) joined to it by a space (a mark at its start is a reference, not
    a note's own), and where the text before each line ends: (text, ends)."""
    parts: list[str] = []
    ends: list[int] = []
    size = 0
    for n, line in enumerate(lines):
        ends.append(size)
        if n:
            glue = " " if not lines[n - 1].text.endswith(_TERMINAL) and lines[n - 1].block == line.block else "\n"
            parts.append(glue)
            size += 1
        parts.append(line.text)
        size += len(line.text)
    return "".join(parts), ends


def _take_notes(lines: list[Line]) -> tuple[list[Line], list[tuple[str, str]]]:
    """(the lines before the end notes, the notes as (mark, text) in the order printed — a mark may
    repeat); every note's text is kept. No end notes: (lines, [])."""
    running: tuple[str, list[int]] | None = None  # made once, when a note tail is first found
    for k, line in enumerate(lines):
        heading = _NOTES_HEADING.match(line.text) is not None
        mark = _note_mark(line.text)
        if not heading and mark is None:
            continue
        first = k + 1 if heading else k
        if first >= len(lines) or _note_mark(lines[first].text) is None:
            continue
        tail = lines[first:]
        if any(_PAREN_NAME.match(ln.text) or is_caps(ln.text) for ln in tail):
            continue
        notes: list[tuple[str, str]] = []  # (mark, text) in the order printed; a mark may repeat
        later: list[str] = []  # lines of a paragraph after a note's own: text after the notes, or the note's
        block = line.block
        for ln in tail:  # the tail starts with a note mark, so every other line continues a note
            m = _note_mark(ln.text) or _next_long_mark(ln.text, notes)
            if m is not None:
                notes.append((m, _note_text(ln.text)))
                block = ln.block
            else:
                notes[-1] = (notes[-1][0], f"{notes[-1][1]} {ln.text}")
                if ln.block != block:
                    later.append(ln.text)
        # a paragraph that refers to one of these notes is the text going on, not a note's (`She stayed[1] home.`)
        if any(_is_referenced(m, text) for text in later for m in {m for m, _ in notes}):
            continue
        running = running or _running_text(lines)
        body_text = running[0][: running[1][k]]
        if all(_is_referenced(m, body_text) for m, _ in notes):
            return lines[:k], notes
    return lines, []


def _notes_by_mark(
    notes: list[tuple[str, str]],
    marks_in_text: tuple[str, ...] = (),
) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """End notes (mark, text) -> (the notes whose mark is printed once in the whole record, by mark;
    the end notes whose mark is printed more than once, in order). `marks_in_text`: the marks of notes
    printed inside the text (_notes_in_text). A covering letter and its attachment may each number
    their notes from 1: a reference `[1]` then cannot say which note it means, so those notes are
    linked to no reference (a wrong link is worse than none) and kept, in full."""
    counts = Counter([*(mark for mark, _ in notes), *marks_in_text])
    unique = {mark: text for mark, text in notes if counts[mark] == 1}
    return unique, [(mark, text) for mark, text in notes if counts[mark] > 1]


# --- closer ---------------------------------------------------------------------------------

_ROLE_WORDS = re.compile(
    r"\b(?:AMBASSADOR|MINISTER|EMBASSY|SECRETARY|CHAIRMAN|COUNSEL+OR|ATTACH[EÉ]|DIRECTOR|HEAD|CHIEF|"
    r"DEPUTY|CHARG[EÉ]|CONSUL|PRESIDENT|PREMIER|GENERAL|DEPARTMENT|MINISTRY|MFA|USSR|CC|COMMITTEE|OF|THE|IN|FOR)\b"
)
# "USSR AMBASSADOR IN CUBA (A. ALEKSEYEV)", "SOVIET AMBASSADOR [signature] /A. PUZANOV/",
# "[Signature] (S. Chervonenko)": a role (or nothing) and the signer's name on one line
_ROLE_AND_NAME = re.compile(
    rf"^(?P<role>.*?)\s*(?P<sig>\[[Ss]ignature\]\s*|\[[Ss]igned\]\s*|[Ss]ignature\s+)?(?P<name>\((?:[{UPPER}]\.\s?){{0,3}}[{UPPER}][^()]{{1,60}}\)|/(?:[{UPPER}]\.\s?){{0,3}}[{UPPER}][^/]{{1,60}}/)$"
)
_SIGNED_PREFIX = re.compile(r"^(?:Signed|SIGNED|Sgd\.|signed|/-/)\s*[:.]?\s*")
# `/-/ Rapacki`: the mark a copy puts for "signed", then the name
_SIGNED_MARK = re.compile(rf"^/-/\s*[{UPPER}][\w'’.-]*(?:\s+[{UPPER}][\w'’.-]*){{0,3}}$")
# `70 – T.`: a copy count or file number, a dash and the drafter's initial under the text — the
# signature block's mark, never the signer's name
_NUMBER_SIGN = re.compile(
    rf"^\d{{1,4}}\s*[–—-]\s*[{UPPER}][{LOWER}]{{0,2}}\.?(?:\s*[{UPPER}][{LOWER}]{{0,2}}\.?){{0,2}}$"
)
# `510599` / `fb`, `510599 fb`: the cipher office's number and the typist's initials under a signature
# (part of the signature block only beside a name or role: alone they sign nothing)
_TYPIST_MARK = re.compile(r"^(?:\d{3,8}|[a-z]{1,3}\.?|\d{3,8}\s+[a-z]{1,3}\.?)$")
# `Lekić` alone under the finished text: a surname as the signature (not a closing word like `End`)
_LONE_SURNAME = re.compile(rf"^[{UPPER}][{LOWER}'’-]{{2,}}$")
_NOT_SURNAMES = frozenset(
    {"end", "approved", "agreed", "correct", "true", "copy", "signed", "signature", "attachment", "enclosure"}
    | {"translation", "original", "draft", "confirmed", "noted", "read", "seen", "received", "urgent", "secret"}
)
_ON_BEHALF = re.compile(r"^(?:On behalf of|For the|By order of|In the name of)\b.{1,100}$", re.IGNORECASE)


_WITH_GREETINGS = re.compile(r"with (?:\w+ ){0,3}(?:greetings?|regards|respect|wishes)[,.!]?")


def _closing_salute(text: str, fmt: RecordFormat) -> bool:
    if len(text) > 60:
        return False  # (tested first: this runs for every line a closer may hold)
    low = text.lower().lstrip('“"')
    return _WITH_GREETINGS.fullmatch(low) is not None or low.startswith(_lowered(fmt.closing_salutes))


@lru_cache(maxsize=8)
def _lowered(words: tuple[str, ...]) -> tuple[str, ...]:
    """The format's words in lower case, made once per format (not once per line and word)."""
    return tuple(w.lower() for w in words)


def _caps_name(text: str) -> bool:
    """`GROMOV`, `P E T R O V`, `KIM IL SUNG`, `FILIPPOV [Stalin]` (a code name and whom it hides):
    a signature in capitals, not a role line."""
    if _LETTER_SPACED.match(text):
        return True
    text = re.sub(r"\s*\[[^\[\]]{1,40}\]$", "", text)
    words = text.rstrip(".,").split()
    return 1 <= len(words) <= 3 and is_caps(text) and not _ROLE_WORDS.search(text.upper()) and text[:1].isalpha()


_INITIAL_WORD = re.compile(r"^(?:[^\W\d_]\.){1,2}$")


def _person_name_line(text: str) -> bool:
    """`Zoltán Fodor`, `Irén Rózsa`, `Bolesław J. Jeleń`: two to four capitalised words of letters —
    letters of any alphabet, diacritics included — with no title, role or small word: the shape
    of a person's name on a line of its own."""
    words = text.split()
    if not 2 <= len(words) <= 4 or _ROLE_WORDS.search(text.upper()):
        return False
    named = 0
    for word in words:
        if _INITIAL_WORD.match(word) and word[0].isupper():
            continue
        parts = re.split(r"['’-]", word)  # "Szőnyi-Bárány", "O'Neill": each part capitalised or small
        if not all(part.isalpha() and (part[1:].islower() or len(part) == 1) for part in parts):
            return False
        if not word[0].isupper():
            return False
        named += 1
    return named >= 1 and not _INITIAL_WORD.match(words[-1])


@cache
def _known_places() -> frozenset[str]:
    """Names of the gazetteer's countries and cities, lower-cased (loaded once)."""
    return frozenset(place.name.lower() for place in gazetteer_places())


# "24.III.50 Shtykov": the date and the signer's surname on one line
# "5.XI.62 A. DOBRYNIN": initials may stand before the surname
_DATE_AND_NAME = re.compile(
    rf"^(?P<date>\S.*?\d.*?)\s+(?P<name>(?:[{UPPER}]\.\s?){{0,3}}[^\W\d_][^\W\d_'’-]*(?:['’-][^\W\d_]+)?)\.?$"
)


# `21 May 1952 [signature]`: the date and the place of the signature on one line
_DATE_SIGNATURE = re.compile(r"^(?P<date>\S.*?\d.*?)\s+(?P<sign>\[(?:signature|signed)\])$", re.IGNORECASE)


def _date_and_word(text: str) -> re.Match | None:
    """A date then one capitalised word (`24.III.50 Shtykov`, `12.V.51 Pyongyang`), or None."""
    if not _ends_with_a_letter(text):
        return None  # (most lines: the pattern's lazy date is tried up to every space of the line)
    match = _DATE_AND_NAME.match(text)
    if not match or not match.group("name")[0].isupper() or not is_date_line(match.group("date")):
        return None
    return match


def _ends_with_a_letter(text: str) -> bool:
    r"""Whether text ends as _DATE_AND_NAME's name does: a letter of re's `[^\W\d_]` (a word character, no
    decimal digit, no underscore), then maybe a full stop (`$` may stand before a final newline)."""
    end = text[:-1] if text.endswith("\n") else text
    last = (end[:-1] if end.endswith(".") else end)[-1:]
    return last.isalnum() and not last.isdecimal()


def _date_and_name(text: str) -> re.Match | None:
    """A date then one capitalised word that the gazetteer does not know as a place: the date and
    the signer (`24.III.50 Shtykov`). `14 October 1950 Pyongyang` is a place-date line, not this."""
    match = _date_and_word(text)
    return None if match is None or match.group("name").lower() in _known_places() else match


def _date_and_place(text: str) -> bool:
    """`12.V.51 Pyongyang`: a date then a place the gazetteer knows — a dateline."""
    match = _date_and_word(text)
    return match is not None and match.group("name").lower() in _known_places()


@_kept_per_format
def _closer_kind(text: str, fmt: RecordFormat) -> str | None:
    if _PAGE_MARK.match(text):
        return None  # `(p. 1)` at the end is a page break, never a signature (nor the author it gives)
    if fmt.recorder_line_pattern and fmt.recorder_line_pattern.match(text):
        return None  # who took the minutes: a responsibility (respStmt), never the signer
    if _SIGNATURE_NAME.fullmatch(text) or _LETTER_SPACED.match(text) or _SIGNED_MARK.match(text):
        return "name"
    if text.endswith(".") and _SIGNATURE_NAME.fullmatch(text[:-1]):
        return "name"  # `G.W. Boissevain.`: the signature with a full stop after it
    if fmt.production_line_pattern and fmt.production_line_pattern.match(text):
        return None  # `Deciphered by X, checked by Y`: who processed the copy, never the signer
    if _TELEX_MARK.match(text):
        return "register"  # `REC. 623`, `454025 PCIO CH`: the wire's marks, never a speaker nor the signer
    if _NUMBER_SIGN.match(text):
        return "sign"
    if _TYPIST_MARK.match(text):
        return "typist"
    # the pattern's name ends the line with ")" or "/" ($: maybe before a final newline): a cheap first
    # test, as its lazy role is tried at every position of a long line
    rn = _ROLE_AND_NAME.match(text) if text.rstrip("\n")[-1:] in (")", "/") else None
    if rn and len(rn.group("role")) <= 80 and not rn.group("role").endswith((".", ":")):
        return "role-and-name"
    if _NUMBERED.match(text) or _BULLET.match(text) or _SPEAKER.match(text) and not is_caps(text):
        return None
    if _closing_salute(text, fmt):
        return "salute"
    if _PAREN_NAME.match(text) or text.lower() in ("[signature]", "[signed]", "(signature)"):
        return "name"
    if (
        text.rstrip("\n").endswith("]")  # (the pattern's `[signature]` ends the line: a cheap first test)
        and _DATE_SIGNATURE.match(text)
        and is_date_line(_matched(_DATE_SIGNATURE, text).group("date"))
    ):
        return "date-signature"  # `21 May 1952 [signature]`
    if _REGISTER.match(text):
        return "register"  # part of the signature block, never the signer
    if (
        is_date_line(text)
        or ((place_date := _PLACE_DATE.match(text)) and is_date_line(place_date.group("date")))
        or _date_and_place(text)
    ):
        return "dateline"
    if _caps_name(text) and len(text) >= 3:
        return "caps-name"
    if _date_and_name(text):
        return "date-and-name"
    if is_caps(text) and len(text) <= 150:
        return "role"
    if _ON_BEHALF.match(text) and not text.endswith((".", "?", "!", ":", ";")):
        return "role-text"
    if _title_role(text, fmt):
        return "title-role"
    words = text.split()
    if (
        len(text) <= 60
        and len(words) <= 8
        and not text.endswith((".", "?", "!", ":", ";"))
        or _SIGNATURE_NAME.fullmatch(text)
    ) and sum(w[0].isupper() for w in words if w[0].isalpha()) >= max(1, len(words) // 2):
        return "weak"
    return None


def _role_under_name(text: str, above: str) -> bool:
    """`official in charge of Korea` under `Károly Fendler` at the very end: the signer's office, a
    short line in lower case without a full stop under a line that is a person's name."""
    words = text.split()
    return (
        text[:1].islower()
        and 2 <= len(words) <= 8
        and not text.endswith(_TERMINAL)
        and not text.endswith(",")
        and _person_name_line(above)
    )


def _title_role(text: str, fmt: RecordFormat) -> bool:
    """`Chargé d'Affaires a.i. of the USSR in the Korean People's Republic`: a role under a signature,
    begun by a person's title, too long for a plain name line but no sentence."""
    return (
        len(text) <= 140
        and not text.endswith((".", "?", "!", ":", ";", ","))
        and any(text.startswith(t + " ") or text == t for t in fmt.person_titles)
        and not re.search(r"\b(?:is|was|were|has|had|will|said|told|asked)\b", text)
    )


def _sender_line(text: str) -> bool:
    """A last line such as "Chinese Embassy in Cuba": every word capitalised but the small ones."""
    words = text.split()
    small = {"of", "the", "in", "to", "for", "and", "at", "on"}
    return 2 <= len(words) <= 8 and all(w[0].isupper() or w in small for w in words) and words[0][0].isupper()


# "1 - Cde. A. A. Gromyko", "2. Comr. Molotov", "3) to file": one addressee of a copy
_COPY_ITEM = re.compile(r"^(?P<n>\d{1,2})\s*(?:[-–—.)]\s*)(?P<text>\S.{0,78})$")


def _copies_line(text: str, fmt: RecordFormat) -> bool:
    """`4 copies`, `Two copies printed`, `Distribution:`: the head of the list of copies after a signature."""
    probe = text.rstrip(":.").strip()
    if any(p.search(probe) for p in fmt.opener_seg_patterns.get("copy", ())):
        return True
    if re.fullmatch(
        r"(?i)(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+cop(?:y|ies)(?:\s+\w+){0,2}", probe
    ):
        return True
    listed = _list_label(text if text.endswith(":") else text + ":", fmt)
    return bool(listed and listed[0] == "distribution" and not listed[1])


def _take_closer_and_distribution(
    lines: list[Line], fmt: RecordFormat
) -> tuple[list[Line], Node | None, str | None, Node | None]:
    """The closer, and what follows the signature — the list of copies printed (`Two copies printed` /
    `1 - Cde. X` / `2 - to file`), lines on who produced the copy (`Typed by X on 10/14/50`) and a
    telex's machine lines (`454025 PCIO CH`, `REC. 623`) —
    which TEI places after the closer in a `postscript` (4.2.2): (lines before them, closer, signer,
    postscript). They are split off only when a closer stands before them; otherwise nothing changes."""
    listed = _distribution_at_end(lines, fmt)
    if listed is not None:
        return listed
    k = len(lines)
    while k > 1 and (
        fmt.production_line_pattern
        and fmt.production_line_pattern.match(lines[k - 1].text)
        or _TELEX_MARK.match(lines[k - 1].text)  # the wire's answerback and receipt under the telex
    ):
        k -= 1
    if k < len(lines):
        before, closer, signer, postscript = _take_closer_and_copies(lines[:k], fmt)
        if closer is None:
            return _signature_over_date(lines, fmt) or (lines, None, None, None)
        produced: list[Node | str] = [Node("p", {}, [ln.text]) for ln in lines[k:]]
        if postscript is None:
            postscript = Node("postscript", {}, produced)
        else:
            postscript.children.extend(produced)
        return before, closer, signer, postscript
    taken = _take_closer_and_copies(lines, fmt)
    return taken if taken[1] is not None else _signature_over_date(lines, fmt) or taken


def _signature_over_date(
    lines: list[Line], fmt: RecordFormat
) -> tuple[list[Line], Node | None, str | None, Node | None] | None:
    """A signature that does not end the record: a name alone in parentheses (`(A. Name)`) with a
    date alone on the next line, then more lines (a register number, the addressee's handwritten
    instruction, the archivist's description of what was sent). The closer ends there; the lines
    after it, written on the document after the signature, go to a `postscript` as for the list of
    copies (TEI 4.2.2). Returns (lines before, closer, signer, postscript), or None when no such
    pair stands in the record — the last one counts."""
    for k in range(len(lines) - 3, 0, -1):
        name = _PAREN_NAME.match(lines[k].text)
        if not (name and is_date_line(lines[k + 1].text)):
            continue
        signed = name.group("name").strip()
        if not (_SIGNATURE_NAME.fullmatch(signed) or _caps_name(signed) or _person_name_line(signed)):
            continue
        before, closer, signer = _take_closer(lines[: k + 2], fmt)
        if closer is None or not before:
            return None
        return before, closer, signer, Node("postscript", {}, [Node("p", {}, [ln.text]) for ln in lines[k + 2 :]])
    return None


_DISTRIBUTED_NAME = re.compile(
    rf"^(?:(?:Cdes?|Comrades?|Messrs?)\.?\s+)?[{UPPER}][\w'’.-]*(?:\s+[{UPPER}][\w'’.-]*){{0,3}}$"
)


def _distribution_at_end(
    lines: list[Line], fmt: RecordFormat
) -> tuple[list[Line], Node | None, str | None, Node | None] | None:
    """`Distributed to` / `Cdes. Stalin` / `Molotov` / … under the signature, then the office's number
    and stamps: a postscript (TEI 4.2.2) with the label, the names as a distribution list (one item
    each, never signers nor authors) and the lines after them; the closer above it as usual. None when
    the record ends otherwise or no closer stands above the label."""
    labels = {label.lower() for label in fmt.list_labels.get("distribution", ())}
    for j in range(len(lines) - 2, max(0, len(lines) - 30), -1):
        if lines[j].text.rstrip(":").strip().lower() in labels:
            break
    else:
        return None
    end = j + 1
    while end < len(lines) and _DISTRIBUTED_NAME.match(lines[end].text) and not _REGISTER.match(lines[end].text):
        end += 1
    if end - j < 3:
        return None  # a name or none: no list
    before, closer, signer, postscript = _take_closer_and_copies(lines[:j], fmt)
    if closer is None or postscript is not None:
        return None
    items: list[Node | str] = [Node("item", {}, [ln.text]) for ln in lines[j + 1 : end]]
    parts: list[Node | str] = [Node("p", {}, [lines[j].text]), Node("list", {"type": "distribution"}, items)]
    parts += [Node("p", {}, [ln.text]) for ln in lines[end:]]
    return before, closer, signer, Node("postscript", {}, parts)


def _take_closer_and_copies(
    lines: list[Line], fmt: RecordFormat
) -> tuple[list[Line], Node | None, str | None, Node | None]:
    """The closer and the list of copies after it (see `_take_closer_and_distribution`); the register
    number and date the office wrote under the list (`Nº [208]`, `Nº 527` / `31 August 1957`) stay
    after it in the postscript."""
    end = len(lines)
    while end > len(lines) - 3 and end > 1 and _under_copies(lines[end - 1].text, fmt):
        end -= 1
    k = end
    while k > 0 and _COPY_ITEM.match(lines[k - 1].text):
        k -= 1
    if k == end or k == 0 or not _copies_line(lines[k - 1].text, fmt):
        return (*_take_closer(lines, fmt), None)
    under = [Node("p", {}, [ln.text]) for ln in lines[end:]]
    items: list[Node | str] = [
        Node("item", {"n": _matched(_COPY_ITEM, ln.text).group("n")}, [ln.text]) for ln in lines[k:end]
    ]
    # up to two short lines between the signature and the copies: an instruction, a register number
    for extra in range(3):
        start = k - 1 - extra
        if start < 1 or extra and (len(lines[start].text) > 60 or _closer_kind(lines[start].text, fmt) == "name"):
            break
        before, closer, signer = _take_closer(lines[:start], fmt)
        if closer is not None and before:
            parts: list[Node | str] = [Node("p", {}, [ln.text]) for ln in lines[start : k - 1]]
            parts += [Node("p", {}, [lines[k - 1].text]), Node("list", {"type": "distribution"}, items), *under]
            return before, closer, signer, Node("postscript", {}, parts)
    return (*_take_closer(lines, fmt), None)


def _under_copies(text: str, fmt: RecordFormat) -> bool:
    """`Nº [208]`, `Nº 527`, `31 August 1957`: a register number or date under the list of copies."""
    return _closer_kind(text, fmt) in ("register", "dateline") or bool(
        "[" in text and _REGISTER.match(text.replace("[", "").replace("]", ""))
    )


def _take_closer(lines: list[Line], fmt: RecordFormat) -> tuple[list[Line], Node | None, str | None]:
    k = len(lines)
    kinds: list[str] = []
    while k > 1 and len(kinds) < 8:
        kind = _closer_kind(lines[k - 1].text, fmt)
        if kind is None and k == len(lines) and _role_under_name(lines[k - 1].text, lines[k - 2].text):
            kind = "title-role"  # `Károly Fendler` / `official in charge of Korea`
        if kind is None:
            break
        kinds.insert(0, kind)
        k -= 1
    # a lone place beside the closing date belongs to the dateline ("31 August 1950" / "Pyongyang")
    kinds = [
        "dateline-place"
        if kind == "weak"
        and len(lines[k + n].text.split()) == 1
        and ("dateline" in kinds[max(0, n - 1) : n] or "dateline" in kinds[n + 1 : n + 2])
        else kind
        for n, kind in enumerate(kinds)
    ]
    # "Zoltán Fodor" / "Ambassador": a name-shaped line is a signature when other closing lines go with it
    kinds = [
        "pname" if kind == "weak" and _person_name_line(lines[k + n].text) else kind for n, kind in enumerate(kinds)
    ]
    if kinds == ["pname"] and k > 0 and lines[k - 1].text.endswith((".", "!", "?")):
        kinds = ["pname-signed"]  # `Dumitru Dediu` alone under the finished text: the signature
    if (
        kinds == ["weak"]
        and k > 0
        and _LONE_SURNAME.match(lines[k].text)
        and lines[k].text.lower() not in _NOT_SURNAMES
        and len(lines[k - 1].text) > 70
        and lines[k - 1].text.endswith((".", "!", "?"))
    ):
        kinds = ["pname-signed"]  # `Lekić` alone under the finished text: the signer's surname
    if "pname" in kinds and len(kinds) >= 2:
        kinds = [kind if kind != "pname" else "pname-signed" for kind in kinds]
        # the line under the name is the signer's role ("Deputy Assistant Under-Secretary")
        kinds = [
            "title-role" if kind == "weak" and kinds[n - 1 : n] == ["pname-signed"] else kind
            for n, kind in enumerate(kinds)
        ]
    strong = {"salute", "name", "caps-name", "dateline", "role", "register", "role-and-name"}
    strong |= {"pname-signed", "date-and-name", "sign", "date-signature"}
    if (
        not kinds
        or not (set(kinds) & strong)
        and not any(_SIGNATURE_NAME.fullmatch(ln.text) for ln in lines[k:])
        or set(kinds) <= {"dateline-place", "register", "weak", "role-text", "title-role", "typist"}
        and "dateline" not in kinds
    ) and not (kinds[-1:] == ["weak"] and _sender_line(lines[-1].text) and lines[-2].text.endswith(_TERMINAL)):
        return lines, None, None
    if kinds == ["caps-name"] and not lines[k - 1].text.endswith(_TERMINAL):
        return lines, None, None  # a heading-like line after unfinished text: not a signature
    closer = Node("closer")
    signed: list[Node | str] = []
    signer = None
    dateline: Node | None = None
    signed_at: int | None = None
    for line, kind in zip(lines[k:], kinds):
        if kind == "salute":
            closer.children.append(Node("salute", {}, [line.text]))
        elif kind == "date-and-name":
            match = _date_and_name(line.text)
            assert match is not None  # the kind says so
            dateline = Node("dateline", {}, [match.group("date")])
            closer.children.append(dateline)
            closer.children.append(line.text[match.end("date") : match.start("name")])
            signed.append(line.text[match.start("name") :])
            signer = signer or match.group("name")
            if signed_at is None:
                signed_at = len(closer.children)
        elif kind == "date-signature":
            dated = _matched(_DATE_SIGNATURE, line.text)
            dateline = Node("dateline", {}, [dated.group("date")])
            closer.children += [dateline, line.text[dated.end("date") : dated.start("sign")]]
            if signed:
                signed.append(Node("lb"))
            elif signed_at is None:
                signed_at = len(closer.children)
            signed.append(dated.group("sign"))
        elif kind in ("dateline", "dateline-place"):
            if dateline is not None and closer.children and closer.children[-1] is dateline:
                dateline.children.extend([Node("lb"), line.text])
            else:
                dateline = Node("dateline", {}, [line.text])
                closer.children.append(dateline)
        else:
            if signed:
                signed.append(Node("lb"))
            elif signed_at is None:
                signed_at = len(closer.children)  # the signature keeps its place before a later date
            name = _PAREN_NAME.match(line.text)
            plain = _SIGNED_PREFIX.sub("", line.text)
            if kind in ("register", "role-text", "sign", "typist"):
                signed.append(line.text)
            elif kind == "role-and-name":
                rn = _matched(_ROLE_AND_NAME, line.text)
                before_name = line.text[: rn.start("name")]
                if rn.group("role"):
                    signed.append(Node("roleName", {}, [rn.group("role")]))
                    signed.append(before_name[len(rn.group("role")) :])
                else:
                    signed.append(before_name)
                signed.append(rn.group("name"))
                signer = rn.group("name")[1:-1].strip()
            elif kind in ("pname", "pname-signed"):
                signer = signer or plain
                signed.append(line.text)
            elif name or kind in ("name", "caps-name") or _SIGNATURE_NAME.fullmatch(line.text):
                signer = name.group("name") if name else plain
                signed.append(line.text)
            elif kind == "weak" and not is_caps(line.text):
                # a plain line: the signer unless a name has been found ("B. Name" / "Head of …")
                signer = signer or plain
                signed.append(line.text)
            else:
                signed.append(Node("roleName", {}, [line.text]))
    if signed:
        if not signer:  # a role alone is not a signature
            signed = [c.text() if isinstance(c, Node) and c.tag == "roleName" else c for c in signed]
        closer.children.insert(len(closer.children) if signed_at is None else signed_at, Node("signed", {}, signed))
    if signer and (signer.lower() in ("[signature]", "[signed]", "(signature)", "signature", "signed")):
        signer = None
    if signer:
        signer = re.sub(r"\s*\[[^\[\]]{1,40}\]$", "", signer)  # "FILIPPOV [Stalin]": the name signed
    if signer and _LETTER_SPACED.match(signer):
        signer = signer.replace(" ", "").rstrip(".,")
    return lines[:k], closer, signer


# --- opener and head -------------------------------------------------------------------------


def _piece_probe(piece: str) -> tuple[str, str]:
    """An opener piece as (bare: its text without full stops and spaces around it, probe: what the
    mark patterns are tried on — bare without `!` and the parentheses around it)."""
    bare = piece.rstrip(".").strip()
    probe = bare.rstrip("!").strip()
    if probe.startswith("(") and probe.endswith(")"):
        probe = probe[1:-1].strip()
    return bare, probe


def _telegram_mark(probe: str) -> bool:
    """The kind of telegram (`Ciphered Telegram No. 5`, `Addis Abeba Instant Message`)."""
    return _TELEGRAM_KIND.match(probe) is not None or _PLACE_TELEGRAM.match(probe) is not None


def _classify_piece(piece: str, fmt: RecordFormat) -> Node | None:
    """An opener piece as the mark it is (`seg` of a classification, copy, pages or telegram; `idno`
    of a register number), a new Node each call, or None. The same piece is classified several times
    per line (whole, split at marks, in runs of words) and across records: its kind is kept."""
    kind = _piece_kind(piece, fmt)
    return None if kind is None else Node(kind[0], {"type": kind[1]}, [kind[2]])


@_kept_per_format
def _piece_kind(piece: str, fmt: RecordFormat) -> tuple[str, str, str] | None:
    """(element, type, text) of the mark an opener piece is, or None (see _classify_piece)."""
    bare, probe = _piece_probe(piece)
    if probe.lower() in fmt.classification_marks_lower:
        return ("seg", "classification", bare)
    if _COPY.match(probe):
        return ("seg", "copy", bare)
    if not probe.endswith(":"):
        # `Single copy`, `2 pages`: the format's own marks (`Produced in 9 copies for:` heads the
        # list of whom the copies went to: not a lone mark). One joined pattern per kind: every line.
        for kind in ("copy", "pages"):
            search = fmt.opener_seg_search.get(kind)
            if search is not None and search(probe):
                return ("seg", kind, bare)
    if _REGISTER.match(probe):
        return ("idno", "register", bare)
    if _telegram_mark(probe) or _TELEX_MARK.match(piece.strip()):
        return ("seg", "telegram", piece.strip() if _TELEX_MARK.match(piece.strip()) else bare)
    if _FILE_SIGN.match(probe) or _NUMBER_YEAR.match(probe):
        return ("idno", "register", bare)
    if _FILE_NUMBER.match(probe) and not is_date_line(probe):
        return ("idno", "register", bare)
    if _OFFICE_FILE_NUMBER.match(probe):
        return ("idno", "register", bare)
    return None


# `Q36RA`: a telegram's code group of capitals and digits, last in a run of opener marks
_CODE_GROUP = re.compile(r"(?=[A-Z]*\d)(?=\d*[A-Z])[A-Z0-9]{4,10}")


def _mark_run(text: str, fmt: RecordFormat) -> list[Node | str] | None:
    """`gvs-t-b 7/111- 25/88 First copy 1 page`: opener marks run together with only spaces between
    them (columns of the page typed as one line) -> [mark, " ", mark, …], cut where every piece is a
    mark, fewest pieces first; None when no such cut exists. Short lines only: a sentence is no run."""
    words = text.split()
    if not 2 <= len(words) <= 10 or len(text) > 100:
        return None
    # best[k]: the fewest marks covering words[:k] (None: no cover)
    best: list[list[Node] | None] = [[]] + [None] * len(words)
    for end in range(1, len(words) + 1):
        for start in range(end):
            covered = best[start]
            if covered is None or (best[end] is not None and len(covered) + 1 >= len(best[end] or [])):
                continue
            node = _classify_piece(" ".join(words[start:end]), fmt)
            if node is None and start > 0 and end == len(words) and _CODE_GROUP.fullmatch(words[start]):
                node = Node("idno", {"type": "register"}, [words[start]])  # `… Top Urgent Q36RA`
            if node is not None:
                best[end] = [*covered, node]
    marks = best[-1]
    if not marks or len(marks) < 2:
        return None
    out: list[Node | str] = []
    for node in marks:
        out += [" ", node] if out else [node]
    return out


def _split_mark_prefix(text: str, fmt: RecordFormat) -> str:
    """ "Top Secret Copy Nº 2" -> "Top Secret, Copy Nº 2": a classification mark run into the next
    mark with no separator, so each part is classified on its own. A line that is one mark as a whole
    (`Special no. 550`, a register number) stays whole."""
    if _classify_piece(text, fmt) is not None:
        return text
    lower = text.lower()  # (once, not once per mark)
    if not lower.startswith(fmt.classification_mark_starts):
        return text  # (most lines: one test instead of one per mark)
    for mark, starting, _ in fmt.classification_mark_edges:
        if lower.startswith(starting) and _classify_piece(text[len(mark) + 1 :], fmt):
            return f"{text[: len(mark)]}\x00{text[len(mark) + 1 :]}"
    return text


# `Received: …`, `Taken into process:`, `[Urgency Level]: …`: a labelled field of a telegram form (the
# label before the first colon, in the translator's brackets or not)
_FORM_FIELD = re.compile(
    r"^(?P<open>\[)?(?P<label>[A-Z][\w’'.-]*(?: [\w’'.-]+){0,3}?)(?(open)\])\s*:(?:\s+(?P<value>\S.*))?$"
)
# `To: The Foreign Minister From: Ambassador Katori`: a second field on the same line
_SECOND_FIELD = re.compile(r"\s(?=(?:From|To|FROM|TO|Sent|Received|Dispatched)\s*:\s)")


def _field_kind(text: str, fmt: RecordFormat) -> str | None:
    """The opener part a telegram form's labelled field (`Label: value`) stands for: a seg/@type
    (`received`, `sent`, `to` …) by the format's opener patterns, `dateline` for a `Date:` field, or
    None for a line that is no such field."""
    m = _FORM_FIELD.match(text)
    if m is None or len(text) > 160:
        return None
    label = m.group("label").lower()
    if fmt.meeting_labels.get(label) == "date":
        return "dateline"
    if label in ("from", "to"):
        return label
    return _preamble_seg_kind(text, fmt)


def _form_fields(lines: list[Line], i: int, fmt: RecordFormat) -> tuple[list[Node | str], int] | None:
    """A telegram form's labelled fields on line i (TEI 4.2.1 opener): each field one part —
    `seg[@type]` (`Processed: …` received, `Dispatched: …`, `Sending: …` sender), a `Date: …` field a
    dateline; two fields on one line (`To: X From: Y`) two parts; a label alone (`Received:`) takes
    its value from the next line unless that line is a field itself. (parts, next i), or None."""
    text = lines[i].text
    if text.endswith(":") and _list_label(text, fmt):
        return None  # `Written: in six copies:` over the names of those who got them: a list
    pieces = _SECOND_FIELD.split(text)
    found = [_field_kind(piece, fmt) for piece in pieces]
    kinds = [kind for kind in found if kind]
    if len(kinds) != len(pieces):
        return None
    j = i + 1
    value: list[Node | str] = []
    nxt = _next(lines, i)
    if (
        len(pieces) == 1
        and text.endswith(":")
        and nxt is not None
        and len(nxt.text) <= 60
        and not nxt.text.endswith(":")
        and _field_kind(nxt.text, fmt) is None
        and _running_text_follows(lines, i + 1)
    ):
        value = [Node("lb"), nxt.text]
        j += 1
    parts: list[Node | str] = []
    for piece, kind in zip(pieces, kinds):
        if parts:
            parts.append(" ")
        if kind == "dateline":
            parts.append(Node("dateline", {}, [piece]))
        else:
            parts.append(Node("seg", {"type": kind}, [piece]))
    last = parts[-1]
    assert isinstance(last, Node)
    last.children += value
    return parts, j


# what parts the marks of an opener line (_opener_line), kept in the split: the dot of an abbreviation before a
# number (`No. 5`, `orig. No. 5`) ends no mark; `375/1962/Top Secret`: a slash before the last word or two parts
# the number from the mark; \x00: where _split_mark_prefix cut a mark from the next
_OPENER_SEPARATORS = re.compile(
    r"((?<!No)(?<!no)(?<!Nr)(?<!N°)(?<!rig)(?<!Ref)\.\s+|,\s+|\x00|(?<=\d)/(?=[A-Z][a-z]+(?: [A-Z][a-z]+)?!?(?:\.\s|\.?$)))"
)
_MODERN_YEAR = re.compile(r"(?:19|20)\d\d")


def _opener_line(text: str, fmt: RecordFormat) -> list[Node | str] | None:
    """Classification, copy and register marks on one line ("Top Secret. Copy N° 2"), or None."""
    parts = _OPENER_SEPARATORS.split(_split_mark_prefix(text, fmt))
    out: list[Node | str] = []
    for i, part in enumerate(parts):
        if i % 2 == 1:
            out.append(" " if part == "\x00" else part)
            continue
        if not part:
            continue
        node = _classify_piece(part, fmt)
        if node is None and len(parts) > 1 and _MODERN_YEAR.fullmatch(part):
            node = Node("idno", {"type": "register"}, [part])  # `96/7/Top Secret. 1956. I/3.`: the file's year
        run = None if node is not None else _mark_run(part, fmt)
        if node is None and run is None:
            return None
        out.extend([node] if node is not None else run or [])
        if part.endswith(".") and i == len(parts) - 1:
            out.append(".")
    return out


_DATE_PLACE = re.compile(rf"^(?P<date>.+?)\s+(?P<place>[{UPPER}][\w'’-]+(?:\s+[{UPPER}][\w'’-]+){{0,2}})$")


def _dateline_and_marks(text: str, fmt: RecordFormat) -> list[Node | str] | None:
    """`“15” January 1963 Copy No. 1`: a date, then opener marks on the same line (columns of the page
    run together) -> [dateline, " ", marks…]; else None."""
    if len(text) > 120 or not any(ch.isdigit() for ch in text):
        return None  # a short line of the page's top: never tried at each space of a long paragraph
    for cut in [m.start() for m in re.finditer(r" ", text)]:
        # the date first: one anchored match where it fails (most cuts), where the marks are a split and a
        # classification of every piece
        if is_date_line(text[:cut]):
            marks = _opener_line(text[cut + 1 :], fmt)
            if marks:
                return [Node("dateline", {}, [text[:cut]]), " ", *marks]
    return None


def _dateline(text: str) -> Node | None:
    """`9 June 1961`, `Berlin, 4 May 1965`, `November 20, 1986    Ulaanbaatar`: a place and date line;
    `____ April 1958`, the day left blank on the form, too; a note's mark after it (`… 1968[1]`) is kept."""
    if text.endswith("]") and (mark := re.search(r"\[\d{1,3}\]$", text)):
        return Node("dateline", {}, [text]) if _dateline(text[: mark.start()]) else None
    if is_date_line(text) or text.startswith("_") and is_date_line(text.lstrip("_ ")):
        return Node("dateline", {}, [text])
    m = _PLACE_DATE.match(text)
    if m and is_date_line(m.group("date")):
        return Node("dateline", {}, [text])
    # the place's last character ends the line: a line ending otherwise (a sentence's full stop) is spared the
    # pattern, which tries the place after every space of it
    m = _DATE_PLACE.match(text) if text[-1:].isalnum() or text[-1:] in ("_", "'", "’", "-") else None
    if m and is_date_line(m.group("date")):
        return Node("dateline", {}, [text])
    return None


def _supplied_dateline(text: str) -> Node | None:
    """`[Prague, Czechoslovakia]`, `[2 November 1961]`: the place or date of the document supplied by
    the editor in one bracket — a dateline (TEI 4.2.2), its bracket kept as the editor's addition.
    A place counts only when the gazetteer knows its first part (the city) and the parts after it
    (`Czechoslovakia`, a state of the past the gazetteer lacks) are a few capitalised words."""
    if not (text.startswith("[") and text.endswith("]")) or _bracket_depth(text) != 0 or "[" in text[1:-1]:
        return None
    inside = text[1:-1].strip()
    if not inside or len(inside) > 80:
        return None
    if _dateline(inside) is not None:
        return Node("dateline", {}, [text])
    places = [part.strip() for part in inside.split(",")]
    if (
        len(places) <= 3
        and places[0].lower() in _known_places()
        and all(0 < len(part.split()) <= 3 and all(w[:1].isupper() for w in part.split()) for part in places[1:])
    ):
        return Node("dateline", {}, [text])
    return None


def _supplied_office(lines: list[Line], i: int, fmt: RecordFormat) -> bool:
    """`[Czechoslovak Ministry of Foreign Affairs]` alone in one bracket right over the document's
    heading: the issuing body, supplied by the editor — an opener part, not a paragraph."""
    text = lines[i].text
    if not (text.startswith("[") and text.endswith("]")) or _bracket_depth(text) != 0 or "[" in text[1:-1]:
        return False
    if not _preamble_line(text[1:-1].strip()) or i + 1 >= len(lines):
        return False
    return _kind_heading_at(lines, i + 1, fmt) or _head_line(lines[i + 1].text, lines, i + 1, fmt)


def _institution_line(text: str, fmt: RecordFormat) -> bool:
    """`USSR EMBASSY IN THE DPRK`, `Ministry of Foreign Affairs`: who sends the document, not its title."""
    if len(text) > 80:
        return False  # (before the words are made: most lines of a record are longer)
    words = {w.strip(".,:;()[]").lower() for w in text.split()}  # `[Embassy of …]`: supplied by the editor
    if not words & fmt.institution_words:
        return False
    if text.endswith(".") and not text.endswith(".."):
        # `The Embassy of the Hungarian People's Republic.`: a full stop after a name is no sentence
        return _preamble_line(text[:-1])
    return not text.endswith((".", ":", "!"))


def _editorial_line(text: str) -> bool:
    """A line that is one bracket of the editor's description (`[Four pages … follow …]`)."""
    return (
        text.startswith("[")
        and text.endswith("]")
        and _bracket_depth(text) == 0
        and "[" not in text[1:-1]
        and is_description(text[1:-1].strip())
    )


def _bracket_line(text: str) -> bool:
    """A line that is one bracket (`[faded stamp: …]`, `[…]`): a mark on the page, kept where it stands."""
    return (
        text.startswith("[")
        and text.endswith("]")
        and _bracket_depth(text) == 0
        and bool(is_description(text[1:-1].strip()) or re.fullmatch(r"\[[.…\s]+\]", text))
    )


def _stamped_line(text: str) -> bool:
    """`EMBASSY OF THE USSR [Ministry … stamp: Incoming No. 0412s …]`: a short line of the page's top
    with a stamp described in brackets run into it (columns flattened), not running text."""
    spans = top_level_brackets(text)
    if not spans or _bracket_depth(text) != 0:
        return False
    outside = "".join(text[b:a] for (_, b), (a, _) in zip([(0, 0), *spans], [*spans, (len(text), 0)]))
    described = any(
        is_description(re.sub(r"\[[^\[\]]*\]", "", text[a + 1 : b - 1]))
        or any(is_description(text[a + 1 : b - 1][c + 1 : d - 1]) for c, d in top_level_brackets(text[a + 1 : b - 1]))
        for a, b in spans
    )
    words = outside.strip()
    return described and 0 < len(words) <= 80 and not words.endswith((".", "?", ";"))


def _meeting_line(text: str, fmt: RecordFormat) -> bool:
    """`Place: Kremlin`, `TIME: 10 a.m.`, `Date and Time: …` — where and when a meeting took place."""
    m = re.match(r"^(?P<label>[A-Za-z][A-Za-z ]{1,20}?)\s*:\s*\S", text)
    return bool(m and m.group("label").lower() in fmt.meeting_labels)


def _meeting_dateline(text: str, fmt: RecordFormat) -> bool:
    """`Time: 3 p.m., 12 May 1965`, `Place: Lounge, …`: a meeting line that says when or where (ENCODING §8)."""
    if ":" not in text or not _meeting_line(text, fmt):
        return False
    return fmt.meeting_labels.get(text.split(":", 1)[0].strip().lower()) in ("place", "time", "date")


_LIST_LABEL = re.compile(r"^(?P<label>[A-Z][\w ,'’()-]{2,60}?)\s*:\s*(?P<rest>.*)$")


def _list_label(text: str, fmt: RecordFormat) -> tuple[str, str] | None:
    """(the kind of list a label line opens, the items on its own line), or None. `Copies to: …`,
    `Present:`; `Written: in six copies:` heads the list of whom the copies went to."""
    if text.endswith(":") and text.count(":") == 2:
        whole = text[:-1].strip()
        for kind, patterns in fmt.list_label_patterns.items():
            if any(re.fullmatch(p, whole) for p in patterns):
                return kind, ""
    m = _LIST_LABEL.match(text) if ":" in text else None  # most lines have no colon: no scan at all
    if not m:
        return None
    label = m.group("label").lower()
    for kind, labels in fmt.list_labels.items():
        if label in (lb.lower() for lb in labels) or any(
            re.fullmatch(p, m.group("label")) for p in fmt.list_label_patterns.get(kind, ())
        ):
            return kind, m.group("rest")
    return None


_SALUTE_START = re.compile(
    r"^[“\"]?(?:\[?To\]?|Dear|Esteemed|Respected|Honou?red|Deeply respected|Comrade|Comrades|Cde\.|Chairman|"
    r"Mr\.|Mrs\.|Sir|Gentlemen|Your Excellency|Excellency|Beloved)\b"
)


def _opening_salute(text: str, fmt: RecordFormat) -> bool:
    """`Dear Comrade Ambassador,`, `Respected comrades:`, `To the Ministry of Foreign Affairs:`."""
    if _OPEN_SALUTE.match(text):
        return True
    low = text.lower().lstrip('“"')
    if text.endswith((",", "!", ":")) and low.startswith(_lowered(fmt.opening_salutes)):
        return len(text) <= 100
    return bool(_SALUTE_START.match(text) and text.endswith((":", "!")) and len(text.split()) <= 14)


# `The Soviet Ambassador on the Ethiopian-Soviet relations:`: who speaks about what, leading into the
# text — a topic after `on`/`about`, not the name of an addressee
_LEAD_IN = re.compile(r"^\S.{0,100}?\s(?:on|about|concerning|regarding)\s+(?:the\s+)?\S.{0,100}:$")


def _preamble_line(text: str) -> bool:
    """A short line before the running text that no rule names (an office, an addressee line):
    an opener part, not a paragraph. A lead-in ending in `:` that names a topic is the text's own."""
    if _LEAD_IN.match(text):
        return False
    words = text.split()
    small = {"of", "the", "in", "to", "for", "and", "at", "on", "via", "from", "with", "by", "a", "an"}
    lower = [w for w in words if not w[:1].isupper() and not w[:1].isdigit() and w.lower() not in small]
    if _LETTER_SPACED.match(text):
        return True  # "B e r l i n" in an address block
    if text.startswith("(") and text.endswith(")"):
        text, words = text[1:-1], text[1:-1].split()  # "(Working Notes)"
        lower = [w for w in words if not w[:1].isupper() and not w[:1].isdigit() and w.lower() not in small]
    return (
        len(text) <= 70
        and len(words) <= 9
        and text[:1].isupper()
        and len(lower) <= 1
        and not text.endswith((".", "?", ";", ",", "…"))
        and not _NUMBERED.match(text)
        and not _BULLET.match(text)
        and not text.startswith("[")
    )


def _titles_and_names(text: str) -> bool:
    """`To Minister Endre Sík, D. Min. Károly Szarka.`: a short line of capitalised titles and names
    after its first word (no verb, no sentence) — an addressee line although it ends with a full stop."""
    words = text.split()[1:]
    return (
        len(text) <= 100
        and 2 <= len(words) <= 14
        and all(w[:1].isupper() or w in ("of", "the", "and", "in", "to", "for") for w in words)
    )


def _running_text_follows(lines: list[Line], i: int) -> bool:
    nxt = next((ln.text for ln in lines[i + 1 :] if not _PAGE_MARK.match(ln.text)), "")
    if not nxt or nxt[:1].islower():
        return False  # the line's sentence goes on: it is running text itself
    return any(len(ln.text) > 70 or ln.text.endswith((".", "?", ";")) for ln in lines[i + 1 : i + 40])


_JOINING_WORDS = frozenset(
    {"of", "on", "with", "for", "and", "between", "to", "in", "at", "by", "the", "about", "from"}
)


def _head_goes_on(previous: str, line: str) -> bool:
    """A heading line that ends with, or a next line that begins with, a joining word (`… AGREED
    BETWEEN` / `DIVISION CHIEF …`; `…` / `ON THE DRAFT …`): one heading over several lines."""
    if previous.endswith(_TERMINAL) or not previous.split() or not line.split():
        return False
    return previous.split()[-1].lower() in _JOINING_WORDS or line.split()[0].lower() in _JOINING_WORDS


def _head_line(text: str, lines: list[Line], i: int, fmt: RecordFormat) -> bool:
    """A document heading in capitals (`RECORD OF A CONVERSATION`), a `Subject:` line, or a
    letter-spaced title word (`N o t e`); one capitalised word stands alone only when a line of the
    same block continues it (`MINUTES` / `of the meeting …`)."""
    if _SUBJECT.match(text) or _ATTACHMENT_MARK.match(text):
        return True
    if _NUMBERED.match(text) or ((speaker := _SPEAKER.match(text)) and not is_caps(speaker.group("rest"))):
        return False
    continued = i + 1 < len(lines) and lines[i + 1].block == lines[i].block
    if _LETTER_SPACED.match(text):
        return text.replace(" ", "").rstrip(".:").lower() in fmt.document_kinds  # "N o t e", not "B e r l i n"
    if text.istitle() and text.rstrip(".:").lower() in fmt.document_kinds:
        # `Note` alone over the text: the kind of document as its heading, not a paragraph
        return not continued and _running_text_follows(lines, i)
    if not (is_caps(text) and len(text) <= 200):
        return False
    if text.rstrip(".:").lower() in fmt.document_kinds:  # REPORT, MINUTES, JOURNAL: the kind of document
        return True
    if _institution_line(text, fmt):
        return False
    # "BEIJING--", "MOSCOW, THE KREMLIN", "BEIJING - SOVIET AMBASSADOR": where it goes, not a title
    return len(text.split()) >= 2 and not re.search(r"[-–—]{2}$|,|\s[-–—]\s", text) or continued


def _head_wraps(lines: list[Line], i: int) -> bool:
    """A heading wrapped over blank lines (`Subject: The New York Trip` / `of President of the Cuban` /
    `Republic Dorticos`): line i goes on with the heading above it when that ends without
    punctuation and line i is short and unpunctuated, and either begins with a small joining word in
    lower case, or follows such a line and is a few capitalised words with running text after it."""
    prev, text = lines[i - 1].text, lines[i].text
    words = text.split()
    if (
        lines[i].block == lines[i - 1].block
        or prev.endswith(_TERMINAL)
        or text.endswith(_TERMINAL)
        or len(text) > 200
        or _dateline(text)
        or _NUMBERED.match(text)
    ):
        return False
    if len(text) > 80:
        # `N o t e` / `on the Farewell Visit of … between 11:00 and 12:30 hours`: a long subtitle
        # under a heading word, never under a heading of several words
        return words[0] in _JOINING_WORDS and len(prev.split()) == 1 or bool(_LETTER_SPACED.match(prev))
    if words[0] in _JOINING_WORDS:
        return True
    return (
        bool(prev.split())
        and prev.split()[0] in _JOINING_WORDS
        and len(words) <= 4
        and all(w[:1].isupper() for w in words)
        and _running_text_follows(lines, i)
    )


def _same_words(a: str, b: str) -> bool:
    return bool(a) and " ".join(a.lower().split()) == " ".join(b.lower().strip("*").split())


_WORD_RUN = re.compile(r"\w+")


def _title_words(text: str) -> str:
    return " ".join(_WORD_RUN.findall(text.lower()))


# the quoted subject that ends an archive title: `Cable from the Chinese Embassy in Mali, 'Views of …'`
_TITLE_SUBJECT = re.compile(r"""[,:]\s*['‘"“](?P<subject>[^'‘’"“”]*(?:['’]\w[^'‘’"“”]*)*)['’"”]\s*$""")


@lru_cache(maxsize=16)
def _title_subject(title: str) -> str:
    """The subject a title quotes at its end (`Cable from X, 'Reactions to China's Test (6)'` →
    `Reactions to China's Test (6)`), or "" when it quotes none. (Kept for the record's title, which
    _repeats_subject asks about for each of its first lines.)"""
    m = _TITLE_SUBJECT.search(title)
    return m.group("subject").strip() if m else ""


def _repeats_subject(title: str, text: str) -> bool:
    """The subject the title quotes, printed as a line of its own words (a cable's subject line under
    its register lines, `Reactions to China's Testing of an Atomic Bomb (6)`): the document's heading.
    Three words at least, so a short quoted word is no evidence."""
    subject = _title_subject(title)
    return len(subject.split()) >= 3 and _title_words(subject) == _title_words(text)


def _repeats_title(title: str, text: str) -> bool:
    """The record's title printed again at the top of the document: the same words, or nearly (the
    export's title adds or drops a small word: `to USSR MFA` / `to the USSR MFA`), maybe followed by
    the document's date (`Telegram from … to …, 18 October 1962`). A heading, not a paragraph."""
    if _same_words(title, text):
        return True
    if len(text) > 300 or text.endswith((".", "?", "!", ";", ":")):
        return False
    head, comma, tail = text.rpartition(",")
    if comma and is_date_line(tail.strip()):
        text = head
    wanted, printed = _title_words(title), _title_words(text)
    return len(wanted) >= 20 and fuzz.ratio(wanted, printed) >= 90


def _opener_and_head(lines: list[Line], document: Node, fmt: RecordFormat, title: str = "") -> tuple[int, str | None]:
    opener = Node("opener")
    docket_name = None
    head_seen = False
    opener_placed = False  # an opener already stands before the head: the schema allows one
    address_context = False
    dialogue = _speakers(lines, title)
    i = 0
    while i < len(lines):
        text = lines[i].text
        # one opener, before any paragraph, list or dateline of the text (TEI div content model)
        can_open = not (head_seen and opener_placed) and all(
            isinstance(c, Node) and c.tag in ("opener", "head") for c in document.children
        )
        if not head_seen and _DOCKET.match(text):
            docket = text
            rest = _DOCKET.sub("", text).strip()
            if not rest and i + 1 < len(lines) and lines[i + 1].block == lines[i].block:
                i += 1
                rest = lines[i].text
                docket = f"{text} {rest}"
            docket_name = _docket_author(rest, fmt)
            opener.children.append(Node("seg", {"type": "docket"}, [docket]))
            i += 1
            continue
        last = opener.children[-1] if opener.children else None
        if (
            isinstance(last, Node)
            and last.tag == "seg"
            and last.attrs.get("type") in ("addressee", "sender", "from", "to")
            and _address_goes_on(text)
        ):
            last.children += [Node("lb"), text]  # "To the Minister … of the Union" / "of Soviet Socialist Republics"
            i += 1
            continue
        page = _page_break(text) if can_open and not opener.children else None
        if page is not None:
            opener.children.append(page)  # `[Page 5]` over the opener: a break before its parts, no part
            i += 1
            continue
        parts = _opener_line(text, fmt) or _dateline_and_marks(text, fmt) if can_open else None
        if parts:
            _append_line(opener, parts)
            i += 1
            continue
        fields = _form_fields(lines, i, fmt) if can_open and ":" in text else None
        if fields:
            opener.children.extend(fields[0])
            address_context = True
            i = fields[1]
            continue
        if can_open and _stamped_line(text) and not _meeting_line(text, fmt) and _running_text_follows(lines, i):
            # an office's line with the stamps printed beside it
            opener.children.append(Node("seg", {"type": "sender"}, [text]))
            i += 1
            continue
        if can_open and not head_seen and _supplied_office(lines, i, fmt):
            # `[Communist Party of Czechoslovakia]` over the heading: the issuing body the editor supplied
            opener.children.append(Node("seg", {"type": "sender"}, [text]))
            i += 1
            continue
        if can_open and _bracket_line(text) and _running_text_follows(lines, i):
            _append_line(opener, [text])  # a stamp or handwriting among the opener's parts
            i += 1
            continue
        if not head_seen and (
            _same_words(title, text)
            or _repeats_subject(title, text)
            # nearly the title: only a line of its own, never the first line of a wrapped sentence
            or (i + 1 == len(lines) or lines[i + 1].block != lines[i].block)
            and _repeats_title(title, text)
        ):
            # the record's title printed again at the top of the document: its heading, once
            repeated: list[Node | str] = [text]
            i += 1
            while i < len(lines) and _same_words(title, lines[i].text):
                repeated += [Node("lb"), lines[i].text]
                i += 1
            if opener.children and not opener_placed and _repeats_subject(title, text):
                # a cable's subject line among its register lines: the heading goes first (TEI allows
                # head, then opener) and the opener stays open for the addressee lines below it
                document.children.append(Node("head", {}, repeated))
            else:
                opener, opener_placed = _place_head(opener, document, repeated, opener_placed)
            head_seen = True
            continue
        if (
            can_open
            and not head_seen
            and _institution_line(text, fmt)
            and not _SENT.match(text)  # "Came into the Deciphering Department …": a receipt, not who sends
            and not _ADDRESSEE.match(text)
            and not _FROM_TO.match(text)
            and not _meeting_line(text, fmt)  # "Place: Reception Room, Ministry of …" is where, not who
            and not _preamble_seg_kind(text, fmt)  # `One to Embassy`: where a copy went, not who sends
        ):
            # under `To Yugoslav Embassy` the further offices are addressees too
            addressed = isinstance(last, Node) and last.tag == "seg" and last.attrs.get("type") in ("to", "addressee")
            taken = _institution_block(lines, i, fmt, "addressee" if addressed else "sender")
            if taken:
                parts, i = taken
                _append_line(opener, parts)
                continue
        # the opener's lines up to a salutation a few lines on ("from Tallinn, …" / an address / "Dear …!")
        if can_open and not head_seen:
            taken = _lines_to_salute(lines, i, fmt, address_context, dialogue, title)
            if taken:
                parts, i = taken
                opener.children.extend(parts)
                break
        if head_seen and not can_open and _after_head_line(text, lines, i):
            # the place under a journal's head ("Pyongyang"), an omission: the entry's date follows
            opener = _flush(opener, document)
            if _ONE_CAPITALISED_WORD.fullmatch(text):
                document.children.append(Node("dateline", {}, [text]))
            else:  # an omission between head and date: a gap, which TEI allows among the div's top parts
                document.children.append(Node("gap", {"reason": "omitted"}, [Node("desc", {}, [text])]))
            i += 1
            continue
        dateline = _dateline(text) or _supplied_dateline(text)
        if dateline:
            if head_seen and can_open and opener.children:
                opener.children.append(dateline)  # an opener after the head is still open
            elif head_seen or not can_open:
                opener = _flush(opener, document)  # what was gathered stays before the dateline
                document.children.append(dateline)
            else:
                opener.children.append(dateline)
            address_context = True
            i += 1
            continue
        if can_open and _meeting_label_alone(text, lines, i, fmt):
            # "PLACE:" alone, its value on the next line: one meeting line
            text = f"{text} {lines[i + 1].text}"
            i += 1
        if can_open and fmt.recorder_line_pattern and fmt.recorder_line_pattern.match(text):
            opener.children.append(Node("seg", {"type": "meeting"}, [text]))
            i += 1
            continue
        if can_open and _meeting_line(text, fmt):
            label = text.split(":", 1)[0].strip().lower()
            if fmt.meeting_labels.get(label) in ("place", "time", "date"):
                opener.children.append(Node("dateline", {}, [text]))
            else:  # interpreter, recorder: who took part in the record's making
                opener.children.append(Node("seg", {"type": "meeting"}, [text]))
            i += 1
            continue
        if can_open:
            if _REPLY_TO.match(text):
                opener.children.append(Node("idno", {"type": "reference"}, [text]))
                i += 1
                continue
            if _SENT_BY.match(text):
                opener.children.append(Node("seg", {"type": "transmitted"}, [text]))
                i += 1
                continue
            if any(p.search(text) for p in fmt.opener_seg_patterns.get("distribution", ())):
                opener.children.append(Node("seg", {"type": "distribution"}, [text]))
                i += 1
                continue
            if (
                len(text) <= 100
                and not text.endswith(":")  # `Written: in four copies:` labels a list
                and not _list_label(text, fmt)
                and (kind := _preamble_seg_kind(text, fmt))
            ):
                # a line the format's patterns name (`Level: Urgent`, `Foreign Ministry Incoming (64) …`)
                opener.children.append(Node("seg", {"type": kind}, [text]))
                i += 1
                continue
            m = _FROM_TO.match(text)
            short = len(text) <= 50 and len(text.split()) <= 6  # "From Hanoi.", "To Comrade X."
            if (
                _ADDRESSEE.match(text)
                and (short or not text.endswith(".") or _titles_and_names(text))
                and not text.endswith(":")
            ):
                opener.children.append(Node("seg", {"type": "addressee"}, [text]))
                address_context = True
                i += 1
                continue
            # `From…New Delhi…dispatched on … hours...`: dots that trail off end no sentence
            if m and (short or not text.endswith(".") or text.endswith("...")) and not text.endswith(":"):
                opener.children.append(Node("seg", {"type": m.group("kind").lower()}, [text]))
                # the sender is named by "From …": the unlabelled lines after it name the addressee
                address_context = True
                i += 1
                continue
            if sent := _SENT.match(text):
                # the type from the label alone: `Received:12 May` has no space after its colon
                kind = sent.group("kind").split()[0].lower()
                kind = _SENT_KINDS.get(kind, kind)
                if kind == "sent" and re.match(r"^Sent to\b", text, re.IGNORECASE) and opener.children:
                    kind = "transmitted"  # passed on after receipt, not the dispatch
                opener.children.append(Node("seg", {"type": kind}, [text]))
                address_context = True
                i += 1
                continue
            if _opening_salute(text, fmt) and not _list_label(text, fmt) and not _dialogue_turn(lines, i, dialogue):
                opener.children.append(Node("salute", {}, [text]))
                i += 1
                break
        listed = _list_label(text, fmt)
        if listed and can_open and listed[0] == "participants" and _meeting_parts(opener):
            block = _participants_among_meeting_lines(lines, i, fmt)
            if block:
                # Time: / Place: / Participants: … / Interpreter: — one meeting block, all of it opener
                seg, i = block
                opener.children.append(seg)
                continue
        if listed:
            if opener.children:
                opener_placed = True
            opener = _flush(opener, document)
            i = _take_list(lines, i, listed, document, fmt)
            head_seen = True
            continue
        if can_open and not head_seen and address_context and _addressee_code_name(text, fmt, lines, i):
            # after the dispatch and receipt lines, `FENG XI [STALIN]` over the text: whom it is for
            opener.children.append(Node("seg", {"type": "addressee"}, [text]))
            i += 1
            continue
        if not head_seen and _head_line(text, lines, i, fmt):
            head: list[Node | str] = [text]
            i += 1
            while (
                i < len(lines)
                and (
                    lines[i].block == lines[i - 1].block
                    # a heading in capitals printed over several blank-separated lines
                    or is_caps(text)
                    and is_caps(lines[i].text)
                    and len(lines[i].text) <= 200
                    and _head_goes_on(lines[i - 1].text, lines[i].text)
                )
                and not _dateline(lines[i].text)
                and len(lines[i].text) <= 200
                and not _NUMBERED.match(lines[i].text)
                and not _opener_line(lines[i].text, fmt)
                and (
                    is_caps(lines[i].text)
                    or lines[i].text[:1].islower()
                    or lines[i].text[:1].isdigit()
                    and not lines[i - 1].text.endswith(_TERMINAL)
                    or len(head) == 1
                    and not is_caps(text)
                )
                and not _opening_salute(lines[i].text, fmt)
                or i < len(lines)
                and _head_wraps(lines, i)
            ):
                head += [Node("lb"), lines[i].text]
                i += 1
            if is_caps(text):
                i = _head_subtitle(lines, i, head)
            opener, opener_placed = _place_head(opener, document, head, opener_placed)
            head_seen = True
            continue
        if not head_seen and _kind_heading_at(lines, i, fmt) and _running_text_follows(lines, i):
            # "Conversation in Pyongyang", "Note on the talks with …": what the document is, a heading
            heading: list[Node | str] = [text]
            i += 1
            while i < len(lines) and _kind_heading(lines[i].text, fmt, False) and _running_text_follows(lines, i):
                heading += [Node("lb"), lines[i].text]  # "Consultations with X 21-24 April" / "About Y"
                i += 1
            opener, opener_placed = _place_head(opener, document, heading, opener_placed)
            head_seen = True
            continue
        if (
            can_open
            and _preamble_line(text)
            and not _speaker_turn(text, set())
            and not _SPEAKER_ALONE.match(text)
            and _running_text_follows(lines, i)
        ):
            opener.children.append(Node("seg", {"type": _preamble_kind(text, fmt, address_context)}, [text]))
            i += 1
            continue
        break
    _flush(opener, document)
    return i, docket_name


def _meeting_parts(opener: Node) -> bool:
    """Does the opener so far hold meeting lines only (`Time: …`, `Place: …`, `Interpreter: …`)?"""
    return bool(opener.children) and all(
        isinstance(c, Node)
        and (c.tag == "dateline" or c.tag == "seg" and c.attrs.get("type") == "meeting")
        and ":" in c.text()
        for c in opener.children
    )


def _participants_among_meeting_lines(lines: list[Line], i: int, fmt: RecordFormat) -> tuple[Node, int] | None:
    """The participant lists of a meeting block when further meeting lines follow them (`Time:` /
    `Place:` / `Participants:` / sides / `Interpreter:` / `Recorder:`): the block is the division's
    preliminary group, and TEI allows an opener only before any list (4.2), so the lists go into the
    opener inside one `seg[@type="participants"]` (a seg may hold a list) — nothing moves. Returns
    (the seg, the index after the lists), or None when no meeting line follows them."""
    taken = Node("seg", {"type": "participants"})
    while i < len(lines) and (listed := _list_label(lines[i].text, fmt)) and listed[0] == "participants":
        i = _take_list(lines, i, listed, taken, fmt)
    if i >= len(lines) or not _meeting_line(lines[i].text, fmt):
        return None
    tags = [c.tag for c in taken.children if isinstance(c, Node)]
    if "p" in tags[tags.index("list") :] if "list" in tags else True:
        return None  # a label with no list under it, or words after a list: no list block to keep
    # `Participants:` alone over the sides' lists is no paragraph inside the seg but its label (an
    # element, so the seg holds elements only and is laid out a part a line, words kept apart)
    taken.children = [
        Node("label", {}, child.children) if isinstance(child, Node) and child.tag == "p" else child
        for child in taken.children
    ]
    return taken, i


def _kind_heading(text: str, fmt: RecordFormat, first: bool) -> bool:
    """`Conversation in Pyongyang`, `Record of a Conversation with …`, `About Ethiopia Consultation`: a
    line in mixed case begun by a kind of document and a joining word, or by `About`/`Concerning` — the
    document's heading, not who sends it. The record's first line may end with a full stop
    (`Minutes of conversation between …, Bucharest, 15 March 1967.`)."""
    words = text.split()
    if first and text.endswith(".") and not text.endswith(".."):
        text = text[:-1]
    return (
        2 <= len(words) <= (40 if first else 14)
        and len(text) <= 250
        and (
            words[0].lower() in fmt.document_kinds
            and words[1].lower() in _JOINING_WORDS
            or words[0] in ("About", "Concerning", "Regarding")
            and words[1][:1].isupper()
        )
        and not is_caps(text)
        and not text.endswith((".", "?", "!", ";", ":", ","))
    )


def _kind_heading_at(lines: list[Line], i: int, fmt: RecordFormat) -> bool:
    """Line i as a document's heading (`_kind_heading`), also when it stands alone in its block with a
    longer title (`Record of Conversation with …` naming all the visitor's offices) or ends with a
    comma that the place and date on the next line complete (`Record of Visit of X,` / `[Prague]`)."""
    text = lines[i].text
    if _kind_heading(text, fmt, i == 0):
        return True
    alone = (i == 0 or lines[i - 1].block != lines[i].block) and (
        i + 1 >= len(lines) or lines[i + 1].block != lines[i].block
    )
    if not alone or len(text.split()) > 40:
        return False
    nxt = lines[i + 1].text if i + 1 < len(lines) else ""
    if text.endswith(","):
        if not (_dateline(nxt) or _supplied_dateline(nxt)):
            return False
        text = text[:-1]
    return _kind_heading(text, fmt, True)


def _address_goes_on(text: str) -> bool:
    """A short line begun by a small joining word in lower case (`of Soviet Socialist Republics`): the
    rest of the address line above it, wrapped by the export."""
    words = text.split()
    return (
        bool(words) and words[0] in _JOINING_WORDS and len(text) <= 80 and not text.endswith((".", "?", "!", ";", ":"))
    )


def _addressee_code_name(text: str, fmt: RecordFormat, lines: list[Line], i: int) -> bool:
    """`FENG XI [STALIN]`: a name in capitals (two words or more, or with the editor's bracket), no
    document kind (`MEMORANDUM`), right over the running text — the telegram's addressee."""
    bare = re.sub(r"\s*\[[^\[\]]{1,40}\]$", "", text)
    if not _caps_name(text) or (len(bare.split()) < 2 and bare == text):
        return False
    if any(word.lower().strip(".,") in fmt.document_kinds for word in bare.split()):
        return False
    return _running_text_follows(lines, i)


def _dialogue_turn(lines: list[Line], i: int, dialogue: set[str]) -> bool:
    """`Comrade Petrov:` alone on a line in a record where that speaker speaks again (or several
    speak in that shape): a speaker turn, not a letter's salutation."""
    m = _SPEAKER_ALONE.match(lines[i].text)
    return bool(m and m.group("speaker") in dialogue and _speaker_alone(lines[i].text, _next(lines, i), dialogue))


def _next(lines: list[Line], i: int) -> Line | None:
    return lines[i + 1] if i + 1 < len(lines) else None


def recorder_lines(blocks: list[Block], fmt: RecordFormat) -> list[str]:
    """Lines of the document saying who took the minutes (`(Minutes taken by X)`, `Recorded by X`),
    without their parentheses: they give a respStmt in the header (TEI 2.2.1), not an author."""
    if fmt.recorder_line_pattern is None:
        return []
    return [
        line.strip().strip("()").strip()
        for block in blocks
        for line in block.lines
        if fmt.recorder_line_pattern.match(line.strip())
    ]


# `Comrade Erich Honecker`: a form of address and a name alone over the text — whom the letter is for
_ADDRESS_FORM = re.compile(
    r"^(?:Comrade|Comrades|Cde\.|Comr\.|Mr\.|Mrs\.|Ms\.|Herr|Frau|Genosse|Genossin)\s+"
    rf"[{UPPER}][\w'’.-]*(?:\s+[{UPPER}][\w'’.-]*){{0,3}}$"
)


def _preamble_seg_kind(text: str, fmt: RecordFormat) -> str | None:
    """The seg/@type the format's opener patterns give a line (`FYI: …` distribution, `Single copy`
    copy, `Processed: …` received), or None."""
    return next((kind for kind, search in fmt.opener_seg_search.items() if search(text)), None)


def _labelled_field(text: str, fmt: RecordFormat) -> bool:
    """A header line `Label: value` (the label in the translator's brackets or not, at most four words)
    that names no one by its label: not `To:`/`From:`, not a meeting line, not a speaker (`Comrade X: …`)
    nor a form of address. Such a line is a part of the opener on its own (TEI 4.2.1), typed by its label
    (`_preamble_seg_kind`) or `field`, never a sender or addressee guessed from its place."""
    m = _FORM_FIELD.match(text)
    if m is None or m.group("value") is None or len(text) > 160:
        return False
    label = m.group("label")
    return (
        len(label.split()) <= 4
        and label.lower() not in ("to", "from", "for", "attn", "attention", "cc")
        and not fmt.meeting_labels.get(label.lower())
        and not _ADDRESS_FORM.match(label)
        and not _TITLED_SPEAKER.match(label)
        and not _SPEAKER.match(text)
        and not _SUBJECT.match(text)
    )


def _preamble_kind(text: str, fmt: RecordFormat, address_context: bool) -> str:
    """The seg/@type of an unlabelled opener line (TEI 4.2.1): a distribution (`FYI: …`) or copy
    (`Single copy`) line by the format's patterns; a form of address and a name (`Comrade X`) is the
    addressee; else the addressee once the sender is known (after `From …`, a dispatch line or a
    date), else the sender."""
    kind = _preamble_seg_kind(text, fmt)
    if kind:
        return kind
    if _labelled_field(text, fmt):
        return "field"  # `Attachments: none`: what its label says, never a guessed sender or addressee
    marked = re.split(r"\s*[—–]\s*|\s-\s", text, maxsplit=1)
    if (
        len(marked) == 2
        and marked[0].lower() in fmt.classification_marks_lower
        and len(marked[1].split()) <= 3
        and not re.search(r"\d|[—–]|\s-\s|\b(?:from|to|for)\b", marked[1], re.IGNORECASE)
    ):
        # `CONFIDENTIAL—URGENT SUBSTITUTION`: the mark and how to handle it (`Urgent - From the
        # Korea Desk - No (63) 395` names who sends it: no mark alone)
        return "classification"
    if re.match(r"^(?:to|To|TO)\s", text) or _ADDRESSEE.match(text) or _ADDRESS_FORM.match(text):
        return "addressee"
    if re.match(r"^(?:from|From|FROM)\s", text):
        return "from"
    return "addressee" if address_context else "sender"


def _meeting_label_alone(text: str, lines: list[Line], i: int, fmt: RecordFormat) -> bool:
    """`PLACE:` alone on its line with its value on the next (`Kremlin`)."""
    nxt = _next(lines, i)
    return (
        text.endswith(":")
        and text[:-1].strip().lower() in fmt.meeting_labels
        and nxt is not None
        and len(nxt.text) <= 120
        and not nxt.text.endswith(":")
    )


def _trailing_mark(text: str, fmt: RecordFormat) -> tuple[str, str] | None:
    """`in the MPR Secret` -> (`in the MPR`, `Secret`): a classification mark printed at the end of
    another opener line (two columns of the page run together)."""
    lower = text.lower()  # (once, not once per mark)
    if not lower.endswith(fmt.classification_mark_ends):
        return None  # (most lines: one test instead of one per mark)
    for mark, _, ending in fmt.classification_mark_edges:
        if lower.endswith(ending) and len(text) > len(mark) + 1:
            return text[: -len(mark) - 1].rstrip(), text[-len(mark) :]
    return None


def _institution_block(
    lines: list[Line], i: int, fmt: RecordFormat, kind: str = "sender"
) -> tuple[list[Node | str], int] | None:
    """An institution line (`Embassy of the USSR`) and its continuation lines in lower case
    (`in the MPR`), a classification mark run onto the last one kept apart: (opener parts, the
    institution a seg of `kind`; next i), or None when running text does not follow (then the line
    is the text's own)."""
    texts = [lines[i].text]
    j = i + 1
    while (
        j < len(lines)
        and lines[j].block == lines[j - 1].block
        and lines[j].text[:1].islower()
        and len(lines[j].text) <= 60
        and not lines[j].text.endswith((".", ";", ","))
    ):
        texts.append(lines[j].text)
        j += 1
    if not _running_text_follows(lines, j - 1):
        return None
    mark = _trailing_mark(texts[-1], fmt)
    if mark:
        texts[-1] = mark[0]
    seg: list[Node | str] = []
    for t in texts:
        seg += [Node("lb"), t] if seg else [t]
    parts: list[Node | str] = [Node("seg", {"type": kind}, seg)]
    if mark:
        parts += [" ", Node("seg", {"type": "classification"}, [mark[1]])]
    return parts, j


def _lines_to_salute(
    lines: list[Line], i: int, fmt: RecordFormat, address_context: bool, dialogue: set[str], title: str = ""
) -> tuple[list[Node | str], int] | None:
    """Short lines that no rule names followed, within a few lines, by a salutation (`Dear Comrades!`):
    the letter's opener (TEI 4.2.1) — a place and date, its addressee, the salute — not paragraphs.
    (opener parts, index after the salute) or None."""
    instruction = False
    for j in range(i, min(i + 6, len(lines))):
        text = lines[j].text
        if title and _repeats_subject(title, text):
            return None  # the document's heading comes between: the lines above it are the opener
        if _opening_salute(text, fmt) and not _list_label(text, fmt) and not _dialogue_turn(lines, j, dialogue):
            break
        if j == i and _marginal_instruction(lines, i):
            instruction = True
            continue
        if len(text) > 160 or text.endswith((".", "?", ";")) or _NUMBERED.match(text) or _speaker_turn(text, dialogue):
            return None
    else:
        return None
    if j == i or not _running_text_follows(lines, j):
        return None
    if instruction and not re.match(r"^\[?To\]?\s", lines[j].text):
        return None  # a sentence before `Dear …,` is the letter's own text
    parts: list[Node | str] = []
    for k in range(i, j):
        text = lines[k].text
        if instruction and k == i:
            parts.append(Node("seg", {"type": "instruction"}, [text]))
            continue
        dateline = _dateline(text)
        marks = _opener_line(text, fmt)
        if (
            dateline is None
            and not marks
            and parts
            and lines[k].block == lines[k - 1].block
            and isinstance(parts[-1], Node)
            and parts[-1].tag == "seg"
            and parts[-1].attrs.get("type") in ("addressee", "sender", "from")
            and not _labelled_field(text, fmt)  # `[Urgency Level]: Urgent` under the sender: a part of its own
        ):
            parts[-1].children += [Node("lb"), text]  # one address over several lines
            continue
        if dateline is not None or marks:
            if parts:
                parts.append(" ")
            parts.extend([dateline] if dateline is not None else marks or [])
        else:
            parts.append(Node("seg", {"type": _preamble_kind(text, fmt, address_context)}, [text]))
        address_context = True
    parts.append(Node("salute", {}, [lines[j].text]))
    return parts, j + 1


def _marginal_instruction(lines: list[Line], i: int) -> bool:
    """`Please have the Second Department study this and reply.`: one short sentence alone in its block
    at the top, over the addressee line — an instruction written on the document, not its text."""
    text = lines[i].text
    alone = (i == 0 or lines[i - 1].block != lines[i].block) and (
        i + 1 >= len(lines) or lines[i + 1].block != lines[i].block
    )
    return alone and len(text) <= 120 and text.endswith(".") and text[:1].isupper()


def _head_subtitle(lines: list[Line], i: int, head: list[Node | str]) -> int:
    """A heading in capitals goes on over blank lines with a line that begins with a joining word
    (`RECORD OF CONVERSATION` / `with the Prime Minister …`) and then the name it leads to in
    capitals (`J. DAMBADORJ`): one head, its lines joined with lb (TEI 4.2.1). Returns the next index."""
    joined = False
    while i < len(lines):
        text = lines[i].text
        words = text.split()
        if (
            not joined
            and words
            and words[0] in _JOINING_WORDS
            and len(text) <= 200
            and not text.endswith((".", "?", "!", ";"))
            and not _dateline(text)
        ):
            joined = True
        elif joined and len(text) <= 60 and (_caps_name(text) or _SIGNATURE_NAME.fullmatch(text)) and is_caps(text):
            head += [Node("lb"), text]
            return i + 1
        else:
            return i
        head += [Node("lb"), text]
        i += 1
    return i


def _after_head_line(text: str, lines: list[Line], i: int) -> bool:
    """Between a head and the entry's date line: a lone place name or an omission bracket."""
    if not (_ONE_CAPITALISED_WORD.fullmatch(text) or re.fullmatch(r"\[[.…\s]+\]", text)):
        return False
    return any(_dateline(ln.text) for ln in lines[i + 1 : i + 3])


def _docket_author(rest: str, fmt: RecordFormat) -> str | None:
    """The journal's owner after "from the journal of": the name only ("P. F. Name, 12 March 1955,
    Top Secret" -> "P. F. Name"); none when the line holds stamps or other columns."""
    if not rest or "[" in rest or "]" in rest:
        return None
    name = rest.split(",")[0].strip()
    if len(name.split()) > 6 or not name[:1].isupper():
        return None
    return name


def _place_head(opener: Node, document: Node, head: list[Node | str], placed: bool) -> tuple[Node, bool]:
    """The opener gathered so far, then the head: (the next, empty opener; whether an opener now
    stands before the head)."""
    placed = placed or bool(opener.children)
    opener = _flush(opener, document)
    document.children.append(Node("head", {}, head))
    return opener, placed


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


_SIDE_LABEL = re.compile(
    rf"^(?:[-–•]\s*)?(?:(?:From|On|For)\s+(?:the\s+)?[{UPPER}][\w'’ -]{{1,50}}|(?:The\s+)?[{UPPER}][\w'’-]+(?:\s+[{UPPER}][\w'’-]+)?\s+[Ss]ide)\s*:",
    re.IGNORECASE,
)


def _field_line(text: str) -> bool:
    """`Subject: …`, `Time: …`: a labelled line that ends a list (a side, `From Romania: …`, does not)."""
    if _SIDE_LABEL.match(text):
        return False
    return bool(_SUBJECT.match(text) or re.match(r"^[A-Z][A-Za-z ]{1,25}:\s+\S", text))


def _item_line(text: str) -> bool:
    """One participant or addressee per line: short, no sentence; or a side with its people."""
    return (
        len(text) <= 120 and not text.endswith((".", "?", "!")) or bool(_BULLET.match(text) or _SIDE_LABEL.match(text))
    )


def _last_item_before_field(lines: list[Line], i: int) -> bool:
    """`Embassy Department.` over `Subject: …`: the list's last item, its full stop closing the list —
    a few words, then a labelled line (`Subject:`), not running text."""
    nxt = _next(lines, i)
    return len(lines[i].text.split()) <= 5 and nxt is not None and bool(_SUBJECT.match(nxt.text))


def _number_value(text: str) -> int | None:
    m = _NUMBERED.match(text)
    if m is None:
        return None
    n = m.group("n")
    return int(n) if n.isdigit() else _roman(n)


def _numbering_restarts(items: list[str], text: str) -> bool:
    """A numbered line whose number is not above the last numbered item's (`I.` after `I.`–`III.`):
    the sections the agenda announced begin, the list has ended."""
    value = _number_value(text)
    last = next((v for v in (_number_value(t) for t in reversed(items)) if v is not None), None)
    return value is not None and last is not None and value <= last


def _plain_item(line: Line, fmt: RecordFormat) -> bool:
    """A line that can only be one more item of a list (`Winston Lord, Director, Policy Planning Staff`):
    short, no sentence, no label, speaker, date or number of its own."""
    text = line.text
    return (
        len(text) <= 250
        and not text.endswith((".", "?", "!", ":", ";"))
        and not _field_line(text)
        and not _meeting_line(text, fmt)
        and not _list_label(text, fmt)
        and not _speaker_turn(text, set())
        and not _dateline(text)
        and not _NUMBERED.match(text)
    )


def _further_item_groups(lines: list[Line], i: int, items: list[str], fmt: RecordFormat) -> int:
    """Participants in groups separated by blank lines (one group a side, the side unnamed): a further
    block of two or more item lines belongs to the list when a labelled line (`DATE AND TIME: …`,
    `PLACE: …`, another list) or the end follows it — then the block is no paragraph. Adds its lines
    to `items`; returns the index after the last group taken."""
    while i < len(lines) and items:
        k = i
        while k < len(lines) and lines[k].block == lines[i].block:
            k += 1
        after = lines[k].text if k < len(lines) else ""
        if not (
            2 <= k - i <= 30
            and all(_plain_item(ln, fmt) for ln in lines[i:k])
            and (not after or _field_line(after) or _meeting_line(after, fmt) or bool(_list_label(after, fmt)))
        ):
            break
        items.extend(ln.text for ln in lines[i:k])
        i = k
    return i


def _side_heading(text: str, fmt: RecordFormat) -> bool:
    """`From Seoul`, `The Korean side`: a side's heading without a colon (the format's side headings)."""
    return any(p.fullmatch(text) for p in fmt.side_heading_patterns)


def _further_sides(lines: list[Line], i: int, items: list[str], fmt: RecordFormat) -> int:
    """Further blocks of a list grouped by side, each begun by its side's heading and holding only
    item lines (`From Pyongyang` / two names): added to `items`; returns the index after them."""
    while i < len(lines) and lines[i].block != lines[i - 1].block and _side_heading(lines[i].text, fmt):
        k = i + 1
        while k < len(lines) and lines[k].block == lines[i].block:
            k += 1
        if k - i < 2 or not all(_plain_item(ln, fmt) for ln in lines[i + 1 : k]):
            break
        items.extend(ln.text for ln in lines[i:k])
        i = k
    return i


def _sides(items: list[str], fmt: RecordFormat) -> list[tuple[str, list[str]]]:
    """The items of a list begun by a side's heading cut at each heading: [(heading, members)], or []
    when fewer than two sides or a side without members show (then nothing tells a heading from a
    participant, and the list stays one)."""
    sides: list[tuple[str, list[str]]] = []
    for item in items:
        if _side_heading(item, fmt):
            sides.append((item, []))
        else:
            sides[-1][1].append(item)
    return sides if len(sides) >= 2 and all(members for _, members in sides) else []


def _list_item(text: str) -> Node:
    """One item of a list; a numbered one keeps its number as @n."""
    m = _NUMBERED.match(text)
    return Node("item", {"n": m.group("n")}, [text]) if m else Node("item", {}, [text])


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
        i < len(lines)
        and lines[i].block == block
        and len(lines[i].text) <= 250
        and not _list_label(lines[i].text, fmt)
        and not _field_line(lines[i].text)
        and not _numbering_restarts(items, lines[i].text)
    ):
        items.append(lines[i].text)
        i += 1
    # participants separated by blank lines: one short line per block, up to the running text
    if not rest:
        while (
            i < len(lines)
            and lines[i].block != lines[i - 1].block
            and (i + 1 >= len(lines) or lines[i + 1].block != lines[i].block)
            and (_item_line(lines[i].text) or _last_item_before_field(lines, i))
            and not lines[i].text.endswith(":")
            and not _field_line(lines[i].text)
            and not _list_label(lines[i].text, fmt)
            and not _speaker_turn(lines[i].text, set())
            and not _dateline(lines[i].text)
            and not _numbering_restarts(items, lines[i].text)
            and len(items) >= 1
        ):
            items.append(lines[i].text)
            i += 1
    i = _further_item_groups(lines, i, items, fmt)
    if not rest and items and _side_heading(items[0], fmt):
        i = _further_sides(lines, i, items, fmt)
        sides = _sides(items, fmt)
        if sides:
            # `From Seoul` / names / `From Pyongyang` / names: a list a side, as `The Soviet side:` makes
            container.children.append(Node("p", {}, [label_line.text]))
            for side, members in sides:
                container.children.append(
                    Node("list", {"type": kind}, [Node("head", {}, [side]), *map(_list_item, members)])
                )
            return i
    head_text = label_line.text[: len(label_line.text) - len(rest)].rstrip() if rest else label_line.text
    node = Node("list", {"type": kind}, [Node("head", {}, [head_text]), *map(_list_item, items)])
    if len(node.children) > 1:
        container.children.append(node)
    else:
        container.children.append(Node("p", {}, [label_line.text]))
    return i


# --- the main text ---------------------------------------------------------------------------


def _speakers(lines: list[Line], title: str = "") -> set[str]:
    """Mixed-case speaker labels ("Castro: …") count when a speaker speaks twice, or when two or
    more people speak in turns of that shape (a dialogue), or when the record's title names the
    speaker with a name of two words or more (`Zhou Enlai: …` once in `Discussion between Zhou Enlai
    and Pham Hung`); so do `Name. …` turns in a dialogue, and initials-only labels (`K.: …`) when two or more
    such speakers take turns (TEI P5 3.13.2)."""
    counts: dict[str, int] = {}
    dotted: dict[str, int] = {}
    initials: dict[str, int] = {}
    supplied = 0
    for line in lines:
        mixed_label, dotted_label, initials_label, supplied_label = _turn_labels(line.text)
        if mixed_label:
            counts[mixed_label] = counts.get(mixed_label, 0) + 1
        if dotted_label:
            dotted[dotted_label] = dotted.get(dotted_label, 0) + 1
        if initials_label:
            initials[initials_label] = initials.get(initials_label, 0) + 1
        supplied += supplied_label
    speakers = {s for s, n in counts.items() if n >= 2 or _TITLED_SPEAKER.match(s) or _named_in_title(s, title)}
    # a name's bracketed other form (`Pak Se-chang [Pak Se Chang]`) does not make the label long
    if len(counts) >= 2 and all(len(_BRACKETED_TAIL.sub("", s).split()) <= 4 for s in counts):
        speakers |= set(counts)
    if sum(dotted.values()) >= 3 and max(dotted.values(), default=0) >= 2:
        speakers |= {f"dot:{s}" for s in dotted}
    if len(initials) >= 2:  # `K.: …` and `M.: …`: two speakers named by initials alone, a dialogue
        speakers |= {f"{_INITIALS_TURNS}{s}" for s in initials}
    if supplied >= 2:
        speakers.add(_SUPPLIED_NAME_TURNS)
    return speakers


@lru_cache(maxsize=1024)
def _turn_labels(text: str) -> tuple[str | None, str | None, str | None, bool]:
    """The speaker labels a line may open with, as _speakers counts them: (mixed-case label, `Name.`
    label, initials-only label, whether it opens with a supplied first name `[Oskar] Fischer.`), each
    None (False) when it has none. Kept per text: a document's lines are counted twice, for its opener
    (_opener_and_head) and again for its text (_main), the same lines but the opener's; _document empties
    the cache after them (a record's lines, however long, are not kept past its parse)."""
    mixed = dotted = initials = None
    if _TURN_SEP.search(text) or text.endswith(":"):  # else no label of any shape (see _TURN_SEP)
        m = _MIXED_SPEAKER.match(text) or _SPEAKER_ALONE.match(text)
        if m and "rest" in m.groupdict() and m.group("rest")[0].islower():
            m = None  # `General Assembly: the next session …`: a sentence goes on, no one speaks
        if m and not _not_a_speaker(m.group("speaker")) and not _field_word(m.group("speaker")):
            mixed = m.group("speaker")
        d = _DOT_SPEAKER.match(text)
        if d and not _NUMBERED.match(text) and not _not_a_speaker(d.group("speaker")):
            dotted = d.group("speaker")
        i = _INITIALS_SPEAKER.match(text)
        if i and not _not_a_speaker(i.group("speaker")):
            initials = i.group("speaker")
    return mixed, dotted, initials, _SUPPLIED_NAME_SPEAKER.match(text) is not None


def _named_in_title(speaker: str, title: str) -> bool:
    """The label is a name of two words or more that the record's title names as a whole word run."""
    return len(speaker.split()) >= 2 and bool(re.search(rf"(?<!\w){re.escape(speaker)}(?!\w)", title))


def _field_word(speaker: str) -> bool:
    """`Time`, `Place of meeting`: a field label, not a person."""
    return speaker.lower() in {
        "time",
        "place",
        "date",
        "location",
        "venue",
        "subject",
        "agenda",
        "present",
        "original language",
        "original languages",
        "contents",
        "summary",
        "citation",
        "credits",
        "source",
        "speaker",
        "speakers",
        "invited",
        "commenters",
        "chaired",
        "presiding",
        "reporter",
        "rapporteur",
        "observer",
        "observers",
        "translation",
        "translator",
        "interpreter",
        "interpretation",
        "documentation",
        "recorder",
        "note-taker",
        # a telegram form's fields (`Processed: …`, `Dispatched: …`): when and where it went
        "processed",
        "dispatched",
        "sent",
        "received",
        "arrived",
        "completed",
        "sending",
        "primary",
        "written",
        "transmitted",
        "deciphered",
    }


def _speaker_turn(text: str, mixed: set[str]) -> re.Match | None:
    if _SUPPLIED_NAME_TURNS in mixed and text.startswith("["):
        supplied = _SUPPLIED_NAME_SPEAKER.match(text)
        if supplied:
            return supplied
    if not _TURN_SEP.search(text):
        return None  # no separator a label could end in
    if _NUMBERED.match(text):
        return None  # `III. Miscellaneous`: a numeral, not a speaker in capitals
    for pattern in (_SPEAKER, _SIDE_SPEAKER):
        m = pattern.match(text)
        if (
            m
            and not is_caps(m.group("rest"))
            and not _not_a_speaker(m.group("speaker"))
            and (m.group("sep").strip() == ":" or pattern is _SPEAKER and _has_caps_word(m.group("speaker")))
        ):
            return m
    m = _MIXED_SPEAKER.match(text)
    if m and m.group("speaker") in mixed and not _field_word(m.group("speaker")):
        return m
    d = _DOT_SPEAKER.match(text)
    if d and f"dot:{d.group('speaker')}" in mixed:
        return d
    i = _INITIALS_SPEAKER.match(text)
    if i and f"{_INITIALS_TURNS}{i.group('speaker')}" in mixed:
        return i
    return None


def _not_a_speaker(speaker: str) -> bool:
    """A label that names no one: a word of _NOT_SPEAKERS (`Note:`), or a classification mark of any
    record format (`SECRET.`, `TOP SECRET.`, `Strictly Confidential:` head a document, nobody speaks them)."""
    return _speaker_word(speaker) in _NOT_SPEAKERS or speaker.strip(" .!:").lower() in _classification_marks()


@cache
def _classification_marks() -> frozenset[str]:
    """The classification marks of every record format this installation knows, in lower case."""
    return frozenset().union(*(record_format(name).classification_marks_lower for name in format_names()))


_BRACKETED_TAIL = re.compile(r"\s*[\[(].*$")  # a label's bracketed other form and what follows it


def _speaker_word(speaker: str) -> str:
    return _BRACKETED_TAIL.sub("", speaker).split()[-1].strip(".").title() if speaker.split() else ""


def _has_caps_word(speaker: str) -> bool:
    """A name in capitals (`KHRUSHCHEV.`): the only form where a full stop may end a speaker label."""
    return any(len(w.strip(".")) >= 3 and w.strip(".").isupper() for w in speaker.split())


def _speaker_alone(text: str, nxt: Line | None, mixed: set[str]) -> re.Match | None:
    """`Comrade Petrov:` or `ZHOU ENLAI:` alone on a line, the speech on the next."""
    if not text.endswith(":"):
        return None
    m = _SPEAKER_ALONE.match(text)
    if not m or nxt is None or _not_a_speaker(m.group("speaker")):
        return None
    speaker = m.group("speaker")
    known = (
        _has_caps_word(speaker)
        or speaker in mixed
        or re.match(r"^(?:Comrade|Cde\.|Comr\.|Mr\.)\s", speaker)
        or _INITIALS.match(speaker)
    )
    if known and (nxt.text[:1].isupper() or nxt.text[:1] in '“"[('):
        return m
    return None


def _main(lines: list[Line], document: Node, fmt: RecordFormat, title: str = "") -> None:
    container = document
    mixed = _speakers(lines, title)
    paragraph: Node | None = None
    prev: Line | None = None
    pending_pb: list[Node] = []
    used_n: set[str] = set()
    all_ones = _every_point_one(lines)
    ones_seen = 1  # the first `1.` is section 1 by the usual sequence
    last_n: dict[str, int] = {}
    i = 0
    while i < len(lines):
        line = lines[i]
        text = line.text
        page = _page_break(text)
        if page:
            pending_pb.append(page)
            i += 1
            continue
        if (
            container is document
            and _meeting_dateline(text, fmt)
            and all(isinstance(c, Node) and c.tag in _TOP for c in document.children)
        ):
            # `Time: …` / `Place: …` right under the head, before the text: when and where (ENCODING §8)
            container.children.extend(pending_pb)
            pending_pb = []
            container.children.append(Node("dateline", {}, [text]))
            paragraph, prev = None, None
            i += 1
            continue
        if _OFFICE_FILE_NUMBER.match(text):
            # `(60) Wai Ban Zi No. 45` in the text: the office's file reference (idno), no list label
            container.children.extend(pending_pb)
            pending_pb = []
            container.children.append(Node("p", {}, [Node("idno", {"type": "register"}, [text])]))
            paragraph, prev = None, None
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
        if numbered and (_is_numbered_list(lines, i) or _is_short_numbered_run(lines, i)):
            node = Node("list", {"type": "numbered"})
            run = _numbered_run(lines, i)
            for k in range(i, i + run):
                node.children.append(
                    Node("item", {"n": _matched(_NUMBERED, lines[k].text).group("n")}, [lines[k].text])
                )
            i += run
            container.children.extend(pending_pb + [node])
            pending_pb, paragraph, prev = [], None, None
            continue
        if _BULLET.match(text) and _bullet_run(lines, i) >= 2:
            run = _bullet_run(lines, i)
            node = Node("list", {"type": "bulleted"}, [Node("item", {}, [ln.text]) for ln in lines[i : i + run]])
            i += run
            container.children.extend(pending_pb + [node])
            pending_pb, paragraph, prev = [], None, None
            continue
        if _letter_inside(lines, i, container, document):
            # `Dear Comrades!` after text of the record: a letter or address inside it begins (TEI 4.2.1)
            letter = Node("div", {"type": "letter"}, [Node("opener", {}, [Node("salute", {}, [text])])])
            container.children.extend([*pending_pb, letter])
            container, paragraph, prev, pending_pb = letter, None, None, []
            i += 1
            continue
        if paragraph is not None and prev is not None and not numbered and _continues(prev, line):
            paragraph.children.extend([" ", *pending_pb, text])
            pending_pb = []
            prev = line
            i += 1
            continue
        section_n = _section_number(numbered, lines, i, used_n, last_n) if numbered else None
        if numbered and section_n is None and all_ones:
            # every point printed `1.` (a flattened HTML list): a section each, @n by position
            ones_seen += 1
            section_n = str(ones_seen) if str(ones_seen) not in used_n else None
            used_n.add(section_n or "")
        run = _restarted_run(lines, i) if numbered and not section_n and prev and prev.text.endswith(":") else 0
        if run:
            # `… the following questions:` / `1.` again after the sections 1-3: the points it announces
            # are a list of their own, not paragraphs nested in the last section
            items: list[Node | str] = [
                Node("item", {"n": _matched(_NUMBERED, ln.text).group("n")}, [ln.text]) for ln in lines[i : i + run]
            ]
            container.children.extend([*pending_pb, Node("list", {"type": "numbered"}, items)])
            pending_pb, paragraph, prev = [], None, None
            i += run
            continue
        alone = _speaker_alone(text, lines[i + 1] if i + 1 < len(lines) else None, mixed)
        if section_n and numbered:
            container = Node("div", {"type": "section", "n": section_n})
            document.children.append(container)
            number = text[: numbered.start("text")].rstrip()
            paragraph = Node("p", {}, [Node("label", {}, [number]), " ", numbered.group("text")])
        elif numbered:
            # a number out of sequence (`1.` again, an initial): a labelled paragraph, not a new section
            number = text[: numbered.start("text")].rstrip()
            paragraph = Node("p", {}, [Node("label", {}, [number]), " ", numbered.group("text")])
        elif alone:
            label = Node("label", {"type": "speaker"}, [alone.group("speaker") + alone.group("sep")])
            i += 1
            paragraph = Node("p", {}, [label, " ", lines[i].text])
            line = lines[i]
        elif _entry_date(lines, i):
            dateline = Node("dateline", {}, [text])
            if any(isinstance(c, Node) and c.tag in _COMMON for c in container.children):
                # the running text has begun: the date opens the next entry, a division of its own
                # named by the entry's date (the schema wants a section named by @n or a head)
                container = Node("div", {"type": "section", "n": _entry_day(text)}, [dateline])
                document.children.append(container)
            else:
                container.children.append(dateline)
            container.children.extend(pending_pb)
            pending_pb, paragraph, prev = [], None, None
            i += 1
            continue
        elif _section_head(text, lines, i, fmt, mixed) or _subheading(text, prev, lines, i, mixed):
            if container is not document and container.attrs.get("n") and not _section_head(text, lines, i, fmt, mixed):
                # a short heading inside a numbered section: a subsection of it
                sub = Node("div", {"type": "subsection"}, [Node("head", {}, [text])])
                container.children.append(sub)
                container = sub
            else:
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


def _entry_date(lines: list[Line], i: int) -> bool:
    """A journal or diary entry's date alone in its block (`6 February 1960`), text after it: the
    entry's dateline (TEI 4.2.1, dateline among a division's top parts). A date to the day only: a
    month or year alone is more often a heading or part of a sentence."""
    line = lines[i]
    if len(line.text) > 40:
        return False
    alone = (i == 0 or lines[i - 1].block != line.block) and (i + 1 < len(lines) and lines[i + 1].block != line.block)
    # the cheap tests before the date scan: most short lines are no date (a 50 MB record, issue 13)
    return (
        alone
        and _FOUR_DIGITS.search(line.text) is not None
        and is_date_line(line.text)
        and len(_entry_day(line.text)) == 10
    )


_FOUR_DIGITS = re.compile(r"\d{4}")


def _entry_day(text: str) -> str:
    """The ISO day of a date line (`6 February 1960` -> `1960-02-06`), or "" when it names no one day."""
    dates = find_dates(text.strip().rstrip("."), 2000)
    return dates[0].attrs.get("when", "") if len(dates) == 1 else ""


def _letter_inside(lines: list[Line], i: int, container: Node, document: Node) -> bool:
    """`Dear Comrades!`, `Respected Comrade Minister,` on a line of its own after the record's text has
    begun, running text after it: the salutation of a letter or speech the record holds (a report read
    out in minutes, an enclosure), which opens a division of its own."""
    text = lines[i].text
    return (
        len(text) <= 80
        and _OPEN_SALUTE.match(text) is not None
        and container.attrs.get("type") != "letter"
        and any(
            isinstance(c, Node) and c.tag in ("p", "list", "div") for c in (*document.children, *container.children)
        )
        and _running_text_follows(lines, i)
    )


def _every_point_one(lines: list[Line]) -> bool:
    """Two or more numbered paragraphs, every one numbered `1.` (an exported HTML list loses its
    numbers): the points are still a sequence."""
    numbers = [m.group("n") for ln in lines if (m := _NUMBERED.match(ln.text)) and len(ln.text) >= 60]
    return len(numbers) >= 2 and set(numbers) == {"1"}


def _section_head(text: str, lines: list[Line], i: int, fmt: RecordFormat, mixed: set[str]) -> bool:
    """A line in capitals heads a section only when it reads as a heading: two words or more, not a
    classification or telegram mark, not a signature, not a speaker, with text after it."""
    return (
        is_caps(text)
        and len(text) <= 120
        and len(text.split()) >= 2
        and not _speaker_turn(text, mixed)
        and not _opener_line(text, fmt)
        and not _caps_name(text)
        and not _SIGNATURE_NAME.fullmatch(text)
        and not text.endswith(":")
        and not re.search(r"[-–—]{2}$|,", text)
        and i + 1 < len(lines)
        and (len(lines[i + 1].text) >= 60 or lines[i + 1].text.endswith((".", "?", "!")))
        and not _opening_salute(lines[i + 1].text, fmt)
    )


_QUESTION_WORDS = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "do",
        "does",
        "did",
        "what",
        "how",
        "why",
        "when",
        "where",
        "who",
        "whom",
        "which",
        "can",
        "could",
        "will",
        "would",
        "should",
        "shall",
        "may",
    ]
)


# a line begun by a pronoun or article of a clause (`We agreed`, `This is all`) is a short sentence
_SENTENCE_STARTS = frozenset({"i", "we", "he", "she", "it", "they", "you", "this", "that", "these", "those", "there"})


def _subheading(text: str, prev: Line | None, lines: list[Line], i: int, mixed: set[str]) -> bool:
    """A short unpunctuated line between finished paragraphs ("Trade questions"): a section head."""
    if prev is None or len(text) > 60 or not text[:1].isupper():  # the cheap tests first: most lines
        return False
    if text.endswith(_TERMINAL) or text.endswith(","):
        return False  # a finished sentence: no heading (before the split, as most lines end so)
    words = text.split()
    return (
        # `Assessment of the position of the Italian Communist Party`: a longer heading joins its
        # words with small words in lower case; a line of capitalised words alone may be a name
        (1 <= len(words) <= 7 or len(words) <= 10 and sum(w in _JOINING_WORDS for w in words) >= 2)
        and ":" not in text  # `Venue: Fujian Room, …`: a labelled field, no heading
        # `… the following topics:` / the first topic; or after the editor's `[Four pages … follow]`
        and (prev.text.endswith((".", "!", "?", "”", '"', ":")) or _editorial_line(prev.text))
        and words[0].lower() not in _SENTENCE_STARTS
        and not _person_name_line(text)
        and i + 1 < len(lines)
        and len(lines[i + 1].text) >= 60
        and lines[i + 1].block != lines[i].block
        and words[0].lower() not in _QUESTION_WORDS
        and not _speaker_turn(prev.text, mixed)  # in a dialogue a short line is speech
        and not _BULLET.match(text)
        and not _speaker_turn(text, mixed)
        and not _SPEAKER_ALONE.match(text)
        and not _SIGNATURE_NAME.fullmatch(text)
    )


def _section_number(
    numbered: _NumberMatch, lines: list[Line], i: int, used: set[str], last: dict[str, int]
) -> str | None:
    """The section's @n when this number continues its sequence (1, 2, 3 … or I, II, III …) and has
    not been used: a repeated or out-of-order number never makes a second section with the same n."""
    n = numbered.group("n")
    system = "arabic" if n.isdigit() else "roman"
    value = int(n) if n.isdigit() else _roman(n)
    if value is None or n in used:
        return None
    expected = last.get(system, 0) + 1
    if (
        value != expected
        and not (system == "arabic" and not last and value <= 3)
        and not _numbering_switched(numbered, lines, i, last)
    ):
        return None
    if system == "roman" and len(n) == 1 and _ONE_NAME.match(numbered.group("text")):
        # "V. ORLOVSKY" or "I. Petrov" alone: a section only if the next numeral follows later
        following = _to_roman(value + 1)
        if not any(ln.text.startswith(following + ".") for ln in lines[i + 1 :]):
            return None
    used.add(n)
    last[system] = value
    return n


def _numbering_switched(numbered: _NumberMatch, lines: list[Line], i: int, last: dict[str, int]) -> bool:
    """`I.` then `2.`: the typist began in Roman numerals and went on in Arabic ones. The Arabic number
    continues the Roman sequence when no Arabic-numbered line came before it (else `I.` / `1.` / `2.`
    are points inside section I)."""
    n = numbered.group("n")
    if not n.isdigit() or "arabic" in last or last.get("roman") != int(n) - 1:
        return False
    return not any((m := _NUMBERED.match(ln.text)) and m.group("n").isdigit() for ln in lines[:i])


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


def _roman(n: str) -> int | None:
    total, prev = 0, 0
    for ch in reversed(n):
        v = _ROMAN.get(ch)
        if v is None:
            return None
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total if _to_roman(total) == n else None


def _to_roman(value: int) -> str:
    out = ""
    for v, s in ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while value >= v:
            out, value = out + s, value - v
    return out


def _numbered_run(lines: list[Line], i: int) -> int:
    """Consecutive numbered lines from i: within one block, or short lines across blocks."""
    block = lines[i].block
    run = 0
    same_block = _is_numbered_list(lines, i)
    while i + run < len(lines) and _NUMBERED.match(lines[i + run].text):
        if same_block and lines[i + run].block != block:
            break
        if not same_block and (len(lines[i + run].text) > 100 or lines[i + run].text.endswith((".", "!", "?"))):
            break
        run += 1
    return run


def _restarted_run(lines: list[Line], i: int) -> int:
    """How many numbered lines from i count 1, 2, 3 … with nothing between them (two or more), where
    the numbering starts again at 1; 0 for none."""
    k = i
    while k < len(lines) and (m := _NUMBERED.match(lines[k].text)) and _number_value(lines[k].text) == k - i + 1:
        if len(lines[k].text) > 600 or m.group("pn"):
            break
        k += 1
    return k - i if k - i >= 2 else 0


def _is_short_numbered_run(lines: list[Line], i: int) -> bool:
    """Two or more short numbered lines in a row, numbered in sequence (an agenda, a distribution
    list): a list, not sections — even when blank lines separate them."""
    values = []
    k = i
    while (
        k < len(lines)
        and _NUMBERED.match(lines[k].text)
        and len(lines[k].text) <= 100
        and not lines[k].text.endswith((".", "!", "?"))  # sentences are sections; agenda items are not
    ):
        n = _matched(_NUMBERED, lines[k].text).group("n")
        values.append(int(n) if n.isdigit() else _roman(n) or 0)
        k += 1
    if len(values) < 2 or values != list(range(values[0], values[0] + len(values))):
        return False
    # the run must end the numbering: a longer numbered paragraph right after it means sections
    return not (k < len(lines) and _NUMBERED.match(lines[k].text))


def _bullet_run(lines: list[Line], i: int) -> int:
    run = 0
    while i + run < len(lines) and _BULLET.match(lines[i + run].text) and len(lines[i + run].text) <= 400:
        run += 1
    return run


def _is_numbered_list(lines: list[Line], i: int) -> bool:
    """Two or more short numbered lines in one block are a list, not sections."""
    block = lines[i].block
    run = 0
    while i + run < len(lines) and lines[i + run].block == block and _NUMBERED.match(lines[i + run].text):
        if len(lines[i + run].text) > 300:
            return False
        run += 1
    if (
        run >= 2
        and _paragraph_per_line(lines, block)
        and all(ln.text.endswith((".", "!", "?")) for ln in lines[i : i + run])
    ):
        return False  # a single-newline layout: numbered sentences are points (sections), as with blank lines
    return run >= 2


def _paragraph_per_line(lines: list[Line], block: int) -> bool:
    """A block whose unnumbered lines are whole paragraphs (long, ending a sentence): the export put
    one paragraph on each line, with no blank line between them."""
    plain = [ln for ln in lines if ln.block == block and not _NUMBERED.match(ln.text)]
    return len(plain) >= 2 and all(len(ln.text) >= 60 and ln.text.endswith(_TERMINAL) for ln in plain)


def _continues(prev: Line, line: Line) -> bool:
    """Does `line` continue the paragraph `prev` ended? (a hard wrap, or a blank line mid-sentence)

    In one block, a short line without closing punctuation followed by a capital is a line of its
    own (single-newline exports), not a wrapped sentence."""
    if prev.text.endswith(_TERMINAL):
        return False
    first = line.text[0]
    if first.islower() or first in ",;)":
        return True
    return prev.block == line.block and len(prev.text) >= 60
