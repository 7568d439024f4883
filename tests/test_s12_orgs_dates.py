"""Kinds of organisation and date misses seen on unseen real records of the archive (issue 12,
session 12): a date qualified by an abbreviation of "current year", days counted from the record's
date, holidays, bodies by abbreviation and context; constructed, invented wording."""

from test_names_round5 import _values


def test_a_day_and_month_then_an_abbreviated_current_year_is_one_date_of_the_records_year():
    text = "The plenum met on May 12 c.y. in Split, and again on 3 June c. y., and on 4 July t.y."
    assert _values(text, 1971, 12) == [
        ("May 12 c.y.", "1971-05-12"),
        ("3 June c. y.", "1971-06-03"),
        ("4 July t.y.", "1971-07-04"),
    ]  # the record's own year, never the nearer one across a new year


def test_yesterday_and_tomorrow_are_counted_from_the_records_full_date():
    text = "We met yesterday and will meet again tomorrow; the day before yesterday it rained."
    assert _values(text, 1968, 3, relative=True, default_day=1) == [
        ("yesterday", "1968-02-29"),
        ("tomorrow", "1968-03-02"),
        ("the day before yesterday", "1968-02-28"),
    ]
    assert _values(text, 1968, 3, relative=True) == []  # no day of the record: no day to count from
    assert _values("the yesterday's men", 1968, 3, relative=True, default_day=5) == []


def test_a_holiday_is_its_day_in_the_records_year():
    text = "After the holiday (May Day) they met; on New Year's Day the envoy called."
    assert _values(text, 1971, 4, relative=True) == [("May Day", "1971-05-01"), ("New Year's Day", "1971-01-01")]
    assert _values("The parade at the May Day Stadium.", 1971, 4, relative=True) == []  # a place's name
    assert _values("After May Day they met.", None, None, relative=True) == []  # no year to take
