"""Give a store's promises the assumptions a real extraction records, for the query benchmarks.

    python benchmarks/add_assumptions.py STORE

The benchmark corpora hold no ``mbl:Assumption``, but ``kg extract`` records several a promise (the
police area not named, both parties taken to be responsible, a period counted from the signing
…). This adds, in each promise's own graph, six assumptions about the promise (``mbl:policeUnit``
with no value, as extract:police-area-not-named writes them) and, for every tenth promise, the two
about its period's start and end: enough for the saved queries' ``excludeAssumed`` tests to meet
real numbers of assumptions. It writes into STORE: run it on a copy.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pyoxigraph as ox

from kg.namespaces import OX
from kg.store.core import StoreSettings, open_store

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
DCAT = "http://www.w3.org/ns/dcat#"
_PERIODS = f"""SELECT ?g ?promise ?period ?start ?end WHERE {{ GRAPH ?g {{
  ?promise a <{OX.mbl.CitizenPromise.value}> ; <http://purl.org/dc/terms/temporal> ?period .
  ?period <{DCAT}startDate> ?start ; <{DCAT}endDate> ?end }} }}"""


def _assumption(
    graph: ox.NamedNode, promise: ox.NamedNode, k: int, s: ox.NamedNode, p: str, o: object | None
) -> list[ox.Quad]:
    """The quads of one ``mbl:Assumption`` (``promise``'s ``k``-th) about ``(s, p, o)``."""
    a = ox.NamedNode(f"{promise.value}/assumption/{k}")
    quads = [
        ox.Quad(a, ox.NamedNode(RDF + "type"), OX.mbl.Assumption, graph),
        ox.Quad(a, ox.NamedNode(RDF + "subject"), s, graph),
        ox.Quad(a, ox.NamedNode(RDF + "predicate"), ox.NamedNode(p), graph),
    ]
    if o is not None:
        quads.append(ox.Quad(a, ox.NamedNode(RDF + "object"), o, graph))  # type: ignore[arg-type]
    return quads


def add_assumptions(store: Path) -> tuple[int, int]:
    """(promises, quads added)."""
    with open_store(StoreSettings(store, create=False)) as st:
        rows = list(st.raw.query(_PERIODS))
        quads: list[ox.Quad] = []
        for i, r in enumerate(rows):
            g, promise, period = r["g"], r["promise"], r["period"]
            for k in range(6):
                quads += _assumption(g, promise, k, promise, OX.mbl.policeUnit.value, None)
            if i % 10 == 0:
                quads += _assumption(g, promise, 7, period, DCAT + "startDate", r["start"])
                quads += _assumption(g, promise, 8, period, DCAT + "endDate", r["end"])
        st.raw.bulk_extend(quads)
    return len(rows), len(quads)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store", type=Path)
    promises, quads = add_assumptions(ap.parse_args().store)
    print(f"{promises} promises, {quads} quads added")


if __name__ == "__main__":
    main()
