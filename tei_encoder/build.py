"""`tei-encoder build`: encode -> validate -> publish a whole corpus, in parallel and incrementally.

Incremental: a small manifest (OUT/.tei-encoder/manifest.json) records, per record, the hash
of its input and of the TEI it produced, and its summary for the index and registers.
  * input and build configuration unchanged (tool version, schema, stylesheets, format files,
    authority files, options)  ->  nothing is done for that record;
  * otherwise the record is re-encoded; only if its TEI changed is it validated, written and
    re-published — so an edited authority entry re-publishes exactly the documents it changes;
  * a record that disappeared loses its outputs.
The index and registers are rebuilt from the summaries whenever any document changed.
Workers (a process pool) each compile the schemas and stylesheets once.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from . import __version__
from .config import project_dir
from .fsutil import atomic_write, safe_stem
from .pipeline import EncodeSettings, encode_record, record_files
from .publish import DEFAULT_TITLE, Publisher, affected_refs, copy_assets, index_entry, remove_document, summarize, write_document, write_overviews
from .validate import Validator

MANIFEST = Path(".tei-encoder") / "manifest.json"


@dataclass
class BuildOptions:
    jobs: int = 0  # 0: one per core
    force: bool = False
    title: str = DEFAULT_TITLE
    progress: bool = False


@dataclass
class BuildSummary:
    records: int = 0
    encoded: int = 0
    unchanged: int = 0
    published: int = 0
    removed: int = 0
    overview_pages: int = 0
    warnings: int = 0
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
    summary: dict | None = None
    published: bool = False
    warnings: list[str] = field(default_factory=list)
    error: str = ""
    seconds: dict = field(default_factory=dict)  # time spent in each stage, for --stats


def _hash_files(h, folders) -> None:
    for folder in folders:
        for path in sorted(p for p in Path(folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            h.update(path.name.encode() + b"\0" + path.read_bytes())


def config_hash(settings: EncodeSettings, options: BuildOptions) -> str:
    """What shapes every output: tool version, schema, stylesheets, format data, options."""
    h = hashlib.sha256(f"{__version__}\0{options.title}\0{settings.change_date}\0{settings.gazetteer}\0{settings.encoding}".encode())
    _hash_files(h, (project_dir("schema"), project_dir("xslt"), Path(__file__).parent / "formats", Path(__file__).parent / "data"))
    return h.hexdigest()


def authority_hash(settings: EncodeSettings) -> str:
    """The authority files: a change re-encodes every record but re-publishes only changed TEI."""
    h = hashlib.sha256()
    _hash_files(h, settings.authority)
    return h.hexdigest()


# --- worker side -------------------------------------------------------------------------------

_worker: dict = {}


def _init_worker(site: str, tei_dir: str, title: str) -> None:
    _worker.update(site=Path(site), tei_dir=Path(tei_dir), validator=Validator(), publisher=Publisher(title))


def _process(task: tuple) -> RecordOutcome:
    path, name, input_hash, previous_tei_hash, settings, _stamp = task
    outcome = RecordOutcome(name=name, path=path, input_hash=input_hash)
    clock = time.perf_counter
    try:
        started = clock()
        result = encode_record(Path(path), settings)
        outcome.seconds["encode"] = clock() - started
        outcome.warnings = result.warnings
        if not result.ok:
            outcome.error = result.error
            return outcome
        outcome.tei_hash = hashlib.sha256(result.tei).hexdigest()
        tree = etree.ElementTree(etree.fromstring(result.tei))
        outcome.summary = summarize(tree, name)
        target = _worker["tei_dir"] / f"{name}.xml"
        if outcome.tei_hash == previous_tei_hash and target.exists():
            return outcome  # same TEI as last time: nothing to validate, write or publish
        started = clock()
        problems = _worker["validator"].check_tree(tree, str(target), result.tei)
        outcome.seconds["validate"] = clock() - started
        outcome.warnings += [d.text() for d in problems if d.severity == "warning"]
        errors = [d.text() for d in problems if d.severity == "error"]
        if errors:
            outcome.error = f"encoded TEI is invalid ({len(errors)} error(s)); not written: {errors[0]}"
            outcome.tei_hash = ""
            return outcome
        started = clock()
        atomic_write(target, result.tei)
        write_document(_worker["site"], _worker["publisher"], name, result.tei)
        outcome.seconds["publish"] = clock() - started
        outcome.published = True
    except Exception as exc:  # a bug must not stop the batch: report it against the record
        outcome.error = f"internal error: {type(exc).__name__}: {exc}"
        outcome.tei_hash = ""
    return outcome


# --- main side ------------------------------------------------------------------------------------

def _load_manifest(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return data if isinstance(data.get("records"), dict) else {}
    except (OSError, ValueError, AttributeError):
        return {}


def _input_hash(path: Path, entry: dict) -> tuple[str, list[int]]:
    """The record's content hash; an unchanged size and mtime reuse the last one (as make does)."""
    st = path.stat()
    stamp = [st.st_size, st.st_mtime_ns]
    if entry.get("stat") == stamp and entry.get("input"):
        return entry["input"], stamp
    return hashlib.sha256(path.read_bytes()).hexdigest(), stamp


