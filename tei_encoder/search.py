"""The site's full-text search index (Pagefind, pagefind.app), kept in shards so an edit re-indexes little.

Pagefind has no incremental mode: it indexes every page it is given, ~3 ms of CPU per document
page. So the document pages are split into shards by a stable hash of their name, each shard
indexed by Pagefind into a bundle of its own (SITE/pagefind/<shard>/), and the search page
merges them in the browser with Pagefind UI's `mergeIndex` (pagefind.app/docs/multisite/). A
build re-indexes only the shards whose pages changed, were removed, or whose files went missing.

Pagefind indexes a page in the language of its html lang and splits words only where that
language does: text in a script whose words are not separated by spaces (Chinese, Japanese,
Thai...) on a page of another language is one long word, found only whole. So such text is
indexed besides as a record of its own language linking to its page (unspaced_text), in a bundle
of the shard's for that language, merged by the search page with that language: Pagefind splits
the record's words, and the reader's query, as that language's (pagefind.app/docs/multilingual/).

Layout of SITE/pagefind/:
  shards.json       {"count": N, "bundles": [...], "languages": [{"bundle", "language"}...]}: the
                    shard count, the shards whose bundle holds pages, in order, and the shards'
                    bundles of other languages; the first of all is the primary bundle
                    (edition.js reads this file)
  <shard>/          one Pagefind bundle per non-empty shard: pagefind-entry.json, the .pf_meta
                    file, index/ and fragment/; the primary keeps Pagefind's scripts and
                    WebAssembly as well (a merged index runs on the primary's)
  <shard>-<lang>/   the shard's pages in language LANG and its records of text in that language
                    (an unspaced script), when it has any: a bundle like a shard's, indexed with it
  pagefind-ui.*     Pagefind's UI and scripts (the search page loads pagefind-ui.js from here)

The shard count grows with the corpus (a power of two, ~PAGES_PER_SHARD pages each, at most
MAX_SHARDS): it depends only on the number of document pages, so a clean build and an
incremental one make the same shards; when the count changes, every shard is indexed again.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
import threading
import unicodedata
from bisect import bisect_right
from collections.abc import Collection, Iterable
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from lxml import etree

from .fsutil import (
    NotAFileError,
    atomic_write,
    check_owned_paths,
    existing_output,
    owned_files,
    read_regular,
    remove_owned_file,
)
from .inputs import folder_entries
from .plurals import counted
from .publish import PublishError, site_path
from .sitemap import search_folding, site_config

SEARCH_DIR = "pagefind"  # Pagefind's bundles and UI, inside the site
SHARDS_FILE = "shards.json"
RECORD_TITLE = "page_title_hex"  # the meta field of a record's page title (_index_shard; edition.js reads it)
# Measured on 10,000 document pages (2 cores, load average 16-25, Chromium over a local http.server,
# cold cache, median of 10 searches; figures in README): Pagefind indexes ~3.5 ms of CPU a page,
# plus ~0.06 s a shard run; the index is 61 MB whole, 64 MB in 64 shards; a search took 1.0-1.3 s
# unsharded, 2.0 s over 32 shards, 3.2 s over 64, 5.6 s over 128 (about three requests a shard).
# So: ~100 pages a shard up to 64 shards, then shards grow. At most 64 since #16 (a one-record edit
# under 1 s): on 5,000 pages (load average ~3.5, median of 10 searches to the first result) a search
# takes 1.36 s over 64 shards instead of 0.84 s over 32, and an edit re-indexes 78 pages (0.47 s)
# instead of 156 (0.97 s); at 10,000 pages 156 pages a shard instead of 313.
PAGES_PER_SHARD = 100
MAX_SHARDS = 64
# what a bundle holds of its index (the rest are Pagefind's scripts, the same in every bundle)
_BUNDLE_DATA = ("fragment", "index", "filter", "pagefind-entry.json")


class IndexingStop(threading.Event):
    """The stop of a build_search_index run in another thread: once set, no further shard is begun
    and the Pagefind process under way is killed, so a build stopped (by a signal, a failure) never
    waits on the search step, whatever Pagefind is doing."""

    def __init__(self) -> None:
        super().__init__()
        self._guard = threading.Lock()
        self._processes: set[subprocess.Popen] = set()

    def set(self) -> None:
        """Stop: no further shard, and Pagefind's process killed."""
        with self._guard:
            super().set()
            for process in self._processes:
                process.kill()

    def watch(self, process: subprocess.Popen) -> None:
        """Kill process when the stop is set (at once when it is set already)."""
        with self._guard:
            self._processes.add(process)
            if self.is_set():
                process.kill()

    def forget(self, process: subprocess.Popen) -> None:
        """Process has ended: nothing to kill any more."""
        with self._guard:
            self._processes.discard(process)


