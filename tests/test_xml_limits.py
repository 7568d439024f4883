"""One set of structural limits for every XML file (issue 13): depth, attributes per element and name
length are xmlsafe's, checked before jing or Saxon, and every stage reads a file within them alike
(Saxon's own lower limits — 100 levels, 200 attributes — are lifted). Beyond them: one line naming
the line and the limit; a file whose TEI constraints could not run is never called valid."""

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from tei_encoder import validate as validate_module
from tei_encoder.cli import main
from tei_encoder.publish import _saxon_processor
from tei_encoder.validate import Validator
from tei_encoder.xmlsafe import MAX_ATTRIBUTES, MAX_DEPTH, MAX_NAME_LENGTH, UnsafeXML, parse_xml, structure_problem

HEADER = (
    "<teiHeader><fileDesc><titleStmt><title>Made up</title></titleStmt><publicationStmt><p>ours</p>"
    "</publicationStmt><sourceDesc><p>invented</p></sourceDesc></fileDesc></teiHeader>"
)


def tei(body: str) -> str:
    return f'<TEI xmlns="http://www.tei-c.org/ns/1.0">\n{HEADER}\n<text><body>\n<p>{body}</p>\n</body></text></TEI>\n'


def nested(levels: int) -> str:
    return "<hi>" * levels + "deep" + "</hi>" * levels


def attributes(count: int) -> str:
    return "<hi " + " ".join(f'n{i}="v"' for i in range(count)) + ">x</hi>"


WITHIN = {  # at each limit exactly (the <p> sits at depth 5)
    "depth": nested(MAX_DEPTH - 5),
    "attributes": attributes(MAX_ATTRIBUTES),
    "name": f"<{'h' * MAX_NAME_LENGTH}/>",
}
BEYOND = {
    "depth": (nested(MAX_DEPTH), "nested deeper than 256 levels"),
    "attributes": (attributes(MAX_ATTRIBUTES + 1), "257 attributes, over the limit of 256 per element"),
    "name": (f"<h {'n' * (MAX_NAME_LENGTH + 1)}='v'/>", "longer than 1,000 characters"),
}


@pytest.mark.parametrize("kind", sorted(WITHIN))
def test_a_file_at_a_limit_is_read_by_lxml_and_saxon_alike(kind):
    text = tei(WITHIN[kind])
    parse_xml(data=text.encode(), huge=True)
    _saxon_processor().parse_xml(xml_text=text)  # refused before: depth 101, 201 attributes, 1001 characters


@pytest.mark.parametrize("kind", sorted(BEYOND))
def test_a_file_beyond_a_limit_is_refused_naming_the_line_and_the_limit(kind):
    body, words = BEYOND[kind]
    with pytest.raises(UnsafeXML) as refused:
        parse_xml(data=tei(body).encode(), huge=True)
    assert str(refused.value).startswith("line 4: ") and words in str(refused.value)
    assert refused.value.line == 4


