"""The kiosk's side of finding a name: which list the tour names, when it is ready.

The list is read and indexed in the background (kiosk.names.finder) after the first frame
and again when staff change it; until it is ready the search screen says it is being
prepared. Kv rules bind to :attr:`shown` (the "Find a name" buttons),
:attr:`ready` and :attr:`demonstration`.

What a visitor types stays on the search screen: this object only answers
:meth:`search` and keeps nothing of the query.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kivy.clock import Clock
from kivy.event import EventDispatcher
from kivy.properties import BooleanProperty, NumericProperty

if TYPE_CHECKING:  # the finder (and rapidfuzz) is imported when a list is first read
    from ..content import Tour
    from ..names.finder import NamedRoll
    from ..names.search import Match


class NameFinding(EventDispatcher):
    """The tour's list of names, searchable once :attr:`ready`."""

    #: The tour names a list: the buttons show (the screen says "being prepared" until ready).
    shown = BooleanProperty(False)
    ready = BooleanProperty(False)
    #: The list is a made-up demonstration (museum.names_demonstration).
    demonstration = BooleanProperty(False)
    #: How many names can be found, and the wall's size (for its drawing).
    count = NumericProperty(0)
    panels = NumericProperty(0)
    rows = NumericProperty(0)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.roll: NamedRoll | None = None
        self._loader = None  # made when a list is first read, after the first frame
        self._source: tuple = ()

    def load(self, tour: Tour | None) -> None:
        """Read ``tour``'s list in the background, unless it is the file already read."""
        from ..names.finder import RollLoader, file_signature

        relative = tour.museum.names if tour is not None else None
        if self._loader is None:
            self._loader = RollLoader(self._delivered)
        if not relative:
            self._loader.forget()
            self._source = ()
            self._take(None)
            self.shown = False
            return
        self.demonstration = bool(tour.museum.names_demonstration)
        stop_ids = frozenset(stop.id for stop in tour.stops)
        source = (file_signature(tour.file(relative)), stop_ids)
        if source == self._source and source[0]:
            return
        self._source = source
        self.shown = True
        self._loader.load(tour.root, relative, stop_ids)

    def search(self, query: str, limit: int = 30) -> list[Match]:
        roll = self.roll
        return roll.search(query, limit) if roll is not None else []

    def _delivered(self, roll: NamedRoll | None) -> None:
        # from the loading thread: the properties change on the screen's thread
        Clock.schedule_once(lambda _dt: self._take(roll), -1)

    def _take(self, roll: NamedRoll | None) -> None:
        self.roll = roll if roll is not None and len(roll) else None
        self.ready = self.roll is not None
        self.count = len(self.roll) if self.roll else 0
        self.panels = self.roll.panels if self.roll else 0
        self.rows = self.roll.rows if self.roll else 0
        if roll is not None and not len(roll):
            self.shown = False  # a list with no name to show: no button leads to it
