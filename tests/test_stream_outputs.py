"""Messages about where output goes (issue 13): one record's TEI goes to a device given as -o
(/dev/null, /dev/stdout) as to a file; standard output on a full disk is one line naming it; a
record over a tiny size limit says its size in bytes or KB, never "0.00 MB"."""

import os
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import AUTHORITY, record

from tei_encoder.cli import main


def _record(tmp_path):
    path = tmp_path / "one.txt"
    path.write_text(record("A paragraph of our own.\n"), encoding="utf-8")
    return path


def test_one_record_may_be_written_to_a_device(tmp_path):
    result = CliRunner().invoke(
        main, ["encode", str(_record(tmp_path)), "-o", os.devnull, "-q", "--authority", str(AUTHORITY)]
    )
    assert result.exit_code == 0, result.output


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
def test_standard_output_on_a_full_disk_is_one_line_naming_it(tmp_path):
    code = "import sys; from tei_encoder.cli import main; sys.argv[0] = 'tei-encoder'; main()"
    with open("/dev/full", "wb") as full:
        run = subprocess.run(
            [sys.executable, "-c", code, "encode", str(_record(tmp_path)), "-q", "--authority", str(AUTHORITY)],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    assert (run.returncode, run.stderr) == (
        1,
        "tei-encoder: error: cannot write to standard output: No space left on device\n",
    )


def test_a_record_over_a_tiny_limit_says_its_size_in_bytes_or_kb(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(record("A paragraph of our own words.\n\n" * 40), encoding="utf-8")
    result = CliRunner().invoke(main, ["encode", str(path), "--max-record-size", "1e-9", "-q"])
    assert result.exit_code == 2  # below a byte: no limit at all
    result = CliRunner().invoke(
        main,
        [
            "encode",
            str(path),
            "-o",
            str(tmp_path / "x.xml"),
            "--max-record-size",
            "0.001",
            "--authority",
            str(AUTHORITY),
        ],
    )
    size = path.stat().st_size
    expected = f"{size / 1024:.1f} KB"
    assert result.exit_code == 1 and f"file is {expected}, over the 1.0 KB limit" in result.output, result.output
    assert "0.00 MB" not in result.output
