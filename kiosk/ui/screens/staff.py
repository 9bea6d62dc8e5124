"""The staff panel: the tour's state, how the guide is used, settings, and the way out.

Opened only through :mod:`kiosk.ui.staff` (long press and PIN). The figures come from
:class:`kiosk.analytics.Report`, the same as `python main.py stats` prints.

The way back to the guide and the way out of kiosk mode stay in a bar at the panel's foot,
on screen at every scroll position; what an action reports is shown there too, so a new
line never moves the controls. The two columns scroll, and each keeps its place when
what it holds grows or shrinks (:class:`StaffScroll`).
"""

from kivy.properties import BooleanProperty, ListProperty, NumericProperty, ObjectProperty, StringProperty
from kivy.uix.screenmanager import Screen

from ..widgets.scrolling import ScrollArea
from ..widgets.staff_parts import SessionsChart  # noqa: F401  (in staff.kv)
from ..rules import load_rules_beside


class StaffScroll(ScrollArea):
    """A column of the panel that stays where staff left it.

    Kivy keeps a scroll view's position as a fraction of how far it can scroll, so when
    the column grows (a longer status, a new export folder) or the view shrinks (a longer
    line in the foot bar), everything under the finger moves. This keeps the distance
    from the top instead.
    """

    def __init__(self, **kwargs):
        self._from_top = 0.0
        self._keeping = False
        super().__init__(**kwargs)
        self.fbind("scroll_y", self._remember)
        self.fbind("height", self._keep_place)

    def add_widget(self, widget, *args, **kwargs):
        super().add_widget(widget, *args, **kwargs)
        widget.fbind("height", self._keep_place)

    def _reach(self) -> float:
        content = self._viewport
        return max(0.0, content.height - self.height) if content is not None else 0.0

    def _remember(self, *_args) -> None:
        if self._keeping:
            return
        reach = self._reach()
        if reach <= 0 and self.scroll_y != 1.0:
            self.scroll_y = 1.0  # a column with nothing to scroll stays at the top
            return
        self._from_top = (1.0 - self.scroll_y) * reach

    def _keep_place(self, *_args) -> None:
        reach = self._reach()
        self._from_top = min(self._from_top, reach)
        self._keeping = True
        try:
            self.scroll_y = 1.0 - self._from_top / reach if reach > 0 else 1.0
            self._update_effect_bounds()
        finally:
            self._keeping = False


class StaffScreen(Screen):
    """What the panel shows; the app fills these from the tour keeper and the report."""

    tour_status = StringProperty("")
    problems = StringProperty("")
    languages = StringProperty("")
    #: One dict per stop for the table: number, title, opened, finished, listened (%).
    rows = ListProperty([])
    days = ListProperty([])
    idle_timeout = NumericProperty(90)
    default_volume = NumericProperty(0.7)
    result = StringProperty("")
    export_folders = ListProperty([])
    #: False where this kiosk keeps no visit log (the self-test's walk): the figures say so.
    counting = BooleanProperty(True)
    #: The interface's words (set in staff.kv: app.tr).
    tr = ObjectProperty(None, allownone=True)

    def idle_words(self, _language: str, seconds: float) -> str:
        """The idle-timeout setting's words (``_language`` makes kv redo them on a switch)."""
        seconds = int(seconds)
        # One line: the catalogs' extractor reads a plural message from one line.
        words = self.tr.ngettext("Ask 'Are you still there?' after {seconds} second", "Ask 'Are you still there?' after {seconds} seconds", seconds)
        return words.format(seconds=seconds)

    def volume_words(self, _language: str, volume: float) -> str:
        """The default-volume setting's words."""
        return self.tr._("Volume for each new visitor: {percent} %").format(
            percent=int(round(volume * 100)))

    def on_rows(self, *_args) -> None:
        from kivy.factory import Factory

        table = self.ids.staff_table
        table.clear_widgets()
        if not self.rows:
            return  # the table's own line says that no stop was opened yet
        tr = self.tr
        cells = [tr._("Stop"), tr._("Opened"), tr._("Heard to the end"), tr._("Listened")]
        for row in self.rows:
            cells += [f"{row['number']}  {row['title']}", str(row["opened"]),
                      str(row["finished"]), f"{row['listened']} %"]
        for index, text in enumerate(cells):
            label = Factory.StaffLabel(text=text, bold=index < 4)
            label.halign = "left" if index % 4 == 0 else "right"
            table.add_widget(label)


load_rules_beside(__file__)
