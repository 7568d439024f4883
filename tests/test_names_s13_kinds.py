"""Kinds of person misses seen on real records of the archive (issue 12, session 13): people no list holds,
found by the evidence prose gives around them; constructed, invented wording."""

from test_names_s8_kinds import _mentions


def _persons(tmp_path, body: str) -> list[str]:
    return [name for _, name, _ in _mentions(tmp_path, body, "persName")]


def test_a_chinese_name_before_its_possessive_and_family_names_of_the_hundred(tmp_path):
    body = (
        "After the lecture our trainee Gui Hanwen met Pei Zhongyu in the library. Gui said that Fang "
        "Minghui’s report was long.\n"
    )
    assert _persons(tmp_path, body) == ["Gui Hanwen", "Pei Zhongyu", "Gui", "Fang Minghui"]


def test_a_hyphenated_surname_after_initials_and_a_given_name_with_two_surnames(tmp_path):
    body = (
        "Guests: K.O. Amo-Bediako, Counsellor; Pedro Ruiz Tolsa, Consul (Trade); the talks were held in Accra. "
        "Later we received Pedro Ruiz Tolsa again and Fidel Castro Ruz.\n"
    )
    persons = [(name, ref) for _, name, ref in _mentions(tmp_path, body, "persName")]
    assert [name for name, _ in persons] == [
        "K.O. Amo-Bediako",
        "Pedro Ruiz Tolsa",
        "Pedro Ruiz Tolsa",
        "Fidel Castro Ruz",
    ]
    assert persons[-1][1] == "#castro-fidel"  # a listed name keeps to the authority's forms


def test_a_field_label_of_common_words_and_a_participant_lists_head_name_no_one(tmp_path):
    body = (
        "Report\n\nFile No: Second Division 812. 4\n\nGuests: K.O. Amo-Bediako, Counsellor; Pedro Ruiz Tolsa, "
        "Consul; the talks were held at noon.\n\nKIM: We agree.\n"
    )
    assert _persons(tmp_path, body) == ["K.O. Amo-Bediako", "Pedro Ruiz Tolsa", "KIM"]


def test_a_distribution_list_after_a_dash_names_each_person_a_dictionary_word_too(tmp_path):
    body = "FYI – Wierzbowski, Wing, Kozubek\n\nThe cable was read at noon.\n"
    assert _persons(tmp_path, body) == ["Wierzbowski", "Wing", "Kozubek"]


def test_a_common_word_alone_in_an_attendance_list_stays_a_word(tmp_path):
    body = "Also present: Wierzbowski, Guests and Wing; the cable was read at noon.\n"
    assert _persons(tmp_path, body) == ["Wierzbowski"]  # one other person: no evidence for the words


def test_an_attendance_item_cut_by_a_translators_word_and_followed_by_its_role(tmp_path):
    body = (
        "Malian side in attendance: Lansana Sow [transliterated], director, Office of Mines; Seydou Keita, engineer.\n"
    )
    assert _persons(tmp_path, body)[0] == "Lansana Sow"


def test_a_cue_with_a_colon_and_a_married_womans_name(tmp_path):
    body = "Drafted by: Horváthné two copies\n\nLater Kovács Jánosné and Comrade Szabóné came in.\n"
    assert _persons(tmp_path, body) == ["Horváthné", "Kovács Jánosné", "Szabóné"]


def test_a_name_before_a_dash_and_its_role(tmp_path):
    body = (
        "Also there were:\n\nPoland : Wierzbowski – deputy head of the Foreign Department\n\n"
        "Kozubek – head of the secretariat of the First Secretary\n\nMoscow – capital of the host state\n"
    )
    assert _persons(tmp_path, body) == ["Wierzbowski", "Kozubek"]  # a listed place before a dash stays a place


def test_an_inverted_korean_name_and_a_name_of_dictionary_words_the_text_says_is_a_person(tmp_path):
    body = (
        "1. Ri, Song-Chol, Minister of Trade, met the delegation. He took as an interpreter Mun Ho, who had "
        "studied in Moscow. The Han Ho ferry was late.\n"
    )
    assert _persons(tmp_path, body) == ["Ri, Song-Chol", "Mun Ho"]


def test_names_by_a_verb_of_speech_or_address_and_an_addressee_line(tmp_path):
    body = (
        "Bielecki informs Wierzbowski of the new schedule.\n\nTo Wierzbowski.\n\nLater Kozubek replied that the "
        "train was late. The envoy of Lumeria told us so; Moscow said nothing and TASS said less.\n"
    )
    assert _persons(tmp_path, body) == ["Wierzbowski", "Wierzbowski", "Kozubek"]
