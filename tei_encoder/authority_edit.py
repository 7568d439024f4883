"""An editor's work on the authority files: check them, review what the encoder was unsure of,
and write the editor's decisions back.

  * `check_authority` — well-formed files, unique well-formed ids, every entry named, no name
    form claimed by two entries, identifiers of the right shape, no rejected form that an entry
    lists; each problem as `file:line: error: message`.
  * `review_rows` / `write_review` — the names the encoder found by rule (no authority entry)
    or took from the gazetteer (not checked by an editor), one row per name with its forms,
    records and a context, as a CSV file an editor fills in (accept, merge, reject).
  * `apply_review` — the decisions into the authority files: new entries appended at the end
    of their list, new forms appended to an entry's names, rejected forms to `rejected.txt`.
    Existing entries are never renamed, removed or reordered, and the files keep their layout.

The entries follow the TEI Guidelines, 13.3 "Biographical and prosopographical data" (person,
place, org with persName/placeName/orgName and idno).
"""

from __future__ import annotations

import copy
import csv
import io
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from . import teidoc
from .authority import (
    NO_LISTINGS,
    REJECTED_FILE,
    authority_files,
    entry_id_refusal,
    entry_id_repeated,
    has_listings,
    is_shared_name,
    refused_idno_type,
    rejected_names,
    unreadable_file,
    unusable_rejected,
)
from .csvsafe import csv_text, from_cell, to_cell
from .fsutil import NotAFileError, TooLargeError, atomic_write, read_regular, shown_here
from .inputs import not_taken
from .tei import ENTITY_KINDS, KIND, NSMAP, XML_ID, T, surface_text
from .xmlsafe import doctype_position, xml_id_refusal

# identifier shapes (TEI idno/@type -> pattern): a malformed id is an error, never "fixed"
IDENTIFIER_SHAPES = {
    "wikidata": re.compile(r"Q[1-9][0-9]*"),
    "geonames": re.compile(r"[1-9][0-9]*"),
    "viaf": re.compile(r"[1-9][0-9]*"),
}
# other projects' authority files often give the identifier as its URI: the same id, well-formed
IDENTIFIER_URIS = {
    "wikidata": re.compile(r"https?://(?:www\.)?wikidata\.org/(?:wiki|entity)/(Q[1-9][0-9]*)"),
    "geonames": re.compile(r"https?://(?:www\.|sws\.)?geonames\.org/([1-9][0-9]*)(?:/[^\s]*)?"),
    "viaf": re.compile(r"https?://(?:www\.)?viaf\.org/viaf/([1-9][0-9]*)/?"),
}


def identifier_ok(id_type: str, value: str) -> bool:
    """True when value is a well-formed identifier of this type (the bare id or its URI); types
    without a known shape are not judged. id_type is compared without case ("GeoNames")."""
    kind = id_type.lower()
    shape = IDENTIFIER_SHAPES.get(kind)
    return shape is None or bool(shape.fullmatch(value) or IDENTIFIER_URIS[kind].fullmatch(value))


REVIEW_COLUMNS = (
    "decision",
    "type",
    "name",
    "id",
    "forms",
    "wikidata",
    "geonames",
    "found",
    "records",
    "context",
    "status",
)
NOT_FOUND = "not found this time"  # status of a decided row whose name this review did not meet
# status of an unlinked name an entry already lists: its record's context left it unlinked (apply refuses it)
LISTED = "already a form of "
DECISIONS = ("accept", "merge", "reject")
_FORM_SEPARATOR = " | "
_PARTS = tuple(
    f"{T}{t}"
    for t in ("dateline", "salute", "signed", "seg", "label", "address", "addrLine", "byline", "item", "head", "list")
)
_BLOCKS = frozenset(f"{T}{t}" for t in ("p", "head", "item", "note", "opener", "closer", "dateline", "cell", "ab", "l"))


@dataclass(frozen=True)
class Problem:
    """One problem in an authority or review file: where (file, line) and what."""

    path: Path
    line: int
    message: str
    # broken (the file cannot be read as an authority: not well-formed, ids missing, invalid or
    # repeated, an entry without a name) stops a build; the others are reported, and build goes on
    broken: bool = True
    # unusable: the file itself cannot be read as XML listings (a folder, a device, not well-formed,
    # binary, a DOCTYPE, no listing): a usage error, exit status 2 in `authority check` as in build
    unusable: bool = False

    @property
    def where(self) -> str:
        """`file:line`, or just the file when no line applies (a folder, a broken link)."""
        # named as the user would type it: relative to the working directory when inside it
        return f"{shown_here(self.path)}:{self.line}" if self.line else shown_here(self.path)

    def text(self) -> str:
        """`file:line: error: message`, as compilers and editors print it."""
        return f"{self.where}: error: {self.message}"


