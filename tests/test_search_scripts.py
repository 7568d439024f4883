"""Full-text search over text in scripts whose words are not separated by spaces (#15): a word in
the middle of a run of Chinese, Japanese or Thai quoted in an English record, or of a whole
document in Chinese, is found from the English search page and leads to its document; text no
index can split into words (Lao) is reported. Constructed TEI in our own wording
(tests/fixtures/tei-scripts)."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner
from conftest import ROOT, browsed

from tei_encoder import search
from tei_encoder.cli import main
from tei_encoder.search import search_available, unspaced_text
from tei_encoder.sitemap import site_config

FIXTURES = ROOT / "tests" / "fixtures" / "tei-scripts"
PAGE = '<html lang="{lang}"><head><title>T</title></head><body><nav>导航</nav><article data-pagefind-body="">{body}</article></body></html>'


def records(body: str, lang: str = "en") -> dict[str, str]:
    return {r.language: r.text for r in unspaced_text(PAGE.format(lang=lang, body=body)).records}


def test_runs_go_to_the_language_of_their_script_or_the_one_declared_around_them():
    body = (
        "<h1>A note</h1><p>He wrote 港口仓库 and <span lang='ja'>倉庫</span> and ひらがなと漢字 and"
        " ท่าเรือ<sup data-pagefind-ignore=''>中</sup>.</p><p>毛<span>泽东</span></p>"
    )
    assert records(body) == {"zh": "港口仓库 毛泽东", "ja": "倉庫 ひらがなと漢字", "th": "ท่าเรือ"}
    language, found, warnings = unspaced_text(PAGE.format(lang="en", body=body))
    assert language == "" and {r.title for r in found} == {"A note"} and not warnings


def test_runs_of_the_pages_own_language_are_left_to_its_index():
    assert records("<p>港口仓库今天收到三箱茶叶 and ท่าเรือ</p>", lang="zh-Hans") == {"th": "ท่าเรือ"}
    assert records("<p>漢字だけ and 倉庫</p>", lang="ja") == {}  # Han on a Japanese page: Japanese
    page = "<html lang='en'><body><article data-pagefind-body=''><p>Only English here, Gomułka.</p></article></body></html>"
    assert unspaced_text(page) == ("", [], [])


def test_a_page_windows_1252_holds_is_rightly_passed_over():
    """unspaced_text passes over a page Windows-1252 can encode: no letter of the data's scripts may be one."""
    held = set(bytes(range(256)).decode("cp1252", errors="ignore"))
    for entry in site_config()["search_unspaced_scripts"]:
        for span in entry["ranges"]:
            first, last = (int(bound, 16) for bound in span.split("-"))
            assert not any(first <= ord(c) <= last for c in held), span


def test_text_no_index_splits_is_reported_not_dropped():
    _, found, warnings = unspaced_text(PAGE.format(lang="en", body="<p>A card ເຮືອມາຮອດ and ក្រុមហ៊ុន</p>"))
    assert found == []
    assert len(warnings) == 2 and "'km'" in warnings[0] and "'lo'" in warnings[1]
    # with Pagefind's own build (no word splitting at all) Chinese is reported as well
    _, found, warnings = unspaced_text(PAGE.format(lang="en", body="<p>港口仓库</p>"), split=())
    assert found == [] and len(warnings) == 1 and "'zh'" in warnings[0]


def test_a_page_whose_text_is_in_such_a_language_is_indexed_in_it():
    """The text's language (the TEI's xml:lang on the text, else its letters' script) decides the
    page's index language when Pagefind splits it: the English title goes with it, a Thai
    quotation inside goes to Thai; a German text stays in the page's index (English stemming of
    the query, as before)."""
    text = "<h1>A letter</h1><div data-tei-region='text'><section lang='zh'><p>各位同事：本周三下午在图书馆 ท่าเรือ</p></section></div>"
    language, found, _ = unspaced_text(PAGE.format(lang="en", body=text))
    assert language == "zh" and [(r.language, r.text) for r in found] == [("th", "ท่าเรือ")]
    unmarked = "<h1>A letter</h1><div data-tei-region='text'><p>各位同事：本周三下午在图书馆 a note</p></div>"
    assert unspaced_text(PAGE.format(lang="en", body=unmarked)).language == "zh"
    german = "<h1>Ein Brief</h1><div data-tei-region='text'><section lang='de'><p>Die Kisten 港口</p></section></div>"
    assert unspaced_text(PAGE.format(lang="en", body=german))[:2] == (
        "",
        unspaced_text(PAGE.format(lang="en", body=german)).records,
    )
    assert records(german) == {"zh": "港口"}


@pytest.fixture(scope="module")
def scripts_site(tmp_path_factory):
    if not search_available():
        pytest.skip("Pagefind is not installed")
    site = tmp_path_factory.mktemp("scripts") / "site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "PAGES_PER_SHARD", 1)  # a shard a page: the language bundles of several shards
        result = CliRunner().invoke(main, ["publish", str(FIXTURES), "-o", str(site)])
    assert result.exit_code == 0, result.output
    return site, result.output


