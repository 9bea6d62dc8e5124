"""The narration player seen through Kivy properties, so kv rules can bind to it.

The player itself (kiosk.narration) knows nothing of Kivy. This adapter polls it a few
times a second and copies what changed into properties; labels and the progress bar are
bound to those, so nothing is redrawn when nothing moved. While the player is silent (no
sound device, or it went away) it tries the device again every ``AUDIO_RETRY`` seconds,
and ``CaptionsWhileSilent`` shows the captions meanwhile.
"""

from __future__ import annotations

from kivy.clock import Clock
from kivy.event import EventDispatcher
from kivy.properties import (BooleanProperty, ListProperty, NumericProperty, OptionProperty,
                             StringProperty)

from ..captions import Captions, CaptionsError
from ..narration import NarrationPlayer, NarrationState
from ..play_times import shown_texts

#: How often the player is asked where it is (seconds): a caption changes, and the end is
#: noticed, within a tenth of a second.
REFRESH_INTERVAL = 0.1
#: The position shown moves in steps of this much (seconds): the bar's knob and the times
#: once a second, in the same redraw. Every redraw is of the whole window; drawn in
#: software it cost tens of milliseconds (at 1920x1080 about a tenth of a second of the
#: processor), and at ten a second a touch during a narration often waited for one
#: (docs/performance.md).
POSITION_STEP = 1.0
#: Without sound (no device, or it went away), how often to try again (seconds): speakers
#: plugged back in are found without a restart, and the narration is heard again from
#: where the visitor is reading.
AUDIO_RETRY = 15.0


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
    #: True while the stop's narration cannot be heard (no sound device, or it went away);
    #: the bar says why there is no sound.
    silent = BooleanProperty(False)
    #: Silent and started: the narration runs on the clock for a visitor reading along.
    reading_along = BooleanProperty(False)

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
        self._retry_at = player_clock(self.player) + AUDIO_RETRY  # load itself just tried
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

    def set_volume(self, volume: float) -> None:
        """0..1; kept by the player across recordings."""
        self.player.set_volume(volume)

    def stop(self) -> None:
        self.player.stop()
        self.refresh()

    def refresh(self, *_args) -> None:
        player = self.player
        player.poll()
        self._retry_sound()
        state = player.state
        self.state = state.value
        self.playing = state is NarrationState.playing
        self.silent = self.has_recording and player.silent
        self.reading_along = self.silent and state is not NarrationState.idle
        self.duration = player.duration or 0.0
        # In steps, so that the bar and the times change together, twice a second.
        self.position = min(self.duration,
                            round(player.position / POSITION_STEP) * POSITION_STEP)
        # One computation for both, so that they add up to the length shown at the start.
        self.elapsed_text, self.remaining_text = shown_texts(self.position, self.duration)
        cue = self.captions.at(player.position)
        self.caption = cue.text if cue else ""
        index = self.captions.index_at(player.position)
        self.cue_index = -1 if index is None else index

    def _retry_sound(self) -> None:
        """Without sound, close and reopen the device every ``AUDIO_RETRY`` seconds; the
        player then goes on audibly from where the visitor is reading."""
        now = player_clock(self.player)
        if not self.player.silent:
            self._retry_at = now + AUDIO_RETRY  # the first try: a full interval after a loss
        elif now >= self._retry_at:
            self._retry_at = now + AUDIO_RETRY
            self.player.retry_sound()

    def close(self) -> None:
        self._event.cancel()
        self.player.stop()


class CaptionsWhileSilent:
    """Turns the captions on while a visitor reads along a silent narration, then gives
    the visitor's own choice back: who came to listen can read while there is no sound.

    ``owner`` holds the ``captions_on`` property the caption band follows (the app). A
    choice the visitor makes meanwhile (captions off, say) is theirs and stays. Reading
    along starts when a silent narration is started (or loses its sound) and ends when it
    is heard again or goes back to idle (the visitor left the stop, the idle reset).
    """

    def __init__(self, view: NarrationView, owner) -> None:
        self.view, self.owner = view, owner
        self._given_back: bool | None = None  # the choice to give back; None: none to give
        self._switching = False
        view.bind(reading_along=self._reading_changed)
        owner.bind(captions_on=self._captions_changed)
        if view.reading_along:
            self._reading_changed(view, True)

    def detach(self) -> None:
        self.view.unbind(reading_along=self._reading_changed)
        self.owner.unbind(captions_on=self._captions_changed)

    def _reading_changed(self, _view, reading: bool) -> None:
        if reading and self._given_back is None:
            self._given_back = self.owner.captions_on
            self._switch(True)
        elif not reading and self._given_back is not None:
            choice, self._given_back = self._given_back, None
            self._switch(choice)

    def _captions_changed(self, _owner, _on) -> None:
        if not self._switching:
            self._given_back = None  # the visitor chose while reading along: keep it

    def _switch(self, on: bool) -> None:
        self._switching = True
        try:
            self.owner.captions_on = on
        finally:
            self._switching = False
