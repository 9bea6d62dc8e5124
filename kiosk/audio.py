"""The speaker side of narration: an audio backend protocol, pygame and fake backends.

``NarrationPlayer`` (kiosk.narration) talks only to an ``AudioBackend``. ``PygameAudio``
drives the real sound card through ``pygame.mixer.music`` (streamed, seekable; a
``Sound`` would decode the whole file into memory). ``FakeAudio`` is a clock-driven stand-in
for tests. This module must never import Kivy.

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
"""

from __future__ import annotations

import logging
import math
import os
from pathlib import Path
from typing import Callable, Iterable, Protocol, runtime_checkable

log = logging.getLogger(__name__)


class AudioError(Exception):
    """A recording could not be read, loaded or positioned; ``str()`` is a human message."""


@runtime_checkable
class AudioBackend(Protocol):
    """What the narration player needs from a speaker."""

    available: bool

    def open(self) -> bool: ...  # try to initialise; never raises; retry-safe
    def load(self, path: str | os.PathLike) -> None: ...  # AudioError if unplayable
    def play(self, start: float = 0.0) -> float | None: ...  # returns where it landed
    def pause(self) -> None: ...
    def resume(self) -> None: ...
    def stop(self) -> None: ...
    def seek(self, seconds: float) -> float | None: ...  # absolute; returns where it landed
    def elapsed(self) -> float: ...
    def busy(self) -> bool: ...
    def set_volume(self, v: float) -> None: ...
    def close(self) -> None: ...


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


