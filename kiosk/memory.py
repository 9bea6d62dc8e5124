"""Giving memory back between visitors.

A visit leaves garbage behind: the widgets and pictures of the stops seen, which Python's
cyclic collector frees only when it next runs, and freed heap that glibc's allocator keeps
for later instead of returning it. Over months that shows as a kiosk whose resident memory
(RSS) creeps up although nothing is kept. :func:`tidy` collects the garbage and asks glibc
to return free heap (``malloc_trim``); the kiosk calls it when a visit has ended and the
attract screen is showing, where a pause of a few tens of milliseconds is not felt.
Elsewhere than glibc (musl, macOS) only the collection is done.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import time
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Tidied:
    """What one tidy did: objects collected, whether heap was offered back, how long."""

    collected: int
    trimmed: bool
    seconds: float


@lru_cache(maxsize=1)
def _malloc_trim():
    """glibc's malloc_trim, or None where there is no glibc."""
    name = ctypes.util.find_library("c")
    if not name:
        return None
    try:
        function = ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_size_t]
    function.restype = ctypes.c_int
    return function


def tidy() -> Tidied:
    """Collect Python's garbage, then give free heap back to the system where possible."""
    began = time.perf_counter()
    collected = gc.collect()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
    return Tidied(collected, trim is not None, time.perf_counter() - began)