def search_available() -> bool:
    """Whether Pagefind's binary is installed (the pagefind[extended] or pagefind[bin] package)."""
    return _pagefind() is not None


def _pagefind() -> tuple[str, bool] | None:
    """Pagefind's binary and whether it is the extended build (pagefind-bin-extended), which alone
    splits the words of Chinese, Japanese and Thai (search_segmented_languages); None: neither."""
    try:
        from pagefind_bin_extended import get_executable as extended

        return str(extended()), True
    except (ImportError, OSError):
        pass
    try:
        from pagefind_bin import get_executable

        return str(get_executable()), False
    except (ImportError, OSError):
        return None


def remove_search(site: Path) -> None:
    """Remove the search page and index an earlier publish left (a site now built without search):
    only what the build wrote there (regular files and their folders); a symbolic link, a named
    pipe or anything else a user put in it is refused (OutputError, fsutil.owned_files), never
    removed, followed or opened."""
    page, index = site_path(site, "search.html"), _search_folder(site)
    check_owned_paths(site, (), ("search.html",))
    remove_owned_file(page)
    if index.is_dir():
        shutil.rmtree(index)


def _search_folder(site: Path, listed: bool = False) -> Path:
    """SITE/pagefind, checked as a path the build owns: a folder or nothing, and nothing but folders
    and regular files below it (lstat, from listings; listed: the caller has just listed it with
    fsutil.owned_files, which checks what is below it). Raises OutputError naming what is there
    instead, before anything is written, removed or opened there (a named pipe at a shard's folder
    once made the build wait for ever)."""
    index = site_path(site, SEARCH_DIR)
    check_owned_paths(site, [SEARCH_DIR])
    if not listed:
        owned_files(site, SEARCH_DIR)
    return index


def shard_count(pages: int) -> int:
    """How many shards PAGES document pages are split into: the smallest power of two giving at
    most PAGES_PER_SHARD pages a shard, at most MAX_SHARDS."""
    count = 1
    while count < MAX_SHARDS and count * PAGES_PER_SHARD < pages:
        count *= 2
    return count


