"""Human-readable documentation of the ontology and the SKOS vocabularies.

``python -m tools.docs_gen`` writes ``docs/ontology.md`` (every class, every property with domain
and range, every concept scheme with its concepts, Swedish and English labels and definitions)
and ``docs/ontology.svg`` (a class diagram drawn by Graphviz ``dot``). ``--no-svg`` skips the
picture; ``--check`` writes nothing and exits with 1 when docs/ontology.md is stale. The test
``tests/unit/test_docs_ontology.py`` regenerates the Markdown and compares.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import KgError
from kg.namespaces import DCT, MBL, OWL, PREFIXES, RDF, RDFS, SKOS

REPO = Path(__file__).resolve().parent.parent
ONTOLOGY = REPO / "ontology"
DOCS = REPO / "docs"
PATTERNS = DOCS / "ontology-patterns.md"
"""The hand-written part of docs/ontology.md: how the terms are used together."""
MBL_NS = str(MBL._NS)
_CLASS_TYPES = (OWL.Class, RDFS.Class)
_PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property)


class DocsError(KgError):
    """The documentation cannot be generated (for example, Graphviz is missing)."""


def load(ontology_dir: Path = ONTOLOGY) -> tuple[Graph, Graph, Graph]:
    """(ontology, vocabularies, vendored external terms) as three graphs."""
    onto, vocab, vendor = Graph(), Graph(), Graph()
    onto.parse(ontology_dir / "mbl.ttl", format="turtle")
    for f in sorted((ontology_dir / "vocab").glob("*.ttl")):
        vocab.parse(f, format="turtle")
    for f in sorted((ontology_dir / "vendor").glob("*.ttl")):
        vendor.parse(f, format="turtle")
    return onto, vocab, vendor


def qname(term: Node) -> str:
    """``mbl:Activity``, ``org:Organization``; the full IRI when no prefix fits."""
    text = str(term)
    best = ""
    for prefix, ns in PREFIXES.items():
        if text.startswith(ns) and len(ns) > len(PREFIXES.get(best, "")):
            best = prefix
    return f"{best}:{text[len(PREFIXES[best]) :]}" if best else f"<{text}>"


def _text(g: Graph, s: Node, p: URIRef, lang: str) -> str:
    values = sorted(str(o) for o in g.objects(s, p) if isinstance(o, Literal) and o.language == lang)
    return " ".join(values)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _local(term: Node) -> str:
    return str(term)[len(MBL_NS) :]


def _terms(g: Graph, types: Iterable[URIRef]) -> list[URIRef]:
    found = {s for t in types for s in g.subjects(RDF.type, t) if str(s).startswith(MBL_NS)}
    return sorted((s for s in found if isinstance(s, URIRef)), key=lambda t: (_local(t).casefold(), str(t)))


def _anchor(term: Node, onto: Graph) -> str:
    kind = "class" if any((term, RDF.type, t) in onto for t in _CLASS_TYPES) else "prop"
    return f"{kind}-{_local(term)}"


def _link(term: Node, onto: Graph) -> str:
    return f"[{qname(term)}](#{_anchor(term, onto)})"


def _ref(term: Node, labels: Graph) -> str:
    """A class or datatype as a link (own terms) or a code span with its Swedish label."""
    if str(term).startswith(MBL_NS):
        return _link(term, labels)
    sv = _text(labels, term, RDFS.label, "sv")
    return f"`{qname(term)}`" + (f" ({sv})" if sv else "")


def render_markdown(onto: Graph, vocab: Graph, vendor: Graph) -> str:
    labels = onto + vendor
    root = URIRef(MBL_NS.rstrip("/"))
    out: list[str] = [
        "<!-- generated, do not edit: `python -m tools.docs_gen` rewrites this file from ontology/ -->",
        "",
        f"# {_text(onto, root, DCT.title, 'sv')} / {_text(onto, root, DCT.title, 'en')}",
        "",
        f"{_text(onto, root, DCT.description, 'sv')}",
        "",
        f"{_text(onto, root, DCT.description, 'en')}",
        "",
        f"- Namespace: `{MBL_NS}` (prefix `mbl:`), version {onto.value(root, OWL.versionInfo)}",
        "- Concept schemes: `https://w3id.org/medborgarlofte/vocab/{scheme}`, concepts "
        "`.../vocab/{scheme}/{slug}` (docs/decisions/0001-iris-and-graphs.md)",
        "- Sources: `ontology/mbl.ttl`, `ontology/vocab/*.ttl`; reused terms: `ontology/vendor/`",
        "- Regenerate: `python -m tools.docs_gen`",
        "",
        "![Klassdiagram / class diagram](ontology.svg)",
        "",
        "## Innehåll / Contents",
        "",
        "- [Klasser / Classes](#classes)",
        "- [Egenskaper / Properties](#properties)",
        "- [Begreppssystem / Concept schemes](#schemes): "
        + ", ".join(
            f"[{str(s).rsplit('/', 1)[-1]}](#scheme-{str(s).rsplit('/', 1)[-1]})"
            for s in sorted(vocab.subjects(RDF.type, SKOS.ConceptScheme), key=str)
        ),
        "- [Mönster / Patterns](#patterns)",
        "- [Prefix / Prefixes](#prefixes)",
        "",
        '## <a id="classes"></a>Klasser / Classes',
        "",
    ]
    properties = _terms(onto, _PROPERTY_TYPES)
    for cls in _terms(onto, _CLASS_TYPES):
        out += [
            f'### <a id="{_anchor(cls, onto)}"></a>{_local(cls)}',
            "",
            f"`{qname(cls)}` — **{_text(onto, cls, RDFS.label, 'sv')}** / "
            f"{_text(onto, cls, RDFS.label, 'en')}",
            "",
        ]
        supers = sorted(onto.objects(cls, RDFS.subClassOf), key=str)
        if supers:
            out += ["Underklass till / subclass of: " + ", ".join(_ref(s, labels) for s in supers), ""]
        out += [
            f"- sv: {_text(onto, cls, SKOS.definition, 'sv')}",
            f"- en: {_text(onto, cls, SKOS.definition, 'en')}",
            "",
        ]
        own = [p for p in properties if (p, RDFS.domain, cls) in onto]
        if own:
            out.append("Egenskaper / properties: " + ", ".join(_link(p, onto) for p in own))
            out.append("")
    out += ['## <a id="properties"></a>Egenskaper / Properties', ""]
    for prop in properties:
        kinds = sorted(qname(t) for t in onto.objects(prop, RDF.type))
        out += [
            f'### <a id="{_anchor(prop, onto)}"></a>{_local(prop)}',
            "",
            f"`{qname(prop)}` ({', '.join(kinds)}) — **{_text(onto, prop, RDFS.label, 'sv')}** / "
            f"{_text(onto, prop, RDFS.label, 'en')}",
            "",
            "| | |",
            "|---|---|",
        ]
        for title, pred in (
            ("domän / domain", RDFS.domain),
            ("värdemängd / range", RDFS.range),
            ("underegenskap till / subproperty of", RDFS.subPropertyOf),
        ):
            values = sorted(onto.objects(prop, pred), key=str)
            out.append(f"| {title} | {', '.join(_ref(v, labels) for v in values) if values else '—'} |")
        out += [
            f"| sv | {_cell(_text(onto, prop, SKOS.definition, 'sv'))} |",
            f"| en | {_cell(_text(onto, prop, SKOS.definition, 'en'))} |",
            "",
        ]
    out += ['## <a id="schemes"></a>Begreppssystem / Concept schemes', ""]
    schemes = sorted(s for s in vocab.subjects(RDF.type, SKOS.ConceptScheme) if isinstance(s, URIRef))
    for scheme in schemes:
        slug = str(scheme).rsplit("/", 1)[-1]
        members = sorted(c for c in vocab.subjects(SKOS.inScheme, scheme) if isinstance(c, URIRef))
        out += [
            f'### <a id="scheme-{slug}"></a>{slug}',
            "",
            f"`{scheme}` — **{_text(vocab, scheme, SKOS.prefLabel, 'sv')}** / "
            f"{_text(vocab, scheme, SKOS.prefLabel, 'en')} ({len(members)} begrepp / concepts)",
            "",
            f"- sv: {_text(vocab, scheme, SKOS.definition, 'sv')}",
            f"- en: {_text(vocab, scheme, SKOS.definition, 'en')}",
            "",
        ]
        is_frequency = slug == "frequency"
        columns = ["slug", "sv", "en", "definition (sv / en)", "andra former / other forms (sv)"]
        if is_frequency:
            columns += ["per år / per year", "EU"]
        out += ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        for c in members:
            alt = ", ".join(sorted({str(o) for o in vocab.objects(c, SKOS.altLabel)}, key=str.casefold))
            row = (
                f"| `{str(c).rsplit('/', 1)[-1]}` | {_cell(_text(vocab, c, SKOS.prefLabel, 'sv'))} | "
                f"{_cell(_text(vocab, c, SKOS.prefLabel, 'en'))} | "
                f"{_cell(_text(vocab, c, SKOS.definition, 'sv'))} / "
                f"{_cell(_text(vocab, c, SKOS.definition, 'en'))} | {_cell(alt)} |"
            )
            if is_frequency:
                n = vocab.value(c, MBL.occurrencesPerYear)
                matches = [f"= {qname(m)}" for m in sorted(vocab.objects(c, SKOS.exactMatch), key=str)]
                matches += [f"≈ {qname(m)}" for m in sorted(vocab.objects(c, SKOS.closeMatch), key=str)]
                row += f" {n if n is not None else '—'} | {', '.join(matches) or '—'} |"
            out.append(row)
        out.append("")
    out += ['## <a id="patterns"></a>Mönster / Patterns', ""]
    if PATTERNS.exists():
        hand = PATTERNS.read_text(encoding="utf-8").strip().splitlines()
        out += [line for line in hand if not line.startswith("<!--")] + [""]
    out += ['## <a id="prefixes"></a>Prefix / Prefixes', "", "| prefix | namespace |", "|---|---|"]
    out += [f"| `{p}:` | `{ns}` |" for p, ns in sorted(PREFIXES.items())]
    return "\n".join(out) + "\n"


def _dot_id(term: Node) -> str:
    return '"' + qname(term).replace('"', "") + '"'


def render_dot(onto: Graph, vendor: Graph) -> str:
    """A Graphviz class diagram: classes with their datatype properties, object properties as
    arrows from domain to range, subclass links as hollow arrows."""
    classes = _terms(onto, _CLASS_TYPES)
    lines = [
        "digraph mbl {",
        '  graph [rankdir=LR, fontname="Helvetica", fontsize=11, nodesep=0.35, ranksep=0.6];',
        '  node [shape=plaintext, fontname="Helvetica", fontsize=10];',
        '  edge [fontname="Helvetica", fontsize=9, color="#555555"];',
    ]
    externals: set[Node] = set()
    for cls in classes:
        attrs: list[str] = []
        for p in _terms(onto, (OWL.DatatypeProperty,)):
            if (p, RDFS.domain, cls) in onto:
                rng = onto.value(p, RDFS.range)
                attrs.append(f"{_local(p)} : {qname(rng) if rng is not None else 'literal'}")
        rows = "".join(f'<TR><TD ALIGN="LEFT">{a}</TD></TR>' for a in attrs)
        sv = _text(onto, cls, RDFS.label, "sv")
        lines.append(
            f'  {_dot_id(cls)} [label=<<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="0" '
            f'BGCOLOR="#eef4fb"><TR><TD BGCOLOR="#c9dcf0"><B>{qname(cls)}</B><BR/>'
            f"<I>{sv}</I></TD></TR>{rows}</TABLE>>];"
        )
        for sup in sorted(onto.objects(cls, RDFS.subClassOf), key=str):
            externals.add(sup)
            lines.append(
                f'  {_dot_id(cls)} -> {_dot_id(sup)} [arrowhead=empty, style=dashed, color="#888888"];'
            )
    for prop in _terms(onto, (OWL.ObjectProperty,)):
        for dom in sorted(onto.objects(prop, RDFS.domain), key=str):
            for rng in sorted(onto.objects(prop, RDFS.range), key=str):
                externals.update((dom, rng))
                lines.append(f'  {_dot_id(dom)} -> {_dot_id(rng)} [label="{_local(prop)}"];')
    for ext in sorted(externals - set(classes), key=str):
        lines.append(
            f'  {_dot_id(ext)} [shape=box, style="rounded,filled", fillcolor="#f3f3f3", '
            f'color="#999999", fontcolor="#444444", label="{qname(ext)}"];'
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


def render_svg(dot_source: str) -> str:
    dot = shutil.which("dot")
    if dot is None:
        raise DocsError(
            "Graphviz 'dot' saknas / is missing",
            hint="apt-get install graphviz, or run with --no-svg",
        )
    done = subprocess.run([dot, "-Tsvg"], input=dot_source, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise DocsError(f"dot failed: {done.stderr.strip()}")
    return done.stdout


def write_docs(docs_dir: Path = DOCS, ontology_dir: Path = ONTOLOGY, svg: bool = True) -> list[Path]:
    onto, vocab, vendor = load(ontology_dir)
    written = [docs_dir / "ontology.md"]
    docs_dir.mkdir(parents=True, exist_ok=True)
    written[0].write_text(render_markdown(onto, vocab, vendor), encoding="utf-8")
    if svg:
        path = docs_dir / "ontology.svg"
        path.write_text(render_svg(render_dot(onto, vendor)), encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    """``python -m tools.docs_gen [--no-svg] [--check]``; returns the exit code."""
    args = sys.argv[1:] if argv is None else argv
    if "--check" in args:
        current = (
            (DOCS / "ontology.md").read_text(encoding="utf-8") if (DOCS / "ontology.md").exists() else ""
        )
        return 0 if current == render_markdown(*load()) else 1
    write_docs(svg="--no-svg" not in args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
