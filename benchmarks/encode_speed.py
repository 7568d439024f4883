"""Median encode time per record (read, parse, enrich, write) for seed-sized records.

    python benchmarks/encode_speed.py                 # the seed record and the fixture records
    python benchmarks/encode_speed.py --repeat 50 FILE...
    python benchmarks/encode_speed.py --cpu           # CPU time of this process (steadier on a busy machine)
    python benchmarks/make_corpus.py 300 /tmp/c && python benchmarks/encode_speed.py --cpu --by-size --repeat 3 /tmp/c/*.txt
                                                      # medians by record size on realistic records
    python benchmarks/encode_speed.py --seed-sized --base ../base [--base-python ../venv-base/bin/python]
                                                      # issue 12's measure: this checkout against another one

--seed-sized: 40 realistic records of the seed's size (6-9 KB, made by make_corpus.py into
benchmarks/out/corpus-300). --base DIR: this checkout and the checkout DIR (each its own code and
corpus/authority, the same records) are measured in turn in fresh processes, --rounds times, by
the CPU time of encode_record (without the schema check); each prints the median over the records
of each record's median of --repeat runs, and the ratio this/base per round and over the rounds.
The caches keyed by a record's strings (tokens and their keys, a text's word kinds) are emptied once
the record is tagged, so a record encoded again right after itself finds only its words in the caches
keyed by a word, as a build, encoding each record once, finds the words of the records before it:
--first times each record's first encode instead, after 60 other records of the corpus (warm
recogniser and word caches), one run per record.

--same-process (with --base): the two checkouts in one process instead, each as a copy of its package
under a name of its own (and its own corpus/authority), taking turns record by record in a random
order, a fresh process per round: a load that rises or falls while it runs (other jobs on the
machine) then weighs on both alike, where whole processes taken one after another can differ by a
third. The process's Python must have what both checkouts import (--base-python is unused).

The recogniser is built once (as in a build); each record is encoded `--repeat` times after one
warm-up run, and the median over all runs is reported in milliseconds.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tei_encoder.pipeline import EncodeSettings, encode_record  # noqa: E402

DEFAULT = sorted(ROOT.glob("corpus/*.txt")) + sorted((ROOT / "tests" / "fixtures" / "records").glob("*.txt"))


def median_ms(paths: list[Path], repeat: int, cpu: bool = False) -> dict[str, float]:
    """Median encode time in ms per record path, and over all of them ("all"); wall clock, or with
    `cpu` the process's CPU time (less disturbed by other work on the machine)."""
    clock = time.process_time if cpu else time.perf_counter
    settings = EncodeSettings(authority=(ROOT / "corpus" / "authority",))
    for path in paths:
        encode_record(path, settings)  # warm-up: caches, the recogniser
    per: dict[str, float] = {}
    every: list[float] = []
    for path in paths:
        runs = []
        for _ in range(repeat):
            started = clock()
            encode_record(path, settings)
            runs.append((clock() - started) * 1000)
        per[path.name] = statistics.median(runs)
        every += runs
    per["all"] = statistics.median(every)
    return per


SIZE_BINS = ((0, 3000), (3000, 6000), (6000, 9000), (9000, 1 << 40))  # bytes


def by_size(paths: list[Path], per: dict[str, float]) -> list[tuple[str, int, float]]:
    """(size range, records, median of the records' median ms) for each SIZE_BINS range holding records."""
    rows = []
    for low, high in SIZE_BINS:
        times = [per[p.name] for p in paths if low <= p.stat().st_size < high]
        if times:
            label = f"{low // 1000}-{high // 1000} KB" if high < 1 << 40 else f">= {low // 1000} KB"
            rows.append((label, len(times), statistics.median(times)))
    return rows


