"""Header and page shapes (issue 13, s8): format characters before header lines, unknown header
fields in a row, a page break inside a paragraph that names no page, an inverted name's initials."""

from __future__ import annotations

import pytest
from conftest import encode_text, record, tree_of, xp


def test_a_page_break_in_mid_paragraph_naming_no_page_has_no_number(tmp_path):
    tree = tree_of(
        encode_text(
            tmp_path,
            record(
                "The envoy spoke about the crates of grain [page break] and the ships in the harbour.\n\n"
                "He left at noon [Page 4] and came back.\n"
            ),
        )
    )
    assert [pb.get("n") for pb in xp(tree, "//t:body//t:pb")] == [None, "4"]


def test_a_surname_then_run_together_initials_keeps_every_period_and_is_one_person(tmp_path):
    tree = tree_of(
        encode_text(
            tmp_path, record("The talk was attended by Ostrovets P.K.; Lanin B.D.\n\nLater P. K. Ostrovets spoke.\n")
        )
    )
    preferred = xp(tree, "//t:standOff//t:person/t:persName[@type='preferred']/text()")
    assert "P. K. Ostrovets" in preferred and "B. D. Lanin" in preferred, preferred
    refs = {m.get("ref") for m in xp(tree, "//t:body//t:persName") if "Ostrovets" in "".join(m.itertext())}
    assert len(refs) == 1, refs


# BOM, ZWSP, ZWNJ, WJ; LRM, RLM, soft hyphen, LRO/RLO/PDF, the isolates U+2066-2069: all Unicode Cf
@pytest.mark.parametrize(
    "mark",
    ["\ufeff", "\u200b", "\u200c", "\u2060", "\u200e", "\u200f", "\u00ad", "\u202d\u202e\u202c", "\u2066\u2069"],
)
def test_invisible_format_characters_before_header_lines_do_not_hide_them(tmp_path, mark):
    text = (
        f"June 9, 1961\n\n{mark}**A Record About Grain**\n\n{mark}<https://example.org/document/77>\n\n"
        f"{mark}Summary:\n\nThe grain summary.\n\n{mark}Original Language:\n\nRussian\n\n"
        f"The ships were loaded.\n\n{mark}The crates were counted.\n"
    )
    result = encode_text(tmp_path, text)
    tree = tree_of(result)
    assert xp(tree, "string(//t:titleStmt/t:title[1])") == "A Record About Grain"
    assert xp(tree, "normalize-space(//t:abstract)") == "The grain summary."
    assert xp(tree, "//t:langUsage/t:language/@ident") == ["ru"]
    assert xp(tree, "//t:idno[@type='URI']/text()") or xp(tree, "//t:ptr/@target")
    # the document keeps its own characters; the header's are said
    assert xp(tree, "//t:body//t:p/text()")[-1] == f"{mark}The crates were counted."
    assert not any("Summary" in p for p in xp(tree, "//t:body//t:p/text()"))
    assert any("invisible format characters" in w and "lines 3, 5, 7, 11 " in w for w in result.warnings), (
        result.warnings
    )


def test_an_invisible_character_inside_a_header_label_does_not_hide_it(tmp_path):
    text = record("The ships were loaded.\n").replace(
        "Original Language:", "Sum\u00admary:\n\nThe grain summary.\n\nOriginal\u200e Language:"
    )
    tree = tree_of(encode_text(tmp_path, text))
    assert xp(tree, "normalize-space(//t:abstract)") == "The grain summary."
    assert "ru" in xp(tree, "//t:langUsage/t:language/@ident")
    assert not any("mary" in p or "Language" in p for p in xp(tree, "//t:body//t:p/text()"))


@pytest.mark.parametrize(
    "unknown, empty",
    [(["Keywords", "Rendered by"], False), (["Keywords", "Rendered by", "Shelf Note"], False), (["Keywords"], True)],
)
def test_unknown_header_fields_in_a_row_keep_the_header_going(tmp_path, unknown, empty):
    fields = "".join(f"{label}:\n\n" if empty else f"{label}:\n\nValue of {label.lower()}\n\n" for label in unknown)
    text = (
        "April 1976\n\n**A Record About Wheat**\n\n<https://example.org/document/78>\n\n"
        f"{fields}Summary:\n\nThe wheat summary.\n\nOriginal Language:\n\nRussian\n\nThe document text begins here.\n"
    )
    result = encode_text(tmp_path, text)
    tree = tree_of(result)
    assert xp(tree, "normalize-space(//t:abstract)") == "The wheat summary."
    assert xp(tree, "//t:langUsage/t:language/@ident") == ["ru"]
    assert xp(tree, "//t:body//t:p/text()") == ["The document text begins here."]
    kept = xp(tree, "//t:teiHeader//t:note[@type='field']/text()")
    assert kept == [f"{label}:" if empty else f"{label}: Value of {label.lower()}" for label in unknown]
    for label in unknown:
        assert sum(repr(label) in w for w in result.warnings) == 1, result.warnings


