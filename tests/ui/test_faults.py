"""Faults a kiosk meets over months: no sound device, a recording deleted while it plays,
a data folder that cannot be written, and never a network connection."""

import socket
import time

import pytest

from kiosk.audio import PygameAudio
from kiosk.fake_audio import FakeAudio
from samples import make_tour
from tests.ui.conftest import TOUR_SECONDS, start_app, stop_app


def test_sound_that_comes_back_is_found_without_a_restart(window, tmp_path):
    content = make_tour(tmp_path / "tour", stops=2, seconds=TOUR_SECONDS)
    backends = []

    def no_device(clock):
        backends.append(FakeAudio(clock=clock, available=False, default_duration=TOUR_SECONDS))
        return backends[-1]
    app, pilot = start_app(window, content, no_device)
    try:
        pilot.open_stop("stop-1")
        assert pilot.text("message").startswith("Sound is not available")
        backends[0].can_open = True  # the speakers are plugged back in
        pilot.advance(16)
        assert backends[0].available and backends[0].path  # found and given the recording
        pilot.tap("play")
        assert pilot.player.state.value == "playing" and backends[0].audible
        # The kiosk says nothing about sound until it has heard the device play.
        assert pilot.text("message").startswith("Sound is not available")
        pilot.advance(1.5)
        assert pilot.text("message") == ""
    finally:
        stop_app(app)


def test_speakers_pulled_out_while_a_visitor_listens(window, tmp_path):
    from kiosk.ui.narration_view import AUDIO_RETRY

    content = make_tour(tmp_path / "tour", stops=2, seconds=58)  # cues at 0 and 29 s
    app, pilot = start_app(window, content,
                           lambda clock: FakeAudio(clock=clock, default_duration=58))
    speakers, player = pilot.backend, pilot.player
    try:
        pilot.open_stop("stop-1")
        pilot.tap("play")
        pilot.advance(5)
        assert speakers.audible and pilot.text("message") == ""
        assert pilot.find("caption_band").height == 0  # this visitor listens

        speakers.unplug()  # the stream stands still, as SDL's does without its device
        pilot.advance(3)
        assert pilot.text("message").startswith("Sound is not available at this kiosk")
        assert pilot.find("captions_toggle").selected  # captions on by themselves
        assert pilot.text("caption_band") == "First (en)"
        assert player.state.value == "playing" and not speakers.audible
        before = player.position
        pilot.advance(24)  # reading along: the bar, the times and the captions move
        assert player.position == pytest.approx(before + 24, abs=0.3)
        assert pilot.text("caption_band") == "Second (en)"
        assert pilot.find("progress").value == pytest.approx(player.position / 58, abs=0.01)

        speakers.plug_in()
        pilot.advance(AUDIO_RETRY)  # the next try finds them
        assert pilot.text("message") == ""
        assert speakers.audible and player.state.value == "playing"
        assert speakers.position() == pytest.approx(player.position, abs=0.3)  # where read
        assert pilot.find("caption_band").height == 0  # the visitor's choice again
        assert not pilot.find("captions_toggle").selected
    finally:
        stop_app(app)


def test_a_device_that_opens_but_plays_nothing_does_not_make_the_screen_flicker(window,
                                                                              tmp_path):
    """Every retry finds the device, gives it the story, and hears nothing: the reader's
    captions and the "no sound" line stay put, retry after retry."""
    from kiosk.ui.narration_view import AUDIO_RETRY

    content = make_tour(tmp_path / "tour", stops=2, seconds=58)
    app, pilot = start_app(window, content,
                           lambda clock: FakeAudio(clock=clock, default_duration=58))
    speakers = pilot.backend
    try:
        pilot.open_stop("stop-1")
        pilot.tap("play")
        pilot.advance(2)
        speakers.unplug()
        pilot.advance(3)
        speakers.plug_in(dead=True)
        opened = speakers.names().count("open")
        seen = set()
        for _ in range(int(3 * AUDIO_RETRY / 0.5)):  # three retries, watched twice a second
            pilot.advance(0.5)
            seen.add((pilot.text("message")[:20], pilot.find("captions_toggle").selected,
                      pilot.find("caption_band").height > 0))
        assert speakers.names().count("open") - opened >= 3  # it was tried again and again
        assert seen == {("Sound is not availab", True, True)}
        assert pilot.player.state.value == "playing"
    finally:
        stop_app(app)


