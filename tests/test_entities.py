"""Entity tagging and linking: the seed's 'done when' list, precision rules, the report, the harness."""

import json
import sys

import pytest
from click.testing import CliRunner
from conftest import AUTHORITY, ROOT, SEED, encode_text, record, tree_of, xp

from tei_encoder.cli import main
from tei_encoder.enrich import entities
from tei_encoder.enrich.entities import _name_may_cross

sys.path.insert(0, str(ROOT / "benchmarks"))
import entity_eval  # noqa: E402


def refs(tree, tag):
    return set(xp(tree, f"(//t:text|//t:abstract)//t:{tag}/@ref"))


def test_seed_people(seed_tree):
    # exact: a missing person fails, and so does any extra one
    assert refs(seed_tree, "persName") == {"#castro-fidel", "#kudryavtsev", "#dorticos", "#kennedy-john", "#roa-raul"}


def test_seed_places(seed_tree):
    invited = {
        "#indonesia",
        "#india",
        "#burma",
        "#ghana",
        "#guinea",
        "#brazil",
        "#venezuela",
        "#mexico",
        "#ecuador",
        "#bolivia",
    }
    assert invited | {"#cuba", "#united-states", "#ussr", "#uar", "#yugoslavia", "#cairo", "#latin-america"} == refs(
        seed_tree, "placeName"
    )


def test_seed_orgs_and_dates(seed_tree):
    assert refs(seed_tree, "orgName") == {"#un-security-council", "#cpsu-cc"}
    whens = xp(seed_tree, "//t:text//t:date/@when")
    assert sorted(whens) == ["1961-04-26", "1961-04-27", "1961-04-27", "1961-04-28", "1961-06-09", "1961-08"]


def test_all_forms_link_to_one_entry(seed_tree):
    forms = {
        " ".join("".join(e.itertext()).split()) for e in xp(seed_tree, "//t:text//t:persName[@ref='#castro-fidel']")
    }
    assert forms == {"Fidel Castro", "Fidel CASTRO RUZ"}
    assert xp(seed_tree, "//t:abstract//t:persName[.='Castro']/@ref") == ["#castro-fidel"]


def test_misspelling_is_linked_with_choice(seed_tree):
    choice = xp(seed_tree, "//t:abstract//t:persName[@ref='#kudryavtsev']/t:choice")[0]
    assert xp(choice, "string(t:sic)") == "Kuydryavstev" and xp(choice, "string(t:corr)") == "Kudryavtsev"
    assert xp(choice, "t:corr/@resp") == ["#encoder"]


def test_a_known_surname_with_an_ending_is_not_corrected(tmp_path):
    """`the Kennedys` (the family) is no misspelling of Kennedy: no choice/sic/corr and no link to one
    person, while a real misspelling mid-sentence is still corrected."""
    tree = tree_of(
        encode_text(
            tmp_path, record("Letters between Khrushchev and the Kennedys went on. They ask Kudryavtzev to come.\n")
        )
    )
    assert xp(tree, "//t:text//t:sic/text()") == ["Kudryavtzev"]
    assert "Kennedy" not in " ".join(xp(tree, "//t:text//t:corr/text()"))
    assert "#kennedy-john" not in xp(tree, "//t:text//t:persName/@ref")


def test_no_adjectives_roles_or_nesting(seed_tree):
    tagged = {" ".join("".join(e.itertext()).split()) for e in xp(seed_tree, "//t:placeName|//t:persName|//t:orgName")}
    assert not tagged & {"Soviet", "Cuban", "American", "Latin American", "Afro-Asian"}
    assert not any(t.startswith(("President", "Prime Minister", "Comrade", "Ambassador")) for t in tagged)
    assert not xp(seed_tree, "//t:persName//t:persName|//t:placeName//t:placeName|//t:orgName//t:orgName")


def test_standoff_has_every_entity_and_only_verified_ids(seed_tree):
    ids = set(xp(seed_tree, "//t:standOff//*[self::t:person or self::t:place or self::t:org]/@xml:id"))
    used = {r[1:] for r in xp(seed_tree, "//*[@ref]/@ref")}
    assert used <= ids
    assert xp(seed_tree, "//t:person[@xml:id='castro-fidel']/t:idno[@type='wikidata']/text()") == ["Q11256"]
    assert xp(seed_tree, "//t:place[@xml:id='cairo']/t:idno[@type='geonames']/text()") == ["360630"]
    assert not xp(seed_tree, "//t:person[@xml:id='dorticos']/t:idno")  # nothing unverified


