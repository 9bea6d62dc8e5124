"""The real kiosk in this process, in a real offscreen window, driven frame by frame.

Used by the in-process children (figures 2 and 3). Like tests/ui/conftest.py it calls
``app._run_prepare()`` and pumps ``EventLoop.idle()`` itself, but with Kivy's real clock:
each ``idle()`` waits for the next frame at Kivy's default 60 fps, as ``app.run()`` would.
Audio is the real PygameAudio, decoding to SDL's silent ``dummy`` driver.
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
    from kiosk.audio import PygameAudio
    from kiosk.narration import NarrationPlayer
    from kiosk.ui.launch import build_app

    backend = PygameAudio()
    if not backend.open():
        raise SystemExit("pygame's mixer cannot be opened, even with SDL_AUDIODRIVER=dummy")
    app_kwargs.setdefault("start_screen", "home")
    app = build_app(content, data, player=NarrationPlayer(backend), **app_kwargs)
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


def accept_content_notes(app) -> None:
    """As if this visitor had already said yes to every stop's content note, so that
    opening such a stop shows the stop, not the question."""
    app._accepted_notes.update(stop.id for stop in app.tour.stops if stop.content_note)


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
    """Call ``callback(now)`` after each buffer swap (``now``: ``time.perf_counter()``).

    Not ``Window.bind(on_flip=...)``: those run before the window's own on_flip handler
    swaps the buffers. Offscreen, Mesa's llvmpipe still draws the frame's pixels on its
    own threads after the swap returns; :func:`finish_drawing` waits for them.
    """
    import time

    from kivy.core.window import Window

    real_flip = Window.flip

    def flip():  # an instance attribute shadows the method; on_flip calls self.flip()
        real_flip()
        callback(time.perf_counter())

    Window.flip = flip


def finish_drawing() -> float:
    """Wait until the GL driver has drawn everything asked of it (glFinish); returns
    ``time.perf_counter()`` then."""
    import time

    from kivy.graphics.opengl import glFinish

    glFinish()
    return time.perf_counter()
