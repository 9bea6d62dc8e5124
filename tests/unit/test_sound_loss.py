"""Speakers pulled out while a narration plays: the player notices, goes on silently on
the kiosk's clock (so the captions keep moving), and plays again where the reader is once
the device is back. Driven by FakeAudio and a fake clock (no sleeping)."""

from __future__ import annotations

import pytest

from kiosk.fake_audio import FakeAudio
from kiosk.narration import NarrationPlayer
from kiosk.narration import NarrationState as S
from kiosk.clock import FakeClock

TRACK = "stop01.ogg"
POLL = 0.1  # the narration view polls ten times a second


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def audio(clock):
    return FakeAudio(clock, durations={TRACK: 60.0, "short.ogg": 5.0})


@pytest.fixture
def player(audio, clock):
    p = NarrationPlayer(audio, clock=clock)
    p.load(TRACK, duration=60.0)
    return p


def run(player, clock, seconds: float) -> None:
    """Let ``seconds`` pass, polling as the narration view does."""
    for _ in range(round(seconds / POLL)):
        clock.advance(POLL)
        player.poll()


def lose_sound(player, audio, clock, **how) -> None:
    """Speakers out while playing; poll until the player has noticed (or fail)."""
    audio.unplug(**how)
    for _ in range(round(2 * player.STALL_GRACE / POLL)):
        if player.silent:
            return
        run(player, clock, POLL)
    pytest.fail("the player did not notice that the sound was gone")


def test_a_stalled_device_is_noticed_and_the_narration_goes_on(player, audio, clock):
    player.play()
    run(player, clock, 5)
    audio.unplug()  # the stream stands still but still says busy, as SDL's does
    run(player, clock, player.STALL_GRACE / 2)
    assert not player.silent  # a short stand-still is not yet a loss
    run(player, clock, player.STALL_GRACE)
    assert player.silent and player.state is S.playing
    assert "close" in audio.names()  # the device is released, to be opened afresh
    before = player.position
    run(player, clock, 10)
    assert player.position == pytest.approx(before + 10)  # the captions keep moving
    assert player.state is S.playing


def test_a_mixer_shut_down_is_noticed_at_once(player, audio, clock):
    player.play()
    run(player, clock, 5)
    audio.unplug(mixer_quits=True)  # every call now raises, as pygame's do
    player.poll()
    assert player.silent and player.state is S.playing
    assert player.position == pytest.approx(5)
    run(player, clock, 3)
    assert player.position == pytest.approx(8)


def test_progress_that_only_pauses_briefly_is_not_a_loss(player, audio, clock, monkeypatch):
    player.play()
    run(player, clock, 3)
    moving = audio.elapsed
    monkeypatch.setattr(audio, "elapsed", lambda: 3.0)  # a hiccup shorter than the grace
    run(player, clock, player.STALL_GRACE * 0.75)
    monkeypatch.setattr(audio, "elapsed", moving)
    run(player, clock, 5)
    assert not player.silent and audio.audible


def test_sound_back_plays_from_where_the_reader_is(player, audio, clock):
    player.play()
    run(player, clock, 5)
    lose_sound(player, audio, clock)
    run(player, clock, 10)
    assert player.retry_sound() is False  # still unplugged: still silent, still moving
    assert player.silent and player.state is S.playing
    audio.plug_in()
    reader_at, before = player.position, len(audio.calls)
    assert player.retry_sound() is True
    assert player.state is S.playing and audio.audible
    assert player.silent  # on trial until it has been heard playing
    retried = [name for name in audio.names()[before:] if name != "stop"]
    assert retried == ["close", "open", "load", "play"]  # closed, then opened afresh
    assert audio.calls[-1][1] == pytest.approx(reader_at)
    run(player, clock, player.SOUND_HEARD + 2 * POLL)
    assert not player.silent
    run(player, clock, 4 - player.SOUND_HEARD - 2 * POLL)
    assert audio.position() == pytest.approx(player.position)  # heard where it is read
    assert player.position == pytest.approx(reader_at + 4)


def test_sound_back_while_paused_waits_for_play(player, audio, clock):
    player.play()
    run(player, clock, 5)
    lose_sound(player, audio, clock, mixer_quits=True)
    run(player, clock, 7)
    player.pause()
    paused_at = player.position
    audio.plug_in()
    assert player.retry_sound() is True
    assert player.state is S.paused and not audio.playing  # nothing starts by itself
    player.play()
    assert audio.calls[-1] == ("play", pytest.approx(paused_at)) and audio.audible


