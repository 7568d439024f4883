"""Kinds of misses seen on real records of the archive (issue 12, session 11): an abbreviation with its
bracketed expansion, a translator's gloss that ends with a given name no list holds, names set off by
commas after a role, names joined by a hyphen; constructed, invented wording."""

from conftest import dated_record, encode_text, tree_of, xp
from test_names_s8_kinds import _mentions


def test_an_abbreviation_and_its_bracketed_expansion_are_two_mentions_of_the_listed_entry(tmp_path):
    body = (
        "Delegates of the PSP [Popular Socialist Party] and of the ORI [Organizaciones Revolucionarias "
        "Integradas] talked of nets; the PSP agreed.\n"
    )
    orgs = [(name, ref) for _, name, ref in _mentions(tmp_path, body, "orgName")]
    assert orgs == [
        ("PSP", "#psp-cuba"),
        ("Popular Socialist Party", "#psp-cuba"),
        ("ORI", "#ori"),
        ("Organizaciones Revolucionarias Integradas", "#ori"),  # listed abbreviation, unlisted wording
        ("PSP", "#psp-cuba"),
    ]


def test_a_states_abbreviation_with_its_expansion_in_the_original_language_names_the_state(tmp_path):
    body = "The office of the NRB [Narodna Republika Bulgaria] in Varna wrote; the NRB consul signed.\n"
    found = [(kind, name, ref) for kind, name, ref in _mentions(tmp_path, body) if name != "Varna"]
    assert found == [
        ("placeName", "NRB", "#bulgaria"),
        ("placeName", "Narodna Republika Bulgaria", "#bulgaria"),
        ("placeName", "NRB", "#bulgaria"),
    ]  # never an organisation of the record


def test_a_gloss_ending_with_a_given_name_after_a_title_puts_the_given_name_in_the_name(tmp_path):
    body = "[Foreign Minister Adam] Rapacki and [Deputy Premier Gerhart] Wendler spoke first.\n"
    persons = [(name, ref) for _, name, ref in _mentions(tmp_path, body, "persName")]
    assert persons[0] == ("Adam Rapacki", "#rapacki")
    assert persons[1][0] == "Gerhart Wendler" and len(persons) == 2  # a given name no list holds


def test_a_name_set_off_by_commas_after_a_role_is_a_person(tmp_path):
    body = (
        "We received the Ambassador of Romania, Petre Balaceanu, in the morning. The Second Secretary, "
        "Surgov, kept the minutes; the Counsellor, Moscow, was not mentioned.\n"
    )
    persons = [name for _, name, _ in _mentions(tmp_path, body, "persName")]
    assert persons == ["Petre Balaceanu", "Surgov"]  # a listed place after a role stays a place


def test_surnames_joined_by_a_hyphen_are_each_the_person(tmp_path):
    body = "The Khrushchev-Tito talks and the Niculescu-Mizil visit were recalled.\n"
    persons = [(name, ref) for _, name, ref in _mentions(tmp_path, body, "persName")]
    assert persons[:2] == [("Khrushchev", "#khrushchev"), ("Tito", "#tito")]
    assert "Niculescu" not in [name for name, _ in persons]  # a hyphenated surname no list holds stays whole


def _dates_of(tmp_path, body: str, date: str) -> list[tuple[str, str | None]]:
    tree = tree_of(encode_text(tmp_path, dated_record(body, date)))
    return [(d.text, d.get("when")) for d in xp(tree, "//t:text//t:date")]


def test_dispatch_line_dates_read_by_the_records_date_and_a_time_after_a_slash(tmp_path):
    body = (
        "Ciphergram No. 311 from Havana, sent on 04.05.1962, received at 06.14 at 04:53.\n\n"
        "The nets were counted on 28 th September and again on 06.03.1963/03:00.\n"
    )
    assert _dates_of(tmp_path, body, "May 5, 1962") == [
        ("04.05.1962", "1962-05-04"),  # only the day-first reading is near the record's date
        ("28 th September", "1962-09-28"),
        ("06.03.1963", "1963-03-06"),  # the record's dotted dates are day first; the time is no part of it
    ]  # "06.14 at 04:53" is a time of receipt, no date


def test_a_dotted_date_near_the_records_date_only_month_first_is_read_month_first(tmp_path):
    body = "Ciphergram No. 512 sent from Havana on 11.09.1962 and filed on 11.10.1962.\n"
    found = _dates_of(tmp_path, body, "November 9, 1962")
    assert found == [("11.09.1962", "1962-11-09"), ("11.10.1962", "1962-11-10")]  # never 11 September


def test_a_gloss_ending_with_a_given_name_and_a_family_name_and_an_agency_after_a_cue(tmp_path):
    body = (
        "[Cuban President Osvaldo Torrado] Dorticos spoke. According to AP and UPI, [Trade Minister Anibal "
        "Ruiz] Escobar agreed.\n"
    )
    persons = [(name, ref) for _, name, ref in _mentions(tmp_path, body, "persName")]
    assert persons[0] == ("Osvaldo Torrado Dorticos", "#dorticos")
    assert [name for name, _ in persons] == ["Osvaldo Torrado Dorticos", "Anibal Ruiz Escobar"]  # "AP" is no one


def test_an_initial_completed_in_brackets_is_one_name(tmp_path):
    body = "The talks were recalled by K.[udryavtsev] and by P.[ankratov]; Pankratov agreed. U.[S.] ships left.\n"
    persons = [(name, ref) for _, name, ref in _mentions(tmp_path, body, "persName")]
    assert persons[0] == ("K.udryavtsev", "#kudryavtsev")  # the initial's letters supplied: the listed surname
    assert [name for name, _ in persons[1:]] == ["P.ankratov", "Pankratov"] and persons[1][1] == persons[2][1]


def test_a_numbered_unit_at_its_ministry_is_one_body(tmp_path):
    body = (
        "The Second Department at the Ministry of Foreign Affairs wrote; the 4th Section at the State Planning "
        "Commission answered. The Foreign Affairs 5th Department and the 2nd Department filed it.\n"
    )
    orgs = [name for _, name, _ in _mentions(tmp_path, body, "orgName")]
    assert orgs == [
        "Second Department at the Ministry of Foreign Affairs",
        "4th Section at the State Planning Commission",
        "Foreign Affairs 5th Department",  # the body's words before the unit's number are its name's
        "2nd Department",
    ]


def test_the_soviet_abbreviation_of_mongolias_name_is_mongolia(tmp_path):
    body = "In 1959 the MNR will deliver wool to the DPRK; the MNR government agreed.\n"
    places = [(name, ref) for _, name, ref in _mentions(tmp_path, body, "placeName")]
    assert places == [("MNR", "#mongolia"), ("DPRK", "#dprk"), ("MNR", "#mongolia")]
