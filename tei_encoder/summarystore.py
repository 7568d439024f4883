"""The build's store of document summaries (what the index and registers show), kept between builds.

An SQLite database (the standard library's sqlite3) in OUT/.tei-encoder/summaries.sqlite, so that
a build holds in memory only what it is using: a summary is written as soon as its record is
encoded, one document's summary is read without reading the others (a one-record edit), and the
keyword-in-context sentences, which are nine tenths of a summary's size, are never all in memory
at once: an entry page's input reads the contexts of one entity in one document at a time.

Tables: `meta` (the store's format), `entities` (each entity's description, once for the whole
edition), `docs` (each document's summary without its contexts and entity table), `contexts`
(one row per entity and document: the sentences of its mentions, in mention order).

Changes become visible to the next build only when `save` commits them; a build that fails
`close`s the store, and the changes are rolled back. A full build writes a new database beside
the old one and puts it in place when it is saved, so a failed full build leaves the last state.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from .fsutil import check_owned_paths, is_owned_file, new_file_mode
from .teidoc import DocumentSummary, EntryInfo, KeywordInContext

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entities (ref TEXT PRIMARY KEY, info TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS docs (name TEXT PRIMARY KEY, summary TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS contexts (
    doc TEXT NOT NULL, ref TEXT NOT NULL, kwic TEXT NOT NULL, PRIMARY KEY (doc, ref)
);
CREATE INDEX IF NOT EXISTS contexts_by_ref ON contexts (ref);
"""
# rows in document order, as they are written (a table clustered by entity, or WITHOUT ROWID with rows
# this long, made the file twice as large); an entry page reads all rows of its entity in one query
# through contexts_by_ref (one query per document took 8,800 reads for 30 entry pages)


def _dumps(data) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


@dataclass(frozen=True)
class StoredSummary:
    """A document summary as the store keeps it, serialised once (a build worker makes it, so that the
    build compares it with the last one and stores it without serialising the summary again).

    doc: the summary without its contexts and entity table (the `docs` row); contexts: (entity id,
    its keyword-in-context sentences) in id order (the `contexts` rows); entities: (entity id, its
    description), in id order, for the entities the document mentions; digest: a hash of all three,
    everything the index and registers show of the document (equal digests, equal pages).
    """

    doc: str
    contexts: tuple[tuple[str, str], ...]
    entities: tuple[tuple[str, str], ...]
    digest: str

    @classmethod
    def of(cls, summary: DocumentSummary) -> StoredSummary:
        """The stored form of summary."""
        data = summary.to_json(with_entities=False)
        contexts = tuple((ref, _dumps(cs)) for ref, cs in sorted(data.pop("contexts").items()))
        entities = tuple(
            (ref, _dumps(summary.entities[ref].to_json()))
            for ref in sorted(summary.mentions)
            if ref in summary.entities
        )
        doc = _dumps(data)
        h = hashlib.sha256(doc.encode())
        for table in (contexts, entities):
            h.update(b"\1")
            for ref, text in table:
                h.update(f"\0{ref}\0{text}".encode())
        return cls(doc, contexts, entities, h.hexdigest())

    def with_contexts(self, summary: DocumentSummary) -> DocumentSummary:
        """summary (the same document's, without its contexts) with the contexts read back from here."""
        return replace(
            summary,
            contexts={ref: [KeywordInContext.from_json(c) for c in json.loads(text)] for ref, text in self.contexts},
        )


def store_format(path: Path) -> str | None:
    """The format recorded in the store at `path`, or None when there is no readable store there."""
    if not is_owned_file(path):  # lstat: a link, even to a store, a named pipe is never opened
        return None
    try:
        db = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
        try:
            row = db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
        finally:
            db.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None


class StoredContexts(Mapping[str, list[KeywordInContext]]):
    """One document's keyword-in-context sentences, read from the store entity by entity when asked
    for (a Mapping: entity id -> the contexts of its mentions, in mention order)."""

    def __init__(self, db: sqlite3.Connection, doc: str):
        self._db, self._doc = db, doc

    def __getitem__(self, ref: str) -> list[KeywordInContext]:
        row = self._db.execute("SELECT kwic FROM contexts WHERE doc = ? AND ref = ?", (self._doc, ref)).fetchone()
        if row is None:
            raise KeyError(ref)
        return [KeywordInContext.from_json(c) for c in json.loads(row[0])]

    def _refs(self) -> list[str]:
        return [r for (r,) in self._db.execute("SELECT ref FROM contexts WHERE doc = ? ORDER BY ref", (self._doc,))]

    def __iter__(self) -> Iterator[str]:
        return iter(self._refs())

    def __len__(self) -> int:
        return len(self._refs())


