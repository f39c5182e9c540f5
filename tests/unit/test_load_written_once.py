"""A file's triples are written as N-Triples once, where they are checked (kg.documents.parse), and
that text serves the document (kg.documents.load): the check of each term, the search for blank
nodes to skolemise and a second writing are skipped when the text shows they are not needed.
Whatever a file holds, the documents must be those read without the shortcut: the same triples in
the same order, the same fields, the same N-Triples, the same errors. Every RDF fixture and example
of the repository, and documents made to exercise each branch (blank nodes, a blank municipality,
repeated triples, a source named or blank, "_:" inside a literal, a TriG file of several
documents, N-Triples, N-Quads, JSON-LD), are read both ways and compared."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.documents import parse
from kg.documents.codec import pack
from kg.documents.limits import MAX_DEPTH, MAX_LITERAL, check_terms
from kg.documents.load import Document, load_documents
from kg.errors import KgError
from kg.iris import Minter

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = ROOT / "tests" / "fixtures" / "shapes" / "valid" / "minimal-promise.ttl"
_RDF = {".ttl", ".trig", ".nt", ".nq", ".jsonld", ".json", ".yaml", ".yml", ".rdf"}


def _unwritten(quads: list[ox.Quad], where: str, *, written: bool) -> bytes | None:
    check_terms(quads, where)  # every term looked at, no text kept: the way without the shortcut
    return None


def _read(path: Path, *, shortcut: bool, monkeypatch: pytest.MonkeyPatch) -> list[Document] | str:
    with monkeypatch.context() as m:
        if not shortcut:
            m.setattr(parse, "_checked", _unwritten)
        try:
            return load_documents(path, minter=Minter())
        except KgError as exc:
            return f"{type(exc).__name__}: {exc}"


def _same(path: Path, monkeypatch: pytest.MonkeyPatch) -> list[bool] | str:
    """The documents of ``path`` read both ways are the same: for each, whether the text written
    as it was checked served it (else the error both ways gave)."""
    fast = _read(path, shortcut=True, monkeypatch=monkeypatch)
    slow = _read(path, shortcut=False, monkeypatch=monkeypatch)
    if isinstance(fast, str) or isinstance(slow, str):
        assert fast == slow, path
        return str(fast)
    assert len(fast) == len(slow), path
    written = [d._ntriples is not None for d in fast]
    assert not any(d._ntriples is not None for d in slow)
    for a, b in zip(fast, slow, strict=True):
        assert a.ntriples() == ox.serialize(a.quads, format=ox.RdfFormat.N_TRIPLES)
        if b"/genid/" in b.ntriples():
            # skolemised (through rdflib, both ways): the same triples, not always in one order
            assert sorted(a.ntriples().splitlines()) == sorted(b.ntriples().splitlines()), path
            a = replace(a, triples=b.quads)
        assert a.quads == b.quads, path  # the same triples in the same order
        assert a == b, path  # every field
        assert a.ntriples() == b.ntriples()
        assert a.packed().triples == b.packed().triples
        packed = a.packed()  # a copy, as dataclasses.replace would make it
        made = replace(a, triples=pack(a.ntriples()), lines=dict(a.lines), _graph=None)
        assert packed == made and packed is not a
        assert {k: v for k, v in vars(packed).items() if k != "_ntriples"} == vars(made)
        assert packed._ntriples is None and isinstance(a.triples, list)
        assert a.nquads() == b.nquads()
    return written


def _fixtures() -> list[Path]:
    found = [
        p
        for folder in (ROOT / "tests" / "fixtures", ROOT / "examples")
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.suffix in _RDF
    ]
    assert len(found) > 50
    return found


def test_every_fixture_reads_as_without_the_shortcut(monkeypatch: pytest.MonkeyPatch) -> None:
    written = 0
    for path in _fixtures():
        docs = _same(path, monkeypatch)
        written += isinstance(docs, list) and any(docs)
    assert written > 50  # most used the text written as they were checked


_NS = "https://w3id.org/medborgarlofte/def/"
_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_FROM = ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")


def _own(doc: Document, predicate: str) -> str | None:
    """The first object of ``predicate`` on the document's node, if an IRI (as the importer reads it)."""
    node = ox.NamedNode(str(doc.iri))
    first = next((q.object for q in doc.quads if q.subject == node and q.predicate.value == predicate), None)
    return first.value if isinstance(first, ox.NamedNode) else None