# run in a fresh process with a checkout's code on PYTHONPATH; written for that checkout's API too
# (an older encode_record has no `check`): argv authority, repeat, record paths; prints milliseconds
# (with repeat 0: the first `warm` paths are encoded once untimed, then each other record once, timed: its
# first encode, as a build encodes it)
_MEASURE = """
import inspect, statistics, sys, time
from pathlib import Path
from tei_encoder.pipeline import EncodeSettings, encode_record
authority, repeat, warm, *paths = sys.argv[1:]
settings = EncodeSettings(authority=(Path(authority),))
kw = {"check": False} if "check" in inspect.signature(encode_record).parameters else {}
for path in map(Path, paths[: int(warm)]):
    encode_record(path, settings, **kw)
medians = []
for path in map(Path, paths[int(warm) :]):
    if int(repeat):
        encode_record(path, settings, **kw)
    runs = []
    for _ in range(int(repeat) or 1):
        started = time.process_time()
        encode_record(path, settings, **kw)
        runs.append(time.process_time() - started)
    medians.append(statistics.median(runs))
print(statistics.median(medians) * 1000)
"""


def seed_sized(count: int = 40) -> list[Path]:
    """The first `count` records of 6-9 KB (the seed's size) of the realistic 300-record corpus."""
    from make_corpus import make_corpus

    folder = make_corpus(300, ROOT / "benchmarks" / "out" / "corpus-300")
    return [p for p in sorted(folder.glob("*.txt")) if 6000 <= p.stat().st_size < 9000][:count]


def warm_up_records(measured: list[Path], count: int = 60) -> list[Path]:
    """`count` records of the 300-record corpus that are not among `measured`: what --first encodes before
    it times anything (the caches and the recogniser warm, none of the measured records' own strings)."""
    taken = {p.resolve() for p in measured}
    folder = ROOT / "benchmarks" / "out" / "corpus-300"
    return [p.resolve() for p in sorted(folder.glob("*.txt")) if p.resolve() not in taken][:count]


