"""Fast paths give the answers of the plain versions they replaced (speed changes must not change output)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tei_encoder.brackets import top_level_brackets
from tei_encoder.dates import _any_date, find_dates
from tei_encoder.invisible import invisible_edges, without_invisible
from tei_encoder.model import Node
from tei_encoder.parse.body import is_caps

# characters that matter to these functions: brackets, digits, month letters in both cases, the long s
# (it folds to "s" in a case-insensitive pattern), Roman numerals, separators and a few non-ASCII letters
ALPHABET = "[]()  .,/-:0123456789janfebmrpyulgsoctvdJANFEBMRPYULGSOCTVDIVXſÉéßΣ中_٣K"
texts = st.text(alphabet=ALPHABET, max_size=40)


def plain_top_level_brackets(text: str) -> list[tuple[int, int]]:
    """The outermost balanced brackets, found by trying each "[" that opens at depth 0 (slow, obvious)."""
    spans: list[tuple[int, int]] = []
    k = 0
    while k < len(text):
        if text[k] != "[":
            k += 1
            continue
        level, j = 0, k
        while j < len(text):
            level += {"[": 1, "]": -1}.get(text[j], 0)
            if level == 0:
                break
            j += 1
        if j == len(text):  # never closed: everything after it is inside it, so no later bracket is outermost
            break
        if j + 1 - k <= 2000:
            spans.append((k, j + 1))
        k = j + 1
    return spans


def plain_is_caps(text: str) -> bool:
    letters = [c for c in text[:160] if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) >= 0.85 * len(letters)


# the date gate's alternatives as one pattern (_any_date asks three that skip positions faster)
PLAIN_ANY_DATE = re.compile(
    r"(?i:(?:\b|(?<=\d))(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)(?:[a-z]*)\b)|\d{4}-\d"
    r"|\d[./]\s?[\dIVX]+[./\s]\s?\d\d|\d\d\.\d\d\."
    r"|\d\s[IVX]{1,4}\s\d\d|\d\.\s\d\d?\.\s\d\.|\d[.\s][IVX]{1,4}\.?$"  # Roman months of stamps (N34)
)


@settings(max_examples=400, deadline=None)
@given(texts)
@example("00.00.")  # a day and month without a year (03.15.)
@example("29.X 62")  # a Roman month with a space for the last dot
@example("(ſept.)")  # a month after a bracket, its s long
@example("x_mar")  # no word boundary before the month
@example("٢٠١٩-٣")  # digits of another script
@example("0.I")  # a day and a Roman month ending the text (a stamp)
def test_fast_paths_agree_with_plain_versions(text):
    assert top_level_brackets(text) == plain_top_level_brackets(text)
    assert is_caps(text) == plain_is_caps(text)
    assert _any_date(text) == bool(PLAIN_ANY_DATE.search(text))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ABCXYZabcxyz .,:;0129-'", max_size=200))
def test_is_caps_on_ascii_lines_agrees_with_plain_version(text):
    """ASCII lines take is_caps's byte-counting path; past 160 characters the start alone is judged."""
    assert is_caps(text) == plain_is_caps(text)


def test_fast_paths_on_chosen_cases():
    assert top_level_brackets("a [b [c] d] e] [f") == [(2, 11)]
    assert top_level_brackets("[a [b] c") == plain_top_level_brackets("[a [b] c") == []
    assert is_caps("MINISTRY OF FOREIGN AFFAIRS") and not is_caps("Ministry of Foreign Affairs")
    assert [d.attrs for d in find_dates("on ſeptember 3, 1961 and 14.X.1956", None)] == [
        {"when": "1961-09-03"},
        {"when": "1956-10-14"},
    ]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET + "ſKkİı", max_size=60), st.sampled_from([None, 1961]))
def test_find_dates_never_fails(text, year):
    """Whatever a case-insensitive pattern matches (the long s of "ſeptember" folds to s), the date
    finder reads it without an internal error (it was a KeyError that lost the record)."""
    for d in find_dates(text, year):
        assert 0 <= d.start < d.end <= len(text)


