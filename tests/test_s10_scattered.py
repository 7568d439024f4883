"""A listed name is 'named in full' only where its words stand together when one of them is a pronoun or
function word (issue 12): a sentence's "He" and a slogan's "Long" never make He Long; constructed wording."""

from test_names_s8_kinds import _mentions


def test_a_pronoun_and_a_slogan_word_scattered_name_nobody(tmp_path):
    body = (
        "The weekly printed the essay “Long Live Our Steadfast Friendship” by a provincial writer. "
        "He asked the editors why it had been withdrawn.\n"
    )
    assert not [m for m in _mentions(tmp_path, body) if m[0] == "persName" and m[2] == "#he-long"]


def test_the_short_form_still_follows_the_full_name_printed_together(tmp_path):
    body = "Marshal He Long opened the session. He thanked the guests; Long then read the report.\n"
    people = [(n, r) for k, n, r in _mentions(tmp_path, body) if k == "persName"]
    assert ("He Long", "#he-long") in people
