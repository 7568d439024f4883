"""The edition site's defects a fresh tester found in session 19 (issue #15), each as a kind: dates
of life in the TEI's structured forms; references to a note or a section of the same page; the
sentence after a German ordinal number; a mention's count of targets outside the running text;
one search result per page; the build summary's removed pages; the scrolling box of a wide table.
Every input is constructed here, in our own words."""

from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html

from tei_encoder.cli import main

TEI = "http://www.tei-c.org/ns/1.0"
HEADER = (
    "<teiHeader><fileDesc><titleStmt><title>{title}</title></titleStmt><publicationStmt><p>Constructed.</p>"
    "</publicationStmt><sourceDesc>{source}</sourceDesc></fileDesc></teiHeader>"
)


def document(title: str, body: str, standoff: str = "", source: str = "<p>Written for this test.</p>") -> str:
    return (
        f'<TEI xmlns="{TEI}">{HEADER.format(title=title, source=source)}{standoff}'
        f"<text><body>{body}</body></text></TEI>"
    )


def publish(folder: Path, out: Path, *extra):
    return CliRunner().invoke(main, ["publish", str(folder), "-o", str(out), "--no-search", *extra])


def site_of(tmp_path: Path, docs: dict[str, str], *extra) -> tuple[Path, str]:
    folder = tmp_path / "tei"
    folder.mkdir()
    for name, text in docs.items():
        (folder / f"{name}.xml").write_text(text, encoding="utf-8")
    done = publish(folder, tmp_path / "site", *extra)
    assert done.exit_code == 0, done.output
    return tmp_path / "site", done.output


def page(path: Path):
    return html.parse(str(path)).getroot()


# --- references to a note or a division of the same document ---


def test_reference_to_a_note_or_a_section_is_followed(tmp_path):
    body = (
        '<div type="section" xml:id="part-a"><head>Part A</head><p>Words here.<note xml:id="n1">A note of ours.</note>'
        '<note xml:id="blank"> </note> See <ref target="#n1">the note</ref>, <ref target="#part-a">part A</ref>, '
        '<ref target="#part-b">part B</ref> and <ref target="#blank">nothing</ref>.</p></div>'
        '<div type="section" n="2" xml:id="part-b"><head>Part B</head><p>More words.</p></div>'
        '<div type="chapter" xml:id="ch"><p>A chapter, <ref target="#ch">itself</ref>.</p></div>'
    )
    site, output = site_of(tmp_path, {"refs": document("References", body)})
    root = page(site / "docs" / "refs.html")
    links = {a.text_content(): a.get("href") for a in root.iter("a") if "tei-ref" in (a.get("class") or "")}
    ids = {el.get("id") for el in root.iter() if el.get("id")}
    # the note: its place in the list of notes; the sections: their own ids
    assert links["the note"] == "#id-n1"
    assert root.get_element_by_id("id-n1").getparent().tag == "li"
    assert links["part A"] == "#id-part-a" and "id-part-a" in ids
    assert links["part B"] == "#section-2" and "section-2" in ids
    assert links["itself"] == "#id-ch" and "id-ch" in ids
    # an empty note is shown nowhere: never a link to it, and said so
    assert "nothing" not in links
    assert 'target="#blank"' in output
    for target in ("#n1", "#part-a", "#part-b", "#ch"):
        assert f'target="{target}"' not in output


# --- dates of life in the TEI's structured forms; coordinates never as words ---

PEOPLE = """<standOff><listPerson>
<person xml:id="p1"><persName>Ada Ember</persName><birth><date when="1900-01-02">the second of January</date></birth>
 <death><date when="1950-03-04"/><placeName>Linz</placeName></death></person>
<person xml:id="p2"><persName>Bo Flint</persName><birth when="1901"><placeName>Graz</placeName></birth>
 <death notBefore="1950" notAfter="1955"/></person>
<person xml:id="p3"><persName>Cy Garnet</persName><floruit from="1900" to="1920"/></person>
<person xml:id="p4"><persName>Di Hazel</persName><birth>born about 1880 in a village</birth></person>
<person xml:id="p5"><persName>Ed Iris</persName><birth><date when="1685-03-21">1685-03-21</date>
 <settlement ref="#town"><placeName type="pref">Eisenach</placeName><location><geo>50,9807 10,31522</geo></location></settlement>
 </birth><death><date notBefore="1750-07-01" notAfter="1750-07-31">July 1750</date></death></person>
</listPerson></standOff>"""