def test_joined_opener_patterns_find_what_any_pattern_finds():
    """The format's opener patterns joined per kind answer as the loop over them did, on lines that
    match one, several or none of them (our own wording)."""
    from tei_encoder.config import any_search, record_format

    fmt = record_format()
    lines = ["Single copy", "2 pages", "(Third copy)", "Pages: 4", "Produced in 9 copies for:", "Agreed.", "x", ""]
    for kind, patterns in fmt.opener_seg_patterns.items():
        for line in lines:
            assert bool(fmt.opener_seg_search[kind](line)) == any(p.search(line) for p in patterns), (kind, line)
    # patterns that cannot be joined (flags differ; a group a backreference counts) are tried one by one
    mixed = (re.compile("^ab$"), re.compile(r"^(x)\1$", re.IGNORECASE))
    assert any_search(mixed)("XX") and any_search(mixed)("ab") and not any_search(mixed)("AB")
    assert any_search(())("anything") is None


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="aZxYÉé.'’-() \n\t\u00a0,", max_size=40))
def test_end_anchored_searches_from_the_last_words_find_the_whole_text_match(text):
    """The word-before patterns searched from last_words_start find what a search of the whole text
    finds (same span, same groups)."""
    from tei_encoder.enrich import editorial, entities
    from tei_encoder.enrich.walk import last_words_start

    for pattern, words in (
        (editorial._WORD_BEFORE, 1),
        (editorial._NAME_RUN_BEFORE, 4),
        (editorial._ENGLISH_NAME_BEFORE, 1),
        (entities._LAST_WORD, 1),
    ):
        whole, tail = pattern.search(text), pattern.search(text, last_words_start(text, words))
        assert (whole and (whole.span(), whole.groupdict())) == (tail and (tail.span(), tail.groupdict()))


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(["AND", "ANDY", "THE", "Of", " of ", " the ", "For", "x", "Zé", "-", "’", " ", ",", "\n"]))
)
def test_organisation_run_pattern_finds_what_its_plain_form_finds(parts):
    """_ORG_RUN, written to begin with a capital (a fast scan), matches as the plain pattern with its
    checks in front: no word character before the run, no stop word ("AND", "THE") to begin it."""
    from tei_encoder.enrich import entities

    plain = re.compile(
        rf"(?<![\w’'-]){entities._ORG_WORD}" + entities._ORG_RUN.pattern[len(entities._FIRST_ORG_WORD) :]
    )
    text = "".join(parts)
    assert [m.span() for m in entities._ORG_RUN.finditer(text)] == [m.span() for m in plain.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["party", "Party", "PARTY", "ſection", "union", "xunion", "CC", "C.C.", "_", "-", " ", "é", "K"]
        )
    ),
    st.integers(0, 60),
    st.integers(0, 60),
)
def test_head_word_test_finds_what_the_head_word_pattern_finds(parts, start, end):
    """_has_head_word, a set lookup per word, answers as a search of the head-word pattern in the same
    bounds, a word cut by the start, a long s (folding to "s") and the Kelvin sign (to "k") included."""
    from tei_encoder.enrich import entities

    text = "".join(parts)
    start, end = min(start, len(text)), min(max(start, end), len(text))
    expected = entities._ORG_HEAD_WORD.search(text, start, end) is not None
    assert entities._has_head_word(text, start, end) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="AaZzÀĀžẤΛд.b \n", max_size=12))
def test_initial_gate_from_the_full_stop_agrees_with_the_plain_pattern(text):
    from tei_encoder.enrich import entities
    from tei_encoder.letters import UPPER

    plain = re.compile(rf"[{UPPER}][a-z]?\.")  # a capital (any script), maybe a lowercase letter, a full stop
    assert (entities._MAY_HOLD_INITIAL.search(text) is None) == (plain.search(text) is None)


# the token pattern as it was written before it began with its letter (entities._TOKEN): the plain alternation
_PLAIN_TOKEN = re.compile(
    r"(?:Ye|Yu|Ya|Yo|Zh|Ch|Sh|Kh|Ts|YE|YU|YA|YO|ZH|KH|TS|[^\W\d_])\.(?=\s?[^\W\d_])"
    r"|(?<=[^\W\d_]\.)[^\W\d_]\.(?=\s*$|[,;:)\]])"
    r"|[^\W\d_]+(?:[-'’](?![sS]\b)(?!(?:like|style|type|led|backed|based|era)\b)[^\W\d_]+)*"
)
# initials' letters and digraphs, full stops, spaces and line ends, joiners, a possessive's s, digits, an underscore,
# a number that is no digit (²), letters outside ASCII
_TOKEN_ALPHABET = st.sampled_from(
    [*"YeZhTSsaAbN. \n\t-'’_1²éÉ中", "Ye.", "Yu. ", "U.N.", "'s", " s", "TS.", "like", "led"]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_TOKEN_ALPHABET, max_size=14), st.integers(0, 20), st.integers(0, 30))
