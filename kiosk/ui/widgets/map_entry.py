"""One stop in the list beside the map: its number as at the exhibit, its title, and a tick
once this visitor has opened it. Touching it shows the stop on the plan."""

from kivy.properties import BooleanProperty, NumericProperty, ObjectProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.recycleview.views import RecycleDataViewBehavior

from kivy.metrics import dp, sp

from ..rules import load_rules_beside
from .stop_tile import text_height

#: The title's type size (sp, before the larger-text scale); the number's box and the
#: tick's width beside it, and the room around (dp).
TITLE_SP = 19
BESIDE = 56 + 32 + 2 * 12 + 12
PADDING_Y = 12


def row_height(title: str, width: float, scale: float = 1.0) -> float:
    """How tall a row of ``width`` must be for all of ``title`` (and the touch floor)."""
    room = max(1.0, width - dp(BESIDE) * max(1.0, scale) - dp(12))
    return max(dp(64), text_height(title, room, sp(TITLE_SP) * scale) + 2 * dp(PADDING_Y))


class MapEntry(RecycleDataViewBehavior, ButtonBehavior, BoxLayout):
    """A row of the map's list of stops (the RecycleView reuses a handful of them)."""

    stop_id = StringProperty("")
    number = NumericProperty(0)
    title = StringProperty("")
    #: This visitor has opened the stop (a drawn tick, not a colour alone).
    ticked = BooleanProperty(False)
    #: The stop shown on the plan now.
    selected = BooleanProperty(False)
    #: Called with :attr:`stop_id` when the row is touched (the map screen's select).
    chosen = ObjectProperty(None, allownone=True)

    def on_release(self):
        if self.chosen is not None:
            self.chosen(self.stop_id)


load_rules_beside(__file__)
