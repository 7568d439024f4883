"""Issue 12 (session 13, fixer S1): letters beyond Latin-1 in speaker labels and name shapes,
cable header lines with labels, numeric dates whose order is not certain. Constructed records."""

import re
import subprocess
import sys
from pathlib import Path

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
    assert _speakers(tmp_path, body) == ["Ho Kim Lan:", f"{name}:", "Ho Kim Lan:", f"{name}:"]


def test_the_letter_classes_hold_every_letter_of_their_categories():
    """The classes hold what their categories say (every capital, every letter), beyond Latin-1."""
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
        # the table is the one the tool makes (no hand edits); BMP only: a class with a code point beyond
        # it is tested range by range by the regex engine, about eight times slower
        tool = Path(__file__).resolve().parent.parent / "tools" / "make_letters.py"
        assert subprocess.run([sys.executable, str(tool), "--check"], check=False).returncode == 0
    assert all(ord(c) <= 0xFFFF for c in re.sub(r"\\u[0-9a-f]{4}", "", letters.LETTER_OR_MARK).replace("-", ""))


def _cable(lines: str) -> str:
    """A constructed foreign ministry cable: header lines `lines`, an addressee, two paragraphs."""
    return dated_record(
        f"{lines}\n\nTo the Embassy in Ruritania:\n\n"
        "1. On 2 May the trade delegation arrived and the talks on grain began at once.\n\n"
        "2. Report the delegation's views promptly and in detail.\n\nMinistry of Foreign Affairs\n5 May 1962\n",
        "May 5, 1962",
        "Chinese",
    )


def _opener_parts(tmp_path, lines: str) -> list[tuple[str, str]]:
    tree = tree_of(encode_text(tmp_path, _cable(lines)))
    assert not xp(tree, "//t:opener//t:lb")  # each header line its own part, no run of lines
    return [
        (seg.get("type"), " ".join("".join(seg.itertext()).split()))
        for seg in xp(tree, "//t:div[@type='document']/t:opener/t:seg")
    ]


@pytest.mark.parametrize("bracket", [False, True])
def test_cable_header_lines_with_labels_are_typed_by_their_label(tmp_path, bracket):
    """`Classification Level: …`, `Urgency Level: …`, `Document No.: …` (the label in the translator's
    brackets or not) are the classification, handling and reference, each its own part; no sender or
    addressee is guessed from a labelled line."""
    labels = ["Classification Level", "Urgency Level", "Document No."]
    shown = [f"[{label}]" if bracket else label for label in labels]
    lines = f"{shown[0]}: Secret\n{shown[1]}: Extra Urgent\n{shown[2]}: Waijiao [62] No. 318"
    assert _opener_parts(tmp_path, lines) == [
        ("classification", f"{labels[0]}: Secret"),
        ("handling", f"{labels[1]}: Extra Urgent"),
        ("reference", f"{labels[2]}: Waijiao [62] No. 318"),
    ]


def test_a_labelled_header_line_under_a_sender_line_is_no_part_of_the_sender(tmp_path):
    """Under `Cable from …` the labelled lines of the same block stay parts of their own, and a label no
    rule names (`Attachments: none`) is a `field`, not the sender's or addressee's next line."""
    lines = "Cable from the Embassy in Ruritania\n[Security Level]: Confidential\nAttachments: none\nFile No.: 62-318"
    kinds = [kind for kind, _ in _opener_parts(tmp_path, lines)]
    assert kinds == ["sender", "classification", "field", "reference"]


def _letter_dates(tmp_path, dates: tuple[str, str], language: str) -> tuple[list[tuple[str, str | None]], list[str]]:
    """The dates of a constructed letter dated 5 May 1962 that names `dates`, translated from `language`."""
    body = (
        "Dear Comrade Ambassador,\n\n"
        f"Your letter of {dates[0]} reached us late. The shipment left on {dates[1]} as agreed.\n\n"
        "With comradely greetings\n"
    )
    result = encode_text(tmp_path, dated_record(body, "May 5, 1962", language))
    tree = tree_of(result)
    found = [
        ("".join(d.itertext()), d.get("when")) for d in xp(tree, "//t:body//t:date") if "/" in "".join(d.itertext())
    ]
    return found, result.warnings


@pytest.mark.parametrize("language", ["German", "Polish", "Russian", "Unlisted Tongue"])
def test_a_slashed_date_of_a_translation_gets_no_guessed_order(tmp_path, language):
    """`3/4/62` in a letter translated from a language that writes the day first (or from one the tool
    does not know): the translator may have kept that order or turned it to the American one, so the
    date gets no @when, and a warning says why (ENCODING.md §8: @when only when the order is certain)."""
    found, warnings = _letter_dates(tmp_path, ("3/4/62", "12/4/62"), language)
    assert found == [("3/4/62", None), ("12/4/62", None)]
    assert sum("ambiguous day/month order in '3/4/62'" in w for w in warnings) == 1


def test_a_translations_own_slashed_dates_settle_their_order(tmp_path):
    """A slashed date whose first number is over 12 (`25/4/62`) shows the record writes the day first:
    its other slashed dates are read so too; a second number over 12 shows the month first."""
    assert _letter_dates(tmp_path, ("3/4/62", "25/4/62"), "German")[0] == [
        ("3/4/62", "1962-04-03"),
        ("25/4/62", "1962-04-25"),
    ]
    assert _letter_dates(tmp_path, ("3/4/62", "4/25/62"), "Polish")[0] == [
        ("3/4/62", "1962-03-04"),
        ("4/25/62", "1962-04-25"),
    ]


def test_an_english_documents_slashed_dates_keep_the_archives_american_order(tmp_path):
    """The project's convention for documents written in English (issue 11): month first."""
    found, _ = _letter_dates(tmp_path, ("3/4/62", "12/4/62"), "English")
    assert found == [("3/4/62", "1962-03-04"), ("12/4/62", "1962-12-04")]


@pytest.mark.parametrize("name", ["Ấu Trường Thanh", "Ứng Văn Khiêm", "Ắc Quốc Bình"])
def test_a_name_whose_capital_lies_beyond_latin_extended_b_is_one_person(tmp_path, name):
    """A person's name whose first capital is in Latin Extended Additional (`Ấ` U+1EA4) is one persName,
    not its last words alone (the rule's capital class used to end at U+021B)."""
    body = f"Dear Comrade Ambassador,\n\nYesterday Minister {name} met our counsellor about the rice deliveries.\n"
    tree = tree_of(encode_text(tmp_path, dated_record(body, "May 5, 1962", "Vietnamese")))
    assert ["".join(p.itertext()) for p in xp(tree, "//t:body//t:persName")] == [name]
