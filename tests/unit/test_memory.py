"""kiosk.memory.tidy: what a visit left behind is given back to the system."""

from __future__ import annotations

import gc
import json
import platform
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.memory import tidy

REPO = Path(__file__).resolve().parents[2]

# Run in a fresh interpreter: a long test process has its own free heap, into which the
# pieces would go. 100 MiB in 1 KiB pieces (malloc'd, not Python's small-object arenas);
# every 16th is kept, so the freed pieces sit between kept ones and glibc cannot simply
# shrink the heap's top: without malloc_trim the process goes on holding the memory.
CHILD = """
import gc, json, psutil
from kiosk.memory import tidy
rss = lambda: psutil.Process().memory_info().rss / 2**20
pieces = [bytes(1024) for _ in range(100 * 1024)]
kept = pieces[::16]
allocated = rss()
del pieces
gc.collect()
held = rss()
result = tidy()
print(json.dumps({"allocated": allocated, "held": held, "after": rss(),
                  "trimmed": result.trimmed, "kept": len(kept)}))
"""


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="malloc_trim is glibc's")
def test_freed_heap_goes_back_to_the_system():
    out = subprocess.run([sys.executable, "-c", CHILD], cwd=REPO, capture_output=True,
                         text=True, check=True, timeout=120).stdout
    m = json.loads(out)
    assert m["held"] > m["allocated"] - 20, f"glibc gave it back by itself: {m}"
    assert m["trimmed"]
    assert m["held"] - m["after"] > 50, f"RSS before and after the tidy (MiB): {m}"


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
    assert not any(type(o) is Exhibit for o in gc.get_objects())  # type(): proxies too
    assert result.seconds >= 0
