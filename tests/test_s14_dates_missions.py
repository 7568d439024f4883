"""Dates and missions of issue 12 still missed in session 14: a cable's stamp day after "at" before a clock
time, a weekday before a day's date, a day after "since" that the record's year would put after its date, a
day's ordinal alone before a function word, "last" and a month as the month itself, a state's delegation or
mission named by its adjective. Constructed, invented wording; each test fails before its fix."""

from conftest import dated_record, encode_text, record, tree_of, xp

from tei_encoder.dates import find_dates


def _values(text: str, year: int, month: int, day: int) -> list[tuple[str, str]]:
    found = find_dates(text, year, month, relative=True, default_day=day)
    return [
        (text[d.start : d.end], d.attrs.get("when") or f"{d.attrs.get('notBefore')}/{d.attrs.get('notAfter')}")
        for d in found
    ]


def test_a_stamp_day_after_at_before_a_clock_time_near_the_records_date_is_a_day():
    text = "Sent on 03.14.1963 at 20:30 and received at 03.15 at 06:25"
    assert _values(text, 1963, 3, 14) == [("03.14.1963", "1963-03-14"), ("03.15", "1963-03-15")]
    # far from the record's date it stays a time of receipt
    assert _values("Sent on 4 May 1962, received at 06.14 at 04:53.", 1962, 5, 5) == [("4 May 1962", "1962-05-04")]


def test_a_weekday_before_a_days_date_is_part_of_the_mention():
    assert _values("The talk on Thursday, 31 December went well.", 1971, 1, 8) == [
        ("Thursday, 31 December", "1970-12-31")
    ]
    assert _values("We met on Friday 6 March.", 1964, 3, 9) == [("Friday 6 March", "1964-03-06")]
    assert _values("We met on Friday and on 6 March.", 1964, 3, 9) == [("6 March", "1964-03-06")]


def test_a_day_after_since_that_would_lie_after_the_records_date_is_of_the_year_before():
    assert _values("Things changed since 15 September.", 1971, 1, 8) == [("15 September", "1970-09-15")]
    assert _values("Things changed since 3 January.", 1971, 1, 8) == [("3 January", "1971-01-03")]
    assert _values("Things will change on 15 September.", 1971, 1, 8) == [("15 September", "1971-09-15")]
    assert _values("Things changed since 15 September 1971.", 1971, 1, 8) == [("15 September 1971", "1971-09-15")]


def test_a_days_ordinal_alone_before_a_function_word_is_a_day_of_the_records_month():
    assert _values("On the 5th the press wrote about it.", 1971, 1, 8) == [("5th", "1971-01-05")]
    assert _values("On the 6th he left for Moscow.", 1971, 1, 8) == [("6th", "1971-01-06")]
    assert _values("The 20th anniversary and the 4th Congress.", 1971, 1, 8) == []


def test_last_and_a_month_is_the_month_itself():
    assert _values("Last October the paper said so.", 1961, 3, 16) == [("Last October", "1960-10")]


def test_a_states_delegation_or_mission_named_by_its_adjective_is_an_organisation(tmp_path):
    body = "The Brazilian Delegation and the Mexican Mission spoke; the Chinese delegation was silent.\n"
    tree = tree_of(encode_text(tmp_path, record(body)))
    orgs = ["".join(e.itertext()) for e in xp(tree, "//t:text//t:orgName")]
    assert orgs == ["Brazilian Delegation", "Mexican Mission"], orgs


def test_a_cables_stamp_days_in_a_record(tmp_path):
    body = "Sent from Havana on 01.07.1971 at 21:10 and received at 01.08 at 07:40\n"
    tree = tree_of(encode_text(tmp_path, dated_record(body, "January 8, 1971")))
    dates = [(d.text, d.get("when")) for d in xp(tree, "//t:text//t:date")]
    assert dates == [("01.07.1971", "1971-01-07"), ("01.08", "1971-01-08")], dates