def test_rule_found_names_get_local_entries(tmp_path):
    tree = tree_of(encode_text(tmp_path, record("Ambassador Thompson met Comrade B. Petrov and later Petrov left.\n")))
    refs_ = xp(tree, "//t:text//t:persName/@ref")
    assert len(refs_) == 3 and refs_[1] == refs_[2]
    entry = xp(tree, f"//t:person[@xml:id='{refs_[1][1:]}']")[0]
    assert entry.get("resp") == "#encoder" and entry.get("cert") == "low"
    assert xp(tree, "string(//t:text//t:persName[1])") == "Thompson"  # the title stays outside


def test_gazetteer_place_with_geonames_id(tmp_path):
    tree = tree_of(encode_text(tmp_path, record("The delegation flew on to Karachi the next day.\n")))
    ref = xp(tree, "//t:text//t:placeName/@ref")[0][1:]
    assert ref.startswith("gn-")
    assert xp(tree, f"//t:place[@xml:id='{ref}']/t:idno[@type='geonames']/text()") == [ref[3:]]


def test_distinct_people_are_not_merged(tmp_path):
    tree = tree_of(encode_text(tmp_path, record("Raul Castro and Fidel Castro spoke. R. Castro agreed.\n")))
    assert xp(tree, "//t:text//t:persName/@ref") == ["#castro-raul", "#castro-fidel", "#castro-raul"]


def test_impossible_date_is_not_normalised(tmp_path):
    result = encode_text(tmp_path, record("The meeting of 31 February 1961 never happened.\n"))
    tree = tree_of(result)
    date = xp(tree, "//t:text//t:date")[0]
    assert date.get("when") is None and "".join(date.itertext()) == "31 February 1961"
    assert any("impossible date" in w for w in result.warnings)


def test_user_authority_folder_adds_entries(tmp_path):
    extra = tmp_path / "auth"
    extra.mkdir()
    (extra / "more.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>x</title></titleStmt>'
        "<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>"
        '<standOff><listPerson><person xml:id="zorin"><persName>Valerian Zorin</persName><persName>Zorin</persName></person>'
        "</listPerson></standOff></TEI>",
        encoding="utf-8",
    )
    src = tmp_path / "r.txt"
    src.write_text(record("Then Zorin spoke.\n"), encoding="utf-8")
    out = CliRunner().invoke(main, ["encode", str(src), "--authority", str(AUTHORITY), "--authority", str(extra)])
    assert 'ref="#zorin"' in out.stdout


def test_entities_command_formats():
    runner = CliRunner()
    table = runner.invoke(main, ["entities", str(SEED)])
    assert table.exit_code == 0 and "castro-fidel" in table.stdout and "Unlinked candidates" in table.stdout
    data = json.loads(runner.invoke(main, ["entities", str(SEED), "--format", "json"]).stdout)
    castro = next(e for e in data["entities"] if e["entity"] == "castro-fidel")
    assert castro["mentions"] == 23 and castro["identifiers"] == ["wikidata:Q11256"]
    csv_out = runner.invoke(main, ["entities", str(SEED), "--format", "csv"]).stdout
    assert csv_out.splitlines()[0].startswith("record,type,entity")


def test_harness_scores_the_dev_set():
    first = [(r, g) for r, g in entity_eval.gold_sets("dev") if not g.name.startswith(("n", "ent"))]
    result = entity_eval.evaluate(pairs=first)["ours"]
    assert result["all"]["f1"] >= 0.96
    assert result["linking"]["correct"] == result["linking"]["of"]
    seed_gold = entity_eval.load_gold(entity_eval.GOLD / "000_6c3a4dfe0217feee.tsv")
    assert len(seed_gold) > 90


def test_wrong_links_are_counted():
    gold = [("person", "Kim", "kim-il-sung"), ("person", "Park", "-"), ("place", "Karachi", "-")]
    predicted = [("person", "Kim", "kim-il"), ("person", "Park", "park-chung-hee"), ("place", "Karachi", "gn-1174872")]
    assert [w[1] for w in entity_eval.wrong_links(gold, predicted)] == ["Kim"]  # gold names another entry
    assert [w[1] for w in entity_eval.extra_links(gold, predicted)] == ["Park"]  # gold names none
    # a place the gazetteer chose where gold names no entry is listed to be judged by hand
    assert [w[1] for w in entity_eval.geonames_links(gold, predicted)] == ["Karachi"]
    scored = entity_eval.score(gold, predicted, True)
    assert (len(scored["wrong_links"]), len(scored["extra_links"]), len(scored["geonames_links"])) == (1, 1, 1)


def test_harness_normalises_gold_and_ours_alike(tmp_path):
    gold_file = tmp_path / "g.tsv"
    gold_file.write_text("person\t[Edward] Drożniak\t-\t1\norg\tThe Politburo\t-\t1\n", encoding="utf-8")
    gold = entity_eval.load_gold(gold_file)
    ours = [("person", entity_eval.normalise_mention("[Edward]  Drożniak"), "")]
    ours.append(("org", entity_eval.normalise_mention("the Politburo"), ""))
    assert [m[1] for m in gold] == [m[1] for m in ours] == ["Edward Drożniak", "Politburo"]
    assert entity_eval.score(gold, ours, False)["all"]["f1"] == 1.0


