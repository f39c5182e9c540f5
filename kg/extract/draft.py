"""An extracted promise as a draft a person can review: YAML-LD shaped like the hand-written
example (examples/nykoping-2025-2026.yaml), the source passages and assumptions at the end.

The promise is written as one nested node in the bundled context's keys, with prefixed names and
the short names of list terms; each node is written out where it is first used (a place under
the activity that names it, a local actor under its first activity) and named by its id after
that. A value the text does not state (an ``mbl:Assumption``) gets a comment above its key:
"KONTROLLERA / CHECK". Then the ``provenance`` section (:mod:`kg.documents.provenance`): the
source file, one line per source passage, the assumptions.

Nothing is lost: the draft reads back (``kg import``, ``kg validate``) as exactly the graph it
was written from. Triples that fit none of the shapes above are written as they are, as value
objects or nodes under ``@included``; the test suite checks the round trip on the fixtures, the
seeds and the README's example text.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from rdflib import RDF, XSD, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.documents.jsonld import CONTEXT_URL
from kg.documents.provenance import (
    SECTION,
    Triple,
    agent_of,
    agent_triples,
    assumption_triples,
    base_of,
    citation_triples,
    passage_triples,
    source_iri,
    source_triples,
)
from kg.extract.draft_terms import Keys, bundled_keys
from kg.extract.yaml_text import Block, Entry, Flow, Quoted, dump
from kg.iris import Minter
from kg.namespaces import AK, DCT, MBL, OA, PROV, SCHEMA

ORDER = (  # noqa: SIM905 - the keys in the order they are written, as one text to read
    "id type order isExample identifier title name personName label description municipality "
    "policeUnit territory issued targetGroup area revisionClause period situation priorities "
    "activities outcomes followUpPlan signatures addresses activityType responsible partners "
    "frequency frequencyText quantity location areaKind within unitOf actorType aim indicator "
    "indicatorText knowledgeSources problems priorityArea startDate endDate verbatim forums channels url "
    "channelType signatory post role postIn signedFor signingPlace date dateText"
).split()
_RANK = {k: n for n, k in enumerate(ORDER)}

SECTIONS = {
    "situation": "Lägesbild / situation",
    "priorities": "Prioriteringar / priorities",
    "activities": "Aktiviteter / activities",
    "outcomes": "Förväntade resultat / expected outcomes",
    "followUpPlan": "Uppföljning / follow-up",
    "signatures": "Underskrifter / signatures",
}

GUIDE = [
    "Granska varje värde mot källtexten och rätta det som är fel; importera sedan med",
    "  kg import <den här filen>",
    "Review each value against the source text and correct what is wrong; then import the file.",
    "",
    "- Nycklarna och de korta namnen kommer ur ontology/context.jsonld, som i",
    f"  examples/nykoping-2025-2026.yaml; `kg:` är {Minter().id('')} (utan --base-iri / by default).",
    "- KONTROLLERA / CHECK står vid värden som texten inte anger (antaganden / assumptions).",
    "- Avsnittet `provenance` sist: källfilen, textstycket varje post bygger på ([start, slut,",
    '  "citat"] i den normaliserade texten), källhänvisningarna och antagandena. Ta bort en rad där',
    "  om du tar bort dess post / the source file, the passage each item was read from, the",
    "  citations, the assumptions.",
    "- `kg extract --explain` visar varje post bredvid sina rader och det som utelämnades.",
]


@dataclass
class _Assumed:
    n: int
    subject: URIRef
    predicate: URIRef
    value: Node | None
    kind: URIRef
    rule: str
    sv: str
    en: str


@dataclass
class _Cited:
    subject: URIRef
    predicate: URIRef
    value: Node
    start: int
    end: int
    exact: str


@dataclass
class _Provenance:
    source: dict[str, Any] | None = None
    passages: dict[str, Any] = field(default_factory=dict)
    citations: list[_Cited] = field(default_factory=list)
    assumptions: list[_Assumed] = field(default_factory=list)
    comments: dict[tuple[Node, Node], list[_Assumed]] = field(default_factory=lambda: defaultdict(list))


class DraftWriter:
    """One graph (a promise and everything under it) as draft text."""

    def __init__(self, graph: Graph, *, keys: Keys | None = None) -> None:
        self.keys = keys or bundled_keys()
        self.graph = graph
        promises = list(graph.subjects(RDF.type, MBL.CitizenPromise))
        if len(promises) != 1 or not isinstance(promises[0], URIRef):
            raise ValueError("a draft holds exactly one promise with an IRI")
        self.promise: URIRef = promises[0]
        self.rest: set[Triple] = set(graph)
        self.prov = _Provenance()
        self._source()
        self._citations()
        self._passages()
        self._assumptions()
        self.by_subject: dict[Node, list[Triple]] = defaultdict(list)
        for t in sorted(self.rest):
            self.by_subject[t[0]].append(t)
        self.written: set[Node] = set()
        self.bnodes: dict[BNode, str] = {}

    # -- what the provenance section stands for -----------------------------------------------------

    def _take(self, triples: list[Triple]) -> bool:
        """Remove ``triples`` from what is left to write, if the graph holds every one of them."""
        if not all(t in self.rest for t in triples):
            return False
        self.rest.difference_update(triples)
        return True

    def _only(self, nodes: Collection[Node], expected: list[Triple]) -> bool:
        """The graph says nothing of ``nodes`` (as subject or object) beyond ``expected``."""
        found = {t for t in self.rest if t[0] in nodes or t[2] in nodes}
        return found == set(expected)

    def _source(self) -> None:
        src = source_iri(str(self.promise))
        g = self.graph
        titles, shas = list(g.objects(src, DCT.title)), list(g.objects(src, MBL.sha256))
        urls, truncated = list(g.objects(src, SCHEMA.url)), list(g.objects(src, MBL.truncated))
        if len(titles) != 1 or len(shas) != 1 or len(urls) > 1 or len(truncated) > 1:
            return
        title, sha = titles[0], shas[0]
        if not (_plain(title) and _plain(sha)) or (urls and not isinstance(urls[0], URIRef)):
            return
        is_cut = bool(truncated) and truncated[0] == Literal(True)
        if truncated and not is_cut:
            return
        url = str(urls[0]) if urls else None
        expected = source_triples(self.promise, str(title), str(sha), url=url, truncated=is_cut)
        around = {t for t in self.rest if t[0] == src or (t[2] == src and t[1] != OA.hasSource)}
        if around == set(expected) and self._take(expected):
            self.prov.source = {"file": str(title), "sha256": str(sha)}
            if url:
                self.prov.source["url"] = url
            if is_cut:
                self.prov.source["truncated"] = True

    def _passages(self) -> None:
        g, src = self.graph, source_iri(str(self.promise))
        found = []
        for res in g.subjects(RDF.type, OA.SpecificResource):
            if not isinstance(res, URIRef) or not str(res).endswith("/passage"):
                continue
            node = URIRef(str(res)[: -len("/passage")])
            quote, position = URIRef(f"{res}/quote"), URIRef(f"{res}/position")
            exact, start, end = (
                g.value(quote, OA.exact),
                g.value(position, OA.start),
                g.value(position, OA.end),
            )
            if not (_plain(exact) and isinstance(start, Literal) and isinstance(end, Literal)):
                continue
            try:
                a, b = int(str(start)), int(str(end))
            except ValueError:
                continue
            expected = passage_triples(node, src, a, b, str(exact))
            private = {res, quote, position, URIRef(f"{node}/annotation")}
            described = any(t[0] == node and t[1] != PROV.wasDerivedFrom for t in self.rest)
            if described and self._only(private, expected) and self._take(expected):
                found.append((node, [a, b, Quoted(str(exact))]))
        for node, value in sorted(found, key=lambda x: (x[1][0], x[1][1])):
            self.prov.passages[self.name(node)] = Flow(value)

    def _citations(self) -> None:
        """The ``mbl:Citation`` nodes ``<promise>/citation/1, 2, …``, all or none (then they are
        written as nodes, and their passages under ``passages``)."""
        g, src = self.graph, source_iri(str(self.promise))
        nodes = sorted(
            (n for n in g.subjects(RDF.type, MBL.Citation) if isinstance(n, URIRef)),
            key=lambda n: _natural(str(n)),
        )
        found: list[_Cited] = []
        expected: list[Triple] = []
        private: set[Node] = set()
        for n, node in enumerate(nodes, start=1):
            res = URIRef(f"{node}/passage")
            quote, position = URIRef(f"{res}/quote"), URIRef(f"{res}/position")
            subject, predicate = g.value(node, RDF.subject), g.value(node, RDF.predicate)
            value, exact = g.value(node, RDF.object), g.value(quote, OA.exact)
            start, end = g.value(position, OA.start), g.value(position, OA.end)
            if not (
                str(node) == f"{self.promise}/citation/{n}"
                and isinstance(subject, URIRef)
                and isinstance(predicate, URIRef)
                and value is not None
                and _plain(exact)
                and isinstance(start, Literal)
                and isinstance(end, Literal)
                and str(start).isdigit()
                and str(end).isdigit()
            ):
                return
            one = _Cited(subject, predicate, value, int(str(start)), int(str(end)), str(exact))
            found.append(one)
            statement = (subject, predicate, value)
            expected += citation_triples(node, statement, src, one.start, one.end, one.exact)
            private |= {node, res, quote, position, URIRef(f"{node}/annotation")}
        if found and self._only(private, expected) and self._take(expected):
            self.prov.citations = found

    def _assumptions(self) -> None:
        g = self.graph
        nodes = sorted(
            (n for n in g.subjects(RDF.type, MBL.Assumption) if isinstance(n, URIRef)),
            key=lambda n: _natural(str(n)),
        )
        base = base_of(str(self.promise))
        parsed: list[_Assumed] = []
        expected: list[Triple] = []
        agents: list[URIRef] = []
        for n, node in enumerate(nodes, start=1):
            one = self._assumed(node, n)
            if one is None:
                parsed = []
                break
            parsed.append(one)
            agent = agent_of(one.rule, base)
            if agent not in agents:
                agents.append(agent)
            expected += assumption_triples(
                node,
                (one.subject, one.predicate, one.value),
                kind=one.kind,
                rule=one.rule,
                reason_sv=one.sv,
                reason_en=one.en,
                agent=agent,
            )
        for agent in agents:
            expected += agent_triples(agent)
        private = set(nodes) | set(agents)
        if parsed and self._only(private, expected) and self._take(expected):
            self.prov.assumptions = parsed
        for one in parsed or filter(None, (self._assumed(n, 0) for n in nodes)):
            self.prov.comments[(one.subject, one.predicate)].append(one)

    def _assumed(self, node: URIRef, n: int) -> _Assumed | None:
        g = self.graph
        if n and str(node) != f"{self.promise}/assumption/{n}":
            return None
        subject, predicate = g.value(node, RDF.subject), g.value(node, RDF.predicate)
        kind, rule = g.value(node, MBL.assumptionKind), g.value(node, MBL.assumptionRule)
        reasons = {
            r.language: str(r) for r in g.objects(node, MBL.assumptionReason) if isinstance(r, Literal)
        }
        if not (isinstance(subject, URIRef) and isinstance(predicate, URIRef) and isinstance(kind, URIRef)):
            return None
        if not _plain(rule) or set(reasons) != {"sv", "en"}:
            return None
        value = g.value(node, RDF.object)
        return _Assumed(n, subject, predicate, value, kind, str(rule), reasons["sv"], reasons["en"])

    # -- names ------------------------------------------------------------------------------------

    def name(self, node: Node) -> str:
        """A node as the provenance section names it: relative to the promise where it can be."""
        text = str(node)
        head = f"{self.promise}/"
        if text.startswith(head) and ":" not in text[len(head) :]:
            return text[len(head) :]
        return self.keys.compact(text)

    def ref(self, node: Node) -> str:
        if isinstance(node, BNode):
            return self.bnodes.setdefault(node, f"_:b{len(self.bnodes) + 1}")
        return self.keys.compact(str(node))

    # -- the promise as nested blocks ----------------------------------------------------------------

    def node_block(self, node: Node, *, top: bool = False) -> Block:
        self.written.add(node)
        block = Block()
        triples = self.by_subject.get(node, [])
        if isinstance(node, URIRef) or sum(1 for t in self.rest if t[2] == node) != 1:
            block.add("id", self.ref(node))
        types = [t[2] for t in triples if t[1] == RDF.type]
        if types:
            names = sorted(self.keys.type_name(str(t)) for t in types)
            block.add("type", names[0] if len(names) == 1 else Flow(list(names)))
        by_predicate: dict[Node, list[Node]] = defaultdict(list)
        for _, p, o in triples:
            if p != RDF.type:
                by_predicate[p].append(o)
        entries = []
        for predicate, values in by_predicate.items():
            key, rule = self.keys.key_for(str(predicate), values)
            entries.append((_RANK.get(key, len(_RANK)), key, predicate, values, rule))
        for _, key, predicate, values, rule in sorted(entries, key=lambda e: (e[0], e[1])):
            written = [self.value(v, rule) for v in self._ordered(values)]
            is_set = rule is not None and rule.is_set
            value: Any
            if len(written) == 1 and not is_set:
                value = written[0]
            elif all(not isinstance(w, Block) for w in written):
                value = Flow(written)
            else:
                value = written
            comments = self._checks(node, predicate)
            block.add(key, value, comments, blank=top and key in SECTIONS)
            if top and key in SECTIONS:
                block.entries[-1].comments = [_rule(SECTIONS[key]), *comments]
        for predicate in self._unwritten_checks(node, by_predicate):
            key, _ = self.keys.key_for(str(predicate), [])
            block.trailing += self._checks(node, predicate, key=key)
        return block

    def _ordered(self, values: list[Node]) -> list[Node]:
        def rank(v: Node) -> tuple[Any, ...]:
            order = self.graph.value(v, MBL.order) if not isinstance(v, Literal) else None
            number = int(str(order)) if isinstance(order, Literal) and str(order).isdigit() else 1 << 30
            return (number, _natural(str(v)))

        return sorted(values, key=rank)

    def value(self, value: Node, rule: Any) -> Any:
        if isinstance(value, (URIRef, BNode)) and value in self.by_subject and value not in self.written:
            return self.node_block(value)
        if isinstance(value, BNode):
            return _block({"id": self.ref(value)})
        return _block(self.keys.write(rule, value))

    def _checks(self, node: Node, predicate: Node, *, key: str | None = None) -> list[str]:
        """One comment per rule for the assumptions on (node, predicate): their numbers, the
        rule and, where they share it, the reason (each in full, in Swedish and English, in the
        provenance section)."""
        by_rule: dict[str, list[_Assumed]] = {}
        for one in self.prov.comments.get((node, predicate), []):
            by_rule.setdefault(one.rule, []).append(one)
        lines = []
        for rule, found in by_rule.items():
            numbers = ", ".join(str(one.n) for one in found if one.n) or "?"
            label = "antagande / assumption" if len(found) == 1 else "antaganden / assumptions"
            reasons = {one.sv for one in found}
            reason = reasons.pop() if len(reasons) == 1 else "se / see provenance.assumptions"
            unknown = f"{key}: (okänt / unknown) " if key else ""
            lines.append(f"{unknown}KONTROLLERA / CHECK, {label} {numbers} ({rule}): {reason}")
        return lines

    def _unwritten_checks(self, node: Node, written: dict[Node, list[Node]]) -> list[Node]:
        return sorted(
            {p for (s, p) in self.prov.comments if s == node and p not in written and p != RDF.type},
            key=str,
        )

    # -- the whole draft ----------------------------------------------------------------------------

    def document(self) -> Block:
        root = self.node_block(self.promise, top=True)
        doc = Block()
        doc.add("@context", CONTEXT_URL)
        for n, e in enumerate(root.entries):
            doc.entries.append(e)
            if n == 0:
                e.blank_before = True
        doc.trailing = root.trailing
        left = [s for s in self.by_subject if s not in self.written]
        while left:
            node = left[0]
            if "@included" not in [e.key for e in doc.entries]:
                doc.add("@included", [], ["Övriga noder / other nodes"], blank=True)
            doc.entries[-1].value.append(self.node_block(node))
            left = [s for s in self.by_subject if s not in self.written]
        section = self._section()
        if section.entries:
            doc.add(SECTION, section, _SECTION_HEAD, blank=True)
        return doc

    def _about(self, subject: URIRef, predicate: URIRef, value: Node | None) -> Any:
        """A statement as ``[node, key, value]``, the value as it reads back under the key."""
        key, rule = self.keys.key_for(str(predicate), [] if value is None else [value])
        about: list[Any] = [self.name(subject), key]
        if value is not None:
            written = _block(self.keys.write(rule, value))
            long = isinstance(written, str) and len(written) > 40 and " " in written  # words: wrapped
            about.append(Quoted(written) if long else written)
        return Flow(about) if not isinstance(about[-1], Block) else about

    def _section(self) -> Block:
        section = Block()
        if self.prov.source:
            section.add("source", Block([_entry(k, v) for k, v in self.prov.source.items()]))
        if self.prov.passages:
            passages = Block([_entry(k, v) for k, v in self.prov.passages.items()])
            section.add("passages", passages, _PASSAGES_HEAD)
        if self.prov.citations:
            cited = []
            for c in self.prov.citations:
                item = Block()
                item.add("about", self._about(c.subject, c.predicate, c.value))
                item.add("passage", Flow([c.start, c.end, Quoted(c.exact)]))
                cited.append(item)
            section.add("citations", cited, _CITATIONS_HEAD)
        if self.prov.assumptions:
            items = []
            for one in self.prov.assumptions:
                item = Block()
                item.add("about", self._about(one.subject, one.predicate, one.value))
                kind = str(one.kind)
                item.add("kind", kind[len(str(AK)) :] if kind.startswith(str(AK)) else self.name(one.kind))
                item.add("rule", one.rule)
                item.add("reason", one.sv)
                item.add("reasonEn", one.en)
                items.append(item)
            section.add("assumptions", items, ["antagande / assumption 1, 2, … i ordning / in order"])
        return section


_SECTION_HEAD = [
    "=" * 96,
    "Underlag / provenance: källfilen, textstyckena, källhänvisningarna och antagandena. `kg import`",
    "gör om dem till W3C Web Annotation, mbl:Citation och mbl:Assumption (docs/extraction.md);",
    "granska dem inte rad för rad. The source file, the passages, the citations and the",
    "assumptions, read back into the graph on import.",
]
_CITATIONS_HEAD = [
    "källhänvisning / citation 1, 2, …: vad texten anger om löftet och var / what the text states",
    "  of the promise, and where. Ändrar du ett sådant värde ovan, ta bort dess källhänvisning här",
    "  / when you change such a value above, remove its citation here.",
]
_PASSAGES_HEAD = [
    'nod: [start, slut, "citat"], tecken i den normaliserade texten / node: [start, end, "quote"]'
]


def _rule(title: str) -> str:
    return f"--- {title} " + "-" * max(3, 92 - len(title))


def _entry(key: str, value: Any) -> Entry:
    return Entry(key, value)


def _block(value: Any) -> Any:
    """A value object (``{"@value": …}``, ``{"id": …}``) as a block; anything else as it is."""
    if isinstance(value, dict):
        return Block([Entry(k, v) for k, v in value.items()])
    return value


def _plain(term: Node | None) -> bool:
    """A literal without language and of type string: a file name, a checksum, a quote."""
    return isinstance(term, Literal) and not term.language and term.datatype in (None, XSD.string)


def _natural(text: str) -> list[Any]:
    return [(0, int(t), "") if t.isdigit() else (1, 0, t) for t in re.split(r"(\d+)", text)]


def draft_text(graph: Graph, *, header: list[str] | None = None) -> str:
    """The draft of a graph that holds one promise (``header``: comment lines on top)."""
    writer = DraftWriter(graph)
    return dump(writer.document(), header=[*(header or []), *([""] if header else []), *GUIDE])


__all__ = ["DraftWriter", "draft_text"]
