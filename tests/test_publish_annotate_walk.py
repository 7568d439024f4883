"""Publishing stays fast (#15): `sitemap.annotate` finds what it marks in one walk of the tree
(`_walk`), and pub:date comes from one read of a date's attributes, cached by their values. The
page must not change: each group of the walk holds what a walk of its own finds, in document
order, and pub:date is the date value `date_value` and `readable` give. Constructed TEI in our
own wording."""

from __future__ import annotations

import pytest
from lxml import etree

from tei_encoder import sitemap

NS = "http://www.tei-c.org/ns/1.0"
T = f"{{{NS}}}"

_DOC = f"""<TEI xmlns="{NS}"><teiHeader><fileDesc><titleStmt><title>Ferry note</title></titleStmt>
<publicationStmt><p>Constructed</p></publicationStmt><sourceDesc><p>Constructed</p></sourceDesc></fileDesc>
<profileDesc><abstract><p>The <persName ref="#p1">pilot</persName> wrote on <date when="1962-10-03">3 Oct.</date></p></abstract>
</profileDesc></teiHeader>
<text><body><div><p>The <placeName ref="#pl1">quay</placeName> was closed
<date from="1962-10-01" to="1962-10-31">all October</date>, <date notBefore="1962-11">later</date>,
<date when="1962-02-30">a day no calendar has</date>, <date from="1963" to="1962">backwards</date>,
<date>no attributes</date>; see <ref target="#n1">the note</ref> and <ptr target="https://example.org/"/>.
<choice><sic>teh</sic><corr>the</corr></choice> <gap reason="illegible"/> <unclear>word</unclear></p>
<p xml:id="n1"><app><lem>ferry</lem><rdg>barge</rdg></app></p>
<floatingText><body><p><date when="1963">next year</date></p></body></floatingText></div></body></text>
<standOff><listPerson><person xml:id="p1"><persName type="preferred">A pilot</persName></person></listPerson>
<listPlace><place xml:id="pl1"><placeName type="preferred">The quay</placeName></place></listPlace></standOff></TEI>"""


def test_one_walk_finds_what_a_walk_of_each_group_finds() -> None:
    root = etree.fromstring(_DOC.encode())
    walked = sitemap._walk(root)
    for group in set(sitemap._WALKED.values()):
        tags = [tag for tag, g in sitemap._WALKED.items() if g == group]
        assert walked[group] == list(root.iter(*tags)), group
    assert [el.tag for el in walked["date"]].count(T + "date") == 7
    assert sitemap._entries_of(walked["entry"]) == sitemap.entries(root)
    assert list(sitemap._mention_containers(root, walked["container"])) == list(sitemap._mention_containers(root))


@pytest.mark.parametrize("labels", [None, sitemap.DateLabels({"months": [str(m) for m in range(1, 13)]})])
def test_pub_date_is_the_readable_date_value(labels) -> None:
    root = etree.fromstring(_DOC.encode())
    sitemap._mark_dates(root, labels)
    for el in root.iter(T + "date"):
        if not el.attrib:
            assert el.get(sitemap.P + "date") is None
            continue
        value = sitemap.date_value(el)
        assert el.get(sitemap.P + "date") == (value if not value or sitemap.readable(value) else "")
    marked = [el.get(sitemap.P + "date") for el in root.iter(T + "date")]
    assert marked == ["1962-10-03", "1962-10", "1962-11" + sitemap.DATE_BETWEEN, "", "", None, "1963"]


def test_annotate_marks_as_before() -> None:
    """The one walk's annotations: links of both containers, the printed readings, gap words,
    the pointers and the dates."""
    root = sitemap.annotate(etree.fromstring(_DOC.encode()))
    assert root.get(sitemap.P + "kinds") == "person place"
    assert root.get(sitemap.P + "readings") == "true"
    assert root.find(f".//{T}persName").get(sitemap.P + "link", "").startswith("person ")
    assert root.find(f".//{T}sic").get(sitemap.P + "printed") == "true"
    assert root.find(f".//{T}lem").get(sitemap.P + "printed") == "true"
    assert root.find(f".//{T}gap").get(sitemap.P + "words")
    assert root.find(f".//{T}ref").get(sitemap.P + "to") == "#id-n1"
    assert root.find(f".//{T}ptr").get(sitemap.P + "to") == "https://example.org/"
    assert root.find(f".//{T}floatingText//{T}date").get(sitemap.P + "date") == "1963"
