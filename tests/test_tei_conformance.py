"""Every TEI file the encoder writes for the corpus and fixtures is valid: project schema, rules, tei_all."""

import pytest
from conftest import CORPUS, FIXTURES, ROOT, SETTINGS

from tei_encoder.pipeline import encode_record, record_files
from tei_encoder.validate import Validator

HELDOUT = ROOT / "tests" / "fixtures" / "heldout"


@pytest.fixture(scope="module")
def encoded_all(tmp_path_factory):
    """The TEI of every record of the corpus, the fixtures and the held-out set, written once for
    both checks (read-only)."""
    folder = tmp_path_factory.mktemp("conformance")
    written = []
    for path in record_files([CORPUS, FIXTURES, HELDOUT]):
        result = encode_record(path, SETTINGS)
        assert result.ok, f"{path}: {result.error}"
        out = folder / f"{path.parent.name}-{path.stem}.xml"
        out.write_bytes(result.tei)
        written.append(out)
    assert len(written) >= 11
    return written


def test_valid_against_project_schema_and_rules(encoded_all):
    problems = Validator().check_files(encoded_all)
    assert [d.text() for d in problems if d.severity == "error"] == []


def test_valid_against_tei_all(encoded_all, tei_all):
    assert tei_all.errors(encoded_all) == ""