@example(["at the ", "U.N."], 0, 30)
@example(["Yu.", "V. ", "Andropov's"], 0, 30)
def test_token_pattern_from_its_letter_finds_what_the_plain_alternation_finds(parts, start, end):
    from tei_encoder.enrich import entities

    text = "".join(parts)
    start, end = min(start, len(text)), min(max(start, end), len(text))

    def found(pattern: re.Pattern) -> list[tuple[int, int]]:
        return [m.span() for m in pattern.finditer(text, start, end)]

    assert found(entities._TOKEN) == found(_PLAIN_TOKEN)
    first, plain_first = entities._TOKEN.search(text, start, end), _PLAIN_TOKEN.search(text, start, end)
    assert (first and first.span()) == (plain_first and plain_first.span())


_STRINGS = st.sampled_from(["", " ", "a b", "x & y", "<i>", "]]>", "one\ntwo", "cr\rlf", "tab\t", "é😀", 'q"t'])
_VALUES = st.sampled_from(["", "a", 'say "x"', "x\ny", "t\tz", "r\rq", "<&>", "é"])


@st.composite
def _nodes(draw, depth=0):
    from tei_encoder.model import Node

    tag = draw(st.sampled_from(["p", "hi", "persName", "lb", "date"]))
    names = draw(st.lists(st.sampled_from(["rend", "type", "xml:id", "xml:lang", "when"]), max_size=2, unique=True))
    attrs = {name: draw(_VALUES) for name in names}
    children = draw(st.lists(_STRINGS | _nodes(depth + 1), max_size=3)) if depth < 3 else draw(st.lists(_STRINGS))
    return Node(tag, attrs, children)


@settings(max_examples=300, deadline=None)
@given(_nodes())
def test_text_made_tree_is_the_tree_made_element_by_element(node):
    """_text_tree (the body written as XML text and parsed) gives the tree _node makes: the same XML
    (escapes, an element whose only text is empty, line ends and tabs in attribute values) and no
    element on a line but the first (in-memory trees report line 1)."""
    from lxml import etree

    from tei_encoder import write

    def under_root(element):
        root = etree.Element(write.T + "body", nsmap={None: write.TEI_NS})  # as in the TEI: the default namespace
        root.append(element)
        return etree.tostring(root)

    made = write._text_tree(node)
    assert under_root(made) == under_root(write._node(node))
    assert {el.sourceline for el in made.iter()} <= {None, 1}


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="ab \n\r\t\x00\x07\x0b\x0c\x1b[31m\x1c\x1f\x7f\x85\x9b\x9d\u2028\u2029\ufffe\uffffé", max_size=30)
)
@example("1\x001\x00")  # UTF-16 without its mark: refused
def test_decoding_with_the_control_gate_gives_the_plain_result(text):
    """decode_record reads a text without any control character past one scan: it gives what the four
    passes over it give (terminal escapes, line-breaking and spacing controls, XML-forbidden characters)."""
    from pathlib import Path

    from tei_encoder import read
    from tei_encoder.errors import RecordError

    raw = text.encode("utf-8")
    try:
        decoded = read._decode(raw, None)
    except RecordError:  # binary, or UTF-16 without its mark: refused before any control is read
        decoded = None
    plain = (decoded or "").replace("\r\n", "\n").replace("\r", "\n")
    plain, escapes = read._ANSI_ESCAPE.subn("", plain)
    plain, forbidden = read._XML_FORBIDDEN.subn("", read._SPACING_CONTROLS.sub(" ", read._LINE_BREAKS.sub("\n", plain)))
    if decoded is None or not plain.strip():
        with pytest.raises(RecordError):
            read.decode_record(Path("r.txt"), raw)
        return
    got = read.decode_record(Path("r.txt"), raw)
    assert got.text == plain
    assert bool(escapes) == any("terminal" in w for w in got.warnings)
    assert bool(forbidden) == any("XML 1.0" in w for w in got.warnings)


