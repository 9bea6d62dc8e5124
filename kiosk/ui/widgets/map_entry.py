"""One stop in the list beside the map: its number as at the exhibit, its title, and a tick
once this visitor has opened it. Touching it shows the stop on the plan."""

from kivy.properties import BooleanProperty, NumericProperty, ObjectProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.recycleview.views import RecycleDataViewBehavior

from ..rules import load_rules_beside


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
