"""Does `publish` lose text? Publishes TEI files one by one and counts the words of each file's
`text` that are missing from its page.

    python benchmarks/peer_publish.py DIR_OR_FILE... [--site OUT] [--verbose]

For each file: the words of every `text` outside `teiHeader`, counted with multiplicity,
against the words of the page's <body> (text and shown attributes: title, alt; scripts left out), both as
tei_encoder.publish counts them for its own warning. Prints one line per file (words in text, words missing, refused or failed)
and the totals. Third-party files are read here only; nothing of their text is kept.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from lxml import etree

from tei_encoder.publish import Publisher, PublishError, missing_words, text_words
from tei_encoder.xmlsafe import UnsafeXML, describe_xml_error, parse_xml


def files_of(paths: list[str]) -> list[Path]:
    found: list[Path] = []
    for p in map(Path, paths):
        found += sorted(p.rglob("*.xml")) if p.is_dir() else [p]
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--site", type=Path, help="keep the pages here (default: a temporary folder)")
    parser.add_argument("--verbose", action="store_true", help="list the missing words of each file")
    args = parser.parse_args()
    site = args.site or Path(tempfile.mkdtemp(prefix="peer-site-"))
    publisher = Publisher("Peer check")
    totals = Counter()
    for i, path in enumerate(files_of(args.paths)):
        try:
            tree = parse_xml(path)
        except (etree.XMLSyntaxError, UnsafeXML) as exc:
            print(f"{path}\trefused\t{describe_xml_error(exc)}")
            totals["refused"] += 1
            continue
        expected = text_words(tree.getroot())
        started = time.perf_counter()
        try:
            page = publisher.document_page(etree.tostring(tree, encoding="UTF-8", xml_declaration=True), "doc")
        except PublishError as exc:
            print(f"{path}\tfailed\t{exc}")
            totals["failed"] += 1
            continue
        seconds = time.perf_counter() - started
        (site / f"{i:03d}-{path.stem}.html").parent.mkdir(parents=True, exist_ok=True)
        (site / f"{i:03d}-{path.stem}.html").write_bytes(page)
        strict, missing = missing_words(tree.getroot(), page)
        totals["files"] += 1
        totals["words"] += sum(expected.values())
        totals["missing"] += sum(missing.values())
        totals["strict"] += sum(strict.values())
        print(
            f"{path}\t{sum(expected.values())} words\t{sum(missing.values())} missing"
            f"\t{sum(strict.values())} missing strictly\t{seconds:.2f} s"
        )
        if args.verbose and missing:
            print("\t" + " ".join(f"{w}×{n}" for w, n in missing.most_common(40)))
        if args.verbose and strict:
            print("\tstrictly: " + " ".join(f"{w}×{n}" for w, n in strict.most_common(40)))
    print(
        f"total: {totals['files']} files published, {totals['refused']} refused, {totals['failed']} failed; "
        f"{totals['words']} words in text, {totals['missing']} missing "
        f"({totals['strict']} not found as words of their own); pages in {site}"
    )
    return 1 if totals["missing"] or totals["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
