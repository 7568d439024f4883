"""Kinds of recall misses measured on unseen real prose (issue 12, session 9): places joined by hyphens,
abbreviations defined by a gloss in either order, places that name a conference, surname lists after an
attendance cue, dates that take a supplied year; constructed, invented wording."""

from test_names_s8_kinds import _mentions


def test_places_joined_by_hyphens_are_each_the_place(tmp_path):
    body = (
        "Talks on the Poland-Cuba air link resumed; the Prague-Zlatorog-Hanoi line is slower. "
        "The Sino-Soviet quarrel and Mr. Niculescu-Mizil were discussed.\n"
    )
    places = [(name, ref) for _, name, ref in _mentions(tmp_path, body, "placeName")]
    assert places[:2] == [("Poland", "#poland"), ("Cuba", "#cuba")]
    assert places[2] == ("Prague", "#prague") and places[4] == ("Hanoi", "#hanoi")
    assert places[3][0] == "Zlatorog" and not places[3][1].startswith(("#gn-", "#prague", "#hanoi"))  # unlinked
    assert len(places) == 5  # neither "Sino-Soviet" nor a hyphenated surname holds a place


def test_an_abbreviation_before_a_bracketed_gloss_is_the_body_before_and_after(tmp_path):
    body = (
        "The VKO said nothing.\n\nThe VKO [Ministry of Water Transport] and the OV KSČ [Regional Committee "
        "of the Communist Party of Czechoslovakia] met; later the VKO, the OV KSČ and the OV wrote. The END [sic] came.\n"
    )
    orgs = [(name, ref) for _, name, ref in _mentions(tmp_path, body, "orgName")]
    vko = [ref for name, ref in orgs if name == "VKO"]
    assert len(vko) == 3 and len(set(vko)) == 1 and vko[0].startswith("#org-vko")  # before the gloss too
    assert [name for name, _ in orgs].count("OV KSČ") == 2 and ("OV", dict(orgs)["OV KSČ"]) in orgs
    assert "Ministry of Water Transport" in dict(orgs) and "END" not in dict(orgs)


def test_an_abbreviation_glossed_in_parentheses_names_the_listed_place_or_body(tmp_path):
    body = (
        "The ROC envoy came. The Minister of the Republic of China (ROC) and the ambassador of the "
        "Polish People’s Republic (PPR) met a delegate of the ROC.\n\n"
        "The Rural Youth Front of Poland (RYFP) wrote; the RYFP signed.\n"
    )
    found = _mentions(tmp_path, body)
    assert [(k, n) for k, n, _ in found if "RYFP" in n] == [("orgName", "RYFP")] * 2  # a longer name's, not a place's
    assert [(n, r) for _, n, r in found if n == "ROC"] == [("ROC", "#taiwan")] * 3
    assert [(n, r) for _, n, r in found if n == "PPR"] == [("PPR", "#poland")]
