"""The real kiosk in this process, in a real offscreen window, driven by the kiosk's pilot.

Used by the in-process children. The frames, the audio (the real PygameAudio, on SDL's
silent ``dummy`` driver where there is no sound device) and the wait for drawn frames are
``kiosk.ui.pilot``'s, with Kivy's real clock: each frame waits for the next at Kivy's
default 60 fps, as ``app.run()`` would. What is here is only what the benchmarks add.
"""

from __future__ import annotations

from pathlib import Path

from ._common import WINDOW


def start_real_app(content: Path, data: Path, **app_kwargs):
    """Start the kiosk and draw its home screen; returns (app, audio backend).

    The kiosk itself starts on its attract screen; here it starts on home, as a visitor
    who touched the attract screen would find it (``start_screen`` in ``app_kwargs``
    overrides that).
    """
    from kiosk.ui.bootstrap import prepare_kivy

    prepare_kivy(data, windowed=False, size=WINDOW, offscreen=True)
    from kiosk.narration import NarrationPlayer
    from kiosk.ui.launch import build_app
    from kiosk.ui.pilot import open_audio

    backend = open_audio()
    if backend is None:
        raise SystemExit("pygame's mixer cannot be opened, even with SDL_AUDIODRIVER=dummy")
    app_kwargs.setdefault("start_screen", "home")
    app = build_app(content, data, player=NarrationPlayer(backend), **app_kwargs)
    from kiosk.ui.pilot import Pilot

    Pilot.start(app)
    frames(5)
    return app, backend


def _pilot(app=None):
    from kivy.app import App

    from kiosk.ui.pilot import Pilot

    return Pilot(app or App.get_running_app())


def frames(count: int) -> None:
    """``count`` frames, each waiting for its turn as in ``app.run()``."""
    _pilot().frames(count)


def settle() -> None:
    """Draw frames until no screen transition is running (the default is a 0.3 s fade)."""
    _pilot().settle()


def use_prepared_pictures(app, timeout: float = 600.0) -> None:
    """Make every display copy and thumbnail now, and let the screens use them.

    ``build_app`` starts preparing them in the background; this waits for that too, then
    draws frames until the app has taken the copies up (``_pictures_ready``).
    """
    app.media.prepare_tour(app.tour)
    if not app.media.wait_idle(timeout):
        raise SystemExit("the pictures were not prepared in time")
    frames(3)
    missing = [p.file for stop in app.tour.stops for p in stop.images
               if not app.media.is_ready(app.tour.file(p.file))]
    if missing:
        raise SystemExit(f"pictures without a prepared copy: {missing}")


def first_picture(app):
    """The stop screen's first Picture widget (the one shown when a stop opens)."""
    return app.screens.get_screen("stop").ids.pictures.slides[0]


def narrated_stops(app) -> list:
    """The stops with a recording in the app's language."""
    return [stop for stop in app.tour.stops if app.language in stop.narration]


def play_button(app):
    return app.screens.get_screen("stop").ids.narration_bar.ids.play


def finish(app) -> None:
    app.stop()


def on_each_flip(callback) -> None:
    """``callback(now)`` after each buffer swap (see ``kiosk.ui.pilot.on_each_flip``)."""
    from kiosk.ui import pilot

    pilot.on_each_flip(callback)


def finish_drawing() -> float:
    """Wait for the GL driver to draw what it was asked (glFinish); perf_counter then."""
    from kiosk.ui import pilot

    return pilot.finish_drawing()
