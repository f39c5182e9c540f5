"""Stage 4, queries: saved queries read from ``queries/*.rq`` (:mod:`.saved`), bound and run on the
embedded store or an endpoint (:mod:`.run`), safe edits of SPARQL text (:mod:`.text`), result
tables and formats (:mod:`.results`), the result cache (:mod:`.cache`), run records
(:mod:`.runrecord`) and the generated reference (:mod:`.docs`)."""
