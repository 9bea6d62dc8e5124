"""One way to drive the running kiosk frame by frame, for everything that does.

Selftest, the UI tests, the benchmarks' children and the soak all start the real app in
their own process and move it on themselves: frames, touches, keys, time. They share this
module, so each does it the same way:

- :func:`open_audio`: the real speaker, or SDL's silent driver where there is none;
- :func:`finish_every_frame` / :func:`finish_drawing`: wait for the GL driver to draw a
  frame, as a real display's buffer swap does (offscreen, Mesa draws after the swap);
- :class:`Pilot`: frames, touches (:class:`SyntheticTouch`), keys, a real or fake clock,
  scripts of steps (:meth:`Pilot.run`), and what a finger can reach on the screen shown.
"""

from __future__ import annotations

import os
import time

from kivy.base import EventLoop, ExceptionManager
from kivy.clock import Clock

from ..clock import FakeClock
from .synthetic_touch import SyntheticTouch

__all__ = ["FakeClock", "Pilot", "finish_drawing", "finish_every_frame", "idle",
           "on_each_flip", "open_audio", "use_fake_kivy_clock", "use_real_kivy_clock"]


# -- the process around the app ------------------------------------------------------
def open_audio(say=print):
    """The real speaker; SDL's silent driver when there is no sound device (a server,
    CI), so the recordings are still really decoded and played. None if neither opens."""
    from ..audio import PygameAudio

    backend = PygameAudio()
    if backend.open():
        return backend
    say("No sound device: the recordings are played to a silent output.")
    os.environ["SDL_AUDIODRIVER"] = "dummy"
    backend = PygameAudio()
    return backend if backend.open() else None


def finish_drawing() -> float:
    """Wait until the GL driver has drawn everything asked of it (glFinish); returns
    ``time.perf_counter()`` then."""
    from kivy.graphics.opengl import glFinish

    glFinish()
    return time.perf_counter()


def finish_every_frame() -> None:
    """Offscreen, wait for each frame to be drawn, as a real display's buffer swap does.

    SDL's offscreen driver swaps without waiting, and Mesa's software renderer then
    queues frame after frame, keeping every texture they use (memory grows with each
    screen change, a label can wait long for the queue to drain). A real display does
    not do that; nor does waiting for each frame here.
    """
    if os.environ.get("SDL_VIDEODRIVER") != "offscreen":
        return
    from kivy.core.window import Window

    Window.bind(on_flip=lambda *_args: finish_drawing())


def on_each_flip(callback) -> None:
    """Call ``callback(now)`` after each buffer swap (``now``: ``time.perf_counter()``).

    Not ``Window.bind(on_flip=...)``: those run before the window's own handler swaps
    the buffers.
    """
    from kivy.core.window import Window

    real_flip = Window.flip

    def flip():  # an instance attribute shadows the method; on_flip calls self.flip()
        real_flip()
        callback(time.perf_counter())

    Window.flip = flip


def use_fake_kivy_clock(clock: FakeClock) -> None:
    """Make Kivy's Clock read ``clock`` and never sleep between frames."""
    Clock.time = clock
    Clock._max_fps = 0
    Clock._last_tick = clock()


def use_real_kivy_clock() -> None:
    """Kivy's Clock back on real time (after :func:`use_fake_kivy_clock`)."""
    from kivy.compat import clock as real_clock

    if "time" in vars(Clock):
        del Clock.time  # back to the class's real clock
    Clock._last_tick = real_clock()


def idle() -> None:
    """One frame, as Kivy's main loop runs it: an exception goes to the ExceptionManager
    (where the kiosk's fault guard is), and is raised only if no handler takes it."""
    _as_kivy_loop(EventLoop.idle)


def _as_kivy_loop(action, *args) -> None:
    try:
        action(*args)
    except BaseException as error:  # noqa: BLE001 - the same catch as kivy.base
        if ExceptionManager.handle_exception(error) == ExceptionManager.RAISE:
            raise


