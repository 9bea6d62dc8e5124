"""`python main.py monkey --actions N`: a soak test of the real kiosk under random visitors.

The real app (real tour keeper, real pictures, real pygame audio: SDL's silent "dummy"
driver when there is no sound card) runs offscreen in Kivy's own event loop, exactly as
`selftest` runs it. A step on Kivy's Clock plays one random visitor action at a time,
chosen by a seeded ``random.Random``:

- a tap anywhere in the window, or on a random button a visitor can see and reach now
  (the current screen, or the open overlay on top of it: keypad, notices, transcript);
- a swipe (over the pictures, the story, the list of stops, the progress bar, or anywhere);
- a key of a keyboard or USB number pad: digits, Enter, Backspace;
- a language switch, a seek, play/pause (only where the screen offers them: a stop with a
  recording that can be played), the idle reset (``reset_for_next_visitor``), a visitor
  walking away (the idle timer's clock jumps: the real "Are you still there?" question,
  and half the time its countdown running out), and a reload of the tour
  (``reload_tour``, what a staff edit triggers).

Every action is followed by a few frames; offscreen, each frame is waited for
(``glFinish``) as a real display would (see :func:`_finish_every_frame`). The app's own
fault guard stays in place (it takes the visitor home after an error, as in the museum);
its restart after repeated faults is noted instead of done. Nothing is asserted about what the screens
show (the UI tests do that): the soak looks for what only time and chance find, namely
exceptions, and memory or file descriptors that grow. An exception is counted when it:

- escapes an action (it would reach Kivy's event loop in the real kiosk),
- reaches Kivy's event loop from any other callback (a Clock event, a property binding):
  an ``ExceptionHandler`` records it and lets the loop go on, so one run finds them all,
- ends a thread of the app (``threading.excepthook``).

It prints resident memory (RSS) every 500 actions, the open file descriptors at start
and at the end, the first few tracebacks, and as its very last line::

    rss growth: X MB over N actions

X is the growth from after the first 1,000 actions (the start, for runs of fewer) to the
end; MB here are MiB (2**20 bytes). It exits 0 only when no exception was counted.

``--inject-fault`` exists to test the soak itself (tests/test_monkey.py), never to test
the kiosk: half-way through, one action schedules a Kivy Clock callback that raises, and
the run must then count exactly that one exception and exit 1.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import sys
import tempfile
import threading
import time
import traceback
from collections import Counter, deque
from pathlib import Path

from ..memory import tidy
from ..paths import ensure_data_dir

#: How often RSS is printed (actions).
REPORT_EVERY = 500
#: RSS growth is measured from this many actions on (the caches fill up before it).
WARM_UP = 1000
#: How many full tracebacks are printed; the rest are summarised by their last line.
TRACEBACKS_SHOWN = 5
#: The actions, and how often each is chosen (relative weights).
WEIGHTS = {
    "tap-button": 34,
    "tap-anywhere": 18,
    "swipe": 9,
    "key": 14,
    "language": 6,
    "seek": 6,
    "play-pause": 7,
    "idle-reset": 3,
    "walk-away": 2,
    "reload": 3,
}
#: Keys pressed: the digits of a keyboard's top row, Enter, Backspace (and, rarely, the
#: same on a number pad: Kivy's codes 256-265 and 271).
DIGITS = list(range(48, 58))
ENTER, BACKSPACE = 13, 8
NUMPAD = [*range(256, 266), 271]
INJECTED = "fault injected by --inject-fault (testing the soak itself, not the kiosk)"


def _mib(value: int) -> float:
    return value / 2**20


class Monkey:
    """The random visitor, stepped by Kivy's Clock one frame at a time.

    Each action is a generator that yields how many frames to let pass before it goes on
    (a touch is put down, frames pass, then it is lifted). An exception from an action is recorded and the
    next action starts; touches it left down are lifted first.
    """

    def __init__(self, app, actions: int, seed: int, inject_fault: bool = False,
                 out=print, report_every: int | None = None):
        import psutil

        self.app = app
        self.total = actions
        self.seed = seed
        self.rng = random.Random(seed)
        self.out = out
        self.report_every = report_every or REPORT_EVERY
        self.fault_at = actions // 2 if inject_fault else None
        self.process = psutil.Process()
        self.done = 0
        self.kinds: Counter[str] = Counter()
        self.seconds: Counter[str] = Counter()  # wall time spent in each kind of action
        self._kind = ""
        self._began = 0.0
        self.errors: list[tuple[str, str, str]] = []  # (where, last line, traceback)
        self.recent: deque[str] = deque(maxlen=12)
        #: (actions done, RSS MiB, RSS MiB once tidied as between visitors)
        self.samples: list[tuple[int, float, float]] = []
        self.fds_start = self.fds_end = None
        self.fd_targets_start: Counter[str] = Counter()
        self.fd_targets_end: Counter[str] = Counter()
        self.threads_start = self.threads_end = None
        self.rss_collected = None
        self.restarts = 0
        self.started = self.finished = None
        self._current = None
        self._wait = 0
        self.frames = 0
        self._touches: list = []
        self._names = list(WEIGHTS)
        self._weights = [WEIGHTS[n] for n in self._names]
        self._last_report = (0, 0.0)

    # -- bookkeeping ---------------------------------------------------------------------
    def record(self, error: BaseException, where: str) -> None:
        text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
        last = traceback.format_exception_only(type(error), error)[-1].strip()
        self.errors.append((where, last, text))
        self.out(f"UNHANDLED EXCEPTION #{len(self.errors)} ({where}, action {self.done}): {last}")
        if len(self.errors) <= TRACEBACKS_SHOWN:
            self.out("  the last actions before it: " + " | ".join(self.recent))

    def fds(self) -> int:
        return self.process.num_fds()

    @staticmethod
    def fd_targets() -> Counter[str]:
        """What the open file descriptors point at (files, sockets, pipes, devices)."""
        targets: Counter[str] = Counter()
        for fd in Path("/proc/self/fd").iterdir() if Path("/proc/self/fd").is_dir() else ():
            try:
                target = os.readlink(fd)
            except OSError:
                continue
            targets[re.sub(r"\[\d+\]$", "[...]", target)] += 1
        return targets

    def sample(self) -> None:
        rss = _mib(self.process.memory_info().rss)
        # What is kept: RSS once the kiosk has tidied as it does between visitors (garbage
        # collected, free heap given back); raw RSS climbs and falls with both.
        tidy()
        kept = _mib(self.process.memory_info().rss)
        self.samples.append((self.done, rss, kept))
        now = time.monotonic()
        done0, t0 = self._last_report
        rate = (self.done - done0) / (now - t0) if now > t0 and self.done > done0 else 0.0
        self._last_report = (self.done, now)
        self.out(f"actions {self.done}/{self.total}: rss {rss:.1f} MB, kept {kept:.1f} MB, "
                 f"fds {self.fds()}, "
                 f"threads {threading.active_count()}, {rate:.1f} actions/s, "
                 f"screen {self.app.screens.current}, errors {len(self.errors)}")

    # -- the clock's step ----------------------------------------------------------------
    def step(self, _dt):
        """Called every frame: wait, or go on with the current action, or start the next."""
        self.frames += 1
        if self._wait > 0:
            self._wait -= 1
            return True
        if self.started is None:
            self.started = time.monotonic()
            self.fds_start = self.fds()
            self.fd_targets_start = self.fd_targets()
            self.threads_start = threading.active_count()
            self.out(f"open file descriptors at start: {self.fds_start}")
            self._last_report = (0, self.started)
            self.sample()
        if self._current is None:
            if self.done >= self.total:
                self.finish()
                return False
            self._current = self._next_action()
        try:
            self._wait = max(0, next(self._current) - 1)  # this frame is the first of them
        except StopIteration:
            self._action_done()
        except Exception as error:  # noqa: BLE001 - counted, then the soak goes on
            self.record(error, f"in action {self.done + 1}, {self._kind}")
            self._lift_touches()
            self._as_the_kiosk_would(error)
            self._action_done()
        return True

    def _as_the_kiosk_would(self, error: Exception) -> None:
        """In the kiosk this error would have reached Kivy's loop: let the app's own fault
        guard (if it has one) recover the screen, as it would there."""
        guard = getattr(self.app, "fault_guard", None)
        if guard is not None:
            try:
                guard.handle_exception(error)
            except Exception as failure:  # noqa: BLE001
                self.record(failure, "the app's fault guard")

    def would_restart(self) -> None:
        """The app's fault guard asks for a restart (too many faults): noted, not done."""
        self.restarts += 1
        self.out(f"RESTART the kiosk would restart itself now (action {self.done}): "
                 "too many faults in a short time")

    def _action_done(self) -> None:
        self.seconds[self._kind] += time.monotonic() - self._began
        self._current = None
        self.done += 1
        if self.done % self.report_every == 0 or self.done == self.total:
            self.sample()

    def finish(self) -> None:
        self.finished = time.monotonic()
        self.fds_end = self.fds()
        self.fd_targets_end = self.fd_targets()
        self.threads_end = threading.active_count()
        # What is really kept, once tidied as between visitors (see kiosk.memory).
        tidy()
        self.rss_collected = _mib(self.process.memory_info().rss)
        self.app.stop()

    # -- choosing --------------------------------------------------------------------------
    def _next_action(self):
        self._began = time.monotonic()
        if self.fault_at is not None and self.done == self.fault_at:
            self.fault_at = None
            self._kind = "inject-fault"
            return self._inject_fault()
        name = self._kind = self.rng.choices(self._names, self._weights)[0]
        self.kinds[name] += 1
        return getattr(self, "_" + name.replace("-", "_"))()

    def _note(self, text: str) -> None:
        self.recent.append(f"{self.done}:{text}")

    def _settle(self) -> int:
        return self.rng.randint(1, 3)

    def _wait_seconds(self, seconds: float):
        """Frames until ``seconds`` of real time have passed (for timers on the Clock)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            yield 1

    # -- the actions -----------------------------------------------------------------------
    def _touch(self, x: float, y: float):
        from .synthetic_touch import SyntheticTouch as UnitTestTouch

        touch = UnitTestTouch(x, y)
        self._touches.append(touch)
        touch.touch_down()
        return touch

    def _release(self, touch) -> None:
        self._touches.remove(touch)
        touch.touch_up()

    def _lift_touches(self) -> None:
        for touch in list(self._touches):
            try:
                self._release(touch)
            except Exception as error:  # noqa: BLE001
                self.record(error, "lifting a touch after a failed action")
                self._touches.clear()

    def _tap(self, x: float, y: float, what: str):
        self._note(f"tap {what} at ({x:.0f},{y:.0f}) on {self.app.screens.current}")
        touch = self._touch(x, y)
        yield self.rng.randint(1, 3)  # a quick tap, or a finger that rests a moment
        self._release(touch)
        yield self._settle()

    def _tap_anywhere(self):
        from kivy.core.window import Window

        width, height = Window.size
        yield from self._tap(self.rng.uniform(0, width - 1), self.rng.uniform(0, height - 1),
                             "anywhere")

    def _tap_button(self):
        targets = reachable(ButtonLike())
        if not targets:
            yield from self._tap_anywhere()
            return
        widget = self.rng.choice(targets)
        x, y = widget.to_window(*widget.center)
        label = getattr(widget, "text", "") or ""
        yield from self._tap(x, y, f"{type(widget).__name__}"
                                   f"{' ' + repr(label[:20]) if label else ''}")

    def _swipe(self):
        from kivy.core.window import Window

        width, height = Window.size
        areas = reachable(Swipeable())
        if areas and self.rng.random() < 0.7:
            area = self.rng.choice(areas)
            x, y = area.to_window(*area.center)
            what = type(area).__name__
        else:
            x, y, what = self.rng.uniform(0, width - 1), self.rng.uniform(0, height - 1), "anywhere"
        horizontal = self.rng.random() < 0.6
        distance = self.rng.uniform(-0.5, 0.5) * (width if horizontal else height)
        dx, dy = (distance, 0.0) if horizontal else (0.0, distance)
        self._note(f"swipe {what} from ({x:.0f},{y:.0f}) by ({dx:.0f},{dy:.0f}) "
                   f"on {self.app.screens.current}")
        touch = self._touch(x, y)
        steps = self.rng.randint(3, 8)
        for i in range(1, steps + 1):
            yield 1
            touch.touch_move(min(width - 1, max(0, x + dx * i / steps)),
                             min(height - 1, max(0, y + dy * i / steps)))
        self._release(touch)
        yield self._settle()

    def _key(self):
        from kivy.core.window import Window

        roll = self.rng.random()
        key = (self.rng.choice(DIGITS) if roll < 0.65 else ENTER if roll < 0.8
               else BACKSPACE if roll < 0.93 else self.rng.choice(NUMPAD))
        self._note(f"key {key} on {self.app.screens.current}")
        codepoint = chr(key) if 48 <= key <= 57 else None
        Window.dispatch("on_key_down", key, 0, codepoint, [])
        Window.dispatch("on_key_up", key, 0)
        yield self._settle()

    def _language(self):
        languages = list(self.app.languages)
        if not languages:
            return
        code = self.rng.choice(languages)
        self._note(f"language {code} on {self.app.screens.current}")
        self.app.set_language(code)
        yield self._settle()

    def _narration_reachable(self) -> bool:
        """Play/pause and the progress bar are there: a stop with a playable recording."""
        view = self.app.narration
        return (self.app.screens.current == "stop" and not _overlay_open()
                and view is not None and view.has_recording
                and view.state != "failed")

    def _seek(self):
        if not self._narration_reachable():
            yield from self._tap_button()
            return
        fraction = self.rng.random()
        self._note(f"seek {fraction:.2f}")
        self.app.narration.seek_fraction(fraction)
        yield self._settle()

    def _play_pause(self):
        if not self._narration_reachable():
            yield from self._tap_button()
            return
        self._note(f"play/pause ({self.app.narration.state})")
        self.app.narration.toggle()
        yield self._settle()

    def _idle_reset(self):
        if self.app.tour is None:
            return
        self._note(f"idle reset on {self.app.screens.current}")
        self.app.reset_for_next_visitor()
        yield self._settle()

    def _walk_away(self):
        """The visitor leaves: the idle timer's clock jumps past the timeout, the kiosk asks
        "Are you still there?"; half the time nobody answers and the countdown runs out."""
        from .visit import TICK as VISIT_TICK  # here: Kivy is imported once it is set up

        session, clock = self.app.session, self.app.session.clock
        if not isinstance(clock, SkippingClock):
            return
        self._note(f"walk away from {self.app.screens.current} ({session.state})")
        clock.skip(session.idle_timeout + 1)
        yield from self._wait_seconds(2 * VISIT_TICK)
        if self.rng.random() < 0.5:
            clock.skip(session.countdown + 1)
            yield from self._wait_seconds(2 * VISIT_TICK)
        yield self._settle()

    def _reload(self):
        self._note(f"reload the tour on {self.app.screens.current}")
        self.app.reload_tour()
        yield self._settle()

    def _inject_fault(self):
        from kivy.clock import Clock

        self._note("inject a fault")

        def fault(_dt):
            raise RuntimeError(INJECTED)

        Clock.schedule_once(fault, 0)
        yield 3


class SkippingClock:
    """The visitor session's clock: real time, plus jumps the monkey makes (walk-away)."""

    def __init__(self):
        self.offset = 0.0

    def __call__(self) -> float:
        return time.monotonic() + self.offset

    def skip(self, seconds: float) -> None:
        self.offset += seconds