_SMALL_TEI = """<?xml version="1.0" encoding="{enc}"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc><titleStmt><title>A small letter</title></titleStmt>
  <publicationStmt><p>Made for a test.</p></publicationStmt><sourceDesc><p>Invented.</p></sourceDesc></fileDesc></teiHeader>
  <text><body><p>The harbour master wrote about the ferry, caf\u00e9 and all.</p></body></text>
</TEI>
<!-- a closing comment -->
"""


def test_publish_copies_utf8_tei_byte_for_byte_and_reencodes_others_as_utf8(tmp_path):
    from click.testing import CliRunner
    from lxml import etree

    from tei_encoder.cli import main

    tei = tmp_path / "tei"
    tei.mkdir()
    (tei / "letter.xml").write_bytes(_SMALL_TEI.format(enc="UTF-8").encode("utf-8"))
    (tei / "latin.xml").write_bytes(_SMALL_TEI.format(enc="ISO-8859-1").encode("latin-1"))
    (tei / "wide.xml").write_bytes(_SMALL_TEI.format(enc="UTF-16").encode("utf-16"))
    out = tmp_path / "site"
    result = CliRunner().invoke(main, ["publish", str(tei), "-o", str(out), "--no-search"])
    assert result.exit_code == 0, result.output
    assert (out / "tei" / "letter.xml").read_bytes() == (tei / "letter.xml").read_bytes()
    for name in ("latin", "wide"):
        copy = (out / "tei" / f"{name}.xml").read_bytes()
        assert copy.startswith(b"<?xml version='1.0' encoding='UTF-8'?>"), copy[:60]
        assert etree.fromstring(copy).xpath("string((//*[local-name()='p'])[last()])").endswith("caf\u00e9 and all.")


def test_column_gathering_and_milestone_breaks_keep_words_apart_on_the_page(tmp_path):
    from click.testing import CliRunner

    from tei_encoder.cli import main
    from tei_encoder.publish import page_words

    body = (
        'gammathree<cb/>deltafour<milestone unit="section"/>epsilonfive<gb/>zetasix '
        'etasev<cb break="no"/>en thetaei<anchor xml:id="mid"/>ght'
    )
    tei = tmp_path / "tei"
    tei.mkdir()
    (tei / "breaks.xml").write_text(
        _SMALL_TEI.format(enc="UTF-8").replace("The harbour master wrote about the ferry, caf\u00e9 and all.", body),
        encoding="utf-8",
    )
    out = tmp_path / "site"
    result = CliRunner().invoke(main, ["publish", str(tei), "-o", str(out), "--no-search"])
    assert result.exit_code == 0, result.output
    words = page_words((out / "docs" / "breaks.html").read_bytes())
    for word in ("gammathree", "deltafour", "epsilonfive", "zetasix", "etaseven", "thetaeight"):
        assert words[word] == 1, (word, sorted(w for w in words if w.endswith(("three", "four", "five", "six"))))


def test_a_participant_list_of_surnames_then_initials_names_each_person_once(tmp_path):
    text = record("Those present: Ostrovets P.K.; Lanin B. D.;\n\nLater P. K. Ostrovets spoke.\n")
    tree = tree_of(encode_text(tmp_path, text))
    preferred = sorted(xp(tree, "//t:standOff//t:person/t:persName[@type='preferred']/text()"))
    assert [n for n in preferred if "Ostrovets" in n or "Lanin" in n] == ["B. D. Lanin", "P. K. Ostrovets"]
    # every mention is a whole name: never an initial alone
    assert all(len(m.xpath("string()")) > 2 for m in xp(tree, "//t:body//t:persName"))


def test_the_document_after_a_header_read_without_format_characters_is_as_printed(tmp_path):
    body = "The ships were loaded.\n\ufeff\nThe crates were counted.\n\n\u200bThe harbour closed.\n"
    plain = "June 9, 1961\n\n**A Record About Grain**\n\n<https://example.org/document/77>\n\n"
    marked = "June 9, 1961\n\n\ufeff**A Record About Grain**\n\n\u200b<https://example.org/document/77>\n\n"
    paragraphs = [
        xp(tree_of(encode_text(tmp_path, header + body, name=f"r{n}.txt")), "//t:body//t:p/text()")
        for n, header in enumerate((plain, marked))
    ]
    assert paragraphs[0] == paragraphs[1]
    assert paragraphs[1][-1] == "\u200bThe harbour closed."
