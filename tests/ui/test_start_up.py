"""Switched on, the kiosk shows its first screen first and builds the rest just after.

The screens a visitor does not see yet, the overlays, the event log's writer, the
content watcher and the preparing of pictures wait until the first frame is on screen
(docs/performance.md). A visitor who touches the screen at once must not notice.
"""

import time

import pytest

from samples import make_tour
from tests.ui.conftest import TOUR_SECONDS, stop_app


@pytest.fixture
def switched_on(window, tmp_path):
    """The app as `run` builds it, drawn once: its first frame, nothing after."""
    pilot = switch_on(tmp_path, transition_duration=0)
    yield pilot
    stop_app(pilot.app)


def switch_on(tmp_path, **app_kwargs):
    from kivy.base import EventLoop

    from kiosk.fake_audio import FakeAudio
    from kiosk.narration import NarrationPlayer
    from kiosk.ui.launch import build_app
    from kiosk.ui.pilot import FakeClock, Pilot, use_fake_kivy_clock

    content = make_tour(tmp_path / "c", stops=3, seconds=TOUR_SECONDS)
    clock = FakeClock(time.monotonic())
    use_fake_kivy_clock(clock)
    backend = FakeAudio(clock=clock, default_duration=TOUR_SECONDS)
    backend.open()
    player = NarrationPlayer(backend, clock=clock)
    app = build_app(content, tmp_path / "data", player=player, watch=True, clock=clock,
                    start_screen="attract", **app_kwargs)
    app._run_prepare()
    EventLoop.idle()  # the first frame
    pilot = Pilot(app, clock)
    pilot.player, pilot.backend = player, backend
    return pilot


def test_the_first_frame_has_only_the_first_screen_and_the_rest_follows(switched_on):
    app = switched_on.app
    assert switched_on.screen.name == "attract"
    assert [name for name in ("home", "tour", "stop", "staff") if app.screens.is_built(name)] == []
    assert not any(app.overlays.made(name) for name in app.overlays.names)
    assert app._watcher is None and app.event_log.pending == 0

    switched_on.finish_start()

    assert all(app.screens.is_built(name) for name in ("home", "tour", "stop", "staff"))
    assert all(app.overlays.made(name) for name in ("keypad", "still_there", "transcript", "content_note"))
    assert app._watcher is not None, "staff's edits would not be noticed"
    assert app.event_log._thread is not None and app.event_log._thread.is_alive()


def test_a_visitor_who_touches_at_once_gets_a_full_tour(switched_on):
    pilot = switched_on
    pilot.tap_at(640, 400)  # wakes the kiosk: home, before the rest is built
    assert pilot.screen.name == "home"
    pilot.tap("lang_en")
    pilot.tap("start")
    assert pilot.screen.name == "tour"
    assert pilot.tile("stop-3").title == "Stop 103"


def test_the_keypad_works_before_it_was_built(switched_on):
    pilot = switched_on
    pilot.tap_at(640, 400)
    pilot.tap("lang_en")
    pilot.app.open_keypad()
    for key in "102":
        pilot.app.keypad.press(key)
    pilot.app.keypad.press("enter")
    pilot.frames(3)
    assert pilot.screen.name == "stop"
    assert pilot.text("title") == "Stop 102"


@pytest.mark.parametrize("gl, transition", [("software", "NoTransition"),
                                            ("gpu", "FadeTransition")])
def test_screens_fade_only_where_a_gpu_draws_the_fade(window, tmp_path, monkeypatch, gl,
                                                      transition):
    monkeypatch.setenv("KIOSK_GL", gl)
    pilot = switch_on(tmp_path)
    try:
        assert type(pilot.app.screens.transition).__name__ == transition
        pilot.tap_at(640, 400)
        pilot.advance(0.5)
        assert pilot.screen.name == "home"
    finally:
        stop_app(pilot.app)

