"""Make a synthetic corpus of N records in the Wilson Center export format.

    python benchmarks/make_corpus.py 1000 benchmarks/out/corpus-1000 [--dense]

Deterministic (seeded). Records vary in length (a few paragraphs to a few dozen) and layout
(journal entries, telegrams, memoranda with speakers and participants, letters, minutes with
agenda and page markers), use names drawn from the authority files, and carry every structural
phenomenon the encoder handles: opener, head, dateline, numbered sections, lists, speaker
turns, closer, footnotes, page markers and translator's brackets.

Two profiles:
  * realistic (default), calibrated on the seed record: each record has its own cast of a few
    persons, places and organisations (popular ones more often, as in an archive), and about
    half its sentences name nobody: the seed has 24 distinct entities and one mention per
    ~85 characters; these records have ~20-30 and one per ~60-90;
  * dense (--dense), a stress test: every sentence names six entities drawn from the whole
    authority list, so a record mentions ~150-200 distinct entities (8x the seed), which
    multiplies the standOff, the register pages and their back-links.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tei_encoder.tei import T  # noqa: E402

TEI = T  # Clark prefix of TEI element names
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def authority_names() -> dict[str, list[str]]:
    names = {"person": [], "place": [], "org": []}
    for kind, file, tag in (
        ("person", "persons.xml", "persName"),
        ("place", "places.xml", "placeName"),
        ("org", "orgs.xml", "orgName"),
    ):
        tree = etree.parse(str(ROOT / "corpus" / "authority" / file))
        for el in tree.iter(f"{TEI}{tag}"):
            if el.get("type") == "preferred" and (el.text or "").strip():
                names[kind].append(el.text.strip())
    return names


SENTENCES = [
    "{p1} said that the government of {pl1} is ready to discuss the question of {pl2} with {o1}.",
    "On {dm} {p1} met with {p2} in {pl1} and informed him about the decision of {o1}.",
    "According to {p2}, the situation in {pl2} remains difficult, and {o1} should be informed [him] as soon as possible.",
    "{p1} stressed that {pl1} and {pl2} will not accept any proposal that harms the interests of {o1}.",
    "The delegation of {pl1} arrived in {pl2} on {dm}, as {p2} had promised during the talks.",
    "It was agreed that {p1} would inform the heads of the diplomatic missions [SIC] of the position of {pl1}.",
    "In reply {p2} noted that the question had already been discussed by {o1} at the beginning of {month}.",
    "{p1} asked us to pass this information to {o1}; he also mentioned {pl1}, {pl2} and {pl3} [...].",
]


# sentences that name nobody or one entity: most of a real record's prose
PLAIN_SENTENCES = [
    "The conversation lasted about two hours and took place in a friendly atmosphere.",
    "He said that he would report this to his government without delay.",
    "I replied that the matter would be studied carefully and an answer given in due course.",
    "The question of credits was not raised during this meeting.",
    "In conclusion he thanked me for the information and expressed the hope that contacts would continue.",
    "This statement was received with some surprise by those present.",
    "He then spoke at length about the difficulties of the economic situation and the harvest.",
    "It was noted that {p1} had already been informed of this.",
    "The next meeting is planned for the beginning of {month}.",
    "He asked that the contents of the conversation not be made known to {o1}.",
]


def popular_first(names: list[str], seed: int) -> list[str]:
    """A fixed popularity order (not alphabetical): the first names are drawn most often."""
    order = list(names)
    random.Random(seed).shuffle(order)
    return order


def cast(rng: random.Random, names: dict) -> dict:
    """The few persons, places and organisations one record is about (Zipf-like popularity)."""
    sizes = {"person": rng.randint(6, 14), "place": rng.randint(5, 12), "org": rng.randint(2, 6)}
    chosen = {}
    for kind, size in sizes.items():
        pool = names[kind]
        weights = [1 / (rank + 1) for rank in range(len(pool))]
        picked: list[str] = []
        while len(picked) < min(size, len(pool)):
            name = rng.choices(pool, weights)[0]
            if name not in picked:
                picked.append(name)
        chosen[kind] = picked
    return chosen


def sentence(rng: random.Random, names: dict, year: int) -> str:

    def pick(kind: str) -> str:
        return rng.choice(names[kind])

    templates = SENTENCES if names.get("dense") else (SENTENCES if rng.random() < 0.45 else PLAIN_SENTENCES)
    return rng.choice(templates).format(
        p1=pick("person"),
        p2=pick("person"),
        pl1=pick("place"),
        pl2=pick("place"),
        pl3=pick("place"),
        o1=pick("org"),
        dm=f"{rng.randint(1, 28)} {rng.choice(MONTHS)}",
        month=rng.choice(MONTHS),
    )


def paragraph(rng, names, year, n=None) -> str:
    longest = 6 if names.get("dense") else 9  # plain sentences are shorter: records keep their length
    return " ".join(sentence(rng, names, year) for _ in range(n or rng.randint(2, longest)))


def make_record(i: int, rng: random.Random, authority: dict, dense: bool = False) -> str:
    names = {**authority, "dense": True} if dense else cast(rng, authority)
    year = rng.randint(1950, 1985)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    author, other = rng.choice(names["person"]), rng.choice(names["person"])
    place = rng.choice(names["place"])
    kind = rng.choice(["journal", "telegram", "memcon", "letter", "minutes"])
    title = {
        "journal": f"From the Journal of {author}, 'Record of a Conversation with {other}'",
        "telegram": f"Cable from {place} on the Visit of {other}",
        "memcon": f"Memorandum of Conversation between {author} and {other}",
        "letter": f"Letter from {author} to {other}",
        "minutes": f"Minutes of the Meeting on {place}",
    }[kind]
    date_line = f"{MONTHS[month - 1]} {day:02d}, {year}" if rng.random() < 0.5 else f"{MONTHS[month - 1]} {day}, {year}"
    number = 500000 + i
    header = (
        f'\n\n{date_line}\n\n**{title}**\n\nCitation:\n\n"{title}", {date_line}, Wilson Center Digital Archive, '
        f"AVP RF, F. {rng.randint(1, 999):04d}. Op. {rng.randint(1, 80)}, P. {rng.randint(1, 600)}, D. {rng.randint(1, 40)}. "
        f"ll. {rng.randint(1, 100)}-{rng.randint(101, 300)}. Obtained by Test Scholar and translated by Test Translator.\n\n"
        f"<https://digitalarchive.example.org/document/{number}>\n\n"
    )
    if rng.random() < 0.6:
        header += f"Summary:\n\n{paragraph(rng, names, year, 2)}\n\n"
    header += "Credits:\n\nThis document was made possible with support from the Test Foundation\n\n"
    header += f"Original Language:\n\n{rng.choice(['Russian', 'German', 'Chinese', 'Hungarian', 'Polish'])}\n\nContents:\n\nTranslation - English\n\n"
    body: list[str] = []
    sections = rng.randint(1, 8)
    if kind == "journal":
        body += [
            f"from the journal of\n{author.upper()}",
            f"Top Secret. Copy N° {rng.randint(1, 5)}\n{day} {MONTHS[month - 1]} {year}\nN° {rng.randint(1, 900)}",
            f"RECORD OF A CONVERSATION\nwith {other}",
            f"{max(1, day - 3)} {MONTHS[month - 1]} {year}",
        ]
    elif kind == "telegram":
        body += [
            f"Secret. Urgent\nCipher Telegram No. {rng.randint(100, 9999)}\nFrom {place.upper()}\nTo the Foreign Ministry",
            f"{day} {MONTHS[month - 1]} {year}",
        ]
    elif kind == "memcon":
        body += [
            "MEMORANDUM OF CONVERSATION",
            f"{day} {MONTHS[month - 1]} {year}",
            # dict.fromkeys, not a set: a set's order changes with PYTHONHASHSEED from run to run
            "Present:\n" + "\n".join(dict.fromkeys((author, other))),
        ]
    elif kind == "letter":
        body += [f"{place}, {day} {MONTHS[month - 1]} {year}", f"Dear Comrade {other.split()[-1]},"]
    else:
        body += ["MINUTES", "Agenda:\n1. The international situation\n2. Questions of trade"]
    notes = []
    for s in range(1, sections + 1):
        for k in range(rng.randint(1, 4)):
            text = paragraph(rng, names, year)
            if kind == "memcon":
                speaker = rng.choice([author, other]).upper()
                text = f"{speaker}. {text}"
            elif k == 0 and kind != "letter":
                text = f"{s}. {text}"
            if rng.random() < 0.1:
                notes.append(f"[{len(notes) + 1}] A note on {rng.choice(names['place'])}.")
                text = text.rstrip(".") + f".[{len(notes)}]"
            body.append(text)
            if rng.random() < 0.08:
                body.append(f"(p. {rng.randint(2, 9)})")
    if kind == "letter":
        body.append(f"With communist greetings,\n{author}")
    else:
        body.append(f"AMBASSADOR OF THE USSR\n({author.upper()})")
    body += notes
    return header + "\n\n".join(body) + "\n"


def make_corpus(n: int, out: Path, seed: int = 1961, dense: bool = False) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    names = authority_names()
    if not dense:
        names = {kind: popular_first(forms, seed) for kind, forms in names.items()}
    rng = random.Random(seed)
    for i in range(n):
        path = out / f"rec{i:06d}.txt"
        text = make_record(i, rng, names, dense)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    return out


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=1000, help="how many records (default 1000)")
    parser.add_argument("target", nargs="?", type=Path, help="folder to write (default benchmarks/out/corpus-N)")
    parser.add_argument("--dense", action="store_true", help="every sentence names six entities (stress test)")
    args = parser.parse_args()
    suffix = "-dense" if args.dense else ""
    target = args.target or ROOT / "benchmarks" / "out" / f"corpus-{args.count}{suffix}"
    print(make_corpus(args.count, target, dense=args.dense))
