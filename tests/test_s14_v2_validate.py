"""Session 14, fixer V2: validation messages for CI — a repeated xml:id is one problem (an error) whose
message names both lines, in every report format. Constructed files only."""

from __future__ import annotations

import json
import re

from click.testing import CliRunner

from tei_encoder.cli import main
from tei_encoder.validate import Diagnostic, in_report_order

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
