"""The screen between visitors: a slow slideshow of the tour's pictures and an invitation.

Any touch takes the visitor to the home screen. The slideshow runs only while this screen
is shown, so it costs nothing during a visit.

An idle kiosk must rest: the window is redrawn only while a picture gives way to the next.
The new picture is put under the shown one, which fades out over it, so a frame blends two
full-screen layers (the pictures are dimmed by their own colour, not by a third layer).
Where the screen is drawn in software (no GPU: every frame is the processor's work), the
fade takes a few steps instead of sixty frames a second (docs/performance.md).
"""

from kivy.animation import Animation
from kivy.clock import Clock
from kivy.properties import ListProperty, NumericProperty
from kivy.uix.screenmanager import Screen

from ..rules import load_rules_beside

#: Seconds each picture stays, and seconds of the cross-fade between two.
SLIDE_SECONDS = 12.0
FADE_SECONDS = 2.5
#: Drawn in software, the fade is this many steps over SOFT_FADE_SECONDS.
SOFT_FADE_STEPS = 4
SOFT_FADE_SECONDS = 1.2


class AttractScreen(Screen):
    """:attr:`pictures` are the images to show; :attr:`slide` is the one on screen now."""

    pictures = ListProperty([])
    slide = NumericProperty(0)
    #: The invitation, once per language: filled by the app.
    invitations = ListProperty([])

    __events__ = ("on_woken",)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._timer = None

    def on_enter(self, *_args):
        self.slide = 0
        self.ids.upper.source = ""
        self._show(0)
        self._timer = Clock.schedule_interval(self.next_slide, SLIDE_SECONDS)

    def on_pictures(self, *_args):
        """Pictures that arrive while this screen shows none yet (a kiosk's first frames,
        drawn from its home card before the tour is read): the first one at once, not at
        the next slide."""
        if self._timer is not None and not self.ids.upper.source:
            self._show(0)

    def on_leave(self, *_args):
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def next_slide(self, *_args):
        if self.pictures:
            self._show((self.slide + 1) % len(self.pictures))

    def _show(self, index: int) -> None:
        if not self.pictures:
            return
        first = self.ids.upper.source == "" or not self.get_root_window()
        self.slide = index
        lower, upper = self.ids.lower, self.ids.upper
        picture = self.pictures[index]
        Animation.cancel_all(upper, "opacity")
        lower.source = picture  # the new picture, under the one shown
        if first:
            upper.source, upper.opacity = picture, 1
            return

        def shown(*_args):  # the upper layer takes the new picture (not decoded again)
            upper.texture, upper.opacity = lower.texture, 1

        duration, step = self._fade()
        fade = Animation(opacity=0, duration=duration, step=step)
        fade.bind(on_complete=shown)
        fade.start(upper)

    @staticmethod
    def _fade() -> tuple[float, float]:
        """(seconds, seconds between two frames) of a fade: smooth with a GPU, a few
        steps in software."""
        from ..rendering import draws_in_software

        if draws_in_software():
            return SOFT_FADE_SECONDS, SOFT_FADE_SECONDS / SOFT_FADE_STEPS
        return FADE_SECONDS, 0

    def on_touch_down(self, touch):
        self.dispatch("on_woken")  # a new visitor: the app greets them
        return True

    def on_woken(self) -> None:
        pass


load_rules_beside(__file__)
