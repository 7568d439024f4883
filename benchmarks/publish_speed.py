"""Per-document publish time: encode the corpus and the test fixtures once, then time the
document pages (best of several rounds) and the overview pages with one Publisher.

    python benchmarks/publish_speed.py            # corpus/ + tests/fixtures/records/
    python benchmarks/publish_speed.py --rounds 5

Prints milliseconds per document page, per overview page and for the search index (when
Pagefind is installed); a comparison across commits runs the same script in each checkout.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tei_encoder import publish  # noqa: E402
from tei_encoder.build import BuildOptions, run_build  # noqa: E402
from tei_encoder.pipeline import EncodeSettings  # noqa: E402


class _Quiet:
    verbose = False

    def info(self, *a):
        pass

    warning = error = info


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        for path in [*(ROOT / "corpus").glob("*.txt"), *(ROOT / "tests" / "fixtures" / "records").glob("*.txt")]:
            shutil.copy(path, corpus / path.name)
        shutil.copytree(ROOT / "corpus" / "authority", corpus / "authority")
        out = Path(tmp) / "out"
        run_build(corpus, out, EncodeSettings(authority=(corpus / "authority",)), _Quiet(), BuildOptions(jobs=1))
        teis = {p.stem: p.read_bytes() for p in sorted((out / "tei").glob("*.xml"))}
        publisher = publish.Publisher()
        for name, tei in teis.items():  # warm up: compile and JIT
            publisher.document_page(tei, name)
        rounds = []
        for _ in range(args.rounds):
            started = time.perf_counter()
            for name, tei in teis.items():
                publisher.document_page(tei, name)
            rounds.append((time.perf_counter() - started) / len(teis))
        print(
            f"documents: {len(teis)}; document page: {min(rounds) * 1000:.2f} ms best, "
            f"{statistics.median(rounds) * 1000:.2f} ms median per document"
        )
        site = Path(tmp) / "site"
        summaries = (
            [publish.summarize_tei(t, n) for n, t in teis.items()] if hasattr(publish, "summarize_tei") else None
        )
        if summaries is None:
            from lxml import etree

            from tei_encoder.teidoc import summarize

            summaries = [summarize(etree.fromstring(t), n) for n, t in teis.items()]
        started = time.perf_counter()
        pages = publish.write_overviews(site, publisher, summaries)
        spent = time.perf_counter() - started
        print(f"overview pages: {pages} in {spent * 1000:.0f} ms ({spent / pages * 1000:.2f} ms per page)")
        indexer = getattr(publish, "build_search_index", None)
        if indexer is not None:
            for name, tei in teis.items():
                publish.write_document(site, publisher, name, tei)
            started = time.perf_counter()
            indexer(site)
            print(f"search index: {(time.perf_counter() - started) * 1000:.0f} ms for {len(teis)} documents")


if __name__ == "__main__":
    main()
