"""Note marks past 999 (issue 13): a record whose notes run on to [1000] and beyond kept only three
digits for a mark, so note 1000 was no note and its text was glued into note 999, and its reference
became supplied text. A mark of any length is a note's when the record's notes reach it in sequence."""

from conftest import encode_text, record, tree_of, xp


def _notes_record(first: int, count: int) -> str:
    marks = range(first, first + count)
    body = "".join(f"Claim number {n} of ours.[{n}]\n\n" for n in marks)
    return record(body + "\n".join(f"[{n}] Source of claim {n}." for n in marks) + "\n")


def test_notes_past_999_are_notes_each_with_its_own_text(tmp_path):
    tree = tree_of(encode_text(tmp_path, _notes_record(997, 5)))
    notes = xp(tree, "//t:body//t:note[@place='foot']")
    assert [n.get("n") for n in notes] == ["997", "998", "999", "1000", "1001"]
    assert [" ".join("".join(n.itertext()).split()) for n in notes] == [
        f"Source of claim {n}." for n in range(997, 1002)
    ]
    assert not xp(tree, "//t:supplied")  # no reference left as supplied text


def test_a_bracketed_long_number_that_is_no_note_stays_as_it_was(tmp_path):
    tree = tree_of(encode_text(tmp_path, record("The treaty of [1961] was signed.[1]\n\n[1] Our source.\n")))
    assert xp(tree, "string(//t:body//t:note[@n='1'])").strip() == "Our source."
    assert "1961" in xp(tree, "string(//t:body)") and not xp(tree, "//t:body//t:note[@n='1961']")
