"""kg/namespaces.py and kg/namespaces_rdflib.py are generated from ontology/mbl.ttl and must stay
in step with it (that kg.namespaces loads rdflib only on use: tests/system/test_startup.py)."""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef

from kg import namespaces
from kg.namespaces import MBL, PREFIXES, SCHEMES
from tools import namespaces_gen


def test_namespaces_modules_are_up_to_date() -> None:
    for path, expected in namespaces_gen.outputs().items():
        current = path.read_text(encoding="utf-8")
        assert current == expected, f"{path.name} is stale: run `python -m tools.namespaces_gen`"


def test_every_ontology_term_is_a_constant() -> None:
    g = Graph().parse(namespaces_gen.default_ontology())
    terms = namespaces_gen.mbl_terms(g)
    assert len(terms) > 50
    for term in terms:
        name = str(term).removeprefix(namespaces_gen.MBL_NS)
        assert getattr(MBL, name) == term


def test_mbl_is_closed() -> None:
    with pytest.raises(AttributeError):
        _ = MBL.CitizenPromize  # a typo must fail loudly


def test_schema_org_is_http_not_rdflibs_https() -> None:
    assert str(namespaces.SCHEMA) == "http://schema.org/"
    assert namespaces.SCHEMA.Person == URIRef("http://schema.org/Person")


def test_scheme_constants_follow_the_iri_decision() -> None:
    assert namespaces.PA["narkotika"] == URIRef(
        "https://w3id.org/medborgarlofte/vocab/priority-area/narkotika"
    )
    assert namespaces.STATUS["genomford"] == URIRef(
        "https://w3id.org/medborgarlofte/vocab/followup-status/genomford"
    )
    assert set(SCHEMES) == {
        "priority-area",
        "activity-type",
        "actor-type",
        "role",
        "post",
        "assumption-kind",
        "frequency",
        "followup-status",
        "indicator",
        "knowledge-source",
        "channel-type",
        "target-group",
        "area-kind",
    }
    assert PREFIXES["schema"] == "http://schema.org/"
    assert PREFIXES["cv"] == "http://data.europa.eu/m8g/"


def test_pyoxigraph_terms_are_the_same_closed_namespace() -> None:
    import pyoxigraph as ox

    from kg.namespaces import OX, sparql_prefixes

    g = Graph().parse(namespaces_gen.default_ontology())
    for term in namespaces_gen.mbl_terms(g):
        name = str(term).removeprefix(namespaces_gen.MBL_NS)
        assert getattr(OX.mbl, name) == ox.NamedNode(str(term))
    with pytest.raises(AttributeError):
        _ = OX.mbl.CitizenPromize  # a typo must fail loudly here too
    assert OX.dct.title == ox.NamedNode("http://purl.org/dc/terms/title")
    assert OX.status["genomford"].value == str(namespaces.STATUS["genomford"])
    for prefix, iri in PREFIXES.items():
        if prefix != "mbl":  # closed: its terms are checked above
            assert getattr(OX, prefix)["x"].value == iri + "x"
    expected = "PREFIX mbl: <" + PREFIXES["mbl"] + ">\nPREFIX dct: <" + PREFIXES["dct"] + ">\n"
    assert sparql_prefixes("mbl", "dct") == expected
    with pytest.raises(KeyError):
        sparql_prefixes("mlb")
