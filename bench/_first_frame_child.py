"""Child of figure 1: start an app, and on its first frame print FIRST_FRAME and quit.

    python -m bench._first_frame_child app CONTENT DATA    # the real kiosk
    python -m bench._first_frame_child floor CONTENT DATA  # one Label, same window

The parent times the FIRST_FRAME line. The line after it (RESULT) gives the moments
(``time.monotonic()``, one clock for every process on Linux) at which each phase ended,
so the parent can tell where the time went, and the RSS at the first frame.
"""

import time

STARTED = time.monotonic()  # before anything else: marks the end of interpreter start-up

import sys  # noqa: E402
from pathlib import Path  # noqa: E402

from bench._common import WINDOW, emit, rss_mib  # noqa: E402


def open_window(marks: dict) -> None:
    """Make the window now (the first widget would), so that its cost shows on its own."""
    from kivy.core.window import Window  # noqa: F401

    marks["open window"] = time.monotonic()


def make_app(kind: str, content: Path, data: Path, marks: dict):
    """The app to start; ``marks`` gets the end of each phase."""
    if kind == "app":
        from kiosk.ui.bootstrap import prepare_kivy

        prepare_kivy(data, windowed=False, size=WINDOW, offscreen=True)
        marks["import kivy, configure"] = time.monotonic()
        open_window(marks)
        import kiosk.audio, kiosk.content, kiosk.narration, kiosk.ui.app  # noqa: E401,F401
        marks["import app modules"] = time.monotonic()
        from kiosk.ui.launch import build_app

        app = build_app(content, data)
        marks["build_app: pygame, tour, mixer"] = time.monotonic()
        return app
    from kivy.config import Config  # the same window settings as prepare_kivy's

    for key, value in (("width", WINDOW[0]), ("height", WINDOW[1]), ("fullscreen", 0),
                       ("borderless", 1), ("resizable", 0), ("position", "custom"),
                       ("left", 0), ("top", 0)):
        Config.set("graphics", key, str(value))
    marks["import kivy, configure"] = time.monotonic()
    open_window(marks)
    from kivy.app import App
    from kivy.uix.label import Label

    marks["import app modules"] = time.monotonic()

    class Minimal(App):
        def build(self):
            return Label(text="Floor")

    app = Minimal()
    marks["build_app: pygame, tour, mixer"] = time.monotonic()
    return app


def main(kind: str, content: str, data: str) -> None:
    marks = {"python start-up": STARTED}
    app = make_app(kind, Path(content), Path(data), marks)
    from kivy.core.window import Window

    seen = {}

    def first_flip(*_args):
        if seen:
            return
        seen["flip"] = time.monotonic()
        print("FIRST_FRAME", flush=True)
        marks["first frame"] = seen["flip"]
        seen["rss"] = rss_mib()
        Window.unbind(on_flip=first_flip)
        app.stop()

    def started(*_args):
        # on_start: the root (the home screen) is built and on the window.
        marks["build screens"] = time.monotonic()
        Window.bind(on_flip=first_flip)

    app.bind(on_start=started)
    app.run()
    emit({"kind": kind, "marks": marks, "rss_mib": seen.get("rss")})


if __name__ == "__main__":
    main(*sys.argv[1:4])
