"""The synthetic benchmark corpus (benchmarks/generate.py) is reproducible and conforms to the shapes.

No timing here: benchmarks run with ``make bench``, never in the test suite.
"""

from __future__ import annotations

import re
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


def test_activities_say_where_they_are_done_as_often_as_in_the_seeds(generate_module, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """About a third of the activities state a kind of place and the words for it (the seed
    bundle: 21 and 23 of 60), every activity at a school among them; the words are the
    activity's own (a place text is in its description)."""
    import pyoxigraph as ox

    generate_module.generate(tmp_path, scale=1, municipalities=6)
    mbl = generate_module.MBL
    described: dict[str, str] = {}
    kinds: dict[str, str] = {}
    texts: dict[str, list[str]] = {}
    for path in tmp_path.rglob("*.ttl"):
        for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
            s, p = t.subject.value, t.predicate.value
            if p == mbl + "activityType":
                described.setdefault(s, "")
            if p == "http://purl.org/dc/terms/description" and "/activity/" in s:
                described[s] = t.object.value
            elif p == mbl + "placeKind":
                kinds[s] = t.object.value.rsplit("/", 1)[-1]
            elif p == mbl + "placeText":
                texts.setdefault(s, []).append(t.object.value)
    activities = {a for a in described if re.search(r"/promise/[^/]+/activity/[0-9]+$", a)}
    assert len(activities) > 200
    assert 0.2 < len(kinds) / len(activities) < 0.5
    assert 0.2 < len(texts) / len(activities) < 0.5
    assert set(kinds) <= set(texts)  # a kind comes with its words
    gen = generate_module
    named = [stem + suffix for stem in gen.SCHOOL_STEMS for suffix in gen.SCHOOL_SUFFIX]
    schools = {a for a in activities if any(n in described[a] for n in named)}
    assert schools and all(kinds.get(a) == "skola" for a in schools)
    for activity, words in texts.items():
        assert all(w in described[activity] for w in words), (activity, words, described[activity])
