"""Benchmarks: throughput per stage, end-to-end time, peak memory and growth from 1,000 to 10,000
records; incremental rebuilds; tei-encoder validate against jing + tei_all; big records.

    python benchmarks/run.py                      # 1,000 and 10,000 records, --jobs 2
    python benchmarks/run.py --dense              # the same with the entity-dense stress corpus
    python benchmarks/run.py --sizes 200 --quick  # a smoke run

The corpus profiles are described in make_corpus.py: "realistic" is calibrated on the seed
record (entities per record, mentions per character), "dense" names ~8x more entities per record.

Writes benchmarks/out/results-<profile>.json and prints a report. Needs `jing` for the validation ratio and
../shared/tei/tei_all.rng (or --rng FILE).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from make_corpus import make_corpus  # noqa: E402


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry))
            except (OSError, ValueError, IndexError):
                pass
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        todo.extend(children.get(p, []))
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def run(cmd: list[str]) -> tuple[float, float, subprocess.CompletedProcess | None]:
    """Wall time and peak memory (whole process tree, sampled every 0.2 s) of a command."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0.0
    stop = threading.Event()

    def sample():
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, tree_rss_mb(proc.pid))
            stop.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    stop.set()
    sampler.join()
    return time.perf_counter() - started, peak, subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def tei_encoder(*args: str) -> list[str]:
    return [sys.executable, "-m", "tei_encoder.cli", *args]


def bench_size(n: int, jobs: int, rng: Path | None, dense: bool = False) -> dict:
    suffix = "-dense" if dense else ""
    corpus = make_corpus(n, OUT / f"corpus-{n}{suffix}", dense=dense)
    build = OUT / f"build-{n}{suffix}"
    shutil.rmtree(build, ignore_errors=True)
    stats = OUT / f"stats-{n}{suffix}.json"
    authority = str(ROOT / "corpus" / "authority")
    common = ["--authority", authority, "-q", "--jobs", str(jobs)]
    seconds, peak, done = run(
        tei_encoder("build", str(corpus), "-o", str(build), "--force", "--stats", str(stats), *common)
    )
    assert done.returncode == 0, done.stderr[-2000:]
    st = json.loads(stats.read_text())
    result = {
        "records": n,
        "build_s": seconds,
        "peak_mb": peak,
        "per_record_ms": seconds / n * 1000,
        "stage_cpu_s": st["stage_seconds"],
    }
    result["stage_records_per_s"] = {k: n / v * jobs for k, v in st["stage_seconds"].items() if k != "overviews" and v}
    seconds, _, done = run(tei_encoder("build", str(corpus), "-o", str(build), *common))
    result["nochange_rebuild_s"] = seconds
    victim = corpus / "rec000007.txt"
    original = victim.read_text(encoding="utf-8")
    body_start = original.index("Translation - English")
    # an edit in the document text, then one in the summary (which the index page shows)
    edits = {
        "one_change_rebuild_s": original[:body_start] + original[body_start:].replace(" the ", " a ", 1),
        "one_summary_change_rebuild_s": original.replace("Summary:\n\n", "Summary:\n\nRevised. ", 1)
        if "Summary:" in original
        else original[:body_start] + original[body_start:].replace(" the ", " this ", 1),
    }
    for key, text in edits.items():
        victim.write_text(text, encoding="utf-8")
        seconds, _, done = run(tei_encoder("build", str(corpus), "-o", str(build), "--stats", str(stats), *common))
        result[key] = seconds
        result[key[:-2] + "_stats"] = {
            k: json.loads(stats.read_text())[k] for k in ("encoded", "published", "overview_pages")
        }
    victim.write_text(original, encoding="utf-8")
    run(tei_encoder("build", str(corpus), "-o", str(build), *common))
    tei_files = sorted(str(p) for p in (build / "tei").glob("*.xml"))
    seconds, _, done = run(tei_encoder("validate", str(build / "tei")))
    assert done.returncode == 0, done.stdout[-2000:]
    result["validate_s"] = seconds
    if rng and shutil.which("jing"):
        seconds, _, done = run(["jing", str(rng), *tei_files])
        result["jing_tei_all_s"] = seconds
        result["validate_vs_jing"] = result["validate_s"] / seconds
    return result