def test_links_to_another_type_or_inside_a_longer_name_are_wrong_links():
    gold = [("person", "Hallgren", "-"), ("place", "Gulf of Morvania", "-"), ("place", "Morvania", "morvania")]
    predicted = [("place", "Hallgren", "gn-1"), ("place", "Morvania", "morvania"), ("place", "Morvania", "morvania")]
    wrong = entity_eval.wrong_links(gold, predicted)
    assert [(w[1], w[2]) for w in wrong] == [("Hallgren", "person:-"), ("Morvania", "in place 'Gulf of Morvania':-")]
    assert not entity_eval.wrong_links(gold, predicted[1:2])  # as many links as gold has: no nested one


def test_harness_can_fail():
    gold = [("person", "Castro", "castro-fidel")]
    assert entity_eval.score(gold, [("place", "Castro", "x")], True)["all"]["f1"] == 0.0


# --- names no authority file lists (issue 12) ---------------------------------------------------------


def mentions(tree) -> list[tuple[str, str, str]]:
    """Every (type, text, ref) our encoder tagged in the text, as the harness reads it."""
    return sorted((k, t, r) for k, t, r in entity_eval.ours(tree) if k != "date")


def refs_by_name(tmp_path, text: str, tag: str = "placeName"):
    """The record made of `text`, and each name tagged `tag` in its text -> that name's @ref."""
    tree = tree_of(encode_text(tmp_path, record(text)))
    return tree, {"".join(e.itertext()): e.get("ref") for e in xp(tree, f"//t:text//t:{tag}")}


def named(tree, tag: str) -> list[str]:
    return [" ".join("".join(e.itertext()).split()) for e in xp(tree, f"//t:text//t:{tag}")]


def test_title_words_and_common_words_are_never_names(tmp_path):
    text = (
        "Premier Chou's Visit was discussed. Chairman Kim's Villa was ready. Premier Sukarno Accepted at once.\n\n"
        "Comrade Minister thanked Comrade Ambassador. The Lieutenant Colonel and the Captain left.\n"
    )
    found = mentions(tree_of(encode_text(tmp_path, record(text))))
    # exactly these: an extra mention (a title, "Visit", "Accepted") fails the test; a villa named after
    # a person is a place, never a mention of a Kim
    assert [(k, t) for k, t, _ in found] == [
        ("person", "Chou"),
        ("person", "Sukarno"),
        ("place", "Chairman Kim's Villa"),
    ]
    assert dict((t, r) for _, t, r in found)["Chou"] == "zhou-enlai"


def test_one_name_one_mention_and_bodies_followed_by_names(tmp_path):
    text = (
        "The letter of Iosif Vissarionovich STALIN was read, then a cable signed FEDOTOV [Stalin]. "
        "The Ministry of Foreign Affairs Pham Quang Vinh replied. The USSR COUNCIL OF MINISTERS agreed; "
        "the State Council and the Bulgarian Legation were told, the Embassy of the DPRK was not.\n\n"
        "Comrade Přemysl Kučera met Zdeněk Fierlinger. Rudé Právo and Rude pravo printed it.\n"
    )
    tree = tree_of(encode_text(tmp_path, record(text)))
    found = {(k, t): r for k, t, r in mentions(tree)}
    assert found[("person", "Iosif Vissarionovich STALIN")] == "stalin"  # given + patronymic + surname: one name
    assert found[("person", "FEDOTOV")] == found[("person", "Stalin")] == "stalin"  # a pseudonym the bracket names
    assert ("org", "Ministry of Foreign Affairs") in found and ("person", "Pham Quang Vinh") in found
    assert ("org", "USSR COUNCIL OF MINISTERS") in found
    assert ("org", "State Council") in found and ("org", "Bulgarian Legation") in found
    assert not any("Embassy" in t for _, t in found) and found[("place", "DPRK")] == "dprk"
    assert ("person", "Přemysl Kučera") in found and ("person", "Zdeněk Fierlinger") in found
    # the authority's forms are matched without their diacritics and case; the text keeps its own
    assert found[("org", "Rudé Právo")] == found[("org", "Rude pravo")] == "rude-pravo"


