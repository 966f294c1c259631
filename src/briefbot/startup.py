"""Starting up without the garbage collector: loading allocates much and frees little.

Importing the program and building the engine make a few hundred thousand objects
that live as long as the process. Python's collector runs every 700 allocations
and rescans them each time, which spent about a tenth of the time to a first
answer (``benchmarks/bench_engine.py``, start-up). Both are done with collection
paused; it resumes as it was when they are done.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collection_paused() -> Iterator[None]:
    """Pause garbage collection for the block; restore its state after, even on error."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
