"""A listed body's name that begins with a date (issue 12): one orgName, never a date inside it; constructed."""

from pathlib import Path

from conftest import encode_text, record, tree_of, xp


def _tags(tmp_path: Path, body: str) -> list[tuple[str, str, str]]:
    tree = tree_of(encode_text(tmp_path, record(body)))
    found = xp(tree, "//t:text//*[self::t:orgName or self::t:date or self::t:placeName]")
    return [(e.tag.rsplit("}", 1)[1], "".join(e.itertext()), e.get("ref") or e.get("when") or "") for e in found]


def test_a_listed_name_beginning_with_a_date_is_the_body(tmp_path):
    body = (
        "Veterans of the 26th of July Movement spoke first; the 26 July Movement then left the hall "
        "on 26 July with the guests.\n"
    )
    tags = _tags(tmp_path, body)
    assert ("orgName", "26th of July Movement", "#m26") in tags
    assert ("orgName", "26 July Movement", "#m26") in tags
    dates = [t for t in tags if t[0] == "date"]
    assert len(dates) == 1 and dates[0][1] == "26 July"  # a date standing alone stays a date


def test_a_date_before_a_place_stays_a_date(tmp_path):
    tags = _tags(tmp_path, "Cable of 1973-3-15 Ulaanbaatar, sent at night.\n")
    assert ("placeName", "Ulaanbaatar", "#ulaanbaatar") in tags
