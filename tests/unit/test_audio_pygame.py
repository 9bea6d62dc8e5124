"""PygameAudio against real decoding (SDL dummy audio driver) and audio_duration.

A few tests wait real time (the decoder drives playback); each is bounded to ~1-2 s.
"""

from __future__ import annotations

import os

os.environ.setdefault("SDL_AUDIODRIVER", "dummy")  # before pygame is imported
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pygame
import pytest
import soundfile

from kiosk.audio import AudioError, MixerPulse, PygameAudio, audio_duration
from kiosk.narration import NarrationPlayer, NarrationState as S
from kiosk.clock import FakeClock

RATE = 22050


def write_tone(path: Path, seconds: float, **kw) -> Path:
    """A quiet 440 Hz tone; OGG Vorbis unless told otherwise."""
    t = np.arange(int(RATE * seconds)) / RATE
    kw = kw or {"format": "OGG", "subtype": "VORBIS"}
    soundfile.write(path, 0.2 * np.sin(2 * np.pi * 440 * t), RATE, **kw)
    return path


def wait_until_not_busy(audio: PygameAudio, timeout: float) -> float:
    """Seconds until the stream ends (or the timeout)."""
    t0 = time.monotonic()
    while audio.busy() and time.monotonic() - t0 < timeout:
        time.sleep(0.01)
    return time.monotonic() - t0


@pytest.fixture
def tone3(tmp_path):
    return write_tone(tmp_path / "tone3.ogg", 3.0)


@pytest.fixture
def audio():
    backend = PygameAudio()
    assert backend.open(), "SDL dummy audio driver should always open"
    yield backend
    backend.close()


def test_open_initialises_only_the_mixer(audio):
    assert audio.available and pygame.mixer.get_init()
    assert not pygame.display.get_init()
    assert audio.open()  # again: harmless


def test_audio_duration_matches_generated_length(tmp_path):
    for seconds in (1.5, 3.0):
        path = write_tone(tmp_path / f"t{seconds}.ogg", seconds)
        assert audio_duration(path) == pytest.approx(seconds, abs=0.05)
    wav = write_tone(tmp_path / "t.wav", 2.0, format="WAV")
    assert audio_duration(wav) == pytest.approx(2.0, abs=0.05)


def test_audio_duration_errors_are_audio_errors(tmp_path):
    bad = tmp_path / "bad.ogg"
    bad.write_bytes(os.urandom(4096))
    with pytest.raises(AudioError, match="bad.ogg"):
        audio_duration(bad)
    with pytest.raises(AudioError, match="not found"):
        audio_duration(tmp_path / "missing.ogg")


def test_load_play_pause_resume(audio, tone3):
    audio.load(tone3)
    assert not audio.busy()
    assert audio.play() == 0.0
    assert audio.busy()
    time.sleep(0.3)
    audio.pause()
    assert not audio.busy()  # pygame: get_busy() is False while paused
    frozen = audio.elapsed()
    assert 0.1 < frozen < 1.0
    time.sleep(0.2)
    assert audio.elapsed() == frozen
    audio.resume()
    assert audio.busy()
    time.sleep(0.15)
    assert audio.elapsed() > frozen
    audio.stop()
    assert not audio.busy()


def test_seek_while_playing_really_moves(audio, tmp_path):
    audio.load(write_tone(tmp_path / "long.ogg", 30.0))
    audio.play()
    began = time.monotonic()
    while audio.elapsed() < 0.5 and time.monotonic() - began < 20:  # a moment of playing
        time.sleep(0.01)
    played = audio.elapsed()
    assert audio.seek(29.5) == 29.5
    assert audio.busy() and audio.elapsed() < played  # elapsed counts from the seek
    wait_until_not_busy(audio, 15.0)
    assert not audio.busy()  # half a second was left, not half a minute


def test_seek_while_paused_stays_paused(audio, tone3):
    audio.load(tone3)
    audio.play()
    audio.pause()
    audio.seek(2.5)
    time.sleep(0.1)
    assert not audio.busy()
    audio.resume()
    assert audio.busy()
    assert wait_until_not_busy(audio, 3.0) < 1.2


