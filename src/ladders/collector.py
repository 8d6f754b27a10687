"""The cyclic garbage collector, paused while ladders builds many objects at once."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the ``with`` block.

    Loading and checking create millions of objects and no garbage cycles; with the
    collector on, each burst of allocations would walk all of them again. Afterwards the
    survivors go straight to the oldest generation (``freeze`` then ``unfreeze`` both
    move whole lists) instead of being scanned as young objects.

    >>> with collector_paused():
    ...     gc.isenabled()
    False
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()
