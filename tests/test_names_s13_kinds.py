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
