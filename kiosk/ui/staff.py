"""The staff panel's way in: a long press in the top-left corner, then the PIN.

Visitors do not press one corner for three seconds by chance; staff know to. Only
`python main.py set-pin` sets the PIN: a kiosk with none keeps the panel shut and the
long press shows a note saying so, never a way to choose one. Wrong PINs meet a growing
wait (kept by :class:`kiosk.pin.PinStore`), and the panel never opens during it.
"""

from __future__ import annotations

from pathlib import Path

from kivy.clock import Clock
from kivy.core.window import Window
from kivy.event import EventDispatcher
from kivy.metrics import dp

from .staff_selftest import SelfTestOutcome, run_in_background

#: Seconds a finger must stay in the corner, and the corner's size.
HOLD_SECONDS = 3.0
CORNER = 90


class StaffGate:
    """Watches the top-left corner for a long press; then opens the PIN pad."""

    def __init__(self, on_open):
        self.on_open = on_open
        self._pending = None
        self._touch = None

    def start(self) -> None:
        Window.bind(on_touch_down=self._down, on_touch_up=self._up, on_touch_move=self._move)

    def stop(self) -> None:
        Window.unbind(on_touch_down=self._down, on_touch_up=self._up, on_touch_move=self._move)
        self._cancel()

    def _in_corner(self, touch) -> bool:
        return touch.x <= dp(CORNER) and touch.y >= Window.height - dp(CORNER)

    def _down(self, _window, touch):
        if self._in_corner(touch):
            self._cancel()
            self._touch = touch
            self._pending = Clock.schedule_once(lambda _dt: self._held(), HOLD_SECONDS)
        return False

    def _move(self, _window, touch):
        if touch is self._touch and not self._in_corner(touch):
            self._cancel()
        return False

    def _up(self, _window, touch):
        if touch is self._touch:
            self._cancel()
        return False

    def _held(self) -> None:
        self._pending = self._touch = None
        self.on_open()

    def _cancel(self) -> None:
        if self._pending is not None:
            self._pending.cancel()
        self._pending = self._touch = None


