"""State prefixes before a country (issue 12, seventh round): "D.R. Vietnam" is the Democratic Republic
of Vietnam, not Vietnam; a prefixed country is never a person; constructed, invented wording."""

from conftest import encode_text, record, tree_of, xp


def _places_of(tmp_path, body: str) -> list[tuple[str, str]]:
    tree = tree_of(encode_text(tmp_path, record(body)))
    return [("".join(e.itertext()), e.get("ref")) for e in xp(tree, "//t:text//t:placeName")]


def test_a_state_prefix_links_through_its_expanded_name(tmp_path):
    body = (
        "The envoys of D.R. Vietnam and of D. R. Vietnam met; a cable from DR Vietnam followed, "
        "and PR China and P.R. Poland sent notes. Vietnam itself was not named.\n"
    )
    places = dict(_places_of(tmp_path, body))
    assert places["D.R. Vietnam"] == places["D. R. Vietnam"] == places["DR Vietnam"] == "#north-vietnam"
    assert places["PR China"] == "#china" and places["P.R. Poland"] == "#poland"
    # in 1961 bare "Vietnam" is never the Socialist Republic of 1976 (the authority's dated entry)
    assert places["Vietnam"] != "#vietnam"


def test_a_prefixed_country_with_two_listed_states_and_no_expansion_stays_unlinked(tmp_path):
    # "FR Korea" names no listed state, and North and South Korea are both listed: which one is unknown
    places = dict(_places_of(tmp_path, "A note reached FR Korea in May.\n"))
    assert places["FR Korea"].startswith("#place-")  # a place of the record, no authority link


def test_a_prefixed_country_after_a_persons_name_is_a_place(tmp_path):
    body = "Tran Van Loc, D.R. Vietnam Envoy in P.R. Romania, called on the Minister.\n"
    places = dict(_places_of(tmp_path, body))
    assert "P.R. Romania" not in _persons_of(tmp_path, body)
    assert places["P.R. Romania"] == "#romania"


def _tagged(tmp_path, body: str, tag: str) -> list[str]:
    tree = tree_of(encode_text(tmp_path, record(body)))
    return ["".join(e.itertext()) for e in xp(tree, f"//t:text//t:{tag}")]


def _persons_of(tmp_path, body: str) -> list[str]:
    return _tagged(tmp_path, body, "persName")


def test_a_name_after_a_title_is_not_cut_at_a_family_name_that_is_a_word_or_a_syllable(tmp_path):
    body = "Mr. Tariq Khan welcomed Director Shen Tong and Deputy Director Xiong Bo to the fair.\n"
    assert _persons_of(tmp_path, body) == ["Tariq Khan", "Shen Tong", "Xiong Bo"]


def test_a_one_letter_comrade_at_a_sentence_start_is_no_initial(tmp_path):
    body = "C. Ostrowsky thanked c. Halvorsen for the visit. Later c. Ostrowsky left, and P. Lindqvist stayed.\n"
    assert _persons_of(tmp_path, body) == ["Ostrowsky", "Halvorsen", "Ostrowsky", "P. Lindqvist"]


def _orgs_of(tmp_path, body: str) -> list[str]:
    return _tagged(tmp_path, body, "orgName")


def test_a_month_is_no_part_of_a_body_and_a_local_party_organisation_is_whole(tmp_path):
    body = "After the March BCP CC Plenum the Sofia Party organization and the Varna Party committee met.\n"
    assert _orgs_of(tmp_path, body) == ["BCP CC", "Sofia Party organization", "Varna Party committee"]


def test_a_surname_in_another_transliteration_is_the_listed_persons(tmp_path):
    # the authority lists Vasily Moskovsky; "-skyi"/"-skii" are other spellings of "-sky"
    body = "Ambassador Moskovskyi met c. Lindqvist; later Comrade Moskovskii and Comrade Pilkovskyi left.\n"
    tree = tree_of(encode_text(tmp_path, record(body)))
    refs = {"".join(e.itertext()): e.get("ref") for e in xp(tree, "//t:text//t:persName")}
    assert refs["Moskovskyi"] == refs["Moskovskii"] == "#moskovsky"
    assert refs["Pilkovskyi"] != "#moskovsky" and not refs["Pilkovskyi"].startswith("#moskovsky")
