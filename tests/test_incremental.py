"""An incremental build equals a clean build, always (property-based).

Hypothesis makes a corpus change in random ways between builds — a record edited, added or
deleted, an authority entry's preferred name renamed, an output file deleted — and after each
incremental build the output folder must hold exactly the files, byte for byte, that a clean
build of the same corpus writes. More examples: TEI_FUZZ_EXAMPLES=50 pytest tests/test_incremental.py
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import record
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tei_encoder import publish, search
from tei_encoder.build import STATE, BuildOptions, run_build
from tei_encoder.pipeline import EncodeSettings

PEOPLE = ("Ann Example", "Bert Sample", "Cora Testcase")
AUTHORITY = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Invented persons</title></titleStmt>
<publicationStmt><p>Test data.</p></publicationStmt><sourceDesc><p>Invented.</p></sourceDesc></fileDesc></teiHeader>
<text><body><listPerson>
{entries}
</listPerson></body></text></TEI>
"""
ENTRY = '<person xml:id="{id}"><persName type="preferred">{name}</persName><persName type="variant">{variant}</persName></person>'


class Quiet:
    """A reporter that keeps nothing (the comparison is what matters)."""

    verbose = False

    def warning(self, path, message):
        pass

    def error(self, path, message):
        pass

    def info(self, message):
        pass


def write_authority(folder: Path, names: dict[str, str]) -> None:
    entries = "\n".join(ENTRY.format(id=f"p{i}", name=names[p], variant=p) for i, p in enumerate(PEOPLE))
    (folder / "persons.xml").write_text(AUTHORITY.format(entries=entries), encoding="utf-8")


def record_text(n: int, people: tuple[str, ...], edit: int) -> str:
    said = " ".join(f"{p} spoke on point {n + k}." for k, p in enumerate(people))
    return record(f"{said}\n\nRevision {edit} of the minutes.\n")


def snapshot(out: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(out)): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and STATE.name not in p.relative_to(out).parts
    }


def build(corpus: Path, authority: Path, out: Path, force: bool = False) -> None:
    settings = EncodeSettings(authority=(authority,), change_date="2026-01-01", gazetteer=False)
    run_build(corpus, out, settings, Quiet(), BuildOptions(jobs=1, force=force))


change = st.one_of(
    st.tuples(st.just("edit"), st.integers(0, 3), st.lists(st.sampled_from(PEOPLE), max_size=3)),
    st.tuples(st.just("delete"), st.integers(0, 3), st.just([])),
    st.tuples(st.just("rename"), st.integers(0, 2), st.just([])),
    st.tuples(st.just("lose-output"), st.integers(0, 40), st.just([])),
    st.tuples(st.just("retitle"), st.integers(0, 3), st.just([])),
)


@settings(
    max_examples=int(os.environ.get("TEI_FUZZ_EXAMPLES", "0")) or 4,
    deadline=None,
    database=None,
    derandomize="TEI_FUZZ_EXAMPLES" not in os.environ,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.lists(change, min_size=1, max_size=3))