def checkout_median_ms(
    checkout: Path, python: str, paths: list[Path], repeat: int, warm: list[Path] | None = None
) -> float:
    """Median over `paths` of each record's median CPU ms, measured with `checkout`'s code and authority;
    with repeat 0, of each record's first encode, after the `warm` records were encoded once."""
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    warm = warm or []
    records = [*map(str, warm), *map(str, paths)]
    argv = [python, "-c", _MEASURE, str(checkout / "corpus" / "authority"), str(repeat), str(len(warm)), *records]
    done = subprocess.run(argv, cwd=checkout, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        sys.exit(f"{checkout}: the measurement failed: {done.stderr.strip().splitlines()[-1:]}")
    return float(done.stdout.split()[-1])


def compare(base: Path, base_python: str, paths: list[Path], repeat: int, rounds: int, first: bool = False) -> None:
    """This checkout against `base`, in alternate fresh processes: per round both medians and the ratio.
    `first`: each record's first encode (after warm_up_records), not the median of `repeat` encodes after one."""
    ratios = []
    warm = warm_up_records(paths) if first else []
    for n in range(1, rounds + 1):
        this = checkout_median_ms(ROOT, sys.executable, paths, 0 if first else repeat, warm)
        other = checkout_median_ms(base.resolve(), base_python, paths, 0 if first else repeat, warm)
        ratios.append(this / other)
        print(f"round {n}: this {this:6.2f} ms  base {other:6.2f} ms  ratio {this / other:.3f}")
    print(f"{len(paths)} records, median ratio over {rounds} rounds: {statistics.median(ratios):.3f}")


def copy_checkout(code: Path, home: Path, package: str) -> None:
    """A copy of checkout CODE's tei_encoder in HOME as the package PACKAGE (importable beside another
    checkout's), with the schema/ and corpus/authority beside it; the names by which the package finds
    its data files (resources.files("tei_encoder.data")) renamed with it, so that it reads its own."""
    shutil.copytree(code / "tei_encoder", home / package, ignore=shutil.ignore_patterns("__pycache__"))
    for module in (home / package).rglob("*.py"):
        source = module.read_text(encoding="utf-8")
        if '"tei_encoder.' in source:
            module.write_text(source.replace('"tei_encoder.', f'"{package}.'), encoding="utf-8")
    shutil.copytree(code / "schema", home / "schema")
    shutil.copytree(code / "corpus" / "authority", home / "corpus" / "authority")


# the stages --phases times, as (module of the package, function looked up there, label): read, parse,
# enrich (and inside it the name rules' learning and the tagging of each string), write
PHASES = (
    ("pipeline", "read_record", "read"),
    ("pipeline", "parse_record", "parse"),
    ("pipeline", "enrich", "enrich"),
    ("enrich.entities", "_propagate_listed_short_forms", "enrich: short forms"),
    ("enrich.entities", "_learn_local_names", "enrich: learning"),
    ("enrich.entities", "rewrite_text", "enrich: tagging"),
    ("pipeline", "tei_tree", "write: tree"),
    ("pipeline", "serialize", "write: bytes"),
)


def _timed_phases(package: str, clock: dict[str, float]) -> None:
    """Wrap the PHASES functions of `package` (where its callers look them up) so that the CPU time
    spent in each is added to clock[label] (outermost calls only: rewrite_text calls itself)."""
    for module_name, function, label in PHASES:
        module = importlib.import_module(f"{package}.{module_name}")
        original = getattr(module, function, None)
        if original is None:
            continue  # (an older checkout without that stage)

        def timed(*args, _original=original, _label=label, **kwargs):
            if _label in clock.setdefault("_open", {}):
                return _original(*args, **kwargs)
            clock["_open"][_label] = True
            started = time.process_time()
            try:
                return _original(*args, **kwargs)
            finally:
                clock[_label] = clock.get(_label, 0.0) + time.process_time() - started
                del clock["_open"][_label]

        setattr(module, function, timed)


def measure_together(
    codes: dict[str, Path], paths: list[Path], repeat: int, warm: list[Path], seed: int = 12, phases: bool = False
) -> dict[str, list[float]]:
    """In this process, the tei_encoder of each of CODES (label -> checkout) as a copy of its own
    (the package, schema/ and corpus/authority copied to a temporary folder, the package renamed so
    that all can be imported at once, and the names by which it finds its data files with it): label -> CPU ms of each of `paths`, the checkouts taking turns
    for each run in a random order (SEED). repeat 0: each record's first encode, after the `warm`
    records were encoded once by each; else the median of `repeat` encodes after one untimed.
    `phases`: also "LABEL: STAGE" -> the CPU ms of each record's timed encodes spent in each of PHASES."""
    encoders = {}
    clocks: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for index, (label, code) in enumerate(codes.items()):
            home = Path(tmp) / f"checkout{index}"
            package = f"tei_encoder_{index}"
            copy_checkout(code, home, package)
            sys.path.insert(0, str(home))
            pipeline = importlib.import_module(f"{package}.pipeline")
            if phases:
                _timed_phases(package, clocks.setdefault(label, {}))
            settings = pipeline.EncodeSettings(authority=(home / "corpus" / "authority",))
            encode = pipeline.encode_record
            check = "check" in __import__("inspect").signature(encode).parameters
            encoders[label] = (encode, settings, {"check": False} if check else {})
        for path in warm:
            for encode, settings, kw in encoders.values():
                encode(path, settings, **kw)
        turns = random.Random(seed)
        spent: dict[str, list[float]] = {label: [] for label in encoders}
        for path in paths:
            runs: dict[str, list[float]] = {label: [] for label in encoders}
            if repeat:
                for encode, settings, kw in encoders.values():
                    encode(path, settings, **kw)
            for clock in clocks.values():
                clock.clear()
            for _ in range(repeat or 1):
                order = list(encoders)
                turns.shuffle(order)
                for label in order:
                    encode, settings, kw = encoders[label]
                    started = time.process_time()
                    encode(path, settings, **kw)
                    runs[label].append((time.process_time() - started) * 1000)
            for label in encoders:
                spent[label].append(statistics.median(runs[label]))
            for label, clock in clocks.items():
                for stage, seconds in clock.items():
                    if stage != "_open":
                        spent.setdefault(f"{label}: {stage}", []).append(seconds * 1000 / (repeat or 1))
        for index, _ in enumerate(codes):  # (the copies go with the folder: a later call imports its own)
            sys.path.remove(str(Path(tmp) / f"checkout{index}"))
            for name in [m for m in sys.modules if m.split(".")[0] == f"tei_encoder_{index}"]:
                del sys.modules[name]
    return spent


def compare_together(
    base: Path, paths: list[Path], repeat: int, rounds: int, first: bool = False, phases: bool = False
) -> None:
    """--same-process: this checkout and `base` in one fresh process per round (measure_together),
    per round both medians over the records and the ratio, then the median ratio over the rounds."""
    warm = warm_up_records(paths) if first else []
    ratios = []
    for n in range(1, rounds + 1):
        command = [sys.executable, str(Path(__file__).resolve()), "--together", f"base={base}", f"this={ROOT}"]
        command += ["--repeat", str(0 if first else repeat), "--warm", str(len(warm)), *map(str, [*warm, *paths])]
        command += ["--phases"] if phases else []
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode:
            sys.exit(f"measuring in one process failed: {(done.stderr.strip().splitlines() or ['?'])[-1]}")
        spent = json.loads(done.stdout.strip().splitlines()[-1])
        this, other = statistics.median(spent["this"]), statistics.median(spent["base"])
        ratios.append(this / other)
        print(f"round {n} (one process): this {this:6.2f} ms  base {other:6.2f} ms  ratio {this / other:.3f}")
        for stage in dict.fromkeys(key.partition(": ")[2] for key in spent if ": " in key):
            ours, theirs = spent.get(f"this: {stage}"), spent.get(f"base: {stage}")
            shown = [f"this {statistics.median(ours):6.2f}" if ours else "this      -"]
            shown.append(f"base {statistics.median(theirs):6.2f}" if theirs else "base      -")
            print(f"    {stage:22s} {'  '.join(shown)} ms (median per record)")
    print(f"{len(paths)} records, median ratio over {rounds} rounds: {statistics.median(ratios):.3f}")
    print(f"load average at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, help="runs per record after a warm-up (default 30; 5 with --base)")
    parser.add_argument("--cpu", action="store_true", help="CPU time instead of wall-clock time")
    parser.add_argument("--by-size", action="store_true", help="medians by record size instead of per record")
    parser.add_argument("--seed-sized", action="store_true", help="40 realistic records of 6-9 KB (make_corpus.py)")
    parser.add_argument("--base", type=Path, help="another checkout to compare with (CPU time, fresh processes)")
    parser.add_argument("--base-python", default=sys.executable, help="the Python that runs --base's code")
    parser.add_argument("--rounds", type=int, default=3, help="with --base: alternate measurements of each")
    parser.add_argument(
        "--first",
        action="store_true",
        help="with --base: each record's first encode, after 60 other records (as a build encodes it)",
    )
    parser.add_argument(
        "--same-process", action="store_true", help="with --base: both checkouts in one process, taking turns"
    )
    parser.add_argument(
        "--phases", action="store_true", help="with --same-process: also the median CPU ms of each stage"
    )
    parser.add_argument("--together", nargs=2, metavar="LABEL=CHECKOUT", help=argparse.SUPPRESS)
    parser.add_argument("--warm", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.together:
        codes = {label: Path(code) for label, _, code in (item.partition("=") for item in args.together)}
        warm, measured = args.paths[: args.warm], args.paths[args.warm :]
        print(json.dumps(measure_together(codes, measured, args.repeat or 0, warm, phases=args.phases)))
        return
    paths = args.paths or (seed_sized() if args.seed_sized else DEFAULT)
    if args.base and args.same_process:
        compare_together(
            args.base.resolve(), [p.resolve() for p in paths], args.repeat or 5, args.rounds, args.first, args.phases
        )
        return
    if args.base:
        compare(args.base, args.base_python, [p.resolve() for p in paths], args.repeat or 5, args.rounds, args.first)
        return
    per = median_ms(paths, args.repeat or 30, args.cpu)
    if args.by_size:
        for label, count, ms in by_size(paths, per):
            print(f"{label:12s} {count:5d} records  median {ms:7.2f} ms")
        print(f"{'all':12s} {len(paths):5d} records  median {per['all']:7.2f} ms")
        return
    for name, ms in per.items():
        print(f"{name:40s} {ms:7.2f} ms")


if __name__ == "__main__":
    main()