def shard_of(name: str, count: int) -> str:
    """The shard (its folder name) of the document page NAME among COUNT shards: a stable hash of
    the name, so a page stays in its shard as other pages come and go."""
    return str(int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big") % count)


def _is_data(name: str) -> bool:
    return name in _BUNDLE_DATA or name.endswith(".pf_meta")


def _last_layout(index: Path) -> dict:
    try:
        data = json.loads((index / SHARDS_FILE).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def build_search_index(
    site: Path,
    changed: Iterable[str] | None = None,
    shards_lost: Iterable[str] = (),
    stop: threading.Event | None = None,
    jobs: int = 1,
    pages: Iterable[str] | None = None,
    unreadable: list[tuple[Path, str]] | None = None,
    listed: bool = False,
    unsplit: list[tuple[Path, str]] | None = None,
) -> list[str]:
    """Index the document pages (SITE/docs/*.html) for full-text search with Pagefind, in shards.

    pages: the names of the document pages the build or publish owns (wrote, or kept from an
    earlier build); None: the regular files in SITE/docs (lstat). Nothing else there is indexed. A
    page is read only when it is itself a regular file (fsutil.read_regular without following
    links: a symbolic link to a file outside the site, a named pipe, /dev/zero is never opened or
    read); a page that cannot be read is not indexed and is added to `unreadable` as (its path,
    why) for the caller to report in one line.

    changed: the names of document pages written or removed since the last index (None: index
    every shard). Only their shards are indexed again, and the shards named in shards_lost (whose
    files went missing), any shard without a bundle, or all of them when the shard count changes. Only the pages' articles
    (data-pagefind-body) are indexed. stop, once set (by a build that failed meanwhile), leaves the
    shards not yet begun: the index is then incomplete, as is that build, and the next build
    indexes them (their bundles are missing). jobs: how many shards are indexed side by side, each
    by a Pagefind process of its own (a shard's index is the same whatever runs beside it: its
    pages go to its own process one by one, in sorted order). listed: the caller has just listed
    SITE/pagefind with fsutil.owned_files (a build does, to find the index files lost): it is
    not walked again (#16: 0.05 s of a one-record edit at 5,000 documents). unsplit: gets (a page,
    why) for text of the pages indexed in a script whose words the search cannot split (_index_shard),
    for the caller to report. Returns the shards indexed. Raises PublishError when Pagefind is missing or fails (the shards not yet begun are left).
    """
    index = _search_folder(site, listed)
    if pages is None:
        docs = folder_entries(site_path(site, "docs"))
        pages = (p.name[: -len(".html")] for p in docs if p.name.endswith(".html") and p.is_file(follow_symlinks=False))
    names = sorted(set(pages))
    count = shard_count(len(names))
    shards: dict[str, list[str]] = {}
    for name in names:
        shards.setdefault(shard_of(name, count), []).append(name)
    bundles = sorted(shards, key=int)
    last = _last_layout(index)
    if changed is None or last.get("count") != count:
        stale = set(bundles)
    else:
        lost = {_language_bundle(name)[0] for name in shards_lost}  # a shard's bundle of another language: the shard
        stale = ({shard_of(name, count) for name in changed} | lost) & set(shards)
        stale |= {b for b in bundles if not (index / b / "pagefind-entry.json").is_file()}
        if bundles and not (index / "pagefind.js").is_file():
            stale.add(bundles[0])  # Pagefind's scripts lost: a bundle indexed again brings them (_share_scripts)
    index.mkdir(exist_ok=True)
    for entry in folder_entries(index):  # bundles of shards gone or empty now, an unsharded index's data
        if entry.is_dir() and _language_bundle(entry.name)[0] not in shards:
            shutil.rmtree(entry.path)
        elif entry.is_file() and _is_data(entry.name):
            os.unlink(entry.path)
    if not _index_shards(
        site, index, {shard: shards[shard] for shard in sorted(stale, key=int)}, stop, jobs, unreadable, unsplit
    ):
        return []
    languages = sorted(
        (_language_bundle(entry.name) for entry in folder_entries(index) if entry.is_dir(follow_symlinks=False)),
        key=lambda b: (int(b[0]) if b[0].isdigit() else -1, b[1]),
    )
    languages = [(shard, lang) for shard, lang in languages if lang and shard in shards]
    # a shard whose pages are all indexed in another language (unspaced_text) has an empty bundle of
    # its own: not searched (Pagefind refuses an index without a language)
    held = [b for b in bundles if _holds_pages(index / b)]
    order = held + [f"{shard}-{lang}" for shard, lang in languages]
    _share_scripts(index, order, [b for b in bundles if b not in held])
    merged = [{"bundle": f"{shard}-{lang}", "language": lang} for shard, lang in languages]
    layout = json.dumps({"count": count, "bundles": held, "languages": merged}, separators=(",", ":")).encode()
    if existing_output(index / SHARDS_FILE) != layout:
        atomic_write(index / SHARDS_FILE, layout, owned=True)
    return sorted(stale, key=int)


def _index_shards(
    site: Path,
    index: Path,
    shards: dict[str, list[str]],
    stop: threading.Event | None,
    jobs: int,
    unreadable: list[tuple[Path, str]] | None = None,
    unsplit: list[tuple[Path, str]] | None = None,
) -> bool:
    """Index each shard (its name -> its pages' names) into its bundle below INDEX, up to `jobs` at a
    time (Pagefind's own parallelism was lost when its pages were fed one by one: the shards run
    side by side instead). False when stop was set before every shard was begun; the first
    failure (PublishError, OutputError) is raised once the shards under way have ended, and no
    further shard is begun after it."""
    failed = threading.Event()  # a shard failed: begin no further one
    deferred: dict[str, _Languages] = {}  # each shard's text of other languages, indexed after them

    def index_one(shard: str) -> bool:
        if (stop is not None and stop.is_set()) or failed.is_set():
            return False
        try:
            _index_shard(site, index / shard, shards[shard], stop, unreadable, unsplit, deferred)
        except BaseException:
            failed.set()
            raise
        return True

    workers = max(1, min(jobs, len(shards)))
    if workers == 1:
        done = all([index_one(shard) for shard in shards])
    else:
        with ThreadPoolExecutor(workers, thread_name_prefix="pagefind") as pool:
            begun = [pool.submit(index_one, shard) for shard in shards]
        done = all([future.result() for future in begun])  # raises the first shard's error, in shard order
    if stop is not None and stop.is_set():
        return False
    _index_languages(site, index, deferred, stop)  # the shards begun: their other languages' bundles
    return done


class _Languages(NamedTuple):
    """A shard's pages indexed in another language and its records of text in other languages
    (unspaced_text), by language: indexed into the shard's bundles of those languages."""

    pages: dict[str, list[tuple[str, str]]]  # language -> (page name, page as sent)
    records: dict[str, list[tuple[str, ScriptRecord]]]  # language -> (page name, record)


def _index_shard(
    site: Path,
    bundle: Path,
    names: list[str],
    stop: threading.Event | None = None,
    unreadable: list[tuple[Path, str]] | None = None,
    unsplit: list[tuple[Path, str]] | None = None,
    deferred: dict[str, _Languages] | None = None,
) -> None:
    """Index the pages docs/<name>.html of one shard into BUNDLE, replacing what it held (Pagefind
    would keep stale fragments). A page that is not itself a regular file, or cannot be read or
    decoded, is left out and added to `unreadable` (build_search_index).

    A page's text in an unspaced script of another language (unspaced_text: a Chinese phrase in an
    English record, a whole document in Thai) is indexed besides as a record of that language,
    linking to the page, in a bundle of the shard's for each such language (BUNDLE-<language>),
    which the search page merges with that language (its words split as Pagefind splits that
    language's); text no index can split is added to `unsplit` as (the page, why). deferred: gets
    that work under the shard's name instead, for _index_languages to do for every shard in one
    Pagefind process (the extended build loads a dictionary a language and process: ~1.1 s of CPU
    for Japanese, ~0.3 s for Chinese).

    The pages are handed to Pagefind's service mode one by one in sorted order: Pagefind's own
    file walk takes them in the order the file system lists them, and its index (the hashes in
    pagefind-entry.json and every file name) depends on that order, so the same pages built on
    ext4 and on tmpfs gave different indexes (#13). Raises PublishError when Pagefind is missing
    or fails; Pagefind's process is killed when stop (an IndexingStop) is set."""
    executable, extended = _executable()
    check_owned_paths(bundle.parent, [bundle.name])  # a file of the user's where the bundle goes: refused
    shutil.rmtree(bundle, ignore_errors=True)
    docs = site_path(site, "docs")
    pages: list[tuple[str, str]] = []
    other = _Languages({}, {})
    for name in sorted(names):
        html = _page_text(docs / f"{name}.html", unreadable)
        if html is None:
            continue
        unspaced = unspaced_text(html, None if extended else ())  # Pagefind's own build splits none
        if unspaced.records:  # found there alone: the page is one result, not one per index
            html = without_runs(html, {run for record in unspaced.records for run in record.text.split()})
        html = with_folded_words(html)
        if unspaced.language:  # indexed in its text's language, in that language's bundle
            other.pages.setdefault(unspaced.language, []).append((name, _with_language(html, unspaced.language)))
        else:
            pages.append((name, html))
        for record in unspaced.records:
            other.records.setdefault(record.language, []).append((name, record))
        if unsplit is not None:
            unsplit += [(docs / f"{name}.html", warning) for warning in unspaced.warnings]
    if deferred is not None:
        deferred[bundle.name] = other
    try:
        with _PagefindService(executable, stop if isinstance(stop, IndexingStop) else None) as service:
            index_id = service.request({"type": "NewIndex", "config": None})["index_id"]
            # every page is sent before any answer is read: Pagefind takes its requests in the order
            # they come (one at a time, from a thread of its own reading stdin into an unbounded
            # queue), so the index is the same, but it never waits on this process, which may be
            # busy elsewhere (the overview pages: a round trip a page cost up to ~10 ms of the GIL)
            sent = []
            for name, html in pages:
                request = {"type": "AddFile", "index_id": index_id, "url": f"/docs/{name}.html"}
                sent.append(service.send({**request, "file_path": None, "file_contents": html}))
            service.answers(sent)
            # the files come back in the answer and are written here: Pagefind's own WriteFiles
            # answers before its writes are done, and a service ended then leaves files empty
            files = service.request({"type": "GetFiles", "index_id": index_id})["files"]
            written = {} if deferred is not None else _language_files(service, {bundle.name: other}, bundle.parent)
    except (OSError, ValueError, KeyError) as exc:
        raise PublishError(f"{site}: search index not built: {exc}") from None
    _write_files(site, bundle, files)
    if deferred is None:
        _write_language_bundles(site, bundle.parent, [bundle.name], written)


def _executable() -> tuple[str, bool]:
    pagefind = _pagefind()
    if pagefind is None:
        raise PublishError("full-text search needs Pagefind: pip install 'pagefind[extended]'")
    return pagefind


def _index_languages(
    site: Path, index: Path, shards: dict[str, _Languages], stop: threading.Event | None = None
) -> None:
    """Index the shards' pages and records of other languages (_index_shard's deferred) into their
    bundles below INDEX (<shard>-<language>), replacing every such bundle of these shards, in one
    Pagefind process. Raises PublishError when Pagefind fails."""
    executable, _ = _executable()
    written: dict[Path, list[dict]] = {}
    if any(languages.pages or languages.records for languages in shards.values()):
        try:
            with _PagefindService(executable, stop if isinstance(stop, IndexingStop) else None) as service:
                written = _language_files(service, shards, index)
        except (OSError, ValueError, KeyError) as exc:
            raise PublishError(f"{site}: search index not built: {exc}") from None
    _write_language_bundles(site, index, list(shards), written)


def _language_files(service: _PagefindService, shards: dict[str, _Languages], index: Path) -> dict[Path, list[dict]]:
    """Pagefind's files of the shards' bundles of other languages (index/<shard>-<language>): an
    index each, holding the pages indexed in that language and the records of its text."""
    ids = {
        (shard, lang): service.request({"type": "NewIndex", "config": None})["index_id"]
        for shard, languages in sorted(shards.items())
        for lang in sorted(languages.pages.keys() | languages.records.keys())
    }
    sent = []
    for shard, languages in sorted(shards.items()):
        for lang, pages in sorted(languages.pages.items()):
            for name, html in pages:
                request = {"type": "AddFile", "index_id": ids[shard, lang], "url": f"/docs/{name}.html"}
                sent.append(service.send({**request, "file_path": None, "file_contents": html}))
        for lang, held in sorted(languages.records.items()):
            for name, record in held:
                request = {"type": "AddRecord", "index_id": ids[shard, lang], "url": f"/docs/{name}.html"}
                # its page's title, as hexadecimal UTF-8: one word no query matches (Pagefind
                # indexes a record's meta, and a search for the title's words would find the
                # page once an index); the search page shows it as the title (edition.js)
                meta = {RECORD_TITLE: record.title.encode().hex()} if record.title else None
                sent.append(service.send({**request, "content": record.text, "language": lang, "meta": meta}))
    service.answers(sent)
    return {
        index / f"{shard}-{lang}": service.request({"type": "GetFiles", "index_id": index_id})["files"]
        for (shard, lang), index_id in ids.items()
    }


def _write_language_bundles(site: Path, index: Path, shards: list[str], written: dict[Path, list[dict]]) -> None:
    """Replace the bundles of other languages of SHARDS below INDEX with those WRITTEN."""
    for entry in folder_entries(index):
        shard, lang = _language_bundle(entry.name)
        if lang and shard in shards and entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path)
    for folder, files in written.items():
        _write_files(site, folder, files)


def _write_files(site: Path, folder: Path, files: list[dict]) -> None:
    """Write Pagefind's FILES (path, base64 content) below FOLDER."""
    for file in sorted(files, key=lambda f: f["path"]):
        relative = Path(file["path"])
        if relative.is_absolute() or ".." in relative.parts:
            raise PublishError(f"{site}: search index not built: Pagefind named a file outside it: {relative}")
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, base64.b64decode(file["content"]), owned=True)


