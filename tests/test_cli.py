"""The command line: output routing, exit codes, determinism, --help everywhere."""

import os
import subprocess
import sys

from click.testing import CliRunner
from conftest import AUTHORITY, CORPUS, FIXTURES, SEED

from tei_encoder.cli import main


def run(*args, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env, catch_exceptions=False)


def test_version_and_help():
    assert "tei-encoder, version" in run("--version").output
    for command in ("encode", "build", "entities", "validate", "publish"):
        result = run(command, "--help")
        assert result.exit_code == 0 and "Usage:" in result.output, command


def test_encode_to_stdout():
    result = run("encode", SEED, "--authority", AUTHORITY)
    assert result.exit_code == 0
    assert result.stdout.startswith("<?xml") and "wcda-188144" in result.stdout


def test_encode_one_file_to_file(tmp_path):
    out = tmp_path / "seed.xml"
    assert run("encode", SEED, "-o", out).exit_code == 0
    assert out.read_bytes().startswith(b"<?xml")


def test_encode_folder_to_folder(tmp_path):
    result = run("encode", FIXTURES, "-o", tmp_path / "out", "--authority", AUTHORITY)
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == sorted(p.stem + ".xml" for p in FIXTURES.glob("*.txt"))


def test_batch_goes_on_past_a_bad_record(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a_good.txt").write_bytes(SEED.read_bytes())
    (src / "b_empty.txt").write_bytes(b"")
    (src / "c_good.txt").write_bytes(SEED.read_bytes())
    result = run("encode", src, "-o", tmp_path / "out", "--authority", AUTHORITY)
    assert result.exit_code == 1
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a_good.xml", "c_good.xml"]
    assert f"{src / 'b_empty.txt'}: error: file is empty" in result.stderr
    assert "Traceback" not in result.output


def test_usage_errors_exit_2(tmp_path):
    assert run("encode", tmp_path / "missing.txt").exit_code == 2
    assert run("encode", FIXTURES).exit_code == 2  # several records, no -o
    assert run("encode", SEED, "--date", "yesterday").exit_code == 2


def test_deterministic_and_source_date_epoch(tmp_path):
    a = run("encode", SEED, env={"SOURCE_DATE_EPOCH": "1700000000"}).stdout_bytes
    b = run("encode", SEED, env={"SOURCE_DATE_EPOCH": "1700000000"}).stdout_bytes
    assert a == b and b'when="2023-11-14"' in a
    plain = run("encode", SEED, env={"SOURCE_DATE_EPOCH": ""}).stdout_bytes
    assert b"<change who=" in plain  # no clock read without an explicit date


def test_console_script_installed():
    done = subprocess.run([sys.executable, "-m", "tei_encoder.cli", "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and "0." in done.stdout


def test_build_writes_tei(tmp_path):
    result = run("build", CORPUS, "-o", tmp_path / "b")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "b" / "tei" / "000_6c3a4dfe0217feee.xml").exists()
    assert "build: 1 record:" in result.stderr


def test_a_corpus_that_is_a_file_or_a_pipe_is_never_said_not_to_exist(tmp_path):
    record_file = tmp_path / "r.txt"
    record_file.write_text("a record", encoding="utf-8")
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    for command in ("build", "review"):
        for path, said in ((record_file, "is a file, not a folder"), (pipe, "is a named pipe (FIFO), not a folder")):
            result = run(command, str(path), "-o", str(tmp_path / "out"))
            assert result.exit_code == 2, result.output
            assert said in result.output and "does not exist" not in result.output
        missing = run(command, str(tmp_path / "nowhere"), "-o", str(tmp_path / "out"))
        assert missing.exit_code == 2 and "corpus does not exist" in missing.output


def test_several_records_and_an_xml_file_name_for_o_is_a_usage_error(tmp_path):
    # `-o one.xml` for two records made a folder named one.xml, quietly
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_bytes(SEED.read_bytes())
    result = run("encode", tmp_path / "a.txt", tmp_path / "b.txt", "-o", tmp_path / "one.xml")
    assert result.exit_code == 2 and "2 records need -o FOLDER" in result.stderr
    assert not (tmp_path / "one.xml").exists()
