"""Editorial marks of the source -> TEI: [SIC], [him], […], [Page 2], [1] notes, foreign terms.

Anything in brackets the rules do not understand stays as literal text: nothing is lost.
"""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz

from ..brackets import is_description, top_level_brackets
from ..letters import UPPER
from ..model import Document, Node
from ..parse.body import PAGE_NUMBER
from .names import fold, vocabulary
from .walk import last_words_start, rewrite_text

_INLINE_PAGE = re.compile(r"\s?\((?:p|P|page|Page)\.?\s*(\d+)\)\s?")
# [...], […], [.…], [….], [. . . .]: an omission, however the dots are typed
_OMISSION = re.compile(r"^(?=.*(?:…|\.\s?\.))[.…\s]+$")
# a paragraph that is only dots (". . . ." between two parts of minutes): an omission too
_DOTS_ONLY = re.compile(r"^\s*(?:(?:\.\s*){3,}|…+\.*)\s*$")
# "[one word unclear]", "[two names illegible]", "[one line missing]", "[names of the others omitted]"
_UNREADABLE = re.compile(
    r"^(?:(?P<n>\d+|one|two|three|four|five|several|a few|some)\s+)?(?:[\w-]+\s+){0,5}?"
    r"(?:words?|names?|lines?|letters?|characters?|passages?|paragraphs?|participants?|sentences?)"
    r"(?:\s+[\w-]+){0,4}?\s+(?P<why>unclear|illegible|unreadable|missing|omitted|not legible|not deciphered)$",
    re.IGNORECASE,
)
_SIC = re.compile(r"^sic\b[!.]?\s*(?P<comment>.*)$", re.IGNORECASE)
_PAGE = re.compile(r"^(?:Page|page|PAGE|p\.|P\.)\s*(?P<n>[\w-]+)$")
_GAP_WORDS = re.compile(
    r"^(?P<what>(?:illegible\s+)?signature|signed|illegible|stamp|seal|handwritten(?: text)?|handwriting|illegible (?:word|words|text))$",
    re.IGNORECASE,
)
_GROUPS = re.compile(
    r"^(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|several)\s+(?:cipher\s+)?groups?\s+(?P<why>garbled|unrecovered|missing|undeciphered|not deciphered|illegible|omitted)$",
    re.IGNORECASE,
)
_NOTE_MARK = re.compile(r"^(?:\d{1,3}|[ivx]{1,5}|[a-z])$")
# an initial right before a bracket ("K.[udryavtsev]"): the bracket completes the name it abbreviates
_INITIAL_BEFORE = re.compile(rf"(?:^|[\s(“\"'‘])[{UPPER}]\.$")
# a name's initials right before a bracket ("Ya. R. [sic: R. Ya.] Malinovsky"); two-letter ones only as
# Cyrillic letters are transliterated (Ya, Ye, Yo, Yu, Zh, Sh, Ch, Kh, Ts), so `No. [sic]`, `Dr. [sic: Prof.]`
# are no initials
_INITIALS_END = re.compile(rf"(?:^|[\s(“\"'‘])(?:[{UPPER}]|Y[aeou]|[ZSCK]h|Ts)\.$")
_WORD_BEFORE = re.compile(r"(?P<word>[\w'’-]+)(?P<punct>[^\w\s]*)(?P<space>\s*)$")
_NAME_RUN_BEFORE = re.compile(rf"(?P<name>(?:[{UPPER}][\w'’-]*\.?\s+){{0,3}}[{UPPER}][\w'’-]*)\s*$")
_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
# Elements whose text may carry editorial marks.
_SKIP = frozenset({"foreign", "gap", "pb", "lb", "idno", "note", "sic", "supplied"})