# -- what a visitor can reach ---------------------------------------------------------------
class ButtonLike:
    """Buttons (anything with ButtonBehavior) and sliders."""

    def __call__(self, widget) -> bool:
        from kivy.uix.behaviors import ButtonBehavior
        from kivy.uix.slider import Slider

        return isinstance(widget, (ButtonBehavior, Slider))


class Swipeable:
    """What a finger drags: carousels, scrolling areas, sliders."""

    def __call__(self, widget) -> bool:
        from kivy.uix.carousel import Carousel
        from kivy.uix.scrollview import ScrollView
        from kivy.uix.slider import Slider

        return isinstance(widget, (Carousel, ScrollView, Slider))


def _overlays() -> list:
    """The open overlays (ModalViews), topmost first."""
    from kivy.core.window import Window
    from kivy.uix.modalview import ModalView

    return [w for w in Window.children if isinstance(w, ModalView)]


def _overlay_open() -> bool:
    return bool(_overlays())


def reachable(kind) -> list:
    """Widgets of ``kind`` a finger can reach now: in the topmost overlay if one is open,
    else on the current screen; enabled, not transparent, and inside the window and every
    clipping area (a scrolled list) around them."""
    from kivy.app import App
    from kivy.core.window import Window

    overlays = _overlays()
    root = overlays[0] if overlays else App.get_running_app().screens.current_screen
    found = []
    for widget in root.walk(restrict=True):
        if kind(widget) and _can_touch(widget, root, Window.size):
            found.append(widget)
    return found


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


