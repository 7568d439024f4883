"""The edition's title (#15): --title, else the edition's own (`edition-title` in its strings.json,
which `init` puts in place), else the title the published documents share (a teiCorpus's, a series
title), else tei-encoder's edition title for its own TEI and a neutral one for other projects' TEI
(before, other projects' TEI got "Documents of the Cold War"). Constructed TEI in our own wording."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from tei_encoder.cli import main
from tei_encoder.publish import DEFAULT_TITLE

NS = "http://www.tei-c.org/ns/1.0"


def _letter(title: str, series: str = "", series_stmt: str = "") -> str:
    series_title = f'<title level="s">{series}</title>' if series else ""
    stmt = f"<seriesStmt><title>{series_stmt}</title></seriesStmt>" if series_stmt else ""
    return f"""<TEI xmlns="{NS}"><teiHeader><fileDesc><titleStmt>{series_title}<title level="a">{title}</title></titleStmt>
<publicationStmt><p>Constructed</p></publicationStmt>{stmt}<sourceDesc><p>Constructed</p></sourceDesc></fileDesc></teiHeader>
<text><body><p>The orchard letters speak of {title}.</p></body></text></TEI>"""


def _publish(tmp_path: Path, files: dict[str, str], *options: str) -> tuple[str, str]:
    tei = tmp_path / "tei"
    tei.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (tei / name).write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    result = CliRunner().invoke(main, ["publish", str(tei), "-o", str(site), "--no-search", *options])
    assert result.exit_code == 0, result.output
    index = (site / "index.html").read_text(encoding="utf-8")
    title = re.search(r'<p class="site-title"><a href="index.html">(.*?)</a>', index).group(1)
    return title, index


def _strings(tmp_path: Path, strings: dict) -> Path:
    edition = tmp_path / "edition"
    edition.mkdir()
    (edition / "strings.json").write_text(json.dumps(strings), encoding="utf-8")
    return edition


def test_other_projects_tei_gets_a_neutral_title_not_ours(tmp_path):
    title, index = _publish(tmp_path, {"a.xml": _letter("pears"), "b.xml": _letter("plums")})
    assert title == "TEI edition"
    assert DEFAULT_TITLE not in index


def test_the_series_title_the_documents_share_titles_the_edition(tmp_path):
    files = {
        "a.xml": _letter("pears", series="Orchard Letters"),
        "b.xml": _letter("plums", series_stmt="Orchard Letters"),
    }
    title, _ = _publish(tmp_path, files)
    assert title == "Orchard Letters"
    page = (tmp_path / "site" / "docs" / "a.html").read_text(encoding="utf-8")
    assert "<title>pears — Orchard Letters</title>" in page


def test_documents_of_several_series_get_the_neutral_title(tmp_path):
    files = {"a.xml": _letter("pears", series="Orchard Letters"), "b.xml": _letter("plums", series="Mill Papers")}
    assert _publish(tmp_path, files)[0] == "TEI edition"
    files = {"a.xml": _letter("pears", series="Orchard Letters"), "b.xml": _letter("plums")}  # one names none
    assert _publish(tmp_path / "2", files)[0] == "TEI edition"


def test_a_tei_corpus_gives_its_own_title(tmp_path):
    corpus = f"""<teiCorpus xmlns="{NS}"><teiHeader><fileDesc><titleStmt><title>The Orchard Corpus</title></titleStmt>
<publicationStmt><p>Constructed</p></publicationStmt><sourceDesc><p>Constructed</p></sourceDesc></fileDesc></teiHeader>
{_letter("pears", series="Something else")}</teiCorpus>"""
    assert _publish(tmp_path, {"corpus.xml": corpus})[0] == "The Orchard Corpus"


def test_the_edition_s_configured_title_wins_and_title_wins_over_it(tmp_path):
    files = {"a.xml": _letter("pears", series="Orchard Letters")}
    edition = _strings(tmp_path, {"edition-title": "Letters from the Orchard"})
    assert _publish(tmp_path, files, "--xslt", str(edition))[0] == "Letters from the Orchard"
    assert _publish(tmp_path, files, "--xslt", str(edition), "--title", "Given")[0] == "Given"


def test_our_own_tei_keeps_the_project_s_title(tmp_path, published_site):
    tei = sorted((published_site / "tei").glob("*.xml"))[0]
    assert _publish(tmp_path, {tei.name: tei.read_text(encoding="utf-8")})[0] == DEFAULT_TITLE


def test_build_takes_the_edition_s_configured_title(tmp_path):
    edition = tmp_path / "ed"
    result = CliRunner().invoke(main, ["init", str(edition)])
    assert result.exit_code == 0, result.output
    strings = edition / "site" / "xslt" / "strings.json"
    # init puts a neutral title in place, for the editors to replace (#15, F15, F21)
    assert json.loads(strings.read_text(encoding="utf-8"))["edition-title"] == "TEI edition"
    out = tmp_path / "out"
    args = ["build", str(edition / "corpus"), "-o", str(out), "--no-search", "--xslt", str(edition / "site" / "xslt")]
    assert CliRunner().invoke(main, args).exit_code == 0
    # an edition's own site is titled neutrally, never with the project's demo title (#15, F15)
    fresh = (out / "site" / "index.html").read_text(encoding="utf-8")
    assert DEFAULT_TITLE not in fresh and "<title>TEI edition</title>" in fresh
    strings.write_text(json.dumps({"edition-title": "Letters from the Orchard"}), encoding="utf-8")
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    index = (out / "site" / "index.html").read_text(encoding="utf-8")
    assert "Letters from the Orchard" in index and DEFAULT_TITLE not in index


def test_a_hook_folder_that_sets_no_title_leaves_the_title_as_it_was(tmp_path, published_site):
    """#15 (F21): an --xslt folder of hooks (a strings.json without edition-title, or none) never
    changes the title: tei-encoder's own TEI keeps the project's title, other TEI its neutral one."""
    tei = sorted((published_site / "tei").glob("*.xml"))[0]
    ours = {tei.name: tei.read_text(encoding="utf-8")}
    hooks = _strings(tmp_path, {"search-title": "Search the letters"})
    (hooks / "edition.xsl").write_text(
        '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"/>', encoding="utf-8"
    )
    assert _publish(tmp_path / "1", ours, "--xslt", str(hooks))[0] == DEFAULT_TITLE
    other = {"a.xml": _letter("pears")}
    assert _publish(tmp_path / "2", other, "--xslt", str(hooks))[0] == "TEI edition"
