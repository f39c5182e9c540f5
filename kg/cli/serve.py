"""``kg serve``: publish the store: SPARQL endpoint, linked-data pages, saved-query API, web UI."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from kg.cli import app
from kg.cli.common import state


@app.command("serve")
def serve_command(
    ctx: typer.Context,
    host: Annotated[str, typer.Option("--host", help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[
        int,
        typer.Option(
            "--port", min=0, max=65535, help="TCP port (0: any free port, the one taken is printed)."
        ),
    ] = 8000,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            envvar="KG_BASE_URL",
            help="Public URL of the server (behind a proxy: the proxy's URL) [default http://HOST:PORT/].",
        ),
    ] = None,
    timeout: Annotated[
        float, typer.Option("--query-timeout", help="Seconds a SPARQL query (or a validation) may run.")
    ] = 10.0,
    limit: Annotated[
        int, typer.Option("--result-limit", min=1, help="Most solutions or triples per response.")
    ] = 10_000,
    max_body: Annotated[
        int,
        typer.Option(
            "--max-body",
            min=1024,
            max=1 << 30,
            help="Bytes a request body (a POSTed query, form or document to validate) may have; more: 413.",
        ),
    ] = 1_048_576,
    workers: Annotated[
        int,
        typer.Option(
            "--query-workers",
            min=1,
            max=64,
            help="Queries evaluated at the same time, each in a worker process that is stopped "
            "at the time limit (and half as many again for saved and known-fast queries).",
        ),
    ] = 4,
    memory: Annotated[
        int,
        typer.Option(
            "--query-memory",
            min=64,
            max=1 << 20,
            help="Megabytes of memory each query worker may use; a query that needs more is stopped (503).",
        ),
    ] = 512,
    cache_size: Annotated[
        int,
        typer.Option(
            "--cache-size",
            min=0,
            help="SPARQL responses kept in memory and sent again for the same request "
            "(the store is read-only while serving); 0: none.",
        ),
    ] = 256,
    cache_mb: Annotated[
        int, typer.Option("--cache-mb", min=1, help="Megabytes of response bodies the cache may hold.")
    ] = 64,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Evaluate every request (the same as --cache-size 0).")
    ] = False,
    allow_service: Annotated[
        bool, typer.Option("--allow-service", help="Evaluate federated SERVICE calls (off: refused).")
    ] = False,
    cors: Annotated[
        list[str] | None,
        typer.Option("--cors-origin", help="An origin allowed to read responses (repeatable; '*' for any)."),
    ] = None,
    extra_data: Annotated[
        list[Path] | None,
        typer.Option(
            "--extra-data",
            exists=True,
            dir_okay=False,
            help="An RDF file served beside the store's data from memory (repeatable).",
        ),
    ] = None,
    queries: Annotated[
        Path | None,
        typer.Option(
            "--queries",
            exists=True,
            file_okay=False,
            help="Folder of saved .rq queries to publish [default: the bundled queries/].",
        ),
    ] = None,
    licence: Annotated[
        str, typer.Option("--licence", help="Licence IRI of the published data.")
    ] = "https://creativecommons.org/licenses/by/4.0/",
    access_log: Annotated[
        Path | None,
        typer.Option(
            "--access-log",
            dir_okay=False,
            help="Append the access log (Common Log Format, one line a request) to this file "
            "instead of stderr.",
        ),
    ] = None,
    quiet: Annotated[
        bool,
        typer.Option("--quiet", help="No access log on stderr and no start-up line (as kg --quiet)."),
    ] = False,
) -> None:
    """Serve the graph over HTTP: SPARQL 1.1 endpoint at /sparql, linked-data pages for every
    minted IRI, the saved queries at /api/queries, validation of documents at /_/validate (a page)
    and POST /api/validate, and a web interface at /.

    The store is opened read-only for the server's lifetime, shared with the read commands
    (kg query run, kg sparql, kg stats, kg export answer meanwhile); writes such as kg import wait
    until it stops. The URL is printed once the server answers; each request is logged in the
    Common Log Format on stderr (--access-log FILE, none with --quiet). Exit codes: 2 a bad
    option, 3 the store or the port unavailable (a port in use is refused before anything is
    printed).

    Example: kg --store ./var/store serve --port 8000 --base-url https://data.example.org/medborgarlofte/
    """
    import uvicorn

    from kg.server.app import create_app
    from kg.server.limits import HEAD_LIMIT, http_protocol
    from kg.server.listen import AccessLog, AnnouncingServer, bind, open_access_log
    from kg.server.overlay import with_extra_data
    from kg.server.settings import ServerSettings

    st = state(ctx)
    quiet = quiet or st.quiet
    if base_url is not None:
        _check_base_url(base_url)
    if not timeout > 0:  # 0, a negative number or nan: every query would be stopped at once
        raise typer.BadParameter(
            f"{timeout:g} s: ska vara mer än 0 / must be more than 0, e.g. 10", param_hint="'--query-timeout'"
        )
    _check_licence(licence)
    sock = bind(host, port)  # before anything is announced: a port in use is one error, exit 3
    log_stream = open_access_log(str(access_log) if access_log else None, quiet)
    port = sock.getsockname()[1]
    local_url = f"http://{host if ':' not in host else f'[{host}]'}:{port}/"
    settings = ServerSettings(
        base_url=base_url or local_url,
        data_base=st.base,
        query_timeout=timeout,
        result_limit=limit,
        query_workers=workers,
        query_memory=memory,
        max_body=max_body,
        cache_size=0 if no_cache else cache_size,
        cache_mb=cache_mb,
        allow_service=allow_service,
        cors_origins=tuple(cors or ()),
        extra_data=tuple(extra_data or ()),
        licence=licence,
        queries_folder=queries,
    )
    with sock, st.store(create=False, read_only=True) as store:
        served = with_extra_data(store, settings.extra_data) if settings.extra_data else store
        application: Any = create_app(settings, served)
        if log_stream is not None:
            application = AccessLog(application, log_stream)

        def ready() -> None:  # listening, and the query workers started
            if not quiet:
                # behind a proxy the public URL is not where the server listens: both are said,
                # so that the proxy can be pointed at it (and the port --port 0 took is known)
                listening = (
                    f"; lyssnar på / listening on {local_url}" if settings.public_base != local_url else ""
                )
                st.info(
                    f"kg serve: {served.location} på / on {settings.public_base} "
                    f"(SPARQL: {settings.public_base}sparql){listening}"
                )

        import logging  # here: every other command starts without it

        logging.basicConfig(level=logging.INFO if st.verbose else logging.WARNING)
        config = uvicorn.Config(
            application,
            log_level="info" if st.verbose else "warning",
            access_log=False,  # kg.server.listen.AccessLog writes it
            proxy_headers=True,
            server_header=False,
            http=http_protocol(),
            h11_max_incomplete_event_size=HEAD_LIMIT,
        )
        try:
            AnnouncingServer(config, ready).run(sockets=[sock])
        finally:
            if log_stream is not None and log_stream is not sys.stderr:
                log_stream.close()


def _check_base_url(url: str) -> None:
    """Every link and header is built from ``--base-url``: one that a browser cannot follow (no
    scheme, another scheme, a query or fragment) is a usage error before anything is served."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise typer.BadParameter(
            f"{url!r} är ingen absolut http(s)-URL / is not an absolute http(s) URL; "
            "t.ex. / e.g. https://data.example.org/medborgarlofte/",
            param_hint="'--base-url'",
        )


def _check_licence(iri: str) -> None:
    """The licence is an IRI in the VoID description and on every page: a value that is no
    absolute IRI is a usage error, not a server that fails on /void."""
    import pyoxigraph as ox

    try:
        ox.NamedNode(iri)
    except ValueError:
        raise typer.BadParameter(
            f"{iri!r} är ingen absolut IRI / is not an absolute IRI; "
            "t.ex. / e.g. https://creativecommons.org/licenses/by/4.0/",
            param_hint="'--licence'",
        ) from None
