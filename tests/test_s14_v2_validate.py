"""Session 14, fixer V2: validation messages for CI — a repeated xml:id is one problem (an error) whose
message names both lines, in every report format; jing's columns on lines after a lone CR are those of
the same line after LF. Constructed files only."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from click.testing import CliRunner

from tei_encoder.cli import main
from tei_encoder.validate import Diagnostic, in_report_order
from tei_encoder.xmlsafe import lines_after_lone_cr

# foreign TEI (checked against tei_all): the xml:id "k" is defined on line 5 and again on line 7
REPEATED_ID = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
<teiHeader><fileDesc><titleStmt><title>T</title></titleStmt><publicationStmt><p>P</p></publicationStmt><sourceDesc><p>S</p></sourceDesc></fileDesc></teiHeader>
<text><body>
<p xml:id="k">first</p>
<p>between</p>
<p xml:id="k">second</p>
</body></text>
</TEI>
"""


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_a_repeated_xml_id_is_one_error_naming_both_lines_in_every_format(tmp_path):
    path = tmp_path / "repeated id.xml"
    path.write_bytes(REPEATED_ID.encode("utf-8"))
    for report_format in ("text", "json", "junit", "github"):
        result = run("validate", "--profile", "tei-all", "--format", report_format, path)
        told = result.output
        assert result.exit_code == 1, (report_format, told)
        assert "first occurrence" not in told, (report_format, told)
        if report_format == "json":
            problems = [p for f in json.loads(result.stdout)["files"] for p in f["problems"]]
            assert len(problems) == 1, problems
            assert problems[0]["severity"] == "error" and problems[0]["line"] == 7, problems
            assert "first at line 5" in problems[0]["message"], problems
        else:
            said = re.findall(r"duplicate xml:id 'k'[^\n\"<]*", told)
            said = said if report_format != "junit" else said[1:]  # junit: the failure's message, then its text
            assert len(said) == 1 and "first at line 5" in said[0], (report_format, told)
            assert "warning" not in said[0] and "does not check it" not in said[0], (report_format, told)


def test_jings_first_occurrence_is_merged_into_the_duplicate_message():
    ours = Diagnostic("f", 10, 37, "error", "duplicate xml:id 'x': every xml:id must be unique; rename one of them")
    jing = Diagnostic("f", 10, 38, "error", 'ID "x" has already been defined', source="rng")
    first = Diagnostic("f", 4, 5, "error", 'first occurrence of ID "x"', source="rng")
    ordered = in_report_order([first, ours, jing])
    assert len(ordered) == 1 and ordered[0].line == 10, ordered
    assert ordered[0].message.startswith("duplicate xml:id 'x', first at line 4: "), ordered
    # jing alone (no check of ours said it): still one message, naming both lines
    alone = in_report_order([first, jing])
    assert [d.message for d in alone] == ['ID "x" has already been defined, first at line 4'], alone
    # a first occurrence whose repetition is not reported is kept, as said
    assert in_report_order([first]) == [first]


# elements tei_all has not on lines 5 (two) and 6, at different columns
UNKNOWN_ELEMENTS = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
<teiHeader><fileDesc><titleStmt><title>T</title></titleStmt><publicationStmt><p>P</p></publicationStmt><sourceDesc><p>S</p></sourceDesc></fileDesc></teiHeader>
<text><body>
<p><nosuch/>x</p><p>a<nothing/></p>
<p>  <neither a="1"/></p></body></text>
</TEI>
"""


def _places(path) -> dict[str, list[tuple[int, int]]]:
    """(line, column) of each problem, in each report format."""
    base = ["validate", "--profile", "tei-all", path]
    text = run(*base).output
    found = {"text": [(int(a), int(b)) for a, b in re.findall(r"^[^\n]*?\.xml:(\d+):(\d+):", text, re.M)]}
    report = json.loads(run(*base, "--format", "json").stdout)
    found["json"] = [(p["line"], p["column"]) for f in report["files"] for p in f["problems"]]
    github = run(*base, "--format", "github").output
    found["github"] = [(int(a), int(b)) for a, b in re.findall(r"^::\w+ file=[^,]*,line=(\d+),col=(\d+)", github, re.M)]
    return found


@pytest.mark.skipif(shutil.which("jing") is None, reason="jing is not installed")
@pytest.mark.parametrize("ending", ["cr", "cr-before-line-5", "utf-16-cr"])
def test_jings_columns_after_a_lone_cr_are_those_after_lf(tmp_path, ending):
    lf = tmp_path / "lf.xml"
    lf.write_bytes(UNKNOWN_ELEMENTS.encode("utf-8"))
    other = tmp_path / "other.xml"
    if ending == "cr":
        other.write_bytes(UNKNOWN_ELEMENTS.replace("\n", "\r").encode("utf-8"))
    elif ending == "cr-before-line-5":
        head, tail = UNKNOWN_ELEMENTS.split("\n<p><nosuch/>")
        other.write_bytes((head + "\r<p><nosuch/>" + tail).encode("utf-8"))
    else:
        text = UNKNOWN_ELEMENTS.replace('encoding="UTF-8"', 'encoding="UTF-16"').replace("\n", "\r")
        other.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    expected = _places(lf)
    assert all(len(places) == 3 for places in expected.values()), expected
    assert _places(other) == expected


def test_lines_after_lone_cr():
    assert lines_after_lone_cr(b"<a>\n<b/>\r\n<c/>\n</a>") == frozenset()
    assert lines_after_lone_cr(b"<a>\r<b/>\r\n<c/>\r</a>\r") == {2, 4, 5}
    assert lines_after_lone_cr(b"\xff\xfe" + "<a>\r\n<b/>\r</a>".encode("utf-16-le")) == {3}
    assert lines_after_lone_cr("<a>\r</a>".encode("utf-32")) == frozenset()  # left as it is
