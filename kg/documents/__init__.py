"""Stage 1 of the data path, documents: a file read safely (:mod:`.parse`), or extracted from text
by :mod:`kg.extract`, becomes promise and follow-up documents with their provenance (:mod:`.load`)."""
