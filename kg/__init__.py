"""kg: the knowledge graph of Swedish medborgarlöften (citizen promises).

The library is the product, and its folders follow the data path: :mod:`kg.documents` (files to
documents; :mod:`kg.extract` for published text), :mod:`kg.validation` (SHACL), :mod:`kg.ingest`
(atomic import, dumps), :mod:`kg.store` (the graph), :mod:`kg.query` (saved queries),
:mod:`kg.publish` (other triple stores), :mod:`kg.authoring` (templates) and :mod:`kg.quality`
(the data-quality scorecard). The ``kg`` command line (:mod:`kg.cli`) and the web server
(:mod:`kg.server`) are thin edges over it; docs/architecture.md draws it.
"""

__version__ = "0.1.0"