def _install_handlers(monkey: Monkey):
    """Count exceptions that reach Kivy's event loop, and those that end a thread."""
    from kivy.base import ExceptionHandler, ExceptionManager

    class Recorder(ExceptionHandler):
        def handle_exception(self, inst):
            if isinstance(inst, (KeyboardInterrupt, SystemExit)):
                return ExceptionManager.RAISE
            monkey.record(inst, "Kivy event loop")
            return ExceptionManager.PASS

    recorder = Recorder()
    ExceptionManager.add_handler(recorder)
    previous_hook = threading.excepthook

    def thread_hook(args):
        if args.exc_value is not None and not isinstance(args.exc_value, SystemExit):
            monkey.record(args.exc_value, f"thread {args.thread.name if args.thread else '?'}")

    threading.excepthook = thread_hook

    def uninstall():
        ExceptionManager.remove_handler(recorder)
        threading.excepthook = previous_hook

    return uninstall


def _app_accepts(name: str) -> bool:
    """Whether KioskApp takes ``name`` (the app's keyword arguments pass through build_app)."""
    import inspect

    from .app import KioskApp

    return name in inspect.signature(KioskApp.__init__).parameters


def _finish_every_frame() -> None:
    """Offscreen, wait for each frame to be drawn, as a real display's buffer swap does.

    SDL's offscreen driver swaps without waiting, and Mesa's software renderer (llvmpipe)
    then queues frame after frame, keeping every texture they use: RSS grew by some 17 MB
    per screen change and a label could wait 30 s for the queue to drain. Under a real X
    server (Xvfb) or with glFinish after each frame, neither happens; measured with the
    same app and the same screen changes.
    """
    if os.environ.get("SDL_VIDEODRIVER") != "offscreen":
        return
    from kivy.core.window import Window
    from kivy.graphics.opengl import glFinish

    Window.bind(on_flip=lambda *_args: glFinish())


