"""Stage 3 — enrich: Document -> Document.

Transforms applied in order, each a function of the document:
    editorial  brackets, notes and page markers -> sic, supplied, gap, foreign, note, pb
    entities   names and dates -> persName, placeName, orgName, date, linked to an authority
"""

from __future__ import annotations

from ..model import Document
from .editorial import mark_editorial
from .entities import EntityRecognizer, tag_entities

__all__ = ["enrich", "EntityRecognizer"]


def enrich(doc: Document, recognizer: EntityRecognizer) -> Document:
    """Stage 3: editorial marks first (so brackets are markup, not names), then names and dates.
    Input: a parsed Document and the recogniser; output: the same Document, enriched.
    """
    doc = mark_editorial(doc)
    doc = tag_entities(doc, recognizer)
    return doc
