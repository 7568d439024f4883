"""Kinds of person misses seen on real records of the archive (issue 12, session 13): people no list holds,
found by the evidence prose gives around them; constructed, invented wording."""

import pytest
from test_names_s8_kinds import _mentions

# (the kind, a constructed text, the persons tagged in it, in order)
KINDS = [
    (
        "a Chinese name before its possessive; family names of the Hundred",
        "After the lecture our trainee Gui Hanwen met Pei Zhongyu in the library. Gui said that Fang "
        "Minghui’s report was long.\n",
        ["Gui Hanwen", "Pei Zhongyu", "Gui", "Fang Minghui"],
    ),
    (
        "a field label of dictionary words and a participant list's head name no one",
        "Report\n\nFile No: Second Division 812. 4\n\nGuests: K.O. Amo-Bediako, Counsellor; Pedro Ruiz Tolsa, "
        "Consul; the talks were held at noon.\n\nKIM: We agree.\n",
        ["K.O. Amo-Bediako", "Pedro Ruiz Tolsa", "KIM"],
    ),
    (
        "a distribution list after a dash: each person, a dictionary word too",
        "FYI – Wierzbowski, Wing, Kozubek\n\nThe cable was read at noon.\n",
        ["Wierzbowski", "Wing", "Kozubek"],
    ),
    (
        "a dictionary word alone in an attendance list, one other person named: no evidence, a word",
        "Also present: Wierzbowski, Guests and Wing; the cable was read at noon.\n",
        ["Wierzbowski"],
    ),
    (
        "an attendance item cut by a translator's word, its role after it",
        "Malian side in attendance: Lansana Sow [transliterated], director, Office of Mines.\n",
        ["Lansana Sow"],
    ),
    (
        "a cue with a colon; married women's names",
        "Drafted by: Horváthné two copies\n\nLater Kovács Jánosné and Comrade Szabóné came in.\n",
        ["Horváthné", "Kovács Jánosné", "Szabóné"],
    ),
    (
        "a name before a dash and its role; a listed place there stays a place",
        "Also there were:\n\nPoland : Wierzbowski – deputy head of the Foreign Department\n\n"
        "Kozubek – head of the secretariat of the First Secretary\n\nMoscow – capital of the host state\n",
        ["Wierzbowski", "Kozubek"],
    ),
    (
        "an inverted Korean name; dictionary-word syllables the text says are a person",
        "1. Ri, Song-Chol, Minister of Trade, met the delegation. He took as an interpreter Mun Ho, who had "
        "studied in Moscow. The Han Ho ferry was late.\n",
        ["Ri, Song-Chol", "Mun Ho"],
    ),
    (
        "a verb of address before and of speech after a name; an addressee line; not a place, an agency",
        "Bielecki informs Wierzbowski of the new schedule.\n\nTo Wierzbowski.\n\nLater Kozubek replied that the "
        "train was late. The envoy of Lumeria told us so; Moscow said nothing and TASS said less.\n",
        ["Wierzbowski", "Wierzbowski", "Kozubek"],
    ),
]


@pytest.mark.parametrize(("kind", "body", "persons"), KINDS, ids=[k[0] for k in KINDS])
def test_people_no_list_holds_by_the_evidence_around_them(tmp_path, kind, body, persons):
    assert [name for _, name, _ in _mentions(tmp_path, body, "persName")] == persons


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
