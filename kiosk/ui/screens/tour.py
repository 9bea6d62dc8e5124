"""Every stop of the tour as a large tile, in walking order, scrolling for hundreds."""

from kivy.properties import ListProperty
from kivy.uix.screenmanager import Screen


class TourScreen(Screen):
    """:attr:`tiles` holds one dict per stop for the RecycleView (see StopTile)."""

    tiles = ListProperty([])

    def scroll_to_top(self):
        self.ids.stops.scroll_y = 1