def test_names_no_list_holds_beside_places_and_unions(tmp_path):
    text = (
        "Comrade Armando Holguin met Svetlana P. Orlikova. The Union of Free Farmers (UFF) wrote; "
        "the UFF asked for seed. The Soviet Union and the Union of Soviet Socialist Republics agreed. "
        "Holguin lies east of Havana. Counsellors M. Ye. Tarasov and N. M. Belkin came; Regional Division IV "
        "Korean Branch wrote. South Yemen and Yemen replied.\n"
    )
    found = mentions(tree_of(encode_text(tmp_path, record(text))))
    kinds = [(k, t) for k, t, _ in found]
    # a surname that is also a city does not cut a person's name; the city alone stays a city
    assert ("person", "Armando Holguin") in kinds and ("place", "Holguin") in kinds
    assert ("person", "Svetlana P. Orlikova") in kinds  # a middle initial shows the given name
    assert kinds.count(("org", "UFF")) == 2 and ("org", "Union of Free Farmers") in kinds
    assert ("place", "Soviet Union") in kinds and ("place", "Union of Soviet Socialist Republics") in kinds
    # "M." is an initial here, not Monsieur: the names are whole
    assert ("person", "M. Ye. Tarasov") in kinds and ("person", "N. M. Belkin") in kinds
    assert ("org", "Regional Division IV") in kinds and ("org", "Korean Branch") in kinds  # a numbered unit ends
    refs = {t: r for _, t, r in found}
    # a direction makes another state, never the Yemen the gazetteer has; in 1961, before the People's
    # Democratic Republic (1967), "South Yemen" is no state the authority lists; "Yemen" is the country
    assert ("place", "South Yemen") in kinds and refs["South Yemen"] == "" and refs["Yemen"].startswith("gn-")


def test_letter_spaced_names_are_tagged_as_printed(tmp_path):
    text = "Signed in P r a g u e by Jiri S t o u p a l and K A P I T S A. H i g h l y urgent. T h e end.\n"
    found = mentions(tree_of(encode_text(tmp_path, record(text))))
    assert [(k, t) for k, t, _ in found] == [
        ("person", "Jiri S t o u p a l"),
        ("person", "K A P I T S A"),
        ("place", "P r a g u e"),
    ]
    assert {t: r for _, t, r in found}["K A P I T S A"] == "kapitsa"


def test_rule_made_ids_never_merge_entities_across_records(tmp_path):
    text = "Director Kim of the trade office met Kim Il Sung and Mr. Park. The State Council and Hieu Van Tranh met.\n"
    one = tree_of(encode_text(tmp_path, record(text)))
    other = record(text).replace("document/1>", "document/2>")
    two = tree_of(encode_text(tmp_path, other, name="other.txt"))
    refs = [
        {" ".join("".join(e.itertext()).split()): e.get("ref")[1:] for e in xp(tree, "//t:text//*[@ref]")}
        for tree in (one, two)
    ]
    # a surname alone and a body named by common words are entries of their record, not of the corpus
    for text_of in ("Kim", "Park", "State Council"):
        assert refs[0][text_of] != refs[1][text_of], text_of
        assert refs[0][text_of].startswith(("pers-", "org-"))  # never an authority entry (several Kims fit)
    assert refs[0]["Kim Il Sung"] == refs[1]["Kim Il Sung"] == "kim-il-sung"


def test_longest_listed_name_wins_and_name_parts_are_not_places(tmp_path):
    text = "The Democratic People's Republic of Korea and the Republic of Korea met. Nguyen Van Linh came.\n"
    tree = tree_of(encode_text(tmp_path, record(text)))
    assert xp(tree, "//t:text//t:placeName/@ref") == ["#dprk", "#south-korea"]
    assert named(tree, "placeName") == ["Democratic People's Republic of Korea", "Republic of Korea"]
    assert named(tree, "persName") == ["Nguyen Van Linh"]


def test_east_asian_names_no_list_holds(tmp_path):
    text = (
        "KIM Tae-hun met Ri Myong-sik and RI Myong Sik. Le Thanh Chau and Wang Bingzhi spoke; "
        "Chou Wen-lan listened. Later Comrade Damba and c. Damba and Cde. Sudjarwo arrived.\n"
    )
    tree = tree_of(encode_text(tmp_path, record(text)))
    names = named(tree, "persName")
    assert names == [
        "KIM Tae-hun",
        "Ri Myong-sik",
        "RI Myong Sik",
        "Le Thanh Chau",
        "Wang Bingzhi",
        "Chou Wen-lan",
        "Damba",
        "Damba",
        "Sudjarwo",
    ]
    refs_ = xp(tree, "//t:text//t:persName/@ref")
    assert refs_[1] == refs_[2]  # one person, hyphenated or not


