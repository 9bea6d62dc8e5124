"""kill -9 at any moment: the visit log still loads, with everything reported flushed.

A child process (tests/analytics_kill_child.py) records and flushes in a loop and says
how many events it has flushed; it is killed with SIGKILL at a random moment, 100 times
over, in four lanes that each keep one data folder (so later kills hit larger files and
part changes). After each kill: no file damaged, none set aside, every part loads, and
at least what the child reported is there.
"""

from __future__ import annotations

import random
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from kiosk.analytics import EventLog
from kiosk.analytics.storage import load_database

ROOT = Path(__file__).resolve().parent.parent.parent
CHILD = ROOT / "tests" / "analytics_kill_child.py"
KILLS, LANES = 100, 4


def count_on_disk(data: Path) -> int:
    """Events in every part; raises if any file does not load cleanly."""
    folder = data / "analytics"
    names = [p.name for p in folder.iterdir()] if folder.exists() else []
    assert not [n for n in names if ".damaged-" in n], names
    return sum(load_database(folder / n).count for n in names if n.endswith(".json")
               and not n.startswith("."))


def one_kill(data: Path, rng: random.Random, seed: int) -> tuple[int, list[str]]:
    """Start the child, kill it at a random moment; (events it reported flushed, lines)."""
    child = subprocess.Popen([sys.executable, str(CHILD), str(data), str(seed)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    first = child.stdout.readline()
    assert first == "ready\n", first + child.stderr.read()
    time.sleep(rng.uniform(0.0, 0.12))
    child.kill()  # SIGKILL
    out, err = child.communicate(timeout=30)
    assert child.returncode == -9, err
    lines = out.splitlines()
    flushed = [int(line.split()[1]) for line in lines if line.startswith("flushed ")]
    return (flushed[-1] if flushed else 0), lines


def lane(data: Path, seed: int, runs: int) -> tuple[list[int], int]:
    """(events reported flushed per run, runs killed in the middle of writing a file)."""
    rng = random.Random(seed)
    saved = mid_write = 0
    reported = []
    for run in range(runs):
        flushed, lines = one_kill(data, rng, seed * 1000 + run)
        assert not [line for line in lines if line.startswith("problem")], lines
        # a temporary file left behind: the kill came between creating and renaming it
        mid_write += bool(list((data / "analytics").glob(".events-*.tmp")))
        on_disk = count_on_disk(data)
        assert on_disk >= saved + flushed, (run, saved, flushed, on_disk)
        saved = on_disk
        reported.append(flushed)
    return reported, mid_write


def test_kill_9_at_random_moments_never_loses_or_corrupts_what_was_flushed(tmp_path):
    with ThreadPoolExecutor(LANES) as pool:
        lanes = list(pool.map(lane, [tmp_path / f"lane-{n}" for n in range(LANES)],
                              range(1, LANES + 1), [KILLS // LANES] * LANES))
    reported = [n for runs, _ in lanes for n in runs]
    assert len(reported) == KILLS
    assert sum(1 for n in reported if n > 0) >= KILLS // 2  # the kills landed mid-work
    assert sum(mid for _, mid in lanes) >= KILLS // 10  # ...and often mid-write (~40%)
    for n in range(LANES):  # and the kiosk's own start finds nothing to repair
        log = EventLog(tmp_path / f"lane-{n}")
        assert log.problems == []
        log.close()
        parts = list((tmp_path / f"lane-{n}/analytics").glob("events-*.json"))
        assert parts and all(load_database(p).count <= 400 for p in parts)
