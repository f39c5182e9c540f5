"""The saved-query reference (docs/queries.md), generated from the ``.rq`` metadata.

:func:`render_docs` lists every saved query with its question, description, parameters and one
example call; given stores, it also shows that call's output on each (the first rows, as a
Markdown table), labelled. The committed docs/queries.md shows the outputs on the test fixture
data and after ``make run`` (the bundled example, seed documents and follow-ups), so a reader who
runs ``make run`` sees the documented rows; a test checks that it is up to date.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pyoxigraph as ox

from kg.namespaces import PREFIXES
from kg.query.results import ResultFormat, render
from kg.query.run import example_args, run_saved
from kg.query.saved import SavedQuery
from kg.store.core import GraphStore

EXAMPLE_ROWS = 8

TEST_DATA = "Utdata på testdata / output on the test data"
MAKE_RUN = (
    "Utdata efter `make run` (de medföljande dokumenten) / output after `make run` (the bundled documents)"
)
THIS_STORE = "Utdata på den här grafen / output on this store"


def example_call(query: SavedQuery) -> str:
    """The documented example: ``kg query run NAME -p name=value ...`` (values shell-quoted)."""
    parts = ["kg", "query", "run", query.name]
    for arg in example_args(query):
        parts += ["-p", _quote(arg)]
    return " ".join(parts)


def _quote(arg: str) -> str:
    safe = all(c.isalnum() or c in "=-_.:/@" for c in arg)
    return arg if safe else "'" + arg.replace("'", "'\\''") + "'"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_query(
    query: SavedQuery,
    target: GraphStore | None = None,
    heading: str = "##",
    *,
    label: str = TEST_DATA,
    also: Sequence[tuple[str, GraphStore]] = (),
) -> str:
    """One query's section, with the example's output on ``target`` (labelled ``label``) and on
    each store of ``also`` (label, store)."""
    lines = [f"{heading} `{query.name}`", "", f"**{_md(query.summary)}**", ""]
    if query.description:
        lines += [query.description, ""]
    if query.tags:
        lines += ["Taggar / tags: " + ", ".join(f"`{t}`" for t in query.tags), ""]
    if query.parameters:
        lines += [
            "| parameter | typ / type | krävs / required | standard / default | värden / values |",
            "|---|---|---|---|---|",
        ]
        for p in query.parameters:
            values = ", ".join(p.enum) if p.enum else ("se vokabulär / see vocabulary" if p.entity else "")
            lines.append(
                f"| `{p.name}` | {_md(p.type_label)} | {'ja / yes' if p.required else 'nej / no'} | "
                f"{_md(p.default or '')} | {_md(values)} |"
            )
        lines.append("")
    else:
        lines += ["Inga parametrar / no parameters.", ""]
    if query.pagination:
        lines += [f"Sidstorlek / page size: {query.pagination} (`--page N`).", ""]
    lines += ["```sh", example_call(query), "```", ""]
    outputs = [*([(label, target)] if target is not None else []), *also]
    for name, store in outputs:
        table = run_saved(store, query, query.example, limit=EXAMPLE_ROWS)
        more = " (de första raderna / first rows)" if table.truncated else ""
        shown = render(table, ResultFormat.md).rstrip()
        if not table.rows and table.boolean is None:
            shown += "\n\nInga rader / no rows."
        lines += [f"{name}{more}:", "", shown, ""]
    return "\n".join(lines).rstrip() + "\n"


def render_docs(
    queries: Mapping[str, SavedQuery],
    target: GraphStore | None = None,
    *,
    label: str = TEST_DATA,
    also: Sequence[tuple[str, GraphStore]] = (),
) -> str:
    """The whole reference page (outputs as :func:`render_query` shows them)."""
    head = [
        "# Sparade frågor / saved queries",
        "",
        "<!-- Generated from queries/*.rq by kg.query.docs; do not edit. Regenerate with",
        "     KG_UPDATE_SNAPSHOTS=1 .venv/bin/pytest tests/system/test_queries.py",
        "     (outputs on the test data and after make run),",
        "     or print it for your own store with: kg query docs -->",
        "",
        "Kör en fråga med `kg query run NAMN -p namn=värde` (upprepa `-p` för flera värden; samma "
        "värde två gånger räknas en gång, och en ja/nej-parameter tar ett värde); `kg query show "
        "NAMN` visar frågetexten. / Run a query with `kg query run NAME -p name=value` (repeat `-p` "
        "for several values; one value given twice counts once, and a yes/no parameter takes one "
        "value); `kg query show NAME` shows its text.",
        "",
        "Parametrar för kommun tar namn (`Linköping`, `Linköpings kommun`, `linkoping`) eller "
        "SCB-kod (`0580`); län tar namn (`Skåne`) eller kod (`12`); begrepp tar slug "
        "(`narkotikasok-med-hund`) eller etikett; alla IRI-parametrar tar även IRI:n som tabellerna "
        "skriver den (`kg:promise/0580-2023-2024/activity/1`, `at:skola`), som `kg documents` "
        "skriver id:t (`promise/0580-2023-2024/activity/1`), inom `<…>` eller hel, och tolkas som "
        "i `kg extract --municipality` och `kg new promise` (docs/architecture.md). Ett värde av "
        "fel slag (ett län för en kommun, ett löfte för en aktivitet) avvisas med ett exempel av "
        "rätt slag. / Municipality parameters take a name, an ASCII slug or SCB code, counties a "
        "name or code, concepts a slug or label; every IRI parameter also takes the IRI as the "
        "tables print it (`kg:promise/0580-2023-2024/activity/1`, `at:skola`), as `kg documents` "
        "prints the id (`promise/0580-2023-2024/activity/1`), in `<…>` or in full, read as "
        "`kg extract --municipality` and `kg new promise` read them. A value of the wrong kind (a "
        "county for a municipality, a promise for an activity) is refused with an example of the "
        "right kind.",
        "",
        "Kolumnerna heter som parametrarna (`county`, även i `sparql-json` och körprotokollet); en "
        "valfri parameter som inte ges och som ingen rad binder får ingen kolumn. / Columns are "
        "named as the parameters (`county`, in `sparql-json` and the run record too); an optional "
        "parameter that is not given and that no row binds has no column.",
        "",
        "Sidor: `--page N` (sidstorleken är frågans, eller `--limit`) och `--limit N` hämtar bara de "
        "raderna ur lagret, och tabellen säger när det finns fler. En lista som sorteras på kommun "
        "(`promises`, `places-in-activities`, `search-activities` ...) läses kommun för kommun i "
        "namnordning tills sidan är full, så första sidan kostar några kommuners rader, inte hela "
        "listan. Katalogen (`documents`) läses från de poster som kan stå på sidan: de med fel "
        "eller varningar och de vars id sorteras före en gräns ur ett stickprov av posterna (jämförda "
        "på idets första 15 tecken, `mbl:idPrefix`, som importen skriver med posten). / "
        "Pages: `--page N` (the query's page size, or `--limit`) and `--limit N` fetch "
        "only those rows from the store, and the table says when there are more. A listing sorted "
        "by municipality (`promises`, `places-in-activities`, `search-activities` ...) is read "
        "municipality by municipality in name order until the page is full, so its first page "
        "costs a few municipalities' rows, not the whole listing. The catalogue (`documents`) is "
        "read from the records that can be on the page: those with violations or warnings and "
        "those whose id sorts before a bound taken from a sample of the records (compared on the "
        "id's first 15 characters, `mbl:idPrefix`, which the import writes with the record).",
        "",
        "Påhittade exempel (`mbl:isExample`, t.ex. det medföljande Nyköpingsexemplet) räknas aldrig "
        "i svaren om man inte ber om dem: `-p includeExamples=true` eller `kg query run "
        "--include-examples`. Frågor där ett antaget värde (`mbl:Assumption`: kommun, prioriterat "
        "område, aktivitetstyp, aktör, giltighetsperiod som texten inte anger) kan ändra svaret tar "
        "`-p excludeAssumed=true` (`--exclude-assumed`) och utelämnar då det som vilar på antaganden. "
        "/ Made-up examples (`mbl:isExample`, such as the bundled Nyköping example) never count in "
        "an answer unless asked for: `-p includeExamples=true` or `kg query run --include-examples`. "
        "Queries whose answer an assumed value (`mbl:Assumption`: a municipality, priority area, "
        "activity type, actor or validity period the text does not state) can change take "
        "`-p excludeAssumed=true` "
        "(`--exclude-assumed`) and then leave out what rests on assumptions "
        "([decision 0050](decisions/0050-examples-and-assumptions-in-answers.md)).",
        "",
        "| fråga / query | fråga den besvarar / question |",
        "|---|---|",
    ]
    head += [f"| [`{q.name}`](#{q.name}) | {_md(q.summary)} |" for q in sorted(queries.values(), key=_key)]
    body = [render_query(q, target, label=label, also=also) for q in sorted(queries.values(), key=_key)]
    return "\n".join(head) + "\n\n" + WRITE_YOUR_OWN + "\n" + "\n".join(body)


def _prefix_lines(*names: str) -> str:
    """PREFIX lines from the one table, aligned."""
    width = max(len(n) for n in names) + 1
    return "\n".join(f"PREFIX {(n + ':').ljust(width)} {ox.NamedNode(PREFIXES[n])}" for n in names)


WRITE_YOUR_OWN = (
    """## Skriv en egen fråga / write your own query

