"""Saved queries on a store that holds a joint promise (one police area, three municipalities:
tests/fixtures/extract/f26_joint_title.txt, extracted and imported as a steward would): the tuned
form of every query (its derived facts included) returns the rows of its plain form, and the
listings name the promise once for each of its municipalities."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from query_fixtures import bundled_store
from test_query_plain import NAMES, PLAIN, _distinct, _rows

from kg.extract import extract_file
from kg.ingest.importer import import_paths
from kg.iris import Minter
from kg.query.run import run_saved
from kg.query.saved import SavedQuery, load_queries, parse_query_file
from kg.store.core import OxigraphStore

JOINT = Path(__file__).resolve().parent.parent / "fixtures" / "extract" / "f26_joint_title.txt"


@pytest.fixture(scope="module")
def joint_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphStore]:
    store = bundled_store()
    draft = tmp_path_factory.mktemp("joint") / "joint.ttl"  # kg extract --format turtle
    draft.write_text(extract_file(JOINT).graph.serialize(format="turtle"), encoding="utf-8")
    summary = import_paths([str(draft)], store=store, minter=Minter())
    assert not summary.has_errors, summary.as_dict()
    yield store
    store.close()


@pytest.mark.parametrize("name", NAMES)
def test_tuned_and_plain_forms_agree_on_a_joint_promise(name: str, joint_store: OxigraphStore) -> None:
    saved: dict[str, SavedQuery] = load_queries()
    tuned, plain = saved[name], parse_query_file(PLAIN / f"{name}.rq")
    needs_values = any(p.required and p.default is None for p in tuned.parameters)
    cases: list[dict[str, Any] | None] = [] if needs_values else [None]
    if tuned.example:
        cases.append(dict(tuned.example))
    for params in _distinct(cases):
        assert _rows(joint_store, tuned, params) == _rows(joint_store, plain, params), name


def test_the_joint_promise_is_listed_for_each_municipality(joint_store: OxigraphStore) -> None:
    rows = run_saved(joint_store, load_queries()["promises"], None, cache=None).records()
    joint = [r for r in rows if str(r["promise"]).endswith("/promise/1983-2024-2025")]
    assert sorted(str(r["municipality"]).rsplit("-", 1)[-1] for r in joint) == ["1960", "1983", "1984"]
