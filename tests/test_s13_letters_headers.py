"""Issue 12 (session 13, fixer S1): letters beyond Latin-1 in speaker labels and name shapes,
cable header lines with labels, numeric dates whose order is not certain. Constructed records."""

import pytest
from conftest import dated_record, encode_text, record, tree_of, xp

from tei_encoder import letters


def _speakers(tmp_path, body: str) -> list[str]:
    tree = tree_of(encode_text(tmp_path, record(body)))
    return ["".join(label.itertext()) for label in xp(tree, "//t:label[@type='speaker']")]


@pytest.mark.parametrize(
    "name",
    [
        "Nguyễn Văn Tiến",  # Latin Extended Additional (ễ U+1EC5)
        "Lê Duẩn",
        "NGUYỄN VĂN TIẾN",
        "Λάμπρος Κωστάκης",  # Greek
        "Пётр Соболев",  # Cyrillic
        "Nguye\u0302\u0303n Va\u0306n Tie\u0302\u0301n",  # the same name written with combining marks
    ],
)
def test_a_speaker_label_takes_every_unicode_letter(tmp_path, name):
    """Minutes whose turns are `Name: speech` give every speaker a label, whatever script or block
    the name's letters come from (the ASCII spelling of the same name already was one)."""
    body = (
        "RECORD OF A TALK\n\n"
        f"Ho Kim Lan: We met to discuss the harvest and the roads.\n\n"
        f"{name}: The roads will be repaired before the rains.\n\n"
        f"Ho Kim Lan: Then the harvest can be moved in time.\n\n"
        f"{name}: We shall send the lorries next month.\n"
    )
    assert _speakers(tmp_path, body) == [f"Ho Kim Lan:", f"{name}:", "Ho Kim Lan:", f"{name}:"]


def test_the_letter_classes_hold_every_letter_of_their_categories():
    """The classes hold what their categories say (every capital, every letter), beyond Latin-1."""
    import re
    import unicodedata

    upper = re.compile(f"[{letters.UPPER}]")
    lower = re.compile(f"[{letters.LOWER}]")
    letter = re.compile(f"[{letters.LETTER}]")
    for char in "AÀĀẤΛДԱ":
        assert upper.fullmatch(char) and letter.fullmatch(char)
    for char in "aễλдա中\u0303":
        assert lower.fullmatch(char), char
    for char in "1_-×÷ ":
        assert not upper.fullmatch(char) and not letter.fullmatch(char)
    if unicodedata.unidata_version == letters.UNICODE_VERSION:
        for code in range(0x3000):
            char = chr(code)
            assert bool(upper.fullmatch(char)) == (unicodedata.category(char) in ("Lu", "Lt")), hex(code)
