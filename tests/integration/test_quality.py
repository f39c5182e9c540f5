"""``kg quality`` on real imported stores: the ``make run`` store (the bundled documents), a
municipality with a gap between two promises, the history of counts over re-imports, a removal,
and a store imported before kg kept counts per revision ("no history")."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from cli_support import kg
from typer.testing import CliRunner

from kg.errors import EXIT_BAD_INPUT, EXIT_OK
from kg.iris import Minter
from kg.store.assumptions import document_assumptions
from kg.store.catalogue import list_records
from kg.store.core import ChangeSet, StoreSettings, open_store

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "nykoping-2025-2026.ttl"
BUNDLED = [EXAMPLE, REPO / "data" / "seeds", REPO / "data" / "followups"]  # the Makefile's `make run`


@pytest.fixture(scope="module")
def run_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store ``make run`` builds: kg init, then the example, the seeds and the follow-ups."""
    store = tmp_path_factory.mktemp("make-run") / "store"
    runner = CliRunner()
    assert kg(runner, store, "init")[0] == EXIT_OK
    code, out = kg(runner, store, "import", *map(str, BUNDLED))
    assert code == EXIT_OK, out
    return store


def _card(runner: CliRunner, store: Path, *args: str) -> dict[str, object]:
    code, out = kg(runner, store, "quality", "--format", "json", "--as-of", "2025-12-31", *args)
    assert code == EXIT_OK, out
    data: dict[str, object] = json.loads(out)
    return data


def _muni(card: dict[str, object], code: str) -> dict[str, object]:
    found = [m for m in card["municipalities"] if m["code"] == code]  # type: ignore[attr-defined]
    assert len(found) == 1
    m: dict[str, object] = found[0]
    return m


def test_the_make_run_store_per_municipality(runner: CliRunner, run_store: Path) -> None:
    card = _card(runner, run_store)
    with open_store(StoreSettings(run_store, read_only=True)) as store:
        records = {r.doc_id: r for r in list_records(store, Minter())}
        linkoping = records["promise/0580-2023-2024"]
        assumptions = len(document_assumptions(store, linkoping.graph))
    m = _muni(card, "0580")
    assert m["name"] == "Linköping" and m["covered"] == [[2023, 2024]] and m["gaps"] == []
    assert [p["doc_id"] for p in m["promises"]] == ["promise/0580-2023-2024"]  # type: ignore[attr-defined]
    # findings as the catalogue recorded them at import, assumptions as the graph holds them
    assert (m["warnings"], m["infos"], m["violations"]) == (linkoping.warnings, linkoping.infos, 0)
    assert m["assumptions"] == assumptions > 0
    assert m["history"] and m["without_history"] == []
    # the plan of Linköping's promise says tertialvis: six follow-ups over 2023-2024, none imported
    assert (m["followups_recorded"], m["followups_due"], m["followups_expected"]) == (0, 6, 6)
    assert 0 <= m["type_share"] <= 1 and m["activities"] > 0  # type: ignore[operator]
    # the made-up Nyköping example and its two follow-ups count only when asked for
    assert _muni(card, "0480")["promises"] == [] and card["examples_left_out"] == 3
    assert len([m for m in card["municipalities"] if m["promises"]]) == 5  # type: ignore[attr-defined]
    with_examples = _card(runner, run_store, "--include-examples", "--municipality", "Nyköping")
    nyk = _muni(with_examples, "0480")
    assert (nyk["followups_recorded"], nyk["followups_due"], nyk["followups_expected"]) == (2, 3, 6)
    assert len(with_examples["municipalities"]) == 1  # type: ignore[arg-type]


