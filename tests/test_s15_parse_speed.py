"""Issue 12 (speed): the shortcuts of the parse stage give what the plain computations give.

_speakers reads each line's labels once (_turn_labels, kept per text) although a document's lines are
counted twice; a line that begins (ends) with no classification mark is told so by one test of the
format's mark edges; the opener's separators are one compiled pattern. Constructed lines only.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tei_encoder.config import record_format
from tei_encoder.parse import body
from tei_encoder.parse.body import Line


def _plain_speakers(lines: list[Line], title: str = "") -> set[str]:
    """_speakers as it read the lines before _turn_labels: every pattern tried on every line, each call."""
    counts: dict[str, int] = {}
    dotted: dict[str, int] = {}
    initials: dict[str, int] = {}
    for line in lines:
        if not body._TURN_SEP.search(line.text) and not line.text.endswith(":"):
            continue
        m = body._MIXED_SPEAKER.match(line.text) or body._SPEAKER_ALONE.match(line.text)
        if m and "rest" in m.groupdict() and m.group("rest")[0].islower():
            m = None
        if m and not body._not_a_speaker(m.group("speaker")) and not body._field_word(m.group("speaker")):
            counts[m.group("speaker")] = counts.get(m.group("speaker"), 0) + 1
        d = body._DOT_SPEAKER.match(line.text)
        if d and not body._NUMBERED.match(line.text) and not body._not_a_speaker(d.group("speaker")):
            dotted[d.group("speaker")] = dotted.get(d.group("speaker"), 0) + 1
        i = body._INITIALS_SPEAKER.match(line.text)
        if i and not body._not_a_speaker(i.group("speaker")):
            initials[i.group("speaker")] = initials.get(i.group("speaker"), 0) + 1
    speakers = {
        s for s, n in counts.items() if n >= 2 or body._TITLED_SPEAKER.match(s) or body._named_in_title(s, title)
    }
    if len(counts) >= 2 and all(len(re.sub(r"\s*[\[(].*$", "", s).split()) <= 4 for s in counts):
        speakers |= set(counts)
    if sum(dotted.values()) >= 3 and max(dotted.values(), default=0) >= 2:
        speakers |= {f"dot:{s}" for s in dotted}
    if len(initials) >= 2:
        speakers |= {f"{body._INITIALS_TURNS}{s}" for s in initials}
    if sum(1 for line in lines if body._SUPPLIED_NAME_SPEAKER.match(line.text)) >= 2:
        speakers.add(body._SUPPLIED_NAME_TURNS)
    return speakers


# lines of our own wording in the shapes a dialogue's minutes print: mixed-case, capitals, initials,
# `Name.` turns, a supplied first name, a label alone, a field label, a sentence going on after a colon
TURNS = [
    "Petrov: We agree with the proposal of the delegation.",
    "Ivanova: The question was not raised at this meeting.",
    "PETROV. The harvest was better than last year.",
    "K.: This is the first point.",
    "M.: And this is the second.",
    "Kowalski. The delegation arrived on time.",
    "Kowalski. It left the next morning.",
    "Nowak. Both sides spoke at length.",
    "[Oskar] Fischer.The letter was read aloud.",
    "[Anna] Weber. She thanked the hosts.",
    "Comrade Petrov:",
    "Time: ten in the morning",
    "General Assembly: the next session opens in May.",
    "Ambassador Petrov [Pyotr Petrov]: The embassy will answer.",
    "The conversation lasted about two hours. It was friendly.",
    "1. The first point of the agenda.",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(TURNS), max_size=12), st.integers(min_value=0, max_value=12))
def test_speakers_counts_as_every_line_read_afresh(texts, start):
    """The labels kept per text give the same speakers as the lines read afresh, for the whole document
    and for the lines after its opener (the second count), whatever was counted before."""
    lines = [Line(text, n, n + 1) for n, text in enumerate(texts)]
    title = "Conversation between Petrov and Kowalski"
    assert body._speakers(lines, title) == _plain_speakers(lines, title)
    assert body._speakers(lines[start:], title) == _plain_speakers(lines[start:], title)
    body._turn_labels.cache_clear()
    assert body._speakers(lines[start:], title) == _plain_speakers(lines[start:], title)


def test_turn_labels_read_each_shape():
    assert body._turn_labels("Petrov: We agree.") == ("Petrov", None, None, False)
    assert body._turn_labels("K.: This is the first point.") == (None, None, "K.", False)
    assert body._turn_labels("Kowalski. The delegation arrived.")[1] == "Kowalski"
    assert body._turn_labels("[Oskar] Fischer.The letter was read.")[3] is True
    assert body._turn_labels("General Assembly: the next session opens.") == (None, None, None, False)
    assert body._turn_labels("The conversation lasted two hours") == (None, None, None, False)


def test_the_mark_edges_in_one_tuple_are_the_edges():
    fmt = record_format()
    assert fmt.classification_mark_starts == tuple(start for _, start, _ in fmt.classification_mark_edges)
    assert fmt.classification_mark_ends == tuple(end for _, _, end in fmt.classification_mark_edges)
    assert fmt.classification_mark_starts  # the archive's format has marks


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["", "Top Secret ", "SECRET ", "Strictly Confidential ", "Copy ", "in the Office "]),
    st.sampled_from(["Copy No. 2", "No. 45/1962", "the text goes on", "Secret", "TOP SECRET", ""]),
)
def test_a_mark_run_into_the_next_is_cut_as_the_loop_over_the_marks_cuts_it(first, second):
    """_split_mark_prefix and _trailing_mark test the marks' edges at once before their loop: the same
    cut (or none) as the loop alone gives."""
    fmt = record_format()
    text = (first + second).strip()

    def plain_prefix(text: str) -> str:
        if body._classify_piece(text, fmt) is not None:
            return text
        lower = text.lower()
        for mark, starting, _ in fmt.classification_mark_edges:
            if lower.startswith(starting) and body._classify_piece(text[len(mark) + 1 :], fmt):
                return f"{text[: len(mark)]}\x00{text[len(mark) + 1 :]}"
        return text

    def plain_trailing(text: str) -> tuple[str, str] | None:
        lower = text.lower()
        for mark, _, ending in fmt.classification_mark_edges:
            if lower.endswith(ending) and len(text) > len(mark) + 1:
                return text[: -len(mark) - 1].rstrip(), text[-len(mark) :]
        return None

    assert body._split_mark_prefix(text, fmt) == plain_prefix(text)
    assert body._trailing_mark(text, fmt) == plain_trailing(text)


def test_top_secret_run_into_a_copy_number_is_still_cut():
    assert body._split_mark_prefix("Top Secret Copy No. 2", record_format()) == "Top Secret\x00Copy No. 2"
    assert body._trailing_mark("in the MPR Secret", record_format()) == ("in the MPR", "Secret")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="0123456789.,:at \n", max_size=30))
def test_the_clock_time_pretest_passes_every_text_the_clock_day_pattern_matches(text):
    """find_dates tries _CLOCK_DAY only where _CLOCK_AT (the clock time it looks ahead to) matches: a
    text _CLOCK_AT does not match must hold no match of _CLOCK_DAY, or a dated transmission line is lost."""
    from tei_encoder import dates

    if dates._CLOCK_DAY.search(text):
        assert dates._CLOCK_AT.search(text)


def test_a_clock_day_is_still_dated():
    from tei_encoder.dates import find_dates

    found = find_dates("The telegram was dispatched on 5.31 at 10:00 hours.", 1962, 6, default_day=2)
    assert [d.attrs for d in found] == [{"when": "1962-05-31"}]


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["“15” January 1963", "9 June 1961", "Berlin, 4 May 1965", "January", "the next day", "1962"]),
    st.sampled_from(["Copy No. 1", "Top Secret", "Secret Copy No. 2", "No. 45/1962", "was signed", ""]),
)
def test_a_date_and_marks_on_one_line_are_cut_as_the_marks_first_test_cut_them(date, marks):
    """_dateline_and_marks asks whether the text before a space is a date before it classifies the marks
    after it (the date's test is one anchored match): the same cut as asking for the marks first."""
    fmt = record_format()
    text = f"{date} {marks}".strip()

    def marks_first(text: str):
        if len(text) > 120 or not any(ch.isdigit() for ch in text):
            return None
        for cut in [m.start() for m in re.finditer(r" ", text)]:
            found = body._opener_line(text[cut + 1 :], fmt)
            if found and body.is_date_line(text[:cut]):
                return [body.Node("dateline", {}, [text[:cut]]), " ", *found]
        return None

    assert body._dateline_and_marks(text, fmt) == marks_first(text)


def test_a_date_run_into_a_copy_number_is_a_dateline_and_a_mark():
    parts = body._dateline_and_marks("“15” January 1963 Copy No. 1", record_format())
    assert parts is not None
    assert (parts[0].tag, parts[0].children, parts[2].attrs) == ("dateline", ["“15” January 1963"], {"type": "copy"})


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="Berlin 4May1965,.'’-_ŁéΩ٣\u00b2!", max_size=25))
def test_a_date_and_place_line_ends_with_a_character_of_the_place(text):
    """_dateline tries _DATE_PLACE only on a line whose last character can end a place (a word character
    of re's, an apostrophe or a hyphen): every line the pattern matches ends so."""
    if body._DATE_PLACE.match(text):
        assert text[-1:].isalnum() or text[-1:] in ("_", "'", "’", "-")


