"""Issue #12, session 15 (N31): kinds a reading of unseen real records found; constructed records
n71-n76 in our own wording, against the shipped authority.

- a role the record's title gives a lone surname (an envoy's title) weighs as it does in the body;
- a listed organisation printed with lower-case later words ("the Warsaw pact") is that organisation,
  never the city its first word names."""

from conftest import encode_text, record, tree_of, xp


def _header(title: str, summary: str = "") -> str:
    summary_part = f"Summary:\n\n{summary}\n\n" if summary else ""
    return (
        f'June 9, 1961\n\n**{title}**\n\nCitation:\n\n"{title}", June 9, 1961, Wilson Center Digital Archive, '
        "invented reference.\n\n<https://example.org/document/n71>\n\n"
        f"{summary_part}Original Language:\n\nRussian\n\nContents:\n\nTranslation - English\n\n"
    )


def _mentions(tmp_path, text: str, tag: str) -> list[tuple[str, str | None]]:
    tree = tree_of(encode_text(tmp_path, text))
    return [("".join(e.itertext()), e.get("ref")) for e in xp(tree, f"//t:text//t:{tag}")]


def _all_mentions(tmp_path, text: str) -> list[tuple[str, str, str | None]]:
    tree = tree_of(encode_text(tmp_path, text))
    found = xp(tree, "//t:text//t:persName | //t:text//t:placeName | //t:text//t:orgName")
    return [(e.tag.rsplit("}", 1)[-1], "".join(e.itertext()), e.get("ref")) for e in found]


def test_n71_an_envoy_title_in_the_record_title_keeps_a_famous_surname_unlinked(tmp_path):
    """n71: the title calls the writer an ambassador; the summary and body name him by surname alone.
    The listed Zhukov (a marshal, no post abroad in his entry) is another person: unlinked. Failed before:
    the envoy's title was read in the summary and body only."""
    text = record(
        "The minister thanked Zhukov for the invitation and promised to come.\n",
        _header(
            "Journal Entry of Ambassador Zhukov: Record of a Talk with the Lumerian Minister",
            "Zhukov asks the minister to a concert of a Soviet choir.",
        ),
    )
    found = _mentions(tmp_path, text, "persName")
    assert [t for t, _ in found] == ["Zhukov"]
    assert found[0][1] != "#zhukov"
    # the same surname with no envoy's title anywhere stays the listed person
    plain = record("The parade was reviewed by Zhukov and the guests applauded.\n", _header("Notes on a Parade"))
    assert dict(_mentions(tmp_path, plain, "persName"))["Zhukov"] == "#zhukov"


def test_n72_a_listed_body_printed_with_a_lower_case_head_is_the_body_not_the_city(tmp_path):
    """n72: "the Warsaw pact member nations", "the Baghdad pact": the listed pacts, and no Warsaw or
    Baghdad as a place. Failed before: the capitalised first word was read alone, as the city."""
    found = _all_mentions(
        tmp_path,
        record(
            "The minister said that there are no quarrels between Lumeria and the Warsaw pact member nations, "
            "and that the Baghdad pact had lost its purpose.\n"
        ),
    )
    assert ("orgName", "Warsaw pact", "#warsaw-pact") in found
    assert ("orgName", "Baghdad pact", "#cento") in found
    assert not [m for m in found if m[0] == "placeName" and m[1] in ("Warsaw", "Baghdad")]
    # the city itself, with a lower-case word after it that is no listed body's head, stays the city
    city = _all_mentions(tmp_path, record("The delegation flew to Warsaw today and met the minister.\n"))
    assert ("placeName", "Warsaw", "#warsaw") in city


def test_n73_a_two_digit_year_after_day_and_month_belongs_to_the_date(tmp_path):
    """n73: a dateline "3 April 71" alone on its line, and "the talk of 9 May 68." in the text: the year
    is the date's (its extent and its value); a number that goes on ("3 April 71 tanks") is no year.
    Failed before: the date stopped at the month, and took the record's year."""
    from tei_encoder.dates import find_dates

    def read(text: str, year: int) -> list[tuple[str, dict]]:
        return [(text[d.start : d.end], d.attrs) for d in find_dates(text, year, 6)]

    assert read("3 April 71", 1971) == [("3 April 71", {"when": "1971-04-03"})]
    assert read("We recalled the talk of 9 May 68.", 1971) == [("9 May 68", {"when": "1968-05-09"})]
    assert read("On 3 April 71 tanks crossed.", 1971) == [("3 April", {"when": "1971-04-03"})]
    assert read("On 3 April 12 and more", 1971) == [("3 April", {"when": "1971-04-03"})]  # no year far before
    tree = tree_of(encode_text(tmp_path, record("Pyongyang, 3 April 61\n\nThe envoy called.\n")))
    assert [("".join(e.itertext()), e.get("when")) for e in xp(tree, "//t:text//t:date")] == [
        ("3 April 61", "1961-04-03")
    ]


def test_n74_a_single_initial_c_before_a_surname_belongs_to_the_name(tmp_path):
    """n74: "C. Dumitrache" signing under a role, and in a sentence: the initial is the name's ("C." is
    no comrade's abbreviation unless the record writes "c." before names: that reading stays). Failed
    before: "C." was read as an honorific and the name cut to the surname."""
    signed = _mentions(tmp_path, record("The talks went well.\n\nChargé d'affaires a.i.\nC. Dumitrache\n"), "persName")
    assert [t for t, _ in signed] == ["C. Dumitrache"]
    inside = _mentions(tmp_path, record("On Monday we met C. Dumitrache at the ministry.\n"), "persName")
    assert [t for t, _ in inside] == ["C. Dumitrache"]
    comrade = _mentions(tmp_path, record("C. Dumitrache asked c. Vlasceanu to stay.\n"), "persName")
    assert [t for t, _ in comrade] == ["Dumitrache", "Vlasceanu"]
