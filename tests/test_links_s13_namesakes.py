"""Wrong links to a namesake, a homonym or an eponym (issue 12, session 13): a mention the authority's
string fits that names a different real-world entity stays unlinked; constructed, invented wording."""

from conftest import dated_record
from test_names_s8_kinds import _mentions


def _refs(found: list[tuple[str, str, str]], text: str) -> list[str]:
    return [ref for _, name, ref in found if name == text]


def _none_linked_to(tmp_path, body: str, wrong: set[str]) -> set[tuple[str, str]]:
    """The (element, text) of every mention in `body`, after asserting none carries a ref of `wrong`."""
    found = _mentions(tmp_path, body)
    assert not {ref for _, _, ref in found} & wrong, found
    return {(kind, name) for kind, name, _ in found}


def test_a_family_name_alone_beside_another_bearer_no_list_holds_is_linked_to_neither(tmp_path):
    body = (
        "Ho Dam told us that Ho Ka-i had been criticized at the plenum. Ho said nothing more.\n\n"
        "Later Wang Bingnan met Wang Li at the station. Wang said the train was late.\n\n"
        "Pham The Duyet and Pham Van Dong spoke after lunch. Pham then left for the airport.\n"
    )
    found = _mentions(tmp_path, body, "persName")
    assert ("persName", "Ho Ka-i", "#ho-ka-i") in found and ("persName", "Wang Bingnan", "#wang-bingnan") in found
    for short, listed in (("Ho", "#ho-ka-i"), ("Wang", "#wang-bingnan"), ("Pham", "#pham-van-dong")):
        assert listed not in _refs(found, short), short  # another Ho, Wang, Pham is named in the record


def test_a_family_name_alone_after_its_one_bearer_is_still_linked(tmp_path):
    body = "Pham Van Dong arrived at noon. Pham said the talks went well.\n\nHo Chi Minh spoke. Ho then left.\n"
    found = _mentions(tmp_path, body, "persName")
    assert _refs(found, "Pham") == ["#pham-van-dong"] and _refs(found, "Ho") == ["#ho-chi-minh"]


def test_a_city_before_a_federations_state_is_another_city_and_the_state_no_country(tmp_path):
    body = (
        "The student had lived in Moscow, Idaho, and in Paris, Texas, before he wrote from London, Ontario. "
        "The consul in Lebanon, Pennsylvania answered; the congress met in Atlanta, Georgia, that spring.\n"
    )
    found = _mentions(tmp_path, body, "placeName")
    for name, wrong in (("Moscow", "#moscow"), ("Paris", "#paris"), ("London", "#london"), ("Lebanon", "#lebanon")):
        assert _refs(found, name) and wrong not in _refs(found, name), name
    assert _refs(found, "Georgia") and not _refs(found, "Georgia")[0].startswith("#gn-")  # the state, unlinked


def test_a_list_of_places_and_a_city_of_the_country_keep_their_links(tmp_path):
    body = (
        "The factory in Tbilisi, Georgia, sent a delegation. The envoys of Armenia, Georgia and Azerbaijan "
        "came, and flights linked Moscow, Washington and Paris; talks in Moscow, Georgia and Armenia went on.\n"
    )
    # (a record after 1991: Georgia, the state, existed; gazetteer.json states_from)
    found = _mentions(tmp_path, body, "placeName", header=dated_record("", "June 9, 1995"))
    assert set(_refs(found, "Georgia")) == {"#gn-614540"}
    assert set(_refs(found, "Moscow")) == {"#moscow"} and _refs(found, "Washington") == ["#washington"]


def test_a_persons_name_inside_an_honours_a_places_or_a_ships_name_is_no_mention_of_the_person(tmp_path):
    body = (
        "The poet received the Lenin Peace Prize and the Order of Lenin; the Stalin International Peace Prize "
        "went to a painter. The delegates saw the Lenin Central Stadium and the Stalin Auto Works. The motor "
        "ship Fidel Castro docked beside the steamer “Nehru” and the vessel Pyongyang.\n"
    )
    found = _none_linked_to(tmp_path, body, {"#lenin", "#stalin", "#castro-fidel", "#nehru", "#pyongyang"})
    assert ("placeName", "Lenin Central Stadium") in found


def test_a_surname_before_brothers_or_family_names_more_than_one_person(tmp_path):
    body = "The Castro brothers met the Kennedy family in a film; later Fidel Castro spoke alone.\n"
    found = _mentions(tmp_path, body, "persName")
    assert _refs(found, "Castro") and "#castro-fidel" not in _refs(found, "Castro")
    assert "#kennedy-john" not in _refs(found, "Kennedy")
    assert _refs(found, "Fidel Castro") == ["#castro-fidel"]


