"""Under a virtual-memory limit too low for SaxonC's isolate (`ulimit -v 3000000`, as some CI
runners set), publishing is one usage line saying what it needs, exit 2 — not SaxonC's own fatal
two lines — and what runs without Saxon (encode, validate) keeps working (#13)."""

import resource
import subprocess
import sys

import pytest
from conftest import record

LIMIT = 3_000_000 * 1024  # `ulimit -v 3000000` (KB)
TEI_ENCODER = [sys.executable, "-m", "tei_encoder.cli"]


def _limited():
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*TEI_ENCODER, *args], capture_output=True, text=True, timeout=120, preexec_fn=_limited)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ulimit") / "corpus"
    folder.mkdir()
    (folder / "fair.txt").write_text(record("The delegates opened the trade fair.\n"), encoding="utf-8")
    return folder


def test_encode_and_validate_work_under_the_limit(corpus):
    tei = corpus.parent / "fair.xml"
    encoded = _run("encode", str(corpus / "fair.txt"), "-o", str(tei), "-q")
    assert encoded.returncode == 0, encoded.stderr
    checked = _run("validate", str(tei))
    assert checked.returncode == 0, checked.stdout + checked.stderr


@pytest.mark.parametrize("command", ["publish", "build"])
def test_publishing_under_the_limit_is_one_line_saying_what_it_needs(corpus, command):
    tei = corpus.parent / "fair.xml"
    if not tei.exists():
        assert _run("encode", str(corpus / "fair.txt"), "-o", str(tei), "-q").returncode == 0
    args = {
        "publish": ["publish", str(tei), "-o", str(corpus.parent / "site")],
        "build": ["build", str(corpus), "-o", str(corpus.parent / "out"), "--no-search", "-q"],
    }[command]
    result = _run(*args)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "publishing needs about" in lines[0] and "`ulimit -v` allows 2.9 GB: raise it" in lines[0], lines[0]
    assert "Fatal error" not in result.stderr + result.stdout and "graal" not in result.stderr
