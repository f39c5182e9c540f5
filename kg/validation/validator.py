"""Validation of documents against the SHACL shapes: the data steward's safety net.

:class:`Validator` is built once (it reads the shapes, the ontology, the SKOS vocabularies and
the reference data) and then validates one document or a batch of documents:

* per document: the data graph is the document's own graph plus only the reference nodes and
  concepts it points to (its municipality and territory, the territory's county, its local police
  area, the concepts it uses), never the whole store or whole vocabularies, so the cost of
  validating a document does not grow with the store;
* without RDFS inference (``inference="none"``): the class hierarchy and the ``rdfs:range``
  typing that the shapes need are pre-materialised here, for the classes the shapes target
  only, so a node typed only through a property's range is still validated;
* in batches: :meth:`Validator.validate` puts several documents into ONE pySHACL run and
  maps every top-level result back to its document by focus node (documents share a run only
  when every node they both name is described alike in both, so one document's triples never
  hide another's gaps);
* the pySHACL shapes graph is parsed once and reused for every run, and the data is handed to
  pySHACL as a pyoxigraph store, so SPARQL constraints run on Oxigraph;
* with a context: a follow-up is checked against the promise it follows up, so
  :meth:`Validator.validate` takes ``contexts`` (the promise's relevant triples, from
  :func:`kg.authoring.followup.context_for`); they join the document's data graph as data only:
  the nodes that only the context describes are never focus nodes, so no shape is evaluated on
  them (their findings would be the promise's, not the follow-up's);
* beside the SHACL run, the rules of shapes/document.ttl (:mod:`.document_rules`): a document
  describes only its own nodes (triples about reference data, vocabularies, the ontology, the
  catalogue or another document are refused, and left out of the SHACL run), and every literal
  is well formed for its datatype;
* one language per message: pySHACL returns the messages of SPARQL-based constraints untagged,
  so :mod:`.messages` tells Swedish from English by the shape's own templates.

Each run returns a :class:`~kg.validation.report.ValidationReport` (re-exported here with
:class:`~kg.validation.report.Finding` and :class:`~kg.validation.report.Severity`): the object the
CLI, the importer and the server render.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache
from typing import Any

import pyoxigraph as ox
from pyshacl import Validator as ShaclRun
from rdflib import RDF, Graph, Literal, Namespace
from rdflib.namespace import DCTERMS, SH
from rdflib.term import Node

from kg import resources
from kg.collector import without_cyclic_gc
from kg.iris import DEFAULT_BASE
from kg.namespaces import MBL, SHAPES_NS, VOCAB_NS
from kg.namespaces import PREFIXES as NAMESPACE_PREFIXES
from kg.terms import OxTerm, graph_of, plain_literal, to_ox, to_rdflib
from kg.validation import sparql_helper
from kg.validation.authoring import hit_result, note_hits, placed, shadowed, with_suggestions
from kg.validation.batches import batches as _batches
from kg.validation.context import (
    EXTERNAL_LABELS,
    LABEL_PROPS,
    described_iris,
    iri_neighbours,
    literal,
    load_graph,
    ontology_files,
    ontology_outline,
    range_classes,
    reference_files,
    shape_classes,
    shape_predicates,
    superclass_closure,
    term_labels,
)
from kg.validation.document_rules import DATATYPE_COMPONENT, DocumentRules, Hit
from kg.validation.documents import TriplesDocument, Validatable, contexts_read, document_iri
from kg.validation.documents import spo as _spo
from kg.validation.locate import passages as find_passages
from kg.validation.locate import path_text, place_of, up
from kg.validation.messages import MessageTemplates
from kg.validation.report import Finding, Severity, ValidationReport
from kg.validation.shacl_graph import FrozenShapesGraph, focused_run
from kg.validation.shacl_graph import data_graph as _data_graph

__all__ = [
    "Finding",
    "Severity",
    "TriplesDocument",
    "Validatable",
    "ValidationReport",
    "Validator",
    "default_validator",
    "load_graph",
    "validate_stored",
]

MBLSH = Namespace(SHAPES_NS)

PREFIXES: dict[str, str] = {
    **NAMESPACE_PREFIXES,
    "mblsh": str(MBLSH),
    "sh": str(SH),
    "id": DEFAULT_BASE + "id/",
    "vocab": VOCAB_NS,
}
"""Prefixes for compact IRIs in reports: the project's namespaces, the shapes, and the data."""

_CLOSURE_DEPTH = 2
"""How far reference data is followed from a document: municipality/territory → county."""

