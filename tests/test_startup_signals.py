"""Ctrl-C (or SIGTERM) while the command line is still being imported (issue 13): one line and exit
128 + the signal, never a KeyboardInterrupt traceback. The console script's own entry point is run
(read from pyproject.toml), and the signal is sent from inside the import of click, so the test
does not depend on timing."""

import signal
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ENTRY = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]["tei-encoder"]

STOP_DURING_IMPORT = """
import importlib.abc, os, sys
class StopWhileImporting(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name == "click":
            os.kill(os.getpid(), {signum})
        return None
sys.meta_path.insert(0, StopWhileImporting())
sys.argv = ["tei-encoder", "--version"]
from {module} import {function} as entry
entry()
"""


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_stop_while_the_command_line_is_imported_is_one_line(signum):
    module, function = ENTRY.split(":")
    code = STOP_DURING_IMPORT.format(signum=int(signum), module=module, function=function)
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    said = "interrupted" if signum == signal.SIGINT else "stopped by SIGTERM"
    assert (run.returncode, run.stderr, run.stdout) == (128 + signum, f"tei-encoder: {said}\n", "")


def test_the_entry_point_runs_the_command_line():
    module, function = ENTRY.split(":")
    code = f"import sys; sys.argv = ['tei-encoder', '--version']; from {module} import {function} as e; e()"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0 and run.stdout.startswith("tei-encoder, version")