# the bare-ordinal pattern as it was written first: tried at every position, the day's digits its start; a
# function word after the day ends it too (data/months.json words_after_a_bare_day: "on the 24th the paper")
PLAIN_BARE_ORDINAL = re.compile(
    r"(?<=\b[Tt]he )(?P<day>[0-3]?\d)(?:st|nd|rd|th)(?=\s?(?:[,;:()\[…]|$)|\.(?:\s|$)|\s(?:"
    + "|".join(
        json.loads((Path(__file__).parent.parent / "tei_encoder" / "data" / "months.json").read_text())[
            "words_after_a_bare_day"
        ]
    )
    + r")\s)"
)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(["the ", "The ", "he ", "athe ", "t", "1", "4", "31", "st", "th", "nd", ",", ". ", " "]))
)
@example(["the ", "1", "st", " ", "the "])  # a function word after the day
def test_bare_ordinal_scan_from_the_article_finds_what_the_plain_pattern_finds(parts):
    """_BARE_ORDINAL begins with "he " (a fast scan); its days are the plain pattern's matches."""
    from tei_encoder.dates import _BARE_ORDINAL

    text = "".join(parts)
    found = [(m.start("day"), m.end()) for m in _BARE_ORDINAL.finditer(text)]
    assert found == [m.span() for m in PLAIN_BARE_ORDINAL.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["kim", "Kim", "kim-il", "o’kim", "kim_", "_", " ", ".", "\n", "é", "İ", "ab", "1"])),
    st.sampled_from(["kim", "kim-il", "o’kim", "ab", "1", "é", "kim il", "a.b", ""]),
)
def test_word_index_of_a_long_record_gives_the_places_the_scan_gives(parts, word):
    """_occurrences in a long record (an index of its words) gives the places str.find gives in a short one."""
    from types import SimpleNamespace

    from tei_encoder.enrich import entities

    def places(indexed_from: int) -> list[int]:
        ctx = SimpleNamespace(flat="".join(parts), flat_lower=None, word_spots=None)
        saved, entities._INDEXED_FROM = entities._INDEXED_FROM, indexed_from
        try:
            return list(entities._occurrences(ctx, word))
        finally:
            entities._INDEXED_FROM = saved

    assert places(0) == places(1 << 60)


# white space, format characters (BOM, zero-width space, LRM, soft hyphen), controls, letters
INVISIBLE_ALPHABET = " \t\n\u00a0\u2003\ufeff\u200b\u200e\u00ad\u202a\x00\x1fAz:é中"


def test_invisible_fast_paths_agree_with_the_scan_per_character():
    """A printable character is never invisible nor, but for the ASCII space, white space: every
    character of Unicode, so that the printable-text shortcuts of invisible.py can never differ."""
    from tei_encoder.invisible import _plain_edge, is_invisible

    chars = map(chr, range(0x110000))
    assert not [c for c in chars if _plain_edge(c) and (is_invisible(c) or c.isspace())]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=INVISIBLE_ALPHABET, max_size=12))
def test_invisible_edges_and_removal_agree_with_the_plain_scans(text):
    from tei_encoder.invisible import invisible_end, invisible_start, is_invisible

    edges = "".join(c for c in invisible_start(text) + invisible_end(text) if is_invisible(c))
    assert invisible_edges(text) == edges
    assert without_invisible(text) == "".join(c for c in text if not is_invisible(c))


CUES = ("led by", "signed by", "according to", "per")
CUE_WORDS = ["led", "Led", "by", "nearby", "signed", "Signed", "according", "to", "into", "per", "Per", "Kim", "Ode"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(CUE_WORDS), st.sampled_from([" ", "", "\n", ", "])), max_size=12))
def test_cue_matches_find_what_the_cue_pattern_finds_anywhere(parts):
    """_cue_matches (tried only where a cue's last word is printed after the character its forms have
    there) gives the matches of the pattern's scan of the whole text."""
    from tei_encoder.enrich.entities import _cue_forms, _cue_matches

    text = "".join(word + gap for word, gap in parts)
    forms = _cue_forms(CUES)
    cues = "|".join(re.escape(form) for _, group in forms for form in group)
    pattern = re.compile(rf"(?<![\w])(?:{cues})\s+(?P<name>[A-Z]\w*)")
    assert [m.span() for m in _cue_matches(pattern, forms, text)] == [m.span() for m in pattern.finditer(text)]


