"""The gate before the check of entries' dates of life (issue 15, session 19, lead): a start tag whose name is
followed by a line break or a tab, not a space, was passed over, and an impossible date there went unwarned."""

import pytest

from tei_encoder.sitemap import has_life_dates


@pytest.mark.parametrize(
    "tag",
    [b'<birth when="1999-02-30"/>', b'<death\n  when="1999-02-30"/>', b'<tei:floruit\tfrom="1600"/>', b"<death\r\n>"],
)
def test_a_birth_death_or_floruit_start_tag_with_any_white_space_is_seen(tag):
    assert has_life_dates(b"<listPerson><person>" + tag + b"</person></listPerson>")


@pytest.mark.parametrize("text", [b"<p>birth and death</p>", b"<birthday/>", b"<deathbed/>", b"<death/>"])
def test_other_words_and_attribute_less_tags_are_not(text):
    assert not has_life_dates(text)
