"""Batches: the cyclic garbage collector paused while many small objects are built.

Reading a table or evaluating many communes allocates many small acyclic objects (cells,
assessments, results); the cyclic collector would walk them again and again and find nothing
to free. Reference counting still frees each as soon as it is dropped.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause cyclic garbage collection inside the block (as it was, after it)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
