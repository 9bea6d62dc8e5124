"""Figure 1: process start to the first frame of the home screen.

The parent takes the time just before spawning a fresh Python process that starts the
real kiosk (``prepare_kivy`` + ``build_app`` + ``app.run()``), and again when the child's
FIRST_FRAME line arrives: the child prints it on the window's first ``on_flip`` after the
home screen is built. FLOOR: the same for a one-Label Kivy app with the same window and
environment. Runs alternate app/floor so that both see the same machine load; one
discarded warm-up run of each fills the disk cache and compiles bytecode first.
"""

from __future__ import annotations

import time

from ._common import Workspace, median, read_result, spawn

CHILD = "bench._first_frame_child"


def one_run(kind: str, content, ws: Workspace) -> dict:
    """Spawn one child; returns the time to its first frame and its phase breakdown (ms)."""
    log = ws.root / f"first-frame-{kind}.stderr"
    spawned = time.monotonic()
    proc = spawn(CHILD, [kind, str(content), str(ws.data)], ws.env, log)
    result, arrived = read_result(proc, log, timeout=120, markers=("FIRST_FRAME",),
                                   log_dirs=ws.log_dirs)
    if "FIRST_FRAME" not in arrived:
        raise RuntimeError(f"{kind}: no FIRST_FRAME line")
    phases, last = {}, spawned
    for name, at in result["marks"].items():  # in the order they happened
        phases[name] = (at - last) * 1000
        last = at
    phases["line to parent"] = (arrived["FIRST_FRAME"] - last) * 1000
    return {"ms": (arrived["FIRST_FRAME"] - spawned) * 1000, "phases": phases,
            "rss_mib": result["rss_mib"]}


def measure(content, ws: Workspace, runs: int) -> dict:
    for kind in ("app", "floor"):  # warm-up, not counted
        one_run(kind, content, ws)
    samples = {"app": [], "floor": []}
    for _ in range(runs):
        for kind in ("app", "floor"):
            samples[kind].append(one_run(kind, content, ws))
    summary = {}
    for kind, runs_of_kind in samples.items():
        summary[kind] = {
            "median_ms": median([r["ms"] for r in runs_of_kind]),
            "all_ms": [round(r["ms"], 1) for r in runs_of_kind],
            "phases_median_ms": {name: round(median([r["phases"][name] for r in runs_of_kind]), 1)
                                 for name in runs_of_kind[0]["phases"]},
            "rss_mib": median([r["rss_mib"] for r in runs_of_kind]),
        }
    return summary


def figures(summary: dict, runs: int) -> list[dict]:
    app, floor = summary["app"], summary["floor"]
    phases = ", ".join(f"{name} {ms:.0f}" for name, ms in app["phases_median_ms"].items())
    floor_phases = ", ".join(f"{name} {ms:.0f}"
                             for name, ms in floor["phases_median_ms"].items())
    return [{
        "name": "Process start to first frame of home",
        "value": round(app["median_ms"], 1), "unit": "ms",
        "floor": round(floor["median_ms"], 1), "goal": None, "meets": None, "runs": runs,
        "notes": (f"Median of {runs} fresh processes each (after one warm-up each), timed "
                  f"in the parent from just before spawning to the FIRST_FRAME line. "
                  f"Floor: a one-Label Kivy app, same window and environment. "
                  f"Where the kiosk's time goes (median ms): {phases}. "
                  f"Floor: {floor_phases}. All runs (ms): app {app['all_ms']}, "
                  f"floor {floor['all_ms']}."),
    }]
