"""Generates :mod:`kg.namespaces` and :mod:`kg.namespaces_rdflib` from ``ontology/mbl.ttl``.

Run ``python -m tools.namespaces_gen`` after adding or renaming a term in the ontology; the test
``tests/unit/test_namespaces.py`` regenerates both and fails when a committed file differs.
``python -m tools.namespaces_gen --check`` exits with 1 when a file is out of date.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rdflib import RDFS, Graph, URIRef

BASE = "https://w3id.org/medborgarlofte/"
MBL_NS = BASE + "def/"
VOCAB_NS = BASE + "vocab/"
SHAPES_NS = BASE + "shapes/"
CONTEXT_IRI = BASE + "context.jsonld"

# (constant, namespace IRI, prefix) of the external vocabularies the project uses, in output order.
EXTERNAL: tuple[tuple[str, str, str], ...] = (
    ("RDF", "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdf"),
    ("RDFS", "http://www.w3.org/2000/01/rdf-schema#", "rdfs"),
    ("OWL", "http://www.w3.org/2002/07/owl#", "owl"),
    ("XSD", "http://www.w3.org/2001/XMLSchema#", "xsd"),
    ("SKOS", "http://www.w3.org/2004/02/skos/core#", "skos"),
    ("DCT", "http://purl.org/dc/terms/", "dct"),
    ("DCAT", "http://www.w3.org/ns/dcat#", "dcat"),
    ("PROV", "http://www.w3.org/ns/prov#", "prov"),
    ("ORG", "http://www.w3.org/ns/org#", "org"),
    ("CV", "http://data.europa.eu/m8g/", "cv"),
    ("SCHEMA", "http://schema.org/", "schema"),
    ("GEO", "http://www.opengis.net/ont/geosparql#", "geo"),
    ("TIME", "http://www.w3.org/2006/time#", "time"),
    ("OA", "http://www.w3.org/ns/oa#", "oa"),
    ("FOAF", "http://xmlns.com/foaf/0.1/", "foaf"),
    ("VANN", "http://purl.org/vocab/vann/", "vann"),
    ("EUFREQ", "http://publications.europa.eu/resource/authority/frequency/", "eufreq"),
)

# (constant, scheme name, prefix) of the project's SKOS concept schemes
# (docs/decisions/0001-iris-and-graphs.md).
SCHEMES: tuple[tuple[str, str, str], ...] = (
    ("PA", "priority-area", "pa"),
    ("AT", "activity-type", "at"),
    ("ACT", "actor-type", "act"),
    ("ROLE", "role", "role"),
    ("POST", "post", "post"),
    ("FREQ", "frequency", "freq"),
    ("STATUS", "followup-status", "status"),
    ("IND", "indicator", "ind"),
    ("KS", "knowledge-source", "ks"),
    ("CH", "channel-type", "ch"),
    ("AK", "assumption-kind", "ak"),
    ("TG", "target-group", "tg"),
    ("AR", "area-kind", "ar"),
)


def default_ontology() -> Path:
    return Path(__file__).resolve().parent.parent / "ontology" / "mbl.ttl"


def default_output() -> Path:
    return Path(__file__).resolve().parent.parent / "kg" / "namespaces.py"


def _label(g: Graph, term: URIRef, lang: str) -> str:
    for lit in g.objects(term, RDFS.label):
        if getattr(lit, "language", None) == lang:
            return str(lit)
    return ""


def mbl_terms(g: Graph) -> list[URIRef]:
    """Every IRI in the mbl: namespace that mbl.ttl describes, sorted by local name."""
    terms = {s for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(MBL_NS)}
    return sorted(terms, key=lambda t: (str(t)[len(MBL_NS) :].casefold(), str(t)))


RDFLIB_MODULE = "namespaces_rdflib"
"""The generated sibling module that holds rdflib's namespace objects (imported on first use)."""


def rdflib_names() -> list[str]:
    """The constants of the rdflib module, re-exported lazily by :mod:`kg.namespaces`."""
    return ["MBL", *(c for c, _i, _p in EXTERNAL), "VOCAB", *(c for c, _s, _p in SCHEMES), "SCHEMES"]


