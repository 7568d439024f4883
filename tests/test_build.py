"""Incremental builds: unchanged records are skipped, changes re-publish exactly what they touch."""

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import AUTHORITY, CORPUS, FIXTURES

from tei_encoder.cli import main

SEED = "000_6c3a4dfe0217feee"


def build(corpus: Path, out: Path, authority: Path = AUTHORITY, *extra: str) -> dict:
    stats = out.parent / f"{out.name}-stats.json"
    result = CliRunner().invoke(
        main,
        ["build", str(corpus), "-o", str(out), "--authority", str(authority), "-j", "1", "--stats", str(stats), *extra],
    )
    data = json.loads(stats.read_text())
    data["exit_code"] = result.exit_code
    data["output"] = result.output
    return data


@pytest.fixture(scope="session")
def built_project(tmp_path_factory) -> Path:
    """Three records, their authority and their first build: made once per test process."""
    root = tmp_path_factory.mktemp("built-project")
    corpus = root / "corpus"
    corpus.mkdir()
    for path in [CORPUS / f"{SEED}.txt", FIXTURES / "memcon.txt", FIXTURES / "letter.txt"]:
        shutil.copy(path, corpus)
    shutil.copytree(AUTHORITY, root / "authority")
    first = build(corpus, root / "build", root / "authority")
    assert first["exit_code"] == 0 and first["encoded"] == 3
    return root


@pytest.fixture
def project(tmp_path, built_project):
    """A test's own copy of the built project (copied with sizes and times, so the build state
    holds: the next build finds nothing changed); it may change anything in it."""
    root = tmp_path / "project"
    shutil.copytree(built_project, root)
    return root / "corpus", root / "authority", root / "build"


def mtimes(site: Path) -> dict:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*.html")}


def test_no_change_rebuild_touches_nothing(project):
    corpus, authority, out = project
    before = mtimes(out / "site")
    again = build(corpus, out, authority)
    assert (again["encoded"], again["published"], again["overview_pages"], again["unchanged"]) == (0, 0, 0, 3)
    assert mtimes(out / "site") == before


def test_documentation_beside_the_data_rebuilds_nothing(project):
    corpus, authority, out = project
    (authority / "README.md").write_text("Notes for the editors.\n", encoding="utf-8")
    again = build(corpus, out, authority)
    assert (again["encoded"], again["published"], again["unchanged"]) == (0, 0, 3)
    extra = '<TEI xmlns="http://www.tei-c.org/ns/1.0"><standOff><listOrg><org xml:id="extra-org"><orgName>Extra Org</orgName></org></listOrg></standOff></TEI>'
    (authority / "extra.xml").write_text(extra, encoding="utf-8")
    assert build(corpus, out, authority)["encoded"] == 3  # data beside it does (the control)


def test_site_only_inputs_republish_without_encoding(project, tmp_path):
    corpus, authority, out = project
    tei_before = {p.name: p.stat().st_mtime_ns for p in (out / "tei").iterdir()}
    edition = tmp_path / "edition"
    edition.mkdir()
    (edition / "strings.json").write_text('{"footer": "Made by the editors."}', encoding="utf-8")
    again = build(corpus, out, authority, "--xslt", str(edition))
    assert again["exit_code"] == 0, again["output"]
    assert (again["encoded"], again["published"], again["unchanged"]) == (0, 3, 3)
    for page in ("docs/letter.html", "index.html", "persons.html"):
        assert "Made by the editors." in (out / "site" / page).read_text(encoding="utf-8")
    assert {p.name: p.stat().st_mtime_ns for p in (out / "tei").iterdir()} == tei_before  # TEI untouched
    # and then nothing changed: nothing is done
    assert build(corpus, out, authority, "--xslt", str(edition))["published"] == 0


def test_one_changed_record(project):
    corpus, authority, out = project
    before = mtimes(out / "site")
    letter = corpus / "letter.txt"
    letter.write_text(letter.read_text(encoding="utf-8").replace("will be late", "will be very late"), encoding="utf-8")
    again = build(corpus, out, authority)
    assert (again["encoded"], again["published"]) == (1, 1)
    after = mtimes(out / "site")
    changed = {p for p in after if after[p] != before.get(p)}
    # mention counts unchanged: no register page moves; only the entry pages quoting the changed
    # sentence (keyword in context) are rewritten
    entries = changed - {"docs/letter.html"}
    assert "docs/letter.html" in changed and all(p.count("/") == 1 and not p.startswith("docs/") for p in entries)
    assert all("very late" in (out / "site" / p).read_text(encoding="utf-8") for p in entries)
    assert "very late" in (out / "site/docs/letter.html").read_text(encoding="utf-8")


