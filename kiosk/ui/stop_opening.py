"""The app's part that opens stops: the stop screen, its narration and transcript, the
content note asked before a stop, and the tour's tiles and attract pictures.

A mixin of :class:`kiosk.ui.app.KioskApp`: ``self`` is the app, whose tour, screens,
narration and visitor state these methods use.

A stop may also have an audio description per language (what there is to see, for a
visitor who cannot see it): "Describe what I see" loads it in the narration's place, with
its captions, and "Back to the story" loads the story again.
"""

from __future__ import annotations

from kivy.properties import BooleanProperty

from ..captions import matching_position
from ..content import pick
from ..i18n import N_

INVITATION = N_("Touch the screen to begin")
#: The heading of the stops placed on no plan, after those of the plans.
ELSEWHERE = N_("Other stops")


class StopOpening:
    """Opening a stop and drawing what shows stops."""

    #: The stop's audio description is loaded in the narration's place.
    describing = BooleanProperty(False)

    def open_transcript(self) -> None:
        stop = self.tour.stop(self.current_stop_id)
        self.transcript.fill(self.stop_text(stop, "title", self.language),
                             self.narration.captions, self._play_from)
        self.transcript.open(animation=False)

    def _play_from(self, seconds: float) -> None:
        self.transcript.dismiss(animation=False)
        self.narration.seek(seconds)
        if not self.narration.playing:
            self.narration.play()

    def open_stop_number(self, number: int) -> None:
        stop = self.tour.by_number(number)
        if stop is not None:
            self.open_stop(stop.id, how="keypad")

    def open_stop(self, stop_id: str, how: str = "tile") -> None:
        """Open a stop; one with a content note asks first (once per visitor)."""
        self._apply_pending_tour()
        if stop_id not in self.tour:
            self.show_tour()  # the stop was taken off the tour by a reload
            return
        stop = self.tour.stop(stop_id)
        if stop.content_note and stop.id not in self._accepted_notes:
            self._ask_content_note(stop, how)
            return
        self._show_stop(stop)
        self.screens.current = "stop"
        self._note_visited(stop.id)
        self.usage.record("stop_open", stop=stop.id, how=how)

    def open_neighbour(self, step: int) -> None:
        if self.current_stop_id not in self.tour:
            self.show_tour()
            return
        neighbour = self.tour.neighbour(self.current_stop_id, step)
        if neighbour is not None:
            self.open_stop(neighbour.id, how="next" if step > 0 else "previous")

    def _ask_content_note(self, stop, how: str) -> None:
        view = self.content_note
        view.stop_title = self.stop_text(stop, "title", self.language)
        view.note = pick(stop.content_note, self.language, self._fallbacks())
        view.unbind(on_accept=self._accept_note, on_decline=self._decline_note)
        view.pending = (stop.id, how)
        view.bind(on_accept=self._accept_note, on_decline=self._decline_note)
        view.open(animation=False)

    def _accept_note(self, view) -> None:
        stop_id, how = view.pending
        view.dismiss(animation=False)
        self._accepted_notes.add(stop_id)
        self.open_stop(stop_id, how)

    def accept_content_notes(self, stop_ids=None) -> None:
        """As if this visitor had said yes to the content notes of ``stop_ids`` (every
        stop's when None): such a stop then opens without asking (selftest, bench)."""
        ids = [stop.id for stop in self.tour.stops] if stop_ids is None else stop_ids
        self._accepted_notes.update(ids)

    def forget_content_note(self, stop_id: str) -> None:
        """Ask this visitor again before ``stop_id`` opens."""
        self._accepted_notes.discard(stop_id)

    def _decline_note(self, view) -> None:
        view.dismiss(animation=False)  # the visitor stays where they were
        self.usage.record("content_note_declined", stop=view.pending[0])

    # -- drawing the stop and the lists of stops ----------------------------------------
    def _show_stop(self, stop) -> None:
        screen = self.screens.get_screen("stop")
        if stop.id != self.current_stop_id or screen.stop is None:
            self.narration.stop()
            self.describing = False  # a stop opens on its story
        self.current_stop_id = stop.id
        pictures = [self.picture(p.file) for p in stop.images]
        screen.show(stop, pictures, first=self.pictures_ahead.take(pictures[0]) if pictures else None)
        before, after = self.tour.neighbour(stop.id, -1), self.tour.neighbour(stop.id, 1)
        screen.previous_number = str(before.number) if before else ""
        screen.next_number = str(after.number) if after else ""
        screen.has_previous, screen.has_next = before is not None, after is not None
        self._load_narration(stop, self.language)

    def get_picture_ready(self, stop_id: str) -> None:
        """A finger is on the tile of ``stop_id``: decode its first picture meanwhile."""
        if self.tour is not None and stop_id in self.tour:
            images = self.tour.stop(stop_id).images
            if images:
                self.pictures_ahead.start(self.picture(images[0].file))

    def has_description(self, stop, language: str) -> bool:
        """The stop can describe what there is to see in ``language``."""
        return stop is not None and language in stop.description

    def describe(self, on: bool = True) -> None:
        """"Describe what I see" (``on``) or "Back to the story": the one or the other
        is loaded and plays from its start."""
        stop = self.tour.stop(self.current_stop_id) if self.current_stop_id in self.tour \
            else None
        if stop is None or (on and not self.has_description(stop, self.language)):
            return
        self.describing = on
        self._load_narration(stop, self.language)
        self.narration.play()
        if on:
            self.usage.record("mode", mode="description", on=True)

    def _load_narration(self, stop, language: str) -> None:
        """The stop's story in ``language`` (or its description, while describing; the
        story where the language has no description)."""
        if self.describing and not self.has_description(stop, language):
            self.describing = False
        recordings = stop.description if self.describing else stop.narration
        if self.describing:
            self.usage.description_loaded()
        else:
            self.usage.narration_loaded(stop.id, language)
        recording = recordings.get(language)
        self.narration.other_languages = [code for code in self.languages
                                          if code in recordings and code != language]
        if recording is None:
            self.narration.load(None)
        else:
            self.narration.load(self.tour.file(recording.audio),
                                self.tour.file(recording.captions) if recording.captions else None)

    def _switch_narration_language(self, code: str) -> None:
        stop = self.tour.stop(self.current_stop_id)
        view = self.narration
        was_playing = view.playing
        old_captions, old_position, old_duration = view.captions, view.player.position, view.duration
        started = view.state in ("playing", "paused", "ended") and old_position > 0
        self._load_narration(stop, code)
        if started and view.has_recording and view.state != "failed":
            view.seek(matching_position(old_captions, old_position, view.captions,
                                        view.duration, old_duration))
            if was_playing:
                view.play()

    def _fill_tiles(self) -> None:
        if not self.screens.is_built("tour"):
            return  # filled when it is built
        screen = self.screens.get_screen("tour")
        screen.tiles = [{
            "stop_id": stop.id,
            "number": stop.number,
            "kind_label": self.kind_text(stop.kind, self.language),
            "title": self.stop_text(stop, "title", self.language),
            "image": self.picture(stop.images[0].file, thumbnail=True),
            "chosen": screen.choose_stop,
            **({"group": group} if group is not None else {}),
        } for group, stop in self._stops_by_plan()]

    def _stops_by_plan(self) -> list[tuple[str | None, object]]:
        """(heading, stop) in the order the tour screen shows them: by plan, in the order
        of museum.maps, walking order within each; stops on no plan last. Without plans,
        the walking order and no headings."""
        plans = self.tour.museum.maps
        if not plans:
            return [(None, stop) for stop in self.tour.stops]
        shown = []
        for plan in plans:
            title = pick(plan.title, self.language, self._fallbacks())
            shown += [(title, stop) for stop in self.tour.stops
                      if stop.place is not None and stop.place.map == plan.id]
        placed = {stop.id for _, stop in shown}
        others = self.tr._(ELSEWHERE)
        shown += [(others, stop) for stop in self.tour.stops if stop.id not in placed]
        return shown

    def _fill_attract(self) -> None:
        if not self.screens.is_built("attract"):
            return  # filled when it is built
        screen = self.screens.get_screen("attract")
        screen.pictures = [self.picture(s.images[0].file) for s in self.tour.stops]
        screen.invitations = [self.tr.catalogs.gettext(code, INVITATION) for code in self.languages]
