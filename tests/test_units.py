"""Unit tests of the parse, date and recogniser functions, called directly (no CLI, no files)."""

import os

import pytest
from conftest import ROOT, SETTINGS, encode_text, record, tree_of, xp

from tei_encoder.config import record_format
from tei_encoder.dates import find_dates, is_date_line, iso_day, month_bounds, parse_date_line
from tei_encoder.enrich.entities import norm, tokens
from tei_encoder.parse.blocks import split_blocks
from tei_encoder.parse.citation import parse_archival_reference, parse_responsibilities, split_citation
from tei_encoder.parse.header import label_of, parse_header

WCDA = record_format("wcda")

# --- dates (TEI 13.4 "Dates": when for an exact date, notBefore/notAfter for a bounded one) ---------


@pytest.mark.parametrize(
    ("text", "year", "attrs"),
    [
        ("June 9, 1961", None, {"when": "1961-06-09"}),
        ("9 June 1961", None, {"when": "1961-06-09"}),
        ("1961-04-28", None, {"when": "1961-04-28"}),
        ("June 1961", None, {"when": "1961-06"}),
        ("on 27 April", 1961, {"when": "1961-04-27"}),
        ("on 26-28 April 1961", None, {"notBefore": "1961-04-26", "notAfter": "1961-04-28"}),
        ("at the beginning of June 1961", None, {"notBefore": "1961-06-01", "notAfter": "1961-06-10"}),
        ("from the start of June 1961", None, {"notBefore": "1961-06-01", "notAfter": "1961-06-10"}),
        ("in the middle of May 1960", None, {"notBefore": "1960-05-11", "notAfter": "1960-05-20"}),
        ("at the end of February 1960", None, {"notBefore": "1960-02-21", "notAfter": "1960-02-29"}),
        ("at the end of February 1961", None, {"notBefore": "1961-02-21", "notAfter": "1961-02-28"}),
        ("about August of this year", 1961, {"when": "1961-08"}),
        ("on 8/9 October 1958", None, {"notBefore": "1958-10-08", "notAfter": "1958-10-09"}),
        ("from 3 to 19 May 1962", None, {"notBefore": "1962-05-03", "notAfter": "1962-05-19"}),
        ("between 2 through 6 March", 1962, {"notBefore": "1962-03-02", "notAfter": "1962-03-06"}),
        ("from 28 September through 4 October 1959", None, {"notBefore": "1959-09-28", "notAfter": "1959-10-04"}),
        ("on October 5 and 9", 1964, {"notBefore": "1964-10-05", "notAfter": "1964-10-09"}),
        ("on 7 and 8 November 1957", None, {"notBefore": "1957-11-07", "notAfter": "1957-11-08"}),
        ("report of 1958 March 3 and 7", None, {"notBefore": "1958-03-03", "notAfter": "1958-03-07"}),
        ("dated 1957. március 15. in", None, {"when": "1957-03-15"}),
        ("dated 1957 November 2", None, {"when": "1957-11-02"}),
        ("in April or July of 1965", None, {"notBefore": "1965-04-01", "notAfter": "1965-07-31"}),
        ("in the first half of 1966", None, {"notBefore": "1966-01-01", "notAfter": "1966-06-30"}),
        ("in the second half of the year", 1966, {"notBefore": "1966-07-01", "notAfter": "1966-12-31"}),
        ("the congress met in March", 1959, {"when": "1959-03"}),
        ("he retired in 1948.", None, {"when": "1948"}),
        ("received on “4” February 1960", None, {"when": "1960-02-04"}),
    ],
)
def test_date_forms_give_iso_values(text, year, attrs):
    found = find_dates(text, year)
    assert [m.attrs for m in found] == [attrs]
    assert found[0].problem == ""


@pytest.mark.parametrize(
    ("text", "year", "month", "value"),
    [
        ("on 30 December", 1958, 1, "1957-12-30"),  # a January record looks back across the new year
        ("on 2 January", 1958, 12, "1959-01-02"),  # a December record looks ahead
        ("on 2 January", 1958, 6, "1958-01-02"),  # far from a new year: the record's year
        ("on 20 October", 1958, 1, "1958-10-20"),  # nine months back is too far to guess: the record's year
    ],
)
def test_a_date_without_a_year_may_cross_a_new_year(text, year, month, value):
    (match,) = find_dates(text, year, month)
    assert match.attrs == {"when": value}


