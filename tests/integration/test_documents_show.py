"""``kg documents`` labels made-up examples, and ``kg documents show`` lists the values a
document's text does not state (its ``mbl:Assumption`` records), in text and JSON."""

from __future__ import annotations

import json
from pathlib import Path

from cli_support import kg
from typer.testing import CliRunner

from kg.errors import EXIT_OK

HERE = Path(__file__).resolve().parent.parent
EXAMPLE = HERE.parent / "examples" / "nykoping-2025-2026.ttl"
ASSUMING = HERE / "fixtures" / "queries" / "landskrona-2017.ttl"  # four hand-written assumptions


def test_show_lists_the_assumptions(runner: CliRunner, store_path: Path) -> None:
    code, out = kg(runner, store_path, "import", str(ASSUMING), str(EXAMPLE))
    assert code == EXIT_OK, out
    code, out = kg(runner, store_path, "documents", "show", "promise/1282-2017")
    assert code == EXIT_OK, out
    assert "Antaganden / assumptions: 4" in out
    assert "kg:promise/1282-2017/activity/2 mbl:activityType = at:narkotikasok-med-hund" in out
    assert "(slutsats / inference; regel / rule extract:activity-type-from-keyword)" in out
    assert "kg:promise/1282-2017 dct:issued = okänt / unknown" in out
    assert "Texten anger inget datum för undertecknandet." in out

    code, out = kg(runner, store_path, "documents", "show", "promise/1282-2017", "--format", "json")
    shown = json.loads(out)
    assumed = {(a["property"].rsplit("/", 1)[-1], a["value"]) for a in shown["assumptions"]}
    assert ("priorityArea", "https://w3id.org/medborgarlofte/vocab/priority-area/narkotika") in assumed
    assert ("issued", None) in assumed and len(assumed) == 4
    assert shown["example"] is False

    code, out = kg(runner, store_path, "documents", "show", "promise/0480-2025-2026")
    assert "Antaganden / assumptions: inga / none" in out
    assert "example:           True" in out


def test_the_catalogue_labels_examples(runner: CliRunner, store_path: Path) -> None:
    assert kg(runner, store_path, "import", str(ASSUMING), str(EXAMPLE))[0] == EXIT_OK
    code, out = kg(runner, store_path, "documents")
    assert code == EXIT_OK, out
    lines = {line.split()[0]: line for line in out.splitlines() if line.startswith("promise/")}
    assert lines["promise/0480-2025-2026"].rstrip().endswith("ja / yes")
    assert not lines["promise/1282-2017"].rstrip().endswith("ja / yes")
    code, out = kg(runner, store_path, "stats", "--format", "json")
    stats = json.loads(out)
    assert stats["examples"] == 1 and stats["per_municipality"] == {"Landskrona stad": 1}
