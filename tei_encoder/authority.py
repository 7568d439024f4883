"""Authority files: TEI listPerson / listPlace / listOrg in `authority/` folders.

Every real-world entity has one entry: an xml:id, a preferred name, the variant forms met in
records, and external identifiers only where a verifiable source gives them.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from lxml import etree

from .config import project_dir
from .errors import UsageError
from .fsutil import kind_of, not_there, shown_here
from .inputs import SYMLINK_REFUSED
from .tei import ENTITY_KINDS, NSMAP, TEI_NS, XML_NS
from .xmlsafe import describe_xml_error, parse_xml, xml_id_refusal

REJECTED_FILE = "rejected.txt"  # in an authority folder: name forms an editor rejected, one per line


SHARED_NAME = "shared"  # the type of a name form an entry bore with others (see AuthorityEntry.shared)


@dataclass(frozen=True)
class SharedName:
    """A bare name an entry bore with other entries (`Korea` of North and South Korea after 1948), in
    the period from `start` (ISO date, inclusive) to `end` (exclusive), either open; `contender`: the
    entry makes the name uncertain when a record names it by its state name but is never chosen for it."""

    form: str
    start: str | None = None
    end: str | None = None
    contender: bool = False


def is_shared_name(el: etree._Element) -> bool:
    """Whether a name element of an authority entry is a shared bare name (type="shared"): not a name
    form of the entry's own (never claimed, never matched as the entry's), read by AuthorityEntry.shared."""
    return el.get("type") == SHARED_NAME


@dataclass(frozen=True)
class AuthorityEntry:
    """One entity of an authority file: its xml:id, kind (person | place | org), preferred name,
    variant forms, (type, value) identifiers from a verifiable source, and provenance.
    """

    xml_id: str
    kind: str  # person | place | org
    name: str
    variants: tuple[str, ...] = ()
    idnos: tuple[tuple[str, str], ...] = ()
    source: str = "authority"
    # years of birth and death of a person (<birth when>, <death when>), when the entry gives them
    lived: tuple[int | None, int | None] = (None, None)
    # when the entity existed, ISO dates (<state type="existence" from to>; `to` the day it ceased), when given
    existence: tuple[str | None, str | None] = (None, None)
    # bare names the entity bore with others for a time (<placeName type="shared">): (form, from, to,
    # contender: it makes the name uncertain when a record names it, but is never chosen for it)
    shared: tuple[SharedName, ...] = ()
    # its capital's names (<location type="capital"><settlement>): a record that prints one speaks of this state
    capitals: tuple[str, ...] = ()
    # a person's military ranks (<occupation type="rank">Marshal</occupation>), when the entry gives them: a
    # record's "Admiral Kuznetsov" names a listed Kuznetsov only if he held a rank
    ranks: tuple[str, ...] = ()
    # the posts abroad a person held (<occupation type="envoy">Ambassador</occupation>), when the entry gives
    # them: a record's "ambassador Puzanov" names the listed Puzanov only if he served as an envoy
    envoy: tuple[str, ...] = ()
    # the offices a person held and when (<occupation type="office" from to>Chairman</occupation>, ISO dates,
    # either None): a record's "Chairman Ho" of that time names the one listed Ho who held the office then
    offices: tuple[tuple[str, str | None, str | None], ...] = ()


@dataclass(frozen=True, eq=False)
class Authority:
    """The entries of a set of authority folders, keyed by xml:id, with a content digest (equal
    digests: equal authorities; the recogniser is cached by it), the files read and the rejected name
    forms (rejected.txt).
    """

    entries: dict[str, AuthorityEntry] = field(default_factory=dict)
    digest: str = ""  # content hash of the files, for incremental builds
    files: tuple[Path, ...] = ()
    rejected: tuple[str, ...] = ()  # name forms an editor rejected (rejected.txt): never tagged as new names

    def __hash__(self) -> int:
        return hash(self.digest)

    def __eq__(self, other) -> bool:
        return isinstance(other, Authority) and other.digest == self.digest

    def get(self, xml_id: str) -> AuthorityEntry | None:
        """The entry with this xml:id, or None."""
        return self.entries.get(xml_id)


MAX_AUTHORITY_BYTES = 256 * 1024 * 1024  # far above any real authority list


def load_authority(folders: tuple[Path, ...], follow_symlinks: bool = False) -> Authority:
    """The entries of every *.xml file in these folders (later folders override earlier ones),
    cached per process; an edited file (new size or mtime) is read again.

    A symbolic link in a folder (an authority file or rejected.txt) is read only with
    follow_symlinks (the corpus's rule, SECURITY.md "Symbolic links"); without it the link is one
    UsageError naming it, never skipped, since skipping an authority file would change links.

    Raises UsageError, once and for the whole run, naming the file (and line) when a folder is
    missing or a file cannot be used: unreadable, not a regular file, malformed, a DOCTYPE, an
    xml:id that is not an XML name, or an idno type the project schema does not allow (every
    record would otherwise be encoded into invalid TEI).
    """
    folders = tuple(Path(f).resolve() for f in folders)
    # cached per process, but an edited file (new size or mtime) is read again
    # (the files' paths as strings: this runs before every record, and a Path made and hashed per file
    # cost more than the stat calls themselves)
    try:
        stamp = tuple(
            (path, st.st_size, st.st_mtime_ns, st.st_mode)
            for f in folders
            if f.is_dir()
            for name in _authority_names(f, follow_symlinks)
            for path in (os.path.join(f, name),)
            for st in (os.stat(path),)
        )
    except OSError as exc:
        raise UsageError(f"{exc.filename}: cannot read authority file: {exc.strerror or exc}") from None
    return _load(folders, follow_symlinks, stamp)


def _authority_names(folder: Path, follow_symlinks: bool) -> list[str]:
    """The names of folder's authority files (authority_files) and rejected.txt, sorted (one
    directory read: this runs before every record). UsageError for a link among them unless
    follow_symlinks."""
    with os.scandir(folder) as entries:
        found = [e for e in entries if _is_authority_name(e.name) or e.name == REJECTED_FILE]
    _refuse_links(folder, found, follow_symlinks)
    return sorted(e.name for e in found)


def _refuse_links(folder: Path, entries: list[os.DirEntry], follow_symlinks: bool) -> None:
    """UsageError naming the first of ENTRIES (of FOLDER) that is a symbolic link, unless follow_symlinks."""
    links = sorted(e.name for e in entries if e.is_symlink())
    if links and not follow_symlinks:
        raise UsageError(f"{shown_here(folder / links[0])}: {SYMLINK_REFUSED}")


def _is_authority_name(name: str) -> bool:
    # the one rule of inputs.not_taken: a hidden file (an editor's backup `.persons.xml`) is not read
    return name.endswith(".xml") and not name.startswith(".")


def authority_files(folder: Path, follow_symlinks: bool = False) -> list[Path]:
    """The authority files of FOLDER, sorted: its `*.xml` entries whose name does not start with a
    dot (README, "Which files of a folder are read"); what else is named like one is reported by
    `authority check` (inputs.not_taken). Raises OSError when the folder cannot be listed, and
    UsageError for a symbolic link among them (or rejected.txt as one) unless follow_symlinks."""
    with os.scandir(folder) as entries:
        found = [e for e in entries if _is_authority_name(e.name) or e.name == REJECTED_FILE]
    _refuse_links(folder, found, follow_symlinks)
    return sorted(folder / e.name for e in found if _is_authority_name(e.name))


@lru_cache(maxsize=8)
def _load(folders: tuple[Path, ...], follow_symlinks: bool, _stamp: tuple = ()) -> Authority:
    entries: dict[str, AuthorityEntry] = {}
    digest = hashlib.sha256()
    files: list[Path] = []
    rejected: list[str] = []
    for folder in folders:
        if not folder.is_dir():
            raise UsageError(f"{shown_here(folder)}: authority folder {not_there(folder, 'a folder')}")
        for path in authority_files(folder, follow_symlinks):
            unreadable = unreadable_file(path)
            if unreadable:
                raise UsageError(f"{shown_here(path)}: {unreadable}")
            data = _read(path)
            digest.update(os.fsencode(path.name) + b"\0" + data)
            files.append(path)
            try:
                # no ID table: an empty or repeated xml:id is said in `authority check`'s words
                # (_entries), not as libxml2's "ID  already defined"
                tree = parse_xml(path, data, collect_ids=False)
            except etree.XMLSyntaxError as exc:  # one bad file must name itself, once, not crash the run
                raise UsageError(f"{shown_here(path)}:{exc.lineno}: {describe_xml_error(exc)}") from None
            except ValueError as exc:  # UnsafeXML: a DOCTYPE
                line = getattr(exc, "line", 0)  # a DOCTYPE's line; 0: the whole file's
                at = f":{line}" if line else ""
                raise UsageError(f"{shown_here(path)}{at}: {describe_xml_error(exc)}") from None
            root = tree.getroot() if hasattr(tree, "getroot") else tree
            if not has_listings(root):
                raise UsageError(f"{shown_here(path)}:{root.sourceline or 1}: {NO_LISTINGS}")
            for entry in _entries(tree, path):
                entries[entry.xml_id] = entry  # a later folder overrides an earlier one
        rejected_path = folder / REJECTED_FILE
        unusable = unusable_rejected(rejected_path)
        if unusable:  # a named pipe there would lose the rejections in silence (or block the run)
            raise UsageError(f"{shown_here(rejected_path)}: {unusable}")
        if rejected_path.is_file():
            data = rejected_path.read_bytes()
            digest.update(REJECTED_FILE.encode() + b"\0" + data)
            rejected.extend(rejected_names(data.decode("utf-8", errors="replace")))
    return Authority(
        entries=entries, digest=digest.hexdigest(), files=tuple(files), rejected=tuple(dict.fromkeys(rejected))
    )


NO_LISTINGS = "no TEI listPerson/listPlace/listOrg (an authority file is TEI with at least one of them)"


def unreadable_file(path: Path) -> str | None:
    """Why path cannot be read as an authority file ("not a file" for a folder, "cannot read"
    for a broken link or a file without read permission), or None when it can be read."""
    if not path.exists():
        return "cannot read authority file: a broken link (its target does not exist) or a file that has gone"
    if not path.is_file():
        return not_an_authority_file(path)
    try:
        with open(path, "rb"):
            pass
    except OSError as exc:
        return f"cannot read authority file: {exc.strerror or exc}"
    return None


def not_an_authority_file(path: Path) -> str:
    """Why PATH, which is no regular file, is not read: "is a named pipe (FIFO), not an authority file"."""
    return f"is {kind_of(path)}, not an authority file"


def unusable_rejected(path: Path) -> str | None:
    """Why PATH (an authority folder's rejected.txt) cannot be read — "is a named pipe (FIFO), not a
    list of rejected names", also for a folder or a link to nothing — or None when it is a regular
    file or absent."""
    if not os.path.lexists(path) or path.is_file():
        return None
    return f"is {kind_of(path)}, not a list of rejected names"


def has_listings(root) -> bool:
    """True when root (an lxml element) holds a TEI listPerson, listPlace or listOrg (itself or below)."""
    tags = {f"{{{TEI_NS}}}{k.listing}" for k in ENTITY_KINDS}
    return root.tag in tags or any(True for _ in root.iter(*tags))


def rejected_names(text: str) -> list[str]:
    """The name forms of a rejected.txt: one per line; blank lines and `#` comments are skipped."""
    names = (" ".join(line.split("#", 1)[0].split()) for line in text.splitlines())
    return [n for n in names if n]


def _read(path: Path) -> bytes:
    """An authority file's bytes; UsageError for a folder, a device or an unreadable file."""
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            raise UsageError(f"{shown_here(path)}: {not_an_authority_file(path)}")
        if st.st_size > MAX_AUTHORITY_BYTES:
            raise UsageError(f"{shown_here(path)}: authority file is larger than {MAX_AUTHORITY_BYTES >> 20} MB")
        return path.read_bytes()
    except OSError as exc:
        raise UsageError(f"{shown_here(path)}: cannot read authority file: {exc.strerror or exc}") from None


@lru_cache(maxsize=1)
def allowed_idno_types() -> frozenset[str] | None:
    """The idno types the project schema allows (its enumeration for idno/@type), or None when
    the schema cannot be read (then no type is refused here; validation still checks)."""
    try:
        xsd = etree.parse(str(project_dir("schema") / "tei-encoder.xsd"))
    except (OSError, etree.XMLSyntaxError):
        return None
    values = xsd.xpath(
        "//xs:element[@name='idno']//xs:attribute[@name='type']//xs:enumeration/@value",
        namespaces={"xs": "http://www.w3.org/2001/XMLSchema"},
    )
    return frozenset(str(v) for v in values) or None


def _check_entry(path: Path, el: etree._Element, xml_id: str) -> None:
    """UsageError (file:line) for what would make every record that mentions the entry invalid TEI."""
    where = f"{shown_here(path)}:{el.sourceline}"
    refused = xml_id_refusal(xml_id)
    if refused:
        raise UsageError(f"{where}: {entry_id_refusal(xml_id, refused)}")
    for idno in el.iterfind("tei:idno", NSMAP):
        refused = refused_idno_type(idno)
        if refused:
            raise UsageError(f"{shown_here(path)}:{idno.sourceline}: authority entry {xml_id}: {refused}")


def refused_idno_type(idno: etree._Element) -> str | None:
    """Why the project schema refuses this authority <idno> (its type is not in the schema's list),
    or None. Loading (build, encode) and `authority check` share it, so they never disagree."""
    allowed = allowed_idno_types()
    kind = idno.get("type", "")
    if (idno.text or "").strip() and allowed is not None and kind.lower() not in {a.lower() for a in allowed}:
        return f"idno type {kind!r} is not one the project schema allows ({', '.join(sorted(allowed))})"
    return None


def entry_id_refusal(xml_id: str, refused: str) -> str:
    """The one message for an authority entry's xml:id that cannot be one (refused: why, from
    xmlsafe.xml_id_refusal), in `authority check` and wherever the authority is loaded."""
    return f"authority entry xml:id {xml_id!r} {refused}"


def entry_id_repeated(xml_id: str, first: str) -> str:
    """The one message for an xml:id two authority entries share (first: file:line of the first)."""
    return f"xml:id {xml_id!r} is used twice (first at {first})"


def _entries(tree, path: Path):
    seen: dict[str, int] = {}
    for entity_kind in ENTITY_KINDS:
        kind, name_tag = entity_kind.kind, entity_kind.mention
        for el in tree.iterfind(f".//tei:{entity_kind.entry}", NSMAP):
            xml_id = el.get(f"{{{XML_NS}}}id")
            if xml_id is not None:
                _check_entry(path, el, xml_id)
                if xml_id in seen:  # libxml2's ID table is off (parse_xml above): said here
                    where = f"{shown_here(path)}:{el.sourceline}"
                    raise UsageError(f"{where}: {entry_id_repeated(xml_id, f'{shown_here(path)}:{seen[xml_id]}')}")
                seen[xml_id] = el.sourceline or 0
            name_els = [n for n in el.iterfind(f"tei:{name_tag}", NSMAP) if not is_shared_name(n)]
            names = [" ".join("".join(n.itertext()).split()) for n in name_els]
            names = [n for n in names if n]
            if not xml_id or not names:
                continue
            preferred = next(
                (" ".join("".join(n.itertext()).split()) for n in name_els if n.get("type") == "preferred"),
                names[0],
            )
            idnos = tuple(
                (i.get("type", ""), (i.text or "").strip())
                for i in el.iterfind("tei:idno", NSMAP)
                if (i.text or "").strip()
            )
            variants = tuple(dict.fromkeys(n for n in names if n != preferred))
            lived = (_year_of(el, "birth"), _year_of(el, "death")) if kind == "person" else (None, None)
            yield AuthorityEntry(
                xml_id=xml_id,
                kind=kind,
                name=preferred,
                variants=variants,
                idnos=idnos,
                lived=lived,
                existence=_existence(el),
                shared=_shared_names(el, name_tag),
                capitals=_texts(el, "tei:location[@type='capital']/tei:settlement"),
                ranks=_texts(el, "tei:occupation[@type='rank']"),
                envoy=_texts(el, "tei:occupation[@type='envoy']"),
                offices=_offices(el),
            )


def _texts(el, path: str) -> tuple[str, ...]:
    """The text of each element at `path` (ElementPath, tei: prefix) under the entry `el`, white space
    collapsed, in document order."""
    return tuple(" ".join("".join(found.itertext()).split()) for found in el.iterfind(path, NSMAP))


def _offices(el) -> tuple[tuple[str, str | None, str | None], ...]:
    """(title, from, to) of each <occupation type="office"> of the entry (the title as printed, white space
    collapsed; ISO dates, either None), in document order; () when it gives none."""
    return tuple(
        (" ".join("".join(o.itertext()).split()), o.get("from"), o.get("to"))
        for o in el.iterfind("tei:occupation[@type='office']", NSMAP)
    )


def _existence(el) -> tuple[str | None, str | None]:
    """(from, to) of the entry's <state type="existence"> (ISO dates, either None), else (None, None)."""
    state = el.find("tei:state[@type='existence']", NSMAP)
    if state is None:
        return (None, None)
    return (state.get("from") or state.get("notBefore") or None, state.get("to") or state.get("notAfter") or None)


def _shared_names(el, name_tag: str) -> tuple[SharedName, ...]:
    """The entry's shared bare names (<placeName type="shared" from to [subtype="contender"]>)."""
    out = []
    for n in el.iterfind(f"tei:{name_tag}", NSMAP):
        form = " ".join("".join(n.itertext()).split())
        if is_shared_name(n) and form:
            out.append(SharedName(form, n.get("from") or None, n.get("to") or None, n.get("subtype") == "contender"))
    return tuple(out)


def _year_of(el, tag: str) -> int | None:
    """The year of the entry's <birth>/<death> @when ("1912", "1912-05-03"), else None."""
    event = el.find(f"tei:{tag}", NSMAP)
    when = event.get("when", "") if event is not None else ""
    return int(when[:4]) if when[:4].isdigit() else None


def shipped_authority_dirs() -> list[Path]:
    """The folders that hold the base authority shipped with tei-encoder (resolved): the package
    data `tei_encoder/_authority/`, and in a checkout the repository's `corpus/authority/` it is
    built from. Editions never write there."""
    here = Path(__file__).resolve().parent
    return [c for c in (here / "_authority", here.parent / "corpus" / "authority") if c.is_dir()]


def is_shipped_authority(folder: Path) -> bool:
    """True when folder is (a link to) the base authority shipped with tei-encoder."""
    try:
        resolved = Path(folder).resolve()
    except OSError:
        return False
    return any(resolved == shipped for shipped in shipped_authority_dirs())


def base_authority_dir() -> Path:
    """The base authority shipped with tei-encoder.

    Installed from a wheel it is package data (`tei_encoder/_authority/`, built from the
    repository's `corpus/authority/` by the package-dir mapping in pyproject.toml); in a checkout
    or an editable install it is that same folder, `corpus/authority/`. One source, so every
    install links the same names. Raises FileNotFoundError when neither exists (a broken install).
    """
    for candidate in shipped_authority_dirs():
        if any(candidate.glob("*.xml")):
            return candidate
    raise FileNotFoundError("cannot find the base authority files of tei-encoder (a broken installation?)")


@dataclass(frozen=True)
class AuthorityChoice:
    """Which authority folders a run uses, and why: `option` (named by the caller), `edition`
    (authority/ beside the records) or `base` (shipped with tei-encoder); label says it in a line
    (for `option`, the folders: the command line says which option named them).
    """

    folders: tuple[Path, ...]
    origin: str
    label: str


def local_authority_folders(inputs: list[Path]) -> tuple[Path, ...]:
    """`authority/` beside the inputs: in their folder or up to three folders above (first found per input)."""
    seen: list[Path] = []
    for path in inputs:
        start = path if path.is_dir() else path.parent
        for folder in [start, *list(start.resolve().parents)[:3]]:
            candidate = folder / "authority"
            if candidate.is_dir():
                if candidate.resolve() not in seen:
                    seen.append(candidate.resolve())
                break
    return tuple(seen)


def choose_authority(option: tuple[Path, ...], inputs: list[Path]) -> AuthorityChoice:
    """The authority a run uses, the same rule for every install: the --authority folders when
    given, else `authority/` beside the records, else the base authority shipped with tei-encoder.
    """
    if option:
        folders = tuple(Path(f) for f in option)
        return AuthorityChoice(folders, "option", ", ".join(str(f) for f in folders))
    local = local_authority_folders(inputs)
    if local:
        return AuthorityChoice(
            local, "edition", ", ".join(shown_here(f) + "/" for f in local) + " (beside the records)"
        )
    base = base_authority_dir()
    return AuthorityChoice(
        (base,), "base", "base authority shipped with tei-encoder (no authority/ beside the records)"
    )


def find_authority_folders(inputs: list[Path]) -> tuple[Path, ...]:
    """`authority/` beside the inputs (or up to three folders above), else the base shipped with tei-encoder."""
    return choose_authority((), inputs).folders