def test_ranges_across_a_new_year():
    (match,) = find_dates("from 28 December to 3 January 1962", None)
    assert match.attrs == {"notBefore": "1961-12-28", "notAfter": "1962-01-03"} and not match.problem
    (match,) = find_dates("from 28 December to 3 January", 1961, 12)
    assert match.attrs == {"notBefore": "1961-12-28", "notAfter": "1962-01-03"}
    assert find_dates("from October to March", 1961, 6) == []  # which years, the text does not say


def test_bare_months_and_years_need_a_cue():
    assert find_dates("they may march on", 1960, 5) == []  # modal verb, verb: no month
    assert find_dates("He said May would come", 1960, 5) == []  # no preposition before the month
    assert find_dates("a party of 1200 members, the 1988 Olympic Games", None) == []  # a number, an event's year
    # a year as an adjective still names the year (real gold: "the 1962 implementation plan")
    assert [d.attrs for d in find_dates("a party of 1200 members, the 1967 plan", None)] == [{"when": "1967"}]
    assert [m.attrs for m in find_dates("in March", 1960, 5)] == [{"when": "1960-03"}]
    assert find_dates("in March", None) == []
    # early in a year "the first half of the year" may be the year just past: no value is better than a wrong one
    assert find_dates("in the first half of the year", 1973, 1) == []
    (stops,) = find_dates("dated 1957. március 15. in", None)
    assert "dated 1957. március 15. in"[stops.start : stops.end] == "1957. március 15."


def test_a_day_and_month_need_a_year():
    assert find_dates("on 27 April", None) == []
    assert find_dates("about August of this year", None) == []


def test_impossible_dates_are_found_but_get_no_value():
    (match,) = find_dates("on 31 February 1961", None)
    assert match.attrs == {} and "impossible date" in match.problem
    (backwards,) = find_dates("on 28-26 April 1961", None)
    assert backwards.attrs == {} and "impossible date range" in backwards.problem


def test_the_longest_form_wins_at_one_place():
    (match,) = find_dates("signed on 9 June 1961 in Moscow", None)
    assert "signed on 9 June 1961 in Moscow"[match.start : match.end] == "9 June 1961"


def test_calendar_helpers():
    assert iso_day(1960, 2, 29) == "1960-02-29" and iso_day(1961, 2, 29) is None and iso_day(1961, 13, 1) is None
    assert month_bounds(1961, 4) == ("1961-04-01", "1961-04-30")


def test_date_lines():
    assert parse_date_line("June 9, 1961") == "1961-06-09"
    assert parse_date_line("September 01, 1975") == "1975-09-01"
    assert parse_date_line("April 1976") == "1976-04"
    assert parse_date_line("1971") == "1971"
    assert parse_date_line("The meeting of June 9, 1961") is None
    assert is_date_line("9 June 1961") and not is_date_line("9 June 1961 was a Friday")


# --- header and citation ------------------------------------------------------------------------


def test_labels_are_the_formats():
    assert label_of("Summary:", WCDA) == ("summary", "")
    assert label_of("Source: a book", WCDA) == ("citation", "a book")
    assert label_of("Moscow: the talks", WCDA) is None


HEADER = (
    "March 3, 1957\n\n**A Note on the Harbour**\n\nCitation:\n\n"
    '"A Note on the Harbour", March 3, 1957, Wilson Center Digital Archive, AVP RF, F. 1, Op. 2, P. 3, D. 4.\n\n'
    "<https://digitalarchive.example.org/document/500123>\n\nSummary:\n\nThe harbour works are late.\n\n"
    "Credits:\n\nThis document was made possible with support from the Example Foundation\n\n"
    "Original Language:\n\nRussian\n\nContents:\n\nTranslation - English\n\n"
)


def test_header_fields_and_where_the_document_begins():
    header, body, warnings = parse_header(split_blocks(HEADER + "The document itself."), WCDA)
    assert (header.title, header.date_iso) == ("A Note on the Harbour", "1957-03-03")
    assert header.url == "https://digitalarchive.example.org/document/500123"
    assert header.doc_number == "500123"
    assert header.summary == "The harbour works are late."
    assert header.funders == ["Example Foundation"]
    assert [lang.code for lang in header.original_languages] == ["ru"]
    assert [b.text for b in body] == ["The document itself."]
    assert warnings == []


def test_citation_responsibilities():
    resps = parse_responsibilities("Obtained by James G. Hershberg and translated by Gary Goldberg.", WCDA)
    assert [(r.resp, r.names) for r in resps] == [
        ("Obtained", ["James G. Hershberg"]),
        ("Translation", ["Gary Goldberg"]),
    ]
    rest, found = split_citation('"A title", June 9, 1961, Archive, AVP RF. Translated by Jane Roe.', WCDA)
    assert [r.names for r in found] == [["Jane Roe"]]


