"""The gold of the development set (benchmarks/gold/) is well-formed, and the evaluation
(benchmarks/eval_extraction.py) scores a perfect and an imperfect extraction as it should.

The gold tests read the texts from ../shared and skip with a reason when it is absent. The
scoring tests run the real extractor on the team's own fixtures."""

from __future__ import annotations

import copy
import csv
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import SKOS

REPO = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

import eval_gold as eg  # noqa: E402
import eval_scoring as ev  # noqa: E402
from eval_extraction import totals  # noqa: E402

from kg.extract import extract_file  # noqa: E402

SHARED = REPO.parent / "shared"
FIXTURES = REPO / "tests" / "fixtures" / "extract"
VOCAB = REPO / "ontology" / "vocab"
GOLD_FILES = sorted(eg.GOLD.glob("*/*.yaml"))
ACTIVITY_KEYS = {"quote", "responsible", "partners", "frequency", "place", "activity_types"}
ACTIVITY_KEYS |= {"target_group", "sub_area"}
ACHIEVE = "Det här ska vi åstadkomma tillsammans"  # a heading of f01, not an activity


def needs_shared() -> None:
    if not (SHARED / "seeds").is_dir() or not (SHARED / "corpus" / "dev").is_dir():
        pytest.skip(f"the development texts in {SHARED} are absent (they sit beside the repo)")


def concepts(scheme: str) -> set[str]:
    g = Graph().parse(VOCAB / f"{scheme}.ttl", format="turtle")
    return {str(c).rsplit("/", 1)[-1] for c in g.subjects(RDF.type, SKOS.Concept) if isinstance(c, URIRef)}


@pytest.fixture(scope="module")
def vocabularies() -> dict[str, set[str]]:
    return {s: concepts(s) for s in ("priority-area", "actor-type", "frequency", "activity-type")}


@pytest.fixture(scope="module")
def municipality_codes() -> set[str]:
    needs_shared()
    with (SHARED / "reference" / "municipalities.csv").open(encoding="utf-8") as f:
        return {row["municipality_code"] for row in csv.DictReader(f)}


def test_every_document_of_the_development_set_has_gold() -> None:
    needs_shared()
    texts = {f"seeds/{p.stem}" for p in (SHARED / "seeds").glob("*.txt")}
    texts |= {f"dev/{p.stem}" for p in (SHARED / "corpus" / "dev").glob("*.txt")}
    gold = {f"{p.parent.name}/{p.stem}" for p in GOLD_FILES}
    assert gold == texts
    assert len(gold) == 19


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_gold_file_is_well_formed(
    path: Path, vocabularies: dict[str, set[str]], municipality_codes: set[str]
) -> None:
    d: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    text_path = SHARED / d["source"]
    assert text_path == eg.SETS[path.parent.name] / f"{path.stem}.txt", "source names the gold file's text"
    text = text_path.read_text(encoding="utf-8")
    assert d["status"] in eg.STATUSES
    assert isinstance(d["truncated"], bool)

    if d["municipality"] is None:
        assert str(d["steward_options"]["municipality"]) in municipality_codes
    else:
        assert str(d["municipality"]) in municipality_codes, d["municipality"]
    assert d["police_area"] is None or d["police_area"] in text

    if d["period"] is not None:
        assert str(d["period"]["start"]) <= str(d["period"]["end"])
        assert d["period"]["quote"] in text

    for pr in d["priority_areas"]:
        assert pr["text"] in text, pr["text"]
        assert set(pr["areas"]) <= vocabularies["priority-area"], pr["areas"]

    assert (d["status"] == "promise") == bool(d["activities"])
    for act in d["activities"]:
        assert set(act) >= ACTIVITY_KEYS, f"missing fields in {act['quote']!r}"
        assert text.count(act["quote"]) == 1, f"not exactly once in the text: {act['quote']!r}"
        for actor in act["responsible"] + act["partners"]:
            assert actor["name"], act["quote"]
            assert actor["type"] is None or actor["type"] in vocabularies["actor-type"], actor
        assert act["frequency"] is None or act["frequency"] in vocabularies["frequency"], act["frequency"]
        assert set(act["activity_types"]) <= vocabularies["activity-type"], act["activity_types"]


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_gold_quote_is_found_in_the_text_the_extractor_sees(path: Path) -> None:
    """The evaluator locates quotes in the *normalised* text that passage offsets point into."""
    needs_shared()
    from kg.extract import read_source
    from kg.extract.text import normalise

    doc = next(d for d in eg.load_gold([path.parent.name]) if d.name == path.stem)
    text = normalise(read_source(doc.path))
    gold = doc.activities(text)
    assert not doc.problems
    assert all(text[a.start : a.end].split() == a.quote.split() for a in gold)


# ---------------------------------------------------------------------------------------------
# Scoring, on the real extractor's output for the team's own fixture f01


TYPE_OF_KEY = {"polis": "lokalpolisomrade"}


