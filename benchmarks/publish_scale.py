"""How publishing one document scales with its size: a generated TEI file with many mentions,
published at a size and at twice that size; linear work takes about twice the time.

    python benchmarks/publish_scale.py [--megabytes 4.5]

Prints, per size, the file size, the mentions, and the CPU seconds of each step (parse,
sitemap annotation, stylesheet, lost-text check). The text is generated (our own wording).
"""

from __future__ import annotations

import argparse
import time

from lxml import etree

from tei_encoder import sitemap
from tei_encoder.publish import Publisher, missing_text
from tei_encoder.xmlsafe import parse_xml

PEOPLE = ["hale", "marsh", "brook", "reed", "quill", "ashby"]
PLACES = ["eastmere", "lowbridge", "westfold"]


def generated_tei(megabytes: float) -> bytes:
    """A TEI document of about `megabytes` MB: sections of paragraphs naming a few people and
    places over and over (the shape that made numbering anchors quadratic)."""
    entries = "".join(
        f'<person xml:id="{p}"><persName type="preferred">{p.title()}</persName></person>' for p in PEOPLE
    ) + "".join(f'<place xml:id="{p}"><placeName type="preferred">{p.title()}</placeName></place>' for p in PLACES)
    head = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en">'
        "<teiHeader><fileDesc><titleStmt><title>Generated minutes</title></titleStmt>"
        "<publicationStmt><p>Generated.</p></publicationStmt><sourceDesc><p>Generated.</p></sourceDesc>"
        "</fileDesc></teiHeader><text><body>"
    )
    tail = f"</body></text><standOff><listPerson>{entries}</listPerson></standOff></TEI>"
    parts, size, n = [head], len(head) + len(tail), 0
    while size < megabytes * 1_000_000:
        person, other, place = PEOPLE[n % 6], PEOPLE[(n + 1) % 6], PLACES[n % 3]
        para = (
            f'<div type="section" n="{n}"><head>Item {n}</head><p>On the {n}th day <persName ref="#{person}">'
            f'{person.title()}</persName> wrote from <placeName ref="#{place}">{place.title()}</placeName> to '
            f'<persName ref="#{other}">{other.title()}</persName> about the ferry, the bridge and the harbour '
            f'dues; <persName ref="#{person} #{other}">both</persName> signed.</p></div>'
        )
        parts.append(para)
        size += len(para)
        n += 1
    parts.append(tail)
    return "".join(parts).encode("utf-8")


def measure(publisher: Publisher, tei: bytes) -> dict[str, float]:
    """CPU seconds of each step of publishing `tei` (as Publisher.render_document runs them)."""
    clock = time.process_time
    steps: dict[str, float] = {}
    started = clock()
    root = parse_xml(data=tei).getroot()
    steps["parse"] = clock() - started
    started = clock()
    annotated = sitemap.annotate(root)
    text = etree.tostring(annotated, encoding="unicode")
    steps["annotate"] = clock() - started
    started = clock()
    page = publisher._run(publisher._document, text, root="../", tei_href="x", doc_title="x")
    steps["stylesheet"] = clock() - started
    started = clock()
    assert not missing_text(annotated, page)
    steps["check"] = clock() - started
    return steps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=4.5)
    args = parser.parse_args()
    publisher = Publisher("Scale")
    publisher.document_page(generated_tei(0.01), "warm-up")
    for factor in (1, 2):
        tei = generated_tei(args.megabytes * factor)
        mentions = tei.count(b"<persName ref=") + tei.count(b"<placeName ref=")
        steps = measure(publisher, tei)
        detail = ", ".join(f"{k} {v:.2f}" for k, v in steps.items())
        print(f"{len(tei) / 1e6:.1f} MB, {mentions} mentions: {sum(steps.values()):.2f} s CPU ({detail})")


if __name__ == "__main__":
    main()