def test_what_a_document_says_of_itself_is_read_from_its_triples() -> None:
    """The fields read in one pass over the triples (kg.documents.load._Stated) are those its
    triples say, and the file is named as the source exactly when the document names none."""
    checked = named = 0
    for path in _fixtures():
        try:
            docs = load_documents(path, minter=Minter())
        except KgError:
            continue
        for doc in docs:
            checked += 1
            named += _check_own(doc, path)
    assert checked > 50 and 0 < named < checked


def _check_own(doc: Document, path: Path) -> bool:
    """Check the fields read of the document's node against its triples; whether the file was
    named as its source."""
    assert doc.municipality == _own(doc, _NS + "municipality"), path
    assert doc.territory == _own(doc, "http://purl.org/dc/terms/spatial"), path
    assert doc.period == _own(doc, "http://purl.org/dc/terms/temporal"), path
    assert doc.follows == (_own(doc, _NS + "followsUp") if doc.kind == "followup" else None)
    node = ox.NamedNode(str(doc.iri))
    source = ox.NamedNode(f"{doc.iri}/source")
    sources = {q.object for q in doc.quads if q.subject == node and q.predicate == _FROM}
    typed = {
        q.subject
        for q in doc.quads
        if q.predicate == _TYPE and q.object == ox.NamedNode(_NS + "SourceDocument")
    }
    assert sources & typed, path  # named, by the file or by itself
    added = doc.quads[-4:]
    if [q.subject for q in added] == [node, source, source, source] and added[0].object == source:
        assert added[2].object == ox.Literal(path.name) and added[3].object == ox.Literal(doc.sha256)
        stated = doc.quads[:-4]
        assert not {q.object for q in stated if q.subject == node and q.predicate == _FROM} & typed
        return True
    return False


def _variant(tmp_path: Path, name: str, edit: str, suffix: str = ".ttl") -> Path:
    text = MINIMAL.read_text(encoding="utf-8")
    path = tmp_path / (name + suffix)
    path.write_text(text + "\n" + edit + "\n", encoding="utf-8")
    return path


