"""Faults a kiosk meets over months: no sound device, a recording deleted while it plays,
a data folder that cannot be written, and never a network connection."""

import socket

import pytest

from kiosk.audio import FakeAudio, PygameAudio
from tests.tour_factory import make_tour
from tests.ui.conftest import TOUR_SECONDS, start_app, stop_app
from tests.ui.test_visit import open_stop


def test_sound_that_comes_back_is_found_without_a_restart(window, tmp_path):
    content = make_tour(tmp_path / "tour", stops=2, seconds=TOUR_SECONDS)
    backends = []

    def no_device(clock):
        backends.append(FakeAudio(clock=clock, available=False, default_duration=TOUR_SECONDS))
        return backends[-1]
    app, pilot = start_app(window, content, no_device)
    try:
        open_stop(pilot, "stop-1")
        assert pilot.text("message").startswith("Sound is not available")
        backends[0].can_open = True  # the speakers are plugged back in
        pilot.advance(16)
        assert pilot.text("message") == ""
        pilot.tap("play")
        assert pilot.player.state.value == "playing"
    finally:
        stop_app(app)


def test_a_recording_deleted_while_it_plays_never_breaks_the_kiosk(window, tmp_path):
    content = make_tour(tmp_path / "tour", stops=3, seconds=3)
    app, pilot = start_app(window, content, lambda clock: PygameAudio())
    try:
        open_stop(pilot, "stop-1")
        pilot.tap("play")
        assert pilot.backend.busy()  # real decoding through pygame
        (content / "assets/audio/shared.ogg").unlink()  # staff delete it meanwhile
        pilot.advance(1)
        pilot.tap("next_stop")  # the next stop used the same recording
        assert pilot.text("title") == "Stop 102"
        assert pilot.text("message").startswith("This recording cannot be played just now.")
        pilot.tap("back")
        assert pilot.screen.name == "tour"
    finally:
        stop_app(app)


def test_a_data_folder_that_cannot_be_written_falls_back_and_says_so(tmp_path, capsys):
    from kiosk.ui.launch import usable_data_dir

    blocked = tmp_path / "data"
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    chosen = usable_data_dir(blocked)
    assert chosen != blocked and chosen.is_dir()
    assert "cannot be written" in capsys.readouterr().err


def test_the_kiosk_opens_no_network_connection(window, tmp_path, monkeypatch):
    attempts = []
    real_connect = socket.socket.connect

    def record(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            attempts.append(address)
        return real_connect(self, address)
    monkeypatch.setattr(socket.socket, "connect", record)
    monkeypatch.setattr(socket, "create_connection",
                        lambda *a, **k: attempts.append(a) or pytest.fail("network"))
    content = make_tour(tmp_path / "tour", stops=2, seconds=TOUR_SECONDS)
    app, pilot = start_app(window, content)
    try:
        open_stop(pilot, "stop-1", "en")
        pilot.tap("play")
        pilot.tap("keypad")
        pilot.tap("key_1")
        pilot.advance(3)
        pilot.app.reset_for_next_visitor()
        pilot.advance(1)
    finally:
        stop_app(app)
    assert attempts == []
