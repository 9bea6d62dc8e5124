"""NarrationPlayer state machine, driven by FakeAudio and a fake clock (no sleeping)."""

from __future__ import annotations

import pytest

from kiosk.audio import AudioError
from kiosk.fake_audio import FakeAudio
from kiosk.narration import NarrationPlayer
from kiosk.narration import NarrationState as S
from kiosk.clock import FakeClock

TRACK = "stop01.ogg"


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def audio(clock):
    return FakeAudio(clock, durations={TRACK: 60.0, "short.ogg": 5.0}, fail_on={"bad.ogg"})


@pytest.fixture
def player(audio, clock):
    p = NarrationPlayer(audio, clock=clock)
    p.load(TRACK, duration=60.0)
    return p


def test_load_reads_duration_from_header_when_not_given(audio, clock, monkeypatch):
    monkeypatch.setattr("kiosk.narration.audio_duration", lambda path: 42.5)
    p = NarrationPlayer(audio, clock=clock)
    p.load(TRACK)
    assert (p.state, p.duration, p.position, p.error) == (S.idle, 42.5, 0.0, None)
    assert audio.path == TRACK


def test_play_advances_with_clock(player, audio, clock):
    player.play()
    assert player.state is S.playing and audio.calls[-1] == ("play", 0.0)
    clock.advance(12.5)
    assert player.position == pytest.approx(12.5)
    assert player.remaining == pytest.approx(47.5)
    assert player.fraction == pytest.approx(12.5 / 60)


def test_pause_freezes_position_and_resume_continues(player, audio, clock):
    player.play()
    clock.advance(10)
    player.pause()
    assert player.state is S.paused and audio.paused
    clock.advance(30)  # a long pause
    assert player.position == pytest.approx(10)
    player.resume()
    assert player.state is S.playing and audio.names()[-1] == "resume"
    clock.advance(5)
    assert player.position == pytest.approx(15)
    assert audio.position() == pytest.approx(15)  # player and "speaker" agree


def test_toggle(player, clock):
    player.toggle()
    assert player.state is S.playing
    clock.advance(3)
    player.toggle()
    assert player.state is S.paused and player.position == pytest.approx(3)
    player.toggle()
    assert player.state is S.playing


def test_seek_while_playing(player, audio, clock):
    player.play()
    clock.advance(5)
    player.seek(30)
    assert player.state is S.playing and audio.calls[-1] == ("seek", 30.0)
    clock.advance(2)
    assert player.position == pytest.approx(32)
    assert audio.position() == pytest.approx(32)


def test_seek_while_paused_stays_paused(player, audio, clock):
    player.play()
    clock.advance(5)
    player.pause()
    player.seek(40)
    clock.advance(10)
    assert player.state is S.paused and player.position == pytest.approx(40)
    player.play()
    clock.advance(1)
    assert player.position == pytest.approx(41) and audio.position() == pytest.approx(41)


def test_seek_from_idle_makes_it_ready_there(player, audio, clock):
    player.seek(20)
    assert player.state is S.paused and player.position == 20
    player.play()  # starts at the chosen point, not at 0
    assert audio.calls[-1] == ("play", 20.0)
    clock.advance(1)
    assert player.position == pytest.approx(21)


def test_seek_is_clamped(player):
    player.seek(-5)
    assert player.position == 0
    player.seek(1e9)
    assert player.state is S.ended and player.position == 60


def test_skip_back_clamps_at_zero(player, clock):
    player.play()
    clock.advance(4)
    player.skip(-10)
    assert player.state is S.playing and player.position == pytest.approx(0)
    clock.advance(15)
    player.skip(-10)
    assert player.position == pytest.approx(5)


def test_skip_forward_clamps_at_end_and_ends(player, audio, clock):
    player.play()
    clock.advance(45)
    player.skip(10)
    assert player.position == pytest.approx(55) and player.state is S.playing
    player.skip(10)
    assert player.state is S.ended and player.position == 60 and player.remaining == 0
    assert player.fraction == 1.0 and not audio.playing


def test_natural_end_detected_by_poll(audio, clock):
    p = NarrationPlayer(audio, clock=clock)
    p.load("short.ogg", duration=5.0)
    p.play()
    clock.advance(4.0)
    assert p.poll() is S.playing
    clock.advance(1.2)  # FakeAudio runs out at 5 s
    assert p.poll() is S.ended
    assert p.position == 5.0 and p.fraction == 1.0
    clock.advance(3)
    assert p.position == 5.0  # frozen at the end


def test_momentary_not_busy_after_play_is_not_an_end(player, audio, clock):
    player.play()
    audio.not_busy_glitches = 2
    assert player.poll() is S.playing
    clock.advance(0.2)
    assert player.poll() is S.playing
    clock.advance(0.2)
    assert player.poll() is S.playing  # busy again: glitch forgotten
    clock.advance(2.0)
    assert player.poll() is S.playing


def test_not_busy_for_long_ends_even_if_header_was_too_long(audio, clock):
    p = NarrationPlayer(audio, clock=clock)
    p.load("short.ogg", duration=8.0)  # metadata says 8 s, the stream is 5 s
    p.play()
    clock.advance(5.5)
    assert p.poll() is S.playing  # 2.5 s before the supposed end: wait a little
    clock.advance(p.NOT_BUSY_GRACE)
    assert p.poll() is S.ended and p.position == 8.0


