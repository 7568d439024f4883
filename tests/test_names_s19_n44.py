"""Issue #12, session 19 (N44): official names of a state's period the authority lists ("Democratic
Kampuchea" is one place, not a word and the inner "Kampuchea"); an office's title before a surname
whose other listed bearer the record names in full ("Robert Kennedy" ... "President Kennedy"): the one
listed holder of that office on the record's date; Portuguese and Spanish names: a bracket of the
translator's title and a given name before the surname, a second surname that is also a word ("Pinto"),
a surname led by capitalised particles ("Da Silva", "De la Torre"); a place's short form ("LA", "Rio")
where the record names the place in full; an English memorandum's letterhead ("DEPARTMENT OF STATE");
ship prefixes ("USS Pueblo") and office symbols in address lines ("TO : AF – ..."). Constructed records
in our own wording."""

import pytest
from conftest import dated_record, encode_text, scores_as_its_gold, tree_of, xp

_NAMES = "//t:text//t:persName | //t:text//t:placeName | //t:text//t:orgName"


def _tagged(tmp_path, body: str, date: str) -> list[tuple[str, str, str]]:
    """(element, text, ref) of each name in the text of a constructed record; a record-local entry's ref
    is given as "local"."""
    tree = tree_of(encode_text(tmp_path, dated_record(body, date, "Polish")))
    found = []
    for e in xp(tree, _NAMES):
        ref = e.get("ref", "")
        found.append(
            (e.tag.split("}")[1], "".join(e.itertext()), "local" if ref.startswith(("#pers-", "#org-")) else ref)
        )
    return found


def test_n126_scores_as_its_gold():
    """n126: official period names of listed states (failed before: "Kampuchea" alone inside them)."""
    scores_as_its_gold("n126_official_period_names_of_states")


def test_n127_scores_as_its_gold():
    """n127: "President Kennedy" beside Robert Kennedy in 1962 (failed before: a person of the record)."""
    scores_as_its_gold("n127_office_title_beside_a_kinsman_named_in_full")


@pytest.mark.parametrize(
    "body, date, expected",
    [
        # failed before: a person of the record
        (
            "He met Robert Kennedy. President Kennedy spoke.\n",
            "November 30, 1962",
            [("persName", "Robert Kennedy", "#kennedy-robert"), ("persName", "Kennedy", "#kennedy-john")],
        ),
        (
            "He spoke with President [John F. Kennedy]. He met Robert Kennedy. [President Kennedy’s letter] came.\n",
            "November 30, 1962",
            [
                ("persName", "John F. Kennedy", "#kennedy-john"),
                ("persName", "Robert Kennedy", "#kennedy-robert"),
                ("persName", "Kennedy", "#kennedy-john"),
            ],
        ),
        # no holder of the office that day (after John F. Kennedy's death): no link
        (
            "He met Robert Kennedy. President Kennedy spoke.\n",
            "November 30, 1965",
            [("persName", "Robert Kennedy", "#kennedy-robert"), ("persName", "Kennedy", "local")],
        ),
        # a mention alone with no title may be either brother: no link
        (
            "He met Robert Kennedy. President Kennedy spoke. Kennedy left.\n",
            "November 30, 1962",
            [
                ("persName", "Robert Kennedy", "#kennedy-robert"),
                ("persName", "Kennedy", "local"),
                ("persName", "Kennedy", "local"),
            ],
        ),
    ],
)
def test_office_title_beside_a_kinsman_named_in_full(tmp_path, body, date, expected):
    """An office's title before a shared surname names the one listed holder on the record's date, even
    where another bearer is named in full; untitled mentions or no holder that day: unlinked."""
    assert _tagged(tmp_path, body, date) == expected


def test_n128_scores_as_its_gold():
    """n128: Iberian names in the translator's brackets and with particles (failed before: "Goulart",
    "Carlos Bastian", "Da" + "Silva", "Pedro De" + "Torre")."""
    scores_as_its_gold("n128_iberian_names_in_brackets_and_particles")


