"""Every TEI file the encoder writes for the corpus and fixtures is valid: project schema, rules, tei_all."""

from conftest import CORPUS, FIXTURES, ROOT, SETTINGS

from tei_encoder.pipeline import encode_record, record_files
from tei_encoder.validate import Validator

HELDOUT = ROOT / "tests" / "fixtures" / "heldout"


def _encode_all(tmp_path):
    written = []
    for path in record_files([CORPUS, FIXTURES, HELDOUT]):
        result = encode_record(path, SETTINGS)
        assert result.ok, f"{path}: {result.error}"
        out = tmp_path / f"{path.parent.name}-{path.stem}.xml"
        out.write_bytes(result.tei)
        written.append(out)
    assert len(written) >= 11
    return written


def test_valid_against_project_schema_and_rules(tmp_path):
    problems = Validator().check_files(_encode_all(tmp_path))
    assert [d.text() for d in problems if d.severity == "error"] == []


def test_valid_against_tei_all(tmp_path, tei_all):
    assert tei_all.errors(_encode_all(tmp_path)) == ""
