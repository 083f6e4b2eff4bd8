"""Pausing Python's cyclic garbage collector around a burst of allocation.

Reading and linting a large scenario allocate hundreds of thousands of small objects and free none of
them until the end; each collection pass walks them all again, which can triple the time. Reference
counting still frees everything that is not in a cycle, and the collector runs again afterwards.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Disable the cyclic collector for the block, then restore it as it was."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
