"""The app's part that leads a family from a name to its place on the wall and its story.

A mixin of :class:`kiosk.ui.app.KioskApp`: ``self`` is the app. The search screen keeps
what is typed; this part only moves between the screens, counts that a search was made
and that a name was opened (never which), and clears the search for the next visitor.
"""

from __future__ import annotations

from ..content import pick


class NameSearch:
    """Find a name: the search, where the name stands, the story told there."""

    #: The screen "Find a name" was opened from, where its Back button returns.
    _names_opened_from = "home"

    def show_name_search(self) -> None:
        current = self.screens.current
        if current in ("home", "tour"):
            self._names_opened_from = current
        self.screens.current = "names"

    def leave_name_search(self) -> None:
        if self._names_opened_from == "tour":
            self.show_tour()
        else:
            self.go_home()

    def show_name_place(self, person) -> None:
        """Where ``person`` stands, and the stop told there if the tour has it."""
        self.screens.get_screen("name_place").person = person
        self._retitle_name_place()
        self.usage.record("name_opened")
        self.screens.current = "name_place"

    def _name_screen_built(self, screen) -> None:
        if screen.name == "names":
            screen.bind(on_search_begun=lambda *_: self.usage.record("name_search"),
                        on_person_chosen=lambda _screen, person: self.show_name_place(person))
        elif screen.name == "name_place":
            screen.bind(on_hear_story=lambda _screen, stop_id: self.open_stop(stop_id,
                                                                              how="name"))
            self.bind(language=lambda *_: self._retitle_name_place())

    def _retitle_name_place(self) -> None:
        """The title of the stop told where the name stands, in the visitor's language
        ("" when the tour has no such stop, or not any more)."""
        screen = self.screens.get_screen("name_place")
        person, tour = screen.person, self.tour
        told = person is not None and tour is not None and person.stop in tour
        screen.stop_title = (pick(tour.stop(person.stop).title, self.language,
                                  self._fallbacks()) if told else "")

    def _forget_name_search(self) -> None:
        """The idle reset: no name typed or shown is left for the next visitor."""
        self._names_opened_from = "home"
        if self.screens.is_built("names"):
            self.screens.get_screen("names").forget()
        if self.screens.is_built("name_place"):
            place = self.screens.get_screen("name_place")
            place.person = None
            place.stop_title = ""