def test_initials_patronymics_and_inverted_names_are_one_mention(tmp_path):
    text = "Present: Ye. K. Ligachev, V. Ye. Semichastny, Kozlov, F. R. and Walter B. Smith. Later Semichastny spoke.\n"
    tree = tree_of(encode_text(tmp_path, record(text)))
    assert named(tree, "persName") == [
        "Ye. K. Ligachev",
        "V. Ye. Semichastny",
        "Kozlov, F. R.",
        "Walter B. Smith",
        "Semichastny",
    ]
    assert xp(tree, "//t:text//t:persName/@ref")[:3] == ["#ligachev", "#semichastny", "#kozlov"]


def test_brackets_inside_a_name_do_not_break_it(tmp_path):
    text = "Then A[lexei] N. Kosygin met Comrade [Zhu] De, PENG [Dehuai] and [Todor] Zhivkov.\n"
    tree = tree_of(encode_text(tmp_path, record(text)))
    assert named(tree, "persName") == ["Alexei N. Kosygin", "Zhu De", "PENG Dehuai", "Todor Zhivkov"]
    assert xp(tree, "//t:text//t:persName/@ref") == ["#kosygin", "#zhu-de", "#peng-dehuai", "#zhivkov"]
    assert xp(tree, "//t:persName[@ref='#kosygin']/t:supplied/text()") == ["lexei"]


def test_a_listed_name_runs_through_a_lower_case_word_marked_sic(tmp_path):
    # a function word of a listed form marked [sic] stays inside the name: the whole form is linked,
    # not the country name after it (the paragraph's whole text must be read for names through sic)
    text = "The People's Republic of [sic] China agrees, and so does the Democratic People's Republic of [sic] Korea.\n"
    tree = tree_of(encode_text(tmp_path, record(text)))
    assert xp(tree, "//t:text//t:placeName/@ref") == ["#china", "#dprk"]
    assert xp(tree, "//t:placeName[@ref='#dprk']/t:sic/text()") == ["of"]


@pytest.mark.parametrize(
    ("marked", "crossable"),
    [
        ("Then A[lexei] N. Kosygin met", True),  # glued to a letter before
        ("the Sovie[t] delegation", True),  # glued to a letter before, lower case
        ("the [S]oviet delegation", True),  # glued to a letter after
        ("met Comrade [Zhu] De there", True),  # capitalised itself
        ("the Republic [of] Korea", True),  # a capitalised word after, across one space
        ("met Comrade [the] leader", True),  # a capitalised word before, across one space
        ("when [the] meeting ended", False),  # a lower-case word among lower-case words
        ("[unclear] plan", False),  # at the start of the text, before a lower-case word
        ("the proposal, [unclear] | Soviet", False),  # another element is no capitalised word
    ],
)
def test_a_name_may_cross_only_supplied_text_in_a_capitalised_run(marked, crossable):
    start, end = marked.index("["), marked.index("]") - 1  # the brackets mark the supplied text
    assert _name_may_cross(marked.replace("[", "").replace("]", ""), start, end) is crossable


def test_names_through_supplied_text_are_looked_for_only_where_a_name_can_cross(tmp_path, monkeypatch):
    # the paragraphs whose supplied text no capitalised run reaches are not read again: the same TEI
    text = (
        "The workers [of the] plant met Comrade Batbayar; the [sic] meeting ran long and A[lexei] N. Kosygin came.\n\n"
        "Batbayar then left for the [southern] provinces with Le Duc Tho, who spoke of the [unclear] plan.\n\n"
        "Tho and Batbayar agreed on the [revised] proposal of the People's Republic of [sic] China.\n"
    )
    gated = encode_text(tmp_path, record(text))
    monkeypatch.setattr(entities, "_name_may_cross", lambda flat, start, end: True)
    assert encode_text(tmp_path, record(text)).tei == gated.tei
    tree = tree_of(gated)
    assert xp(tree, "//t:persName[@ref='#kosygin']/t:supplied/text()") == ["lexei"]
    assert xp(tree, "//t:placeName[@ref='#china']/t:sic/text()") == ["of"]


def test_short_forms_follow_the_full_name_in_the_record(tmp_path):
    text = "Le Duc Tho arrived with Comrade Batbayar.\n\nLe: We agree.\n\nBatbayar and Tho left.\n"
    tree = tree_of(encode_text(tmp_path, record(text)))
    refs_ = xp(tree, "//t:text//t:persName/@ref")
    assert refs_[0] == "#le-duc-tho" and refs_.count("#le-duc-tho") == 3
    assert refs_[1] == refs_[3] and refs_[1].startswith("#pers-")


def test_a_speaker_named_short_links_to_his_label_with_the_bracketed_given_name(tmp_path):
    # no authority entry and no other mention: the full name is only in the first label
    text = "Deputy Minister CHEN [Haolin]: We have read the draft.\n\nTOMASEK: Prague agrees.\n\nCHEN: We sign.\n"
    tree = tree_of(encode_text(tmp_path, record(text)))
    labels = xp(tree, "//t:label[@type='speaker']")
    assert "Haolin" in "".join(xp(labels[0], "t:persName//text()"))  # the given name belongs to the name
    refs_ = [xp(label, "t:persName/@ref") for label in labels]
    assert refs_[0] == refs_[2] and refs_[0][0].startswith("#pers-") and refs_[1] != refs_[0]


