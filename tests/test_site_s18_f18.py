"""The edition site (#15, F18): entries of one xml:id in different documents are merged only when
they agree; names inside entity registers are no mentions; ordinal dates end no context sentence;
readable entry page names; an edition's hook with a wrong signature is named in the error; a name
form's note is shown as a note. Constructed TEI in our own wording."""

from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html

from tei_encoder import sitemap
from tei_encoder.clashes import entry_clashes
from tei_encoder.cli import main
from tei_encoder.teidoc import sentence_starts, summarize
from tei_encoder.xmlsafe import parse_xml

HEAD = (
    '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>{title}</title>'
    "</titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc>"
    "</teiHeader>"
)


def letter(title: str, standoff: str, body: str, back: str = "") -> str:
    return (
        HEAD.format(title=title)
        + (f"<standOff>{standoff}</standOff>" if standoff else "")
        + f"<text><body>{body}</body>{f'<back>{back}</back>' if back else ''}</text></TEI>"
    )


def person(xml_id: str, name: str, idno: str = "") -> str:
    extra = f'<idno type="URI">{idno}</idno>' if idno else ""
    return f'<listPerson><person xml:id="{xml_id}"><persName>{name}</persName>{extra}</person></listPerson>'


def publish(tmp_path: Path, docs: dict[str, str], *extra: str):
    files = []
    for name, text in docs.items():
        path = tmp_path / f"{name}.xml"
        path.write_text(text, encoding="utf-8")
        files.append(str(path))
    out = tmp_path / "site"
    result = CliRunner().invoke(main, ["publish", *files, "-o", str(out), "--no-search", *extra])
    return out, result


def page(site: Path, name: str):
    return html.parse(str(site / name)).getroot()


def person_links(site: Path, doc: str) -> list[str]:
    return [a.get("href") for a in page(site, f"docs/{doc}.html").iter("a") if "/persons/" in (a.get("href") or "")]


# --- 1. one xml:id, two different entities: kept apart, reported ---------------------------------


@pytest.fixture
def clashing(tmp_path):
    docs = {
        "first": letter(
            "First letter",
            person("w1", "Wilma Quast"),
            '<p>Yesterday <persName ref="#w1">Wilma Quast</persName> sailed home.</p>',
        ),
        "second": letter(
            "Second letter",
            person("w1", "Otto Rimbeck"),
            '<p>Yesterday <persName ref="#w1">Otto Rimbeck</persName> sailed home.</p>',
        ),
    }
    return publish(tmp_path, docs)


def test_entries_of_one_id_that_disagree_stay_apart(clashing):
    """Failed before: one page persons/w1.html titled Wilma Quast; the second letter linked it."""
    site, result = clashing
    assert result.exit_code == 0, result.output
    first, second = person_links(site, "first"), person_links(site, "second")
    assert len(first) == len(second) == 1 and first != second
    assert page(site, first[0].removeprefix("../")).xpath("string(//h1)") == "Wilma Quast"
    assert page(site, second[0].removeprefix("../")).xpath("string(//h1)") == "Otto Rimbeck"
    assert not (site / "persons" / "w1.html").exists()
    # each entry page lists its own document only, and the anchor it links is on that page
    second_page = page(site, second[0].removeprefix("../"))
    hrefs = [a.get("href") for a in second_page.iter("a") if "docs/" in (a.get("href") or "")]
    assert hrefs and all("second.html" in h for h in hrefs)
    anchor = next(h for h in hrefs if "#" in h).split("#")[1]
    assert page(site, "docs/second.html").xpath(f"//*[@id='{anchor}']")
    registered = page(site, "persons.html").xpath("string(//main)")
    assert "Wilma Quast" in registered and "Otto Rimbeck" in registered


def test_a_clash_is_reported_on_one_line_naming_both_files_and_the_id(clashing):
    _site, result = clashing
    lines = [line for line in result.output.splitlines() if "'w1'" in line]
    assert len(lines) == 1, result.output
    assert "first.xml" in lines[0] and "second.xml" in lines[0]


def test_entries_of_one_id_that_agree_stay_one_entity(tmp_path):
    """A register repeated in each file (the same name, or a shared idno) is one entity."""
    docs = {
        name: letter(
            name,
            person("pers7", written, "https://example.org/person/7"),
            f'<p>A note by <persName ref="#pers7">{written}</persName> came.</p>',
        )
        for name, written in (("one", "Lena Marx"), ("two", "Lena Marx"), ("three", "Marx, Lena"))
    }
    site, result = publish(tmp_path, docs)
    assert result.exit_code == 0, result.output
    assert "names different entities" not in result.output
    assert (site / "persons" / "pers7.html").exists()
    assert {h for d in docs for h in person_links(site, d)} == {"../persons/pers7.html"}


def test_clashes_are_found_once_per_build_from_summaries():
    summaries = [
        summarize(parse_xml(None, letter(n, person("k", w), '<p><persName ref="#k">x</persName></p>').encode()), n)
        for n, w in (("a", "Ann"), ("b", "Ann"), ("c", "Bo"))
    ]
    scopes, clashes = entry_clashes(summaries)
    assert [c.key for c in clashes] == ["k"]
    assert scopes["a"]["k"] == scopes["b"]["k"] != scopes["c"]["k"]
    rekeyed = summaries[2].rekeyed(scopes["c"])
    assert set(rekeyed.mentions) == set(rekeyed.entities) == {scopes["c"]["k"]}


