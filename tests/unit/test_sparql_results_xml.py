"""The SPARQL XML results escape text and attributes as xml.sax.saxutils does (kg writes them
itself, so that running a query does not import xml.sax and, through it, urllib.request, http.client,
ssl and email: issue 19)."""

from __future__ import annotations

from xml.etree import ElementTree
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from kg.query import sparql_results
from kg.query.sparql_results import term_xml

TRICKY = ["", "plain", "a & b < c > d", 'say "hi"', "it's", "both \" and '", "line\nbreak\r\ttab", "&amp;"]


def test_text_and_attributes_are_escaped_as_saxutils_escapes_them() -> None:
    ws = {"\n": "&#10;", "\t": "&#9;", "\r": "&#13;"}
    for text in TRICKY:
        assert sparql_results.quoteattr(text) == quoteattr(text)
        assert term_xml(ox.Literal(text)) == f"<literal>{escape(text, ws)}</literal>"


def test_the_xml_parses_back_to_the_same_values() -> None:
    for text in TRICKY:
        lit = ElementTree.fromstring(term_xml(ox.Literal(text, language="sv")))
        assert (lit.text or "") == text and lit.get("{http://www.w3.org/XML/1998/namespace}lang") == "sv"
        typed = ElementTree.fromstring(
            term_xml(ox.Literal(text, datatype=ox.NamedNode("http://e.org/t?a=1&b=2")))
        )
        assert typed.get("datatype") == "http://e.org/t?a=1&b=2"
