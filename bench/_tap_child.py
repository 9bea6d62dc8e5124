"""Child of figure 2: tap the play button of a stop, time until the narration plays.

    python -m bench._tap_child CONTENT DATA TAPS

The real kiosk opens the first narrated stop; then TAPS times, in turn:

- FLOOR: ``pygame.mixer.music.load(f); play()`` until ``get_busy()``, on the stop's own
  recording, then ``stop()``. Taken between the taps, so that it sees the same state of
  the process and the machine (Kivy drawing, Mesa's render threads, other users).
- The kiosk: stop the narration, touch the play button's centre (``UnitTestTouch``:
  touch_down, one ``EventLoop.idle()``, touch_up) and pump ``EventLoop.idle()`` until the
  backend is busy. Timed from just before touch_up.

Also recorded for each tap: touch_up to the next frame on screen (when the visitor sees
the pause icon), how many frames the busy wait needed, when the backend's ``play()``
returned (the rest of touch_up is the UI catching up), and how long Python's cyclic
garbage collector ran inside it.
"""

import gc
import sys
import time
from pathlib import Path

from bench._app_driver import finish, frames, narrated_stops, play_button, settle, start_real_app
from bench._common import emit

#: Give up on one tap after this long (s): a narration that never starts is a failure.
PATIENCE = 3.0


def floor_sample(path: str) -> float:
    """A bare load and play of ``path`` to get_busy(), in ms; leaves the music stopped.

    The kiosk's backend still holds ``path`` loaded afterwards: the same file.
    """
    import pygame

    music = pygame.mixer.music
    music.stop()
    started = time.perf_counter()
    music.load(path)
    music.play()
    while not music.get_busy():
        if time.perf_counter() - started > PATIENCE:
            raise SystemExit("floor: get_busy() never became True")
    took = (time.perf_counter() - started) * 1000
    music.stop()
    return took


class GcWatch:
    """Records when Python's cyclic garbage collector runs (perf_counter start, end)."""

    def __init__(self):
        self.runs: list[tuple[float, float]] = []
        self._began = 0.0
        gc.callbacks.append(self)

    def __call__(self, phase, _info):
        if phase == "start":
            self._began = time.perf_counter()
        else:
            self.runs.append((self._began, time.perf_counter()))

    def ms_between(self, start: float, end: float) -> float:
        return sum(min(b, end) - max(a, start) for a, b in self.runs
                   if a < end and b > start) * 1000


class Watches:
    """When things happened (perf_counter): frames flipped, backend.play() returned, GC."""

    def __init__(self, backend):
        from kivy.core.window import Window

        self.flips: list[float] = []
        self.played: list[float] = []
        self.gc = GcWatch()
        Window.bind(on_flip=lambda *_: self.flips.append(time.perf_counter()))
        real_play = backend.play

        def timed_play(*args, **kwargs):  # an instance attribute shadows the method
            try:
                return real_play(*args, **kwargs)
            finally:
                self.played.append(time.perf_counter())

        backend.play = timed_play

    def first_after(self, times: list[float], start: float) -> float:
        """ms from ``start`` to the first of ``times`` at or after it (nan if none)."""
        later = [t for t in times if t >= start]
        return (min(later) - start) * 1000 if later else float("nan")


def tap(app, backend, button, watches: Watches) -> dict:
    """One tap on ``button`` (the narration stopped); what it took, in ms."""
    from kivy.base import EventLoop
    from kiosk.ui.synthetic_touch import SyntheticTouch as UnitTestTouch

    touch = UnitTestTouch(*button.to_window(*button.center))
    touch.touch_down()
    EventLoop.idle()
    started = time.perf_counter()
    touch.touch_up()
    waited = 0
    while not backend.busy():
        if time.perf_counter() - started > PATIENCE:
            raise SystemExit("the tap did not start the narration")
        EventLoop.idle()
        waited += 1
    busy = time.perf_counter()
    while not watches.flips or watches.flips[-1] < started:
        EventLoop.idle()
    if app.narration.state != "playing":
        raise SystemExit(f"after the tap the narration is {app.narration.state}")
    return {"busy_ms": (busy - started) * 1000, "idles": waited,
            "play_returned_ms": watches.first_after(watches.played, started),
            "seen_ms": watches.first_after(watches.flips, started),
            "gc_ms": watches.gc.ms_between(started, busy)}


def tap_samples(app, backend, recording: str, count: int) -> dict:
    """``count`` rounds of: a floor sample, then a tap; lists of each measurement."""
    button = play_button(app)
    watches = Watches(backend)
    samples: dict[str, list] = {"floor_ms": []}
    for _ in range(count):
        app.narration.stop()
        frames(1)
        samples["floor_ms"].append(floor_sample(recording))
        frames(2)
        while button.state != "normal":  # the last tap's pressed look (min_state_time)
            frames(1)
        for key, value in tap(app, backend, button, watches).items():
            samples.setdefault(key, []).append(value)
    return samples


def main(content: str, data: str, taps: str) -> None:
    app, backend = start_real_app(Path(content), Path(data))
    stop = narrated_stops(app)[0]
    recording = str(app.tour.file(stop.narration[app.language].audio))
    app.open_stop(stop.id)
    settle()
    result = tap_samples(app, backend, recording, int(taps))
    result.update(stop=stop.id, recording=Path(recording).name,
                  min_state_time=play_button(app).min_state_time)
    finish(app)
    emit(result)


if __name__ == "__main__":
    main(*sys.argv[1:4])
