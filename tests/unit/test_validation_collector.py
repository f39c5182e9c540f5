"""The cyclic garbage collector is off while the validator works and as it was after."""

from __future__ import annotations

import gc

import pytest

from kg.collector import without_cyclic_gc


def test_the_collector_is_off_inside_and_back_on_after_even_on_an_error() -> None:
    assert gc.isenabled()
    with without_cyclic_gc():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), without_cyclic_gc():
        raise ValueError("a bug in a shape")
    assert gc.isenabled()


def test_a_collector_already_off_stays_off() -> None:
    gc.disable()
    try:
        with without_cyclic_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
