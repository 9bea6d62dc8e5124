"""The speaker side of narration: the audio backend protocol and the pygame backend.

``NarrationPlayer`` (kiosk.narration) talks only to an ``AudioBackend``. ``PygameAudio``
drives the real sound card through ``pygame.mixer.music`` (streamed, seekable; a
``Sound`` would decode the whole file into memory). ``kiosk.fake_audio.FakeAudio`` is the
clock-driven stand-in for tests. This module must never import Kivy.

Facts measured with pygame 2.6.1 (SDL 2.28.4, SDL_mixer 2.6.3), SDL_AUDIODRIVER=dummy,
that the code below relies on:
- ``mixer.init()`` takes ~2 ms; without a sound card it raises ``pygame.error``
  ("ALSA: Couldn't open audio device"). Afterwards every ``music`` call raises
  "mixer not initialized", so an unavailable backend must not touch pygame at all.
- ``play()`` -> ``get_busy()`` is True within 1 ms (so a not-busy right after play is a
  glitch, not an end). ``get_busy()`` is False while paused and after the natural end.
- ``get_pos()`` (ms) counts from the last ``play()``/``play(start=)`` (resets to 0), is frozen
  while paused, is NOT changed by ``set_pos()``, returns -1 after stop/natural end, and can
  return a stale value after ``load()``. Hence ``elapsed()`` subtracts a base taken at seek.
- ``set_pos(s)`` works while playing and while paused (stays paused; ``unpause`` continues
  from ``s``). It raises "Music isn't playing" after load-before-play and after stop.
- OGG/MP3/FLAC seek exactly. WAV seeks (set_pos and play(start=)) are TRUNCATED TO WHOLE
  SECONDS (1.2, 1.7 and 1.99 all land on 1.0), so ``seek``/``play`` return where playback
  really landed and the player uses that. Prefer OGG Vorbis for content.
- Seeking to >= the duration raises "Position not implemented for music type" (misleading
  text): the player clamps and treats seeking to the end as the end.
- The stream reports not-busy ~0.1-0.15 s before its wall-clock duration (mixer buffer).
- ``load()`` of another file stops the current one. Corrupt/missing files raise
  ``pygame.error`` on load. ``set_volume`` persists across load/play (quantised to 1/128).

And when the device goes away under a playing stream:
- After ``mixer.quit()`` ``get_init()`` is None and EVERY ``music`` call (get_busy, get_pos,
  stop, pause, set_volume, unload, load, play...) raises "mixer not initialized"; a second
  ``mixer.quit()`` is harmless, and ``mixer.init()`` afterwards works (get_busy False,
  get_pos -1 until the next play).
- When SDL stops calling the mixer (what it does with a device that disappeared; imitated
  by pausing SDL's audio device), ``get_busy()`` stays True and ``get_pos()`` KEEPS
  COUNTING: pygame adds the wall-clock time since the mixer last ran. When SDL calls the
  mixer again, get_pos() drops back to the true position. So get_pos() cannot show a
  stalled device; ``MixerPulse`` can: a sound on a channel only finishes inside the mixer.

And a freeze that is pygame's, not the device's: pygame asks SDL_mixer to call back into
Python (``Mix_ChannelFinished``) whenever a sound on a channel ends. That callback runs on
SDL's audio thread, which holds the audio lock while it waits for Python's GIL; pygame's
``music`` calls (pause, unpause, set_volume...) hold the GIL while they wait for the audio
lock. A channel's sound ending just as the UI thread pauses the narration froze the kiosk
for good: once in a soak of 10,000 visitor actions, and within 3 s every time in a loop of
pause/unpause beside the pulse. The kiosk needs nothing from that callback (it asks
``get_busy()``; no end events, no ``Channel.queue``), so :func:`quiet_channel_ends`
unregisters it after each ``mixer.init()``.
"""

from __future__ import annotations

import logging
import math
import os
import time
from pathlib import Path
from typing import Callable, Protocol, runtime_checkable

