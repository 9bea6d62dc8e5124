"""KioskApp: builds the screens once and carries the visitor from home to a stop.

Services (the tour, the narration player, the catalogs) are made outside and handed in,
so tests give it a fake audio backend and a fake clock, and the kiosk gives it real ones.
"""

from __future__ import annotations

from pathlib import Path

from kivy.app import App
from kivy.lang import Builder
from kivy.properties import ListProperty, ObjectProperty, StringProperty
from kivy.uix.screenmanager import FadeTransition, NoTransition, ScreenManager

from ..content import StopKind, Tour, pick
from ..i18n import Catalogs, N_
from ..narration import NarrationPlayer
from .narration_view import NarrationView
from .theme import Theme
from .tr import Translator
# Imported for their classes, which the kv rules name (Kivy's Factory registers them).
from .widgets import controls, narration_bar, stop_tile, toolbar  # noqa: F401

UI_DIR = Path(__file__).resolve().parent
KV_FILES = ("widgets/controls.kv", "widgets/toolbar.kv", "widgets/narration_bar.kv",
            "widgets/stop_tile.kv", "screens/home.kv", "screens/tour.kv", "screens/stop.kv")

# Marked for translation here; the catalogs hold them in kk, ru and en.
KIND_NAMES = {
    StopKind.museum_hall: N_("Museum hall"),
    StopKind.installation: N_("Installation"),
    StopKind.sculpture: N_("Sculpture"),
    StopKind.monument: N_("Monument"),
    StopKind.building: N_("Building"),
    StopKind.grounds: N_("Memorial grounds"),
}


from .screens.home import HomeScreen  # noqa: E402
from .screens.stop import StopScreen  # noqa: E402
from .screens.tour import TourScreen  # noqa: E402


def load_kv() -> None:
    """Load every .kv file once per process (Kivy keeps rules globally)."""
    for name in KV_FILES:
        path = str(UI_DIR / name)
        if path not in Builder.files:
            Builder.load_file(path)


class KioskApp(App):
    """The visitor's guide. Kv rules bind to :attr:`language`, :attr:`tr`, :attr:`theme`."""

    title = "ALZHIR"
    tour: Tour = ObjectProperty(None, rebind=True)
    language = StringProperty("en")
    languages = ListProperty([])
    tr = ObjectProperty(None, rebind=True)
    theme = ObjectProperty(None, rebind=True)
    narration = ObjectProperty(None, rebind=True)
    current_stop_id = StringProperty("")

    def __init__(self, tour: Tour, player: NarrationPlayer, catalogs: Catalogs | None = None,
                 transition_duration: float = 0.3, **kwargs):
        self.tour = tour
        self.languages = list(tour.languages)
        self.language = tour.museum.default_language
        self.tr = Translator(catalogs or Catalogs.load(), self.language)
        self.theme = Theme()
        self._player = player
        self._transition_duration = transition_duration
        super().__init__(**kwargs)

    # -- building -------------------------------------------------------------------
    def build(self):
        load_kv()

        self.narration = NarrationView(self._player)
        transition = (FadeTransition(duration=self._transition_duration)
                      if self._transition_duration > 0 else NoTransition())
        self.screens = ScreenManager(transition=transition)
        self.screens.add_widget(HomeScreen(name="home"))
        self.screens.add_widget(TourScreen(name="tour"))
        self.screens.add_widget(StopScreen(name="stop", narration=self.narration))
        self._fill_tiles()
        return self.screens

    def on_stop(self):
        if self.narration is not None:
            self.narration.close()

    # -- what kv rules ask for -------------------------------------------------------
    def museum_text(self, key: str, language: str) -> str:
        return pick(getattr(self.tour.museum, key), language, self._fallbacks())

    def stop_text(self, stop, key: str, language: str) -> str:
        return pick(getattr(stop, key), language, self._fallbacks()) if stop else ""

    def kind_text(self, kind: StopKind, language: str) -> str:
        return self.tr._(KIND_NAMES[kind])

    def picture_caption(self, stop, index: int, language: str) -> str:
        if stop is None or not 0 <= index < len(stop.images):
            return ""
        return pick(stop.images[index].caption, language, self._fallbacks())

    def _fallbacks(self) -> tuple[str, ...]:
        return (self.tour.museum.default_language, *self.tour.languages)

    # -- what a visitor does ---------------------------------------------------------
    def set_language(self, code: str) -> None:
        if code not in self.languages or code == self.language:
            return
        self.tr.switch(code)  # first: rules bound to `language` may ask tr for words
        self.language = code
        self._fill_tiles()
        if self.screens.current == "stop" and self.current_stop_id:
            self._show_stop(self.tour.stop(self.current_stop_id))

    def show_tour(self) -> None:
        self.screens.current = "tour"

    def go_home(self) -> None:
        self.screens.current = "home"

    def toggle_large_text(self) -> None:
        self.theme.large_text = not self.theme.large_text

    def toggle_high_contrast(self) -> None:
        self.theme.high_contrast = not self.theme.high_contrast

    def open_keypad(self) -> None:
        pass  # the keypad overlay comes next

    def open_stop(self, stop_id: str, how: str = "tile") -> None:
        self._show_stop(self.tour.stop(stop_id))
        self.screens.current = "stop"

    def open_neighbour(self, step: int) -> None:
        neighbour = self.tour.neighbour(self.current_stop_id, step)
        if neighbour is not None:
            self.open_stop(neighbour.id, how="next" if step > 0 else "previous")

    # -- drawing ---------------------------------------------------------------------
    def _show_stop(self, stop) -> None:
        screen = self.screens.get_screen("stop")
        if stop.id != self.current_stop_id or screen.stop is None:
            self.narration.stop()
        self.current_stop_id = stop.id
        screen.show(stop, [str(self.tour.file(p.file)) for p in stop.images])
        before, after = self.tour.neighbour(stop.id, -1), self.tour.neighbour(stop.id, 1)
        screen.previous_number = str(before.number) if before else ""
        screen.next_number = str(after.number) if after else ""
        screen.has_previous, screen.has_next = before is not None, after is not None
        recording = stop.narration.get(self.language)
        self.narration.load(self.tour.file(recording.audio) if recording else None)

    def _fill_tiles(self) -> None:
        screen = self.screens.get_screen("tour")
        screen.tiles = [{
            "stop_id": stop.id,
            "number": stop.number,
            "kind_label": self.kind_text(stop.kind, self.language),
            "title": self.stop_text(stop, "title", self.language),
            "image": str(self.tour.file(stop.images[0].file)),
        } for stop in self.tour.stops]
