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