@pytest.mark.parametrize(
    "body",
    [
        *WITHIN.values(),
        *(body for body, _ in BEYOND.values()),
        attributes(MAX_ATTRIBUTES // 2) * 3,  # more "=" than the limit, no element over it: the tree decides
        f"<{'h' * MAX_NAME_LENGTH}>{'w' * (MAX_NAME_LENGTH + 5)}</{'h' * MAX_NAME_LENGTH}>",  # a long word, no long name
        f"<h xml:lang='en'>{' x=' * (MAX_ATTRIBUTES + 1)}</h>",  # "=" in text
    ],
    ids=lambda body: body[:30],
)
def test_the_limits_read_from_the_bytes_find_what_the_tree_finds(body):
    """structure_problem with the text at hand skips a limit its bytes cannot reach; the result is
    the tree's own, within the limits or beyond them (same line, same words, same count)."""
    data = tei(body).encode()
    tree = etree.ElementTree(etree.fromstring(data, etree.XMLParser(huge_tree=True)))
    alone, with_bytes = structure_problem(tree), structure_problem(tree, data=data)
    assert (alone and (str(alone), alone.line)) == (with_bytes and (str(with_bytes), with_bytes.line))


def test_places_over_the_limits_are_counted_not_listed():
    body = "".join(attributes(MAX_ATTRIBUTES + 5) for _ in range(1000))
    with pytest.raises(UnsafeXML) as refused:
        parse_xml(data=tei(body).encode(), huge=True)
    assert "(and 999 more places over the limits)" in str(refused.value) and "\n" not in str(refused.value)


def test_validate_and_publish_refuse_a_file_beyond_the_limits_in_one_line(tmp_path):
    files = []
    for kind, (body, _) in sorted(BEYOND.items()):
        files.append(tmp_path / f"{kind}.xml")
        files[-1].write_text(tei(body), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", *map(str, files)], catch_exceptions=False)
    lines = result.output.strip().splitlines()
    assert result.exit_code == 1 and len(lines) == 4, result.output
    for path, line in zip(files, lines[:3], strict=True):
        assert line.startswith(f"{path}:4:1: error: refused: line 4: "), line
    result = CliRunner().invoke(
        main, ["publish", *map(str, files), "-o", str(tmp_path / "site"), "--no-search"], catch_exceptions=False
    )
    assert result.exit_code == 1 and "published 0 of 3 documents" in result.output
    assert sum(": error: refused: line 4: " in line for line in result.output.splitlines()) == 3


def test_included_parts_within_the_limits_alone_are_refused_together(tmp_path):
    (tmp_path / "part.xml").write_text(f'<hi xmlns="http://www.tei-c.org/ns/1.0">{nested(200)}</hi>', encoding="utf-8")
    include = '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="part.xml"/>'
    (tmp_path / "whole.xml").write_text(tei(nested(100).replace("deep", include)), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "whole.xml")], catch_exceptions=False)
    assert result.exit_code == 1 and "refused: with its XIncludes expanded, line" in result.output, result.output
    assert "nested deeper than 256 levels" in result.output


def test_a_file_whose_tei_constraints_could_not_run_is_not_checked_never_valid(monkeypatch):
    class Broken:
        def failures(self, _text):
            raise RuntimeError("the constraints stopped")

    monkeypatch.setattr(validate_module, "_embedded_rules", lambda _rng: Broken())
    tree = etree.ElementTree(etree.fromstring(tei("x").encode()))
    found = Validator(profile="custom", xsd=False, rules=False, rng=None)._tei_constraints(
        tree, "a.xml", b"", Path("tei_all.rng")
    )
    assert [(d.severity, d.source) for d in found] == [("error", "unchecked")]
    assert found[0].message.startswith("not checked: the TEI constraints (Schematron) could not run")


# validate parses a file under 10 MB with libxml2's own limits (its depth limit is MAX_DEPTH) and takes a
# tree the project XSD finds valid as within the limits on attributes and names (validate._parse)
def test_libxml2_alone_refuses_nesting_deeper_than_the_limit():
    parse_xml(data=nested(MAX_DEPTH).encode(), limits=False)
    with pytest.raises(etree.XMLSyntaxError):
        parse_xml(data=nested(MAX_DEPTH + 1).encode(), limits=False)


@pytest.fixture(scope="module")
def ours() -> str:
    from conftest import SEED, SETTINGS

    from tei_encoder.pipeline import encode_record

    return encode_record(SEED, SETTINGS).tei.decode("utf-8")


def _in_our_file(ours: str, kind: str) -> str:
    """Our own (valid) TEI with one place beyond a limit in its first paragraph of text."""
    first = ours.index("<p>", ours.index("<text"))
    extra = {
        "depth": nested(MAX_DEPTH).replace("<hi>", "<hi rend='x'>"),
        "attributes": attributes(MAX_ATTRIBUTES + 1),
        "name": f"<h {'n' * (MAX_NAME_LENGTH + 1)}='v'/>",
        # valid by the XSD, but a prefix is part of a name: a declared prefix makes it too long
        "prefix": f"<{'t' * MAX_NAME_LENGTH}:foreign xmlns:{'t' * MAX_NAME_LENGTH}='http://www.tei-c.org/ns/1.0'>x</{'t' * MAX_NAME_LENGTH}:foreign>",
    }[kind]
    return ours[: first + 3] + extra + ours[first + 3 :]


@pytest.mark.parametrize("kind", ["depth", "attributes", "name", "prefix"])
def test_our_own_tei_beyond_a_limit_is_refused_by_validate(tmp_path, ours, kind):
    path = tmp_path / "ours.xml"
    path.write_text(_in_our_file(ours, kind), encoding="utf-8")
    problems = Validator(jing=False).check_file(path)
    assert [d.source for d in problems] == ["refused"], problems
    if kind == "prefix":
        assert "longer than 1,000 characters" in problems[0].message


