"""Entries of different documents that share an xml:id but describe different entities.

An xml:id is local to its document (TEI P5 §1.3.1.1.3, att.global): `<person xml:id="p1">` in one
letter and `<person xml:id="p1">` in another are one entity only when they say so. The edition
merges the entries of one id when they agree (the same kind and preferred name, or a shared
identifier: a project-wide register repeated in each file, an authority file's entry copied into
each document); entries that disagree stay apart, each scoped by the first document (by name)
that gives it, and the clash is reported. A wrong merge is worse than no merge (issue #15).

The test runs once per publish over the documents' summaries (no document is read again unless
it is part of a clash).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .teidoc import DocumentSummary, EntryInfo

SCOPE_MARK = "~"  # not an XML name character: a scoped key never equals an xml:id


def scoped_key(key: str, document: str) -> str:
    """The key an entity KEY of DOCUMENT (its output name) takes when entries of that id clash."""
    return f"{key}{SCOPE_MARK}{document}"


@dataclass(frozen=True)
class Clash:
    """One xml:id whose entries disagree: per entity, (its scoped key, its name, its documents)."""

    key: str
    kind: str
    groups: tuple[tuple[str, str, tuple[str, ...]], ...]


# entries tei-encoder made itself (rule, gazetteer: resp="#encoder") have edition-wide ids by
# construction (the build merges them): they agree with each other whatever their names
_ENCODER_MADE = frozenset({"rule", "gazetteer"})


def _signature(info: EntryInfo) -> tuple[str, str]:
    if info.source in _ENCODER_MADE:
        return info.kind, "\x00encoder"
    return info.kind, " ".join(unicodedata.normalize("NFC", info.name).casefold().split())


def entry_clashes(summaries: Iterable[DocumentSummary]) -> tuple[dict[str, dict[str, str]], list[Clash]]:
    """Which entities to keep apart, from the documents' summaries.

    Input: the summaries (DocumentSummary.entities: an entity the document itself describes has a
    source other than "unresolved"). Output: document name -> {key -> scoped key} for each
    document holding a clashing entry (the rest are not listed), and the clashes, by key. Entries
    of one id agree when they have the same kind and the same preferred name (letter case and
    spacing aside) or share an identifier (idno), or when tei-encoder made both (its ids are
    edition-wide); agreeing entries stay one entity. A document
    that only points to the id (no entry of its own) keeps the plain key."""
    by_key: dict[str, list[tuple[str, EntryInfo]]] = {}
    for s in summaries:
        for key, info in s.entities.items():
            if info.source != "unresolved":
                by_key.setdefault(key, []).append((s.name, info))
    scopes: dict[str, dict[str, str]] = {}
    clashes: list[Clash] = []
    for key in sorted(by_key):
        described = by_key[key]
        first = _signature(described[0][1])
        if all(_signature(info) == first for _, info in described[1:]):
            continue  # the common case: one register repeated, or one document
        groups = _agreeing(described)
        if len(groups) < 2:
            continue
        found = []
        for docs, info in groups:
            scoped = scoped_key(key, docs[0])
            found.append((scoped, info.name, docs))
            for doc in docs:
                scopes.setdefault(doc, {})[key] = scoped
        clashes.append(Clash(key, described[0][1].kind, tuple(found)))
    return scopes, clashes


def _agreeing(described: list[tuple[str, EntryInfo]]) -> list[tuple[tuple[str, ...], EntryInfo]]:
    """The documents of one id in groups whose entries agree (same signature, or a shared idno),
    each group's documents sorted, the groups by their first document."""
    groups: list[tuple[set[tuple[str, str]], set[str], list[str], EntryInfo]] = []
    for doc, info in sorted(described, key=lambda d: d[0]):
        signature = {_signature(info)}
        idnos = {value for _, value in info.idnos if value}
        joined = [g for g in groups if g[0] & signature or g[1] & idnos]
        if not joined:
            groups.append((signature, idnos, [doc], info))
            continue
        keep = joined[0]
        for other in joined[1:]:  # an entry that agrees with two groups makes them one
            keep[0].update(other[0])
            keep[1].update(other[1])
            keep[2].extend(other[2])
            groups.remove(other)
        keep[0].update(signature)
        keep[1].update(idnos)
        keep[2].append(doc)
    ordered = [(tuple(sorted(docs)), info) for _, _, docs, info in groups]
    return sorted(ordered, key=lambda g: g[0][0])


def clash_message(clash: Clash, files: Mapping[str, str]) -> str:
    """One line naming the id and the files whose entries of it disagree (FILES: document name ->
    its file as given), and the pages each entity got."""
    parts = [f"{name!r} in {', '.join(files.get(d, d) for d in docs)}" for _scoped, name, docs in clash.groups]
    return (
        f"xml:id {clash.key!r} names different entities ({clash.kind}): "
        + " and ".join(parts)
        + "; kept apart, each document linking its own"
    )