def test_the_table_and_csv(runner: CliRunner, run_store: Path) -> None:
    code, out = kg(runner, run_store, "quality", "--municipality", "0580", "--as-of", "2025-12-31")
    assert code == EXIT_OK, out
    assert "Linköping" in out and "2023–2024" in out and "promise/0580-2023-2024" in out
    assert "Importer / imports" in out
    code, out = kg(runner, run_store, "quality", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 290 and {r["code"] for r in rows if r["promises"] != "0"} >= {"0580", "2584", "1280"}


def test_a_municipality_that_is_not_one(runner: CliRunner, run_store: Path) -> None:
    code, out = kg(runner, run_store, "quality", "--municipality", "Linkopng")
    assert code == EXIT_BAD_INPUT
    assert "okänd kommun / unknown municipality" in out and "Linköping" in out and "Traceback" not in out


def _promise(period: tuple[str, str]) -> str:
    """The example as a real (not made-up) promise of Nyköping for another period."""
    first, last = period
    text = EXAMPLE.read_text(encoding="utf-8").replace("    mbl:isExample true ;\n", "")
    return (
        text.replace("2025-2026", f"{first}-{last}")
        .replace("2025-", f"{first}-")
        .replace("2026-", f"{last}-")
    )


def test_gaps_history_and_removal(runner: CliRunner, store_path: Path, tmp_path: Path) -> None:
    early, late = tmp_path / "early.ttl", tmp_path / "late.ttl"
    early.write_text(_promise(("2019", "2020")), encoding="utf-8")
    late.write_text(_promise(("2023", "2024")), encoding="utf-8")
    assert kg(runner, store_path, "import", str(early), str(late))[0] == EXIT_OK
    m = _muni(_card(runner, store_path, "-m", "Nyköpings kommun"), "0480")
    assert m["covered"] == [[2019, 2020], [2023, 2024]] and m["gaps"] == [[2021, 2022]]
    assert len(m["changes"]) == 2  # type: ignore[arg-type]
    code, out = kg(runner, store_path, "quality", "-m", "0480")
    assert code == EXIT_OK and "2021–2022" in out
    # a new revision of the later promise: one activity loses its frequency
    text = late.read_text(encoding="utf-8")
    assert "    mbl:frequency freq:per-termin ;\n" in text
    late.write_text(text.replace("    mbl:frequency freq:per-termin ;\n", "", 1), encoding="utf-8")
    # right after the first import, most often within the same second: still a point of its own
    assert kg(runner, store_path, "import", str(late))[0] == EXIT_OK
    m = _muni(_card(runner, store_path, "-m", "0480"), "0480")
    newest = m["changes"][0]  # type: ignore[index]
    assert (newest["doc_id"], newest["revision"]) == ("promise/0480-2023-2024", 2)
    assert newest["delta"]["with_frequency"] == -1 and newest["delta"]["activities"] == 0
    history = m["history"]  # the municipality's sums after each import: a point per import
    assert len(history) == 2 and history[1]["with_frequency"] == history[0]["with_frequency"] - 1  # type: ignore[index,arg-type]
    # removing the document removes its revisions with its record
    assert kg(runner, store_path, "remove", "promise/0480-2023-2024")[0] == EXIT_OK
    with open_store(StoreSettings(store_path, read_only=True)) as store:
        left = [q for q in store.quads(str(Minter().catalogue_graph)) if "0480-2023-2024" in str(q.subject)]
    assert left == []
    m = _muni(_card(runner, store_path, "-m", "0480"), "0480")
    assert m["covered"] == [[2019, 2020]] and [c["revision"] for c in m["changes"]] == [1]  # type: ignore[attr-defined]


def test_a_store_from_before_the_history_says_so(runner: CliRunner, store_path: Path, tmp_path: Path) -> None:
    early = tmp_path / "early.ttl"
    early.write_text(_promise(("2019", "2020")), encoding="utf-8")
    assert kg(runner, store_path, "import", str(early))[0] == EXIT_OK
    minter = Minter()
    with open_store(StoreSettings(store_path)) as store:  # what an older kg wrote: no revision nodes
        cat = str(minter.catalogue_graph)
        nodes = {str(q.subject).strip("<>") for q in store.quads(cat) if "/revision/" in str(q.subject)}
        assert nodes
        store.apply(ChangeSet(delete_subjects=[(cat, n) for n in nodes]))
    m = _muni(_card(runner, store_path, "-m", "0480"), "0480")
    assert m["history"] == [] and m["without_history"] == ["promise/0480-2019-2020"]
    assert m["warnings"] is not None and m["covered"] == [[2019, 2020]]
    code, out = kg(runner, store_path, "quality", "-m", "0480")
    assert code == EXIT_OK and "ingen historik / no history" in out


def test_a_joint_promise_counts_for_each_of_its_municipalities_and_once_in_the_country(
    runner: CliRunner, store_path: Path, tmp_path: Path
) -> None:
    """A promise of several municipalities (one local police area with Nyköping and Trosa, say:
    the shapes allow more than one mbl:municipality) is on each one's scorecard, and its
    activities and findings count once in the country's totals."""
    nykoping, trosa = (
        f"<https://w3id.org/medborgarlofte/id/{kind}/kommun-{code}>"
        for kind, code in (("org", "0480"), ("org", "0488"))
    )
    text = (
        _promise(("2025", "2026"))
        .replace(f"mbl:municipality {nykoping} ;", f"mbl:municipality {nykoping} , {trosa} ;")
        .replace(
            "dct:spatial <https://w3id.org/medborgarlofte/id/place/kommun-0480> ;",
            "dct:spatial <https://w3id.org/medborgarlofte/id/place/kommun-0480> ,"
            " <https://w3id.org/medborgarlofte/id/place/kommun-0488> ;",
        )
    )
    assert text.count("kommun-0488") == 2
    joint = tmp_path / "joint.ttl"
    joint.write_text(text, encoding="utf-8")
    assert kg(runner, store_path, "init")[0] == EXIT_OK
    code, out = kg(runner, store_path, "import", str(joint))
    assert code == EXIT_OK, out
    card = _card(runner, store_path)
    both = [_muni(card, "0480"), _muni(card, "0488")]
    for m in both:
        assert [p["doc_id"] for p in m["promises"]] == ["promise/0480-2025-2026"]  # type: ignore[attr-defined]
        assert m["activities"] == 5 and m["covered"] == [[2025, 2026]]
    assert card["totals"]["activities"] == 5  # type: ignore[index]
    assert card["municipalities_with_promise"] == 2
    trosa_only = _card(runner, store_path, "--municipality", "Trosa")
    assert trosa_only["totals"]["activities"] == 5  # type: ignore[index]
