"""The visitor's narration player: a small state machine over an ``AudioBackend``.

The UI calls the controls (play, pause, seek, skip...), reads ``position``/``fraction`` for
the progress bar and captions, and calls ``poll()`` a few times a second to notice the
natural end and a sound device that went away. No Kivy here.
"""

from __future__ import annotations

import logging
import os
import time
from enum import Enum
from typing import Callable

from kiosk.audio import AudioBackend, AudioError, DeviceLost, audio_duration

log = logging.getLogger(__name__)


class NarrationState(str, Enum):
    """What the visitor's player is doing (with sound or, see ``silent``, without)."""

    idle = "idle"  # loaded, at 0, not started
    playing = "playing"
    paused = "paused"  # still at ``position``; play() continues from there
    ended = "ended"  # reached the end; position == duration
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

    Because the clock keeps the position, the narration can go on without sound: when
    there is no sound device, or it goes away while playing (``poll`` notices), the player
    is ``silent``. Every control works as before, the position (and with it the captions)
    moves on the clock, and ``retry_sound()`` gives the recording to the device again,
    playing from where the reader is. A device that took the recording back stays on
    trial, and the player ``silent``, until ``SOUND_HEARD`` seconds of it have been played:
    a device that opens but plays nothing (it stalls again) never makes the kiosk say the
    sound is back, only to take it back two seconds later.

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
    #: poll(): a busy backend whose progress (elapsed) has not moved for this long while
    #: the clock did has lost its device: SDL stops feeding a device that disappeared.
    STALL_GRACE = 2.0
    #: Seconds a device on trial (after the sound was lost) must be heard playing before
    #: the player stops being silent. More than a stalled device's progress can show
    #: (pygame's counter runs on for MixerPulse.STUCK_AFTER after the mixer stops).
    SOUND_HEARD = 1.0

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
        self._sound = False  # the backend holds this recording on a working device
        self._doubted = False  # sound went missing and has not been heard since
        self._trial_from: float | None = None  # the progress a trial is measured from
        self._armed = False  # the backend holds a paused stream that resume() continues
        self._not_busy_since: float | None = None
        self._heard: float | None = None  # the backend's progress when last seen to move
        self._heard_at = 0.0  # ...and clock() then
        self._listeners: list[Listener] = []

    # --- observers -------------------------------------------------------------------

    def add_listener(self, callback: Listener) -> None:
        """Call ``callback(player)`` on every state change, seek, and sound lost or back."""
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
    def silent(self) -> bool:
        """A recording is loaded but no sound reaches the visitor (no device, or it went
        away): the narration runs on the clock alone, for reading along."""
        return self._loaded() and (not self._sound or self._doubted)

    def _loaded(self) -> bool:
        return self.path is not None and self._state is not NarrationState.failed

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
        """Prepare a recording (stopping any other). Never raises; see ``state``/``error``.

        Without a sound device the recording is still ready, ``silent``: its duration is
        known, so play() runs the captions on the clock.
        """
        self._silence()
        self.path, self.error, self._sound = os.fspath(path), None, False
        self._offset, self.duration = 0.0, 0.0
        try:
            known = duration is not None and duration > 0
            self.duration = float(duration) if known else audio_duration(path)
            self._sound = self._give_to_device()
            state = NarrationState.idle
        except AudioError as exc:
            state = self._fail(exc)
        self._set_state(state, force=True)

    def unload(self) -> None:
        """Forget the recording: silence, idle, nothing loaded."""
        self._silence()
        self.path, self.error, self.duration, self._offset = None, None, 0.0, 0.0
        self._set_state(NarrationState.idle, force=True)

    def _give_to_device(self) -> bool:
        """Open the device if needed and load the recording into it; False if there is no
        device to take it. AudioError (not DeviceLost) if the recording is unplayable."""
        # Tried on every load too: a sound card may come back (USB, PulseAudio).
        if not (self.backend.available or self.backend.open()):
            self._doubted = True
            return False
        try:
            self.backend.load(self.path)
        except DeviceLost as exc:  # the device went away since it was opened
            log.warning("No sound for %s: %s", self.path, exc)
            self.backend.close()
            self._doubted = True
            return False
        return True

    def _fail(self, exc: Exception) -> NarrationState:
        self.error = str(exc) or "The recording could not be played"
        log.warning("Narration failed (%s): %s", self.path, self.error)
        self._silence()
        return NarrationState.failed

    def _silence(self) -> None:
        self.backend.stop()  # never raises; a no-op on an unavailable backend
        self._armed = False
        self._not_busy_since = None

    # --- sound lost and found ----------------------------------------------------------

    def _lose_sound(self, why: object) -> None:
        """The device stopped taking sound: go on silently on the clock, release it."""
        if self._doubted:  # on trial: it took the recording but did not play it
            log.info("The sound device opened but plays nothing (%s); still silent", why)
        else:
            log.warning("Sound lost at %.1f s of %s (%s); the narration goes on silently",
                        self.position, self.path, why)
        self._sound = self._armed = False
        self._doubted = True
        self._not_busy_since = None
        self.backend.close()  # never raises; retry_sound() opens it afresh
        self._notify()

    def retry_sound(self) -> bool:
        """Close the device, open it again and give it the recording; True if the device
        took it. Playing, it starts where the reader is; paused, play() starts there. The
        player stays ``silent`` until the device has been heard playing (SOUND_HEARD)."""
        if self._sound or not self._loaded():
            return self._sound
        self.backend.close()  # a device that stalled is still "open": start afresh
        try:
            self._sound = self._give_to_device()
        except AudioError as exc:  # the recording itself went bad meanwhile
            self._set_state(self._fail(exc))
            return False
        if not self._sound:
            return False
        log.info("The sound device took %s again at %.1f s; listening for it",
                 self.path, self.position)
        if self._state is NarrationState.playing:
            self._start(self.position, resume=False)
        self._notify()
        return self._sound

    def _watch_progress(self) -> None:
        """(Re)start watching the backend's progress: after every play, resume or seek."""
        self._heard, self._heard_at = None, self.clock()
        self._not_busy_since = None
        self._trial_from = None

    def _stalled(self, progress: float) -> bool:
        """True when the backend's progress has not moved for ``STALL_GRACE`` seconds."""
        now = self.clock()
        if progress != self._heard:
            self._heard, self._heard_at = progress, now
            return False
        return now - self._heard_at >= self.STALL_GRACE

    # --- controls --------------------------------------------------------------------

    def play(self) -> None:
        """Start (from idle/ended: at 0; from a paused point: there). Never raises.

        Without a device, it first tries it again: the visitor asked for sound."""
        if not self._sound:
            self.retry_sound()
        state = self._state
        if state is NarrationState.paused:
            self._start(self._offset, resume=self._armed)
        elif state in (NarrationState.idle, NarrationState.ended) and self.path:
            self._start(0.0, resume=False)

    def _start(self, at: float, *, resume: bool) -> None:
        landed = None
        if self._sound:
            try:
                if resume:
                    self.backend.resume()
                else:
                    landed = self.backend.play(at)
            except DeviceLost as exc:
                self._lose_sound(exc)  # and start silently
            except AudioError as exc:
                self._set_state(self._fail(exc))
                return
        self._offset = landed if isinstance(landed, (int, float)) else at
        self._started, self._armed = self.clock(), self._sound
        self._watch_progress()
        self._set_state(NarrationState.playing)

    def pause(self) -> None:
        if self._state is NarrationState.playing:
            self._offset = self.position
            if self._sound:
                try:
                    self.backend.pause()
                except DeviceLost as exc:
                    self._lose_sound(exc)
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
        """The visitor left the stop: silence, position 0, idle (a failed file stays so)."""
        self._silence()
        self._offset = 0.0
        if self._state is NarrationState.failed:
            return
        self._set_state(NarrationState.idle)

    def seek(self, seconds: float) -> None:
        """Jump to ``seconds`` (clamped to [0, duration]) in any state but ``failed``."""
        state = self._state
        if state is NarrationState.failed or self.path is None:
            return
        target = min(max(float(seconds), 0.0), self.duration)
        if target >= self.duration:
            self._silence()
            self._offset = self.duration
            self._state = NarrationState.ended
        elif state is NarrationState.playing or (state is NarrationState.paused and self._armed):
            landed = None
            if self._sound:
                try:
                    landed = self.backend.seek(target)
                except DeviceLost as exc:
                    self._lose_sound(exc)  # and go on silently from the target
                except AudioError as exc:  # keep playing where we were
                    log.warning("Seek to %.1f s failed: %s", target, exc)
                    return
            if state is NarrationState.playing:
                self._started = self.clock()
                self._watch_progress()
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

    # --- watching the playback ---------------------------------------------------------

    def poll(self) -> NarrationState:
        """Notice the natural end and a lost device; call a few times a second.

        The end is: playing, backend not busy, and either near the end (after a short
        grace since the last start, so a launch glitch cannot end it) or not busy for
        ``NOT_BUSY_GRACE`` seconds (the file was shorter than its header said). Silent,
        the end is the clock reaching the duration.

        The device is lost when the backend says so (DeviceLost or any AudioError from
        busy()/elapsed()), or when it is busy but its progress stands still for
        ``STALL_GRACE`` seconds. Not busy is never taken for a loss: that is how a stream
        ends, early or not.
        """
        if self._state is not NarrationState.playing:
            return self._state
        if self._sound:
            self._watch_backend()
        if not self._sound:
            if self.position >= self.duration:
                self._end()
        return self._state

    def _watch_backend(self) -> None:
        try:
            busy = self.backend.busy()
            progress = self.backend.elapsed()
        except AudioError as exc:
            self._lose_sound(exc)
            return
        if busy:
            self._not_busy_since = None
            if self._stalled(progress):
                self._lose_sound(f"no sound played for {self.STALL_GRACE:.0f} s")
            elif self._doubted:
                self._try_out(progress)
            return
        now = self.clock()
        if self._not_busy_since is None:
            self._not_busy_since = now
        near_end = self.position >= self.duration - self.END_TOLERANCE
        settled = now - self._started >= self.START_GRACE
        if (near_end and settled) or now - self._not_busy_since >= self.NOT_BUSY_GRACE:
            self._end()

    def _try_out(self, progress: float) -> None:
        """A device on trial: the sound is back once it has played SOUND_HEARD seconds."""
        if self._trial_from is None or progress < self._trial_from:
            self._trial_from = progress
        elif progress - self._trial_from >= self.SOUND_HEARD:
            self._doubted = False
            log.info("Sound is back for %s at %.1f s", self.path, self.position)
            self._notify()

    def _end(self) -> None:
        self._silence()
        self._offset = self.duration
        self._set_state(NarrationState.ended)