def test_play_after_end_restarts_at_zero(player, audio, clock):
    player.play()
    player.seek(60)
    assert player.state is S.ended
    player.play()
    assert player.state is S.playing and audio.calls[-1] == ("play", 0.0)
    assert player.position == 0


def test_seek_from_ended_back_is_paused_there(player, audio, clock):
    player.play()
    clock.advance(61)
    assert player.poll() is S.ended
    player.seek(50)
    assert player.state is S.paused and player.position == 50
    player.play()
    assert audio.calls[-1] == ("play", 50.0)


def test_stop_resets(player, audio, clock):
    player.play()
    clock.advance(20)
    player.stop()
    assert player.state is S.idle and player.position == 0 and not audio.playing
    clock.advance(5)
    assert player.position == 0
    player.play()
    assert audio.calls[-1] == ("play", 0.0)


def test_load_stops_current_playback(player, audio, clock):
    player.play()
    clock.advance(10)
    player.load("short.ogg", duration=5.0)
    assert player.state is S.idle and player.position == 0 and player.duration == 5.0
    assert not audio.playing and audio.path == "short.ogg"


def test_load_failure_is_failed_with_message(audio, clock):
    p = NarrationPlayer(audio, clock=clock)
    p.load("bad.ogg", duration=30.0)
    assert p.state is S.failed
    assert "bad.ogg" in p.error and "could not be loaded" in p.error
    for action in (p.play, p.pause, p.resume, p.toggle, p.stop, lambda: p.seek(3),
                   lambda: p.skip(10), p.poll):
        action()
    assert p.state is S.failed
    p.load(TRACK, duration=60.0)  # the next stop works again
    assert p.state is S.idle and p.error is None


def test_missing_file_header_is_failed(audio, clock, tmp_path):
    p = NarrationPlayer(audio, clock=clock)
    p.load(tmp_path / "nowhere.ogg")
    assert p.state is S.failed and "not found" in p.error


def test_play_error_from_backend_is_failed(player, audio, monkeypatch):
    def boom(start=0.0):
        raise AudioError("device vanished")

    monkeypatch.setattr(audio, "play", boom)
    player.play()
    assert player.state is S.failed and player.error == "device vanished"


def test_no_device_never_raises_and_reads_along_on_the_clock(clock):
    audio = FakeAudio(clock, available=False)
    p = NarrationPlayer(audio, clock=clock)
    p.load(TRACK, duration=60.0)
    assert (p.state, p.silent, p.duration, p.error) == (S.idle, True, 60.0, None)
    for action in (p.play, p.pause, p.resume, p.toggle, p.poll, lambda: p.skip(10),
                   lambda: p.set_volume(0.5), p.stop, lambda: p.seek(30), p.unload):
        action()
    p.load(TRACK, duration=60.0)
    p.seek(30)
    assert p.state is S.paused and p.position == 30
    clock.advance(10)
    assert p.position == 30  # paused stays put
    p.play()
    clock.advance(10)
    assert p.state is S.playing and p.silent and p.position == pytest.approx(40)
    assert not audio.playing  # nothing to hear: the captions follow the clock
    assert "open" in audio.names()  # load and play retried the device


def test_device_coming_back_is_used_on_play(clock):
    audio = FakeAudio(clock, available=False)
    p = NarrationPlayer(audio, clock=clock)
    p.load(TRACK, duration=60.0)
    assert p.state is S.idle and p.silent
    audio.can_open = True  # e.g. USB speaker plugged in
    p.play()
    assert p.state is S.playing and audio.path == TRACK and audio.audible
    assert p.silent  # until it has been heard playing
    for _ in range(10):
        clock.advance(0.2)
        p.poll()
    assert not p.silent
    assert p.position == pytest.approx(2)


def test_listeners_on_state_changes_and_seeks_not_on_ticks(player, clock):
    seen = []
    player.add_listener(lambda p: seen.append((p.state, round(p.position, 3))))
    player.play()
    clock.advance(5)
    for _ in range(10):
        player.poll()  # position ticks are not events
    player.pause()
    player.seek(20)
    player.resume()
    player.stop()
    assert seen == [
        (S.playing, 0.0),
        (S.paused, 5.0),
        (S.paused, 20.0),
        (S.playing, 20.0),
        (S.idle, 0.0),
    ]


def test_broken_listener_does_not_break_player(player):
    calls = []

    def broken(p):
        raise RuntimeError("ui bug")

    player.add_listener(broken)
    player.add_listener(calls.append)
    player.play()
    assert player.state is S.playing and calls == [player]
    player.remove_listener(broken)
    player.pause()
    assert len(calls) == 2


def test_whole_second_seeks_use_where_backend_landed(clock):
    audio = FakeAudio(clock, seek_step=1.0)  # like pygame's WAV seeks
    p = NarrationPlayer(audio, clock=clock)
    p.load("x.wav", duration=60.0)
    p.play()
    p.seek(12.7)
    assert p.position == pytest.approx(12.0)


def test_set_volume_clamped(player, audio):
    player.set_volume(1.7)
    assert audio.volume == 1.0 and player.volume == 1.0
    player.set_volume(-1)
    assert audio.volume == 0.0


def test_unload(player, audio, clock):
    player.play()
    clock.advance(3)
    player.unload()
    assert player.state is S.idle and player.path is None and player.duration == 0
    assert player.fraction == 0.0 and not audio.playing
    player.play()  # nothing loaded: nothing happens
    assert player.state is S.idle
