"""``kg import`` with worker processes gives what it gives in one process: the same outcomes,
reports, quarantine and store, for a folder of valid, invalid and unreadable files."""

from __future__ import annotations

import io
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.cli.common import shared_validator
from kg.ingest import prepare as prepare_module
from kg.ingest.importer import ImportOptions, ImportSummary, Status, import_paths
from kg.ingest.prepare import MIN_FILES_FOR_WORKERS, Job, prepare
from kg.iris import Minter
from kg.store.core import StoreSettings, open_store

REPO = Path(__file__).resolve().parent.parent.parent
EXAMPLE = REPO / "examples" / "nykoping-2025-2026.ttl"
BROKEN = REPO / "tests" / "fixtures" / "validation" / "nykoping-broken.ttl"
FOLLOWUP = REPO / "tests" / "fixtures" / "followup" / "nykoping-2025-T3-script.ttl"
KEY = "0480-2025-2026"
FEW = 8
"""The comparisons below lower the importer's threshold for workers (MIN_FILES_FOR_WORKERS) and
its slice of files to this, so that a corpus of a few dozen files is read by workers in several
slices as a large one is; test_prepare_uses_worker_processes_for_many_files keeps the real
threshold."""


@pytest.fixture
def few_files_for_workers(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The lowered threshold; the list of the worker pools the importer starts (their sizes)."""
    monkeypatch.setattr(prepare_module, "MIN_FILES_FOR_WORKERS", FEW)
    pools: list[int] = []

    class Pool(ProcessPoolExecutor):
        def __init__(self, max_workers: int, **kwargs: Any) -> None:
            pools.append(max_workers)
            super().__init__(max_workers, **kwargs)

    monkeypatch.setattr(prepare_module, "ProcessPoolExecutor", Pool)
    return pools


def _variant(source: Path, target: Path, key: str) -> None:
    target.write_text(source.read_text(encoding="utf-8").replace(KEY, key), encoding="utf-8")


def _corpus(folder: Path) -> Path:
    """Valid promises, invalid ones, unreadable files, a duplicate and follow-ups whose promise is
    in another slice of files, missing, or refused."""
    folder.mkdir(parents=True)
    for i in range(FEW + 6):
        _variant(EXAMPLE, folder / f"a{i:03d}.ttl", f"{KEY}-v{i:03d}")
    for i in range(3):
        _variant(BROKEN, folder / f"b{i}.ttl", f"{KEY}-b{i}")
    (folder / "c-empty.ttl").write_text("", encoding="utf-8")
    (folder / "c-syntax.ttl").write_text(
        EXAMPLE.read_text(encoding="utf-8").replace("\n<https://", "\nnot turtle\n<https://", 1),
        encoding="utf-8",
    )
    _variant(EXAMPLE, folder / "d-duplicate.ttl", f"{KEY}-v001")
    _variant(FOLLOWUP, folder / "e-followup.ttl", f"{KEY}-v002")  # its promise is in the first slice
    _variant(FOLLOWUP, folder / "e-followup-missing.ttl", f"{KEY}-zz")
    _variant(FOLLOWUP, folder / "e-followup-refused.ttl", f"{KEY}-b1")
    return folder


def _run(
    folder: Path, store_path: Path, workers: int, **options: object
) -> tuple[ImportSummary, list[bytes]]:
    with open_store(StoreSettings(store_path)) as store:
        summary = import_paths(
            [folder],
            store=store,
            minter=Minter(),
            validator=shared_validator(),
            options=ImportOptions(
                workers=workers,
                quarantine=store_path / "quarantine",
                batch_size=FEW,
                **options,  # type: ignore[arg-type]
            ),
        )
        out = io.BytesIO()
        store.dump(out, ox.RdfFormat.N_QUADS)
    # The catalogue's timestamps are the only thing two runs may differ in.
    lines = [
        line
        for line in out.getvalue().splitlines()
        if b"/dc/terms/issued>" not in line and b"/dc/terms/modified>" not in line
    ]
    return summary, sorted(lines)


def _outcomes(summary: ImportSummary, folder: Path) -> list[tuple[object, ...]]:
    return [
        (
            o.path.relative_to(folder).as_posix(),
            o.status,
            o.doc_id,
            (o.message or "").replace(str(folder), "<corpus>"),
            tuple(sorted(o.counts.items())),
            o.report.render_human().replace(str(folder), "<corpus>") if o.report else None,
            o.quarantine.name if o.quarantine else None,
        )
        for o in summary.outcomes
    ]


def _graphs(lines: list[bytes]) -> set[bytes]:
    return {line.rsplit(b" ", 2)[-2] for line in lines}


def _quarantine(store_path: Path) -> dict[str, str]:
    folder = store_path / "quarantine"
    return (
        {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())} if folder.exists() else {}
    )


@pytest.mark.parametrize("keep_going", [True, False])
def test_workers_give_the_same_import_as_one_process(
    tmp_path: Path, keep_going: bool, few_files_for_workers: list[int]
) -> None:
    folder = _corpus(tmp_path / "corpus")
    one, one_store = _run(folder, tmp_path / "one", workers=1, keep_going=keep_going)
    assert few_files_for_workers == []
    two, two_store = _run(folder, tmp_path / "two", workers=2, keep_going=keep_going)
    assert few_files_for_workers == [2], "the second import should read in two worker processes"

    assert _outcomes(one, folder) == _outcomes(two, folder)
    assert one_store == two_store
    assert _quarantine(tmp_path / "one").keys() == _quarantine(tmp_path / "two").keys()
    for name, text in _quarantine(tmp_path / "one").items():
        other = _quarantine(tmp_path / "two")[name]
        if name.endswith(".ttl"):  # the same report; rdflib may write its statements in another order
            assert isomorphic(
                Graph().parse(data=text, format="turtle"), Graph().parse(data=other, format="turtle")
            )
        else:
            assert text == other

    # What the corpus holds, so that the comparison above compares something.
    by_status = {s: one.count(s) for s in Status}
    valid = FEW + 6 - 1 + 1  # the variants without the duplicated one, plus a follow-up
    assert by_status[Status.invalid] == 3
    assert by_status[Status.error] == 2 + 2 + 2  # unreadable; the duplicate pair; missing and refused promise
    if keep_going:
        assert by_status[Status.imported] == valid
        assert len({g for g in _graphs(one_store) if b"/graph/promise/" in g}) == valid - 1
    else:
        assert by_status[Status.skipped] == valid
        assert not [g for g in _graphs(one_store) if b"/graph/promise/" in g]
    assert len(_quarantine(tmp_path / "one")) == 2 * 3
    messages = {o.path.name: o.message or "" for o in one.outcomes if o.status is Status.error}
    assert "c-syntax.ttl:" in messages["c-syntax.ttl"]  # file and line
    assert "the file is empty" in messages["c-empty.ttl"]
    assert "the same document is in several files" in messages["d-duplicate.ttl"]
    assert "which is not in the store" in messages["e-followup-missing.ttl"]
    assert "was not imported" in messages["e-followup-refused.ttl"]


def test_workers_reimport_leaves_the_store_unchanged(
    tmp_path: Path, few_files_for_workers: list[int]
) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i in range(FEW + 1):
        _variant(EXAMPLE, folder / f"a{i:03d}.ttl", f"{KEY}-v{i:03d}")
    first, before = _run(folder, tmp_path / "store", workers=2)
    assert few_files_for_workers == [2], "the first import should read in two worker processes"
    assert first.count(Status.imported) == FEW + 1
    # A changed file is updated, the others are unchanged; the rest of the store stays the same.
    changed = folder / "a000.ttl"
    text = changed.read_text(encoding="utf-8")
    assert "Fler narkotikabrott ska upptäckas." in text
    changed.write_text(text.replace("Fler narkotikabrott ska upptäckas.", "Färre brott."), encoding="utf-8")
    second, after = _run(folder, tmp_path / "store", workers=2)
    assert second.count(Status.unchanged) == FEW
    assert second.count(Status.updated) == 1
    third, again = _run(folder, tmp_path / "store", workers=2)
    assert third.count(Status.unchanged) == FEW + 1
    assert few_files_for_workers == [2], "unchanged files need no worker (nothing is read)"
    assert again == after
    # the same number of statements, but for the updated record's second revision (kg.store.history)
    added = [line for line in after if b"/revision/2>" in line.split(b" ", 1)[0]]
    assert added and len(after) == len(before) + len(added)


def test_prepare_uses_worker_processes_for_many_files(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    files = []
    for i in range(MIN_FILES_FOR_WORKERS + 1):
        files.append(folder / f"a{i:03d}.ttl")
        _variant(EXAMPLE, files[-1], f"{KEY}-v{i:03d}")
    results = prepare(files, job=Job(Minter().base), validator=shared_validator(), workers=2, chunk=32)
    first = next(results)
    assert multiprocessing.active_children(), "the files should be read by worker processes"
    rest = list(results)
    assert [r.path for r in [first, *rest]] == files
    assert all(r.error is None and r.docs[0].report is not None for r in [first, *rest])
    few = list(prepare(files[:3], job=Job(Minter().base), validator=shared_validator(), workers=2))
    assert [r.docs[0].doc_id for r in few] == [f"promise/{KEY}-v{i:03d}" for i in range(3)]


def _published(tmp_path: Path) -> tuple[Path, list[str]]:
    """A store of promises that make two slices of a command's files (64 a slice), imported in
    one process; its promise graphs."""
    folder = tmp_path / "valid"
    folder.mkdir()
    for i in range(MIN_FILES_FOR_WORKERS + 2):
        _variant(EXAMPLE, folder / f"a{i:03d}.ttl", f"{KEY}-v{i:03d}")
    origin = tmp_path / "origin"
    summary, _ = _run(folder, origin, workers=1)
    assert summary.written == MIN_FILES_FOR_WORKERS + 2
    with open_store(StoreSettings(origin)) as store:
        return origin, sorted(g for g in store.named_graphs() if "/promise/" in g)


def _graph_lines(store_path: Path, graphs: list[str]) -> dict[str, list[str]]:
    with open_store(StoreSettings(store_path)) as store:
        return {g: sorted(str(q) for q in store.quads(g)) for g in graphs}


def test_restore_reads_and_validates_in_worker_processes(
    tmp_path: Path, few_files_for_workers: list[int]
) -> None:
    """``kg restore --workers 2`` validates the dump's documents in worker processes, as ``kg
    import`` does, and restores the very graphs and records."""
    from typer.testing import CliRunner

    from kg.cli import app
    from kg.ingest.dumps import export_to_path
    from kg.store.catalogue import list_records

    origin, graphs = _published(tmp_path)
    dump = tmp_path / "dump.trig"
    with open_store(StoreSettings(origin)) as store:
        export_to_path(store, dump, minter=Minter())
        records = [r.as_dict() for r in list_records(store, Minter())]
    copy = tmp_path / "copy"
    result = CliRunner().invoke(app, ["--store", str(copy), "restore", str(dump), "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert few_files_for_workers == [2]
    assert _graph_lines(copy, graphs) == _graph_lines(origin, graphs)
    with open_store(StoreSettings(copy)) as store:
        assert [r.as_dict() for r in list_records(store, Minter())] == records


def test_pull_reads_and_validates_in_worker_processes(
    tmp_path: Path, few_files_for_workers: list[int]
) -> None:
    """``kg pull --workers 2`` from a real ``oxigraph serve`` validates in worker processes, and
    ``KG_IMPORT_WORKERS=1`` keeps it in one process; both give the published graphs."""
    from oxigraph_server import start_oxigraph_server
    from typer.testing import CliRunner

    from kg.cli import app
    from kg.publish.publisher import Target, publish

    origin, graphs = _published(tmp_path)
    server = start_oxigraph_server(tmp_path / "remote")
    try:
        with open_store(StoreSettings(origin)) as store:
            assert publish(store, Minter(), Target.resolve(server.query_url)).ok
        runner = CliRunner()
        copy = tmp_path / "copy"
        result = runner.invoke(app, ["--store", str(copy), "pull", server.query_url, "--workers", "2"])
        assert result.exit_code == 0, result.output
        assert few_files_for_workers == [2]
        one = tmp_path / "one"
        result = runner.invoke(
            app, ["--store", str(one), "pull", server.query_url], env={"KG_IMPORT_WORKERS": "1"}
        )
        assert result.exit_code == 0, result.output
        assert few_files_for_workers == [2], "one worker: no pool"
    finally:
        server.stop()
    expected = _graph_lines(origin, graphs)
    assert _graph_lines(copy, graphs) == expected
    assert _graph_lines(one, graphs) == expected