def plain_spans_through_supplied(ctx, node, pieces, supplied, spans):
    """The loop _spans_through_supplied replaced: every test on every span, in one condition."""
    from tei_encoder.enrich.entities import _cuts_a_string, _Intervals

    in_pieces = _Intervals(pieces)
    chosen, pos = [], 0
    for span in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        start, end = span[0], span[1]
        touched = supplied.touching(start, end)
        crosses = any(start < a or end > b for a, b in touched)
        inside_whole = all(start <= a and b <= end for a, b in touched)
        cut_ok = all(_cuts_a_string(node, in_pieces, at) for at in (start, end))
        made_up = span[2].attrs.get("ref", "#")[1:] in ctx.unlinked_places.values()
        if (
            start >= pos
            and crosses
            and inside_whole
            and cut_ok
            and not made_up
            and not isinstance(span[2].children[0], Node)
        ):
            chosen.append(span)
            pos = end
    return chosen


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["Ab ", "c", " D", "Ef", "", "lexei", "[Zhu]", "[of]", "<lb>"]), min_size=1, max_size=6),
    st.lists(
        st.tuples(st.integers(0, 30), st.integers(0, 12), st.sampled_from(["#a", "#made", ""]), st.booleans()),
        max_size=8,
    ),
)
def test_spans_through_supplied_choose_what_the_plain_loop_chose(parts, raw_spans):
    """_spans_through_supplied (its tests cheapest first, most spans touching no supplied text) chooses
    the spans the loop testing everything at once chose: same spans, same order."""
    from types import SimpleNamespace

    from tei_encoder.enrich.entities import _flat_pieces, _Intervals, _spans_through_supplied

    marks = {"lexei": ("supplied", "expansion"), "[Zhu]": ("supplied", "clarification"), "[of]": ("sic", "")}
    children = [
        Node(marks[p][0], {"reason": marks[p][1]} if marks[p][1] else {}, [p.strip("[]")])
        if p in marks
        else Node("lb", {}, [])
        if p == "<lb>"
        else p
        for p in parts
    ]
    node = Node("p", {}, children)
    pieces, flat = _flat_pieces(node)
    supplied = _Intervals([(a, b) for k, a, b in pieces if not isinstance(node.children[k], str)])
    ctx = SimpleNamespace(unlinked_places={("made",): "made"})
    # spans mostly from one piece's edge to another's (where names through supplied text begin and end)
    edges = sorted({0, len(flat), *(at for _, a, b in pieces for at in (a, b, a + 1))})
    spans = []
    for first, count, ref, nested in raw_spans:
        start = edges[first % len(edges)]
        end = min(edges[(first + max(count, 1)) % len(edges)] if count < 6 else start + count, len(flat))
        inner = Node("hi", {}, ["x"]) if nested else flat[start:end]
        spans.append((start, end, Node("persName", {"ref": ref} if ref else {}, [inner]), flat[start:end]))
    expected = plain_spans_through_supplied(ctx, node, pieces, supplied, spans)
    assert _spans_through_supplied(ctx, node, pieces, supplied, spans) == expected


RUN_WORDS = ["He", "Le", "Kim", "Il", "Sung", "said", "X-Y", "Ó", "’s", "Van", "ab", "Q"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(RUN_WORDS), st.sampled_from([" ", "", "  ", "\n", ". ", ", ", ";", "("])), max_size=14
    ),
    st.sets(st.integers(0, 80), max_size=4),
)
def test_runs_near_places_are_the_whole_scans_runs_there(parts, places):
    """_cap_runs_near (the scan begun again shortly before each place) gives, in order and once each, runs of
    the whole text's scan, among them every run that holds one of the places."""
    from tei_encoder.enrich.entities import _CAP_RUN, _cap_runs_near

    text = "".join(word + gap for word, gap in parts)
    starts = sorted(at for at in places if at < len(text))
    whole = [m.span() for m in _CAP_RUN.finditer(text)]
    near = [m.span() for m in _cap_runs_near(text, starts)]
    assert near == [span for span in whole if span in near]  # the whole scan's runs, in its order, once each
    assert all(span in near for span in whole if any(span[0] <= at < span[1] for at in starts))


def test_family_names_are_found_only_before_a_space_and_a_capital():
    """_printed_where with _space_then_capital: where a listed East Asian family name goes on to another
    capitalised word, first to last; the pronoun "He" before a lower-case word is no such place."""
    from tei_encoder.enrich.entities import _FAMILY, _printed_where, _space_then_capital

    text = "He said that Kim Il Sung met Le Duan. He left; Kim\nsaid no."
    assert _printed_where(text, _FAMILY, _space_then_capital) == [text.index("Kim"), text.index("Le Duan")]
    assert _printed_where("He said so.", _FAMILY, _space_then_capital) == []


