"""Dates real reports write that the finder missed or misread (issue 12): parts of a month by ten days
("the second ten days of May 1969", "early June", "late July"), a pair whose year is printed once after
the second ("late September and early October, 1962"), "… of this year", and a dotted year-first date
("1968.1.29"). TEI P5 13.4.2: a stretch is given by notBefore/notAfter."""

from __future__ import annotations

import pytest

from tei_encoder.dates import find_dates


def found(text: str, year: int = 1968, month: int = 12) -> list[tuple[str, dict]]:
    return [(text[d.start : d.end], d.attrs) for d in find_dates(text, year, month)]


@pytest.mark.parametrize(
    "text, surface, attrs",
    [
        (
            "a visit in the second ten days of May 1969 was",
            "second ten days of May 1969",
            {"notBefore": "1969-05-11", "notAfter": "1969-05-20"},
        ),
        (
            "during the first decade of March 1961 we",
            "first decade of March 1961",
            {"notBefore": "1961-03-01", "notAfter": "1961-03-10"},
        ),
        (
            "in the last ten days of February 1964 he",
            "last ten days of February 1964",
            {"notBefore": "1964-02-21", "notAfter": "1964-02-29"},
        ),
        ("Early June 1965 saw", "Early June 1965", {"notBefore": "1965-06-01", "notAfter": "1965-06-10"}),
        ("until late April, 1966, the", "late April, 1966", {"notBefore": "1966-04-21", "notAfter": "1966-04-30"}),
        ("a letter of 1968.1.29 said", "1968.1.29", {"when": "1968-01-29"}),
        ("he spoke on January 23 of this year in", "January 23 of this year", {"when": "1968-01-23"}),
        ("from 4 February of the current year on", "4 February of the current year", {"when": "1968-02-04"}),
    ],
)
def test_month_parts_and_shapes(text, surface, attrs):
    assert found(text) == [(surface, attrs)]


def test_a_pair_takes_the_year_printed_after_its_second_date():
    # the record is of December 1968: the pair's year is the printed 1962, for both of its dates
    assert found("they met in late September and early October, 1962, twice") == [
        ("late September and early October, 1962", {"notBefore": "1962-09-21", "notAfter": "1962-10-10"})
    ]
    assert found("on 12 March and 14 April 1961 the talks") == [
        ("12 March and 14 April 1961", {"notBefore": "1961-03-12", "notAfter": "1961-04-14"})
    ]
    # across a new year: the first date is the year before the printed one
    assert found("between 28 December and 6 January 1962 they") == [
        ("28 December and 6 January 1962", {"notBefore": "1961-12-28", "notAfter": "1962-01-06"})
    ]


def test_words_that_are_no_month_part_stay_untagged():
    assert found("the late President spoke early in the talks of this year") == []
    assert found("the first decade of the century") == []
    assert found("version 1968.13.29 of it") == []
    # an impossible day is tagged without a value and reported, as every impossible date is
    assert found("a note of 1968.1.32 said") == [("1968.1.32", {})]


@pytest.mark.parametrize(
    "text, span, when",
    [
        ("The meeting of 1976. 9. 28 was held.", "1976. 9. 28", "1976-09-28"),  # year first, dots and spaces
        ("In 1976. 12. 5. the talks began.", "1976. 12. 5", "1976-12-05"),
        ("In 1976. 9 delegates came.", "1976", "1976"),  # a year, then a sentence: no date of a day
    ],
)
def test_year_first_dates_with_spaces_after_the_dots(text, span, when):
    found = [(text[m.start : m.end], m.attrs.get("when")) for m in find_dates(text, 1976)]
    assert found == [(span, when)]