@example(changes=[("rename", 0, [])])  # the index once kept the old name
@example(changes=[("lose-output", 2, []), ("lose-output", 9, [])])  # a deleted page was never restored
@example(changes=[("retitle", 2, []), ("edit", 2, ["Ann Example"])])
def test_incremental_build_equals_clean_build(tmp_path_factory, monkeypatch, changes):
    # one page a search shard: edits and deletions move pages between shards and change their count
    monkeypatch.setattr(search, "PAGES_PER_SHARD", 1)
    # one document a page of an entry: edits, retitles and deletions move documents between its pages
    monkeypatch.setattr(publish, "ENTRY_DOCS_PER_PAGE", 1)
    root = tmp_path_factory.mktemp("incremental")
    corpus, authority, out, clean = root / "corpus", root / "authority", root / "out", root / "clean"
    corpus.mkdir()
    authority.mkdir()
    names = {p: p for p in PEOPLE}
    write_authority(authority, names)
    for n in range(3):
        (corpus / f"rec{n}.txt").write_text(record_text(n, PEOPLE[: n + 1], 0), encoding="utf-8")
    build(corpus, authority, out)
    for step, (kind, which, people) in enumerate(changes, start=1):
        if kind == "edit":
            (corpus / f"rec{which}.txt").write_text(record_text(which, tuple(people), step), encoding="utf-8")
        elif kind == "delete":
            (corpus / f"rec{which}.txt").unlink(missing_ok=True)
        elif kind == "retitle":
            # a new title and date: the index and the entry pages listing the document change, not the registers
            path = corpus / f"rec{which}.txt"
            if path.exists():
                body = path.read_text(encoding="utf-8").split("Translation - English\n\n", 1)[1]
                retitled = record(body).replace("A Test Record", f"Retitled Record {step}")
                path.write_text(retitled.replace("June 9, 1961", f"July {step}, 1962"), encoding="utf-8")
        elif kind == "rename":
            person = PEOPLE[which]
            names[person] = f"{person} (renamed {step})"
            write_authority(authority, names)
        else:
            outputs = sorted(snapshot(out))
            if outputs:
                (out / outputs[which % len(outputs)]).unlink()
        build(corpus, authority, out)
        if clean.exists():
            shutil.rmtree(clean)
        build(corpus, authority, clean, force=True)
        assert snapshot(out) == snapshot(clean), (step, kind, which)


def test_an_edited_sentence_reaches_the_entry_page_of_its_mention(tmp_path):
    """A record edited around a mention, with the same entities mentioned the same number of times:
    the incremental build re-renders the entry page with the new keyword-in-context sentence and
    equals a clean build (the context is part of what the build compares, not only the mentions)."""
    corpus, authority, out, clean = tmp_path / "corpus", tmp_path / "authority", tmp_path / "out", tmp_path / "clean"
    corpus.mkdir()
    authority.mkdir()
    write_authority(authority, {p: p for p in PEOPLE})
    rec = corpus / "rec0.txt"
    rec.write_text(record("Ann Example spoke first about the grain harvest.\n"), encoding="utf-8")
    (corpus / "rec1.txt").write_text(record_text(1, PEOPLE[:2], 0), encoding="utf-8")
    build(corpus, authority, out)
    entry = out / "site" / "persons" / "p0.html"
    assert "the grain harvest" in entry.read_text(encoding="utf-8")
    rec.write_text(record("Ann Example spoke first about the timber quotas.\n"), encoding="utf-8")
    build(corpus, authority, out)
    page = entry.read_text(encoding="utf-8")
    assert "the timber quotas" in page and "the grain harvest" not in page
    build(corpus, authority, clean, force=True)
    assert snapshot(out) == snapshot(clean)


def test_an_edit_indexes_only_the_search_shard_of_its_page(tmp_path, monkeypatch):
    """Pagefind has no incremental mode: an edited record re-indexes the one shard its page is in,
    and the other shards' bundles are left as they are (the same files, not written again)."""
    monkeypatch.setattr(search, "PAGES_PER_SHARD", 1)
    corpus, authority, out = tmp_path / "corpus", tmp_path / "authority", tmp_path / "out"
    corpus.mkdir()
    authority.mkdir()
    write_authority(authority, {p: p for p in PEOPLE})
    for n in range(4):
        (corpus / f"rec{n}.txt").write_text(record_text(n, PEOPLE[: n % 3 + 1], 0), encoding="utf-8")
    build(corpus, authority, out)
    index = out / "site" / search.SEARCH_DIR

    def stamps() -> dict[str, int]:
        return {str(p.relative_to(index)): p.stat().st_mtime_ns for p in index.rglob("*") if p.is_file()}

    layout = json.loads((index / search.SHARDS_FILE).read_text())
    edited = search.shard_of("rec1", layout["count"])
    assert layout["count"] == 4 and len(layout["bundles"]) > 1
    before = stamps()
    (corpus / "rec1.txt").write_text(record_text(1, PEOPLE[:2], 1), encoding="utf-8")
    build(corpus, authority, out)
    after = stamps()
    rewritten = {Path(f).parts[0] for f in after if after[f] != before.get(f)}
    assert rewritten == {edited}, rewritten