def test_kept_classifications_give_the_plain_answers_and_fresh_nodes(monkeypatch):
    """Opener pieces and closer lines classified once per format: the kept answer is the computed
    one, every call gets a Node of its own (a change to one never reaches the next), and a full table
    is emptied rather than grown."""
    import dataclasses

    from tei_encoder.config import record_format
    from tei_encoder.parse import body

    fmt = dataclasses.replace(record_format("wcda"))  # a format of this test's own: an empty memo
    pieces = ["Top Secret", "Copy No. 2", "Ciphered Telegram No. 5", "It rained all day.", "Top Secret"]
    plain = [body._piece_kind.__wrapped__(p, fmt) for p in pieces]
    first = [body._classify_piece(p, fmt) for p in pieces]
    assert [None if n is None else (n.tag, n.attrs["type"], n.children[0]) for n in first] == plain
    assert plain[0] == ("seg", "classification", "Top Secret") and plain[3] is None
    first[0].children.append("changed")
    assert body._classify_piece("Top Secret", fmt).children == ["Top Secret"]
    assert len(fmt.parse_memo["_piece_kind"]) == 4  # the repeated piece was classified once
    lines = ["Yours sincerely,", "A. GROMYKO", "12 March 1953", "The talks went on until late at night."]
    assert [body._closer_kind(t, fmt) for t in lines] == [body._closer_kind.__wrapped__(t, fmt) for t in lines]
    monkeypatch.setattr(body, "_KEPT_PER_CLASSIFIER", 2)
    for k in range(5):
        body._closer_kind(f"Copy No. {k}", fmt)
        assert len(fmt.parse_memo["_closer_kind"]) <= 2


@pytest.mark.parametrize("odd_body", [False, True])
def test_tei_tree_in_one_go_is_the_tree_made_part_by_part(odd_body):
    """The whole TEI made as one XML text gives the bytes of the tree made part by part (root and text/body
    from Python, header, standOff and body each parsed); a body the text cannot say (an element whose only
    text is empty) is made part by part, as before."""
    from tei_encoder.config import record_format
    from tei_encoder.model import Entity
    from tei_encoder.parse import parse_record
    from tei_encoder.read import decode_record
    from tei_encoder.write import _parsed, _tei_tree_by_parts, serialize, tei_tree

    text = (
        "March 3, 1962\n\n**Record of a Talk on Shipping**\n\n<https://digitalarchive.example.org/document/900001>\n\n"
        "The talks covered the shipping schedule & the <port> fees.\n\nSigned: A. Tester\n"
    )
    doc = parse_record(decode_record(Path("t.txt"), text.encode()), record_format())
    doc.entities["tester"] = Entity(xml_id="tester", kind="person", name="A. Tester", variants=["Tester"])
    if odd_body:
        first = next(node for node in doc.body.iter() if node.tag == "p")
        first.children.append(Node("hi", {}, [""]))  # lxml's parse of <hi></hi> would have no text at all
        assert _parsed(doc.body) is None
    expected = serialize(_tei_tree_by_parts(doc, "2026-01-01", "en"))
    assert serialize(tei_tree(doc, "2026-01-01")) == expected
    assert b"<hi></hi>" in expected if odd_body else b"&amp; the &lt;port&gt;" in expected


def test_caches_keyed_by_a_records_strings_are_emptied_once_it_is_tagged(tmp_path):
    """Issue 12: the string-keyed caches (tokens, _token_keys, _kinded_words) serve one record's passes and
    hold none of its strings after it is encoded (a build reads each record once: kept, their tuples only
    made later collections and lookups slower); the same record encoded again gives the same TEI."""
    from tei_encoder.enrich import entities
    from tei_encoder.pipeline import EncodeSettings, encode_record

    record = Path(__file__).parent.parent / "corpus" / "000_6c3a4dfe0217feee.txt"
    settings = EncodeSettings(authority=(Path(__file__).parent.parent / "corpus" / "authority",))
    first = encode_record(record, settings, check=False)
    assert first.tei
    for cached in (entities.tokens, entities._token_keys, entities._kinded_words):
        assert cached.cache_info().currsize == 0, cached.__name__
    assert encode_record(record, settings, check=False).tei == first.tei


def plain_without_accents(text: str) -> str:
    """Decomposed (NFKD), every combining mark dropped, one character at a time (slow, obvious)."""
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="aZé́ČčŞşØøßﬁ’Ṩ̣̇ǅ中 .\u0301\u0327\u20dd\u05b0", max_size=40))
@example("KSČ Dorticós")
@example("\u0301a")  # a mark with nothing before it
def test_accents_removed_by_replace_as_by_the_plain_filter(text):
    """Issue 12: _without_accents drops each distinct combining mark with one replace (and norm folds
    through it): the answers of the character-by-character filter it replaced."""
    from tei_encoder.enrich import entities

    assert entities._without_accents(text) == plain_without_accents(text)
    assert entities.norm.__wrapped__(text) == plain_without_accents(text).casefold().replace("’", "'").rstrip(".")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aZéÉ .,-’'V.Yu", max_size=60))
