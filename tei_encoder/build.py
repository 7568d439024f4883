"""`tei-encoder build`: encode -> validate -> publish a whole corpus, in parallel and incrementally.

Incremental: OUT/.tei-encoder/records.json keeps, per record, the hash of its input and of the
TEI it produced; summaries.sqlite keeps what the index and registers show of each document
(summarystore.py: read and written document by document, never held whole in memory).
  * input and build configuration unchanged (tool version, schema, stylesheets, format files,
    authority files, options)  ->  nothing is done for that record;
  * otherwise the record is re-encoded; only if its TEI changed is it validated, written and
    re-published — so an edited authority entry re-publishes exactly the documents it changes;
  * a record that disappeared, or fails now (unreadable, too large, not encodable, invalid TEI),
    loses its outputs, counted as removed — on every path: the names of the records the last
    build wrote are read even when the rest of its state is ignored (--force, other settings);
  * only what shapes the pages changed (stylesheets, the site's words, the edition's --xslt
    folder, the title): every page is made again from the TEI already written, nothing is encoded.
The index and registers are rebuilt from the summaries whenever any document changed, and all
of them when one the last build wrote is missing; a record whose pages or TEI went missing is
built again. An incremental build gives the same files as a clean one.
Workers (a process pool) each compile the schemas and stylesheets once, and die with the build.
A fault that would fail every record alike (disk full, read-only output, a worker killed) stops
the build with one BuildError or OutputError line rather than one error per record.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Protocol

from lxml import etree

from . import __version__
from .authority import load_authority
from .buildlock import LOCK_NAME, build_lock, site_lock
from .config import project_dir
from .edition import corpus_sources, stale_master
from .errors import MissingSiteInput, RecordError, UsageError
from .fsutil import (
    OutputError,
    atomic_write,
    check_owned_paths,
    is_output_name,
    is_owned_file,
    name_clash,
    name_key,
    owned_files,
    read_regular,
    remove_owned_file,
    safe_stem,
    shown,
    sweep_temp_files,
    writable_folder,
)
from .inputs import SYMLINK_REFUSED, not_taken, unread_entries
from .plurals import counted
from .publish import (
    EDITION_PAGES,
    PageJob,
    Published,
    Publisher,
    PublishError,
    copy_assets,
    entry_pages,
    index_entry,
    override_files,
    read_published,
    record_published,
    remove_document,
    remove_stale_entry_pages,
    ui_string_warnings,
    ui_strings,
    write_document,
    write_edition_pages,
    write_overviews,
    write_pages,
)
from .read import check_record_size, record_digest
from .search import SEARCH_DIR, IndexingStop, build_search_index, remove_search, search_available
from .settings import EncodeSettings
from .summarystore import StoredSummary, SummaryStore, store_format
from .tei import ENTITY_KINDS
from .teidoc import DocumentSummary, authority_details, summarize
from .workers import WorkerPool, die_with_parent, pool_workers
from .xmlsafe import MAX_XML_BYTES, UnsafeXML, describe_xml_error, over_xml_limit

if TYPE_CHECKING:
    from .pipeline import EncodeResult

STATE = Path(".tei-encoder")  # records.json (hashes) and summaries.sqlite (for the index and registers)
# records from which two worker processes beat one: a worker costs ~0.6 s of CPU to start, a record
# ~45 ms, two processes run ~1.7x one (benchmarks/run.py measures it: "pool break-even")
POOL_BREAK_EVEN = 32
STATE_FORMAT = 10  # bumped when the state files change shape: an older state means a full build
# the folders the build writes in, below OUT (each after the one it lies in), checked by lstat at the
# start of every build: a link to a folder elsewhere (or a file, a pipe) there is refused, never written through
OWNED_FOLDERS = (
    str(STATE),
    "tei",
    "site",
    "site/docs",
    "site/tei",
    "site/assets",
    f"site/{SEARCH_DIR}",
    *(f"site/{kind.register}" for kind in ENTITY_KINDS),
)
# the build state's files: read and written by the build alone, so a regular file or nothing
# records-done.jsonl: the records a build that did not finish had done (_Journal), for the next one
JOURNAL = "records-done.jsonl"
OWNED_STATE_FILES = tuple(f"{STATE}/{name}" for name in (LOCK_NAME, "records.json", "summaries.sqlite", JOURNAL))


class BuildError(Exception):
    """The build had to stop (a worker process died, every write fails): one line saying why."""


class Progress(Protocol):
    """What the build tells a progress display: records done, and the end."""

    def update(self, n: int) -> None:
        """n more records are done."""

    def finish(self) -> None:
        """The build is over."""


@dataclass
class BuildOptions:
    """How a corpus is built.

    jobs: worker processes (0: one per core); force: ignore the last build's state;
    title: the edition's title on every page; progress: makes a Progress for N records, or None;
    css: an edition's stylesheet, linked after the shipped one; xslt: an edition's folder of
    *.xsl overriding the shipped modules (and strings.json, its UI strings); search: build the
    full-text search index (when Pagefind is installed);
    follow_symlinks: read records that are symbolic links (refused by default); documents: the
    output names of the corpus's documents (set by `build` itself: a ref to one's file is no
    unresolved target, see sitemap.reference_warnings).
    """

    jobs: int = 0
    force: bool = False
    title: str | None = None  # --title; None: the edition's configured one, else publish.DEFAULT_TITLE
    progress: Callable[[int], Progress] | None = None
    follow_symlinks: bool = False
    css: Path | None = None
    xslt: Path | None = None
    search: bool = True
    documents: frozenset[str] = frozenset()  # the corpus's output names: a ref to one's file is followed

    def publisher(self) -> Publisher:
        """A Publisher with these options (raises PublishError for a bad override folder)."""
        return Publisher(
            self.title,
            overrides=self.xslt,
            custom_css=self.css is not None,
            search=self.search and search_available(),
            follow_symlinks=self.follow_symlinks,
            documents=self.documents,
        )


@dataclass
class BuildSummary:
    """Counts and times of one build, for the summary line and --stats."""

    records: int = 0
    encoded: int = 0
    unchanged: int = 0
    published: int = 0
    removed: int = 0  # records gone from the corpus, and records that failed now whose earlier outputs went
    overview_pages: int = 0
    entry_pages_removed: int = 0  # entry pages of entities no longer mentioned (or with fewer pages)
    warnings: int = 0
    earlier_warnings: int = 0  # of records not re-encoded, kept in the build state and repeated
    resumed: int = 0  # of the encoded: done by an earlier build that did not finish, taken from its journal
    masters: int = 0  # TEI masters (hand-corrected TEI in the corpus) published by this build; not invalid ones
    failed: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    stage_seconds: dict = field(default_factory=dict)  # summed over workers: encode, validate, publish, overviews


@dataclass
class RecordOutcome:
    """What a worker reports back for one record (small: no TEI, no HTML)."""

    name: str
    path: str
    input_hash: str
    tei_hash: str = ""
    summary: DocumentSummary | None = None
    stored: StoredSummary | None = None  # the summary serialised as the store keeps it (made in the worker)
    published: bool = False
    warnings: list[str] = field(default_factory=list)
    checked_warnings: list[str] = field(default_factory=list)  # of validation and publishing (kept with the TEI)
    published_warnings: list[str] = field(
        default_factory=list
    )  # of publishing alone: replaced when the page is made again
    error: str = ""
    fatal: bool = False  # the error is a fault every record would meet (disk full, read-only): stop
    stopped: bool = False  # not tried: its worker had met such a fault (see _stopped)
    resumed: bool = False  # not encoded: an interrupted build's outputs of the same input, checked (_resumed)
    seconds: dict = field(default_factory=dict)  # time spent in each stage, for --stats


def _hash_files(h, folders) -> None:
    """Hash what shapes the output (folders, or single files); documentation (*.md) beside it does
    not, so editing it rebuilds nothing."""
    for folder in folders:
        found = Path(folder).rglob("*") if Path(folder).is_dir() else [Path(folder)]
        for path in sorted(p for p in found if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".md"):
            h.update(path.name.encode() + b"\0" + path.read_bytes())


_DATA = Path(__file__).parent / "data"
# data only the pages are made from: a change re-publishes every page from its TEI, re-encoding nothing
SITE_DATA = frozenset({"ui-strings.json", "site.json", "edition"})


def config_hash(settings: EncodeSettings, options: BuildOptions) -> str:
    """What shapes the TEI: tool version, schema, format data and the encoder's vocabularies, the
    encoding options. (What shapes only the pages is `site_hash`.)"""
    h = hashlib.sha256(
        f"{__version__}\0{settings.change_date}\0{settings.gazetteer}\0{settings.encoding}"
        f"\0{settings.record_format}".encode()
    )
    data = [p for p in sorted(_DATA.iterdir()) if p.name not in SITE_DATA]
    _hash_files(h, (project_dir("schema"), Path(__file__).parent / "formats", *data))
    return h.hexdigest()


def site_hash(options: BuildOptions) -> str:
    """What shapes only the pages: the stylesheets, the site's words and settings, the edition's
    --xslt folder, the title, and whether there is an edition stylesheet and a search page. The
    edition's stylesheet (--css) itself is only copied: changing it re-renders nothing."""
    h = hashlib.sha256(f"{options.title}\0{options.css is not None}\0{options.search and search_available()}".encode())
    edition = [options.xslt] if options.xslt is not None and options.xslt.is_dir() else []
    _hash_files(h, (project_dir("xslt"), *(_DATA / name for name in sorted(SITE_DATA)), *edition))
    return h.hexdigest()


