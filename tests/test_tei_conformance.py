"""Every TEI file the encoder writes for the corpus and fixtures is valid against tei_all."""

from conftest import CORPUS, FIXTURES, SETTINGS
from tei_encoder.pipeline import encode_record, record_files


def test_corpus_and_fixtures_valid_against_tei_all(tmp_path, tei_all):
    written = []
    for path in record_files([CORPUS, FIXTURES]):
        result = encode_record(path, SETTINGS)
        assert result.ok, f"{path}: {result.error}"
        out = tmp_path / f"{path.parent.name}-{path.stem}.xml"
        out.write_bytes(result.tei)
        written.append(out)
    assert len(written) >= 7
    assert tei_all.errors(written) == ""
