"""Stage 3, ingest: the validated, atomic import pipeline (:mod:`.prepare` reads and validates,
possibly in worker processes; :mod:`.importer` writes), dumps and restore (:mod:`.dumps`), and
pulling documents published elsewhere (:mod:`.pull`)."""
