"""Every stop of the tour as a large tile, in walking order, scrolling for hundreds."""

from kivy.clock import Clock
from kivy.metrics import dp
from kivy.properties import ListProperty, NumericProperty
from kivy.uix.screenmanager import Screen

from ..rules import load_rules_beside
from ..widgets import stop_tile  # (StopTile, the tiles' class in tour.kv)
from ..widgets.scrolling import StopList  # noqa: F401  (the list of tiles, in tour.kv)
from ..widgets import toolbar  # noqa: F401  (Header, Toolbar, in tour.kv)

#: The narrowest a tile may be (dp, before the larger-text scale): fewer columns below.
TILE_MIN_WIDTH = 360


class TourScreen(Screen):
    """:attr:`tiles` holds one dict per stop for the RecycleView (see StopTile).

    :attr:`columns` and :attr:`tile_height` follow the list's width, the larger-text
    scale and the tiles' words: every tile is as tall as the longest title needs.
    """

    tiles = ListProperty([])
    #: Set in tour.kv: the larger-text scale and the width of the list of tiles.
    text_scale = NumericProperty(1.0)
    list_width = NumericProperty(0)
    #: What the grid of tiles is laid out with (tour.kv binds to these).
    columns = NumericProperty(1)
    tile_height = NumericProperty(dp(330))
    gap = NumericProperty(dp(24))
    margin = NumericProperty(dp(32))

    __events__ = ("on_stop_chosen",)

    def __init__(self, **kwargs):
        self._lay_out = Clock.create_trigger(self.lay_out_tiles, -1)
        super().__init__(**kwargs)
        self.bind(tiles=self._lay_out, text_scale=self._lay_out, list_width=self._lay_out)

    @property
    def tile_width(self) -> float:
        """The width of one column of the grid, as the grid lays it out."""
        columns = self.columns
        return max(1.0, (self.list_width - 2 * self.margin - self.gap * (columns - 1))
                   / columns)

    def lay_out_tiles(self, *_args) -> None:
        """Columns for the width, and a tile height every title fits in, in full."""
        if self.list_width <= 1:
            return  # not laid out yet
        self.columns = max(1, int((self.list_width - 2 * self.margin)
                                  / (dp(TILE_MIN_WIDTH) * self.text_scale)))
        self.tile_height = stop_tile.tile_height(self.tile_width, self.tiles, self.text_scale)

    def choose_stop(self, stop_id: str) -> None:
        """A tile was touched: the screen says so (the app opens the stop)."""
        self.dispatch("on_stop_chosen", stop_id)

    def on_stop_chosen(self, stop_id: str) -> None:
        pass

    def scroll_to_top(self):
        self.ids.stops.scroll_y = 1


load_rules_beside(__file__)
