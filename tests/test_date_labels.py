"""The hover of a span or bounds in the text (#15, publish speed): worded once per value in Python
(sitemap.DateLabels) for the shipped stylesheets, as xslt/ui.xsl f:date-label words it. Proved
here against the stylesheet itself for every kind of readable value, with the shipped strings and
with an edition's constructed translation; an edition's own stylesheets word dates themselves."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tei_encoder import plurals, sitemap
from tei_encoder.config import project_dir
from tei_encoder.publish import Publisher, _saxon_processor, ui_strings

NS = "http://www.tei-c.org/ns/1.0"
ONE = ["1962", "0044", "0999", "1962-03", "0044-11", "1962-10-03", "0001-01-01", "2000-02-29", "1962-12-31",
       "-0044", "-0001-02", "-0044-03-15", "-0001-02-29", "9999-12-31"]  # fmt: skip
VALUES = [v for a in ONE for b in ("1963", "1962-10-05", "1962-12-30", "-0010") for v in (f"{a}/{b}", f"{a}..{b}")] + [
    f"{a}/" for a in ONE] + [f"/{a}" for a in ONE] + [f"{a}.." for a in ONE] + [f"..{a}" for a in ONE]  # fmt: skip
# an edition's translation: other word order, a placeholder it does not fill, braces in its words
TRANSLATED = {"months": [f"m{i}{{x}}" for i in range(1, 13)], "date-day": "{year}.{month}.{day}}",
              "date-month": "{month}/{unknown}/{year", "date-bce": "{year} v. Chr. {}", "date-range": "{to} <- {from}",
              "date-from": "ab {from}{", "date-to": "bis {to}", "date-between": "{from}{to}{from}",
              "date-not-before": "{{from}}", "date-not-after": "nach {to"}  # fmt: skip


def _stylesheet_labels(strings: dict, values: list[str]) -> list[str]:
    strings = dict(strings, **{"plural-categories": list(plurals.categories(strings["lang"]))})
    proc = _saxon_processor()
    xsl = f"""<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
      xmlns:f="urn:tei-encoder:functions"><xsl:import href="{(project_dir("xslt") / "document.xsl").as_uri()}"/>
      <xsl:output method="text"/><xsl:param name="values"/><xsl:template name="labels"><xsl:value-of
      select="json-to-xml('[]') ! serialize(array {{ tokenize($values, ' ') ! f:date-label(.) }}, map {{'method': 'json'}})"/>
      </xsl:template></xsl:stylesheet>"""
    executable = proc.new_xslt30_processor().compile_stylesheet(stylesheet_text=xsl)
    executable.set_parameter("site", proc.make_string_value(""))
    executable.set_parameter("ui-strings", proc.make_string_value(json.dumps(strings)))
    executable.set_parameter("values", proc.make_string_value(" ".join(values)))
    return json.loads(executable.call_template_returning_string("labels"))


@pytest.mark.parametrize("translated", [False, True])
def test_python_words_every_kind_of_span_and_bounds_as_the_stylesheet_does(translated):
    strings = dict(ui_strings(None), **(TRANSLATED if translated else {}))
    values = [v for v in VALUES if sitemap.readable(v)]
    assert len(values) > 100
    labels = sitemap.DateLabels(strings)
    assert [labels(v) for v in values] == _stylesheet_labels(strings, values)


def test_strings_of_another_kind_are_left_to_the_stylesheet():
    assert sitemap.DateLabels(dict(ui_strings(None), months="January"))("1962/1963") is None
    assert sitemap.DateLabels(dict(ui_strings(None), **{"date-range": ["{from}"]}))("1962/1963") is None


def _page(publisher: Publisher) -> bytes:
    tei = f"""<TEI xmlns="{NS}"><teiHeader><fileDesc><titleStmt><title>Quay</title></titleStmt>
<publicationStmt><p>Constructed</p></publicationStmt><sourceDesc><p>Constructed</p></sourceDesc></fileDesc></teiHeader>
<text><body><p>Repairs <date notBefore="1962-03-02" notAfter="1962-05">in spring</date>.</p></body></text></TEI>"""
    return publisher.render_document(tei.encode(), "quay")[0]


def test_the_page_takes_the_python_words_and_an_edition_s_stylesheets_their_own(tmp_path: Path):
    shipped = Publisher()
    assert shipped._date_labels is not None
    assert b'title="between 2 March 1962 and May 1962">in spring' in _page(shipped)
    shipped._date_labels.known["1962-03-02..1962-05"] = "worded in Python"
    assert b'title="worded in Python">in spring' in _page(shipped)
    # an edition's stylesheets (--xslt) may word dates their own way: no label is made for them
    xslt = tmp_path / "xslt"
    xslt.mkdir()
    for f in project_dir("xslt").iterdir():
        if f.is_file():
            (xslt / f.name).write_bytes(f.read_bytes())
    ui = (xslt / "ui.xsl").read_text(encoding="utf-8")
    (xslt / "ui.xsl").write_text(ui.replace("'date-between'", "'date-range'", 1), encoding="utf-8")
    assert ui.count("'date-between'") == 1
    own = Publisher(xslt_dir=xslt)
    assert own._date_labels is None
    assert b'title="2 March 1962 \xe2\x80\x93 May 1962">in spring' in _page(own)
