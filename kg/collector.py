"""Python's cyclic garbage collector, off while a stage builds many short-lived objects that hold no
cycle (:func:`without_cyclic_gc`): validation, a worker's reading, the follow-up state of an import."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def without_cyclic_gc() -> Iterator[None]:
    """Python's cyclic garbage collector off meanwhile (and back on after, unless it was off
    already). A validation, for one, makes a few hundred thousand short-lived objects
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
