"""Stage 5, publishing: pushing the store's graphs to an existing triple store (:mod:`.publisher`)."""
