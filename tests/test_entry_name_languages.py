"""Names on entry and register pages (#15): a name in another script than the page's words (a
Hebrew name on an English site) carries its own lang and dir in the entry page's h1, its name
forms, the "mentioned with" list and the register's list; its language is that of the documents
in that script that write it (a Latin name in a Hebrew document's list stays the page's), and ""
(unknown) with the direction of its letters when none says. Pages stay Nu-valid."""

from pathlib import Path

from click.testing import CliRunner
from lxml import html
from test_site_s13_f1 import nu_valid

from tei_encoder.cli import main

NS = "http://www.tei-c.org/ns/1.0"


def _tei(lang: str, title: str, sentence: str, people: str) -> str:
    declared = f' xml:lang="{lang}"' if lang else ""
    return (
        f'<TEI xmlns="{NS}"{declared}><teiHeader><fileDesc><titleStmt><title>{title}</title></titleStmt>'
        "<publicationStmt><p>Constructed.</p></publicationStmt><sourceDesc><p>None.</p></sourceDesc>"
        f"</fileDesc></teiHeader><text><body><p>{sentence}</p><listPerson>{people}</listPerson></body></text></TEI>"
    )


def _site(tmp_path: Path) -> Path:
    tei = tmp_path / "tei"
    tei.mkdir()
    (tei / "hebrew.xml").write_text(
        _tei(
            "he",
            "מכתב אל הוועדה",
            'כתב <persName ref="#p1">אורלן דוביק</persName> אל <persName ref="#p2">Orlen Vask</persName>.',
            '<person xml:id="p1"><persName>אורלן דוביק</persName><persName>Orlen Duvik</persName></person>'
            '<person xml:id="p2"><persName>Orlen Vask</persName></person>',
        ),
        encoding="utf-8",
    )
    (tei / "unsaid.xml").write_text(
        _tei(
            "",
            "Note on the board",
            'The board thanked <persName ref="#p3">Ирина Белова</persName> and <persName ref="#p2">Vask</persName>.',
            '<person xml:id="p3"><persName>Ирина Белова</persName></person>'
            '<person xml:id="p2"><persName>Orlen Vask</persName></person>',
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["publish", str(tei), "-o", str(tmp_path / "site"), "--no-search"])
    assert result.exit_code == 0, result.output
    return tmp_path / "site"


def _lang_dir(el) -> tuple[str | None, str | None]:
    return el.get("lang"), el.get("dir")


def test_a_name_in_another_script_has_its_own_language_and_direction(tmp_path):
    site = _site(tmp_path)
    entry = html.parse(str(site / "persons" / "p1.html")).getroot()
    [h1] = entry.xpath("//h1")
    assert h1.text_content() == "אורלן דוביק" and _lang_dir(h1) == ("he", "rtl")
    # the Latin form on the English page is the page's; the co-mentioned Latin name too
    assert "Orlen Duvik" in entry.xpath("string(//p[@class='forms'])")
    assert not entry.xpath("//p[@class='forms']//*[@lang]")
    [with_vask] = entry.xpath("//ul[@class='co-mentioned']//a")
    assert _lang_dir(with_vask) == (None, None)
    # a Cyrillic name from a document of no declared language: language unknown, its letters' direction
    [h1] = html.parse(str(site / "persons" / "p3.html")).getroot().xpath("//h1")
    assert _lang_dir(h1) == ("", "ltr")
    # the register lists each name in its own language and direction
    register = html.parse(str(site / "persons.html")).getroot()
    names = {a.text_content(): _lang_dir(a) for a in register.xpath("//a[@class='entry-name']")}
    assert names == {"אורלן דוביק": ("he", "rtl"), "Orlen Vask": (None, None), "Ирина Белова": ("", "ltr")}
    # a Hebrew form of a Latin-named entry would be wrapped: here the Latin form of p1 is plain text
    [forms] = register.xpath("//li[@id='p1']//span[@class='forms']")
    assert "Orlen Duvik" in forms.text_content() and not forms.xpath(".//*[@lang]")
    nu_valid([site / "persons" / "p1.html", site / "persons" / "p3.html", site / "persons.html"])


def test_the_script_of_a_name_is_that_of_most_of_its_letters():
    from tei_encoder.sitemap import language_script, text_script

    assert [text_script(n) for n in ("Orlen Duvik", "Zürich", "Хрущёв", "אורלן", "1962", "")] == [
        "LATIN",
        "LATIN",
        "CYRILLIC",
        "HEBREW",
        "",
        "",
    ]
    assert [language_script(t) for t in ("en", "he", "ru", "sr-Latn", "zh")] == [
        "LATIN",
        "HEBREW",
        "CYRILLIC",
        "LATIN",
        "CJK",
    ]
