"""The recogniser kept across runs (recognizer_cache): keyed by content, never stale, never fatal."""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest

from tei_encoder import pipeline, recognizer_cache
from tei_encoder.authority import load_authority

HEAD = (
    '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>x</title></titleStmt>'
    "<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>"
)


def _authority(folder: Path, *people: tuple[str, str]) -> Path:
    folder.mkdir(exist_ok=True)
    persons = "".join(f'<person xml:id="{pid}"><persName>{name}</persName></person>' for pid, name in people)
    (folder / "people.xml").write_text(f"{HEAD}<standOff><listPerson>{persons}</listPerson></standOff></TEI>", "utf-8")
    return folder


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    """An empty user cache directory; the per-process caches emptied before and after."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    pipeline._recognizer.cache_clear()
    yield tmp_path / "xdg" / "tei-encoder"
    pipeline._recognizer.cache_clear()


def _files(cache: Path) -> list[Path]:
    return sorted(cache.glob(f"{recognizer_cache.PREFIX}*.pickle"))


def test_a_second_process_loads_what_the_first_built(tmp_path, cache):
    folder = _authority(tmp_path / "auth", ("pers-quill", "Odo Quillfeather"))
    first = pipeline.recognizer((folder,), False, ())
    assert len(_files(cache)) == 1
    assert os.stat(_files(cache)[0]).st_mode & 0o077 == 0  # readable by this user only
    pipeline._recognizer.cache_clear()  # as in a new process
    built = []
    key = recognizer_cache.cache_key(load_authority((folder,)).digest, False, ())
    again = recognizer_cache.cached_recognizer(key, lambda: built.append(1))  # type: ignore[arg-type,func-returned-value]
    assert built == []  # loaded, not built
    assert again is not first and again.lookup("Odo Quillfeather") == first.lookup("Odo Quillfeather") == "pers-quill"


def test_a_changed_authority_file_is_never_served_from_the_cache(tmp_path, cache):
    folder = _authority(tmp_path / "auth", ("pers-quill", "Odo Quillfeather"))
    assert pipeline.recognizer((folder,), False, ()).lookup("Brisa Tallowmere") is None
    _authority(folder, ("pers-quill", "Odo Quillfeather"), ("pers-tallow", "Brisa Tallowmere"))
    pipeline._recognizer.cache_clear()
    changed = pipeline.recognizer((folder,), False, ())
    assert changed.lookup("Brisa Tallowmere") == "pers-tallow"
    assert len(_files(cache)) == 2  # one per authority content


def test_other_options_and_code_give_other_keys():
    key = recognizer_cache.cache_key("abc", True, ())
    assert key != recognizer_cache.cache_key("abc", False, ())
    assert key != recognizer_cache.cache_key("abc", True, ("Envoy",))
    assert key != recognizer_cache.cache_key("abd", True, ())
    assert len(recognizer_cache.code_digest()) == 64


@pytest.mark.parametrize("damage", ["garbage", "truncated", "other key", "group-writable"])
def test_an_unusable_cache_file_is_rebuilt_not_trusted(tmp_path, cache, damage):
    folder = _authority(tmp_path / "auth", ("pers-quill", "Odo Quillfeather"))
    pipeline.recognizer((folder,), False, ())
    (path,) = _files(cache)
    data = path.read_bytes()
    if damage == "garbage":
        path.write_bytes(b"not a pickle at all")
    elif damage == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "other key":  # a file renamed or a key prefix shared: the key inside must match
        other = recognizer_cache.cache_key("another authority", False, ())
        (path.parent / f"{recognizer_cache.PREFIX}{other[:40]}.pickle").write_bytes(data)
        path.unlink()
        path = path.parent / f"{recognizer_cache.PREFIX}{other[:40]}.pickle"
        built = []
        assert recognizer_cache.cached_recognizer(other, lambda: built.append(1) or "fresh") == "fresh"  # type: ignore[arg-type,return-value]
        return
    else:
        path.chmod(0o664)
    pipeline._recognizer.cache_clear()
    rebuilt = pipeline.recognizer((folder,), False, ())
    assert rebuilt.lookup("Odo Quillfeather") == "pers-quill"
    assert os.stat(path).st_mode & 0o077 == 0 and path.read_bytes() != b"not a pickle at all"


def test_an_unwritable_cache_costs_only_time(tmp_path, cache):
    cache.parent.mkdir(parents=True)
    cache.write_text("a file where the cache folder should be", "utf-8")
    folder = _authority(tmp_path / "auth", ("pers-quill", "Odo Quillfeather"))
    assert pipeline.recognizer((folder,), False, ()).lookup("Odo Quillfeather") == "pers-quill"


def test_old_recognizers_are_pruned(tmp_path, cache):
    for n in range(recognizer_cache.KEEP + 3):
        folder = _authority(tmp_path / f"auth{n}", (f"pers-q{n}", f"Odo Quill{'x' * n}"))
        pipeline.recognizer((folder,), False, ())
    assert len(_files(cache)) == recognizer_cache.KEEP


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_pauses_for_a_load_or_build_and_is_left_as_it_was(tmp_path, cache, enabled):
    folder = _authority(tmp_path / "auth", ("pers-quill", "Odo Quillfeather"))
    key = recognizer_cache.cache_key(load_authority((folder,)).digest, False, ())
    during = []

    def build():
        during.append(gc.isenabled())
        raise RuntimeError("a broken authority file")  # an error of the build itself propagates

    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        with pytest.raises(RuntimeError):
            recognizer_cache.cached_recognizer(key, build)
        assert during == [False] and gc.isenabled() is enabled
        pipeline.recognizer((folder,), False, ())  # built and stored
        pipeline._recognizer.cache_clear()
        loaded = recognizer_cache.cached_recognizer(key, build)  # loaded: no build
        assert loaded.lookup("Odo Quillfeather") == "pers-quill" and during == [False]
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()
