"""Validation: deliberately broken TEI gives the exact message, line and exit code."""

import json
import re

import pytest
from click.testing import CliRunner
from conftest import AUTHORITY, SEED, SETTINGS
from lxml import etree

from tei_encoder.cli import main
from tei_encoder.pipeline import encode_record


@pytest.fixture(scope="module")
def seed_xml() -> str:
    return encode_record(SEED, SETTINGS).tei.decode("utf-8")


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def validate(tmp_path, text: str, *args):
    path = tmp_path / "doc.xml"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(path), *args])
    return path, result


def test_valid_seed(tmp_path, seed_xml):
    _, result = validate(tmp_path, seed_xml)
    assert result.exit_code == 0
    assert "1 file: 1 valid, 0 invalid; 0 errors" in result.output


def test_wrong_nesting(tmp_path, seed_xml):
    broken = seed_xml.replace('<body>\n      <div type="document">', '<body>\n      <p>stray</p><div type="document">')
    path, result = validate(tmp_path, broken)
    line = line_of(broken, "<p>stray</p>")
    assert result.exit_code == 1
    assert (
        f"{path}:{line}:7: error: Unexpected child with tag 'tei:p' at position 1. Tag 'tei:div' expected. [/TEI/text/body/p]"
        in result.output
    )


def test_missing_header_part(tmp_path, seed_xml):
    broken = seed_xml.replace("<publisher>Wilson Center Digital Archive</publisher>", "")
    path, result = validate(tmp_path, broken)
    assert result.exit_code == 1
    line = line_of(broken, '<idno type="URL">')
    assert (
        f"{path}:{line}:9: error: Unexpected child with tag 'tei:idno' at position 1. Tag ('tei:publisher' | 'tei:p') expected."
        in result.output
    )


@pytest.mark.parametrize(
    "found, broken, message",
    [
        (
            '<date when="1961-04-26">',
            '<date when="1961-02-30">',
            "error: attribute when='1961-02-30': invalid value '1961-02-30'",
        ),
        (
            'ref="#roa-raul"',
            'ref="#nobody"',
            'error: @ref="#nobody" points to no entry: add an element with xml:id="nobody" to the standOff (or fix the reference).',
        ),
        (
            'resp="#translator"',
            'resp="#nobody"',
            'error: @resp="#nobody" points to no respStmt: give the responsible respStmt xml:id="nobody".',
        ),
    ],
    ids=["impossible-date", "dangling-ref", "dangling-resp"],
)
def test_error_names_the_line_and_the_fix(tmp_path, seed_xml, found, broken, message):
    text = seed_xml.replace(found, broken, 1)
    path, result = validate(tmp_path, text)
    assert result.exit_code == 1
    assert f"{path}:{line_of(text, broken)}:" in result.output
    assert message in result.output


def test_unmentioned_entry_is_a_warning(tmp_path, seed_xml):
    extra = '<person xml:id="nobody-mentioned"><persName type="preferred">No One</persName></person>'
    broken = seed_xml.replace("<listPerson>", "<listPerson>" + extra, 1)
    _, result = validate(tmp_path, broken)
    assert result.exit_code == 0  # warnings do not fail a build
    assert 'warning: standOff entry "nobody-mentioned" is not mentioned in the document: remove it.' in result.output


def test_rules_with_attribute_contexts_still_fire(tmp_path, seed_xml):
    """The lean rule compilation skips attributes only when no rule context can match one."""
    from tei_encoder.validate import Validator

    rules = tmp_path / "attr.sch"
    rules.write_text(
        '<sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt">'
        '<sch:ns prefix="tei" uri="http://www.tei-c.org/ns/1.0"/>'
        '<sch:pattern><sch:rule context="tei:date/@when">'
        "<sch:assert test=\"starts-with(., '19')\">year outside the 20th century</sch:assert>"
        "</sch:rule></sch:pattern></sch:schema>",
        encoding="utf-8",
    )
    validator = Validator(xsd=False, rules=rules)
    doc = tmp_path / "doc.xml"
    doc.write_text(seed_xml.replace('<date when="1961-04-26">', '<date when="2061-04-26">', 1), encoding="utf-8")
    problems = validator.check_file(doc)
    assert [p.message for p in problems] == ["year outside the 20th century"]
    doc.write_text(seed_xml, encoding="utf-8")
    assert validator.check_file(doc) == []


def test_duplicate_id(tmp_path, seed_xml):
    broken = seed_xml.replace('<place xml:id="bolivia">', '<place xml:id="cuba">')
    path, result = validate(tmp_path, broken)
    assert result.exit_code == 1
    line = broken[: broken.rindex('<place xml:id="cuba"')].count("\n") + 1  # the second one is the duplicate
    assert (
        f"{path}:{line}:27: error: duplicate xml:id 'cuba': every xml:id must be unique; rename one of them"
        in result.output
    )


