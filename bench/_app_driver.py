"""The real kiosk in this process, in a real offscreen window, driven frame by frame.

Used by the in-process children (figures 2 and 3). Like tests/ui/conftest.py it calls
``app._run_prepare()`` and pumps ``EventLoop.idle()`` itself, but with Kivy's real clock:
each ``idle()`` waits for the next frame at Kivy's default 60 fps, as ``app.run()`` would.
Audio is the real PygameAudio, decoding to SDL's silent ``dummy`` driver.
"""

from __future__ import annotations

from pathlib import Path

from ._common import WINDOW


def start_real_app(content: Path, data: Path):
    """Start the kiosk and draw its home screen; returns (app, audio backend)."""
    from kiosk.ui.bootstrap import prepare_kivy

    prepare_kivy(data, windowed=False, size=WINDOW, offscreen=True)
    from kiosk.audio import PygameAudio
    from kiosk.narration import NarrationPlayer
    from kiosk.ui.launch import build_app

    backend = PygameAudio()
    if not backend.open():
        raise SystemExit("pygame's mixer cannot be opened, even with SDL_AUDIODRIVER=dummy")
    app = build_app(content, data, player=NarrationPlayer(backend))
    app._run_prepare()
    frames(5)
    return app, backend


def frames(count: int) -> None:
    from kivy.base import EventLoop

    for _ in range(count):
        EventLoop.idle()


def settle() -> None:
    """Draw frames until no screen transition is running (the default is a 0.3 s fade)."""
    from kivy.app import App

    screens = App.get_running_app().screens
    frames(2)
    while screens.transition.is_active:
        frames(1)


def narrated_stops(app) -> list:
    """The stops with a recording in the app's language."""
    return [stop for stop in app.tour.stops if app.language in stop.narration]


def play_button(app):
    return app.screens.get_screen("stop").ids.narration_bar.ids.play


def finish(app) -> None:
    app.stop()
