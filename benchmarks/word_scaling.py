"""Issue #15: the lost-text check's reading of a TEI text's words (publish.tei_text) is linear in the
number of elements of a paragraph. Prints CPU seconds for 2k/4k/8k/16k `choice` and `hi` in one
paragraph; each doubling should about double the time (it was quadratic: 16,000 choice 10.5 s).

    env -u PYTHONDONTWRITEBYTECODE python benchmarks/word_scaling.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import statistics
import time

from lxml import etree

from tei_encoder.publish import tei_text

TEI = "http://www.tei-c.org/ns/1.0"
ITEMS = {
    "choice": lambda i: f"w{i} <choice><sic>teh{i}</sic><corr>the{i}</corr></choice> ",
    "hi": lambda i: f"w{i} <hi>x{i}</hi> ",
}


def document(n: int, kind: str) -> etree._Element:
    """A TEI document of one paragraph holding N elements of KIND (choice or hi), words between."""
    inner = "".join(ITEMS[kind](i) for i in range(n))
    return etree.fromstring(f'<TEI xmlns="{TEI}"><teiHeader/><text><body><p>{inner}</p></body></text></TEI>')


def main() -> None:
    """Print the median CPU time of tei_text at each size, and its ratio to the size before."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    for kind in ITEMS:
        before = None
        for n in (2000, 4000, 8000, 16000):
            root = document(n, kind)
            times = []
            for _ in range(args.rounds):
                started = time.process_time()
                tei_text(root)
                times.append(time.process_time() - started)
            median = statistics.median(times)
            ratio = f" (x{median / before:.1f})" if before else ""
            print(f"{kind:6} {n:6} {median:.4f} s{ratio}")
            before = median


if __name__ == "__main__":
    main()
