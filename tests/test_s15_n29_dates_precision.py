"""Kinds of date and precision errors seen on unseen real records of the archive (issue 12, session 15, N29):
a record dated by its month alone ("September, 1962"), whose days without a year take its year; a stamp's
bracket holding "Nº" read as an original-language term (its dates lost); a day range through a translator's
mark ("8 [sic] through 14 October", "2 [?] to 8 June"); a day before a supplied month ("the 14th [of
October]"); a meeting's month after a body's abbreviation, with the year printed after it ("the CPSU October
plenum in 1964"); a person's name in a prize printed in lower case ("the Lenin award"); a title-case
heading's capitalised verb after a title ("A Cuban Leader Talked about ..."). Constructed, invented wording;
each test fails before the fix and passes after."""

import importlib
import sys

import pytest
from conftest import ROOT, dated_record, encode_text, scores_as_its_gold, tree_of

from tei_encoder.dates import find_dates, parse_date_line


def _found(tmp_path, body: str, date: str = "May 5, 1962", language: str = "Chinese") -> list[tuple[str, str, str]]:
    """(kind, text, value) of each mention in the text, as benchmarks/entity_eval.py scores them (a date's value,
    a name's authority or GeoNames id; "" for an entry of the record), in document order; no organisations."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    ours = importlib.import_module("entity_eval").ours
    return [m for m in ours(tree_of(encode_text(tmp_path, dated_record(body, date, language)))) if m[0] != "org"]


@pytest.mark.parametrize("line, value", [("September, 1962", "1962-09"), ("Sept., 1962", "1962-09")])
def test_a_date_line_of_a_month_and_year_with_a_comma_is_read(line, value):
    assert parse_date_line(line) == value


def test_days_without_a_year_take_the_year_of_a_record_dated_by_month_and_comma(tmp_path):
    body = "The group left on 6 April and came back on 10 July, as planned.\n"
    assert _found(tmp_path, body, "September, 1962") == [
        ("date", "6 April", "1962-04-06"),
        ("date", "10 July", "1962-07-10"),
    ]


def test_a_stamp_bracket_with_a_numero_sign_is_no_foreign_term(tmp_path):
    body = "CONSULATE [faded stamp Nº 4 Copy Nº 1\n\n2 March 1962 7 March 1962]\n\nThe text follows.\n"
    assert _found(tmp_path, body) == [("date", "2 March 1962", "1962-03-02"), ("date", "7 March 1962", "1962-03-07")]


@pytest.mark.parametrize(
    "body, date",
    [
        (
            "The talks ran from 11 [sic] through 19 May 1962 at the lake.",
            ("11 through 19 May 1962", "1962-05-11/1962-05-19"),
        ),
        ("The talks ran from 2 [?] to 8 June 1962 at the lake.", ("2 ? to 8 June 1962", "1962-06-02/1962-06-08")),
    ],
)
def test_a_day_range_through_a_translators_mark_is_one_date(tmp_path, body, date):
    assert _found(tmp_path, body + "\n") == [("date", *date)]


def test_a_mark_on_a_day_not_before_the_date_joins_nothing(tmp_path):
    body = "Room 12 [sic] and 19 May 1962 were noted.\n"
    assert _found(tmp_path, body) == [("date", "19 May 1962", "1962-05-19")]


@pytest.mark.parametrize(
    "body, date",
    [
        ("The pilots were seen only on the 28th [of April] near the border.", ("28th of April", "1962-04-28")),
        ("The pilots were seen only on the 30th [of August] near the border.", ("30th of August", "1962-08-30")),
        ("They left on 3 [June 1961] by train.", ("3 June 1961", "1961-06-03")),
    ],
)
def test_a_day_before_a_supplied_month_is_one_date(tmp_path, body, date):
    assert _found(tmp_path, body + "\n") == [("date", *date)]


@pytest.mark.parametrize(
    "text, dates",
    [
        ("after the CPSU October plenum in 1964", [("October", "1964-10"), ("1964", "1964")]),
        ("the April plenum of 1959 decided", [("April", "1959-04"), ("1959", "1959")]),
        ("the USSR May session", [("May", "1966-05")]),
        ("the December plenum will decide", []),  # a later month of the record's year: maybe a coming one
    ],
)
def test_a_meeting_month_after_a_body_or_before_its_year(text, dates):
    found = find_dates(text, 1966, 7)
    assert [(text[d.start : d.end], d.attrs["when"]) for d in found] == dates


@pytest.mark.parametrize("honour", ["the international Lenin award", "a Stalin prize", "the Lenin medal"])
def test_a_person_in_an_honour_printed_in_lower_case_is_no_mention(tmp_path, honour):
    body = f"He went to Moscow to receive {honour} for his work.\n"
    assert [f for f in _found(tmp_path, body) if f[0] == "person"] == []


@pytest.mark.parametrize(
    "heading", ["A Cuban Leader Talked about the Situation", "An Ambassador Reported on the Visit (Continued)"]
)
def test_a_title_case_headings_verb_after_a_title_is_no_name(tmp_path, heading):
    body = f"{heading}\n\nThe leader spoke of the harvest.\n"
    assert [f for f in _found(tmp_path, body) if f[0] == "person"] == []


def test_a_name_after_a_title_outside_title_case_is_still_found(tmp_path):
    body = "The talks went on. Ambassador Mason reported on the visit.\n"
    assert [f[1] for f in _found(tmp_path, body) if f[0] == "person"] == ["Mason"]


def test_the_constructed_record_scores_as_its_gold():
    scores_as_its_gold("n59_marked_and_supplied_dates")


def _places(tmp_path, body: str) -> list[tuple[str, str]]:
    return [(text, ref) for tag, text, ref in _found(tmp_path, body, language="Russian") if tag == "place"]


def test_a_small_town_the_gazetteer_holds_after_a_place_cue_is_linked_where_its_country_is_named(tmp_path):
    body = "Two physicists of the USSR now work at the institute in Dubna and come home in summer.\n"
    assert _places(tmp_path, body) == [("USSR", "ussr"), ("Dubna", "gn-564719")]


def test_a_small_town_the_gazetteer_holds_in_a_country_the_record_names(tmp_path):
    body = "The Guinean side asked us to survey the area of Macenta for tea, as Guinea plans to grow it.\n"
    assert _places(tmp_path, body) == [("Macenta", "gn-2417988"), ("Guinea", "guinea")]


def test_a_small_town_without_its_country_named_or_without_a_cue_is_not_tagged(tmp_path):
    assert _places(tmp_path, "The experts went on to work in Macenta for a month.\n") == []
    assert _places(tmp_path, "In Guinea, Macenta said that the tea grows well.\n") == [("Guinea", "guinea")]


def test_a_small_town_the_translators_note_follows_is_a_place_of_the_record_unlinked(tmp_path):
    body = (
        "He works for the DPRK in the USSR at the institute in Dubno [Translator's note: so in the text] on reactors.\n"
    )
    places = _places(tmp_path, body)
    assert places[:2] == [("DPRK", "dprk"), ("USSR", "ussr")]
    assert places[2][0] == "Dubno" and not places[2][1].startswith("gn-")