def mark_editorial(doc: Document) -> Document:
    """Translator's and archivist's brackets and marks -> sic, supplied, gap, note, pb, foreign
    (TEI 3.5 "Simple editorial changes", 11.3); @resp points to the translator's respStmt. Returns the
    Document with its body and abstract rewritten and the decisions listed for editorialDecl.
    """
    translator = next((r.xml_id for r in doc.header.responsibilities if r.resp == "Translation" and r.xml_id), "")
    state = _State(doc=doc, resp=f"#{translator}" if translator else "", original=_original_lang(doc))
    body_text = doc.body.text() if doc.notes else ""  # read only when there are notes to look for
    state.bracketed = {m for m in doc.notes if f"[{m}]" in body_text}
    rewrite_text(doc.body, state.rewrite, _SKIP)
    unplaced = [m for m in doc.notes if m not in state.placed]
    for mark in unplaced:
        doc.warnings.append(f"note [{mark}] has no reference in the text: kept at the end of the document")
        doc.body.children.append(Node("note", {"place": "end", "n": mark}, state.note_content(mark)))
    if state.placed:
        doc.editorial.append(
            "Notes printed at the end of the record are moved to their reference marks (note[@place='foot'])."
        )
    if state.joined_words:
        doc.editorial.append("Letters the translator supplied inside a word are marked as supplied text.")
    return doc


def _original_lang(doc: Document) -> str:
    langs = [lang.code for lang in doc.header.original_languages if lang.code != "en"]
    return langs[0] if langs else "und"


# editorialDecl's line for a translator's note on a name's initials (entities.py reads it: the note stays
# inside the persName)
NOTE_ON_INITIALS = "A translator's note on a name's initials ([sic: …]) is kept as a note inside the name."


