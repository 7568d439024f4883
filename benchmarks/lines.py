"""Encoding time against the number of lines: it must grow linearly (flat time per line).

    python benchmarks/lines.py                 # 1k, 10k and 40k short lines
    python benchmarks/lines.py 1000 20000      # other sizes
    python benchmarks/lines.py --megabytes 50  # also one record of about 50 MB
    python benchmarks/lines.py --shape "word Castro [sic] " 2000 20000
                                               # one line of N copies of a unit instead

With --shape, the body is ONE paragraph of N copies of the unit (the shape that made encoding
quadratic in issue 13: one long paragraph of names and editorial marks) and times are per unit.

Each record is a minimal export header and N short lines of invented text, blank lines between
some (many short paragraphs and lines: the shape that once made encoding quadratic). Prints wall and CPU seconds
and CPU microseconds per line for each size and the ratio of the largest size's time per line to the
smallest's: about 1 is linear, N_large/N_small would be quadratic.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tei_encoder.pipeline import EncodeSettings, encode_record  # noqa: E402

HEADER = (
    "June 9, 1961\n\n**A Long Test Record**\n\nCitation:\n\n"
    '"A Long Test Record", June 9, 1961, Wilson Center Digital Archive, Test Archive. '
    "Translated by Test Translator.\n\n<https://example.org/document/9>\n\n"
    "Original Language:\n\nRussian\n\nContents:\n\nTranslation - English\n\n"
)
LINES = (  # short lines and blank lines: the shape that made encoding quadratic (issue 13)
    "Agreed.",
    "",
    "Noted",
    "x",
    "The committee met again and heard the report.",
    "",
)


def record_text(lines: int) -> str:
    """A record of `lines` body lines in our own invented wording."""
    return HEADER + "\n".join(LINES[i % len(LINES)] for i in range(lines)) + "\n"


def shape_text(unit: str, copies: int) -> str:
    """A record whose body is one line of `copies` copies of `unit` (a name, a [sic] mark...)."""
    return HEADER + unit * copies + "\n"


def time_record(folder: Path, text: str, settings: EncodeSettings) -> tuple[float, float]:
    """Seconds to encode one record (read, parse, enrich, write) holding text: wall clock, and CPU
    time of this process (user + system; what to compare on a machine other jobs keep busy)."""
    path = folder / "long.txt"
    path.write_text(text, encoding="utf-8")
    started, started_cpu = time.perf_counter(), time.process_time()
    result = encode_record(path, settings)
    spent, cpu = time.perf_counter() - started, time.process_time() - started_cpu
    if not result.ok:
        raise SystemExit(f"encoding failed: {result.error}")
    return spent, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000, 40000])
    parser.add_argument("--megabytes", type=float, default=0, help="also time one record of about this many MB")
    parser.add_argument("--shape", metavar="UNIT", help="time one line of N copies of UNIT instead of N lines")
    args = parser.parse_args()
    unit = "copies of the unit" if args.shape else "lines"
    settings = EncodeSettings(authority=(ROOT / "corpus" / "authority",), gazetteer=True, max_record_bytes=1 << 31)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        time_record(folder, record_text(10), settings)  # warm up: authority, gazetteer, schemas
        per_line = {}
        for n in args.sizes:
            text = shape_text(args.shape, n) if args.shape else record_text(n)
            spent, cpu = time_record(folder, text, settings)
            per_line[n] = cpu / n
            print(
                f"{n:>8} {unit}: {spent:8.2f} s wall {cpu:8.2f} s CPU  {per_line[n] * 1e6:8.1f} us each (CPU)",
                flush=True,
            )
        small, large = min(per_line), max(per_line)
        print(f"ratio of CPU time per unit, {large} vs {small} {unit}: {per_line[large] / per_line[small]:.2f}")
        if args.megabytes:
            lines = int(args.megabytes * 1024 * 1024 / (sum(len(x) + 1 for x in LINES) / len(LINES)))
            text = record_text(lines)
            spent, cpu = time_record(folder, text, settings)
            print(f"{len(text.encode()) / 1e6:.1f} MB record ({lines} lines): {spent:.1f} s wall, {cpu:.1f} s CPU")


if __name__ == "__main__":
    main()