def render(ontology: Path) -> str:
    """The source text of kg/namespaces.py for the ontology file ``ontology``.

    It imports pyoxigraph only: rdflib's objects (:func:`render_rdflib`) load on first access,
    so that a command that never touches rdflib (a saved query) does not pay for its import.
    """
    g = Graph().parse(ontology, format="turtle")
    names = rdflib_names()
    lines = [
        "# generated, do not edit: run `python -m tools.namespaces_gen` after changing ontology/mbl.ttl",
        "# ruff: noqa: N815, F401  (camelCase property names; the rdflib names are re-exported)",
        '"""Namespaces of the medborgarlöfte knowledge graph.',
        "",
        "``PREFIXES`` (the one prefix table) maps each prefix to its namespace for binding and for",
        "SPARQL prologues (:func:`sparql_prefixes`). :class:`OX` holds the namespaces as pyoxigraph",
        "terms (``OX.mbl.sha256``, closed: a misspelt term is an AttributeError; ``OX.dct.title``).",
        "The rdflib namespaces (:class:`MBL`, closed like ``OX.mbl``; ``DCT``, ``PA`` ...) live in",
        f":mod:`kg.{RDFLIB_MODULE}` and are imported from here on first use, so that importing this",
        "module does not import rdflib.",
        "",
        "Only this module, its rdflib sibling and the IRI minter (:mod:`kg.iris`) spell the",
        "project's namespaces; ``tests/unit/test_one_way.py`` fails on any other module that does.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from typing import TYPE_CHECKING",
        "",
        "import pyoxigraph as ox",
        "",
        "if TYPE_CHECKING:",
        f"    from kg.{RDFLIB_MODULE} import (",
    ]
    lines += [f"        {name}," for name in sorted(names)]
    lines += ["    )", "", "_RDFLIB_NAMES = frozenset(", "    {"]
    lines += [f'        "{name}",' for name in names]
    lines += [
        "    }",
        ")",
        "",
        "",
        "def __getattr__(name: str) -> object:",
        "    if name in _RDFLIB_NAMES:",
        f"        from kg import {RDFLIB_MODULE}",
        "",
        f"        value = getattr({RDFLIB_MODULE}, name)",
        "        globals()[name] = value",
        "        return value",
        '    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")',
        "",
        "",
        "PREFIXES: dict[str, str] = {",
    ]
    lines.append(f'    "mbl": "{MBL_NS}",')
    for _const, iri, prefix in EXTERNAL:
        lines.append(f'    "{prefix}": "{iri}",')
    for _const, scheme, prefix in SCHEMES:
        lines.append(f'    "{prefix}": "{VOCAB_NS}{scheme}/",')
    lines += ["}", ""]
    lines += _project_strings()
    lines += _ox_terms(g)
    return "\n".join(lines)


def render_rdflib(ontology: Path) -> str:
    """The source text of kg/namespaces_rdflib.py: rdflib's namespace objects."""
    g = Graph().parse(ontology, format="turtle")
    lines = [
        "# generated, do not edit: run `python -m tools.namespaces_gen` after changing ontology/mbl.ttl",
        "# ruff: noqa: N815  (the ontology's property names are camelCase)",
        '"""The namespaces of :mod:`kg.namespaces` as rdflib objects; import them from there.',
        "",
        ":class:`MBL` is a closed namespace: a misspelt term is an AttributeError, not a silent",
        "empty query.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from rdflib import Namespace, URIRef",
        "from rdflib.namespace import DefinedNamespace",
        "",
        "",
        "class MBL(DefinedNamespace):",
        '    """The medborgarlöfte ontology (ontology/mbl.ttl)."""',
        "",
        "    _fail = True",
        f'    _NS = Namespace("{MBL_NS}")',
        "",
    ]
    for term in mbl_terms(g):
        name = str(term)[len(MBL_NS) :]
        if not name.isidentifier():
            raise ValueError(f"{term} has a local name that is not a Python identifier")
        sv, en = _label(g, term, "sv"), _label(g, term, "en")
        comment = f"  # {sv} / {en}" if sv or en else ""
        if len(f"    {name}: URIRef{comment}") > 110:  # the line length ruff allows: Swedish only
            comment = f"  # {sv}"
        lines.append(f"    {name}: URIRef{comment}")
    lines += ["", ""]
    lines.append("# External vocabularies")
    for const, iri, _prefix in EXTERNAL:
        lines.append(f'{const} = Namespace("{iri}")')
    lines += ["", "# The project's SKOS concept schemes: scheme IRIs and concept namespaces"]
    lines.append(f'VOCAB = Namespace("{VOCAB_NS}")')
    for const, scheme, _prefix in SCHEMES:
        lines.append(f'{const} = Namespace("{VOCAB_NS}{scheme}/")')
    lines += ["", "SCHEMES: dict[str, URIRef] = {"]
    for _const, scheme, _prefix in SCHEMES:
        lines.append(f'    "{scheme}": URIRef("{VOCAB_NS}{scheme}"),')
    lines += ["}", ""]
    return "\n".join(lines)


