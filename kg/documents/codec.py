"""How a document's texts are held between the worker that read it and the importer's write:
compressed with LZ4 (:func:`pack`, :func:`unpack`).

A document waits in the importer's process from its validation to the write, as its N-Triples,
its derived facts, its follow-up state lines and its catalogue record; nationally that is about
23 kB of text a document, so they are held compressed. The texts never leave the import (nothing
stores or sends these bytes elsewhere), so what matters is the CPU of packing each in a worker
and unpacking it in the importer's serial write: LZ4 takes about a sixth of zlib's (level 1) to
pack and a ninth to unpack a document's N-Triples, for blobs about a third larger
(benchmarks/NOTES.md, "Document texts packed with LZ4").
"""

from __future__ import annotations

import lz4.block


def pack(text: bytes) -> bytes:
    """``text`` compressed (its length stored with it)."""
    return lz4.block.compress(text, store_size=True)


def unpack(blob: bytes) -> bytes:
    """The text :func:`pack` made ``blob`` of."""
    return lz4.block.decompress(blob)
