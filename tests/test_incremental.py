"""An incremental build equals a clean build, always (property-based).

Hypothesis makes a corpus change in random ways between builds — a record edited, added or
deleted, an authority entry's preferred name renamed, an output file deleted — and after each
incremental build the output folder must hold exactly the files, byte for byte, that a clean
build of the same corpus writes. More examples: TEI_FUZZ_EXAMPLES=50 pytest tests/test_incremental.py
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from conftest import record
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

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
def test_incremental_build_equals_clean_build(tmp_path_factory, changes):
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
