"""`tei-encoder validate --profile tei-all` against jing + tei_all on a folder of third-party TEI.

    python benchmarks/validate_peer.py /work/peer              # agreement + times
    python benchmarks/validate_peer.py FOLDER --big 10         # also a 10 MB tei-encoder file, both profiles
    python benchmarks/validate_peer.py FOLDER --lxml           # also the verdicts without jing

jing (one process per file, so a fatal error in one file cannot hide the others) is the
reference. For every file the script compares, in each output format (text, json, junit,
github): the verdict (valid or not), and, for files jing could check to the end, every error
line (line, column, message); it also compares the exit status. It prints the disagreements,
the agreement figures, and the wall time of `validate` and of one jing run over all files.
The folder's files are read, never copied.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tei_encoder.tei import TEI_NS, XML_ID  # noqa: E402
from tei_encoder.teiall import find_tei_all  # noqa: E402

JING_LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning|fatal): (?P<msg>.*)$")
OUR_LINE = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): (?P<msg>.*?)(?: \[[^\]]*\])?$"
)
GITHUB_LINE = re.compile(
    r"^::(?P<sev>error|warning) file=(?P<file>[^,]*),line=(?P<line>\d+),col=(?P<col>\d+),[^:]*::(?P<msg>.*)$"
)


def jing_reference(rng: Path, files: list[str]) -> dict[str, dict]:
    """Per file: verdict, error lines and whether jing stopped on a fatal error (one run per file)."""
    reference = {}
    for name in files:
        done = subprocess.run(["jing", str(rng), name], capture_output=True, text=True)
        errors, fatal = Counter(), False
        for line in done.stdout.splitlines():
            m = JING_LINE.match(line)
            if m is None or m.group("sev") == "fatal":
                fatal = fatal or bool(line.strip())
            elif m.group("sev") == "error":
                errors[(int(m.group("line")), int(m.group("col")), m.group("msg"))] += 1
        reference[name] = {"valid": done.returncode == 0 and not errors and not fatal, "errors": errors, "fatal": fatal}
    return reference


def run_ours(files: list[str], fmt: str, *extra: str) -> tuple[int, str, float]:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "tei_encoder.cli", "validate", "--format", fmt, *extra, *files],
        capture_output=True,
        text=True,
    )
    return done.returncode, done.stdout, time.perf_counter() - start


def parse_report(fmt: str, output: str, files: list[str]) -> dict[str, dict]:
    """Per file: our verdict and our error lines, read back from the report as a CI system would."""
    ours = {f: {"valid": True, "errors": Counter()} for f in files}
    if fmt == "json":
        for entry in json.loads(output)["files"]:
            ours[entry["file"]]["valid"] = entry["valid"]
            for p in entry["problems"]:
                if p["severity"] == "error" and p["source"] == "rng":
                    ours[entry["file"]]["errors"][(p["line"], p["column"], p["message"])] += 1
    elif fmt == "junit":
        for case in etree.fromstring(output.encode()).iter("testcase"):
            outcome = case.find("failure") if case.find("failure") is not None else case.find("error")
            ours[case.get("name")]["valid"] = outcome is None
            for line in (outcome.text or "").splitlines() if outcome is not None else []:
                m = OUR_LINE.match(line)
                if m and m.group("file") == case.get("name"):
                    ours[m.group("file")]["errors"][(int(m.group("line")), int(m.group("col")), m.group("msg"))] += 1
    else:
        pattern = GITHUB_LINE if fmt == "github" else OUR_LINE
        for line in output.splitlines():
            m = pattern.match(line)
            if m and m.group("sev") == "error":
                name = (
                    m.group("file")
                    if fmt == "text"
                    else os.path.normpath(m.group("file").replace("%3A", ":").replace("%2C", ","))
                )
                name = next((f for f in files if os.path.abspath(f) == os.path.abspath(name)), name)
                message = m.group("msg").replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")
                ours[name]["valid"] = False
                if not message.startswith(("refused:", "not checked:", "not well-formed XML:")):
                    ours[name]["errors"][(int(m.group("line")), int(m.group("col")), message)] += 1
    return ours


def compare(reference: dict, ours: dict) -> tuple[int, int, int, int, list[str]]:
    """(verdicts matching, files, error lines matching, jing error lines, disagreements)."""
    verdicts = lines_ok = lines_all = 0
    notes = []
    for name, ref in reference.items():
        mine = ours[name]
        verdicts += ref["valid"] == mine["valid"]
        if ref["valid"] != mine["valid"]:
            notes.append(
                f"{name}: verdict jing={'valid' if ref['valid'] else 'not valid'}, ours={'valid' if mine['valid'] else 'not valid'}"
            )
        if ref["fatal"]:
            continue  # jing stopped: its lines are not the whole story; the verdict is compared
        lines_all += sum(ref["errors"].values())
        lines_ok += sum((ref["errors"] & mine["errors"]).values())
        for extra in (mine["errors"] - ref["errors"]).elements():
            notes.append(f"{name}: only ours: {extra}")
        for missing in (ref["errors"] - mine["errors"]).elements():
            notes.append(f"{name}: only jing: {missing}")
    return verdicts, len(reference), lines_ok, lines_all, notes


def big_file(size_mb: float, folder: Path) -> Path:
    """A valid tei-encoder file of about size_mb: the seed record encoded, its paragraphs repeated
    (ids renamed, so every pointer still resolves) until the file has the size asked for."""
    from tei_encoder.pipeline import EncodeSettings, encode_record, record_files

    settings = EncodeSettings(authority=(ROOT / "corpus" / "authority",), change_date="2026-01-01")
    seed = record_files([ROOT / "corpus"])[0]
    tree = etree.fromstring(encode_record(seed, settings).tei)
    ns = {"t": TEI_NS}
    xml_id = XML_ID
    paragraphs = tree.findall(".//t:body/t:div//t:p", ns)
    last = paragraphs[-1]
    one = sum(len(etree.tostring(p)) for p in paragraphs)
    for i in range(max(1, int(size_mb * 1024 * 1024 / one))):
        for p in paragraphs:
            copy = etree.fromstring(etree.tostring(p))
            for el in copy.iter():
                if el.get(xml_id):
                    el.set(xml_id, f"{el.get(xml_id)}-{i}")
            last.addnext(copy)
            last = copy
    path = folder / "big.xml"
    etree.ElementTree(tree).write(str(path), encoding="UTF-8", xml_declaration=True)
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--rng", type=Path, help="tei_all.rng (default: as validate finds it)")
    parser.add_argument("--big", type=float, metavar="MB", help="also time a tei-encoder file of this size")
    parser.add_argument("--lxml", action="store_true", help="also compare the verdicts without jing (lxml RELAX NG)")
    args = parser.parse_args()
    if not shutil.which("jing"):
        sys.exit("jing is not installed: it is the reference")
    rng = find_tei_all(args.rng)
    os.environ["TEI_ALL_RNG"] = str(rng)
    files = sorted(str(p) for p in args.folder.rglob("*.xml"))
    reference = jing_reference(rng, files)
    # jing stops at the first fatal error, so its one run covers the files it can check to the end
    checkable = [f for f in files if not reference[f]["fatal"]]
    start = time.perf_counter()
    subprocess.run(["jing", str(rng), *checkable], capture_output=True)
    jing_time = time.perf_counter() - start
    expected_exit = 0 if all(r["valid"] for r in reference.values()) else 1
    print(
        f"{len(files)} files; jing: {sum(r['valid'] for r in reference.values())} valid, "
        f"{sum(r['fatal'] for r in reference.values())} stopped on a fatal error"
    )
    times = []
    for fmt in ("text", "json", "junit", "github"):
        code, output, took = run_ours(files, fmt, "--profile", "tei-all")
        times.append(took)
        verdicts, total, ok, all_lines, notes = compare(reference, parse_report(fmt, output, files))
        print(
            f"{fmt:7} verdicts {verdicts}/{total}, error lines {ok}/{all_lines}, exit {code} (jing: {expected_exit}), {took:.2f} s"
        )
        for note in notes[:10]:
            print("   ", note[:200])
    print(
        f"time: validate --profile tei-all {min(times):.2f} s (all {len(files)} files, TEI constraints included), "
        f"jing {jing_time:.2f} s (one run over the {len(checkable)} files it can check to the end)"
    )
    _, _, bare = run_ours(checkable, "text", "--profile", "tei-all", "--tei-constraints", "off")
    print(f"time: validate --profile tei-all --tei-constraints off on those {len(checkable)} files: {bare:.2f} s")
    if args.lxml:
        from tei_encoder.reports import file_statuses
        from tei_encoder.validate import Validator

        start = time.perf_counter()
        found = Validator(profile="tei-all", jing=False, tei_constraints="off").check_files([Path(f) for f in files])
        statuses = file_statuses(found, files)
        agree = sum((statuses[f][0] == "valid") == reference[f]["valid"] for f in files)
        print(f"without jing (lxml): verdicts {agree}/{len(files)}, {time.perf_counter() - start:.2f} s")
    if args.big:
        with tempfile.TemporaryDirectory() as tmp:
            path = big_file(args.big, Path(tmp))
            mb = path.stat().st_size / 1024 / 1024
            start = time.perf_counter()
            subprocess.run(["jing", str(rng), str(path)], capture_output=True)
            jing_big = time.perf_counter() - start
            for profile in ("tei-encoder", "tei-all"):
                code, output, took = run_ours([str(path)], "text", "--profile", profile)
                print(
                    f"{mb:.1f} MB file, --profile {profile}: {took:.2f} s (exit {code}); jing {jing_big:.2f} s; "
                    f"{output.strip().splitlines()[-1]}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