_CROSS_DOCUMENT = frozenset({MBL.followsUp, MBL.assessedActivity})
"""Properties that point from a follow-up into its promise, another document: their values are not
typed through rdfs:range (the promise is validated on its own, not as part of the follow-up)."""


Triple = tuple[Any, Any, Any]
"""(subject, predicate, object) as pyoxigraph terms."""
_TYPE = ox.NamedNode(str(RDF.type))


class Validator:
    """Shapes, ontology, vocabularies and reference data, loaded once; validates documents.

    One public entry point, :meth:`validate`, for one document or many: a
    :class:`kg.documents.load.Document` (read from a file) or a :class:`TriplesDocument` (read
    back from the store, or built in memory). The triples are validated as pyoxigraph quads; an
    rdflib graph of a document is built only when it has findings (labels, lines, passages).

    Thread-safe: one pySHACL run at a time (the parsed shapes are shared between runs).
    """

    def __init__(
        self,
        *,
        shapes: Graph | None = None,
        ontology: Graph | None = None,
        reference: Graph | None = None,
    ) -> None:
        self.is_default = shapes is None and ontology is None and reference is None
        """Built from the bundled files only (so a worker process can build the same one)."""
        self.given_graphs = (ontology, reference)
        """The ontology and reference graphs given instead of the bundled files (for the digest of
        :mod:`kg.validation.fingerprint`)."""
        self.shapes = shapes if shapes is not None else load_graph(resources.shape_files())
        if ontology is None:
            onto, described = ontology_outline(ontology_files())
        else:
            onto, described = ontology, described_iris(ontology)
        wanted = {to_ox(c) for c in shape_classes(self.shapes)}
        # The superclasses and rdfs:range classes the shapes target (the only types worth adding).
        self._superclasses: dict[OxTerm, list[OxTerm]] = {}
        for c, supers in superclass_closure(onto).items():
            kept = sorted((to_ox(x) for x in supers if to_ox(x) in wanted), key=str)
            if kept:
                self._superclasses[to_ox(c)] = kept
        self._ranges: dict[OxTerm, list[OxTerm]] = {}
        for p, ranges in range_classes(onto).items():
            kept = sorted((to_ox(x) for x in ranges if to_ox(x) in wanted), key=str)
            if p not in _CROSS_DOCUMENT and kept:
                self._ranges[to_ox(p)] = kept
        self._labels = term_labels(onto)
        # Reference triples by subject, restricted to the predicates shapes and labels read (a
        # concept's many alt/hidden labels and definitions would only slow pySHACL down); with
        # each node's quads for pySHACL (its triples and the types they imply), built once.
        keep = {to_ox(p) for p in shape_predicates(self.shapes) | {RDF.type, *LABEL_PROPS}}
        ref: Iterable[Triple]
        if reference is not None:
            ref = ((to_ox(s), to_ox(p), to_ox(o)) for s, p, o in reference)
        else:
            ref = (
                (q.subject, q.predicate, q.object)
                for f in reference_files()
                for q in ox.parse(path=str(f), format=ox.RdfFormat.TURTLE)
            )
        self._index: dict[OxTerm, list[Triple]] = defaultdict(list)
        for t in ref:
            if t[1] in keep:
                self._index[t[0]].append(t)
        self._index = dict(self._index)
        self._ref_next = iri_neighbours(self._index)  # what _closure follows
        self._ref_quads: dict[OxTerm, list[ox.Quad]] = {
            node: [ox.Quad(*t) for t in triples] + self._types(triples)
            for node, triples in self._index.items()
        }
        self._messages = MessageTemplates(self.shapes)
        reserved = set(self._index) | described
        self._rules = DocumentRules(
            (n for n in reserved if isinstance(n, ox.NamedNode)),
            (str(MBL), str(MBLSH), PREFIXES["vocab"]),
        )
        self._lock = threading.Lock()
        sparql_helper.install()
        self._shapes_graph = FrozenShapesGraph(self.shapes)
        _ = self._shapes_graph.shapes  # parse every shape now, once
        # a literal where a node belongs (dct:temporal "2025"): the stating document's finding
        self._literal_focus = {to_ox(p) for p in self.shapes.objects(None, SH.targetObjectsOf)}

    # -- public API ---------------------------------------------------------------------------
    def validate(
        self,
        documents: Sequence[Validatable],
        contexts: Sequence[Graph | Sequence[ox.Quad] | None] | None = None,
    ) -> list[ValidationReport]:
        """Validate documents in as few pySHACL runs as possible; one report each, in order.

        ``contexts`` (or None per document) are triples a document is checked against but that
        are not its own (an rdflib Graph or pyoxigraph quads): for a follow-up, the promise it
        follows up (:func:`kg.authoring.followup.followup_context`). A node only the context describes is
        never a focus node: no shape is evaluated on it.
        """
        ctxs: list[Graph | Sequence[ox.Quad] | None] = (
            list(contexts) if contexts is not None else [None] * len(documents)
        )
        if len(ctxs) != len(documents):
            raise ValueError("validate: documents and contexts differ in length")
        with without_cyclic_gc():
            return self._validate(documents, ctxs)

    def _validate(
        self, documents: Sequence[Validatable], ctxs: list[Graph | Sequence[ox.Quad] | None]
    ) -> list[ValidationReport]:
        given = [d.quads for d in documents]
        docs = [_spo(q) for q in given]
        kept = list(docs)
        hits = [self._document_rules(i, docs, documents[i]) for i in range(len(docs))]
        # a document's own quads go to pySHACL as given, unless the rules left some out or they
        # are in a named graph (a document read back from the store)
        own_quads = [
            q if docs[i] is kept[i] and all(isinstance(x.graph_name, ox.DefaultGraph) for x in q) else None
            for i, q in enumerate(given)
        ]
        ctx_triples = contexts_read(ctxs)
        reports: list[ValidationReport] = [ValidationReport(prefixes=PREFIXES) for _ in documents]
        for batch in _batches(docs, ctx_triples, self._index.keys()):
            self._run(batch, docs, own_quads, documents, reports, ctx_triples, hits)
        return reports

    def _document_rules(self, i: int, docs: list[list[Triple]], document: Validatable) -> list[Hit]:
        """The hits of the rules evaluated here (shapes/document.ttl) on document ``i``; triples
        about subjects the document may not describe are left out of its SHACL run (so they cannot
        stand in for the reference data another document is checked against)."""
        own = docs[i]
        foreign = self._rules.foreign_subjects(own, document_iri(own, document))
        if foreign:
            drop = {h.focus for h in foreign}
            docs[i] = [t for t in own if t[0] not in drop]
        notes = note_hits(document.notes, document_iri(own, document))
        return foreign + self._rules.literal_hits(own) + notes

    # -- internals ----------------------------------------------------------------------------
    def _closure(self, doc: Sequence[Triple]) -> set[OxTerm]:
        """The reference nodes (municipality, territory, county, LPO, concepts) a document
        points to, followed ``_CLOSURE_DEPTH`` steps."""
        index = self._ref_next
        added: set[OxTerm] = set()
        frontier: set[OxTerm] = {o for _, _, o in doc if isinstance(o, ox.NamedNode)}
        frontier |= {s for s, _, _ in doc if s in index}
        for _ in range(_CLOSURE_DEPTH):
            nxt: set[OxTerm] = set()
            for node in frontier:
                if node in added or node not in index:
                    continue
                added.add(node)
                nxt.update(index[node])
            frontier = nxt - added
        return added

    def _types(self, triples: Iterable[Triple]) -> list[ox.Quad]:
        """The types the shapes need: superclasses of explicit types, and rdfs:range typing,
        for targeted classes only."""
        supers, ranges = self._superclasses, self._ranges
        out: list[ox.Quad] = []
        for s, p, o in triples:
            if p == _TYPE:
                out.extend(ox.Quad(s, _TYPE, c) for c in supers.get(o, ()))  # type: ignore[arg-type]
            elif p in ranges and not isinstance(o, ox.Literal):
                out.extend(ox.Quad(o, _TYPE, c) for c in ranges[p])  # type: ignore[arg-type]
        return out

    def _quads(
        self, doc: Sequence[Triple], refs: Iterable[OxTerm], given: Sequence[ox.Quad] | None = None
    ) -> list[ox.Quad]:
        """A document's triples, its reference triples and the types the shapes need, as the
        quads of pySHACL's data graph (``given``: the quads of the first triples of ``doc``)."""
        out = list(given) if given is not None else []
        out.extend(ox.Quad(*t) for t in doc[len(out) :])
        out.extend(self._types(doc))
        for node in refs:
            out.extend(self._ref_quads[node])
        return out

    def _run(
        self,
        batch: list[int],
        docs: Sequence[list[Triple]],
        own_quads: Sequence[Sequence[ox.Quad] | None],
        documents: Sequence[Validatable],
        reports: list[ValidationReport],
        contexts: Sequence[list[Triple] | None],
        hits: Sequence[list[Hit]],
    ) -> None:
        quads: list[ox.Quad] = []
        owner: dict[OxTerm, list[int]] = defaultdict(list)
        refs: dict[int, set[OxTerm]] = {}
        alls: dict[int, list[Triple]] = {}
        foreign: set[OxTerm] = set()  # nodes only a context describes: never focus nodes
        listed: set[OxTerm] = set()  # reference nodes whose quads are in ``quads``
        listed_contexts: set[int] = set()  # the same (one list for equal contexts, see validate)
        for i in batch:
            own = docs[i]
            ctx = contexts[i] or []
            doc = alls[i] = own + ctx if ctx else own
            refs[i] = self._closure(doc)
            own_refs = self._closure(own) if ctx else refs[i]
            # a reference node's quads, and a context's, once a run: a later copy would add
            # nothing to the store (the same quads, first added in the same order)
            part = own if ctx and id(ctx) in listed_contexts else doc
            if ctx:
                listed_contexts.add(id(ctx))
            quads.extend(self._quads(part, [r for r in refs[i] if r not in listed], own_quads[i]))
            listed |= refs[i]
            subjects = {s for s, _, _ in own}
            literal_focus = self._literal_focus
            nodes = subjects | {o for _, p, o in own if not isinstance(o, ox.Literal) or p in literal_focus}
            described = {s for s, _, _ in ctx} - subjects - own_refs
            # and what only the context names (the promise's police unit, described in the
            # promise's own graph, not in the context): the promise's, not the document's
            described |= {o for _, _, o in ctx if not isinstance(o, ox.Literal)} - nodes - own_refs
            foreign |= described
            for node in (nodes - described) | own_refs:
                owner[node].append(i)
            reports[i].document = document_iri(own, documents[i])
            reports[i].source = documents[i].where or reports[i].document
        # A node only a context describes is never a focus node (its findings would not be the
        # document's): the context is read as data, and no shape is evaluated on its nodes.
        single = len(batch) == 1  # a node no document owns is the one document's, unless foreign

        def owned(node: Node) -> bool:
            key = to_ox(node)
            return key in owner or (single and key not in foreign)

        results = self._shacl(quads, owned if foreign else None)
        views: dict[int, tuple[Graph, Graph, dict[Node, str]]] = {}

        def view(i: int) -> tuple[Graph, Graph, dict[Node, str]]:
            if i not in views:  # rdflib views, labels and passages only for findings
                own_graph = graph_of(documents[i].quads)
                data = graph_of(self._quads(alls[i], refs[i]))
                views[i] = (data, own_graph, find_passages(own_graph))
            return views[i]

        for r in results.objects(None, SH.result):  # top-level results only
            focus = results.value(r, SH.focusNode)
            if focus is None:
                continue
            for i in owner.get(to_ox(focus), batch[:1] if len(batch) == 1 else []):
                data, own_graph, passages = view(i)
                reports[i].findings.append(
                    self._finding(results, r, focus, data, own_graph, reports[i], documents[i], passages)
                )
        for i in batch:
            # a literal a shape already found of the wrong datatype is that shape's finding
            dt = str(DATATYPE_COMPONENT)
            typed = {(f.focus_node, f.path) for f in reports[i].findings if f.constraint_component == dt}
            for hit in hits[i]:
                where = (hit.focus.value, hit.path.value if hit.path is not None else None)
                if hit.component == DATATYPE_COMPONENT and where in typed:
                    continue
                data, own_graph, passages = view(i)
                g, r = hit_result(hit, self._messages)
                found = self._finding(
                    g, r, to_rdflib(hit.focus), data, own_graph, reports[i], documents[i], passages
                )
                reports[i].findings.append(placed(found, hit))
            reports[i].findings = with_suggestions(shadowed(reports[i].findings, hits[i]))
            reports[i].findings.sort(
                key=lambda f: (
                    -f.severity.rank,
                    f.line or 0,
                    f.focus_node,
                    f.source_shape,
                    f.path or "",
                    f.value or "",
                    f.message_sv,
                )
            )

    def _shacl(self, quads: list[ox.Quad], wanted: Callable[[Node], bool] | None = None) -> Graph:
        """pySHACL's results graph for ``quads``; with ``wanted``, only nodes it accepts are focus
        nodes (:func:`kg.validation.shacl_graph.focused_run`)."""
        # pySHACL on a pyoxigraph store runs the SPARQL constraints on Oxigraph: 4x faster than on
        # rdflib, whose SPARQL parser alone took 70% of a run.
        store = ox.Store()
        store.extend(quads)
        options = {"inference": "none", "advanced": False, "inplace": True}
        with self._lock:
            graph = _data_graph(store)
            run = ShaclRun(graph, shacl_graph=self.shapes, options=options)
            run.shacl_graph = self._shapes_graph  # reuse the shapes parsed once
            results = focused_run(run, graph, wanted, store)
        return results  # type: ignore[no-any-return]

    def _finding(
        self,
        results: Graph,
        r: Node,
        focus: Node,
        data: Graph,
        doc_graph: Graph,
        report: ValidationReport,
        source: Validatable,
        passages: Mapping[Node, str],
    ) -> Finding:
        messages = self._messages.by_language(
            results.objects(r, SH.resultMessage),
            (results.value(r, SH.sourceConstraint), results.value(r, SH.sourceShape)),
        )
        untagged = sorted(str(m) for m in results.objects(r, SH.resultMessage) if isinstance(m, Literal))
        fallback = next(iter(messages.values()), untagged[0] if untagged else "")
        path = results.value(r, SH.resultPath)
        value = results.value(r, SH.value)
        if value == focus and results.value(r, SH.sourceConstraintComponent) == SH.SPARQLConstraintComponent:
            value = None  # pySHACL's stand-in when a SPARQL constraint binds no ?value
        doc = report.document
        # A node the document only points to (a concept, a reference organisation) is shown
        # with the statement that uses it, and found at that statement's line.
        where: Node = focus
        label_sv, label_en = self._label(data, focus, "sv"), self._label(data, focus, "en")
        key_of = path  # in YAML-LD, the key the finding points at under ``where``
        if (focus, None, None) not in doc_graph:
            ref = next(iter(doc_graph.subject_predicates(focus)), None)
            if ref is not None:
                where, key_of = ref  # a node the document only names: at the key naming it
                label_sv += f" ({self._term_label(ref[1], 'sv')} i {self._label(data, where, 'sv')})"
                label_en += f" ({self._term_label(ref[1], 'en')} in {self._label(data, where, 'en')})"
        return Finding(
            severity=Severity.from_iri(results.value(r, SH.resultSeverity)),
            focus_node=plain_literal(focus).n3() if isinstance(focus, Literal) else str(focus),
            focus_label=label_sv,
            focus_label_en=label_en,
            path=path_text(results, path) if path is not None else None,
            value=plain_literal(value).n3() if value is not None else None,
            message_sv=messages.get("sv", fallback),
            message_en=messages.get("en", fallback),
            source_shape=str(results.value(r, SH.sourceShape)),
            constraint_component=str(results.value(r, SH.sourceConstraintComponent)),
            **place_of(where, key_of, doc, source),
            source_passage=up(where, doc, passages.get),
            document=doc,
        )

    def _term_label(self, term: Node, lang: str) -> str:
        labels = EXTERNAL_LABELS.get(term) or self._labels.get(term)
        if labels:
            return labels[0 if lang == "sv" else 1]
        return ValidationReport(prefixes=PREFIXES).compact(str(term))

    def _label(self, data: Graph, node: Node, lang: str = "sv") -> str:
        """A name a steward recognises: the node's own label, else its kind, number and text."""
        own = literal(data, node, LABEL_PROPS, lang)
        if own:
            return own
        kind = None
        for c in data.objects(node, RDF.type):
            kind = self._class_label(c, lang)
            if kind:
                break
        order = data.value(node, MBL.order)
        text = literal(data, node, (DCTERMS.description,), lang)
        parts = [p for p in (kind, str(order) if order is not None else None) if p]
        if not parts:
            return _short(node)
        head = " ".join(parts)
        head = head[0].upper() + head[1:]
        if text:
            return head + f": \u201c{text[:70]}{'…' if len(text) > 70 else ''}\u201d"
        return head + f" ({_short(node)})"

    def _class_label(self, c: Node, lang: str) -> str | None:
        labels = EXTERNAL_LABELS.get(c) or self._labels.get(c)
        return labels[0 if lang == "sv" else 1] if labels else None


# -- helpers -------------------------------------------------------------------------------------
def _short(node: Node) -> str:
    """An instance or concept IRI without its base (``promise/0480-2025-2026/period``)."""
    s = str(node)
    for base in (PREFIXES["id"], PREFIXES["vocab"]):
        if s.startswith(base):
            return s[len(base) :]
    return s


@cache
def default_validator() -> Validator:
    """The validator over the bundled shapes, ontology and reference data, built once per process."""
    return Validator()


from kg.validation.stored import validate_stored  # noqa: E402  (re-exported: it needs Validator)
