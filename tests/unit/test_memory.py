"""kiosk.memory.tidy: what a visit left behind is given back to the system."""

from __future__ import annotations

import gc
import platform

import psutil
import pytest

from kiosk.memory import tidy

MIB = 2**20


def rss() -> float:
    return psutil.Process().memory_info().rss / MIB


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="malloc_trim is glibc's")
def test_freed_heap_goes_back_to_the_system():
    # 100 MiB in 1 KiB pieces (malloc'd, not Python's small-object arenas); every 16th
    # is kept, so the freed pieces sit between kept ones and glibc cannot simply shrink
    # the heap's top: without malloc_trim the process goes on holding the freed memory.
    pieces = [bytes(1024) for _ in range(100 * 1024)]
    kept = pieces[::16]
    before_free = rss()
    del pieces
    gc.collect()
    held = rss()
    assert held > before_free - 20, "glibc returned the memory by itself: nothing to test"
    result = tidy()
    after = rss()
    assert result.trimmed
    assert held - after > 50, f"RSS {held:.0f} MiB before the tidy, {after:.0f} MiB after"
    assert len(kept) == 6400


def test_garbage_in_cycles_is_collected():
    class Exhibit:
        pass

    def cycle():
        a, b = Exhibit(), Exhibit()
        a.other, b.other = b, a

    gc.disable()
    try:
        for _ in range(100):
            cycle()
        result = tidy()
    finally:
        gc.enable()
    assert result.collected >= 200
    assert not any(isinstance(o, Exhibit) for o in gc.get_objects())
    assert result.seconds >= 0
