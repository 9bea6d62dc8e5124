"""The narration controls: play/pause, back and forward 10 s, a bar to drag, the times."""

from kivy.app import App
from kivy.graphics import Color, InstructionGroup, Line, Rectangle
from kivy.metrics import dp
from kivy.properties import (AliasProperty, BooleanProperty, ColorProperty, NumericProperty,
                             ObjectProperty, StringProperty)
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.slider import Slider
from kivy.uix.widget import Widget

from ..narration_view import CaptionsWhileSilent
from ..rules import load_rules_beside
from .controls import QuietButton
from .toolbar import LANGUAGE_NAMES


class ProgressSlider(Slider):
    """The narration's progress, 0..1. Dragging it seeks when the finger lifts.

    While a finger holds it (:attr:`dragging`), the narration's own updates leave the knob
    where the visitor put it.
    """

    dragging = BooleanProperty(False)
    __events__ = ("on_release",)

    def _heard_width(self) -> float:
        return max(0.0, self.value_pos[0] - self.x - self.padding)

    #: Length of the track drawn as heard (0 at the start of a narration).
    heard_width = AliasProperty(_heard_width, None, bind=("value_pos", "x", "padding"))

    def on_touch_down(self, touch):
        handled = super().on_touch_down(touch)
        if touch.grab_current is None and self in touch.grab_list:
            self.dragging = True
        elif handled and not touch.is_mouse_scrolling:
            self.dragging = True
        return handled

    def on_touch_up(self, touch):
        if touch.grab_current is self:
            super().on_touch_up(touch)
            touch.ungrab(self)
            self.dragging = False
            self.dispatch("on_release")
            return True
        return super().on_touch_up(touch)

    def on_release(self):
        """The visitor let go of the bar: seek to :attr:`value`."""


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


#: What the bar's status depends on, on its view.
STATUS_INPUTS = ("silent", "state", "has_recording", "other_languages")


class NarrationBar(BoxLayout):
    """Bound to a :class:`~kiosk.ui.narration_view.NarrationView` given as :attr:`view`.

    Without sound the bar says so, and the captions are turned on for reading along.
    """

    view = ObjectProperty(None, allownone=True, rebind=True)
    #: The interface's words and the visitor's language (the kv rule sets both from the
    #: app); the status is said again in a new language.
    tr = ObjectProperty(None, allownone=True)
    language = StringProperty("")
    #: Why there is nothing to hear, or "": no sound at this kiosk, a recording that
    #: cannot be played, no narration in this language (and the ones there are), none yet.
    status = StringProperty("")
    _captions_while_silent = None
    _status_view = None

    @staticmethod
    def language_names(codes) -> list[str]:
        return [LANGUAGE_NAMES.get(code, code) for code in codes]

    def status_words(self) -> str:
        view, tr = self.view, self.tr
        if view is None or tr is None:
            return ""
        if view.silent:
            return tr._("Sound is not available at this kiosk just now. Please read the text on the screen.")
        if view.state == "failed":
            return tr._("This recording cannot be played just now. Please read the text on the screen.")
        if view.has_recording:
            return ""
        if view.other_languages:
            return (tr._("This stop has no narration in this language. You can listen in:") + "  "
                    + "  ·  ".join(self.language_names(view.other_languages)))
        return tr._("This stop has no narration yet.")

    def _say_status(self, *_args) -> None:
        self.status = self.status_words()

    def on_tr(self, *_args):
        self._say_status()

    def on_language(self, *_args):
        self._say_status()

    def on_view(self, _bar, view):
        if self._captions_while_silent is not None:
            self._captions_while_silent.detach()
            self._captions_while_silent = None
        for name in STATUS_INPUTS:
            if self._status_view is not None:
                self._status_view.funbind(name, self._say_status)
            if view is not None:
                view.fbind(name, self._say_status)
        self._status_view = view
        self._say_status()
        if view is not None:
            view.bind(position=self._follow, duration=self._follow)
            app = App.get_running_app()  # holds the visitor's captions_on
            if app is not None and hasattr(app, "captions_on"):
                self._captions_while_silent = CaptionsWhileSilent(view, app)

    def _follow(self, *_args):
        slider = self.ids.progress
        if not slider.dragging and self.view.duration:
            slider.value = self.view.position / self.view.duration
        elif not self.view.duration:
            slider.value = 0


load_rules_beside(__file__)
