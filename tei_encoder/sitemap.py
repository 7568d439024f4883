"""Where things live in the HTML edition, decided once for Python and the stylesheets alike.

One owner for: the registers (entity kind -> folder of entry pages and register page, from
`tei.py`'s kind table; their labels are the UI strings `register-<kind>`), the file name of an entity's page (collision-free for any xml:id), the
anchor of each mention, what a pointer (`@ref`, `@key`) points to, and the writing direction
of a language. `annotate` writes these decisions onto a copy of the TEI, in attributes of our
own namespace, so the document stylesheet only reads them: the page links and the file names
cannot disagree. The register and entry pages get the same values in their input XML.

Pointers follow TEI P5 §16.2 (`teidata.pointer`: whitespace-separated URIs, `#id` a local
element) and §13.3.7 (`@key`, a project-defined code): `#x`, `x` and `@key="x"` name the entity
x; `persons.xml#x` names x of another file (its own register entry); an http(s) URI is an
external link; any other URI scheme (`pers:x`) is a register entry named by the whole pointer.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import NamedTuple
from urllib.parse import unquote

from lxml import etree

from .fsutil import safe_stem
from .signs import extent_words, gap_words, reason_words
from .tei import (
    BREAKING,
    ENTITY_KINDS,
    KIND_OF_ENTRY_QNAME,
    KIND_OF_MENTION_QNAME,
    TEI_NS,
    XML_ID,
    XML_LANG,
    XML_WHITESPACE,
    surface_text,
)

PUB_NS = "urn:tei-encoder:publish"  # our annotations on the copy of the TEI the stylesheets read
PUB_PREFIX = "pub"  # its prefix there (the stylesheets' own)
P = f"{{{PUB_NS}}}"
T = f"{{{TEI_NS}}}"
_CORPUS = T + "teiCorpus"

#: mention element -> entity kind; `rs` and `name` take theirs from @type or from what they point to
NAME_KINDS = KIND_OF_MENTION_QNAME
TYPED_MENTIONS = {T + "rs", T + "name"}
_MENTION_TAGS = (*NAME_KINDS, *TYPED_MENTIONS)  # every element that may be a mention
ENTRY_KINDS = KIND_OF_ENTRY_QNAME
TYPE_KINDS = {
    "person": "person",
    "persname": "person",
    "pers": "person",
    "place": "place",
    "placename": "place",
    "org": "org",
    "orgname": "org",
    "organisation": "org",
    "organization": "org",
}
_SAFE_URL = re.compile(r"^https?://[^\s\"<>]+$", re.IGNORECASE)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_HTTP = re.compile(r"^https?://", re.IGNORECASE)
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
_MAX_STEM = 120


@lru_cache(maxsize=1)
def site_config() -> dict:
    """`tei_encoder/data/site.json`: the writing directions, and how lists are shown."""
    return json.loads(files("tei_encoder.data").joinpath("site.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def registers() -> dict[str, dict]:
    """kind -> {"kind", "folder", "page"}, in the order the site shows them."""
    return {k.kind: {"kind": k.kind, "folder": k.register, "page": k.register_page} for k in ENTITY_KINDS}


def site_json() -> str:
    """The table the stylesheets read (parameter `site`): registers in order, the words of a
    list's @type or @rend that number it or give it bullets (data/site.json `lists`), and the
    letters the index filter folds (`search_folding`, see search_folding), and the MathML a page
    shows (`mathml`, see tei_encoder/mathml.py), as JSON."""
    config = site_config()
    return json.dumps(
        {
            "registers": list(registers().values()),
            "lists": config["lists"],
            "folding": config["search_folding"],
            "mathml": config["mathml"],
        },
        ensure_ascii=False,
        sort_keys=True,
    )


@lru_cache(maxsize=1)
def search_folding() -> dict[str, str]:
    """Letters folded for search besides their marks (data/site.json `search_folding`): lower-case
    letter -> its plain letters, for those Unicode does not decompose (ł -> l, ß -> ss)."""
    return dict(site_config()["search_folding"])


@lru_cache(maxsize=65536)
def page_stem(key: str) -> str:
    """A file name stem for an entity key, readable, and different for different keys on every
    file system.

    ASCII letters, digits and `-` stay as they are (`DK`, `pmb50`); `_` becomes `__` and every
    other character `_<hex>_`, so `a.` and `a`, `é` and `e` + U+0301 get distinct names even where
    names are Unicode-normalised. A key with capital letters ends in `~` and the hex mask of their
    places (bit i for the i-th character: `DK~3`, `Dk~1`, `dk`), so keys differing only in letter
    case never share a file where names ignore case. A reserved device name (`con`, `lpt1`) has
    its first letter escaped. A very long key is cut and keeps a hash of the whole key after `~`
    (its stem longer than any uncut one)."""
    out = []
    capitals = 0
    for i, ch in enumerate(key):
        if ch.isascii() and ch.isalnum() or ch == "-":
            out.append(ch)
            if ch.isupper():
                capitals |= 1 << i
        elif ch == "_":
            out.append("__")
        else:
            out.append(f"_{ord(ch):x}_")
    stem = "".join(out) or "_"
    if stem in _RESERVED:
        stem = f"_{ord(stem[0]):x}_{stem[1:]}"
    if capitals:
        stem = f"{stem}~{capitals:x}"
    if len(stem) > _MAX_STEM:
        stem = stem[:_MAX_STEM] + "~" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    return stem


def entity_page(kind: str, key: str, part: int = 1) -> str:
    """The entry page of an entity, relative to the site root: its first page (part 1, where
    every link to the entity leads), or a further page of its list of mentions, `<stem>.<part>.html`
    (no stem holds a dot: page_stem escapes it, so no entity's first page has such a name)."""
    stem = page_stem(key)
    return (
        f"{registers()[kind]['folder']}/{stem}.html"
        if part == 1
        else f"{registers()[kind]['folder']}/{stem}.{part}.html"
    )


def mention_anchor(key: str, k: int) -> str:
    """The HTML id of the k-th (from 1) mention of an entity on a document page."""
    return f"{anchor_prefix(key)}{k}"


def anchor_prefix(key: str) -> str:
    """The part of a mention's anchor before its number (entry pages add the number)."""
    return f"m-{page_stem(key)}-"


def is_safe_url(value: str) -> bool:
    """Only http(s) URLs become links: a javascript: or data: URL stays text."""
    return bool(_SAFE_URL.match(value))


class Target(NamedTuple):
    """What one pointer of a mention leads to: a register entry (`key`) or an external `url`.
    (A named tuple: a page's mentions look their pointers up by them, hashed in C.)"""

    key: str = ""
    url: str = ""


@lru_cache(maxsize=65536)  # a document repeats its pointers (every mention of an entity): decided once
def parse_pointer(token: str) -> Target | None:
    """One whitespace-free pointer -> its target; None for an unusable one (`#` alone)."""
    if _HTTP.match(token):
        return Target(url=token) if is_safe_url(token) else None
    if _SCHEME.match(token):
        return Target(key=token)
    key = token[1:] if token.startswith("#") else token
    return Target(key=key) if key else None


def pointers(el: etree._Element) -> list[Target]:
    """Targets of an element's @ref (several pointers allowed) and, failing that, its @key."""
    return list(_targets(el))


def _targets(el: etree._Element) -> tuple[Target, ...]:
    value = el.get("ref")
    if value is None or not value or value.isspace():  # no pointer in it
        value = el.get("key")
        return () if value is None else _key_targets(value)
    return _ref_targets(value)


# a document repeats its pointers (every mention of an entity): each value read once
@lru_cache(maxsize=65536)
def _ref_targets(value: str) -> tuple[Target, ...]:
    return tuple(t for t in map(parse_pointer, value.split()) if t is not None)


@lru_cache(maxsize=65536)
def _key_targets(value: str) -> tuple[Target, ...]:
    # a key written as a pointer (key="#DK") names the entity DK, as ref="#DK" does
    return tuple(Target(key=k[1:] if k.startswith("#") else k) for k in value.split() if k != "#")


def entries(root: etree._Element) -> dict[str, etree._Element]:
    """Every person, place and org with an xml:id, wherever the document lists it (standOff,
    particDesc, settingDesc, back), by id; the first wins."""
    return _entries_of(root.iter(*ENTRY_KINDS))


def _entries_of(elements: Iterable[etree._Element]) -> dict[str, etree._Element]:
    """`entries` of the entity entries ELEMENTS (in document order)."""
    found: dict[str, etree._Element] = {}
    for el in elements:
        xml_id = el.get(XML_ID)
        if xml_id and xml_id not in found:
            found[xml_id] = el
    return found


def preferred_name(entry: etree._Element) -> str:
    """An entry's name as registers show it: its name marked preferred, else its first name
    (persName, placeName, orgName …), whitespace normalised; "" when it has none."""
    chosen = None  # the first name marked preferred, else the first name (one pass, no list)
    for n in entry:
        if isinstance(n.tag, str) and n.tag.endswith("Name"):
            if n.get("type") == "preferred":
                chosen = n
                break
            chosen = n if chosen is None else chosen
    if chosen is None:
        return ""
    return " ".join((chosen.text or "").split()) if not len(chosen) else name_text(chosen)


_NOTE = T + "note"


def name_text(name: etree._Element) -> str:
    """The words of a name element (persName, placeName …), whitespace normalised, without the
    notes inside it (`<placeName>Zion<note>…</note></placeName>` is "Zion": its note is the
    form's note, `name_notes`). TEI P5 §13.2.1."""
    if not len(name):
        return " ".join((name.text or "").split())
    return " ".join("".join(_text_without_notes(name)).split())


def _text_without_notes(el: etree._Element) -> Iterator[str]:
    yield el.text or ""
    for child in el:
        if child.tag != _NOTE and isinstance(child.tag, str):
            yield from _text_without_notes(child)
        yield child.tail or ""


def name_notes(entry: etree._Element) -> list[str]:
    """The notes inside the names of an entry, each as "NAME: NOTE" (whitespace normalised), in
    document order: shown as the entry's notes, apart from the name they explain."""
    found = []
    for n in entry:
        if isinstance(n.tag, str) and n.tag.endswith("Name") and len(n):
            for note in n.iter(_NOTE):
                words = " ".join("".join(note.itertext()).split())
                if words:
                    found.append(f"{name_text(n)}: {words}")
    return found


GAP = T + "gap"
SPACE = T + "space"
# elements whose words or reasons the site prints, worded by tei_encoder/signs.py (`annotate`)
_WORDED = frozenset({GAP, SPACE, T + "unclear", T + "surplus", T + "secl", T + "supplied"})

#: alternatives (TEI P5 §3.5 choice, §12 apparatus) and, in the order given, which is printed:
#: what the source has (sic, orig, abbr) or the lemma; the page names the others on hover and in its list of readings
_PRINTED_FIRST = {T + "choice": (T + "sic", T + "orig", T + "abbr", T + "seg"), T + "app": (T + "lem",)}
_READINGS = {T + "choice": None, T + "app": (T + "lem", T + "rdg", T + "rdgGrp")}


def printed_alternative(el: etree._Element) -> etree._Element | None:
    """The one alternative of a `choice` or `app` the page prints (the stylesheets read the
    choice from pub:printed); the others it names on hover and in its list of readings after the
    text (xslt/alternatives.xsl)."""
    children = [c for c in el if isinstance(c.tag, str)]
    readings = _READINGS[el.tag]
    if readings is not None:
        children = [c for c in children if c.tag in readings]
    for tag in _PRINTED_FIRST[el.tag]:
        chosen = next((c for c in children if c.tag == tag), None)
        if chosen is not None:
            return chosen
    return children[0] if children else None


#: entity registers (TEI P5 §13.3): what their entries name (a birthplace, a residence) describes the
#: entity, it is no mention of the text; a back or standOff list, or an entry outside a list
_REGISTERS = tuple(
    T + tag
    for tag in (
        "listPerson", "listPlace", "listOrg", "listBibl", "listEvent", "listNym", "listRelation",
        "person", "personGrp", "place", "org", "event", "nym",
    )
)  # fmt: skip


def _hidden_mentions(container: etree._Element, registers: bool = False) -> set[etree._Element]:
    """The elements that may be mentions (_MENTION_TAGS) inside an alternative of CONTAINER that
    the page does not print (`printed_alternative`): found once per alternative, not by a walk
    up from every mention of the document. With REGISTERS, also those inside an entity register
    of CONTAINER (_REGISTERS: a listPerson in the back), found in the same walk."""
    hidden: set[etree._Element] = set()
    for el in container.iter(*_PRINTED_FIRST, *_REGISTERS) if registers else container.iter(*_PRINTED_FIRST):
        if el.tag not in _READINGS:
            hidden.update(el.iterdescendants(*_MENTION_TAGS))
            continue
        printed = printed_alternative(el)
        readings = _READINGS[el.tag]
        for child in el:
            if isinstance(child.tag, str) and child is not printed and (readings is None or child.tag in readings):
                hidden.update(child.iterdescendants(*_MENTION_TAGS))
    return hidden


def _mention_containers(
    root: etree._Element, candidates: Iterable[etree._Element] | None = None
) -> Iterator[etree._Element]:
    """The abstract and the outermost `text` elements, in document order: where mentions are.
    CANDIDATES, when given, are ROOT's abstract and text elements in document order, already found."""
    for c in root.iter(T + "abstract", T + "text") if candidates is None else candidates:
        if next(c.iterancestors(T + "abstract", T + "text"), None) is None:
            yield c


def _declared_kind(el: etree._Element) -> str | None:
    if el.tag in NAME_KINDS:
        return NAME_KINDS[el.tag]
    return TYPE_KINDS.get((el.get("type") or "").strip().lower())


@dataclass
class Mention:
    """A linked mention: its element, entity targets with their kind, and external links."""

    element: etree._Element
    keys: tuple[tuple[str, str], ...]  # (kind, key), in the order of the pointer
    urls: tuple[str, ...]


def mentions(root: etree._Element, listed: dict[str, etree._Element] | None = None) -> list[Mention]:
    """The mentions of the abstract and the text, in document order, with each target's kind
    (see `_linked`)."""
    return [Mention(*found) for found in _linked(root, listed)]


def _linked(
    root: etree._Element,
    listed: dict[str, etree._Element] | None = None,
    containers: Iterable[etree._Element] | None = None,
) -> list[tuple[etree._Element, tuple[tuple[str, str], ...], tuple[str, ...]]]:
    """The mentions of the abstract and the text, in document order, with each target's kind, as
    (element, keys, urls) like Mention's fields (annotate reads a page's hundreds without them).

    Mentions inside an alternative the page does not print (`printed_alternative`) are left
    out: they have no anchor there; so are names inside an entity register (a listPerson or
    listPlace in the back: _REGISTERS): they describe an entry, they are no references of the text. An entity's kind is decided once per document: the kind of its entry if the document lists
    it, else the kind its first mention declares. A pointer whose kind nothing declares stays
    unlinked (its text is still shown). LISTED, when given, is `entries(root)`, already found;
    CONTAINERS, ROOT's abstract and text elements in document order (see `_mention_containers`)."""
    listed = entries(root) if listed is None else listed
    kind_of = {xml_id: ENTRY_KINDS[el.tag] for xml_id, el in listed.items()}
    raw: list[tuple[etree._Element, str | None, tuple[Target, ...]]] = []
    for container in _mention_containers(root, containers):
        hidden = _hidden_mentions(container, registers=True)
        for el in container.iter(*_MENTION_TAGS):
            targets = _targets(el)
            if not targets or (hidden and el in hidden):
                continue  # a mention only hovered over has no anchor on the page; a register's entry names none
            declared = _declared_kind(el)
            if declared:
                for t in targets:
                    if t.key and t.key not in kind_of:
                        kind_of[t.key] = declared
            raw.append((el, declared, targets))
    found = []
    # a document repeats its pointers (every mention of an entity): each one resolved once
    resolved: dict[tuple[Target, ...], tuple[tuple[tuple[str, str], ...], tuple[str, ...]]] = {}
    for el, _declared, targets in raw:
        links = resolved.get(targets)
        if links is None:
            links = resolved[targets] = (
                tuple((kind_of[t.key], t.key) for t in targets if t.key and t.key in kind_of),
                tuple(t.url for t in targets if t.url),
            )
        if links[0] or links[1]:
            found.append((el, *links))
    return found


def text_script(text: str) -> str:
    """The script most letters of TEXT are written in, as the first word of their Unicode names
    ("LATIN", "HEBREW", "CYRILLIC", "ARABIC", "CJK" …); "" when TEXT has no letter. A name in a
    script other than its page's words needs its own lang and dir there (HTML, TEI P5 §vi.1)."""
    if text.isascii():  # most names: no lookup of each letter
        return "LATIN" if any(char.isalpha() for char in text) else ""
    counts: dict[str, int] = {}
    for char in text:
        if char.isalpha():
            word = unicodedata.name(char, "").partition(" ")[0]
            counts[word] = counts.get(word, 0) + 1
    return max(sorted(counts), key=counts.__getitem__) if counts else ""


@lru_cache(maxsize=256)
def language_script(tag: str) -> str:
    """The script a language is likely written in, named as `text_script` names it ("he" ->
    "HEBREW", "sr-Latn" -> "LATIN"); "" when unknown (CLDR's likely subtags, by langcodes; the
    names from data/site.json script_letters)."""
    import langcodes

    try:
        script = langcodes.Language.get(tag).maximize().script
    except ValueError:  # langcodes.LanguageTagError
        return ""
    return site_config()["script_letters"].get(script or "", "")


def name_direction(name: str, lang: str) -> str:
    """The writing direction of a NAME in language LANG ("" unknown): the language's, else that
    of the name's first strongly directional character; "auto" when the name has none."""
    if lang:
        return language_direction(lang)
    for char in name:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "auto"


@lru_cache(maxsize=256)
def html_lang(tag: str) -> str:
    """An xml:lang value as the valid BCP 47 tag HTML's lang needs (`lat` -> `la`, `en_US` ->
    `en-US`, an extended language subtag as the language: `el-grc` -> `grc`); "" (language
    unknown) for a value that is no valid language tag (`sr-Cryl`, a misspelt script). A
    private-use tag (`x-unk`, RFC 5646 §2.2.7) and any other valid tag stay as they are."""
    import langcodes  # its tables take ~0.1 s to load: only a run that makes pages pays for them

    try:
        parts = str(langcodes.standardize_tag(tag.strip())).split("-")
        # only after a primary language subtag (2-3 letters): `x-unk` (private use) keeps its `x`
        if len(parts) > 1 and len(parts[0]) in (2, 3) and len(parts[1]) == 3 and parts[1].isalpha():
            parts = parts[1:]  # RFC 5646 §2.2.2: the extlang is the language's own code
        standard = "-".join(parts)
        return standard if langcodes.Language.get(standard).is_valid() else ""
    except ValueError:  # langcodes.LanguageTagError
        return ""


def language_direction(tag: str) -> str:
    """'rtl' or 'ltr' for a BCP 47 tag (`xml:lang`); a script subtag decides over the language."""
    parts = tag.replace("_", "-").split("-")
    config = site_config()
    script = next((p for p in parts[1:] if len(p) == 4 and p.isalpha()), None)
    if script is not None:
        return "rtl" if script.title() in config["rtl_scripts"] else "ltr"
    return "rtl" if parts[0].lower() in config["rtl_languages"] else "ltr"


# compiled once, as _DATE_PATHS
_TITLES = etree.XPath("tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title", namespaces={"tei": TEI_NS})
_ANY_TITLES = etree.XPath(".//tei:titleStmt/tei:title", namespaces={"tei": TEI_NS})


def _chosen_title(root: etree._Element, fallback: str = "") -> tuple[etree._Element | None, str]:
    """The title element `document_title` chooses and its text; (None, FALLBACK) when none has text."""
    titles = _TITLES(root)
    if not titles:
        titles = _ANY_TITLES(root)
    named = [(t, surface_text(t)) for t in titles]
    named = [(t, text) for t, text in named if text]
    preferences = (
        lambda t: t.get("type") == "main",
        lambda t: t.get("level") == "a",
        lambda t: t.get("level") not in ("s", "m", "j"),
        lambda t: True,
    )
    for wanted in preferences:
        chosen = next(((t, text) for t, text in named if wanted(t)), None)
        if chosen:
            return chosen
    return None, fallback


def document_title(root: etree._Element, fallback: str = "") -> str:
    """The title a page shows, from titleStmt (TEI P5 §2.2.1): title[@type="main"], else the
    analytic title (@level="a") before a series, monograph or journal one (@level s/m/j), else the
    first; whitespace normalised, corrections (`corr`) left out as the text shows them. A title
    that is empty or missing gives `fallback` (the file name), never an empty heading."""
    return _chosen_title(root, fallback)[1]


def _language_at(el: etree._Element | None) -> str:
    """The nearest xml:lang at or above EL as an HTML lang value (`html_lang`); "" when none or invalid."""
    while el is not None:
        lang = el.get(XML_LANG)
        if lang is not None:
            return html_lang(lang) if lang.strip() else ""
        el = el.getparent()
    return ""


def document_languages(root: etree._Element) -> tuple[str, str]:
    """(the language of the document's text, that of its title, `document_title`), as HTML lang
    values for what other pages quote of it (an entry page's snippets and title, TEI P5 §vi.1
    xml:lang): the nearest xml:lang at or above the first `text` (else the header's main
    language, as its page says, `_declare_text_language`) and at or above the chosen title (else
    the header's main language; never the text's own xml:lang). "" when unknown: the quoting page
    then says so (lang="") rather than letting the site's own language stand for it."""
    main = main_language(root)
    declared = html_lang(main) if main else ""
    text = root.find(f"{T}text")
    title = _chosen_title(root)[0]
    text_lang = _language_at(text if text is not None else root) or declared
    return text_lang, _language_at(title if title is not None else root) or declared


# Where TEI gives a document's date, most specific first (TEI P5 §2.4.1 creation, §2.4.6
# correspDesc, §10.8 origDate, §3.12 bibliographic dates): ours writes creation/date, letters of
# other projects the date of sending, manuscript descriptions the date of origin, others only the
# source's bibliographic date; some (the Office of the Historian's documents) type a date of the
# publication statement as the text's creation.
_DATE_PLACES = (
    "tei:teiHeader/tei:profileDesc/tei:creation//tei:date",
    "tei:teiHeader/tei:profileDesc/tei:correspDesc/tei:correspAction[@type='sent']//tei:date",
    "tei:teiHeader/tei:fileDesc/tei:sourceDesc//tei:msDesc/tei:history/tei:origin//tei:origDate",
    "tei:teiHeader/tei:fileDesc/tei:sourceDesc//tei:msDesc//tei:origDate",
    "tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:bibl//tei:date",
    "tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:biblStruct//tei:imprint/tei:date",
    "tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:date[@type='created' or @type='creation']",
)

# compiled once: compiling them cost more than finding a page's date with them
_DATE_PATHS = tuple(etree.XPath(path, namespaces={"tei": TEI_NS}) for path in _DATE_PLACES)
# when the header dates nothing: the dates of the text's datelines (TEI P5 §4.2.2), of every text
# of the document (a root `text` or a group's texts too)
_DATELINE_DATES = etree.XPath(".//tei:dateline//tei:date", namespaces={"tei": TEI_NS})

# TEI P5 att.datable.w3c (§13.4) and att.datable.iso: a date, or its bounds; the -custom forms are
# read in the element's own calendar (@datingMethod) and are not taken
_WHEN, _SPAN, _BETWEEN = (
    ("when", "when-iso"),
    (("from", "from-iso"), ("to", "to-iso")),
    (
        ("notBefore", "notBefore-iso"),
        ("notAfter", "notAfter-iso"),
    ),
)
# a year before the common era is negative, as XML Schema 1.0 (TEI's datatypes) writes it: -0044 is
# 44 BCE, -0001 1 BCE, and there is no year 0000
_ISO_DATE = re.compile(r"^(-?\d{4})(-\d{2}(-\d{2})?)?(?=$|T|[+-]\d{2}:|Z)")
# a document's date value: a day, month or year (1962-10-03, 1962-10, 1962); a span (@from/@to)
# FROM/TO; a date known only to lie between two (@notBefore/@notAfter) NOTBEFORE..NOTAFTER; either
# bound of the two may be missing (1962/, /1962, 1962.., ..1962)
DATE_SPAN, DATE_BETWEEN = "/", ".."


def _iso_of(el: etree._Element, names: tuple[str, ...]) -> str:
    """The first ISO date (YYYY[-MM[-DD]], -YYYY before the common era, time of day left out)
    among EL's attributes NAMES; ''. A date no calendar has (1920-02-30, month 13, year 0000) is
    taken as written, to be shown so, never given as a date (see date_problems, iso_interval)."""
    for name in names:
        found = _ISO_DATE.match((el.get(name) or "").strip())
        if found:
            return found.group(0)
    return ""


@lru_cache(maxsize=4096)  # a corpus's dates repeat: asked for every date of every page
def _real(iso: str) -> bool:
    """Whether an ISO date as _ISO_DATE matches it is one the calendar has: no year 0000 (TEI's
    XML Schema 1.0 dates have none), a month 01-12, a day its month has in that year; ASCII digits."""
    if not iso.isascii():
        return False
    year, _, rest = iso[1:].partition("-") if iso.startswith("-") else iso.partition("-")
    if int(year) == 0:
        return False
    if not rest:
        return True
    month, _, day = rest.partition("-")
    if not 1 <= int(month) <= 12:
        return False
    # proleptic Gregorian leap years, counted from the year before 1 CE as 0: -0001 (1 BCE) is a leap year
    return not day or 1 <= int(day) <= _month_end(1 - int(year) if iso.startswith("-") else int(year), int(month))


def date_order(iso: str) -> tuple[int, str]:
    """What dates are ordered by: the year as a number (negative before the common era), then the
    rest (-0100 before -0044 before 0044); an empty date last."""
    if not iso:
        return (1 << 31, "")
    negative = iso.startswith("-")
    year, _, rest = iso[1:].partition("-") if negative else iso.partition("-")
    return (-int(year) if negative else int(year), rest)


def date_problems(el: etree._Element) -> list[str]:
    """What is wrong with the dates an element of att.datable gives, as warnings naming its line:
    a value the site cannot read as a date (`1961-06-9x`, `--06-09`, `June 1961`), a date no calendar
    has (neither taken: not indexed, not in the JSON-LD, its text shown) and a span or bounds whose
    end comes before its start (shown as written, with no interval). [] when nothing is."""
    values = _date_attributes(el)
    if values in _SOUND_DATES:  # attribute values already read and found sound (most dates)
        return []
    problems = []
    line = f"line {el.sourceline}: " if el.sourceline else ""
    tag = etree.QName(el).localname
    for names in (_WHEN, *_SPAN, *_BETWEEN):
        for name in names:
            written = el.get(name)
            found = _ISO_DATE.match((written or "").strip())
            if written is not None and not found:
                problems.append(
                    f'{line}<{tag} {name}="{written}">: not a date the site can read (YYYY, YYYY-MM or '
                    "YYYY-MM-DD); shown as written, not given as a date"
                )
            elif found and not _real(found.group(0)):
                problems.append(
                    f'{line}<{tag} {name}="{el.get(name)}">: no such date; shown as written, not given as a date'
                )
    for first, last in (_SPAN, _BETWEEN):
        start, end = _iso_of(el, first), _iso_of(el, last)
        if start and end and _real(start) and _real(end) and _reversed(start, end):
            problems.append(
                f"{line}<{tag}>: its end {end} comes before its start {start}; shown as written, with no interval"
            )
    if not problems:
        if len(_SOUND_DATES) >= _SOUND_DATES_KEPT:
            _SOUND_DATES.clear()
        _SOUND_DATES.add(values)
    return problems


# What a date's problems and its date value depend on: the values of these attributes (None for
# each it lacks). A document repeats its dates' values (every date of one day), and so do the
# next documents: each set of values is read once, not once per element and reading.
_DATE_ATTRIBUTES = tuple(
    name for names in (_WHEN, *_SPAN, *_BETWEEN) for name in names
)  # as _date_attributes reads them
_SOUND_DATES: set[tuple[str | None, ...]] = set()  # values date_problems found nothing wrong with
_SOUND_DATES_KEPT = 65536


def _date_attributes(el: etree._Element) -> tuple[str | None, ...]:
    """EL's values of _DATE_ATTRIBUTES, in that order (None for each it lacks)."""
    get = el.get  # ten lookups written out: a generator for them cost as much again
    return (
        get("when"),
        get("when-iso"),
        get("from"),
        get("from-iso"),
        get("to"),
        get("to-iso"),
        get("notBefore"),
        get("notBefore-iso"),
        get("notAfter"),
        get("notAfter-iso"),
    )


def date_warnings(root: etree._Element) -> list[str]:
    """date_problems of every date in the document (tei:date, tei:origDate), in document order."""
    return [problem for el in root.iter(T + "date", T + "origDate") for problem in date_problems(el)]


def life_date_warnings(root: etree._Element) -> list[str]:
    """date_problems of the births, deaths and floruits of the document's entries (TEI P5
    §13.3.2) that give a date in their attributes, in document order."""
    return [problem for el in root.iter(*_LIVED) for problem in date_problems(el)]


_LIVED = (T + "birth", T + "death", T + "floruit")


def has_life_dates(tei: bytes) -> bool:
    """Whether the TEI bytes may hold a birth, death or floruit with attributes (a start tag
    `<birth `, `<x:death`+newline: any white space after the name): told from the bytes, so that
    most documents cost nothing."""
    return _LIFE_START_TAG.search(tei) is not None


_LIFE_START_TAG = re.compile(rb"[<:](?:birth|death|floruit)[ \t\r\n]")


def _reversed(start: str, end: str) -> bool:
    """Whether END comes before START (compared over the precision both give)."""
    n = min(len(start) - start.startswith("-"), len(end) - end.startswith("-"))
    return date_order(end[: n + end.startswith("-")]) < date_order(start[: n + start.startswith("-")])


def _month_end(year: int, month: int) -> int:
    """The last day of MONTH (1-12) of YEAR in the proleptic Gregorian calendar (year 0 too)."""
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _whole(start: str, end: str) -> str:
    """START itself when START and END are one date, or the month or year that START..END covers
    exactly (1962-10-01 to 1962-10-31 is October 1962); '' otherwise."""
    if start == end:
        return start
    if len(start) == len(end) == 10 and start[:7] == end[:7] and start.endswith("-01"):
        year, month = int(start[:4]), int(start[5:7])
        if 1 <= month <= 12 and int(end[8:]) == _month_end(year, month):
            return start[:7]
    if start[:4] == end[:4] and start[4:] in ("-01", "-01-01") and end[4:] in ("-12", "-12-31"):
        return start[:4]
    return ""


def date_value(el: etree._Element) -> str:
    """The date an element of att.datable gives, as a date value (see DATE_SPAN): @when, else
    @from/@to, else @notBefore/@notAfter (each also as -iso); '' when it gives none in ISO form."""
    return _date_value_of(_date_attributes(el))


@lru_cache(maxsize=65536)
def _date_value_of(values: tuple[str | None, ...]) -> str:
    """date_value of an element whose _DATE_ATTRIBUTES have these VALUES (read once for each set)."""
    el = etree.Element("date", {name: v for name, v in zip(_DATE_ATTRIBUTES, values, strict=True) if v is not None})
    when = _iso_of(el, _WHEN)
    if when:
        return when
    for (first, last), mark in ((_SPAN, DATE_SPAN), (_BETWEEN, DATE_BETWEEN)):
        start, end = _iso_of(el, first), _iso_of(el, last)
        if start and end and _real(start) and _real(end) and _reversed(start, end):
            return ""  # an end before the start: no date value (date_problems warns)
        if start or end:
            return (start and end and _whole(start, end)) or f"{start}{mark}{end}"
    return ""


def date_bounds(value: str) -> tuple[str, str, str]:
    """A date value's (kind, start, end): ("", DATE, DATE) for one date, (DATE_SPAN or
    DATE_BETWEEN, start or '', end or '') for the others."""
    for mark in (DATE_SPAN, DATE_BETWEEN):
        if mark in value:
            start, _, end = value.partition(mark)
            return mark, start, end
    return "", value, value


def year_of(iso: str) -> str:
    """The year of an ISO date (-YYYY before the common era); ''."""
    found = re.match(r"-?\d{4}", iso)
    return found.group(0) if found else ""


def date_start(value: str) -> str:
    """What a date value is sorted by: its start, else its end (only an upper bound is known); ''."""
    _, start, end = date_bounds(value)
    return start or end


def iso_interval(value: str) -> str:
    """A date value as ISO 8601 (schema.org dateCreated): the date, or START/END when both bounds
    are known; '' when one is open (nothing is invented for it) or a date is none the calendar has."""
    kind, start, end = date_bounds(value)
    if not all(_real(d) for d in (start, end) if d):
        return ""  # a date no calendar has is shown as written, never given as a date
    return value if not kind else f"{start}/{end}" if start and end else ""


def readable(value: str) -> bool:
    """Whether every bound a date value (see DATE_SPAN) gives is a date the calendar has (no 30
    February, no month 13, no year 0000): only such a value is shown, indexed or spanned as a date;
    another one is shown as its text reads, and date_problems warns of it."""
    if DATE_SPAN not in value and DATE_BETWEEN not in value:  # most values: one date
        return not value or _real(value)
    return all(_real(d) for d in date_bounds(value)[1:] if d)


def document_date(root: etree._Element) -> tuple[str, str]:
    """The document's date as (a date value, see DATE_SPAN; its text as printed), the one date the
    index, the page and its JSON-LD show. Taken from the first of the header's places that gives an
    ISO date (see `_DATE_PLACES`, `date_value`); when none does, from the dates of the text's
    datelines: their one date, or the span from the earliest to the latest when they differ. When
    nothing gives an ISO date: ("", the first header date's text); ("", "") when nothing dates it."""
    first_text = ""
    for path in _DATE_PATHS:
        for date in path(root):
            text = surface_text(date)
            first_text = first_text or text
            value = date_value(date)
            if value and readable(value):
                return value, text
    if root.tag == _CORPUS:
        # a corpus its own header does not date: the span of its members' dates (TEI P5 §15.1)
        members = [document_date(member)[0] for member in root.iterchildren(T + "TEI", _CORPUS)]
        values = {value for value in members if value and readable(value)}
        if values:
            return _span(values), ""
    dated = [
        (value, date) for date in _DATELINE_DATES(root) for value in (date_value(date),) if value and readable(value)
    ]
    if not dated:
        return "", first_text
    values = {value for value, _ in dated}
    if len(values) == 1:
        return dated[0][0], surface_text(dated[0][1])
    return _span(values), ""


def _span(values: set[str]) -> str:
    """One date value covering VALUES (a set of date values): the one, or the span from the earliest
    start to the latest end."""
    if len(values) == 1:
        return next(iter(values))
    starts = [date_start(v) for v in values]
    ends = [b for v in values for b in date_bounds(v)[1:] if b]
    first = min(starts, key=date_order)
    last = max(ends, key=lambda d: (date_order(d), len(d)))
    return (_whole(first, last) if len(first) == len(last) else "") or f"{first}{DATE_SPAN}{last}"


_HREF, _LINK = P + "href", P + "link"


def _decide(
    decided: dict[tuple[str, str], tuple[str, str]], listed: dict[str, etree._Element], kind: str, key: str
) -> tuple[str, str]:
    """What pub:link says of every mention of an entity before and after its anchor's number:
    ("KIND PAGE ANCHOR-PREFIX", " NAME"), kept in DECIDED for the next mention (see `annotate`)."""
    name = preferred_name(listed[key]) if key in listed else ""
    decided[kind, key] = found = (_link_head(kind, key), f" {name}")
    return found


@lru_cache(maxsize=65536)  # an entity is mentioned in many documents
def _link_head(kind: str, key: str) -> str:
    """pub:link's start for every mention of an entity: "KIND PAGE ANCHOR-PREFIX" (see _decide)."""
    return f"{kind} {entity_page(kind, key)} {anchor_prefix(key)}"


def drop_annotations(root: etree._Element) -> int:
    """Removes from `root` every attribute in our publishing namespace (PUB_NS) that the input itself
    carries (`annotate` alone may write them: the stylesheets follow pub:href as a link); returns how
    many were removed."""
    dropped = 0
    for el in root.iter():
        for name in [n for n in el.attrib if n.startswith(P)]:
            del el.attrib[name]
            dropped += 1
    return dropped


# What annotate looks for in the whole tree, by group (each group's elements in document order):
# one walk of the tree for all of them, as each walk of a page's tree costs about as much
# whatever it looks for (lxml matches every element against the names).
_WALKED = {
    **{tag: "entry" for tag in ENTRY_KINDS},
    T + "abstract": "container",
    T + "text": "container",
    **{tag: "worded" for tag in (*_PRINTED_FIRST, *_WORDED)},
    T + "ref": "pointer",
    T + "ptr": "pointer",
    T + "date": "date",
}


def _walk(root: etree._Element) -> dict[str, list[etree._Element]]:
    """ROOT and the elements in it of each group of _WALKED, in document order (one walk)."""
    walked: dict[str, list[etree._Element]] = {group: [] for group in set(_WALKED.values())}
    for el in root.iter(*_WALKED):
        walked[_WALKED[el.tag]].append(el)
    return walked


def annotate(
    root: etree._Element,
    page_direction: str = "ltr",
    date_labels: DateLabels | None = None,
    strings: Mapping | None = None,
    scope: Mapping[str, str] | None = None,
) -> etree._Element:
    """The document for the stylesheets: `root` itself (pass a tree parsed for this), our
    namespace declared on it, with where every mention links, its anchors and each language
    change's direction written on it (a change from `page_direction`, the direction of the
    site's own words: "ltr", or "rtl" for a right-to-left UI language).

    pub:link   on a linked mention: its first target, as "KIND HREF ANCHOR TITLE" — the entity's
               kind, its entry page relative to the site root, the mention's anchor, the entity's
               preferred name (which may hold spaces; none of the others does) — or, for an
               external link, " URL  " (kind, anchor and title empty). One attribute, not four:
               Saxon's parse of the copy costs by the attribute, and a page has hundreds of
               mentions. xslt/entities.xsl f:mention reads it (so may an edition's templates).
    pub:also   further targets, as `href anchor-or-dash` pairs separated by spaces
    pub:also-names the names of the further targets (of their entries; else the id or the web
               address), in that order, separated by line feeds: their links' hover and accessible name
    pub:nested set on a mention inside another linked mention (HTML links cannot nest)
    pub:inner  set on the outermost linked mention holding such a one: it links the inner
               entities after itself, as it does its further targets
    pub:href   on a name in a titleStmt author whom the text mentions: the entry page
    pub:printed on the alternative of a choice or an apparatus entry that the page prints
    pub:readings on the root when the document has a choice or an apparatus entry: the page lists
               the readings it does not print (xslt/alternatives.xsl), looked for only then
    pub:unlisted on the root when a mention points to an entity no entry of the document
               describes: "KIND:ID" for each, space-separated, sorted (`unlisted_warnings`; publish
               removes it before the stylesheets read the document)
    pub:kinds  on the root when a mention links an entry: the kinds that lead pub:link (its first
               target's), space-separated, sorted: the page's Highlight boxes (xslt/document.xsl),
               told without a search of the page's every attribute
    pub:dir    on an element whose xml:lang changes the writing direction
    pub:date   on a tei:date with a date in its attributes: its date value (see `_mark_dates`)
    pub:label  with DATE_LABELS, on such a date that is a span or bounds: its hover's words
    pub:to     on a ref or ptr (TEI P5 §3.7) whose @target the page can link: the http(s) URL, or
               "#" and the page anchor of the element it points to in the text
    pub:anchor on an element of the text a ref or ptr points to: its HTML id on the page
    xml:lang   rewritten as a valid BCP 47 tag (see `html_lang`)
    pub:span   an element wrapping each piece of text a delSpan, addSpan or damageSpan marks (`_mark_spans`)
    pub:words  on a gap: its words as the site prints them (signs.gap_words, with STRINGS, the
               site's UI strings; the shipped ones when None), the one owner of those words
    pub:reason on a gap, unclear, surplus, secl or supplied with a @reason: its reasons in words
               (signs.reason_words), for its hover
    pub:extent on a space with an extent: its extent in words (signs.extent_words), for its hover

    SCOPE (entity id -> key), when given, renames the document's entities whose entries clash
    with another document's of the same id (clashes.entry_clashes): their links and anchors
    use the scoped key, so that the document links its own entity's page.
    """
    # declared on the root, lxml finds our namespace for every attribute instead of declaring
    # it again on each annotated element (which makes the serialised tree grow and slows it);
    # a short prefix, as Saxon's parse of the serialised copy costs by the byte (a document
    # that binds it to another namespace keeps its binding: ours is then declared where used)
    etree.cleanup_namespaces(root, top_nsmap={PUB_PREFIX: PUB_NS}, keep_ns_prefixes=[PUB_PREFIX])
    counts: dict[str, int] = {}
    kinds: dict[str, str] = {}
    walked = _walk(root)
    listed = _entries_of(walked["entry"])
    found = _linked(root, listed, walked["container"])
    if scope:  # rare: entries of this document clash with another's of the same id
        found = [(el, tuple((kind, scope.get(key, key)) for kind, key in keys), urls) for el, keys, urls in found]
        listed = {scope.get(key, key): entry for key, entry in listed.items()}
    # linked mentions that hold elements: only such a one can have another mention inside it
    holding: set[etree._Element] = set()
    # decided once per entity, not per mention: its pub:link before and after the anchor's number
    decided: dict[tuple[str, str], tuple[str, str]] = {}
    leading: set[str] = set()  # the kinds that lead a pub:link (pub:kinds)
    for el, keys, urls in found:
        if len(keys) == 1 and not urls:  # most mentions: one entity, nothing else to link
            kind, key = entity = keys[0]
            leading.add(kind)
            head, tail = decided.get(entity) or _decide(decided, listed, kind, key)
            counts[key] = n = counts.get(key, 0) + 1
            kinds[key] = kind
            el.set(_LINK, f"{head}{n}{tail}")  # the anchor: mention_anchor(key, n)
            if holding or len(el):  # _mark_nested, which most mentions (text alone, none held) need not call
                _mark_nested(el, holding)
            continue
        links: list[tuple[str, str]] = []
        for kind, key in keys:
            if (kind, key) not in decided:
                _decide(decided, listed, kind, key)
            counts[key] = n = counts.get(key, 0) + 1
            kinds[key] = kind
            links.append((entity_page(kind, key), mention_anchor(key, n)))
        links += [(url, "") for url in urls]
        if keys:  # the first target's kind, page and anchor (its entity may be named again after it)
            el.set(_LINK, f"{keys[0][0]} {links[0][0]} {links[0][1]}{decided[keys[0]][1]}")
            leading.add(keys[0][0])
        else:
            el.set(_LINK, f" {links[0][0]}  ")
        if len(links) > 1:
            el.set(P + "also", " ".join(f"{h} {a or '-'}" for h, a in links[1:]))
            # each further target's name, for its link's hover and accessible name: the entry's
            # preferred name, else the id (an entity no entry describes), or the web address
            names = [decided[k][1][1:] or k[1] for k in keys[1:]] + list(urls[1:] if not keys else urls)
            el.set(P + "also-names", "\n".join(names))
        _mark_nested(el, holding)
    alternatives = False
    worded: dict[tuple, list[tuple[str, str]]] = {}  # the words of an empty element, by its tag and attributes
    for el in walked["worded"]:
        if el.tag in _WORDED:
            shape = (el.tag, *el.attrib.items()) if not len(el) else None
            words = worded.get(shape) if shape is not None else None
            if words is None:
                words = _worded(el, strings)
                if shape is not None:
                    worded[shape] = words
            for name, value in words:
                el.set(name, value)
            continue
        printed = printed_alternative(el)
        if printed is not None:
            printed.set(P + "printed", "true")
            alternatives = True
    if alternatives:  # the page lists the readings it does not print (xslt/alternatives.xsl): only then
        root.set(P + "readings", "true")
    if leading:
        root.set(P + "kinds", " ".join(sorted(leading)))
    # entities no entry of the document describes (decided once each): publish warns of them
    unlisted = sorted(f"{kind}:{key}" for kind, key in decided if key not in listed)
    if unlisted:
        root.set(UNLISTED, " ".join(unlisted))
    _link_authors(root, kinds, scope or {})
    _mark_references(root, walked["pointer"])
    _join_broken_words(root)
    _mark_spans(root)  # adds elements of our namespace alone: the walk's lists stay whole
    _mark_dates(root, date_labels, walked["date"])
    _declare_text_language(root)
    _mark_directions(root, page_direction)
    return root


def _worded(el: etree._Element, strings: Mapping | None) -> list[tuple[str, str]]:
    """The attributes `annotate` writes on an element of _WORDED (see there), as (name, value)."""
    words = []
    if el.tag == GAP:
        words.append((P + "words", gap_words(el, strings)))
    elif el.tag == SPACE and (extent := extent_words(el, strings)):
        words.append((P + "extent", extent))
    reason = " ".join((el.get("reason") or "").split())
    if reason:
        words.append((P + "reason", reason_words(reason, strings)))
    return words


def _join_broken_words(root: etree._Element) -> None:
    """The white space on either side of a break inside a word (@break="no" on lb, pb, cb, gb or
    milestone: TEI P5 §3.11.3, "Mos<lb break="no"/>cow" written over two lines of the file) taken
    out of the stylesheets' copy, so that the page shows one word; the TEI keeps it."""
    for el in root.iter(*BREAKING):
        if el.get("break") != "no":
            continue
        before = el.getprevious()
        if before is not None:
            if before.tail:
                before.tail = before.tail.rstrip(XML_WHITESPACE)
        elif el.getparent() is not None and el.getparent().text:
            el.getparent().text = el.getparent().text.rstrip(XML_WHITESPACE)
        if el.tail:
            el.tail = el.tail.lstrip(XML_WHITESPACE)


# TEI P5 §11.3.1.4, §11.3.3.1: their kind of change, or damage
_SPANS = {T + "delSpan": "del", T + "addSpan": "add", T + "damageSpan": "damage"}
_SPAN_MARKED = {"del": "deleted", "add": "added", "damage": "damaged"}
SPAN = P + "span"  # the wrapper of a spanned piece of text (xslt/alternatives.xsl shows it as del or add)


def _mark_spans(root: etree._Element) -> None:
    """Each piece of text (not white space alone) from a delSpan, addSpan or damageSpan to the
    element its @spanTo points to (TEI P5 §11.3.1.4, §11.3.3.1), across paragraph and other
    boundaries, wrapped in a pub:span element whose @kind is "del", "add" or "damage", so the
    page shows it deleted, added or damaged as it shows del, add and damage. A span whose target is not an element after it marks nothing: its text
    is shown as written (`span_warnings` reports it). Documents without spans cost one
    search of the tree."""
    starts = list(root.iter(*_SPANS))
    if not starts:
        return
    ids = {el.get(XML_ID): el for el in root.iter() if isinstance(el.tag, str) and el.get(XML_ID)}
    ends: dict[etree._Element, etree._Element] = {}  # span element -> its target
    for el in starts:
        target = ids.get((el.get("spanTo") or "").strip().removeprefix("#"))
        if target is not None:
            ends[el] = target
    if not ends:
        return
    open_spans: list[etree._Element] = []  # spans begun and not yet ended, in the order begun
    pieces: list[tuple[etree._Element, bool, str]] = []  # (element, its tail?, kind)
    waiting = set(ends.values())
    seen: set[etree._Element] = set()  # targets met so far: a span pointing back marks nothing
    # a comment's or processing instruction's tail is text of the span too: iterwalk tells them only
    # as events of their own ("comment", "pi"), which are read like an element's end
    for event, el in etree.iterwalk(root, events=("start", "end", "comment", "pi")):
        if event == "start":
            if el in waiting:
                seen.add(el)
                open_spans = [s for s in open_spans if ends[s] is not el]
            if open_spans and el.text and el.text.strip() and isinstance(el.tag, str):
                pieces.append((el, False, _SPANS[open_spans[-1].tag]))
        else:
            if el in ends and ends[el] not in seen:
                open_spans.append(el)
            if open_spans and el.tail and el.tail.strip():
                pieces.append((el, True, _SPANS[open_spans[-1].tag]))
    for el, tail, kind in pieces:
        wrapper = etree.Element(SPAN, kind=kind)
        if tail:
            wrapper.text, el.tail = el.tail, None
            el.addnext(wrapper)
        else:
            wrapper.text, el.text = el.text, None
            el.insert(0, wrapper)


def _reading_numbers(root: etree._Element) -> dict[etree._Element, int]:
    """The choices and apparatus entries the page lists in its list of readings, with their
    numbers there (1 for entry a …), as xslt/alternatives.xsl numbers them (f:listed): in document
    order, those of the text or the abstract with a reading the page does not print (two readings
    or more) that stand in no reading the page does not print."""
    numbers: dict[etree._Element, int] = {}
    for el in root.iter(*_PRINTED_FIRST):
        if next(el.iterancestors(T + "text", T + "abstract"), None) is None:
            continue
        if el.tag == T + "app":
            readings = [c for c in el if c.tag in (T + "lem", T + "rdg")]
            readings += [c for g in el.iterchildren(T + "rdgGrp") for c in g if c.tag in (T + "lem", T + "rdg")]
        else:
            readings = [c for c in el if isinstance(c.tag, str)]
        if len(readings) < 2 or _in_unprinted_reading(el):
            continue
        numbers[el] = len(numbers) + 1
    return numbers


def _in_unprinted_reading(el: etree._Element) -> bool:
    """Whether EL stands in an alternative of a choice or apparatus entry (or in a reading of a
    rdgGrp) that the page does not print (`printed_alternative`; xslt/alternatives.xsl f:listed)."""
    child = el
    for parent in el.iterancestors():
        if parent.tag == T + "rdgGrp" or (parent.tag in _PRINTED_FIRST and child is not printed_alternative(parent)):
            return True
        child = parent
    return False


class ReadingOnly(NamedTuple):
    """An entity a document names only in readings the page does not print (`reading_only_names`)."""

    kind: str  # person, place, org
    readings: tuple[int, ...]  # the page's entries in its list of readings that hold it (1 is entry a)
    line: int  # the line of its first such mention (0 unknown)
    tag: str  # that mention's element name


def reading_only_names(
    root: etree._Element, listed: dict[str, etree._Element] | None = None, printed: set[str] | None = None
) -> dict[str, ReadingOnly]:
    """The entities (person, place, org) that the document names only inside an alternative the
    page does not print (a `rdg` of an `app`, TEI P5 §12.1; the other alternative of a `choice`,
    §3.5): such a mention has no anchor on the page (`_linked` leaves it out), yet the entity is
    named there. Entity id -> a ReadingOnly: its kind, the numbers of the page's entries in its
    list of readings that hold it (`_reading_numbers`; none where no entry is made), where it is
    first named so. LISTED, when given, is `entries(root)`; PRINTED, the entities `mentions`
    found (named in the printed text). {} when every entity
    the alternatives name is also named in the printed text, or the document has no alternative."""
    if next(root.iter(*_PRINTED_FIRST), None) is None:
        return {}
    listed = entries(root) if listed is None else listed
    kind_of = {xml_id: ENTRY_KINDS[el.tag] for xml_id, el in listed.items()}
    if printed is None:
        printed = {key for _el, keys, _urls in _linked(root, listed) for _kind, key in keys}
    numbers: dict[etree._Element, int] | None = None
    found: dict[str, tuple[str, list[int], int, str]] = {}
    for container in _mention_containers(root):
        hidden = _hidden_mentions(container)
        for el in container.iter(*_MENTION_TAGS):
            if el not in hidden:
                continue
            for target in _targets(el):
                key = target.key
                if not key or key in printed:
                    continue
                kind = kind_of.get(key) or _declared_kind(el)
                if not kind:
                    continue  # a pointer no kind declares is never linked (`_linked`)
                if numbers is None:
                    numbers = _reading_numbers(root)
                # the listed entry that holds it: its nearest listed alternative
                n = next((numbers[a] for a in el.iterancestors(*_PRINTED_FIRST) if a in numbers), 0)
                held = found.setdefault(key, (kind, [], el.sourceline or 0, etree.QName(el).localname))[1]
                if n and n not in held:
                    held.append(n)
    return {key: ReadingOnly(kind, tuple(sorted(held)), line, tag) for key, (kind, held, line, tag) in found.items()}


def variant_only_warnings(root: etree._Element, listed: dict[str, etree._Element] | None = None) -> list[str]:
    """Warnings, naming the line, for each entity (person, place, org) that the document names
    only inside an alternative the page does not print (`reading_only_names`): the page has no
    mention of it to link to, and its register entry lists the document as naming it only in a
    reading (linking to the reading's entry). LISTED, when given, is `entries(root)`. [] when
    every entity the alternatives name is also named in the printed text; only documents with a
    choice or an apparatus entry are searched (publish asks when `annotate` set pub:readings)."""
    warnings: list[str] = []
    for key, named in reading_only_names(root, listed).items():
        where = f"line {named.line}: " if named.line else ""
        warnings.append(
            f"{where}<{named.tag}> for {key!r}: named only in a variant reading the page does not print; the register lists it as "
            "named only in a reading, with no mention on the page"
        )
    return warnings


def span_warnings(root: etree._Element) -> list[str]:
    """Warnings, naming the line, for each delSpan, addSpan or damageSpan (TEI P5 §11.3.1.4,
    §11.3.3.1) whose @spanTo points to no element of the document, or to one not after it
    (itself, an element before it or around it): `annotate` marks no text of such a span, so
    the page shows its text as written, not marked deleted, added or damaged. [] when every span reaches its target."""
    starts = list(root.iter(*_SPANS))
    if not starts:
        return []
    order: dict[etree._Element, int] = {}
    ids: dict[str, etree._Element] = {}
    for n, el in enumerate(root.iter()):
        order[el] = n
        if isinstance(el.tag, str) and el.get(XML_ID):
            ids[el.get(XML_ID, "")] = el  # the last of a repeated id, as _mark_spans finds it
    warnings = []
    for el in starts:
        pointer = " ".join((el.get("spanTo") or "").split())
        target = ids.get(pointer.removeprefix("#"))
        if target is not None and order[target] > order[el] and el not in target.iterancestors():
            continue
        problem = "points to no element of this document" if target is None else "points to an element before it"
        kind = _SPAN_MARKED[_SPANS[el.tag]]
        line = f"line {el.sourceline}: " if el.sourceline else ""
        warnings.append(
            f'{line}<{etree.QName(el).localname} spanTo="{pointer}">: {problem}; '
            f"the text after it is shown as written, not marked {kind}"
        )
    return warnings


def _mark_dates(
    root: etree._Element, labels: DateLabels | None = None, dates: Iterable[etree._Element] | None = None
) -> None:
    """pub:date on each tei:date with a date in its attributes: its date value (date_value: @when or
    @when-iso, a span or bounds from the plain or -iso attributes, a whole month or year as such), ''
    when it gives no real date (none in ISO form, one the calendar lacks, an end before the start:
    its text alone is shown), so that its hover reads as the document's date does; with LABELS,
    pub:label on one that is a span or bounds: its hover, as xslt/ui.xsl f:date-label words it.
    DATES, when given, are ROOT's tei:date elements, already found."""
    for el in root.iter(T + "date") if dates is None else dates:
        values = _date_attributes(el)
        if values != _NO_DATE:  # a date in its attributes (one read of them, the value cached by them)
            value = _shown_date_value(values)
            el.set(P + "date", value)
            if labels is not None and (DATE_SPAN in value or DATE_BETWEEN in value):
                label = labels(value)
                if label is not None:
                    el.set(P + "label", label)


_NO_DATE = (None,) * len(_DATE_ATTRIBUTES)  # _date_attributes of an element with none of them


@lru_cache(maxsize=65536)  # a corpus's dates repeat: each set of attribute values read once
def _shown_date_value(values: tuple[str | None, ...]) -> str:
    """pub:date of a date whose _DATE_ATTRIBUTES have these VALUES: its date value when `readable`, else ''."""
    value = _date_value_of(values)
    return value if not value or readable(value) else ""


class DateLabels:
    """A date value's words (see DATE_SPAN) as xslt/ui.xsl f:date-label gives them with STRINGS (the
    site's UI strings: months, date-day, date-month, date-bce, date-range and the bounds' keys),
    worked out once per value in Python: a page's dates read by f:date-label in the stylesheet cost
    about 25 microseconds each. Only for values `readable` takes (real dates); None when the strings
    are not the plain kind this copy of f:date-label was proved on (see tests/test_date_labels.py),
    and the stylesheet words the date itself."""

    _KEYS = ("date-day", "date-month", "date-bce", "date-range", "date-from", "date-to",
             "date-between", "date-not-before", "date-not-after", "date-range-days", "date-range-months",
             "date-day-month")  # fmt: skip

    def __init__(self, strings: dict) -> None:
        months = strings.get("months")
        self.usable = all(isinstance(strings.get(key, ""), str) for key in self._KEYS) and (
            isinstance(months, list) and all(isinstance(m, str) for m in months)
        )
        self.months: list[str] = months if isinstance(months, list) and self.usable else []
        self.strings = strings
        self.known: dict[str, str] = {}

    def __call__(self, value: str) -> str | None:
        if not self.usable:
            return None
        label = self.known.get(value)
        if label is None:
            label = self.known[value] = self._label(value)
        return label

    def _ui(self, key: str, values: dict[str, str]) -> str:
        # f:ui(key, values) and f:fill: each {name} the values have filled in, left to right
        first, *rest = self.strings.get(key, key).split("{")
        filled = [first]
        for piece in rest:
            name, brace, after = piece.partition("}")
            filled.append(values[name] + after if brace and name in values else "{" + piece)
        return "".join(filled)

    def _label(self, value: str) -> str:
        mark = DATE_SPAN if DATE_SPAN in value else DATE_BETWEEN if DATE_BETWEEN in value else ""
        if not mark:
            return self._one(value)
        start, _, end = value.partition(mark)
        keys = (
            ("date-range", "date-from", "date-to")
            if mark == DATE_SPAN
            else ("date-between", "date-not-before", "date-not-after")
        )
        key = keys[0 if start and end else 1 if start else 2]
        if (
            mark == DATE_SPAN
            and len(start) == len(end) == 10
            and start[:4] == end[:4]
            and start < end
            and len(self.months) == 12
            and _real(start)
            and _real(end)
        ):  # a span of days within one year: its year once, within one month its month once too
            year = str(int(start[:4])) if start.startswith("0") else start[:4]
            days = [str(int(start[8:10])), str(int(end[8:10]))]
            months = [self.months[int(start[5:7]) - 1], self.months[int(end[5:7]) - 1]]
            if start[5:7] == end[5:7]:
                return self._ui("date-range-days", {"from": days[0], "to": days[1], "month": months[0], "year": year})
            parts = [self._ui("date-day-month", {"day": d, "month": m}) for d, m in zip(days, months, strict=True)]
            return self._ui("date-range-months", {"from": parts[0], "to": parts[1], "year": year})
        return self._ui(key, {"from": self._one(start), "to": self._one(end)})

    def _one(self, iso: str) -> str:
        # f:date-one, for the dates `readable` takes: YYYY, YYYY-MM, YYYY-MM-DD, BCE with a minus
        months, twelve = self.months, len(self.months) == 12
        if iso.startswith("-"):  # f:date-bce
            if not (twelve and re.fullmatch(r"-\d{4}(-(0[1-9]|1[0-2])(-\d{2})?)?", iso)):
                return iso
            parts = iso[1:].split("-")
            year = self._ui("date-bce", {"year": str(int(parts[0]))})
            if len(parts) == 3:
                return self._ui(
                    "date-day", {"day": str(int(parts[2])), "month": months[int(parts[1]) - 1], "year": year}
                )
            if len(parts) == 2:
                return self._ui("date-month", {"month": months[int(parts[1]) - 1], "year": year})
            return year
        real = bool(iso) and _real(iso)  # f:w3c-date for these values (an open bound is "")
        year = str(int(iso[:4])) if iso.startswith("0") and real else iso[:4]
        if twelve and real and len(iso) == 10:
            return self._ui("date-day", {"day": str(int(iso[8:10])), "month": months[int(iso[5:7]) - 1], "year": year})
        if twelve and real and len(iso) == 7:
            return self._ui("date-month", {"month": months[int(iso[5:7]) - 1], "year": year})
        return year if len(iso) == 4 and iso.startswith("0") else iso


def _mark_nested(el: etree._Element, holding: set[etree._Element]) -> None:
    """pub:nested on a linked mention inside another (HOLDING: the linked mentions so far that
    hold elements, to which EL is added when it holds any)."""
    # holding has mentions only: ancestors of other tags are passed over by lxml; most
    # documents' mentions hold text alone, and no ancestor is looked at
    if holding:
        outer = [a for a in el.iterancestors(*_MENTION_TAGS) if a in holding]
        if outer:
            el.set(P + "nested", "true")
            outer[-1].set(P + "inner", "true")  # the link around it: it links the inner entity after itself
    if len(el):
        holding.add(el)


def main_language(root: etree._Element) -> str:
    """The language the header's langUsage gives the document (TEI P5 §2.4.2): its one
    `language`, else the one with the largest @usage when no other has as much; "" when it
    names none or cannot tell (several languages without a main one)."""
    languages = [
        (el.get("ident", "").strip(), el.get("usage", "").strip())
        for el in root.iterfind(f"{T}teiHeader/{T}profileDesc/{T}langUsage/{T}language")
    ]
    languages = [(ident, usage) for ident, usage in languages if ident]
    if len(languages) == 1:
        return languages[0][0]
    shares = sorted(
        ((int(usage), ident) for ident, usage in languages if usage.isdigit()),
        reverse=True,
    )
    if len(shares) == len(languages) and shares and (len(shares) == 1 or shares[0][0] > shares[1][0]):
        return shares[0][1]
    return ""


def _declare_text_language(root: etree._Element) -> None:
    """xml:lang on a text that has none of its own or above it, from the header's main
    language, so the page marks the text's language (HTML lang) apart from the site's words."""
    for text in root.iterfind(f"{T}text"):
        if text.get(XML_LANG) is None and root.get(XML_LANG) is None:
            language = main_language(root)
            if language:
                text.set(XML_LANG, language)


def _link_authors(root: etree._Element, kinds: dict[str, str], scope: Mapping[str, str]) -> None:
    """The header's authors link to their entry pages when the text mentions them (a page
    exists only for an entity the text mentions); SCOPE as `annotate`'s."""
    for author in root.iterfind(f"{T}teiHeader/{T}fileDesc/{T}titleStmt/{T}author"):
        for el in author.iter(*NAME_KINDS, *TYPED_MENTIONS):
            keys = [k for k in (scope.get(t.key, t.key) for t in pointers(el)) if k in kinds]
            if keys:
                el.set(P + "href", entity_page(kinds[keys[0]], keys[0]))


_WITH_LANG = etree.XPath("descendant-or-self::*[@xml:lang]")  # compiled once: most documents have few


def _mark_directions(root: etree._Element, page_direction: str = "ltr") -> None:
    """pub:dir where xml:lang switches between left-to-right and right-to-left (the page's own
    direction, `page_direction`, is where it starts)."""
    # only elements with an xml:lang matter (found by libxml2, not a walk of every element here);
    # each inherits the direction of the nearest of them above it, already seen in document order
    directions: dict[etree._Element, str] = {}
    for el in _WITH_LANG(root):
        lang = el.get(XML_LANG)
        el.set(XML_LANG, html_lang(lang))  # this copy is for the page: its lang must be valid
        inherited = next((directions[a] for a in el.iterancestors() if a in directions), page_direction)
        direction = language_direction(lang) if lang.strip() else "ltr"
        if direction != inherited:
            el.set(P + "dir", direction)
        directions[el] = direction


_WITH_ID = etree.XPath("//t:text//*[@xml:id]", namespaces={"t": TEI_NS})
# Elements of the text whose page element takes an id from pub:anchor (layout.xsl f:lang; an
# anchor, which shows nothing, gets an empty span): those the page already gives an id (notes,
# linked mentions, numbered sections) or shows elsewhere are not pointed into.
_ANCHORABLE = frozenset(
    T + name
    for name in (
        "p",
        "ab",
        "head",
        "div",
        "div1",
        "div2",
        "div3",
        "div4",
        "div5",
        "div6",
        "div7",
        "seg",
        "item",
        "list",
        "l",
        "lg",
        "quote",
        "cit",
        "hi",
        "emph",
        "table",
        "row",
        "cell",
        "figure",
        "opener",
        "closer",
        "dateline",
        "salute",
        "signed",
        "byline",
        "trailer",
        "postscript",
        "label",
        "sp",
        "stage",
        "anchor",
    )
)


UNLISTED = P + "unlisted"


def unlisted_warnings(root: etree._Element) -> list[str]:
    """A warning for each entity the document's mentions point to that no entry of it describes
    (pub:unlisted, written by `annotate`, read and removed here): its entry page is named by the
    words of its mentions unless another document of the edition describes it, and keeps the id
    as its identifier (TEI P5 §13.3: an entry in listPerson, listPlace, listOrg). [] for none."""
    value = root.attrib.pop(UNLISTED, None)
    if not value:
        return []
    warnings = []
    for item in value.split():
        kind, _, key = item.partition(":")
        warnings.append(
            f'{kind} "{key}": no entry of the document (listPerson, listPlace, listOrg) describes it; '
            "unless another document does, its entry page is named by the words of its mentions"
        )
    return warnings


def edition_page_links(root: etree._Element, linkable: Collection[str]) -> list[str]:
    """On an edition's own prose page (publish.edition_pages), annotated by `annotate`: only the
    links that lead to a page of the site stay. LINKABLE: the pages the site has, relative to
    its root (entry pages, `docs/X.html` for each document X). A mention (pub:link, pub:also) or
    header author (pub:href) of an entity whose entry page the site does not have (no document
    of the edition mentions it) is shown as text, unlinked, said once per page; a ref or ptr
    (TEI P5 §3.7) whose first target names a document's TEI file (`X.xml`, `tei/X.xml`, with
    or without a fragment) links that document's page. pub:unlisted is dropped: a prose page
    describes no entity (its entities are the documents' and the authority's), so it is no
    warning here. Returns the warnings, [] when every link leads somewhere."""
    root.attrib.pop(UNLISTED, None)
    missing: dict[str, tuple[str, str]] = {}  # entry page -> (kind, the words of its first mention here)
    kinds: set[str] = set()  # the kinds still linked (pub:kinds: the page's Highlight boxes)
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        link = el.get(_LINK)
        if link is not None:
            kind, href = link.split(" ", 2)[:2]
            if kind and href not in linkable:
                missing.setdefault(href, (kind, " ".join("".join(el.itertext()).split())))
                for name in (_LINK, P + "also", P + "also-names", P + "inner"):
                    el.attrib.pop(name, None)
            elif kind:
                kinds.add(kind)
        href = el.get(P + "href")
        if href is not None and href not in linkable:
            missing.setdefault(href, ("person", " ".join("".join(el.itertext()).split())))
            del el.attrib[P + "href"]
    if kinds:
        root.set(P + "kinds", " ".join(sorted(kinds)))
    else:
        root.attrib.pop(P + "kinds", None)
    for el in root.iter(T + "ref", T + "ptr"):
        tokens = (el.get("target") or "").split()
        if el.get(P + "to") is not None or not tokens:
            continue
        file = tokens[0].partition("#")[0].rpartition("/")[2]
        page = f"docs/{safe_stem(unquote(file[:-4]))}.html" if file.endswith(".xml") and len(file) > 4 else ""
        if page in linkable:
            el.set(P + "to", page)
    return [
        f'{kind} "{words}": no document of the edition mentions it, so the site has no '
        f"entry page ({href}) for it; its mention is shown as text, unlinked"
        for href, (kind, words) in sorted(missing.items())
    ]


def empty_text_languages(tei: bytes) -> bool:
    """Whether the TEI bytes hold a textLang without words (`<textLang mainLang="he"/>`): told from
    the bytes, so that a document whose textLang says its language in words (ours) costs nothing."""
    start = tei.find(b"<textLang")
    while start >= 0:
        end = tei.find(b">", start)
        if end < 0:
            return False
        if tei[end - 1 : end] == b"/" or tei[end + 1 : end + 40].lstrip().startswith(b"</textLang"):
            return True
        start = tei.find(b"<textLang", end)
    return False


@lru_cache(maxsize=256)
def language_name(code: str, ui_lang: str) -> str:
    """The name of the language CODE (a BCP 47 tag or an ISO 639 code: "he", "lat") in the UI
    language UI_LANG, from CLDR (Babel; the tag standardised by langcodes; UI_LANG falls back as
    plurals.cldr_locale says); CODE itself when CODE is not a tag or CLDR has no name for it."""
    import langcodes
    from babel import Locale

    from .plurals import cldr_locale

    try:
        tag = str(langcodes.standardize_tag(code))
    except ValueError:
        return code
    # a UI language Babel has no data for names languages in its base language's words, or English's
    names = Locale.parse(cldr_locale(ui_lang)).languages
    return names.get(tag.replace("-", "_")) or names.get(tag.split("-")[0]) or code


def mark_text_languages(root: etree._Element, ui_lang: str) -> None:
    """pub:language on each textLang without words (TEI P5 §10.6.6: `<textLang mainLang="he"
    otherLangs="ar"/>`): the names of its @mainLang and @otherLangs in the site's language
    (`language_name`), for xslt/msdesc.xsl to show."""
    for el in root.iter(T + "textLang"):
        if "".join(el.itertext()).strip():
            continue
        codes = [el.get("mainLang", "").strip(), *(el.get("otherLangs") or "").split()]
        names = [language_name(code, ui_lang) for code in codes if code]
        if names:
            el.set(P + "language", ", ".join(names))


# tei-encoder's own wording of a langUsage language (write.py): "NAME (language of the original)"
_OWN_LANGUAGE = re.compile(r"^[^()]+ \((?:language of the original|language of this translation)\)$")


@lru_cache(maxsize=1)
def responsibility_labels() -> dict[str, str]:
    """tei-encoder's wording of a responsibility -> the UI string that labels it (data/site.json)."""
    return dict(site_config()["responsibility_labels"])


def mark_own_header(root: etree._Element, ui: Mapping[str, str]) -> None:
    """On TEI that tei-encoder wrote, the header's own English wording in the site's language UI
    (the UI strings, `lang` among them): pub:label on each respStmt/resp whose wording
    data/site.json `responsibility_labels` maps to a UI string (TEI P5 2.2.1), and, on a site not
    in English, pub:language on each langUsage/language in tei-encoder's standard wording: the
    name of its @ident in the site's language (`language_name`; TEI P5 2.4.2). Read by
    xslt/metadata.xsl. Another project's header is never passed here: its editors' words stay."""
    labels = responsibility_labels()
    for resp in root.iterfind(f"{T}teiHeader/{T}fileDesc/{T}titleStmt/{T}respStmt/{T}resp"):
        key = labels.get(" ".join("".join(resp.itertext()).split()))
        if key and ui.get(key):
            resp.set(P + "label", ui[key])
    lang = ui.get("lang", "en")
    if lang.split("-")[0].lower() == "en":
        return
    for language in root.iterfind(f"{T}teiHeader/{T}profileDesc/{T}langUsage/{T}language"):
        code = (language.get("ident") or "").strip()
        if code and code != "und" and _OWN_LANGUAGE.match(" ".join("".join(language.itertext()).split())):
            name = language_name(code, lang)
            if name != code:
                language.set(P + "language", name)


# Elements that show something of their own in a note without text (a pointer its target, a gap its sign).
_SHOWN_EMPTY = frozenset(
    T + name for name in ("ptr", "ref", "gap", "space", "graphic", "figure", "media", "binaryObject")
)


# The lists whose entries' notes are metadata of the entry (TEI P5 §13.3), shown with it, no footnotes.
_ENTRY_LISTS = tuple(
    T + name for name in ("listBibl", "listPerson", "listPlace", "listOrg", "listEvent", "listNym", "listObject")
)
_DIVS = frozenset(T + name for name in ("div", "div1", "div2", "div3", "div4", "div5", "div6", "div7"))


# what xslt/text.xsl leaves of a section's @n in its id (section-N)
_SECTION_ID = re.compile(r"[^A-Za-z0-9]")


def _note_shows(el: etree._Element) -> bool:
    """Whether a note has something to show (text, a pointer, a gap or a figure): only such a note
    is numbered and listed (see note_warnings, pub:empty)."""
    return any(t.strip() for t in el.itertext()) or any(d.tag in _SHOWN_EMPTY for d in el.iterdescendants())


def note_warnings(root: etree._Element) -> list[str]:
    """Mark the notes of the text (TEI P5 §3.9.1) for xslt/notes.xsl and return a warning naming
    the line of each note left out of the numbered notes (nothing is left out silently):

    pub:empty        on a note with nothing to show (no text, no pointer, gap or figure:
                     `<note type="references"> </note>`): no mark in the text, not in the notes
    pub:notes-group  on each chapter (a div with a head) whose notes the list of notes shows under
                     its heading, when the notes' own numbers (@n) repeat (restarting in each
                     chapter) and grouping by chapters of one level makes them unique
    pub:note-marks   "sequence" on the root when the notes' @n repeat and no such chapters tell
                     them apart: the notes are numbered in sequence instead of by @n

    [] when every note says something."""
    warnings = []
    numbered: list[etree._Element] = []
    for el in root.iter(T + "note"):
        if (el.text or "").strip():  # most notes: their words come first
            if el.get("n") is not None:
                numbered.append(el)
            continue
        if _note_shows(el):
            if el.get("n") is not None:
                numbered.append(el)
            continue
        if next(el.iterancestors(T + "text"), None) is None:
            continue  # the header's notes are no footnotes
        el.set(P + "empty", "true")
        line = f"line {el.sourceline}: " if el.sourceline else ""
        kind = f' type="{el.get("type")}"' if el.get("type") else ""
        warnings.append(f"{line}<note{kind}>: empty (no text); left out of the numbered notes")
    if len({" ".join(el.get("n", "").split()) for el in numbered}) < len(numbered):
        _group_notes(root, numbered)
    return warnings


def _group_notes(root: etree._Element, numbered: list[etree._Element]) -> None:
    """pub:notes-group or pub:note-marks (see `note_warnings`) for NUMBERED, notes with @n some of
    which repeat: the outermost level of chapters (divs with a head) within which no @n repeats."""
    chapters: list[tuple[etree._Element, str, list[etree._Element]]] = []
    for el in numbered:
        ancestors = list(el.iterancestors())
        if not any(a.tag == T + "text" for a in ancestors) or any(a.tag in _ENTRY_LISTS for a in ancestors):
            continue  # a footnote of the text only
        heads = [a for a in reversed(ancestors) if a.tag in _DIVS and a.find(T + "head") is not None]
        chapters.append((el, " ".join(el.get("n", "").split()), heads))
    if len({n for _, n, _ in chapters}) == len(chapters):
        return
    for level in range(max((len(heads) for _, _, heads in chapters), default=0)):
        keys = [(id(heads[level]) if len(heads) > level else None, n) for _, n, heads in chapters]
        if len(set(keys)) == len(keys):
            for _, _, heads in chapters:
                if len(heads) > level:
                    heads[level].set(P + "notes-group", "true")
            return
    root.set(P + "note-marks", "sequence")


def reference_warnings(root: etree._Element, documents: Collection[str] = ()) -> list[str]:
    """Warnings, naming the line, for each ref and ptr the page shows (in the text or the abstract)
    whose @target it cannot follow: not an http(s) URL, not an element of the page (`annotate` gave
    it no pub:to), and not a file of another document of the edition (DOCUMENTS: their output
    names, `X` for X.xml; a target `X.xml` or `folder/X.xml#part` names one). The page still shows
    the words, with the target on hover; nothing is dropped. [] when every one is followed (TEI P5
    §3.7, §16.1)."""
    warnings = []
    for el in root.iter(T + "ref", T + "ptr"):  # in C: a tenth of an XPath's cost
        if el.get("target") is None or el.get(P + "to") is not None:
            continue
        if next(el.iterancestors(T + "text", T + "abstract"), None) is None:
            continue  # not shown where it stands (the header's)
        target = " ".join(el.get("target", "").split())
        file = target.split()[0].partition("#")[0].rpartition("/")[2] if target else ""
        if file.endswith(".xml") and safe_stem(unquote(file[:-4])) in documents:
            continue  # documents are named by their output names: `a%20b.xml`, `a b.xml` are `a_b`
        line = f"line {el.sourceline}: " if el.sourceline else ""
        warnings.append(
            f'{line}<{etree.QName(el).localname} target="{target}">: not a target the site can link (a web address, '
            "an element of this page or another document of the edition); its words are shown with the target on hover"
        )
    return warnings


# What the site cannot show (TEI P5 §3.10, §11.1): by element, the attribute that names it on the
# page and in the warning, and why it is not shown
_UNSHOWN_OBJECTS = {
    T + "graphic": ("url", "the image is not shown (the site copies no images)"),
    T + "media": ("url", "the media file is not shown (the site copies no media files)"),
    T + "binaryObject": ("mimeType", "the embedded data is not shown (the site decodes none)"),
}


def object_warnings(root: etree._Element) -> list[str]:
    """Warnings, naming the line, for each element of the text whose content the site cannot
    show (TEI P5 §3.10, §11.1): a graphic or a media with a @url (the site copies no images or
    media files), a binaryObject (embedded data, decoded by none). The page names each in its
    place (xslt/text.xsl), a figure's head and figDesc shown as written. [] when the text has none."""
    warnings = []
    for el in root.iter(*_UNSHOWN_OBJECTS):
        attribute, why = _UNSHOWN_OBJECTS[el.tag]
        value = " ".join((el.get(attribute) or "").split())
        if (attribute == "url" and not value) or next(el.iterancestors(T + "text"), None) is None:
            continue  # the header's and a facsimile's images are not shown in the text
        line = f"line {el.sourceline}: " if el.sourceline else ""
        named = f' {attribute}="{value}"' if value else ""
        warnings.append(f"{line}<{etree.QName(el).localname}{named}>: {why}; the page names it")
    return warnings


def _mark_references(root: etree._Element, candidates: Iterable[etree._Element] | None = None) -> None:
    """pub:to on each ref and ptr whose first @target the page can link (TEI P5 §3.7, §16.1):
    an http(s) URL as it is, a "#id" pointing to an element of the text that the page shows
    with an id (pub:anchor on it, "id-" and the xml:id, apart from the page's own ids). Any
    other target (another file, an unsafe scheme, an id not in the text) gets no pub:to: the
    page shows the words with the target beside them, never a wrong link. CANDIDATES, when given,
    are ROOT's ref and ptr elements in document order, already found."""
    # found by libxml2's walk, in document order (the XPath's union of two paths walked the tree twice)
    candidates = root.iter(T + "ref", T + "ptr") if candidates is None else candidates
    pointers = [el for el in candidates if el.get("target") is not None]
    if not pointers:  # most documents: one walk, nothing else
        return
    ids: dict[str, etree._Element] | None = None
    for el in pointers:
        tokens = el.get("target", "").split()
        target = tokens[0] if tokens else ""
        if is_safe_url(target):
            el.set(P + "to", target)
        elif target.startswith("#") and len(target) > 1:
            if ids is None:
                ids = {}
                for found in _WITH_ID(root):
                    ids.setdefault(found.get(XML_ID, ""), found)
            found = ids.get(target[1:])
            if found is None:
                continue
            if found.tag == T + "div" and found.get("type") in ("section", "subsection") and found.get("n"):
                # a numbered section has the page's own id (xslt/text.xsl, section-N)
                if section := _SECTION_ID.sub("", found.get("n", "")):
                    el.set(P + "to", "#section-" + section)
                continue
            if (found.tag in _ANCHORABLE and found.get(_LINK) is None) or (
                found.tag == T + "note" and _note_shows(found)  # its place in the list of notes (notes.xsl)
            ):
                anchor = "id-" + target[1:]
                found.set(P + "anchor", anchor)
                el.set(P + "to", "#" + anchor)
