"""``kg serve --base-url http://HOST/medborgarlofte/`` behind a reverse proxy that strips the path
prefix (tests/prefix_proxy.py, the README's nginx set-up): a crawler follows every link
(``href``, ``src``, form ``action``), every ``Link`` header, every redirect and every server IRI
of the VoID, the service description and the OpenAPI, from the home page and the ontology,
through the proxy only. No answer may be a 404 or a server error, no link may leave the public
base for the internal host, and every page type must have been reached.

Every link of every fetched page is checked against the public base; what is fetched is a
sample that covers every kind of link: a target is fetched while its page type has been fetched
fewer than :data:`PAGES_PER_KIND` times, or when it is the first link from pages of one type to
pages of another (so every link from every page type to every other is followed once). The
links of one page type are built by the same code for every page of it; fetching every page
(about 1,900 requests for 5,700 links) made this the suite's slowest test."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urldefrag, urlencode, urljoin, urlsplit

import httpx
import pyoxigraph as ox
import pytest
from prefix_proxy import PrefixProxy
from server_support import QUERIES, filled_store_folder, kg_serve

pytestmark = pytest.mark.server

MAX_REQUESTS = 3000
"""A hang guard: the fixture store has about a thousand pages."""
PAGES_PER_KIND = 4
"""Pages fetched of each page type (beyond the first link of each kind, see the module's note)."""
VARIANTS_PER_KIND = 3
"""Every link is checked, but of the other formats (``?_format=``) and the other language
(``?lang=en``) of a page only this many are fetched per page type and variant: the links are
built by the same code for every page of a type, and all of them would multiply the crawl."""


class Links(HTMLParser):
    """The ``href``/``src`` links of a page, and its forms (action, fields with their values)."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.forms: list[tuple[str, str, dict[str, str]]] = []
        self._form: tuple[str, str, dict[str, str]] | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        for key in ("href", "src"):
            if key in a:
                self.links.append(a[key])
        if tag == "form":
            self._form = (a.get("action", ""), a.get("method", "get").lower(), {})
            self.forms.append(self._form)
        elif self._form is not None and tag in ("input", "textarea") and a.get("name"):
            if a.get("type") not in ("submit", "checkbox", "radio") or "checked" in a:
                self._form[2].setdefault(a["name"], a.get("value", ""))
        elif self._form is not None and tag == "select":
            self._select = a.get("name")
        elif self._form is not None and tag == "option" and self._select:
            self._form[2].setdefault(self._select, a.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def link_targets(header: str) -> list[str]:
    return re.findall(r"<([^>]*)>", header)


@pytest.fixture(scope="module")
def proxied(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """(public base through the proxy, internal base of kg serve)."""
    store = filled_store_folder(tmp_path_factory, "proxied")
    proxy = PrefixProxy(upstream_port=0)
    try:
        with kg_serve(store, "--base-url", proxy.base, "--queries", str(QUERIES)) as internal:
            proxy.upstream_port = urlsplit(internal).port or 0
            proxy.start()
            yield proxy.base, internal
    finally:
        proxy.stop()
        assert not proxy.outside, f"requests outside the public prefix: {proxy.outside[:10]}"


def kind_of(path: str) -> str | None:
    """The page type a public path shows (None: an asset, a download or another format)."""
    for pattern, kind in (
        (r"^$", "home"),
        (r"^id/promise/[^/]+$", "promise"),
        (r"^id/org/kommun-\d{4}$", "municipality"),
        (r"^vocab/[^/]+/[^/]+$", "concept"),
        (r"^vocab/?$", "vocabularies"),
        (r"^vocab/[^/]+$", "scheme"),
        (r"^def/?$", "ontology"),
        (r"^def/[A-Za-z]+$", "term of the ontology"),
        (r"^graph/", "provenance graph"),
        (r"^id/source/", "source document"),
        (r"^id/place/", "place"),
        (r"^id/", "other resource"),
        (r"^_/queries$", "query list"),
        (r"^_/queries/[^/]+$", "query page"),
        (r"^_/search$", "search"),
        (r"^_/quality", "quality"),
        (r"^_/sparql$", "sparql editor"),
        (r"^api/docs$", "api docs"),
        (r"^void$", "void"),
        (r"^sparql$", "service description"),
        (r"^api/openapi.json$", "openapi"),
    ):
        if re.search(pattern, path):
            return kind
    return None


def variant_of(url: str, public: str) -> tuple[str, str] | None:
    """(page type, variant) of a link to another format or language of a page; None otherwise."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    key = query.get("_format") or query.get("lang")
    if key is None:
        return None
    return (kind_of(parts.path[len(urlsplit(public).path) :]) or "other", key)


def test_every_link_stays_under_the_public_base(proxied: tuple[str, str]) -> None:
    public, internal = proxied
    origin = public[: public.index("/", len("http://"))]
    internal_host = urlsplit(internal).netloc
    seen: set[str] = set()
    todo: list[tuple[str, str]] = [(public, "start"), (public + "void", "start")]
    todo += [(public + "api/openapi.json", "start"), (public + "_/search?q=Nyk%C3%B6ping", "start")]
    todo += [(public + "_/queries/", "start")]  # a trailing slash: redirected, from the public base
    misses: list[str] = []
    kinds: set[str] = set()
    sampled: dict[tuple[str, str], int] = {}
    per_kind: dict[str, int] = {}
    edges: set[tuple[str | None, str | None]] = set()
    fetched = 0
    submitted: set[str] = set()
    posted: dict[str, tuple[str, dict[str, str]]] = {}
    client = httpx.Client(timeout=60, follow_redirects=False)

    def found(url: str, where: str, fetch: bool = True) -> None:
        url = urldefrag(urljoin(where, url)).url
        if url.startswith(("mailto:", "data:")):
            return
        parts = urlsplit(url)
        if parts.netloc == internal_host or url.startswith(internal):
            misses.append(f"{where} links to the internal host: {url}")
        elif url.startswith(origin) and not url.startswith(public):
            misses.append(f"{where} links outside the public prefix: {url}")
        elif url.startswith(public) and url not in seen and fetch:
            seen.add(url)
            variant = variant_of(url, public)
            if variant is not None:  # another format or language of a page: a few of each kind
                sampled[variant] = sampled.get(variant, 0) + 1
                if sampled[variant] > VARIANTS_PER_KIND:
                    return
            else:  # a page: a few of each type, and the first of each kind of link
                target = kind_of(parts.path[len(urlsplit(public).path) :])
                edge = (kind_of(urlsplit(where).path[len(urlsplit(public).path) :]), target)
                if target is not None and per_kind.get(target, 0) >= PAGES_PER_KIND and edge in edges:
                    return
                per_kind[target or ""] = per_kind.get(target or "", 0) + 1
                edges.add(edge)
            todo.append((url, where))

    while todo:
        assert fetched < MAX_REQUESTS, "the crawl does not end"
        url, where = todo.pop()
        seen.add(url)
        fetched += 1
        accept = "text/turtle" if url in (public + "sparql", public + "void") else "text/html"
        r = client.get(url, headers={"Accept": accept + ", */*;q=0.1"})
        body = r.content
        if internal_host.encode() in body:
            misses.append(f"{url} (from {where}) names the internal host in its body")
        for header in r.headers.get_list("link"):
            for target in link_targets(header):
                found(target, url)
        kind = kind_of(urlsplit(url).path[len(urlsplit(public).path) :])
        if r.is_redirect:  # the search answers with the home page's list, the query pages with no slash
            found(r.headers["location"], url)
            location = urljoin(url, r.headers["location"])
            if not location.startswith(public):
                misses.append(f"{url} redirects outside the public base: {location}")
            elif kind:
                kinds.add(kind)
            continue
        if r.status_code == 400 and url in submitted:
            continue  # a form or an API operation sent without its required values: told so
        if r.status_code >= 400:
            misses.append(f"{url} (from {where}): {r.status_code}")
            continue
        if kind and "_format=" not in url:
            kinds.add(kind)
        ctype = r.headers.get("content-type", "")
        if ctype.startswith("text/html"):
            page = Links()
            page.feed(r.text)
            for link in page.links:
                found(link, url)
            for action, method, fields in page.forms:
                target = urljoin(url, action or url)
                found(target, url, fetch=method == "get")
                if method == "post":
                    posted.setdefault(target, (url, fields))
                elif fields:
                    submitted.add(urldefrag(target + "?" + urlencode(fields)).url)
                    found(target + "?" + urlencode(fields), url)
        elif ctype.startswith("text/turtle"):
            for t in ox.parse(body, format=ox.RdfFormat.TURTLE):
                for term in (t.subject, t.object):
                    if isinstance(term, ox.NamedNode):
                        found(term.value, url)
        elif ctype.startswith("application/json") and url.endswith("openapi.json"):
            spec = r.json()
            server = spec["servers"][0]["url"]
            assert server + "/" == public, spec["servers"]
            for path, operations in spec["paths"].items():
                if "get" in operations:  # (a POST-only operation, such as validation, is not a link)
                    submitted.add(server + path)
                    found(server + path, url)
    for target, (where, fields) in posted.items():  # a POST form (validation) sent as it is
        if target.startswith(public):
            r = client.post(target, data=fields, headers={"Accept": "text/html"})
            if r.status_code not in (200, 400, 415, 422):
                misses.append(f"POST {target} (the form of {where}): {r.status_code}")
    client.close()
    print(f"fetched {fetched} of {len(seen)} URLs, {len(kinds)} page types, {len(edges)} kinds of link")
    assert not misses, "\n".join(misses[:40])
    expected = {
        "home",
        "promise",
        "municipality",
        "concept",
        "scheme",
        "vocabularies",
        "ontology",
        "term of the ontology",
        "provenance graph",
        "query list",
        "query page",
        "search",
        "sparql editor",
        "api docs",
        "void",
        "service description",
        "openapi",
        "quality",
        "place",
    }
    assert expected <= kinds, f"page types never reached: {expected - kinds}"
    assert fetched > 100


def test_language_switch_keeps_the_prefix(proxied: tuple[str, str]) -> None:
    public, _ = proxied
    r = httpx.get(public + "_/queries", headers={"Accept": "text/html"})
    page = Links()
    page.feed(r.text)
    switch = re.search(r'<a href="([^"]*)"[^>]*class="lang-switch"', r.text)
    assert switch, r.text[:2000]
    assert switch.group(1).replace("&amp;", "&") == urlsplit(public).path + "_/queries?lang=en"


def test_alternate_link_headers_name_the_public_url(proxied: tuple[str, str]) -> None:
    public, _ = proxied
    r = httpx.get(public + "id/promise/0480-2025-2026", headers={"Accept": "text/turtle"})
    assert r.status_code == 200
    targets = link_targets(r.headers["link"])
    assert public + "id/promise/0480-2025-2026?_format=ttl" in targets, targets