class _State:
    def __init__(self, doc: Document, resp: str, original: str):
        self.doc = doc
        self.resp = resp
        self.original = original
        self.placed: set[str] = set()
        self.bracketed: set[str] = set()  # marks the body prints in brackets
        self.joined_words = False

    def resp_attrs(self) -> dict:
        return {"resp": self.resp} if self.resp else {}

    def note_content(self, mark: str) -> list:
        holder = Node("note", {}, [self.doc.notes[mark]])
        rewrite_text(holder, lambda text, parent: self.brackets(text, notes=False), _SKIP)
        return holder.children

    def rewrite(self, text: str, parent: Node) -> list:
        lead = text.lstrip()[:1] if text[:1].isspace() else text[:1]
        if lead not in (".", "…") and "[" not in text and "(" not in text and not self.doc.notes:
            return [text]  # most strings: no mark, and no dots to read as a gap (the tests below need a lead dot)
        if "[" not in text and "(" not in text and not self.doc.notes:
            out: list = [text]  # no bracket, no inline page mark, no note to place: what the marks give back
        else:
            out = []
            for part in self.brackets(text, notes=True):
                out.extend(self.other_marks(part) if isinstance(part, str) else [part])
        if parent.tag == "p" and len(parent.children) == 1 and _DOTS_ONLY.match(text):
            return [Node("gap", {"reason": "omitted"})]
        if (
            parent.tag == "p"
            and out
            and isinstance(out[0], str)
            and out[0].startswith(("…", "..."))
            and parent.children
            and parent.children[0] is text
        ):
            m = re.match(r"^(?:…|\.\.\.)\s*", out[0])
            if m:  # a paragraph that opens with an ellipsis: the translator left something out
                out = [Node("gap", {"reason": "omitted"}), out[0][m.end() :], *out[1:]]
        return out

    # -- bracketed marks --
    def brackets(self, text: str, notes: bool) -> list:
        out: list = []
        pos = 0
        for start, end in top_level_brackets(text):
            content = text[start + 1 : end - 1]
            if not content.strip():
                continue  # "[]" marks nothing: it stays as printed
            before = text[pos:start]
            after_char = text[end : end + 1]
            if not before.strip() and not text[end:].strip() and _is_editorial_paragraph(content):
                # a whole paragraph in brackets, in sentences: the translator's or archivist's note
                node = Node("note", {"type": "editorial", **self.resp_attrs()}, [content])
            elif "[" in content or "]" in content:
                node, before = self.nested_bracket(content, before, after_char, notes)
            else:
                node, before = self.bracket(content, before, after_char, notes)
            if node is None:
                continue
            out.append(before)
            out.extend(node if isinstance(node, list) else [node])
            pos = end
        out.append(text[pos:])
        return out if len(out) > 1 else [text]

    def nested_bracket(self, content: str, before: str, after_char: str, notes: bool):
        """A bracket holding brackets: `[[x]]` is the mark `[x]` doubled; a description keeps its inner
        brackets as text (one note); otherwise the inner marks are read and the outer brackets stay."""
        inner = content.strip()
        if inner.startswith("[") and inner.endswith("]") and top_level_brackets(inner) == [(0, len(inner))]:
            return self.bracket(inner[1:-1], before, after_char, notes)
        if is_description(re.sub(r"\[[^\[\]]*\]", "", inner)) or any(
            is_description(inner[a + 1 : b - 1].strip()) for a, b in top_level_brackets(inner)
        ):
            # a description inside (a stamp's column run into another's): the whole bracket is one note
            return Node("note", {"type": "editorial", **self.resp_attrs()}, [content]), before
        return None, before

    def bracket(self, content: str, before: str, after_char: str, notes: bool):
        inner = content.strip()
        if _OMISSION.match(inner):
            return Node("gap", {"reason": "omitted"}), before
        unreadable = _UNREADABLE.match(inner)
        if unreadable:
            why = unreadable.group("why").lower()
            reason = {"unclear": "illegible", "unreadable": "illegible", "not legible": "illegible"}.get(why, why)
            reason = reason.replace(" ", "-")
            return Node("gap", {"reason": reason}, [Node("desc", {}, [inner])]), before
        sic = _SIC.match(inner)
        if sic:
            word = _WORD_BEFORE.search(before, last_words_start(before, 1))  # its match has no space inside
            if word and _INITIALS_END.search(before.rstrip()) and after_char == " ":
                # "Ya. R. [sic: R. Ya.] Malinovsky": the translator's word on the initials, inside the name
                if NOTE_ON_INITIALS not in self.doc.editorial:
                    self.doc.editorial.append(NOTE_ON_INITIALS)
                return Node("note", {"type": "editorial", **self.resp_attrs()}, [inner]), before
            if not word or word.group("punct"):
                return None, before
            nodes = [Node("sic", self.resp_attrs(), [word.group("word")])]
            if sic.group("comment"):
                nodes.append(Node("note", {"type": "editorial", **self.resp_attrs()}, [sic.group("comment")]))
            return nodes, before[: word.start()]
        page = _PAGE.match(inner)
        if page:  # `[page break]` names no page: a pb without @n (TEI 3.11.3), as on a line of its own
            return Node("pb", {"n": page.group("n")} if PAGE_NUMBER.fullmatch(page.group("n")) else {}), before
        gap = _GAP_WORDS.match(inner)
        if gap:
            what = gap.group("what").lower()
            reason = "signature" if "sign" in what else "illegible" if "illegible" in what else what.split()[0]
            return Node("gap", {"reason": reason}, [Node("desc", {}, [inner])]), before
        groups = _GROUPS.match(inner)
        if groups:
            n = groups.group("n").lower()
            attrs = {"reason": groups.group("why").lower().replace(" ", "-"), "unit": "group"}
            quantity = _NUMBERS.get(n, int(n) if n.isdigit() else None)
            if quantity is not None:
                attrs["quantity"] = str(quantity)
            return Node("gap", attrs, [Node("desc", {}, [inner])]), before
        if is_description(inner):
            return Node("note", {"type": "editorial", **self.resp_attrs()}, [content]), before
        # a longer number ([1000]) is a mark only when the record has a note so marked (parse.body)
        if _NOTE_MARK.match(inner) or (inner.isdigit() and inner in self.doc.notes):
            if notes and inner in self.doc.notes and inner not in self.placed:
                self.placed.add(inner)
                return Node("note", {"place": "foot", "n": inner}, self.note_content(inner)), before.rstrip()
            if inner.isdigit():
                return None, before  # a bracketed number with no note: keep it as printed
        if (
            before
            and before[-1].isalpha()
            or (after_char.isalpha() and before and not before[-1].isspace())
            or (_INITIAL_BEFORE.search(before[-3:]) and inner[:1].islower())
        ):  # "A[lexei]", "F[oreign] M[inistry]"; an initial's letters: "K.[udryavtsev]"
            self.joined_words = True
            return Node("supplied", {"reason": "expansion", **self.resp_attrs()}, [content]), before
        if _is_alternate_name(inner, before):
            return Node("supplied", {"reason": "alternate-name", **self.resp_attrs()}, [content]), before
        if _is_foreign(inner, before):
            return Node("foreign", {"xml:lang": self.original}, [content]), before
        return Node("supplied", {"reason": "clarification", **self.resp_attrs()}, [content]), before

    # -- marks outside brackets --
    def other_marks(self, text: str) -> list:
        if "(" not in text:
            return self.glued_notes(text)  # no inline page mark `(p. 3)`: most strings
        out: list = []
        pos = 0
        for m in _INLINE_PAGE.finditer(text):
            out.append(text[pos : m.start()] + (" " if m.group(0)[0].isspace() else ""))
            out.append(Node("pb", {"n": m.group(1)}))
            pos = m.end()
        out.append(text[pos:])
        result: list = []
        for part in out:
            result.extend(self.glued_notes(part) if isinstance(part, str) else [part])
        return result

    def glued_notes(self, text: str) -> list:
        """Note marks glued to a word ("JELEN1"), in parentheses ("(1)") or stars, where a note exists."""
        # a mark printed in brackets somewhere ("agreed.[1]") is placed there, never on a bare digit
        pending = [m for m in self.doc.notes if m not in self.placed and m not in self.bracketed]
        if not pending:
            return [text]
        for mark in pending:
            if mark not in text:
                continue  # every pattern below holds the mark as printed: a plain substring test first
            if mark.isdigit():
                # glued to a name in capitals ("JELEN1") or after a word's punctuation ("said.1"),
                # never inside a number ("Article 3.1"), a call ("f(1)") or a word ("MiG1", "x1");
                # "(1)" after a space or punctuation
                pattern = (
                    rf"(?:(?<=[^\W\d_])|(?<=[^\W\d_][.,;”\"]))(?<![A-Za-z]\.[A-Za-z]){mark}(?![\d.,]\d)(?!\d)"
                    rf"|(?:(?<=\s)|(?<=[.,;”\"]))\({mark}\)"
                )
            elif mark.startswith("*"):
                pattern = rf"(?<=\w){re.escape(mark)}(?!\*)"
            else:
                continue
            m = next((m for m in re.finditer(pattern, text) if _mark_stands_alone(text, m.start())), None)
            if m:
                self.placed.add(mark)
                note = Node("note", {"place": "foot", "n": mark}, self.note_content(mark))
                return [
                    *self.glued_notes(
                        text[: m.start()].rstrip() if text[: m.start()].endswith(" ") else text[: m.start()]
                    ),
                    note,
                    *self.glued_notes(text[m.end() :]),
                ]
        return [text]


