"""KioskApp: builds the screens once and carries the visitor from home to a stop.

Its services (the narration player, the clock, the tour keeper...) are made outside and
handed in as one :class:`kiosk.ui.services.KioskServices`, so tests give it a fake speaker
and a fake clock and the kiosk real ones. What a visitor does arrives here as a named call
from a kv rule (``app.open_stop``...) or an event a screen dispatches (the attract
screen's ``on_woken``, the tour screen's ``on_stop_chosen``, the staff desk's
``on_panel_opened``); the screens only draw what the app and its services say.

The app's jobs, by module: this one builds, starts and stops, and handles the visitor's
settings and the idle reset; ``stop_opening`` opens stops and fills the lists of stops;
``tour_changes`` takes up a tour reloaded after staff's edits; ``overlays`` keeps the views
that open over a screen; ``staff`` is the staff panel's desk.
"""

from __future__ import annotations

from kivy.app import App
from kivy.clock import Clock
from kivy.properties import BooleanProperty, ListProperty, NumericProperty, ObjectProperty, StringProperty
from typing import TYPE_CHECKING

from kivy.uix.screenmanager import FadeTransition, NoTransition

from ..content import INTERFACE_LANGUAGES, StopKind, pick
from ..i18n import Catalogs, N_
from ..keypad import KeypadEntry
from ..session import VisitorSession
from .narration_view import CaptionsWhileSilent, NarrationView
from .theme import Theme
from .tr import Translator
from .faults import FaultGuard
from .first_frame import after_first_frame
from .housekeeping import Housekeeper
from .lockdown import Lockdown
from .name_finding import NameFinding
from .name_search import NameSearch
from .plan_visits import PlanVisits
from .spoken_visits import SpokenVisits
from .overlays import OverlaySet, VisitorOverlays
from .pictures_ahead import PicturesAhead
from .screen_set import ScreenPlan, ScreenSet
from .services import KioskServices
from .staff import StaffDesk
from .stop_opening import StopOpening
from .tour_changes import TourChanges
from .usage import UsageRecorder
from .visit import VisitWatch
from .widgets.volume import VOLUME_STEPS
from .widgets import controls, toolbar  # noqa: F401  (their classes, for every kv rule)

if TYPE_CHECKING:  # the reader and the model are imported when the tour is read
    from ..content import Tour
    from ..content.card import HomeCard

# Marked for translation here; the catalogs hold them in kk, ru and en.
KIND_NAMES = {
    StopKind.museum_hall: N_("Museum hall"),
    StopKind.installation: N_("Installation"),
    StopKind.sculpture: N_("Sculpture"),
    StopKind.monument: N_("Monument"),
    StopKind.building: N_("Building"),
    StopKind.grounds: N_("Memorial grounds"),
}
BEING_UPDATED = N_("This guide is being updated. Please come back in a few minutes.")
RESTING = N_("The guide is unavailable for a moment. It will be back shortly.")

#: The fade between screens, where a GPU draws it (kiosk.ui.rendering).
FADE_SECONDS = 0.3