def _open_audio():
    """The real speaker; SDL's silent driver when there is no sound device (as selftest)."""
    from ..audio import PygameAudio

    backend = PygameAudio()
    if backend.open():
        return backend
    print("No sound device: the recordings are played to a silent output.")
    os.environ["SDL_AUDIODRIVER"] = "dummy"
    backend = PygameAudio()
    return backend if backend.open() else None


def run_monkey(content_dir: Path, data_dir: Path | None, actions: int, seed: int = 1,
               inject_fault: bool = False) -> int:
    if actions < 1:
        print("--actions must be at least 1", file=sys.stderr)
        return 2
    temporary = None
    if data_dir is None:
        temporary = tempfile.mkdtemp(prefix="kiosk-monkey-")
        data_dir = Path(temporary)
    try:
        return _run(content_dir, ensure_data_dir(data_dir), actions, seed, inject_fault)
    finally:
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)


def _run(content_dir: Path, data_dir: Path, actions: int, seed: int, inject_fault: bool) -> int:
    from .bootstrap import prepare_kivy

    prepare_kivy(data_dir, windowed=True)
    backend = _open_audio()
    if backend is None:
        print("PROBLEM: audio cannot be opened even without a sound device.")
        return 1
    from ..narration import NarrationPlayer
    from .launch import build_app

    hooks = {}
    # The fault guard's restart (it execs the process anew) is noted instead: the soak
    # counts the faults that led to it and goes on.
    app_kwargs = {"restart": lambda: hooks["restart"]()} if _app_accepts("restart") else {}
    app = build_app(content_dir, data_dir, player=NarrationPlayer(backend), watch=False,
                    transition_duration=0, start_screen="attract", clock=SkippingClock(),
                    **app_kwargs)
    if app.tour is None:
        print("monkey stopped: stops.yaml has problems and there is no earlier good tour "
              "(run `python main.py check`).")
        return 1
    print(f"monkey: {actions} random visitor actions on {content_dir} "
          f"({len(app.tour.stops)} stops), seed {seed}"
          + (" [--inject-fault: one fault will be injected]" if inject_fault else ""))
    sys.stdout.flush()

    monkey = Monkey(app, actions, seed, inject_fault=inject_fault,
                    out=lambda line: print(line, flush=True))
    hooks["restart"] = monkey.would_restart
    uninstall = _install_handlers(monkey)
    _finish_every_frame()
    from kivy.clock import Clock

    Clock.schedule_interval(monkey.step, 0)
    try:
        app.run()
    finally:
        uninstall()
    return _report(monkey, actions)