def form_key(form: str) -> str:
    """How two name forms are compared: whitespace and case folded (as the recogniser matches)."""
    return " ".join(unicodedata.normalize("NFC", form).split()).casefold()


def _name(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


def _parser() -> etree.XMLParser:
    # keeps whitespace and comments, so a file written back keeps its layout
    return etree.XMLParser(
        resolve_entities=False, load_dtd=False, no_network=True, remove_blank_text=False, collect_ids=False
    )


# --- check ---------------------------------------------------------------------------------------


def check_authority(folders: Iterable[Path], follow_symlinks: bool = False) -> list[Problem]:
    """Every problem of the authority files in these folders (each folder checked on its own:
    a later --authority folder may override an earlier one's entries on purpose).
    Returns the problems in file order; an empty list means the files are sound. Raises
    UsageError for an authority file that is a symbolic link, unless follow_symlinks.
    """
    problems: list[Problem] = []
    for folder in folders:
        problems.extend(_check_folder(Path(folder), follow_symlinks))
    return problems


def _check_folder(folder: Path, follow_symlinks: bool) -> list[Problem]:
    if not folder.is_dir():
        return [Problem(folder, 0, "authority folder does not exist")]
    problems: list[Problem] = []
    ids: dict[str, tuple[Path, int]] = {}
    forms: dict[str, tuple[str, Path, int]] = {}
    # a hidden `.x.xml`, `X.XML`, `sub/s.xml`: not read, and named (the one rule of every command)
    problems += [Problem(path, 0, reason, broken=False) for path, reason in not_taken(folder, (".xml",))]
    for path in authority_files(folder, follow_symlinks):
        unreadable = unreadable_file(path)
        if unreadable:
            problems.append(Problem(path, 0, unreadable, unusable=True))
            continue
        try:
            tree = etree.parse(str(path), _parser())
        except etree.XMLSyntaxError as exc:
            line = exc.lineno or (exc.position[0] if getattr(exc, "position", None) else 0)
            problems.append(Problem(path, line, f"not well-formed XML: {exc.msg}", unusable=True))
            continue
        except OSError as exc:  # vanished or unreadable between the look and the read
            problems.append(Problem(path, 0, f"cannot read: {exc}", unusable=True))
            continue
        if tree.docinfo.doctype:
            line = doctype_position(path.read_bytes())[0]  # where it is; 0 (the whole file) when not found
            problems.append(Problem(path, line, "authority files may not declare a DOCTYPE", unusable=True))
            continue
        if not has_listings(tree.getroot()):
            problems.append(Problem(path, tree.getroot().sourceline or 1, NO_LISTINGS, unusable=True))
            continue
        for kind in ENTITY_KINDS:
            for entry in tree.iterfind(f".//tei:{kind.entry}", NSMAP):
                problems.extend(_check_entry(path, entry, kind.mention, ids, forms))
    rejected = folder / REJECTED_FILE
    unusable = unusable_rejected(rejected)
    if unusable:
        problems.append(Problem(rejected, 0, unusable, unusable=True))
    if rejected.is_file():
        for number, line in enumerate(rejected.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            for name in rejected_names(line):
                owner = forms.get(form_key(name))
                if owner:
                    problems.append(
                        Problem(
                            rejected,
                            number,
                            f"{name!r} is rejected but entry {owner[0]!r} lists it ({owner[1]}:{owner[2]})",
                        )
                    )
    return problems


def _check_entry(path, entry, mention: str, ids: dict, forms: dict) -> list[Problem]:
    problems: list[Problem] = []
    line = entry.sourceline or 0
    xml_id = entry.get(XML_ID)
    if xml_id is None:
        return [Problem(path, line, f"<{etree.QName(entry).localname}> has no xml:id")]
    refused = xml_id_refusal(xml_id)
    if refused:  # an empty xml:id too: the words build stops with (authority.entry_id_refusal)
        problems.append(Problem(path, line, entry_id_refusal(xml_id, refused)))
        if not xml_id:
            return problems
    if xml_id in ids:
        first = ids[xml_id]
        problems.append(Problem(path, line, entry_id_repeated(xml_id, f"{shown_here(first[0])}:{first[1]}")))
    else:
        ids[xml_id] = (path, line)
    # a shared bare name (type="shared": Korea of North and South Korea) is no form the entry claims
    names = [(n, _name(n)) for n in entry.iterfind(f"tei:{mention}", NSMAP) if not is_shared_name(n)]
    if not any(text for _, text in names):
        problems.append(Problem(path, line, f"entry {xml_id!r} has no <{mention}>"))
    for el, text in names:
        if not text:
            continue
        owner = forms.setdefault(form_key(text), (xml_id, path, el.sourceline or line))
        if owner[0] != xml_id:
            problems.append(
                Problem(
                    path,
                    el.sourceline or line,
                    f"name form {text!r} of {xml_id!r} is already claimed by {owner[0]!r} ({owner[1]}:{owner[2]})",
                    broken=False,
                )
            )
    for idno in entry.iterfind("tei:idno", NSMAP):
        refused = refused_idno_type(idno)
        if refused:  # build and encode refuse the whole authority for it: an error here too
            problems.append(Problem(path, idno.sourceline or line, f"authority entry {xml_id}: {refused}"))
            continue
        value = (idno.text or "").strip()
        if not identifier_ok(idno.get("type", ""), value):
            problems.append(
                Problem(
                    path,
                    idno.sourceline or line,
                    f"{idno.get('type')} identifier {value!r} of {xml_id!r} is malformed",
                    broken=False,
                )
            )
    return problems


# --- review --------------------------------------------------------------------------------------


@dataclass
class ReviewRow:
    """One name for an editor to decide on: its kind, the name and forms met, a suggested id,
    identifiers already known (GeoNames for gazetteer places), how it was found, the records
    and the context of its first mention; `decision` is the editor's (accept, merge, reject).
    """

    type: str
    name: str
    id: str
    forms: list[str] = field(default_factory=list)
    found: str = "unlinked"  # unlinked (found by rule) | gazetteer (linked to GeoNames, unchecked)
    records: list[str] = field(default_factory=list)
    context: str = ""
    decision: str = ""
    wikidata: str = ""
    geonames: str = ""
    status: str = ""  # NOT_FOUND: an earlier decision kept although no document has the name now

    def cells(self) -> list[str]:
        """The row as CSV cells, in REVIEW_COLUMNS order."""
        return [
            self.decision,
            self.type,
            self.name,
            self.id,
            _FORM_SEPARATOR.join(self.forms),
            self.wikidata,
            self.geonames,
            self.found,
            " ".join(self.records),
            self.context,
            self.status,
        ]


def slug(name: str) -> str:
    """A readable xml:id for a name: ASCII letters and digits joined by hyphens ("Osvaldo Dorticós" -> "osvaldo-dorticos")."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_name.lower())
    text = "-".join(words) or "entry"
    return text if text[0].isalpha() else f"n-{text}"


def _context(el: etree._Element, form: str, width: int = 60) -> str:
    block = el
    while block.getparent() is not None and block.tag not in _BLOCKS:
        block = block.getparent()
    block = copy.deepcopy(block)
    for lb in block.iter(f"{T}lb", f"{T}pb", f"{T}cb"):  # a line break separates words
        lb.text = " "
    for part in block.iter(*_PARTS):  # so do the parts of an opener or closer, written without spaces
        part.tail = " " + (part.tail or "")
    text = " ".join("".join(block.itertext()).split())
    at = text.find(form)
    if at < 0:
        return text[: 2 * width]
    start, end = max(0, at - width), min(len(text), at + len(form) + width)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def review_rows(
    documents: Iterable[tuple[str, etree._ElementTree]],
    taken_ids: Iterable[str],
    rejected: Iterable[str] = (),
    listed: dict[str, str] | None = None,
) -> list[ReviewRow]:
    """The names an editor should review, over documents (record name, TEI tree): every entity
    found by rule, and every place linked only through the gazetteer; one row per kind and name,
    with the forms, records and the first context. taken_ids: the authority's ids, which a
    suggested new id avoids; rejected: forms already rejected (never listed again). Names tagged
    without any @ref (by hand, or by another tool) are listed as unlinked too.
    listed: form key -> entry id of the authority (authority_forms): an unlinked name an entry already
    lists was left unlinked by its record's context (a date, another state's name), which no authority
    decision changes; its row's status says so (LISTED + the id) and `authority apply` refuses it.
    Sorted by kind, then most records first, then name.
    """
    rows: dict[tuple[str, str], ReviewRow] = {}
    listed = listed or {}
    refused = {form_key(r) for r in rejected}
    for record, tree in documents:
        root = tree.getroot() if hasattr(tree, "getroot") else tree
        wanted = {}
        for entry in teidoc.entries(root):
            source = teidoc.entry_source(entry)
            if source in ("rule", "gazetteer"):
                wanted[entry.get(XML_ID)] = (entry, source)
        for el in _all_mentions(root):
            form = surface_text(el)
            if not el.get("ref"):  # a name tagged by hand (or by another tool) and linked to nothing
                entry, source, kind, name = None, "rule", teidoc.MENTION_KINDS[el.tag], form
            elif el.get("ref", "")[1:] in wanted:
                entry, source = wanted[el.get("ref", "")[1:]]
                kind = teidoc.ENTRY_KINDS[entry.tag]
                names = entry.findall(f"tei:{KIND[kind].mention}", NSMAP)
                name = _name(names[0]) if names else form
            else:
                continue
            if not name or form_key(name) in refused:
                continue
            row = rows.get((kind, form_key(name)))
            if row is None:
                idnos = entry.iterfind("tei:idno", NSMAP) if entry is not None else ()
                geonames = next(((i.text or "").strip() for i in idnos if i.get("type") == "geonames"), "")
                row = rows[(kind, form_key(name))] = ReviewRow(
                    type=kind, name=name, id="", found="unlinked" if source == "rule" else source, geonames=geonames
                )
                row.context = f"{record}: {_context(el, form)}"
                owner = listed.get(form_key(name)) if source == "rule" else None
                if owner:
                    row.status = f"{LISTED}{owner}: left unlinked by its record's context, not for want of a form"
            if form and form_key(form) not in {form_key(f) for f in row.forms}:
                row.forms.append(form)
            if record not in row.records:
                row.records.append(record)
    taken = set(taken_ids)
    ordered = sorted(
        rows.values(), key=lambda r: ({"person": 0, "place": 1, "org": 2}[r.type], -len(r.records), r.name)
    )
    for row in ordered:
        row.id = _free_id(slug(row.name), taken)
        taken.add(row.id)
    return ordered


def _all_mentions(root: etree._Element):
    """persName/placeName/orgName in the abstract and the text, linked or not, in document order."""
    for container in root.iter(f"{T}abstract", f"{T}text"):
        if next(container.iterancestors(f"{T}abstract", f"{T}text"), None) is None:
            yield from container.iter(*teidoc.MENTION_KINDS)


def _free_id(base: str, taken: set[str]) -> str:
    xml_id, n = base, 2
    while xml_id in taken:
        xml_id, n = f"{base}-{n}", n + 1
    return xml_id


REVIEW_LIMIT = 64 * 2**20  # a review file lists names, one row each: far below this


def read_review(path: Path) -> list[tuple[int, dict[str, str]]]:
    """The rows of a review file as (line number, column -> value). Raises ValueError naming
    the file when it is not a review file (missing columns), not a regular file (a named pipe, a
    device) or larger than REVIEW_LIMIT.
    """
    try:
        text = read_regular(path, REVIEW_LIMIT).decode("utf-8-sig")
    except (NotAFileError, TooLargeError) as exc:  # a named pipe or /dev/zero: never waited on, never read unbounded
        raise ValueError(f"{exc}") from None
    except UnicodeDecodeError:
        raise ValueError(f"{path}: not UTF-8 text (save the review file as CSV in UTF-8)") from None
    header = text.split("\n", 1)[0]
    # a spreadsheet set to a European locale saves CSV with semicolons
    delimiter = ";" if ";" in header and "," not in header else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    missing = [c for c in ("decision", "type", "name", "id", "forms") if c not in (reader.fieldnames or [])]
    if missing:
        raise ValueError(f"{path}: not a review file (missing columns: {', '.join(missing)})")
    return [(reader.line_num, {k: from_cell((v or "").strip()).strip() for k, v in row.items() if k}) for row in reader]


def decision_in_authority(row: dict[str, str], forms: dict[str, str], rejected: set[str]) -> bool:
    """True when a review row's decision is already in the authority: for reject every form is
    rejected; for accept and merge every form belongs to the entry the row names (accept without
    an id: the id made from the name). forms: form key -> entry id; rejected: form keys.
    """
    decision = row.get("decision", "").lower()
    row_forms = _row_forms(row)
    if not row_forms or decision not in DECISIONS:
        return False
    keys = [form_key(f) for f in row_forms]
    if decision == "reject":
        return all(k in rejected for k in keys)
    xml_id = row.get("id", "") or (slug(row_forms[0]) if decision == "accept" else "")
    return bool(xml_id) and all(forms.get(k) == xml_id for k in keys)


def write_review(
    path: Path, rows: list[ReviewRow], forms: dict[str, str] | None = None, rejected: Iterable[str] = ()
) -> tuple[int, int]:
    """Write rows as the review file at path, keeping the editor's decisions of an earlier
    review file there for the same names (so re-running review never loses a decision). A
    decided row whose name no document has now (a record removed or broken) is kept too, at the
    end, with status NOT_FOUND, unless its decision is already in the authority (forms: form
    key -> entry id of the authority; rejected: its rejected forms), where it is done.
    Returns (earlier decisions kept on rows found again, decided rows kept as not found).
    Raises ValueError for an earlier file that is not a review file.
    """
    authority_forms = forms or {}
    refused = {form_key(r) for r in rejected}
    kept, used = 0, set()
    earlier_rows: list[dict[str, str]] = []
    if path.is_file():
        earlier: dict[str, int] = {}
        earlier_rows = [old for _, old in read_review(path) if old.get("decision")]
        for number, old in enumerate(earlier_rows):
            for form in [old.get("name", ""), *old.get("forms", "").split(_FORM_SEPARATOR.strip())]:
                if form.strip():
                    earlier.setdefault(form_key(form), number)
        for row in rows:
            match = next((earlier[k] for k in map(form_key, [row.name, *row.forms]) if k in earlier), None)
            if match is not None:
                decided = earlier_rows[match]
                row.decision, row.type, row.name, row.id = (decided[c] for c in ("decision", "type", "name", "id"))
                row.wikidata, row.geonames = decided.get("wikidata", ""), decided.get("geonames", "") or row.geonames
                used.add(match)
                kept += 1
    missing = [
        _carried_row(old)
        for number, old in enumerate(earlier_rows)
        if number not in used and not decision_in_authority(old, authority_forms, refused)
    ]
    # names from untrusted TEI: never a formula, never a row split by a CR in a cell
    table = [list(REVIEW_COLUMNS), *([to_cell(cell) for cell in row.cells()] for row in [*rows, *missing])]
    atomic_write(path, csv_text(table).encode("utf-8"))
    return kept, len(missing)


def _carried_row(old: dict[str, str]) -> ReviewRow:
    """An earlier decided row no document has now, kept as the editor wrote it, marked NOT_FOUND."""
    return ReviewRow(
        type=old.get("type", ""),
        name=old.get("name", ""),
        id=old.get("id", ""),
        forms=[f.strip() for f in old.get("forms", "").split(_FORM_SEPARATOR.strip()) if f.strip()],
        found=old.get("found", ""),
        records=old.get("records", "").split(),
        context=old.get("context", ""),
        decision=old.get("decision", ""),
        wikidata=old.get("wikidata", ""),
        geonames=old.get("geonames", ""),
        status=NOT_FOUND,
    )


# --- apply ---------------------------------------------------------------------------------------


@dataclass
class ApplyReport:
    """What apply_review did: one line per decision applied, problems of rows it could not
    apply (review file:line), rows without a decision, and the files written.
    """

    applied: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    undecided: int = 0
    written: list[Path] = field(default_factory=list)
    already: list[str] = field(default_factory=list)  # review:line of rows whose decision the authority has


class _Files:
    """The authority files of one folder, parsed with their layout, and what they define."""

    def __init__(self, folder: Path, follow_symlinks: bool = False):
        self.folder = folder
        self.trees: dict[Path, etree._ElementTree] = {}
        self.declarations: dict[Path, bytes] = {}
        self.endings: dict[Path, bytes] = {}  # a final newline, kept as the file had it
        self.prologs: dict[Path, bytes] = {}  # what comes between the XML declaration and the root, kept as it is
        self.newlines: dict[Path, bytes] = {}  # the file's line break (CRLF kept: lxml reads every one as LF)
        self.changed: set[Path] = set()
        self.entries: dict[str, etree._Element] = {}
        self.paths: dict[str, Path] = {}  # entry id -> the file that holds it
        self.forms: dict[str, str] = {}  # form key -> entry id
        for path in authority_files(folder, follow_symlinks):
            data = path.read_bytes()
            self.trees[path] = etree.ElementTree(etree.fromstring(data, _parser()))
            declaration = data.split(b"?>", 1)[0] + b"?>" if data.startswith(b"<?xml") else b""
            self.declarations[path] = declaration
            # comments and processing instructions before the root, with the line breaks between them
            self.prologs[path] = _PROLOG.match(data, len(declaration)).group(0)  # type: ignore[union-attr]
            self.newlines[path] = b"\r\n" if b"\r\n" in data else b"\n"
            self.endings[path] = self.newlines[path] if data.endswith(b"\n") else b""
            for kind in ENTITY_KINDS:
                for entry in self.trees[path].iterfind(f".//tei:{kind.entry}", NSMAP):
                    xml_id = entry.get(XML_ID)
                    if not xml_id:
                        continue
                    self.entries[xml_id] = entry
                    self.paths[xml_id] = path
                    for n in entry.iterfind(f"tei:{kind.mention}", NSMAP):
                        if not is_shared_name(n):
                            self.forms.setdefault(form_key(_name(n)), xml_id)
        rejected_path = folder / REJECTED_FILE
        self.rejected_text = rejected_path.read_text(encoding="utf-8") if rejected_path.is_file() else ""
        self.rejected = {form_key(n) for n in rejected_names(self.rejected_text)}
        self.rejected_added: list[str] = []

    def listing(self, kind: str) -> tuple[Path, etree._Element]:
        """The list new entries of this kind go to: the first file holding one, else a new file."""
        tag = KIND[kind].listing
        for path, tree in self.trees.items():
            found = tree.find(f".//tei:{tag}", NSMAP)
            if found is not None:
                return path, found
        path = self.folder / f"{KIND[kind].register}.xml"
        root = etree.fromstring(_NEW_FILE.format(title=KIND[kind].register, listing=tag).encode(), _parser())
        self.trees[path] = etree.ElementTree(root)
        self.declarations[path] = b"<?xml version='1.0' encoding='UTF-8'?>"
        return path, root.find(f".//tei:{tag}", NSMAP)

    def save(self) -> list[Path]:
        """Write the changed files (atomically) and rejected.txt; returns what was written."""
        written = []
        for path in sorted(self.changed):
            # in the file's own encoding (a declaration naming another one stays true)
            tree = self.trees[path]
            encoding = tree.docinfo.encoding or "UTF-8"
            root = tree.getroot()
            newline = self.newlines.get(path, b"\n")
            body = etree.tostring(root, encoding=encoding, xml_declaration=False)
            for after in root.itersiblings():  # comments after the root, each on its own line
                body += b"\n" + etree.tostring(after, encoding=encoding)
            declaration = self.declarations[path]
            prolog = self.prologs.get(path, b"\n" if declaration else b"")
            data = declaration + prolog.replace(b"\r\n", b"\n") + body + b"\n"
            if self.endings.get(path, b"\n") == b"":
                data = data[:-1]
            atomic_write(path, data.replace(b"\n", newline) if newline != b"\n" else data)
            written.append(path)
        if self.rejected_added:
            text = self.rejected_text or _REJECTED_HEADER
            if not text.endswith("\n"):
                text += "\n"
            path = self.folder / REJECTED_FILE
            atomic_write(path, (text + "".join(f"{n}\n" for n in self.rejected_added)).encode("utf-8"))
            written.append(path)
        return written


# XML's prolog after the declaration: white space, comments and processing instructions (a
# DOCTYPE is refused in authority files)
_PROLOG = re.compile(rb"(?:\s+|<!--.*?-->|<\?.*?\?>)*", re.S)

_NEW_FILE = """<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader>
    <fileDesc>
      <titleStmt>
        <title>Authority file: {title}</title>
      </titleStmt>
      <publicationStmt>
        <p>Authority file of an edition made with tei-encoder.</p>
      </publicationStmt>
      <sourceDesc>
        <p>Entries added by the edition's editors.</p>
      </sourceDesc>
    </fileDesc>
  </teiHeader>
  <standOff>
    <{listing}>
    </{listing}>
  </standOff>
</TEI>"""

_REJECTED_HEADER = (
    "# Name forms the editors rejected: the encoder never tags them as names it found by rule\n"
    "# or as gazetteer places. One form per line; `tei-encoder authority apply` adds to it.\n"
)


def apply_review(review: Path, folder: Path, follow_symlinks: bool = False) -> ApplyReport:
    """Write the decisions of a review file into the authority files of folder.

    accept: a new entry (id: the row's id, else one made from the name) with the name as
    preferred form, the other forms as variants and the identifiers given; merge: the forms
    (and missing identifiers) added to the existing entry named in the id column; reject: the
    forms appended to rejected.txt. A row that would claim a form another entry has, reuse an
    id, or give a malformed identifier is not applied and becomes a Problem (review:line);
    the other rows are still applied. Accepts are applied first, so a merge may name an entry
    the same file accepts. A row whose decision the authority already has (the same file
    applied before) is listed in `already`, not applied again, and no file is rewritten for it.
    Raises ValueError for a file that is not a review file, UsageError for an authority file
    that is a symbolic link unless follow_symlinks.
    """
    report = ApplyReport()
    files = _Files(folder, follow_symlinks)
    rows = read_review(review)
    # new entries first, so a row may merge into an entry another row of the same file accepts
    order = {"accept": 0, "merge": 1}
    rows.sort(key=lambda item: order.get(item[1].get("decision", "").lower(), 2))
    for line, row in rows:
        decision = row.get("decision", "").lower()
        if not decision:
            report.undecided += 1
            continue
        refusal = _listed_refusal(row, decision)
        if refusal:
            report.problems.append(Problem(review, line, refusal))
            continue
        if decision_in_authority(row, files.forms, files.rejected):  # applied by an earlier run
            report.already.append(
                f"{review}:{line}: already applied: {decision} {row.get('name', '')!r}"
                + (
                    f" (a form of {row.get('id') or slug(row.get('name', ''))!r}; a build that still leaves it "
                    "unlinked does so for its record's context: see that record's warnings)"
                    if decision != "reject"
                    else ""
                )
            )
            continue
        try:
            report.applied.append(_apply_row(files, decision, row))
        except ValueError as exc:
            report.problems.append(Problem(review, line, str(exc)))
    report.written = files.save()
    return report


def _listed_refusal(row: dict[str, str], decision: str) -> str:
    """Why an accept or merge of a row `review_rows` marked LISTED (a name an entry already lists, left
    unlinked by its record's context) cannot take effect: one line; "" for any other row."""
    status = row.get("status", "")
    if decision not in ("accept", "merge") or not status.startswith(LISTED):
        return ""
    owner = status[len(LISTED) :].split(":", 1)[0]
    return (
        f"{decision} {row.get('name', '')!r} not applied: it is already a form of {owner!r}; its record left it "
        "unlinked for the record's context (a date or another name that makes the entity uncertain), which no "
        "authority decision changes: link it in the record's TEI by hand (encode --keep), or leave it"
    )


def _row_forms(row: dict[str, str]) -> list[str]:
    forms = [row.get("name", ""), *row.get("forms", "").split(_FORM_SEPARATOR.strip())]
    out: dict[str, str] = {}
    for form in forms:
        form = " ".join(form.split())
        if form and form_key(form) not in out:
            out[form_key(form)] = form
    return list(out.values())


def _identifiers(row: dict[str, str]) -> list[tuple[str, str]]:
    found = []
    for id_type in ("wikidata", "geonames"):
        value = row.get(id_type, "")
        if not value:
            continue
        if not identifier_ok(id_type, value):
            raise ValueError(f"{id_type} identifier {value!r} is malformed")
        found.append((id_type, value))
    return found


def _apply_row(files: _Files, decision: str, row: dict[str, str]) -> str:
    forms = _row_forms(row)
    if not forms:
        raise ValueError("the row has no name")
    if decision == "reject":
        for form in forms:
            owner = files.forms.get(form_key(form))
            if owner:
                raise ValueError(f"cannot reject {form!r}: entry {owner!r} lists it")
        new = [f for f in forms if form_key(f) not in files.rejected]
        files.rejected.update(form_key(f) for f in new)
        files.rejected_added.extend(new)
        return f"rejected {', '.join(repr(f) for f in forms)}"
    if decision not in DECISIONS:
        raise ValueError(f"unknown decision {decision!r} (write accept, merge or reject, or leave it empty)")
    identifiers = _identifiers(row)
    xml_id = row.get("id", "")
    if decision == "merge":
        if xml_id not in files.entries:
            raise ValueError(f"merge into {xml_id!r}: no authority entry has that id")
        entry = files.entries[xml_id]
        kind = teidoc.ENTRY_KINDS[entry.tag]
    else:
        kind = row.get("type", "")
        if kind not in KIND:
            raise ValueError(f"type {kind!r} is not person, place or org")
        xml_id = xml_id or slug(forms[0])
        refused = xml_id_refusal(xml_id)
        if refused:
            raise ValueError(f"id {xml_id!r} {refused}")
        if xml_id in files.entries:
            raise ValueError(f"id {xml_id!r} is already an entry: write merge to add these forms to it")
    for form in forms:
        owner = files.forms.get(form_key(form))
        if owner and owner != xml_id:
            raise ValueError(f"{form!r} is already a form of {owner!r}: merge into {owner!r} or drop the form")
        if form_key(form) in files.rejected:
            raise ValueError(f"{form!r} is in {REJECTED_FILE}: remove it there first")
    if decision == "accept":
        path, listing = files.listing(kind)
        entry = etree.Element(f"{T}{KIND[kind].entry}", {XML_ID: xml_id})
        _append_indented(listing, entry, _inner_indent(listing), None)
        files.entries[xml_id] = entry
        files.paths[xml_id] = path
        added = forms
        entry.text = None
    else:
        path = files.paths[xml_id]
        added = [f for f in forms if files.forms.get(form_key(f)) != xml_id]
    inner = _inner_indent(entry)
    for form in added:
        name_type = "preferred" if decision == "accept" and form == forms[0] else "variant"
        _add_name_indented(entry, kind, form, name_type, inner)
        files.forms[form_key(form)] = xml_id
    have = {i.get("type") for i in entry.iterfind("tei:idno", NSMAP)}
    for id_type, value in identifiers:
        if id_type not in have:
            _add_idno_indented(entry, id_type, value, inner)
    files.changed.add(path)
    verb = "added" if decision == "accept" else "merged into"
    return f"{verb} {xml_id} ({kind}): {', '.join(repr(f) for f in added) or 'no new forms'}"


def _blank(text: str | None) -> bool:
    return text is not None and text != "" and not text.strip()


def _inner_indent(entry: etree._Element) -> str:
    """The whitespace before an element's children: as its own children have it; for an empty
    element one step more than its own indentation; "" in a file written without any.
    """
    if len(entry):
        return entry.text if _blank(entry.text) else ""
    # the element's own indentation is its previous sibling's tail (or its parent's text)
    previous = entry.getprevious()
    own = previous.tail if previous is not None else entry.getparent().text
    return own + "  " if _blank(own) else ""


def _append_indented(entry: etree._Element, el: etree._Element, inner: str, after: etree._Element | None) -> None:
    """Insert el into entry (after `after`, else last), indented as inner says ("" for none)."""
    if not len(entry):
        previous = entry.getprevious()
        own = previous.tail if previous is not None else entry.getparent().text
        entry.text = inner or None
        el.tail = own if inner and _blank(own) else None
        entry.append(el)
        return
    if after is None:
        after = entry[-1]
    el.tail = after.tail
    after.tail = inner or None
    after.addnext(el)


def _add_name_indented(entry, kind: str, form: str, name_type: str, inner: str) -> None:
    tag = f"{T}{KIND[kind].mention}"
    names = entry.findall(tag)
    el = etree.Element(tag, type=name_type)
    el.text = form
    _append_indented(entry, el, inner, names[-1] if names else None)


def _add_idno_indented(entry, id_type: str, value: str, inner: str) -> None:
    el = etree.Element(f"{T}idno", type=id_type)
    el.text = value
    _append_indented(entry, el, inner, None)


def authority_forms(loaded) -> dict[str, str]:
    """Form key -> entry id of every name form of a loaded Authority (first entry wins)."""
    forms: dict[str, str] = {}
    for entry in loaded.entries.values():
        for name in (entry.name, *entry.variants):
            forms.setdefault(form_key(name), entry.xml_id)
    return forms
