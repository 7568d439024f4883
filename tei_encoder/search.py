"""The site's full-text search index (Pagefind, pagefind.app), kept in shards so an edit re-indexes little.

Pagefind has no incremental mode: it indexes every page it is given, ~3 ms of CPU per document
page. So the document pages are split into shards by a stable hash of their name, each shard
indexed by Pagefind into a bundle of its own (SITE/pagefind/<shard>/), and the search page
merges them in the browser with Pagefind UI's `mergeIndex` (pagefind.app/docs/multisite/). A
build re-indexes only the shards whose pages changed, were removed, or whose files went missing.

Layout of SITE/pagefind/:
  shards.json       {"count": N, "bundles": [...]}: the shard count and the non-empty shards, in
                    order; the first is the primary bundle (edition.js reads this file)
  <shard>/          one Pagefind bundle per non-empty shard: pagefind-entry.json, the .pf_meta
                    file, index/ and fragment/; the primary keeps Pagefind's scripts and
                    WebAssembly as well (a merged index runs on the primary's)
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
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path

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
from .publish import PublishError, site_path
from .sitemap import search_folding

SEARCH_DIR = "pagefind"  # Pagefind's bundles and UI, inside the site
SHARDS_FILE = "shards.json"
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
    """Whether Pagefind's binary is installed (the pagefind[bin] package)."""
    try:
        from pagefind_bin import get_executable  # noqa: F401
    except ImportError:
        return False
    return True


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
    not walked again (#16: 0.05 s of a one-record edit at 5,000 documents). Returns the shards
    indexed. Raises PublishError when Pagefind is missing or fails (the shards not yet begun are left).
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
        stale = ({shard_of(name, count) for name in changed} | set(shards_lost)) & set(shards)
        stale |= {b for b in bundles if not (index / b / "pagefind-entry.json").is_file()}
        if bundles and not (index / bundles[0] / "pagefind.js").is_file():
            stale.add(bundles[0])  # a new primary bundle: it needs Pagefind's scripts again
    index.mkdir(exist_ok=True)
    for entry in folder_entries(index):  # bundles of shards gone or empty now, an unsharded index's data
        if entry.is_dir() and entry.name not in shards:
            shutil.rmtree(entry.path)
        elif entry.is_file() and _is_data(entry.name):
            os.unlink(entry.path)
    if not _index_shards(
        site, index, {shard: shards[shard] for shard in sorted(stale, key=int)}, stop, jobs, unreadable
    ):
        return []
    _share_scripts(index, bundles)
    layout = json.dumps({"count": count, "bundles": bundles}, separators=(",", ":")).encode()
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
) -> bool:
    """Index each shard (its name -> its pages' names) into its bundle below INDEX, up to `jobs` at a
    time (Pagefind's own parallelism was lost when its pages were fed one by one: the shards run
    side by side instead). False when stop was set before every shard was begun; the first
    failure (PublishError, OutputError) is raised once the shards under way have ended, and no
    further shard is begun after it."""
    failed = threading.Event()  # a shard failed: begin no further one

    def index_one(shard: str) -> bool:
        if (stop is not None and stop.is_set()) or failed.is_set():
            return False
        try:
            _index_shard(site, index / shard, shards[shard], stop, unreadable)
        except BaseException:
            failed.set()
            raise
        return True

    workers = max(1, min(jobs, len(shards)))
    if workers == 1:
        return all([index_one(shard) for shard in shards])
    with ThreadPoolExecutor(workers, thread_name_prefix="pagefind") as pool:
        begun = [pool.submit(index_one, shard) for shard in shards]
    return all([future.result() for future in begun])  # raises the first shard's error, in shard order


def _index_shard(
    site: Path,
    bundle: Path,
    names: list[str],
    stop: threading.Event | None = None,
    unreadable: list[tuple[Path, str]] | None = None,
) -> None:
    """Index the pages docs/<name>.html of one shard into BUNDLE, replacing what it held (Pagefind
    would keep stale fragments). A page that is not itself a regular file, or cannot be read or
    decoded, is left out and added to `unreadable` (build_search_index).

    The pages are handed to Pagefind's service mode one by one in sorted order: Pagefind's own
    file walk takes them in the order the file system lists them, and its index (the hashes in
    pagefind-entry.json and every file name) depends on that order, so the same pages built on
    ext4 and on tmpfs gave different indexes (#13). Raises PublishError when Pagefind is missing
    or fails; Pagefind's process is killed when stop (an IndexingStop) is set."""
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise PublishError("full-text search needs Pagefind: pip install 'pagefind[bin]'") from None
    check_owned_paths(bundle.parent, [bundle.name])  # a file of the user's where the bundle goes: refused
    shutil.rmtree(bundle, ignore_errors=True)
    docs = site_path(site, "docs")
    try:
        with _PagefindService(str(get_executable()), stop if isinstance(stop, IndexingStop) else None) as service:
            index_id = service.request({"type": "NewIndex", "config": None})["index_id"]
            # every page is sent before any answer is read: Pagefind takes its requests in the order
            # they come (one at a time, from a thread of its own reading stdin into an unbounded
            # queue), so the index is the same, but it never waits on this process, which may be
            # busy elsewhere (the overview pages: a round trip a page cost up to ~10 ms of the GIL)
            sent = []
            for name in sorted(names):
                html = _page_text(docs / f"{name}.html", unreadable)
                if html is None:
                    continue
                html = with_folded_words(html)
                request = {"type": "AddFile", "index_id": index_id, "url": f"/docs/{name}.html"}
                sent.append(service.send({**request, "file_path": None, "file_contents": html}))
            service.answers(sent)
            # the files come back in the answer and are written here: Pagefind's own WriteFiles
            # answers before its writes are done, and a service ended then leaves files empty
            files = service.request({"type": "GetFiles", "index_id": index_id})["files"]
    except (OSError, ValueError, KeyError) as exc:
        raise PublishError(f"{site}: search index not built: {exc}") from None
    for file in sorted(files, key=lambda f: f["path"]):
        relative = Path(file["path"])
        if relative.is_absolute() or ".." in relative.parts:
            raise PublishError(f"{site}: search index not built: Pagefind named a file outside it: {relative}")
        target = bundle / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, base64.b64decode(file["content"]), owned=True)


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


def _share_scripts(index: Path, bundles: list[str]) -> None:
    """Keep one copy of Pagefind's scripts: in INDEX itself (the search page loads the UI from
    there) and in the primary bundle (its pagefind.js, worker and WebAssembly run every merged
    index); the other bundles keep only their index."""
    if not bundles:
        return
    primary = index / bundles[0]
    for entry in folder_entries(primary):
        if entry.is_file() and not _is_data(entry.name):
            data = Path(entry.path).read_bytes()
            target = index / entry.name
            if existing_output(target) != data:
                atomic_write(target, data, owned=True)
    for bundle in bundles[1:]:
        for entry in folder_entries(index / bundle):
            if entry.is_file() and not _is_data(entry.name):
                os.unlink(entry.path)
