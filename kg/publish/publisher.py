"""Publishing to an existing triple store: ``kg publish`` and ``kg pull``.

What is sent
    Every document graph the catalogue names, the catalogue graph (``graph/catalogue``) and, by
    default, the system graphs (``graph/ontology``, ``graph/vocabularies``, ``graph/reference``:
    saved queries read labels, SCB codes and municipality names from them, so a remote without
    them answers differently from the local store; ``include_system=False`` leaves them out).
    Order: system graphs, documents, removals, and the catalogue last, so the remote catalogue
    never names a graph that is not there yet. When a document graph fails, the catalogue is not
    sent in that run (it would describe versions the remote does not hold); the next run sends it.

How a graph is sent
    One request per graph, which replaces the graph as a whole or not at all: with a Graph Store
    Protocol URL, ``PUT <graph-store>?graph=<iri>`` with the graph as N-Triples (sent as
    ``text/turtle``, which every store accepts: N-Triples is a subset of Turtle); otherwise one
    SPARQL 1.1 Update request, which stores run as one transaction: ``DELETE DATA`` of the triples
    that went and ``INSERT DATA`` of those that came (the remote graph is read first), in
    operations of at most ``Target.batch`` triples; a large change is staged in two staging graphs
    and swapped in by one request (see :mod:`kg.publish.sender`). A removed document is
    ``DELETE``d (GSP) or ``DROP``ped (Update).

Visible as asked
    After the writes, one triple just published is looked for without ``GRAPH``, as the saved
    queries look: a remote whose default graph is not the union of its named graphs gets
    :class:`~kg.publish.visibility.DefaultGraphHidden` (exit 3, naming the server setting).

Incremental
    The checksum of a graph is the SHA-256 of its sorted N-Triples lines (documents are
    skolemised, so this is canonical). A state file per endpoint,
    ``<store>/publish-state/<sha256 of the endpoint URL>.json``, maps each graph IRI sent to the
    checksum sent; a graph whose checksum is unchanged is skipped (``force=True`` sends all), a
    graph in the state but no longer in the store is removed remotely. The state is saved after
    every graph, so an interrupted run resumes where it stopped.

Failures
    Timeouts, dropped connections and HTTP 5xx/408/429 are retried with exponential backoff
    (``Target.retries``, ``Target.backoff``), then the graph is reported as failed and the run
    goes on; an unreachable endpoint, HTTP 401/403 or ``Target.max_consecutive_failures`` failed
    graphs in a row stop the run. :meth:`PublishReport.raise_for_failures` turns a report with
    failures into :class:`PublishFailed` (an :class:`~kg.errors.EndpointError`, exit code 3). A
    graph whose request timed out may still have been written by the server: it is old or new
    there, never partial, and the next run sends it again.

Credentials come in through :class:`Target` (the CLI reads them with
:func:`kg.store.remote.endpoint_credentials`: ``KG_ENDPOINT_USER``/``KG_ENDPOINT_PASSWORD`` or netrc;
``KG_ENDPOINT_AUTH=digest`` for Digest authentication; ``KG_ENDPOINT_TOKEN`` for a bearer token).

For benchmarks: :func:`publish` returns a :class:`PublishReport` with ``seconds`` and
``graphs_per_second``.
"""

from __future__ import annotations

import time
from pathlib import Path

import httpx

from kg.iris import Minter
from kg.publish.model import (
    MAX_WRITE_ANSWER,
    STATE_FOLDER,
    STATE_FORMAT,
    Action,
    GraphKind,
    GraphResult,
    ProgressCallback,
    PublishFailed,
    PublishReport,
    Target,
    WriteMode,
    derive_update_url,
)
from kg.publish.sender import STAGING, GraphFailed, RunStopped, Sender
from kg.publish.state import LocalGraph, PublishState, checksum, graph_lines, local_graphs, state_folder
from kg.publish.visibility import DefaultGraphHidden, check_published
from kg.store.core import GraphStore

__all__ = [
    "MAX_WRITE_ANSWER",
    "STATE_FOLDER",
    "STATE_FORMAT",
    "Action",
    "GraphKind",
    "GraphResult",
    "LocalGraph",
    "PublishFailed",
    "PublishReport",
    "PublishState",
    "Target",
    "WriteMode",
    "checksum",
    "derive_update_url",
    "graph_lines",
    "local_graphs",
    "publish",
    "state_folder",
]

# -- publish ---------------------------------------------------------------------------------