class StaffDesk(EventDispatcher):
    """Everything the staff panel does, for the app (kv rules call ``app.staff.*``). It
    reads the app's state; what the app must do (show the panel, leave it, leave kiosk
    mode) it asks by its events."""

    __events__ = ("on_panel_opened", "on_panel_closed", "on_exit_confirmed")

    def __init__(self, app, pins, data_dir, staff_settings):
        super().__init__()
        self.app = app
        self.pins = pins
        self.data_dir = data_dir
        self.settings = staff_settings
        self.gate = StaffGate(self.ask_pin)
        self.pin_view = None
        self.no_pin_view = None  # the note shown instead of the pad while no PIN is set
        self.exit_view = None
        self._selftest = None
        #: The tour keeper's status the panel shows now; a live reload replaces it.
        self._shown_status = None
        self._watching = None

    def start(self) -> None:
        """Called when the app starts: the corner is watched from now on."""
        if self.pins is not None:
            self.gate.start()
            if not self.pins.has_pin():
                import logging

                logging.getLogger(__name__).warning(
                    "This kiosk has no staff PIN yet: the staff panel stays shut until "
                    "'python main.py set-pin' sets one in the kiosk's data folder.")

    def _pin_pad(self):
        """The PIN pad, made the first time it is asked for, once its kv rule is loaded
        (a pad made before its rule would open empty: no keys, no way in)."""
        if self.pin_view is None:
            from .widgets.staff_pin import StaffPinView  # its keys' rules: not before the first frame

            self.pin_view = StaffPinView(self.pins)
            self.pin_view.bind(on_granted=lambda *_: self.open())
        return self.pin_view

    def stop(self) -> None:
        self.gate.stop()

    @property
    def screen(self):
        return self.app.screens.get_screen("staff")

    def ask_pin(self) -> None:
        """The corner's long press: the PIN pad, or, with no PIN set, the note that says
        the panel stays shut until `set-pin` sets one."""
        if self.pins is None:
            return
        if not self.pins.has_pin():
            self._show_no_pin()
            return
        pad = self._pin_pad()
        if pad.parent is None:
            pad.start()

    def _show_no_pin(self) -> None:
        from .widgets.staff_no_pin import StaffNoPinView

        if self.no_pin_view is None:
            self.no_pin_view = StaffNoPinView()
        if self.no_pin_view.parent is None:
            self.no_pin_view.open(animation=False)

    def open(self) -> None:
        """The PIN was right: the panel, filled, and the app told to show it."""
        self.screen.result = ""
        self.refresh()
        self.dispatch("on_panel_opened")
        self._follow_the_tour()

    def close(self) -> None:
        """The panel's "Back to the guide"."""
        self._stop_following()
        if self.exit_view is not None and self.exit_view.parent is not None:
            self.exit_view.dismiss(animation=False)
        self.dispatch("on_panel_closed")

    def on_panel_opened(self):
        """The app silences the guide, closes overlays and shows the panel."""

    def on_panel_closed(self):
        """The app goes back to the guide."""

    def on_exit_confirmed(self):
        """The app leaves kiosk mode."""

    # -- the panel follows staff's edits while it is open ---------------------------------
    def _follow_the_tour(self) -> None:
        """While the panel is shown, a live reload (the watcher, or the panel's own button)
        shows at once: each reload gives the keeper a new status, looked for each second."""
        from kivy.clock import Clock

        self._stop_following()
        self._watching = Clock.schedule_interval(self._look_for_reload, 1.0)

    def _stop_following(self) -> None:
        if self._watching is not None:
            self._watching.cancel()
            self._watching = None

    def _look_for_reload(self, _dt=None):
        if self.app.screens.current != "staff":
            self._watching = None
            return False
        keeper = self.app.keeper
        if keeper is not None and keeper.status is not self._shown_status:
            self.refresh()
        return True

    def _fleet_verdict(self) -> tuple[str, list[str]]:
        """What this kiosk made of the staff computer's last new tour, where several kiosks
        share one (``fleet``): a sentence, and the mistakes that kept it out."""
        from datetime import datetime

        from ..fleet.intake import read_verdict
        from ..fleet.kiosk_round import PANEL_VERDICT

        verdict = read_verdict(self.data_dir / PANEL_VERDICT) if self.data_dir else None
        if verdict is None:
            return "", []
        tr = self.app.tr
        try:
            when = datetime.fromisoformat(verdict.when).astimezone().strftime("%Y-%m-%d %H:%M")
        except ValueError:
            when = verdict.when
        if verdict.outcome == "refused":
            heading = tr._("New version from the staff computer:")
            said = tr._("The staff computer's new version ({time}) was not taken: it has mistakes (below).")
            kept = tr._("This kiosk keeps showing its last good tour.")
            return (f"{said.format(time=when)} {kept}",
                    [f"{heading} {problem}" for problem in verdict.problems])
        return tr._("Taken from the staff computer at {time}.").format(time=when), []

    def refresh(self) -> None:
        """Fill the panel from the tour keeper, the settings and the event log."""
        from datetime import date, timedelta

        from ..analytics import Report
        from ..exports import export_folders

        app, screen = self.app, self.screen
        keeper = app.keeper
        status = keeper.status if keeper is not None else None
        self._shown_status = status
        tr = app.tr
        fleet_status, fleet_problems = self._fleet_verdict()
        if app.tour is None:
            screen.tour_status = tr._("No tour is shown: stops.yaml has problems.")
        else:
            source = (tr._("stops.yaml has problems: the last good tour is shown.")
                      if status is not None and status.source == "last-good"
                      else "" if fleet_problems  # not up to date: the staff's new one is out
                      else tr._("The tour is up to date."))
            loaded = (status.loaded_at.strftime("%Y-%m-%d %H:%M")
                      if status is not None and status.loaded_at else "")
            screen.tour_status = (tr.ngettext("{stops} stop in {languages}.", "{stops} stops in {languages}.", len(app.tour.stops)).format(
                stops=len(app.tour.stops), languages=", ".join(app.tour.languages))
                + (" " + source if source else "") + (" " + tr._("Loaded at {time}.").format(time=loaded)
                                  if loaded else ""))
        problems = [str(p) for p in status.problems] if status is not None else []
        if fleet_status:
            screen.tour_status += " " + fleet_status
        problems = fleet_problems + problems
        if app.event_log is not None:
            problems += list(app.event_log.problems)
        if app.staff.pins is not None:
            problems += list(app.staff.pins.problems)
        screen.problems = "\n".join(problems[:12]) + (
            "\n" + tr._("...and {count} more.").format(count=len(problems) - 12)
            if len(problems) > 12 else "")
        screen.idle_timeout = app.settings.idle_timeout
        screen.default_volume = app.settings.default_volume
        screen.counting = app.event_log is not None
        if self.data_dir is not None:
            self._fill_exports(export_folders(self.data_dir))
        else:
            self._fill_exports([])
        if app.event_log is not None and self.data_dir is not None:
            app.event_log.flush()
            # The last 90 days: enough for the panel, and quick on a kiosk years old
            # (`python main.py stats` gives the whole history).
            report = Report.from_data_dir(self.data_dir, since=date.today() - timedelta(days=90))
            titles = {s.id: (s.number, app.stop_text(s, "title", app.language))
                      for s in (app.tour.stops if app.tour else ())}
            screen.rows = [{"number": titles.get(row.stop_id, ("", ""))[0],
                            "title": titles.get(row.stop_id, ("", row.stop_id))[1],
                            "opened": row.opened, "finished": row.finished,
                            "listened": int(round(100 * (row.average_share_listened or 0)))}
                           for row in report.stops]
            screen.languages = "   ".join(f"{code}: {share:.0%}"
                                          for code, share in report.languages.items())
            screen.days = [(day.strftime("%d.%m"), count) for day, count in report.sessions_per_day]
            screen.problems = "\n".join(filter(None, [screen.problems, *report.problems[:4]]))

    def _fill_exports(self, folders) -> None:
        """One button per folder; left as they are when the folders are the same (a new
        set of buttons on every refresh made the column jump)."""
        from kivy.factory import Factory

        folders = [str(folder) for folder in folders]
        screen = self.screen
        box = screen.ids.staff_exports
        if folders == list(screen.export_folders) and len(box.children) == len(folders):
            return
        screen.export_folders = folders
        box.clear_widgets()
        for folder in folders:
            button = Factory.StaffButton(text=str(folder))
            button.bind(on_release=lambda _b, f=folder: self.export(f))
            box.add_widget(button)

    def change(self, key: str, step: float) -> None:
        """A −/+ on the panel: idle timeout in 30 s steps, default volume in tenths."""
        current = getattr(self.app.settings, key)
        value = (min(600, max(30, int(current + step))) if key == "idle_timeout"
                 else round(min(self.app.max_volume, max(0.1, current + step)), 2))
        if self.settings is not None:
            self.settings.save(**{key: value})
        self.app.apply_settings()
        self.refresh()

    def reload(self) -> None:
        self.app.reload_tour()
        self.refresh()
        self.screen.result = self.app.tr._("The tour was read again.")

    def export(self, folder) -> None:
        from datetime import date

        from ..analytics import Report

        try:
            folder = Path(folder)
            folder.mkdir(parents=True, exist_ok=True)
            self.app.event_log.flush()
            target = folder / f"alzhir-kiosk-{date.today().isoformat()}.csv"
            Report.from_data_dir(self.data_dir).to_csv(target)
            self.screen.result = self.app.tr._("Saved: {path}").format(path=target)
        except OSError as error:
            self.screen.result = self.app.tr._("Could not save there: {reason}").format(
                reason=error.strerror or error)

    def selftest(self) -> None:
        """Run `python main.py selftest` in the background (offscreen) and report."""
        if self._selftest is not None:
            return
        keeper = self.app.keeper
        self.screen.result = self.app.tr._("The self-test is running...")
        self._selftest = run_in_background(keeper.content_dir if keeper else Path("."),
                                           Path(self.data_dir), self._selftest_done)

    def _selftest_done(self, outcome: SelfTestOutcome) -> None:
        self._selftest = None
        self.screen.result = outcome.told(self.app.tr, Path(self.data_dir) if self.data_dir else None)

    def ask_exit(self) -> None:
        """The panel's "Exit kiosk mode": asks "are you sure?" before leaving."""
        from .widgets.staff_exit import StaffExitView

        if self.exit_view is None:
            self.exit_view = StaffExitView()
            self.exit_view.bind(on_confirm=lambda *_: self._confirmed_exit())
        if self.exit_view.parent is None:
            self.exit_view.open(animation=False)

    def _confirmed_exit(self) -> None:
        self.exit_view.dismiss(animation=False)
        self.exit_kiosk()

    def exit_kiosk(self) -> None:
        """The only way out of kiosk mode (once staff confirmed it)."""
        self._stop_following()
        self.dispatch("on_exit_confirmed")

