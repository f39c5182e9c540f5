"""The work a query worker does: one job in, one picklable result out.

A job names everything its work needs (the query, its dataset, the response format, the
deadline), so the same job runs in a worker process (:mod:`kg.server.worker`), in a thread of
the server, or in the event loop, through one :class:`JobRunner`. There are three:

- :class:`SparqlJob`: a SPARQL protocol request, answered as the bytes of the response body, so
  that writing a large result also happens where it can be stopped;
- :class:`RowsJob`: a query of the web pages, answered as rows of RDF terms;
- :class:`SavedJob`: a saved query with its raw parameter values, bound and run in the worker;
- :class:`ValidateJob`: a document (bytes and a file name) validated as ``kg validate`` would,
  answered as its validation reports (:func:`kg.ingest.check.validate_bytes`; nothing written).

RDF terms travel as plain Python values (:func:`encode`, :func:`decode`): pickling pyoxigraph
terms themselves costs several microseconds each, the plain values a fraction of that.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.query import formats as fm
from kg.query.results import ResultTable
from kg.server.evaluate import Dataset, Outcome, evaluate
from kg.store.core import OxigraphStore

Cell = Any
"""An encoded term: ``str`` (an IRI), a tuple (a literal, blank node or triple), or None."""


def encode(term: Any) -> Cell:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.Literal):
        if term.language:
            return ("@", term.value, term.language)
        return ("^", term.value, term.datatype.value)
    if isinstance(term, ox.BlankNode):
        return ("_", term.value)
    if isinstance(term, ox.Triple):
        return ("<<", encode(term.subject), encode(term.predicate), encode(term.object))
    raise TypeError(f"not an RDF term: {term!r}")


def decode(cell: Cell) -> Any:
    if cell is None:
        return None
    if isinstance(cell, str):
        return ox.NamedNode(cell)
    tag = cell[0]
    if tag == "@":
        return ox.Literal(cell[1], language=cell[2])
    if tag == "^":
        return ox.Literal(cell[1], datatype=ox.NamedNode(cell[2]))
    if tag == "_":
        return ox.BlankNode(cell[1])
    return ox.Triple(decode(cell[1]), decode(cell[2]), decode(cell[3]))


class Row(dict[str, Any]):
    """One solution by variable name; an unbound variable is None (as in a pyoxigraph solution)."""

    def __missing__(self, key: str) -> None:
        return None


@dataclass(frozen=True)
class RunnerSettings:
    """What a runner needs besides its store (the same in every worker)."""

    timeout: float
    result_limit: int
    allow_service: bool = False
    base_iri: str | None = None
    queries_folder: str | None = None
    prefixes: tuple[tuple[str, str], ...] = ()
    data_base: str | None = None
    """The base of the store's minted IRIs (``kg documents`` ids in parameters are under it)."""


@dataclass(frozen=True)
class SparqlJob:
    query: str
    dataset: Dataset
    format: str
    """The negotiated format's name (:mod:`kg.query.formats`)."""
    accept: str | None
    """The request's Accept header, to choose again when the query's kind differs from its form."""
    deadline: float

    def key(self) -> tuple[Any, ...]:
        return ("sparql", self.query, self.dataset, self.format, self.accept)


@dataclass(frozen=True)
class RowsJob:
    query: str
    dataset: Dataset
    substitutions: tuple[tuple[str, Cell], ...]
    limit: int | None
    deadline: float

    def key(self) -> tuple[Any, ...]:
        return ("rows", self.query, self.dataset, self.substitutions, self.limit)


@dataclass(frozen=True)
class SavedJob:
    name: str
    params: tuple[tuple[str, tuple[str, ...]], ...]
    page: int | None
    deadline: float

    def key(self) -> tuple[Any, ...]:
        return ("saved", self.name, self.params, self.page)


@dataclass(frozen=True)
class ValidateJob:
    name: str
    """The document's file name (its extension names its format unless ``format`` does)."""
    data: bytes = field(repr=False)
    format: str | None
    """An :class:`~kg.documents.formats.InputFormat` value, or None."""
    municipality: str | None
    police_area: str | None
    base: str
    """The base of the data IRIs (``kg --base-iri``), as the importer mints them."""
    deadline: float

    def key(self) -> tuple[Any, ...]:
        return ("validate", id(self))  # never the same work twice: not learnt, not cached


@dataclass
class Validated:
    """A :class:`ValidateJob`'s reports (plain values: they pickle as they are)."""

    reports: list[Any]
    """:class:`kg.validation.report.ValidationReport` per document."""
    seconds: float


Job = SparqlJob | RowsJob | SavedJob | ValidateJob


@dataclass
class Rendered:
    """A SPARQL response body, written in the format chosen for it."""

    kind: str
    body: bytes
    format: str
    truncated: bool
    limit: int
    seconds: float


@dataclass
class Rows:
    """An :class:`~kg.server.evaluate.Outcome` with its terms encoded."""

    kind: str
    variables: list[str]
    rows: list[tuple[Cell, ...]]
    boolean: bool | None
    truncated: bool
    limit: int
    seconds: float

    def outcome(self) -> Outcome:
        if self.kind == "graph":
            rows: list[Any] = [decode(r) for r in self.rows]
        else:
            rows = [Row(zip(self.variables, map(decode, r), strict=True)) for r in self.rows]
        return Outcome(
            self.kind, list(self.variables), rows, self.boolean, self.truncated, self.limit, self.seconds
        )