class SummaryStore:
    """Per-document summaries for the index and registers (see the module docstring).

    path: the database; load: read the last build's summaries (False: start empty, as a full build
    does; the old store stays in place until `save`); state_format: the build state's format, a
    store of another format is not read. Raises sqlite3.Error when the database cannot be opened,
    OutputError when the store or its new copy is not a regular file itself (lstat: a symbolic
    link, a named pipe): a path the build owns, never opened, written through or replaced.
    """

    def __init__(self, path: Path, load: bool, state_format: int):
        check_owned_paths(path.parent, (), (path.name, f"{path.name}.new"))
        self.path = path
        self._format = str(state_format)
        self._target: Path | None = None
        if not load or store_format(path) != self._format:
            self._target, path = path, path.with_name(path.name + ".new")  # put in place by save()
            path.unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db_path = path
        self.db = sqlite3.connect(path)
        self.db.executescript(SCHEMA)
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('format', ?)", (self._format,))
        self.entities: dict[str, EntryInfo] = {
            ref: EntryInfo.from_json(json.loads(info))
            for ref, info in self.db.execute("SELECT ref, info FROM entities")
        }
        self.changed = self._target is not None

    def _summary(self, name: str, text: str, entities: dict[str, EntryInfo]) -> DocumentSummary:
        data = json.loads(text)
        data["contexts"] = {}
        summary = DocumentSummary.from_json(data, entities=entities)
        return replace(summary, contexts=StoredContexts(self.db, name))

    def get(self, name: str) -> DocumentSummary | None:
        """A document's summary with the descriptions of the entities it mentions (None: not stored)."""
        row = self.db.execute("SELECT summary FROM docs WHERE name = ?", (name,)).fetchone()
        if row is None:
            return None
        summary = self._summary(name, row[0], {})
        return summary.with_entities(
            {ref: self.entities.get(ref, EntryInfo("place", ref, "unresolved")) for ref in summary.mentions}
        )

    def all(self) -> list[DocumentSummary]:
        """Every summary, by name, sharing the edition-wide entity table (readers look up mentioned
        ids only); their contexts are read from the store when asked for."""
        rows = self.db.execute("SELECT name, summary FROM docs ORDER BY name")
        return [self._summary(name, text, self.entities) for name, text in rows]

    def put(self, name: str, summary: DocumentSummary, stored: StoredSummary | None = None) -> set[str]:
        """Store a summary (stored: its StoredSummary, when already made); returns the entities
        whose description changed."""
        stored = stored or StoredSummary.of(summary)
        changed = {ref for ref in summary.mentions if self.entities.get(ref) != summary.entities.get(ref)}
        for ref, info in stored.entities:
            if ref in changed:
                self.entities[ref] = summary.entities[ref]
                self.db.execute("INSERT OR REPLACE INTO entities VALUES (?, ?)", (ref, info))
        self.db.execute("INSERT OR REPLACE INTO docs VALUES (?, ?)", (name, stored.doc))
        self.db.execute("DELETE FROM contexts WHERE doc = ?", (name,))
        self.db.executemany("INSERT INTO contexts VALUES (?, ?, ?)", [(name, ref, cs) for ref, cs in stored.contexts])
        self.changed = True
        return changed

    def contexts_of(self, ref: str, docs: Sequence[str] | None = None) -> dict[str, list[KeywordInContext]]:
        """The keyword-in-context sentences of one entity in the documents `docs` (None: every
        document that mentions it): document name -> the contexts of its mentions there, in mention
        order, read in one query: what a page of its entry shows. Sees this build's changes not yet saved."""
        if docs is not None:
            marks = ",".join("?" * len(docs))
            rows = self.db.execute(f"SELECT doc, kwic FROM contexts WHERE ref = ? AND doc IN ({marks})", (ref, *docs))
        else:
            rows = self.db.execute("SELECT doc, kwic FROM contexts WHERE ref = ?", (ref,))
        return {doc: [KeywordInContext.from_json(c) for c in json.loads(text)] for doc, text in rows}

    def remove(self, name: str) -> None:
        """Forget a document that left the corpus."""
        self.db.execute("DELETE FROM docs WHERE name = ?", (name,))
        self.db.execute("DELETE FROM contexts WHERE doc = ?", (name,))
        self.changed = True

    def save(self) -> None:
        """Commit the changes (a new store is put in place of the old one) and close the store."""
        if self.changed:
            self.db.commit()
        self.db.close()
        if self._target is not None:
            os.chmod(self._db_path, new_file_mode())  # SQLite makes it 0644 whatever the umask says
            os.replace(self._db_path, self._target)

    def close(self) -> None:
        """Close the store without saving: this build's changes are rolled back (never raises)."""
        try:
            self.db.rollback()
            self.db.close()
        except sqlite3.Error:
            pass  # closed already, or the disk fails: nothing was committed
        if self._target is not None:
            self._db_path.unlink(missing_ok=True)
