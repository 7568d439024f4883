"""XInclude (#13): jing checks exactly the expanded document our checks approved, expansion is
bounded (number of includes, size of each included file and of all of them, loops), and a problem
inside an included file names that file and its line. Constructed files only."""

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tei_encoder import validate as validate_module
from tei_encoder.cli import main
from tei_encoder.validate import Validator
from tei_encoder.xmlsafe import MAX_INCLUDES

XI = 'xmlns:xi="http://www.w3.org/2001/XInclude"'
TEI = 'xmlns="http://www.tei-c.org/ns/1.0"'
needs_jing = pytest.mark.skipif(shutil.which("jing") is None, reason="jing is not installed")
# a RELAX NG schema taking any elements and attributes but an element named bogus (a small JVM run)
ANYTHING_BUT_BOGUS = (
    '<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><ref name="any"/></start>'
    '<define name="any"><element><anyName><except><name ns="http://www.tei-c.org/ns/1.0">bogus</name>'
    '</except></anyName><zeroOrMore><choice><attribute><anyName/></attribute><text/><ref name="any"/>'
    "</choice></zeroOrMore></element></define></grammar>"
)


def sheet(body: str) -> str:
    """A small TEI document around body (the xi:include of the body on line 5)."""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<TEI {TEI} {XI}>\n'
        "<teiHeader><fileDesc><titleStmt><title>An invented sheet</title></titleStmt>"
        "<publicationStmt><p>For a test only.</p></publicationStmt>"
        "<sourceDesc><p>Made up.</p></sourceDesc></fileDesc></teiHeader>\n"
        f"<text><body>\n{body}\n</body></text></TEI>\n"
    )


def part(body: str) -> str:
    return f"<div {TEI} {XI}>\n{body}\n</div>\n"


@pytest.fixture
def linked_part(tmp_path: Path) -> Path:
    """corpus/sheet.xml includes corpus/a/link.xml, a symlink to corpus/b/real.xml, which includes
    part.xml: by the real path corpus/b/part.xml (line 3 invalid), by the link's folder
    corpus/a/part.xml, a link to a file outside the corpus holding a bogus element."""
    corpus, outside = tmp_path / "corpus", tmp_path / "outside"
    for folder in (corpus / "a", corpus / "b", outside):
        folder.mkdir(parents=True)
    (outside / "part.xml").write_text(f"<p {TEI}><bogus/>words from outside</p>\n")
    (corpus / "b" / "real.xml").write_text(part('<p>first</p>\n<xi:include href="part.xml"/>'))
    (corpus / "b" / "part.xml").write_text(f"<p {TEI}>kept\n<hi>in</hi>\n<bogus/>\n</p>\n")
    (corpus / "a" / "part.xml").symlink_to(outside / "part.xml")
    (corpus / "a" / "link.xml").symlink_to(corpus / "b" / "real.xml")
    (corpus / "sheet.xml").write_text(sheet('<xi:include href="a/link.xml"/>'))
    (tmp_path / "any.rng").write_text(ANYTHING_BUT_BOGUS)
    return corpus


@needs_jing
def test_jing_checks_the_expanded_document_not_what_a_symlink_leads_it_to(linked_part):
    """jing (--rng) is handed the document our checks expanded: it never follows an include itself
    (by the link's folder it read a file outside the corpus), and its finding in an included file
    names that file and the line there."""
    validator = Validator(xsd=False, rules=False, rng=linked_part.parent / "any.rng", profile="custom")
    output = "\n".join(d.text() for d in validator.check_files([linked_part / "sheet.xml"]))
    assert "outside" not in output, output
    assert str(linked_part / "b" / "real.xml") in output, output
    assert "(line 3)" in output and "bogus" in output, output


def test_a_file_without_includes_goes_to_jing_unchanged_one_with_includes_expanded(tmp_path, monkeypatch):
    (tmp_path / "plain.xml").write_text(sheet("<p>no include here</p>"))
    (tmp_path / "piece.xml").write_text(f"<p {TEI}>a piece</p>\n")
    (tmp_path / "whole.xml").write_text(sheet('<xi:include href="piece.xml"/>'))
    (tmp_path / "any.rng").write_text(ANYTHING_BUT_BOGUS)
    given: dict[Path, str] = {}

    def fake_jing(rng, paths, includes=None, chunk=None, command="jing"):
        given.update((Path(p), Path(p).read_text()) for p in paths)
        return {Path(p): [] for p in paths}

    monkeypatch.setattr(validate_module, "jing", fake_jing)
    monkeypatch.setattr(validate_module, "_jing_ahead", lambda rng, paths, command: {})
    validator = Validator(xsd=False, rules=False, rng=tmp_path / "any.rng", profile="custom", jing=False)
    validator.jing = "jing"  # as if installed: the fake above answers for it
    assert validator.check_files([tmp_path / "plain.xml", tmp_path / "whole.xml"]) == []
    assert tmp_path / "plain.xml" in given
    copies = [p for p in given if p.parent != tmp_path]
    assert len(copies) == 1 and "include" not in given[copies[0]] and "a piece" in given[copies[0]]
    assert not copies[0].exists()  # the copy is removed after jing ran


