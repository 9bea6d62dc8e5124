"""Child of the map figures: one frame of a pinch zoom on the plan view, beside a floor.

    python -m bench._pinch_child CONTENT DATA PLAN SWEEPS STEPS

The real kiosk (for its theme and words) on its home screen; over it, in a clipped view
of the map screen's size, either

- ours: a ``PlanView`` of the plan image PLAN with sixteen numbered pins (two ticked, one
  selected), the walking-order line and "You are here", zoomed by ``zoom_by`` about the
  view's middle (what a pinch calls on each finger move); or
- the FLOOR: a bare Kivy ``Scatter`` holding an ``Image`` of the same picture (mipmapped,
  as ours) at the same size in the same clipped view, scaled by the same factors about
  the same point (``apply_transform``), with nothing drawn over it.

A sweep zooms from the whole plan to 4x in STEPS frames and back in STEPS more. Ours and
the floor take turns frame by frame (so that whatever else the machine is doing falls on
both alike), each alone on the window: put on, one frame drawn untimed, then the timed
zoom step; the first sweep of each is not counted. A frame's time runs from the zoom
step to the frame drawn (one ``EventLoop.idle()`` and ``glFinish``), with Kivy's clock
not holding frames to 60 fps, so it is the frame's work and drawing alone; its CPU time
(this process's, the software GL driver's threads included) is kept beside it, as other
processes on the machine disturb it less. Also reported: whether the plan view drew its
pins again during frames where nothing changed (it should not).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from bench._app_driver import finish, finish_drawing, start_real_app
from bench._common import emit

#: The plan view's size and place: about what the map screen gives it at 1280x800.
VIEW_POS, VIEW_SIZE = (16, 100), (800, 560)
MAX_ZOOM = 4.0


def pins() -> list[dict]:
    return [{"stop_id": f"stop-{n}", "number": 101 + n,
             "x": 0.08 + 0.84 * ((n * 37) % 16) / 15, "y": 0.1 + 0.8 * (n // 4) / 3,
             "ticked": n in (3, 7)} for n in range(16)]


def frame_after(step) -> tuple[float, float]:
    """``step()``, then one turn of the loop and its frame drawn: (wall ms, CPU ms of
    this process, the GL driver's threads included)."""
    from kivy.base import EventLoop

    finish_drawing()
    began, cpu = time.perf_counter(), time.process_time()
    step()
    EventLoop.idle()
    finish_drawing()
    return 1000 * (time.perf_counter() - began), 1000 * (time.process_time() - cpu)


def steps_of_a_sweep(steps: int) -> list[float]:
    """The zoom factors of one sweep: the whole plan to MAX_ZOOM and back, a step a frame."""
    factor = MAX_ZOOM ** (1 / steps)
    return [factor] * steps + [1 / factor] * steps


def main(content: str, data: str, plan: str, sweeps: str, steps: str) -> None:
    app, _backend = start_real_app(Path(content), Path(data), start_screen="home")
    from kivy.base import EventLoop
    from kivy.clock import Clock
    from kivy.graphics.transformation import Matrix
    from kivy.uix.image import Image
    from kivy.uix.scatter import Scatter
    from kivy.uix.stencilview import StencilView

    from kiosk.ui.widgets.plan_view import PlanView

    Clock._max_fps = 0  # frames as fast as they are done: their own time, no wait
    screen = app.screens.current_screen
    ours = PlanView(source=plan, pins=pins(), here=(0.5, 0.55), selected="stop-5",
                    size_hint=(None, None), pos=VIEW_POS, size=VIEW_SIZE)
    middle = (VIEW_POS[0] + VIEW_SIZE[0] / 2, VIEW_POS[1] + VIEW_SIZE[1] / 2)

    x, y, width, height = ours.plan_box()
    clip = StencilView(size_hint=(None, None), pos=VIEW_POS, size=VIEW_SIZE)
    scatter = Scatter(do_rotation=False, do_translation=False, do_scale=False,
                      auto_bring_to_front=False, size_hint=(None, None), size=(width, height),
                      pos=(x, y))
    scatter.add_widget(Image(source=plan, fit_mode="fill", mipmap=True, size=(width, height)))
    clip.add_widget(scatter)
    if not Image(source=plan).texture:
        raise SystemExit(f"the floor cannot read {plan}")

    def zoom_ours(factor):
        ours.zoom_by(factor, middle)

    def zoom_floor(factor):
        scatter.apply_transform(Matrix().scale(factor, factor, factor), anchor=middle)

    turns = {"ours": (ours, zoom_ours, []), "floor": (clip, zoom_floor, [])}
    for number in range(int(sweeps) + 1):
        for index, factor in enumerate(steps_of_a_sweep(int(steps))):
            order = ("ours", "floor") if (number + index) % 2 else ("floor", "ours")
            for kind in order:
                widget, zoom_by, times = turns[kind]
                screen.add_widget(widget)
                EventLoop.idle()  # the other one taken off, this one drawn: not timed
                measured = frame_after(lambda: zoom_by(factor))
                if number:  # the first sweep of each warms up
                    times.append(measured)
                screen.remove_widget(widget)
    zoom_at_end = ours.zoom

    # Frames with nothing changing: the plan view must not draw its pins again.
    screen.add_widget(ours)
    for _ in range(3):
        EventLoop.idle()
    drawn = ours._overlay.children[:]
    for _ in range(30):
        EventLoop.idle()
    redrawn_when_still = ours._overlay.children != drawn \
        or any(a is not b for a, b in zip(ours._overlay.children, drawn))
    emit({"ours_ms": [wall for wall, _cpu in turns["ours"][2]],
          "floor_ms": [wall for wall, _cpu in turns["floor"][2]],
          "ours_cpu_ms": [cpu for _wall, cpu in turns["ours"][2]],
          "floor_cpu_ms": [cpu for _wall, cpu in turns["floor"][2]],
          "steps": int(steps), "sweeps": int(sweeps), "zoom_at_end": zoom_at_end,
          "pins": len(ours.pins), "view": list(VIEW_SIZE),
          "plan": list(ours._texture.size) if ours._texture is not None else None,
          "redrawn_when_still": redrawn_when_still})
    finish(app)


if __name__ == "__main__":
    main(*sys.argv[1:6])