def gold_from_extraction(path: Path) -> dict[str, Any]:
    """A gold that agrees with the extraction in every scored field."""
    e = extract_file(path)
    x = ev.GraphReader(e.graph, e.iri).read()
    text = e.text
    activities = []
    for a in x.activities:
        quote = text[a.start : a.end]
        assert text.count(quote) == 1
        responsible = [{"name": k, "type": TYPE_OF_KEY.get(k, k)} for k in sorted(a.actors)]
        frequency = next(iter(a.frequency), None)
        activities.append(
            {
                "quote": quote,
                "responsible": responsible,
                "frequency": frequency,
                "activity_types": sorted(a.types),
            }
        )
    assert x.period is not None and x.municipality is not None
    return {
        "status": "promise",
        "municipality": x.municipality,
        "police_area": x.police_area,
        "period": {"start": x.period[0], "end": x.period[1]},
        "priority_areas": [{"text": "", "areas": sorted(x.priority_areas)}],
        "activities": activities,
    }


def score(path: Path, data: dict[str, Any]) -> ev.Score:
    return ev.score_document(eg.GoldDocument(path.stem, "test", path, data))


@pytest.fixture(scope="module")
def f01_gold() -> dict[str, Any]:
    gold = gold_from_extraction(FIXTURES / "f01_numbered.txt")
    assert len(gold["activities"]) >= 3, "the fixture must give several activities to perturb"
    return gold


def test_a_gold_that_agrees_with_the_extraction_scores_one_everywhere(f01_gold: dict[str, Any]) -> None:
    sc = score(FIXTURES / "f01_numbered.txt", f01_gold)
    t = totals([sc])
    assert not sc.refused
    assert t["municipality"] == t["police_area"] == t["period"] == 1.0
    assert t["activities"]["f1"] == 1.0 and t["priority_areas"]["f1"] == 1.0
    assert t["actors"] == t["frequency"] == 1.0
    assert t["matched_activities"] == len(f01_gold["activities"])


def test_each_wrong_field_is_counted_once(f01_gold: dict[str, Any]) -> None:
    gold = copy.deepcopy(f01_gold)
    n = len(gold["activities"])
    gold["municipality"] = "0180" if gold["municipality"] != "0180" else "1280"
    gold["period"] = {"start": "1999-01-01", "end": "1999-12-31"}
    gold["priority_areas"][0]["areas"].append("bedrageri")
    del gold["activities"][0]  # the extractor's first activity becomes an extra
    gold["activities"].append({"quote": ACHIEVE, "responsible": []})  # a miss
    gold["activities"][0]["responsible"].append({"name": "Skolan", "type": "skola"})
    gold["activities"][1]["frequency"] = "daily" if gold["activities"][1]["frequency"] != "daily" else None

    t = totals([score(FIXTURES / "f01_numbered.txt", gold)])
    assert t["municipality"] == 0.0 and t["period"] == 0.0 and t["police_area"] == 1.0
    assert t["priority_areas"]["recall"] < 1.0 and t["priority_areas"]["precision"] == 1.0
    acts = t["activities"]
    assert (acts["tp"], acts["fp"], acts["fn"]) == (n - 1, 1, 1)
    assert t["actors"] == pytest.approx((n - 2) / (n - 1))
    assert t["frequency"] == pytest.approx((n - 2) / (n - 1))


def test_optional_gold_activities_are_neither_missed_nor_extra(f01_gold: dict[str, Any]) -> None:
    gold = copy.deepcopy(f01_gold)
    gold["activities"][0]["optional"] = True
    gold["activities"].append({"quote": ACHIEVE, "responsible": [], "optional": True})
    acts = totals([score(FIXTURES / "f01_numbered.txt", gold)])["activities"]
    assert (acts["tp"], acts["fp"], acts["fn"]) == (len(f01_gold["activities"]) - 1, 0, 0)


def test_refusals_are_counted_by_status() -> None:
    not_a_promise = FIXTURES / "f07_not_a_promise.txt"
    refused = score(not_a_promise, {"status": "not-a-promise", "activities": []})
    assert refused.refused and refused.error
    activity = {"quote": "Polisen utreder händelsen", "responsible": []}
    gold = {"status": "promise", "municipality": "2180", "police_area": None, "period": None}
    wrongly = score(not_a_promise, gold | {"priority_areas": [], "activities": [activity]})
    assert wrongly.refused and wrongly.activity == [0, 0, 1]
    t = totals([refused, wrongly])
    assert t["non_promises_refused"] == "1/1" and t["promises_refused"] == "1/1"
    assert t["municipality"] == 0.0


def test_a_text_that_names_no_municipality_must_be_asked_for_it(tmp_path: Path) -> None:
    text = (FIXTURES / "f01_numbered.txt").read_text(encoding="utf-8")
    for name in ("Sandvikens kommun", "Sandviken", "sandviken.se"):
        text = text.replace(name, "X")
    path = tmp_path / "nameless.txt"
    path.write_text(text, encoding="utf-8")
    gold = {"status": "promise", "municipality": None, "steward_options": {"municipality": "2181"}}
    gold |= {"police_area": None, "period": {"start": "2018-07-01", "end": "2020-06-30"}}
    sc = score(path, gold | {"priority_areas": [], "activities": []})
    assert sc.asked == ["municipality"] and not sc.refused
    assert sc.fields["municipality"] is True and sc.fields["period"] is True


