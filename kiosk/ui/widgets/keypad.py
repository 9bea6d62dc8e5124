"""The number pad, as on classic audio guides: type the number at the exhibit, hear it.

Touch and a USB keypad or keyboard (digits, Enter, Backspace) feed the same
:class:`~kiosk.keypad.KeypadEntry`. A number that other, longer numbers start with waits
for a short pause or Enter; an unknown number gets a kind message, and the pad stays open.
"""

from kivy.clock import Clock
from kivy.properties import BooleanProperty, StringProperty

from ...keypad import KeypadEntry
from .overlay import Overlay

#: Seconds without a key after which a number that longer ones start with is taken.
CONFIRM_PAUSE = 1.5


class KeypadView(Overlay):
    """The pad. ``on_open_stop(number)`` is dispatched when a number opens a stop."""

    typed = StringProperty("")
    #: A message id (English) shown instead of the hint, e.g. for an unknown number.
    message = StringProperty("")
    unknown_number = StringProperty("")
    showing = BooleanProperty(False)
    __events__ = ("on_open_stop",)

    def __init__(self, numbers, **kwargs):
        super().__init__(**kwargs)
        self.entry = KeypadEntry(numbers)
        self._pause = Clock.create_trigger(self._paused, CONFIRM_PAUSE)

    def on_open(self):
        self.showing = True

    def on_dismiss(self):
        self.showing = False
        self._pause.cancel()
        self.entry.clear()
        self.typed = ""
        self.message = ""

    def press(self, key: str) -> None:
        """A key from the screen or the hardware: a digit, "back" or "enter"."""
        if key == "back":
            result = self.entry.backspace()
        elif key == "enter":
            result = self.entry.enter()
        else:
            result = self.entry.press(key)
        self._show(result)

    def _paused(self, *_args) -> None:
        self._show(self.entry.pause())

    def _show(self, result) -> None:
        self._pause.cancel()
        if result.kind == "open":
            self.dismiss(animation=False)
            self.dispatch("on_open_stop", result.number)
        elif result.kind == "unknown":
            self.typed = ""
            self.unknown_number = str(result.number)
            self.message = "unknown"
        else:
            self.typed = self.entry.typed
            self.message = ""
            if result.kind == "typing":
                self._pause()

    def on_open_stop(self, number: int):
        pass
