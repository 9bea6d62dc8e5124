"""One stop: its pictures to swipe through, its story to read, its narration to hear."""

from kivy.properties import BooleanProperty, NumericProperty, ObjectProperty, StringProperty
from kivy.uix.image import Image
from kivy.uix.screenmanager import Screen

from ..narration_view import NarrationView


class Picture(Image):
    """One of the stop's pictures, fitted whole inside the space it is given."""


class StopScreen(Screen):
    """Shows :attr:`stop` in the app's language; the narration is :attr:`narration`.

    The app sets :attr:`stop` through :meth:`show`; everything drawn follows from it.
    """

    stop = ObjectProperty(None, allownone=True, rebind=True)
    narration = ObjectProperty(None, allownone=True, rebind=True)
    picture_index = NumericProperty(0)
    picture_count = NumericProperty(0)
    caption = StringProperty("")
    #: The numbers of the stops before and after this one ("" at either end of the tour).
    previous_number = StringProperty("")
    next_number = StringProperty("")
    has_previous = BooleanProperty(False)
    has_next = BooleanProperty(False)

    def show(self, stop, pictures: list[str]) -> None:
        """Put ``stop`` on screen with ``pictures`` (absolute paths), first picture first."""
        self.stop = stop
        carousel = self.ids.pictures
        carousel.clear_widgets()
        for path in pictures:
            carousel.add_widget(Picture(source=path))
        self.picture_count = len(pictures)
        carousel.index = 0
        self.picture_index = 0
        self.ids.story.scroll_y = 1

    def show_picture(self, step: int) -> None:
        carousel = self.ids.pictures
        target = carousel.index + step
        if 0 <= target < len(carousel.slides):
            carousel.load_slide(carousel.slides[target])

    def on_leave(self, *_args):
        # A visitor who walks away from a stop should not keep hearing it.
        if self.narration is not None:
            self.narration.stop()
