"""An output folder that a command would read back as input, or write over its input with (issue 13):
refused up front in one line, exit 2, nothing written (cli.output_overlap, one rule for build and publish)."""

from click.testing import CliRunner
from conftest import record

from tei_encoder.cli import main

TEI = (
    '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Made up</title></titleStmt>'
    "<publicationStmt><p>ours</p></publicationStmt><sourceDesc><p>invented</p></sourceDesc></fileDesc></teiHeader>"
    "<text><body><p>A sentence of our own.</p></body></text></TEI>"
)


def _run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def _refused(result, words: str) -> None:
    lines = result.output.strip().splitlines()
    assert result.exit_code == 2, result.output
    assert len(lines) == 1 and lines[0].startswith("tei-encoder: error: -o") and words in lines[0], result.output


def test_a_build_into_its_own_corpus_folder_is_refused_before_anything_is_written(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "one.txt").write_text(record("A paragraph of our own.\n"), encoding="utf-8")
    before = sorted(p.name for p in corpus.iterdir())
    for output in (corpus, tmp_path / "c" / "."):
        _refused(_run("build", corpus, "-o", output, "--no-search", "-q"), "is the input folder")
    assert sorted(p.name for p in corpus.iterdir()) == before  # no tei/, site/ or state left to trip the next run


def test_a_build_of_its_own_output_tei_is_refused(tmp_path):
    (tmp_path / "b" / "tei").mkdir(parents=True)
    _refused(_run("build", tmp_path / "b" / "tei", "-o", tmp_path / "b", "-q"), "would be overwritten")


def test_publish_refuses_a_site_inside_an_input_folder_and_an_input_inside_the_sites_tei_folder(tmp_path):
    folder = tmp_path / "tei"
    folder.mkdir()
    (folder / "doc.xml").write_text(TEI, encoding="utf-8")
    _refused(_run("publish", folder, "-o", folder / "site", "--no-search"), "lies inside the input folder")
    _refused(_run("publish", folder, "-o", tmp_path, "--no-search"), "which is the input")
    _refused(_run("publish", folder / "doc.xml", "-o", tmp_path, "--no-search"), "which holds the input")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tei"] and [p.name for p in folder.iterdir()] == ["doc.xml"]
