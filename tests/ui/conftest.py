"""The real KioskApp in a real offscreen window, driven by the kiosk's pilot and a fake clock.

One window serves the whole run (Kivy cannot reopen it); each test gets a fresh app on a
small tour made for the test, with a fake speaker whose position follows the fake clock.
Helpers several test modules share live here (test modules do not import each other):
the fixtures ``pilot``, ``app_on``, ``kiosk`` and ``staffed``; ``start_app``/``stop_app``;
the staff panel's ``long_press_corner``, ``type_pin`` and ``open_staff_panel``; ``contrast``;
the search for a name's ``open_name_search``. Tiles and stops
are the pilot's (``pilot.tile``, ``pilot.open_stop``).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from kiosk.ui.pilot import FakeClock, Pilot
from samples import make_tour

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
    """A small real tour: four stops, real recordings and pictures (see samples.make_tour)."""
    return make_tour(tmp_path_factory.mktemp("tour"), seconds=TOUR_SECONDS)


def fake_speaker(clock, backend_factory=None):
    """(backend, player): a fake speaker whose position follows ``clock``."""
    from kiosk.fake_audio import FakeAudio
    from kiosk.narration import NarrationPlayer

    backend = (backend_factory(clock) if backend_factory
               else FakeAudio(clock=clock, default_duration=TOUR_SECONDS))
    backend.open()
    return backend, NarrationPlayer(backend, clock=clock)


def start_app(window, content: Path, backend_factory=None, start_screen="home"):
    """A bare KioskApp on ``content`` (no keeper, no data folder); returns (app, pilot)."""
    from kiosk.content import read_tour
    from kiosk.ui.app import KioskApp
    from kiosk.ui.services import KioskServices

    clock = FakeClock(time.monotonic())
    backend, player = fake_speaker(clock, backend_factory)
    app = KioskApp(read_tour(content).valid_tour(), KioskServices(player, clock=clock),
                   transition_duration=0, start_screen=start_screen)
    pilot = Pilot.start(app, clock)
    pilot.backend, pilot.player = backend, player
    return app, pilot


def stop_app(app):
    # Not app.stop(): that stops Kivy's event loop for the rest of the run.
    Pilot(app).close()


@pytest.fixture
def pilot(window, content):
    app, pilot = start_app(window, content)
    yield pilot
    pilot.close()


@pytest.fixture
def started(window):
    """The pilots a test started; each app is taken off the window when the test ends."""
    pilots = []
    yield pilots
    for pilot in pilots:
        pilot.close()


@pytest.fixture
def app_on(started, tmp_path):
    """Start the app on a tour made for the test; stopped afterwards."""
    def start(screen="home", **tour):
        content = make_tour(tmp_path / f"tour{len(started)}", seconds=TOUR_SECONDS, **tour)
        app, pilot = start_app(None, content, start_screen=screen)
        started.append(pilot)
        return pilot

    return start


@pytest.fixture
def kiosk(started, tmp_path):
    """The app as `run` builds it (keeper, prepared pictures), with a fake speaker."""
    from kiosk.ui.launch import build_app

    def start(content, watch=False):
        clock = FakeClock(time.monotonic())
        backend, player = fake_speaker(clock)
        app = build_app(content, tmp_path / "data", player=player, watch=watch,
                        transition_duration=0, clock=clock, start_screen="home")
        pilot = Pilot.start(app, clock)
        pilot.player, pilot.backend = player, backend
        started.append(pilot)
        return pilot

    return start


@pytest.fixture
def staffed(kiosk, tmp_path):
    """The kiosk as `run` builds it, on a three-stop tour, for the staff panel's tests."""
    return kiosk(make_tour(tmp_path / "c", stops=3, seconds=TOUR_SECONDS))


def long_press_corner(pilot, seconds=3.2):
    """Hold a finger on the top-left corner for ``seconds`` (how staff open the panel)."""
    from kivy.core.window import Window

    pilot.hold_at(10, Window.height - 10, seconds)


def type_pin(pilot, pin):
    for digit in pin:
        pilot.tap(f"pin_{digit}")
    pilot.tap("pin_enter")


def open_staff_panel(pilot, pin="1357"):
    """Set the staff PIN, then open the panel as staff do: the corner, then the PIN."""
    pilot.app.staff.pins.set_pin(pin)
    long_press_corner(pilot)
    type_pin(pilot, pin)
    assert pilot.screen.name == "staff"


def wait_for_names(pilot, limit: float = 60.0) -> None:
    """The list of names is read in the background: draw frames until it is ready."""
    deadline = time.monotonic() + limit
    while not pilot.app.names.ready:
        assert time.monotonic() < deadline, "the list of names never became ready"
        pilot.frames(1)
    pilot.frames(2)


def open_name_search(pilot, language: str):
    """Switch to ``language``, touch "Find a name" and wait for the list; the search screen."""
    pilot.app.set_language(language)
    pilot.frames(2)
    pilot.tap("find_name")
    assert pilot.screen.name == "names"
    wait_for_names(pilot)
    return pilot.screen


def luminance(rgba):
    """Relative luminance (WCAG 2) of an RGBA colour with channels 0..1."""
    def channel(c):
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgba[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    """WCAG 2 contrast ratio of two "#rrggbb" colours."""
    from kiosk.ui.theme import hex_colour

    la, lb = sorted((luminance(hex_colour(a)), luminance(hex_colour(b))), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.fixture(autouse=True)
def no_fault(request, monkeypatch):
    """Every UI test ends with nothing caught by the kiosk's fault guard (which would take a
    visitor home in mid-visit), unless it is marked ``expects_fault``."""
    from kiosk.ui import faults

    caught = []
    real = faults.FaultGuard.handle_exception

    def noting(self, exception):
        if not isinstance(exception, (KeyboardInterrupt, SystemExit)):
            caught.append(exception)
        return real(self, exception)

    monkeypatch.setattr(faults.FaultGuard, "handle_exception", noting)
    yield caught
    if caught and request.node.get_closest_marker("expects_fault") is None:
        pytest.fail(f"the kiosk's fault guard caught {len(caught)} fault(s) in this test: "
                    + "; ".join(repr(error) for error in caught))

