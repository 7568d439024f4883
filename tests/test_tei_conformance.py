"""Every TEI file the encoder writes for the corpus and fixtures is valid: project schema, rules, tei_all."""

from pathlib import Path

from conftest import CORPUS, FIXTURES, ROOT, SETTINGS

from tei_encoder.pipeline import encode_record, record_files
from tei_encoder.validate import Validator

HELDOUT = ROOT / "tests" / "fixtures" / "heldout"


def tei_all_inputs(folder: Path) -> list[Path]:
    """The TEI of every record of the corpus, the fixtures and the held-out set, written once for
    both checks (read-only; checked against tei_all with the session's other inputs)."""
    written = []
    for path in record_files([CORPUS, FIXTURES, HELDOUT]):
        result = encode_record(path, SETTINGS)
        assert result.ok, f"{path}: {result.error}"
        out = folder / f"{path.parent.name}-{path.stem}.xml"
        out.write_bytes(result.tei)
        written.append(out)
    assert len(written) >= 11
    return written


def test_valid_against_project_schema_and_rules(tei_all_verdicts):
    encoded_all = tei_all_verdicts.files("test_tei_conformance")
    assert len(encoded_all) >= 11
    problems = Validator().check_files(encoded_all)
    assert [d.text() for d in problems if d.severity == "error"] == []


def test_valid_against_tei_all(tei_all_verdicts):
    encoded_all = tei_all_verdicts.files("test_tei_conformance")
    assert len(encoded_all) >= 11
    assert {f.name: tei_all_verdicts.errors(f) for f in encoded_all if tei_all_verdicts.errors(f)} == {}
