"""The aggregates that read the promises' derived facts (kg.store.promise_facts) run their
derived form only where every promise has its facts: a store written before them (here: the
small corpus with one promise's facts taken out) runs the form reading the documents, with the
same rows, until ``kg init`` writes them (:func:`kg.store.promise_facts.write_facts`). That the
forms give equal rows where the facts are complete: tests/integration/test_query_derived.py."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import EXIT_OK
from kg.iris import Minter
from kg.namespaces import OX
from kg.query.derived import form_for, has_promise_facts
from kg.query.run import run_saved
from kg.query.saved import load_queries
from kg.store.core import ChangeSet, OxigraphStore, StoreSettings, open_store
from kg.store.promise_facts import write_facts

REPO = Path(__file__).resolve().parent.parent.parent
NAMES = ["priority-areas-ranked", "priority-cooccurrence"]


def test_a_store_without_every_promises_facts_reads_the_documents(
    corpus_store: OxigraphStore, tmp_path: Path
) -> None:
    saved = load_queries()
    minter = Minter()
    data = tmp_path / "corpus.nq"
    with data.open("wb") as out:
        corpus_store.dump(out, ox.RdfFormat.N_QUADS)
    with open_store(StoreSettings(tmp_path / "store")) as store:
        store.add_nquads(data.read_bytes())
        assert has_promise_facts(store)
        for name in NAMES:
            assert form_for(store, saved[name]).text != saved[name].text, name
        cat = str(minter.catalogue_graph)
        nodes = sorted({q.subject.value for q in store.quads(cat) if q.predicate == OX.mbl.factsVersion})
        assert len(nodes) > 1
        store.apply(ChangeSet(delete_subjects=[(cat, nodes[0])]))  # one promise without facts
        assert not has_promise_facts(store)
        for name in NAMES:
            query = saved[name]
            assert form_for(store, query) is query, name
            for params in ({}, dict(query.example or {}), {"excludeAssumed": "true"}):
                expected = run_saved(corpus_store, query, params, cache=None).records()
                assert run_saved(store, query, params, cache=None).records() == expected, (name, params)
        # the follow-up queries' choice is their own: the summaries are all there
        assert form_for(store, saved["followup-fulfilment"]).text != saved["followup-fulfilment"].text
    result = CliRunner().invoke(app, ["--store", str(tmp_path / "store"), "init"])
    assert result.exit_code == EXIT_OK, result.output
    assert "1 löftens härledda fakta skrivna / promises' derived facts written" in result.output
    with open_store(StoreSettings(tmp_path / "store")) as store:
        assert has_promise_facts(store)
        assert write_facts(store, minter) == 0  # nothing missing
        for name in NAMES:
            assert form_for(store, saved[name]).text != saved[name].text, name


def test_several_values_of_a_parameter_run_the_documents_form(corpus_store: OxigraphStore) -> None:
    """A derived form reading a parameter inside a sub-select runs only with one value per
    parameter (a constant); with several (a VALUES block), the form reading the documents."""
    from kg.query.bind import bind

    query = load_queries()["priority-cooccurrence"]
    one = bind(query, {"county": "Östergötlands län"}, corpus_store)
    assert form_for(corpus_store, query, one).text != query.text
    two = bind(query, {"county": ["Östergötlands län", "Stockholms län"]}, corpus_store)
    assert form_for(corpus_store, query, two) is query
    assert run_saved(
        corpus_store, query, {"county": ["Östergötlands län", "Stockholms län"]}, cache=None
    ).rows