def test_an_edit_renders_only_the_page_of_an_entry_that_lists_its_document(tmp_path, monkeypatch):
    """An entry is paged (#16): an edited sentence re-renders the one page of the entry listing its
    document, not the entry's other pages; a document fewer removes the entry's last page; each
    time the site equals a clean build's."""
    monkeypatch.setattr(publish, "ENTRY_DOCS_PER_PAGE", 1)
    corpus, authority, out, clean = tmp_path / "corpus", tmp_path / "authority", tmp_path / "out", tmp_path / "clean"
    corpus.mkdir()
    authority.mkdir()
    write_authority(authority, {p: p for p in PEOPLE})
    for n in range(4):  # four documents naming Ann Example alone, one a year: four pages, in date order
        text = record(f"Ann Example reported on the harvest of region {n}.\n").replace("1961", str(1961 + n))
        (corpus / f"rec{n}.txt").write_text(text, encoding="utf-8")
    settings = EncodeSettings(authority=(authority,), change_date="2026-01-01", gazetteer=False)
    run_build(corpus, out, settings, Quiet(), BuildOptions(jobs=1, search=False))
    persons = out / "site" / "persons"
    pages = [persons / "p0.html", *(persons / f"p0.{k}.html" for k in (2, 3, 4))]
    assert [f"region {n}" in page.read_text(encoding="utf-8") for n, page in enumerate(pages)] == [True] * 4
    before = {page: page.stat().st_mtime_ns for page in pages}
    edited = corpus / "rec2.txt"
    edited.write_text(edited.read_text(encoding="utf-8").replace("the harvest", "the timber"), encoding="utf-8")
    summary = run_build(corpus, out, settings, Quiet(), BuildOptions(jobs=1, search=False))
    assert summary.overview_pages == 1, summary.overview_pages
    assert [page for page in pages if page.stat().st_mtime_ns != before[page]] == [pages[2]]
    assert "the timber of region 2" in pages[2].read_text(encoding="utf-8")
    run_build(corpus, clean, settings, Quiet(), BuildOptions(jobs=1, search=False, force=True))
    assert snapshot(out) == snapshot(clean)
    (corpus / "rec1.txt").unlink()
    run_build(corpus, out, settings, Quiet(), BuildOptions(jobs=1, search=False))
    assert not pages[3].exists() and "region 3" in pages[2].read_text(encoding="utf-8")
    shutil.rmtree(clean)
    run_build(corpus, clean, settings, Quiet(), BuildOptions(jobs=1, search=False, force=True))
    assert snapshot(out) == snapshot(clean)


def test_a_new_title_remakes_the_index_and_entry_pages_not_the_registers(tmp_path):
    """A register shows each entity's forms and counts, not the documents' titles: a record given
    a new title and date remakes the index and the entry pages of the entities it mentions (which
    list it by title), and no register; the result equals a clean build."""
    corpus, authority, out, clean = tmp_path / "corpus", tmp_path / "authority", tmp_path / "out", tmp_path / "clean"
    corpus.mkdir()
    authority.mkdir()
    write_authority(authority, {p: p for p in PEOPLE})
    for n in range(3):
        (corpus / f"rec{n}.txt").write_text(record_text(n, PEOPLE[: n + 1], 0), encoding="utf-8")
    settings = EncodeSettings(authority=(authority,), change_date="2026-01-01", gazetteer=False)
    run_build(corpus, out, settings, Quiet(), BuildOptions(jobs=1, search=False))
    text = record_text(1, PEOPLE[:2], 0).replace("A Test Record", "A Renamed Record")
    (corpus / "rec1.txt").write_text(text.replace("June 9, 1961", "July 2, 1962"), encoding="utf-8")
    summary = run_build(corpus, out, settings, Quiet(), BuildOptions(jobs=1, search=False))
    # index.html and the two entry pages of Ann Example and Bert Sample
    assert summary.overview_pages == 3, summary.overview_pages
    assert "A Renamed Record" in (out / "site" / "persons" / "p1.html").read_text(encoding="utf-8")
    run_build(corpus, clean, settings, Quiet(), BuildOptions(jobs=1, search=False, force=True))
    assert snapshot(out) == snapshot(clean)


