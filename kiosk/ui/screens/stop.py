"""One stop: its pictures to swipe through, its story to read, its narration to hear."""

from kivy.properties import AliasProperty, BooleanProperty, NumericProperty, ObjectProperty, StringProperty
from kivy.uix.image import Image
from kivy.uix.screenmanager import Screen

from ..first_frame import AfterDrawn
from ..rules import load_rules_beside
from ..widgets import caption_band, narration_bar, toolbar  # noqa: F401  (their rules, for stop.kv)
from ..widgets.scrolling import ScrollArea  # noqa: F401  (the story's scroller, in stop.kv)



class Picture(Image):
    """One of the stop's pictures, fitted whole inside the space it is given.

    :attr:`missing` is True when the file could not be shown (a placeholder says so).
    ``on_unreadable(source)`` is dispatched when a file could not be drawn; a handler may
    set :attr:`source` to another file to try (the original of a damaged prepared copy).
    """

    __events__ = ("on_unreadable",)
    missing = BooleanProperty(False)

    def __init__(self, **kwargs):
        self._ready = None  # (path, texture) decoded ahead (kiosk.ui.pictures_ahead)
        super().__init__(**kwargs)

    def show(self, path: str, texture=None) -> None:
        """Show the file ``path``; ``texture``, if given, is its pixels already decoded."""
        if texture is not None and path and path != self.source:
            self._ready = (path, texture)
        self.source = path
        self._ready = None

    def set_texture_from_resource(self, resource):
        if self._ready is not None and self._ready[0] == resource:
            if self._coreimage is not None:
                self._coreimage.unbind(on_texture=self._on_tex_change)
                self._coreimage = None
            self.texture = self._ready[1]
            return
        super().set_texture_from_resource(resource)
        if resource and self.texture is None:
            self.dispatch("on_unreadable", resource)

    def on_unreadable(self, source):
        pass


class StopScreen(Screen):
    """Shows :attr:`stop` in the app's language; the narration is :attr:`narration`.

    The app sets :attr:`stop` through :meth:`show`; everything drawn follows from it.
    """

    stop = ObjectProperty(None, allownone=True, rebind=True)
    narration = ObjectProperty(None, allownone=True, rebind=True)
    picture_index = NumericProperty(0)
    picture_count = NumericProperty(0)
    #: "2 / 5" under the pictures; "" with only one.
    picture_counter = AliasProperty(
        lambda self: f"{self.picture_index + 1} / {self.picture_count}" if self.picture_count > 1 else "",
        bind=["picture_index", "picture_count"], cache=True)
    caption = StringProperty("")
    #: The numbers of the stops before and after this one ("" at either end of the tour).
    previous_number = StringProperty("")
    next_number = StringProperty("")
    has_previous = BooleanProperty(False)
    has_next = BooleanProperty(False)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._pool: list[Picture] = []
        self._rest: list[tuple[Picture, str]] = []  # loaded once the stop is on screen
        self._later = AfterDrawn(self._load_rest)

    def heading_words(self, kind_text: str) -> str:
        """The header: the stop's number and its kind ("112  ·  Museum hall")."""
        return f"{self.stop.number}  ·  {kind_text}"

    def show(self, stop, pictures: list[str], first=None) -> None:
        """Put ``stop`` on screen with ``pictures`` (absolute paths), first picture first;
        ``first``, if given, is the first picture's texture, decoded ahead."""
        self.stop = stop
        carousel = self.ids.pictures
        carousel.clear_widgets()
        # The same few Picture widgets serve every stop: making new ones at each visit
        # left the old ones (and their textures) alive for a long while.
        while len(self._pool) < len(pictures):
            self._pool.append(Picture())
        # The first picture now; the others, which a visitor reaches only by swiping, in
        # the frame after the stop is on screen (each is a decode and an upload: ~20 ms).
        self._later.cancel()
        for index, (picture, path) in enumerate(zip(self._pool, pictures)):
            if index == 0:
                picture.show(path, first)
            else:
                picture.show("")
            carousel.add_widget(picture)
        for spare in self._pool[len(pictures):]:
            spare.show("")
        self._rest = list(zip(self._pool[1:], pictures[1:]))
        if self._rest:
            self._later.arm()
        self.picture_count = len(pictures)
        carousel.index = 0
        self.picture_index = 0
        self.ids.story.scroll_y = 1

    def _load_rest(self) -> None:
        rest, self._rest = self._rest, []
        for picture, path in rest:
            picture.show(path)

    def show_picture(self, step: int) -> None:
        carousel = self.ids.pictures
        target = carousel.index + step
        if 0 <= target < len(carousel.slides):
            carousel.load_slide(carousel.slides[target])

    def on_leave(self, *_args):
        # A visitor who walks away from a stop should not keep hearing it.
        if self.narration is not None:
            self.narration.stop()


load_rules_beside(__file__)