def test_play_from_start(audio, tone3):
    audio.load(tone3)
    assert audio.play(2.6) == pytest.approx(2.6)
    assert wait_until_not_busy(audio, 3.0) < 1.0


def test_seek_after_stream_ran_out_restarts_there(audio, tone3):
    # the player may still think "playing" for a poll interval after the real end
    audio.load(tone3)
    audio.play(2.9)
    wait_until_not_busy(audio, 2.0)
    assert audio.seek(2.5) == 2.5
    assert audio.busy()
    audio.stop()
    assert audio.seek(1.0) is None and not audio.busy()  # stopped: seek does not play


def test_wav_seeks_land_on_whole_seconds(audio, tmp_path):
    wav = write_tone(tmp_path / "t.wav", 3.0, format="WAV")
    audio.load(wav)
    audio.play()
    assert audio.seek(2.6) == 2.0  # SDL_mixer 2.6.3 truncates WAV seeks
    took = wait_until_not_busy(audio, 10.0)
    assert not audio.busy()  # it ended ...
    assert took > 0.6  # ... after about the second left from 2.0, not the 0.4 from 2.6


def test_volume(audio, tone3):
    audio.set_volume(0.5)
    assert pygame.mixer.music.get_volume() == pytest.approx(0.5, abs=0.01)
    audio.set_volume(3)
    assert pygame.mixer.music.get_volume() == pytest.approx(1.0)


def test_corrupt_and_missing_files_raise_audio_error(audio, tmp_path):
    bad = tmp_path / "bad.ogg"
    bad.write_bytes(os.urandom(8000))
    with pytest.raises(AudioError, match="bad.ogg"):
        audio.load(bad)
    with pytest.raises(AudioError, match="not found"):
        audio.load(tmp_path / "missing.ogg")
    assert not audio.busy()
    assert audio.play() is None  # nothing loaded: harmless


def test_player_reaches_end_with_real_clock(audio, tmp_path):
    path = write_tone(tmp_path / "short.ogg", 1.5)
    player = NarrationPlayer(audio)  # real time.monotonic
    seen = []
    player.add_listener(lambda p: seen.append(p.state))
    player.load(path)
    assert player.state is S.idle and player.duration == pytest.approx(1.5, abs=0.05)
    t0 = time.monotonic()
    player.play()
    assert player.poll() is S.playing  # right after play: not an end
    while player.poll() is S.playing and time.monotonic() - t0 < 30.0:
        time.sleep(0.05)
    took = time.monotonic() - t0
    assert player.state is S.ended, f"still {player.state} after {took:.2f} s"
    assert took > 1.0  # not ended before the recording could have played
    assert player.position == player.duration
    assert seen == [S.idle, S.playing, S.ended]


def test_player_pause_keeps_position_with_real_audio(audio, tone3):
    player = NarrationPlayer(audio)
    player.load(tone3)
    player.play()
    time.sleep(0.2)
    player.pause()
    pos = player.position
    time.sleep(0.2)
    assert player.position == pos and player.poll() is S.paused  # not-busy is not an end
    player.seek(2.0)
    player.play()
    assert player.state is S.playing and audio.busy()
    assert player.position == pytest.approx(2.0, abs=0.1)
    player.stop()
    assert player.state is S.idle and not audio.busy()


def test_corrupt_file_makes_player_failed(audio, tmp_path):
    bad = tmp_path / "corrupt.ogg"
    bad.write_bytes(os.urandom(8000))
    player = NarrationPlayer(audio)
    player.load(bad)
    assert player.state is S.failed and "corrupt.ogg" in player.error
    player.load(bad, duration=10.0)  # header skipped: pygame's load must catch it
    assert player.state is S.failed and "could not be loaded" in player.error
    player.play()
    player.seek(3)
    assert player.state is S.failed


