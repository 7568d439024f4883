"""The record-format seam: a second format (`formats/plain.json` + `parse/plain_header.py`) encodes
records of another layout with the same body parser, enrichment and writer."""

from pathlib import Path

from click.testing import CliRunner
from conftest import AUTHORITY, tree_of, xp

from tei_encoder.cli import main
from tei_encoder.config import DEFAULT_FORMAT, format_names, format_summaries, record_format
from tei_encoder.pipeline import EncodeSettings, encode_record
from tei_encoder.validate import Validator

PLAIN = EncodeSettings(authority=(AUTHORITY,), change_date="2026-01-01", record_format="plain")
RECORD = """Notes on a Visit to the Harbour Works
12 March 1958

The delegation reached Havana in the morning and was received by Fidel Castro at noon.

1. The works on the northern quay are two months behind.

2. A second visit is planned for May.
"""


def test_both_formats_are_known():
    assert {"wcda", "plain"} <= set(format_names())


def test_record_format_help_lists_the_formats_folder():
    """--record-format's help is made from formats/*.json (each file's summary), not written by hand."""
    summaries = format_summaries()
    assert list(summaries) == format_names() and all(summaries.values())
    shown = " ".join(CliRunner().invoke(main, ["encode", "--help"]).output.split())
    for name, summary in summaries.items():
        assert f"{name}: {summary}" in shown
    assert f"[default: {DEFAULT_FORMAT}]" in shown and DEFAULT_FORMAT in summaries
    assert record_format("plain").publisher == ""
    # the plain format takes the document vocabularies of the one it extends
    assert record_format("plain").classification_marks == record_format("wcda").classification_marks


def plain_harbour(folder: Path):
    """RECORD encoded in the plain format (as harbour.txt in `folder`)."""
    path = folder / "harbour.txt"
    path.write_text(RECORD, encoding="utf-8")
    return encode_record(path, PLAIN)


def tei_all_inputs(folder: Path) -> list[Path]:
    """The plain record's TEI, for the session's one tei_all run."""
    out = folder / "harbour.xml"
    out.write_bytes(plain_harbour(folder).tei)
    return [out]


def test_plain_record_gives_valid_tei(tmp_path, tei_all_verdicts):
    result = plain_harbour(tmp_path)
    tree = tree_of(result)
    assert xp(tree, "string(//t:titleStmt/t:title)") == "Notes on a Visit to the Harbour Works"
    assert xp(tree, "string(//t:creation/t:date/@when)") == "1958-03-12"
    assert xp(tree, "count(//t:publisher)") == 0
    assert xp(tree, "normalize-space(//t:publicationStmt/t:p)") != ""
    assert xp(tree, "count(//t:body//t:div[@type='section'])") == 2
    assert xp(tree, "//t:body//t:persName/@ref") == ["#castro-fidel"]
    assert xp(tree, "string(/t:TEI/@xml:id)") == "rec-harbour"
    out = tmp_path / "harbour.xml"
    out.write_bytes(result.tei)
    assert [d.text() for d in Validator().check_files([out]) if d.severity == "error"] == []
    # the session's tei_all run checked this very output
    [checked] = tei_all_verdicts.files("test_formats")
    assert checked.read_bytes() == result.tei
    assert tei_all_verdicts.errors(checked) == []


def test_plain_record_without_date_warns(tmp_path):
    path = tmp_path / "undated.txt"
    path.write_text("A Note Without a Date\n\nThe text of the note.\n", encoding="utf-8")
    result = encode_record(path, PLAIN)
    assert result.ok
    assert any("no date line" in w for w in result.warnings)


def test_unknown_format_is_one_usage_error(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(RECORD, encoding="utf-8")
    result = CliRunner().invoke(main, ["encode", "--record-format", "nosuch", str(path)])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "tei-encoder: error: unknown record format 'nosuch'; known formats: plain, wcda"
    ]


def test_cli_encodes_with_the_plain_format(tmp_path):
    path = tmp_path / "harbour.txt"
    path.write_text(RECORD, encoding="utf-8")
    result = CliRunner().invoke(main, ["encode", "--record-format", "plain", "--date", "2026-01-01", str(path)])
    assert result.exit_code == 0, result.output
    assert '<title type="main">Notes on a Visit to the Harbour Works</title>' in result.output


def test_the_recogniser_takes_the_formats_titles_as_a_value(tmp_path):
    """A format's person_titles reach the recogniser through the pipeline (it never reads the format)."""
    from conftest import record

    from tei_encoder.enrich import enrich
    from tei_encoder.parse import parse_record
    from tei_encoder.pipeline import recognizer
    from tei_encoder.read import read_record

    path = tmp_path / "r.txt"
    path.write_text(record("The visit was approved by Harbourmaster Zellwig on the quay."), encoding="utf-8")

    def persons(titles):
        doc = enrich(parse_record(read_record(path, None)), recognizer((AUTHORITY,), False, titles))
        return [n.text() for n in doc.body.iter() if n.tag == "persName"]

    assert persons(("Harbourmaster",)) == ["Zellwig"]
    assert persons(()) == []
