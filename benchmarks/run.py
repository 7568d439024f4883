"""Benchmarks, in one run: the full build of N records (time, records/s, CPU, peak memory as process
RSS), validation against jing on the same files (project schema and rules, and `validate --rng`),
`tei-encoder --help`, the no-change and one-edit rebuilds, per-record medians by record size, the
pool break-even, and big records.

    python benchmarks/run.py                          # 10,000 realistic records, --jobs 2
    python benchmarks/run.py --records 1000 --quick   # a smaller corpus; no big records, no break-even
    python benchmarks/run.py --dense                  # the entity-dense stress corpus

The corpus profiles are described in make_corpus.py: "realistic" is calibrated on the seed
record (entities per record, mentions per character), "dense" names ~8x more entities per record.
Run it on a quiet machine: wall times are what it reports; CPU times (user + system, the process
and its children) are printed beside them, as they hold up better on a busy one.

Writes benchmarks/out/results-<profile>-<N>.json and prints a report. Needs `jing` for the
validation ratios and ../shared/tei/tei_all.rng (or --rng FILE).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from make_corpus import make_corpus  # noqa: E402

AUTHORITY = ROOT / "corpus" / "authority"
SIZE_BINS = [(0, 2), (2, 5), (5, 10), (10, 20), (20, 10**6)]  # record size in KB


def tree_rss_mb(pid: int) -> float:
    """Resident memory (RSS) of a process and all its descendants (Linux /proc)."""
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


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(cmd: list[str], env: dict | None = None) -> dict:
    """Wall time, CPU time (user + system of the command and its children) and peak RSS of the whole
    process tree (sampled every 0.1 s) of a command; `done` is its CompletedProcess."""
    cpu_before = _children_cpu()
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    peak = 0.0
    stop = threading.Event()

    def sample():
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, tree_rss_mb(proc.pid))
            stop.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - started
    stop.set()
    sampler.join()
    done = subprocess.CompletedProcess(cmd, proc.returncode, out, err)
    return {"s": wall, "cpu_s": _children_cpu() - cpu_before, "peak_mb": peak, "done": done}


def tei_encoder(*args: str, before: str = "") -> list[str]:
    """The command line; `before`: Python run first in the same process (to set a constant)."""
    if before:
        return [sys.executable, "-c", f"{before}\nfrom tei_encoder.cli import main\nmain()", *args]
    return [sys.executable, "-m", "tei_encoder.cli", *args]


def median_run(cmd: list[str], times: int) -> dict:
    runs = [run(cmd) for _ in range(times)]
    return {"s": statistics.median(r["s"] for r in runs), "cpu_s": statistics.median(r["cpu_s"] for r in runs)}


def bench_build(n: int, jobs: int, dense: bool) -> tuple[dict, Path, Path]:
    """The full build, then the no-change and one-edit rebuilds."""
    suffix = "-dense" if dense else ""
    corpus = make_corpus(n, OUT / f"corpus-{n}{suffix}", dense=dense)
    build = OUT / f"build-{n}{suffix}"
    shutil.rmtree(build, ignore_errors=True)
    stats = OUT / f"stats-{n}{suffix}.json"
    common = ["--authority", str(AUTHORITY), "-q", "--jobs", str(jobs)]
    full = run(tei_encoder("build", str(corpus), "-o", str(build), "--force", "--stats", str(stats), *common))
    assert full["done"].returncode == 0, full["done"].stderr[-2000:]
    st = json.loads(stats.read_text())
    result: dict = {
        "records": n,
        "build_s": full["s"],
        "build_cpu_s": full["cpu_s"],
        "records_per_s": n / full["s"],
        "peak_rss_mb": full["peak_mb"],
        "stage_seconds": st["stage_seconds"],
    }
    result["nochange_rebuild"] = median_run(tei_encoder("build", str(corpus), "-o", str(build), *common), 3)
    victim = sorted(corpus.glob("*.txt"))[min(7, n - 1)]
    original = victim.read_text(encoding="utf-8")
    body_start = original.index("Translation - English") if "Translation - English" in original else 0
    # an edit in the document text, then one in the title (which the index and entry pages show)
    edits = {
        "one_edit_rebuild": original[:body_start] + original[body_start:].replace(" the ", " a ", 1),
        "one_title_edit_rebuild": original.replace("**", "**Revised: ", 1),
    }
    runs: dict[str, list[dict]] = {key: [] for key in edits}
    for _ in range(3):  # three runs of each edit, each undone by a build before the next
        for key, text in edits.items():
            victim.write_text(text, encoding="utf-8")
            edit = run(tei_encoder("build", str(corpus), "-o", str(build), "--stats", str(stats), *common))
            counts = {k: json.loads(stats.read_text())[k] for k in ("encoded", "published", "overview_pages")}
            runs[key].append({"s": edit["s"], "cpu_s": edit["cpu_s"], **counts})
            victim.write_text(original, encoding="utf-8")
            run(tei_encoder("build", str(corpus), "-o", str(build), *common))
    for key, done in runs.items():
        result[key] = {
            **done[-1],
            "s": statistics.median(r["s"] for r in done),
            "cpu_s": statistics.median(r["cpu_s"] for r in done),
            "runs": [{"s": r["s"], "cpu_s": r["cpu_s"]} for r in done],
        }
    return result, corpus, build


def bench_validate(build: Path, rng: Path | None) -> dict:
    """validate (project schema and rules) and validate --rng, each against jing + the schema alone."""
    tei_files = sorted(str(p) for p in (build / "tei").glob("*.xml"))
    result: dict = {"files": len(tei_files)}
    ours = run(tei_encoder("validate", str(build / "tei")))
    assert ours["done"].returncode == 0, ours["done"].stdout[-2000:]
    result["validate"] = {"s": ours["s"], "cpu_s": ours["cpu_s"]}
    if rng is None or not shutil.which("jing"):
        return result
    jing = run(["jing", str(rng), *tei_files])
    with_rng = run(tei_encoder("validate", "--rng", str(rng), str(build / "tei")))
    result["jing"] = {"s": jing["s"], "cpu_s": jing["cpu_s"]}
    result["validate_rng"] = {"s": with_rng["s"], "cpu_s": with_rng["cpu_s"]}
    result["validate_vs_jing"] = ours["s"] / jing["s"]
    result["validate_rng_vs_jing"] = with_rng["s"] / jing["s"]
    return result


def bench_per_record(corpus: Path, sample: int = 400) -> dict:
    """Per-record CPU time (encode, validate, publish: one record as a build worker does it), medians
    by record size, in this process after a warm-up."""
    import tempfile

    from tei_encoder import build
    from tei_encoder.pipeline import EncodeSettings

    paths = sorted(corpus.glob("*.txt"))
    step = max(1, len(paths) // sample)
    chosen = paths[::step][:sample] + sorted((ROOT / "tests" / "fixtures" / "records").glob("*.txt"))
    chosen.append(ROOT / "corpus" / "000_6c3a4dfe0217feee.txt")
    settings = EncodeSettings(authority=(AUTHORITY,))
    with tempfile.TemporaryDirectory() as tmp:
        site, tei_dir = Path(tmp) / "site", Path(tmp) / "tei"
        tei_dir.mkdir()
        build._init_worker(str(site), str(tei_dir), build.BuildOptions(search=False))
        task = lambda path: build.RecordTask(str(path), path.stem, "", "", settings, [0, 0])  # noqa: E731
        for path in chosen[:5]:
            build._process(task(path))  # warm-up: recogniser, schemas, stylesheets
        rows = []
        for path in chosen:
            started = time.process_time()
            outcome = build._process(task(path))
            total = time.process_time() - started
            if not outcome.error:
                rows.append((path.stat().st_size / 1024, total))
    bins = []
    for low, high in SIZE_BINS:
        inside = [r for r in rows if low <= r[0] < high]
        if inside:
            bins.append(
                {
                    "kb": f"{low}-{high}" if high < 10**6 else f">{low}",
                    "records": len(inside),
                    "median_ms": statistics.median(r[1] for r in inside) * 1000,
                    "p90_ms": sorted(r[1] for r in inside)[int(len(inside) * 0.9)] * 1000,
                }
            )
    return {"records": len(rows), "bins": bins}


def bench_break_even(corpus: Path, build: Path, jobs: int) -> dict:
    """One process against a pool of `jobs` workers, forced either way, at several batch sizes: where
    the pool starts to pay (validate: files; build: records)."""
    found: dict = {"validate": [], "build": []}
    files = sorted((build / "tei").glob("*.xml"))
    batch_dir = OUT / "break-even"
    for size in (250, 500, 1000, 2000, 4000):
        if size > len(files):
            break
        shutil.rmtree(batch_dir, ignore_errors=True)
        batch_dir.mkdir(parents=True)
        for f in files[:size]:
            os.symlink(f, batch_dir / f.name)
        row = {"items": size}
        for label, constant in (("one", 10**9), ("pool", 1)):
            before = f"import tei_encoder.validate as v; v.POOL_BREAK_EVEN = {constant}"
            row[label] = median_run(
                tei_encoder("validate", "--follow-symlinks", "--jobs", str(jobs), str(batch_dir), before=before), 1
            )
        found["validate"].append(row)
    records = sorted(corpus.glob("*.txt"))
    for size in (16, 32, 64, 128):
        if size > len(records):
            break
        shutil.rmtree(batch_dir, ignore_errors=True)
        (batch_dir / "c").mkdir(parents=True)
        for f in records[:size]:
            shutil.copy(f, batch_dir / "c" / f.name)
        row = {"items": size}
        for label, constant in (("one", 10**9), ("pool", 1)):
            before = f"import tei_encoder.build as b; b.POOL_BREAK_EVEN = {constant}"
            args = ["build", str(batch_dir / "c"), "-o", str(batch_dir / "out"), "--force", "--no-search", "-q"]
            args += ["--authority", str(AUTHORITY), "--jobs", str(jobs)]
            row[label] = median_run(tei_encoder(*args, before=before), 1)
        found["build"].append(row)
    shutil.rmtree(batch_dir, ignore_errors=True)
    return found


def bench_big_records() -> list[dict]:
    """Encoding one big record: seconds per MB and the process's peak RSS (the kernel's high-water
    mark, VmHWM, of a fresh process: lxml's memory included), for 1, 2 and 5 MB."""
    seed = (ROOT / "corpus" / "000_6c3a4dfe0217feee.txt").read_text(encoding="utf-8")
    header, body = seed.split("Translation - English\n", 1)
    results = []
    script = (
        "import sys, time\nfrom pathlib import Path\n"
        "from tei_encoder.pipeline import EncodeSettings, encode_record\n"
        f"s = EncodeSettings(authority=(Path({str(AUTHORITY)!r}),))\n"
        f"encode_record(Path({str(ROOT / 'corpus' / '000_6c3a4dfe0217feee.txt')!r}), s)\n"
        "t = time.process_time(); r = encode_record(Path(sys.argv[1]), s); t = time.process_time() - t\n"
        "assert r.ok, r.error\n"
        # VmHWM, not ru_maxrss: ru_maxrss keeps the parent's peak across fork and exec
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM:')][0].split()[1]\n"
        "print(t, int(hwm) / 1024)\n"
    )
    for mb in (1, 2, 5):
        repeats = int(mb * 1_000_000 / len(body)) + 1
        path = OUT / f"big-{mb}mb.txt"
        path.write_text(
            header + "Translation - English\n" + "\n\n".join([body.rsplit("AMBASSADOR", 1)[0]] * repeats),
            encoding="utf-8",
        )
        done = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True)
        seconds, peak = map(float, done.stdout.split())
        size = path.stat().st_size / 1e6
        results.append({"mb": round(size, 2), "cpu_s": seconds, "s_per_mb": seconds / size, "peak_rss_mb": peak})
    for big in results[1:]:  # memory a record's megabyte costs: the slope from the smallest big record
        big["rss_growth_per_mb"] = (big["peak_rss_mb"] - results[0]["peak_rss_mb"]) / (big["mb"] - results[0]["mb"])
    return results