def test_new_mention_updates_its_register_pages(project):
    corpus, authority, out = project
    letter = corpus / "letter.txt"
    letter.write_text(
        letter.read_text(encoding="utf-8").replace("will be late", "will be late, as in Cuba"), encoding="utf-8"
    )
    before = mtimes(out / "site")
    build(corpus, out, authority)
    after = mtimes(out / "site")
    changed = {p for p in after if after[p] != before.get(p)}
    assert {"docs/letter.html", "places/cuba.html", "places.html"} <= changed
    assert "persons/castro-fidel.html" not in changed
    assert "letter.html#m-cuba-1" in (out / "site/places/cuba.html").read_text(encoding="utf-8")


def test_changed_authority_entry_republishes_exactly_its_documents(project):
    corpus, authority, out = project
    persons = authority / "persons.xml"
    persons.write_text(
        persons.read_text(encoding="utf-8").replace(
            '<persName type="preferred">Osvaldo Dorticós</persName>',
            '<persName type="preferred">Osvaldo Dorticós Torrado</persName>',
        ),
        encoding="utf-8",
    )
    again = build(corpus, out, authority)
    assert again["encoded"] == 3  # the authority is an input of every record
    assert again["published"] == 1  # but only the seed mentions Dorticós
    assert "Osvaldo Dorticós Torrado" in (out / "site/persons/dorticos.html").read_text(encoding="utf-8")


def test_deleted_record_loses_its_outputs(project):
    corpus, authority, out = project
    (corpus / "memcon.txt").unlink()
    again = build(corpus, out, authority)
    assert again["removed"] == 1
    assert not (out / "site/docs/memcon.html").exists() and not (out / "tei/memcon.xml").exists()
    assert not (out / "site/persons/pak-heon-yeong.html").exists()  # only the memcon mentioned him
    assert "memcon" not in (out / "site/index.html").read_text(encoding="utf-8")


def test_force_rebuilds_everything(project):
    corpus, authority, out = project
    again = build(corpus, out, authority, "--force")
    assert (again["encoded"], again["published"]) == (3, 3)


def test_a_record_that_breaks_leaves_nothing_of_its_last_good_outputs(project):
    """Incremental equals clean (#13): a clean build of the broken record has no outputs, so the
    incremental build removes those of its last good build, and says so in its summary."""
    corpus, authority, out = project
    (corpus / "letter.txt").write_bytes(b"")
    again = build(corpus, out, authority)
    assert again["exit_code"] == 1 and "letter.txt: error: file is empty" in again["output"]
    assert not (out / "site/docs/letter.html").exists() and not (out / "tei/letter.xml").exists()
    assert again["removed"] == 1


def _add_a_late_date(corpus):
    """The seed record gains a sentence dated 38 years after the document (a rule warning)."""
    seed = corpus / f"{SEED}.txt"
    text = seed.read_text(encoding="utf-8")
    seed.write_text(
        text.replace("Translation - English\n\n", "Translation - English\n\nFiled on 12 June 1999.\n\n", 1),
        encoding="utf-8",
    )


def test_a_warning_names_the_line_of_the_written_tei(project):
    corpus, authority, out = project
    _add_a_late_date(corpus)
    again = build(corpus, out, authority)
    tei = (out / "tei" / f"{SEED}.xml").read_text(encoding="utf-8")
    line = tei[: tei.index('<date when="1999-06-12">')].count("\n") + 1
    [said] = [ln for ln in again["output"].splitlines() if "more than 25 years" in ln]
    # one prefix (the record's), then the message, the TEI file and its line: no second "file: warning:"
    assert said.startswith(f'{corpus / SEED}.txt: warning: @when="1999-06-12" is more than 25 years after')
    assert said.count("warning:") == 1
    assert f"({out / 'tei' / SEED}.xml, line {line}, column " in said