def _with_language(html: str, lang: str) -> str:
    """A page as sent to Pagefind in language LANG (its html lang, which Pagefind indexes it in)."""
    start = html.find("<html")
    end = html.find(">", start)
    if start < 0 or end < 0:
        return html
    tag = re.sub(r"""\slang\s*=\s*("[^"]*"|'[^']*'|[^\s>]*)""", "", html[start:end])
    return f'{html[:start]}{tag} lang="{lang}"{html[end:]}'


def _language_bundle(name: str) -> tuple[str, str]:
    """(shard, language) of a bundle folder's name: "3-zh" -> ("3", "zh") for a shard's bundle of
    another language's records (_index_shard), "3" -> ("3", "") for the shard's own."""
    shard, _, lang = name.partition("-")
    return shard, lang


@lru_cache(maxsize=1)
def _folding() -> tuple[tuple[str, ...], re.Pattern[str], dict[int, str]]:
    """For search_folding's letters (either case): the letters, a pattern finding the words with
    one, and the table for str.translate."""
    table = search_folding()
    # the capitals that are these letters' own (ı's capital is I: not one)
    letters = tuple(sorted(set(table) | {c.upper() for c in table if len(c.upper()) == 1 and c.upper().lower() == c}))
    word = re.compile(rf"[^\W\d_]*[{re.escape(''.join(letters))}]\w*")
    return letters, word, {ord(k): v for k, v in table.items()}


