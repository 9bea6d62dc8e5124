"""Switched on, the kiosk shows its first screen first and builds the rest just after.

The screens a visitor does not see yet, the overlays, the event log's writer, the
content watcher and the preparing of pictures wait until the first frame is on screen
(docs/performance.md). A visitor who touches the screen at once must not notice.
"""

import time
from pathlib import Path

import pytest

from samples import make_tour
from tests.ui.conftest import TOUR_SECONDS, stop_app


@pytest.fixture
def switched_on(window, tmp_path):
    """The app as `run` builds it, drawn once: its first frame, nothing after."""
    pilot = switch_on(tmp_path, transition_duration=0)
    yield pilot
    stop_app(pilot.app)


def switch_on(tmp_path, content=None, **app_kwargs):
    from kivy.base import EventLoop

    from kiosk.fake_audio import FakeAudio
    from kiosk.narration import NarrationPlayer
    from kiosk.ui.launch import build_app
    from kiosk.ui.pilot import FakeClock, Pilot, use_fake_kivy_clock

    content = content or tmp_path / "c"
    if not (content / "stops.yaml").exists():  # started again: the same content folder
        make_tour(content, stops=3, seconds=TOUR_SECONDS)
    clock = FakeClock(time.monotonic())
    use_fake_kivy_clock(clock)
    backend = FakeAudio(clock=clock, default_duration=TOUR_SECONDS)
    backend.open()
    player = NarrationPlayer(backend, clock=clock)
    app = build_app(content, tmp_path / "data", player=player, watch=True, clock=clock,
                    **{"start_screen": "attract", **app_kwargs})
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



# -- started again on the same tour: the first screen from the home card ------------------

def switch_on_again(tmp_path, **app_kwargs):
    """Started once (the tour taken up, its home card kept), stopped, started again."""
    stop_app(switch_on(tmp_path, transition_duration=0, **app_kwargs).app)
    return switch_on(tmp_path, transition_duration=0, **app_kwargs)


def test_the_demo_tours_home_screen_does_not_move_when_the_tour_arrives(window, tmp_path):
    """Drawn from the card, the home screen already has every button the tour will give
    it (map, spoken guide, find a name): nothing jumps a frame later."""
    repo = Path(__file__).resolve().parents[2]  # the demo tour
    pilot = switch_on_again(tmp_path, content=repo, start_screen="home")
    try:
        def buttons():
            return {name: (pilot.find(name).shown, tuple(pilot.find(name).pos))
                    for name in ("keypad", "map", "spoken", "find_name", "start")}

        assert pilot.app.tour is None
        first = buttons()
        pilot.finish_start()
        assert pilot.app.tour is not None
        pilot.frames(2)
        assert buttons() == first
        assert first["map"][0] and first["spoken"][0] and first["find_name"][0]
    finally:
        stop_app(pilot.app)


def test_started_again_the_home_screen_comes_from_its_card_and_the_tour_just_after(window, tmp_path):
    pilot = switch_on_again(tmp_path, start_screen="home")
    try:
        app = pilot.app
        # The first frame: the museum's name and languages, the tour not read yet.
        assert app.tour is None and pilot.screen.name == "home"
        assert pilot.text("museum_name") == "Мұражай"
        assert app.languages == ["kk", "ru", "en"] and app.language == "kk"

        pilot.finish_start()

        assert app.tour is not None and len(app.tour.stops) == 3
        assert pilot.screen.name == "home" and not app.content_notice
        pilot.tap("lang_en")
        assert pilot.text("museum_name") == "Museum"
        pilot.tap("start")
        assert pilot.tile("stop-3").title == "Stop 103"
    finally:
        stop_app(pilot.app)


def test_started_again_the_slideshow_shows_its_first_picture_once_the_tour_is_read(window, tmp_path):
    pilot = switch_on_again(tmp_path)
    try:
        screen = pilot.app.screens.get_screen("attract")
        assert pilot.app.tour is None and screen.pictures == []
        pilot.finish_start()
        first = pilot.app.tour.stops[0].images[0].file
        assert screen.ids.upper.source.endswith(first.rsplit("/", 1)[-1])
        assert screen.ids.upper.texture is not None, "the slideshow would stay grey"
    finally:
        stop_app(pilot.app)


def test_a_visitor_who_touches_before_the_tour_is_read_still_gets_it(window, tmp_path):
    pilot = switch_on_again(tmp_path)
    try:
        pilot.tap_at(640, 400)  # the attract screen, drawn from the card
        assert pilot.screen.name == "home"
        pilot.tap("lang_en")
        pilot.tap("start")
        assert pilot.tile("stop-2").title == "Stop 102"
    finally:
        stop_app(pilot.app)


def test_an_edited_tour_is_read_before_the_first_frame(window, tmp_path):
    stop_app(switch_on(tmp_path, transition_duration=0).app)
    tour_file = tmp_path / "c/stops.yaml"
    tour_file.write_text(tour_file.read_text(encoding="utf-8").replace("Музей", "Мемориал"),
                         encoding="utf-8")
    pilot = switch_on(tmp_path, transition_duration=0, start_screen="home")
    try:
        assert pilot.app.tour is not None, "the card of the old text was used"
        pilot.tap("lang_ru")
        assert pilot.text("museum_name") == "Мемориал"
    finally:
        stop_app(pilot.app)


def test_a_picture_gone_since_the_card_shows_the_last_good_tour_and_tells_staff(window, tmp_path):
    stop_app(switch_on(tmp_path, transition_duration=0).app)
    (tmp_path / "c/assets/images/stop-1-1.jpg").unlink()
    pilot = switch_on(tmp_path, transition_duration=0, start_screen="home")
    try:
        assert pilot.app.tour is None and pilot.text("museum_name") == "Мұражай"
        pilot.finish_start()
        assert pilot.app.tour is not None and pilot.screen.name == "home"
        assert pilot.app.content_notice, "staff's dot would not say stops.yaml has problems"
        assert pilot.app.keeper.status.source == "last-good"
    finally:
        stop_app(pilot.app)


def test_with_nothing_left_to_show_the_card_gives_way_to_being_updated(window, tmp_path):
    stop_app(switch_on(tmp_path, transition_duration=0).app)
    (tmp_path / "c/assets/images/stop-1-1.jpg").unlink()
    (tmp_path / "data/last-good/stops.yaml").unlink()  # and the kept copy lost
    pilot = switch_on(tmp_path, transition_duration=0, start_screen="home")
    try:
        pilot.finish_start()
        assert pilot.app.tour is None
        assert pilot.screen.name == "updating"
        assert "updated" in " ".join(pilot.screen.lines)
    finally:
        stop_app(pilot.app)
