"""One record through read -> parse -> enrich -> write, with per-process caches.

The entity recognizer (authority lexicon, gazetteer) is built once per process and reused for
every record; workers of a process pool each build their own.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .regex_cache import patterns_from_cache

with patterns_from_cache("stages"):  # the stages compile their patterns as they are imported: from the user cache
    from .authority import Authority, load_authority
    from .config import record_format
    from .enrich import EntityRecognizer, enrich
    from .errors import RecordError
    from .inputs import collect_files
    from .model import Document
    from .parse import parse_record
    from .read import read_record
    from .recognizer_cache import cache_key, cached_recognizer
    from .settings import EncodeSettings
    from .write import serialize, tei_tree


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
    authority: tuple[Path, ...],
    gazetteer: bool,
    person_titles: tuple[str, ...] | None = None,
    follow_symlinks: bool = False,
) -> EntityRecognizer:
    """The entity recogniser for these authority folders (built once per process and authority
    content). Raises UsageError for a broken authority file, or one that is a symbolic link
    without follow_symlinks.
    """
    titles = record_format().person_titles if person_titles is None else person_titles
    return _recognizer(load_authority(authority, follow_symlinks), gazetteer, titles)


@lru_cache(maxsize=4)
def _recognizer(authority: Authority, gazetteer: bool, person_titles: tuple[str, ...]) -> EntityRecognizer:
    """One per authority content: made once per process, again when the files change; kept across
    runs in the user cache, keyed by the authority content and the code (recognizer_cache).

    The recogniser (some 40,000 objects) then moves to the collector's permanent generation
    (gc.freeze): it lives as long as the process, and each full collection between records would
    walk it again (about 3 % of a seed-sized record's time). It holds no reference cycles, so
    reference counting still frees it if it is dropped; the objects alive at that moment are
    frozen with it (in a build: the worker's own, made once)."""
    made = cached_recognizer(
        cache_key(authority.digest, gazetteer, person_titles),
        lambda: EntityRecognizer(authority, person_titles=person_titles, use_gazetteer=gazetteer),
    )
    gc.freeze()
    return made


def encode_document(path: Path, settings: EncodeSettings) -> Document:
    """Read, parse and enrich one record. Raises RecordError for bad input."""
    source = read_record(path, settings.encoding, settings.max_record_bytes)
    fmt = record_format(settings.record_format)
    doc = parse_record(source, fmt)
    return enrich(doc, recognizer(settings.authority, settings.gazetteer, fmt.person_titles, settings.follow_symlinks))


def encode_record(path: Path, settings: EncodeSettings, *, check: bool = True) -> EncodeResult:
    """Encode one record; bad input becomes `error` (one line), never an exception.

    check (the default): the TEI is checked against the project schema and rules before it is
    returned, and TEI that fails them is never returned: the result then has no tei and the error
    "encoded TEI is invalid against the project schema, not written (a bug: please report it):
    line N: …"; the checks' warnings are in `checks`. check=False leaves the check to the caller,
    who must make it before writing the TEI (build does, and skips it for TEI unchanged since it
    was last checked).
    """
    with _fewer_collections():
        return _encode_record(path, settings, check)


YOUNG_OBJECTS = 50_000  # allocations between collections of the youngest generation while encoding
# collections of the middle generation before a full one while encoding: a full collection walks every
# object the record's tree holds (a 50 MB record: millions, twice, about 3 % of its time) and finds none
# to free, as the tree's objects die by reference counting when the record is done
MIDDLE_COLLECTIONS = 1_000


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Run the cyclic garbage collector less often while a record is encoded: encoding allocates
    many small objects and hardly any cycles (they are freed by reference counting), and with
    Python's default threshold (700) the collector walks the young objects again and again
    (about 7 % of a large record's time), and a full collection of the old objects waits until the
    record is done (see MIDDLE_COLLECTIONS). Memory held by cycles waits a little longer; the
    previous thresholds are restored after."""
    before = gc.get_threshold()
    if before[0]:  # 0: automatic collection is off, and stays off
        gc.set_threshold(max(before[0], YOUNG_OBJECTS), before[1], max(before[2], MIDDLE_COLLECTIONS))
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _encode_record(path: Path, settings: EncodeSettings, check: bool) -> EncodeResult:
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


def record_files(
    paths: list[Path], follow_symlinks: bool = False, skipped: list[tuple[Path, str]] | None = None
) -> list[Path]:
    """Record files: files as given, folders as their *.txt files (see collect_files for links)."""
    return collect_files(paths, (".txt",), follow_symlinks=follow_symlinks, skipped=skipped)