from .wav import is_wav

log = logging.getLogger(__name__)


class AudioError(Exception):
    """A recording could not be read, loaded or positioned; ``str()`` is a human message."""


class DeviceLost(AudioError):
    """The sound device went away under the kiosk (unplugged, or the mixer shut down).

    Not the recording's fault: the narration goes on silently and the device is tried again.
    """


@runtime_checkable
class AudioBackend(Protocol):
    """What the narration player needs from a speaker.

    When the device goes away, load/play/seek/pause/resume/busy/elapsed raise DeviceLost
    (an AudioError); stop, set_volume and close never raise, so silencing always works.
    """

    available: bool

    def open(self) -> bool: ...  # try to initialise; never raises; retry-safe
    def load(self, path: str | os.PathLike) -> None: ...  # AudioError if unplayable
    def play(self, start: float = 0.0) -> float | None: ...  # returns where it landed
    def pause(self) -> None: ...
    def resume(self) -> None: ...
    def stop(self) -> None: ...
    def seek(self, seconds: float) -> float | None: ...  # absolute; returns where it landed
    # Seconds really played since the last play or seek: it stops growing when the
    # device stops taking sound (the player's sign of a device that vanished).
    def elapsed(self) -> float: ...
    def busy(self) -> bool: ...
    def set_volume(self, v: float) -> None: ...
    def close(self) -> None: ...  # open() may follow


def audio_duration(path: str | os.PathLike) -> float:
    """Duration in seconds read from the file header (soundfile.info; never decodes)."""
    import soundfile  # local: keeps ``import kiosk.audio`` light

    name = Path(path).name
    if not os.path.isfile(path):
        raise AudioError(f"Recording not found: {path}")
    try:
        duration = float(soundfile.info(os.fspath(path)).duration)
    except Exception as exc:  # LibsndfileError, RuntimeError, OSError...
        raise AudioError(f"Cannot read the recording {name}: {exc}") from exc
    if not math.isfinite(duration) or duration <= 0:
        raise AudioError(f"The recording {name} contains no audio")
    return duration


