"""Header and page shapes (issue 13, s8): format characters before header lines, unknown header
fields in a row, a page break inside a paragraph that names no page, an inverted name's initials."""

from __future__ import annotations

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
