"""Compiled regular expressions kept across runs (issue 16): the encoder's few hundred patterns cost
every process about 60 ms of CPU to compile (re parses each pattern and generates its code in
Python); made from their cached code, about 3 ms.

While `patterns_from_cache()` is active, a pattern compiled by `re` (re.compile, re.search with a
string, ...) whose text and flags this Python met before is made from the code it compiled then,
kept in the user cache directory. It is active where the patterns compiled are the same in every
run (the stages' modules as they are imported, the record format, the recogniser as it is loaded),
not around the encoding itself (a pattern joined from a set's words changes its text with the
process's hash seed, and would be added at every run); each part has a file of its own. A file's
name holds a digest of everything the code depends on: the Python build (sys.version) and the
regular expression engine's version and limits; a pattern's code then depends on its text and
flags alone. The file holds a digest of its content.
A file that cannot be read, does not hold its digest, is not this user's own or is writable by
others, or an entry the engine refuses, is ignored and the pattern compiled as usual: at worst the
compile cost, never another pattern. Writing is best effort, as for the recogniser cache.

This uses re's internal compiler (re._parser, re._compiler and _sre.compile, the step re.compile
ends with): when they are not as expected (another Python version), patterns are compiled as usual.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:  # re's internals, as in CPython 3.11-3.13; absent or other: no cache
    from re import _compiler, _parser  # type: ignore[attr-defined]

    _sre = _compiler._sre
    _ENGINE = f"{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}|{_sre.MAXREPEAT}|{_sre.MAXGROUPS}"
except (ImportError, AttributeError):  # pragma: no cover - another Python implementation
    _compiler = None

PREFIX = "regex-"
_UID = os.getuid() if hasattr(os, "getuid") else 0
# (pattern text, flags) -> (flags with the pattern's inline ones, code, groups, group index, index group)
_Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
_active = 0  # nesting depth of patterns_from_cache


def cache_file(part: str) -> Path:
    """The cache file of one part of the code (`part`: a short name) for this Python's regular
    expression engine."""
    from .teiall import cache_dir

    return cache_dir() / f"{PREFIX}{part}-{hashlib.sha256(_ENGINE.encode()).hexdigest()[:32]}.marshal"


@contextmanager
def patterns_from_cache(part: str) -> Iterator[None]:
    """Compile regular expressions from the user cache while active (nested uses share the
    outermost one). Patterns compiled anew are added to the cache file of `part` (a short name)
    when it ends; a file grown past twice the patterns of a run keeps that run's only. Never raises
    for a cache problem."""
    global _active
    if _compiler is None or _active > 0:
        _active += 1
        try:
            yield
        finally:
            _active -= 1
        return
    path = cache_file(part)
    known = _load(path)
    added: dict[tuple[str, int], _Entry] = {}
    used: set[tuple[str, int]] = set()
    usual = _compiler.compile

    def compile(p, flags=0):  # noqa: A001 (re._compiler.compile's own name, which it stands in for)
        if not isinstance(p, str) or flags & re.DEBUG:
            return usual(p, flags)
        key = (p, int(flags))
        entry = known.get(key)
        if entry is not None:
            try:
                made = _sre.compile(p, *entry)
                used.add(key)
                return made
            except Exception:  # refused by the engine: compiled as usual below
                known.pop(key, None)
        try:
            entry = _entry(p, int(flags))
            made = _sre.compile(p, *entry)
        except re.error:
            raise
        except Exception:  # the internals are not as expected: compile as usual
            return usual(p, flags)
        added[key] = entry
        return made

    _compiler.compile = compile
    _active += 1
    try:
        yield
    finally:
        _active -= 1
        _compiler.compile = usual
        if added:  # (none: the file has every pattern this run compiled, nothing to write)
            kept = {**known, **added}
            if len(kept) > 2 * (len(used) + len(added)):  # grown past twice a run's: this run's only
                kept = {**{k: known[k] for k in used if k in known}, **added}
            _store(path, kept)


def _entry(pattern: str, flags: int) -> _Entry:
    """What _sre.compile takes after the pattern, as re._compiler.compile makes it. Raises re.error
    for a bad pattern."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (
        int(flags | parsed.state.flags),
        [int(c) for c in code],
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )


def _load(path: Path) -> dict[tuple[str, int], _Entry]:
    """The entries of the cache file, or none when it is missing, not ours, changed or unreadable."""
    try:
        with open(path, "rb") as f:
            st = os.fstat(f.fileno())
            if not stat.S_ISREG(st.st_mode) or st.st_mode & 0o022 or st.st_uid != _UID:
                return {}
            data = f.read()
        digest, body = data[:32], data[32:]
        if hashlib.sha256(body).digest() != digest:
            return {}
        engine, entries = marshal.loads(body)
        if engine != _ENGINE or not isinstance(entries, dict):
            return {}
        return entries
    except Exception:  # missing, unreadable, truncated: compile as usual
        return {}


def _store(path: Path, entries: dict[tuple[str, int], _Entry]) -> None:
    """Write the entries to path atomically, readable by this user only. Best effort."""
    tmp = None
    try:
        body = marshal.dumps((_ENGINE, entries))
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(hashlib.sha256(body).digest() + body)
        os.replace(tmp, path)
        tmp = None
    except Exception:  # a cache is an optimisation: a full or read-only disk costs only the next run
        pass
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