def fold_word(word: str) -> str:
    """A word as the search folds it: lower case, marks taken off (NFD), and the letters Unicode
    does not decompose folded by data/site.json `search_folding` (`Gomułka` -> `gomulka`)."""
    plain = "".join(c for c in unicodedata.normalize("NFD", word.lower()) if not unicodedata.combining(c))
    return plain.translate(_folding()[2])


def with_folded_words(html: str) -> str:
    """A document page as sent to Pagefind: when its article has words with letters Pagefind does
    not fold (ł, đ, ø, ß, æ: no accent to take off), their folded forms are added to the indexed
    text, in an attribute Pagefind indexes (data-pagefind-index-attrs), so that `Gomulka` finds
    `Gomułka`; the page written is unchanged. A page with no such letter is returned as it is."""
    letters, word, _ = _folding()
    # a substring test a letter (a few microseconds a page) finds most pages have none
    if not any(c in html for c in letters):
        return html
    end = html.rfind("</article>")
    if end < 0:
        return html
    text = re.sub(r"<[^>]*>", " ", html[:end])
    folded = " ".join(dict.fromkeys(fold_word(w) for w in word.findall(text)))
    if not folded:
        return html
    return f'{html[:end]}<span data-pagefind-index-attrs="data-folded" data-folded="{folded}"></span>{html[end:]}'