def test_alternate_name_with_another_family_name_is_not_linked(tmp_path):
    text = "Cdes. Kim Il Sung, Choe Yong-geon [Pak Yong Gon], and Nam Il came.\n"
    tree = tree_of(encode_text(tmp_path, record(text)))
    alt = xp(tree, "//t:supplied[@reason='alternate-name']/t:persName/@ref")
    assert alt and alt != ["#choe-yong-gon"]  # a wrong link is worse than none


def test_organisations_by_shape_and_defined_abbreviations(tmp_path):
    text = (
        "The Lao People's Revolutionary Party and the Council of Ministers of Bulgaria wrote to the "
        "Central Committee of the Workers' Party of Korea. The Patriotic Youth Front of Laos (PYFL) agreed; "
        "later the PYFL signed. The Foreign Ministry was informed.\n"
    )
    tree = tree_of(encode_text(tmp_path, record(text)))
    assert named(tree, "orgName") == [
        "Lao People's Revolutionary Party",
        "Council of Ministers of Bulgaria",
        "Central Committee of the Workers' Party of Korea",
        "Patriotic Youth Front of Laos",
        "PYFL",
        "PYFL",
    ]
    assert not xp(tree, "//t:orgName//t:placeName")  # a place inside an organisation stays inside it
    refs_ = xp(tree, "//t:text//t:orgName/@ref")
    assert refs_[3] == refs_[4] == refs_[5]


def test_name_sets_score_and_link_without_wrong_links():
    dev = entity_eval.evaluate("dev")["ours"]
    assert dev["all"]["f1"] >= 0.94 and not dev["wrong_links"] and not dev["extra_links"]
    heldout = entity_eval.evaluate("heldout")["ours"]
    assert not heldout["wrong_links"] and not heldout["extra_links"]
    # the first held-out set (h1-h4); h5-h9 were written after the issue-12 freeze and are reported as they fall
    first = [(r, g) for r, g in entity_eval.gold_sets("heldout") if g.name[:2] in ("h1", "h2", "h3", "h4")]
    assert entity_eval.evaluate(pairs=first)["ours"]["all"]["f1"] >= 0.96


def test_generic_variant_links_only_with_support(tmp_path):
    # "General Assembly" and "Fatherland Front" are shortenings that other bodies share
    text = (
        "The 14th UNESCO General Assembly closed and the General Assembly of the WFTU adjourned. "
        "The Fatherland Front of Bulgaria sent greetings; the Fatherland Front also wrote.\n\n"
        "Later the United Nations met: the General Assembly voted.\n"
    )
    tree = tree_of(encode_text(tmp_path, record(text)))
    orgs = {"".join(e.itertext()): e.get("ref") for e in xp(tree, "//t:text//t:orgName")}
    assert orgs["UNESCO General Assembly"] != "#un-general-assembly"
    assert orgs["General Assembly of the WFTU"] != "#un-general-assembly"
    assert "#dfrf" not in orgs.values() and orgs["Fatherland Front of Bulgaria"].startswith("#org-")
    assert orgs["General Assembly"] == "#un-general-assembly"  # supported: the record names the UN


def test_pronoun_before_bracketed_name_stays_outside(tmp_path):
    text = "Comrade Pham Van Dong spoke first. Later she [Nguyen] agreed, and He [Pham] had already replied.\n"
    tree = tree_of(encode_text(tmp_path, record(text)))
    assert "He Pham" not in named(tree, "persName")
    assert xp(tree, "//t:supplied/t:persName[.='Pham']/@ref") == ["#pham-van-dong"]


def test_central_european_given_names_and_hyphenated_titles(tmp_path):
    text = (
        "The note was initialled by Ábel Kürti and Zsigmond Varsányi; the Vice-Chairman Tódor Bánkuti "
        "and Deputy Under-Secretary Károly Fenyvesi answered from Nový Jičín.\n"
    )
    persons = named(tree_of(encode_text(tmp_path, record(text))), "persName")
    assert persons == ["Ábel Kürti", "Zsigmond Varsányi", "Tódor Bánkuti", "Károly Fenyvesi"]