def authority_hash(settings: EncodeSettings) -> str:
    """The authority files: a change re-encodes every record but re-publishes only changed TEI."""
    h = hashlib.sha256()
    _hash_files(h, settings.authority)
    return h.hexdigest()


# --- worker side -------------------------------------------------------------------------------

_worker: dict = {}


def encode_record(path: Path, settings: EncodeSettings, *, check: bool = True) -> EncodeResult:
    """pipeline.encode_record, imported when a record is first encoded: a build with nothing to
    encode (a no-change rebuild) never loads the encoder (~0.15 s of imports)."""
    from .pipeline import encode_record as encode

    return encode(path, settings, check=check)


def _init_worker(site: str, tei_dir: str, options: BuildOptions, parent: int | None = None) -> None:
    """Set up a worker: its validator and stylesheets; in a pool (parent given), die with the parent."""
    from .validate import Validator

    if parent is not None:
        die_with_parent(parent)
    _worker.update(site=Path(site), tei_dir=Path(tei_dir), validator=Validator(), publisher=options.publisher())
    _worker["stopped"] = False  # set by a fault every further write would meet (disk full)


def _outputs_exist(name: str) -> bool:
    """The record's TEI, its page and its download copy are all on disk, each a regular file itself
    (lstat): a symbolic link there, even to a file with the very bytes, is not the output, so the
    record is written again and the write refuses the link (as a clean build does)."""
    site = _worker["site"]
    return all(
        is_owned_file(p)
        for p in (_worker["tei_dir"] / f"{name}.xml", site / "docs" / f"{name}.html", site / "tei" / f"{name}.xml")
    )


@dataclass(frozen=True)
class RecordTask:
    """One corpus file for a worker: its path, output name, the hash of its input, the hash of the
    TEI the last build wrote from it ('' when none), how to encode it, and its file stamp (kept in
    the state so an unchanged file is not hashed again)."""

    path: str
    name: str
    input_hash: str
    previous_tei_hash: str
    settings: EncodeSettings
    stamp: list[int]
    # an interrupted build's line for this very input (_Journal): its outputs are taken when they still hold
    resume: dict | None = None


def _stopped(task: RecordTask) -> RecordOutcome | None:
    """After a fault every further write would meet (disk full, read-only), this worker tries no
    more records: each is handed back untried at once, so the build can stop and count truly
    what was written, without killing a worker in the middle of a record."""
    if not _worker.get("stopped"):
        return None
    return RecordOutcome(name=task.name, path=task.path, input_hash=task.input_hash, stopped=True)


def _write_failed(outcome: RecordOutcome, exc: OutputError, written: bool) -> None:
    """Record a failed write in outcome. When part of the record's outputs were already written by
    this build (its TEI, say, but not its page), all of them go: no record is left half-written (an
    older version of them was already replaced, and the build state is not saved, so the next build
    makes the record again)."""
    outcome.error, outcome.fatal, outcome.tei_hash = str(exc), exc.fatal, ""
    if exc.fatal:
        _worker["stopped"] = True
    if written:
        remove_owned_file(_worker["tei_dir"] / f"{outcome.name}.xml")
        remove_document(_worker["site"], outcome.name)


def _summarize(outcome: RecordOutcome, tree: etree._ElementTree) -> None:
    """The document's summary into outcome: serialised as the store keeps it (outcome.stored), and
    without its keyword-in-context sentences (outcome.summary): those, nine tenths of a summary,
    go back to the main process once, as outcome.stored's strings (StoredSummary.with_contexts)."""
    summary = summarize(tree, outcome.name)
    outcome.stored = StoredSummary.of(summary)
    outcome.summary = replace(summary, contexts={})


def _resumed(task: RecordTask) -> RecordOutcome | None:
    """The record as an interrupted build left it (task.resume, its journal line), when its TEI file
    still has the bytes that build wrote, its page and download copy are there, and the TEI's
    summary is the one that build made: the outcome of encoding it again, without encoding it.
    None when anything differs (the record is then encoded as any other)."""
    entry = task.resume or {}
    try:
        if not _outputs_exist(task.name):
            return None
        tei = read_regular(_worker["tei_dir"] / f"{task.name}.xml")
        if hashlib.sha256(tei).hexdigest() != entry.get("tei"):
            return None
        from .xmlsafe import parse_xml

        outcome = RecordOutcome(name=task.name, path=task.path, input_hash=task.input_hash, tei_hash=entry["tei"])
        _summarize(outcome, parse_xml(None, tei))
    except (OSError, ValueError, etree.XMLSyntaxError):  # gone, changed, or not ours: encoded again
        return None
    if outcome.stored is None or outcome.stored.digest != entry.get("summary"):
        return None
    outcome.warnings, outcome.checked_warnings = list(entry["warnings"]), list(entry["checked_warnings"])
    outcome.published_warnings = list(entry.get("published_warnings", []))
    outcome.published = outcome.resumed = True  # published by the build that stopped, and never indexed
    return outcome


def _without(warnings: list[str], dropped: list[str]) -> list[str]:
    """WARNINGS less one occurrence of each of DROPPED (a page's publishing warnings that no longer
    hold once the page is made again), in their order."""
    left = Counter(dropped)
    kept = []
    for warning in warnings:
        if left[warning] > 0:
            left[warning] -= 1
        else:
            kept.append(warning)
    return kept


