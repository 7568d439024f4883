"""Names, organisations and dates on unseen real prose (issue 12, sixth round): a state's mission in
any case, an organ qualified by an adjective outside its name, Politbureau, press agencies;
constructed, invented wording."""

from conftest import encode_text, record, tree_of, xp
from test_names_round5 import _orgs_of

from tei_encoder.dates import find_dates


def test_a_states_mission_named_by_its_adjective_or_abbreviation_in_any_case(tmp_path):
    body = (
        "The Ruritanian embassy asked the Polish Legation and the GDR Embassy; the SOVIET EMBASSY replied. "
        "The new embassy, the Pyongyang embassy and the Romanian embassies kept silent; the Embassy of the DPRK "
        "wrote, and USSR EMBASSY IN THE DPRK stood on the heading.\n"
    )
    orgs = _orgs_of(tmp_path, body)
    texts = [t for t, _ in orgs]
    # "GDR Embassy": named by the state's name, the state only (session 16, TU's reading of the gold README)
    assert texts == ["Ruritanian embassy", "Polish Legation", "SOVIET EMBASSY"]
    assert all(ref.startswith("#org-") for _, ref in orgs)  # record-local entries, never linked


def test_an_organ_whose_of_phrase_ends_in_an_adjective_and_a_politbureau(tmp_path):
    body = (
        "The Executive Committee of the Ruritanian government met; the Korean Workers’ Party Politbureau decided, "
        "and the Politbureau of the Ruritanian Party agreed. The Worker’s Party of Korea wrote.\n"
    )
    orgs = _orgs_of(tmp_path, body)
    texts = [t for t, _ in orgs]
    assert texts[:3] == [  # the body's name ends before "of the <adjective> government" (real gold tags it)
        "Executive Committee",
        "Korean Workers’ Party Politbureau",
        "Politbureau of the Ruritanian Party",
    ]
    assert dict(orgs)["Worker’s Party of Korea"] == "#wpk"  # the archive's spelling of the party


def test_press_agencies_and_an_olympic_committee(tmp_path):
    body = "Tanjug reported that the IOC and the DPRK NOC met; the Korean News Agency did not report it.\n"
    orgs = dict(_orgs_of(tmp_path, body))
    assert orgs["Tanjug"] == "#tanjug" and orgs["IOC"] == "#ioc" and orgs["Korean News Agency"] == "#kcna"
    assert orgs["DPRK NOC"].startswith("#org-")


def test_a_bare_and_joins_a_qualifier_and_the_second_of_two_bodies_is_found(tmp_path):
    body = "The Near and Middle East Department asked the IOC and the Ruritanian Olympic Committee; Korea and Central Committee of the Ruritanian Party.\n"
    texts = [t for t, _ in _orgs_of(tmp_path, body)]
    assert texts == [
        "Near and Middle East Department",
        "IOC",
        "Ruritanian Olympic Committee",
        "Central Committee of the Ruritanian Party",
    ]


def _persons_of(tmp_path, body: str) -> list[str]:
    tree = tree_of(encode_text(tmp_path, record(body)))
    return ["".join(e.itertext()) for e in xp(tree, "//t:text//t:persName")]


def test_two_given_names_and_initials_in_capitals_stay_one_name(tmp_path):
    body = "Juan Antonio Valdemoro met A. YA. KORVALOV and Ye. Furtseva; later Valdemoro wrote, and Maria Elena left.\n"
    persons = _persons_of(tmp_path, body)
    assert persons == ["Juan Antonio Valdemoro", "A. YA. KORVALOV", "Ye. Furtseva", "Valdemoro", "Maria Elena"]


def _dates(text: str, year: int, month: int) -> list[tuple[str, str]]:
    return [
        (text[d.start : d.end], d.attrs.get("when") or f"{d.attrs.get('notBefore')}/{d.attrs.get('notAfter')}")
        for d in find_dates(text, year, month, relative=True)
    ]


def test_a_clock_time_after_until_is_no_year_and_quarters_and_month_day_without_a_year():
    text = "He was free until 1900, then from 1945 on; by 1930 hours in 1900 terms, until 1917 and until 1958."
    assert _dates(text, 1960, 3) == [("1945", "1945"), ("1900", "1900"), ("1917", "1917"), ("1958", "1958")]
    assert _dates("Not until 1900 did the line open.", 1955, 3) == []
    assert _dates("until 1900", 1920, 3) == [("1900", "1900")]  # twenty years before the record: a year
    text = "Deliveries in the first quarter of 1967 and the fourth quarter of this year."
    assert _dates(text, 1966, 10) == [
        ("first quarter of 1967", "1967-01-01/1967-03-31"),
        ("fourth quarter of this year", "1966-10-01/1966-12-31"),
    ]
    text = "Cable sent 03.15. and answered 16.03.; item 03.04. and section 11.20.5 are no dates."
    assert _dates(text, 1963, 3) == [("03.15.", "1963-03-15"), ("16.03.", "1963-03-16")]
    assert _dates("sent 03.15.", None, None) == []  # no year to take


def test_a_dictionary_word_between_two_title_words_is_no_name(tmp_path):
    body = (
        "The Deputy Special Assistant wrote to Ambassador Vaszary, and the Deputy Chief Adviser to Secretary Ruszak.\n"
    )
    assert _persons_of(tmp_path, body) == ["Vaszary", "Ruszak"]


def test_a_supplied_name_with_accents_after_an_english_title_is_no_foreign_term(tmp_path):
    body = (
        "The Minister of External Relations [José Varela] agreed; the Provisional Executive Committee "
        "[Ideiglenes Intéző Bizottság] met.\n"
    )
    tree = tree_of(encode_text(tmp_path, record(body)))
    assert [e.text for e in xp(tree, "//t:text//t:foreign")] == ["Ideiglenes Intéző Bizottság"]
    assert "José Varela" in _persons_of(tmp_path, body)
