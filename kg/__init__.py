"""kg: the knowledge graph of Swedish medborgarlöften (citizen promises).

The library is the product: :mod:`kg.store` holds the graph, :mod:`kg.validate` checks documents,
:mod:`kg.importer` brings them in, :mod:`kg.queries` runs the saved queries. The ``kg`` command
line (:mod:`kg.cli`) and the web server (:mod:`kg.server`) are thin edges over it.
"""

__version__ = "0.1.0"
