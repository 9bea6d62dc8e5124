"""The app's part that speaks for a visitor who cannot see the screen.

A mixin of :class:`kiosk.ui.app.KioskApp`: ``self`` is the app. The guide's rules are
:class:`kiosk.speech.guide.SpokenGuide` (no Kivy); this part feeds it the number pad's keys
and the narration's end, carries out what it says (open a stop, pause, louder...) and plays
its words through the prompt speaker (``services.speaker``). The screen shows everything
too, with captions on, for a companion. The idle reset ends the guide.
"""

from __future__ import annotations

from kivy.clock import Clock
from kivy.properties import BooleanProperty

from ..speech.guide import SpokenGuide

#: The number pad's key codes (SDL, as Kivy passes them) and the guide's names for them.
NUMBER_PAD = {**{256 + d: str(d) for d in range(10)}, 266: ".", 267: "/", 268: "*",
              269: "-", 270: "+", 271: "enter"}
#: Backspace on a pad that has one, or on a keyboard.
BACKSPACE = 8
#: How often the speaker's queue moves on (seconds).
SPEAKER_TICK = 0.02
#: How far "ten seconds back" goes back.
BACK_SECONDS = 10.0


class SpokenVisits:
    """The spoken guide on the kiosk."""

    #: The spoken guide is on: the screen says so and offers to end it.
    spoken = BooleanProperty(False)
    #: The tour has the guide's recordings (assets/audio/<language>/prompts/) and the
    #: kiosk a voice: the spoken guide can start.
    can_speak = BooleanProperty(False)
    _guide: SpokenGuide | None = None
    _speaking_wired = False

    # -- starting and the keys --------------------------------------------------------
    def spoken_key(self, code: int) -> bool:
        """A key from a keyboard or number pad: True if the spoken guide took it."""
        key = NUMBER_PAD.get(code) or ("back" if code == BACKSPACE and self.spoken else None)
        if key is None or not self.can_speak:
            return False
        if not self.spoken:
            if self.screens.current not in ("attract", "home"):
                return False
            self.start_spoken_guide()
            return True
        if self.overlay_showing("still_there"):
            self.visit.continue_visit()  # any key answers "are you still there?"
            return True
        self._carry_out(self._spoken_guide().key(key))
        return True

    def start_spoken_guide(self) -> None:
        """A number pad key on the attract or home screen, or the button for a companion."""
        if self.screens.current == "attract":
            self.wake_up()
        self.spoken = True
        self.captions_on = True
        self.usage.record("mode", mode="spoken_guide", on=True)
        self._carry_out(self._spoken_guide().start())

    def end_spoken_guide(self) -> None:
        self.spoken = False
        if self._guide is not None:
            self._guide.end()
        if self.speaker is not None:
            self.speaker.stop()

    def _take_up_prompts(self, tour) -> None:
        self._guide = None  # the guide learns the new tour's numbers when next used
        self.can_speak = tour is not None and self._speaks(tour.root, tour.languages)

    def _speaks(self, root, languages) -> bool:
        """The guide has a voice and the content folder ``root`` its spoken prompts in the
        first of ``languages``."""
        from ..speech.prompts import speaking_languages

        return bool(self.speaker is not None and speaking_languages(root, tuple(languages)[:1]))

    # -- what the guide says and does ----------------------------------------------------
    def _spoken_guide(self) -> SpokenGuide:
        if self._guide is None:
            from ..speech.phrases import number_parts

            stops = {stop.number: stop.id for stop in self.tour.stops}
            self._guide = SpokenGuide(self.tour.languages, stops, number_parts,
                                      description_first=self.settings.description_first)
        if not self._speaking_wired:
            self._speaking_wired = True
            Clock.schedule_interval(lambda _dt: self.speaker.tick(), SPEAKER_TICK)
            self.narration.bind(state=self._spoken_story_state)
        return self._guide

    def _say(self, said, then=None) -> None:
        from ..speech.prompts import prompt_file

        self.speaker.volume = self.volume / self.max_volume if self.max_volume else 1.0
        files = [prompt_file(self.tour.root, language, part) for language, part in said]
        self.speaker.say([f for f in files if f is not None], then)

    def _carry_out(self, act) -> None:
        guide, do = self._spoken_guide(), act.do
        if do == "language":
            self.set_language(act.value)
            self.show_tour()
        elif do == "open":
            self._spoken_open(act.value)
            return
        elif do in ("next", "previous"):
            neighbour = self.tour.neighbour(guide.stop_id, 1 if do == "next" else -1)
            if neighbour is not None:
                self._spoken_open(neighbour.id)
            return
        elif do == "play_pause" and self.screens.current == "stop":
            self.narration.toggle()
            if not self.narration.playing:
                act.say = guide.said_by_kiosk("paused")
        elif do == "back_ten" and self.screens.current == "stop":
            self.narration.seek(max(0.0, self.narration.position - BACK_SECONDS))
            act.say = guide.said_by_kiosk("back_ten")
        elif do in ("louder", "softer"):
            step = 1 if do == "louder" else -1
            before = self.volume
            self.change_volume(step)
            edge = self.volume == before
            act.say = guide.said_by_kiosk(("loudest" if step > 0 else "softest") if edge else do)
        elif do == "stop_speech":
            self.speaker.stop()
            return
        elif do == "describe":
            self._say(act.say, then=lambda: self._spoken_play(describe=True))
            return
        elif do == "story":
            self._spoken_play(describe=False)
            return
        elif do == "accept_note":
            self.speaker.stop()
            self._spoken_open(act.value, note_answered=True)
            return
        elif do == "decline_note":
            if self.overlay_showing("content_note"):
                self._decline_note(self.content_note)
            self.speaker.stop()
        self._say(act.say)

    def _spoken_open(self, stop_id: str, note_answered: bool = False) -> None:
        """Open the stop, say its number and title, then play its story (or its description
        first, where the museum says so). A stop with a content note this visitor has not
        accepted shows the note (for a companion) and says it; Enter then comes back here
        with ``note_answered``, and the story plays at once."""
        stop = self.tour.stop(stop_id)
        guide = self._spoken_guide()
        first = guide.description_first and self._has_description(stop)
        if note_answered:
            if self.overlay_showing("content_note"):
                self._accept_note(self.content_note)  # as the button "Continue" does
            else:
                self._accepted_notes.add(stop_id)
                self.open_stop(stop_id, how="spoken")
            self._spoken_play(describe=first)
            return
        asks = bool(stop.content_note) and stop_id not in self._accepted_notes
        self.open_stop(stop_id, how="spoken")  # with a note: the note shows first
        said = guide.opened(stop_id, stop.number, note=asks)
        self._say(said, then=None if asks else lambda: self._spoken_play(describe=first))

    def _spoken_play(self, describe: bool) -> None:
        stop = self.tour.stop(self.current_stop_id)
        self.describing = describe and self._has_description(stop)
        self._load_narration(stop, self.language)
        self.narration.play()

    def _has_description(self, stop) -> bool:
        return self.has_description(stop, self.language)

    def _spoken_story_state(self, _view, state: str) -> None:
        if not self.spoken or state != "ended" or self.current_stop_id not in self.tour:
            return
        stop = self.tour.stop(self.current_stop_id)
        self._carry_out(self._spoken_guide().story_ended(self._has_description(stop),
                                                          self.describing))

    def spoken_still_there(self) -> None:
        if self.spoken:
            self._say(self._spoken_guide().still_there())
