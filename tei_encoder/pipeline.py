"""One record through read -> parse -> enrich -> write, with per-process caches.

The entity recognizer (authority lexicon, gazetteer) is built once per process and reused for
every record; workers of a process pool each build their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .authority import Authority, load_authority
from .config import DEFAULT_FORMAT, record_format
from .enrich import EntityRecognizer, enrich
from .errors import FOLLOW_SYMLINKS_HINT, RecordError, UsageError
from .model import Document
from .parse import parse_record
from .read import MAX_RECORD_BYTES, read_record
from .write import serialize, tei_tree


@dataclass(frozen=True)
class EncodeSettings:
    """How records are encoded.

    authority: folders of authority files (later ones override earlier ones);
    change_date: ISO date for revisionDesc/change/@when, or None (output never reads the clock);
    encoding: codec of records that are neither UTF-8 nor UTF-16/32 with a BOM, or None;
    gazetteer: link places no authority file lists to GeoNames;
    record_format: name of the record format description (`formats/<name>.json`);
    max_record_bytes: a record file larger than this is refused before it is read;
    authority_label: which authority this is, for summary lines (never changes the output).
    """

    authority: tuple[Path, ...] = ()
    change_date: str | None = None
    encoding: str | None = None
    gazetteer: bool = True
    record_format: str = DEFAULT_FORMAT
    max_record_bytes: int = MAX_RECORD_BYTES
    authority_label: str = ""


@dataclass
class EncodeResult:
    """The outcome of encoding one record: the TEI bytes and the lxml tree they were written
    from, the parsed Document, warnings, or a one-line error (then tei is None); checks: the
    warnings the project schema and rules gave the TEI (empty when the caller checks it itself).
    """

    path: Path
    tei: bytes | None = None
    tree: object = None  # the lxml tree the TEI was serialised from, for later stages to reuse
    document: Document | None = None
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    checks: list = field(default_factory=list)  # validate.Diagnostic warnings of the schema check, when checked

    @property
    def ok(self) -> bool:
        """True when the record was encoded."""
        return self.error is None


def recognizer(
    authority: tuple[Path, ...], gazetteer: bool, person_titles: tuple[str, ...] | None = None
) -> EntityRecognizer:
    """The entity recogniser for these authority folders (built once per process and authority
    content). Raises UsageError for a broken authority file.
    """
    titles = record_format().person_titles if person_titles is None else person_titles
    return _recognizer(load_authority(authority), gazetteer, titles)


@lru_cache(maxsize=4)
def _recognizer(authority: Authority, gazetteer: bool, person_titles: tuple[str, ...]) -> EntityRecognizer:
    """One per authority content: built once per process, rebuilt when the files change."""
    return EntityRecognizer(authority, person_titles=person_titles, use_gazetteer=gazetteer)


def encode_document(path: Path, settings: EncodeSettings) -> Document:
    """Read, parse and enrich one record. Raises RecordError for bad input."""
    source = read_record(path, settings.encoding, settings.max_record_bytes)
    fmt = record_format(settings.record_format)
    doc = parse_record(source, fmt)
    return enrich(doc, recognizer(settings.authority, settings.gazetteer, fmt.person_titles))


def encode_record(path: Path, settings: EncodeSettings, *, check: bool = True) -> EncodeResult:
    """Encode one record; bad input becomes `error` (one line), never an exception.

    check (the default): the TEI is checked against the project schema and rules before it is
    returned, and TEI that fails them is never returned: the result then has no tei and the error
    "encoded TEI is invalid against the project schema, not written (a bug: please report it):
    line N: …"; the checks' warnings are in `checks`. check=False leaves the check to the caller,
    who must make it before writing the TEI (build does, and skips it for TEI unchanged since it
    was last checked).
    """
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
    except Exception as exc:  # a bug must cost one record, never the batch: report it against the record
        return EncodeResult(path=path, error=f"internal error: {type(exc).__name__}: {exc} (please report it)")
    result = EncodeResult(path=path, tei=tei, tree=root, document=doc, warnings=list(doc.warnings))
    return _checked(result) if check else result


def _checked(result: EncodeResult) -> EncodeResult:
    """The result with its TEI checked against the project schema and rules (validate.Validator):
    its warnings in `checks`; an error takes the TEI away and says why (line from the TEI's bytes)."""
    from lxml import etree

    assert result.tei is not None
    validator = _project_validator()
    problems = validator.check_tree(etree.ElementTree(result.tree), "encoded.xml", result.tei)
    if any(d.severity == "error" for d in problems):  # the in-memory tree has no line numbers
        problems = validator.check_tree(etree.ElementTree(etree.fromstring(result.tei)), "encoded.xml", result.tei)
    errors = [d for d in problems if d.severity == "error"]
    if errors:
        first = f"line {errors[0].line}: {errors[0].message}"
        return EncodeResult(
            path=result.path,
            warnings=result.warnings,
            error=f"encoded TEI is invalid against the project schema, not written (a bug: please report it): {first}",
        )
    result.checks = problems
    return result


@lru_cache(maxsize=1)
def _project_validator():
    """The project schema and rules, compiled once per process."""
    from .validate import Validator

    return Validator(jing=False)


SYMLINK_REFUSED = f"symbolic link, not followed ({FOLLOW_SYMLINKS_HINT})"
_SKIPPED_FOLDERS = frozenset({"authority", ".tei-encoder"})  # never documents, inside a corpus or build folder


def collect_files(
    paths: list[Path],
    suffixes: tuple[str, ...] = (".txt",),
    recursive: bool = False,
    follow_symlinks: bool = False,
    skipped: list[tuple[Path, str]] | None = None,
) -> list[Path]:
    """Files named on the command line: files as given, folders as their files with these suffixes
    (sorted; with recursive, sub-folders too).

    Searching a folder recursively skips its `authority/` folders (authority files are not
    documents: `validate corpus/` checks the records' TEI, `authority check` the authority files)
    and the build state (`.tei-encoder/`). A file named on its own is always taken.
    A symbolic link met inside a folder (to a file or a folder) is not followed unless
    follow_symlinks: a corpus must not publish what lies outside it by accident. Each refused
    link is added to `skipped` as (path, reason); without a `skipped` list the first one raises
    UsageError. Files named directly are read even when they are links: the user named them.
    Raises UsageError for a path that does not exist.
    """
    files: list[Path] = []
    refused: list[tuple[Path, str]] = []
    for path in paths:
        if path.is_dir():
            files.extend(_folder_files(path, suffixes, recursive, follow_symlinks, refused))
        elif path.exists():
            files.append(path)
        else:
            raise UsageError(f"{path}: no such file or folder")
    if refused and skipped is None:
        raise UsageError(f"{refused[0][0]}: {refused[0][1]}")
    if skipped is not None:
        skipped.extend(refused)
    return files


def _folder_files(
    folder: Path, suffixes: tuple[str, ...], recursive: bool, follow: bool, refused: list[tuple[Path, str]]
) -> list[Path]:
    """The files with these suffixes in folder (and below, when recursive), sorted by path;
    links refused unless follow; a folder reached twice through links is read once."""
    found: list[Path] = []
    seen: set[tuple[int, int]] = set()
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            st = current.stat()
            if (st.st_dev, st.st_ino) in seen:
                continue  # a link loop, or two links to one folder
            seen.add((st.st_dev, st.st_ino))
            entries = sorted(current.iterdir())
        except OSError:
            continue  # unreadable folder: its files were never found, as before
        for entry in entries:
            is_link = entry.is_symlink()
            if entry.is_dir():
                if recursive and entry.name not in _SKIPPED_FOLDERS:
                    if is_link and not follow:
                        refused.append((entry, SYMLINK_REFUSED))
                    else:
                        pending.append(entry)
            elif entry.suffix in suffixes and (entry.is_file() or is_link):
                if is_link and not follow:
                    refused.append((entry, SYMLINK_REFUSED))
                elif entry.is_file():
                    found.append(entry)
    return sorted(found)


def record_files(
    paths: list[Path], follow_symlinks: bool = False, skipped: list[tuple[Path, str]] | None = None
) -> list[Path]:
    """Record files: files as given, folders as their *.txt files (see collect_files for links)."""
    return collect_files(paths, (".txt",), follow_symlinks=follow_symlinks, skipped=skipped)
