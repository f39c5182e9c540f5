"""The validation report: findings for a data steward, and its four renderings.

A :class:`ValidationReport` is what :mod:`kg.validation.validator` returns for one document, and what the
CLI (``kg validate``), the importer and the server render. It holds only plain values (strings,
numbers), so it is cheap to keep, compare and turn into JSON.

Renderings: :meth:`ValidationReport.render_human` (a grouped summary first, then every finding with the
focus node's label, line, path, value and message, in Swedish or English),
:meth:`ValidationReport.table_rows` (for a plain table), :meth:`ValidationReport.as_dict` (JSON:
``kg validate --format json`` prints a list of these) and :meth:`ValidationReport.to_graph` /
:meth:`ValidationReport.render_turtle` (a standard ``sh:ValidationReport``). The server's
validation page draws the human report as HTML from the same parts
(:meth:`ValidationReport.human_groups`, :meth:`ValidationReport.human_findings`), and
:func:`reports_json`, :func:`reports_turtle`, :func:`reports_human` render the reports of several
documents alike for the CLI and the server.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.namespace import SH, NamespaceManager
from rdflib.term import Node
from rdflib.util import from_n3

from kg.namespaces import SHAPES_NS
from kg.terminal import one_line
from kg.validation.severity import Severity

SOURCE_LINE = URIRef(SHAPES_NS + "sourceLine")
"""The line of the source a result points to (beside the SHACL result's terms)."""
SOURCE_KEY = URIRef(SHAPES_NS + "sourceKey")
"""The YAML-LD key path a result points to (``activities[2].responsible``)."""


@dataclass(frozen=True)
class Finding:
    """One validation result, in a steward's terms.

    ``focus_node``, ``path``, ``source_shape`` and ``constraint_component`` are full IRIs (a
    complex path is written as a SPARQL property path of full IRIs; a focus node that is a
    literal, where a document states a value where a node belongs, is in N-Triples form, its
    first character a quote); ``value`` is the offending value in N-Triples-like form, or None
    when the problem is a missing value.
    """

    severity: Severity
    focus_node: str
    focus_label: str
    path: str | None
    value: str | None
    message_sv: str
    message_en: str
    source_shape: str
    constraint_component: str
    line: int | None = None
    source_passage: str | None = None
    focus_label_en: str | None = None
    document: str | None = None
    """The document (promise or follow-up IRI) the finding belongs to."""
    key: str | None = None
    """In a YAML-LD source: the key the steward typed (``responsible``), beside :attr:`path`."""
    key_path: str | None = None
    """In a YAML-LD source: where that key is, from the top (``activities[2].responsible``)."""

    @property
    def component(self) -> str:
        """The constraint component's local name, e.g. ``MinCountConstraintComponent``."""
        return _local(self.constraint_component)

    def message(self, lang: str = "sv") -> str:
        return self.message_en if lang == "en" else self.message_sv

    def label(self, lang: str = "sv") -> str:
        return (self.focus_label_en or self.focus_label) if lang == "en" else self.focus_label

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["severity"] = self.severity.value
        return d


@dataclass
class ValidationReport:
    """The findings of validating one document."""

    findings: list[Finding] = field(default_factory=list)
    document: str | None = None
    """The document's IRI (its promise or follow-up)."""
    source: str | None = None
    """Where the document came from (a file path, or the store's graph IRI)."""
    prefixes: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    """Prefix → namespace, for compact rendering of IRIs in the human report."""

    @property
    def conforms(self) -> bool:
        """True when nothing blocks the import: no finding of severity violation."""
        return self.conforms_at(Severity.violation)

    def conforms_at(self, fail_on: Severity) -> bool:
        """True when no finding is as serious as ``fail_on`` or more."""
        return not any(f.severity.rank >= fail_on.rank for f in self.findings)

    def blocks(self, fail_on: Severity = Severity.violation) -> bool:
        """True when a finding is as serious as ``fail_on`` or more (the import refuses it)."""
        return not self.conforms_at(fail_on)

    def counts(self) -> dict[str, int]:
        """Number of findings per severity (all three keys, zeros included)."""
        c = Counter(f.severity.value for f in self.findings)
        return {s.value: c.get(s.value, 0) for s in Severity}

    # -- grouping ---------------------------------------------------------------------------
    def groups(self, lang: str = "sv") -> list[tuple[Severity, str, str | None, str, int]]:
        """(severity, shape, path, message, count) per shape, path and message, worst first."""
        counter: Counter[tuple[Severity, str, str | None, str]] = Counter(
            (f.severity, f.source_shape, f.path, f.message(lang)) for f in self.findings
        )
        rows = [(sev, shape, path, msg, n) for (sev, shape, path, msg), n in counter.items()]
        rows.sort(key=lambda r: (-r[0].rank, -r[4], r[1], r[3]))
        return rows

    # -- renderings -------------------------------------------------------------------------
    def as_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data (what ``kg validate --format json`` prints)."""
        return {
            "document": self.document,
            "source": self.source,
            "conforms": self.conforms,
            "counts": self.counts(),
            "findings": [f.as_dict() for f in self.findings],
        }

    def table_rows(self, lang: str = "sv") -> list[dict[str, Any]]:
        """One row per finding, with compact IRIs, for a plain text table."""
        return [
            {
                "severity": f.severity.label(lang),
                "line": f.line,
                "focus": f.label(lang),
                "path": self.where(f),
                "value": self.compact(f.value) if f.value else "",
                "message": f.message(lang),
            }
            for f in self.findings
        ]

    def summary_line(self, lang: str = "sv") -> str:
        """One line: the document, whether it can be imported, and the counts."""
        name = self.source or self.document or ("dokumentet" if lang == "sv" else "the document")
        c = self.counts()
        if lang == "sv":
            verdict = "godkänt" if self.conforms else "INTE godkänt, importeras inte"
            tally = f"{c['violation']} fel, {c['warning']} varningar, {c['info']} upplysningar"
        else:
            verdict = "conforms" if self.conforms else "does NOT conform, will not be imported"
            tally = f"{c['violation']} violations, {c['warning']} warnings, {c['info']} infos"
        return f"{name}: {verdict} ({tally})"

    def human_groups(self, lang: str = "sv") -> list[dict[str, Any]]:
        """The grouped summary of the human report (the CLI's text and the server's page): per
        rule, property and message, worst first, with the message's first sentence."""
        return [
            {
                "severity": sev.value,
                "severity_label": sev.label(lang),
                "count": n,
                "rule": self.compact(shape),
                "path": self.compact(path) if path else None,
                "message": _first_sentence(msg),
            }
            for sev, shape, path, msg, n in self.groups(lang)
        ]

    def human_findings(self, lang: str = "sv") -> list[dict[str, Any]]:
        """Every finding as the human report lists it: worst first, then by line, with the name of
        what it concerns, its node, property, value, source passage and the full message."""
        order = sorted(self.findings, key=lambda f: (-f.severity.rank, f.line or 10**9, f.focus_node))
        return [
            {
                "number": i,
                "severity": f.severity.value,
                "severity_label": f.severity.label(lang),
                "focus": f.label(lang),
                "line": f.line,
                "node": f.focus_node,
                "path": self.compact(f.path) if f.path else None,
                "key": f.key,
                "key_path": f.key_path,
                "key_where": self.where(f) if f.key_path else None,
                "value": self.compact(f.value) if f.value else None,
                "source_passage": f.source_passage,
                "message": f.message(lang),
            }
            for i, f in enumerate(order, start=1)
        ]

    def render_human(self, lang: str = "sv") -> str:
        """A report a steward can act on: a grouped summary, then each finding, each value on
        its line (:func:`kg.terminal.one_line`: no control character of a document reaches
        the terminal)."""
        sv = lang == "sv"
        out = [self.summary_line(lang)]
        if not self.findings:
            return out[0]
        out += ["", "Sammanfattning (antal per regel):" if sv else "Summary (count per rule):"]
        for g in self.human_groups(lang):
            where = f" [{g['path']}]" if g["path"] else ""
            out.append(
                f"  {g['count']:>3} × {g['severity_label']:<10} {g['rule']}{where}: {one_line(g['message'])}"
            )
        out += ["", "Fynd:" if sv else "Findings:"]
        for f in self.human_findings(lang):
            line = (f" (rad {f['line']})" if sv else f" (line {f['line']})") if f["line"] else ""
            out.append(f"  {f['number']}. {f['severity_label'].upper()}: {one_line(f['focus'])}{line}")
            node = f["node"] if f["node"].startswith('"') else f"<{f['node']}>"
            out.append(f"     {'nod' if sv else 'node'}:      {node}")
            if f["key_path"]:
                out.append(f"     {('nyckel:' if sv else 'key:'):<10}{f['key_where']}")
            elif f["path"]:
                out.append(f"     {'egenskap' if sv else 'property'}: {f['path']}")
            if f["value"]:
                out.append(f"     {'värde' if sv else 'value'}:    {one_line(f['value'])}")
            if f["source_passage"]:
                out.append(
                    f"     {'källtext:' if sv else 'source:  '} \u201c{one_line(f['source_passage'])}\u201d"
                )
            out.append(f"     {one_line(f['message'])}")
        return "\n".join(out)

    def to_graph(self) -> Graph:
        """The report as a standard ``sh:ValidationReport``.

        ``sh:conforms`` follows the SHACL specification (true only without any result), and
        both message languages are kept as ``sh:resultMessage``.
        """
        g = Graph()
        g.bind("sh", SH)
        for prefix, ns in self.prefixes.items():
            g.bind(prefix, ns, replace=True)  # rdflib binds "schema" to https://schema.org/
        report = BNode()
        g.add((report, RDF.type, SH.ValidationReport))
        g.add((report, SH.conforms, Literal(not self.findings)))
        for f in self.findings:
            r = BNode()
            g.add((report, SH.result, r))
            g.add((r, RDF.type, SH.ValidationResult))
            g.add((r, SH.resultSeverity, f.severity.iri))
            g.add((r, SH.focusNode, _focus_term(f.focus_node)))
            if f.path and not f.path.startswith("<"):
                g.add((r, SH.resultPath, URIRef(f.path)))
            if f.value is not None:
                g.add((r, SH.value, _term(f.value)))
            g.add((r, SH.sourceShape, URIRef(f.source_shape)))
            g.add((r, SH.sourceConstraintComponent, URIRef(f.constraint_component)))
            g.add((r, SH.resultMessage, Literal(f.message_sv, lang="sv")))
            g.add((r, SH.resultMessage, Literal(f.message_en, lang="en")))
            if f.line is not None:
                g.add((r, SOURCE_LINE, Literal(f.line)))
            if f.key_path:
                g.add((r, SOURCE_KEY, Literal(f.key_path)))
        return g

    def render_turtle(self) -> str:
        return self.to_graph().serialize(format="turtle")

    # -- helpers ----------------------------------------------------------------------------
    def where(self, f: Finding) -> str:
        """The key path the steward typed with the property beside it
        (``activities[2].responsible (mbl:responsibleActor)``), else the property."""
        prop = self.compact(f.path) if f.path else ""
        if f.key_path:
            return f"{f.key_path} ({prop})" if prop and prop != f.key else f.key_path
        return prop

    def compact(self, text: str) -> str:
        """IRIs in ``text`` (bare or in ``<>``) written with the report's prefixes."""
        if not self.prefixes:
            return text
        nm = NamespaceManager(Graph(), bind_namespaces="none")
        for prefix, ns in self.prefixes.items():
            nm.bind(prefix, ns)

        def one(iri: str) -> str:
            try:
                return nm.curie(iri, generate=False)
            except (ValueError, KeyError):
                return f"<{iri}>"

        if re.fullmatch(r"[a-z][\w+.-]*:[^\s<>\"|]+", text):  # one bare IRI
            return one(text)
        return re.sub(r"<([^>\s]+)>", lambda m: one(m.group(1)), text)


# -- several reports (one per document of the files validated) -------------------------------------


def reports_json(reports: Sequence[ValidationReport]) -> str:
    """The reports as JSON text: a list of :meth:`ValidationReport.as_dict`, whatever the number of
    documents (``kg validate --format json`` and the server's ``application/json``)."""
    return json.dumps([r.as_dict() for r in reports], ensure_ascii=False, indent=2, default=str)


def reports_graph(reports: Sequence[ValidationReport]) -> Graph:
    """The reports as one RDF graph: an ``sh:ValidationReport`` per document."""
    g = Graph()
    for r in reports:
        rg = r.to_graph()
        for prefix, ns in rg.namespaces():
            g.bind(prefix, ns, replace=True)
        g += rg
    return g


def reports_turtle(reports: Sequence[ValidationReport]) -> str:
    """:func:`reports_graph` as Turtle (``kg validate --format turtle``, the server's ``text/turtle``)."""
    return reports_graph(reports).serialize(format="turtle")


def reports_human(reports: Sequence[ValidationReport], lang: str = "sv") -> str:
    """:meth:`ValidationReport.render_human` of each report, a blank line between."""
    return "\n\n".join(r.render_human(lang) for r in reports)


_ABBREVIATIONS = ("t.ex", "e.g", "i.e", "bl.a", "dvs", "s.k", "osv", "etc", "m.m", "jfr", "cf")


def _first_sentence(message: str) -> str:
    """The message up to its first full stop that ends a sentence: not one inside brackets or
    quotes, nor the stop of an abbreviation (``(t.ex. ett datum …)``, ``e.g.``)."""
    for m in re.finditer(r"\. ", message):
        head = message[: m.start()]
        if head.count("(") > head.count(")") or head.count("“") > head.count("”"):
            continue
        if head.lower().endswith(_ABBREVIATIONS):
            continue
        return head + "."
    return message


def _local(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]


def _term(value: str) -> Node:
    """A finding's value (N-Triples form) back as an RDF term."""
    term = from_n3(value)
    return term if isinstance(term, Node) else Literal(value)


def _focus_term(focus: str) -> Node:
    """A finding's focus node as a term: an IRI, or a literal in N-Triples form (see
    :class:`Finding`)."""
    if focus.startswith('"'):
        term = from_n3(focus)
        assert isinstance(term, Literal)
        return term
    return URIRef(focus)
