"""A clock-driven stand-in for the sound card, for tests and the soak.

It follows the ``AudioBackend`` protocol (``kiosk.audio``) and imitates what pygame does
that the player must handle: whole-second WAV seeks, a not-busy glitch, a device pulled out
or one that opens but never plays. No Kivy, no pygame.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Callable, Iterable

from .audio import AudioError, DeviceLost


class FakeAudio:
    """A backend for tests: position advances with an injected clock; records calls.

    ``durations`` maps path -> seconds (else ``default_duration``); ``fail_on`` paths raise
    AudioError on load; ``available=False`` (or ``can_open``) simulates a missing device;
    ``seek_step=1.0`` imitates pygame's whole-second WAV seeks; setting ``not_busy_glitches``
    to n makes the next n ``busy()`` calls lie False. ``unplug()`` and ``plug_in()`` pull
    the speakers out and put them back while the kiosk runs; ``audible`` says whether a
    visitor would hear anything.
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
        self._stalled_at: float | None = None  # clock() when the device stopped taking sound
        self._shut_down = False  # the device was shut down: calls raise DeviceLost
        self._opens_dead = False  # plug_in(dead=True): the next device never plays

    def names(self) -> list[str]:
        """The method names called so far, in order (handy for assertions)."""
        return [c[0] for c in self.calls]

    # --- the speakers pulled out and put back -------------------------------------------

    def unplug(self, *, mixer_quits: bool = False) -> None:
        """The speakers are pulled out while the kiosk runs; open() fails until plug_in().

        As SDL does with a device that disappears, the stream stops moving but still says
        busy and every call still works. With ``mixer_quits`` the device is shut down
        instead: every call but stop, set_volume and close raises DeviceLost, as pygame's
        do after ``mixer.quit()``.
        """
        self._stalled_at = self.clock()
        self._shut_down = mixer_quits
        self.can_open = False

    def plug_in(self, *, dead: bool = False) -> None:
        """The speakers are back: the next open() finds them. The stream that was lost
        stays lost until the device is closed and opened again, as with pygame.

        ``dead``: a device that opens and takes recordings but never plays them (its
        streams stand still from the start), as a half-working USB card can.
        """
        self.can_open = True
        self._opens_dead = dead

    @property
    def audible(self) -> bool:
        """True while a visitor would hear the stream."""
        return (self.available and self._stalled_at is None and self.playing
                and not self.paused and self.position() < self.duration)

    def _stream_clock(self) -> float:
        """The clock the stream moves by: it stands still once the device has stalled."""
        return self.clock() if self._stalled_at is None else self._stalled_at

    def _device(self) -> None:
        if self._shut_down:
            raise DeviceLost("The sound device is gone: mixer not initialized")

    # --- the backend --------------------------------------------------------------------

    @property
    def duration(self) -> float:
        return self.durations.get(str(self.path), self.default_duration)

    def position(self) -> float:
        """Where the simulated stream is now."""
        pos = self._offset
        if self.playing and not self.paused:
            pos += self._stream_clock() - self._since
        return min(pos, self.duration)

    def open(self) -> bool:
        self.calls.append(("open",))
        if self.available and not self._shut_down:
            return True  # like pygame: an initialised mixer is kept, even a stalled one
        self.available = self.can_open
        if self.available:  # a fresh device: nothing loaded, nothing lost
            self.path, self.playing, self.paused = None, False, False
            self._stalled_at = self.clock() if self._opens_dead else None
            self._shut_down = False
        return self.available

    def load(self, path) -> None:
        self.calls.append(("load", str(path)))
        if not self.available:
            return
        self._device()
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
        self._device()
        self._offset, self._since = self._land(start), self._stream_clock()
        self.playing, self.paused = True, False
        return self._offset

    def pause(self) -> None:
        self.calls.append(("pause",))
        if self.playing and not self.paused:
            self._device()
            self._offset, self.paused = self.position(), True

    def resume(self) -> None:
        self.calls.append(("resume",))
        if self.playing and self.paused:
            self._device()
            self._since, self.paused = self._stream_clock(), False

    def stop(self) -> None:
        self.calls.append(("stop",))
        self.playing = self.paused = False
        self._offset = 0.0

    def seek(self, seconds: float) -> float | None:
        self.calls.append(("seek", seconds))
        if not (self.available and self.playing):
            return None
        self._device()
        self._offset, self._since = self._land(seconds), self._stream_clock()
        return self._offset

    def elapsed(self) -> float:
        self._device()
        return self.position() - self._offset if self.playing else 0.0

    def busy(self) -> bool:
        self._device()
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
        self.path = None
        self.available = False