def test_a_listed_one_word_form_beside_another_bearer_named_in_full_is_linked_to_neither(tmp_path):
    body = (
        "Edward Kennedy visited the institute. Kennedy met students there.\n\n"
        "Admiral Nikolai Kuznetsov inspected the fleet. Kuznetsov was pleased.\n\n"
        "Fidel Velázquez, the labor leader, spoke. Fidel then thanked the workers.\n\n"
        "Mao Anying, the son of the chairman, died at the front. Mao was deeply affected.\n\n"
        "Ngo Dinh Nhu and Ngo Dinh Can met. Ngo said nothing.\n"
    )
    found = _mentions(tmp_path, body, "persName")
    for short, listed in (
        ("Kennedy", "#kennedy-john"),
        ("Kuznetsov", "#kuznetsov-vasily"),
        ("Fidel", "#castro-fidel"),
        ("Mao", "#mao"),
        ("Ngo", "#ngo-dinh-nhu"),
    ):
        assert listed not in _refs(found, short), short
    assert _refs(found, "Ngo Dinh Nhu") == ["#ngo-dinh-nhu"]
    # a surname read after a given name no list knows
    found = _mentions(tmp_path, "Later Juanita Castro left the island. Castro said she would not return.\n")
    assert _refs(found, "Castro") and "#castro-fidel" not in _refs(found, "Castro"), found


def test_a_place_inside_a_papers_a_buildings_or_a_citys_name_is_no_mention_of_the_place(tmp_path):
    body = (
        "The Korea Times and the Peking Review reported that the delegates stayed at the Beijing Hotel, flew "
        "from Pyongyang Airport and saw Nasser City; the Korean News Agency and Pravda said nothing.\n"
    )
    _none_linked_to(tmp_path, body, {"#dprk", "#korea", "#beijing", "#pyongyang", "#nasser"})
    found = _mentions(tmp_path, body, "orgName")
    assert _refs(found, "Korea Times") and _refs(found, "Korean News Agency") == ["#kcna"]
    assert _refs(found, "Pravda") == ["#pravda"]


def test_a_listed_bodys_letters_of_another_state_are_another_body(tmp_path):
    body = (
        "The PCC of Chile sent greetings to the SED of the GDR, to the HSWP of Hungary and to the CCP of "
        "China; the Communist Party of Cuba answered.\n"
    )
    found = _mentions(tmp_path, body, "orgName")
    assert "#pcc" not in _refs(found, "PCC of Chile") and _refs(found, "PCC of Chile")  # one body, unlinked
    assert _refs(found, "SED") == ["#sed"] and _refs(found, "HSWP") == ["#hswp"] and _refs(found, "CCP") == ["#ccp"]
    assert _refs(found, "Communist Party of Cuba") == ["#pcc"]


def test_the_city_of_a_countrys_name_is_the_city(tmp_path):
    body = "The City of Mexico was larger than the City of Kuwait; Mexico itself was larger still.\n"
    found = _mentions(tmp_path, body, "placeName")
    assert found[0][1:] == ("City of Mexico", "#mexico-city"), found
    assert found[1][1] == "City of Kuwait" and "#gn-285570" not in found[1][2], found  # not the country
    assert found[2][1:] == ("Mexico", "#mexico"), found


def test_a_place_before_a_romanized_word_for_newspaper_names_the_paper_not_the_place(tmp_path):
    # issue 12, session 17: Japanese, Korean and Chinese papers are named by a city and the romanized
    # word for a newspaper or a daily (data/gazetteer.json paper_name_words); constructed wording
    body = (
        "The Osaka Shimbun and the Pusan Ilbo printed the statement; the Pyongyang Sinmun and the "
        "Shanghai Ribao did not. Later the delegation flew from Osaka to Shanghai.\n"
    )
    found = _mentions(tmp_path, body)
    papers = {name for kind, name, _ in found if kind == "orgName"}
    assert {"Osaka Shimbun", "Pusan Ilbo", "Pyongyang Sinmun", "Shanghai Ribao"} <= papers, found
    places = [name for kind, name, _ in found if kind == "placeName"]
    assert places.count("Osaka") == 1 and places.count("Shanghai") == 1, found  # only the flight's
    assert "Pusan" not in places and "Pyongyang" not in places, found