@example("Yu. V. Andropov met the U.N. envoy")
@example("the post-Moscow talks, ex-Kim, non-aligned, anti-Soviet, al-Azhari")  # (E10: the prefixes' gate)
def test_token_keys_as_read_token_by_token(text):
    """Issue 12: _token_keys (each token's key, whether it is capitalised, the indexes of the capitalised tokens)
    gives what reading the tokens one by one gives."""
    from tei_encoder.enrich import entities

    toks, keys, caps, capitalised = entities._token_keys.__wrapped__(text)
    assert toks == entities.tokens(text)
    assert keys == tuple(entities.norm(w) for _, _, w in toks)
    assert caps == tuple(
        w[0].isupper()
        or (w[2:3] == "-" and w[3:4].isupper() and w[:2] in ("al", "el"))
        or entities._after_hyphen_prefix(w) is not None  # "post-Moscow" (gazetteer.json hyphen_prefixes)
        for _, _, w in toks
    )
    assert capitalised == tuple(k for k in range(len(toks)) if caps[k])


CAP_WORDS = ["Ivan", "Ivanov", "Ivan's", "Kim", "Dash", "Tsedenbaliin", "Ó", "X-y", "Jean-pierre", "said", "de", "McD"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(CAP_WORDS), st.sampled_from([" ", "", "-", "\n", ". ", ", ", "’", "("])),
        max_size=14,
    )
)
def test_capitalised_words_of_a_kind_are_the_scans_matches_of_that_kind(parts):
    """_cap_words_of_kind (each distinct word's kind asked once, its places found by str.find) gives the
    matches the scan of every capitalised word kept: the same spans, first to last (issue #12's speed)."""
    from tei_encoder.enrich.entities import _CAP_WORD, _GIVEN, _MONGOLIAN, _cap_words_of_kind, _word_kind

    text = "".join(word + gap for word, gap in parts)
    for kind in (_GIVEN | _MONGOLIAN, _GIVEN, _MONGOLIAN):
        plain = [m.span() for m in _CAP_WORD.finditer(text) if _word_kind(m.group(0)) & kind]
        assert [m.span() for m in _cap_words_of_kind(text, kind)] == plain


ROLE_WORDS = ["the", "The", "he", "ambassador", "ambassadors", "counsellor", "minister", "Kéri", "Jovanovic", "other"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(ROLE_WORDS), st.sampled_from([" ", "", "  ", "\n", ", "])), max_size=10))
def test_role_before_a_name_as_a_trie_finds_what_the_longest_first_alternation_finds(parts):
    """The recogniser's role_name (its roles as a trie) finds, with the same groups, what the plain
    alternation of the roles sorted longest first found (issue #12's speed)."""
    from conftest import SETTINGS

    from tei_encoder.enrich.entities import _NAME_TOKEN
    from tei_encoder.enrich.names import vocabulary
    from tei_encoder.pipeline import recognizer

    text = "".join(word + gap for word, gap in parts)
    v = vocabulary()
    roles = {r.lower() for r in (*v.roles, *v.ranks) if " " not in r}
    plain = "|".join(sorted((re.escape(r) for r in roles), key=len, reverse=True))
    # (session 16: one lower-case word may qualify the role, "the energy minister …", in both)
    pattern = re.compile(
        rf"he(?<=(?<![\w])[Tt]he)\s(?:[a-z]{{3,}}\s)?(?:{plain})\s+(?P<name>{_NAME_TOKEN}(?:\s+{_NAME_TOKEN})?)"
    )
    found = recognizer(SETTINGS.authority, SETTINGS.gazetteer).role_name.finditer(text)
    assert [(m.span(), m["name"]) for m in found] == [(m.span(), m["name"]) for m in pattern.finditer(text)]