def test_awkward_documents_read_as_without_the_shortcut(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    promise = "<https://w3id.org/medborgarlofte/id/promise/0480-2025-2026>"
    cases = {
        "blank-nodes": f"{promise} mbl:note [ a mbl:Note ; dct:description [ dct:title 'x' ] ] .",
        "repeated": f"{promise} dct:title 'Medborgarlöfte Nyköpings kommun 2025-2026'@sv .\n" * 3,
        "blank-source": f"{promise} prov:wasDerivedFrom [ a mbl:SourceDocument ; dct:title 'a.txt' ] .",
        "literal-looks-blank": f"{promise} dct:description 'see _:b0 and [ ]' .",
        "second-type": "<source> a mbl:Note .",
        "list": f"{promise} mbl:note ( 'a' 'b' ( 'c' ) ) .",
        "triple-term": f"{promise} mbl:note <<( <urn:x:s> <urn:x:p> <urn:x:o> )>> .",
    }
    paths = [_variant(tmp_path, name, edit) for name, edit in cases.items()]
    municipality = "mbl:municipality <https://w3id.org/medborgarlofte/id/org/kommun-0480> ;"
    blank = tmp_path / "blank-municipality.ttl"
    text = MINIMAL.read_text(encoding="utf-8")
    blank.write_text(
        text.replace(municipality, "mbl:municipality [ a org:Organization ] ;"), encoding="utf-8"
    )
    paths.append(blank)
    first = tmp_path / "other-node-first.ttl"  # a node stating the same predicates before the promise's
    other = (
        "<other> mbl:municipality <https://w3id.org/medborgarlofte/id/org/kommun-0481> ; dct:temporal <p2> ;"
    )
    other += " dct:spatial <s2> ; prov:wasDerivedFrom <source> .\n\n"
    first.write_text(text.replace(promise + "\n", other + promise + "\n", 1), encoding="utf-8")
    paths.append(first)
    # without a source of its own: the file is named as the source, by triples appended to its text
    bare = tmp_path / "no-source.ttl"
    bare.write_text(
        "\n".join(
            line
            for line in MINIMAL.read_text(encoding="utf-8").splitlines()
            if "prov:wasDerivedFrom <source>" not in line
        ).replace("mbl:signature <signature/1> ;", "mbl:signature <signature/1> ."),
        encoding="utf-8",
    )
    paths.append(bare)
    # the same documents as N-Triples, N-Quads (one graph each), TriG with a system graph, JSON-LD
    quads = list(ox.parse(bare.read_bytes(), format=ox.RdfFormat.TURTLE))
    (tmp_path / "a.nt").write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_TRIPLES) or b"")

    def moved(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> ox.NamedNode:
        assert isinstance(term, ox.NamedNode)
        return ox.NamedNode(term.value.replace("0480-2025-2026", "0480-2027-2028"))

    later = [
        ox.Quad(
            moved(q.subject), q.predicate, moved(q.object) if isinstance(q.object, ox.NamedNode) else q.object
        )
        for q in quads
    ]

    def graph(name: str, triples: list[ox.Quad]) -> list[ox.Quad]:
        return [ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(name)) for q in triples]

    both = graph("urn:x:one", quads) + graph("urn:x:two", later) + graph("urn:x:system", quads[:2])
    both = [
        q for q in both if q.graph_name != ox.NamedNode("urn:x:system") or q.predicate.value.endswith("title")
    ]
    (tmp_path / "b.nq").write_bytes(ox.serialize(both, format=ox.RdfFormat.N_QUADS) or b"")
    (tmp_path / "c.trig").write_bytes(ox.serialize(both, format=ox.RdfFormat.TRIG) or b"")
    (tmp_path / "d.jsonld").write_bytes(ox.serialize(quads, format=ox.RdfFormat.JSON_LD) or b"")
    paths += [tmp_path / n for n in ("a.nt", "b.nq", "c.trig", "d.jsonld")]
    results = {p.name: _same(p, monkeypatch) for p in paths}
    read = {name: r for name, r in results.items() if isinstance(r, list)}
    assert set(results) - set(read) <= {"d.jsonld", "triple-term.ttl"}  # JSON-LD: the project's context only
    assert len(read["b.nq"]) == len(read["c.trig"]) == 2
    # where the shortcut could and could not be taken
    assert "triple terms are not supported" in str(results["triple-term.ttl"])
    assert read["repeated.ttl"] == [False]  # the text held a triple four times
    assert read["blank-nodes.ttl"] == [False]  # skolemised: other triples
    assert read["literal-looks-blank.ttl"] == [True]  # looked for blank nodes, none found
    assert read["no-source.ttl"] == [True]  # the text and the triples naming the file
    assert read["b.nq"] == read["c.trig"] == [True, True]
    assert read["blank-municipality.ttl"] == [False]
    (doc,) = load_documents(first, minter=Minter())
    assert doc.municipality == "https://w3id.org/medborgarlofte/id/org/kommun-0480"
    assert doc.period == "https://w3id.org/medborgarlofte/id/promise/0480-2025-2026/period"
    for path in paths:
        for doc in [] if isinstance(results[path.name], str) else load_documents(path, minter=Minter()):
            _check_own(doc, path)
    (municipal,) = load_documents(blank, minter=Minter())
    assert municipal.municipality and "/genid/" in municipal.municipality  # the skolemised IRI
    (bare_doc,) = load_documents(bare, minter=Minter())
    source = ox.NamedNode(f"{bare_doc.iri}/source")
    assert ox.Literal("no-source.ttl") in {q.object for q in bare_doc.quads if q.subject == source}


def test_the_budgets_still_hold_when_the_text_is_looked_at(tmp_path: Path) -> None:
    long = _variant(tmp_path, "long", f"<x> dct:description '{'a' * (MAX_LITERAL + 1)}' .")
    with pytest.raises(KgError, match="too long"):
        load_documents(long, minter=Minter())
    nested = "[ mbl:note " * (MAX_DEPTH + 1) + "'x'" + " ]" * (MAX_DEPTH + 1)
    deep = _variant(tmp_path, "deep", f"<x> mbl:note {nested} .")
    with pytest.raises(KgError, match="nested too deeply"):
        load_documents(deep, minter=Minter())