def test_a_date_then_its_place_is_still_a_dateline():
    assert body._dateline("22 April 1954 Shkodër") is not None
    assert body._dateline("The talks began on 22 April 1954 in Shkodër.") is None


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="24.IIV5 Shtykov[signature]SIGNED_é²٣'’-\n", max_size=30))
def test_the_end_of_a_signature_line_is_tested_as_its_patterns_end_it(text):
    """_date_and_word and _closer_kind try their date-then-name and date-then-[signature] patterns only on
    a line that ends as those patterns end: every line they match ends so."""
    if body._DATE_AND_NAME.match(text):
        assert body._ends_with_a_letter(text)
    if body._DATE_SIGNATURE.match(text):
        assert text.rstrip("\n").endswith("]")


def test_a_date_and_a_signer_and_a_signature_mark_are_still_read():
    assert body._date_and_word("24.III.50 Shtykov") is not None
    assert body._date_and_word("24.III.50 Shtykov.") is not None
    assert body._date_and_word("On 24.III.50 we met.") is None
    assert body._closer_kind("21 May 1952 [signature]", record_format()) == "date-signature"


def test_no_line_of_a_record_is_kept_after_its_parse(tmp_path):
    from tei_encoder.config import record_format
    from tei_encoder.parse import parse_record
    from tei_encoder.read import read_record

    record = tmp_path / "r.txt"
    record.write_text(
        "A Conversation\n\nJune 1, 1961\n\nPetrov: We agree with the proposal.\n\n"
        "Kowalski: The question was not raised.\n\nPetrov: Then we are done.\n",
        encoding="utf-8",
    )
    parse_record(read_record(record), record_format("plain"))
    assert body._turn_labels.cache_info().currsize == 0