def test_overlap_matching_pairs_each_activity_once() -> None:
    def x(start: int, end: int, words: str = "") -> ev.XActivity:
        return ev.XActivity(start, end, words, set(), set(), set(), set())

    def g(start: int, end: int, quote: str = "") -> eg.GoldActivity:
        return eg.GoldActivity(start, end, quote, set(), None, set())

    assert ev.overlap((0, 10), (5, 10)) == 1.0  # the shorter span lies inside the longer
    assert ev.overlap((0, 10), (10, 20)) == 0.0
    bundle = x(0, 100, "trafikkontroller ombyggnationer")
    gold = [g(0, 16, "trafikkontroller"), g(18, 32, "ombyggnationer"), g(40, 60)]
    pairs = ev.match([bundle], gold)
    assert [(p[0].start, p[1].start) for p in pairs] == [(0, 0)]  # an unsplit bundle matches one
    split = [x(0, 16, "trafikkontroller"), x(18, 32, "ombyggnationer"), x(200, 220)]
    assert [(a.start, b.start) for a, b in ev.match(split, gold)] == [(0, 0), (18, 18)]
    assert ev.match([x(0, 20)], [g(15, 40)]) == []  # 5 of 20 characters: no match


def test_actor_comparison_collapses_police_units_and_respects_assumptions() -> None:
    gold = eg.GoldActivity(0, 1, "", {eg.actor_key("lokalpolisomrade"), eg.actor_key("kommun")}, None, set())
    assert gold.actors == {"polis", "kommun"}
    both = ev.XActivity(0, 1, "", {"polis", "kommun"}, {"polis", "kommun"}, set(), set())
    assert ev.compare_actors(both, gold)[0]
    unnamed = eg.GoldActivity(0, 1, "", set(), None, set())
    assumed_default = ev.XActivity(0, 1, "", {"polis", "kommun"}, set(), set(), set())
    assert ev.compare_actors(assumed_default, unnamed) == (True, 0, 0, 0)
    assert ev.compare_actors(both, unnamed) == (False, 0, 2, 0)


def test_place_comparison_by_shared_words() -> None:
    def x(*places: str) -> ev.XActivity:
        return ev.XActivity(0, 1, "", set(), set(), set(), set(), places=set(places))

    def g(place: str | None) -> eg.GoldActivity:
        return eg.GoldActivity(0, 1, "", set(), None, set(), place=place)

    assert ev.compare_places(x("kommunala skolor"), g("kommunala skolor")) == (1, 0, 0)
    # half of the shorter one's words: the gold's relative clause need not be given whole
    assert ev.compare_places(x("de platser"), g("de platser i kommunen som upplevs otrygga")) == (1, 0, 0)
    assert ev.compare_places(x("skolorna", "trafikmiljön"), g("skolorna")) == (1, 1, 0)
    assert ev.compare_places(x(), g("Köpings centrum")) == (0, 0, 1)
    assert ev.compare_places(x("området"), g(None)) == (0, 1, 0)
    assert ev.compare_places(x(), g(None)) == (0, 0, 0)
    assert ev.compare_places(x("centrala Degerfors"), g("Åtorp och Svartå")) == (0, 1, 1)


def test_the_command_prints_markdown_and_json() -> None:
    needs_shared()
    script = REPO / "benchmarks" / "eval_extraction.py"

    def run(*args: str) -> str:
        cmd = [sys.executable, str(script), "--set", "seeds", *args]
        return subprocess.run(cmd, capture_output=True, text=True, check=True, timeout=600).stdout

    result = json.loads(run("--json"))
    seeds = sorted(p.stem for p in eg.GOLD.glob("seeds/*"))
    assert [d["document"] for d in result["seeds"]["documents"]] == seeds
    fields = {"municipality", "police_area", "period", "priority_areas", "activities", "actors", "frequency"}
    assert set(result["seeds"]["total"]) >= fields | {"non_promises_refused", "promises_refused"}
    md = run()
    assert "| 000_c358ab39e642ff4f | promise |" in md and "### Totals" in md


def test_make_eval_runs_this_evaluation_and_the_docs_say_so() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    target = makefile.split("\neval:", 1)[1].split("\n\n", 1)[0]
    assert "benchmarks/eval_extraction.py" in target
    docs = (REPO / "docs" / "extraction.md").read_text(encoding="utf-8")
    assert "make eval" in docs and "seen while developing" in docs
    assert "make eval" in (REPO / "README.md").read_text(encoding="utf-8")


def test_a_wrong_activity_type_is_listed_in_the_details(f01_gold: dict[str, Any]) -> None:
    """--verbose names the types a matched activity missed and the ones it added."""
    gold = copy.deepcopy(f01_gold)
    gold["activities"][0]["activity_types"] = ["grannsamverkan"]
    sc = score(FIXTURES / "f01_numbered.txt", gold)
    typed = [d for d in sc.details if d.startswith("  types of ")]
    assert len(typed) == 1 and "missed ['grannsamverkan']" in typed[0]