def test_init_failure_is_silent_and_harmless(monkeypatch, tone3):
    def no_device(*args, **kwargs):
        raise pygame.error("ALSA: Couldn't open audio device")

    monkeypatch.setattr(pygame.mixer, "get_init", lambda: None)
    monkeypatch.setattr(pygame.mixer, "init", no_device)
    backend = PygameAudio()
    assert backend.open() is False and not backend.available
    backend.load("/nonexistent.ogg")  # no-op, no exception
    for call in (backend.play, backend.pause, backend.resume, backend.stop,
                 lambda: backend.seek(1), lambda: backend.set_volume(0.3), backend.close):
        call()
    assert backend.busy() is False and backend.elapsed() == 0.0

    player = NarrationPlayer(backend)
    player.load(tone3)
    assert player.state is S.idle and player.silent
    assert player.duration == pytest.approx(3.0, abs=0.05)
    player.play()  # reads along silently
    assert player.state is S.playing and player.silent
    player.skip(10)
    player.poll()
    assert player.state is S.ended and player.silent


def test_close_then_open_again(tone3):
    backend = PygameAudio()
    assert backend.open()
    backend.close()
    assert not backend.available and not pygame.mixer.get_init()
    assert backend.open()
    backend.load(tone3)
    backend.play()
    assert backend.busy()
    backend.close()


def test_core_never_imports_kivy():
    code = ("import sys, kiosk.audio, kiosk.narration; "
            "assert not [m for m in sys.modules if m.split('.')[0] == 'kivy']")
    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-c", code], cwd=root, check=True)


# -- the device pulled from under a playing narration --------------------------------------

RECORDING = sorted((Path(__file__).resolve().parents[2] / "assets/audio/en").glob("*.ogg"))[0]


def wait_until_heard(audio: PygameAudio, timeout: float = 2.0) -> None:
    """Until the real stream has played something (decoding runs in real time)."""
    t0 = time.monotonic()
    while audio.elapsed() <= 0 and time.monotonic() - t0 < timeout:
        time.sleep(0.01)
    assert audio.elapsed() > 0, "the stream did not start"


def test_mixer_shut_down_under_a_narration_goes_on_silently_and_comes_back(audio):
    clock = FakeClock()  # the kiosk's clock; the stream itself runs in real time
    player = NarrationPlayer(audio, clock=clock)
    player.load(RECORDING)  # a real narration of the tour, ~40 s
    player.play()
    wait_until_heard(audio)
    clock.advance(10)
    assert player.poll() is S.playing and not player.silent

    pygame.mixer.quit()  # the device pulled from under the stream
    assert player.poll() is S.playing and player.silent
    assert not audio.available  # released, to be opened afresh
    clock.advance(5)
    assert player.position == pytest.approx(15)  # the captions go on

    clock.advance(player.duration - 0.6 - player.position)  # the reader is near the end
    assert player.retry_sound() is True
    assert pygame.mixer.get_init() and audio.busy() and player.state is S.playing
    # It plays from where the reader is: the stream ends in well under a second, not ~40 s.
    assert wait_until_not_busy(audio, 5.0) < 2.0


def _pygame_sdl():
    """pygame's own SDL library (ctypes) and the id of the device its mixer plays on."""
    import ctypes

    libs = Path(pygame.__file__).resolve().parent.parent / "pygame.libs"
    for path in sorted(libs.glob("libSDL2-2*.so*")):
        sdl = ctypes.CDLL(str(path))  # the copy pygame already loaded, not a second one
        playing = [device for device in range(1, 16) if sdl.SDL_GetAudioDeviceStatus(device) == 1]
        if len(playing) == 1:
            return sdl, playing[0]
    pytest.skip("pygame's SDL library cannot be reached through ctypes here")


