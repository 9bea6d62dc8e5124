"""The screen between visitors: a slow slideshow of the tour's pictures and an invitation.

Any touch takes the visitor to the home screen. The slideshow runs only while this screen
is shown, so it costs nothing during a visit.
"""

from kivy.animation import Animation
from kivy.clock import Clock
from kivy.properties import ListProperty, NumericProperty
from kivy.uix.screenmanager import Screen

from ..rules import load_rules_beside

#: Seconds each picture stays, and seconds of the cross-fade between two.
SLIDE_SECONDS = 8.0
FADE_SECONDS = 2.5


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
        self._show(0)
        self._timer = Clock.schedule_interval(self.next_slide, SLIDE_SECONDS)

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
        self.slide = index
        front, back = self.ids.front, self.ids.back
        # The new picture comes in on the back layer, then the layers swap roles.
        back.source = self.pictures[index]
        back.opacity = 0
        Animation.cancel_all(front, "opacity")
        Animation.cancel_all(back, "opacity")
        Animation(opacity=1, duration=FADE_SECONDS).start(back)
        Animation(opacity=0, duration=FADE_SECONDS).start(front)
        self.ids.front, self.ids.back = back, front

    def on_touch_down(self, touch):
        self.dispatch("on_woken")  # a new visitor: the app greets them
        return True

    def on_woken(self) -> None:
        pass


load_rules_beside(__file__)
