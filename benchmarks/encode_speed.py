"""Median encode time per record (read, parse, enrich, write) for seed-sized records.

    python benchmarks/encode_speed.py                 # the seed record and the fixture records
    python benchmarks/encode_speed.py --repeat 50 FILE...
    python benchmarks/encode_speed.py --cpu           # CPU time of this process (steadier on a busy machine)
    python benchmarks/make_corpus.py 300 /tmp/c && python benchmarks/encode_speed.py --cpu --by-size --repeat 3 /tmp/c/*.txt
                                                      # medians by record size on realistic records

The recogniser is built once (as in a build); each record is encoded `--repeat` times after one
warm-up run, and the median over all runs is reported in milliseconds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--cpu", action="store_true", help="CPU time instead of wall-clock time")
    parser.add_argument("--by-size", action="store_true", help="medians by record size instead of per record")
    args = parser.parse_args()
    paths = args.paths or DEFAULT
    per = median_ms(paths, args.repeat, args.cpu)
    if args.by_size:
        for label, count, ms in by_size(paths, per):
            print(f"{label:12s} {count:5d} records  median {ms:7.2f} ms")
        print(f"{'all':12s} {len(paths):5d} records  median {per['all']:7.2f} ms")
        return
    for name, ms in per.items():
        print(f"{name:40s} {ms:7.2f} ms")


if __name__ == "__main__":
    main()