def test_state_of_an_older_shape_means_a_full_build(project):
    corpus, authority, out = project
    records = out / ".tei-encoder" / "records.json"
    state = json.loads(records.read_text())
    assert state["format"] >= 2
    state["format"] = 1  # as an older release would have left it
    records.write_text(json.dumps(state))
    again = build(corpus, out, authority)
    assert (again["exit_code"], again["encoded"], again["unchanged"]) == (0, 3, 0)
    db = sqlite3.connect(out / ".tei-encoder" / "summaries.sqlite")
    (info,) = db.execute("SELECT info FROM entities WHERE ref = 'kudryavtsev'").fetchone()
    kudryavtsev = json.loads(info)
    assert kudryavtsev["kind"] == "person" and kudryavtsev["source"] == "authority"
    # keyword-in-context entries are kept with named fields, not as positional arrays
    contexts = [c for (cs,) in db.execute("SELECT kwic FROM contexts") for c in json.loads(cs)]
    db.close()
    assert contexts and all(sorted(c) == ["after", "before", "keyword"] for c in contexts)
    assert any(c["keyword"] == "Kudryavtsev" for c in contexts)


def test_lost_or_damaged_summaries_mean_a_full_build(project):
    """The index and registers are made from every document's summary: without them (the store
    deleted or damaged) an incremental build would publish registers missing the unchanged records."""
    corpus, authority, out = project
    store = out / ".tei-encoder" / "summaries.sqlite"
    persons = (out / "site" / "persons.html").read_bytes()
    store.write_bytes(b"not a database")
    again = build(corpus, out, authority)
    assert (again["exit_code"], again["encoded"], again["unchanged"]) == (0, 3, 0)
    assert (out / "site" / "persons.html").read_bytes() == persons
    store.unlink()
    assert build(corpus, out, authority)["encoded"] == 3
    assert build(corpus, out, authority)["encoded"] == 0  # and the state is whole again


def test_check_warnings_hold_when_an_authority_change_leaves_the_tei_unchanged(project):
    """Nothing silent: a record re-encoded into the same TEI is not validated again, but the warnings
    its last validation gave are still reported (they were lost before)."""
    corpus, authority, out = project
    _add_a_late_date(corpus)
    warning = "is more than 25 years after the document's date"
    assert warning in build(corpus, out, authority)["output"]
    orgs = authority / "orgs.xml"  # an unused variant: every record is re-encoded, no TEI changes
    orgs.write_text(
        orgs.read_text(encoding="utf-8").replace(
            '<orgName type="preferred">United Nations Security Council</orgName>',
            '<orgName type="preferred">United Nations Security Council</orgName>\n'
            '      <orgName type="variant">Council of Fifteen Zq</orgName>',
        ),
        encoding="utf-8",
    )
    again = build(corpus, out, authority)
    assert again["encoded"] == 3 and again["published"] == 0
    assert warning in again["output"]
    assert warning in build(corpus, out, authority)["output"]  # and on the build after (not re-encoded)


def test_search_index_is_made_while_the_overview_pages_are(project, monkeypatch):
    """Pagefind (a process of its own) indexes the document pages beside the making of the overview
    pages, not after them: the overview pages are begun once indexing has started."""
    import threading

    import tei_encoder.build as b

    corpus, authority, out = project
    indexing, index_under_way = threading.Event(), []
    real_overviews = b.write_overviews

    def index(site, changed, lost, stop=None, jobs=1, *rest, **options):
        indexing.set()
        return []

    def overviews(*args, **kwargs):
        index_under_way.append(indexing.wait(timeout=5))  # made after the overview pages: never set here
        return real_overviews(*args, **kwargs)

    monkeypatch.setattr(b, "search_available", lambda: True)
    monkeypatch.setattr(b, "build_search_index", index)
    monkeypatch.setattr(b, "write_overviews", overviews)
    letter = corpus / "letter.txt"
    letter.write_text(letter.read_text(encoding="utf-8").replace("**", "**Revised: ", 1), encoding="utf-8")
    done = build(corpus, out, authority)
    assert done["exit_code"] == 0, done["output"]
    assert index_under_way == [True]


def test_a_stopped_search_index_begins_no_further_shard(tmp_path, monkeypatch):
    """A build that fails while its search index is being made stops it: no shard is begun after."""
    import threading

    import tei_encoder.search as search

    site = tmp_path / "site"
    (site / "docs").mkdir(parents=True)
    for name in ("a", "b"):
        (site / "docs" / f"{name}.html").write_text("<html><body><article>x</article></body></html>")
    begun = []
    monkeypatch.setattr(search, "_index_shard", lambda site, bundle, names, *rest: begun.append(names))
    stop = threading.Event()
    stop.set()
    assert search.build_search_index(site, None, (), stop) == [] and begun == []
    assert search.build_search_index(site, None, ()) == ["0"] and begun == [["a", "b"]]  # the control
