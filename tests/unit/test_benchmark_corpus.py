"""The synthetic benchmark corpus (benchmarks/generate.py) is reproducible and conforms to the shapes.

No timing here: benchmarks run with ``make bench``, never in the test suite.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from query_fixtures import bench_generate

from kg.authoring.followup import context_for
from kg.documents.load import load_documents
from kg.iris import Minter
from kg.validation.validator import Validator

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(scope="module")
def generate_module():  # type: ignore[no-untyped-def]
    return bench_generate()


def test_generated_promises_and_followups_conform_to_the_shapes(generate_module, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    docs, triples = generate_module.generate(tmp_path, scale=1, municipalities=3)
    minter = Minter()
    loaded = [d for p in sorted(tmp_path.rglob("*.ttl")) for d in load_documents(p, minter=minter)]
    assert len(loaded) == docs
    promises = {str(d.iri): d for d in loaded if d.kind == "promise"}
    followups = [d for d in loaded if d.kind == "followup"]
    assert len(promises) == 3 * 8
    assert triples > len(promises) * 100
    # one to three follow-ups a promise-year, as real promises have them (a few never reported,
    # and none yet for periods that have not ended)
    assert len(promises) <= len(followups) <= 3 * 2 * len(promises)
    contexts = [context_for(d, store=None, minter=minter, local=promises) for d in loaded]
    reports = Validator().validate(loaded, contexts)
    bad = {d.doc_id: r.render_human("en") for d, r in zip(loaded, reports, strict=True) if r.findings}
    assert not bad, "\n\n".join(bad.values())


def test_generation_is_reproducible(generate_module, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    generate_module.generate(tmp_path / "a", scale=1, municipalities=2)
    generate_module.generate(tmp_path / "b", scale=1, municipalities=2)
    a = {p.relative_to(tmp_path / "a"): p.read_bytes() for p in (tmp_path / "a").rglob("*.ttl")}
    b = {p.relative_to(tmp_path / "b"): p.read_bytes() for p in (tmp_path / "b").rglob("*.ttl")}
    assert a == b and len(a) > 16


def test_the_country_has_290_municipalities(generate_module) -> None:  # type: ignore[no-untyped-def]
    src = generate_module.load_sources()
    codes = [m.code for m in src.municipalities]
    assert len(codes) == 290 == len(set(codes))
    assert "0480" in codes and "2584" in codes
