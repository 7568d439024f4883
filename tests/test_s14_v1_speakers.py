"""Session 14, fixer V1: a speaker label is a speaker label whatever the name's shape — initials (dotted,
with or without spaces, two-letter transliterated ones), a patronymic, capitals, a title — for every
speaker of a document. Constructed records only."""

from __future__ import annotations

import pytest
from conftest import encode_text, record, tree_of, xp

SHAPES = [
    "N.S. Khrushchev",
    "N. S. Khrushchev",
    "Ye. K. Ligachev",
    "A.A. Gromyko",
    "Comrade N.S. Khrushchev",
    "Comrade A. A. Gromyko",
    "Nikita Sergeyevich Khrushchev",
    "N.S. KHRUSHCHEV",
    "KHRUSHCHEV",
    "Comrade Khrushchev",
    "Mao Zedong",
]


def _labels(tmp_path, lines: list[str]) -> list[str]:
    body = "Present: the delegations of both parties.\n\n" + "\n\n".join(lines) + "\n"
    tree = tree_of(encode_text(tmp_path, record(body)))
    return [" ".join("".join(label.itertext()).split()) for label in xp(tree, "//t:label[@type='speaker']")]


@pytest.mark.parametrize("shape", SHAPES)
def test_every_speaker_of_a_dialogue_is_labelled_whatever_the_shape_of_the_name(tmp_path, shape):
    turns = [
        "Mao Zedong: We welcome you to the capital once more.",
        f"{shape}: The imperialists will not attack this year.",
        "Mao Zedong: Then let us speak of the harvest.",
        f"{shape}: Our harvest was good.",
    ]
    labels = _labels(tmp_path, turns)
    assert labels == [turn.split(": ")[0] + ":" for turn in turns], labels


def test_a_speaker_with_initials_speaking_once_in_a_dialogue_is_labelled(tmp_path):
    turns = [
        "Chen Yi: We are glad to be here again.",
        "Mao Zedong: You are welcome. Let us begin.",
        "N.S. Khrushchev: The other side is not sincere.",
        "Mao: The other side will not attack.",
        "Zhou Enlai: I agree with the Chairman.",
    ]
    assert _labels(tmp_path, turns) == [t.split(": ")[0] + ":" for t in turns]


# --- file references of an office (Chinese cables and the like) ---------------------------------------

CABLE = (
    "[Classification Level: Secret]\n\nForeign Ministry Cable\n\n{reference}\n\n"
    "To the Embassies in Hanoi and Moscow:\n\nThe enemy has bombed the coast again.\n\n"
    "{inside}\n\nReport what you learn at once.\n\nForeign Ministry\n"
)


@pytest.mark.parametrize(
    "reference, inside",
    [
        ("(65) Bu Wen Zhi No. 312", "(60) Wai Ban Zi No. 45"),
        ("(1961) Ling Zi No. 7", "[62] Fa Zhi Han No. 1024"),
    ],
)
def test_an_offices_file_reference_is_an_idno_never_a_list_label_nor_names(tmp_path, reference, inside):
    tree = tree_of(encode_text(tmp_path, record(CABLE.format(reference=reference, inside=inside))))
    idnos = [" ".join(i.itertext()) for i in xp(tree, "//t:text//t:idno")]
    assert reference in idnos and inside in idnos, idnos
    assert xp(tree, "//t:opener/t:idno[@type='register']"), "the reference before the salutation is the opener's"
    assert not xp(tree, "//t:text//t:label[not(@type)]"), "no list label"
    for idno in xp(tree, "//t:text//t:idno"):
        assert not xp(idno, ".//t:persName | .//t:placeName | .//t:orgName")
    assert not xp(tree, "//t:standOff//t:person[contains(., 'Zhi') or contains(., 'Zi') or contains(., 'Ban')]")


@pytest.mark.parametrize("heading", ["U.S. Position", "Soviet Proposal", "U.S. Reply", "Chinese Views"])
def test_a_sides_position_or_proposal_in_a_dialogue_is_no_speaker(tmp_path, heading):
    """A heading shaped like a speaker with initials (`U.S. Position:`) names what a side holds, not who
    speaks: no speaker label, and no person made of the initials and the noun."""
    turns = [
        "N.S. Khrushchev: We welcome you to the capital once more.",
        "Mao Zedong: Then let us speak of the harvest.",
        f"{heading}: The troops stay where they are.",
        "N. S. Khrushchev: Our harvest was good.",
    ]
    labels = _labels(tmp_path, turns)
    assert labels == ["N.S. Khrushchev:", "Mao Zedong:", "N. S. Khrushchev:"], labels
    (tmp_path / "again").mkdir()
    tree = tree_of(encode_text(tmp_path / "again", record("\n\n".join(turns) + "\n")))
    persons = [" ".join("".join(p.itertext()).split()) for p in xp(tree, "//t:body//t:persName")]
    assert heading not in persons, persons
