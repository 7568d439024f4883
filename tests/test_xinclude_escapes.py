"""XInclude hrefs read as URIs (any spelling of file:, a host, xml:base, escapes) never reach outside
the TEI file's folder, a FIFO is never opened, and xml:id values are checked by one rule everywhere.
Constructed files only."""

import os
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from tei_encoder.authority import load_authority
from tei_encoder.authority_edit import check_authority
from tei_encoder.cli import main
from tei_encoder.errors import UsageError
from tei_encoder.publish import PublishError, read_tei
from tei_encoder.validate import Validator
from tei_encoder.xmlsafe import xml_id_refusal

XI = 'xmlns:xi="http://www.w3.org/2001/XInclude"'
SECRET = "words kept outside the edition"


def letter(body: str) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0" {XI}>\n'
        "<teiHeader><fileDesc><titleStmt><title>A constructed note</title></titleStmt>"
        "<publicationStmt><p>Made for a test.</p></publicationStmt>"
        "<sourceDesc><p>Invented.</p></sourceDesc></fileDesc></teiHeader>\n"
        f"<text><body>\n{body}\n</body></text>\n</TEI>\n"
    )


def escapes(outside: Path) -> dict[str, str]:
    """Each way of naming a file outside the corpus folder that libxml2 would open."""
    secret = outside / "secret.txt"
    return {
        "file-one-slash": f'<p><xi:include href="file:{secret}" parse="text"/></p>',
        "upper-case-scheme": f'<p><xi:include href="FILE://{secret}" parse="text"/></p>',
        "localhost": f'<p><xi:include href="file://localhost{secret}" parse="text"/></p>',
        "escaped-dots": '<p><xi:include href="%2e%2e/outside/secret.txt" parse="text"/></p>',
        "base-one-slash": f'<p xml:base="file:{outside}/"><xi:include href="secret.txt" parse="text"/></p>',
        "base-localhost": f'<p><xi:include xml:base="file://localhost{outside}/" href="secret.txt" parse="text"/></p>',
        "root-then-url": f'<p><xi:include href="file:{secret}" parse="text"/></p>',  # with --include-root
    }


