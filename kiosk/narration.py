"""The visitor's narration player: a small state machine over an ``AudioBackend``.

The UI calls the controls (play, pause, seek, skip...), reads ``position``/``fraction`` for
the progress bar and captions, and calls ``poll()`` a few times a second to notice the
natural end. No Kivy here.
"""

from __future__ import annotations

import logging
import os
import time
from enum import Enum
from typing import Callable

from kiosk.audio import AudioBackend, AudioError, audio_duration

log = logging.getLogger(__name__)


class NarrationState(str, Enum):
    """What the visitor's player is doing."""

    idle = "idle"  # loaded, at 0, not started
    playing = "playing"
    paused = "paused"  # silent at ``position``; play() continues from there
    ended = "ended"  # reached the end; position == duration
    unavailable = "unavailable"  # no audio device (duration still known: captions work)
    failed = "failed"  # the recording could not be loaded; see ``error``


Listener = Callable[["NarrationPlayer"], None]


class NarrationPlayer:
    """Plays one recording at a time for the visitor.

    Position is kept here, from the injected ``clock``: offset at the last play/seek/pause
    plus clock time since, while playing. Why the clock and not ``backend.elapsed()``:
    pygame's get_pos() ignores set_pos, returns -1 after stop/end and can be stale after
    load, so it needs bookkeeping anyway; the clock is deterministic in tests (one fake
    clock drives FakeAudio and the player) and drift against the sound card is ~ppm, reset
    at every play/seek. Likewise the state is kept here, since get_busy() is False while
    paused.

    Seeking from ``idle`` or ``ended`` to a point before the end leaves the player
    ``paused`` at that point ("ready"): play() then starts there. Seeking to the end (or a
    skip past it) ends the narration: state ``ended``. ``stop()`` means the visitor left
    the stop: silence, ``idle``, position 0.
    """

    #: poll(): a not-busy backend this close to the end is the natural end.
    END_TOLERANCE = 0.5
    #: poll(): ...but only after this long since the last (re)start (skips launch glitches).
    START_GRACE = 0.25
    #: poll(): not busy for this long anywhere is an end too (header duration too long).
    NOT_BUSY_GRACE = 1.0

    def __init__(self, backend: AudioBackend, clock: Callable[[], float] = time.monotonic):
        self.backend = backend
        self.clock = clock
        self.path: str | None = None
        self.duration = 0.0
        self.error: str | None = None
        self.volume = 1.0
        self._state = NarrationState.idle
        self._offset = 0.0  # position at the last play/seek/pause
        self._started = 0.0  # clock() when playing (re)started
        self._armed = False  # the backend holds a paused stream that resume() continues
        self._not_busy_since: float | None = None
        self._listeners: list[Listener] = []

    # --- observers -------------------------------------------------------------------

    def add_listener(self, callback: Listener) -> None:
        """Call ``callback(player)`` on every state change and on every seek."""
        self._listeners.append(callback)

    def remove_listener(self, callback: Listener) -> None:
        if callback in self._listeners:
            self._listeners.remove(callback)

    def _notify(self) -> None:
        for callback in list(self._listeners):
            try:
                callback(self)
            except Exception:  # a broken display must not stop the narration
                log.exception("Narration listener %r failed", callback)

    def _set_state(self, state: NarrationState, *, force: bool = False) -> None:
        changed = state != self._state
        self._state = state
        if changed or force:
            self._notify()

    # --- read-outs -------------------------------------------------------------------

    @property
    def state(self) -> NarrationState:
        return self._state

    @property
    def position(self) -> float:
        """Seconds into the recording, in [0, duration]."""
        pos = self._offset
        if self._state is NarrationState.playing:
            pos += self.clock() - self._started
        return min(max(pos, 0.0), self.duration)

    @property
    def remaining(self) -> float:
        return max(0.0, self.duration - self.position)

    @property
    def fraction(self) -> float:
        """Progress 0..1 (0 when the duration is unknown)."""
        return self.position / self.duration if self.duration > 0 else 0.0

    # --- loading ---------------------------------------------------------------------

    def load(self, path: str | os.PathLike, duration: float | None = None) -> None:
        """Prepare a recording (stopping any other). Never raises; see ``state``/``error``."""
        self._silence()
        self.path, self.error = os.fspath(path), None
        self._offset, self.duration = 0.0, 0.0
        try:
            known = duration is not None and duration > 0
            self.duration = float(duration) if known else audio_duration(path)
            # retry the device on every load: a sound card may come back (USB, PulseAudio)
            if self.backend.available or self.backend.open():
                self.backend.load(path)
                state = NarrationState.idle
            else:
                state = NarrationState.unavailable
        except AudioError as exc:
            state = self._fail(exc)
        self._set_state(state, force=True)

    def unload(self) -> None:
        """Forget the recording: silence, idle, nothing loaded."""
        self._silence()
        self.path, self.error, self.duration, self._offset = None, None, 0.0, 0.0
        self._set_state(NarrationState.idle, force=True)

    def _fail(self, exc: Exception) -> NarrationState:
        self.error = str(exc) or "The recording could not be played"
        log.warning("Narration failed (%s): %s", self.path, self.error)
        self._silence()
        return NarrationState.failed

    def _silence(self) -> None:
        self.backend.stop()  # no-op on an unavailable backend
        self._armed = False
        self._not_busy_since = None

    # --- controls --------------------------------------------------------------------

    def play(self) -> None:
        """Start (from idle/ended: at 0; from a paused point: there). Never raises."""
        state = self._state
        if state is NarrationState.unavailable and self.path is not None:
            if not self.backend.open():
                return
            try:  # the device came back since load(): load for real now
                self.backend.load(self.path)
            except AudioError as exc:
                self._set_state(self._fail(exc))
                return
            state = NarrationState.paused if self._offset > 0 else NarrationState.idle
        if state is NarrationState.paused:
            self._start(self._offset, resume=self._armed)
        elif state in (NarrationState.idle, NarrationState.ended) and self.path:
            self._start(0.0, resume=False)

    def _start(self, at: float, *, resume: bool) -> None:
        try:
            if resume:
                self.backend.resume()
                landed = None
            else:
                landed = self.backend.play(at)
        except AudioError as exc:
            self._set_state(self._fail(exc))
            return
        self._offset = landed if isinstance(landed, (int, float)) else at
        self._started, self._armed, self._not_busy_since = self.clock(), True, None
        self._set_state(NarrationState.playing)

    def pause(self) -> None:
        if self._state is NarrationState.playing:
            self._offset = self.position
            self.backend.pause()
            self._set_state(NarrationState.paused)

    def resume(self) -> None:
        if self._state is NarrationState.paused:
            self.play()

    def toggle(self) -> None:
        """The one big play/pause button."""
        if self._state is NarrationState.playing:
            self.pause()
        else:
            self.play()

    def stop(self) -> None:
        """The visitor left the stop: silence, position 0, idle (device/file states stay)."""
        self._silence()
        self._offset = 0.0
        if self._state in (NarrationState.unavailable, NarrationState.failed):
            return
        self._set_state(NarrationState.idle)

    def seek(self, seconds: float) -> None:
        """Jump to ``seconds`` (clamped to [0, duration]) in any state but ``failed``."""
        state = self._state
        if state is NarrationState.failed or self.path is None:
            return
        target = min(max(float(seconds), 0.0), self.duration)
        if state is NarrationState.unavailable:
            self._offset = target  # nothing to hear, but captions can follow
        elif target >= self.duration:
            self._silence()
            self._offset = self.duration
            self._state = NarrationState.ended
        elif state is NarrationState.playing or (state is NarrationState.paused and self._armed):
            try:
                landed = self.backend.seek(target)
            except AudioError as exc:  # keep playing where we were
                log.warning("Seek to %.1f s failed: %s", target, exc)
                return
            if state is NarrationState.playing:
                self._started, self._not_busy_since = self.clock(), None
            self._offset = landed if isinstance(landed, (int, float)) else target
        else:  # idle, ended, or paused without a stream: ready at target
            self._offset = target
            self._state = NarrationState.paused
        self._notify()

    def skip(self, delta: float = 10.0) -> None:
        """Jump ``delta`` seconds forward (negative: back), clamped like seek()."""
        self.seek(self.position + delta)

    def set_volume(self, v: float) -> None:
        self.volume = min(1.0, max(0.0, float(v)))
        self.backend.set_volume(self.volume)

    # --- end detection ---------------------------------------------------------------

    def poll(self) -> NarrationState:
        """Notice the natural end; call a few times a second. Returns the state.

        The end is: playing, backend not busy, and either near the end (after a short
        grace since the last start, so a launch glitch cannot end it) or not busy for
        ``NOT_BUSY_GRACE`` seconds (the file was shorter than its header said).
        """
        if self._state is not NarrationState.playing:
            return self._state
        if self.backend.busy():
            self._not_busy_since = None
            return self._state
        now = self.clock()
        if self._not_busy_since is None:
            self._not_busy_since = now
        near_end = self.position >= self.duration - self.END_TOLERANCE
        settled = now - self._started >= self.START_GRACE
        if (near_end and settled) or now - self._not_busy_since >= self.NOT_BUSY_GRACE:
            self._silence()
            self._offset = self.duration
            self._set_state(NarrationState.ended)
        return self._state