def test_the_project_schema_alone_keeps_a_valid_file_within_the_limits(tmp_path):
    from tei_encoder.config import project_dir

    assert validate_module.xsd_keeps_limits(project_dir("schema") / "tei-encoder.xsd")
    head = '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
    for body in (
        '<xs:element name="a"/>',  # of type xs:anyType: any attribute, any child
        '<xs:element name="a"><xs:complexType><xs:sequence><xs:any/></xs:sequence></xs:complexType></xs:element>',
        '<xs:element name="a"><xs:complexType><xs:anyAttribute/></xs:complexType></xs:element>',
        '<xs:include schemaLocation="https://example.org/other.xsd"/>',
    ):
        xsd = tmp_path / f"s{len(body)}.xsd"
        xsd.write_text(f"{head}{body}</xs:schema>", encoding="utf-8")
        assert not validate_module.xsd_keeps_limits(xsd), body


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from([b"a", b"\xc3\xa9", b" ", b"\t", b"\n", b"\r", b"\x0b", b"\x0c", b"\x85", b"\xa0", b"<"]),
        max_size=40,
    ),
    st.integers(990, 1010),
)
def test_the_name_limit_read_from_bytes_is_the_longest_run_between_white_space(pieces, run):
    """_within_limit reads the name limit from the bytes in C (a translation and one search, a
    sixth of splitting them): the same answer as the longest of bytes.split()'s parts."""
    from tei_encoder.xmlsafe import _within_limit

    data = b"".join(pieces) + b"n" * run + b"".join(reversed(pieces))
    assert _within_limit(2, data) == (max(map(len, data.split()), default=0) <= MAX_NAME_LENGTH)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(0, MAX_ATTRIBUTES + 3), min_size=1, max_size=6), st.sampled_from(["", "=", "<!--<-->", "a=b"])
)
def test_the_attribute_limit_read_from_bytes_counts_each_start_tags_stretch(counts, between):
    """_within_limit reads the attribute limit from the "=" between one "<" and the next (no "<"
    stands in a start tag): a document of many elements, each within the limit, is not searched
    (it was whenever the whole text had more "=" than the limit); one over it always is."""
    from tei_encoder.xmlsafe import _within_limit

    body = between.join(attributes(n) for n in counts)
    data = tei(body).encode()
    tree = etree.ElementTree(etree.fromstring(data, etree.XMLParser(huge_tree=True)))
    over = bool(tree.xpath(f"//*[count(@*) > {MAX_ATTRIBUTES}]"))
    assert not (over and _within_limit(1, data))
    if not over and "=" not in between:
        assert _within_limit(1, data)


def test_a_huge_read_of_a_file_libxml2_reads_within_its_limits_searches_no_depth(monkeypatch):
    """parse_xml(huge=True) reads a file first with libxml2's own limits, which refuse nesting
    deeper than MAX_DEPTH as they parse: the tree's depth is then not searched again (its XPath
    cost a tenth of a publish's parse); a deeper file is read again as a huge one and refused
    as before (the test of a file beyond a limit above), a malformed one says what it always said."""
    from tei_encoder import xmlsafe

    depths = []
    real = xmlsafe.structure_problem

    def spy(tree, depth=True, data=None):
        depths.append(depth)
        return real(tree, depth, data)

    monkeypatch.setattr(xmlsafe, "structure_problem", spy)
    tree = parse_xml(data=nested(MAX_DEPTH).encode(), huge=True)
    assert depths == [False] and len(list(tree.iter())) >= MAX_DEPTH
    depths.clear()
    with pytest.raises(UnsafeXML) as refused:
        parse_xml(data=nested(MAX_DEPTH + 1).encode(), huge=True)
    assert depths == [True] and f"nested deeper than {MAX_DEPTH} levels" in str(refused.value)
    with pytest.raises(etree.XMLSyntaxError) as malformed:
        parse_xml(data=b"<TEI><p></TEI>", huge=True)
    with pytest.raises(etree.XMLSyntaxError) as plain:
        parse_xml(data=b"<TEI><p></TEI>")
    assert str(malformed.value) == str(plain.value)
