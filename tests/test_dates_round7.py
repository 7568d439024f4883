"""Dates on unseen real prose (issue 12, seventh round): a supplied year after a day range, ordinal
days with "of", the year-first datelines of telegrams, Roman-month datelines with their closing stop,
seasons and parts of a year; constructed, invented wording."""

from conftest import encode_text, record, tree_of, xp

from tei_encoder.dates import find_dates


def _dates(text: str, year: int | None, month: int | None = None) -> list[tuple[str, str]]:
    """(text as matched, value as entity_eval reads it: @when or notBefore/notAfter) for each date."""
    out = []
    for d in find_dates(text, year, month):
        value = d.attrs.get("when") or f"{d.attrs.get('notBefore')}/{d.attrs.get('notAfter')}"
        out.append((text[d.start : d.end], value))
    return out


def test_a_supplied_year_in_brackets_after_a_day_range_belongs_to_the_mention():
    text = "The talks of 11-14 May, [1971] and of 3 June [1971] went well."
    assert _dates(text, 1971, 6) == [("11-14 May, [1971]", "1971-05-11/1971-05-14"), ("3 June [1971]", "1971-06-03")]


def test_ordinal_days_with_of_before_a_capitalised_month():
    text = "He came on the 9th of March 1958, left on 21 of March and wrote on the 2nd of April, 1958."
    assert _dates(text, 1958, 4) == [
        ("9th of March 1958", "1958-03-09"),
        ("21 of March", "1958-03-21"),
        ("2nd of April, 1958", "1958-04-02"),
    ]
    assert _dates("Some 4 of may be late.", 1958, 4) == []  # "may" the verb is no month


def test_year_first_telegram_datelines_only_near_the_records_year():
    assert _dates("Sofia, 77. 04. 19. No. 12", 1977, 4) == [("77. 04. 19.", "1977-04-19")]
    assert _dates("Sofia, 77. 04. 19. No. 12", 1965, 4) == []  # far from the record's year: no date
    assert _dates("Sofia, 77. 04. 19. No. 12", None) == []
    assert _dates("item 05. 06. 77. on the list", 1977, 4) == []  # both orders possible near 1977: no date


def test_a_roman_month_dateline_keeps_its_closing_stop():
    text = "Budapest, 12.IV 59. Signed; sent 3. XI. 1959 and 4.V.59."
    assert _dates(text, 1959, 4) == [
        ("12.IV 59.", "1959-04-12"),
        ("3. XI. 1959", "1959-11-03"),
        ("4.V.59", "1959-05-04"),
    ]


def test_seasons_and_parts_of_a_year_are_one_mention():
    text = (
        "In the autumn of 1957 the plan slipped; by the spring of 1958, early 1959 and mid-1960 the works "
        "stood, and at the end of 1961 summer 1962 was named; in winter 1963 they rested."
    )
    assert _dates(text, 1963, 5) == [
        ("autumn of 1957", "1957-09-01/1957-11-30"),
        ("spring of 1958", "1958-03-01/1958-05-31"),
        ("1959", "1959"),  # "early 1959": a vague part has no bounds, the year is the date
        ("1960", "1960"),
        ("end of 1961", "1961-12-01/1961-12-31"),
        ("summer 1962", "1962-06-01/1962-08-31"),
        ("1963", "1963"),  # "winter 1963": across a new year, the year alone
    ]
    assert _dates("Exports will fall 1962 tons short; amid 1962 troubles.", 1962, 5) == []


def test_a_range_from_until_across_a_new_year_is_one_date_in_the_tei(tmp_path):
    body = (
        "The mission stayed from 27 December 1960 until 4 January 1961, then from 30 December 1961 till "
        "2 January 1962, and between 29 December 1962 and 5 January 1963. In the fall of 1960 it returned.\n"
    )
    tree = tree_of(encode_text(tmp_path, record(body)))
    dates = [
        ("".join(e.itertext()), e.get("when") or f"{e.get('notBefore')}/{e.get('notAfter')}")
        for e in xp(tree, "//t:body//t:date")
    ]
    assert dates == [
        ("27 December 1960 until 4 January 1961", "1960-12-27/1961-01-04"),
        ("30 December 1961 till 2 January 1962", "1961-12-30/1962-01-02"),
        ("29 December 1962 and 5 January 1963", "1962-12-29/1963-01-05"),
        ("fall of 1960", "1960-09-01/1960-11-30"),
    ]


def test_a_month_naming_a_meeting_is_a_date_only_when_its_year_is_sure():
    text = "Since the April plenum and the June session of the Assembly, the July Congress is awaited."
    assert _dates(text, 1959, 6) == [("April", "1959-04"), ("June", "1959-06")]
    assert _dates("The November Plenum decided it.", 1960, 1) == []  # "The" opens the sentence: not read
    assert _dates("after the November plenum", 1960, 1) == [("November", "1959-11")]
    assert _dates("after the November plenum", 1960, 5) == []  # last year's or a coming one: unsure
    assert _dates("after the November plenum", None) == []


def test_a_date_followed_by_the_translators_supplied_year_takes_that_year_not_the_records(tmp_path):
    # the record is of 1961; the bracketed years are the source's own: a value of 1961 would be wrong
    tree = tree_of(
        encode_text(
            tmp_path,
            record(
                "The talks ran 20-24 March [1962] in the capital.\n\n"
                "The envoy came on 5 August, [1963] and left on 9 June 1961.\n"
            ),
        )
    )
    dates = {"".join(d.itertext()): dict(d.attrib) for d in xp(tree, "//t:body//t:date")}
    # the supplied year is part of the date it completes
    assert dates["20-24 March 1962"] == {"notBefore": "1962-03-20", "notAfter": "1962-03-24"}
    assert dates["5 August, 1963"] == {"when": "1963-08-05"}
    assert dates["9 June 1961"] == {"when": "1961-06-09"}
