"""Publishing stays fast (issue #15's speed clause, fixer P17): the key of editorial signs looks
into the text once for the names of its elements, and again only for a name it has, with the
same rows as a result. Every input is constructed here, in our own words."""

from test_site_s14_kinds import page, publish, tei


def key_rows(tmp_path, body: str, abstract: str = "") -> list[str]:
    site, _ = publish(tmp_path, {"doc": tei(body, abstract=abstract)})
    return [dt[0].get("class") for dt in page(site, "docs/doc.html").xpath("//section[@class='key']//dl/dt")]


def test_signs_that_stand_only_in_a_choice_or_unmarked_are_not_keyed(tmp_path):
    # sic, abbr and expan inside a choice are the choice's (its key row, no sign of their own); a
    # line break inside no word and a note that is no footnote give no row either
    body = (
        "<p>The <choice><sic>pearr</sic><corr>pear</corr></choice> and the <choice><abbr>appr.</abbr>"
        "<expan>apple trees</expan></choice> were counted<lb/> at dawn.</p>"
    )
    assert key_rows(tmp_path, body) == ["corrected", "rdg-ref"]


def test_signs_standing_alone_or_only_in_the_abstract_are_keyed_once(tmp_path):
    # the same sign outside a choice (once inside one, once outside) is keyed once; the abstract's
    # signs are keyed as the text's; every gap omitted gives the omitted gap's row
    body = (
        "<p>The <choice><abbr>appr.</abbr><expan>apple trees</expan></choice> and <abbr>ca.</abbr>"
        " <expan>forty</expan> rows <gap reason='omitted'/> of pear<lb break='no'/>wood.</p>"
    )
    rows = key_rows(tmp_path, body, abstract="A <sic>shrot</sic> summary with <unclear>seven</unclear> rows.")
    assert rows == ["ed", "ed", "rdg-ref", "ed-sign ed-unclear", "ed-sign ed-expan", "ed-sign ed-abbr", "lb-sign"]
