"""The narration controls: play/pause, back and forward 10 s, a bar to drag, the times."""

from kivy.properties import AliasProperty, BooleanProperty, ObjectProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.slider import Slider

from ..rules import load_rules_beside
from . import volume  # noqa: F401  (VolumeButton, VolumeLevel, in narration_bar.kv)
from . import shown  # noqa: F401  (ShownLabel, ShownBox, in narration_bar.kv)
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
        for name in STATUS_INPUTS:
            if self._status_view is not None:
                self._status_view.funbind(name, self._say_status)
            if view is not None:
                view.fbind(name, self._say_status)
        self._status_view = view
        self._say_status()
        if view is not None:
            view.bind(position=self._follow, duration=self._follow)

    def _follow(self, *_args):
        slider = self.ids.progress
        if not slider.dragging and self.view.duration:
            slider.value = self.view.position / self.view.duration
        elif not self.view.duration:
            slider.value = 0


load_rules_beside(__file__)
