"""Issue #12, session 17 (N39): recognition on real archive prose — a weekday before a date the translator
supplied, ... Constructed records in our own wording."""

import pytest
from conftest import dated_record, encode_text, tree_of, xp


def _dates(tmp_path, body: str, date: str) -> list[tuple[str, str]]:
    tree = tree_of(encode_text(tmp_path, dated_record(body, date)))
    return [("".join(e.itertext()), e.get("when", "")) for e in xp(tree, "//t:text//t:date")]


@pytest.mark.parametrize(
    "body, expected",
    [
        # failed before: the supplied date alone, the weekday outside it
        ("Since then, Tuesday [16 October], the talks went on.\n", [("Tuesday 16 October", "1962-10-16")]),
        ("He came on Monday, [15 October] at noon.\n", [("Monday, 15 October", "1962-10-15")]),
        # a weekday inside a longer word is none
        ("The Sundayschool Friday-[3 May] list.\n", [("3 May", "1962-05-03")]),
    ],
)
def test_a_weekday_before_a_supplied_date_is_part_of_it(tmp_path, body, expected):
    assert _dates(tmp_path, body, "October 22, 1962") == expected