def bench_big_records() -> list[dict]:
    from tei_encoder.pipeline import EncodeSettings, encode_record

    settings = EncodeSettings(authority=(ROOT / "corpus" / "authority",))
    seed = (ROOT / "corpus" / "000_6c3a4dfe0217feee.txt").read_text(encoding="utf-8")
    header, body = seed.split("Translation - English\n", 1)
    results = []
    encode_record(ROOT / "corpus" / "000_6c3a4dfe0217feee.txt", settings)  # warm caches
    for mb in (1, 2, 5):
        repeats = int(mb * 1_000_000 / len(body)) + 1
        path = OUT / f"big-{mb}mb.txt"
        path.write_text(
            header + "Translation - English\n" + "\n\n".join([body.rsplit("AMBASSADOR", 1)[0]] * repeats),
            encoding="utf-8",
        )
        tracemalloc.start()
        started = time.perf_counter()
        outcome = encode_record(path, settings)
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        assert outcome.ok, outcome.error
        size = path.stat().st_size / 1e6
        results.append(
            {
                "mb": round(size, 2),
                "seconds": seconds,
                "s_per_mb": seconds / size,
                "peak_mb": peak,
                "peak_per_mb": peak / size,
            }
        )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description="tei-encoder benchmarks")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--rng", type=Path, default=ROOT.parent / "shared" / "tei" / "tei_all.rng")
    parser.add_argument("--quick", action="store_true", help="skip the big-record benchmark")
    parser.add_argument(
        "--dense", action="store_true", help="the entity-dense stress corpus instead of the realistic one"
    )
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}"
    profile = "dense" if args.dense else "realistic"
    rng = args.rng if args.rng.exists() else None
    results = {
        "machine": machine,
        "jobs": args.jobs,
        "corpus": profile,
        "sizes": [bench_size(n, args.jobs, rng, args.dense) for n in args.sizes],
    }
    if not args.quick:
        results["big_records"] = bench_big_records()
    (OUT / f"results-{profile}.json").write_text(json.dumps(results, indent=2))
    print(f"machine: {machine}; --jobs {args.jobs}; corpus: {profile}")
    for r in results["sizes"]:
        print(
            f"\n{r['records']} records: build {r['build_s']:.1f} s ({r['per_record_ms']:.2f} ms/record), peak memory {r['peak_mb']:.0f} MB"
        )
        print(
            "  per stage (records/s with all workers): "
            + ", ".join(f"{k} {v:.0f}" for k, v in r["stage_records_per_s"].items())
        )
        print(f"  overviews (index, registers, entry pages): {r['stage_cpu_s'].get('overviews', 0):.1f} s")
        print(
            f"  no-change rebuild {r['nochange_rebuild_s']:.2f} s; one record's text edited {r['one_change_rebuild_s']:.2f} s "
            f"{r['one_change_rebuild_stats']}; its summary edited {r['one_summary_change_rebuild_s']:.2f} s {r['one_summary_change_rebuild_stats']}"
        )
        line = f"  validate {r['validate_s']:.1f} s"
        if "jing_tei_all_s" in r:
            line += f"; jing + tei_all {r['jing_tei_all_s']:.1f} s; ratio tei-encoder/jing {r['validate_vs_jing']:.2f}"
        print(line)
    if len(results["sizes"]) > 1:
        a, b = results["sizes"][0], results["sizes"][-1]
        print(f"\nper-record time at {b['records']} / at {a['records']}: {b['per_record_ms'] / a['per_record_ms']:.2f}")
    for big in results.get("big_records", []):
        print(
            f"big record {big['mb']} MB: {big['seconds']:.2f} s ({big['s_per_mb']:.2f} s/MB), peak {big['peak_mb']:.0f} MB ({big['peak_per_mb']:.1f} MB per MB)"
        )


if __name__ == "__main__":
    main()
