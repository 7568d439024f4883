"""Names and dates -> persName, placeName, orgName, date, each linked to one entity.

How a mention is found, in order of trust:
  1. a name form listed in the authority files (all forms of one entity share its xml:id);
  2. a place in the GeoNames gazetteer (countries, large cities), with its GeoNames id;
  3. rules for the shapes archival prose gives names: title + name ("President Dorticos"),
     initials + surname ("A.I. Mikoyan"), speaker labels, signatures, participant lists —
     these get an entry of their own in the document's standOff;
  4. a near-miss of a known surname ("Kuydryavstev"), linked as choice/sic/corr.
Adjectives and demonyms are never names: only listed forms and name shapes are matched.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

from ..authority import Authority, AuthorityEntry
from ..config import RecordFormat, record_format
from ..dates import find_dates
from ..gazetteer import gazetteer_places
from ..model import Document, Entity, Node
from ..tei import ENTITY_KINDS
from .walk import rewrite_text

TAGS = {k.kind: k.mention for k in ENTITY_KINDS}  # entity kind -> mention element
# a possessive "'s" is not part of the name ("Cuba's ties" mentions Cuba)
_TOKEN = re.compile(r"[^\W\d_]\.(?=\s?[^\W\d_])|[^\W\d_]+(?:[-'’](?![sS]\b)[^\W\d_]+)*")
_NAME_TOKEN = r"[A-ZÀ-Þ][\w'’-]*"
_INITIALS_NAME = re.compile(
    r"(?<![\w.])(?:[A-ZÀ-Þ]\.\s?){1,3}(?:[A-ZÀ-Þ][a-zà-ÿ'’-]+|[A-ZÀ-Þ]{2}[A-ZÀ-Þ'’-]*)(?:\s+[A-ZÀ-Þ][a-zà-ÿ'’-]+)?"
)
# Capitalised words that start sentences or name institutions, never a person's name.
_NOT_NAMES = frozenset(
    [
        "the",
        "this",
        "that",
        "these",
        "those",
        "he",
        "she",
        "we",
        "they",
        "it",
        "i",
        "you",
        "his",
        "her",
        "our",
        "their",
        "there",
        "here",
        "in",
        "on",
        "at",
        "of",
        "for",
        "and",
        "but",
        "government",
        "council",
        "committee",
        "ministry",
        "party",
        "republic",
        "state",
        "states",
        "embassy",
        "army",
        "navy",
        "soviet",
        "american",
        "cuban",
        "chinese",
        "british",
        "french",
        "german",
        "union",
        "people",
        "people's",
        "national",
        "central",
        "foreign",
        "affairs",
        "minister",
        "president",
        "comrade",
        "comrades",
        "ambassador",
        "secretary",
        "general",
        "chairman",
        "premier",
        "mr",
        "mrs",
        "ms",
        "dr",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "after",
        "before",
        "during",
        "since",
        "when",
        "while",
        "if",
        "as",
        "with",
        "from",
        "to",
        "by",
        "about",
        "however",
        "also",
        "moreover",
        "furthermore",
        "then",
        "political",
        "military",
        "economic",
        "international",
        "socialist",
        "communist",
        "western",
        "eastern",
        "northern",
        "southern",
        "west",
        "east",
        "north",
        "south",
        "prime",
        "deputy",
        "first",
        "vice",
        "delegation",
        "conference",
        "declaration",
        "statement",
        "top",
        "secret",
        "copy",
        "record",
        "memorandum",
        "conversation",
        "telegram",
        "letter",
        "note",
        "notes",
        "minutes",
        "report",
        "agenda",
        "present",
        "participants",
        "item",
        "items",
        "said",
    ]
)
_OPAQUE_FOR_ENTITIES = frozenset(
    {"foreign", "gap", "pb", "lb", "idno", "persName", "placeName", "orgName", "date", "ptr", "ref", "desc"}
)


@lru_cache(maxsize=65536)
def norm(token: str) -> str:
    decomposed = unicodedata.normalize("NFKD", token)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().replace("’", "'").rstrip(".")


def tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text)]


def _slug(name: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", norm(name)).strip("-")
    return s or "x"


@dataclass(frozen=True)
class _Form:
    entity_id: str
    kind: str
    caps: tuple[bool, ...]  # which tokens of the form are capitalised
    exact: str | None  # abbreviations must match letter for letter ("US" is not "us")
    rank: int  # 0 authority, 1 gazetteer, 2 rule


@dataclass
class EntityRecognizer:
    """Built once per process from the authority files; tags any number of documents."""

    authority: Authority
    fmt: RecordFormat = field(default_factory=record_format)
    use_gazetteer: bool = True

    def __post_init__(self):
        self.entries: dict[str, AuthorityEntry] = dict(self.authority.entries)
        self.lexicon: dict[tuple[str, ...], list[_Form]] = {}
        geonames_owner = {
            value: e.xml_id for e in self.entries.values() for kind, value in e.idnos if kind == "geonames"
        }
        for entry in self.entries.values():
            for form in (entry.name, *entry.variants):
                self._add(form, entry.xml_id, entry.kind, 0)
        # Rejection hook: name forms an editor rejected (authority/rejected.txt, written by
        # `tei-encoder authority apply`) are never tagged as rule-found names nor gazetteer places.
        # Any new way of finding names outside the authority files must consult self.rejected too.
        self.rejected = frozenset(tuple(norm(t) for _, _, t in tokens(r)) for r in self.authority.rejected)
        if self.use_gazetteer:
            for place in gazetteer_places():
                if tuple(norm(t) for _, _, t in tokens(place.name)) in self.rejected:
                    continue
                xml_id = geonames_owner.get(place.geonameid, f"gn-{place.geonameid}")
                if xml_id not in self.entries:
                    self.entries[xml_id] = AuthorityEntry(
                        xml_id=xml_id,
                        kind="place",
                        name=place.name,
                        idnos=(("geonames", place.geonameid),),
                        source="gazetteer",
                    )
                self._add(place.name, xml_id, "place", 1)
        self.max_len = max((len(k) for k in self.lexicon), default=1)
        # longest form starting with each first word: most capitalised words start none
        self.first_words: dict[str, int] = {}
        for key in self.lexicon:
            self.first_words[key[0]] = max(self.first_words.get(key[0], 0), len(key))
        self.surnames = self._surnames()
        self.surname_list = sorted(self.surnames)
        titles = "|".join(re.escape(t) for t in self.fmt.person_titles)
        # when every title is capitalised, a lookahead lets the scan skip other positions cheaply
        capital = "(?=[A-ZÀ-Þ])" if all(re.match("[A-ZÀ-Þ]", t) for t in self.fmt.person_titles) else ""
        self.title_name = re.compile(
            rf"{capital}(?<![\w])(?:{titles})\s+(?P<name>(?:[A-ZÀ-Þ]\.\s?){{0,3}}{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,2}})"
        )

    def _add(self, form: str, xml_id: str, kind: str, rank: int) -> None:
        toks = [t for _, _, t in tokens(form)]
        if not toks:
            return
        key = tuple(norm(t) for t in toks)
        letters = re.sub(r"[^\w]", "", form)
        exact = form if letters.isupper() and len(letters) <= 5 else None
        caps = tuple(t[0].isupper() for t in toks)
        forms = self.lexicon.setdefault(key, [])
        if hasattr(self, "first_words"):
            self.first_words[key[0]] = max(self.first_words.get(key[0], 0), len(key))
        if any(f.entity_id == xml_id and f.exact == exact for f in forms):
            return
        if rank > 0 and any(f.rank < rank for f in forms):
            return  # a curated form wins over a gazetteer one
        forms.append(_Form(xml_id, kind, caps, exact, rank))

    def _surnames(self) -> dict[str, set[str]]:
        """Single-word person forms (surnames), for near-miss spellings."""
        out: dict[str, set[str]] = {}
        for key, forms in self.lexicon.items():
            if len(key) == 1 and len(key[0]) >= 5:
                for f in forms:
                    if f.kind == "person":
                        out.setdefault(key[0], set()).add(f.entity_id)
        return out

    def lookup(self, name: str) -> str | None:
        """The entity id of a whole name ("S. M. KUDRYAVTSEV"), if exactly one entity has that form."""
        key = tuple(norm(t) for _, _, t in tokens(name))
        ids = {f.entity_id for f in self.lexicon.get(key, [])}
        return ids.pop() if len(ids) == 1 else None


# --- per document -------------------------------------------------------------------------------


@dataclass
class _DocContext:
    rec: EntityRecognizer
    doc: Document
    local: dict[tuple[str, ...], list[_Form]] = field(default_factory=dict)
    local_entries: dict[str, AuthorityEntry] = field(default_factory=dict)
    local_first: dict[str, int] = field(default_factory=dict)
    seen: dict[str, list[str]] = field(default_factory=dict)  # entity id -> forms met, in order
    default_year: int | None = None
    problems: list[str] = field(default_factory=list)

    def forms(self, key: tuple[str, ...]) -> list[_Form]:
        local = self.local.get(key)
        known = self.rec.lexicon.get(key)
        if local and known:
            return local + known
        return local or known or []

    def longest_from(self, word: str) -> int:
        return max(self.rec.first_words.get(word, 0), self.local_first.get(word, 0))

    def add_local(self, key: tuple[str, ...], form: _Form) -> None:
        self.local.setdefault(key, []).append(form)
        self.local_first[key[0]] = max(self.local_first.get(key[0], 0), len(key))

    def entry(self, xml_id: str) -> AuthorityEntry:
        return self.local_entries.get(xml_id) or self.rec.entries[xml_id]


def tag_entities(doc: Document, rec: EntityRecognizer) -> Document:
    ctx = _DocContext(rec=rec, doc=doc)
    if doc.header.date_iso:
        ctx.default_year = int(doc.header.date_iso[:4])
    _learn_local_names(ctx)
    rewrite_text(doc.body, lambda text, parent: _tag_text(ctx, text), _OPAQUE_FOR_ENTITIES)
    if doc.header.summary:
        holder = Node("p", {}, [doc.header.summary])
        rewrite_text(holder, lambda text, parent: _tag_text(ctx, text), _OPAQUE_FOR_ENTITIES)
        doc.abstract = holder.children
    _link_alternate_names(ctx, doc.body)
    _type_datelines(doc.body)
    for name in doc.header.authors:
        xml_id = _resolve_name(ctx, name)
        if xml_id:
            doc.author_refs[name] = xml_id
            ctx.seen.setdefault(xml_id, []).append(name)
    for xml_id, forms in ctx.seen.items():
        e = ctx.entry(xml_id)
        variants = [f for f in dict.fromkeys(forms) if f != e.name]
        doc.entities[xml_id] = Entity(
            xml_id=xml_id, kind=e.kind, name=e.name, variants=variants, idnos=list(e.idnos), source=e.source
        )
    doc.warnings.extend(ctx.problems)
    return doc


def _strings(node: Node, skip=_OPAQUE_FOR_ENTITIES):
    for child in node.children:
        if isinstance(child, str):
            yield child, node
        elif child.tag not in skip:
            yield from _strings(child, skip)


def _candidate_names(ctx: _DocContext) -> list[str]:
    rec = ctx.rec
    names: list[str] = list(ctx.doc.header.authors)
    participant_items = {
        id(item)
        for node in ctx.doc.body.iter()
        if node.tag == "list" and node.attrs.get("type") == "participants"
        for item in node.children
        if isinstance(item, Node)
    }
    for text, parent in _strings(ctx.doc.body):
        if parent.tag == "label" and parent.attrs.get("type") == "speaker":
            names.append(text.strip().rstrip(".:").strip())
            continue
        if id(parent) in participant_items:
            lead = re.split(r"\s+[–—-]\s+|,|\(", text, maxsplit=1)[0]
            lead = re.sub(rf"^(?:{'|'.join(re.escape(t) for t in rec.fmt.person_titles)})\s+", "", lead.strip())
            if 1 <= len(lead.split()) <= 5 and all(w[0].isupper() for w in lead.split()):
                names.append(lead)
        for m in rec.title_name.finditer(text):
            names.append(m.group("name"))
        for m in _INITIALS_NAME.finditer(text):
            names.append(m.group(0))
        paren = re.fullmatch(r"\s*\(([^()]+)\)\s*", text)
        if paren and parent.tag == "signed":
            names.append(paren.group(1))
    if ctx.doc.header.summary:
        for m in rec.title_name.finditer(ctx.doc.header.summary):
            names.append(m.group("name"))
        for m in _INITIALS_NAME.finditer(ctx.doc.header.summary):
            names.append(m.group(0))
    return names


def _learn_local_names(ctx: _DocContext) -> None:
    """Names found by rules become local entries (or aliases of a known person with that surname)."""
    rec_rejected = ctx.rec.rejected  # an editor's rejection holds on every later build
    for raw in _candidate_names(ctx):
        name = " ".join(raw.split()).strip(" ,.;:")
        toks = [t for _, _, t in tokens(name)]
        if not toks or norm(toks[-1]) in _NOT_NAMES or any(norm(t) in _NOT_NAMES for t in toks if len(t) > 2):
            continue
        key = tuple(norm(t) for t in toks)
        if ctx.forms(key) or key in rec_rejected:
            continue
        if any(f.kind != "person" for k in (key[-1:],) for f in ctx.forms(k)):
            continue  # "Cuba" after a title is not a person
        surname_ids = {f.entity_id for f in ctx.forms(key[-1:]) if f.kind == "person"}
        known = _same_person(ctx, toks, surname_ids)
        xml_id = known or _new_local_person(ctx, name, key)
        ctx.add_local(key, _Form(xml_id, "person", tuple(t[0].isupper() for t in toks), None, 2))
        if not known and len(key) > 1 and not ctx.forms(key[-1:]):
            ctx.add_local(key[-1:], _Form(xml_id, "person", (True,), None, 2))


def _same_person(ctx: _DocContext, toks: list[str], candidates: set[str]) -> str | None:
    """A rule-found name whose surname one known person has, and whose initial does not contradict it."""
    if len(candidates) != 1:
        return None
    xml_id = next(iter(candidates))
    first = toks[0]
    if len(toks) > 1:
        known_first = tokens(ctx.entry(xml_id).name)
        if known_first and norm(known_first[0][2])[:1] != norm(first)[:1]:
            return None
    return xml_id


def _new_local_person(ctx: _DocContext, name: str, key: tuple[str, ...]) -> str:
    base = f"pers-{_slug(' '.join(key))}"
    xml_id = base
    n = 2
    while xml_id in ctx.local_entries or xml_id in ctx.rec.entries:
        xml_id, n = f"{base}-{n}", n + 1
    display = " ".join(t.title() if t.isupper() and len(t) > 2 else t for t in name.split())
    ctx.local_entries[xml_id] = AuthorityEntry(xml_id=xml_id, kind="person", name=display, source="rule")
    return xml_id


def _resolve_name(ctx: _DocContext, name: str) -> str | None:
    key = tuple(norm(t) for _, _, t in tokens(name))
    ids = {f.entity_id for f in ctx.forms(key)}
    return ids.pop() if len(ids) == 1 else None


# --- tagging one string --------------------------------------------------------------------------


def _tag_text(ctx: _DocContext, text: str) -> list:
    spans: list[tuple[int, int, Node]] = []
    for d in find_dates(text, ctx.default_year):
        if d.problem:
            ctx.problems.append(f"{d.problem}: tagged as a date without an ISO value")
        spans.append((d.start, d.end, Node("date", dict(d.attrs), [text[d.start : d.end]])))
    spans.extend(_name_spans(ctx, text))
    if not spans:
        return [text]
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    out: list = []
    pos = 0
    for start, end, node in spans:
        if start < pos:
            continue  # overlaps a longer or earlier mention: nothing is tagged inside another tag
        out.append(text[pos:start])
        out.append(node)
        pos = end
    out.append(text[pos:])
    return out


def _name_spans(ctx: _DocContext, text: str) -> list[tuple[int, int, Node]]:
    toks = tokens(text)
    keys = [norm(t[2]) for t in toks]
    caps = [t[2][0].isupper() for t in toks]
    spans = []
    i = 0
    while i < len(toks):
        if not caps[i]:
            i += 1
            continue
        start = toks[i][0]
        found = _longest_form(ctx, text, toks, keys, caps, i)
        if found:
            length, form = found
            end = toks[i + length - 1][1]
            surface = text[start:end]
            ctx.seen.setdefault(form.entity_id, []).append(surface)
            spans.append((start, end, Node(TAGS[form.kind], {"ref": f"#{form.entity_id}"}, [surface])))
            i += length
            continue
        near = _near_miss(ctx, text, toks, i)
        if near:
            spans.append(near)
        i += 1
    return spans


def _contiguous(text: str, toks, i: int, length: int) -> bool:
    for k in range(i, i + length - 1):
        gap = text[toks[k][1] : toks[k + 1][0]]
        if gap not in (" ", "") and not (gap.isspace() and len(gap) <= 2):
            return False
        if gap == "" and not toks[k][2].endswith("."):
            return False
    return True


def _longest_form(ctx: _DocContext, text: str, toks, keys: list[str], caps: list[bool], i: int):
    longest = ctx.longest_from(keys[i])
    for length in range(min(longest, len(toks) - i), 0, -1):
        if not caps[i + length - 1]:
            continue
        forms = ctx.forms(tuple(keys[i : i + length]))  # a dict lookup: cheaper than the spacing test
        if not forms or not _contiguous(text, toks, i, length):
            continue
        surface = text[toks[i][0] : toks[i + length - 1][1]]
        all_caps = surface.isupper()
        shape = tuple(caps[i : i + length])
        fitting = [f for f in forms if (f.exact == surface if f.exact else (all_caps or shape == f.caps))]
        choice = _choose(ctx, fitting)
        if choice:
            return length, choice
    return None


def _choose(ctx: _DocContext, forms: list[_Form]) -> _Form | None:
    if not forms:
        return None
    best_rank = min(f.rank for f in forms)
    forms = [f for f in forms if f.rank == best_rank or f.rank == 2]
    ids = {f.entity_id for f in forms}
    if len(ids) == 1:
        return forms[0]
    seen = [f for f in forms if f.entity_id in ctx.seen]  # an ambiguous short form: the one already named
    if len({f.entity_id for f in seen}) == 1:
        return seen[0]
    return None


def _near_miss(ctx: _DocContext, text: str, toks, i: int):
    """A misspelt surname mid-sentence ("asks Kuydryavstev to"), linked with choice/sic/corr."""
    start, end, word = toks[i]
    if len(word) < 6 or norm(word) in _NOT_NAMES or word.isupper():
        return None
    k = start - 1
    while k >= 0 and text[k].isspace():
        k -= 1
    if k < 0 or text[k] in '.!?:"“':
        return None  # sentence-initial capitals prove nothing
    key = norm(word)
    # candidates within 5 points of the 85 threshold are enough to decide (best, and a close second)
    found = process.extract(key, ctx.rec.surname_list, scorer=fuzz.ratio, score_cutoff=80, limit=None)
    scored = sorted(((score, s) for s, score, _ in found if abs(len(s) - len(key)) <= 2), reverse=True)
    if not scored or scored[0][0] < 85:
        return None
    best_score, best = scored[0]
    ids = ctx.rec.surnames[best]
    if len(ids) != 1 or (len(scored) > 1 and scored[1][0] > best_score - 5 and ctx.rec.surnames[scored[1][1]] != ids):
        return None
    xml_id = next(iter(ids))
    entry = ctx.entry(xml_id)
    correct = next((t for _, _, t in tokens(" ".join((entry.name, *entry.variants))) if norm(t) == best), best.title())
    ctx.seen.setdefault(xml_id, [])  # the misspelling is not a name form of the entity
    choice = Node("choice", {}, [Node("sic", {}, [word]), Node("corr", {"resp": "#encoder"}, [correct])])
    return start, end, Node("persName", {"ref": f"#{xml_id}"}, [choice])


# --- after tagging ---------------------------------------------------------------------------------


def _link_alternate_names(ctx: _DocContext, root: Node) -> None:
    """`Pak Heon-yeong [Pak Hon Yong]`: the bracketed form is a second name of the same entity."""
    for node in root.iter():
        for k, child in enumerate(node.children):
            if not (
                isinstance(child, Node) and child.tag == "supplied" and child.attrs.get("reason") == "alternate-name"
            ):
                continue
            prev = node.children[k - 1] if k else None
            if isinstance(prev, str) and not prev.strip() and k >= 2:
                prev = node.children[k - 2]
            if isinstance(prev, Node) and prev.tag in TAGS.values() and all(isinstance(c, str) for c in child.children):
                surface = child.text()
                child.children = [Node(prev.tag, dict(prev.attrs), [surface])]
                ctx.seen.setdefault(prev.attrs["ref"][1:], []).append(surface)


_DATELINE_TYPES = (
    ("conversation", "conversation"),
    ("meeting", "meeting"),
    ("minutes", "meeting"),
    ("session", "meeting"),
    ("talk", "conversation"),
)


def _type_datelines(document: Node) -> None:
    """The dateline after the head dates the event the head names (FRUS practice)."""
    head = next((c for c in document.children if isinstance(c, Node) and c.tag == "head"), None)
    if head is None:
        return
    head_text = head.text().lower()
    kind = next((t for word, t in _DATELINE_TYPES if word in head_text), None)
    if not kind:
        return
    for child in document.children:
        if isinstance(child, Node) and child.tag == "dateline":
            for d in child.iter():
                if d.tag == "date" and "type" not in d.attrs:
                    d.attrs["type"] = kind
            break
