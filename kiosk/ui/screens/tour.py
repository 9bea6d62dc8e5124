"""Every stop of the tour as a large tile, in walking order, scrolling for hundreds."""

from kivy.properties import ListProperty
from kivy.uix.screenmanager import Screen

from ..widgets import stop_tile  # noqa: F401  (StopTile, the tiles' class in tour.kv)
from ..widgets.scrolling import StopList  # noqa: F401  (the list of tiles, in tour.kv)


class TourScreen(Screen):
    """:attr:`tiles` holds one dict per stop for the RecycleView (see StopTile)."""

    tiles = ListProperty([])

    def scroll_to_top(self):
        self.ids.stops.scroll_y = 1
