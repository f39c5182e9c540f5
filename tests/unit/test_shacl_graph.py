"""pySHACL's data graph is tested for truth once per result it writes; kg's is cheap to test
(kg/validation/shacl_graph.py): no COUNT over the store per result (issue 19, import speed)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.validation.shacl_graph import data_graph


def test_truth_of_the_data_graph_counts_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    store = ox.Store()
    store.add(
        ox.Quad(ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p"), ox.Literal("o"))
    )
    graph = data_graph(store)
    counted: list[int] = []
    pyshacl_class = type(graph).__mro__[1]  # pySHACL's own Oxigraph graph, whose __len__ counts

    def counting_len(self: object, context: object = None) -> int:
        counted.append(1)
        return 1

    monkeypatch.setattr(pyshacl_class, "__len__", counting_len)
    assert graph  # what pySHACL's `datagraph or shapes` asks, once per result
    assert counted == []
    assert len(graph) == 1 and counted == [1]  # a real length is still the store's own count
    assert data_graph(store).__class__ is type(graph)  # one subclass, made once
