"""The provenance section of a draft (``provenance:``) and the triples it stands for.

``kg extract`` writes where each item came from, and what it assumed, in one section at the end
of the draft, so that the promise above it reads like a hand-written document
(examples/nykoping-2025-2026.yaml)::

    provenance:
      source: {file: löfte.txt, sha256: 3f1c…, url: https://…}
      passages:
        activity/1: [812, 901, "Polisen ska minst en gång per termin …"]
      citations:
        - about: [kg:promise/0480-2025-2026, municipality, kg:org/kommun-0480]
          passage: [107, 123, "Nyköpings kommun"]
      assumptions:
        - about: [activity/3, responsible, kg:org/lpo-nykoping]
          kind: slutsats
          rule: extract:joint-means-both-parties
          reason: "Texten säger att parterna gör det tillsammans …"
          reasonEn: "The text says the parties do it together …"

The section abbreviates; it adds nothing. :func:`section_quads` turns it into exactly the triples
the extractor writes, built by the same functions (:func:`passage_triples`,
:func:`assumption_triples`, :func:`source_triples`):

- ``source``: ``<promise> prov:wasDerivedFrom <promise>/source``, an ``mbl:SourceDocument`` with
  the file name (``dct:title``), its SHA-256, the page's address and ``mbl:truncated``;
- ``passages``: one line per node, ``name: [start, end, quote]``, a W3C Web Annotation: the node
  ``prov:wasDerivedFrom <node>/passage``, an ``oa:SpecificResource`` on the source with an
  ``oa:TextQuoteSelector`` (the quote) and an ``oa:TextPositionSelector`` (character offsets into
  the normalised text, end exclusive), and ``<node>/annotation`` (``oa:identifying``);
- ``assumptions``: the ``mbl:Assumption`` nodes ``<promise>/assumption/N`` in order; ``about`` is
  the assumed statement as subject, key and value, the value read as it would be under that key
  in the document (``[period, startDate, "2025-01-01"]``; no value: the text states none);
  ``kind`` a term of the assumption-kind list; the agent is the steward for ``option:`` rules and
  ``kg extract`` (a ``prov:SoftwareAgent``) otherwise.

A node ``name`` is relative to the promise (``activity/1`` is ``<promise>/activity/1``) unless it
holds a colon (``kg:org/kommun-0480``, an absolute IRI). The bundled context maps the key
``provenance`` to null, so any other JSON-LD processor leaves the section out.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import pyoxigraph as ox
from rdflib import RDF, RDFS, XSD, Literal, URIRef
from rdflib.term import Node

from kg.documents.jsonld import bundled_context, resolve_contexts
from kg.errors import InputError
from kg.namespaces import AK, DCT, MBL, OA, PROV, SCHEMA
from kg.terms import to_ox

SECTION = "provenance"
"""The key of the section, at the top of the document (beside ``@context``)."""

Triple = tuple[Node, Node, Node]

_EXTRACTOR = "agent/kg-extract"
_STEWARD = "agent/steward"
_ABOUT = "urn:x-kg-draft:about:"


class SectionError(InputError):
    """An entry of the section that cannot be read; ``path`` is its key path
    (``provenance.citations[2].passage``), which a YAML reader turns into the draft's line."""

    def __init__(self, message: str, *, path: str, where: str, hint: str) -> None:
        super().__init__(message, where=where, hint=hint)
        self.path = path


# -- the triples ---------------------------------------------------------------------------------


def source_iri(promise: str) -> URIRef:
    return URIRef(f"{promise}/source")


def source_triples(
    promise: URIRef, file: str, sha256: str, *, url: str | None = None, truncated: bool = False
) -> list[Triple]:
    """The promise's source document: the file it was extracted from."""
    src = source_iri(promise)
    out: list[Triple] = [
        (promise, PROV.wasDerivedFrom, src),
        (src, RDF.type, MBL.SourceDocument),
        (src, DCT.title, Literal(file)),
        (src, MBL.sha256, Literal(sha256)),
    ]
    if url:
        out.append((src, SCHEMA.url, URIRef(url)))
    if truncated:  # what the page held after the cut is not in the graph
        out.append((src, MBL.truncated, Literal(True)))
    return out


