"""The soak's random visitor: one action at a time, chosen by a seeded ``random.Random``.

Each action is a script for the kiosk's pilot (``Pilot.run``): a generator that acts on
the app and yields how many frames to draw before it goes on (a touch is put down, frames
pass, then it is lifted). The actions:

- a tap anywhere in the window, or on a random button a visitor can see and reach now
  (the current screen, or the open overlay on top of it: keypad, notices, transcript);
- a swipe (over the pictures, the story, the list of stops, the progress bar, or anywhere);
- a key of a keyboard or USB number pad: digits, Enter, Backspace;
- a language switch, a seek, play/pause (only where the screen offers them: a stop with a
  recording that can be played), the idle reset (``reset_for_next_visitor``), a visitor
  walking away (the pilot's fake clock jumps past the idle timeout: the real "Are you
  still there?" question, and half the time its countdown running out), and a reload of
  the tour (``reload_tour``, what a staff edit triggers).
"""

from __future__ import annotations

import random
from collections import Counter, deque

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


def button_like(widget) -> bool:
    """Buttons (anything with ButtonBehavior) and sliders."""
    from kivy.uix.behaviors import ButtonBehavior
    from kivy.uix.slider import Slider

    return isinstance(widget, (ButtonBehavior, Slider))


def swipeable(widget) -> bool:
    """What a finger drags: carousels, scrolling areas, sliders."""
    from kivy.uix.carousel import Carousel
    from kivy.uix.scrollview import ScrollView
    from kivy.uix.slider import Slider

    return isinstance(widget, (Carousel, ScrollView, Slider))


class RandomVisitor:
    """Chooses and plays the actions; remembers the last few for a fault's report."""

    def __init__(self, pilot, seed: int):
        self.pilot = pilot
        self.app = pilot.app
        self.rng = random.Random(seed)
        self.kinds: Counter[str] = Counter()
        self.kind = ""
        self.recent: deque[str] = deque(maxlen=12)
        self.done = 0  # set by the soak: the number of the action under way, for notes
        self._touches: list = []
        self._names = list(WEIGHTS)
        self._weights = [WEIGHTS[n] for n in self._names]

    def next_action(self):
        """The next action's script (its kind in ``self.kind``)."""
        name = self.kind = self.rng.choices(self._names, self._weights)[0]
        self.kinds[name] += 1
        return getattr(self, "_" + name.replace("-", "_"))()

    def fault(self):
        """A Kivy Clock callback that raises: only to test the soak itself."""
        from kivy.clock import Clock

        self.kind = "inject-fault"
        self._note("inject a fault")

        def fault(_dt):
            raise RuntimeError(INJECTED)

        Clock.schedule_once(fault, 0)
        yield 3

    def lift_touches(self, record) -> None:
        """Lift the touches a failed action left down; ``record(error, where)`` notes a
        failure to do so."""
        for touch in list(self._touches):
            try:
                self._release(touch)
            except Exception as error:  # noqa: BLE001
                record(error, "lifting a touch after a failed action")
                self._touches.clear()

    # -- helpers -----------------------------------------------------------------------
    def _note(self, text: str) -> None:
        self.recent.append(f"{self.done}:{text}")

    def _settle(self) -> int:
        return self.rng.randint(1, 3)

    def _touch(self, x: float, y: float):
        from kiosk.ui.synthetic_touch import SyntheticTouch

        touch = SyntheticTouch(x, y)
        self._touches.append(touch)
        touch.touch_down()
        return touch

    def _release(self, touch) -> None:
        self._touches.remove(touch)
        touch.touch_up()

    def _window_size(self):
        from kivy.core.window import Window

        return Window.size

    def _narration_reachable(self) -> bool:
        """Play/pause and the progress bar are there: a stop with a playable recording."""
        view = self.app.narration
        return (self.app.screens.current == "stop" and not self.pilot.overlays
                and view is not None and view.has_recording and view.state != "failed")

    # -- the actions -------------------------------------------------------------------
    def _tap(self, x: float, y: float, what: str):
        self._note(f"tap {what} at ({x:.0f},{y:.0f}) on {self.app.screens.current}")
        touch = self._touch(x, y)
        yield self.rng.randint(1, 3)  # a quick tap, or a finger that rests a moment
        self._release(touch)
        yield self._settle()

    def _tap_anywhere(self):
        width, height = self._window_size()
        yield from self._tap(self.rng.uniform(0, width - 1), self.rng.uniform(0, height - 1),
                             "anywhere")

    def _tap_button(self):
        targets = self.pilot.reachable(button_like)
        if not targets:
            yield from self._tap_anywhere()
            return
        widget = self.rng.choice(targets)
        x, y = widget.to_window(*widget.center)
        label = getattr(widget, "text", "") or ""
        yield from self._tap(x, y, f"{type(widget).__name__}"
                                   f"{' ' + repr(label[:20]) if label else ''}")

    def _swipe(self):
        width, height = self._window_size()
        areas = self.pilot.reachable(swipeable)
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
        """The visitor leaves: the clock jumps past the idle timeout and the kiosk asks
        "Are you still there?"; half the time nobody answers and the countdown runs out."""
        from kiosk.ui.visit import TICK  # here: Kivy is imported once it is set up

        session, clock = self.app.session, self.pilot.clock
        self._note(f"walk away from {self.app.screens.current} ({session.state})")
        clock.advance(session.idle_timeout + 1)
        self.pilot.advance(2 * TICK)  # the idle timer's ticks see the time gone by
        if self.rng.random() < 0.5:
            clock.advance(session.countdown + 1)
            self.pilot.advance(2 * TICK)
        yield self._settle()

    def _reload(self):
        self._note(f"reload the tour on {self.app.screens.current}")
        self.app.reload_tour()
        yield self._settle()
