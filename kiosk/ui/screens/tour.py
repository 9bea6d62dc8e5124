"""Every stop of the tour as a large tile, in walking order, scrolling for hundreds.

Where the tour has plans (museum.maps), the stops are grouped by the plan they stand on,
each group under the plan's title as a heading that spans the grid's width; stops placed
on no plan come last. A heading starts a row of its own: the grid's other cells of that
row, and those left at the end of a group, are empty.
"""

from kivy.clock import Clock
from kivy.metrics import dp
from kivy.properties import ListProperty, NumericProperty
from kivy.uix.label import Label
from kivy.uix.screenmanager import Screen

from ..rules import load_rules_beside
from ..widgets import stop_tile  # (StopTile, the tiles' class in tour.kv)
from ..widgets.scrolling import StopList  # noqa: F401  (the list of tiles, in tour.kv)
from ..widgets import toolbar  # noqa: F401  (Header, Toolbar, in tour.kv)

#: The narrowest a tile may be (dp, before the larger-text scale): fewer columns below.
TILE_MIN_WIDTH = 360
#: The height of a plan's heading over its stops (dp, before the larger-text scale).
HEADING_HEIGHT = 64


class PlanHeading(Label):
    """The title of a plan over the stops that stand on it, as wide as the grid
    (:attr:`span`): its words run on over the row's empty cells."""

    span = NumericProperty(0)


class TourScreen(Screen):
    """:attr:`tiles` holds one dict per stop for the RecycleView (see StopTile).

    :attr:`columns` and :attr:`tile_height` follow the list's width, the larger-text
    scale and the tiles' words: every tile is as tall as the longest title needs.
    """

    tiles = ListProperty([])
    #: What the RecycleView shows: the tiles with the headings of their groups (and the
    #: empty cells that put each heading on a row of its own).
    items = ListProperty([])
    #: Set in tour.kv: the larger-text scale and the width of the list of tiles.
    text_scale = NumericProperty(1.0)
    list_width = NumericProperty(0)
    #: What the grid of tiles is laid out with (tour.kv binds to these).
    columns = NumericProperty(1)
    tile_height = NumericProperty(dp(330))
    gap = NumericProperty(dp(24))
    margin = NumericProperty(dp(32))

    __events__ = ("on_stop_chosen", "on_stop_touched")

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
        self.items = self._with_headings()

    def _with_headings(self) -> list[dict]:
        """The tiles (each may name its ``group``, a plan's title) with a heading row before
        each group; without groups, the tiles alone."""
        if not any(tile.get("group") for tile in self.tiles):
            return [dict(tile, height=self.tile_height) for tile in self.tiles]
        columns, items, group, in_row = self.columns, [], None, 0
        heading = dp(HEADING_HEIGHT) * self.text_scale
        width = self.list_width - 2 * self.margin
        for tile in self.tiles:
            if tile.get("group", "") != group:
                group = tile.get("group", "")
                if in_row:  # the last row of the group before: empty cells to its end
                    items += [{"viewclass": "Widget", "height": self.tile_height}] * (columns - in_row)
                items.append({"viewclass": "PlanHeading", "text": group, "height": heading,
                              "span": width})
                items += [{"viewclass": "Widget", "height": heading}] * (columns - 1)
                in_row = 0
            items.append(dict(tile, height=self.tile_height))
            in_row = (in_row + 1) % columns
        return items
    def choose_stop(self, stop_id: str) -> None:
        """A tile was touched: the screen says so (the app opens the stop)."""
        self.dispatch("on_stop_chosen", stop_id)

    def on_stop_chosen(self, stop_id: str) -> None:
        pass

    def touch_stop(self, stop_id: str) -> None:
        """A finger landed on a tile (it may lift there, or scroll the list): the screen
        says so (the app gets the stop's first picture ready)."""
        self.dispatch("on_stop_touched", stop_id)

    def on_stop_touched(self, stop_id: str) -> None:
        pass

    def scroll_to_top(self):
        self.ids.stops.scroll_y = 1


load_rules_beside(__file__)
