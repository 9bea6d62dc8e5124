"""What visitors do, turned into anonymous events for the staff's figures.

Nothing about a person is recorded: which stop was opened and how, which language,
how long a narration was heard, which aids were used. The event log (kiosk.analytics)
queues each event and writes them in batches, so recording costs the screen nothing.
"""

from __future__ import annotations

from ..narration import NarrationState


class UsageRecorder:
    """Records events into ``log`` (an EventLog, or None to record nothing)."""

    def __init__(self, log, player, clock):
        self.log = log
        self.player = player
        self.clock = clock
        self.stop_id = ""
        self.language = ""
        self._state = NarrationState.idle
        self._position = 0.0
        self._at = 0.0
        self._since: float | None = None
        self._listened = 0.0
        self._started = self._finished = False
        self._counting = True  # False while a description plays: it is not a story heard
        player.add_listener(self._on_player)

    def record(self, kind: str, **fields) -> None:
        if self.log is not None:
            self.log.record(kind, **fields)

    # -- the visit -------------------------------------------------------------------
    def narration_loaded(self, stop_id: str, language: str) -> None:
        """A stop's narration (or none) was loaded; the previous one is over."""
        self._close_narration()
        self.stop_id, self.language = stop_id, language
        self._listened, self._since = 0.0, None
        self._started = self._finished = False
        self._counting = True

    def description_loaded(self) -> None:
        """A stop's audio description was loaded in the narration's place: the narration
        before it is over, and the description's listening is not counted as a story's."""
        self._close_narration()
        self._counting = False

    def visit_ended(self, reason: str) -> None:
        self._close_narration()
        self.record("session_end", reason=reason)

    def _close_narration(self) -> None:
        self._stop_counting()
        if self._started and not self._finished and self._listened > 0:
            self.record("narration_leave", stop=self.stop_id, language=self.language,
                        listened=round(self._listened, 1), duration=round(self.player.duration, 1))
        self._started = False

    # -- the narration ---------------------------------------------------------------
    def _on_player(self, player) -> None:
        state = player.state
        if not self._counting:
            self._state, self._position, self._at = state, player.position, self.clock()
            return
        if state is NarrationState.playing and self._state is not NarrationState.playing:
            if not self._started:
                self._started = True
                self.record("narration_start", stop=self.stop_id, language=self.language)
            self._since = self.clock()
        elif state is not NarrationState.playing and self._state is NarrationState.playing:
            self._stop_counting()
            if state is NarrationState.paused:
                self.record("narration_pause", stop=self.stop_id, position=round(player.position, 1))
            elif state is NarrationState.ended and not self._finished:
                self._finished = True
                self.record("narration_finish", stop=self.stop_id, language=self.language,
                            listened=round(self._listened, 1), duration=round(player.duration, 1))
        elif state is self._state and state is not NarrationState.idle:
            # Where the narration would be without a seek: a jump from there is a seek.
            expected = self._position + (self.clock() - self._at
                                         if state is NarrationState.playing else 0.0)
            if abs(player.position - expected) > 1.0:
                self.record("narration_seek", stop=self.stop_id, position=round(expected, 1),
                            target=round(player.position, 1))
        if state is NarrationState.idle and self._state in (NarrationState.playing,
                                                             NarrationState.paused):
            self._close_narration()  # the visitor left the stop, or the kiosk reset
        self._state, self._position, self._at = state, player.position, self.clock()

    def _stop_counting(self) -> None:
        if self._since is not None:
            self._listened += self.clock() - self._since
            self._since = None
