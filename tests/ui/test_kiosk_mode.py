"""Kiosk mode and contained faults: a visitor can neither leave nor break the guide."""

import logging

import pytest
from kivy.core.window import Window

from samples import make_tour, saved_kinds
from tests.ui.conftest import TOUR_SECONDS, start_app, stop_app

F1, F4, F11, F12, ESC = 282, 285, 292, 293, 27


def test_escape_alt_f4_f_keys_and_close_requests_do_nothing(pilot):
    pilot.open_stop("stop-1")
    for key, modifiers in ((ESC, []), (F1, []), (F11, []), (F12, []), (F4, ["alt"])):
        pilot.key(key, modifiers)
        assert pilot.screen.name == "stop", key
    assert pilot.app._app_settings is None  # Kivy's settings panel never opened
    assert Window.dispatch("on_request_close") is True  # the window refuses to close
    assert Window.show_cursor is False
    pilot.app.lockdown.allow_exit()  # only the staff panel does this
    assert not Window.dispatch("on_request_close")


@pytest.fixture
def faulty(window, tmp_path):
    """The app with the fault guard logging to a data folder and a fake restart."""
    from kiosk.ui.faults import log_to_file

    log_path = log_to_file(tmp_path / "data")
    restarts = []
    content = make_tour(tmp_path / "tour", stops=3, seconds=TOUR_SECONDS)
    app, pilot = start_app(window, content)
    app.fault_guard.restart = lambda: restarts.append(True)
    pilot.restarts, pilot.log_path = restarts, log_path
    yield pilot
    stop_app(app)
    logging.getLogger("kiosk").handlers.clear()


@pytest.mark.expects_fault
def test_an_error_in_a_screen_is_logged_and_the_visitor_is_taken_home(faulty):
    pilot = faulty
    pilot.open_stop("stop-1")
    pilot.tap("play")

    def broken():
        raise RuntimeError("a bug in the captions button")
    pilot.app.toggle_captions = broken
    pilot.tap("captions_toggle")
    assert pilot.screen.name == "home"  # calmly back to the start
    assert pilot.player.state.value == "idle"  # and silent
    logged = pilot.log_path.read_text(encoding="utf-8")
    assert "Traceback" in logged and "a bug in the captions button" in logged
    pilot.tap("start")  # the kiosk goes on
    assert pilot.screen.name == "tour"
    assert not pilot.restarts


@pytest.mark.expects_fault
def test_several_faults_in_a_short_time_restart_the_kiosk_calmly(faulty):
    pilot = faulty

    def broken():
        raise RuntimeError("a bug")
    pilot.app.show_tour = broken
    for _ in range(3):
        pilot.tap("start")
    assert pilot.screen.name == "unavailable"
    assert "The guide is unavailable for a moment" in pilot.text("updating_message")
    assert not pilot.restarts
    pilot.advance(6)
    assert pilot.restarts == [True]


def test_a_damaged_picture_shows_a_placeholder_and_the_rest_works(window, tmp_path):
    content = make_tour(tmp_path / "tour", stops=2, seconds=TOUR_SECONDS)
    (content / "assets/images/stop-1-1.jpg").write_bytes(b"not a picture at all")
    app, pilot = start_app(window, content)
    try:
        pilot.open_stop("stop-1")
        assert pilot.text("missing_label") == "This picture cannot be shown just now."
        assert pilot.text("title") == "Stop 101"
        pilot.tap("play")
        assert pilot.player.state.value == "playing"
    finally:
        stop_app(app)


def test_a_recording_that_cannot_be_played_leaves_text_and_a_calm_message(window, tmp_path):
    from kiosk.fake_audio import FakeAudio

    content = make_tour(tmp_path / "tour", stops=2, seconds=TOUR_SECONDS, shared_recording=True)
    broken = str(content / "assets/audio/shared.ogg")
    app, pilot = start_app(window, content, lambda clock: FakeAudio(
        clock=clock, default_duration=TOUR_SECONDS, fail_on=[broken]))
    try:
        pilot.open_stop("stop-1")
        assert pilot.text("message").startswith("This recording cannot be played just now.")
        assert pilot.find("play").disabled
        assert pilot.text("text") == "Stop 101: text."
    finally:
        stop_app(app)


@pytest.mark.expects_fault
def test_a_restart_after_faults_first_saves_the_visit_log(kiosk, tmp_path):
    pilot = kiosk(make_tour(tmp_path / "tour", stops=3, seconds=TOUR_SECONDS))
    data = tmp_path / "data"

    on_disk_at_restart = []
    pilot.app.fault_guard.restart = lambda: on_disk_at_restart.append(saved_kinds(data))
    pilot.app.event_log.close()  # no writer thread: only an explicit save reaches the disk
    pilot.open_stop("stop-2")
    pilot.tap("back")
    pilot.app.go_home()
    pilot.frames(3)
    assert "stop_open" not in saved_kinds(data)

    def broken():
        raise RuntimeError("a bug")
    pilot.app.show_tour = broken
    for _ in range(3):
        pilot.tap("start")
    pilot.advance(6)
    assert len(on_disk_at_restart) == 1
    assert "stop_open" in on_disk_at_restart[0]



def test_the_app_stopping_saves_the_visit_and_its_end(kiosk, tmp_path):
    pilot = kiosk(make_tour(tmp_path / "tour", stops=3, seconds=TOUR_SECONDS))
    pilot.app.event_log.close()  # no writer thread: only an explicit save reaches the disk
    pilot.open_stop("stop-2")
    assert saved_kinds(tmp_path / "data") == []
    pilot.app.dispatch("on_stop")  # what app.stop() does when staff leave kiosk mode
    kinds = saved_kinds(tmp_path / "data")
    assert "stop_open" in kinds and kinds[-1] == "session_end"
