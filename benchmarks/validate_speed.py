"""Validation speed against jing, interleaved rounds on the same files (issue #16).

    python benchmarks/validate_speed.py --files 1000 [--rounds 3] [--tei DIR] [--pool]

Makes the TEI once (benchmarks/make_corpus.py + `tei-encoder build`, kept in benchmarks/out/) unless
--tei names a folder of TEI files, then per round runs, one after the other: `validate`,
`validate --rng tei_all`, and jing + tei_all alone on the same files; with --pool also `validate`
forced into one process and forced into a pool of two workers (the pool break-even); with --before DIR (an earlier checkout) also
that version's validate and validate --rng. Prints wall and
CPU seconds (user + system of the process tree) per run and the ratios per round, then their medians.
Needs `jing` and ../shared/tei/tei_all.rng (or --rng FILE).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from make_corpus import make_corpus  # noqa: E402
from run import AUTHORITY, OUT, run, tei_encoder  # noqa: E402


def tei_files(n: int, given: Path | None) -> Path:
    """A folder holding n TEI files: the first n of `given` (copied once), or made from a synthetic corpus."""
    folder = OUT / (f"validate-{n}" if given is None else f"validate-{given.name}-{n}")
    if given is not None and len(list(folder.glob("*.xml"))) != n:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for f in sorted(given.glob("*.xml"))[:n]:
            shutil.copy(f, folder / f.name)
    if given is not None or len(list(folder.glob("*.xml"))) == n:
        return folder
    corpus = make_corpus(n, OUT / f"corpus-{n}")
    build = OUT / f"build-validate-{n}"
    done = run(
        tei_encoder(
            "build", str(corpus), "-o", str(build), "--force", "--no-search", "-q", "--authority", str(AUTHORITY)
        )
    )
    assert done["done"].returncode == 0, done["done"].stderr[-2000:]
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(build / "tei", folder)
    return folder


def forced(constant: int) -> str:
    return f"import tei_encoder.validate as v; v.POOL_BREAK_EVEN = {constant}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--tei", type=Path, help="take the files from this folder of TEI")
    parser.add_argument("--rng", type=Path, default=ROOT.parent / "shared" / "tei" / "tei_all.rng")
    parser.add_argument("--pool", action="store_true", help="also one process against a pool of two")
    parser.add_argument(
        "--before",
        type=Path,
        help="a checkout of an earlier version: its validate and validate --rng in the same rounds",
    )
    args = parser.parse_args()
    folder = tei_files(args.files, args.tei)
    files = sorted(str(p) for p in folder.glob("*.xml"))
    commands = {
        "validate": tei_encoder("validate", str(folder)),
        "validate --rng": tei_encoder("validate", "--rng", str(args.rng), str(folder)),
        "jing": ["jing", str(args.rng), *files],
    }
    if args.before:
        earlier = f"import sys; sys.path.insert(0, {str(args.before.resolve())!r})"
        commands["before: validate"] = tei_encoder("validate", str(folder), before=earlier)
        commands["before: --rng"] = tei_encoder("validate", "--rng", str(args.rng), str(folder), before=earlier)
    if args.pool:
        commands["one process"] = tei_encoder("validate", "--jobs", "2", str(folder), before=forced(10**9))
        commands["pool of 2"] = tei_encoder("validate", "--jobs", "2", str(folder), before=forced(1))
    ratios: dict[str, list[float]] = {}
    print(f"{len(files)} files, {os.cpu_count()} cores")
    for r in range(args.rounds):
        times = {}
        for label, cmd in commands.items():
            done = run(cmd)
            if done["done"].returncode != 0:
                sys.exit(f"{label} failed: {(done['done'].stdout + done['done'].stderr)[-1500:]}")
            times[label] = done
            print(f"round {r + 1}: {label:17} {done['s']:6.2f} s wall, CPU {done['cpu_s']:6.2f} s")
        these = {
            "validate / jing": times["validate"]["s"] / times["jing"]["s"],
            "validate --rng / jing": times["validate --rng"]["s"] / times["jing"]["s"],
        }
        if args.before:
            these["before: validate / jing"] = times["before: validate"]["s"] / times["jing"]["s"]
            these["before: --rng / jing"] = times["before: --rng"]["s"] / times["jing"]["s"]
        if args.pool:
            these["pool / one process"] = times["pool of 2"]["s"] / times["one process"]["s"]
        for k, v in these.items():
            ratios.setdefault(k, []).append(v)
        print(f"round {r + 1}: " + "; ".join(f"{k} {v:.2f}" for k, v in these.items()))
    print("median: " + "; ".join(f"{k} {statistics.median(v):.2f}" for k, v in ratios.items()))


if __name__ == "__main__":
    main()