def _mark_stands_alone(text: str, start: int) -> bool:
    """Whether a note mark found at `start` can be one: after punctuation, or glued to a word in
    capitals of two letters or more (`JELEN1`, a name as a ciphergram prints it). A digit glued to
    any other word is part of it (`MiG1 fighters`, `x1`): that note stays unanchored at the end."""
    if start == 0 or not text[start - 1].isalpha():
        return True
    word = re.search(r"[^\W\d_]+$", text[:start])
    return word is not None and len(word.group()) >= 2 and word.group().isupper()


def _is_editorial_paragraph(content: str) -> bool:
    """Sentences in brackets filling a paragraph ("[Record made by … Also present: …]")."""
    return len(content) > 80 and re.search(r"[.!?:]\s+[A-Z]", content) is not None


def _is_alternate_name(inner: str, before: str) -> bool:
    words = inner.split()
    if not 1 <= len(words) <= 4 or not all(w[0].isupper() for w in words):
        return False
    run = _NAME_RUN_BEFORE.search(before, last_words_start(before, 4))  # its match spans four words at most
    if not run:
        return False
    # a title before the name is no part of it ("Chairman Ho [Chi Minh]": "Chairman" is not compared)
    v = vocabulary()
    tokens = [t for t in run.group("name").split() if not v.is_title_word(t)][-len(words) :]
    return len(tokens) >= 1 and fuzz.ratio(" ".join(tokens).lower(), inner.lower()) >= 60