@pytest.mark.parametrize(
    "body, expected",
    [
        # failed before: the bracket was read as an original-language term, the given name lost
        ("Yesterday [Brazilian President João] Goulart phoned.\n", [("persName", "João Goulart", "#goulart")]),
        # failed before: "Luis Bastian" (Pinto is a word too)
        ("We met [Luis Bastian] Pinto.\n", [("persName", "Luis Bastian Pinto", "local")]),
        # failed before: "Da" and "Silva" apart
        (
            "Albino Da Silva came. Later Da Silva said no.\n",
            [("persName", "Albino Da Silva", "local"), ("persName", "Da Silva", "local")],
        ),
    ],
)
def test_iberian_names(tmp_path, body, expected):
    """A Portuguese or Spanish name read whole: the translator's bracketed title and given name, a second
    surname that is also a dictionary word, a surname with its capitalised particles."""
    assert _tagged(tmp_path, body, "October 25, 1962") == expected


def test_title_and_given_name_in_brackets_are_no_foreign_term():
    """A capitalised bracket of the translator's title and a given name is English (failed before for
    "Brazilian President João" after a capitalised word); an original-language name stays foreign."""
    from tei_encoder.enrich.editorial import _is_foreign

    assert not _is_foreign("Brazilian President João", "Yesterday ")
    assert not _is_foreign("Gen. Albino", "Then ")
    assert _is_foreign("Ideiglenes Intéző Bizottság", "Provisional Executive Committee ")
    assert _is_foreign("Comissão João", "The Committee ")


def test_n129_scores_as_its_gold():
    """n129: "LA" and "Rio" in a cable that names Latin America and Rio de Janeiro in full (failed
    before: both untagged)."""
    scores_as_its_gold("n129_short_forms_named_in_full")


@pytest.mark.parametrize(
    "body, expected",
    [
        # failed before: untagged
        (
            "Latin America will decide. LA wants peace.\n",
            [("placeName", "Latin America", "#latin-america"), ("placeName", "LA", "#latin-america")],
        ),
        # the record never names Latin America in full: not certain, untagged
        ("The LA countries want peace.\n", []),
        # another reading named in the record: untagged
        (
            "Latin America will decide. The consul in Los Angeles (LA) wrote.\n",
            [("placeName", "Latin America", "#latin-america"), ("placeName", "Los Angeles", "#gn-5368361")],
        ),
        # a heading in capitals ("DE LA"): untagged; Spanish "la" is another word
        (
            "Latin America will decide. EMBAJADA DE LA REPUBLICA. Viva la paz.\n",
            [("placeName", "Latin America", "#latin-america")],
        ),
    ],
)
def test_short_forms_named_in_full(tmp_path, body, expected):
    """A place's short form (gazetteer.json short_forms_named_in_full) is read only where the record
    prints the full name and no other reading."""
    assert _tagged(tmp_path, body, "October 25, 1962") == expected


def test_n130_scores_as_its_gold():
    """n130: "DEPARTMENT OF STATE" heading an English memorandum (failed before: a body of the record)."""
    scores_as_its_gold("n130_letterhead_of_an_english_memorandum")


def test_n131_scores_as_its_gold():
    """n131: ship prefixes and office symbols (failed before: "USS" and "HMS" organisations, "EA" a person)."""
    scores_as_its_gold("n131_ship_prefixes_and_office_symbols")


def test_letterhead_only_in_an_english_record(tmp_path):
    """The same heading in a translation (another original language) keeps the generic reading: no link."""
    body = "DEPARTMENT OF STATE\n\nThe Department of State will answer.\n"
    assert [ref for _, _, ref in _tagged(tmp_path, body, "March 4, 1966")] == ["local", "local"]


@pytest.mark.parametrize(
    "body, expected",
    [
        # failed before: "USS" an organisation
        ("The crew of the USS Pueblo is held.\n", []),
        ("HMS Victory and the SS Havana sailed.\n", []),
        # failed before: "AF" a person
        (
            "TO : AF – Governor Williams\n\nThe talks went well.\n",
            [("orgName", "AF", "local"), ("persName", "Williams", "local")],
        ),
        # no address line: no office symbol read
        ("The AF group met.\n", []),
    ],
)
def test_ships_and_office_symbols(tmp_path, body, expected):
    """A ship's prefix and name are no organisation, person or place; an office symbol before a dash in
    an address line is an organisation of the record."""
    assert _tagged(tmp_path, body, "February 2, 1968") == expected
