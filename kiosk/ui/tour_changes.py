"""The app's part that follows staff's edits: a reloaded tour taken up when no visitor
is listening, the museum's settings applied, the prepared pictures chosen.

A mixin of :class:`kiosk.ui.app.KioskApp`: ``self`` is the app.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kivy.clock import Clock

from ..content.card import HomeCard
from ..keypad import KeypadEntry

if TYPE_CHECKING:
    from ..content import Tour


class TourChanges:
    """Taking up a tour (the first, or one reloaded after staff's edits)."""

    def reload_tour(self) -> None:
        """stops.yaml or the assets changed: take up a good tour, keep ours on a bad one."""
        if self.keeper is None:
            return
        tour = self.keeper.reload()
        self.content_notice = self.keeper.status.has_errors
        if tour is None:
            return
        self._pending_tour = tour
        # A visitor listening to a stop keeps it until they leave; then the new tour.
        if not (self.screens.current == "stop"
                and self.narration.state in ("playing", "paused")):
            self._apply_pending_tour()

    def _apply_pending_tour(self) -> None:
        tour, self._pending_tour = self._pending_tour, None
        if tour is None:
            return
        first = self.tour is None
        self._install_tour(tour, first=first)
        if first:
            self.screens.current = "attract"
        elif self.screens.current == "stop":
            if self.current_stop_id in tour:
                self._show_stop(tour.stop(self.current_stop_id))
            else:
                self.screens.current = "tour"

    def _install_tour(self, tour: Tour, first: bool = False) -> None:
        """Make ``tour`` the one shown, with the museum's settings."""
        self.tour = tour
        self.home = HomeCard.of(tour, sha256="")  # the museum's name shows an edit at once
        self.languages = list(tour.languages)
        self._take_up_plans(tour)
        self._take_up_prompts(tour)
        if first or self.language not in self.languages:
            self.tr.switch(tour.museum.default_language)
            self.language = tour.museum.default_language
        self.apply_settings(first=first)
        self._keypad_entry = KeypadEntry([s.number for s in tour.stops])
        if self.overlays.made("keypad"):
            self.keypad.entry = self._keypad_entry
        self._fill_tiles()
        self._fill_attract()
        if not first:  # at the start, pictures are prepared after the first frame
            self._prepare_pictures()
        if self.started:  # at the start, the names are read after the first frame
            self.names.load(tour)

    def apply_settings(self, first: bool = False) -> None:
        """The museum's kiosk settings, with what staff set on this kiosk's panel."""
        settings = self.tour.museum.kiosk
        if self.staff.settings is not None:
            settings = self.staff.settings.apply(settings)
        self.settings = settings
        self.session.configure(settings.idle_timeout, settings.countdown)
        self.max_volume = settings.max_volume
        if first:
            self.volume = settings.default_volume
        self.volume = min(self.volume, self.max_volume)
        self.narration.set_volume(self.volume)

    def _pictures_ready(self, *_args) -> None:
        """Display-size copies are ready: the tiles and slideshow use them from now on."""
        self._fill_tiles()
        self._fill_attract()

    def picture(self, relative: str, thumbnail: bool = False) -> str:
        """The file to draw for a picture of the tour: its prepared copy when ready."""
        original = self.tour.file(relative)
        if self.media is None:
            return str(original)
        return str(self.media.thumbnail_path(original) if thumbnail
                   else self.media.display_path(original))

    def picture_failed(self, shown: str) -> str:
        """``shown`` could not be drawn: the file to try instead (``shown`` if none).

        A damaged prepared copy is dropped (made again in the background) and the
        original is shown meanwhile; an original that cannot be drawn stays a placeholder.
        """
        original = self.media.discard(shown) if self.media is not None else None
        if original is None:
            return shown
        self._prepare_pictures()
        return str(original)

    def _prepare_pictures(self) -> None:
        """Display copies and thumbnails of the tour's pictures, made in the background."""
        if self.media is not None and self.tour is not None:
            self.media.start_background(
                self.tour, on_done=lambda _report: Clock.schedule_once(self._pictures_ready))
