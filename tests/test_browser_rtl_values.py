"""A right-to-left interface in a real browser (headless Chromium; issue 15, F17): the values of the
document's panels (dd) are indented and aligned on the page's start side, the right, also when their
own words run left to right (dir="auto": an English archive name on an Arabic page); a left-to-right
page keeps them on the left."""

import json

import pytest
from click.testing import CliRunner
from conftest import ROOT, browsed

from tei_encoder.cli import main

pytestmark = pytest.mark.browser

TEI = ROOT / "tests" / "fixtures" / "tei" / "header_letter.xml"

# for each value of the essentials box: the room between the list's edges and the value's words
GAPS = """() => [...document.querySelectorAll('section.essentials dd')].map(dd => {
    const list = dd.parentElement.getBoundingClientRect(), range = document.createRange();
    range.selectNodeContents(dd);
    const words = range.getBoundingClientRect();
    return [Math.round(words.left - list.left), Math.round(list.right - words.right)];
})"""


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_panel_values_are_indented_on_the_pages_start_side(tmp_path, lang):
    edition = tmp_path / "edition"
    edition.mkdir()
    (edition / "strings.json").write_text(json.dumps({"lang": lang}), encoding="utf-8")
    site = tmp_path / "site"
    result = CliRunner().invoke(main, ["publish", str(TEI), "-o", str(site), "--no-search", "--xslt", str(edition)])
    assert result.exit_code == 0, result.output
    with browsed(site) as (page, _):
        page.set_viewport_size({"width": 360, "height": 900})
        page.goto((site / "docs" / "header_letter.html").as_uri())
        gaps = page.evaluate(GAPS)
    assert len(gaps) >= 2
    for start_gap, end_gap in gaps:
        if lang == "ar":  # the start is the right: the words end there, one indentation away
            start_gap, end_gap = end_gap, start_gap
        assert 30 <= start_gap <= 50, gaps
        assert end_gap >= 0, gaps