def _report(monkey: Monkey, actions: int) -> int:
    out = print
    if monkey.finished is None:  # the loop ended early (the window was closed)
        monkey.finished = time.monotonic()
        monkey.fds_end = monkey.fds()
        monkey.threads_end = threading.active_count()
    seconds = monkey.finished - (monkey.started or monkey.finished)
    rate = monkey.done / seconds if seconds > 0 else 0.0
    out("")
    out(f"monkey: {monkey.done} actions in {seconds:.1f} s ({rate:.1f} actions/s), "
        f"seed {monkey.seed}; {monkey.frames} frames ({monkey.frames / seconds if seconds else 0:.0f} fps)")
    out("actions by kind (count, seconds): " + ", ".join(
        f"{k} {monkey.kinds[k]} ({monkey.seconds[k]:.0f} s)" for k in WEIGHTS))
    out(f"open file descriptors: {monkey.fds_start} at start, {monkey.fds_end} at end "
        f"({monkey.fds_end - monkey.fds_start:+d})")
    grown = monkey.fd_targets_end - monkey.fd_targets_start
    if grown:
        out("  opened and still open at the end: "
            + ", ".join(f"{target} x{count}" for target, count in grown.most_common(8)))
    out(f"threads: {monkey.threads_start} at start, {monkey.threads_end} at end")
    if monkey.restarts:
        out(f"the kiosk's fault guard would have restarted it {monkey.restarts} time(s)")
    if monkey.errors:
        out(f"\nThe first {min(TRACEBACKS_SHOWN, len(monkey.errors))} traceback(s):")
        for number, (where, _last, text) in enumerate(monkey.errors[:TRACEBACKS_SHOWN], 1):
            out(f"\n--- #{number}, {where}:\n{text.rstrip()}")
        rest = Counter(last for _where, last, _text in monkey.errors[TRACEBACKS_SHOWN:])
        for last, count in rest.most_common():
            out(f"  and {count} more: {last}")
        out("")
    out(f"unhandled exceptions: {len(monkey.errors)}")
    if monkey.rss_collected is not None and monkey.samples:
        out(f"rss at the end: {monkey.samples[-1][1]:.1f} MB, once tidied: "
            f"{monkey.rss_collected:.1f} MB")
    # Growth of what is kept (RSS once tidied), from the first sample after the warm-up
    # to the last one.
    start = next((kept for done, _rss, kept in monkey.samples if done >= WARM_UP), None)
    if actions < WARM_UP or start is None:
        start = monkey.samples[0][2] if monkey.samples else 0.0
    end = monkey.samples[-1][2] if monkey.samples else 0.0
    incomplete = monkey.done < actions
    if incomplete:
        out(f"the soak stopped early, after {monkey.done} of {actions} actions")
    out(f"rss growth: {end - start:.1f} MB over {monkey.done} actions")
    sys.stdout.flush()
    return 1 if monkey.errors or incomplete else 0