def chain(folder: Path, depth: int) -> None:
    """b0.xml includes b1.xml twice, b1 b2 twice ... : 2**depth copies of the last file."""
    for i in range(depth):
        (folder / f"b{i}.xml").write_text(part(f'<xi:include href="b{i + 1}.xml"/><xi:include href="b{i + 1}.xml"/>'))
    (folder / f"b{depth}.xml").write_text(f"<p {TEI}>the last small file</p>\n")


def test_include_expansion_is_bounded_and_the_batch_goes_on(tmp_path):
    chain(tmp_path, 14)  # 2**14 > MAX_INCLUDES copies through 15 distinct small files
    assert MAX_INCLUDES < 2**14
    (tmp_path / "bomb.xml").write_text(sheet('<xi:include href="b0.xml"/>'))
    (tmp_path / "l1.xml").write_text(part('<xi:include href="l2.xml"/>'))
    (tmp_path / "l2.xml").write_text(part('<xi:include href="l1.xml"/>'))
    (tmp_path / "loop.xml").write_text(sheet('<xi:include href="l1.xml"/>'))
    (tmp_path / "big.xml").write_text(f"<p {TEI}>{'many words ' * 20000}</p>\n")  # 220 KB
    (tmp_path / "huge.xml").write_text(sheet('<xi:include href="big.xml"/>'))
    for i in range(4):
        (tmp_path / f"w{i}.xml").write_text(f"<p {TEI}>{'other words ' * 5000}</p>\n")  # 60 KB each
    (tmp_path / "wide.xml").write_text(sheet("".join(f'<xi:include href="w{i}.xml"/>' for i in range(4))))
    (tmp_path / "fine.xml").write_text(sheet('<xi:include href="w0.xml"/>'))
    names = ["bomb", "loop", "huge", "wide", "fine"]
    validator = Validator(xsd=False, rules=False, profile="custom", jing=False, max_bytes=200_000)
    problems = validator.check_files([tmp_path / f"{name}.xml" for name in names[1:]])
    problems += Validator(xsd=False, rules=False, profile="custom", jing=False).check_file(tmp_path / "bomb.xml")
    by_file = {name: [d for d in problems if Path(d.file).stem == name] for name in names}
    assert [(d.source, d.line) for d in by_file["bomb"]] == [("refused", 5)], by_file["bomb"]
    assert f"more than {MAX_INCLUDES:,} includes" in by_file["bomb"][0].message
    assert "includes itself" in by_file["loop"][0].message, by_file["loop"]
    assert "big.xml is 214.9 KB, over the size limit of 195.3 KB" in by_file["huge"][0].message, by_file["huge"]
    assert "come to more than 195.3 KB in all" in by_file["wide"][0].message, by_file["wide"]
    assert by_file["fine"] == []
    result = CliRunner().invoke(
        main, ["validate", "--profile", "tei-all", "--max-size", "0.19", str(tmp_path / "huge.xml")]
    )
    assert result.exit_code == 1 and "raise it with --max-size" in result.output, result.output


def test_a_fault_inside_an_included_file_names_that_file_and_its_line(tmp_path):
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "broken.xml").write_text(f"<div {TEI}>\n<p>one</p>\n<p>two</div>\n")
    (tmp_path / "p" / "middle.xml").write_text(part('<p>middle</p>\n<xi:include href="broken.xml"/>'))
    (tmp_path / "p" / "badid.xml").write_text(f'<div {TEI}>\n<p>one</p>\n<p xml:id="9lives">two</p>\n</div>\n')
    (tmp_path / "nested.xml").write_text(sheet('<xi:include href="p/middle.xml"/>'))
    (tmp_path / "ids.xml").write_text(sheet('<xi:include href="p/badid.xml"/>'))
    validator = Validator(xsd=False, rules=False, profile="custom", jing=False)
    [nested] = validator.check_file(tmp_path / "nested.xml")
    assert nested.line == 5, nested  # the include that led to the broken file, not line 1
    assert f"{tmp_path / 'p' / 'broken.xml'} line 3:" in nested.message and "file:" not in nested.message, nested
    [bad_id] = [d for d in validator.check_file(tmp_path / "ids.xml") if "9lives" in d.message]
    assert bad_id.line == 3 and f"in included file {tmp_path / 'p' / 'badid.xml'} (line 3)" in bad_id.message
