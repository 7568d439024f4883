"""Per-document publish time: encode a realistic corpus once, then time (CPU) what publishing
costs per document — its page and its download copy (`publish.write_document`) — the summaries
the overview pages are made from, and the overview pages, with one Publisher.

    python benchmarks/publish_speed.py                          # 300 realistic records, 3 rounds
    python benchmarks/publish_speed.py --records 100 --rounds 5
    python benchmarks/publish_speed.py --base ../base           # the same TEI published by another checkout too
    python benchmarks/publish_speed.py --base ../base --base-python ../venv-base/bin/python

Each round measures in a fresh process (warmed up first); with --base the rounds of the two
checkouts alternate, so a busy machine slows both alike, and the ratio of the medians per
document is printed (issue 15 asks for no more than 1.5x the filing day's).
--same-process runs the checkouts (--base, this one, and any --also) in one process instead,
each as a copy of its package under a name of its own, taking turns document by document in a
random order: a load that rises or falls while it runs (other jobs on the machine) then weighs
on every checkout alike, where rounds of whole processes taken one after another can differ by
a third. The processes' Python must have what every checkout imports (--base-python is unused). CPU time (user +
system, Saxon's threads included) is reported, as it holds up better than wall time on a busy
machine. The corpus is made by make_corpus.py ("realistic" profile) and encoded by this checkout;
both checkouts publish the same TEI files.
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


class _Quiet:
    verbose = False

    def info(self, *a):
        pass

    warning = error = info


def encode_corpus(records: int, work: Path) -> Path:
    """Make `records` realistic records and encode them with this checkout; returns the TEI folder."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from make_corpus import make_corpus

    from tei_encoder.build import BuildOptions, run_build
    from tei_encoder.pipeline import EncodeSettings

    corpus = make_corpus(records, work / "corpus")
    shutil.copytree(ROOT / "corpus" / "authority", corpus / "authority")
    out = work / "out"
    run_build(corpus, out, EncodeSettings(authority=(corpus / "authority",)), _Quiet(), BuildOptions(jobs=2))
    return out / "tei"


def measure(code: Path, tei_dir: Path, passes: int) -> dict:
    """In this process, with the tei_encoder of CODE: CPU ms per document for write_document (best
    of PASSES after a warm-up), ms per summary, and the overview pages' CPU seconds."""
    sys.path.insert(0, str(code))
    from lxml import etree

    from tei_encoder import publish

    try:
        from tei_encoder.teidoc import summarize
    except ImportError:  # before summaries had a module of their own
        summarize = publish.summarize  # type: ignore[attr-defined]
    teis = {p.stem: p.read_bytes() for p in sorted(tei_dir.glob("*.xml"))}
    publisher = publish.Publisher()
    with tempfile.TemporaryDirectory() as tmp:
        for name, tei in list(teis.items())[:20]:  # warm up: compile, first pages
            publish.write_document(Path(tmp) / "warm-up", publisher, name, tei)
        documents = []
        for number in range(passes):
            # Each pass writes into an empty folder, as a first build does: a page already there
            # with the same bytes would let a checkout that skips unchanged files look faster.
            site = Path(tmp) / f"pass{number}"
            started = time.process_time()
            for name, tei in teis.items():
                publish.write_document(site, publisher, name, tei)
            documents.append((time.process_time() - started) / len(teis) * 1000)
        started = time.process_time()
        summaries = [summarize(etree.fromstring(tei), name) for name, tei in teis.items()]
        summary_ms = (time.process_time() - started) / len(teis) * 1000
        started = time.process_time()
        pages = publish.write_overviews(site, publisher, summaries)
        overview_s = time.process_time() - started
    return {"document_ms": min(documents), "summary_ms": summary_ms, "overview_s": overview_s, "pages": pages}


def measure_together(codes: dict[str, Path], tei_dir: Path, passes: int, seed: int = 15) -> dict[str, list[float]]:
    """In this process, the tei_encoder of each of CODES (label -> checkout) as a copy of its own
    (tei_encoder and xslt/ copied to a temporary folder, the package renamed so that all can be
    imported at once): CPU ms per document of write_document for each, in PASSES passes over
    the documents (after a warm-up), the checkouts taking turns for each document in a random
    order (SEED). Returns label -> ms per document of each pass."""
    modules = {}
    with tempfile.TemporaryDirectory() as tmp:
        for index, (label, code) in enumerate(codes.items()):
            home = Path(tmp) / f"checkout{index}"
            package = f"tei_encoder_{index}"
            shutil.copytree(code / "tei_encoder", home / package, ignore=shutil.ignore_patterns("__pycache__"))
            shutil.copytree(code / "xslt", home / "xslt")  # project_dir finds it beside the package
            sys.path.insert(0, str(home))
            modules[label] = importlib.import_module(f"{package}.publish")
        teis = {p.stem: p.read_bytes() for p in sorted(tei_dir.glob("*.xml"))}
        publishers = {label: module.Publisher() for label, module in modules.items()}
        sites = {label: Path(tmp) / f"site{index}" for index, label in enumerate(modules)}
        for label, module in modules.items():
            for name, tei in list(teis.items())[:20]:  # warm up: compile, first pages
                module.write_document(sites[label] / "warm-up", publishers[label], name, tei)
        turns = random.Random(seed)
        spent: dict[str, list[float]] = {label: [] for label in modules}
        for number in range(passes):
            cpu = dict.fromkeys(modules, 0.0)
            for name, tei in teis.items():
                order = list(modules)
                turns.shuffle(order)
                for label in order:
                    # an empty folder per pass (see measure): no page is found already written
                    started = time.process_time()
                    modules[label].write_document(sites[label] / f"pass{number}", publishers[label], name, tei)
                    cpu[label] += time.process_time() - started
            for label in modules:
                spent[label].append(cpu[label] / len(teis) * 1000)
    return spent


