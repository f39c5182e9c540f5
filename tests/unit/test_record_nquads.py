"""A new document's record written as N-Quads text (kg.store.record_nquads, what a worker hands the
import's write) holds exactly the quads kg.store.catalogue.record_change inserts for it: term for
term, over values that need escaping, optional parts present and absent, another base."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.iris import Minter
from kg.store.catalogue import RecordFields, record_change
from kg.store.history import DocumentCounts
from kg.store.record_nquads import new_record_nquads

AWKWARD = 'C:\\stewards "own" folder\n\tÅre/löfte\u00a0\U0001f600\r.ttl'


@pytest.mark.parametrize(
    "base, values",
    [
        (None, {}),
        (
            "https://example.org/kg/",
            {
                "source": AWKWARD,
                "file_name": 'a "b" \\ c\nd.ttl',
                "context": 'ctx "1"\\\n',
                "municipality": None,
                "territory": None,
                "period": None,
                "example": True,
                "counts": {"violation": 0, "warning": 12, "info": 3},
            },
        ),
        (None, {"doc_id": "promise/0580-2023-2024-x", "example": True, "context": None, "kind": "followup"}),
    ],
)
def test_the_text_holds_the_quads_record_change_inserts(base: str | None, values: dict[str, object]) -> None:
    minter = Minter(base) if base else Minter()
    args: dict[str, object] = {
        "doc_id": "promise/0580-2023",
        "kind": "promise",
        "source": "/data/0580/löfte.ttl",
        "file_name": "löfte.ttl",
        "sha256": "ab" * 32,
        "size": 12345,
        "counts": {"warning": 2},
        "municipality": "https://example.org/municipality/0580",
        "territory": "https://example.org/area/0580",
        "period": "https://example.org/period/2023",
        "example": False,
        "context": "digest-1|fmt=",
    }
    args.update(values)
    args["document"] = str(minter.id(str(args["doc_id"])))
    counts = DocumentCounts(assumptions=3, activities=7, with_actor=5, with_frequency=1, with_type=7)
    moment = "2026-12-06T18:01:02.034500Z"
    fields = RecordFields(**args)  # type: ignore[arg-type]
    expected = record_change(minter, fields, previous=None, timestamp=moment, document_counts=counts).insert
    text = new_record_nquads(minter, fields, document_counts=counts, moment=moment)
    got = list(ox.parse(text, format=ox.RdfFormat.N_QUADS))
    assert len(got) == len(expected)
    assert set(got) == set(expected)
    assert text.endswith(b" .\n")
