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
