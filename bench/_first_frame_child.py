"""Child of figure 1: start an app, and on its first frame print FIRST_FRAME and quit.

    python -m bench._first_frame_child app CONTENT DATA    # the real kiosk
    python -m bench._first_frame_child floor CONTENT DATA  # one Label, same window

The kiosk starts as ``python main.py run`` does (``prepare_kivy``, the log file,
``build_app``, ``app.run()``), on its home screen. The first frame is the first buffer
swap after the app's root is on the window, once the GL driver has drawn it (glFinish:
offscreen, Mesa's llvmpipe draws after the swap returns); then the child prints
FIRST_FRAME, which the parent times. The swap and the wait are the kiosk pilot's
(``on_each_flip``, ``finish_drawing``), as in every other child. The line after it (RESULT) gives the moments
(``time.monotonic()``, one clock for every process on Linux) at which each phase ended,
so the parent can tell where the time went, and the RSS at the first frame. The kiosk
then runs on until its sound device is open (it opens after the first frame), and that
moment is recorded too.
"""

import time

STARTED = time.monotonic()  # before anything else: marks the end of interpreter start-up

import os  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

from bench._common import WINDOW, configure_floor_window, emit  # noqa: E402

#: Stop waiting for the sound device after this long (s).
AUDIO_PATIENCE = 5.0


def rss_mib() -> float:
    """Resident memory, as psutil gives it, without importing psutil (~0.1 s) here."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def open_window(marks: dict) -> None:
    """Make the window now (the first widget would), so that its cost shows on its own."""
    from kivy.core.window import Window  # noqa: F401

    marks["open window"] = time.monotonic()


def make_app(kind: str, content: Path, data: Path, marks: dict):
    """The app to start; ``marks`` gets the end of each phase."""
    if kind == "app":
        from kiosk.ui.bootstrap import prepare_kivy

        prepare_kivy(data, windowed=False, size=WINDOW, offscreen=True)
        from kiosk.ui.faults import log_to_file

        log_to_file(data)
        marks["import kivy, configure"] = time.monotonic()
        open_window(marks)
        import kiosk.content, kiosk.narration, kiosk.ui.app  # noqa: E401,F401
        marks["import app modules"] = time.monotonic()
        from kiosk.ui.launch import build_app

        app = build_app(content, data, start_screen="home")
        marks["build_app: tour, services"] = time.monotonic()
        return app
    configure_floor_window()
    marks["import kivy, configure"] = time.monotonic()
    open_window(marks)
    from kivy.app import App
    from kivy.uix.label import Label

    marks["import app modules"] = time.monotonic()

    class Minimal(App):
        def build(self):
            return Label(text="Floor")

    app = Minimal()
    marks["build_app: tour, services"] = time.monotonic()
    return app


def main(kind: str, content: str, data: str) -> None:
    marks = {"python start-up": STARTED}
    app = make_app(kind, Path(content), Path(data), marks)
    from kivy.clock import Clock

    from kiosk.ui.pilot import finish_drawing, on_each_flip

    seen = {}
    services = getattr(app, "services", None)  # the kiosk's; the floor has none
    backend = services.player.backend if services is not None else None

    def audio_open(_dt):
        if backend is None or backend.available \
                or time.monotonic() - seen["drawn"] > AUDIO_PATIENCE:
            seen["audio"] = time.monotonic() if backend is not None and backend.available \
                else None
            app.stop()
            return False

    def flipped(_now):
        if seen or "build screens" not in marks:
            return
        marks["on_start, first frame: draw, swap"] = time.monotonic()
        finish_drawing()
        seen["drawn"] = marks["first frame drawn (llvmpipe)"] = time.monotonic()
        print("FIRST_FRAME", flush=True)
        seen["rss"] = rss_mib()
        Clock.schedule_interval(audio_open, 0)

    on_each_flip(flipped)

    def started(*_args):
        # on_start: the root (the home screen) is built and on the window.
        marks["build screens"] = time.monotonic()

    app.bind(on_start=started)
    app.run()
    audio = seen.get("audio")
    emit({"kind": kind, "marks": marks, "rss_mib": seen.get("rss"),
          "audio_after_first_frame_ms": None if audio is None
          else (audio - seen["drawn"]) * 1000})


if __name__ == "__main__":
    main(*sys.argv[1:4])
