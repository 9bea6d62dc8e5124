"""The map: one plan with the stops on it as numbered pins, "You are here", the walking
order, and beside it the same stops as a list (for a visitor who does not read maps, and
for a screen reader of the future).

The app fills it (:meth:`kiosk.ui.plan_visits.PlanVisits`): the plans to switch between,
the pins and the list; the screen draws them and says what the visitor chose:
``on_plan_chosen(plan_id)``, ``on_open_stop(stop_id)``, and in the staff's mode
``on_here_chosen(x, y)``.
"""

from kivy.factory import Factory
from kivy.properties import (BooleanProperty, ListProperty, NumericProperty, ObjectProperty,
                             StringProperty)
from kivy.uix.screenmanager import Screen

from ..rules import load_rules_beside
from ..widgets import map_entry, plan_view, toolbar  # noqa: F401  (their rules, map.kv)
from ..widgets.scrolling import StopList  # noqa: F401  (the list beside the plan, in map.kv)
from ..widgets.controls import QuietButton
from ..widgets.shown import ShownBox, ShownLabel  # noqa: F401  (map.kv)


class PlanSwitchButton(QuietButton):
    """Shows the plan :attr:`plan_id`; lit while that plan is shown."""

    plan_id = StringProperty("")


class MapScreen(Screen):
    """Shows the plan :attr:`plan_id`; everything drawn follows from what the app sets."""

    plan_id = StringProperty("")
    plan_title = StringProperty("")
    image = StringProperty("")
    #: [(plan id, title)]: one button each, to switch plans with one touch.
    plans = ListProperty([])
    #: For the PlanView: {"stop_id", "number", "x", "y", "ticked"} in walking order.
    pins = ListProperty([])
    #: For the list: {"stop_id", "number", "title", "ticked", "selected", "chosen"}.
    entries = ListProperty([])
    #: The list as the RecycleView shows it: each entry with the height its title needs.
    rows = ListProperty([])
    #: Set in map.kv: the list's width and the larger-text scale.
    list_width = NumericProperty(0)
    text_scale = NumericProperty(1.0)
    here = ObjectProperty(None, allownone=True)
    mark = ObjectProperty(None, allownone=True)
    #: The stop shown on the card (its pin and row marked), "" for none.
    selected = StringProperty("")
    card_title = StringProperty("")
    card_picture = StringProperty("")
    #: Staff set where the kiosk stands: a touch on the plan says so.
    staff_mode = BooleanProperty(False)

    __events__ = ("on_plan_chosen", "on_open_stop", "on_here_chosen", "on_stop_selected")

    def on_plans(self, *_args) -> None:
        row = self.ids.plan_switch
        row.clear_widgets()
        for plan_id, title in self.plans:
            button = Factory.PlanSwitchButton(plan_id=plan_id, text=title)
            button.bind(on_release=lambda b: self.dispatch("on_plan_chosen", b.plan_id))
            row.add_widget(button)
            self.ids[f"plan_{plan_id}"] = button
        self.on_plan_id()

    def on_plan_id(self, *_args) -> None:
        for button in self.ids.plan_switch.children:
            button.selected = button.plan_id == self.plan_id

    def on_entries(self, *_args) -> None:
        self._size_rows()

    def on_list_width(self, *_args) -> None:
        self._size_rows()

    def on_text_scale(self, *_args) -> None:
        self._size_rows()

    def _size_rows(self) -> None:
        """Every title in full: a row as tall as its title's lines (never cut)."""
        self.rows = [dict(entry, height=map_entry.row_height(entry["title"], self.list_width,
                                                             self.text_scale))
                     for entry in self.entries]

    def select(self, stop_id: str) -> None:
        """A pin or a row touched: the stop's card, its pin marked and brought into view
        (the plan stays put when the pin is in view already: no jump under the finger)."""
        self.dispatch("on_stop_selected", stop_id)
        pin = next((p for p in self.pins if p["stop_id"] == stop_id), None)
        plan = self.ids.plan
        if pin is not None and not plan.collide_point(*plan.to_widget(*plan.pin_centre(stop_id))):
            plan.show_point(pin["x"], pin["y"])  # only a pin out of view moves the plan

    def point_touched(self, x: float, y: float) -> None:
        if self.staff_mode:
            self.dispatch("on_here_chosen", x, y)

    def open_selected(self) -> None:
        if self.selected:
            self.dispatch("on_open_stop", self.selected)

    def on_plan_chosen(self, plan_id: str) -> None:
        pass

    def on_open_stop(self, stop_id: str) -> None:
        pass

    def on_here_chosen(self, x: float, y: float) -> None:
        pass

    def on_stop_selected(self, stop_id: str) -> None:
        pass


load_rules_beside(__file__)
