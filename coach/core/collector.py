"""The garbage collector, in one place: paused while coach builds many long-lived objects at
once (start-up, reading a long history), since its scans would find no garbage there.

Python's collector scans every tracked object now and then; a full scan grows with all that
is alive. While coach starts, it imports Textual, reads the library and the history and draws
the first screen: hundreds of thousands of objects that live as long as the app. Scanning them
again and again finds nothing and is a large part of the time to the first frame
(``benchmarks/first_frame.py``, ``benchmarks/history_20k.py``). Both helpers use public
:mod:`gc` calls only and leave the collector as they found it (on, unless it was off).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """No collection inside the block; the collector is back as it was after it."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


@contextlib.contextmanager
def starting_up() -> Iterator[None]:
    """Wrap what the app builds before it runs. Paused inside; after it, every object alive
    is moved out of the collector's way for good (:func:`gc.freeze`) before it is back on
    (else its first scan would be of all of them): modules, the library, the history read for
    the first screen live as long as the process, and later scans see only what the app makes
    from then on. (A cycle that was already garbage then is never freed: start-up makes few,
    and only once.)"""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_on:
            gc.enable()