def test_russian_archival_reference():
    ref = parse_archival_reference("AVP RF, F. 0104. Op. 17, P. 118, D. 3. ll. 237-240.")
    assert ref is not None and ref.understood
    assert ref.repository is not None and ref.repository.abbr == "AVP RF"
    assert ref.idnos == [("fond", "0104"), ("opis", "17"), ("papka", "118"), ("delo", "3")]
    assert ref.locus == ("237", "240", "ll. 237-240")


# --- recogniser ---------------------------------------------------------------------------------------


def test_tokens_and_normal_forms():
    assert [t for _, _, t in tokens("A.I. Mikoyan met Dorticós.")] == ["A.", "I.", "Mikoyan", "met", "Dorticós"]
    assert norm("Dorticós") == norm("DORTICOS")


def _mentions(tree):
    return sorted(
        (el.xpath("local-name()"), " ".join("".join(el.itertext()).split()), el.get("ref"))
        for el in xp(tree, "//t:text//t:persName | //t:text//t:placeName | //t:text//t:orgName")
    )


def test_exactly_these_names_and_no_others(tmp_path):
    """Fails on a missing name AND on any extra one: demonyms, roles and generic phrases are not names."""
    body = (
        "The Soviet government informed President Dorticos that the Cuban delegation would travel to Moscow. "
        "The American ambassador and the Foreign Ministry were not told."
    )
    tree = tree_of(encode_text(tmp_path, record(body)))
    assert _mentions(tree) == [
        ("persName", "Dorticos", "#dorticos"),
        ("placeName", "Moscow", "#moscow"),
    ]


# --- dateline type (FRUS practice: the dateline after the head dates the event the head names) -------


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        ("RECORD OF A CONVERSATION", "conversation"),
        ("MINUTES OF THE MEETING", "meeting"),
        ("MINUTES", "meeting"),
        ("RECORD OF THE SESSION", "meeting"),
        ("RECORD OF TALKS", "conversation"),
        ("NOTE ON THE HARBOUR", None),
    ],
)
def test_dateline_after_the_head_is_typed(tmp_path, head, kind):
    body = f"{head}\nwith the Prime Minister\n\n28 April 1961\n\nThe text of the record."
    tree = tree_of(encode_text(tmp_path, record(body), settings=SETTINGS))
    dates = xp(tree, "//t:body//t:dateline/t:date[@when='1961-04-28']")
    assert len(dates) == 1
    assert dates[0].get("type") == kind


def _div(*names: str):
    from lxml import etree

    div = etree.Element("{http://www.tei-c.org/ns/1.0}div")
    for name in names:
        etree.SubElement(div, "{http://www.tei-c.org/ns/1.0}" + name)
    return div


@pytest.mark.parametrize(
    "children, problem",
    [
        (("head", "opener", "p", "list", "closer"), ""),
        (("opener", "dateline"), ""),
        (("head", "pb", "p", "note", "closer", "pb"), ""),
        (("head", "div", "div", "closer"), ""),
        (("p", "div"), ""),
        (("opener", "closer"), "closer with no paragraph before it in a div"),
        (("p", "list", "dateline", "p"), "dateline followed by p in a div"),
        (("p", "closer", "list"), "closer followed by list in a div"),
        (("div", "p"), "div content out of order: div p"),
    ],
)
def test_div_content_model(children, problem):
    """The writer's check of the TEI div content model (tei_all is stricter than our XSD here)."""
    from tei_encoder.write import div_content_problem

    assert div_content_problem(_div(*children)) == problem


def test_organisation_whose_head_is_two_words(tmp_path):
    """A head of several words ("Women's Union") once crashed the organisation extent (and the batch)."""
    for apostrophe in ("'", "\u2019"):
        body = f"She is president of the Korean Democratic Women{apostrophe}s Union. The meeting ended."
        result = encode_text(tmp_path, record(body))
        assert result.ok, result.error