def test_initials_after_surname_and_unhyphenated_korean_names_link(tmp_path):
    text = (
        "Ambassador Shcherbakov called on the minister in the morning.\n\n"
        "The talk was noted by Shcherbakov I.S. and later read by Puzanov A. M.; Ri Ju Yon was told of it.\n"
    )
    tree = tree_of(encode_text(tmp_path, record(text)))
    linked = {" ".join("".join(e.itertext()).split()): e.get("ref") for e in xp(tree, "//t:text//t:persName")}
    assert linked == {
        "Shcherbakov": "#shcherbakov-ilya",
        "Shcherbakov I.S.": "#shcherbakov-ilya",
        "Puzanov A. M.": "#puzanov",
        "Ri Ju Yon": "#ri-ju-yeon",
    }


def test_state_prefix_and_listed_abbreviations(tmp_path):
    text = "Neither PR China nor the WFTU sent anyone; UNESCO did, and the 9th UNESCO General Assembly took note.\n"
    tree = tree_of(encode_text(tmp_path, record(text)))
    places = {"".join(e.itertext()): e.get("ref") for e in xp(tree, "//t:text//t:placeName")}
    orgs = {"".join(e.itertext()): e.get("ref") for e in xp(tree, "//t:text//t:orgName")}
    assert places == {"PR China": "#china"}
    assert orgs["WFTU"] == "#wftu" and orgs["UNESCO"] == "#unesco"
    assert orgs["UNESCO General Assembly"] not in ("#unesco", "#un-general-assembly")


def test_gazetteer_city_linked_only_with_support_and_not_inside_longer_names(tmp_path):
    # Bāli is a town in India: a record about Indonesia that never names India gives the link no support
    text = (
        "The envoy of Indonesia planned a stop on Bali Island and a tour of the Cochin China lowlands.\n\n"
        "Both sides praised the Bandung Conference and the Geneva accords.\n\nA cable from the Korea Desk followed.\n"
    )
    tree = tree_of(encode_text(tmp_path, record(text)))
    places = {"".join(e.itertext()): e.get("ref") for e in xp(tree, "//t:text//t:placeName")}
    assert places["Indonesia"] == "#indonesia"
    assert places["Bali"].startswith("#place-") and places["Cochin China"].startswith("#place-")
    assert not {"China", "Geneva", "Korea"} & set(places)  # inside other names: not these places
    # a conference named after where it met names the place (real gold: "the Cairo Conference"), linked with the
    # record's support (Indonesia named); Bali keeps no GeoNames link
    assert [
        e.get("{http://www.w3.org/XML/1998/namespace}id")
        for e in xp(tree, "//t:standOff//*[starts-with(@xml:id, 'gn-')]")
    ] == [places["Bandung"][1:]]


def test_gazetteer_city_linked_when_the_record_names_its_country(tmp_path):
    tree = tree_of(encode_text(tmp_path, record("The delegation of India flew on from Bali to Delhi.\n")))
    assert xp(tree, "//t:text//t:placeName[.='Bali']/@ref") == ["#gn-1277539"]


@pytest.mark.parametrize(
    "text, linked",
    [
        # the GDR held Rostock's territory: naming it supports the German city's link
        ("The grain for the GDR was unloaded at Rostock in May.\n", True),
        ("The party committee of Lviv reported to the Soviet Union's ministry in March.\n", True),
        # no state of the city's territory named: no support, no link
        ("The grain was unloaded at Rostock in May.\n", False),
    ],
)
def test_a_former_state_of_the_citys_territory_supports_its_link(tmp_path, text, linked):
    tree = tree_of(encode_text(tmp_path, record(text)))
    refs = xp(tree, "//t:text//t:placeName[.='Rostock' or .='Lviv']/@ref")
    assert len(refs) == 1 and refs[0].startswith("#gn-") == linked


def test_variant_naming_one_body_the_world_over_links_to_the_authority(tmp_path):
    text = "Observers of the International Red Cross toured the camps twice; the Korean Red Cross did not.\n"
    _, orgs = refs_by_name(tmp_path, text, "orgName")
    assert orgs["International Red Cross"] == "#icrc" and orgs["Korean Red Cross"] != "#icrc"


def test_surname_after_lower_case_cde_and_after_two_titles(tmp_path):
    text = "The talk between cde. Ostrowicz and his guest was short.\n\nWe called on Consul Cde. Lindqvist at noon.\n"
    tree = tree_of(encode_text(tmp_path, record(text)))
    assert set(xp(tree, "//t:text//t:persName/text()")) == {"Ostrowicz", "Lindqvist"}


