"""Compiled patterns kept across runs (regex_cache): the same patterns, never a wrong one, never fatal."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tei_encoder import regex_cache

PATTERN = r"(?P<given>[A-Z][a-z]+) (?i:of) (?P<place>[A-Z]\w+)"  # named groups, an inline flag


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    """An empty user cache directory; re's own per-process cache emptied around the test."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    re.purge()
    yield regex_cache.cache_file("test")
    re.purge()


def _compiled(pattern: str, flags: int = 0) -> re.Pattern:
    re.purge()  # (re keeps what it compiled in the process: as in a new process)
    with regex_cache.patterns_from_cache("test"):
        return re.compile(pattern, flags)


def _same(a: re.Pattern, b: re.Pattern) -> None:
    text = "Odo of Quillmarsh, Brisa OF Tallowmere and odo of x"
    assert (a.pattern, a.flags, a.groups, a.groupindex) == (b.pattern, b.flags, b.groups, b.groupindex)
    assert [m.groupdict() | {"span": m.span()} for m in a.finditer(text)] == [
        m.groupdict() | {"span": m.span()} for m in b.finditer(text)
    ]


def test_a_second_run_makes_the_pattern_from_the_cache(cache, monkeypatch):
    first = _compiled(PATTERN, re.MULTILINE)
    assert cache.is_file() and cache.stat().st_mode & 0o077 == 0  # readable by this user only
    made = []
    monkeypatch.setattr(regex_cache, "_entry", lambda *a: made.append(a) or pytest.fail("compiled again"))
    again = _compiled(PATTERN, re.MULTILINE)
    assert made == [] and again is not first
    _same(again, first)
    _same(again, re.compile(PATTERN, re.MULTILINE))
    assert re._compiler.compile is not None and re._compiler.compile.__module__ == "re._compiler"  # restored


@pytest.mark.parametrize("damage", ["garbage", "truncated", "a changed byte", "group-writable"])
def test_a_damaged_cache_file_is_ignored(cache, damage):
    _compiled(PATTERN)
    data = cache.read_bytes()
    if damage == "garbage":
        cache.write_bytes(b"not a cache at all")
    elif damage == "truncated":
        cache.write_bytes(data[: len(data) // 2])
    elif damage == "a changed byte":  # a code that the engine might take, but not the one compiled
        cache.write_bytes(data[:-5] + bytes([data[-5] ^ 1]) + data[-4:])
    else:
        cache.chmod(0o664)
    _same(_compiled(PATTERN), re.compile(PATTERN))


def test_an_unwritable_cache_and_a_bad_pattern_behave_as_without_it(cache):
    cache.parent.parent.mkdir(parents=True)
    cache.parent.write_text("a file where the cache folder should be", "utf-8")
    _same(_compiled(PATTERN), re.compile(PATTERN))
    with pytest.raises(re.error, match="missing \\)"):
        _compiled("(unclosed")


def test_the_file_is_written_when_a_pattern_is_new_and_never_grows_past_twice_a_run(cache):
    _compiled(PATTERN)
    written = cache.read_bytes()
    cache.chmod(0o400)  # (a write would replace the file, and with it this mode)
    _compiled(PATTERN)
    assert cache.read_bytes() == written and cache.stat().st_mode & 0o777 == 0o400  # nothing new: not written
    cache.chmod(0o600)
    _compiled("[a-z]+ (?P<n>\\d+)")  # a new pattern: added
    assert set(regex_cache._load(cache)) == {(PATTERN, 0), ("[a-z]+ (?P<n>\\d+)", 0)}
    _compiled("x+y")  # three patterns, twice a run's one: this run's only
    assert list(regex_cache._load(cache)) == [("x+y", 0)]
