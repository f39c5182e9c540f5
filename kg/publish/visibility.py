"""Can the saved queries see what is in the remote's named graphs?

The saved queries name no graph: they read the default graph, which must be the union of the
named graphs (as in the embedded store). Oxigraph's server and Fuseki do not do that unless told
to; Virtuoso and GraphDB do by default. Both checks here compare one triple the remote holds in a
named graph with what a query without ``GRAPH`` sees:

* :func:`check_published`: after ``kg publish``, a triple just sent; unseen → :class:`DefaultGraphHidden`
  (exit 3) naming the setting to change on the server;
* :func:`explain_empty`: for ``kg query run --endpoint``, when the endpoint lacks names or rows,
  whether it holds no reference data at all, or holds it only in named graphs.
"""

from __future__ import annotations

from collections.abc import Callable

import pyoxigraph as ox

from kg.errors import EndpointError

UNION_FIX = (
    "Gör standardgrafen till unionen av de namngivna graferna / make the default graph the union "
    "of the named graphs: Oxigraph: `oxigraph serve --union-default-graph`; Fuseki: "
    "`tdb2:unionDefaultGraph true` on the dataset; Virtuoso, GraphDB: a query without FROM sees "
    "every graph (remove a fixed default-graph-uri from the endpoint); see docs/triple-stores.md."
)

Count = Callable[[str], int]
"""Runs ``SELECT (COUNT(*) AS ?n) WHERE { … }`` and returns ``?n``."""


class DefaultGraphHidden(EndpointError):
    """The endpoint holds the published graphs, but a query without GRAPH does not see them."""


def _patterns(line: str) -> tuple[str, str]:
    """The triple of one N-Triples line, as a pattern in the default graph and in any graph."""
    triple = line.strip().removesuffix(".").strip()
    return (
        f"SELECT (COUNT(*) AS ?n) WHERE {{ {triple} }}",
        f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ {triple} }} }}",
    )


def check_published(count: Count, line: str, endpoint: str) -> None:
    """Raise :class:`DefaultGraphHidden` when the remote holds ``line`` (an N-Triples line of a
    graph just published) in a named graph but a query without ``GRAPH`` does not see it."""
    ox.parse(line.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)  # a triple, nothing else
    default, named = _patterns(line)
    if count(default) > 0 or count(named) == 0:
        return
    raise DefaultGraphHidden(
        "publicerat, men de sparade frågorna ser inget: standardgrafen är inte unionen av de "
        f"namngivna graferna / published, but the saved queries see nothing: the default graph of "
        f"{endpoint} is not the union of the named graphs",
        hint=UNION_FIX,
    )


def explain_empty(count: Count, reference_graph: str, endpoint: str) -> str | None:
    """Why an endpoint has no names to resolve or no rows, when it is the data and not the
    question: no reference data at all, or reference data the default graph does not show.
    None when the reference data is there and visible."""
    g = ox.NamedNode(reference_graph)
    if count(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {g} {{ ?s ?p ?o }} }}") == 0:
        return (
            f"{endpoint} svarar men har inga referensdata (kommuner, län, vokabulär) / answers but holds "
            "no reference data (municipalities, counties, vocabularies): publicera dem / publish them with "
            f"`kg publish --endpoint {endpoint}` (systemgraferna skickas utom med --no-system / the system "
            "graphs are sent unless --no-system)"
        )
    sample = f"{{ SELECT * WHERE {{ GRAPH {g} {{ ?s ?p ?o }} }} LIMIT 1 }}"
    if count(f"SELECT (COUNT(*) AS ?n) WHERE {{ {sample} ?s ?p ?o }}"):
        return None
    return (
        f"{endpoint} har referensdata i namngivna grafer, men standardgrafen visar dem inte / holds the "
        f"reference data in named graphs, but its default graph does not show them. {UNION_FIX}"
    )