def _process(task: RecordTask) -> RecordOutcome:
    stopped = _stopped(task)
    if stopped is not None:
        return stopped
    resumed = _resumed(task) if task.resume else None
    if resumed is not None:
        return resumed
    if task.path.endswith(".xml"):
        return _process_master(task)
    path, name, input_hash, previous_tei_hash = task.path, task.name, task.input_hash, task.previous_tei_hash
    outcome = RecordOutcome(name=name, path=path, input_hash=input_hash)
    written = False  # some output of this record written by this build
    clock = time.perf_counter
    try:
        started = clock()
        result = encode_record(Path(path), task.settings, check=False)  # checked below, when the TEI changed
        outcome.seconds["encode"] = clock() - started
        outcome.warnings = result.warnings
        if result.error is not None or result.tei is None:
            outcome.error = result.error or "no TEI was produced"
            return outcome
        tei = result.tei
        outcome.tei_hash = hashlib.sha256(tei).hexdigest()
        tree = etree.ElementTree(result.tree)  # the tree the TEI was written from: no re-parsing
        _summarize(outcome, tree)
        target = _worker["tei_dir"] / f"{name}.xml"
        if outcome.tei_hash == previous_tei_hash and _outputs_exist(name):
            return outcome  # same TEI as last time: nothing to validate, write or publish
        started = clock()
        problems = _worker["validator"].check_tree(tree, str(target), tei)
        if problems:  # the in-memory tree has no line numbers: report from the file's own text
            problems = _worker["validator"].check_tree(etree.ElementTree(etree.fromstring(tei)), str(target), tei)
        outcome.seconds["validate"] = clock() - started
        outcome.checked_warnings = [d.located() for d in problems if d.severity == "warning"]
        errors = [d.located() for d in problems if d.severity == "error"]
        if errors:
            outcome.warnings += outcome.checked_warnings
            outcome.error = f"encoded TEI is invalid ({counted(len(errors), 'error')}); not written: {errors[0]}"
            outcome.tei_hash = ""
            return outcome
        started = clock()
        atomic_write(target, tei, owned=True)
        written = True
        outcome.published_warnings = write_document(_worker["site"], _worker["publisher"], name, tei)
        outcome.checked_warnings += outcome.published_warnings
        outcome.warnings += outcome.checked_warnings
        outcome.seconds["publish"] = clock() - started
        outcome.published = True
    except OutputError as exc:  # names the real target and cause, never the temporary file
        _write_failed(outcome, exc, written)
    except Exception as exc:  # a bug must not stop the batch: report it against the record
        outcome.error = f"internal error: {type(exc).__name__}: {exc}"
        outcome.tei_hash = ""
    return outcome


def _republish(name: str) -> tuple[str, list[str], str]:
    """A document's page made again from the TEI the last build wrote: (name, warnings, error)."""
    try:
        tei = read_regular(_worker["tei_dir"] / f"{name}.xml")
        return name, write_document(_worker["site"], _worker["publisher"], name, tei), ""
    except OutputError:
        raise  # a fault every document would meet (disk full): the build stops
    except Exception as exc:  # one bad page must not stop the others
        return name, [], f"page not made again: {type(exc).__name__}: {exc}"


def _process_master(task: RecordTask) -> RecordOutcome:
    """A TEI master (hand-corrected TEI in the corpus, or TEI made by another tool): validated as
    `tei-encoder validate` does (the project schema and rules for TEI tei-encoder wrote, tei_all
    for other TEI), then copied and published as it is. The corpus file is only read, never written.
    """
    from .xmlsafe import UnsafeXML, describe_xml_error, parse_xml

    path, name, input_hash, previous_tei_hash = task.path, task.name, task.input_hash, task.previous_tei_hash
    outcome = RecordOutcome(name=name, path=path, input_hash=input_hash)
    clock = time.perf_counter
    written = False  # some output of this document written by this build
    try:
        started = clock()
        tei = read_regular(path)
        try:
            tree = parse_xml(Path(path), tei)
        except (etree.XMLSyntaxError, UnsafeXML) as exc:
            outcome.error = f"TEI master is not usable: {describe_xml_error(exc)}"
            return outcome
        outcome.tei_hash = hashlib.sha256(tei).hexdigest()
        _summarize(outcome, tree)
        target = _worker["tei_dir"] / f"{name}.xml"
        if outcome.tei_hash == previous_tei_hash and _outputs_exist(name):
            return outcome
        if "master_validator" not in _worker:
            from .validate import Validator

            # auto: the project schema and rules for TEI tei-encoder wrote, tei_all for TEI from other tools
            _worker["master_validator"] = Validator(profile="auto")
        problems = _worker["master_validator"].check_file(Path(path))
        outcome.seconds["validate"] = clock() - started
        # the record is the master itself: its line, not its name again
        outcome.checked_warnings = [d.located(named=False) for d in problems if d.severity == "warning"]
        outcome.warnings += outcome.checked_warnings
        errors = [d.located(named=False) for d in problems if d.severity == "error"]
        if errors:
            outcome.error = f"TEI master is invalid ({counted(len(errors), 'error')}); not published: {errors[0]}"
            outcome.tei_hash = ""
            return outcome
        started = clock()
        atomic_write(target, tei, owned=True)
        written = True
        # what the page does not show (lost words, media, embedded data): said as `publish` says it
        outcome.published_warnings = write_document(_worker["site"], _worker["publisher"], name, tei)
        outcome.checked_warnings += outcome.published_warnings
        outcome.warnings += outcome.published_warnings
        outcome.seconds["publish"] = clock() - started
        outcome.published = True
    except OutputError as exc:  # as for a record: the real target and cause, and nothing half-written
        _write_failed(outcome, exc, written)
    except Exception as exc:  # a bug must not stop the batch: report it against the record
        outcome.error = f"internal error: {type(exc).__name__}: {exc}"
        outcome.tei_hash = ""
    return outcome


# --- main side ------------------------------------------------------------------------------------


class _Journal:
    """The records a build has finished, one JSON line each, appended as each one is done: the build
    state (records.json) is written only when the whole build is, so a build that is killed or
    stopped leaves this file, and the next build with the same configuration, authority and
    stylesheets (IDENTITY, the file's first line) takes each record from here instead of encoding
    it again while its input, its TEI file and its page are still those the line names (_resumed).
    A torn last line is not read. Removed once the build state is saved."""

    def __init__(self, path: Path, identity: dict):
        self.path, self.identity = path, identity
        self._file: BinaryIO | None = None

    def read(self) -> dict[str, dict]:
        """The lines of an earlier build with this identity, by record name ({} for none)."""
        try:
            lines = read_regular(self.path).split(b"\n")[:-1]  # the part after the last newline is torn
        except OSError:
            return {}
        entries: dict[str, dict] = {}
        for number, line in enumerate(lines):
            try:
                item = json.loads(line)
            except ValueError:
                return entries
            if number == 0 and item != self.identity:
                return {}  # another configuration's work: none of it holds
            if number and isinstance(item, dict) and isinstance(item.get("name"), str):
                entries[item["name"]] = item
        return entries

    def start(self, carried: dict[str, dict]) -> None:
        """A new journal (written whole, then appended to), holding the identity and CARRIED: the
        lines of an earlier interrupted build that this one has not done yet."""
        lines = [self.identity, *carried.values()]
        atomic_write(self.path, b"".join(json.dumps(x, sort_keys=True).encode() + b"\n" for x in lines), owned=True)
        self._file = open(self.path, "ab", buffering=0)  # noqa: SIM115 (closed by close())

    def add(self, name: str, entry: dict) -> None:
        """One finished record (its records.json entry), in one write: a kill leaves whole lines."""
        if self._file is not None:
            self._file.write(json.dumps({**entry, "name": name}, sort_keys=True).encode() + b"\n")

    def close(self) -> None:
        """Stop appending (the file stays for the next build until remove())."""
        if self._file is not None:
            self._file.close()
            self._file = None

    def remove(self) -> None:
        """The build state is saved: the journal is done with."""
        self.close()
        remove_owned_file(self.path)


