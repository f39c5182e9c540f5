"""Validation of documents already in the store (``kg validate --document`` / ``--all``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import Graph, URIRef

from kg.iris import Minter
from kg.namespaces import MBL
from kg.store.core import GraphStore
from kg.validation.documents import TriplesDocument
from kg.validation.report import ValidationReport

if TYPE_CHECKING:
    from kg.validation.validator import Validator


def validate_stored(
    validator: Validator,
    store: GraphStore,
    minter: Minter,
    doc_ids: Sequence[str] | None = None,
    *,
    batch_size: int = 64,
) -> list[ValidationReport]:
    """Validate documents already in the store (``doc_ids``, or every catalogued document).

    Each document is validated on its own named graph plus the reference data it points to,
    exactly as at import; a follow-up also with its stored promise (none when the promise was
    removed: the shapes then report it missing). Raises :class:`kg.errors.DocumentNotFound` for
    an unknown ID.
    """
    from kg.authoring.followup import promise_context
    from kg.store.catalogue import get_record, list_records

    follows = ox.NamedNode(str(MBL.followsUp))
    records = [get_record(store, minter, d) for d in doc_ids] if doc_ids else list_records(store, minter)
    reports: list[ValidationReport] = []
    for start in range(0, len(records), batch_size):
        chunk = records[start : start + batch_size]
        docs = [
            TriplesDocument(list(store.quads(rec.graph)), rec.document, f"{rec.doc_id} ({rec.file_name})")
            for rec in chunk
        ]
        contexts: list[Graph | None] = []
        for rec, doc in zip(chunk, docs, strict=True):
            quads = doc.quads
            subject = ox.NamedNode(rec.document)
            promise = next((q.object for q in quads if q.subject == subject and q.predicate == follows), None)
            context = (
                promise_context(store, minter, URIRef(promise.value))
                if isinstance(promise, ox.NamedNode)
                else None
            )
            contexts.append(context)
        reports.extend(validator.validate(docs, contexts))
    return reports