def passage_triples(node: URIRef, source: URIRef, start: int, end: int, exact: str) -> list[Triple]:
    """The W3C Web Annotation of the passage ``[start, end)`` of the source that ``node`` was
    read from."""
    res = URIRef(f"{node}/passage")
    quote, position, annotation = (
        URIRef(f"{res}/quote"),
        URIRef(f"{res}/position"),
        URIRef(f"{node}/annotation"),
    )
    return [
        (node, PROV.wasDerivedFrom, res),
        (annotation, RDF.type, OA.Annotation),
        (annotation, OA.motivatedBy, OA.identifying),
        (annotation, OA.hasBody, node),
        (annotation, OA.hasTarget, res),
        (res, RDF.type, OA.SpecificResource),
        (res, OA.hasSource, source),
        (res, OA.hasSelector, quote),
        (res, OA.hasSelector, position),
        (quote, RDF.type, OA.TextQuoteSelector),
        (quote, OA.exact, Literal(exact)),
        (position, RDF.type, OA.TextPositionSelector),
        (position, OA.start, Literal(start, datatype=XSD.nonNegativeInteger)),
        (position, OA.end, Literal(end, datatype=XSD.nonNegativeInteger)),
    ]


def citation_triples(
    node: URIRef, statement: tuple[URIRef, URIRef, Node], source: URIRef, start: int, end: int, exact: str
) -> list[Triple]:
    """The ``mbl:Citation`` ``node``: that the passage ``[start, end)`` of the source states
    ``statement`` (subject, predicate, value), reified as an ``mbl:Assumption`` is, with the
    passage as every extracted node has it (:func:`passage_triples`)."""
    subject, predicate, value = statement
    return [
        (node, RDF.type, MBL.Citation),
        (node, RDF.subject, subject),
        (node, RDF.predicate, predicate),
        (node, RDF.object, value),
        *passage_triples(node, source, start, end, exact),
    ]


def agent_of(rule: str, base: str) -> URIRef:
    """Who assumed by ``rule``: the data steward for an option they gave, else ``kg extract``.
    ``base`` is the IRI base (``…/``) the document's IRIs are minted under."""
    return URIRef(f"{base}id/{_STEWARD if rule.startswith('option:') else _EXTRACTOR}")


def agent_triples(agent: URIRef) -> list[Triple]:
    """The agent's own description (``kg extract`` or the data steward)."""
    if str(agent).endswith(_EXTRACTOR):
        return [(agent, RDF.type, PROV.SoftwareAgent), (agent, RDFS.label, Literal("kg extract"))]
    return [
        (agent, RDF.type, PROV.Agent),
        (agent, RDFS.label, Literal("förvaltaren", lang="sv")),
        (agent, RDFS.label, Literal("the data steward", lang="en")),
    ]


def assumption_triples(
    node: URIRef,
    statement: tuple[URIRef, URIRef, Node | None],
    *,
    kind: URIRef,
    rule: str,
    reason_sv: str,
    reason_en: str,
    agent: URIRef,
) -> list[Triple]:
    """The ``mbl:Assumption`` ``node``: that ``statement`` (subject, predicate, value or None
    when the text states none) holds by ``rule``."""
    subject, predicate, value = statement
    out: list[Triple] = [
        (node, RDF.type, MBL.Assumption),
        (node, RDF.subject, subject),
        (node, RDF.predicate, predicate),
    ]
    if value is not None:
        out.append((node, RDF.object, value))
    out += [
        (node, MBL.assumptionKind, kind),
        (node, MBL.assumptionReason, Literal(reason_sv, lang="sv")),
        (node, MBL.assumptionReason, Literal(reason_en, lang="en")),
        (node, MBL.assumptionRule, Literal(rule)),
        (node, PROV.wasAttributedTo, agent),
    ]
    return out


def base_of(promise: str) -> str:
    """The IRI base a promise IRI (``{base}id/promise/{key}``) was minted under."""
    head, sep, _ = promise.partition("id/promise/")
    return head if sep else promise.rsplit("/", 1)[0] + "/"


# -- reading the section -------------------------------------------------------------------------


def split_section(data: Any) -> tuple[Any, Any]:
    """The document without its provenance section, and the section (None when it has none)."""
    if isinstance(data, dict) and SECTION in data:
        rest = {k: v for k, v in data.items() if k != SECTION}
        return rest, data[SECTION]
    return data, None