@pytest.mark.parametrize(
    "found, broken, message",
    [
        (
            'when="1961-08"',  # a month named alone is the month itself (issue 12)
            'notBefore="1961-09-01" notAfter="1961-08-31"',
            'error: @notBefore="1961-09-01" is after @notAfter="1961-08-31": swap them.',
        ),
        ("<p><label>2.</label>", "<p/><p><label>2.</label>", "error: empty p: remove it or give it its text."),
    ],
    ids=["dates-out-of-order", "empty-paragraph"],
)
def test_rule_error_says_the_fix(tmp_path, seed_xml, found, broken, message):
    _, result = validate(tmp_path, seed_xml.replace(found, broken))
    assert result.exit_code == 1
    assert message in result.output


def test_malformed_xml(tmp_path):
    path, result = validate(tmp_path, "<TEI xmlns='http://www.tei-c.org/ns/1.0'>\n<teiHeader>\n</TEI>\n")
    assert result.exit_code == 1
    assert f"{path}:3:" in result.output and "error: not well-formed XML:" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE TEI [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
        '<!DOCTYPE TEI [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>',
    ],
)
def test_entity_attacks_are_refused(tmp_path, seed_xml, doctype):
    body = seed_xml.split("\n", 1)[1].replace("<resp>Translation</resp>", "<resp>&xxe;&c;</resp>")
    path, result = validate(tmp_path, f"<?xml version='1.0'?>\n{doctype}\n{body}")
    assert result.exit_code == 1
    assert "refused: the file declares a DOCTYPE" in result.output or "not well-formed" in result.output
    assert "root:" not in result.output


def test_unreadable_input_is_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "nope.xml")])
    assert result.exit_code == 2 and "no such file" in result.output


def test_report_formats(tmp_path, seed_xml):
    broken = seed_xml.replace('ref="#roa-raul"', 'ref="#nobody"')
    path = tmp_path / "doc.xml"
    path.write_text(broken, encoding="utf-8")
    runner = CliRunner()
    data = json.loads(runner.invoke(main, ["validate", str(path), "--format", "json"]).stdout)
    assert data["errors"] == 1 and data["files"][0]["valid"] is False
    error = next(p for p in data["files"][0]["problems"] if p["severity"] == "error")
    assert error["line"] == line_of(broken, 'ref="#nobody"') and error["source"] == "rules"
    gh = runner.invoke(main, ["validate", str(path), "--format", "github"]).stdout
    line = line_of(broken, 'ref="#nobody"')
    assert f"::error file={path},line={line},col=" in gh
    report = tmp_path / "junit.xml"
    result = runner.invoke(main, ["validate", str(path), "--format", "junit", "--report", str(report)])
    assert result.exit_code == 1
    suite = etree.parse(str(report)).getroot()[0]
    assert suite.get("tests") == "1" and suite.get("failures") == "1"
    assert "points to no entry" in suite.find("testcase/failure").text


def test_rng_option_with_tei_all(tmp_path, seed_xml, tei_all):
    broken = seed_xml.replace('<seg type="copy">', '<seg typo="copy">')
    path, result = validate(tmp_path, broken, "--rng", str(tei_all.path), "--no-rules")
    assert result.exit_code == 1
    assert 'error: attribute "typo" not allowed here' in result.output


def test_build_refuses_invalid_output(tmp_path, monkeypatch):
    """build validates what it encodes: a writer bug would fail the build, not ship invalid TEI."""
    import tei_encoder.build as build_module

    real = build_module.encode_record

    def corrupting(path, settings, **options):
        from tei_encoder.write import serialize

        result = real(path, settings, **options)
        result.tree.find(".//{http://www.tei-c.org/ns/1.0}div").set("type", "chapter")
        result.tei = serialize(result.tree)
        return result

    monkeypatch.setattr(build_module, "encode_record", corrupting)
    from conftest import CORPUS

    result = CliRunner().invoke(main, ["build", str(CORPUS), "-o", str(tmp_path / "b")])
    assert result.exit_code == 1
    assert "encoded TEI is invalid" in result.output
    assert not (tmp_path / "b" / "tei" / "000_6c3a4dfe0217feee.xml").exists()


