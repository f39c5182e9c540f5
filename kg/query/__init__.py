"""Stage 4, queries: saved queries read from ``queries/*.rq`` (:mod:`.saved`), bound and run on the
embedded store or an endpoint (:mod:`.run`), safe edits of SPARQL text and the binder
(:mod:`.text`), result tables (:mod:`.results`), the one format table of the CLI and the server
(:mod:`.formats`), the one SPARQL results writer (:mod:`.sparql_results`), the one bounded cache
(:mod:`.lru`) and the result cache built on it (:mod:`.cache`), run records (:mod:`.runrecord`)
and the generated reference (:mod:`.docs`)."""
