"""Symbolic links and odd files in an authority folder and in an edition's --xslt folder follow
the corpus's rule (SECURITY.md "Symbolic links", #13): without --follow-symlinks a link there is one
usage error naming it (never skipped: skipping an authority file would change links silently);
with the opt-in it is read. A named pipe is named as what it is. Constructed files only."""

import os

import pytest
from click.testing import CliRunner

from tei_encoder.authority import load_authority
from tei_encoder.cli import main
from tei_encoder.errors import UsageError
from tei_encoder.publish import PublishError, override_files

LISTING = (
    '<listPerson xmlns="http://www.tei-c.org/ns/1.0">\n'
    '<person xml:id="far_away"><persName type="preferred">Orla Quenby</persName></person>\n</listPerson>\n'
)
RECORD = "June 9, 1961\n\n**A Note on the Fair**\n\n<https://example.org/document/5>\n\nOrla Quenby opened the fair.\n"
TEI = (
    '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Fair</title></titleStmt>'
    "<publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>"
    "<text><body><p>The fair opened.</p></body></text></TEI>\n"
)


@pytest.fixture
def linked(tmp_path):
    """corpus/ with one record and an authority/ folder whose only file is a link to a listing outside."""
    outside = tmp_path / "elsewhere" / "people.xml"
    outside.parent.mkdir()
    outside.write_text(LISTING, encoding="utf-8")
    folder = tmp_path / "corpus" / "authority"
    folder.mkdir(parents=True)
    (folder / "people.xml").symlink_to(outside)
    (tmp_path / "corpus" / "fair.txt").write_text(RECORD, encoding="utf-8")
    return tmp_path / "corpus"


def test_loading_an_authority_link_is_refused_unless_followed(linked):
    with pytest.raises(UsageError) as refused:
        load_authority((linked / "authority",))
    assert "people.xml: symbolic link, not followed" in str(refused.value)
    assert "far_away" in load_authority((linked / "authority",), follow_symlinks=True).entries


@pytest.mark.parametrize("command", [["authority", "check"], ["encode"], ["build"], ["review"]])
def test_every_command_reading_an_authority_folder_refuses_a_link_there(linked, tmp_path, command):
    target = {"encode": [str(linked / "fair.txt"), "-o", str(tmp_path / "fair.xml")]}.get(command[0], [str(linked)])
    if command[0] == "build":
        target += ["-o", str(tmp_path / "out"), "--no-search"]
    if command[0] == "review":
        target += ["-o", str(tmp_path / "review.csv")]
    result = CliRunner().invoke(main, [*command, *target])
    assert result.exit_code == 2, result.output
    line = [x for x in result.stderr.splitlines() if "people.xml" in x]
    assert len(line) == 1 and "symbolic link" in line[0] and "pass --follow-symlinks" in line[0], result.stderr


def test_with_follow_symlinks_the_linked_authority_is_read(linked, tmp_path):
    checked = CliRunner().invoke(main, ["authority", "check", str(linked), "--follow-symlinks"])
    assert checked.exit_code == 0, checked.output
    out = tmp_path / "fair.xml"
    result = CliRunner().invoke(main, ["encode", str(linked / "fair.txt"), "-o", str(out), "--follow-symlinks"])
    assert result.exit_code == 0, result.output
    assert 'ref="#far_away"' in out.read_text(encoding="utf-8")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_named_pipe_in_the_authority_folder_is_named_as_one(tmp_path):
    folder = tmp_path / "authority"
    folder.mkdir()
    os.mkfifo(folder / "people.xml")
    result = CliRunner().invoke(main, ["authority", "check", "--authority", str(folder)])
    assert result.exit_code == 2, result.output
    assert "people.xml: error: is a named pipe (FIFO), not an authority file" in result.output, result.output
    with pytest.raises(UsageError, match=r"is a named pipe \(FIFO\), not an authority file"):
        load_authority((folder,))
    (folder / "people.xml").unlink()  # a rejected.txt that is a pipe: its rejections are never lost in silence
    (folder / "people.xml").write_text(LISTING, encoding="utf-8")
    os.mkfifo(folder / "rejected.txt")
    checked = CliRunner().invoke(main, ["authority", "check", "--authority", str(folder)])
    assert checked.exit_code == 2, checked.output
    assert "rejected.txt: error: is a named pipe (FIFO), not a list of rejected names" in checked.output
    with pytest.raises(UsageError, match=r"rejected.txt: is a named pipe \(FIFO\), not a list of rejected names"):
        load_authority((folder,))


def test_a_link_in_the_xslt_folder_is_refused_unless_followed(tmp_path):
    real = tmp_path / "shared" / "hook.xsl"
    real.parent.mkdir()
    real.write_text('<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"/>\n')
    folder = tmp_path / "xslt"
    folder.mkdir()
    (folder / "hook.xsl").symlink_to(real)
    with pytest.raises(PublishError, match="hook.xsl: symbolic link, not followed"):
        override_files(folder)
    assert override_files(folder, follow_symlinks=True) == [folder / "hook.xsl"]
    tei = tmp_path / "tei" / "fair.xml"
    tei.parent.mkdir()
    tei.write_text(TEI, encoding="utf-8")
    result = CliRunner().invoke(main, ["publish", str(tei), "-o", str(tmp_path / "site"), "--xslt", str(folder)])
    assert result.exit_code == 2, result.output
    assert "hook.xsl: symbolic link, not followed (pass --follow-symlinks" in result.stderr, result.stderr