def test_play_tries_the_device_again(player, audio, clock):
    player.play()
    run(player, clock, 5)
    lose_sound(player, audio, clock)
    player.pause()
    audio.plug_in()
    player.play()  # the visitor's touch is a good moment to look for the speakers
    assert audio.audible
    run(player, clock, player.SOUND_HEARD + 2 * POLL)
    assert not player.silent


def test_every_control_works_while_silent(player, audio, clock):
    player.play()
    run(player, clock, 5)
    lose_sound(player, audio, clock, mixer_quits=True)
    player.pause()
    at = player.position
    run(player, clock, 5)
    assert player.state is S.paused and player.position == at
    player.play()
    run(player, clock, 2)
    assert player.position == pytest.approx(at + 2)
    player.seek(30)
    run(player, clock, 1)
    assert player.position == pytest.approx(31) and player.state is S.playing
    player.skip(-10)
    assert player.position == pytest.approx(21)
    player.toggle()
    assert player.state is S.paused
    player.skip(10)
    assert player.state is S.paused and player.position == pytest.approx(31)
    player.set_volume(0.3)
    player.stop()  # the visitor leaves the stop
    assert player.state is S.idle and player.position == 0 and player.silent
    player.load("short.ogg", duration=5.0)  # the next stop: still no device
    assert player.state is S.idle and player.silent and player.duration == 5.0
    player.play()
    player.seek(60)  # to the end
    assert player.state is S.ended and player.position == 5.0


def test_a_silent_narration_ends_on_the_clock(player, audio, clock):
    player.play()
    run(player, clock, 50)
    lose_sound(player, audio, clock)
    seen = []
    player.add_listener(lambda p: seen.append(p.state))
    run(player, clock, 60 - player.position + 2 * POLL)
    assert player.state is S.ended and player.position == 60.0
    assert seen == [S.ended]


def test_losing_and_finding_the_sound_tells_the_listeners(player, audio, clock):
    player.play()
    seen = []
    player.add_listener(lambda p: seen.append((p.state, p.silent)))
    lose_sound(player, audio, clock, mixer_quits=True)
    audio.plug_in()
    player.retry_sound()
    assert seen[-1] == (S.playing, True)  # took it, not heard yet
    run(player, clock, player.SOUND_HEARD + 2 * POLL)
    assert seen[0] == (S.playing, True) and seen[-1] == (S.playing, False)


def test_a_device_that_opens_but_plays_nothing_never_says_the_sound_is_back(player, audio,
                                                                            clock):
    """The visitor's captions and the "no sound" line must not flicker every retry."""
    player.play()
    run(player, clock, 5)
    lose_sound(player, audio, clock)
    seen = []
    player.add_listener(lambda p: seen.append(p.silent))
    audio.plug_in(dead=True)
    for _ in range(3):  # three retries, as the narration view makes every 15 s
        assert player.retry_sound() is True  # the device takes the recording...
        run(player, clock, 15)  # ...and plays nothing: stalls again
        assert player.silent and player.state is S.playing
        assert not audio.audible
    assert seen and all(seen), "the player said the sound was back"
    audio.plug_in()  # a device that works, at last
    player.retry_sound()
    run(player, clock, player.SOUND_HEARD + 2 * POLL)
    assert not player.silent and audio.audible
    assert audio.position() == pytest.approx(player.position)


def test_the_natural_end_is_an_end_not_a_loss(audio, clock):
    p = NarrationPlayer(audio, clock=clock)
    p.load("short.ogg", duration=5.0)
    p.play()
    run(p, clock, 5 + 2 * p.STALL_GRACE)
    assert p.state is S.ended and not p.silent
    assert "close" not in audio.names()


def test_a_file_shorter_than_its_header_still_just_ends(audio, clock):
    p = NarrationPlayer(audio, clock=clock)
    p.load("short.ogg", duration=8.0)  # the header says 8 s, the stream stops at 5 s
    p.play()
    run(p, clock, 5 + p.NOT_BUSY_GRACE + p.STALL_GRACE)
    assert p.state is S.ended and p.position == 8.0 and not p.silent
    assert "close" not in audio.names()


def test_no_device_at_start_reads_along_and_finds_the_device_later(clock):
    audio = FakeAudio(clock, available=False)
    p = NarrationPlayer(audio, clock=clock)
    p.load(TRACK, duration=60.0)
    assert p.silent and p.state is S.idle
    p.play()
    run(p, clock, 12)
    assert p.state is S.playing and p.position == pytest.approx(12)
    audio.can_open = True
    assert p.retry_sound() is True
    assert audio.audible and audio.position() == pytest.approx(12)