def run_together(codes: dict[str, Path], tei_dir: Path, passes: int) -> dict[str, list[float]]:
    """`measure_together` in a fresh process of this Python (no checkout's modules loaded before)."""
    command = [sys.executable, str(Path(__file__).resolve()), "--together", str(tei_dir), "--passes", str(passes)]
    command += [f"{label}={code}" for label, code in codes.items()]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"measuring in one process failed: {(done.stderr.strip().splitlines() or ['?'])[-1]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_measure(python: str, code: Path, tei_dir: Path, passes: int) -> dict:
    """`measure` in a fresh process (CODE's modules, never this one's)."""
    command = [python, str(Path(__file__).resolve()), "--measure", str(code), str(tei_dir), "--passes", str(passes)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=code)
    if done.returncode != 0:
        raise SystemExit(f"{code}: measuring failed: {(done.stderr.strip().splitlines() or ['?'])[-1]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def report(label: str, runs: list[dict]) -> str:
    docs = [r["document_ms"] for r in runs]
    return (
        f"{label}: document (page + download copy) CPU {statistics.median(docs):.2f} ms median per document "
        f"(min {min(docs):.2f}, rounds {', '.join(f'{d:.2f}' for d in docs)}); "
        f"summary {statistics.median(r['summary_ms'] for r in runs):.2f} ms; "
        f"overviews {statistics.median(r['overview_s'] for r in runs):.2f} s for {runs[0]['pages']} pages"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3, help="fresh processes per checkout")
    parser.add_argument("--passes", type=int, default=2, help="timed passes over the documents per process")
    parser.add_argument("--base", type=Path, help="another checkout (the filing day's) to compare with")
    parser.add_argument("--base-python", default=sys.executable, help="the Python whose packages --base needs")
    parser.add_argument(
        "--same-process", action="store_true", help="the checkouts in one process, taking turns document by document"
    )
    parser.add_argument(
        "--also", action="append", default=[], metavar="LABEL=CHECKOUT", help="with --same-process: one more checkout"
    )
    parser.add_argument("--measure", nargs=2, type=Path, metavar=("CODE", "TEI"), help=argparse.SUPPRESS)
    parser.add_argument("--together", type=Path, metavar="TEI", help=argparse.SUPPRESS)
    parser.add_argument("checkouts", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure[0], args.measure[1], args.passes)))
        return
    if args.together:
        codes = dict(item.split("=", 1) for item in args.checkouts)
        print(json.dumps(measure_together({k: Path(v) for k, v in codes.items()}, args.together, args.passes)))
        return
    if args.same_process:
        same_process(args)
        return
    with tempfile.TemporaryDirectory() as tmp:
        tei_dir = encode_corpus(args.records, Path(tmp))
        sides = {"this": (sys.executable, ROOT)}
        if args.base is not None:
            sides = {"base": (args.base_python, args.base.resolve()), **sides}
        runs: dict[str, list[dict]] = {name: [] for name in sides}
        for _ in range(args.rounds):
            for name, (python, code) in sides.items():
                runs[name].append(run_measure(python, code, tei_dir, args.passes))
    print(f"{args.records} realistic records, {args.rounds} rounds per checkout")
    for name, (_, code) in sides.items():
        print(report(f"{name} ({code})", runs[name]))
    if args.base is not None:
        ratio = statistics.median(r["document_ms"] for r in runs["this"]) / statistics.median(
            r["document_ms"] for r in runs["base"]
        )
        print(f"per-document publish, this / base: {ratio:.2f}x (medians)")


def same_process(args: argparse.Namespace) -> None:
    """--same-process: the checkouts (base first, this one, --also) in one process per round."""
    codes = {"base": args.base.resolve()} if args.base is not None else {}
    codes["this"] = ROOT
    for item in args.also:
        label, _, code = item.partition("=")
        codes[label] = Path(code).resolve()
    with tempfile.TemporaryDirectory() as tmp:
        tei_dir = encode_corpus(args.records, Path(tmp))
        spent: dict[str, list[float]] = {label: [] for label in codes}
        for _ in range(args.rounds):
            for label, passes in run_together(codes, tei_dir, args.passes).items():
                spent[label] += passes
    first = next(iter(codes))
    print(f"{args.records} realistic records, {args.rounds} rounds of {args.passes} passes, checkouts in one process")
    for label, code in codes.items():
        ms = statistics.median(spent[label])
        ratio = ms / statistics.median(spent[first])
        print(
            f"{label} ({code}): document (page + download copy) CPU {ms:.2f} ms median per document, "
            f"{ratio:.2f}x {first} (passes {', '.join(f'{d:.2f}' for d in spent[label])})"
        )
    print(f"load average at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
