"""Python's cyclic garbage collector, off while the validator works (:func:`without_cyclic_gc`)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def without_cyclic_gc() -> Iterator[None]:
    """Python's cyclic garbage collector off while documents are validated (and back on after,
    unless it was off already). A validation makes a few hundred thousand short-lived objects
    (terms, tuples, pySHACL's results) and almost no cycles, but each collection they trigger
    also walks the validator's own long-lived objects (the shapes, ontology and reference data):
    about a fifth of the CPU of validating a slice of the benchmark corpus. The little cyclic
    garbage of a call is collected by the next collection after it."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