def without_runs(html: str, runs: Collection[str]) -> str:
    """A document page as its own language's index reads it, each of RUNS (text in an unspaced
    script indexed in a record of its language, unspaced_text) in the text of its article after
    the heading marked data-pagefind-ignore: a query matching the start of a run ("经济" of
    "经济合作问题" quoted in an English record) finds the page once, by the record, not again as
    a prefix of one long word. The page written is unchanged; the heading (the result's title) is
    kept whole."""
    start = html.find("data-pagefind-body")
    start = html.find("</h1>", start) if start >= 0 else -1
    end = html.rfind("</article>")
    if start < 0 or end < start or not runs:
        return html
    pattern = re.compile("|".join(re.escape(run) for run in sorted(runs, key=len, reverse=True)))

    def hide(text: re.Match[str]) -> str:
        return pattern.sub(lambda run: f'<span data-pagefind-ignore="">{run.group()}</span>', text.group())

    return html[:start] + re.sub(r"(?<=>)[^<]+", hide, html[start:end]) + html[end:]


class ScriptRecord(NamedTuple):
    """Text of a document page in an unspaced script of another language than the page's, indexed
    apart (unspaced_text): its language, the page's title and the runs' text."""

    language: str
    title: str
    text: str


class _Script(NamedTuple):
    code: str  # ISO 15924
    languages: tuple[str, ...]
    letters: re.Pattern[str]


@lru_cache(maxsize=1)
def _unspaced_scripts() -> tuple[tuple[_Script, ...], re.Pattern[str], frozenset[str]]:
    """data/site.json search_unspaced_scripts and search_segmented_languages: the scripts, a
    pattern finding a run of their letters, and the languages Pagefind splits into words."""
    config = site_config()
    scripts = []
    for entry in config["search_unspaced_scripts"]:
        ranges = "".join(
            f"{chr(int(a, 16))}-{chr(int(b, 16))}" for a, _, b in (r.partition("-") for r in entry["ranges"])
        )
        scripts.append(_Script(entry["script"], tuple(entry["languages"]), re.compile(f"[{ranges}]")))
    runs = re.compile("[" + "".join(s.letters.pattern[1:-1] for s in scripts) + "]+")  # one class: fast
    return tuple(scripts), runs, frozenset(config["search_segmented_languages"])


def _primary(lang: str | None) -> str:
    return (lang or "").split("-")[0].strip().lower()


# elements whose text runs on into the text around them (every other element's text is a word apart)
_INLINE = frozenset(
    ("a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q", "rp", "rt", "ruby")
    + ("s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr", "del", "ins")
)
_SKIPPED = frozenset(("script", "style", "noscript", "template"))


def _body_text(element: etree._Element, lang: str, pieces: list[tuple[str, str]]) -> None:
    """The text of ELEMENT as Pagefind reads it (no data-pagefind-ignore element, no script),
    appended to PIECES as (text, the language declared around it)."""
    if not isinstance(element.tag, str) or element.tag in _SKIPPED or element.get("data-pagefind-ignore") is not None:
        return
    lang = element.get("lang", lang)
    gap = "" if element.tag in _INLINE else " "
    pieces.append((gap + (element.text or ""), lang))
    for child in element:
        _body_text(child, lang, pieces)
        if child.tail:
            pieces.append((child.tail, lang))
    pieces.append((gap, lang))


class UnspacedText(NamedTuple):
    """What unspaced_text found on a page: the language the page is indexed in when not its html
    lang's (""), the records to index apart, and the warnings for text no index can split."""

    language: str
    records: list[ScriptRecord]
    warnings: list[str]


def _run_language(run: str, declared: str, page: str, scripts: tuple[_Script, ...]) -> str:
    """The language of a run of unspaced letters: the one declared around it (lang) when it is one
    of its scripts' languages, else the page's when it is, else the scripts' first in common."""
    present = [s for s in scripts if s.letters.search(run)]
    shared = [lang for lang in present[0].languages if all(lang in s.languages for s in present)]
    candidates = shared or list(present[0].languages)
    return declared if declared in candidates else page if page in candidates else candidates[0]


