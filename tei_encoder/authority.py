"""Authority files: TEI listPerson / listPlace / listOrg in `authority/` folders.

Every real-world entity has one entry: an xml:id, a preferred name, the variant forms met in
records, and external identifiers only where a verifiable source gives them.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from lxml import etree

from .config import project_dir
from .errors import UsageError
from .fsutil import shown
from .tei import ENTITY_KINDS, NSMAP, XML_NS
from .xmlsafe import describe_xml_error, parse_xml


@dataclass(frozen=True)
class AuthorityEntry:
    xml_id: str
    kind: str  # person | place | org
    name: str
    variants: tuple[str, ...] = ()
    idnos: tuple[tuple[str, str], ...] = ()
    source: str = "authority"


@dataclass(frozen=True, eq=False)
class Authority:
    entries: dict[str, AuthorityEntry] = field(default_factory=dict)
    digest: str = ""  # content hash of the files, for incremental builds
    files: tuple[Path, ...] = ()

    def __hash__(self) -> int:
        return hash(self.digest)

    def __eq__(self, other) -> bool:
        return isinstance(other, Authority) and other.digest == self.digest

    def get(self, xml_id: str) -> AuthorityEntry | None:
        return self.entries.get(xml_id)


MAX_AUTHORITY_BYTES = 256 * 1024 * 1024  # far above any real authority list


def load_authority(folders: tuple[Path, ...]) -> Authority:
    """The entries of every *.xml file in these folders (later folders override earlier ones),
    cached per process; an edited file (new size or mtime) is read again.

    Raises UsageError, once and for the whole run, naming the file (and line) when a folder is
    missing or a file cannot be used: unreadable, not a regular file, malformed, a DOCTYPE, an
    xml:id that is not an XML name, or an idno type the project schema does not allow (every
    record would otherwise be encoded into invalid TEI).
    """
    folders = tuple(Path(f).resolve() for f in folders)
    try:
        stamp = tuple(
            (p, st.st_size, st.st_mtime_ns, st.st_mode)
            for f in folders
            if f.is_dir()
            for p in sorted(f.glob("*.xml"))
            for st in (p.stat(),)
        )
    except OSError as exc:
        raise UsageError(f"{exc.filename}: cannot read authority file: {exc.strerror or exc}") from None
    return _load(folders, stamp)


@lru_cache(maxsize=8)
def _load(folders: tuple[Path, ...], _stamp: tuple = ()) -> Authority:
    entries: dict[str, AuthorityEntry] = {}
    digest = hashlib.sha256()
    files: list[Path] = []
    for folder in folders:
        if not folder.is_dir():
            raise UsageError(f"{folder}: authority folder does not exist")
        for path in sorted(folder.glob("*.xml")):
            data = _read(path)
            digest.update(os.fsencode(path.name) + b"\0" + data)
            files.append(path)
            try:
                tree = parse_xml(path, data)
            except etree.XMLSyntaxError as exc:  # one bad file must name itself, once, not crash the run
                raise UsageError(f"{shown(path)}:{exc.lineno}: authority file: {describe_xml_error(exc)}") from None
            except ValueError as exc:  # UnsafeXML: a DOCTYPE
                raise UsageError(f"{shown(path)}: authority file: {describe_xml_error(exc)}") from None
            for entry in _entries(tree, path):
                entries[entry.xml_id] = entry  # a later folder overrides an earlier one
    return Authority(entries=entries, digest=digest.hexdigest(), files=tuple(files))


def _read(path: Path) -> bytes:
    """An authority file's bytes; UsageError for a folder, a device or an unreadable file."""
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            raise UsageError(f"{shown(path)}: authority file is not a regular file (a folder or device)")
        if st.st_size > MAX_AUTHORITY_BYTES:
            raise UsageError(f"{shown(path)}: authority file is larger than {MAX_AUTHORITY_BYTES >> 20} MB")
        return path.read_bytes()
    except OSError as exc:
        raise UsageError(f"{shown(path)}: cannot read authority file: {exc.strerror or exc}") from None


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
    where = f"{shown(path)}:{el.sourceline}"
    if not _NCNAME.fullmatch(xml_id):
        raise UsageError(f"{where}: authority entry xml:id {xml_id!r} is not an XML name (NCName)")
    allowed = allowed_idno_types()
    for idno in el.iterfind("tei:idno", NSMAP):
        kind = idno.get("type", "")
        if (idno.text or "").strip() and allowed is not None and kind not in allowed:
            raise UsageError(
                f"{shown(path)}:{idno.sourceline}: authority entry {xml_id}: idno type {kind!r} is not one the "
                f"project schema allows ({', '.join(sorted(allowed))})"
            )


# An XML name without a colon (XML Namespaces 1.0 NCName), as xml:id must be.
_NCNAME = re.compile(r"[^\W\d][\w.\-\u00b7\u0300-\u036f\u203f\u2040]*")


def _entries(tree, path: Path):
    for entity_kind in ENTITY_KINDS:
        kind, name_tag = entity_kind.kind, entity_kind.mention
        for el in tree.iterfind(f".//tei:{entity_kind.entry}", NSMAP):
            xml_id = el.get(f"{{{XML_NS}}}id")
            names = [" ".join("".join(n.itertext()).split()) for n in el.iterfind(f"tei:{name_tag}", NSMAP)]
            names = [n for n in names if n]
            if not xml_id or not names:
                continue
            _check_entry(path, el, xml_id)
            preferred = next(
                (
                    " ".join("".join(n.itertext()).split())
                    for n in el.iterfind(f"tei:{name_tag}", NSMAP)
                    if n.get("type") == "preferred"
                ),
                names[0],
            )
            idnos = tuple(
                (i.get("type", ""), (i.text or "").strip())
                for i in el.iterfind("tei:idno", NSMAP)
                if (i.text or "").strip()
            )
            variants = tuple(dict.fromkeys(n for n in names if n != preferred))
            yield AuthorityEntry(xml_id=xml_id, kind=kind, name=preferred, variants=variants, idnos=idnos)


def find_authority_folders(inputs: list[Path]) -> tuple[Path, ...]:
    """`authority/` beside the inputs (or up to three folders above), else the bundled corpus's."""
    seen: list[Path] = []
    for path in inputs:
        start = path if path.is_dir() else path.parent
        for folder in [start, *list(start.resolve().parents)[:3]]:
            candidate = folder / "authority"
            if candidate.is_dir():
                if candidate.resolve() not in seen:
                    seen.append(candidate.resolve())
                break
    if not seen:
        bundled = Path(__file__).resolve().parent.parent / "corpus" / "authority"
        if bundled.is_dir():
            seen.append(bundled)
    return tuple(seen)
