"""Session 14, fixer V1: validation messages — line numbers of files with CR or CRLF line ends (XML 1.0
section 2.11), one file's problems in line order and each once, every problem of an edition's strings.json
in one run. Constructed files only."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner
from conftest import SEED, SETTINGS

from tei_encoder.cli import main
from tei_encoder.pipeline import encode_record
from tei_encoder.publish import PublishError, ui_strings
from tei_encoder.validate import Diagnostic

# foreign TEI (checked against tei_all): an element tei_all has not on line 6, an xml:id on lines 7 and 8
FOREIGN = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
<teiHeader><fileDesc><titleStmt><title>T</title></titleStmt><publicationStmt><p>P</p></publicationStmt><sourceDesc><p>S</p></sourceDesc></fileDesc></teiHeader>
<text><body>
<p>one</p>
<p><bogus/>two</p>
<p xml:id="a">x</p>
<p xml:id="a">y</p>
</body></text>
</TEI>
"""
LINE_ENDS = {"lf": "\n", "cr": "\r", "crlf": "\r\n"}


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def _lines_in_every_format(path) -> dict[str, list[int]]:
    """The line of each problem the report gives, in each report format."""
    text = run("validate", path).output
    found = {"text": [int(m) for m in re.findall(rf"^{re.escape(str(path))}:(\d+):\d+:", text, re.M)]}
    report = json.loads(run("validate", path, "--format", "json").stdout)
    found["json"] = [p["line"] for f in report["files"] for p in f["problems"]]
    github = run("validate", path, "--format", "github").output
    found["github"] = [int(m) for m in re.findall(r"^::\w+ file=[^,]*,line=(\d+),", github, re.M)]
    junit = run("validate", path, "--format", "junit").output
    found["junit"] = [int(m) for m in re.findall(rf"{re.escape(path.name)}:(\d+):\d+:", junit)]
    return found


@pytest.mark.parametrize("ending", ["cr", "crlf"])
def test_foreign_tei_with_cr_or_crlf_line_ends_is_told_at_the_lines_an_editor_sees(tmp_path, ending):
    lf = tmp_path / "lf.xml"
    lf.write_bytes(FOREIGN.encode("utf-8"))
    other = tmp_path / f"{ending}.xml"
    other.write_bytes(FOREIGN.replace("\n", LINE_ENDS[ending]).encode("utf-8"))
    expected = _lines_in_every_format(lf)
    assert 6 in expected["text"] and 8 in expected["text"], expected
    assert _lines_in_every_format(other) == expected


@pytest.mark.parametrize("ending", ["cr", "crlf"])
def test_our_own_checks_give_the_lines_of_a_cr_file(tmp_path, ending):
    tei = encode_record(SEED, SETTINGS).tei.decode("utf-8")
    # a date the calendar has not, on a line of its own well into the file
    broken = re.sub(r'when="\d{4}-\d\d-\d\d"', 'when="1961-02-30"', tei, count=1)
    line = broken[: broken.index('when="1961-02-30"')].count("\n") + 1
    assert line > 5
    path = tmp_path / "ours.xml"
    path.write_bytes(broken.replace("\n", LINE_ENDS[ending]).encode("utf-8"))
    for report_format, lines in _lines_in_every_format(path).items():
        assert lines and set(lines) == {line}, (report_format, lines)


def test_xml_line_ends_is_xmls_end_of_line_handling():
    from tei_encoder.xmlsafe import xml_line_ends

    assert xml_line_ends(b"<a>\r\n<b/>\r<c/>\n</a>") == b"<a>\n<b/>\n<c/>\n</a>"
    data = b"<a/>\n"
    assert xml_line_ends(data) is data
    utf16 = "\ufeff<a>\r\n<b/>\r</a>".encode("utf-16-le")
    assert xml_line_ends(utf16) == "\ufeff<a>\n<b/>\n</a>".encode("utf-16-le")


def test_one_files_problems_are_in_line_order_and_a_duplicate_id_is_told_once(tmp_path):
    path = tmp_path / "dup.xml"
    path.write_bytes(FOREIGN.encode("utf-8"))
    report = json.loads(run("validate", path, "--format", "json").stdout)
    problems = [p for f in report["files"] for p in f["problems"]]
    places = [(p["line"], p["column"]) for p in problems]
    assert places == sorted(places), places
    said = [p for p in problems if p["line"] == 8 and re.search(r"\bxml:id\b|\bID\b", p["message"])]
    assert len(said) == 1 and said[0]["severity"] == "error", said
    assert "rename one of them" in said[0]["message"] and "does not check it" not in said[0]["message"]


def test_in_report_order_keeps_problems_at_other_places_and_file_level_first():
    from tei_encoder.validate import in_report_order

    ours = Diagnostic("f", 10, 37, "warning", "duplicate xml:id 'x': every xml:id must be unique (tei_all ...)")
    jing = Diagnostic("f", 10, 38, "error", 'ID "x" has already been defined', source="rng")
    first = Diagnostic("f", 9, 5, "error", 'first occurrence of ID "x"', source="rng")
    whole = Diagnostic("f", 0, 0, "error", "not checked: reasons")
    other_id = Diagnostic("f", 10, 50, "error", 'ID "y" has already been defined', source="rng")
    ordered = in_report_order([ours, jing, first, whole, other_id])
    assert [d.line for d in ordered] == [0, 10, 10]  # jing's first occurrence is named in the one message
    merged = ordered[1]
    assert merged.severity == "error" and merged.message.startswith("duplicate xml:id 'x', first at line 9")
    assert ordered[2] == other_id


def test_every_problem_of_an_editions_strings_is_told_in_one_run(tmp_path):
    (tmp_path / "strings.json").write_text(
        json.dumps({"docs-one": "{nn} Dokument", "lang": "de DE", "no-such-string": "x"}), encoding="utf-8"
    )
    with pytest.raises(PublishError) as raised:
        ui_strings(tmp_path)
    told = str(raised.value)
    assert "\n" not in told and told.startswith(str(tmp_path / "strings.json") + ": "), told
    assert "docs-one: unknown placeholder {nn}" in told and "lang: 'de DE' is not a language tag" in told
    assert "1 unknown UI string: no-such-string" in told