def _text_pieces(elements: list, pieces: list[tuple[str, str]]) -> tuple[str, list[int], list[str]]:
    """The text of ELEMENTS (_body_text) as one string, with where each piece starts and its language."""
    for element in elements:
        _body_text(element, element.xpath("string(ancestor-or-self::*[@lang][1]/@lang)"), pieces)
    starts, langs, at = [], [], 0
    for piece, lang in pieces:
        starts.append(at)
        langs.append(_primary(lang))
        at += len(piece)
    return "".join(piece for piece, _ in pieces), starts, langs


def unspaced_text(html: str, split: Collection[str] | None = None) -> UnspacedText:
    """The text of a document page's article (data-pagefind-body) written in a script whose words
    are not separated by spaces (data/site.json search_unspaced_scripts: Chinese, Japanese, Thai,
    Lao, Khmer, Burmese), where Pagefind, which splits a page's words by its html lang only, cannot
    find a word inside a run: a Chinese name quoted in an English record is one long word there.

    split: the languages whose words Pagefind splits (None: search_segmented_languages, which its
    extended build splits). The page is indexed in the language of most letters of its text
    (data-tei-region="text", else the article; the TEI's xml:lang there) when Pagefind splits it
    and it is not the page's html lang (the interface's): a document in Chinese is indexed as
    Chinese. Each run's language (_run_language) decides the rest: a run in a language Pagefind
    splits, other than the page's, goes to a record of that language, holding its runs in page
    order (pagefind.app/docs/py-api/#indexadd_custom_record); a run in a language it does not
    split is found only from its start, said in a warning. A page without a letter of these
    scripts is not parsed: ("", [], [])."""
    scripts, runs, segmented = _unspaced_scripts()
    segmented = segmented if split is None else frozenset(split)
    try:  # a page Windows-1252 can hold (English with its quotes and dashes) has none of these letters:
        html.encode("cp1252")  # C speed, ~0.06 ms a page, where the pattern takes ~0.3 ms
        return UnspacedText("", [], [])
    except UnicodeEncodeError:
        pass
    if runs.search(html) is None:
        return UnspacedText("", [], [])
    try:
        root = etree.fromstring(html.encode("utf-8"), etree.HTMLParser(encoding="utf-8"))
    except etree.XMLSyntaxError:
        return UnspacedText("", [], [])
    if root is None:
        return UnspacedText("", [], [])
    page = _primary(root.get("lang"))
    bodies = root.xpath("//*[@data-pagefind-body]") or root.xpath("//body")
    # the language of most letters of the text (a letter of a run counted in the run's language)
    regions = [r for body in bodies for r in body.xpath(".//*[@data-tei-region='text']")] or bodies
    letters: dict[str, int] = {}
    region: list[tuple[str, str]] = []
    _text_pieces(regions, region)
    for piece, lang in region:
        declared = _primary(lang) or page
        for run in runs.finditer(piece):
            language = _run_language(run.group(), declared, page, scripts)
            letters[language] = letters.get(language, 0) + len(run.group())
        letters[declared] = letters.get(declared, 0) + sum(c.isalpha() for c in runs.sub("", piece))
    most = max(sorted(letters), key=letters.__getitem__) if letters else page
    moved = most if most in segmented and most != page else ""
    page = moved or page
    whole, starts, langs = _text_pieces(bodies, [])
    found: dict[str, list[str]] = {}
    unsplit: dict[str, int] = {}
    for run in runs.finditer(whole):
        declared = langs[bisect_right(starts, run.start()) - 1]
        language = _run_language(run.group(), declared, page, scripts)
        if language not in segmented:
            unsplit[language] = unsplit.get(language, 0) + 1
        elif language != page:
            found.setdefault(language, []).append(run.group())
    title = ""
    for body in bodies:
        heading = body.find(".//h1")
        if heading is not None:
            title = " ".join("".join(heading.itertext()).split())
            break
    if not title:
        title = " ".join(root.findtext(".//title", "").split())
    records = [ScriptRecord(lang, title, " ".join(found[lang])) for lang in sorted(found)]
    warnings = [
        f"{counted(count, 'run')} of text in language {lang!r}, whose words are not separated by spaces "
        "and which the full-text search cannot split into words: found only from the start of a run"
        for lang, count in sorted(unsplit.items())
    ]
    return UnspacedText(moved, records, warnings)