def test_entries_tei_encoder_made_keep_their_edition_wide_ids():
    """The encoder's own ids (resp="#encoder") are edition-wide: two spellings stay one entity."""
    made = '<listPerson><person xml:id="pers-kim" resp="#encoder"><persName>{}</persName></person></listPerson>'
    summaries = [
        summarize(
            parse_xml(None, letter(n, made.format(w), '<p><persName ref="#pers-kim">x</persName></p>').encode()), n
        )
        for n, w in (("a", "Kim Il Sung"), ("b", "Kim Il-sung"))
    ]
    assert entry_clashes(summaries) == ({}, [])


# --- 2. names in a register are no mentions -------------------------------------------------------


def test_names_inside_a_register_in_the_back_are_no_mentions(tmp_path):
    """Failed before: the birthplace in the back's register counted as a mention of the town, its
    'context' the entry's coordinates, and the register's people as co-mentioned."""
    back = (
        '<listPerson><person xml:id="hb"><persName>Hanna Brookfield</persName>'
        '<birth><placeName ref="#town">Oldmere</placeName></birth></person>'
        '<person xml:id="rg"><persName>Rolf Gansel</persName></person></listPerson>'
        '<listPlace><place xml:id="town"><placeName>Oldmere</placeName>'
        "<location><geo>51.5 10.25</geo></location></place>"
        '<place xml:id="port"><placeName>Saltby</placeName></place></listPlace>'
    )
    body = (
        '<p>Dear <persName ref="#hb">Hanna</persName>, the ship reached <placeName ref="#port">Saltby</placeName>.</p>'
    )
    site, result = publish(tmp_path, {"reg": letter("Register letter", "", body, back)})
    assert result.exit_code == 0, result.output
    assert (site / "places" / "port.html").exists()
    assert not (site / "places" / "town.html").exists()  # named only in the register
    assert not (site / "persons" / "rg.html").exists()
    summary = summarize(parse_xml(None, letter("R", "", body, back).encode()), "reg")
    assert set(summary.mentions) == {"hb", "port"}


# --- 3. ordinal dates end no sentence -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("Bremen, 30. 9. 23. Dear friend!", ["Dear friend!"]),
        ("Am 1. Jänner kam er. Dann ging er.", ["Dann ging er."]),
        ("Am 3. März 1901 schrieb sie. Gut.", ["Gut."]),
        ("He came in 1923. 5 men stayed.", ["5 men stayed."]),  # a year still ends a sentence
        ("See chapter 3. The end came.", ["The end came."]),
    ],
)
def test_ordinal_dates_end_no_sentence(text, rest):
    """Failed before: "Bremen, 30. 9. 23" was cut after "30."."""
    assert [text[i:] for i in sentence_starts(text)] == rest


# --- 4. readable entry page names -----------------------------------------------------------------


def test_an_id_in_capitals_gets_a_readable_page(tmp_path):
    """Failed before: places/_44__4b_.html for the id DK."""
    body = '<p>They flew to <placeName ref="#DK">Denmark</placeName> and <placeName ref="#dk">Dekk</placeName>.</p>'
    standoff = (
        '<listPlace><place xml:id="DK"><placeName>Denmark</placeName></place>'
        '<place xml:id="dk"><placeName>Dekk</placeName></place></listPlace>'
    )
    site, result = publish(tmp_path, {"caps": letter("Caps", standoff, body)})
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (site / "places").iterdir())
    assert names == ["DK~3.html", "dk.html"]
    assert len({n.casefold() for n in names}) == 2
    assert sitemap.page_stem("DK") != sitemap.page_stem("dk")


# --- 5. a hook replaced with a wrong signature ----------------------------------------------------


def test_a_hook_without_its_parameter_is_named_in_the_error(tmp_path):
    """Failed before: the error pointed at the shipped xslt/shell.xsl:66:47 (XTSE0680)."""
    xslt = tmp_path / "xslt"
    xslt.mkdir()
    (xslt / "header.xsl").write_text(
        '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">\n'
        '  <xsl:template name="site-header"><header><p>Ours</p></header></xsl:template>\n'
        "</xsl:stylesheet>\n",
        encoding="utf-8",
    )
    body = "<p>Nothing named.</p>"
    _site, result = publish(tmp_path, {"plain": letter("Plain", "", body)}, "--xslt", str(xslt))
    assert result.exit_code != 0
    error = [line for line in result.output.splitlines() if "error" in line]
    assert len(error) == 1, result.output
    assert f"{xslt / 'header.xsl'}:2:" in error[0]
    assert "site-header" in error[0] and 'name="current"' in error[0]
    assert "shell.xsl:66:47" not in error[0]


# --- 6. a name form's note ------------------------------------------------------------------------


def test_a_name_forms_note_is_a_note_not_part_of_the_name(tmp_path):
    """Failed before: "BrowSaid so by the farmers only." among the names."""
    standoff = (
        '<listPlace><place xml:id="hill"><placeName>Greenhill</placeName>'
        "<placeName>Brow<note>Said so by the farmers only.</note></placeName></place></listPlace>"
    )
    body = '<p>We walked up <placeName ref="#hill">Greenhill</placeName> in the rain.</p>'
    site, result = publish(tmp_path, {"hill": letter("Hill", standoff, body)})
    assert result.exit_code == 0, result.output
    text = " ".join(page(site, "places/hill.html").xpath("string(//main)").split())
    assert "BrowSaid" not in text
    assert "Brow: Said so by the farmers only." in text
    summary = summarize(parse_xml(None, letter("Hill", standoff, body).encode()), "hill")
    assert summary.forms["hill"] == ["Brow"]