class PygameAudio:
    """The real speaker: ``pygame.mixer.music`` (only the mixer; never pygame.display).

    If no audio device can be opened, ``available`` is False and every call is a no-op.
    """

    def __init__(self, **mixer_args) -> None:
        self._mixer_args = mixer_args  # e.g. frequency=, buffer= for pygame.mixer.init
        self.available = False
        self._volume = 1.0
        self._loaded = False
        self._active = False  # a stream was started and not stopped (may have ended)
        self._paused = False
        self._whole_seconds = False
        self._pos_base = 0  # get_pos() value at the last seek (get_pos ignores set_pos)
        self._last_elapsed = 0.0
        self._pg = None  # the pygame module, imported by open() (not at kiosk.audio import)
        self._pulse: MixerPulse | None = None

    def _music(self):
        """pygame's music stream; DeviceLost if the mixer was shut down under us."""
        if not self._pg.mixer.get_init():
            raise DeviceLost("The sound device is gone (the mixer is not initialised)")
        return self._pg.mixer.music

    def _on_device(self, action):
        """``action(music)``, with any pygame error taken as the device being gone: the
        calls made this way (pause, busy, get_pos...) have no other way to fail."""
        try:
            return action(self._music())
        except self._pg.error as exc:
            raise DeviceLost(f"The sound device is gone: {exc}") from exc

    def open(self) -> bool:
        """Initialise the mixer if needed; returns ``available``. Never raises."""
        try:
            os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
            import pygame

            if not pygame.mixer.get_init():
                pygame.mixer.init(**self._mixer_args)  # mixer only: no display init
                self._pulse = None  # a Sound belongs to the mixer it was made in
            pygame.mixer.music.set_volume(self._volume)
            self._pg, self.available = pygame, True
        except Exception as exc:  # pygame.error (no device), ImportError, ...
            log.warning("No audio device, narration is silent: %s", exc)
            self.available = False
            return False
        # Without this, the pulse's beat (ending a hundred times a second) could freeze
        # the kiosk; where it cannot be done, the pulse is not started.
        if self._pulse is None and quiet_channel_ends(pygame):
            self._pulse = MixerPulse.start(pygame)
        return True

    def load(self, path: str | os.PathLike) -> None:
        if not self.available:
            return
        name = Path(path).name
        if not os.path.isfile(path):
            raise AudioError(f"Recording not found: {path}")
        self.stop()
        music = self._music()
        try:
            music.load(os.fspath(path))
        except self._pg.error as exc:
            self._loaded = False
            raise AudioError(f"The recording {name} could not be loaded: {exc}") from exc
        self._loaded = True
        self._whole_seconds = is_wav(path)  # SDL_mixer truncates a WAV's seeks to whole seconds

    def _landing(self, seconds: float) -> float:
        target = max(0.0, float(seconds))
        return float(int(target)) if self._whole_seconds else target

    def play(self, start: float = 0.0) -> float | None:
        if not (self.available and self._loaded):
            return None
        landed = self._landing(start)
        music = self._music()
        try:
            music.play(start=landed)
        except self._pg.error as exc:
            raise AudioError(f"Cannot play from {landed:.1f} s: {exc}") from exc
        self._active, self._paused = True, False
        self._pos_base, self._last_elapsed = 0, 0.0  # play() resets get_pos to 0
        return landed

    def pause(self) -> None:
        if self.available and self._active and not self._paused:
            self._on_device(lambda music: music.pause())
            self._paused = True

    def resume(self) -> None:
        if self.available and self._active and self._paused:
            self._on_device(lambda music: music.unpause())
            self._paused = False

    def stop(self) -> None:
        if self.available and self._loaded:
            try:
                self._on_device(lambda music: music.stop())
            except DeviceLost:
                pass  # a device that is gone plays nothing: stopped as asked
        self._active = self._paused = False

    def seek(self, seconds: float) -> float | None:
        if not (self.available and self._loaded and self._active):
            return None  # nothing streaming: the next play(start=) positions it
        landed = self._landing(seconds)
        music = self._music()
        try:
            if self._paused or music.get_busy():
                music.set_pos(landed)  # stays paused if paused (measured)
                self._pos_base = max(music.get_pos(), 0)
                self._last_elapsed = 0.0
            else:  # the stream ran out but the caller still plays: restart there
                return self.play(landed)
        except self._pg.error as exc:
            raise AudioError(f"Cannot seek to {landed:.1f} s: {exc}") from exc
        return landed

    def elapsed(self) -> float:
        """Seconds played since the last play/seek; it stops growing when SDL stops
        feeding the mixer (get_pos alone would go on counting: see the module notes)."""
        if not (self.available and self._active):
            return 0.0
        pos = self._on_device(lambda music: music.get_pos())
        if pos >= 0 and self._mixing():  # -1 once stopped/ended: keep the last measurement
            self._last_elapsed = max(0, pos - self._pos_base) / 1000.0
        return self._last_elapsed

    def _mixing(self) -> bool:
        if self._pulse is None:  # no pulse could be made: trust get_pos
            return True
        try:
            return self._pulse.mixing()
        except self._pg.error as exc:
            raise DeviceLost(f"The sound device is gone: {exc}") from exc

    def busy(self) -> bool:
        return bool(self.available and self._active
                    and self._on_device(lambda music: music.get_busy()))

    def set_volume(self, v: float) -> None:
        self._volume = min(1.0, max(0.0, float(v)))
        if self.available:
            try:
                self._on_device(lambda music: music.set_volume(self._volume))
            except DeviceLost:
                pass  # open() sets it on the next device

    def close(self) -> None:
        """Release the device; ``open()`` may initialise it again later. Never raises."""
        if self.available:
            try:
                self.stop()
                self._on_device(lambda music: music.unload())
            except DeviceLost:
                pass  # already shut down under us
            finally:
                self._pg.mixer.quit()  # harmless on a mixer that is already shut down
        self._pulse = None
        self.available = self._loaded = self._active = self._paused = False


