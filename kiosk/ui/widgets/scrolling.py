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
    """The RecycleView that holds the tour's tiles."""


class NameList(SteadyScrollBars, RecycleView):
    """A RecycleView for the names found on the Wall of Memory."""
