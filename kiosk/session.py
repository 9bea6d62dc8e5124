"""A fresh kiosk for each visitor: the idle timer that notices a visitor has walked away.

After ``idle_timeout`` seconds with no touch and no narration playing, the kiosk asks
"Are you still there?"; if nobody answers within ``countdown`` seconds, it starts afresh
(home screen, default language and volume) so the next visitor does not find someone
else's stop half-heard. The UI calls ``tick()`` a few times a second. No Kivy here.
"""

from __future__ import annotations

import math
import time
from typing import Callable, Literal

SessionState = Literal["active", "asking", "resting"]
SessionEvent = Literal["ask", "reset"]


class VisitorSession:
    """The idle timer, driven by an injected ``clock`` (fake in tests: no sleeping).

    States: ``active`` (a visitor may be here), ``asking`` (the question is on screen,
    counting down), ``resting`` (the kiosk was reset and waits for the next visitor's first
    touch; nothing to ask). It starts ``resting``: at switch-on there is nobody to ask.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic,
                 idle_timeout: float = 90.0, countdown: float = 20.0):
        self.clock = clock
        self.idle_timeout = 0.0
        self.countdown = 0.0
        self.configure(idle_timeout, countdown)
        self._state: SessionState = "resting"
        self._narration_playing = False
        self._idle_since = clock()  # last touch, or the moment the narration stopped
        self._asked_at = 0.0

    def configure(self, idle_timeout: float | None = None, countdown: float | None = None) -> None:
        """Staff change the timings at run time; they apply from the next tick()."""
        if idle_timeout is not None:
            if idle_timeout <= 0:
                raise ValueError("idle_timeout must be more than 0 seconds")
            self.idle_timeout = float(idle_timeout)
        if countdown is not None:
            if countdown <= 0:
                raise ValueError("countdown must be more than 0 seconds")
            self.countdown = float(countdown)

    # --- read-outs -------------------------------------------------------------------

    @property
    def state(self) -> SessionState:
        return self._state

    @property
    def idle_for(self) -> float:
        """Seconds since the last touch (or since the narration stopped); 0 while it plays."""
        if self._narration_playing:
            return 0.0
        return max(0.0, self.clock() - self._idle_since)

    @property
    def seconds_left(self) -> int:
        """Whole seconds shown on the question's countdown (the full countdown when not asking)."""
        if self._state != "asking":
            remaining = self.countdown
        else:
            remaining = self.countdown - (self.clock() - self._asked_at)
        # rounded up, so the display reads 1 until the very end, never 0 while still asking;
        # the small margin keeps float noise (19.0000001) from showing one second too many
        return max(0, math.ceil(remaining - 1e-9))

    # --- what the visitor and the UI do ----------------------------------------------

    def touch(self) -> None:
        """Any visitor action: the visitor is here; a question on screen is answered."""
        self._idle_since = self.clock()
        self._state = "active"

    def set_narration_playing(self, playing: bool) -> None:
        """While a narration plays someone is listening, even without touching anything."""
        if playing == self._narration_playing:
            return
        self._narration_playing = playing
        if playing:
            if self._state == "asking":
                self._state = "active"  # the story went on: someone is listening
        else:
            self._idle_since = self.clock()  # a visitor may still stand there at the end

    def reset_done(self) -> None:
        """The UI has reset the kiosk for the next visitor: rest until a touch."""
        self._state = "resting"
        self._idle_since = self.clock()

    def tick(self) -> SessionEvent | None:
        """Call a few times a second; returns ``ask`` or ``reset`` once each, else None."""
        if self._state == "resting" or self._narration_playing:
            return None
        now = self.clock()
        if self._state == "active":
            if now - self._idle_since >= self.idle_timeout:
                # the countdown starts when the question is shown, not when it was due,
                # so even after a stalled UI the visitor gets the whole countdown
                self._state, self._asked_at = "asking", now
                return "ask"
            return None
        if now - self._asked_at >= self.countdown:
            self.reset_done()  # so "reset" comes once even if the UI does not confirm
            return "reset"
        return None
