"""The store: the protocol and the embedded Oxigraph store (:mod:`.core`), a remote SPARQL endpoint
(:mod:`.remote`), the DCAT catalogue of imported documents (:mod:`.catalogue`), the system graphs
of ontology, vocabularies and reference data (:mod:`.system`) and counts (:mod:`.stats`)."""
