"""Authority files: TEI listPerson / listPlace / listOrg in `authority/` folders.

Every real-world entity has one entry: an xml:id, a preferred name, the variant forms met in
records, and external identifiers only where a verifiable source gives them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .errors import UsageError
from .tei import ENTITY_KINDS, NSMAP, XML_NS
from .xmlsafe import parse_xml


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


def load_authority(folders: tuple[Path, ...]) -> Authority:
    folders = tuple(Path(f).resolve() for f in folders)
    # cached per process, but an edited file (new size or mtime) is read again
    stamp = tuple(
        (p, st.st_size, st.st_mtime_ns)
        for f in folders
        if f.is_dir()
        for p in sorted(f.glob("*.xml"))
        for st in (p.stat(),)
    )
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
            data = path.read_bytes()
            digest.update(path.name.encode() + b"\0" + data)
            files.append(path)
            try:
                tree = parse_xml(path, data)
            except Exception as exc:  # one bad file must name itself, not crash the run
                raise UsageError(f"{path}: authority file is not well-formed XML: {exc}") from None
            for entry in _entries(tree):
                entries[entry.xml_id] = entry  # a later folder overrides an earlier one
    return Authority(entries=entries, digest=digest.hexdigest(), files=tuple(files))


def _entries(tree):
    for entity_kind in ENTITY_KINDS:
        kind, name_tag = entity_kind.kind, entity_kind.mention
        for el in tree.iterfind(f".//tei:{entity_kind.entry}", NSMAP):
            xml_id = el.get(f"{{{XML_NS}}}id")
            names = [" ".join("".join(n.itertext()).split()) for n in el.iterfind(f"tei:{name_tag}", NSMAP)]
            names = [n for n in names if n]
            if not xml_id or not names:
                continue
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
