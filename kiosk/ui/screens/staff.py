"""The staff panel: the tour's state, how the guide is used, settings, and the way out.

Opened only through :mod:`kiosk.ui.staff` (long press and PIN). The figures come from
:class:`kiosk.analytics.Report`, the same as `python main.py stats` prints.
"""

from kivy.properties import ListProperty, NumericProperty, StringProperty
from kivy.uix.screenmanager import Screen
from kivy.uix.widget import Widget

from ..widgets.scrolling import ScrollArea  # noqa: F401  (the panel's scrollers, in staff.kv)


class SessionsChart(Widget):
    """Visitor sessions per day as quiet bars; :attr:`days` is [(label, count), ...]."""

    days = ListProperty([])
    top = NumericProperty(1)

    def on_days(self, *_args):
        self.top = max([count for _label, count in self.days] or [1]) or 1
        self._draw()

    def on_size(self, *_args):
        self._draw()

    on_pos = on_size

    def _draw(self) -> None:
        from kivy.app import App
        from kivy.core.text import Label as CoreLabel
        from kivy.graphics import Color, Rectangle

        self.canvas.after.clear()
        days = self.days[-14:]
        if not days:
            return
        theme = App.get_running_app().theme
        slot = self.width / len(days)
        with self.canvas.after:
            for index, (label, count) in enumerate(days):
                height = (self.height - 24) * count / self.top
                Color(*theme.accent)
                width = min(slot * .6, 48)
                Rectangle(pos=(self.x + index * slot + (slot - width) / 2, self.y + 20),
                          size=(width, height))
                text = CoreLabel(text=f"{label}: {count}" if len(days) <= 7 else str(count),
                                 font_size=12)
                text.refresh()
                Color(*theme.text_muted)
                Rectangle(texture=text.texture, size=text.texture.size,
                          pos=(self.x + index * slot + (slot - text.texture.width) / 2, self.y))


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

    def on_rows(self, *_args) -> None:
        from kivy.factory import Factory

        table = self.ids.staff_table
        table.clear_widgets()
        from kivy.app import App
        tr = App.get_running_app().tr
        cells = [tr._("Stop"), tr._("Opened"), tr._("Heard to the end"), tr._("Listened")]
        for row in self.rows:
            cells += [f"{row['number']}  {row['title']}", str(row["opened"]),
                      str(row["finished"]), f"{row['listened']} %"]
        for index, text in enumerate(cells):
            label = Factory.StaffLabel(text=text, bold=index < 4)
            label.halign = "left" if index % 4 == 0 else "right"
            table.add_widget(label)