def test_a_visitor_who_reads_captions_keeps_them_after_the_sound_returns(window, tmp_path):
    from kiosk.ui.narration_view import AUDIO_RETRY

    content = make_tour(tmp_path / "tour", stops=2, seconds=58)
    app, pilot = start_app(window, content,
                           lambda clock: FakeAudio(clock=clock, default_duration=58))
    try:
        pilot.open_stop("stop-1")
        pilot.tap("captions_toggle")
        pilot.tap("play")
        pilot.backend.unplug(mixer_quits=True)
        pilot.advance(1)
        assert pilot.text("message").startswith("Sound is not available")
        pilot.tap("play")  # pause and play again: the controls still work, silently
        pilot.tap("play")
        pilot.tap("forward10")
        assert pilot.player.position == pytest.approx(11.5, abs=0.5)
        pilot.backend.plug_in()
        pilot.advance(AUDIO_RETRY)
        assert pilot.text("message") == "" and pilot.backend.audible
        assert pilot.text("caption_band") == "First (en)"  # they had them on: still on
    finally:
        stop_app(app)


def test_the_mixer_shut_down_under_a_real_narration(window, tmp_path):
    import pygame

    from kiosk.ui.narration_view import AUDIO_RETRY

    content = make_tour(tmp_path / "tour", stops=2, seconds=TOUR_SECONDS)
    app, pilot = start_app(window, content, lambda clock: PygameAudio())
    try:
        pilot.open_stop("stop-1")
        pilot.tap("play")
        assert pilot.backend.busy()  # real decoding through pygame
        pygame.mixer.quit()  # the device pulled from under it
        pilot.advance(1)
        assert pilot.text("message").startswith("Sound is not available")
        assert pilot.player.state.value == "playing" and pilot.text("caption_band")
        pilot.advance(AUDIO_RETRY)
        assert pygame.mixer.get_init() and pilot.backend.busy()  # given to the device
        for _ in range(20):  # the device is heard playing (in real time) for a second
            time.sleep(0.1)
            pilot.advance(0.1)
        assert pilot.text("message") == ""
    finally:
        stop_app(app)


def test_a_whole_visit_at_a_kiosk_without_sound(window, tmp_path):
    content = make_tour(tmp_path / "tour", stops=2, seconds=TOUR_SECONDS,
                        settings={"idle_timeout": 20, "countdown": 10})
    app, pilot = start_app(window, content, lambda clock: FakeAudio(
        clock=clock, available=False, default_duration=TOUR_SECONDS))
    player = pilot.player
    try:
        pilot.open_stop("stop-1", "en")
        pilot.tap("play")
        pilot.advance(20)  # reading the second sentence
        pilot.tap("lang_ru")  # the story goes on at the same sentence, in Russian
        assert player.state.value == "playing"
        assert player.position == pytest.approx(TOUR_SECONDS / 2, abs=0.3)
        assert pilot.text("caption_band") == "Second (ru)"
        assert pilot.text("message").startswith("Звук на этом аудиогиде сейчас недоступен")
        pilot.tap("play")  # pause
        paused_at = player.position
        pilot.advance(5)
        assert player.state.value == "paused" and player.position == paused_at
        pilot.tap("back10")
        assert player.position == pytest.approx(paused_at - 10)

        pilot.tap("next_stop")  # leaving the stop: the next one waits at its start
        assert pilot.text("title") == "Остановка 102"
        assert player.state.value == "idle" and player.position == 0
        assert pilot.text("message").startswith("Звук")
        pilot.tap("play")
        assert pilot.text("caption_band") == "First (ru)"
        pilot.advance(TOUR_SECONDS - 1)  # longer than the idle timeout, but reading along
        assert not pilot.overlays
        pilot.advance(1 + 20 + 0.5)  # the story ends on the clock; then 20 s untouched
        assert pilot.overlays
        pilot.advance(10.5)
        assert pilot.screen.name == "attract" and player.state.value == "idle"
        assert app.language == "kk" and not app.captions_on  # the next visitor's choice
    finally:
        stop_app(app)


def test_a_recording_deleted_while_it_plays_never_breaks_the_kiosk(window, tmp_path):
    content = make_tour(tmp_path / "tour", stops=3, seconds=3, shared_recording=True)
    app, pilot = start_app(window, content, lambda clock: PygameAudio())
    try:
        pilot.open_stop("stop-1")
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
        pilot.open_stop("stop-1", "en")
        pilot.tap("play")
        pilot.tap("keypad")
        pilot.tap("key_1")
        pilot.advance(3)
        pilot.app.reset_for_next_visitor()
        pilot.advance(1)
    finally:
        stop_app(app)
    assert attempts == []
