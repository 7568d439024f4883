"""Names, organisations and dates on unseen real prose (issue 12, fifth round): Roman-month dates
without their last dot, relative dates counted from the record's date, a year after a preposition,
a record settling the order of its dotted dates; constructed, invented wording."""

from conftest import dated_record, encode_text, record, tree_of, xp

from tei_encoder.dates import dotted_order, find_dates


def _values(text: str, year: int | None = 1962, month: int | None = 10, **kw) -> list[tuple[str, str]]:
    return [
        (
            text[m.start : m.end],
            m.attrs.get("when") or "/".join(m.attrs.get(k, "") for k in ("notBefore", "notAfter")).strip("/"),
        )
        for m in find_dates(text, year, month, **kw)
    ]


def test_roman_month_dates_with_a_space_for_the_last_dot():
    found = _values("Sent: 27.X 62 at 9.30. Filed: 4.XI 1962. Noted 12.IX.1961.")
    assert found == [("27.X 62", "1962-10-27"), ("4.XI 1962", "1962-11-04"), ("12.IX.1961", "1961-09-12")]
    assert _values("Point 4.X 62 is not a date: 1.5 10 neither; room 3 XI 1962.") == [("4.X 62", "1962-10-04")]


def test_year_after_a_preposition_and_months_written_oddly():
    found = _values("Sales rose compared to 1958. In 1960 we paid, and by 1963 we will, not 1964 tons.", 1961)
    assert found == [("1958", "1958"), ("1960", "1960"), ("1963", "1963")]
    found = _values("The July (1954) accord, signed 3 May [19]55, took effect on 7June and 9 July [1955].", 1955)
    assert found == [
        ("July (1954)", "1954-07"),
        ("3 May [19]55", "1955-05-03"),
        ("7June and 9 July [1955]", "1955-06-07/1955-07-09"),  # two dates joined by "and": one stretch
    ]


def test_relative_dates_only_when_the_record_date_gives_them():
    text = "This year the harvest grew; next year and in the current year's plan, as last year, and on the 14th of this month."
    # a year named from the record alone is no date mention (the archive's editors leave it untagged)
    assert _values(text, 1962, 10, relative=True) == [("the 14th of this month", "1962-10-14")]
    # counted from another date the text names: never read
    assert _values("He left in 1950; the following year he came back.", 1962, 10, relative=True) == [("1950", "1950")]
    assert _values(text, None, None, relative=True) == []  # no record date: nothing to count from
    assert _values(text, 1962, None, relative=True) == []  # no month: the day of "this month" is left
    assert _values(text, 1962, 10) == []  # the parser's callers never ask for relative dates
    assert _values("October of this year", 1962, 10, relative=True) == [("October of this year", "1962-10")]


def test_the_record_settles_the_order_of_its_dotted_dates():
    assert dotted_order(["Sent 31.10.62", "received 1.11.62"]) is True
    assert dotted_order(["Sent 10.31.62", "received 13.11.62"]) is None  # contradicts itself: unsettled
    assert dotted_order(["received 1.11.62"]) is None
    assert dotted_order(["Sent 10.31.62", "received 11.01.62"]) is False  # month first
    assert _values("received 1.11.62", day_first=True) == [("1.11.62", "1962-11-01")]
    assert _values("received 1/11/62", day_first=True) == [("1/11/62", "1962-01-11")]  # slashes stay American
    assert _values("received 1.11.62") == [("1.11.62", "")]  # tagged, no value


def test_a_cable_with_day_first_dates_and_relative_dates(tmp_path):
    body = "Sent: 30.10.62 Received: 2.11.62 at 06.30\n\nThey thanked us for the letter of the 25th of this month.\n"
    tree = tree_of(encode_text(tmp_path, dated_record(body, "October 30, 1962", "Serbo-Croatian")))
    dates = {e.text: e.get("when") for e in xp(tree, "//t:text//t:date")}
    assert dates["2.11.62"] == "1962-11-02" and dates["the 25th of this month"] == "1962-10-25"


def _orgs_of(tmp_path, body: str) -> list[tuple[str, str]]:
    tree = tree_of(encode_text(tmp_path, record(body)))
    return [("".join(e.itertext()), e.get("ref", "")) for e in xp(tree, "//t:text//t:orgName")]


