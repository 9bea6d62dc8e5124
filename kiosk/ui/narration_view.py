"""The narration player seen through Kivy properties, so kv rules can bind to it.

The player itself (kiosk.narration) knows nothing of Kivy. This adapter polls it a few
times a second and copies what changed into properties; labels and the progress bar are
bound to those, so nothing is redrawn when nothing moved.
"""

from __future__ import annotations

from kivy.clock import Clock
from kivy.event import EventDispatcher
from kivy.properties import (BooleanProperty, ListProperty, NumericProperty, OptionProperty,
                             StringProperty)

from ..captions import Captions, CaptionsError
from ..narration import NarrationPlayer, NarrationState

#: How often the position shown is brought up to date (seconds). 10 Hz keeps the bar
#: smooth without redrawing on every frame.
REFRESH_INTERVAL = 0.1
#: With no sound device, how often to try again (seconds): speakers plugged back in are
#: found without a restart.
AUDIO_RETRY = 15.0


def clock_text(seconds: float) -> str:
    seconds = max(0, int(seconds + 0.5))
    return f"{seconds // 60}:{seconds % 60:02d}"


def player_clock(player) -> float:
    return player.clock()


class NarrationView(EventDispatcher):
    """What the narration bar shows: state, position, duration, and why sound is missing."""

    state = OptionProperty("idle", options=[s.value for s in NarrationState])
    playing = BooleanProperty(False)
    position = NumericProperty(0.0)
    duration = NumericProperty(0.0)
    elapsed_text = StringProperty("0:00")
    remaining_text = StringProperty("0:00")
    #: True when there is a recording to play in the visitor's language.
    has_recording = BooleanProperty(False)
    #: The sentence being spoken now ("" between sentences or without captions).
    caption = StringProperty("")
    #: Index of the cue at or just before the position (-1 before the first).
    cue_index = NumericProperty(-1)
    has_captions = BooleanProperty(False)
    #: Languages this stop can be heard in, for the offer when the visitor's has none.
    other_languages = ListProperty([])

    def __init__(self, player: NarrationPlayer, **kwargs):
        super().__init__(**kwargs)
        self.player = player
        self.captions = Captions.empty()
        self._path = None
        self._retry_at = 0.0
        self._event = Clock.schedule_interval(self.refresh, REFRESH_INTERVAL)

    def load(self, path, captions_path=None) -> None:
        """Load a recording (None: this stop has none in the visitor's language)."""
        self.has_recording = path is not None
        self._path = path
        self._retry_at = player_clock(self.player) + AUDIO_RETRY
        if path is None:
            self.player.unload()
        else:
            self.player.load(path)
        try:
            self.captions = Captions.load(captions_path) if captions_path else Captions.empty()
        except CaptionsError:
            # The narration still plays; `check` tells staff what is wrong with the file.
            self.captions = Captions.empty()
        self.has_captions = len(self.captions) > 0
        self.refresh()

    def seek(self, seconds: float) -> None:
        self.player.seek(seconds)
        self.refresh()

    def play(self) -> None:
        self.player.play()
        self.refresh()

    def toggle(self) -> None:
        self.player.toggle()
        self.refresh()

    def skip(self, seconds: float) -> None:
        self.player.skip(seconds)
        self.refresh()

    def seek_fraction(self, fraction: float) -> None:
        if self.player.duration:
            self.player.seek(fraction * self.player.duration)
        self.refresh()

    def stop(self) -> None:
        self.player.stop()
        self.refresh()

    def refresh(self, *_args) -> None:
        player = self.player
        state = player.poll()
        if state is NarrationState.unavailable and self._path is not None \
                and player_clock(player) >= self._retry_at:
            self._retry_at = player_clock(player) + AUDIO_RETRY
            player.load(self._path)  # opens the device again if it is back
            state = player.state
        self.state = state.value
        self.playing = state is NarrationState.playing
        self.duration = player.duration or 0.0
        # Round so that the bar and labels change at most ten times a second.
        self.position = round(player.position, 1)
        self.elapsed_text = clock_text(self.position)
        self.remaining_text = "-" + clock_text(max(0.0, self.duration - self.position))
        cue = self.captions.at(player.position)
        self.caption = cue.text if cue else ""
        index = self.captions.index_at(player.position)
        self.cue_index = -1 if index is None else index

    def close(self) -> None:
        self._event.cancel()
        self.player.stop()