def test_a_record_that_fails_now_leaves_nothing_of_its_earlier_build(tmp_path):
    """A record that built before and now fails (cut down to its header): the incremental build
    removes its TEI, page, TEI copy, entry pages and index entry, as a clean build has none."""
    corpus, authority, out, clean = tmp_path / "corpus", tmp_path / "authority", tmp_path / "out", tmp_path / "clean"
    corpus.mkdir()
    authority.mkdir()
    write_authority(authority, {p: p for p in PEOPLE})
    (corpus / "rec0.txt").write_text(record_text(0, PEOPLE[:1], 0), encoding="utf-8")
    (corpus / "rec1.txt").write_text(record_text(1, PEOPLE[1:], 0), encoding="utf-8")
    build(corpus, authority, out)
    assert (out / "tei" / "rec1.xml").is_file() and (out / "site" / "persons" / "p2.html").is_file()
    (corpus / "rec1.txt").write_text(record(""), encoding="utf-8")  # no document text: fails
    build(corpus, authority, out)
    build(corpus, authority, clean, force=True)
    assert snapshot(out) == snapshot(clean)
    assert not (out / "tei" / "rec1.xml").exists() and not (out / "site" / "docs" / "rec1.html").exists()
    assert not (out / "site" / "persons" / "p2.html").exists()


def test_a_switched_option_leaves_no_entry_page_of_the_build_before(tmp_path):
    """Switching the gazetteer off (a build with other options: every page made again): the entry
    pages of the places it linked before are removed, as a clean build has none of them."""
    corpus, out, clean = tmp_path / "corpus", tmp_path / "out", tmp_path / "clean"
    corpus.mkdir()
    (corpus / "rec0.txt").write_text(record("The delegation flew from Hanoi to Warsaw in May.\n"), encoding="utf-8")

    def build_with(folder: Path, gazetteer: bool, force: bool = False) -> None:
        settings = EncodeSettings(change_date="2026-01-01", gazetteer=gazetteer)
        run_build(corpus, folder, settings, Quiet(), BuildOptions(jobs=1, force=force, search=False))

    build_with(out, True)
    assert any(p.name.startswith("gn-") for p in (out / "site" / "places").iterdir())
    build_with(out, False)
    build_with(clean, False, force=True)
    assert snapshot(out) == snapshot(clean)


def test_another_authority_leaves_no_entry_page_of_the_one_before(tmp_path):
    """Switching --authority to another folder (other ids for the same persons): the entry pages of
    the earlier authority's ids are removed, as a clean build has none of them."""
    corpus, out, clean = tmp_path / "corpus", tmp_path / "out", tmp_path / "clean"
    first, second = tmp_path / "first", tmp_path / "second"
    for folder in (corpus, first, second):
        folder.mkdir()
    write_authority(first, {p: p for p in PEOPLE})
    entries = "\n".join(ENTRY.format(id=f"q{i}", name=p, variant=p) for i, p in enumerate(PEOPLE))
    (second / "persons.xml").write_text(AUTHORITY.format(entries=entries), encoding="utf-8")
    for n in range(2):
        (corpus / f"rec{n}.txt").write_text(record_text(n, PEOPLE, 0), encoding="utf-8")
    build(corpus, first, out)
    assert (out / "site" / "persons" / "p0.html").is_file()
    build(corpus, second, out)
    build(corpus, second, clean, force=True)
    assert (out / "site" / "persons" / "q0.html").is_file()
    assert snapshot(out) == snapshot(clean)


def _lose_index(out: Path) -> None:
    (out / "site" / "index.html").unlink()


def _older_state(out: Path) -> None:
    path = out / STATE / "records.json"
    state = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**state, "format": state["format"] - 1, "version": "0.0.0"}), encoding="utf-8")


def _lose_summaries(out: Path) -> None:
    (out / STATE / "summaries.sqlite").unlink()