def test_a_device_that_stops_taking_sound_is_noticed_though_get_pos_counts_on(audio):
    clock = FakeClock()
    player = NarrationPlayer(audio, clock=clock)
    player.load(RECORDING)
    player.play()
    wait_until_heard(audio)
    sdl, device = _pygame_sdl()
    # What SDL does with a device that disappeared: it stops calling the mixer.
    sdl.SDL_PauseAudioDevice(device, 1)
    try:
        time.sleep(0.05)  # a mixing round already under way finishes
        audio.elapsed()
        pos = pygame.mixer.music.get_pos()
        time.sleep(MixerPulse.STUCK_AFTER + 0.2)  # real time: the pulse watches a real thread
        assert pygame.mixer.music.get_busy()
        assert pygame.mixer.music.get_pos() > pos  # pygame's position counts on...
        frozen = audio.elapsed()
        time.sleep(0.05)
        assert audio.elapsed() == frozen  # ...what the backend reports does not
        for _ in range(round(2 * player.STALL_GRACE / 0.1)):
            clock.advance(0.1)
            player.poll()
        assert player.silent and player.state is S.playing
    finally:
        if pygame.mixer.get_init():
            sdl.SDL_PauseAudioDevice(device, 0)


FREEZE_CHILD = r"""
import os, sys, time
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"
os.environ["KIVY_NO_ARGS"] = "1"
os.environ["KIVY_NO_CONSOLELOG"] = "1"
import kivy.core.audio.audio_sdl2  # Kivy's own SDL_mixer, loaded before pygame's, as in the app
from kiosk.audio import PygameAudio
audio = PygameAudio()
assert audio.open() and audio._pulse is not None
audio.load(sys.argv[1])
audio.play()
music = audio._pg.mixer.music
ends = time.monotonic() + float(sys.argv[2])
rounds = 0
while time.monotonic() < ends:
    audio._pulse.mixing()       # the beat: a sound on a channel, ending every 10 ms
    audio.pause(); audio.resume()  # a visitor's pause and play, over and over
    music.set_volume(0.5)
    rounds += 1
audio.close()
print("rounds", rounds, flush=True)
"""


def test_pausing_as_a_channel_sound_ends_never_freezes_the_kiosk(tone3):
    # Before quiet_channel_ends, this loop froze for good within 3 s, every time: SDL's
    # audio thread waited for the GIL inside pygame's channel-finished callback while
    # holding the audio lock, and pause() waited for the audio lock holding the GIL.
    child = subprocess.Popen([sys.executable, "-c", FREEZE_CHILD, str(tone3), "4"],
                             cwd=Path(__file__).resolve().parents[2],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        out, err = child.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        pytest.fail("the kiosk froze: pause() waited for ever on SDL's audio lock")
    assert child.returncode == 0, err[-2000:]
    assert int(out.split()[-1]) > 1000


def test_the_callback_is_taken_from_pygames_own_mixer_not_kivys(tmp_path):
    from kiosk.audio import _pygames_mixer_libraries

    site = tmp_path / "site-packages"
    kivys = site / "Kivy.libs" / "libSDL2_mixer-2-600b847e.0.so.0.800.0"
    pygames = site / "pygame.libs" / "libSDL2_mixer-2-673d03d7.0.so.0.600.3"
    for library in (kivys, pygames):
        library.parent.mkdir(parents=True)
        library.write_bytes(b"")
    maps = tmp_path / "maps"
    maps.write_text("".join(  # Kivy's first, as the kiosk loads them; each maps more than once
        f"7feb{n}000-7feb{n}fff r-xp 00000000 08:01 {n} {path}\n"
        for n, path in enumerate([kivys, kivys, pygames, pygames])), encoding="utf-8")
    assert _pygames_mixer_libraries(str(site / "pygame"), str(maps)) == [str(pygames)]
    # a pygame built against the system's SDL_mixer: every copy but Kivy's
    system = tmp_path / "usr/lib/libSDL2_mixer-2.0.so.0"
    system.parent.mkdir(parents=True)
    system.write_bytes(b"")
    maps.write_text(f"1-2 r-xp 0 0 0 {kivys}\n3-4 r-xp 0 0 0 {system}\n", encoding="utf-8")
    assert _pygames_mixer_libraries(str(tmp_path / "dist-packages/pygame"), str(maps)) == [str(system)]
