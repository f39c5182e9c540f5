"""kg's use of pySHACL's internals (pySHACL 0.40; tests/unit/test_dependencies.py pins the
version): the data graph kg hands pySHACL, an Oxigraph graph over an in-memory store made cheap
to test for truth, a shapes graph parsed once whose reads are remembered
(:class:`FrozenShapesGraph`), and a run whose focus nodes kg chooses (:func:`focused_run`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, ClassVar, NamedTuple, cast

import pyoxigraph as ox
import pyshacl.shape
from pyshacl import Validator as ShaclRun
from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS, CONSTRAINT_PARAMETERS_MAP
from pyshacl.constraints.core.logical_constraints import OrConstraintComponent
from pyshacl.graph_abstraction import DataGraph, to_rdf
from pyshacl.shape import Shape
from pyshacl.shapes_graph import ShapesGraph
from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from kg.validation.shape_eval import evaluated
from kg.validation.sparql_batch import BatchedSPARQLConstraint, ox_terms, per_focus_node_now

# pySHACL looks every predicate of a shape up in this list, once per shape and run (1.2 million
# comparisons of rdflib terms for 750 documents); the same parameters as a set. The module
# attribute is pySHACL's own cache of the pair (``Shape.validate`` fills it on first use). In its
# map, SPARQL-based constraints are evaluated once per shape and run, not once per focus node
# (:mod:`kg.validation.sparql_batch`), and ``sh:or`` stops at the first conforming alternative.


class FirstConformingOr(OrConstraintComponent):  # type: ignore[misc]
    """pySHACL's ``sh:or``, which tries the alternatives of a value until one conforms, the one
    that conformed last first, instead of evaluating every alternative (and building the full
    result of each that fails, to throw it away): the same results, since a value is in error
    exactly when no alternative conforms. Assessment-occasions' two datatypes made it the most
    expensive shape of a follow-up. A list pySHACL would refuse, and
    :func:`kg.validation.sparql_batch.per_focus_node`, take pySHACL's own evaluation."""

    _first: ClassVar[dict[Any, int]] = {}
    """(shape node, list node) → the index of the alternative that conformed last."""

    def _evaluate_or_constraint(
        self, executor: Any, or_c: Any, target_graph: Any, focus_value_nodes: Any, _evaluation_path: Any
    ) -> Any:
        sg = self.shape.sg
        members = [m for m in sg.graph.items(or_c) if not sg.is_filtered_out_shape(m)]
        alternatives = [self.shape.get_other_shape(m) for m in dict.fromkeys(members)]
        if per_focus_node_now() or not alternatives or not all(alternatives):
            return super()._evaluate_or_constraint(
                executor, or_c, target_graph, focus_value_nodes, _evaluation_path
            )
        key = (self.shape.node, or_c)
        failed = False
        reports = []
        for f, values in focus_value_nodes.items():
            for v in values:
                first = self._first.get(key, 0)
                order = [first, *(i for i in range(len(alternatives)) if i != first)]
                for i in order:
                    ok, _ = alternatives[i].validate(
                        executor, target_graph, focus=v, _evaluation_path=_evaluation_path[:]
                    )
                    if ok:
                        self._first[key] = i
                        break
                else:
                    failed = True
                    reports.append(self.make_v_result(target_graph, f, value_node=v))
        return failed, reports


class _Reused:
    """A constraint component of pySHACL's table, called as its class is (``component(shape)``),
    that builds the constraint of a shape of a :class:`FrozenShapesGraph` once and hands the same
    object to every later run: pySHACL builds each constraint of a shape again whenever the shape
    is evaluated (about 130 a run), each reading its parameters from the shapes graph, which
    never changes once frozen. A constraint keeps no state of an evaluation (pySHACL's set only
    their parameters outside ``__init__``; :class:`BatchedSPARQLConstraint` clears its answers
    after each). Any other shapes graph, a constraint that fails to build, and the reference path
    (:func:`kg.validation.sparql_batch.per_focus_node`) build it as pySHACL does."""

    __slots__ = ("component",)

    def __init__(self, component: type) -> None:
        self.component = component

    def __call__(self, shape: Shape) -> Any:
        built: dict[tuple[int, type], tuple[Shape, Any]] | None = getattr(shape.sg, "_constraints", None)
        if built is None or per_focus_node_now():
            return self.component(shape)
        key = (id(shape), self.component)
        found = built.get(key)
        if found is None:
            found = built[key] = (shape, self.component(shape))  # the shape kept: its id stays its own
        return found[1]


