"""Kinds of organisation, place and date misses seen on held-back real records (issue 12, session 13):
comma-joined hierarchies of bodies, units named by their shape, transmission days without a year,
two-digit year-first dates, "last <month>"; constructed, invented wording."""

from test_names_round5 import _values
from test_names_s8_kinds import _mentions


def _orgs(tmp_path, body: str) -> list[tuple[str, str]]:
    return [(name, ref) for _, name, ref in _mentions(tmp_path, body, "orgName")]


def _org_names(tmp_path, body: str) -> list[str]:
    return [name for name, _ in _orgs(tmp_path, body)]


def test_a_comma_joined_hierarchy_smallest_unit_first_is_one_body(tmp_path):
    body = (
        "To the Foreign Ministry and the Overseas Liaison Department, Central Committee, Communist Party of China:\n\n"
        "Present: Li Wenbo, Director, Department of Nordic Affairs, Ministry of Foreign Affairs; Zhao Ming, deputy "
        "head, Office of Grain Procurement, Ministry of Commerce.\n"
    )
    orgs = _orgs(tmp_path, body)
    assert not any(ref == "#ccp" for _, ref in orgs)
    assert [name for name, _ in orgs] == [
        "Overseas Liaison Department, Central Committee, Communist Party of China",
        "Department of Nordic Affairs, Ministry of Foreign Affairs",
        "Office of Grain Procurement, Ministry of Commerce",
    ]  # the party inside the unit's name is no mention of its own


def test_bodies_of_one_rank_joined_by_commas_stay_a_list(tmp_path):
    body = "Copies went to the Ministry of Commerce, Ministry of Light Industry and the Treaty Department, Protocol Department.\n"
    assert _org_names(tmp_path, body) == [
        "Ministry of Commerce",
        "Ministry of Light Industry",
        "Treaty Department",
        "Protocol Department",
    ]


def test_a_ministrys_desk_and_its_decoding_department_are_units_named_by_their_shape(tmp_path):
    body = "Urgent - From the Mongolia Desk.\n\nCame in to the Decoding Department at 11:20 hours.\n"
    assert _org_names(tmp_path, body) == ["Mongolia Desk", "Decoding Department"]
    assert _mentions(tmp_path, body, "placeName") == []  # the place in the desk's name is part of it


def test_a_day_and_month_before_a_clock_time_take_the_order_the_records_date_makes_certain():
    text = "From…Hanoi……dispatched on 6.2 at 09:00 hours……received 6.3 at 07:15 hours……"
    assert _values(text, 1974, 6, default_day=3) == [("6.2", "1974-06-02"), ("6.3", "1974-06-03")]
    assert _values("Came in to the Cipher Department…5.31. at 11:20 hours", 1974, 6, default_day=3) == [
        ("5.31", "1974-05-31")  # a day over 12 settles the order; the stop before "at" is no part of it
    ]
    assert _values("received 6.3 at 07:15 hours", 1974, 6) == []  # no day of the record: no order to take
    assert _values("The index rose 4.3 at 10:00 and fell.", 1974, 9, default_day=20) == []  # far from the record


def test_a_two_digit_year_first_with_one_digit_month_or_day_is_a_date_of_the_records_years():
    assert _values("Report (74. 6. 2.) and file 731. 1 – 1425", 1974, 6) == [("74. 6. 2.", "1974-06-02")]
    assert _values("Items 12. 3. 4. of the act", 1974, 6) == []  # no year near the record's


def test_last_and_a_month_is_the_latest_such_month_before_the_records():
    assert _values("Last August the team arrived.", 1974, 6) == [("Last August", "1973-08")]
    assert _values("The talks of last May failed.", 1974, 6) == [("last May", "1974-05")]
    assert _values("We met last June.", 1974, 6) == [("last June", "1973-06")]
    assert _values("We met last June.", 1974, None) == []  # no record's month to count back from


def test_a_time_of_day_after_at_is_no_day_and_month():
    found = _values("Ciphergram sent on 04.05.1962, received at 06.14 at 04:53.", 1962, 5, default_day=5)
    assert [text for text, _ in found] == ["04.05.1962"]


def _places(tmp_path, body: str) -> list[tuple[str, str]]:
    return [(name, ref) for _, name, ref in _mentions(tmp_path, body, "placeName")]


def test_a_qualifier_that_makes_a_region_holds_at_a_sentences_start_and_before_a_possessive(tmp_path):
    body = "1. Black Africa’s liberation movement and Ghana’s policy.\n\n2. Tropical Africa was discussed.\n"
    places = _places(tmp_path, body)
    assert [name for name, _ in places] == ["Black Africa", "Ghana", "Tropical Africa"]
    assert not any(ref == "#africa" for _, ref in places)  # never the continent inside


def test_a_war_named_after_a_region_names_the_region(tmp_path):
    body = "They want to avoid a wider Middle East War and the Geneva accords stay an event.\n"
    assert _places(tmp_path, body) == [("Middle East", "#middle-east")]


def test_the_state_of_a_country_is_one_place_linked_as_the_country(tmp_path):
    body = (
        "They support the existence of the State of Israel. The State of Vietnam of Bao Dai and the State of "
        "Washington differ.\n"
    )
    places = _places(tmp_path, body)
    assert places[0] == ("State of Israel", "#israel")
    # "State of Vietnam": shared by several states, not linked as one; "State of Washington" is the listed
    # Washington State (GeoNames 5815135), never the city Washington
    assert [(n, r) for n, r in places[1:] if n.startswith("State of")] == [("State of Washington", "#washington-state")]


def test_halls_and_castles_are_places_of_the_record(tmp_path):
    body = "Place: Jiangsu Hall, Great Hall of the People\n\nThe talks then moved to Kilwa Castle, in Tanzania.\n"
    places = _places(tmp_path, body)
    assert [name for name, _ in places] == ["Jiangsu Hall", "Great Hall of the People", "Kilwa Castle", "Tanzania"]
    assert places[0][1] != "#jiangsu" and places[2][1].startswith("#place-")  # unlinked: no list holds them


def test_a_region_by_its_direction_and_a_parallel_are_places_of_the_record(tmp_path):
    body = (
        "The Northeast had helped the Koreans, he said, and he would visit the Northeast; the Northeast Bureau "
        "and the Northeast Asia desk were told. Incidents along the 38th parallel fell.\n"
    )
    places = _places(tmp_path, body)
    assert [name for name, _ in places] == ["Northeast", "Northeast", "38th parallel"]
    assert all(ref.startswith("#place-") for _, ref in places)  # which country's region only the record tells


def test_a_heading_names_the_body_before_the_documents_kind(tmp_path):
    body = "Ministry of Foreign Affairs Incoming Telegram\n\nFrom the Mongolia Desk\n\nThe cable follows.\n"
    assert _org_names(tmp_path, body) == ["Ministry of Foreign Affairs", "Mongolia Desk"]


def test_a_bracketed_body_after_a_romanized_file_code_is_the_body_alone(tmp_path):
    body = "File No: Oe-Bang [Treaty Division] 731. 1 – 1430\n\n1. Related to file no. Oe-Bang [Treaty Division] 731.\n"
    assert _org_names(tmp_path, body) == ["Treaty Division", "Treaty Division"]


def test_a_letterhead_in_capitals_naming_an_office_of_state_is_the_body(tmp_path):
    body = "SECRETARY OF STATE FOR FOREIGN TRADE\n\nTELEGRAM\n\nRECEIVED\n\nThe Secretary of State for Foreign Trade will call.\n"
    assert _org_names(tmp_path, body) == ["SECRETARY OF STATE FOR FOREIGN TRADE"]
