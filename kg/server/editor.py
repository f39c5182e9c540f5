"""The SPARQL editor page's YASGUI: whether its files are installed, its configuration, and the
page's Content-Security-Policy.

YASGUI (``@zazuko/yasgui``, pinned in package.json and package-lock.json) is copied into
``static/vendor/yasgui/`` by ``make assets`` (``npm ci`` and ``python -m tools.vendor_assets``);
the server serves it from there, so the editor fetches nothing from elsewhere. Without those
files (no npm where the package was built) the page is the plain text box and says why. Either
way the form works without JavaScript: the script hides it and puts YASGUI in its place.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kg.namespaces import PREFIXES
from kg.query.adhoc import KG_PREFIX
from kg.server.context import ServerContext
from kg.server.security import CSP

VENDOR = Path(__file__).resolve().parent / "static" / "vendor" / "yasgui"
FILES = ("yasgui.min.js", "yasgui.min.css")

EDITOR_CSP = CSP.replace("style-src 'self';", "style-src 'self' 'unsafe-inline';")
"""YASGUI (CodeMirror, its result table) adds style elements and style attributes of its own;
scripts and everything fetched stay the server's own files."""


def yasgui_installed() -> bool:
    return all((VENDOR / f).is_file() for f in FILES)


def editor_prefixes(ctx: ServerContext) -> dict[str, str]:
    """The prefixes YASGUI completes and shortens IRIs with: the project's table and ``kg:`` for
    the store's minted IRIs (as ``kg sparql --prefixes`` lists them)."""
    base = ctx.settings.data_base if ctx.settings.data_base.endswith("/") else ctx.settings.data_base + "/"
    return {**PREFIXES, KG_PREFIX: base + "id/"}


def yasgui_config(ctx: ServerContext, query: str) -> dict[str, Any]:
    """What static/sparql-editor.js hands to YASGUI: the endpoint as a server path (the proxy's
    prefix included), the prefixes, and the query to start with."""
    return {"endpoint": ctx.path("sparql"), "prefixes": editor_prefixes(ctx), "query": query}
