"""Child of the frame-time figures: how long each frame of the real loop takes.

    python -m bench._frames_child app CONTENT DATA ROUND_TRIPS SECONDS
    python -m bench._frames_child floor CONTENT DATA ROUND_TRIPS SECONDS

A frame's time is the wall time between two successive returns of Kivy's Clock from its
wait for the next frame (``Clock.idle``, inside ``EventLoop.idle()``; ``Clock.frametime``
is the same thing): with nothing to do the clock holds the loop at 60 fps (16.7 ms); a
frame whose work (events, layout, drawing, and waiting for the GL driver) takes longer
makes that interval longer. Also recorded per frame: its work alone (the interval less
the clock's wait) and whether the window was redrawn (a buffer swap).

Every buffer swap is followed by glFinish, so that a frame ends when its pixels are drawn,
as on a display: offscreen, Mesa's llvmpipe draws after the swap returns and nothing
holds the loop back, so drawing piles up and is paid all at once when a later texture
upload has to wait for it (frames of over a second, every second or so, while a narration
played). On an X server (Xvfb, the same llvmpipe) the swap itself waits for the drawing:
frames were then uniformly as long as their drawing, and so they are here.

- ``app``: the real kiosk, pictures prepared. (1) ROUND_TRIPS times: from the tour
  screen, open a stop (its tile's action, run inside a frame by the Clock as a touch
  would be), frames until the kiosk's 0.3 s FadeTransition has ended and one more; then
  back to the tour the same way. Every frame from the one running the action to the
  last counts. (2) On a narrated stop with captions on (``app.captions_on``), the
  narration playing: every frame for SECONDS.
- ``floor``: a Kivy app made of one Label, same window, idle, for SECONDS.

Last, for the notes: how long the GL driver (Mesa llvmpipe offscreen) takes to draw one
full frame of each screen (forced redraw, then glFinish; median of a few).
"""

import statistics
import sys
import time
from pathlib import Path

from bench._common import configure_floor_window, emit


class FrameClock:
    """Wraps ``Clock.idle`` (the wait for the next frame) to time every frame."""

    def __init__(self):
        from kivy.clock import Clock

        self.waits: list[tuple[float, float]] = []  # (wait began, wait ended)
        self.recording = False
        self.flips = 0
        real_idle = Clock.idle

        def idle():  # an instance attribute shadows the method; tick() calls self.idle()
            began = time.perf_counter()
            try:
                return real_idle()
            finally:
                if self.recording:
                    self.waits.append((began, time.perf_counter()))

        Clock.idle = idle

        def flipped(_now):
            if self.recording:
                self.flips += 1

        from bench._app_driver import finish_drawing, on_each_flip

        on_each_flip(lambda _now: finish_drawing())  # a frame ends when it is drawn
        on_each_flip(flipped)

    def start(self) -> None:
        self.waits, self.flips, self.recording = [], 0, True

    def stop(self) -> dict:
        """The frames between the first and the last wait recorded."""
        self.recording = False
        w = self.waits
        intervals = [(w[i + 1][1] - w[i][1]) * 1000 for i in range(len(w) - 1)]
        work = [(w[i + 1][0] - w[i][1]) * 1000 for i in range(len(w) - 1)]
        return {"interval_ms": intervals, "work_ms": work, "flips": self.flips}


def pump(seconds: float = 0.0, until=None, patience: float = 10.0) -> None:
    from kivy.base import EventLoop

    began = time.perf_counter()
    while True:
        EventLoop.idle()
        now = time.perf_counter() - began
        if until is None and now >= seconds:
            return
        if until is not None and until():
            return
        if now > patience:
            raise SystemExit("frames: waited too long")


def draw_cost(count: int = 5) -> float:
    """ms for the GL driver to draw one full frame of what is on screen now."""
    from kivy.core.window import Window

    from bench._app_driver import finish_drawing

    taken = []
    for _ in range(count):
        began = finish_drawing()
        Window.dispatch("on_draw")
        Window.dispatch("on_flip")
        taken.append((finish_drawing() - began) * 1000)
    return statistics.median(taken)


def transition(app, clock: FrameClock, action) -> dict:
    """Run ``action`` inside the next frame; every frame until the fade is over."""
    from kivy.clock import Clock

    screens = app.screens
    started = {}
    pump(0.1)  # a quiet start
    clock.start()
    Clock.schedule_once(lambda _dt: (started.setdefault("t", 1), action()), 0)
    pump(until=lambda: bool(started))
    pump(until=lambda: not screens.transition.is_active)
    pump(until=lambda: True)  # the frame that draws the end
    return clock.stop()


def run_app(content: Path, data: Path, round_trips: int, seconds: float) -> dict:
    from bench._app_driver import (settle, start_real_app,
                                   use_prepared_pictures)

    app, _backend = start_real_app(content, data)
    use_prepared_pictures(app)
    app.accept_content_notes()
    app.show_tour()
    settle()
    clock = FrameClock()
    stops = app.tour.stops
    fades = {"interval_ms": [], "work_ms": [], "flips": 0, "count": 0}
    costs = {"tour": draw_cost()}
    for i in range(round_trips):
        stop = stops[i % len(stops)]
        for action in (lambda stop_id=stop.id: app.open_stop(stop_id), app.show_tour):
            got = transition(app, clock, action)
            fades["interval_ms"] += got["interval_ms"]
            fades["work_ms"] += got["work_ms"]
            fades["flips"] += got["flips"]
            fades["count"] += 1
    stop = next(s for s in stops if app.language in s.narration
                and s.narration[app.language].captions)
    app.open_stop(stop.id)
    settle()
    app.captions_on = True
    pump(0.2)
    captions_seen = set()
    app.narration.bind(caption=lambda _v, text: captions_seen.add(text))
    app.narration.play()
    clock.start()
    pump(seconds)
    narration = clock.stop()
    narration.update(state=app.narration.state, stop=stop.id,
                     captions_shown=len(captions_seen - {""}),
                     position_s=round(app.narration.position, 1))
    costs["stop, narration playing"] = draw_cost()
    app.go_home()
    settle()
    costs["home"] = draw_cost()
    app.stop()
    return {"fades": fades, "narration": narration, "draw_ms": costs,
            "fade_s": app.screens.transition.duration,
            "transition": type(app.screens.transition).__name__}


def run_floor(seconds: float) -> dict:
    configure_floor_window()
    from kivy.app import App
    from kivy.uix.label import Label

    class Minimal(App):
        def build(self):
            return Label(text="Floor")

    app = Minimal()
    app._run_prepare()
    pump(0.2)
    clock = FrameClock()
    clock.start()
    pump(seconds)
    idle = clock.stop()
    costs = {"one Label": draw_cost()}
    app.stop()
    return {"idle": idle, "draw_ms": costs}


def main(kind: str, content: str, data: str, round_trips: str, seconds: str) -> None:
    if kind == "app":
        emit(run_app(Path(content), Path(data), int(round_trips), float(seconds)))
    else:
        emit(run_floor(float(seconds)))


if __name__ == "__main__":
    main(*sys.argv[1:6])
