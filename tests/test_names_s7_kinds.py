"""Kinds of entity errors measured on unseen real prose (issue 12, session 7): dates the archive's
editors do not annotate, two dates joined into one stretch; constructed, invented wording."""

from test_names_round5 import _values


def test_a_year_named_from_the_record_is_no_date():
    text = "The harvest of this year beat last year's; next year the plant opens, and the current year ends well."
    assert _values(text, 1964, 6, relative=True) == []


def test_two_dates_joined_by_and_or_to_are_one_stretch():
    text = "The mission stayed between 27 November 1958 and 4 February 1959; talks ran from June 3rd to June 5th."
    assert _values(text, 1959, 2) == [
        ("27 November 1958 and 4 February 1959", "1958-11-27/1959-02-04"),
        ("June 3rd to June 5th", "1959-06-03/1959-06-05"),
    ]
    # a second date before the first, or bare years, stay apart
    assert _values("It was signed on 9 May 1960 and ratified on 2 May 1960.", 1960, 5) == [
        ("9 May 1960", "1960-05-09"),
        ("2 May 1960", "1960-05-02"),
    ]
    assert _values("in 1957 and 1958", 1960, 5) == [("1957", "1957"), ("1958", "1958")]
