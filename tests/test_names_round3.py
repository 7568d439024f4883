"""Longer names around a known one, organisations by shape and abbreviation, a particle inside a
person's name (issue 12, third round); constructed, invented wording against the shipped authority."""

from conftest import encode_text, record, tree_of, xp


def _mentions(tmp_path, body: str) -> dict[str, tuple[str, str]]:
    tree = tree_of(encode_text(tmp_path, record(body)))
    path = "//t:text//*[self::t:persName or self::t:placeName or self::t:orgName]"
    return {"".join(e.itertext()): (e.tag.split("}")[1], e.get("ref")) for e in xp(tree, path)}


def test_a_known_name_inside_a_longer_name_is_not_linked_to_it(tmp_path):
    found = _mentions(
        tmp_path,
        "The freighter lay in Havana Bay for a week. The Central Committee of the Liberal Party of Japan, "
        "which wrote first, was answered. A delegation of the CP Finland came. The Central Comittee of the "
        "Democratic Front for the Reunification of the Fatherland sent greetings.\n",
    )
    assert found["Havana Bay"][0] == "placeName" and found["Havana Bay"][1] != "#havana"
    assert "Havana" not in found and "Japan" not in found and "Finland" not in found
    assert found["Central Committee of the Liberal Party of Japan"][0] == "orgName"
    assert found["CP Finland"][0] == "orgName"
    assert "Democratic Front for the Reunification of the Fatherland" not in found  # the organ, not the front
    building = _mentions(tmp_path, "A rally filled the Beijing Workers Stadium. Then we drove from Beijing to Hanoi.\n")
    assert building["Beijing Workers Stadium"][0] == "placeName"
    assert building["Beijing Workers Stadium"][1] != "#beijing" and building["Beijing"][1] == "#beijing"
    # the known place alone keeps its link
    assert _mentions(tmp_path, "The freighter reached Havana at night.\n")["Havana"] == ("placeName", "#havana")


def test_organisations_by_shape_and_abbreviation(tmp_path):
    found = _mentions(
        tmp_path,
        "The MfAA was informed by the China Section. The KVO Leadership agreed; the KVO will send a man. "
        "Members of the People’s Militia guard the stations. A DPA commentary was read at the National "
        "Press Club, and the Aeroflot leadership was asked. The MiG landed. The new MFA leadership met.\n",
    )
    for name in ("MfAA", "China Section", "KVO", "People’s Militia", "National Press Club"):
        assert found[name][0] == "orgName", name
    assert found["DPA"] == ("orgName", "#dpa") and found["Aeroflot"] == ("orgName", "#aeroflot")
    assert "MiG" not in found and "MFA" not in found  # an aircraft; some state's ministry
    party = _mentions(
        tmp_path, "He spoke for the Bolivian CP. The Bolivian government agreed; the DPRK foreign ministry did not.\n"
    )
    assert party["Bolivian CP"][0] == "orgName" and party["DPRK foreign ministry"][0] == "orgName"
    assert "DPRK" not in party  # the state inside its ministry's name is no place of its own
    papers = _mentions(
        tmp_path, "It was printed in the newspaper The Red Flag. In the newspaper Kim Il Sung praised the harvest.\n"
    )
    assert papers["The Red Flag"][0] == "orgName" and papers["Kim Il Sung"][0] == "persName"


def test_a_capitalised_particle_joins_given_name_and_surname(tmp_path):
    found = _mentions(tmp_path, "The President of the National Assembly Anwar El Sadat sent greetings.\n")
    assert found["Anwar El Sadat"] == ("persName", "#sadat")
    assert found["National Assembly"][0] == "orgName" and "Anwar El" not in found


def test_names_in_a_list_and_a_respelt_given_name_before_a_known_surname(tmp_path):
    found = _mentions(
        tmp_path,
        "The guests were Edvard Kardelj, Dzemal Bijedic, Milos Minic and Marko Nikezic. They had met "
        "Comrade Nureddin Kianouri; the chairman of the Tudeh Party of Iran Noureddin Kianouri wrote to them. "
        "In Latin America Fidel Castro is admired. The Socialist Republic and the Baltic were named.\n",
    )
    for name in ("Dzemal Bijedic", "Milos Minic", "Marko Nikezic", "Noureddin Kianouri"):
        assert found[name][0] == "persName", name
    assert found["Noureddin Kianouri"][1] == found["Nureddin Kianouri"][1]  # one person, two spellings
    place_first = _mentions(tmp_path, "The guests were Moscow Ivanov, Kiev Petrov and others.\n")
    assert not any(kind == "persName" for kind, _ in place_first.values())  # a place's name is no given name
    assert found["Fidel Castro"] == ("persName", "#castro-fidel") and "America Fidel" not in found
    assert not any(kind == "persName" for text, (kind, _) in found.items() if "Republic" in text or "Baltic" in text)


def test_units_regions_and_parts_of_a_month(tmp_path):
    tree = tree_of(
        encode_text(
            tmp_path,
            record(
                "Department Far East\n\nThe draft was made by the Department FRG with Main Department XX/AGA. "
                "A delegation of the CP of Italy saw a farm in Heilongjiang Province and the Northern Province. "
                "We need the schedules for the month of April; the guests come in the first half of April.\n"
            ),
        )
    )
    names = {"".join(e.itertext()): e.tag.split("}")[1] for e in xp(tree, "//t:text//*[@ref]")}
    for org in ("Department Far East", "Department FRG", "Main Department XX/AGA", "CP of Italy"):
        assert names[org] == "orgName", org
    assert names["Heilongjiang Province"] == "placeName" and "Northern Province" not in names
    rivers = _mentions(tmp_path, "The boats went down into the Mekong Delta; the Red Sea and Kim Island were far.\n")
    assert rivers["Mekong Delta"][0] == "placeName" and "Kim Island" not in rivers
    dates = {e.text: (e.get("notBefore"), e.get("notAfter")) for e in xp(tree, "//t:text//t:date")}
    assert xp(tree, "//t:text//t:date[.='April']/@when") == ["1961-04"]  # the record's year (June 1961)
    assert dates["first half of April"] == ("1961-04-01", "1961-04-15")


def test_an_opening_quote_before_a_date_is_not_part_of_it(tmp_path):
    tree = tree_of(encode_text(tmp_path, record("“2 March 1961\n\nThe talks began. On “15” March 1961 they ended.\n")))
    assert [e.xpath("string()") for e in xp(tree, "//t:text//t:date")] == ["2 March 1961", "“15” March 1961"]


def test_shapes_that_stay_what_they_are(tmp_path):
    found = _mentions(
        tmp_path,
        "We turned to the DRA leadership and to the US House. The RDP of Korea wrote. The guests were "
        "Nicolae Ceausescu, Elena Ceausescu and Manea Manescu. Among the Koreans were Nam Il and "
        "Baek Nam-eun [Bek Nam Un].\n",
    )
    assert "DRA" not in found and "US House" not in found and "RDP of Korea" not in found
    assert found["Elena Ceausescu"][0] == "persName" and found["Elena Ceausescu"][1] != "#ceausescu"
    assert found["Manea Manescu"][0] == "persName" and found["Manea Manescu"][1] != "#manescu"
    assert "Bek Nam" not in found  # part of a three-word Korean name, not a given name and Nam Il's surname