def _load_json(path: Path) -> dict:
    try:  # never blocks: a named pipe there is not read (and was refused before: check_owned_paths)
        data = json.loads(read_regular(path).decode("utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def affected_refs(previous: DocumentSummary | None, current: DocumentSummary | None) -> set[str]:
    """Entities whose register or entry pages change when a document's summary goes from previous to current."""
    if previous is None or current is None:
        return set(previous.mentions if previous else ()) | set(current.mentions if current else ())
    refs = set(previous.mentions) | set(current.mentions)
    if (previous.title, previous.date, previous.date_text) != (current.title, current.date, current.date_text):
        return refs  # every entry page that lists this document shows these
    if set(previous.mentions) != set(current.mentions):
        return refs  # each entry page lists the entities mentioned with it
    return {
        r
        for r in refs
        if previous.mentions.get(r) != current.mentions.get(r)
        or previous.entities.get(r) != current.entities.get(r)
        or previous.forms.get(r) != current.forms.get(r)
        or previous.name_langs.get(r) != current.name_langs.get(r)
        or previous.readings.get(r) != current.readings.get(r)
        or previous.contexts.get(r) != current.contexts.get(r)
        or previous.worded.get(r) != current.worded.get(r)
    }


def listed_refs(previous: DocumentSummary | None, current: DocumentSummary | None) -> set[str]:
    """Entities whose row in their register changes when a document's summary goes from previous
    to current: a register shows each entity's name forms, description and counts of documents
    and mentions, not the documents' titles, dates or sentences."""
    if previous is None or current is None:
        return set(previous.mentions if previous else ()) | set(current.mentions if current else ())
    return {
        r
        for r in set(previous.mentions) | set(current.mentions)
        if previous.mentions.get(r) != current.mentions.get(r)
        or previous.entities.get(r) != current.entities.get(r)
        or previous.forms.get(r) != current.forms.get(r)
        or previous.name_langs.get(r) != current.name_langs.get(r)
        or previous.worded.get(r) != current.worded.get(r)  # the name of an entity no entry describes
    }


def renamed_refs(previous: DocumentSummary | None, current: DocumentSummary | None) -> set[str]:
    """Entities no entry describes whose mentions' words changed between the two summaries of a
    document: the name they are shown by may change (publish.EntityIndex), on every entry page
    that lists them beside its own as well. Empty for most documents (no such entity)."""
    before = previous.worded if previous is not None else {}
    after = current.worded if current is not None else {}
    return {r for r in before.keys() | after.keys() if before.get(r) != after.get(r)}


def _stopped_message(fault: str, summary: BuildSummary, to_build: int) -> str:
    """The line a stopped build ends with: the fault (naming the file and the cause), and how many
    records this build wrote, all of whose outputs are complete (none is left half-written)."""
    unchanged = f"; {summary.unchanged} more were unchanged" if summary.unchanged else ""
    return f"{fault}; the build stopped: {summary.encoded} of {counted(to_build, 'record')} written{unchanged}"


def _state_fault(path: Path, exc: Exception) -> str:
    """The build state's fault in the words of an output fault ("disk full writing …/summaries.sqlite")."""
    text = str(exc)
    if "disk is full" in text or getattr(exc, "errno", None) == errno.ENOSPC:
        return f"disk full writing {shown(path)}"
    if "readonly" in text or "read-only" in text:
        return f"read-only file system writing {shown(path)}"
    return f"{shown(path)}: the build state cannot be written: {text}"


class _LazyStore:
    """The SummaryStore, opened only when a summary actually changed (a no-change rebuild never
    opens it)."""

    def __init__(self, path: Path, enabled: bool):
        self._path, self._enabled = path, enabled
        self._store: SummaryStore | None = None

    def __getattr__(self, name):
        if self._store is None:
            try:
                self._store = SummaryStore(self._path, load=self._enabled, state_format=STATE_FORMAT)
            except sqlite3.Error:  # a full disk while it is made: the new store it began goes
                self._path.with_name(self._path.name + ".new").unlink(missing_ok=True)
                raise
        return getattr(self._store, name)

    def save(self) -> None:
        """Commit and close the store, if it was ever opened."""
        if self._store is not None:
            self._store.save()

    def close(self) -> None:
        """Close the store without saving (the build failed), if it was ever opened."""
        if self._store is not None:
            self._store.close()


def _authority_details(settings: EncodeSettings) -> dict:
    """What entry pages show of each authority entry (dates of life, notes), from the authority files."""
    return authority_details(
        load_authority(settings.authority, settings.follow_symlinks).files if settings.authority else ()
    )


def _names_in(folder: Path, links_only: bool = False) -> set[str]:
    """The names of the regular files in a folder (or of its symbolic links only), from one
    listing: no stat per file (the listing's file type). A named pipe, a symbolic link or other odd
    file at an output path is not an output: the record is built again, as a clean build would
    (and its write refused, naming the path)."""
    try:
        with os.scandir(folder) as entries:
            return {e.name for e in entries if (e.is_symlink() if links_only else e.is_file(follow_symlinks=False))}
    except OSError:
        return set()


class _Outputs:
    """Which records' TEI, page and download copy are on disk, from three folder listings."""

    def __init__(self, site: Path, tei_dir: Path):
        self.listed = (_names_in(tei_dir), _names_in(site / "docs"), _names_in(site / "tei"))

    def present(self, name: str) -> bool:
        """All three exist (a deleted one makes the record build again)."""
        tei, pages, copies = self.listed
        return f"{name}.xml" in tei and f"{name}.html" in pages and f"{name}.xml" in copies


def _overview_pages(site: Path) -> list[str]:
    """The index, search, register and entry pages now in the site (relative paths, sorted): one
    the next build finds deleted or not a regular file (a link) makes every overview page again."""
    pages = [
        p for p in ("index.html", "search.html", *(k.register_page for k in ENTITY_KINDS)) if is_owned_file(site / p)
    ]
    for kind in ENTITY_KINDS:
        folder = site / kind.register
        if folder.is_dir():
            pages += sorted(
                f"{kind.register}/{entry.name}"
                for entry in os.scandir(folder)
                if entry.name.endswith(".html") and entry.is_file(follow_symlinks=False)
            )
    return pages


def _earlier_records(last_state: dict) -> set[str]:
    """The names of the records the last build wrote outputs for (its state's records.json, read
    whatever this build makes of the rest: --force, other settings, another tool version or state
    format), so that a record gone or failing now loses its outputs on every path, as a clean build
    has none of them. Only names a build writes (safe_stem's characters, no path) count: a damaged
    state never names a file elsewhere. Returns an empty set when there was no state."""
    recorded = last_state.get("records")
    if not isinstance(recorded, dict):
        return set()
    return {name for name in recorded if is_output_name(name)}


def _folders(corpus: Path, tei_dir: Path) -> dict[str, str]:
    """The folders a build's warnings name (the corpus's records and TEI masters, the TEI written),
    as this build names them: kept in the state so that a later build can say them where they are."""
    return {"corpus": str(corpus), "tei": str(tei_dir)}


def _moved(records: dict, earlier: dict, corpus: Path, tei_dir: Path) -> dict:
    """The last build's records, whose kept warnings (repeated for records not encoded again) name
    the folders where they are now: a corpus or output folder moved or named otherwise since
    (`earlier`, the last build's _folders) is named as this build names it, never as it was."""
    now = _folders(corpus, tei_dir)
    earlier = earlier if isinstance(earlier, dict) else {}  # a damaged state: nothing to say otherwise
    moves = [(f"{earlier[k]}{os.sep}", f"{now[k]}{os.sep}") for k in now if earlier.get(k, now[k]) != now[k]]
    if not moves:
        return records  # the usual case: nothing to read through

    def moved(warning: str) -> str:
        for before, after in moves:
            warning = warning.replace(before, after)
        return warning

    return {
        name: {
            **entry,
            **{
                key: [moved(w) for w in entry.get(key, [])]
                for key in ("warnings", "checked_warnings", "published_warnings")
            },
        }
        for name, entry in records.items()
    }


def _input_hash(path: Path, entry: dict, max_bytes: int, master: bool = False) -> tuple[str, list[int]]:
    """The record's content hash; an unchanged size and mtime reuse the last one (as make does).
    The size is checked first and the file hashed in chunks: a record over max_bytes raises
    RecordError (encode's words), a TEI master over the XML limit parse_xml's words, both unread;
    OSError when it cannot be read."""
    st = path.stat()
    stamp = [st.st_size, st.st_mtime_ns]
    if master and st.st_size > MAX_XML_BYTES:
        raise RecordError(f"TEI master is not usable: {describe_xml_error(UnsafeXML(over_xml_limit(st.st_size)))}")
    if not master:
        check_record_size(st.st_size, max_bytes)
    if entry.get("stat") == stamp and entry.get("input"):
        return entry["input"], stamp
    return record_digest(path, MAX_XML_BYTES if master else max_bytes), stamp


class _CountingReport:
    """A reporter (cli.Reporter) that counts the warnings given to it: every warning a build says,
    whoever says it (the site's words, a stale master, a record's), is one of the summary's."""

    def __init__(self, report):
        self._report, self.warnings = report, 0

    def warning(self, path, message: str) -> None:
        """Count the warning and pass it on."""
        self.warnings += 1
        self._report.warning(path, message)

    def __getattr__(self, name: str):
        return getattr(self._report, name)


def run_build(
    corpus: Path, out: Path, settings: EncodeSettings, report, options: BuildOptions | None = None
) -> BuildSummary:
    """Build CORPUS into OUT: encode each record (in a process pool), validate the TEI, write
    OUT/tei/<name>.xml and publish OUT/site/. Incremental (see the module docstring); a record that
    fails is reported through report.error and the build goes on. Returns the BuildSummary.
    Raises UsageError for a broken configuration (authority files, options), OutputError when
    another build is writing into OUT (buildlock: refused, not waited for).
    """
    check_owned_paths(out, OWNED_FOLDERS, OWNED_STATE_FILES)  # before any write, the lock's included
    report = _CountingReport(report)  # the summary line's count is that of the warnings printed
    # a publish into OUT/site, or into OUT itself (its tei/ is the build's too), waits its turn as well
    with build_lock(out, out / STATE), site_lock(out), site_lock(out / "site"):
        return _build(corpus, out, settings, report, options)


def _build(corpus: Path, out: Path, settings: EncodeSettings, report, options: BuildOptions | None) -> BuildSummary:
    """run_build's work, done while the build holds its output folder's lock."""
    options = options or BuildOptions()
    try:  # an edition's overrides are checked before any work starts
        override_files(options.xslt, options.follow_symlinks)
        ui_strings(options.xslt)
        if options.css is not None and not options.css.is_file():
            raise MissingSiteInput(options.css, "css")
        if options.xslt is not None:
            options.publisher().check()  # a broken override: one usage error, not one per record
    except PublishError as exc:
        raise UsageError(str(exc)) from None
    for strings_file, warning in ui_string_warnings(options.xslt):
        report.warning(strings_file, warning)
    started = time.perf_counter()
    summary = BuildSummary()
    tei_dir, site = out / "tei", out / "site"
    records_path, summaries_path = out / STATE / "records.json", out / STATE / "summaries.sqlite"
    config, authority = config_hash(settings, options), authority_hash(settings)
    site_config = site_hash(options)
    last_state = _load_json(records_path)
    identity = {"format": STATE_FORMAT, "version": __version__, "config": config, "authority": authority}
    journal = _Journal(out / STATE / JOURNAL, {**identity, "site": site_config})
    done_before = {} if options.force else journal.read()  # of a build that did not finish
    state = {} if options.force else last_state
    full = (
        options.force
        or state.get("config") != config
        or state.get("version") != __version__
        or state.get("format") != STATE_FORMAT
        or not isinstance(state.get("records"), dict)
        or not is_owned_file(site / "index.html")
        or store_format(summaries_path) != str(STATE_FORMAT)  # the summaries were lost: no index can be made
    )
    old: dict[str, dict] = {} if full else _moved(state["records"], state.get("folders", {}), corpus, tei_dir)
    # what each entry page showed besides its sentences (publish.write_overviews): unchanged pages are kept
    entry_inputs: dict[str, str] = {} if full or not isinstance(state.get("entries"), dict) else state["entries"]
    # the stylesheets or the site's words changed, not the TEI: every page is made again from the
    # TEI the last build wrote, and no record is encoded for it
    restyle = not full and state.get("site") != site_config
    republish: list[str] = []
    reencode = state.get("authority") != authority  # every record, but only changed TEI is re-published
    # the records the last build wrote outputs for, even when this build ignores the rest of its state:
    # those gone or failing now lose their outputs on every path (#15)
    earlier_records = _earlier_records(last_state)
    withdrawn: list[str] = []  # records built before that fail now: removed as records gone are

    writable_folder(out)  # read-only or not a folder: one error now, not one per record
    sweep_temp_files(tei_dir, site)  # left by a build that was killed: never part of the output
    sources = corpus_sources(corpus)
    linked = set() if options.follow_symlinks else _names_in(corpus, links_only=True)
    links = [s for s in sources if s.path.name in linked or (s.record is not None and s.record.name in linked)]
    if links:  # a link may point outside the corpus: refused unless --follow-symlinks
        sources = [s for s in sources if s not in links]
        summary.failed += [(str(s.path), SYMLINK_REFUSED) for s in links]
    unread = unread_entries(corpus, (".txt", ".xml"))  # a named pipe, a link to nothing: reported, never read
    unread += not_taken(corpus, (".txt", ".xml"))  # .record.txt, X.TXT, sub/x.txt: reported, as by encode
    summary.failed += [(str(path), reason) for path, reason in unread]
    if not sources and not links and not unread:
        raise UsageError(f"{corpus}: the corpus is empty (no records *.txt, no TEI files *.xml)")
    summary.records = len(sources) + len(links) + len(unread)
    names: dict[str, Path] = {}
    keys: dict[str, str] = {}  # name_key of each output name -> the name
    master_names: set[str] = set()
    tasks: list[RecordTask] = []
    records: dict = {}
    outputs = _Outputs(site, tei_dir)
    for source in sources:
        path = source.path
        name = safe_stem(source.name)
        key = name_key(name)  # `a b` and `a_b`, `Cable` and `cable`: one output file somewhere
        if key in keys:
            summary.failed.append((str(path), name_clash(name, keys[key], names[keys[key]])))
            continue
        names[name] = path
        keys[key] = name
        master = source.is_master  # a property reading the path's suffix: once a record
        if master:
            master_names.add(name)
        stale_warning = stale_master(source)
        if stale_warning:  # checked on every build: the editor sees it until the two agree again
            report.warning(path, stale_warning)
        entry = old.get(name, {})
        if entry.get("source", path.suffix) != path.suffix:
            entry = {}  # the document's source changed (a record became a TEI master, or back)
        try:
            input_hash, stamp = _input_hash(path, entry, settings.max_record_bytes, master)
        except (OSError, RecordError) as exc:  # gone, unreadable or too large: this record fails
            reason = str(exc) if isinstance(exc, RecordError) else f"cannot read file: {exc.strerror or exc}"
            summary.failed.append((str(path), reason))
            if name in earlier_records:  # as any record failing now: a clean build has none of its outputs
                withdrawn.append(name)
            continue
        # a TEI master does not depend on the authority files: only its own content counts
        authority_changed = reencode and not master
        if not authority_changed and entry.get("input") == input_hash and outputs.present(name):
            records[name] = {**entry, "stat": stamp}
            earlier = entry.get("warnings", [])
            if restyle:  # its page is made again: what publishing said of the old page is said anew below
                republish.append(name)
                earlier = _without(earlier, entry.get("published_warnings", []))
            summary.earlier_warnings += len(earlier)
            for warning in earlier:  # nothing silent: a record's warnings are shown until it is fixed
                report.warning(path, f"{warning} (from an earlier build)")
            continue
        # with new stylesheets, a record encoded into the same TEI is published again all the same
        done = done_before.get(name)
        resume = done if done and done.get("input") == input_hash and done.get("source") == path.suffix else None
        previous_tei = "" if restyle else entry.get("tei", "")
        tasks.append(RecordTask(str(path), name, input_hash, previous_tei, settings, stamp, resume))
    summary.unchanged = len(records)
    gone = sorted(earlier_records - set(names))

    store = _LazyStore(summaries_path, enabled=not full)
    affected: set[str] = set()  # entities whose entry pages change
    listed: set[str] = set()  # entities whose row in a register changes
    redescribed: set[str] = set()  # entities whose name or description changed in this build
    index_stale = full
    paged: set[str] = set()  # documents whose page was written or removed: their search shards change
    changed_docs: set[str] = set()  # documents whose summary changed: the entry pages listing them change
    failed_names: set[str] = set()  # records that failed in this build: their pages are not indexed
    # a page the last build wrote and someone deleted: all overview pages are made again
    # (from the folders' listings, no stat per page: a link or pipe at a page is no page of ours)
    overviews_all = full or restyle or not set(_overview_pages(site)).issuperset(state.get("pages", ()))
    options = replace(options, documents=frozenset(names))  # the edition's documents, for their pages' refs
    runner = _Runner(site, tei_dir, options, len(tasks) + len(republish)) if tasks or overviews_all else None
    failed = True  # until the work below is done
    indexing = _SearchIndexing()
    stopped_by = ""  # the first fault every further write would meet: the build stops after the records
    try:
        if tasks:  # each record done is said in the journal at once: a build killed now loses none of them
            journal.start({t.name: t.resume for t in tasks if t.resume is not None})
        for outcome, stamp in runner.records(tasks) if runner and tasks else ():
            last = old.get(outcome.name, {})
            if outcome.tei_hash and not outcome.published and outcome.tei_hash == last.get("tei"):
                # re-encoded into the same TEI, so not checked again: its checks' warnings still hold
                outcome.checked_warnings = list(last.get("checked_warnings", []))
                outcome.published_warnings = list(last.get("published_warnings", []))
                outcome.warnings += outcome.checked_warnings
            for warning in outcome.warnings:
                report.warning(outcome.path, warning)
            if outcome.fatal or outcome.stopped:  # not written (nothing of it is left), and not counted
                stopped_by = stopped_by or outcome.error  # records in flight elsewhere are still counted
                continue
            if outcome.error:
                summary.failed.append((outcome.path, outcome.error))
                failed_names.add(outcome.name)
                paged.add(outcome.name)  # a write that failed half-way removed the record's page
                if outcome.name in earlier_records:  # a clean build has none of its outputs: its earlier ones go
                    withdrawn.append(outcome.name)
                continue
            summary.encoded += 1
            summary.resumed += outcome.resumed
            summary.published += outcome.published
            if outcome.published:
                paged.add(outcome.name)
            summary.masters += outcome.published and outcome.name in master_names
            for stage, spent in outcome.seconds.items():
                summary.stage_seconds[stage] = summary.stage_seconds.get(stage, 0.0) + spent
            digest = outcome.stored.digest
            if digest != old.get(outcome.name, {}).get("summary"):  # unchanged summaries never load the store
                changed_docs.add(outcome.name)  # the entry pages listing it are rendered again
                previous = store.get(outcome.name)  # compared before the store is changed: it reads from there
                if previous is not None:  # the sentences around its mentions are compared too
                    affected |= affected_refs(previous, outcome.stored.with_contexts(outcome.summary))
                else:
                    affected |= affected_refs(None, outcome.summary)
                listed |= listed_refs(previous, outcome.summary)
                index_stale |= previous is None or index_entry(previous) != index_entry(outcome.summary)
                described = store.put(outcome.name, outcome.summary, outcome.stored)
                described |= renamed_refs(previous, outcome.summary)
                redescribed |= described
                affected |= described
                listed |= described
            records[outcome.name] = {
                "input": outcome.input_hash,
                "source": Path(outcome.path).suffix,  # .txt (a record) or .xml (a TEI master)
                "stat": stamp,
                "tei": outcome.tei_hash,
                "summary": digest,
                "warnings": outcome.warnings,
                "checked_warnings": outcome.checked_warnings,
                "published_warnings": outcome.published_warnings,
            }
            journal.add(outcome.name, records[outcome.name])
            if getattr(report, "verbose", False):
                report.info(f"{outcome.path}: {'published' if outcome.published else 'encoded, TEI unchanged'}")

        if stopped_by:
            raise BuildError(_stopped_message(stopped_by, summary, len(tasks)))

        for name, warnings, error in runner.republish(republish) if runner and republish else ():
            if error:
                summary.failed.append((str(names[name]), error))
                failed_names.add(name)
                continue
            summary.published += 1
            paged.add(name)
            entry = records[name]
            before = entry.get("published_warnings", [])  # what the old page's publishing said: replaced
            kept = _without(entry.get("warnings", []), before)
            new = [w for w in warnings if w not in kept]
            for warning in new:
                report.warning(names[name], warning)
            records[name] = {
                **entry,
                "warnings": [*kept, *new],
                "checked_warnings": [*_without(entry.get("checked_warnings", []), before), *new],
                "published_warnings": new,
            }

        for name in [*gone, *withdrawn]:  # incremental equals clean: nothing of them is left (#13)
            remove_document(site, name)
            remove_owned_file(tei_dir / f"{name}.xml")
            summary.removed += 1
            paged.add(name)
            gone_summary = store.get(name)
            affected |= affected_refs(gone_summary, None)
            listed |= listed_refs(gone_summary, None)
            redescribed |= renamed_refs(gone_summary, None)
            store.remove(name)
            index_stale = True

        # what a publish into this site wrote (its manifest, publish.PUBLISHED) and this build does not:
        # removed as records gone are (#15); the build lists what it wrote there in turn (below)
        published_before = read_published(site)
        for name in sorted(published_before.documents - set(records)):
            if remove_document(site, name):
                summary.removed += 1
                paged.add(name)

        if redescribed:  # an entry page names the entities mentioned beside its own: those pages change too
            for doc in store.all():
                if redescribed.intersection(doc.mentions):
                    affected |= set(doc.mentions)

        search = options.search and search_available()
        # cheap; an edition's CSS (and the files it names) may change without anything else
        for warning in copy_assets(site, css=options.css):
            report.warning(options.css, warning)
        search_files = owned_files(site, SEARCH_DIR)
        lost = set(state.get("search", ())) - set(search_files)  # index files someone deleted
        if search and (full or paged or lost or not (site / SEARCH_DIR).is_dir()):
            # Pagefind has no incremental mode: only the shards of pages written or removed are
            # indexed again, and those that lost files (search.py). It reads the document pages
            # only, all written by now: it runs (a process of its own) while the overview pages
            # are made, not after them
            lost_shards = {Path(f).parts[1] for f in lost if len(Path(f).parts) > 2}
            indexing.start(
                site,
                None if full else paged,
                lost_shards,
                options.jobs or os.cpu_count() or 1,
                set(records) - failed_names,
            )
        details: dict | None = None  # the entries' dates of life and notes, read only when needed
        details_hash = state.get("details", "")
        if reencode or not details_hash:  # the authority files changed (or no build before): read them
            details = _authority_details(settings)
            details_hash = hashlib.sha256(json.dumps(details, sort_keys=True).encode()).hexdigest()
        if details_hash != state.get("details"):
            affected_all = True  # an entry's dates of life or note changed: every entry page again
        else:
            affected_all = full
        if affected_all or overviews_all or affected or index_stale:
            started_overviews = time.perf_counter()
            removed_pages: list[str] = []
            if runner is None:  # nothing was encoded, only removed: render here
                publisher = options.publisher()
                render = lambda jobs: write_pages(site, publisher, jobs)  # noqa: E731
            else:  # the workers (or this process, for a few records) render with their stylesheets
                render = runner.pages
            every = affected_all or overviews_all
            entry_inputs = {} if every else dict(entry_inputs)
            summary.overview_pages = write_overviews(
                site,
                None,
                store.all(),
                None if every else affected,
                index_stale or overviews_all,
                render,
                search,
                details if details is not None else _authority_details(settings),
                listed=listed,
                contexts_of=store.contexts_of,  # an entity's contexts in one query, not one per document
                entry_inputs=entry_inputs,  # an affected entry's pages that stay as they were are not rendered
                changed_docs=changed_docs,
                removed=removed_pages,
            )
            summary.entry_pages_removed += len(removed_pages)
            if (
                options.xslt is not None
                and (options.xslt / EDITION_PAGES).is_dir()
                and (every or index_stale or removed_pages)
            ):
                # the edition's own pages (about, introduction …): few, made here; again when an
                # entry page went (a prose page links only the pages there are)
                everything = store.all()
                details = details if details is not None else _authority_details(settings)
                documents = [s.name for s in everything]
                for page, warning in write_edition_pages(
                    site, options.publisher(), documents, entry_pages(everything, details)
                ):
                    report.warning(page, warning)
            summary.stage_seconds["overviews"] = time.perf_counter() - started_overviews
        if full or reencode or affected_all:  # what an earlier build listed may be needed no more (#13)
            earlier = last_state.get("pages", [])
            details = details if details is not None else _authority_details(settings)
            needed = entry_pages(store.all(), details)
            summary.entry_pages_removed += remove_stale_entry_pages(
                site, [p for p in earlier if isinstance(p, str)], needed
            )
        # entry pages a publish listed that no build listed: those no summary of this build needs go
        built_pages = last_state.get("pages")
        if leftover := published_before.pages - set(built_pages if isinstance(built_pages, list) else ()):
            details = details if details is not None else _authority_details(settings)
            summary.entry_pages_removed += remove_stale_entry_pages(
                site, sorted(leftover), entry_pages(store.all(), details)
            )
        if indexing.started:
            summary.stage_seconds["search"] = indexing.wait()
            summary.failed += [(str(page), why) for page, why in sorted(indexing.unreadable)]  # shards run side by side
            for page, why in sorted(indexing.unsplit):
                report.warning(page, why)
            search_files = owned_files(site, SEARCH_DIR)
        elif not search:
            remove_search(site)
            search_files = owned_files(site, SEARCH_DIR)
        failed = False
    except sqlite3.Error as exc:  # the build state cannot be read or written (disk full, read-only, damaged)
        for failed_path, error in summary.failed:  # what failed before the build stopped is said too
            report.error(failed_path, error)
        raise BuildError(_stopped_message(_state_fault(summaries_path, exc), summary, len(tasks))) from None
    except (BuildError, OutputError):  # OutputError: an overview page could not be written (a link there)
        for failed_path, error in summary.failed:  # what failed before the build stopped is said too
            report.error(failed_path, error)
        raise
    except BrokenProcessPool:
        raise BuildError(
            "a worker process died (killed, or out of memory); the build stopped. Files already written are "
            "complete; run the build again to finish it"
        ) from None
    finally:
        journal.close()
        indexing.stop()  # after a failure: no further shard is indexed; waits for the one under way
        if runner:
            helper_died = runner.close(
                failed
            )  # after a failure the workers are killed: none can keep the build waiting
            if helper_died:  # nothing written depended on it: said, counted, and the build goes on
                report.warning(out, helper_died)
        if failed:
            store.close()  # this build's summaries are rolled back; records.json is not written either
            sweep_temp_files(tei_dir, site)  # a worker killed above may have left one mid-write

    try:
        store.save()
    except (sqlite3.Error, OSError) as exc:
        store.close()
        raise BuildError(f"{_state_fault(summaries_path, exc)}; the build state was not saved") from None
    pages = _overview_pages(site)
    # the site's manifest, as publish keeps it: a later publish into this site removes the pages of
    # the documents it does not publish, and never a file neither wrote
    # (entry pages: those the build rendered, whose inputs it keeps; an editor's own file is none of them)
    built = Published(frozenset(records), frozenset(p for p in pages if p in entry_inputs))
    if built != published_before:
        record_published(site, built)
    new_state = {
        "format": STATE_FORMAT,
        "version": __version__,
        "config": config,
        "site": site_config,
        "authority": authority,
        "details": details_hash,
        "records": records,
        "pages": pages,
        "entries": {page: entry_inputs[page] for page in pages if page in entry_inputs},
        "search": search_files,
        "folders": _folders(corpus, tei_dir),
    }
    if new_state != state:
        atomic_write(records_path, json.dumps(new_state, sort_keys=True, separators=(",", ":")).encode(), owned=True)
    journal.remove()  # the state says all it said (an older configuration's journal goes too)
    summary.seconds = time.perf_counter() - started
    summary.warnings = report.warnings
    for failed_path, error in summary.failed:
        report.error(failed_path, error)
    report.info(
        f"build: {counted(summary.records, 'record')}: {summary.encoded} encoded"
        + (f" ({summary.resumed} done by a build that did not finish)" if summary.resumed else "")
        + f", {summary.unchanged} unchanged, "
        f"{counted(summary.published, 'page')} published, {counted(summary.overview_pages, 'index/register page')}, "
        f"{summary.removed} removed"
        + (f" ({counted(summary.entry_pages_removed, 'entry page')} too)" if summary.entry_pages_removed else "")
        + f"; {counted(summary.warnings, 'warning')}"
        + (f" ({summary.earlier_warnings} from records not re-encoded)" if summary.earlier_warnings else "")
        + f", {counted(len(summary.failed), 'error')}; {summary.seconds:.2f} s -> {tei_dir}, {site}"
        + (f"; {counted(summary.masters, 'TEI master')} published unchanged" if summary.masters else "")
        + f"; authority: {settings.authority_label or ', '.join(str(f) for f in settings.authority) or 'none'}"
    )
    return summary


class _Runner:
    """Runs record tasks and page jobs in a process pool (or here, for a handful of records)."""

    def __init__(self, site: Path, tei_dir: Path, options: BuildOptions, records: int):
        # a worker costs ~0.6 s of CPU to start (imports, recogniser, stylesheets); a record ~45 ms
        self.jobs = pool_workers(records, options.jobs or os.cpu_count() or 1, POOL_BREAK_EVEN)
        self.options = options
        self.pool: WorkerPool | None = None
        initargs = (str(site), str(tei_dir), replace(options, progress=None))
        if self.jobs == 1:
            _init_worker(*initargs)
        else:
            # spawned workers each start clean and compile their own schemas and stylesheets;
            # each is given this process's id to die with it
            self.pool = WorkerPool(self.jobs, _init_worker, (*initargs, os.getpid()))

    def records(self, tasks):
        """Encode, validate and publish each task; yields (RecordOutcome, file stamp) in task order."""
        bar = self.options.progress(len(tasks)) if self.options.progress else _NoProgress()
        try:
            results: Iterator[RecordOutcome]
            if self.pool is None:
                results = map(_process, tasks)
            else:
                results = self.pool.map(_process_all, tasks, max(1, min(64, len(tasks) // (self.jobs * 8) or 1)))
            for task, outcome in zip(tasks, results):
                bar.update(1)
                yield outcome, task.stamp
        finally:
            bar.finish()

    def republish(self, names: list[str]):
        """Publish each named document again from its TEI in the output folder (new stylesheets);
        yields (name, warnings, error or "") in order."""
        bar = self.options.progress(len(names)) if self.options.progress else _NoProgress()
        try:
            results = map(_republish, names) if self.pool is None else self.pool.map(_republish_all, names, 8)
            for result in results:
                bar.update(1)
                yield result
        finally:
            bar.finish()

    def pages(self, pages) -> int:
        """Render (path, stylesheet, XML) page jobs from an iterator, a few batches in flight at a time."""
        if self.pool is None:
            return _render_pages(list(pages))
        pool = self.pool
        written, in_flight = 0, []
        batch: list = []
        for job in pages:
            batch.append(job)
            if len(batch) == 8:
                in_flight.append(pool.submit(_render_pages, batch))
                batch = []
                if len(in_flight) >= self.jobs * 2:
                    written += pool.result(in_flight.pop(0))
        if batch:
            in_flight.append(pool.submit(_render_pages, batch))
        return written + sum(pool.result(f) for f in in_flight)

    def close(self, failed: bool = False) -> str:
        """Stop the worker processes; after a failure (`failed`), kill them. Returns one line when a
        helper process of the pool died on the way and was replaced (WorkerPool.helper_died), else ""."""
        if self.pool is None:
            return ""
        self.pool.close(failed)  # records not started are dropped
        return self.pool.helper_died


class _SearchIndexing:
    """The search index (search.build_search_index) built in a thread beside the build's main work:
    Pagefind, a process of its own, indexes the document pages while the overview pages are made.
    The thread is a daemon, waited on in short steps and at most STOP_WAIT seconds once stopped
    (Pagefind's process killed): a build stopped by a signal ends whatever the search step is doing."""

    STOP_WAIT = 5.0  # seconds: a killed Pagefind ends at once; a thread blocked past that is left

    def __init__(self) -> None:
        self._thread: threading.Thread | None = None
        self._result: dict = {}
        self._stop = IndexingStop()
        self.unreadable: list[tuple[Path, str]] = []  # pages not indexed, and why (search.build_search_index)
        self.unsplit: list[tuple[Path, str]] = []  # text whose words the search cannot split (warnings)

    @property
    def started(self) -> bool:
        """Whether indexing was started."""
        return self._thread is not None

    def start(
        self, site: Path, changed: set[str] | None, lost_shards: set[str], jobs: int = 1, pages: set[str] | None = None
    ) -> None:
        """Start indexing the shards of the changed pages and the lost shards (all with changed None),
        `jobs` shards side by side; pages: the documents whose pages the build owns (only those are
        read; None: every regular file in docs/)."""
        self._thread = threading.Thread(
            target=self._index, args=(site, changed, lost_shards, jobs, pages), name="search-index", daemon=True
        )
        self._thread.start()

    def _index(
        self, site: Path, changed: set[str] | None, lost_shards: set[str], jobs: int, pages: set[str] | None
    ) -> None:
        started = time.perf_counter()
        try:
            # the build listed SITE/pagefind just before (owned_files: what is below it is checked)
            build_search_index(
                site, changed, lost_shards, self._stop, jobs, pages, self.unreadable, listed=True, unsplit=self.unsplit
            )
        except OutputError as exc:
            self._result["error"] = exc
        except OSError as exc:  # in the words of an output fault, naming the file: never an exception's name
            self._result["error"] = OutputError(Path(exc.filename or site / SEARCH_DIR), exc)
        except BaseException as exc:  # raised in the build's own thread by wait()
            self._result["error"] = exc
        else:
            self._result["seconds"] = time.perf_counter() - started

    def wait(self) -> float:
        """Wait for the index; returns the seconds indexing took (from its start to its end, not to
        this call). Raises what indexing raised (PublishError: Pagefind missing or failing;
        OutputError: a file of the index that cannot be written)."""
        assert self._thread is not None
        while self._thread.is_alive():
            self._thread.join(0.5)  # in steps: a signal stops the build here too
        error = self._result.get("error")
        if error is not None:
            raise error
        return self._result["seconds"]

    def stop(self) -> None:
        """Index no further shard and kill Pagefind's process under way; wait for the thread at
        most STOP_WAIT seconds (never raises: a build that failed says why)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(self.STOP_WAIT)


def _process_all(tasks: list[RecordTask]) -> list[RecordOutcome]:
    return [_process(task) for task in tasks]


def _republish_all(names: list[str]) -> list:
    return [_republish(name) for name in names]


def _render_pages(pages: list[PageJob]) -> int:
    return write_pages(_worker["site"], _worker["publisher"], pages)


class _NoProgress:
    """Progress reporting that shows nothing (the default: a library caller gets no output)."""

    def update(self, n: int) -> None:
        pass

    def finish(self) -> None:
        pass