def test_the_index_holds_each_language_apart_and_reports_what_it_cannot_split(scripts_site):
    site, output = scripts_site
    layout = json.loads((site / search.SEARCH_DIR / search.SHARDS_FILE).read_text())
    languages = {other["language"] for other in layout["languages"]}
    assert languages == {"zh", "ja", "th"}
    for other in layout["languages"]:
        shard, lang = other["bundle"].split("-")
        assert int(shard) < layout["count"] and lang == other["language"]
        entry = json.loads((site / search.SEARCH_DIR / other["bundle"] / "pagefind-entry.json").read_text())
        assert list(entry["languages"]) == [lang]
    # the letter wholly in Chinese is indexed in Chinese: its shard's own bundle is empty, not searched
    zh_shard = search.shard_of("zh_letter", layout["count"])
    assert zh_shard not in layout["bundles"] and {"bundle": f"{zh_shard}-zh", "language": "zh"} in layout["languages"]
    assert "en_quotes.html" in output and "'lo'" in output  # the Lao card: reported, one line
    # the TEI's own language reaches the text it covers (the page's html lang is that of its interface)
    zh = (site / "docs" / "zh_letter.html").read_text(encoding="utf-8")
    de = (site / "docs" / "de_note.html").read_text(encoding="utf-8")
    assert 'lang="zh"' in zh and 'lang="de"' in de


def test_an_incremental_publish_keeps_and_renews_the_language_bundles(tmp_path):
    if not search_available():
        pytest.skip("Pagefind is not installed")
    site = tmp_path / "site"
    names = ["en_quotes", "de_note"]
    layout = lambda: json.loads((site / search.SEARCH_DIR / search.SHARDS_FILE).read_text())  # noqa: E731
    docs = site / "docs"
    docs.mkdir(parents=True)
    for name in names:
        assert (
            CliRunner().invoke(main, ["publish", str(FIXTURES / f"{name}.xml"), "-o", str(tmp_path / name)]).exit_code
            == 0
        )
        shutil.copy(tmp_path / name / "docs" / f"{name}.html", docs / f"{name}.html")
    search.build_search_index(site)
    before = layout()
    assert {o["language"] for o in before["languages"]} == {"zh", "ja", "th"}
    # the page no longer quotes Chinese: its shard is indexed again and its Chinese bundle goes
    page = (docs / "en_quotes.html").read_text(encoding="utf-8")
    (docs / "en_quotes.html").write_text(page.replace("港口仓库今天收到三箱茶叶", "a parcel"), encoding="utf-8")
    assert search.build_search_index(site, changed=["en_quotes"]) == [search.shard_of("en_quotes", 1)]
    assert {o["language"] for o in layout()["languages"]} == {"ja", "th"}
    assert not any(p.name.endswith("-zh") for p in (site / search.SEARCH_DIR).iterdir())
    # a language bundle's file lost: its shard is indexed again
    shard = search.shard_of("en_quotes", 1)
    shutil.rmtree(site / search.SEARCH_DIR / f"{shard}-ja")
    assert search.build_search_index(site, changed=[], shards_lost=[f"{shard}-ja"]) == [shard]
    assert (site / search.SEARCH_DIR / f"{shard}-ja" / "pagefind-entry.json").is_file()


@pytest.mark.browser
def test_a_word_inside_a_run_of_an_unspaced_script_is_found(scripts_site):
    site, _ = scripts_site
    with browsed(site) as (page, base):
        page.goto(base + "search.html")
        assert page.locator("html").get_attribute("lang") == "en"

        def found(query: str, title: str, absent: str | None = None) -> None:
            page.locator("#search input").fill(query)
            link = page.locator(".pagefind-ui__result-link", has_text=title).first
            link.wait_for(timeout=15000)
            assert link.get_attribute("href").endswith("/docs/" + FILES[title] + ".html")
            if absent:
                assert page.locator(".pagefind-ui__result-link", has_text=absent).count() == 0

        found("仓库", "quoting other scripts", absent="in Chinese")  # Chinese inside an English record
        found("茶叶", "quoting other scripts")
        # the start of a run quoted in an English record finds its page once, not once an index (F20)
        page.locator("#search input").fill("港口")
        page.locator(".pagefind-ui__result-link").first.wait_for(timeout=15000)
        page.wait_for_timeout(2500)  # every index merged has answered
        assert page.locator(".pagefind-ui__result-link", has_text="quoting other scripts").count() == 1
        found("图书馆", "in Chinese", absent="quoting other scripts")  # a document wholly in Chinese
        found("旧报纸", "in Chinese")
        found("荷物", "quoting other scripts")  # Japanese, declared on the element (foreign xml:lang)
        found("เปิด", "quoting other scripts")  # Thai
        found("clerk", "quoting other scripts")  # the English around it, as before
        found("Lagerhaus", "in German")
        # a record's title is shown, never searched: the title's words find each page once
        page.locator("#search input").fill("quoting")
        page.locator(".pagefind-ui__message", has_text="1 result").wait_for(timeout=15000)
        page.locator("#search input").fill("读书会")
        page.locator(".pagefind-ui__result-link", has_text="in Chinese").first.wait_for(timeout=15000)
        # opened from a file, the search page still says how to serve the site
        page.goto((site / "search.html").as_uri())
        page.locator("#search-unavailable").wait_for(state="visible", timeout=15000)


FILES = {
    "quoting other scripts": "en_quotes",
    "in Chinese": "zh_letter",
    "in German": "de_note",
}