def plain_case_runs(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Each run cut after every heading word in capitals that gives way to ordinary words, searched for run
    by run (the organisation pass's _case_runs before it first looked for such a word in the whole text)."""
    from tei_encoder.enrich import entities

    runs = []
    for start, end in spans:
        begin = start
        for cut in entities._CAPS_WORD_THEN_MIXED.finditer(text, start, end):
            runs.append((begin, cut.end()))
            begin = cut.end() + 1
        runs.append((begin, end))
    return runs


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["MINISTRY", "AFFAIRS", "FOREIGN", "Regional", "Division", "IV", "of", "the", "Ab", "x"]),
            st.sampled_from([" ", "  ", ". ", ", ", "\n", "-", "’"]),
        ),
        max_size=12,
    )
)
@example([("MINISTRY", " "), ("OF", " "), ("FOREIGN", " "), ("AFFAIRS", " "), ("Regional", " "), ("Division", " ")])
def test_case_runs_cut_where_the_run_by_run_search_cuts(pieces):
    """Issue 12: _case_runs looks once in the whole text for a heading in capitals before an ordinary word and,
    finding none, cuts no run: the cuts a search run by run finds, for every capitalised run of the text."""
    from tei_encoder.enrich import entities

    text = "".join(w + sep for w, sep in pieces)
    spans = [(m.start(), m.end()) for m in entities._ORG_RUN.finditer(text)]
    runs = entities._case_runs(text, entities._ORG_RUN.finditer(text))
    assert runs == plain_case_runs(text, spans)


def test_vocabulary_remembers_its_answers_by_word():
    """Issue 12: is_title_word and is_common_word remembered by word answer as worked out afresh, the second
    time too, and the memory is emptied at WORDS_KEPT words (a long build meets ever more words)."""
    from tei_encoder.enrich import names

    v = names.vocabulary()
    words = ["Comrade", "comrade", "Vice-Chairman", "al-Sheikh", "Kosygin", "Accepted", "Countries", "said", "Mr."]
    for _ in range(2):
        assert [v.is_title_word(w) for w in words] == [v._is_title_word(w) for w in words]
        assert [v.is_common_word(w) for w in words] == [v._is_common_word(w) for w in words]
    assert v.title_words_met["Comrade"] is True and v.common_words_met["Kosygin"] is False
    v.title_words_met.clear()  # (other tests may have asked of many words)
    v.title_words_met.update((f"w{k}", False) for k in range(names.WORDS_KEPT))
    assert v.is_title_word("Colonel") and v.title_words_met == {"Colonel": True}


QUALIFIED_WORDS = ["energy", "trade", "minister", "ambassador", "Minister", "Kim", "Neporozhny", "a", "1", "é"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(QUALIFIED_WORDS), st.sampled_from([" ", "", "  ", "\n", ", "])), max_size=10))
@example([("energy", " "), ("minister", " "), ("Neporozhny", "")])
def test_qualified_role_from_its_space_ends_where_the_lookbehind_first_pattern_ends(parts):
    """The recogniser's qualified_role, written to begin with the space before the role, ends its matches
    where the plain pattern that begins with the lookbehind ends them ("with energy minister Neporozhny";
    _rule_names reads a match's end alone; issue #12's speed)."""
    from conftest import SETTINGS

    from tei_encoder.enrich.entities import UPPER
    from tei_encoder.enrich.names import trie_regex, vocabulary
    from tei_encoder.pipeline import recognizer

    text = "".join(word + gap for word, gap in parts)
    v = vocabulary()
    roles = trie_regex({r.lower() for r in (*v.roles, *v.ranks) if " " not in r})
    plain = re.compile(rf"(?<=[a-z] )(?:{roles}) (?=[{UPPER}])")
    found = recognizer(SETTINGS.authority, SETTINGS.gazetteer).qualified_role.finditer(text)
    assert [m.end() for m in found] == [m.end() for m in plain.finditer(text)]


PARTICLE_WORDS = ["EL", "AL", "El", "VAN", "HAZAA", "Achmed", "Y", "DE", "x", "al"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PARTICLE_WORDS), st.sampled_from([" ", "-", ", ", "", "."])), max_size=8))
@example([("EL", " "), ("HAZAA", ", "), ("Achmed", "")])
def test_cues_of_rare_name_rules_hold_wherever_their_patterns_match(parts):
    """A string the cue of a rarely firing name rule skips holds no match of the rule's pattern: the
    particle in capitals (_PARTICLE_CAPS_CUE before _PARTICLE_CAPS_COMMA_GIVEN), and the abbreviated given
    names (_ABBREVIATED_GIVEN_CUE: one scan, the answer of a test per form; issue #12's speed)."""
    from tei_encoder.enrich import entities as e

    text = "".join(word + gap for word, gap in parts)
    if e._PARTICLE_CAPS_COMMA_GIVEN.search(text):
        assert e._PARTICLE_CAPS_CUE.search(text)
    for probe in (text, text.replace("HAZAA", "Wm"), "Geo. " + text, text + " St. "):
        assert (e._ABBREVIATED_GIVEN_CUE.search(probe) is not None) == any(
            f"{a}. " in probe for a in e._ABBREVIATED_GIVEN
        )
