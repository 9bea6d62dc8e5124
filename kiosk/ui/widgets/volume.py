"""The volume: a drawn speaker with minus or plus, and the level as a row of bars."""

from kivy.graphics import Color, InstructionGroup, Line, Rectangle
from kivy.metrics import dp
from kivy.properties import AliasProperty, ColorProperty, NumericProperty
from kivy.uix.widget import Widget

from ..rules import load_rules_beside
from .controls import QuietButton
from . import shown  # noqa: F401  (ShownLabel, in volume.kv)

#: The volume moves in this many steps from silent to the museum's maximum.
VOLUME_STEPS = 10


class VolumeButton(QuietButton):
    """A drawn speaker with a minus (:attr:`step` -1) or a plus (+1)."""

    step = NumericProperty(1)


class VolumeLevel(Widget):
    """The volume as a row of :attr:`steps` rising bars: as many filled as the level, the
    rest drawn hollow (the difference is in the shape, not only the colour). At zero the
    bars give way to a crossed-out speaker and the words "Sound off" (in the kv rule).

    :attr:`volume` and :attr:`max_volume` are bound to the app's; the level is counted in
    the same steps as the minus and plus buttons change it.
    """

    volume = NumericProperty(0.0)
    max_volume = NumericProperty(1.0)
    steps = NumericProperty(10)
    lit_colour = ColorProperty([1, 1, 1, 1])
    unlit_colour = ColorProperty([0.5, 0.5, 0.5, 1])
    #: Width of one bar and of the gap after it; the tallest bar's height.
    bar_width = NumericProperty(dp(8))
    bar_gap = NumericProperty(dp(4))
    bar_height = NumericProperty(dp(34))

    def _level(self) -> int:
        if self.volume <= 1e-6 or self.max_volume <= 0:
            return 0
        level = round(self.volume / self.max_volume * self.steps)
        return int(min(self.steps, max(1, level)))  # some sound is never shown as none

    #: How many of the :attr:`steps` are filled: 0 only when the sound is off.
    level = AliasProperty(_level, None, bind=("volume", "max_volume", "steps"))

    def _muted(self) -> bool:
        return self.level == 0

    #: True at zero: "Sound off" instead of the bars.
    muted = AliasProperty(_muted, None, bind=("level",))

    def _bars_width(self) -> float:
        return self.steps * self.bar_width + (self.steps - 1) * self.bar_gap

    bars_width = AliasProperty(_bars_width, None, bind=("steps", "bar_width", "bar_gap"))

    def __init__(self, **kwargs):
        self._bars = InstructionGroup()
        super().__init__(**kwargs)
        self.canvas.add(self._bars)
        self.fbind("pos", self._draw)
        self.fbind("size", self._draw)
        for name in ("level", "steps", "lit_colour", "unlit_colour", "bar_width", "bar_gap",
                     "bar_height"):
            self.fbind(name, self._draw)
        self._draw()

    def bar_rects(self) -> list[tuple[float, float, float, float]]:
        """``(x, y, width, height)`` of each bar, lowest first, centred in the widget."""
        steps = int(self.steps)
        left = self.center_x - self.bars_width / 2
        bottom = self.center_y - self.bar_height / 2
        return [(left + i * (self.bar_width + self.bar_gap), bottom, self.bar_width,
                 self.bar_height * (0.3 + 0.7 * (i + 1) / steps)) for i in range(steps)]

    def _draw(self, *_args) -> None:
        self._bars.clear()
        if self.muted:
            return
        for index, (x, y, width, height) in enumerate(self.bar_rects()):
            if index < self.level:
                self._bars.add(Color(rgba=self.lit_colour))
                self._bars.add(Rectangle(pos=(x, y), size=(width, height)))
            else:
                self._bars.add(Color(rgba=self.unlit_colour))
                self._bars.add(Line(rectangle=(x + dp(0.75), y + dp(0.75),
                                               width - dp(1.5), height - dp(1.5)),
                                    width=dp(1.2)))


load_rules_beside(__file__)