def report(results: dict) -> None:
    """The figures, one line each."""
    b, v = results["build"], results["validate"]
    print(f"machine: {results['machine']}; --jobs {results['jobs']}; corpus: {results['corpus']}")
    print(
        f"\nfull build, {b['records']} records: {b['build_s']:.1f} s, {b['records_per_s']:.0f} records/s "
        f"(CPU {b['build_cpu_s']:.1f} s, {b['build_cpu_s'] / b['records'] * 1000:.1f} ms per record); "
        f"peak RSS (process tree) {b['peak_rss_mb']:.0f} MB"
    )
    print("  stages (seconds summed over workers): " + ", ".join(f"{k} {s:.1f}" for k, s in b["stage_seconds"].items()))
    print(
        f"  rebuild, nothing changed: {b['nochange_rebuild']['s']:.2f} s (CPU {b['nochange_rebuild']['cpu_s']:.2f} s)"
    )
    for key, label in (("one_edit_rebuild", "one record's text edited"), ("one_title_edit_rebuild", "its title")):
        e = b[key]
        print(
            f"  rebuild, {label}: {e['s']:.2f} s (CPU {e['cpu_s']:.2f} s; {e['encoded']} encoded, "
            f"{e['published']} published, {e['overview_pages']} overview pages; median of "
            + ", ".join(f"{r['s']:.2f} s (CPU {r['cpu_s']:.2f} s)" for r in e["runs"])
            + ")"
        )
    h = results["help"]
    print(f"\ntei-encoder --help: {h['s']:.3f} s (CPU {h['cpu_s']:.3f} s; median of 5)")
    line = f"validate, {v['files']} files: {v['validate']['s']:.2f} s (CPU {v['validate']['cpu_s']:.2f} s)"
    if "jing" in v:
        line += (
            f"; jing + tei_all {v['jing']['s']:.2f} s (CPU {v['jing']['cpu_s']:.2f} s); "
            f"validate --rng tei_all {v['validate_rng']['s']:.2f} s (CPU {v['validate_rng']['cpu_s']:.2f} s)\n"
            f"  ratios: validate / jing {v['validate_vs_jing']:.2f}; validate --rng / jing {v['validate_rng_vs_jing']:.2f}"
        )
    print(line)
    per = results.get("per_record")
    if per:
        print(f"\nper record, CPU, median by size ({per['records']} records: encode + validate + publish):")
        for row in per["bins"]:
            print(
                f"  {row['kb']:>6} KB: {row['records']:4} records, median {row['median_ms']:.1f} ms, 90 % {row['p90_ms']:.1f} ms"
            )
    even = results.get("break_even")
    if even:
        print("\npool break-even (one process vs a pool; wall s, CPU s):")
        for what, rows in even.items():
            for row in rows:
                print(
                    f"  {what} {row['items']:5}: one {row['one']['s']:.2f} ({row['one']['cpu_s']:.2f}), "
                    f"pool {row['pool']['s']:.2f} ({row['pool']['cpu_s']:.2f})"
                )
    for big in results.get("big_records", []):
        print(
            f"big record {big['mb']} MB: CPU {big['cpu_s']:.2f} s ({big['s_per_mb']:.2f} s/MB), peak RSS "
            f"{big['peak_rss_mb']:.0f} MB"
            + (
                f" (+{big['rss_growth_per_mb']:.1f} MB per MB above the 1 MB record)"
                if "rss_growth_per_mb" in big
                else ""
            )
        )


def main() -> None:
    parser = argparse.ArgumentParser(description="tei-encoder benchmarks")
    parser.add_argument("--records", type=int, default=10000, help="records in the corpus (default 10,000)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--rng", type=Path, default=ROOT.parent / "shared" / "tei" / "tei_all.rng")
    parser.add_argument("--quick", action="store_true", help="skip big records and the pool break-even")
    parser.add_argument(
        "--dense", action="store_true", help="the entity-dense stress corpus instead of the realistic one"
    )
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}"
    profile = "dense" if args.dense else "realistic"
    rng = args.rng if args.rng.exists() else None
    built, corpus, build = bench_build(args.records, args.jobs, args.dense)
    results: dict = {"machine": machine, "jobs": args.jobs, "corpus": profile, "build": built}
    results["help"] = median_run(tei_encoder("--help"), 5)
    results["validate"] = bench_validate(build, rng)
    results["per_record"] = bench_per_record(corpus)
    if not args.quick:
        results["break_even"] = bench_break_even(corpus, build, args.jobs)
        results["big_records"] = bench_big_records()
    (OUT / f"results-{profile}-{args.records}.json").write_text(json.dumps(results, indent=2))
    report(results)


if __name__ == "__main__":
    main()