@pytest.fixture(scope="module")
def life_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("life")
    body = "<p>" + ", ".join(f'<persName ref="#p{i}">P{i}</persName>' for i in range(1, 6)) + " met.</p>"
    origin = (
        "<msDesc><msIdentifier><idno>Stone 1</idno></msIdentifier><history><origin><origPlace>"
        '<region>Upland</region> <placeName type="old"/> <placeName type="new">Riverton</placeName> '
        "<geo>37.49, 14.06</geo></origPlace></origin><provenance>Seen there before 1833<geo>37.5, 15.1</geo></provenance>"
        "</history></msDesc>"
    )
    return site_of(base, {"life": document("Life", body, PEOPLE, source=origin)})[0]


def life_of(site: Path, ref: str) -> str:
    root = page(site / "persons" / f"{ref}.html")
    return " ".join(" | ".join(p.text_content() for p in root.find_class(kind)) for kind in ("life", "floruit"))


def test_dates_of_life_from_the_structured_forms(life_site):
    # a date child's @when, a place beside it
    assert life_of(life_site, "p1") == "Dates of life: 2 January 1900 – 4 March 1950 (Linz) "
    # @when on the event with a place inside; death bounds (@notBefore/@notAfter) kept
    assert life_of(life_site, "p2") == "Dates of life: 1901 (Graz) – between 1950 and 1955 "
    # floruit, shown at all
    assert life_of(life_site, "p3") == " Active: 1900 – 1920"
    # words alone: as written (no dangling dash: F23)
    assert life_of(life_site, "p4") == "Dates of life: born about 1880 in a village "
    # a settlement's name, its coordinates never; a date's bounds in the date style
    shown = life_of(life_site, "p5")
    assert shown == "Dates of life: 21 March 1685 (Eisenach) – July 1750 "
    assert "50,9807" not in page(life_site / "persons" / "p5.html").text_content()


def test_coordinates_are_never_running_text(life_site):
    root = page(life_site / "docs" / "life.html")
    words = " ".join(root.text_content().split())
    assert "37.49" not in words and "15.1" not in words
    assert "Upland, Riverton" in words
    assert "before 1833" in words
    # kept as data
    assert [d.get("value") for d in root.iter("data") if d.get("class") == "tei-geo"] == ["37.49, 14.06", "37.5, 15.1"]


# --- an ordinal number ends no sentence in a language that writes ordinals with a full stop ---


@pytest.mark.parametrize(
    ("text", "ordinals", "rest"),
    [
        ("Erst kam er. Im 2. Weltkrieg diente Max dort.", True, ["Im 2. Weltkrieg diente Max dort."]),
        ("Das 19. Jahrhundert ging. Der 100. Geburtstag kam.", True, ["Der 100. Geburtstag kam."]),
        ("Er kam im Jahr 1945. Dann ging er.", True, ["Dann ging er."]),  # a year ends one
        ("He came in 1945. Then he left.", False, ["Then he left."]),
        ("See chapter 3. The end came.", False, ["The end came."]),
    ],
)
def test_ordinal_numbers_end_no_sentence(text, ordinals, rest):
    from tei_encoder.teidoc import sentence_starts

    assert [text[i:] for i in sentence_starts(text, ordinals)] == rest


def test_entry_context_keeps_the_sentence_start_after_an_ordinal(tmp_path):
    standoff = (
        '<standOff><listPerson><person xml:id="mx"><persName>Max Moll</persName></person></listPerson></standOff>'
    )
    body = '<p>Das war früher. Im 2. Weltkrieg diente <persName ref="#mx">Max Moll</persName> in der Stadt.</p>'
    text = document("Brief", body, standoff).replace(f'<TEI xmlns="{TEI}">', f'<TEI xmlns="{TEI}" xml:lang="de">')
    english = document(
        "Letter",
        '<p>It ended in 1945. Then <persName ref="#mx">Max Moll</persName> came home.</p>',
        standoff,
    ).replace(f'<TEI xmlns="{TEI}">', f'<TEI xmlns="{TEI}" xml:lang="en">')
    site, _ = site_of(tmp_path, {"de": text, "en": english})
    contexts = [" ".join(li.text_content().split()) for li in page(site / "persons" / "mx.html").iter("li")]
    assert "Im 2. Weltkrieg diente Max Moll in der Stadt." in contexts
    assert "Then Max Moll came home." in contexts


# --- a mention's further targets: numbers drawn, not words of the text ---


def test_a_further_targets_number_is_no_part_of_the_text(tmp_path):
    standoff = (
        '<standOff><listPerson><person xml:id="ka"><persName>Kay Ash</persName></person>'
        '<person xml:id="lb"><persName>Lee Birch</persName></person></listPerson></standOff>'
    )
    body = '<p>The <persName ref="#ka #lb">two friends</persName> met.</p>'
    site, _ = site_of(tmp_path, {"pair": document("Pair", body, standoff)})
    root = page(site / "docs" / "pair.html")
    [para] = [p for p in root.iter("p") if "friends" in p.text_content()]
    assert " ".join(para.text_content().split()) == "The two friends met."
    [extra] = root.find_class("ent-also")
    assert extra.get("data-n") == "2" and extra.get("aria-label") == "also Lee Birch"
    css = (site / "assets" / "edition.css").read_text(encoding="utf-8")
    assert ".ent-also::before { content: attr(data-n); }" in css


