"""Kinds of wrong links measured on a sixth unseen set of real records (issue 12, session 8): a
short form that another full name of the record could own, a name inside an organisation's name,
a country's name followed by a city designator; constructed records, invented wording."""

from test_names_s8_kinds import _mentions  # (type, text, ref) of the names in a record


def test_a_short_form_two_full_names_of_the_record_could_own_is_linked_to_neither(tmp_path):
    body = (
        "Chiang Ching-kuo, the defence minister, reached the port on Monday; he is a son of President "
        "Chiang Kai-shek. The hosts asked Defence Minister Chiang to stay a week, and Minister Chiang agreed.\n\n"
        "Kim Il Sung greeted the guests. Kim Tae-hun, a deputy, read the greeting, and Comrade Kim thanked them.\n\n"
        "Fidel Castro opened the session; Manuel Castro, an adviser, spoke after him, and Castro closed it.\n"
    )
    found = _mentions(tmp_path, body, "persName")
    shorts = [(name, ref) for _, name, ref in found if name in ("Chiang", "Kim", "Castro")]
    assert [name for name, _ in shorts] == ["Chiang", "Chiang", "Kim", "Castro"]  # still persons
    assert all(ref.startswith("#pers-") for _, ref in shorts)  # record-local, for an editor's review
    assert ("persName", "Chiang Kai-shek", "#chiang-kai-shek") in found
    assert ("persName", "Kim Il Sung", "#kim-il-sung") in found
    assert ("persName", "Fidel Castro", "#castro-fidel") in found


def test_a_fragment_of_a_longer_name_is_no_second_owner_of_its_short_form(tmp_path):
    body = (
        "Chiang Kai-shek received the envoy. Later Chiang repeated his offer.\n\n"
        "Comrade L[eonid] I[lyich] Brezhnev spoke, and Brezhnev then left.\n"
    )
    found = _mentions(tmp_path, body, "persName")
    assert [ref for _, name, ref in found if name in ("Chiang", "Brezhnev")] == ["#chiang-kai-shek", "#brezhnev"]


def test_a_place_or_party_inside_an_organisations_name_is_not_linked_on_its_own(tmp_path):
    body = (
        "The Near East department of the ministry drafted a reply, and the Far East section approved it.\n\n"
        "Members of the PV KSČ [Presidium of the Communist Party of Czechoslovakia] met; the KSČ agreed.\n\n"
        "The guests met the Deputy Chairman of the Economic council of DPRK and the Cultural department "
        "of the KPA in Hanoi.\n"
    )
    found = _mentions(tmp_path, body)
    orgs = [(name, ref) for kind, name, ref in found if kind == "orgName"]
    names = [name for name, _ in orgs]
    for whole in (
        "Near East department",
        "Far East section",
        "PV KSČ",
        "Economic council of DPRK",
        "Cultural department of the KPA",
    ):
        assert whole in names
        assert next(ref for name, ref in orgs if name == whole).startswith("#org-")  # the record's, unlinked
    assert ("orgName", "KSČ", "#ksc") in found  # the party named on its own keeps its link
    places = [name for kind, name, _ in found if kind == "placeName"]
    assert places == ["Hanoi"]  # no Near East, Far East or DPRK of their own


def test_a_unit_noun_after_a_title_or_in_a_sentence_is_no_organisation(tmp_path):
    body = "The council of ministers met in Hanoi. Chairman council of DPRK, he said, and the Korea question.\n"
    found = _mentions(tmp_path, body)
    assert ("placeName", "DPRK", "#dprk") in found and not any(kind == "orgName" for kind, _, _ in found)


def test_a_country_followed_by_a_city_designator_is_the_city_or_nothing(tmp_path):
    body = (
        "Mexico, DF, 3 March 1963\n\n"
        "The attaché flew from Mexico, D.F. to Havana, then on to Laos City; Mexico itself abstained.\n"
    )
    places = [(name, ref) for _, name, ref in _mentions(tmp_path, body, "placeName")]
    # the designator is part of the one place's mention (session 14; before: "Mexico" alone)
    assert places[:3] == [("Mexico, DF", "#mexico-city"), ("Mexico, D.F.", "#mexico-city"), ("Havana", "#havana")]
    assert places[3][0] == "Laos City" and places[3][1].startswith("#place-")  # no listed city: unlinked, not Laos
    assert places[4] == ("Mexico", "#mexico")  # the country named on its own
    assert not any(kind == "persName" for kind, _, _ in _mentions(tmp_path, body))  # "D.F." is no initials