def _page_text(page: Path, unreadable: list[tuple[Path, str]] | None) -> str | None:
    """The text of a document page, read only when it is itself a regular file (never blocks,
    never follows a link); None, with the reason added to unreadable, when it cannot be read."""
    try:
        return read_regular(page, follow_links=False).decode("utf-8")
    except NotAFileError as exc:
        why = f"{exc}; not indexed for search"
    except OSError as exc:
        why = f"cannot be read ({exc.strerror or type(exc).__name__}); not indexed for search"
    except UnicodeDecodeError:
        why = "is not UTF-8; not indexed for search"
    if unreadable is not None:
        unreadable.append((page, why))
    return None


class _PagefindService:
    """Pagefind's service mode (`pagefind --service`), spoken to one request at a time: each
    request is base64-encoded JSON followed by a comma on stdin, each answer the same on stdout
    (the protocol of Pagefind's own Python and Node APIs, whose asyncio client waits 0.1 s an
    answer). request() raises ValueError for an error answer, OSError when Pagefind is gone."""

    def __init__(self, executable: str, stop: IndexingStop | None = None) -> None:
        self._process = subprocess.Popen(
            [executable, "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self._stop = stop
        if stop is not None:
            stop.watch(self._process)
        self._sent = 0
        self._buffer = b""

    def __enter__(self) -> _PagefindService:
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._process.stdin is not None
        try:
            self._process.stdin.close()
        except OSError:
            pass  # killed (a stopped build): nothing reads it any more
        try:  # Pagefind answers WriteFiles before every file is written: let it end by itself
            self._process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        if self._stop is not None:
            self._stop.forget(self._process)

    def request(self, payload: dict) -> dict:
        """Send one request and wait for its answer (the answer's payload)."""
        return self.answers([self.send(payload)])[0]

    def send(self, payload: dict) -> int:
        """Send one request without waiting for its answer; returns its message id (see answers)."""
        assert self._process.stdin is not None
        self._sent += 1
        message = json.dumps({"message_id": self._sent, "payload": payload}).encode()
        try:
            self._process.stdin.write(base64.b64encode(message) + b",")
            self._process.stdin.flush()
        except BrokenPipeError:
            raise OSError("Pagefind stopped") from None
        return self._sent

    def answers(self, ids: list[int]) -> list[dict]:
        """The answers' payloads to the requests sent with these ids, in the same order. Raises
        ValueError for the first error answer (once every answer is read), OSError when Pagefind is gone."""
        waiting = set(ids)
        found: dict[int, dict] = {}
        while waiting:
            answer = self._next_answer()
            message_id = answer.get("message_id")
            result = answer.get("payload") or {}
            if message_id is None:  # an answer to no request (Pagefind could not read one): an error
                message_id = min(waiting)
            if message_id in waiting:
                waiting.discard(message_id)
                found[message_id] = result
        for message_id in ids:
            if found[message_id].get("type") == "Error":
                raise ValueError(f"Pagefind: {found[message_id].get('message')}")
        return [found[message_id] for message_id in ids]

    def _next_answer(self) -> dict:
        assert self._process.stdout is not None
        while b"," not in self._buffer:
            chunk = os.read(self._process.stdout.fileno(), 1 << 16)
            if not chunk:
                raise OSError("Pagefind stopped")
            self._buffer += chunk
        data, _, self._buffer = self._buffer.partition(b",")
        answer = json.loads(base64.b64decode(data))
        return answer if isinstance(answer, dict) else {}


def _share_scripts(index: Path, bundles: list[str], unsearched: Iterable[str] = ()) -> None:
    """Keep one copy of Pagefind's scripts: in INDEX itself (the search page loads the UI from
    there) and in the primary bundle, the first of BUNDLES (its pagefind.js, worker and WebAssembly
    run every merged index); the other bundles, and those UNSEARCHED, keep only their index. A
    primary that was not one before and was not indexed now gets them from INDEX."""
    if not bundles:
        return
    primary = index / bundles[0]
    if not (primary / "pagefind.js").is_file():
        for entry in folder_entries(index):
            if entry.is_file() and not _is_data(entry.name) and entry.name != SHARDS_FILE:
                atomic_write(primary / entry.name, Path(entry.path).read_bytes(), owned=True)
    for entry in folder_entries(primary):
        if entry.is_file() and not _is_data(entry.name):
            data = Path(entry.path).read_bytes()
            target = index / entry.name
            if existing_output(target) != data:
                atomic_write(target, data, owned=True)
    for bundle in [*bundles[1:], *unsearched]:
        for entry in folder_entries(index / bundle):
            if entry.is_file() and not _is_data(entry.name):
                os.unlink(entry.path)


def _holds_pages(bundle: Path) -> bool:
    """Whether a bundle's index holds a page or record (pagefind-entry.json names a language)."""
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(entry, dict) and bool(entry.get("languages"))
