"""One record through read -> parse -> enrich -> write, with per-process caches.

The entity recognizer (authority lexicon, gazetteer) is built once per process and reused for
every record; workers of a process pool each build their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .authority import Authority, load_authority
from .config import record_format
from .enrich import EntityRecognizer, enrich
from .errors import RecordError, UsageError
from .model import Document
from .parse import parse_record
from .read import read_record
from .write import serialize, tei_tree


@dataclass(frozen=True)
class EncodeSettings:
    """How records are encoded.

    authority: folders of authority files (later ones override earlier ones);
    change_date: ISO date for revisionDesc/change/@when, or None (output never reads the clock);
    encoding: codec of records that are neither UTF-8 nor UTF-16/32 with a BOM, or None;
    gazetteer: link places no authority file lists to GeoNames;
    record_format: name of the record format description (`formats/<name>.json`);
    authority_label: which authority this is, for summary lines (never changes the output).
    """

    authority: tuple[Path, ...] = ()
    change_date: str | None = None
    encoding: str | None = None
    gazetteer: bool = True
    record_format: str = "wcda"
    authority_label: str = ""


@dataclass
class EncodeResult:
    """The outcome of encoding one record: the TEI bytes and the lxml tree they were written
    from, the parsed Document, warnings, or a one-line error (then tei is None).
    """

    path: Path
    tei: bytes | None = None
    tree: object = None  # the lxml tree the TEI was serialised from, for later stages to reuse
    document: Document | None = None
    warnings: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        """True when the record was encoded."""
        return self.error is None


def recognizer(authority: tuple[Path, ...], gazetteer: bool) -> EntityRecognizer:
    """The entity recogniser for these authority folders (built once per process and authority
    content). Raises UsageError for a broken authority file.
    """
    return _recognizer(load_authority(authority), gazetteer)


@lru_cache(maxsize=4)
def _recognizer(authority: Authority, gazetteer: bool) -> EntityRecognizer:
    """One per authority content: built once per process, rebuilt when the files change."""
    return EntityRecognizer(authority, use_gazetteer=gazetteer)


def encode_document(path: Path, settings: EncodeSettings) -> Document:
    """Read, parse and enrich one record. Raises RecordError for bad input."""
    source = read_record(path, settings.encoding)
    doc = parse_record(source, record_format(settings.record_format))
    return enrich(doc, recognizer(settings.authority, settings.gazetteer))


def encode_record(path: Path, settings: EncodeSettings) -> EncodeResult:
    """Encode one record; bad input becomes `error` (one line), never an exception."""
    try:
        doc = encode_document(path, settings)
        root = tei_tree(doc, settings.change_date)
        tei = serialize(root)
    except RecordError as exc:
        return EncodeResult(path=path, error=str(exc))
    except RecursionError:
        return EncodeResult(path=path, error="record is nested too deeply to encode")
    except MemoryError:
        return EncodeResult(path=path, error="record is too large to encode in the memory available")
    return EncodeResult(path=path, tei=tei, tree=root, document=doc, warnings=list(doc.warnings))


_SKIPPED_FOLDERS = frozenset({"authority", ".tei-encoder"})  # never documents, inside a corpus or build folder


def collect_files(paths: list[Path], suffixes: tuple[str, ...] = (".txt",), recursive: bool = False) -> list[Path]:
    """Files named on the command line: files as given, folders as their files with these suffixes.

    Searching a folder recursively skips its `authority/` folders (authority files are not
    documents: `validate corpus/` checks the records' TEI, `authority check` the authority files)
    and the build state (`.tei-encoder/`). A file named on its own is always taken.
    """
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = path.rglob("*") if recursive else path.iterdir()
            files.extend(
                sorted(
                    p
                    for p in found
                    if p.suffix in suffixes
                    and p.is_file()
                    and not _SKIPPED_FOLDERS & set(p.relative_to(path).parts[:-1])
                )
            )
        elif path.exists():
            files.append(path)
        else:
            raise UsageError(f"{path}: no such file or folder")
    return files


def record_files(paths: list[Path]) -> list[Path]:
    """Record files: files as given, folders as their *.txt files."""
    return collect_files(paths, (".txt",))
