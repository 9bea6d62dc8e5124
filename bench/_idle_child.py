"""Child of the idle-CPU figure: CPU seconds a minute the kiosk uses with nobody touching it.

    DISPLAY=:N python -m bench._idle_child kiosk CONTENT DATA SECONDS
    DISPLAY=:N python -m bench._idle_child floor PICTURE DATA SECONDS

Under a real X server (Xvfb, full screen), in Kivy's own loop (``app.run()``), as a kiosk
runs: once the kiosk has finished starting (the other screens built, the display copies of
the pictures made, the index of names built), the CPU time of the whole process (every
thread: Mesa's llvmpipe draws in threads of its own) is read over SECONDS on the attract
screen, then the home screen, then a stop with its narration playing and captions on. The
FLOOR is a bare Kivy app showing one still picture full screen, the same way. Frames drawn
in each phase are counted too.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from bench._common import emit

SETTLE = 3.0


class Phases:
    """Runs ``phases`` one after the other from Kivy's clock; emits what each cost."""

    def __init__(self, app, phases, seconds: float, ready=lambda: True):
        from kivy.core.window import Window

        self.app, self.phases, self.seconds, self.ready = app, list(phases), seconds, ready
        self.results: dict[str, dict] = {}
        self.flips = 0
        Window.bind(on_flip=self._flipped)

    def _flipped(self, *_args):
        self.flips += 1

    def start(self) -> None:
        from kivy.clock import Clock

        def wait(_dt):
            if not self.ready():
                return True
            Clock.schedule_once(lambda _dt: self._next(), SETTLE)
            return False

        Clock.schedule_interval(wait, 0.2)

    def _next(self) -> None:
        from kivy.clock import Clock

        if not self.phases:
            emit(self.results)
            self.app.stop()
            return
        name, enter = self.phases.pop(0)
        enter()

        def measure(_dt):
            cpu, wall, flips = time.process_time(), time.perf_counter(), self.flips

            def done(_dt):
                took = time.perf_counter() - wall
                self.results[name] = {
                    "cpu_s_per_min": (time.process_time() - cpu) / took * 60,
                    "frames_per_s": (self.flips - flips) / took}
                self._next()

            Clock.schedule_once(done, self.seconds)

        Clock.schedule_once(measure, SETTLE)


def kiosk(content: str, data: str, seconds: float) -> None:
    from kiosk.ui.bootstrap import prepare_kivy

    prepare_kivy(Path(data), windowed=False, offscreen=False)
    from kiosk.ui.launch import build_app

    app = build_app(Path(content), Path(data), start_screen="attract")

    def ready() -> bool:
        return bool(app.started and app.media.wait_idle(0) and app.names.ready)

    def stop_playing():
        stop = next(s for s in app.tour.stops if app.language in s.narration)
        app.accept_content_notes()
        app.captions_on = True
        app.open_stop(stop.id)
        app.narration.play()

    phases = Phases(app, [("attract", lambda: None), ("home", app.wake_up),
                          ("stop playing", stop_playing)], seconds, ready)
    app.bind(on_start=lambda *_: phases.start())
    app.run()


def floor(picture: str, data: str, seconds: float) -> None:
    from kiosk.ui.bootstrap import prepare_kivy

    prepare_kivy(Path(data), windowed=False, offscreen=False)
    from kivy.app import App
    from kivy.uix.image import Image

    class Still(App):
        def build(self):
            return Image(source=picture, fit_mode="cover")

    app = Still()
    phases = Phases(app, [("still picture", lambda: None)], seconds)
    app.bind(on_start=lambda *_: phases.start())
    app.run()


if __name__ == "__main__":
    which, source, data, seconds = sys.argv[1:5]
    {"kiosk": kiosk, "floor": floor}[which](source, data, float(seconds))
