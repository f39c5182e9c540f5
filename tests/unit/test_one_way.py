"""One way to do each job (issue 17 point 2), checked over the source of ``kg/``.

- Only the generated namespace module and the IRI minter spell the project's namespaces; every
  other module takes them from :mod:`kg.namespaces` (``OX.mbl.sha256``, ``sparql_prefixes``), so
  a misspelt term fails instead of writing a wrong IRI.
- Values reach SPARQL text only as RDF terms (the binder, :func:`kg.sparql_text.bound_query`, or
  serialised pyoxigraph terms), never by ``$VAR`` replacement, ``str.format`` or ``<{iri}>`` in an
  f-string.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

KG = Path(__file__).resolve().parent.parent.parent / "kg"
PROJECT = "w3id.org/medborgarlofte"
SPELLERS = {KG / "namespaces.py", KG / "namespaces_rdflib.py", KG / "iris.py"}
SPARQL_WORDS = re.compile(
    r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE|INSERT|DELETE|DROP|GRAPH|WHERE|VALUES|FILTER|PREFIX)\b"
)
NOT_SPARQL = {("ingest/pull.py", "source = f")}
"""f-strings that look like SPARQL but are not (file, text of the line): pull's dct:source
literal names the endpoint and the graph a document came from."""


def _sources() -> list[Path]:
    return sorted(KG.rglob("*.py"))


def test_only_the_namespace_module_and_the_minter_spell_the_project_namespaces() -> None:
    offenders = [
        f"{path.relative_to(KG.parent)}:{n}: {line.strip()}"
        for path in _sources()
        if path not in SPELLERS
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if PROJECT in line
    ]
    hint = "use kg.namespaces (OX, MBL, sparql_prefixes, *_NS) or kg.iris instead:\n"
    assert not offenders, hint + "\n".join(offenders)


def _constants(tree: ast.AST) -> dict[str, str]:
    """Module names bound to a string (so that ``_QUERY.format(...)`` is seen through)."""
    out: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
            text = node.value.value
            out |= {t.id: str(text) for t in node.targets if isinstance(t, ast.Name)}
    return out


def _receiver_text(recv: ast.expr, consts: dict[str, str]) -> str:
    if isinstance(recv, ast.Constant):
        return str(recv.value)
    if isinstance(recv, ast.Name):
        return consts.get(recv.id, "")
    return ""


def _spliced(node: ast.JoinedStr) -> bool:
    """``<{…}>``: a value formatted right after a ``<``."""
    parts = node.values
    return any(
        isinstance(part, ast.FormattedValue)
        and isinstance(parts[i - 1], ast.Constant)
        and str(parts[i - 1].value).endswith("<")
        for i, part in enumerate(parts)
        if i > 0
    )


def _old_idioms(path: Path, root: Path = KG) -> list[str]:
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    tree = ast.parse(text)
    consts = _constants(tree)
    rel = str(path.relative_to(root))
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            receiver = _receiver_text(node.func.value, consts)
            if node.func.attr == "format" and SPARQL_WORDS.search(receiver):
                found.append(f"{rel}:{node.lineno}: str.format on SPARQL text")
            first = node.args[0] if node.args else None
            dollar = isinstance(first, ast.Constant) and str(first.value).startswith("$")
            if node.func.attr == "replace" and dollar and first is not None:
                found.append(f"{rel}:{node.lineno}: {ast.literal_eval(first)} replaced in query text")
        elif isinstance(node, ast.JoinedStr) and _spliced(node):
            literal = "".join(str(p.value) for p in node.values if isinstance(p, ast.Constant))
            line = lines[node.lineno - 1]
            allowed = any(rel == f and words in line for f, words in NOT_SPARQL)
            if SPARQL_WORDS.search(literal) and not allowed:
                found.append(f"{rel}:{node.lineno}: <{{…}}> spliced into SPARQL in an f-string")
    return found


def test_values_reach_sparql_only_through_the_binder() -> None:
    offenders = [hit for path in _sources() for hit in _old_idioms(path)]
    hint = "bind values as RDF terms (kg.sparql_text.bound_query, str(ox.NamedNode(…))):\n"
    assert not offenders, hint + "\n".join(offenders)


def test_the_idiom_check_finds_each_old_idiom(tmp_path: Path) -> None:
    """The check above can fail: the old idioms are found in a sample module, a message is not."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        'Q = "SELECT ?s WHERE { GRAPH $CAT { ?s ?p ?o } }"\n'
        'a = Q.replace("$CAT", "<x>")\n'
        'b = "SELECT ?s WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}".format(g="x")\n'
        'g = "x"\n'
        'c = f"SELECT ?s WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}"\n'
        'd = f"unknown resource <{g}>"\n',
        encoding="utf-8",
    )
    hits = sorted(_old_idioms(sample, tmp_path))
    assert [h.split(": ", 1)[1] for h in hits] == [
        "$CAT replaced in query text",
        "str.format on SPARQL text",
        "<{…}> spliced into SPARQL in an f-string",
    ], hits


CURIE = re.compile(r"(?<![\w/#-])mbl:([A-Za-z_][A-Za-z0-9_]*)")


def _unknown_curies(paths: list[Path], known: set[str]) -> list[str]:
    return [
        f"{path}:{n}: mbl:{m.group(1)}"
        for path in paths
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        for m in CURIE.finditer(line)
        if m.group(1) not in known
    ]


def test_every_mbl_term_written_in_sparql_or_code_is_in_the_ontology(tmp_path: Path) -> None:
    """``mbl:`` names in query text, ``N("mbl:…")`` look-ups and templates: a misspelt one fails here."""
    from kg.namespaces import OxMBL

    known = {name for name in vars(OxMBL) if not name.startswith("_")}
    root = KG.parent
    paths = [*_sources(), *sorted((root / "queries").rglob("*.rq")), *sorted((KG / "server").rglob("*.html"))]
    assert len(paths) > 100
    assert not _unknown_curies(paths, known)
    sample = tmp_path / "typo.rq"
    sample.write_text("SELECT * { ?p a mbl:CitizenPromize ; mbl:municipality ?m }\n", encoding="utf-8")
    assert _unknown_curies([sample], known) == [f"{sample}:1: mbl:CitizenPromize"]