def _pygames_mixer_libraries(pygame_dir: str, maps: str = "/proc/self/maps") -> list[str]:
    """The SDL_mixer libraries this process has loaded that are pygame's own.

    Kivy brings its own copy too (Kivy.libs), loaded first in the kiosk: pygame's is the
    one in its wheel's ``pygame.libs``; with a pygame built against the system's, every
    copy not Kivy's."""
    loaded = []
    try:
        with open(maps, encoding="utf-8", errors="replace") as mapped:
            for line in mapped:
                path = line.rstrip("\n").split(maxsplit=5)[-1]
                if "libSDL2_mixer" in os.path.basename(path) and path not in loaded \
                        and os.path.isfile(path):
                    loaded.append(path)
    except OSError:
        return []
    bundled = [path for path in loaded if path.startswith(pygame_dir)]  # pygame(.libs)/
    return bundled or [path for path in loaded if "kivy" not in path.lower()]


def quiet_channel_ends(pygame) -> bool:
    """Stop pygame's SDL_mixer calling into Python when a channel's sound ends (see the
    module's note: that call, from SDL's audio thread, can freeze the UI thread for
    good). Call after ``pygame.mixer.init()``, which registers it. True when done. Never
    raises."""
    import ctypes

    libraries = _pygames_mixer_libraries(os.path.dirname(pygame.__file__))
    if not libraries:
        log.warning("pygame's SDL_mixer not found among the loaded libraries: the sound "
                    "device's pulse is not started")
        return False
    try:
        for path in libraries:
            finished = ctypes.CDLL(path).Mix_ChannelFinished  # ctypes lets the GIL go
            finished.argtypes, finished.restype = [ctypes.c_void_p], None
            finished(None)
    except (OSError, AttributeError) as exc:
        log.warning("SDL_mixer's channel callback cannot be removed (%s): the sound "
                    "device's pulse is not started", exc)
        return False
    return True


class MixerPulse:
    """Tells whether SDL still feeds the mixer: a silent 10 ms beat on a reserved channel.

    A device that disappears leaves ``music.get_busy()`` True and ``music.get_pos()``
    counting on (pygame adds the wall-clock time since the mixer last ran), so neither
    shows it. A sound on a channel finishes only inside the mixer: a beat still playing
    long after it was sent means nothing is being mixed, so nothing reaches the speakers.
    """

    #: A beat unfinished after this long (seconds): the mixer is not being called.
    #: Mixing a beat takes ~10 ms plus one device buffer.
    STUCK_AFTER = 0.5

    def __init__(self, pygame, clock: Callable[[], float] = time.monotonic) -> None:
        pygame.mixer.set_reserved(1)  # channel 0 is the pulse's: Sound.play() never takes it
        self._channel = pygame.mixer.Channel(0)
        frequency, size, channels = pygame.mixer.get_init()
        frames = max(1, frequency // 100)
        self._beat = pygame.mixer.Sound(buffer=bytes(frames * channels * (abs(size) // 8)))
        self._beat.set_volume(0.0)  # silent whatever the sample format
        self._clock = clock
        self._sent_at: float | None = None

    @classmethod
    def start(cls, pygame) -> MixerPulse | None:
        """A pulse on the open mixer, or None (then a stalled device goes unnoticed)."""
        try:
            return cls(pygame)
        except Exception as exc:  # pygame.error, an unexpected sample format...
            log.warning("Cannot watch the sound device for stalls: %s", exc)
            return None

    def mixing(self) -> bool:
        """True while the mixer runs; call it often (each call may send the next beat)."""
        now = self._clock()
        if self._sent_at is None or not self._channel.get_busy():
            self._channel.play(self._beat)  # the last beat was mixed: send the next
            self._sent_at = now
            return True
        return now - self._sent_at < self.STUCK_AFTER