# --- a run of Chinese quoted in an English page: found by its language's record alone ---


def test_a_run_indexed_apart_is_left_out_of_the_pages_own_index():
    from tei_encoder.search import unspaced_text, without_runs

    page = (
        '<html lang="en"><head><title>经济</title></head><body><article data-pagefind-body=""><h1>Slogan 经济</h1>'
        '<p title="经济合作">The banner read <span lang="zh">经济合作</span> in red, 经济合作 again.</p></article></body></html>'
    )
    runs = {run for record in unspaced_text(page).records for run in record.text.split()}
    assert runs == {"经济", "经济合作"}
    hidden = without_runs(page, runs)
    ignored = '<span data-pagefind-ignore="">经济合作</span>'
    assert hidden.count(ignored) == 2
    # the title, the heading and attributes are kept as they are
    assert "<title>经济</title>" in hidden and "<h1>Slogan 经济</h1>" in hidden and 'title="经济合作"' in hidden


# --- the build summary counts the entry pages it removes ---


class _Told:
    verbose = False

    def __init__(self) -> None:
        self.said: list[str] = []

    def warning(self, path, message):
        pass

    def error(self, path, message):
        pass

    def info(self, message):
        self.said.append(message)


def test_the_build_summary_counts_entry_pages_removed(tmp_path):
    from test_incremental import AUTHORITY, ENTRY, PEOPLE, record_text

    from tei_encoder.build import BuildOptions, run_build
    from tei_encoder.pipeline import EncodeSettings

    corpus, authority, out = tmp_path / "corpus", tmp_path / "authority", tmp_path / "out"
    corpus.mkdir()
    authority.mkdir()

    def entries(first_id: str) -> None:
        ids = [first_id, *(f"p{i}" for i in range(1, len(PEOPLE)))]
        listed = "\n".join(ENTRY.format(id=i, name=p, variant=p) for i, p in zip(ids, PEOPLE, strict=True))
        (authority / "persons.xml").write_text(AUTHORITY.format(entries=listed), encoding="utf-8")

    def build():
        told = _Told()
        settings = EncodeSettings(authority=(authority,), change_date="2026-01-01", gazetteer=False)
        summary = run_build(corpus, out, settings, told, BuildOptions(jobs=1))
        return summary, [m for m in told.said if m.startswith("build:")][-1]

    (corpus / "rec0.txt").write_text(record_text(0, PEOPLE, 0), encoding="utf-8")
    entries("p0")
    build()
    assert (out / "site" / "persons" / "p0.html").is_file()
    entries("renamed0")  # the authority's id renamed: the old entry page goes
    summary, line = build()
    assert not (out / "site" / "persons" / "p0.html").exists()
    assert (out / "site" / "persons" / "renamed0.html").is_file()
    assert summary.entry_pages_removed == 1
    assert "0 removed (1 entry page too)" in line


# --- keyboard and assistive technology: a table's scrolling box, a link that cannot be followed ---


def test_a_tables_box_is_a_named_region_a_keyboard_reaches_and_a_dead_link_says_so(tmp_path):
    body = (
        "<table><head>Prices</head><row><cell>Tea</cell><cell>3</cell></row></table>"
        "<table><row><cell>Salt</cell><cell>1</cell></row></table>"
        '<p>See <ref target="other.pdf#p3">the other file</ref>.</p>'
    )
    site, _ = site_of(tmp_path, {"tables": document("Tables", body)})
    root = page(site / "docs" / "tables.html")
    boxes = root.find_class("tei-table")
    assert [(b.get("role"), b.get("tabindex"), b.get("aria-label")) for b in boxes] == [
        ("region", "0", "Table: Prices"),
        ("region", "0", "Table"),
    ]
    [dead] = [s for s in root.iter("span") if s.get("title") == "other.pdf#p3"]
    assert (dead.get("tabindex"), dead.get("role"), dead.get("aria-disabled")) == ("0", "link", "true")


def test_an_entry_pages_sentence_has_no_coordinates(tmp_path):
    standoff = '<standOff><listPlace><place xml:id="rv"><placeName>Riverton</placeName></place></listPlace></standOff>'
    body = '<p>Near <placeName ref="#rv">Riverton</placeName> <geo>41.25 12.75</geo> we rested.</p>'
    site, _ = site_of(tmp_path, {"camp": document("Camp", body, standoff)})
    contexts = [" ".join(li.text_content().split()) for li in page(site / "places" / "rv.html").iter("li")]
    assert "Near Riverton we rested." in contexts
    assert "41.25" not in page(site / "docs" / "camp.html").text_content()
