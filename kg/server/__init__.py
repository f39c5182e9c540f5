"""``kg serve``: the web edge of the library (SPARQL protocol, linked data, saved queries, pages).

:func:`kg.server.app.create_app` builds the ASGI app from :class:`kg.server.settings.ServerSettings`
and a store.
"""
