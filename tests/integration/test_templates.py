"""``kg new promise``: the template round trip a data steward makes."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from kg.cli import app
from kg.errors import EXIT_BAD_INPUT, EXIT_NOT_CONFORMING, EXIT_OK


def _fill(text: str) -> str:
    """What a steward does: replace every "FYLL I: <hint>" by real text."""
    return re.sub(r'"FYLL I: (?:t\.ex\. )?([^"]*)"', lambda m: '"' + m.group(1).capitalize() + '"', text)


def test_new_promise_template_round_trip(runner: CliRunner, store_path: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "new",
            "promise",
            "--municipality",
            "Linköping",
            "--period",
            "2025-2026",
            "--police-area",
            "Linköping",
        ],
    )
    assert result.exit_code == EXIT_OK, result.output
    template = result.output
    assert "kg:org/kommun-0580" in template
    assert 'startDate: "2025-01-01"' in template and 'endDate: "2026-12-31"' in template
    assert "policeUnit: kg:org/lpo-linkoping" in template

    unfilled = tmp_path / "unfilled.yaml"
    unfilled.write_text(template, encoding="utf-8")
    result = runner.invoke(app, ["--store", str(store_path), "import", str(unfilled)])
    # every marker at once, each at its line (issue 21 point 1), and nothing imported
    assert result.exit_code == EXIT_NOT_CONFORMING, result.output
    marker_lines = [
        n
        for n, line in enumerate(template.splitlines(), 1)
        if '"FYLL I' in line and not line.lstrip().startswith("#")
    ]
    assert marker_lines
    for n in marker_lines:
        assert f"(rad {n})" in result.output, (n, result.output)

    filled = tmp_path / "linkoping.yaml"
    filled.write_text(_fill(template), encoding="utf-8")
    # The template has no signatures: a warning, which blocks only with --fail-on warning.
    result = runner.invoke(app, ["--store", str(store_path), "import", "--fail-on", "warning", str(filled)])
    assert result.exit_code == EXIT_NOT_CONFORMING, result.output
    assert "signat" in result.output.lower() or "underskrift" in result.output.lower()
    result = runner.invoke(app, ["--store", str(store_path), "import", str(filled)])
    assert result.exit_code == EXIT_OK, result.output
    result = runner.invoke(app, ["--store", str(store_path), "documents", "--format", "json"])
    (record,) = json.loads(result.output)
    assert record["doc_id"] == "promise/0580-2025-2026"
    assert record["municipality_code"] == "0580"
    assert record["violations"] == 0


def test_new_promise_by_code_and_one_year(runner: CliRunner) -> None:
    result = runner.invoke(app, ["new", "promise", "-m", "1282", "--period", "2017"])
    assert result.exit_code == EXIT_OK, result.output
    assert "id: kg:promise/1282-2017" in result.output
    assert "Landskrona stad" in result.output


def test_new_promise_unknown_municipality(runner: CliRunner) -> None:
    result = runner.invoke(app, ["new", "promise", "-m", "Atlantis", "--period", "2025"])
    assert result.exit_code == EXIT_BAD_INPUT
    assert "unknown municipality" in result.output


def test_a_police_area_not_in_the_reference_data_is_described_in_the_template(
    runner: CliRunner, store_path: Path, tmp_path: Path
) -> None:
    """`--police-area Linkopng` names no police area of the reference data: the template says so,
    with the nearest it knows, and describes the area (name, actor type), so the filled template
    imports without 'the actor has no name'."""
    args = ["new", "promise", "--municipality", "Linköping", "--period", "2025-2026"]
    result = runner.invoke(app, [*args, "--police-area", "Linkopng"])
    assert result.exit_code == EXIT_OK, result.output
    template = result.output
    assert "“Linkopng” finns inte i referensdata" in template
    assert "did you mean: Lokalpolisområde Linköping" in template
    assert "  id: kg:org/lpo-linkopng\n" in template and "  actorType: lokalpolisomrade\n" in template
    filled = tmp_path / "linkoping.yaml"
    filled.write_text(_fill(template), encoding="utf-8")
    result = runner.invoke(app, ["--store", str(store_path), "validate", str(filled), "--format", "json"])
    assert result.exit_code == EXIT_OK, result.output
    shapes = {f["source_shape"].rsplit("/", 1)[-1] for f in json.loads(result.output)[0]["findings"]}
    assert not shapes & {"Actor-label", "Actor-type"}, shapes
    # a known area is named by its IRI, as before
    result = runner.invoke(app, [*args, "--police-area", "Linköping"])
    assert "policeUnit: kg:org/lpo-linkoping   # Lokalpolisområde Linköping\n" in result.output


def test_a_joint_promise_template_names_each_municipality(
    runner: CliRunner, store_path: Path, tmp_path: Path
) -> None:
    """``--municipality Arboga,Köping``: both are parties (and territories), the first makes the
    ID; filled in, it imports as a promise of both."""
    args = ["new", "promise", "-m", "Arboga, Köping", "--period", "2025-2026", "--police-area", "Köping"]
    result = runner.invoke(app, args)
    assert result.exit_code == EXIT_OK, result.output
    assert "municipality: [kg:org/kommun-1984, kg:org/kommun-1983]" in result.output
    assert "territory: [kg:place/kommun-1984, kg:place/kommun-1983]" in result.output
    filled = tmp_path / "joint.yaml"
    filled.write_text(_fill(result.output), encoding="utf-8")
    result = runner.invoke(app, ["--store", str(store_path), "import", str(filled)])
    assert result.exit_code == EXIT_OK, result.output
    result = runner.invoke(app, ["--store", str(store_path), "query", "run", "promises", "--format", "csv"])
    codes = {line.split(",")[2].rsplit("-", 1)[-1] for line in result.output.splitlines()[1:]}
    assert codes == {"1984", "1983"}


def test_a_steward_states_where_an_activity_is_done_by_uncommenting_two_lines(
    runner: CliRunner, store_path: Path, tmp_path: Path
) -> None:
    """The activity block's commented placeText/placeKind lines, uncommented, import as the
    activity's place as written and its kind of place, which the saved query asks for."""
    new = ["new", "promise", "-m", "Linköping", "--period", "2025-2026", "--police-area", "Linköping"]
    result = runner.invoke(app, new)
    assert result.exit_code == EXIT_OK, result.output
    template = result.output
    commented = [line for line in template.splitlines() if re.match(r"\s+# place(Text|Kind): ", line)]
    assert [line.split(":")[0].strip() for line in commented] == ["# placeText", "# placeKind"]
    # left as they are, the lines state nothing
    assert not re.search(r"^\s+place(Text|Kind):", template, re.M)
    placed = re.sub(r"^(\s+)# (place(?:Text|Kind): )", r"\1\2", template, flags=re.M)
    filled = tmp_path / "placed.yaml"
    filled.write_text(_fill(placed), encoding="utf-8")
    result = runner.invoke(app, ["--store", str(store_path), "import", str(filled)])
    assert result.exit_code == EXIT_OK, result.output
    args = ["--store", str(store_path), "query", "run", "municipalities-with-activity-type", "-f", "json"]
    args += ["-p", "activityType=trygghetsvandring"]
    result = runner.invoke(app, [*args, "-p", "placeKind=skola"])
    assert result.exit_code == EXIT_OK, result.output
    (row,) = json.loads(result.output)
    assert row["municipality"].endswith("/kommun-0580")
    assert row["placeTexts"] == "kommunala skolor"
    result = runner.invoke(app, [*args, "-p", "placeKind=krog"])
    assert result.exit_code == EXIT_OK and json.loads(result.output) == [], result.output