# what a bracket holding the original of a name follows: that name in English, or its abbreviation
_ENGLISH_NAME_BEFORE = re.compile(r"(?:[A-Z][\w'’-]*|\([A-Z]{2,8}\))\s*$")


_ORDINAL_INDICATORS = "ºª"  # "Nº 3", "1ª": letters of no script by their Unicode names, no diacritics


def _is_foreign(inner: str, before: str) -> bool:
    """An original-language term (TEI 3.3.2.1 `foreign`): a bracket in another script
    (`[Совет]`), or Latin letters with diacritics that are not the translator's supplied names.

    Diacritics alone do not make a foreign term — `[Brazilian President João]`,
    `[Ambassador Bolesław]`, `[Boško Vidaković]` are names supplied in English. A capitalised
    Latin-script bracket is foreign only right after the English name it gives in the original
    (`Provisional Executive Committee [Ideiglenes Intéző Bizottság]`); an uncapitalised one with
    diacritics (`[pártközpont]`) is an original word. A bracket of two or three capitalised words
    beginning with a listed given name is a person's name the translator supplied, wherever it
    stands (`the Minister of External Relations [Raúl Roa]`)."""
    if any(ch.isalpha() and not _latin(ch) for ch in inner):
        return True
    if not any(ch.isalpha() and not ch.isascii() and ch not in _ORDINAL_INDICATORS for ch in inner):
        return False  # ("Nº 3": an ordinal indicator is no diacritic)
    words = inner.split()
    if not words[0][:1].isupper():
        return not _english_gloss_ending_in_given_name(words)
    if 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words) and fold(words[0]) in vocabulary().given:
        return False
    if _title_gloss_ending_in_given_name(words):
        return False  # "[Brazilian President João]" before "Goulart": the translator's English words
    return len(words) > 1 and bool(_ENGLISH_NAME_BEFORE.search(before, last_words_start(before, 1)))


def _english_gloss_ending_in_given_name(words: list[str]) -> bool:
    """Whether an uncapitalised bracket is the translator's English gloss ending in a given name
    (`[the Polish leader Władysław]` before `Gomulka`): its last word a listed given name and the
    diacritics only in its capitalised words, the uncapitalised ones plain ASCII (`[pártközpont]`,
    an original word, has them in an uncapitalised one)."""
    if len(words) < 2 or fold(words[-1]) not in vocabulary().given:
        return False
    return all(w.isascii() for w in words if not w[:1].isupper())


def _title_gloss_ending_in_given_name(words: list[str]) -> bool:
    """Whether a capitalised bracket is the translator's English title before a person's given name
    (`[Brazilian President João]`, `[Gen. Albino]` before the surname): its last word a listed given name,
    every word before it plain ASCII and one of them a title, rank or role (names.json)."""
    if len(words) < 2 or fold(words[-1]) not in vocabulary().given:
        return False
    head = words[:-1]
    return all(w.isascii() for w in head) and any(vocabulary().is_title_word(w) for w in head)


def _latin(ch: str) -> bool:
    """A letter of the Latin script (with or without diacritics), or an ordinal indicator written with Latin
    letters ("Nº 3", "1ª": Unicode names them without the script; no diacritic either)."""
    return ch.isascii() or ch in _ORDINAL_INDICATORS or unicodedata.name(ch, "").startswith("LATIN")