def _project_strings() -> list[str]:
    return [
        "# The project's namespaces as text (only this module and kg/iris.py spell them)",
        f'MBL_NS = "{MBL_NS}"',
        f'VOCAB_NS = "{VOCAB_NS}"',
        f'SHAPES_NS = "{SHAPES_NS}"',
        f'CONTEXT_IRI = "{CONTEXT_IRI}"',
        '"""The JSON-LD context documents name (bundled with kg, never fetched)."""',
        "",
        "",
        "def sparql_prefixes(*names: str) -> str:",
        '    """PREFIX lines for a SPARQL prologue from the one table: ``sparql_prefixes("mbl", "dct")``.',
        "",
        "    An unknown prefix is a KeyError, so a misspelt prefix fails where the query is written.",
        '    """',
        '    return "".join(f"PREFIX {name}: {ox.NamedNode(PREFIXES[name])}\\n" for name in names)',
        "",
    ]


def _ox_terms(g: Graph) -> list[str]:
    lines = [
        "",
        "class OxNamespace:",
        '    """An open namespace of pyoxigraph NamedNodes: ``OX.dct.title``, ``OX.pa["narkotika"]``."""',
        "",
        "    def __init__(self, iri: str) -> None:",
        "        self.iri = iri",
        "",
        "    def __getattr__(self, name: str) -> ox.NamedNode:",
        '        if name.startswith("_"):',
        "            raise AttributeError(name)",
        "        return ox.NamedNode(self.iri + name)",
        "",
        "    def __getitem__(self, name: str) -> ox.NamedNode:",
        "        return ox.NamedNode(self.iri + name)",
        "",
        "",
        "class OxMBL:",
        '    """The ontology\'s terms as pyoxigraph NamedNodes; closed: a misspelt term is an',
        '    AttributeError (and a mypy error)."""',
        "",
    ]
    for term in mbl_terms(g):
        name = str(term)[len(MBL_NS) :]
        lines.append(f'    {name} = ox.NamedNode("{term}")')
    lines += [
        "",
        "",
        "class OX:",
        '    """Every namespace of ``PREFIXES`` as pyoxigraph NamedNodes (``OX.mbl.sha256``)."""',
        "",
        "    mbl = OxMBL",
    ]
    for _const, iri, prefix in EXTERNAL:
        lines.append(f'    {prefix} = OxNamespace("{iri}")')
    for _const, scheme, prefix in SCHEMES:
        lines.append(f'    {prefix} = OxNamespace("{VOCAB_NS}{scheme}/")')
    lines.append("")
    return lines


def outputs() -> dict[Path, str]:
    """Each generated file and its text."""
    ontology = default_ontology()
    return {
        default_output(): render(ontology),
        default_output().with_name(RDFLIB_MODULE + ".py"): render_rdflib(ontology),
    }


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    files = outputs()
    if "--check" in args:
        stale = [p for p, text in files.items() if not p.exists() or p.read_text(encoding="utf-8") != text]
        return 1 if stale else 0
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
