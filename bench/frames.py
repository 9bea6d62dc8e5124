"""Frame time (p95) during screen transitions and while a narration plays with captions.

Runs ``bench._frames_child`` twice in fresh processes: the real kiosk (fades between the
tour and a stop, both ways; then ten seconds of a narration with captions on), and the
FLOOR, an idle one-Label Kivy app with the same window. A frame's time is the wall time
between two successive frames of the real loop (Kivy's Clock coming back from its wait for
the next frame): at rest the Clock paces the loop itself; a frame whose work takes longer
shows as a longer interval.

The goal (the issue asks for "no jank"): p95 at most one frame at 60 fps (16.7 ms) above
the floor's p95, i.e. at most one dropped frame at the 95th percentile.
"""

from __future__ import annotations

from ._common import Workspace, figure, median, percentile, run_child

FRAME_MS = 1000 / 60


def measure(content, ws: Workspace, round_trips: int, seconds: float) -> dict:
    args = [str(content), str(ws.data), str(round_trips), str(seconds)]
    floor = run_child("bench._frames_child", ["floor", *args], ws, timeout=60 + 2 * seconds)
    app = run_child("bench._frames_child", ["app", *args], ws,
                    timeout=120 + 10 * round_trips + 2 * seconds)
    return {"floor": floor, "app": app}


def _describe(frames: dict, seconds: float | None = None) -> str:
    v, work = frames["interval_ms"], frames["work_ms"]
    long = sum(1 for x in v if x > 2 * FRAME_MS)
    rate = f", {frames['flips'] / seconds:.1f} redraws per second" if seconds else ""
    return (f"{len(v)} frames: p50 {median(v):.1f} ms, p95 {percentile(v, 95):.1f}, longest "
            f"{max(v):.0f}; {long} over two frames at 60 fps ({2 * FRAME_MS:.0f} ms); the "
            f"frames' own work p95 {percentile(work, 95):.1f} ms; {frames['flips']} redrawn"
            f"{rate}")


def _transition(app: dict) -> str:
    kind = app.get("transition", "FadeTransition")
    if kind == "NoTransition":
        return ("the kiosk's choice on this machine: a cut, since the GL driver draws in "
                "software (kiosk/ui/rendering.py)")
    return f"the kiosk's choice on this machine: {kind} {app['fade_s']} s"


def figures(r: dict, round_trips: int, seconds: float) -> list[dict]:
    floor, app = r["floor"], r["app"]
    floor_p95 = percentile(floor["idle"]["interval_ms"], 95)
    goal = f"p95 at most {FRAME_MS:.1f} ms above the floor's"
    draw = "; ".join(f"{name} {ms:.0f} ms" for name, ms in
                     {**app["draw_ms"], **{f"floor ({k})": v
                                           for k, v in floor["draw_ms"].items()}}.items())
    floor_text = (f"Floor: an idle one-Label Kivy app, same window, {seconds:g} s: "
                  f"{_describe(floor['idle'], seconds)}.")
    fades, narration = app["fades"], app["narration"]
    fades_note = (f"{fades['count']} transitions ({round_trips} round trips tour -> stop -> "
                  f"tour, {_transition(app)}), each from the frame that runs the action "
                  f"(open_stop / show_tour, run by the Clock inside a frame as a touch is) to "
                  f"the frame that draws the end: {_describe(fades)}. {floor_text} Time the GL "
                  f"driver (Mesa llvmpipe, offscreen) takes to draw one full frame, forced "
                  f"redraw then glFinish (median): {draw}.")
    narration_note = (f"Stop {narration['stop']}, captions on, the narration playing for "
                      f"{seconds:g} s ({narration['captions_shown']} captions shown, at "
                      f"{narration['position_s']} s at the end, still {narration['state']}): "
                      f"{_describe(narration, seconds)}; the narration view asks the player 10 "
                      f"times a second but moves the bar and the times in 0.5 s steps, "
                      f"together, and the window is redrawn only when something shown "
                      f"changed. {floor_text}")
    out = []
    for name, seen, notes in (("during screen changes between tour and stop", fades,
                               fades_note),
                              ("while a narration plays with captions", narration,
                               narration_note)):
        p95 = percentile(seen["interval_ms"], 95)
        out.append(figure(f"Frame time p95 {name}", round(p95, 1), "ms",
                          floor=round(floor_p95, 1), goal=goal, meets=p95 <= floor_p95 + FRAME_MS,
                          runs=len(seen["interval_ms"]), notes=notes))
    return out
