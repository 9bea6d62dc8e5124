"""A small pilot for UI tests: tap a widget by id, advance a fake clock, read the screen.

One :class:`FakeClock` drives both Kivy's Clock (animations, scheduled refreshes) and the
narration player, so a test can move ten seconds forward without waiting ten seconds.
"""

from __future__ import annotations

from kivy.base import EventLoop, ExceptionManager
from kivy.clock import Clock
from kivy.tests.common import UnitTestTouch
from kivy.uix.widget import Widget

from tests.fake_clock import FakeClock  # noqa: F401  (tests import it from here too)


def _as_kivy_loop(action, *args) -> None:
    """Run ``action`` as Kivy's main loop runs a frame: an exception goes to the
    ExceptionManager (where the kiosk's fault guard is), and is raised only if no
    handler takes it."""
    try:
        action(*args)
    except BaseException as error:  # noqa: BLE001 - the same catch as kivy.base
        if ExceptionManager.handle_exception(error) == ExceptionManager.RAISE:
            raise


def idle() -> None:
    _as_kivy_loop(EventLoop.idle)


class Pilot:
    """Drives a running KioskApp the way a visitor's finger would."""

    FRAME = 1 / 30

    def __init__(self, app, clock: FakeClock):
        self.app = app
        self.clock = clock

    # -- reading -----------------------------------------------------------------------
    @property
    def screen(self):
        return self.app.screens.current_screen

    @property
    def overlays(self) -> list:
        """The overlays open now (keypad, notices...), topmost last."""
        from kivy.uix.modalview import ModalView

        return [w for w in reversed(EventLoop.window.children) if isinstance(w, ModalView)]

    def key(self, keycode: int, modifiers=None) -> None:
        """Press and release a key on the hardware keyboard or number pad."""
        self.key_result = None

        def press():
            self.key_result = EventLoop.window.dispatch("on_key_down", keycode, 0, None,
                                                        modifiers or [])
            if not self.key_result:  # as SDL's window does: on_keyboard unless taken
                EventLoop.window.dispatch("on_keyboard", keycode, 0, None, modifiers or [])
            EventLoop.window.dispatch("on_key_up", keycode, 0)
        _as_kivy_loop(press)
        self.frames(2)

    def find(self, widget_id: str) -> Widget:
        """The widget with kv id ``widget_id`` in an open overlay or on the current screen."""
        from kivy.uix.modalview import ModalView

        found = None
        for overlay in EventLoop.window.children:
            if isinstance(overlay, ModalView):
                found = found or _find_id(overlay, widget_id)
        found = found or _find_id(self.screen, widget_id)
        if found is None:
            raise LookupError(f"no widget with id '{widget_id}' on screen '{self.screen.name}'")
        return found

    def text(self, widget_id: str) -> str:
        return self.find(widget_id).text

    # -- acting ------------------------------------------------------------------------
    def finish_start(self, limit: int = 100) -> None:
        """Draw frames until the app has done what it leaves for after its first frame."""
        for _ in range(limit):
            if self.app.started:
                return
            idle()
        raise AssertionError(f"the app had not finished starting after {limit} frames")

    def frames(self, count: int = 3) -> None:
        for _ in range(count):
            self.clock.advance(self.FRAME)
            idle()

    def advance(self, seconds: float) -> None:
        """Let ``seconds`` of fake time pass, drawing frames as a real kiosk would."""
        # Frames every quarter second: enough for the 10 Hz refreshes to run each step,
        # few enough that drawing offscreen does not make the tests slow.
        steps = max(1, int(seconds / 0.25))
        for _ in range(steps):
            self.clock.advance(seconds / steps)
            idle()

    def tap(self, target, settle: float = 0.1) -> None:
        """Touch the middle of ``target`` (a widget or an id), let go, let it settle."""
        widget = self.find(target) if isinstance(target, str) else target
        if widget.disabled or widget.opacity == 0:
            raise AssertionError(f"'{target}' cannot be touched: it is hidden or disabled")
        x, y = widget.to_window(*widget.center)
        touch = UnitTestTouch(x, y)
        _as_kivy_loop(touch.touch_down)
        self.frames(2)
        _as_kivy_loop(touch.touch_up)
        self.advance(settle)

    def tap_at(self, x: float, y: float) -> None:
        touch = UnitTestTouch(x, y)
        _as_kivy_loop(touch.touch_down)
        self.frames(2)
        _as_kivy_loop(touch.touch_up)
        self.advance(0.5)

    def swipe(self, widget, dx: float) -> None:
        """Drag a finger horizontally across ``widget`` by ``dx`` pixels."""
        x, y = widget.to_window(*widget.center)
        touch = UnitTestTouch(x, y)
        touch.touch_down()
        steps = 8
        for i in range(1, steps + 1):
            self.frames(1)
            touch.touch_move(x + dx * i / steps, y)
        touch.touch_up()
        self.advance(1.0)

    def drag_slider(self, slider, fraction: float) -> None:
        """Hold the progress bar, move to ``fraction`` of its length, let go."""
        start_x, y = slider.to_window(slider.value_pos[0], slider.center_y)
        left = slider.x + slider.padding
        end_x = left + fraction * (slider.width - 2 * slider.padding)
        end_x, _ = slider.to_window(end_x, slider.center_y)
        touch = UnitTestTouch(start_x, y)
        touch.touch_down()
        for i in range(1, 6):
            self.frames(1)
            touch.touch_move(start_x + (end_x - start_x) * i / 5, y)
        touch.touch_up()
        self.advance(0.3)


def _find_id(root: Widget, widget_id: str) -> Widget | None:
    if widget_id in getattr(root, "ids", {}):
        return root.ids[widget_id]
    for widget in root.walk(restrict=True):
        ids = getattr(widget, "ids", None)
        if ids and widget_id in ids:
            return ids[widget_id]
    return None


def use_fake_kivy_clock(clock: FakeClock) -> None:
    """Make Kivy's Clock read ``clock`` and never sleep between frames."""
    Clock.time = clock
    Clock._max_fps = 0
    Clock._last_tick = clock()