def test_title_and_family_name_after_one_person_named_in_full(tmp_path):
    one = "Premier Kim Il Sung received the guests at noon.\n\nThe guests thanked Premier Kim for the dinner.\n"
    tree = tree_of(encode_text(tmp_path, record(one)))
    assert xp(tree, "//t:text//t:persName[.='Kim']/@ref") == ["#kim-il-sung"]
    # "Kim Il" named on his own as well: two people own "Kim", so neither is linked after an honorific
    two = "Premier Kim Il Sung and Kim Il received the guests.\n\nThe guests thanked Comrade Kim.\n"
    tree = tree_of(encode_text(tmp_path, record(two), name="two.txt"))
    assert xp(tree, "//t:text//t:persName[.='Kim']/@ref") not in (["#kim-il-sung"], ["#kim-il"])
    # after an office's title, the one listed holder of it on the record's date (1961: Kim Il Sung, session 18 N40)
    three = "Premier Kim Il Sung and Kim Il received the guests.\n\nThe guests thanked Premier Kim.\n"
    tree = tree_of(encode_text(tmp_path, record(three), name="three.txt"))
    assert xp(tree, "//t:text//t:persName[.='Kim']/@ref") == ["#kim-il-sung"]


def test_surname_after_a_title_or_a_place_is_no_gazetteer_town(tmp_path):
    # Henderson is also a town of the United States, which the record names: a person cue wins
    text = (
        "A note came from the United States: Consul Henderson and the Minister in Iran Henderson were recalled.\n\n"
        "A letter came from the envoy of the United States to Lumeria, Loy Henderson.\n"
    )
    tree = tree_of(encode_text(tmp_path, record(text)))
    assert "Henderson" not in named(tree, "placeName")
    assert not xp(tree, "//t:standOff//*[starts-with(@xml:id, 'gn-')]")


def test_word_of_a_bracketed_alternate_never_links_to_another_person(tmp_path):
    text = (
        "Minister Nam Il welcomed the deputy Jeong Il-bong [Jong Il Bong] and the delegate Ri Chol-su [Pak Il Gon] "
        "at the station.\n"
    )
    tree = tree_of(encode_text(tmp_path, record(text)))
    assert xp(tree, "//t:text//t:persName[@ref='#nam-il']/text()") == ["Nam Il"]
    whole = xp(tree, "//t:text//t:supplied/t:persName[.='Jong Il Bong']/@ref")
    assert whole == xp(tree, "//t:text//t:persName[.='Jeong Il-bong']/@ref") and len(whole) == 1


def test_a_known_place_inside_a_longer_place_name_is_not_that_place(tmp_path):
    text = (
        "The squadron left Japan, crossed the Sea of Japan toward the Strait of Taiwan and called at Taiwan; the "
        "regime in south Vietnam thanked the People's Republic of the Congo and Congo (Brazzaville).\n\n"
        "A cable from Santiago de Cuba reached Congo (Br.) and Santiago de Lumeria.\n"
    )
    tree, places = refs_by_name(tmp_path, text)
    assert places["Japan"] == "#japan" and places["Taiwan"] == "#taiwan"
    assert places["south Vietnam"] == "#south-vietnam"
    assert places["Santiago de Cuba"] == "#santiago-de-cuba"  # the longest known name
    longer = ("Sea of Japan", "Strait of Taiwan")
    for whole in (*longer, "Santiago de Lumeria"):
        assert places[whole].startswith("#place-")  # the whole name, of the record, not linked
    for whole in ("People's Republic of the Congo", "Congo (Brazzaville)", "Congo (Br.)"):
        assert places[whole] == "#congo-brazzaville"  # the whole name, which the authority lists (session 14)
    assert xp(tree, "count(//t:text//t:placeName[@ref='#japan' or @ref='#taiwan'])") == 2


def test_a_party_with_an_organ_abbreviation_is_the_organ_not_the_party(tmp_path):
    text = (
        "The BCP CC and the CC BCP wrote; the CPSU CC agreed.\n\n"
        "The CPSU Central Committee (CC) answered the Union of Lumerian Youth CC at once.\n"
    )
    _, orgs = refs_by_name(tmp_path, text, "orgName")
    assert orgs["CPSU CC"] == orgs["CC"] == "#cpsu-cc"  # listed, or defined in the record
    assert orgs["BCP CC"].startswith("#org-") and orgs["CC BCP"].startswith("#org-")
    assert orgs["Union of Lumerian Youth CC"].startswith("#org-")  # that body's CC, not the listed one


def test_harness_names_a_record_the_encoder_refused(tmp_path, capsys):
    # a refused record is scored as nothing found and named, not a traceback that hides the rest
    (tmp_path / "bad.txt").write_bytes(b"not a record\x00\n")
    (tmp_path / "bad.tsv").write_text("person\tKim Il Sung\tkim-il-sung\t1\n", encoding="utf-8")
    result = entity_eval.evaluate(pairs=entity_eval.folder_pairs(tmp_path, tmp_path))
    assert result["failed"] == ["bad.txt"]
    assert result["ours"]["all"]["tp"] == 0 and result["ours"]["all"]["gold"] == 1
    assert "bad.txt: not encoded" in capsys.readouterr().err
