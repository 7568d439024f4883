"""Fast paths of the per-string tagging pass (issue #12, speed) give the answers of the plain versions they
replaced, and what the pass caches never depends on what ran before it."""

from __future__ import annotations

from tei_encoder.enrich import entities
from tei_encoder.enrich.names import vocabulary


def test_title_phrase_reads_its_own_set_whatever_ran_before():
    """The two-word beginnings of the titles (names.json: "Deputy Foreign" of "Deputy Foreign Minister") are
    _title_phrase's own set: another pass's set of whole titles, made first, never stands in for it (it did:
    the two shared a cache, so an organisation's extent hung on whether a contested short form was read before,
    and the set was made again at every call)."""
    v = vocabulary()
    entities._TITLE_PHRASES.pop(id(v), None)
    entities._title_phrases(v)  # the other pass's set, made first
    for title in (*v.ranks, *v.roles, *v.honorifics):
        words = title.split()
        if len(words) > 1 and "." not in words[0]:  # "Deputy Foreign" of "Deputy Foreign Minister" too
            assert entities._title_phrase(v, words[0], words[1]), title
    assert not entities._title_phrase(v, "Foreign", "Deputy")


# a constructed record whose sentences each make one rule about a found place or person fire (our wording)
CUED_SENTENCES = (
    "The Korea Times wrote of it, and Jornal do Brasil too.",
    "After the Geneva accords the Korea Desk was told.",
    "Ships lay in Wonsan Harbor near the Beijing Workers Stadium.",
    "The Far East department and the Political department of the KPA met.",
    "He flew to Mexico, DF, then to Kuwait City and the City of Mexico.",
    "A man from Moscow, Idaho wrote to Atlanta, Georgia.",
    "The Sea of Japan lies east of the People's Republic of the Congo.",
    "Radio Moscow and Radio Hanoi spoke of Congo (Brazzaville) and Santiago de Cuba.",
    "The Castro brothers received the Lenin Prize and the Order of Lenin.",
    "The ship Fidel Castro sailed from Havana.",
    "South Yemen, south Vietnam and Central Asia spoke; so did the State of Israel.",
)


def _all_cues(cues, text, keys):
    return -1 & ~(-1 << 16)  # every rule asked at every name found


def _encoded(tmp_path) -> list[bytes | None]:
    """The TEI of the constructed cue sentences, of every fixture record and of every constructed name record."""
    from conftest import FIXTURES, SETTINGS, encode_text, record

    from tei_encoder.pipeline import encode_record

    paths = sorted(FIXTURES.glob("*.txt")) + sorted((FIXTURES.parent / "names").glob("*.txt"))
    body = "\n\n".join(CUED_SENTENCES) + "\n"
    return [encode_text(tmp_path, record(body)).tei] + [encode_record(p, SETTINGS, check=False).tei for p in paths]


def test_name_pass_cues_skip_only_rules_that_cannot_fire(tmp_path, monkeypatch):
    """Issue 12: the name pass asks a rule about a found place or person only where the string holds a word
    the rule needs (_text_cues): the TEI is the TEI of asking every rule at every name, for constructed
    sentences where each rule fires and for every fixture record and constructed name record."""
    gated = _encoded(tmp_path)
    monkeypatch.setattr(entities, "_text_cues", _all_cues)
    assert _encoded(tmp_path) == gated


def test_sole_word_forms_give_what_the_longest_form_search_gives(tmp_path, monkeypatch):
    """Issue 12: a capitalised word that begins one listed form alone, of that word (_sole_word_forms), takes
    it without the search over the lengths of forms (_longest_form): the TEI of every fixture record, every
    constructed name record and the constructed sentences is the TEI of searching at every word."""
    direct = _encoded(tmp_path)
    monkeypatch.setattr(entities, "_sole_word_forms", lambda rec: {})
    assert _encoded(tmp_path) == direct


def test_each_cue_is_read_where_its_rule_fires():
    """Issue 12: each constructed sentence sets the cue of the rule it makes fire (a cue word of each list,
    as printed and folded, and the printed cues: a bracket, "City", "DF", "Order of")."""
    from conftest import AUTHORITY

    from tei_encoder.pipeline import recognizer

    cue_words = recognizer((AUTHORITY,), True).cue_words

    def cues(text: str) -> int:
        return entities._text_cues(cue_words, text, entities._token_keys(text)[1])

    expected = (
        entities._CUE_PAPERS_AFTER | entities._CUE_PAPERS_BEFORE,
        entities._CUE_EVENT_OR_PART,
        entities._CUE_FEATURES,
        entities._CUE_UNITS,
        entities._CUE_CITY,
        entities._CUE_SUBDIVISIONS,
        entities._CUE_LONGER_PLACES,
        entities._CUE_BROADCASTERS | entities._CUE_TOLD_APART,
        entities._CUE_AFTER_PERSON,
        0,  # (the vessel nouns are tested where a name is found: _after_vessel_noun, in C first)
        entities._CUE_DIRECTED | entities._CUE_STATE_OF,
    )
    for sentence, bits in zip(CUED_SENTENCES, expected):
        assert cues(sentence) & bits == bits, sentence
    assert cues("They met in Moscow on Monday.") == 0
