"""An authority file that cannot be used is a usage error (exit 2) in `authority check` as in build;
an empty xml:id is said in the same words by both (#13). Constructed files only."""

import pytest
from click.testing import CliRunner

from tei_encoder.authority import load_authority
from tei_encoder.cli import main
from tei_encoder.errors import UsageError

ENTRY = '<listPerson xmlns="http://www.tei-c.org/ns/1.0">\n<person xml:id="{id}"><persName>Nell Sample</persName></person>\n</listPerson>\n'


def test_an_empty_xml_id_is_one_message_in_check_and_in_loading(tmp_path):
    folder = tmp_path / "authority"
    folder.mkdir()
    (folder / "people.xml").write_text(ENTRY.format(id=""), encoding="utf-8")
    checked = CliRunner().invoke(main, ["authority", "check", "--authority", str(folder)])
    assert checked.exit_code == 1, checked.output
    with pytest.raises(UsageError) as loaded:
        load_authority((folder,))
    said = "authority entry xml:id '' is not an XML name"
    assert "people.xml:2: error: " + said in checked.output, checked.output
    assert "people.xml:2: " + said in str(loaded.value), loaded.value


@pytest.mark.parametrize(
    "kind, make",
    [
        ("not well-formed", lambda p: p.write_text("<listPerson><person>", encoding="utf-8")),
        ("doctype", lambda p: p.write_text('<!DOCTYPE x>\n<listPerson xmlns="http://www.tei-c.org/ns/1.0"/>\n')),
        ("binary", lambda p: p.write_bytes(b"\x00\x01\x02\xff binary")),
        ("folder", lambda p: p.mkdir()),
    ],
)
def test_authority_check_says_an_unusable_file_is_a_usage_error(tmp_path, kind, make):
    folder = tmp_path / "authority"
    folder.mkdir()
    make(folder / "people.xml")
    result = CliRunner().invoke(main, ["authority", "check", "--authority", str(folder)])
    assert result.exit_code == 2, (kind, result.output)
    assert "people.xml" in result.output, result.output
    (folder / "places.xml").write_text(ENTRY.format(id="p1"), encoding="utf-8")  # a usable file beside it
    assert CliRunner().invoke(main, ["authority", "check", "--authority", str(folder)]).exit_code == 2
