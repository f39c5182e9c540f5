"""The saved queries as an API (``/api/queries``) with an OpenAPI 3 document; wired to kg.queries."""

from __future__ import annotations

from starlette.routing import BaseRoute

routes: list[BaseRoute] = []
