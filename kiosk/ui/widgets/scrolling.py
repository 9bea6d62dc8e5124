"""Scrolling areas that scroll for months: ScrollArea and StopList.

Kivy 2.3.1's ``ScrollView.update_from_scroll`` (run at every step of a scroll) binds the
scroll bar's colour change to ``bar_color`` anew each time, and the bar's fade half a
second after the scroll stops unbinds it only once: every scroll left a binding behind
for each of its steps. The soak counted 525 on the stop's story and 106 on the list of
stops after 1,000 random visitor actions, all kept while the kiosk runs and all called
whenever the bar lights up.

:class:`SteadyScrollBars` unbinds before Kivy binds, so one binding is there at a time.
``ScrollArea`` replaces ``ScrollView`` in the .kv files, ``StopList`` ``RecycleView``.
"""

from kivy.uix.recycleview import RecycleView
from kivy.uix.scrollview import ScrollView


class SteadyScrollBars:
    """Mixed in before ScrollView (or a subclass of it)."""

    def update_from_scroll(self, *largs):
        # funbind removes one binding if there is one, and does nothing otherwise.
        self.funbind("bar_color", self._change_bar_color)
        super().update_from_scroll(*largs)


class ScrollArea(SteadyScrollBars, ScrollView):
    """A ScrollView for the visitor's screens and the staff panel."""


class StopList(SteadyScrollBars, RecycleView):
    """The RecycleView that holds the tour's tiles.

    ``on_tile_touched(stop_id)`` is dispatched the moment a finger lands on a tile. The
    tile itself hears of the finger only when it lifts, or after the list's
    ``scroll_timeout`` (the list first waits to see whether the finger scrolls), and the
    finger may yet scroll the list instead: this says only that the stop may open soon.
    """

    __events__ = ("on_tile_touched",)

    def on_touch_down(self, touch):
        if self.collide_point(*touch.pos) and not touch.is_mouse_scrolling:
            stop_id = self._tile_under(touch)
            if stop_id:
                self.dispatch("on_tile_touched", stop_id)
        return super().on_touch_down(touch)

    def on_tile_touched(self, stop_id: str) -> None:
        pass

    def _tile_under(self, touch) -> str:
        x, y = self.parent.to_window(*touch.pos) if self.parent is not None else touch.pos
        for view in self.layout_manager.children if self.layout_manager else ():
            stop_id = getattr(view, "stop_id", "")
            if stop_id and view.collide_point(*view.to_widget(x, y)):
                return stop_id
        return ""


class NameList(SteadyScrollBars, RecycleView):
    """A RecycleView for the names found on the Wall of Memory."""
