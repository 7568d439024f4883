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