def test_a_bug_costs_one_record_not_the_batch(tmp_path, monkeypatch):
    from click.testing import CliRunner

    import tei_encoder.pipeline as pipeline
    from tei_encoder.cli import main

    real_tree = pipeline.tei_tree

    def flaky_tree(doc, change_date=None):
        if "BOOM" in doc.source.text:
            raise ValueError("simulated bug")
        return real_tree(doc, change_date)

    monkeypatch.setattr(pipeline, "tei_tree", flaky_tree)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(record("BOOM goes this one."), encoding="utf-8")
    (folder / "b.txt").write_text(record("This one is fine."), encoding="utf-8")
    result = CliRunner().invoke(main, ["encode", str(folder), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "internal error: ValueError: simulated bug" in result.output
    assert (tmp_path / "out" / "b.xml").exists() and not (tmp_path / "out" / "a.xml").exists()


def test_a_body_as_author_is_an_orgname(tmp_path):
    """A cable signed by a ministry is authored by a body: author/orgName, valid TEI (TEI 2.2.1)."""
    header = (
        "March 3, 1962\n\n**Cable from the Foreign Ministry to Ambassador Chen Ping, 3 March 1962**\n\n"
        "<https://digitalarchive.example.org/document/500124>\n\n"
    )
    body = "Please report on the harbour works.\n\nMinistry of Foreign Affairs\n"
    result = encode_text(tmp_path, record(body, header=header))
    tree = tree_of(result)
    (author,) = xp(tree, "//t:titleStmt/t:author/*")
    ref = author.get("ref", "")[1:]
    assert author.xpath("local-name()") == "orgName"
    assert xp(tree, f"local-name(//t:standOff//*[@xml:id='{ref}'])") == "org"
    path = tmp_path / "out.xml"
    path.write_bytes(result.tei)
    from tei_encoder.validate import Validator

    assert [d.text() for d in Validator().check_files([path]) if d.severity == "error"] == []


def test_opener_parts_on_their_own_lines_keep_their_words_apart(tmp_path):
    """Lines of an opener become parts with a space between them: no `No. 15From` in the text."""
    body = "Secret. Urgent\nCiphergram No. 15\nFrom HANOI\nTo the Ministry\n\n12 March 1962\n\nThe talks went on."
    tree = tree_of(encode_text(tmp_path, record(body)))
    opener = " ".join(xp(tree, "//t:opener//text()"))
    words = "".join(xp(tree, "//t:opener//text()")).split()
    assert "No." in words and "15" in words and "From" in words, opener
    assert not any(w.endswith("From") and w != "From" for w in words), opener


def test_a_pool_only_for_a_batch_that_pays_for_it(monkeypatch):
    import os

    from tei_encoder import build, validate
    from tei_encoder.workers import pool_workers

    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    assert pool_workers(999, 2, 1000) == 1  # below the break-even: this process alone
    assert pool_workers(1000, 2, 1000) == 2
    assert pool_workers(10**6, 8, 1000) == 2  # never more workers than cores
    assert pool_workers(1500, 4, 500) == 2
    assert pool_workers(10**6, 1, 1000) == 1  # --jobs 1 is one process
    assert validate.POOL_BREAK_EVEN > 1000  # 1,000 files are never slower than one process
    assert 16 <= build.POOL_BREAK_EVEN <= 100
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {1}, raising=False)
    assert pool_workers(10**6, 2, 1000) == 1  # a process allowed one core (taskset, a container) stays alone
    monkeypatch.delattr(os, "sched_getaffinity", raising=False)
    assert pool_workers(10**6, 8, 1000) == 2  # no affinity on this system: the machine's cores


@pytest.mark.parametrize(
    "sentence, kept",
    [
        ("Four MiG1 fighters flew over the port.", "MiG1 fighters"),
        ("The plan and x1 were shown to the envoy.", "and x1 were"),
    ],
)
def test_a_digit_glued_to_an_ordinary_word_is_no_note_mark(tmp_path, sentence, kept):
    t = tree_of(encode_text(tmp_path, record(f"{sentence}\n\n[1] A note in our own words.\n")))
    assert kept in " ".join("".join(xp(t, "//t:body//t:p[1]//text()")).split())
    notes = xp(t, "//t:body//t:note[@n='1']")
    assert len(notes) == 1 and notes[0].get("place") == "end"  # kept, unanchored, as `(1)` is


def test_a_digit_glued_to_a_name_in_capitals_is_a_note_mark(tmp_path):
    t = tree_of(encode_text(tmp_path, record("The attaché SAMPLE1 came too.\n\n[1] A note in our own words.\n")))
    assert xp(t, "//t:note[@n='1']/@place") == ["foot"]
    assert xp(t, "//t:note[@n='1']/preceding-sibling::text()[1]")[0].endswith("SAMPLE")


def test_the_benchmark_corpus_is_the_same_whatever_the_hash_seed(tmp_path):
    """benchmarks/make_corpus.py gives the same records in every run (Python's string hashing, which
    orders sets, changes from run to run): benchmarks compare like with like."""
    import subprocess
    import sys

    made = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"), "40", str(out)], env=env, check=True
        )
        made.append({p.name: p.read_bytes() for p in sorted(out.glob("*.txt"))})
    assert len(made[0]) == 40 and made[0] == made[1]
