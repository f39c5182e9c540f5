"""``kg init`` and ``kg stats``: create a store, and see what is in it."""

from __future__ import annotations

from typing import Annotated

import typer

from kg.cli import app
from kg.cli.common import TableFormat, echo_json, render_table, state


@app.command("stats")
def stats_command(
    ctx: typer.Context,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="Output format.")] = (TableFormat.table),
) -> None:
    """Show the store location, documents, triples and documents per municipality (made-up
    examples are counted apart).

    Example: kg --store ./var/store stats --format json
    """
    st = state(ctx)
    with st.store(create=False, read_only=True) as store:
        from kg.store.stats import store_stats

        result = store_stats(store, st.minter)
    if fmt is TableFormat.json:
        echo_json(result.as_dict())
        return
    typer.echo(f"Lager / store:        {result.location}")
    typer.echo(f"Dokument / documents: {result.documents}")
    typer.echo(f"Tripler / triples:    {result.triples}")
    typer.echo(f"Grafer / graphs:      {result.graphs}")
    if result.examples:
        typer.echo(
            f"Exempel / examples:   {result.examples} "
            "(påhittade, räknas inte nedan / made up, not counted below)"
        )
    if result.per_municipality:
        typer.echo("")
        rows = [{"kommun": k, "dokument": v} for k, v in result.per_municipality.items()]
        typer.echo(render_table(rows, ["kommun", "dokument"]))


@app.command("init")
def init_command(ctx: typer.Context) -> None:
    """Create the store (if needed) and load the ontology, vocabularies and reference data; in a
    store written by an older kg, also write the derived summary of each follow-up and the
    derived facts of each promise that has none (what the follow-up queries and the priority-area
    aggregates read instead of every assessment or priority; until then they read the
    documents, with the same answers).

    Example: kg --store ./var/store init
    """
    st = state(ctx)
    with st.store() as store:
        from kg.store.derived_kinds import backfill
        from kg.store.system import ensure_system_graphs

        loaded = ensure_system_graphs(store, st.minter)
        written = backfill(store, st.minter)
        location = store.location
    done = [", ".join(loaded) + " laddade / loaded"] if loaded else []
    done += [f"{n} {kind.name[0]} skrivna / {kind.name[1]} written" for kind, n in written if n]
    st.info(f"Lager / store {location}: " + ("; ".join(done) if done else "redan aktuellt / up to date"))
