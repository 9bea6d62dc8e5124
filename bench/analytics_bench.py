"""Figures for the visit log (``kiosk.analytics``): what it costs the screen, what stats cost.

Events come from a simulated crowd: visits of 2-12 stops, narrations finished or left,
pauses, seeks, language switches, captions and modes, in the kiosk's three languages
(about 25 events a visit), with a fake clock 20 s apart (1,000,000 events: ~8 months).

- **Logging one event on the UI thread**: ``EventLog.record(kind, **fields)`` timed one
  call at a time (``perf_counter_ns`` around each), in bursts of 1,000 with an untimed
  ``flush()`` between, so the queue stays as small as on the kiosk. FLOOR: a bare
  ``queue.Queue().put(event)`` of a ready-made dict, timed the same way. Median and p99.
- **Longest pause of the UI thread while the writer flushes**: the main thread sleeps
  1 ms again and again and notes how late it wakes; meanwhile the writer thread adds 5
  events every 50 ms (40 times the kiosk's rate) to a part 500 events short of full (about
  the largest file it ever rewrites). FLOOR: the same loop with no writer. The notes give
  the same measurement for TinyDB's own JSONStorage and for CachingMiddleware, which
  encode the whole file in one C call that holds the GIL.
- **Stats over 1,000,000 events**: ``Report.from_data_dir`` over the folder the EventLog
  wrote (parts of ``PART_SIZE`` events). FLOOR: a bare ``json.load`` of the same files.
- **Database size per 100,000 events**: the files' bytes. FLOOR: the same events as
  compact JSON lines (the information itself, without TinyDB's ids).

``measure(quick)`` is called by ``python -m bench``; ``python -m bench.analytics_bench
[--quick]`` runs it alone and prints the figures. Quick mode (CI) takes every figure at a
tiny size (``QUICK``: 10,000 events logged one by one, 0.3 s per pause test, stats over
20,000 events in four parts), in a few seconds.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import queue
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from ._common import at_most, figure, print_alone

REPO = Path(__file__).resolve().parent.parent
LANGUAGES = ("kk", "ru", "en")
HOW = ("tile", "tile", "tile", "keypad", "next", "previous")
START = dt.datetime(2025, 1, 1, 10).timestamp()
EVENTS = 1_000_000
#: Quick mode (CI): every figure at a tiny size, a few seconds in all; the big log still
#: fills several parts, so the stats read more than one file.
QUICK = {"samples": 10_000, "pause_s": 0.3, "events": 20_000, "runs": 1}
FULL = {"samples": 300_000, "pause_s": 5.0, "events": EVENTS, "runs": 3}
RECORD_MEDIAN_GOAL_US = 20.0
RECORD_P99_GOAL_US = 100.0
PAUSE_GOAL_MS = 1000 / 60  # one frame at 60 fps
STATS_GOAL_S = 10.0
SIZE_GOAL_MB = 20.0


def crowd(n: int, seed: int = 1) -> list[tuple[str, dict]]:
    """``n`` events (kind, fields) of whole visits, as the UI would record them."""
    rng = random.Random(seed)
    out: list[tuple[str, dict]] = []
    while len(out) < n:
        language = rng.choices(LANGUAGES, weights=(5, 4, 1))[0]
        out.append(("session_start", {}))
        if language != "kk":
            out.append(("language", {"language": language, "previous": "kk"}))
        if rng.random() < 0.15:
            out.append(("captions", {"on": True}))
        if rng.random() < 0.05:
            out.append(("mode", {"mode": rng.choice(("large_text", "high_contrast")),
                                 "on": True}))
        for _ in range(rng.randint(2, 12)):
            stop = f"stop-{rng.randint(1, 40)}"
            out.append(("stop_open", {"stop": stop, "how": rng.choice(HOW)}))
            if rng.random() < 0.03:
                out.append(("content_note_declined", {"stop": stop}))
                continue
            out.append(("narration_start", {"stop": stop, "language": language}))
            duration = round(rng.uniform(30, 180), 1)
            if rng.random() < 0.2:
                position = rng.uniform(0, duration)
                out.append(("narration_pause", {"stop": stop, "position": position}))
            if rng.random() < 0.1:
                out.append(("narration_seek", {"stop": stop, "position": rng.uniform(0, 30),
                                               "target": rng.uniform(30, duration)}))
            if rng.random() < 0.6:
                out.append(("narration_finish", {"stop": stop, "language": language,
                                                 "listened": duration, "duration": duration}))
            else:
                out.append(("narration_leave", {"stop": stop, "language": language,
                                                 "listened": rng.uniform(0, duration),
                                                 "duration": duration}))
        out.append(("session_end", {"reason": "idle"}))
    return out[:n]


class _Clock:
    def __init__(self, t: float = START, step: float = 20.0):
        self.t, self.step = t, step

    def __call__(self) -> float:
        self.t += self.step
        return self.t


def _percentile(values, p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, -(-len(ordered) * p // 100) - 1)]


# --- 1, 2: one event on the UI thread ---------------------------------------------------

def _record_costs(n: int, folder: Path) -> tuple[list[int], list[int], str]:
    """(record() times, queue.put() times, in ns; what the slowest record() calls met)."""
    from kiosk.analytics import EventLog

    events = crowd(n)
    log = EventLog(folder, clock=_Clock())
    ready = [{"kind": kind, "t": 0.0, "session": "0a1b2c3d", **fields} for kind, fields in events]
    bare = queue.Queue()
    clock = time.perf_counter_ns
    record_ns, put_ns, began = [], [], []
    collections: list[tuple[int, int]] = []  # (start, end) of each garbage collection

    def on_gc(phase, info):
        if phase == "start":
            collections.append((clock(), 0))
        elif collections:
            collections[-1] = (collections[-1][0], clock())
    gc.callbacks.append(on_gc)
    for start in range(0, n, 1000):
        for kind, fields in events[start:start + 1000]:
            t0 = clock()
            log.record(kind, **fields)
            record_ns.append(clock() - t0)
            began.append(t0)
        log.flush()  # untimed: the writer's work, on its own thread on the kiosk
        for event in ready[start:start + 1000]:
            t0 = clock()
            bare.put(event)
            put_ns.append(clock() - t0)
        bare = queue.Queue()
    gc.callbacks.remove(on_gc)
    log.close()
    if log.problems:
        raise RuntimeError(f"the visit log reported problems: {log.problems}")
    slowest = sorted(range(n), key=record_ns.__getitem__)[-3:][::-1]

    def in_gc(i):
        t0, t1 = began[i], began[i] + record_ns[i]
        return sum(max(0, min(t1, b) - max(t0, a)) for a, b in collections) / 1e6
    slow = "; ".join(f"{record_ns[i] / 1e3:.0f} µs (garbage collector {in_gc(i):.1f} ms)"
                     for i in slowest)
    return record_ns, put_ns, slow


# --- 3: the UI thread while the writer flushes -------------------------------------------

def _ui_lateness(seconds: float, flush=None) -> tuple[list[float], list[float]]:
    """(how late each 1 ms sleep of this thread woke, in ms; each flush's time, in ms)."""
    done = threading.Event()
    flush_ms: list[float] = []

    def writer():
        while not done.is_set():
            t0 = time.perf_counter()
            flush()
            flush_ms.append((time.perf_counter() - t0) * 1000)
            done.wait(0.05)

    thread = threading.Thread(target=writer) if flush else None
    if thread:
        thread.start()
    late: list[float] = []
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        t0 = time.perf_counter()
        time.sleep(0.001)
        late.append((time.perf_counter() - t0 - 0.001) * 1000)
    done.set()
    if thread:
        thread.join()
    return late, flush_ms


def _writers(folder: Path, filled: int) -> dict:
    """Flush functions over a part of ``filled`` events: the kiosk's, and TinyDB's own."""
    from tinydb import TinyDB
    from tinydb.middlewares import CachingMiddleware
    from tinydb.storages import JSONStorage

    from kiosk.analytics import EventLog

    events = crowd(filled + 20_000, seed=2)
    made = {}

    log = EventLog(folder / "ours", clock=_Clock(), part_size=filled + 20_000)
    for kind, fields in events[:filled]:
        log.record(kind, **fields)
    log.flush()
    more = iter(events[filled:])

    def ours():
        for _ in range(5):
            kind, fields = next(more)
            log.record(kind, **fields)
        log.flush()
    made["EventLog (AtomicJSONStorage)"] = (ours, log.close)

    docs = [{"kind": k, "t": START + i, "session": "0a1b2c3d", **f}
            for i, (k, f) in enumerate(events)]
    for name, storage in (("TinyDB JSONStorage", JSONStorage),
                          ("TinyDB CachingMiddleware(JSONStorage)",
                           CachingMiddleware(JSONStorage))):
        db = TinyDB(folder / f"{len(made)}.json", storage=storage)
        db.insert_multiple(docs[:filled])
        caching = isinstance(storage, CachingMiddleware)
        if caching:
            db.storage.flush()
        rest = iter(docs[filled:])

        def theirs(db=db, rest=rest, caching=caching):
            db.insert_multiple([next(rest) for _ in range(5)])
            if caching:
                db.storage.flush()
        made[name] = (theirs, db.close)
    return made


# --- 4, 5: a big log -------------------------------------------------------------------

def _big_log(data: Path, n: int) -> tuple[float, int]:
    """Write ``n`` events through the EventLog; (seconds taken, bytes of JSON lines)."""
    from kiosk.analytics import EventLog

    began = time.perf_counter()
    log = EventLog(data, clock=_Clock())
    lines = 0
    encode = json.JSONEncoder(separators=(",", ":")).encode
    for i, (kind, fields) in enumerate(crowd(n, seed=3)):
        log.record(kind, **fields)
        if i % 5000 == 4999:
            log.flush()
    log.close()
    if log.problems:
        raise RuntimeError(f"the visit log reported problems: {log.problems}")
    seconds = time.perf_counter() - began
    for path in sorted((data / "analytics").glob("events-*.json")):
        for doc in json.loads(path.read_bytes())["_default"].values():
            lines += len(encode(doc)) + 1
    return seconds, lines


def _timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def measure(quick: bool) -> list[dict]:
    """The figures above, each as bench._common.figure() makes it."""
    sys.path.insert(0, str(REPO))
    from kiosk.analytics import Report
    from kiosk.analytics.events import PART_SIZE

    scale = QUICK if quick else FULL
    samples, pause_s, events, runs = (scale[k] for k in ("samples", "pause_s", "events", "runs"))
    with tempfile.TemporaryDirectory(prefix="kiosk-analytics-bench-") as tmp:
        root = Path(tmp)
        record_ns, put_ns, slowest = _record_costs(samples, root / "record")

        filled = PART_SIZE - 500
        floor_late, _ = _ui_lateness(pause_s)
        pauses = {}
        for name, (flush, close) in _writers(root / "writers", filled).items():
            pauses[name] = _ui_lateness(pause_s, flush)
            close()

        made_s, lines_bytes = _big_log(root / "big", events)
        files = sorted((root / "big/analytics").glob("events-*.json"))
        size = sum(f.stat().st_size for f in files)
        report = Report.from_data_dir(root / "big")  # a warm-up, and the counts for the notes
        if report.events != events or report.problems:
            raise RuntimeError(f"the report counted {report.events} events: {report.problems}")

        def bare_load():
            for f in files:
                with open(f, "rb") as handle:
                    json.load(handle)
        floor_stats = _timed(bare_load, runs)
        stats = _timed(lambda: Report.from_data_dir(root / "big"), runs)

    us = [ns / 1000 for ns in record_ns]
    put_us = [ns / 1000 for ns in put_ns]
    rec_med, rec_p99 = statistics.median(us), _percentile(us, 99)
    put_med, put_p99 = statistics.median(put_us), _percentile(put_us, 99)
    ours_name = "EventLog (AtomicJSONStorage)"
    ours_late, ours_flush = pauses[ours_name]
    pause_max = max(ours_late)
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    machine = f"{os.cpu_count()} cores; load average at the end {load}."

    def lateness(name):
        late, flush_ms = pauses[name]
        return (f"{name}: longest pause {max(late):.1f} ms, p99 {_percentile(late, 99):.1f} ms, "
                f"flush median {statistics.median(flush_ms):.1f} ms ({len(flush_ms)} flushes)")

    record_note = (f"{samples:,} record() calls of the simulated crowd's events (every kind), "
                   f"in bursts of 1,000 with an untimed flush() between; writer thread not "
                   f"running, garbage collector on. The time includes perf_counter_ns() "
                   f"itself (~0.1 µs), as the floor's does. Floor: queue.Queue().put(event) "
                   f"of ready-made dicts: median {put_med:.2f} µs, p99 {put_p99:.2f} µs. "
                   f"Slowest record() calls: {slowest}; with no collection during them and no "
                   f"writer running, the rest is the process waiting for a core. {machine}")
    stats_s, floor_s = statistics.median(stats), statistics.median(floor_stats)
    size_mb = size / 1e6 / (events / 100_000)
    lines_mb = lines_bytes / 1e6 / (events / 100_000)
    pause_note = (f"For {pause_s:g} s the main thread slept 1 ms at a time and noted how late "
                  f"it woke, while the writer added 5 events every 50 ms to a part already "
                  f"holding {filled:,} (a part holds at most {PART_SIZE:,}; on the kiosk the "
                  f"writer flushes every 2 s). {lateness(ours_name)}. The same for TinyDB's "
                  f"own storages, which encode the whole file in one call holding the GIL: "
                  f"{lateness('TinyDB JSONStorage')}; "
                  f"{lateness('TinyDB CachingMiddleware(JSONStorage)')}. Floor: the loop with "
                  f"no writer: longest {max(floor_late):.1f} ms, p99 "
                  f"{_percentile(floor_late, 99):.2f} ms. {machine}")
    stats_note = (f"Report.from_data_dir over {len(files)} files ({size / 1e6:.0f} MB) that "
                  f"EventLog wrote in {made_s:.0f} s (flushes of 5,000; not timed): "
                  f"{report.sessions:,} visits over {len(report.sessions_per_day)} days, "
                  f"{len(report.stops)} stops. Runs (s): {[round(s, 2) for s in stats]}. "
                  f"Floor: json.load of every file, nothing counted; runs (s): "
                  f"{[round(s, 2) for s in floor_stats]}. {machine}")
    size_note = (f"{size / 1e6:.1f} MB for {events:,} events in {len(files)} files of up to "
                 f"{PART_SIZE:,} ({size / events:.0f} bytes an event). Floor: the same events "
                 f"as compact JSON lines, without TinyDB's ids ({lines_bytes / events:.0f} "
                 f"bytes an event). Two years are kept.")
    logging = [figure(f"Logging one event on the UI thread, {which}", round(ours, 2), "µs",
                      floor=round(floor, 2), runs=samples, notes=notes,
                      **at_most(ours, goal, "µs"))
               for which, ours, floor, goal, notes in (
                   ("median", rec_med, put_med, RECORD_MEDIAN_GOAL_US, record_note),
                   ("p99", rec_p99, put_p99, RECORD_P99_GOAL_US, "Method as for the median."))]
    return logging + [
        figure("Longest pause of the UI thread while the writer flushes", round(pause_max, 2),
               "ms", floor=round(max(floor_late), 2), runs=len(ours_flush), notes=pause_note,
               goal=f"at most {PAUSE_GOAL_MS:.1f} ms (one frame at 60 fps)",
               meets=pause_max <= PAUSE_GOAL_MS),
        figure(f"Stats over {events:,} events", round(stats_s, 2), "s", floor=round(floor_s, 2),
               runs=runs, notes=stats_note, **at_most(stats_s, STATS_GOAL_S, "s")),
        figure("Database size per 100,000 events", round(size_mb, 2), "MB",
               floor=round(lines_mb, 2), runs=1, notes=size_note,
               **at_most(size_mb, SIZE_GOAL_MB, "MB")),
    ]


if __name__ == "__main__":
    print_alone(measure)