# -- the pilot -------------------------------------------------------------------------
class Pilot:
    """Drives a running KioskApp the way a visitor's finger would.

    With a :class:`FakeClock` (``clock``), time moves only when the pilot says so and
    frames never wait; without one, each frame waits for the next at Kivy's frame rate,
    as ``app.run()`` would.
    """

    FRAME = 1 / 30

    def __init__(self, app, clock: FakeClock | None = None):
        self.app = app
        self.clock = clock
        self.key_result = None

    @classmethod
    def start(cls, app, clock: FakeClock | None = None, limit: int = 100) -> "Pilot":
        """Put ``app`` on the window and draw until it has finished starting."""
        if clock is not None:
            use_fake_kivy_clock(clock)
        app._run_prepare()  # what App.run() does before its loop
        idle()
        pilot = cls(app, clock)
        pilot.finish_start(limit)
        return pilot

    def close(self) -> None:
        """Take this app off the window without ending Kivy's loop, so that another app
        can start in the same process; the kv ``app`` name is released by on_stop."""
        from kivy.app import App

        for child in list(EventLoop.window.children):
            EventLoop.window.remove_widget(child)
        use_real_kivy_clock()
        EventLoop.idle()  # pending redraws run while the app is still valid
        App._running_app = None
        self.app.dispatch("on_stop")
        _forget_closed_widgets()

    # -- reading ---------------------------------------------------------------------
    @property
    def screen(self):
        return self.app.screens.current_screen

    @property
    def overlays(self) -> list:
        """The overlays open now (keypad, notices...), topmost last."""
        from kivy.uix.modalview import ModalView

        return [w for w in reversed(EventLoop.window.children) if isinstance(w, ModalView)]

    def find(self, widget_id: str):
        """The widget with kv id ``widget_id`` in an open overlay or on the current screen."""
        found = None
        for overlay in self.overlays:
            found = found or _find_id(overlay, widget_id)
        found = found or _find_id(self.screen, widget_id)
        if found is None:
            raise LookupError(f"no widget with id '{widget_id}' on screen '{self.screen.name}'")
        return found

    def text(self, widget_id: str) -> str:
        return self.find(widget_id).text

    def reachable(self, kind) -> list:
        """Widgets for which ``kind(widget)`` is true that a finger can reach now: in the
        topmost overlay if one is open, else on the current screen; enabled, not
        transparent, inside the window and every clipping area (a scrolled list)."""
        overlays = self.overlays
        root = overlays[-1] if overlays else self.screen
        size = EventLoop.window.size
        return [widget for widget in root.walk(restrict=True)
                if kind(widget) and _can_touch(widget, root, size)]

    def tile(self, stop_id: str):
        """The tile of ``stop_id`` on the tour screen, scrolled into view as a visitor would."""
        grid = self.find("stops")
        for scroll in (None, 1.0, 0.75, 0.5, 0.25, 0.0):
            if scroll is not None:
                grid.scroll_y = scroll
            self.frames(2)
            for view in grid.layout_manager.children:
                if getattr(view, "stop_id", None) == stop_id and _inside(grid, view):
                    return view
        shown = [getattr(v, "stop_id", None) for v in grid.layout_manager.children]
        raise LookupError(f"no tile of {stop_id} could be scrolled into view on screen "
                          f"'{self.screen.name}' (tiles made: {shown})")

    # -- acting ----------------------------------------------------------------------
    def run(self, script) -> None:
        """Play ``script``: a generator that acts on the app and yields how many frames
        to draw before it goes on (each frame one :attr:`FRAME` of fake time). An
        exception from the script itself reaches the caller."""
        for count in script:
            self.frames(count)

    def finish_start(self, limit: int = 100) -> None:
        """Draw frames until the app has done what it leaves for after its first frame."""
        for _ in range(limit):
            if self.app.started:
                return
            idle()
        raise AssertionError(f"the app had not finished starting after {limit} frames")

    def frames(self, count: int = 3) -> None:
        for _ in range(count):
            if self.clock is not None:
                self.clock.advance(self.FRAME)
            idle()

    def advance(self, seconds: float) -> None:
        """Let ``seconds`` pass, drawing frames as a real kiosk would."""
        if self.clock is None:
            end = time.monotonic() + seconds
            while time.monotonic() < end:
                idle()
            return
        # Frames every quarter second: enough for the 10 Hz refreshes to run each step,
        # few enough that drawing offscreen stays quick.
        steps = max(1, int(seconds / 0.25))
        for _ in range(steps):
            self.clock.advance(seconds / steps)
            idle()

    def settle(self) -> None:
        """Draw frames until no screen transition is running."""
        self.frames(2)
        while self.app.screens.transition.is_active:
            self.frames(1)

    def key(self, keycode: int, modifiers=None) -> None:
        """Press and release a key on the hardware keyboard or number pad."""
        window = EventLoop.window

        def press():
            self.key_result = window.dispatch("on_key_down", keycode, 0, None, modifiers or [])
            if not self.key_result:  # as SDL's window does: on_keyboard unless taken
                window.dispatch("on_keyboard", keycode, 0, None, modifiers or [])
            window.dispatch("on_key_up", keycode, 0)
        _as_kivy_loop(press)
        self.frames(2)

    def type_text(self, text: str) -> None:
        """Type ``text`` on a hardware keyboard: each character arrives as the window's
        text input, as SDL sends it in the keyboard's own layout (Cyrillic included)."""
        window = EventLoop.window
        for character in text:
            _as_kivy_loop(lambda: window.dispatch("on_textinput", character))
        self.frames(2)

    def tap(self, target, settle: float = 0.1) -> None:
        """Touch the middle of ``target`` (a widget or an id), let go, let it settle."""
        widget = self.find(target) if isinstance(target, str) else target
        if widget.disabled or widget.opacity == 0:
            raise AssertionError(f"'{target}' cannot be touched: it is hidden or disabled")
        self.tap_at(*widget.to_window(*widget.center), settle=settle)

    def tap_at(self, x: float, y: float, settle: float = 0.5) -> None:
        touch = SyntheticTouch(x, y)
        _as_kivy_loop(touch.touch_down)
        self.frames(2)
        _as_kivy_loop(touch.touch_up)
        self.advance(settle)

    def hold_at(self, x: float, y: float, seconds: float) -> None:
        """Keep a finger on (x, y) for ``seconds``, then let go."""
        touch = SyntheticTouch(x, y)
        _as_kivy_loop(touch.touch_down)
        self.advance(seconds)
        _as_kivy_loop(touch.touch_up)
        self.frames(2)

    def drag(self, x: float, y: float, to_x: float, to_y: float, steps: int = 8,
             settle: float = 1.0) -> None:
        """Put a finger down at (x, y), move it to (to_x, to_y) in ``steps``, let go."""
        touch = SyntheticTouch(x, y)
        _as_kivy_loop(touch.touch_down)
        for i in range(1, steps + 1):
            self.frames(1)
            _as_kivy_loop(touch.touch_move, x + (to_x - x) * i / steps,
                          y + (to_y - y) * i / steps)
        _as_kivy_loop(touch.touch_up)
        self.advance(settle)

    def swipe(self, widget, dx: float) -> None:
        """Drag a finger horizontally across ``widget`` by ``dx`` pixels."""
        x, y = widget.to_window(*widget.center)
        self.drag(x, y, x + dx, y)

    def drag_slider(self, slider, fraction: float) -> None:
        """Hold the progress bar, move to ``fraction`` of its length, let go."""
        start_x, y = slider.to_window(slider.value_pos[0], slider.center_y)
        left = slider.x + slider.padding
        end_x, _ = slider.to_window(left + fraction * (slider.width - 2 * slider.padding),
                                    slider.center_y)
        self.drag(start_x, y, end_x, y, steps=5, settle=0.3)

    def open_stop(self, stop_id: str, language: str = "en") -> None:
        """From the home screen: choose ``language``, begin the tour, tap the stop's tile."""
        self.tap(f"lang_{language}")
        self.tap("start")
        self.tap(self.tile(stop_id))
        if self.screen.name != "stop":
            raise AssertionError(f"tapping the tile of {stop_id} led to '{self.screen.name}'")