def test_organs_named_with_their_party_or_state_abbreviation(tmp_path):
    body = (
        "The Presidium of the Central Committee of the LKP met; the State Council of the VRS agreed, and "
        "Comrade Dobrev, First Secretary CC LKP, spoke for the CC LKP. The Ambassador Extraordinary and "
        "Plenipotentiary of Ruritania, Vazov, listened.\n"
    )
    orgs = [t for t, _ in _orgs_of(tmp_path, body)]
    assert orgs == [
        "Presidium of the Central Committee of the LKP",
        "State Council of the VRS",
        "CC LKP",
        "CC LKP",
    ]
    tree = tree_of(encode_text(tmp_path, record(body)))
    persons = ["".join(e.itertext()) for e in xp(tree, "//t:text//t:persName")]
    assert "Extraordinary" not in persons and "Plenipotentiary" not in persons


def test_a_party_abbreviation_after_the_article_and_press_names(tmp_path):
    body = (
        "The delegation of the TLP came with the Director of the MFA; the TLP then wrote again, and the "
        "NRB and the XXII Congress were named. The news came from Prensa Latina, and Hoy printed it; the "
        "INRA and the UPSR agreed.\n"
    )
    orgs = _orgs_of(tmp_path, body)
    texts = [t for t, _ in orgs]
    assert texts.count("TLP") == 2 and len({r for t, r in orgs if t == "TLP"}) == 1
    assert "MFA" not in texts and "NRB" not in texts and "XXII" not in texts  # a ministry or a state: left
    linked = dict(orgs)
    assert linked["Prensa Latina"] == "#prensa-latina" and linked["Hoy"] == "#hoy"
    assert linked["INRA"] == "#inra-cuba" and linked["UPSR"] == "#purs"
    tree = tree_of(encode_text(tmp_path, record(body)))
    assert "Latina" not in ["".join(e.itertext()) for e in xp(tree, "//t:text//t:placeName")]


def test_a_gloss_ending_in_the_given_name_joins_the_surname(tmp_path):
    body = (
        "We await [Ruritanian Deputy Premier Anton] Dobrev. The view of [Soviet Premier Boris K.] Petrovsky was "
        "read, and [Brazilian President João] Mendes’s envoy came; [the Cuban side] Ortega and [Anton] Vazov agreed.\n"
    )
    tree = tree_of(encode_text(tmp_path, record(body)))
    persons = ["".join(e.itertext()) for e in xp(tree, "//t:text//t:persName")]
    assert persons[:3] == ["Anton Dobrev", "Boris K. Petrovsky", "João Mendes"]
    assert "Anton" not in persons and "Boris K." not in persons
    # the gloss stays the translator's, outside the name; the given name is supplied inside it
    glosses = [e.text for e in xp(tree, "//t:text//t:supplied[not(ancestor::t:persName)]")]
    assert {"Ruritanian Deputy Premier", "Soviet Premier", "Brazilian President", "the Cuban side"} <= set(glosses)
    inside = [e.text for e in xp(tree, "//t:text//t:persName/t:supplied")]
    assert inside[:3] == ["Anton", "Boris K.", "João"]


def test_a_state_named_with_a_prefix_and_of_and_places_of_the_collections(tmp_path):
    body = (
        "Troops of PR of Ruritania and of the People’s Republic of Hungary met in the Kremlin; the Dornod line "
        "reached Zamyn-Uud, and the envoy flew to Santiago de Chile, not to the Republic of China.\n"
    )
    tree = tree_of(encode_text(tmp_path, record(body)))
    places = {"".join(e.itertext()): e.get("ref") for e in xp(tree, "//t:text//t:placeName")}
    assert places["People’s Republic of Hungary"] == "#hungary"
    assert places["Kremlin"] == "#kremlin" and places["Dornod"] == "#dornod" and places["Zamyn-Uud"] == "#zamyn-uud"
    assert places["Santiago de Chile"] == "#santiago-de-chile" and "Santiago" not in places and "Chile" not in places
    assert places["Republic of China"] == "#taiwan"  # never "Republic of" + the People's Republic
    assert "PR of Ruritania" not in places  # the prefix joins a place the lists know, nothing else