# each invalidates the whole build state (every record encoded again, every page made again)
STATE_CHANGES = {
    "none": ({}, {}, None),  # the incremental path: a record too large to read once kept its outputs
    "date": ({"change_date": "2027-02-02"}, {}, None),
    "encoding": ({"encoding": "cp1252"}, {}, None),
    "gazetteer": ({"gazetteer": True}, {}, None),
    "record-format": ({"record_format": "plain"}, {}, None),
    "force": ({}, {"force": True}, None),
    "lost-index": ({}, {}, _lose_index),
    "older-state": ({}, {}, _older_state),
    "lost-summaries": ({}, {}, _lose_summaries),
}


@pytest.mark.parametrize("change", sorted(STATE_CHANGES))
@pytest.mark.parametrize("how", ["fails", "deleted", "too-large"])
def test_a_record_withdrawn_with_a_setting_change_leaves_nothing_published(tmp_path, change, how):
    """A record that fails (emptied, or too large to read) or is deleted in the same build as a change
    that makes the build ignore its state (--date, --encoding, --no-gazetteer, --record-format,
    --force, a lost index or summaries, an older state): its TEI, page and TEI copy go and are
    counted as removed, as without the change (and as a record too large to read now, even without one),
    and later builds (--force too) leave none of them
    (#15: they once stayed published, linked from nowhere and validated as current)."""
    corpus, out, clean = tmp_path / "corpus", tmp_path / "out", tmp_path / "clean"
    corpus.mkdir()
    for n in range(3):
        (corpus / f"rec{n}.txt").write_text(record_text(n, PEOPLE[: n + 1], 0), encoding="utf-8")
    base = EncodeSettings(change_date="2026-01-01", gazetteer=False, max_record_bytes=4000)
    run_build(corpus, out, base, Quiet(), BuildOptions(jobs=1, search=False))
    assert (out / "site" / "docs" / "rec2.html").is_file()
    victim = corpus / "rec2.txt"
    if how == "fails":
        victim.write_text("", encoding="utf-8")
    elif how == "deleted":
        victim.unlink()
    else:
        victim.write_text(record_text(2, PEOPLE, 0) + "More words.\n" * 400, encoding="utf-8")
    changed, options, damage = STATE_CHANGES[change]
    settings = EncodeSettings(**{**base.__dict__, **changed})
    if damage:
        damage(out)
    summary = run_build(corpus, out, settings, Quiet(), BuildOptions(jobs=1, search=False, **options))
    assert summary.removed == 1
    assert not (out / "tei" / "rec2.xml").exists()
    assert not (out / "site" / "docs" / "rec2.html").exists() and not (out / "site" / "tei" / "rec2.xml").exists()
    run_build(corpus, clean, settings, Quiet(), BuildOptions(jobs=1, search=False, force=True))
    assert snapshot(out) == snapshot(clean)
    again = run_build(corpus, out, settings, Quiet(), BuildOptions(jobs=1, search=False, force=True))
    assert again.removed == 0 and snapshot(out) == snapshot(clean)


def test_the_build_command_removes_a_record_emptied_with_a_new_date(tmp_path):
    """The reported steps (#15): three records built, one emptied, built again with --date: the
    summary line says 1 removed, and nothing of the record is left for `validate` to call valid."""
    from click.testing import CliRunner

    from tei_encoder.cli import main

    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    for n in range(3):
        (corpus / f"letter_{n}.txt").write_text(record_text(n, PEOPLE[: n + 1], 0), encoding="utf-8")
    first = CliRunner().invoke(main, ["build", str(corpus), "-o", str(out), "-j", "1", "--no-search"])
    assert first.exit_code == 0, first.output
    (corpus / "letter_2.txt").write_text("", encoding="utf-8")
    args = ["build", str(corpus), "-o", str(out), "-j", "1", "--no-search", "--date", "2026-01-01"]
    second = CliRunner().invoke(main, args)
    assert second.exit_code == 1 and "1 removed" in second.output.splitlines()[-1], second.output
    assert sorted(p.name for p in (out / "tei").iterdir()) == ["letter_0.xml", "letter_1.xml"]
    assert sorted(p.name for p in (out / "site" / "docs").iterdir()) == ["letter_0.html", "letter_1.html"]