def test_encode_record_never_returns_tei_invalid_against_the_project_schema(tmp_path, monkeypatch):
    """The guarantee holds at the API, not only in the commands: a writer bug makes encode_record
    return an error (no TEI), and every command that encodes reports it; check=False hands the
    check to the caller (build, which checks only TEI that changed)."""
    import tei_encoder.pipeline as pipeline

    real = pipeline.tei_tree

    def corrupting(doc, change_date):
        root = real(doc, change_date)
        root.find(".//{http://www.tei-c.org/ns/1.0}div").set("type", "chapter")
        return root

    monkeypatch.setattr(pipeline, "tei_tree", corrupting)
    refused = pipeline.encode_record(SEED, SETTINGS)
    assert refused.tei is None and refused.tree is None and not refused.ok
    assert refused.error.startswith("encoded TEI is invalid against the project schema, not written")
    assert re.search(r": line \d+: .*chapter", refused.error), refused.error
    unchecked = pipeline.encode_record(SEED, SETTINGS, check=False)
    assert unchecked.ok and b'type="chapter"' in unchecked.tei
    for command in (["encode", str(SEED), "-o", str(tmp_path / "one.xml")], ["entities", str(SEED)]):
        result = CliRunner().invoke(main, [*command, "--authority", str(AUTHORITY)])
        assert result.exit_code == 1 and "invalid against the project schema" in result.output, (command, result.output)
    assert not (tmp_path / "one.xml").exists()


def test_an_edited_schema_explains_with_its_new_rules(tmp_path):
    """xmlschema's view of an XSD is compiled once per process and file version: after an edit, a new
    Validator explains problems by the edited schema, never by the version it compiled before."""
    from tei_encoder.validate import Validator

    xsd, doc = tmp_path / "one.xsd", tmp_path / "doc.xml"
    shape = (
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.tei-c.org/ns/1.0"'
        ' elementFormDefault="qualified"><xs:element name="TEI"><xs:complexType><xs:sequence>'
        '<xs:element name="{child}" type="xs:string"/></xs:sequence></xs:complexType></xs:element></xs:schema>'
    )
    doc.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><ab>text</ab></TEI>', encoding="utf-8")
    said = []
    for child in ("p", "seg"):
        xsd.write_text(shape.format(child=child), encoding="utf-8")
        problems = Validator(xsd=xsd, rules=False).check_file(doc)
        said.append(" ".join(p.message for p in problems))
    assert "'tei:p' expected" in said[0] and "'tei:seg' expected" in said[1], said


# -- report paths: CI reads them relative to the repository, not to where validate ran --


def _one_error(path: str) -> list:
    from tei_encoder.validate import Diagnostic

    return [Diagnostic(path, 3, 5, "error", "bad", source="rules")]


def _annotation_and_case(path: str, cwd, monkeypatch) -> tuple[str, str]:
    from tei_encoder.reports import render

    monkeypatch.chdir(cwd)
    github = render(_one_error(path), [path], "github")
    case = etree.fromstring(render(_one_error(path), [path], "junit").encode()).find(".//testcase")
    return github.split(",line=")[0].removeprefix("::error file="), case.get("file")


def test_ci_report_paths_are_relative_to_the_git_work_tree(tmp_path, monkeypatch):
    """Run from a subfolder of a repository (or with an absolute path, or from outside it), a
    file is annotated by its path in the repository: GitHub drops annotations whose path it
    cannot find in the checkout (before: relative to the current folder, `tei/doc.xml`)."""
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    repo = tmp_path / "edition"
    (repo / ".git").mkdir(parents=True)
    (repo / "site" / "tei").mkdir(parents=True)
    (repo / "site" / "tei" / "doc.xml").write_text("<TEI/>")
    expected = ("site/tei/doc.xml", "site/tei/doc.xml")
    assert _annotation_and_case("tei/doc.xml", repo / "site", monkeypatch) == expected
    assert _annotation_and_case(str(repo / "site/tei/doc.xml"), tmp_path, monkeypatch) == expected
    assert _annotation_and_case("edition/site/./tei/doc.xml", tmp_path, monkeypatch) == expected
    # a worktree's or submodule's .git is a file
    (repo / "site" / ".git").write_text("gitdir: ../.git/worktrees/site\n")
    assert _annotation_and_case("tei/doc.xml", repo / "site", monkeypatch) == ("tei/doc.xml", "tei/doc.xml")


def test_ci_report_paths_follow_github_workspace(tmp_path, monkeypatch):
    """In GitHub Actions the repository is $GITHUB_WORKSPACE: paths are relative to it wherever
    validate runs; a file outside it keeps the path it was given."""
    workspace = tmp_path / "checkout"
    (workspace / "tei").mkdir(parents=True)
    monkeypatch.setenv("GITHUB_WORKSPACE", str(workspace))
    assert _annotation_and_case("doc.xml", workspace / "tei", monkeypatch) == ("tei/doc.xml", "tei/doc.xml")
    outside = str(tmp_path / "elsewhere.xml")
    assert _annotation_and_case(outside, workspace, monkeypatch) == (outside, outside)
