"""Kinds of recall misses measured on unseen real prose (issue 12, session 9): places joined by hyphens,
abbreviations defined by a gloss in either order, places that name a conference, surname lists after an
attendance cue, dates that take a supplied year; constructed, invented wording."""

from conftest import encode_text, record, tree_of, xp
from test_names_s8_kinds import _mentions


def test_places_joined_by_hyphens_are_each_the_place(tmp_path):
    body = (
        "Talks on the Poland-Cuba air link resumed; the Prague-Zlatorog-Hanoi line is slower. "
        "The Sino-Soviet quarrel and Mr. Niculescu-Mizil were discussed.\n"
    )
    places = [(name, ref) for _, name, ref in _mentions(tmp_path, body, "placeName")]
    assert places[:2] == [("Poland", "#poland"), ("Cuba", "#cuba")]
    assert places[2] == ("Prague", "#prague") and places[4] == ("Hanoi", "#hanoi")
    assert places[3][0] == "Zlatorog" and not places[3][1].startswith(("#gn-", "#prague", "#hanoi"))  # unlinked
    assert len(places) == 5  # neither "Sino-Soviet" nor a hyphenated surname holds a place


def test_an_abbreviation_before_a_bracketed_gloss_is_the_body_before_and_after(tmp_path):
    body = (
        "The VKO said nothing.\n\nThe VKO [Ministry of Water Transport] and the OV KSČ [Regional Committee "
        "of the Communist Party of Czechoslovakia] met; later the VKO, the OV KSČ and the OV wrote. The END [sic] came.\n"
    )
    orgs = [(name, ref) for _, name, ref in _mentions(tmp_path, body, "orgName")]
    vko = [ref for name, ref in orgs if name == "VKO"]
    assert len(vko) == 3 and len(set(vko)) == 1 and vko[0].startswith("#org-vko")  # before the gloss too
    assert [name for name, _ in orgs].count("OV KSČ") == 2 and ("OV", dict(orgs)["OV KSČ"]) in orgs
    assert "Ministry of Water Transport" in dict(orgs) and "END" not in dict(orgs)


def test_an_abbreviation_glossed_in_parentheses_names_the_listed_place_or_body(tmp_path):
    body = (
        "The ROC envoy came. The Minister of the Republic of China (ROC) and the ambassador of the "
        "Polish People’s Republic (PPR) met a delegate of the ROC.\n\n"
        "The Rural Youth Front of Poland (RYFP) wrote; the RYFP signed.\n"
    )
    found = _mentions(tmp_path, body)
    assert [(k, n) for k, n, _ in found if "RYFP" in n] == [("orgName", "RYFP")] * 2  # a longer name's, not a place's
    assert [(n, r) for _, n, r in found if n == "ROC"] == [("ROC", "#taiwan")] * 3
    assert [(n, r) for _, n, r in found if n == "PPR"] == [("PPR", "#poland")]


def _dates(tmp_path, body: str) -> list[tuple[str, str]]:
    tree = tree_of(encode_text(tmp_path, record(body)))  # a record of June 9, 1961
    return [("".join(d.itertext()), d.get("when") or "") for d in xp(tree, "//t:text//t:date")]


def test_dates_take_a_supplied_year_ordinals_of_the_month_and_years_named_alone(tmp_path):
    body = (
        "We talked on 2 June [1961] and on the 4th, from noon. On the evening of the 7th […] the guests left; "
        "on the sixth of this month they had come. The 20th Congress and the 12th anniversary were named; "
        "on the 28th, a plan. Our report for 1960 and the 1961 trade plan were read; the 1964 Olympic Games "
        "and early 1962 were planned. 1961, May 30, Sofia.\n"
    )
    assert _dates(tmp_path, body) == [
        ("2 June 1961", "1961-06-02"),  # the supplied year is part of the date
        ("4th", "1961-06-04"),
        ("7th", "1961-06-07"),
        ("the sixth of this month", "1961-06-06"),
        ("1960", "1960"),
        ("1961", "1961"),
        ("1962", "1962"),  # "early": no bounds, the year alone
        ("1961, May 30", "1961-05-30"),
    ]  # neither an ordinal before a noun, nor one after the record's day, nor an event's year


def test_surnames_listed_after_an_attendance_cue_are_people(tmp_path):
    body = (
        "The talks began at ten (also in attendance: Okabe, Comrade Tsuruga, Nanbara and Prague; the Embassy "
        "sent Hoshino). Later Tsuruga took notes. Present were: Visits, Committee.\n"
    )
    persons = [name for _, name, _ in _mentions(tmp_path, body, "persName")]
    assert persons == ["Okabe", "Tsuruga", "Nanbara", "Tsuruga"]  # not a place, nor words, nor past the list


def test_an_office_named_after_a_title_ends_on_the_title(tmp_path):
    body = (
        "The Bureau for Harbour Works under the Office of the Prime Minister wrote to the Secretariat of the "
        "President. The Council of Ministers Chairman and the Ministry of Foreign Affairs Comrade Dr. Vrána came.\n"
    )
    orgs = [name for _, name, _ in _mentions(tmp_path, body, "orgName")]
    assert "Office of the Prime Minister" in orgs and "Secretariat of the President" in orgs
    assert not any(name.endswith(("Chairman", "Comrade", "Dr")) for name in orgs)  # a title after "of" alone


def test_two_common_words_with_a_head_name_a_body_unless_every_state_has_one(tmp_path):
    body = (
        "The Naval Academy and the Truce Commission wrote to the Foreign Ministry; the Central Committee and "
        "the Decoding Department were told, and the Protocol Department answered.\n"
    )
    orgs = [name for _, name, _ in _mentions(tmp_path, body, "orgName")]
    # the decoding department is a ministry's unit as the protocol department is (real gold; session 13)
    assert orgs == ["Naval Academy", "Truce Commission", "Decoding Department", "Protocol Department"]


def test_a_meeting_named_after_where_it_met_names_the_place(tmp_path):
    body = "After the Warsaw Conference and the Prague Declaration, the Geneva accords and the Seoul Olympics.\n"
    places = [name for _, name, _ in _mentions(tmp_path, body, "placeName")]
    assert places == ["Warsaw", "Prague"]  # an agreement or games are events of their own


def test_a_month_after_this_or_around_is_a_date_of_the_records_year(tmp_path):
    body = "We agreed this September and met around October; this may change.\n"
    tree = tree_of(encode_text(tmp_path, record(body)))  # a record of June 9, 1961
    found = [(d.text, d.get("when")) for d in xp(tree, "//t:text//t:date")]
    assert found == [("September", "1961-09"), ("October", "1961-10")]  # the month itself (issue 12)
