"""A listed surname in another transliteration of its ending (issue 12): "Podgornyy", "Podgornii",
"Podgorniy" are the listed Podgorny when one listed person has that surname; linked as printed, never
"corrected" with choice/sic/corr, which would claim a spelling error where there is none."""

from __future__ import annotations

from conftest import encode_text, record, tree_of, xp


def test_surname_endings_of_other_transliterations_link_to_the_listed_person(tmp_path):
    text = (
        "The delegation was received by N. V. Podgornyy in the Kremlin.\n\n"
        "Afterwards the guests said that Podgornii had asked about the harvest, and that Comrade "
        "Podgorniy agreed.\n"
    )
    tree = tree_of(encode_text(tmp_path, record(text)))
    names = [("".join(n.itertext()), n.get("ref")) for n in xp(tree, "//t:body//t:persName")]
    assert names == [("N. V. Podgornyy", "#podgorny"), ("Podgornii", "#podgorny"), ("Podgorniy", "#podgorny")]
    assert not xp(tree, "//t:body//t:choice")


def test_an_unlisted_surname_with_such_an_ending_stays_its_own_person(tmp_path):
    tree = tree_of(encode_text(tmp_path, record("The report was signed by I. P. Zavadskiy in Kiev.\n")))
    names = [("".join(n.itertext()), n.get("ref")) for n in xp(tree, "//t:body//t:persName")]
    assert len(names) == 1 and names[0][0] == "I. P. Zavadskiy"
    assert not names[0][1].startswith("#podgorny")


def test_a_listed_bodys_initials_ending_a_sentence_are_no_persons_initials(tmp_path):
    """ "… leave for the U.N. Goulart's emissary …": the U.N. ends the sentence, Goulart begins the next;
    spaced initials before a surname stay a person's ("U. N. Dhebar")."""
    text = "The minister will leave for the U.N. Goulart sent an emissary. Later they met U. N. Dhebar.\n"
    tree = tree_of(encode_text(tmp_path, record(text)))
    orgs = ["".join(n.itertext()) for n in xp(tree, "//t:body//t:orgName")]
    persons = ["".join(n.itertext()) for n in xp(tree, "//t:body//t:persName")]
    assert orgs == ["U.N."]
    assert persons == ["Goulart", "U. N. Dhebar"]


def test_dotted_initials_ending_a_paragraph_keep_their_full_stop(tmp_path):
    """ "… spoke at the U.N." at a paragraph's end: the last full stop is the abbreviation's, which the
    authority lists with it; tagged and linked as in mid-sentence."""
    text = "Castro spoke at the U.N.\n\nThe delegation of the U.S.S.R. then met the U.S. envoy in the U.S.S.R.\n"
    tree = tree_of(encode_text(tmp_path, record(text)))
    tagged = [("".join(n.itertext()), n.get("ref")) for n in xp(tree, "//t:body//t:orgName | //t:body//t:placeName")]
    assert tagged == [("U.N.", "#un"), ("U.S.S.R.", "#ussr"), ("U.S.", "#united-states"), ("U.S.S.R.", "#ussr")]
