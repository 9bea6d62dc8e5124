"""KioskApp: builds the screens once and carries the visitor from home to a stop.

Services (the tour, the narration player, the catalogs, the clock) are made outside and
handed in, so tests give it a fake speaker and a fake clock and the kiosk real ones.
What a visitor does arrives here as a named call from a kv rule (``app.open_stop``...);
the screens only draw what the app and its services say.
"""

from __future__ import annotations

import time

from kivy.app import App
from kivy.clock import Clock
from kivy.properties import BooleanProperty, ListProperty, NumericProperty, ObjectProperty, StringProperty
from kivy.uix.screenmanager import FadeTransition, NoTransition

from ..captions import matching_position
from ..content import StopKind, Tour, pick
from ..i18n import Catalogs, N_
from ..narration import NarrationPlayer
from ..keypad import KeypadEntry
from ..session import VisitorSession
from .narration_view import NarrationView
from .theme import Theme
from .tr import Translator
from .faults import FaultGuard, restart_process
from .first_frame import after_first_frame
from .housekeeping import Housekeeper
from .lockdown import Lockdown
from .screen_set import ScreenPlan, ScreenSet, load_kv
from .staff import StaffDesk
from .usage import UsageRecorder
from .visit import VisitWatch
from .widgets import controls, toolbar  # noqa: F401  (their classes, for every kv rule)

#: The kv every screen uses; each screen's and overlay's own kv loads when it is built.
COMMON_KV = ("widgets/controls.kv", "widgets/toolbar.kv")
OVERLAY_KV = ("widgets/keypad.kv", "widgets/transcript.kv", "widgets/notices.kv",
              "widgets/staff_pin.kv")

# Marked for translation here; the catalogs hold them in kk, ru and en.
KIND_NAMES = {
    StopKind.museum_hall: N_("Museum hall"),
    StopKind.installation: N_("Installation"),
    StopKind.sculpture: N_("Sculpture"),
    StopKind.monument: N_("Monument"),
    StopKind.building: N_("Building"),
    StopKind.grounds: N_("Memorial grounds"),
}
INVITATION = N_("Touch the screen to begin")
BEING_UPDATED = N_("This guide is being updated. Please come back in a few minutes.")
RESTING = N_("The guide is unavailable for a moment. It will be back shortly.")