def _find_id(root, widget_id: str):
    if widget_id in getattr(root, "ids", {}):
        return root.ids[widget_id]
    for widget in root.walk(restrict=True):
        ids = getattr(widget, "ids", None)
        if ids and widget_id in ids:
            return ids[widget_id]
    return None


def _inside(area, widget) -> bool:
    x, y = widget.to_window(*widget.center)
    left, bottom = area.to_window(area.x, area.y)
    return left <= x <= left + area.width and bottom <= y <= bottom + area.height


def _can_touch(widget, root, window_size) -> bool:
    from kivy.uix.stencilview import StencilView

    if widget.disabled or widget.width <= 1 or widget.height <= 1:
        return False
    x, y = widget.to_window(*widget.center)
    if not (0 <= x < window_size[0] and 0 <= y < window_size[1]):
        return False
    node = widget
    while node is not None:
        if getattr(node, "opacity", 1) <= 0.05:
            return False
        if node is not widget and isinstance(node, StencilView):
            left, bottom = node.to_window(node.x, node.y)
            if not (left <= x < left + node.width and bottom <= y < bottom + node.height):
                return False
        if node is root:
            return True
        node = node.parent
    return False  # not attached to the screen shown


def _forget_closed_widgets() -> None:
    """Let the closed app's widgets go, so that the next app in the process starts clean.

    Kivy keeps two process-wide stores that outlive an app: the kv rules' bindings, by
    widget (``Builder``'s handlers: a binding to a widget's ``ids`` holds the whole
    tree, about 37 MB an app), and the views a RecycleView set aside for reuse (tiles
    whose kv rules still follow the closed app's theme). Only one app runs in the
    kiosk's own process; the tests, selftest and the benchmarks start many.
    """
    from kivy.lang.builder import Builder, _handlers
    from kivy.uix.recycleview import views

    for uid in list(_handlers):
        Builder.unbind_widget(uid)
    views._cached_views.clear()
    views._cache_count = 0  # Kivy's count of them, or its next trim divides by zero
