"""Kinds of person misses seen on real records of the archive (issue 12, session 14): names inside a translator's
gloss, a post's place before initials, Indian honorifics, surnames ending in -i, names before an adjective's
hyphen. Constructed, invented wording; each test fails before the change it names."""

import pytest
from conftest import encode_text, record, scores_as_its_gold, tree_of
from test_names_s8_kinds import _mentions

# (the kind, a constructed text, the persons tagged in it with their refs' starts, in order)
KINDS = [
    (
        "a gloss that holds a name, in a paragraph where another bracket is part of a name",
        "My [GDR envoy to Laos, Kurt Wendel] talk was short, and Comrade [Pham] Van Dong came late.\n",
        [("Kurt Wendel", "#pers-"), ("Pham Van Dong", "#pham-van-dong")],
    ),
    (
        "a gloss opened by an article, its given name with a letter the surname after it lacks",
        "The counsellor praised [the Polish leader Władysław] Gomulka and his speech.\n",
        [("Władysław Gomulka", "#gomulka")],
    ),
    (
        "a cue in lower case right before a given name the translator supplied",
        "A group of growers headed by [Anvar] Karimbekov comes next week.\n",
        [("Anvar Karimbekov", "#pers-")],
    ),
    (
        "a post's listed place right before initials and a surname: no given name",
        "The Soviet Ambassador to Mali V.K. Orlovsky sent greetings.\n",
        [("V.K. Orlovsky", "#pers-")],
    ),
    (
        "a surname ending in -i after a cue; a demonym so ending stays an adjective",
        "The paper, according to Fawzi, will print it; according to Iraqi sources it will not.\n",
        [("Fawzi", "#pers-")],
    ),
    (
        "an Indian honorific before initials: outside the name",
        "TO: Shri K. Mehrotra, Director, Ministry of External Affairs\n",
        [("K. Mehrotra", "#pers-")],
    ),
    (
        "Arabic names: a particle joined in lower case before a leader's government; Abd before the particle",
        "The al-Mahdawi government fell, and Abd al-Karim Haddad answered the letter.\n",
        [("al-Mahdawi", "#pers-"), ("Abd al-Karim Haddad", "#pers-")],
    ),
    (
        "a listed Korean name in a Russian transliteration's syllables; a name no list holds stays the record's",
        "The guests Pak Den Ai and Choe In Din spoke after lunch.\n",
        [("Pak Den Ai", "#pak-jeong-ae"), ("Choe In Din", "#pers-")],
    ),
    (
        "a listed name before a hyphen and an adjective's word",
        "The review condemned the Syngman Rhee-like regimes and a Kennedy-style speech.\n",
        [("Syngman Rhee", "#syngman-rhee"), ("Kennedy", "#kennedy-john")],
    ),
]


def assert_persons(tmp_path, body: str, persons: list[tuple[str, str]]) -> None:
    """Assert that `body` tags exactly `persons` (name, the start of its ref), in order."""
    found = [(name, ref) for _, name, ref in _mentions(tmp_path, body, "persName")]
    assert [name for name, _ in found] == [name for name, _ in persons]
    for (_, ref), (_, start) in zip(found, persons, strict=True):
        assert ref.startswith(start)


@pytest.mark.parametrize(("kind", "body", "persons"), KINDS, ids=[k[0] for k in KINDS])
def test_person_kinds_of_real_prose(tmp_path, kind, body, persons):
    assert_persons(tmp_path, body, persons)


def test_an_honorific_no_longer_takes_a_place_word(tmp_path):
    body = "The envoy of Sri Lanka and the Sri Lankan minister met in Colombo.\n"
    assert not _mentions(tmp_path, body, "persName")


def test_an_original_word_in_brackets_stays_foreign(tmp_path):
    body = "They met at the [pártközpont] and praised [the Polish leader Władysław] Gomulka.\n"
    tree = tree_of(encode_text(tmp_path, record(body)))
    foreign = tree.xpath("//t:text//t:foreign/text()", namespaces={"t": "http://www.tei-c.org/ns/1.0"})
    assert foreign == ["pártközpont"]  # the gloss in English is no original word


def test_the_constructed_record_scores_as_its_gold():
    scores_as_its_gold("n35_persons_in_glosses_and_shapes")
