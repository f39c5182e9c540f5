"""``kg vocab`` and "did you mean" through the one resolver (issue 21 point 2)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from kg.cli import app
from kg.errors import EXIT_BAD_INPUT, EXIT_OK


def _run(runner: CliRunner, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def test_list_gives_every_list_and_the_terms_of_one(runner: CliRunner) -> None:
    code, out = _run(runner, "vocab", "list", "--format", "json")
    assert code == EXIT_OK, out
    lists = {s["name"]: s for s in json.loads(out)}
    vocab = Path(__file__).resolve().parents[2] / "ontology" / "vocab"
    assert set(lists) >= {p.stem for p in vocab.glob("*.ttl")}
    assert lists["frequency"]["label_en"] == "frequencies" and lists["frequency"]["terms"] > 10

    code, out = _run(runner, "vocab", "list", "frekvenser", "--format", "json")  # a list by its label
    assert code == EXIT_OK, out
    terms = {t["term"]: t for t in json.loads(out)}
    assert len(terms) == lists["frequency"]["terms"]
    monthly = terms["monthly"]
    assert (monthly["label_sv"], monthly["label_en"], monthly["notation"]) == (
        "varje månad",
        "monthly",
        "monthly",
    )
    assert monthly["definition_en"] == "Once a month." and "månadsvis" in monthly["alt_labels"]

    code, out = _run(runner, "vocab", "list", "activity-type")
    assert code == EXIT_OK
    header, _, *rows = out.splitlines()
    assert header.split() == ["term", "notation", "label_sv", "label_en", "definition_sv"]
    assert any(r.startswith("trafikkontroll ") and "traffic check" in r for r in rows)


def test_show_finds_a_term_by_any_name(runner: CliRunner) -> None:
    for name in ("månadsvis", "manadsvis", "monthly", "freq:monthly", "frequency/monthly", "varje månad"):
        code, out = _run(runner, "vocab", "show", name, "--format", "json")
        assert code == EXIT_OK, (name, out)
        assert [t["iri"].rsplit("/", 2)[-2:] for t in json.loads(out)] == [["frequency", "monthly"]], name
    code, out = _run(runner, "vocab", "show", "trygghetsmätning")  # a label of two lists: both shown
    assert code == EXIT_OK
    assert "indicator/trygghetsmatning" in out and "knowledge-source/trygghetsmatning" in out


def test_a_misspelt_name_gets_did_you_mean(runner: CliRunner) -> None:
    code, out = _run(runner, "vocab", "show", "trafikkontrol")
    assert code == EXIT_BAD_INPUT
    assert "did you mean: activity-type/trafikkontroll" in out
    code, out = _run(runner, "vocab", "list", "frekvens")
    assert code == EXIT_BAD_INPUT and "did you mean: frequency?" in out
    code, out = _run(runner, "new", "promise", "--municipality", "Nykpng", "--period", "2025")
    assert code == EXIT_BAD_INPUT and "did you mean: Nyköpings kommun" in out


def test_query_parameters_get_did_you_mean(runner: CliRunner, tmp_path: Path) -> None:
    store = str(tmp_path / "store")
    assert _run(runner, "--store", store, "init")[0] == EXIT_OK
    args = ["--store", store, "query", "run", "municipalities-with-activity-type"]
    code, out = _run(runner, *args, "--param", "activityType=trafikkontrol")
    assert code == EXIT_BAD_INPUT
    assert "did you mean: trafikkontroll?" in out
    code, out = _run(runner, *args, "--param", "activityType=manadsvis")  # a term of another list
    assert code == EXIT_BAD_INPUT and "manadsvis" in out
    code, out = _run(
        runner, *args, "--param", "activityType=trafikkontroll", "--param", "county=Södermanlnds län"
    )
    assert code == EXIT_BAD_INPUT and "did you mean: Södermanlands län" in out


def test_a_misspelt_term_in_turtle_gets_did_you_mean(runner: CliRunner) -> None:
    """The shapes' finding about a term that is in no list names the nearest terms of its list."""
    fixture = (
        Path(__file__).resolve().parents[1] / "fixtures" / "shapes" / "invalid" / "activity-type-misspelt.ttl"
    )
    code, out = _run(runner, "validate", str(fixture), "--format", "json")
    assert code == 1, out
    (finding,) = json.loads(out)[0]["findings"]
    assert finding["message_sv"].endswith("Menade du: trafikkontroll?")
    assert finding["message_en"].endswith("Did you mean: trafikkontroll?")


def test_a_suggestion_shows_a_label_only_when_it_says_more(runner: CliRunner) -> None:
    """``narkotika``, not ``narkotika (narkotika)``; ``per-termin (en gång per termin)``."""
    from kg.names import bundled_names

    names = bundled_names()
    shown = {
        e.slug: e.shown
        for e in (*names.near("frequency", "per-termn"), *names.near("priority-area", "narkotka"))
    }
    assert shown["per-termin"] == "per-termin (en gång per termin)"
    assert shown["narkotika"] == "narkotika"
