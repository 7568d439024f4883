"""Entry (register) pages quote documents: each document's title and its keyword-in-context
snippets carry the document's language and direction (HTML lang/dir), never the site's own:
a Hebrew document's words are right to left on an English site, an English document's are
English on a French one, an undeclared one's are of unknown language (lang="", dir="auto")."""

import json
import subprocess
from pathlib import Path

from click.testing import CliRunner
from lxml import html
from test_publish import _vnu

from tei_encoder.cli import main

NS = "http://www.tei-c.org/ns/1.0"


def _tei(lang: str, title: str, sentence: str) -> str:
    declared = f' xml:lang="{lang}"' if lang else ""
    return (
        f'<TEI xmlns="{NS}"{declared}><teiHeader><fileDesc><titleStmt><title>{title}</title></titleStmt>'
        "<publicationStmt><p>Constructed.</p></publicationStmt><sourceDesc><p>None.</p></sourceDesc>"
        f"</fileDesc></teiHeader><text><body><p>{sentence}</p>"
        '<listPerson><person xml:id="p1"><persName>Orlen Duvik</persName></person></listPerson>'
        "</body></text></TEI>"
    )


def _site(tmp_path: Path, ui_lang: str = "") -> Path:
    tei = tmp_path / "tei"
    tei.mkdir()
    (tei / "hebrew.xml").write_text(
        _tei("he", "מכתב אל הוועדה", 'כתב <persName ref="#p1">אורלן דוביק</persName> אל הוועדה.'), encoding="utf-8"
    )
    (tei / "english.xml").write_text(
        _tei("en", "Letter to the board", '<persName ref="#p1">Orlen Duvik</persName> wrote to the board.'),
        encoding="utf-8",
    )
    (tei / "unsaid.xml").write_text(
        _tei("", "Note on the board", 'The board thanked <persName ref="#p1">Duvik</persName>.'), encoding="utf-8"
    )
    args = ["publish", str(tei), "-o", str(tmp_path / "site"), "--no-search"]
    if ui_lang:
        edition = tmp_path / "edition"
        edition.mkdir()
        (edition / "strings.json").write_text(json.dumps({"lang": ui_lang}), encoding="utf-8")
        args += ["--xslt", str(edition)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return tmp_path / "site"


def _quoted(site: Path) -> dict[str, tuple[tuple[str | None, str | None], tuple[str | None, str | None]]]:
    """Per document page: ((lang, dir) of its title link, (lang, dir) of its snippets) on p1's entry page."""
    page = html.parse(str(site / "persons" / "p1.html")).getroot()
    found = {}
    for item in page.xpath("//li[@class='backlink']"):
        [link] = item.xpath("p[@class='backlink-doc']/a")
        [snippets] = item.xpath("ol[@class='kwic']")
        found[Path(link.get("href")).stem] = (
            (link.get("lang"), link.get("dir")),
            (snippets.get("lang"), snippets.get("dir")),
        )
    return found


def test_an_entry_page_quotes_each_document_in_its_own_language(tmp_path):
    site = _site(tmp_path)
    assert _quoted(site) == {
        "hebrew": (("he", "rtl"), ("he", "rtl")),
        "english": (("en", None), ("en", None)),
        "unsaid": (("", "auto"), ("", "auto")),
    }
    vnu = _vnu()
    if vnu is not None:
        done = subprocess.run(
            [*vnu, "--errors-only", str(site / "persons" / "p1.html")], capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr[:3000]


def test_on_a_translated_site_english_snippets_stay_english(tmp_path):
    site = _site(tmp_path, ui_lang="fr")
    assert html.parse(str(site / "persons" / "p1.html")).getroot().get("lang") == "fr"
    quoted = _quoted(site)
    assert quoted["english"] == (("en", None), ("en", None))
    assert quoted["hebrew"] == (("he", "rtl"), ("he", "rtl"))