Run it with `kg sparql "…"` on the embedded store or send it to any endpoint that serves the
graph. Every document is a named graph; the queries read the default graph as the union of them
(`oxigraph serve --union-default-graph`, or the engine's equivalent).

`kg sparql` predeclares the project's prefixes (`kg sparql --prefixes` lists them), `kg:` for
the minted IRIs included, and takes a `kg:` name as the tables print it
(`kg:promise/0480-2025-2026`; plain SPARQL writes `kg:promise\\/0480-2025-2026`). `SELECT *`
lists the variables in the order the query first names them; CONSTRUCT and DESCRIBE give
Turtle, or N-Triples, JSON-LD or RDF/XML with `-f nt|jsonld|rdf`. A syntax error names its line
and column and shows the line with a caret under the place:

```text
$ kg sparql 'SELECT * WHERE { ?s foo:bar ?o }'
fel / error: okänt prefix / unknown prefix 'foo:' på rad / at line 1, kolumn / column 21
  1 | SELECT * WHERE { ?s foo:bar ?o }
    |                     ^^^^
```

For other engines, declare the prefixes the queries use:

```sparql
"""
    + _prefix_lines("mbl", "dct", "dcat", "skos", "org", "geo", "pa", "at", "freq")
    + """
```

The patterns of the model (docs/ontology.md has every term):

```sparql
?promise a mbl:CitizenPromise ;
         mbl:municipality ?municipality ;        # the municipality (an organisation)
         dct:spatial ?territory ;                # its territory; ?territory geo:sfWithin ?county
         dct:temporal [ dcat:startDate ?start ; dcat:endDate ?end ] ;
         mbl:priority ?priority ;                # ?priority mbl:priorityArea ?area (pa:…)
         mbl:activity ?activity .
?activity dct:description ?text ;                # the document's own words
          mbl:activityType ?type ;               # at:… concepts
          mbl:responsibleActor ?actor ;          # ?actor mbl:actorType ?actorType
          mbl:frequency ?frequency ;    # freq:… concepts
          mbl:addresses ?priority .
?followUp mbl:followsUp ?promise ;
          mbl:assessment [ mbl:assessedActivity ?activity ; mbl:status ?status ] .
?concept skos:prefLabel ?label .                 # labels in sv and en
```

One idiom makes a parameter optional: write the pattern that binds the column, then
`FILTER(?v = COALESCE(?param, ?v))` right after it, so that an unbound `?param` keeps every row
and a bound one is planned into the join. A parameter that asks for something not every row has
is tested only when given: `FILTER(!COALESCE(isIRI(?__placeKind_iri), false) || EXISTS {
?activity mbl:placeKind ?__placeKind_iri })` (municipalities-with-activity-type: only the
activities done at that kind of place). The saved queries name parameters the grlc/BASIL way
(`?_name` required, `?__name` optional, `_iri`/`_integer`/`_xsd_date` for the type), and the
tuned ones keep a plain form in [queries/plain/](../queries/plain/) that returns the same rows
(tests/integration/test_query_plain.py). The follow-up queries (followup-fulfilment,
fulfilment-by-*, followups-overdue) also keep a *derived* form in
[queries/derived/](../queries/derived/), which reads each promise's follow-up state kg keeps in
the catalogue graph (`mbl:FollowUpState` and `mbl:LatestFollowUp`: the promise's latest
follow-up, the end of its period, the number of its follow-ups and how many of the promise's
activities the latest one assessed and found done, the share done and the first day the promise
can count as overdue by its plan, and per priority area and activity type its activities and
those done, with and without what rests on an assumption; derived data, not source data,
computed from the summary kg writes beside each follow-up's record, `mbl:FollowUpSummary`, and the promise's
document, and written again in the same transaction whenever either changes) instead of every
assessment: `kg` runs it on its own store when every follow-up there has its summary and every
promise its current state, and the form that reads the documents otherwise (a store written
before them, or a remote endpoint), with the same rows
(tests/integration/test_query_derived.py); followup-fulfilment's first pages read the highest
shares first, one share at a time, through the form in
[queries/derived/keyset/](../queries/derived/keyset/) (kg.query.value_window,
tests/integration/test_query_value_window.py). Two aggregates over priority areas
(priority-areas-ranked, priority-cooccurrence), promises-by-county, activities-by-actor-type and
followup-frequency likewise have a derived form that reads the
facts kg writes beside each promise's catalogue record (`mbl:PromiseFacts`: its municipality,
area, example flag, years, distinct priority areas and its activities counted per set of
responsible actors, from that promise's document alone; the actors' types are read from the
store, as the reference data may state them), run when every promise in the store has them.
top-activity-types has one for the whole country: a derived form may name, in a line `# documents
when given: county`, the parameters with which the form reading the documents runs instead (a
county given is planned into that form's index lookups).

What a parameter takes follows from its name and type: an `_iri` parameter named (or ending in)
`municipality`, `county` or a vocabulary (`activityType`, `priorityArea`, `actorType`,
`frequency`, `status`, `placeKind` for the kinds of place ...) takes the names, codes and slugs
above, and `kg serve` offers its values from the store: a drop-down of the counties or of the
vocabulary's concepts (labels in the page's language), an autocomplete list of the 290
municipalities, and the same values in the OpenAPI document (`enum` for a drop-down,
`x-kg-choices` with the labels and IRIs for every list). The header's `enumerate` names such a
parameter for grlc; `enumerate: {name: [a, b]}` gives any other parameter a fixed list. Result
tables on the web pages sort by a column (`?_sort=COLUMN&_dir=asc|desc`, or a click on its
heading) and filter in the page.
"""
)


def _key(query: SavedQuery) -> str:
    return query.name