def publish(
    store: GraphStore,
    minter: Minter,
    target: Target,
    *,
    state_dir: Path | None = None,
    force: bool = False,
    include_system: bool = True,
    dry_run: bool = False,
    progress: ProgressCallback | None = None,
    client: httpx.Client | None = None,
) -> PublishReport:
    """Send the store's graphs to ``target`` (see the module docstring).

    A failed graph does not raise: the report says what happened; call
    :meth:`PublishReport.raise_for_failures` to turn failures into :class:`PublishFailed`.
    """
    started = time.perf_counter()
    state = PublishState.load(state_dir, target)
    report = PublishReport(target, dry_run=dry_run)
    graphs = local_graphs(store, minter, include_system=include_system)
    local = {g.iri for g in graphs}
    system = {str(minter.ontology_graph), str(minter.vocabulary_graph), str(minter.reference_graph)}
    removals = [
        LocalGraph(g, GraphKind.system if g in system else GraphKind.document)
        for g in sorted(state.graphs)
        if g not in local and (include_system or g not in system)
    ]
    catalogue = next((g for g in graphs if g.kind is GraphKind.catalogue), None)
    sender = None if dry_run else Sender(target, client)
    consecutive = 0
    order = [g for g in graphs if g.kind is not GraphKind.catalogue] + removals
    order += [catalogue] if catalogue is not None else []
    in_flight: LocalGraph | None = None

    def record(result: GraphResult) -> None:
        report.results.append(result)
        if progress:
            progress(result)

    def send(graph: LocalGraph, lines: list[str] | None) -> None:
        """Send (lines) or remove (None) one graph, unless skipped, held back or a dry run."""
        nonlocal consecutive, in_flight
        sha = checksum(lines) if lines is not None else None
        triples = len(lines) if lines is not None else 0
        action = Action.sent if lines is not None else Action.removed
        if report.stopped:
            record(GraphResult(graph.iri, graph.kind, Action.not_attempted, message=report.stopped))
            return
        there = remote.get(graph.iri, 0) if remote is not None else triples  # dry run: trust the state
        if sha is not None and not force and state.graphs.get(graph.iri) == sha and there == triples:
            record(GraphResult(graph.iri, graph.kind, Action.skipped, triples=triples))
            return
        if graph.kind is GraphKind.catalogue and report.failed:
            held = "hålls tillbaka tills alla dokument är skickade / held back until every document is sent"
            record(GraphResult(graph.iri, graph.kind, Action.not_attempted, message=held))
            return
        if sender is None:
            record(GraphResult(graph.iri, graph.kind, action, triples=triples, message="dry run"))
            return
        t0 = time.perf_counter()
        result = GraphResult(graph.iri, graph.kind, action, triples=triples)
        in_flight = graph
        try:
            if lines is None:
                result.attempts = sender.remove(graph.iri)
            else:
                result.attempts = sender.put(
                    graph.iri, lines, remote.get(graph.iri, 0) if remote is not None else -1
                )
                if result.attempts == 0:
                    result.message = "fjärrgrafen var redan aktuell / the remote graph was already current"
        except RunStopped as exc:
            result.action, result.message = Action.failed, str(exc)
            report.stopped = str(exc)
        except GraphFailed as exc:
            result.action, result.message, result.attempts = Action.failed, str(exc), exc.attempts
            consecutive += 1
            if consecutive >= target.max_consecutive_failures:
                report.stopped = (
                    f"{consecutive} grafer i rad misslyckades / {consecutive} graphs in a row failed"
                )
        else:
            consecutive = 0
            if sha is None:
                state.graphs.pop(graph.iri, None)
            else:
                state.graphs[graph.iri] = sha
            state.save(target)
        result.seconds = time.perf_counter() - t0
        in_flight = None
        record(result)

    remote: dict[str, int] | None = None
    try:
        if sender is not None:  # the state file says what was sent; the remote says what is there
            try:
                remote = sender.counts()
                sender.drop_staging([g for g in remote if STAGING in g])
            except (RunStopped, GraphFailed) as exc:
                report.stopped = str(exc)
        for g in order:
            send(g, None if g in removals else graph_lines(store, g.iri))
        if sender is not None and report.stopped is None and report.of(Action.sent, Action.removed):
            _check_after(sender, report, state, target)
        probe = next((lines[0] for g in reversed(graphs) if (lines := graph_lines(store, g.iri))), None)
        if sender is not None and report.stopped is None and not report.failed and probe is not None:
            try:
                check_published(sender.count, probe, target.endpoint)
            except DefaultGraphHidden as exc:
                report.hidden = exc
            except RunStopped as exc:
                report.stopped = str(exc)
    except KeyboardInterrupt:  # Ctrl-C: the report says what was written and what was not
        _interrupted(report, order, in_flight)
    finally:
        if sender is not None:
            sender.close()
    report.seconds = time.perf_counter() - started
    return report


INTERRUPTED = "avbruten / interrupted (Ctrl-C)"


def _interrupted(report: PublishReport, order: list[LocalGraph], in_flight: LocalGraph | None) -> None:
    """The report of a run interrupted by the user: the graph being sent failed (the remote holds
    it old or new: one request each, or staged beside it until the swap), the rest not attempted."""
    report.stopped = INTERRUPTED
    if in_flight is not None:
        report.results.append(
            GraphResult(
                in_flight.iri,
                in_flight.kind,
                Action.failed,
                message=f"{INTERRUPTED} under sändningen / while sending: fjärrgrafen är den gamla eller "
                "den nya / the remote graph is the old or the new version",
            )
        )
    done = {r.iri for r in report.results}
    report.results += [
        GraphResult(g.iri, g.kind, Action.not_attempted, message=INTERRUPTED)
        for g in order
        if g.iri not in done
    ]


def _check_after(sender: Sender, report: PublishReport, state: PublishState, target: Target) -> None:
    """Count what the remote holds of each graph just written; a graph that is not there as sent
    is a failure (and is forgotten by the state, so the next run sends it again)."""
    try:
        there = sender.counts()
    except RunStopped as exc:
        report.stopped = str(exc)
        return
    for r in report.of(Action.sent, Action.removed):
        expected = r.triples if r.action is Action.sent else 0
        if there.get(r.iri, 0) != expected:
            r.action = Action.failed
            r.message = (
                f"fjärrlagret håller {there.get(r.iri, 0)} tripler, inte {expected} / the remote holds"
                f" {there.get(r.iri, 0)} triples, not {expected}"
            )
            state.graphs.pop(r.iri, None)
    state.save(target)