@dataclass
class Table:
    """A :class:`~kg.query.results.ResultTable` with its terms encoded."""

    variables: list[str]
    rows: list[tuple[Cell, ...]] = field(default_factory=list)
    boolean: bool | None = None
    truncated: bool = False
    seconds: float = 0.0

    def table(self) -> ResultTable:
        rows = [tuple(decode(c) for c in r) for r in self.rows]
        return ResultTable(list(self.variables), rows, self.boolean, self.truncated)


def _encode_rows(outcome: Outcome) -> list[tuple[Cell, ...]]:
    if outcome.kind == "graph":
        return [encode(t) for t in outcome.rows]
    names = outcome.variables
    return [tuple(encode(r[v]) for v in names) for r in outcome.rows]


class JobRunner:
    """Runs jobs on one store (a worker's own read-only copy, or the server's)."""

    def __init__(self, store: OxigraphStore, settings: RunnerSettings) -> None:
        self.store = store
        self.settings = settings
        self._saved: dict[str, Any] | None = None

    def warm(self) -> None:
        """Import what jobs need and read the saved queries now (a worker does this before it
        says it is ready, so that no request pays for it)."""
        import kg.query.run
        import kg.server.negotiation
        import kg.server.serialize
        import kg.store.remote  # (imported by kg.query.run.execute when it first runs)
        from kg.query.saved import load_queries

        if self._saved is None:
            folder = self.settings.queries_folder
            self._saved = load_queries(Path(folder) if folder else None)
            kg.query.run.Resolver(self.store).warm()  # its index is shared by later binds

    def run(self, job: Job) -> Rendered | Rows | Table | Validated:
        if isinstance(job, SparqlJob):
            return self.sparql(job)
        if isinstance(job, RowsJob):
            return self.rows(job)
        if isinstance(job, ValidateJob):
            return self.validate(job)
        return self.saved(job)

    def _evaluate(
        self,
        query: str,
        dataset: Dataset,
        deadline: float,
        limit: int | None = None,
        substitutions: dict[str, Any] | None = None,
    ) -> Outcome:
        s = self.settings
        return evaluate(
            self.store.raw,
            query,
            deadline=deadline,
            timeout=s.timeout,
            limit=s.result_limit if limit is None else limit,
            allow_service=s.allow_service,
            base_iri=s.base_iri,
            dataset=dataset,
            substitutions=substitutions,
        )

    def sparql(self, job: SparqlJob) -> Rendered:
        from kg.server import negotiation as neg
        from kg.server.serialize import boolean_bytes, graph_bytes, solutions_bytes

        outcome = self._evaluate(job.query, job.dataset, job.deadline)
        f = fm.fmt(job.format)
        if outcome.kind == "graph" and f.kind is not fm.Kind.rdf:
            f = neg.negotiate(job.accept, neg.GRAPH) or fm.fmt("ttl")
        elif outcome.kind != "graph" and f.kind is not fm.Kind.results:
            f = neg.negotiate(job.accept, neg.RESULTS) or fm.fmt("sparql-json")
        if outcome.kind == "boolean":
            body = boolean_bytes(bool(outcome.boolean), f)
        elif outcome.kind == "solutions":
            body = solutions_bytes(outcome.variables, outcome.rows, f)
        else:
            body = graph_bytes(outcome.rows, f, dict(self.settings.prefixes))
        return Rendered(outcome.kind, body, f.name, outcome.truncated, outcome.limit, outcome.seconds)

    def rows(self, job: RowsJob) -> Rows:
        subs = {k: decode(v) for k, v in job.substitutions} or None
        o = self._evaluate(job.query, job.dataset, job.deadline, job.limit, subs)
        return Rows(o.kind, o.variables, _encode_rows(o), o.boolean, o.truncated, o.limit, o.seconds)

    def validate(self, job: ValidateJob) -> Validated:
        return validate_job(self.store, job)

    def saved(self, job: SavedJob) -> Table:
        from kg.iris import DEFAULT_BASE
        from kg.query.run import bind, run_bound
        from kg.query.saved import get_query

        started = time.monotonic()
        self.warm()
        assert self._saved is not None
        query = get_query(self._saved, job.name)
        params = {k: list(v) for k, v in job.params}
        bindings = bind(query, params, self.store, base=self.settings.data_base or DEFAULT_BASE)
        table = run_bound(self.store, query, bindings, limit=self.settings.result_limit, page=job.page)
        return Table(
            list(table.variables),
            [tuple(encode(c) for c in r) for r in table.rows],
            table.boolean,
            table.truncated,
            time.monotonic() - started,
        )


def saved_params(params: dict[str, list[str]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((k, tuple(v)) for k, v in params.items())


def encoded_substitutions(values: Iterable[tuple[str, Any]] | None) -> tuple[tuple[str, Cell], ...]:
    return tuple(sorted((k, encode(v)) for k, v in (values or ())))


def validate_job(store: OxigraphStore, job: ValidateJob) -> Validated:
    """Validate the job's document against ``store`` (read only), with the process's validator."""
    from kg.documents.formats import InputFormat
    from kg.ingest.check import validate_bytes
    from kg.iris import Minter
    from kg.validation.validator import default_validator

    started = time.monotonic()
    reports = validate_bytes(
        job.name,
        job.data,
        store=store,
        minter=Minter(job.base),
        validator=default_validator(),
        fmt=InputFormat(job.format) if job.format else None,
        municipality=job.municipality,
        police_area=job.police_area,
    )
    return Validated(reports, time.monotonic() - started)