def _reused(table: dict[Any, type]) -> dict[Any, _Reused]:
    """``table`` with one :class:`_Reused` per component (pySHACL evaluates each component of a
    shape once, however many of its parameters the shape states: it tells them by identity)."""
    wrapped = {c: _Reused(c) for c in set(table.values())}
    return {p: wrapped[c] for p, c in table.items()}


pyshacl.shape.CONSTRAINT_PARAMS = (  # type: ignore[attr-defined]
    frozenset(ALL_CONSTRAINT_PARAMETERS),
    _reused({**CONSTRAINT_PARAMETERS_MAP, SH.sparql: BatchedSPARQLConstraint, SH["or"]: FirstConformingOr}),
)

_CHEAP_TRUTH: dict[type, type] = {}


def _no_subject(method: Callable[..., Any], subject_of: Callable[[Any], Any]) -> Any:
    """``method`` of pySHACL's Oxigraph graph, giving nothing when the subject it is asked about
    (``subject_of`` its first argument) is a literal. A literal has no properties, but pySHACL
    0.40 hands it to ``quads_for_pattern`` as a subject, which pyoxigraph refuses with a
    ``TypeError``: a document stating a literal where a shape's target expects a node
    (``dct:temporal "2025"``) would end the validation as a bug instead of giving the shapes'
    findings."""

    def guarded(self: Any, first: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(subject_of(first), Literal):
            return iter(())
        return method(self, first, *args, **kwargs)

    return guarded


def data_graph(store: ox.Store) -> DataGraph:
    """pySHACL's graph over ``store``, whose truth costs nothing: pySHACL tests ``datagraph or
    shapes`` for every result it writes, and the truth of its Oxigraph graph is a
    ``COUNT(DISTINCT ...)`` over the store. The store is never empty here and pySHACL does not
    change it. A literal asked for its properties has none (:func:`_no_subject`)."""
    graph = DataGraph.from_oxigraph_store(store)
    cls = type(graph)
    cheap = _CHEAP_TRUTH.get(cls)
    if cheap is None:
        members = {
            "__bool__": lambda self: True,
            "objects": _no_subject(cls.objects, lambda subject: subject),
            "predicate_objects": _no_subject(cls.predicate_objects, lambda subject: subject),
            "triples": _no_subject(cls.triples, lambda triple: triple[0]),
        }
        cheap = _CHEAP_TRUTH[cls] = type(cls.__name__, (cls,), members)
    graph.__class__ = cheap
    return graph


class _ReadOnceGraph(Graph):
    """The triples of a shapes graph as pySHACL reads them while it evaluates (the same store,
    identifier and prefixes as the graph given), where an RDF list (``sh:languageIn``,
    ``sh:alternativePath``) and the objects of a subject and predicate (a path's parts) are read
    once: pySHACL reads them again on every evaluation of a constraint, through the rdflib graph
    rather than through :class:`FrozenShapesGraph`'s accessors. The reference path
    (:func:`kg.validation.sparql_batch.per_focus_node`) reads the graph itself."""

    def __init__(self, graph: Graph) -> None:
        super().__init__(
            store=graph.store, identifier=graph.identifier, namespace_manager=graph.namespace_manager
        )
        self._kg_reads: dict[tuple[Any, ...], tuple[Any, ...]] = {}

    def objects(self, subject: Any = None, predicate: Any = None, unique: bool = False) -> Iterator[Any]:  # type: ignore[override]
        if per_focus_node_now():  # the reference path reads the graph itself
            return super().objects(subject, predicate, unique)
        key = ("objects", subject, predicate, unique)
        found = self._kg_reads.get(key)
        if found is None:
            found = self._kg_reads[key] = tuple(super().objects(subject, predicate, unique))
        return iter(found)

    def items(self, list: Any) -> Iterator[Any]:  # type: ignore[override]
        if per_focus_node_now():  # the reference path reads the graph itself
            return super().items(list)
        key = ("items", list)
        found = self._kg_reads.get(key)
        if found is None:
            found = self._kg_reads[key] = tuple(super().items(list))
        return iter(found)


class FrozenShapesGraph(ShapesGraph):  # type: ignore[misc]
    """pySHACL's shapes graph, for shapes that never change once parsed: every read through its
    own accessors is remembered. pySHACL builds each constraint of a shape again for every run
    (each reads its parameters from the shapes graph), so a validator that runs pySHACL once per
    batch of documents read the same triples of the same 98 shapes thousands of times."""

    def __init__(self, graph: Graph) -> None:
        super().__init__(graph)  # (which adds pySHACL's system triples to ``graph``)
        if type(graph) is Graph:
            self.graph = _ReadOnceGraph(graph)
        self._reads: dict[tuple[Any, ...], tuple[Any, ...]] = {}
        self._constraints: dict[tuple[int, type], tuple[Shape, Any]] = {}  # see _Reused
        self._shape_names: dict[int, str] = {}  # see ScannedShape.__str__
        self._steps: dict[int, tuple[ox.NamedNode, bool] | None] = {}  # see _step
        self._components: dict[int, list[Any]] = {}  # see kg.validation.shape_eval

    def _build_node_shape_cache(self) -> None:
        super()._build_node_shape_cache()
        for shape in self._node_shape_cache.values():
            shape.__class__ = ScannedShape

    def _build_node_shape_cache_from_list(self, shapes: Any) -> None:
        super()._build_node_shape_cache_from_list(shapes)
        for shape in self._node_shape_cache.values():
            shape.__class__ = ScannedShape

    def _read(self, kind: str, *args: Any) -> Iterator[Any]:
        key = (kind, *args)
        found = self._reads.get(key)
        if found is None:
            found = self._reads[key] = tuple(getattr(ShapesGraph, kind)(self, *args))
        return iter(found)

    def subjects(self, p: Any, o: Any) -> Iterator[Any]:
        return self._read("subjects", p, o)

    def predicates(self, s: Any, o: Any) -> Iterator[Any]:
        return self._read("predicates", s, o)

    def objects(self, s: Any, p: Any) -> Iterator[Any]:
        return self._read("objects", s, p)

    def subject_objects(self, p: Any) -> Iterator[Any]:
        return self._read("subject_objects", p)

    def subject_predicates(self, o: Any) -> Iterator[Any]:
        return self._read("subject_predicates", o)

    def predicate_objects(self, s: Any) -> Iterator[Any]:
        return self._read("predicate_objects", s)


class ScannedShape(Shape):  # type: ignore[misc]
    """pySHACL's shape, whose value nodes along a path of one property (or its inverse) are read
    for all its focus nodes with one scan of the run's store (the property's triples in the
    default graph, the graph pySHACL reads), rather than one lookup per focus node, each
    converting its terms between rdflib and pyoxigraph; a single focus node (a nested shape's
    value) is looked up, with the terms of earlier lookups (:func:`rdf_term`) and the path read
    once per shape (:func:`_step`): the same sets as :meth:`pyshacl.shape.Shape.value_nodes`,
    which is asked for any other path, for a literal focus node, and under
    :func:`kg.validation.sparql_batch.per_focus_node`."""

    __slots__ = ()

    def __str__(self) -> str:
        # pySHACL writes a shape's name into its debug messages whether or not they are logged
        names = cast(FrozenShapesGraph, self.sg)._shape_names  # only a FrozenShapesGraph's shapes
        name = names.get(id(self))
        if name is None:
            name = names[id(self)] = super().__str__()
        return name

    def validate(
        self, executor: Any, target_graph: Any, focus: Any = None, _evaluation_path: Any = None
    ) -> Any:
        found = evaluated(self, executor, target_graph, focus, _evaluation_path)
        if found is None:
            return super().validate(executor, target_graph, focus=focus, _evaluation_path=_evaluation_path)
        return found

    def value_nodes(
        self, target_graph: Any, focus: Any, sparql_mode: bool = False, debug: bool = False
    ) -> Any:
        found = None if sparql_mode else _scanned(self, target_graph, focus)
        if found is None:
            return super().value_nodes(target_graph, focus, sparql_mode=sparql_mode, debug=debug)
        return found


_RDF_TERMS: dict[Any, Node] = {}
"""pyoxigraph term → the rdflib term pySHACL's ``to_rdf`` makes of it, shared by the runs of a
process (a run's concepts, classes, datatypes, municipalities and dates are mostly those of the
run before); emptied when it holds :data:`RDF_TERMS_KEPT` terms, so that it stays small."""
RDF_TERMS_KEPT = 50_000


def rdf_term(term: Any, known: dict[Any, Node] = _RDF_TERMS) -> Node:
    """pySHACL's ``to_rdf(term)``, remembered in ``known`` (rdflib terms are values: the same
    term made again is equal, hashes alike and is read alike)."""
    found = known.get(term)
    if found is None:
        if len(known) >= RDF_TERMS_KEPT:
            known.clear()
        found = known[term] = to_rdf(term)  # type: ignore[assignment]
    return found  # type: ignore[return-value]


def _step(shape: Shape) -> tuple[ox.NamedNode, bool] | None:
    """The one property of ``shape``'s path as a pyoxigraph term, and whether the path is its
    inverse; None for any other path. Read once per shape of a :class:`FrozenShapesGraph`."""
    steps: dict[int, tuple[ox.NamedNode, bool] | None] = cast(FrozenShapesGraph, shape.sg)._steps
    key = id(shape)
    if key in steps:
        return steps[key]
    path = shape.path()
    found: tuple[ox.NamedNode, bool] | None = None
    if isinstance(path, URIRef):
        found = (ox.NamedNode(str(path)), False)
    else:
        inverted = list(shape.sg.graph.predicate_objects(path))
        if len(inverted) == 1 and inverted[0][0] == SH.inversePath and isinstance(inverted[0][1], URIRef):
            found = (ox.NamedNode(str(inverted[0][1])), True)
    steps[key] = found
    return found


_DEFAULT = ox.DefaultGraph()
LOOKUPS_UP_TO = 1
"""Up to this many focus nodes, each one's value nodes are looked up in the run's store (one
lookup each); more, and the property's triples are scanned once for all of them."""


def _scanned(shape: Shape, target_graph: Any, focus: Any) -> dict[Node, set[Node]] | None:
    if not shape.is_property_shape or not isinstance(focus, (list, tuple, set)) or not focus:
        return None
    store = getattr(target_graph, "impl", None)
    if (
        not isinstance(store, ox.Store)
        or getattr(target_graph, "_default_union", True)
        or getattr(target_graph, "locked_context", True) is not None
        or per_focus_node_now()
        or any(isinstance(f, Literal) for f in focus)
    ):
        return None
    step = _step(shape)
    if step is None:
        return None
    path, inverse = step
    keys: dict[Any, Node] = ox_terms(target_graph, focus)
    rdf = _RDF_TERMS
    if len(keys) <= LOOKUPS_UP_TO:
        out: dict[Node, set[Node]] = {}
        for key, f in keys.items():
            if inverse:
                quads = store.quads_for_pattern(None, path, key, _DEFAULT)
                out[f] = {rdf.get(q.subject) or rdf_term(q.subject) for q in quads}
            else:
                quads = store.quads_for_pattern(key, path, None, _DEFAULT)
                out[f] = {rdf.get(q.object) or rdf_term(q.object) for q in quads}
        return out if len(out) == len(focus) else None
    out = {f: set() for f in focus}
    quads = store.quads_for_pattern(None, path, None, _DEFAULT)
    found: Node | None
    if inverse:
        for q in quads:
            found = keys.get(q.object)
            if found is not None:
                value: Any = q.subject
                out[found].add(rdf.get(value) or rdf_term(value))
    else:
        for q in quads:
            found = keys.get(q.subject)
            if found is not None:
                value = q.object
                out[found].add(rdf.get(value) or rdf_term(value))
    return out


class _Targets(NamedTuple):
    """A shape's target declarations (read once per shape), as pyoxigraph terms."""

    nodes: tuple[Node, ...]
    classes: tuple[ox.NamedNode, ...]
    subjects_of: tuple[ox.NamedNode, ...]
    objects_of: tuple[ox.NamedNode, ...]


_TARGETS: dict[tuple[int, Node], tuple[object, _Targets]] = {}
_TYPE = ox.NamedNode(str(RDF.type))
_SUBCLASS = ox.NamedNode(str(RDFS.subClassOf))


def _targets(shape: Shape) -> _Targets:
    graph = shape.sg.graph
    key = (id(graph), shape.node)
    known = _TARGETS.get(key)
    if known is not None and known[0] is graph:
        return known[1]
    nodes, classes, implicit, objects_of, subjects_of = shape.target()
    found = _Targets(
        tuple(nodes),
        tuple(ox.NamedNode(str(c)) for c in {*classes, *implicit}),
        tuple(ox.NamedNode(str(p)) for p in subjects_of),
        tuple(ox.NamedNode(str(p)) for p in objects_of),
    )
    _TARGETS[key] = (graph, found)
    return found


class FocusIndex:
    """The focus nodes of the shapes of a run, read from the run's store: what
    :meth:`pyshacl.shape.Shape.focus_nodes` finds (instances of a target class, subjects or
    objects of a target property, the target nodes), with one lookup per distinct target of the
    run rather than one per target and shape, and no rdflib term made for a node twice
    (:func:`rdf_term`: nor again in the next run). A data
    graph that states ``rdfs:subClassOf`` is left to pySHACL (its class targets follow subclasses
    there); kg's never does (the validator materialises types instead)."""

    def __init__(self, store: ox.Store, graph: Any = None) -> None:
        self._store = store
        # with the run's data graph: each IRI and blank node found is remembered there with its
        # pyoxigraph term (what :func:`kg.validation.sparql_batch.ox_terms` would make of it
        # again; not a literal, whose rdflib form may be normalised)
        self._ox: dict[Any, Any] | None = None
        if graph is not None:
            self._ox = graph.__dict__.setdefault("_kg_ox_terms", {})
        self.complete = next(iter(store.quads_for_pattern(None, _SUBCLASS, None)), None) is None
        self._found: dict[tuple[int, ox.NamedNode], frozenset[Node]] = {}
        # the terms made by earlier runs, except on the reference path (per_focus_node)
        self._rdf: dict[Any, Node] = {} if per_focus_node_now() else _RDF_TERMS

    def _lookup(self, kind: int, term: ox.NamedNode) -> frozenset[Node]:
        key = (kind, term)
        found = self._found.get(key)
        if found is None:
            rdf = self._rdf
            out: set[Node] = set()
            if kind == 0:
                quads = self._store.quads_for_pattern(None, _TYPE, term)
            else:
                quads = self._store.quads_for_pattern(None, term, None)
            known = self._ox
            for q in quads:
                node = q.subject if kind < 2 else q.object
                converted = rdf.get(node) or rdf_term(node, rdf)
                out.add(converted)
                if known is not None and not isinstance(node, ox.Literal):
                    known[converted] = node
            found = self._found[key] = frozenset(out)
        return found

    def focus(self, shape: Shape, graph: DataGraph) -> set[Node]:
        if not self.complete:
            return set(shape.focus_nodes(graph))
        t = _targets(shape)
        out: set[Node] = set(t.nodes)
        for c in t.classes:
            out |= self._lookup(0, c)
        for p in t.subjects_of:
            out |= self._lookup(1, p)
        for p in t.objects_of:
            out |= self._lookup(2, p)
        return out


def focused_run(
    run: ShaclRun,
    graph: DataGraph,
    wanted: Callable[[Node], bool] | None,
    store: ox.Store,
) -> Graph:
    """The results graph of ``run`` (built on ``graph``, over ``store``, without
    inference, ontology graph or SHACL-AF, as :class:`kg.validation.validator.Validator` builds
    it) where every shape is evaluated on the focus nodes its targets find in ``graph`` that are
    ``wanted`` (all of them when ``wanted`` is None), and on no other: triples that are there only
    as context (a follow-up's promise) are read as data, but their nodes are never focus nodes, so
    no shape is evaluated on them.

    pySHACL's own ``focus_nodes`` option cannot say this: it takes IRIs only (a document's blank
    nodes could not be named) and it filters the values of nested shapes too. Here the targets are
    found with one lookup per distinct target (:class:`FocusIndex`, the nodes pySHACL's
    :meth:`pyshacl.shape.Shape.focus_nodes` finds), filtered, and passed to
    :meth:`pyshacl.shape.Shape.validate` as explicit focus nodes, which evaluates them exactly as
    it evaluates the focus nodes it finds (the two differ only in debug logging); the report is
    pySHACL's own, from the results of the shapes with a wanted focus node."""
    executor = run.make_executor()
    reports: list[tuple[object, ...]] = []
    conforms = True
    shapes = [shape for shape in run.shacl_graph.shapes if not shape.deactivated]
    index = FocusIndex(store, graph)
    verdicts: dict[Node, bool] = {}  # wanted(node), asked once a node and run
    for shape in shapes:
        found = index.focus(shape, graph)
        if wanted is None:
            focus = list(found)
        else:
            for n in found - verdicts.keys():
                verdicts[n] = wanted(n)
            focus = [n for n in found if verdicts[n]]
        if not focus:
            continue
        ok, found = shape.validate(executor, graph, focus=focus)
        conforms = conforms and ok
        reports.extend(found)
    if conforms and not reports:
        # what pySHACL's report of a run without results holds, without the shapes' prefixes
        # it binds into every report (nothing renders this graph: a report is read for results)
        empty = Graph(bind_namespaces="none")
        report = BNode()
        empty.add((report, RDF.type, SH.ValidationReport))
        empty.add((report, SH.conforms, Literal(True)))
        return empty
    results, _text = run.create_validation_report(run.shacl_graph, conforms, reports)
    return results  # type: ignore[no-any-return]