def corpus_beside_a_secret(tmp_path: Path) -> tuple[Path, Path]:
    """(a corpus folder with parts/inside.txt, a folder outside it holding secret.txt)."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(SECRET)
    corpus = tmp_path / "corpus"
    (corpus / "parts").mkdir(parents=True)
    (corpus / "parts" / "inside.txt").write_text("words kept inside")
    return corpus, outside


@pytest.fixture
def hostile(tmp_path):
    corpus, outside = corpus_beside_a_secret(tmp_path)
    for name, body in escapes(outside).items():
        (corpus / f"{name}.xml").write_text(letter(body))
    (corpus / "fine.xml").write_text(letter('<p><xi:include href="file:parts/inside.txt" parse="text"/></p>'))
    return corpus


@pytest.mark.parametrize("profile", ["tei-all", "tei-encoder", "custom"])
def test_every_spelling_of_a_file_url_outside_the_folder_is_refused_by_validate(hostile, profile):
    rng = hostile / "any.rng"
    rng.write_text('<element name="TEI" xmlns="http://relaxng.org/ns/structure/1.0"><text/></element>')
    kwargs = {"rng": rng} if profile == "custom" else {}
    validator = Validator(xsd=False, rules=False, profile=profile, jing=False, **kwargs)
    for name in escapes(hostile):
        roots = (str(hostile / "parts"),) if name == "root-then-url" else ()
        validator.include_roots = roots
        problems = validator.check_file(hostile / f"{name}.xml")
        assert [d.source for d in problems] == ["refused"], (name, problems)
        assert "reaches outside the TEI file's folder" in problems[0].message, (name, problems)
        assert "\n" not in problems[0].message


def test_every_spelling_of_a_file_url_outside_the_folder_is_refused_by_publish(hostile):
    for name in escapes(hostile):
        roots = (str(hostile / "parts"),) if name == "root-then-url" else ()
        with pytest.raises(PublishError, match="reaches outside the TEI file's folder") as refused:
            read_tei(hostile / f"{name}.xml", include_roots=roots)
        assert "\n" not in str(refused.value)
    result = CliRunner().invoke(
        main, ["publish", "--no-search", str(hostile / "file-one-slash.xml"), "-o", str(hostile / "site")]
    )
    assert result.exit_code == 1, result.output
    site = hostile / "site"
    assert not any(SECRET in p.read_text(errors="replace") for p in site.rglob("*") if p.is_file())


def test_a_file_url_inside_the_folder_is_included_and_no_absolute_path_is_published(hostile):
    (hostile / "parts" / "div.xml").write_text('<div xmlns="http://www.tei-c.org/ns/1.0"><p>Kept part.</p></div>')
    (hostile / "whole.xml").write_text(letter('<xi:include href="parts/div.xml"/>'))
    tree, _ = read_tei(hostile / "fine.xml")
    assert "words kept inside" in etree.tostring(tree, encoding="unicode")
    tree, _ = read_tei(hostile / "whole.xml")
    text = etree.tostring(tree, encoding="unicode")
    assert "Kept part." in text and 'xml:base="parts/div.xml"' in text and str(hostile) not in text


class unblock_after(threading.Thread):
    """After a while, keep opening the FIFO for writing until cancelled, so a reader stuck on it (the
    defect: libxml2 and jing may open it more than once) gets an end of file and the test fails
    instead of hanging."""

    def __init__(self, fifo: Path, seconds: float):
        super().__init__(daemon=True)
        self.fifo, self.seconds, self.stop = fifo, seconds, threading.Event()
        self.start()

    def run(self):
        if self.stop.wait(self.seconds):
            return
        while not self.stop.wait(0.1):
            try:
                os.close(os.open(self.fifo, os.O_WRONLY | os.O_NONBLOCK))
            except OSError:
                pass  # nobody is reading it now

    def cancel(self):
        self.stop.set()


@pytest.mark.parametrize("parse", ["xml", "text"])
def test_an_include_of_a_fifo_is_refused_unopened(tmp_path, parse):
    fifo = tmp_path / "pipe.xml"
    os.mkfifo(fifo)
    (tmp_path / "doc.xml").write_text(letter(f'<p><xi:include href="pipe.xml" parse="{parse}"/></p>'))
    timer = unblock_after(fifo, 10)
    try:
        validator = Validator(xsd=False, rules=False, profile="tei-all", jing=False)
        problems = validator.check_file(tmp_path / "doc.xml")
        with pytest.raises(PublishError) as refused:
            read_tei(tmp_path / "doc.xml")
    finally:
        timer.cancel()
    assert [d.source for d in problems] == ["refused"], problems
    assert "FIFO" in problems[0].message and "FIFO" in str(refused.value)


def test_validate_with_jing_never_hands_jing_an_unchecked_include(tmp_path):
    """jing runs ahead of our checks on files without includes only: it would follow them itself."""
    fifo = tmp_path / "pipe.xml"
    os.mkfifo(fifo)
    (tmp_path / "doc.xml").write_text(letter('<p><xi:include href="pipe.xml" parse="text"/></p>'))
    timer = unblock_after(fifo, 20)
    try:
        result = CliRunner().invoke(main, ["validate", "--profile", "tei-all", str(tmp_path / "doc.xml")])
    finally:
        timer.cancel()
    assert result.exit_code == 1, result.output
    assert "FIFO" in result.output, result.output


# -- xml:id: one rule (XML 1.0 fifth edition NCName, taken by XML Schema's ID type too) --

PEOPLE = '<listPerson xmlns="http://www.tei-c.org/ns/1.0">\n<person xml:id="{id}"><persName>Ann Example</persName></person>\n</listPerson>\n'


def test_xml_id_rule_refuses_what_xml_refuses_and_takes_what_it_takes():
    for bad in ("ha\u00b2", "1a", "a:b", "a b", "\u0301e"):
        assert xml_id_refusal(bad), bad
    for good in ("e\u0301", "ha", "_x.1-2", "\u00e9t\u00e9"):
        assert xml_id_refusal(good) is None, good


@pytest.mark.parametrize("value, refused", [("ha\u00b2", True), ("e\u0301", False)])
def test_authority_check_and_loading_agree_on_xml_ids(tmp_path, value, refused):
    folder = tmp_path / "authority"
    folder.mkdir()
    (folder / "people.xml").write_text(PEOPLE.format(id=value), encoding="utf-8")
    problems = [p for p in check_authority([folder]) if "xml:id" in p.message]
    assert bool(problems) == refused, problems
    if refused:
        with pytest.raises(UsageError, match=r"people.xml:2: authority entry xml:id .* not an XML name"):
            load_authority((folder,))
    else:
        assert value in load_authority((folder,)).entries


DRAFT = 'xmlns:xd="http://www.w3.org/2003/XInclude"'


@pytest.fixture
def draft_includes(tmp_path):
    """Files whose includes libxml2 would follow but the 2001-namespace checks did not see: the 2003
    draft namespace (alone, beside a 2001 include, in a fallback, in an included file) and a DOCTYPE
    with an external entity in an included file."""
    corpus, outside = corpus_beside_a_secret(tmp_path)
    secret = outside / "secret.txt"
    (corpus / "parts" / "draft.xml").write_text(
        f'<seg xmlns="http://www.tei-c.org/ns/1.0" {DRAFT}><xd:include href="file://{secret}" parse="text"/></seg>'
    )
    (corpus / "parts" / "entity.xml").write_text(
        f'<!DOCTYPE seg [<!ENTITY e SYSTEM "file://{secret}">]>\n<seg xmlns="http://www.tei-c.org/ns/1.0">&e;</seg>'
    )
    inside = '<xi:include href="parts/inside.txt" parse="text"/>'
    bodies = {
        "draft-alone": f'<p {DRAFT}><xd:include href="file://{secret}" parse="text"/></p>',
        "draft-beside": f'<p {DRAFT}>{inside} <xd:include href="file://{secret}" parse="text"/></p>',
        "draft-in-fallback": f'<p {DRAFT}><xi:include href="parts/none.txt" parse="text"><xi:fallback>'
        f'<xd:include href="file://{secret}" parse="text"/></xi:fallback></xi:include></p>',
        "draft-nested": '<p><xi:include href="parts/draft.xml"/></p>',
        "entity-nested": '<p><xi:include href="parts/entity.xml"/></p>',
    }
    for name, body in bodies.items():
        (corpus / f"{name}.xml").write_text(letter(body))
    return corpus, list(bodies)


def test_draft_namespace_includes_and_doctypes_in_included_files_are_refused_by_validate(draft_includes):
    corpus, names = draft_includes
    validator = Validator(xsd=False, rules=False, profile="tei-encoder", jing=False)
    for name in names:
        problems = validator.check_file(corpus / f"{name}.xml")
        assert [d.source for d in problems] == ["refused"], (name, problems)
        reason = "DOCTYPE" if name.startswith("entity") else "2003 draft XInclude namespace"
        assert reason in problems[0].message, (name, problems)


def test_draft_namespace_includes_and_doctypes_in_included_files_are_refused_by_publish(draft_includes, tmp_path):
    corpus, names = draft_includes
    for name in names:
        with pytest.raises(PublishError, match="refused"):
            read_tei(corpus / f"{name}.xml")
    site = tmp_path / "site"
    CliRunner().invoke(main, ["publish", str(corpus), "-o", str(site)])
    for page in site.rglob("*"):
        if page.is_file():
            assert SECRET not in page.read_text(errors="replace"), page