def _is_wav(path: str | os.PathLike) -> bool:
    """True for RIFF/WAVE files, whose seeks SDL_mixer 2.6.3 truncates to whole seconds."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(12)
    except OSError:
        return False
    return head[:4] == b"RIFF" and head[8:12] == b"WAVE"


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

    def _music(self):
        return self._pg.mixer.music

    def open(self) -> bool:
        """Initialise the mixer if needed; returns ``available``. Never raises."""
        try:
            os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
            import pygame

            if not pygame.mixer.get_init():
                pygame.mixer.init(**self._mixer_args)  # mixer only: no display init
            pygame.mixer.music.set_volume(self._volume)
            self._pg, self.available = pygame, True
        except Exception as exc:  # pygame.error (no device), ImportError, ...
            log.warning("No audio device, narration is silent: %s", exc)
            self.available = False
        return self.available

    def load(self, path: str | os.PathLike) -> None:
        if not self.available:
            return
        name = Path(path).name
        if not os.path.isfile(path):
            raise AudioError(f"Recording not found: {path}")
        self.stop()
        try:
            self._music().load(os.fspath(path))
        except self._pg.error as exc:
            self._loaded = False
            raise AudioError(f"The recording {name} could not be loaded: {exc}") from exc
        self._loaded = True
        self._whole_seconds = _is_wav(path)

    def _landing(self, seconds: float) -> float:
        target = max(0.0, float(seconds))
        return float(int(target)) if self._whole_seconds else target

    def play(self, start: float = 0.0) -> float | None:
        if not (self.available and self._loaded):
            return None
        landed = self._landing(start)
        try:
            self._music().play(start=landed)
        except self._pg.error as exc:
            raise AudioError(f"Cannot play from {landed:.1f} s: {exc}") from exc
        self._active, self._paused = True, False
        self._pos_base, self._last_elapsed = 0, 0.0  # play() resets get_pos to 0
        return landed

    def pause(self) -> None:
        if self.available and self._active and not self._paused:
            self._music().pause()
            self._paused = True

    def resume(self) -> None:
        if self.available and self._active and self._paused:
            self._music().unpause()
            self._paused = False

    def stop(self) -> None:
        if self.available and self._loaded:
            self._music().stop()
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
        if not (self.available and self._active):
            return 0.0
        pos = self._music().get_pos()
        if pos >= 0:  # -1 once stopped/ended: keep the last measurement
            self._last_elapsed = max(0, pos - self._pos_base) / 1000.0
        return self._last_elapsed

    def busy(self) -> bool:
        return bool(self.available and self._active and self._music().get_busy())

    def set_volume(self, v: float) -> None:
        self._volume = min(1.0, max(0.0, float(v)))
        if self.available:
            self._music().set_volume(self._volume)

    def close(self) -> None:
        """Release the device; ``open()`` may initialise it again later."""
        if self.available:
            try:
                self.stop()
                self._music().unload()
            finally:
                self._pg.mixer.quit()
        self.available = self._loaded = self._active = self._paused = False


class FakeAudio:
    """A backend for tests: position advances with an injected clock; records calls.

    ``durations`` maps path -> seconds (else ``default_duration``); ``fail_on`` paths raise
    AudioError on load; ``available=False`` (or ``can_open``) simulates a missing device;
    ``seek_step=1.0`` imitates pygame's whole-second WAV seeks; setting ``not_busy_glitches``
    to n makes the next n ``busy()`` calls lie False.
    """

    def __init__(self, clock: Callable[[], float], *, available: bool = True,
                 durations: dict[str, float] | None = None, default_duration: float = 60.0,
                 fail_on: Iterable[str] = (), seek_step: float = 0.0) -> None:
        self.clock = clock
        self.can_open = self.available = available
        self.durations = {str(k): v for k, v in (durations or {}).items()}
        self.default_duration = default_duration
        self.fail_on = {str(p) for p in fail_on}
        self.seek_step = seek_step
        self.not_busy_glitches = 0
        self.calls: list[tuple] = []
        self.volume = 1.0
        self.path: str | None = None
        self.playing = self.paused = False
        self._offset = self._since = 0.0

    def names(self) -> list[str]:
        """The method names called so far, in order (handy for assertions)."""
        return [c[0] for c in self.calls]

    @property
    def duration(self) -> float:
        return self.durations.get(str(self.path), self.default_duration)

    def position(self) -> float:
        """Where the simulated stream is now."""
        pos = self._offset
        if self.playing and not self.paused:
            pos += self.clock() - self._since
        return min(pos, self.duration)

    def open(self) -> bool:
        self.calls.append(("open",))
        self.available = self.can_open
        return self.available

    def load(self, path) -> None:
        self.calls.append(("load", str(path)))
        if not self.available:
            return
        self.stop()
        if str(path) in self.fail_on:
            raise AudioError(f"The recording {Path(path).name} could not be loaded: corrupt")
        self.path = str(path)

    def _land(self, seconds: float) -> float:
        s = max(0.0, float(seconds))
        return math.floor(s / self.seek_step) * self.seek_step if self.seek_step else s

    def play(self, start: float = 0.0) -> float | None:
        self.calls.append(("play", start))
        if not (self.available and self.path):
            return None
        self._offset, self._since = self._land(start), self.clock()
        self.playing, self.paused = True, False
        return self._offset

    def pause(self) -> None:
        self.calls.append(("pause",))
        if self.playing and not self.paused:
            self._offset, self.paused = self.position(), True

    def resume(self) -> None:
        self.calls.append(("resume",))
        if self.playing and self.paused:
            self._since, self.paused = self.clock(), False

    def stop(self) -> None:
        self.calls.append(("stop",))
        self.playing = self.paused = False
        self._offset = 0.0

    def seek(self, seconds: float) -> float | None:
        self.calls.append(("seek", seconds))
        if not (self.available and self.playing):
            return None
        self._offset, self._since = self._land(seconds), self.clock()
        return self._offset

    def elapsed(self) -> float:
        return self.position() - self._offset if self.playing else 0.0

    def busy(self) -> bool:
        if self.not_busy_glitches > 0:
            self.not_busy_glitches -= 1
            return False
        return self.playing and not self.paused and self.position() < self.duration

    def set_volume(self, v: float) -> None:
        self.calls.append(("set_volume", v))
        self.volume = v

    def close(self) -> None:
        self.calls.append(("close",))
        self.stop()
        self.available = False
