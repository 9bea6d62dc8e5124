"""Watches over one visit: every touch and key keeps it alive; a long quiet asks
"Are you still there?"; no answer resets the kiosk for the next visitor.

The timing itself is :class:`kiosk.session.VisitorSession` (no Kivy, tested with a fake
clock); this module connects it to the window's touches and keys and to the overlay.
"""

from __future__ import annotations

from kivy.clock import Clock
from kivy.core.window import Window

from ..narration import NarrationState

#: Key codes of a keyboard or USB number pad: digits on both, Enter, Backspace.
DIGIT_KEYS = {**{48 + d: str(d) for d in range(10)}, **{256 + d: str(d) for d in range(10)}}
ENTER_KEYS = {13, 271}
BACKSPACE_KEYS = {8}

#: How often the idle timer is looked at (seconds).
TICK = 0.25


class VisitWatch:
    """Connects the app's :class:`VisitorSession` to the window and the idle question."""

    def __init__(self, app):
        self.app = app
        self.session = app.session
        self._event = None

    def start(self) -> None:
        Window.bind(on_touch_down=self._on_any_touch, on_key_down=self._on_key_down,
                    on_textinput=self._on_textinput)
        self._event = Clock.schedule_interval(self._tick, TICK)

    def stop(self) -> None:
        Window.unbind(on_touch_down=self._on_any_touch, on_key_down=self._on_key_down,
                      on_textinput=self._on_textinput)
        if self._event is not None:
            self._event.cancel()

    def continue_visit(self) -> None:
        self.session.touch()
        self.app.still_there.dismiss(animation=False)

    def _on_any_touch(self, _window, _touch):
        self.session.touch()
        return False  # only noticed, never taken: the touch goes on to its widget

    def _on_key_down(self, _window, key, _scancode, _codepoint, _modifiers):
        app = self.app
        if app.spoken_key(key):
            self.session.touch()
            return True
        if app.tour is not None and app.screens.current == "names":
            return self._name_key(key)
        if app.tour is None or key not in DIGIT_KEYS.keys() | ENTER_KEYS | BACKSPACE_KEYS:
            return False
        self.session.touch()
        if app.screens.current == "attract":
            app.wake_up()
        if key in DIGIT_KEYS:
            app.open_keypad()
            app.keypad.press(DIGIT_KEYS[key])
        elif app.keypad.showing:
            app.keypad.press("enter" if key in ENTER_KEYS else "back")
        return True

    def _name_key(self, key: int) -> bool:
        """A keyboard on the search for a name: Backspace erases, Enter opens the best name
        found; letters arrive as text (``_on_textinput``), in the keyboard's own layout."""
        if key not in ENTER_KEYS | BACKSPACE_KEYS:
            return False
        self.session.touch()
        screen = self.app.screens.get_screen("names")
        if key in ENTER_KEYS:
            screen.choose_first()
        else:
            screen.erase()
        return True

    def _on_textinput(self, _window, text: str):
        """Letters typed on a USB keyboard go to the search for a name, when it shows."""
        app = self.app
        if app.tour is None or app.screens.current != "names":
            return False
        self.session.touch()
        app.screens.get_screen("names").type_text(text)
        return True

    def _tick(self, *_args) -> None:
        app = self.app
        self.session.set_narration_playing(app.narration.state == NarrationState.playing.value)
        event = self.session.tick()
        if event == "ask":
            app.still_there.seconds_left = self.session.seconds_left
            app.still_there.open(animation=False)
            app.spoken_still_there()
        elif event == "reset":
            app.reset_for_next_visitor()
        elif self.session.state == "asking":
            app.still_there.seconds_left = self.session.seconds_left
        elif app.overlay_showing("still_there"):
            app.still_there.dismiss(animation=False)  # a narration started, or a touch