def section_quads(section: Any, quads: Sequence[ox.Quad], *, context: Any, where: str) -> list[ox.Quad]:
    """The triples the section stands for, given the document's other triples (``quads``) and
    its ``@context``. Raises :class:`InputError` naming the entry that cannot be read."""
    reader = _Reader(quads, context, where)
    return [ox.Quad(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in reader.read(section)]  # type: ignore[arg-type]


class _Reader:
    def __init__(self, quads: Sequence[ox.Quad], context: Any, where: str) -> None:
        self.where = where
        self.context = context if context is not None else bundled_context()["@context"]
        kinds = (ox.NamedNode(str(MBL.CitizenPromise)), ox.NamedNode(str(MBL.FollowUp)))
        promises = {
            q.subject.value
            for q in quads
            if q.predicate.value == str(RDF.type)
            and q.object in kinds
            and isinstance(q.subject, ox.NamedNode)
        }
        if len(promises) != 1:
            raise self.error(
                SECTION,
                "avsnittet hör till ett löfte, men dokumentet har inget (eller flera)"
                " / the section belongs to a promise, but the document has none (or several)",
            )
        self.promise = URIRef(promises.pop())
        self.described = {q.subject.value for q in quads if isinstance(q.subject, ox.NamedNode)}
        prefixes = resolve_contexts({"@context": self.context}, where)["@context"]
        self.prefixes = _prefixes(prefixes)

    def error(self, path: str, message: str, hint: str | None = None) -> SectionError:
        return SectionError(
            f"{message}: {path}",
            path=path,
            where=self.where,
            hint=hint
            or "Avsnittet provenance skrivs av 'kg extract'; ta bort posten eller skriv den som där"
            " (docs/extraction.md) / the provenance section is written by 'kg extract'; remove the"
            " entry or write it as described in docs/extraction.md.",
        )

    def read(self, section: Any) -> list[Triple]:
        if not isinstance(section, dict):
            raise self.error(SECTION, "ska vara en avbildning / must be a mapping")
        unknown = sorted(set(section) - {"source", "passages", "citations", "assumptions"})
        if unknown:
            raise self.error(
                f"{SECTION}.{unknown[0]}",
                "okänd nyckel / unknown key",
                "Kända / known: source, passages, citations, assumptions.",
            )
        out: list[Triple] = []
        if section.get("source") is not None:
            out += self._source(section["source"])
        out += self._passages(section.get("passages") or {})
        out += self._citations(section.get("citations") or [])
        out += self._assumptions(section.get("assumptions") or [])
        return out

    def node(self, name: Any, path: str) -> URIRef:
        if not isinstance(name, str) or not name.strip():
            raise self.error(path, "en nod anges med sitt namn / a node is given by its name")
        name = name.strip()
        if ":" not in name:
            return URIRef(f"{self.promise}/{name}")
        prefix, _, local = name.partition(":")
        if prefix in self.prefixes:
            return URIRef(self.prefixes[prefix] + local)
        return URIRef(name)

    def _source(self, source: Any) -> list[Triple]:
        path = f"{SECTION}.source"
        if not isinstance(source, dict) or not isinstance(source.get("file"), str):
            raise self.error(
                path, "källan behöver 'file' och 'sha256' / the source needs 'file' and 'sha256'"
            )
        unknown = sorted(set(source) - {"file", "sha256", "url", "truncated"})
        if unknown:
            raise self.error(f"{path}.{unknown[0]}", "okänd nyckel / unknown key")
        sha = source.get("sha256")
        if not isinstance(sha, str):
            raise self.error(f"{path}.sha256", "saknas / missing")
        url = source.get("url")
        truncated = source.get("truncated", False)
        if (url is not None and not isinstance(url, str)) or not isinstance(truncated, bool):
            raise self.error(
                path,
                "'url' är en adress, 'truncated' true eller false"
                " / 'url' is an address, 'truncated' true or false",
            )
        return source_triples(self.promise, source["file"], sha, url=url, truncated=truncated)

    def _passages(self, passages: Any) -> list[Triple]:
        path = f"{SECTION}.passages"
        if not isinstance(passages, dict):
            raise self.error(
                path, "ska vara en avbildning nod: [start, slut, citat] / must map node: [start, end, quote]"
            )
        out: list[Triple] = []
        source = source_iri(str(self.promise))
        for name, value in passages.items():
            here = f"{path}.{name}"
            node = self.node(name, here)
            start, end, exact = self._span(value, here)
            if str(node) not in self.described:
                raise self.error(
                    here,
                    "textstycket hör till en nod som inte finns i dokumentet / the passage belongs to a node"
                    " that is not in the document",
                    "Ta bort raden om du tog bort noden / remove the line if you removed the node.",
                )
            out += passage_triples(node, source, start, end, exact)
        return out

    def _span(self, value: Any, here: str) -> tuple[int, int, str]:
        """A passage written ``[start, end, "quote"]``, its quote as long as its offsets say."""
        if not (
            isinstance(value, list)
            and len(value) == 3
            and all(isinstance(v, int) and not isinstance(v, bool) for v in value[:2])
            and isinstance(value[2], str)
        ):
            raise self.error(here, 'skrivs [start, slut, "citat"] / is written [start, end, "quote"]')
        start, end, exact = value
        if not 0 <= start < end or end - start != len(exact):
            raise self.error(
                here,
                f"citatet är {len(exact)} tecken men [{start}, {end}) är {end - start}"
                f" / the quote is {len(exact)} characters but [{start}, {end}) is {end - start}",
                "Citatet är källtextens ord, oförändrade: återställ det ur 'kg extract' eller ta bort"
                " raden / the quote is the source's words, unchanged: restore it or remove the line.",
            )
        return start, end, exact

    def _citations(self, entries: Any) -> list[Triple]:
        path = f"{SECTION}.citations"
        if not isinstance(entries, list):
            raise self.error(path, "ska vara en lista / must be a list")
        statements = self._statements(entries, path, value_required=True)
        source = source_iri(str(self.promise))
        out: list[Triple] = []
        for n, (entry, (subject, predicate, value)) in enumerate(zip(entries, statements, strict=True), 1):
            unknown = sorted(set(entry) - {"about", "passage"})
            if unknown:
                raise self.error(f"{path}[{n - 1}].{unknown[0]}", "okänd nyckel / unknown key")
            start, end, exact = self._span(entry.get("passage"), f"{path}[{n - 1}].passage")
            assert value is not None  # value_required
            node = URIRef(f"{self.promise}/citation/{n}")
            out += citation_triples(node, (subject, predicate, value), source, start, end, exact)
        return out

    def _assumptions(self, entries: Any) -> list[Triple]:
        path = f"{SECTION}.assumptions"
        if not isinstance(entries, list):
            raise self.error(path, "ska vara en lista / must be a list")
        statements = self._statements(entries, path)
        out: list[Triple] = []
        agents: list[URIRef] = []
        base = base_of(str(self.promise))
        for n, (entry, statement) in enumerate(zip(entries, statements, strict=True), start=1):
            here = f"{path}[{n - 1}]"
            fields = {k: entry.get(k) for k in ("kind", "rule", "reason", "reasonEn")}
            missing = [k for k, v in fields.items() if not isinstance(v, str) or not v.strip()]
            if missing:
                raise self.error(f"{here}.{missing[0]}", "saknas / missing")
            kind = str(fields["kind"])
            agent = agent_of(str(fields["rule"]), base)
            if agent not in agents:
                agents.append(agent)
            out += assumption_triples(
                URIRef(f"{self.promise}/assumption/{n}"),
                statement,
                kind=self.node(kind, here) if ":" in kind else AK[kind],
                rule=str(fields["rule"]),
                reason_sv=str(fields["reason"]),
                reason_en=str(fields["reasonEn"]),
                agent=agent,
            )
        for agent in agents:
            out += agent_triples(agent)
        return out

    def _statements(
        self, entries: list[Any], path: str, *, value_required: bool = False
    ) -> list[tuple[URIRef, URIRef, Node | None]]:
        """Each entry's ``about`` (subject, key[, value]) read as JSON-LD reads ``key: value``;
        a citation's always has the value."""
        graph = []
        subjects = []
        lengths = (3,) if value_required else (2, 3)
        for n, entry in enumerate(entries):
            here = f"{path}[{n}]"
            about = entry.get("about") if isinstance(entry, dict) else None
            if not isinstance(about, list) or len(about) not in lengths or not isinstance(about[1], str):
                raise self.error(
                    f"{here}.about", "skrivs [nod, nyckel, värde] / is written [node, key, value]"
                )
            subjects.append(self.node(about[0], f"{here}.about"))
            value = about[2] if len(about) == 3 else {"@id": f"{_ABOUT}none"}
            graph.append({"@id": f"{_ABOUT}{n}", about[1]: value})
        doc = resolve_contexts({"@context": self.context, "@graph": graph}, self.where)
        try:
            parsed = list(ox.parse(json.dumps(doc).encode("utf-8"), format=ox.RdfFormat.JSON_LD))
        except SyntaxError as exc:
            raise self.error(path, f"ogiltigt värde / invalid value ({exc})") from None
        found: dict[int, tuple[URIRef, Node | None]] = {}
        for q in parsed:
            if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(_ABOUT):
                n = int(q.subject.value[len(_ABOUT) :])
                none = isinstance(q.object, ox.NamedNode) and q.object.value == f"{_ABOUT}none"
                found[n] = (URIRef(q.predicate.value), None if none else _rdflib(q.object))
        out = []
        for n, subject in enumerate(subjects):
            if n not in found:
                raise self.error(
                    f"{path}[{n}].about",
                    "nyckeln eller värdet går inte att läsa / the key or value cannot be read",
                )
            predicate, value = found[n]
            out.append((subject, predicate, value))
        return out


def _prefixes(context: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    for ctx in context if isinstance(context, list) else [context]:
        if isinstance(ctx, dict):
            out |= {k: v for k, v in ctx.items() if isinstance(v, str) and v.endswith(("/", "#"))}
    return out


def _rdflib(term: Any) -> Node:
    from kg.terms import to_rdflib

    return to_rdflib(term)


__all__ = [
    "SECTION",
    "SectionError",
    "agent_of",
    "agent_triples",
    "assumption_triples",
    "base_of",
    "citation_triples",
    "passage_triples",
    "section_quads",
    "source_iri",
    "source_triples",
    "split_section",
]