def run_build(corpus: Path, out: Path, settings: EncodeSettings, report, options: BuildOptions | None = None) -> BuildSummary:
    options = options or BuildOptions()
    started = time.perf_counter()
    summary = BuildSummary()
    tei_dir, site = out / "tei", out / "site"
    manifest_path = out / MANIFEST
    config, authority = config_hash(settings, options), authority_hash(settings)
    manifest = {} if options.force else _load_manifest(manifest_path)
    full = options.force or manifest.get("config") != config or manifest.get("version") != __version__ or not (site / "index.html").exists()
    old = {} if full else manifest["records"]
    reencode = manifest.get("authority") != authority  # every record, but only changed TEI is re-published

    files = record_files([corpus])
    summary.records = len(files)
    names: dict[str, Path] = {}
    tasks, records = [], {}
    for path in files:
        name = safe_stem(path.stem)
        if name in names:
            summary.failed.append((str(path), f"has the same output name as {names[name]}; rename one of them"))
            continue
        names[name] = path
        entry = old.get(name, {})
        input_hash, stamp = _input_hash(path, entry)
        if not reencode and entry.get("input") == input_hash and entry.get("summary") and (site / "docs" / f"{name}.html").exists():
            records[name] = {**entry, "stat": stamp}
            continue
        tasks.append((str(path), name, input_hash, entry.get("tei", ""), settings, stamp))
    summary.unchanged = len(records)

    affected: set[str] = set()
    index_stale = False
    if tasks:
        for outcome, stamp in _run_tasks(tasks, site, tei_dir, options, report):
            summary.warnings += len(outcome.warnings)
            for warning in outcome.warnings:
                report.warning(outcome.path, warning)
            if outcome.error:
                summary.failed.append((outcome.path, outcome.error))
                continue
            summary.encoded += 1
            summary.published += outcome.published
            for stage, spent in outcome.seconds.items():
                summary.stage_seconds[stage] = summary.stage_seconds.get(stage, 0.0) + spent
            previous = old.get(outcome.name, {}).get("summary")
            if previous != outcome.summary:
                affected |= affected_refs(previous, outcome.summary)
                index_stale |= previous is None or index_entry(previous) != index_entry(outcome.summary)
            records[outcome.name] = {"input": outcome.input_hash, "stat": stamp, "tei": outcome.tei_hash, "summary": outcome.summary}

    for name in sorted(set(old) - set(records)):
        if name in names:
            continue  # failed this time: keep its last good outputs
        remove_document(site, name)
        stale = tei_dir / f"{name}.xml"
        if stale.exists():
            stale.unlink()
        summary.removed += 1
        affected |= affected_refs(old[name].get("summary"), None)
        index_stale = True
    for name in set(old) & set(names) - set(records):
        records[name] = old[name]  # a record that failed keeps its previous entry and pages

    if full or affected or index_stale:
        started_overviews = time.perf_counter()
        publisher = Publisher(options.title)
        copy_assets(site, publisher)
        summaries = [r["summary"] for _, r in sorted(records.items()) if r.get("summary")]
        summary.overview_pages = write_overviews(site, publisher, summaries, None if full else affected, index_stale or full)
        summary.stage_seconds["overviews"] = time.perf_counter() - started_overviews

    manifest = {"version": __version__, "config": config, "authority": authority, "records": records}
    atomic_write(manifest_path, json.dumps(manifest, sort_keys=True, separators=(",", ":")).encode())
    summary.seconds = time.perf_counter() - started
    for path, error in summary.failed:
        report.error(path, error)
    report.info(
        f"build: {summary.records} records: {summary.encoded} encoded, {summary.unchanged} unchanged, "
        f"{summary.published} pages published, {summary.overview_pages} index/register pages, {summary.removed} removed; "
        f"{summary.warnings} warnings, {len(summary.failed)} errors; {summary.seconds:.2f} s -> {tei_dir}, {site}"
    )
    return summary


def _run_tasks(tasks, site: Path, tei_dir: Path, options: BuildOptions, report):
    jobs = options.jobs or os.cpu_count() or 1
    # starting workers costs about a second: a handful of records is faster in this process
    jobs = 1 if len(tasks) < 16 else max(1, min(jobs, len(tasks)))
    bar = _progress(len(tasks), options.progress)
    try:
        if jobs == 1:
            _init_worker(str(site), str(tei_dir), options.title)
            for task in tasks:
                outcome = _process(task)
                bar.update(1)
                yield outcome, task[-1]
        else:
            # spawn: saxonche and forked JVM-like runtimes do not mix; each worker starts clean
            context = multiprocessing.get_context("spawn")
            with ProcessPoolExecutor(jobs, mp_context=context, initializer=_init_worker,
                                     initargs=(str(site), str(tei_dir), options.title)) as pool:
                for task, outcome in zip(tasks, pool.map(_process, tasks, chunksize=max(1, min(64, len(tasks) // (jobs * 8) or 1)))):
                    bar.update(1)
                    yield outcome, task[-1]
    finally:
        bar.finish()


class _NoProgress:
    def update(self, n: int) -> None:
        pass

    def finish(self) -> None:
        pass


class _Progress:
    """A progress bar with counts and ETA, on an interactive terminal only."""

    def __init__(self, total: int):
        import click
        self._bar = click.progressbar(length=total, label="building", show_pos=True, show_eta=True, file=sys.stderr)
        self._bar.__enter__()

    def update(self, n: int) -> None:
        self._bar.update(n)

    def finish(self) -> None:
        self._bar.__exit__(None, None, None)


def _progress(total: int, wanted: bool):
    return _Progress(total) if wanted and sys.stderr.isatty() else _NoProgress()
