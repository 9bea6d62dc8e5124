"""A stop on the tour screen: its first picture, number, kind and title, one large target.

Every tile of the tour is as tall as the tallest one needs (:func:`tile_height`), so a
title that takes three lines, in any language or with larger text, is read in full and
the grid stays even. The sizes here are the ones stop_tile.kv lays the tile out with.
"""

from kivy.core.text import Label as CoreLabel
from kivy.metrics import dp, sp
from kivy.properties import NumericProperty, ObjectProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.recycleview.views import RecycleDataViewBehavior

from ..rules import load_rules_beside

#: The picture's height as a share of the tile's width.
PICTURE_SHARE = .56
#: Type sizes (sp, before the larger-text scale) of the kind line and the title.
KIND_SP = 15
TITLE_SP = 22
#: Titles get at least this many lines' room, so most tours keep one tile height
#: whichever language the visitor picks.
TITLE_LINES = 2
#: Space around the text under the picture: left, top, right, bottom (dp), and between
#: the kind line and the title (dp).
TEXT_PADDING = (16, 4, 16, 4)
TEXT_SPACING = 4
#: Between the picture and the text, and under the text (dp).
TILE_SPACING = 8
TILE_BOTTOM = 8


def text_height(text: str, width: float, font_size: float, bold: bool = False) -> float:
    """The height of ``text`` wrapped to ``width``, laid out as a Label with these settings."""
    label = CoreLabel(text=text, font_size=font_size, bold=bold, halign="left",
                      text_size=(max(1, width), None))
    label.resolve_font_name()
    return label.render()[1]


def tile_height(width: float, tiles: list[dict], scale: float = 1.0) -> float:
    """How tall every tile of ``width`` must be for each kind and title in ``tiles`` to show
    in full, at the larger-text ``scale``."""
    left, top, right, bottom = (dp(v) for v in TEXT_PADDING)
    # One pixel narrower than the label: rounding never wraps the real label more.
    text_width = width - left - right - 1
    kind_size, title_size = sp(KIND_SP) * scale, sp(TITLE_SP) * scale
    kinds = {"Ag"} | {t.get("kind_label", "").upper() for t in tiles}  # a handful
    titles = {"\n".join(["Ag"] * TITLE_LINES)} | {t.get("title", "") for t in tiles}
    kind = max(text_height(text, text_width, kind_size) for text in kinds)
    title = max(text_height(text, text_width, title_size, bold=True) for text in titles)
    # The text spacing comes twice: after the kind line and after the title (above the
    # space left empty under shorter titles).
    return (width * PICTURE_SHARE + dp(TILE_SPACING) + top + kind + 2 * dp(TEXT_SPACING)
            + title + bottom + dp(TILE_BOTTOM))


class StopTile(RecycleDataViewBehavior, ButtonBehavior, BoxLayout):
    """One tile; the tour's RecycleView reuses a handful of these for hundreds of stops."""

    stop_id = StringProperty("")
    number = NumericProperty(0)
    kind_label = StringProperty("")
    title = StringProperty("")
    image = StringProperty("")
    #: Called with the stop's id when the tile is touched (the tour screen's choose_stop).
    chosen = ObjectProperty(None, allownone=True)

    def on_release(self):
        if self.chosen is not None:
            self.chosen(self.stop_id)


load_rules_beside(__file__)
