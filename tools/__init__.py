"""Build-time tools of the repository (not part of the ``kg`` wheel).

Each one regenerates committed files from their sources, and a test fails while a file is stale:
``python -m tools.namespaces_gen`` (kg/namespaces.py), ``python -m tools.reference`` (the reference
graph), ``python -m tools.docs_gen`` (docs/ontology.md and .svg), ``python -m tools.clidocs``
(docs/cli.md) and ``python -m tools.seed_bundle`` (data/seeds/).
"""
