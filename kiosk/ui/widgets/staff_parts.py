"""The staff panel's building blocks: the chart of visitor sessions per day (its rule and
the panel's labels and buttons are in staff_parts.kv)."""

from kivy.properties import ListProperty, NumericProperty, ObjectProperty
from kivy.uix.widget import Widget
from ..rules import load_rules_beside
from . import controls  # noqa: F401  (QuietButton, in staff_parts.kv)
from . import shown  # noqa: F401  (ShownLabel, in staff_parts.kv)


class SessionsChart(Widget):
    """Visitor sessions per day as quiet bars; :attr:`days` is [(label, count), ...]."""

    days = ListProperty([])
    top = NumericProperty(1)
    #: The kiosk's colours (set in its rule: app.theme).
    theme = ObjectProperty(None, allownone=True)

    def on_days(self, *_args):
        self.top = max([count for _label, count in self.days] or [1]) or 1
        self._draw()

    def on_size(self, *_args):
        self._draw()

    on_pos = on_size

    def _draw(self) -> None:
        from kivy.core.text import Label as CoreLabel
        from kivy.graphics import Color, Rectangle

        self.canvas.after.clear()
        days = self.days[-14:]
        if not days:
            return
        theme = self.theme
        if theme is None:
            return
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


load_rules_beside(__file__)