VOLUME_STEPS = 10
#: The fade between screens, where a GPU draws it (kiosk.ui.rendering).
FADE_SECONDS = 0.3


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
    captions_on = BooleanProperty(False)
    volume = NumericProperty(0.7)
    max_volume = NumericProperty(1.0)
    #: True while stops.yaml has problems: a discreet dot for staff in the header.
    content_notice = BooleanProperty(False)

    def __init__(self, tour: Tour | None, player: NarrationPlayer,
                 catalogs: Catalogs | None = None, transition_duration: float | None = None,
                 clock=time.monotonic, start_screen: str = "attract", keeper=None,
                 media=None, watch: bool = False, restart=restart_process,
                 show_cursor: bool = False, event_log=None, pins=None, data_dir=None,
                 staff_settings=None, **kwargs):
        """``tour`` may be None (nothing good to show yet); ``keeper`` (a TourKeeper)
        reloads it, ``media`` (PreparedMedia) gives display-size pictures, ``watch``
        starts watching the content folder for staff's edits."""
        self.tour = tour
        self.tr = Translator(catalogs or Catalogs.load(), "en")
        self.theme = Theme()
        self.session = VisitorSession(clock)
        self.keeper = keeper
        self.media = media
        self._watch = watch
        self._watcher = None
        self._player = player
        self._transition_duration = transition_duration
        self._start_screen = start_screen
        self._accepted_notes: set[str] = set()
        self._pending_tour: Tour | None = None
        self.lockdown = Lockdown(show_cursor=show_cursor)
        self.event_log = event_log
        self._clock = clock
        self._overlays: dict = {}
        self._keypad_entry = KeypadEntry([])
        self._stopping = False
        #: True once everything left for after the first frame is done (see on_start).
        self.started = False
        self.staff = StaffDesk(self, pins, data_dir, staff_settings)
        self.settings = tour.museum.kiosk if tour is not None else None
        self.fault_guard = FaultGuard(self, clock=clock, restart=restart)
        self.housekeeper = Housekeeper(lambda: self.screens.current == "attract")
        if keeper is not None:
            self.content_notice = keeper.status.has_errors
        super().__init__(**kwargs)

    # -- building -------------------------------------------------------------------
    def build(self):
        load_kv(*COMMON_KV)
        self.narration = NarrationView(self._player)
        self.usage = UsageRecorder(self.event_log, self._player, self._clock)
        fade = self._transition_duration
        if fade is None:  # a gentle fade where a GPU draws it; a cut in software
            from .rendering import draws_in_software

            fade = 0.0 if draws_in_software() else FADE_SECONDS
        transition = FadeTransition(duration=fade) if fade > 0 else NoTransition()
        self.screens = ScreenSet(self._screen_plans(), on_built=self._screen_built,
                                 transition=transition)
        if self.tour is None:
            self.screens.current = "updating"
        else:
            self._install_tour(self.tour, first=True)
            self.screens.current = self._start_screen
            if self._start_screen != "attract":
                self.session.touch()
        self.visit = VisitWatch(self)
        self.visit.start()
        return self.screens

    def _screen_plans(self) -> dict[str, ScreenPlan]:
        updating = ScreenPlan("screens.updating", "UpdatingScreen", ("screens/updating.kv",))
        return {
            "updating": updating, "unavailable": updating,
            "attract": ScreenPlan("screens.attract", "AttractScreen", ("screens/attract.kv",)),
            "home": ScreenPlan("screens.home", "HomeScreen", ("screens/home.kv",)),
            "tour": ScreenPlan("screens.tour", "TourScreen",
                               ("widgets/stop_tile.kv", "screens/tour.kv")),
            "stop": ScreenPlan("screens.stop", "StopScreen",
                               ("widgets/narration_bar.kv", "screens/stop.kv"),
                               options=lambda: {"narration": self.narration}),
            "staff": ScreenPlan("screens.staff", "StaffScreen", ("screens/staff.kv",)),
        }

    def _screen_built(self, screen) -> None:
        """Fill a screen just built with what it shows."""
        if screen.name in ("updating", "unavailable"):
            message = BEING_UPDATED if screen.name == "updating" else RESTING
            screen.lines = [self.tr.catalogs.gettext(code, message) for code in ("kk", "ru", "en")]
        elif self.tour is not None and screen.name == "tour":
            self._fill_tiles()
        elif self.tour is not None and screen.name == "attract":
            self._fill_attract()

    # The overlays, built the first time they are opened (or after the first frame).
    @property
    def keypad(self):
        return self._overlay("keypad")

    @property
    def still_there(self):
        return self._overlay("still_there")

    @property
    def transcript(self):
        return self._overlay("transcript")

    @property
    def content_note(self):
        return self._overlay("content_note")

    def _overlay(self, name: str):
        view = self._overlays.get(name)
        if view is None:
            view = self._overlays[name] = self._make_overlay(name)
        return view

    def overlay_showing(self, name: str) -> bool:
        view = self._overlays.get(name)
        return view is not None and view.parent is not None

    def _make_overlay(self, name: str):
        load_kv(*OVERLAY_KV)
        from .staff import StaffPinView  # noqa: F401  (its kv rule is in OVERLAY_KV)
        from .widgets.keypad import KeypadView
        from .widgets.notices import ContentNoteView, StillThereView
        from .widgets.transcript import TranscriptView

        if name == "keypad":
            view = KeypadView([])
            view.entry = self._keypad_entry
            view.bind(on_open_stop=lambda _pad, number: self.open_stop_number(number))
        elif name == "still_there":
            view = StillThereView()
            view.bind(on_continue=lambda *_: self.visit.continue_visit())
        elif name == "transcript":
            view = TranscriptView()
        else:
            view = ContentNoteView()
        return view

    def on_start(self):
        self.lockdown.start()
        self.fault_guard.install()
        self.staff.start()
        after_first_frame(self._after_first_frame)

    def _after_first_frame(self) -> None:
        """The rest of the start, once the first screen is on show: the other screens and
        the overlays, one a frame, then the event log's writer, the content watcher and
        the preparing of display copies."""
        overlays = ["keypad", "still_there", "transcript", "content_note"]

        def build_one(_dt):
            if self.screens.build_next():
                return True
            if overlays:
                self._overlay(overlays.pop(0))
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

    def _prepare_pictures(self) -> None:
        """Display copies and thumbnails of the tour's pictures, made in the background."""
        if self.media is not None and self.tour is not None:
            self.media.start_background(
                self.tour, on_done=lambda _report: Clock.schedule_once(self._pictures_ready))

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

    # Kiosk mode: Kivy's settings panel (F1) is never offered to a visitor.
    def _install_settings_keys(self, window):
        pass

    def open_settings(self, *_args):
        return False

    # -- when something goes wrong ------------------------------------------------------
    def _close_overlays(self) -> None:
        for view in self._overlays.values():
            if view.parent is not None:
                view.dismiss(animation=False)

    def recover_from_fault(self) -> None:
        """After an error in a screen: silence, overlays closed, the home screen."""
        self.narration.stop()
        self._close_overlays()
        self.screens.current = "home" if self.tour is not None else "updating"

    def show_unavailable(self) -> None:
        """Too many errors: a calm screen while the kiosk restarts itself."""
        self.narration.stop()
        self._close_overlays()
        self.screens.current = "unavailable"

    # -- what kv rules ask for -------------------------------------------------------
    def museum_text(self, key: str, language: str) -> str:
        if self.tour is None:
            return ""
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
        self._player.set_volume(self.volume)

    def open_keypad(self) -> None:
        if not self.keypad.showing:
            self.keypad.open(animation=False)

    def open_transcript(self) -> None:
        stop = self.tour.stop(self.current_stop_id)
        self.transcript.fill(self.stop_text(stop, "title", self.language),
                             self.narration.captions, self._play_from)
        self.transcript.open(animation=False)

    def _play_from(self, seconds: float) -> None:
        self.transcript.dismiss(animation=False)
        self.narration.seek(seconds)
        if not self.narration.playing:
            self.narration.play()

    def open_stop_number(self, number: int) -> None:
        stop = self.tour.by_number(number)
        if stop is not None:
            self.open_stop(stop.id, how="keypad")

    def open_stop(self, stop_id: str, how: str = "tile") -> None:
        """Open a stop; one with a content note asks first (once per visitor)."""
        self._apply_pending_tour()
        if stop_id not in self.tour:
            self.show_tour()  # the stop was taken off the tour by a reload
            return
        stop = self.tour.stop(stop_id)
        if stop.content_note and stop.id not in self._accepted_notes:
            self._ask_content_note(stop, how)
            return
        self._show_stop(stop)
        self.screens.current = "stop"
        self.usage.record("stop_open", stop=stop.id, how=how)

    def open_neighbour(self, step: int) -> None:
        if self.current_stop_id not in self.tour:
            self.show_tour()
            return
        neighbour = self.tour.neighbour(self.current_stop_id, step)
        if neighbour is not None:
            self.open_stop(neighbour.id, how="next" if step > 0 else "previous")

    def _ask_content_note(self, stop, how: str) -> None:
        view = self.content_note
        view.stop_title = self.stop_text(stop, "title", self.language)
        view.note = pick(stop.content_note, self.language, self._fallbacks())
        view.unbind(on_accept=self._accept_note, on_decline=self._decline_note)
        view.pending = (stop.id, how)
        view.bind(on_accept=self._accept_note, on_decline=self._decline_note)
        view.open(animation=False)

    def _accept_note(self, view) -> None:
        stop_id, how = view.pending
        view.dismiss(animation=False)
        self._accepted_notes.add(stop_id)
        self.open_stop(stop_id, how)

    def accept_content_notes(self, stop_ids=None) -> None:
        """As if this visitor had said yes to the content notes of ``stop_ids`` (every
        stop's when None): such a stop then opens without asking (selftest, bench)."""
        ids = [stop.id for stop in self.tour.stops] if stop_ids is None else stop_ids
        self._accepted_notes.update(ids)

    def forget_content_note(self, stop_id: str) -> None:
        """Ask this visitor again before ``stop_id`` opens."""
        self._accepted_notes.discard(stop_id)

    def _decline_note(self, view) -> None:
        view.dismiss(animation=False)  # the visitor stays where they were
        self.usage.record("content_note_declined", stop=view.pending[0])

    # -- the visitor session ---------------------------------------------------------
    def reset_for_next_visitor(self) -> None:
        """Silence, the attract screen, and every setting back to the museum's default."""
        self.narration.stop()
        self.usage.visit_ended("idle")
        self._apply_pending_tour()
        self._close_overlays()
        self.theme.reset()
        self.captions_on = False
        self.volume = self.settings.default_volume
        self._player.set_volume(self.volume)
        self._accepted_notes.clear()
        self.set_language(self.tour.museum.default_language)
        self.current_stop_id = ""
        self.screens.get_screen("tour").scroll_to_top()
        self.screens.current = "attract"
        self.session.reset_done()
        self.housekeeper.visit_ended()

    # -- staff's edits: reloading the tour ------------------------------------------------
    def reload_tour(self) -> None:
        """stops.yaml or the assets changed: take up a good tour, keep ours on a bad one."""
        if self.keeper is None:
            return
        tour = self.keeper.reload()
        self.content_notice = self.keeper.status.has_errors
        if tour is None:
            return
        self._pending_tour = tour
        # A visitor listening to a stop keeps it until they leave; then the new tour.
        if not (self.screens.current == "stop"
                and self.narration.state in ("playing", "paused")):
            self._apply_pending_tour()

    def _apply_pending_tour(self) -> None:
        tour, self._pending_tour = self._pending_tour, None
        if tour is None:
            return
        first = self.tour is None
        self._install_tour(tour, first=first)
        if first:
            self.screens.current = "attract"
        elif self.screens.current == "stop":
            if self.current_stop_id in tour:
                self._show_stop(tour.stop(self.current_stop_id))
            else:
                self.screens.current = "tour"

    def _install_tour(self, tour: Tour, first: bool = False) -> None:
        """Make ``tour`` the one shown, with the museum's settings."""
        self.tour = tour
        self.languages = list(tour.languages)
        if first or self.language not in self.languages:
            self.tr.switch(tour.museum.default_language)
            self.language = tour.museum.default_language
        self.apply_settings(first=first)
        self._keypad_entry = KeypadEntry([s.number for s in tour.stops])
        if "keypad" in self._overlays:
            self.keypad.entry = self._keypad_entry
        self._fill_tiles()
        self._fill_attract()
        if not first:  # at the start, pictures are prepared after the first frame
            self._prepare_pictures()

    def apply_settings(self, first: bool = False) -> None:
        """The museum's kiosk settings, with what staff set on this kiosk's panel."""
        settings = self.tour.museum.kiosk
        if self.staff.settings is not None:
            settings = self.staff.settings.apply(settings)
        self.settings = settings
        self.session.configure(settings.idle_timeout, settings.countdown)
        self.max_volume = settings.max_volume
        if first:
            self.volume = settings.default_volume
        self.volume = min(self.volume, self.max_volume)
        self._player.set_volume(self.volume)

    def _pictures_ready(self, *_args) -> None:
        """Display-size copies are ready: the tiles and slideshow use them from now on."""
        self._fill_tiles()
        self._fill_attract()

    def picture(self, relative: str, thumbnail: bool = False) -> str:
        """The file to draw for a picture of the tour: its prepared copy when ready."""
        original = self.tour.file(relative)
        if self.media is None:
            return str(original)
        return str(self.media.thumbnail_path(original) if thumbnail
                   else self.media.display_path(original))

    def picture_failed(self, shown: str) -> str:
        """``shown`` could not be drawn: the file to try instead (``shown`` if none).

        A damaged prepared copy is dropped (made again in the background) and the
        original is shown meanwhile; an original that cannot be drawn stays a placeholder.
        """
        original = self.media.discard(shown) if self.media is not None else None
        if original is None:
            return shown
        self._prepare_pictures()
        return str(original)

    # -- drawing ---------------------------------------------------------------------
    def _show_stop(self, stop) -> None:
        screen = self.screens.get_screen("stop")
        if stop.id != self.current_stop_id or screen.stop is None:
            self.narration.stop()
        self.current_stop_id = stop.id
        screen.show(stop, [self.picture(p.file) for p in stop.images])
        before, after = self.tour.neighbour(stop.id, -1), self.tour.neighbour(stop.id, 1)
        screen.previous_number = str(before.number) if before else ""
        screen.next_number = str(after.number) if after else ""
        screen.has_previous, screen.has_next = before is not None, after is not None
        self._load_narration(stop, self.language)

    def _load_narration(self, stop, language: str) -> None:
        self.usage.narration_loaded(stop.id, language)
        recording = stop.narration.get(language)
        self.narration.other_languages = [code for code in self.languages
                                          if code in stop.narration and code != language]
        if recording is None:
            self.narration.load(None)
        else:
            self.narration.load(self.tour.file(recording.audio),
                                self.tour.file(recording.captions) if recording.captions else None)

    def _switch_narration_language(self, code: str) -> None:
        stop = self.tour.stop(self.current_stop_id)
        view = self.narration
        was_playing = view.playing
        old_captions, old_position, old_duration = view.captions, view.player.position, view.duration
        started = view.state in ("playing", "paused", "ended") and old_position > 0
        self._load_narration(stop, code)
        if started and view.has_recording and view.state != "failed":
            view.seek(matching_position(old_captions, old_position, view.captions,
                                        view.duration, old_duration))
            if was_playing:
                view.play()

    def _fill_tiles(self) -> None:
        if not self.screens.is_built("tour"):
            return  # filled when it is built
        screen = self.screens.get_screen("tour")
        screen.tiles = [{
            "stop_id": stop.id,
            "number": stop.number,
            "kind_label": self.kind_text(stop.kind, self.language),
            "title": self.stop_text(stop, "title", self.language),
            "image": self.picture(stop.images[0].file, thumbnail=True),
        } for stop in self.tour.stops]

    def _fill_attract(self) -> None:
        if not self.screens.is_built("attract"):
            return  # filled when it is built
        screen = self.screens.get_screen("attract")
        screen.pictures = [self.picture(s.images[0].file) for s in self.tour.stops]
        screen.invitations = [self.tr.catalogs.gettext(code, INVITATION) for code in self.languages]