class KioskApp(StopOpening, TourChanges, NameSearch, PlanVisits, SpokenVisits, VisitorOverlays,
               App):
    """The visitor's guide. Kv rules bind to :attr:`language`, :attr:`tr`, :attr:`theme`."""

    title = "ALZHIR"
    tour: Tour = ObjectProperty(None, rebind=True)
    language = StringProperty("en")
    languages = ListProperty([])
    tr = ObjectProperty(None, rebind=True)
    theme = ObjectProperty(None, rebind=True)
    narration = ObjectProperty(None, rebind=True)
    current_stop_id = StringProperty("")
    captions_on = BooleanProperty(False)
    volume = NumericProperty(0.7)
    max_volume = NumericProperty(1.0)
    #: True while stops.yaml has problems: a discreet dot for staff in the header.
    content_notice = BooleanProperty(False)
    #: What the home screen shows of the museum (kiosk.content.card.HomeCard): the card
    #: kept beside the last good tour at the start, then the tour's own.
    home = ObjectProperty(None, allownone=True)

    __events__ = ("on_tour_read",)

    def __init__(self, tour: Tour | None, services: KioskServices, *,
                 start_screen: str = "attract", transition_duration: float | None = None,
                 watch: bool = False, show_cursor: bool = False, card: HomeCard | None = None,
                 **kwargs):
        """``tour`` may be None (nothing good to show yet). ``start_screen`` is where the
        app opens; ``transition_duration`` overrides the fade (0: a cut); ``watch``
        follows staff's edits of the content folder; ``show_cursor`` keeps the mouse
        pointer (a windowed kiosk). ``card``, with no ``tour``: the first screen is drawn
        from this home card and the keeper reads the tour in the frame after it
        (kiosk.content.card); ``on_tour_read`` says when the start's reading is done."""
        self.tour = tour
        self._card = card if tour is None else None
        self.services = services
        self.tr = Translator(services.catalogs or Catalogs.load(), "en")
        self.theme = Theme()
        self.session = VisitorSession(services.clock)
        self.keeper = services.keeper
        self.media = services.media
        self.event_log = services.event_log
        self.speaker = services.speaker
        self._watch = watch
        self._watcher = None
        self._transition_duration = transition_duration
        self._start_screen = start_screen
        self._accepted_notes: set[str] = set()
        self._pending_tour: Tour | None = None
        self.lockdown = Lockdown(show_cursor=show_cursor)
        self.overlays = OverlaySet({"keypad": self._make_keypad,
                                    "still_there": self._make_still_there,
                                    "transcript": self._make_transcript,
                                    "content_note": self._make_content_note})
        self._keypad_entry = KeypadEntry([])
        #: A stop's first picture, decoded while the finger is on its tile.
        self.pictures_ahead = PicturesAhead()
        #: The list of names on the Wall of Memory, read after the first frame.
        self.names = NameFinding()
        self._stopping = False
        #: True once everything left for after the first frame is done (see on_start).
        self.started = False
        self.staff = StaffDesk(self, services.pins, services.data_dir, services.staff_settings)
        self.staff.bind(on_panel_opened=lambda *_: self._show_staff_panel(),
                        on_panel_closed=lambda *_: self._leave_staff_panel(),
                        on_exit_confirmed=lambda *_: self._leave_kiosk_mode())
        self.settings = tour.museum.kiosk if tour is not None else None
        self.fault_guard = FaultGuard(self, clock=services.clock, restart=services.restart)
        if self.event_log is not None:  # a restart in place skips atexit: save the log first
            self.fault_guard.before_restart(self.event_log.close)
        self.housekeeper = Housekeeper(lambda: self.screens.current == "attract")
        if self.keeper is not None:
            self.content_notice = self.keeper.status.has_errors
        super().__init__(**kwargs)

    # -- building -------------------------------------------------------------------
    def build(self):
        self.narration = NarrationView(self.services.player)
        # A silent narration turns the captions on for as long as the visitor reads along.
        self._reading_along = CaptionsWhileSilent(self.narration, self)
        self.usage = UsageRecorder(self.event_log, self.services.player, self.services.clock)
        fade = self._transition_duration
        if fade is None:  # a gentle fade where a GPU draws it; a cut in software
            from .rendering import draws_in_software

            fade = 0.0 if draws_in_software() else FADE_SECONDS
        transition = FadeTransition(duration=fade) if fade > 0 else NoTransition()
        self.screens = ScreenSet(self._screen_plans(), on_built=self._screen_built,
                                 transition=transition)
        if self.tour is not None:
            self._install_tour(self.tour, first=True)
        elif self._card is not None:
            self._take_up_card(self._card)
        if self.tour is None and self._card is None:
            self.screens.current = "updating"
        else:
            self.screens.current = self._start_screen
            if self._start_screen != "attract":
                self.session.touch()
        self.visit = VisitWatch(self)
        self.visit.start()
        if self._card is None:
            self.dispatch("on_tour_read")  # read before the app was made
        return self.screens

    def _take_up_card(self, card: HomeCard) -> None:
        """The first screen from the home card: the museum's names, its languages and
        default one, and which buttons the tour will need."""
        self.home = card
        self.languages = list(card.languages)
        self.tr.switch(card.default_language)
        self.language = card.default_language
        self.has_maps = card.has_maps
        self.names.shown = card.has_names
        self.can_speak = self.keeper is not None and self._speaks(self.keeper.content_dir,
                                                                  card.languages)

    def _read_tour_at_start(self) -> None:
        """The tour itself, in the frame after the card's first screen: read and checked
        as at any start (a broken stops.yaml falls back to the last good tour)."""
        self._card = None
        tour = self.keeper.load()
        self.content_notice = self.keeper.status.has_errors
        if tour is not None:
            self._install_tour(tour, first=True)
        else:
            self.close_overlays()
            self.screens.current = "updating"
        self.dispatch("on_tour_read")

    def on_tour_read(self) -> None:
        """The tour the kiosk starts with has been read (``keeper.status`` says how)."""

    def _screen_plans(self) -> dict[str, ScreenPlan]:
        updating = ScreenPlan("screens.updating", "UpdatingScreen")
        return {
            "updating": updating, "unavailable": updating,
            "attract": ScreenPlan("screens.attract", "AttractScreen"),
            "home": ScreenPlan("screens.home", "HomeScreen"),
            "tour": ScreenPlan("screens.tour", "TourScreen"),
            "stop": ScreenPlan("screens.stop", "StopScreen",
                               options=lambda: {"narration": self.narration}),
            "staff": ScreenPlan("screens.staff", "StaffScreen"),
            "names": ScreenPlan("screens.names", "NameSearchScreen",
                                options=lambda: {"finder": self.names}),
            "name_place": ScreenPlan("screens.name_place", "NamePlaceScreen"),
            "map": ScreenPlan("screens.map", "MapScreen"),
        }

    def _screen_built(self, screen) -> None:
        """Fill a screen just built with what it shows, and listen to what it says."""
        if screen.name == "attract":
            screen.bind(on_woken=lambda *_: self.wake_up())
        elif screen.name == "tour":
            screen.bind(on_stop_chosen=lambda _screen, stop_id: self.open_stop(stop_id, how="tile"),
                        on_stop_touched=lambda _screen, stop_id: self.get_picture_ready(stop_id))
        self._name_screen_built(screen)
        self._map_screen_built(screen)
        if screen.name in ("updating", "unavailable"):
            message = BEING_UPDATED if screen.name == "updating" else RESTING
            codes = self.tour.languages if self.tour is not None else INTERFACE_LANGUAGES
            screen.lines = [self.tr.catalogs.gettext(code, message) for code in codes]
        elif self.tour is not None and screen.name == "tour":
            self._fill_tiles()
        elif self.tour is not None and screen.name == "attract":
            self._fill_attract()

    def on_start(self):
        self.lockdown.start()
        self.fault_guard.install()
        self.staff.start()
        after_first_frame(self._after_first_frame)

    def _after_first_frame(self) -> None:
        """The rest of the start, once the first screen is on show: the other screens and
        the overlays, one a frame, then the event log's writer, the content watcher and
        the preparing of display copies."""
        if self._card is not None:
            self._read_tour_at_start()
        overlays = self.overlays.names

        def build_one(_dt):
            if self.screens.build_next():
                return True
            if overlays:
                self.overlays.get(overlays.pop(0))
                return True
            self._start_services()
            self.started = True
            return False

        Clock.schedule_interval(build_one, 0)

    def _start_services(self) -> None:
        if self._stopping:
            return
        if self.event_log is not None:
            self.event_log.start()
        if self._watch and self.keeper is not None:
            from ..watch import TourWatcher

            # The watcher calls from its own thread; the reload runs on the UI thread.
            self._watcher = TourWatcher(self.keeper.content_dir,
                                        lambda: Clock.schedule_once(lambda _dt: self.reload_tour()))
            self._watcher.start()
        self._prepare_pictures()
        self.names.load(self.tour)

    def on_stop(self):
        self._stopping = True
        self.lockdown.stop()
        self.fault_guard.remove()
        self.staff.stop()
        if self.event_log is not None:
            self.usage.visit_ended("staff")
            self.event_log.close()
        if self._watcher is not None:
            self._watcher.stop()
        if getattr(self, "visit", None) is not None:
            self.visit.stop()
        if self.narration is not None:
            self.narration.close()
        self.pictures_ahead.close()

    # Kiosk mode: Kivy's settings panel (F1) is never offered to a visitor.
    def _install_settings_keys(self, window):
        pass

    def open_settings(self, *_args):
        return False

    # -- when something goes wrong ------------------------------------------------------
    def close_overlays(self) -> None:
        self.overlays.close_all()

    # -- the staff panel (its desk asks; the app shows) ----------------------------------
    def _show_staff_panel(self) -> None:
        self.narration.stop()
        self.close_overlays()
        self.screens.current = "staff"

    def _leave_staff_panel(self) -> None:
        self.screens.current = "home" if self.tour is not None else "updating"

    def _leave_kiosk_mode(self) -> None:
        self.lockdown.allow_exit()
        self.stop()

    def recover_from_fault(self) -> None:
        """After an error in a screen: silence, overlays closed, the home screen."""
        self.narration.stop()
        self.close_overlays()
        self.screens.current = "home" if self.tour is not None else "updating"

    def show_unavailable(self) -> None:
        """Too many errors: a calm screen while the kiosk restarts itself."""
        self.narration.stop()
        self.close_overlays()
        self.screens.current = "unavailable"

    # -- what kv rules ask for -------------------------------------------------------
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
        """Switch everything to ``code``; on a stop, the story goes on where it was."""
        if code not in self.languages or code == self.language:
            return
        self.usage.record("language", language=code, previous=self.language)
        self.tr.switch(code)  # first: rules bound to `language` may ask tr for words
        self.language = code
        self._fill_tiles()
        if self.screens.current == "stop" and self.current_stop_id:
            self._switch_narration_language(code)

    def show_tour(self) -> None:
        self._apply_pending_tour()
        self.screens.current = "tour"

    def go_home(self) -> None:
        self._apply_pending_tour()
        self.screens.current = "home"

    def wake_up(self) -> None:
        """A touch on the attract screen: a new visitor arrives."""
        self.session.touch()
        self.usage.record("session_start")
        self.screens.current = "home"

    def toggle_large_text(self) -> None:
        self.theme.large_text = not self.theme.large_text
        self.usage.record("mode", mode="large_text", on=self.theme.large_text)

    def toggle_high_contrast(self) -> None:
        self.theme.high_contrast = not self.theme.high_contrast
        self.usage.record("mode", mode="high_contrast", on=self.theme.high_contrast)

    def toggle_captions(self) -> None:
        self.captions_on = not self.captions_on
        self.usage.record("captions", on=self.captions_on)

    def change_volume(self, step: int) -> None:
        unit = self.max_volume / VOLUME_STEPS
        self.volume = min(self.max_volume, max(0.0, round(self.volume / unit + step) * unit))
        self.narration.set_volume(self.volume)

    def open_keypad(self) -> None:
        if not self.keypad.showing:
            self.keypad.open(animation=False)

    # -- the visitor session ---------------------------------------------------------
    def reset_for_next_visitor(self) -> None:
        """Silence, the attract screen, and every setting back to the museum's default."""
        self.narration.stop()
        self.usage.visit_ended("idle")
        self._apply_pending_tour()
        self.close_overlays()
        self.theme.reset()
        self.captions_on = False
        self.volume = self.settings.default_volume
        self.narration.set_volume(self.volume)
        self._accepted_notes.clear()
        self.pictures_ahead.forget()
        self._forget_name_search()
        self._forget_visited()
        self.end_spoken_guide()
        self.set_language(self.tour.museum.default_language)
        self.current_stop_id = ""
        self.describing = False
        self.screens.get_screen("tour").scroll_to_top()
        self.screens.current = "attract"
        self.session.reset_done()
        self.housekeeper.visit_ended()

