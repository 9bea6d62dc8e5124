"""The real KioskApp in a real offscreen window, driven by a pilot and a fake clock.

One window serves the whole run (Kivy cannot reopen it); each test gets a fresh app on a
small tour made for the test, with a fake speaker whose position follows the fake clock.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.tour_factory import make_tour
from tests.ui.pilot import FakeClock, Pilot, use_fake_kivy_clock

#: Length of every recording in the test tour.
TOUR_SECONDS = 30.0


# Before any test module imports kivy.core.window: the window is made once, at this size.
from kivy.config import Config  # noqa: E402

Config.set("graphics", "width", "1280")
Config.set("graphics", "height", "800")
Config.set("input", "mouse", "mouse,disable_multitouch")


@pytest.fixture(scope="session")
def window():
    from kivy.core.window import Window
    assert tuple(Window.size) == (1280, 800)
    return Window


@pytest.fixture(scope="session")
def content(tmp_path_factory) -> Path:
    """A small real tour: four stops, real recordings and pictures (see tour_factory)."""
    return make_tour(tmp_path_factory.mktemp("tour"), seconds=TOUR_SECONDS)


def start_app(window, content: Path, backend_factory=None, start_screen="home"):
    from kiosk.audio import FakeAudio
    from kiosk.content import load_tour
    from kiosk.narration import NarrationPlayer
    from kiosk.ui.app import KioskApp
    from kivy.base import EventLoop

    clock = FakeClock(time.monotonic())
    use_fake_kivy_clock(clock)
    backend = backend_factory(clock) if backend_factory else FakeAudio(clock=clock, default_duration=TOUR_SECONDS)
    backend.open()
    player = NarrationPlayer(backend, clock=clock)
    app = KioskApp(load_tour(content), player, transition_duration=0, clock=clock,
                   start_screen=start_screen)
    app._run_prepare()
    EventLoop.idle()
    pilot = Pilot(app, clock)
    pilot.backend = backend
    pilot.player = player
    pilot.finish_start()
    return app, pilot


def stop_app(app):
    from kivy.base import EventLoop
    from kivy.clock import Clock
    from kivy.compat import clock as real_clock

    # Not app.stop(): that stops Kivy's event loop for the rest of the run. Take the
    # screens off the window and let their pending redraws run while `app` is valid;
    # then on_stop releases the kv `app` name (a proxy that caches the running app).
    for child in list(EventLoop.window.children):
        EventLoop.window.remove_widget(child)
    del Clock.time  # back to the class's real clock
    Clock._last_tick = real_clock()
    EventLoop.idle()
    from kivy.app import App
    App._running_app = None
    app.dispatch("on_stop")


@pytest.fixture
def pilot(window, content):
    app, pilot = start_app(window, content)
    yield pilot
    stop_app(app)


@pytest.fixture
def app_on(window, tmp_path):
    """Start the app on a tour made for the test; stopped afterwards."""
    started = []

    def start(screen="home", **tour):
        content = make_tour(tmp_path / f"tour{len(started)}", seconds=TOUR_SECONDS, **tour)
        app, pilot = start_app(window, content, start_screen=screen)
        started.append(app)
        return pilot

    yield start
    for app in started:
        stop_app(app)
