"""Titles of many languages before a listed surname (#12, session 13, fixer N18).

Kinds found on real prose: a title, rank or office in the language of the record or its translation
(`Presidente Dorticós`, `Genosse Ulbricht`, `Towarzysz Gomułka`, `Comandante en Jefe Fidel Castro`) made
the listed person vanish (the title read as another person's given name) or became part of a name
(`Jefe Fidel`, `Capitán Núñez`); a lower-case particle after a title (`Général de Gaulle`) hid a listed
name. Titles are data (names.json titles_by_language) and stay outside persName (ENCODING.md §6, TEI P5
13.2.1). Constructed wording; each test fails before its fix.
"""

import pytest
from conftest import ROOT, scores_as_its_gold
from test_s13_linking import mentions

from tei_encoder.enrich.names import vocabulary

DATE = "September 14, 1964"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Presidente Dorticós arrived in the morning.\n", [("Dorticós", "#dorticos")]),
        ("The note says Canciller Roa replied at once.\n", [("Roa", "#roa-raul")]),
        ("Genosse Ulbricht and Botschafter Winzer left early.\n", [("Ulbricht", "#ulbricht"), ("Winzer", "#winzer")]),
        ("In the afternoon Towarzysz Gomułka came.\n", [("Gomułka", "#gomulka")]),
        ("A telegram from Soudruh Novotný was read.\n", [("Novotný", "#novotny")]),
        (
            "They thanked Tovarășul Ceaușescu and Drugar Zhivkov.\n",
            [("Ceaușescu", "#ceausescu"), ("Zhivkov", "#zhivkov")],
        ),
        ("Later Comandante Castro agreed to meet again.\n", [("Castro", "#castro-fidel")]),
        ("The host was Comandante en Jefe Fidel Castro himself.\n", [("Fidel Castro", "#castro-fidel")]),
        ("The host was Commander in Chief Fidel Castro himself.\n", [("Fidel Castro", "#castro-fidel")]),
        ("The text thanked Ông Pham Van Dong warmly.\n", [("Pham Van Dong", "#pham-van-dong")]),
        (
            "The guests heard that Presiden Sukarno sent Pak Subandrio.\n",
            [("Sukarno", "#sukarno"), ("Subandrio", "#subandrio")],
        ),
        ("A long letter came from Shoku Hoxha on Monday.\n", [("Hoxha", "#hoxha")]),
    ],
)
def test_a_title_of_another_language_before_a_listed_name_links_it(tmp_path, text, expected):
    assert mentions(tmp_path, text, "persName", DATE) == expected


def test_a_listed_surname_after_a_word_no_list_knows_is_tagged_unlinked_never_dropped(tmp_path):
    text = "The note says that Ptor Dorticós arrived, and later Ptor Dorticós left.\n"
    found = mentions(tmp_path, text, "persName", DATE)
    assert [t for t, _ in found] == ["Dorticós", "Dorticós"], found
    assert found[0][1] == found[1][1] and found[0][1] != "#dorticos", found  # one person, for review


def test_a_known_given_name_before_a_listed_surname_is_still_another_person(tmp_path):
    found = mentions(tmp_path, "The wife, Lydia Gromyko, came with Andrei Gromyko.\n", "persName", DATE)
    assert found[0][0] == "Lydia Gromyko" and found[0][1] != "#gromyko", found
    assert found[1] == ("Andrei Gromyko", "#gromyko"), found


def test_a_title_that_is_a_name_elsewhere_leaves_the_name_alone(tmp_path):
    found = mentions(tmp_path, "Pak Hon Yong and Pak Subandrio met.\n", "persName", DATE)
    assert found == [("Pak Hon Yong", "#pak-heon-yeong"), ("Subandrio", "#subandrio")], found


def test_a_two_part_surname_after_a_title_is_one_name(tmp_path):
    found = mentions(tmp_path, "Capitán Núñez Jiménez came with Coronel Fernández.\n", "persName", DATE)
    assert [t for t, _ in found] == ["Núñez Jiménez", "Fernández"], found


@pytest.mark.parametrize("title", ["Général", "General", "Monsieur"])
def test_a_listed_name_with_a_lower_case_particle_after_a_title(tmp_path, title):
    found = mentions(tmp_path, f"On Monday {title} de Gaulle received the guests.\n", "persName", DATE)
    assert found == [("de Gaulle", "#de-gaulle")], found


def test_titles_by_language_are_titles_never_names():
    import json

    from tei_encoder.config import titles_of_all_languages

    raw = json.loads((ROOT / "tei_encoder" / "data" / "names.json").read_text(encoding="utf-8"))
    merged = titles_of_all_languages(raw)
    v = vocabulary()
    for language, lists in raw["titles_by_language"].items():
        if not isinstance(lists, dict):
            continue
        for kind in ("honorifics", "ranks", "roles"):
            for title in lists.get(kind, ()):
                if title in merged["also_names"]:
                    assert title not in merged[kind], (language, title)
                    continue
                assert title in merged[kind], (language, title)
                if " " not in title:
                    assert v.is_title_word(title), (language, title)
    assert not v.is_title_word("Pak")  # the Korean family name: a title only before a listed surname


def test_the_constructed_record_scores_as_its_gold():
    scores_as_its_gold("n34_titles_of_many_languages")
