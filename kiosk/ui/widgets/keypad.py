"""The number pad, as on classic audio guides: type the number at the exhibit, hear it.

Touch and a USB keypad or keyboard (digits, Enter, Backspace) feed the same
:class:`~kiosk.keypad.KeypadEntry`. A stop number that longer numbers also start with
waits for a short pause or Enter; digits that only start longer numbers wait for the next
digit however long the visitor takes (the visit's idle reset closes the pad and clears
them); an unknown number gets a kind message, and the pad stays open.
"""

from kivy.clock import Clock
from kivy.properties import BooleanProperty, StringProperty

from ...i18n import N_
from ...keypad import KeypadEntry
from ..rules import load_rules_beside
from . import controls, key_grid  # noqa: F401  (QuietButton, KeyGrid, in keypad.kv)
from .overlay import Overlay

#: Seconds without a key after which a stop number that longer ones start with is taken.
CONFIRM_PAUSE = 1.5

#: The line above the digits (message ids, translated by the kv rule).
HINT_START = N_("Type the number shown at the exhibit.")
HINT_GO_ON = N_("Go on typing the number, or press OK.")
HINT_UNKNOWN = N_("There is no stop with the number {number}. Please check the number on the sign.")


class KeypadView(Overlay):
    """The pad. ``on_open_stop(number)`` is dispatched when a number opens a stop."""

    typed = StringProperty("")
    #: "unknown" while the line above the digits says the number is no stop, else "".
    message = StringProperty("")
    unknown_number = StringProperty("")
    #: The message id of the line above the digits: how to start, go on, or what was wrong.
    hint = StringProperty(HINT_START)
    showing = BooleanProperty(False)
    __events__ = ("on_open_stop",)

    def __init__(self, numbers, **kwargs):
        super().__init__(**kwargs)
        self._pause = Clock.create_trigger(self._paused, CONFIRM_PAUSE)
        self._entry = KeypadEntry(numbers)

    @property
    def entry(self) -> KeypadEntry:
        return self._entry

    @entry.setter
    def entry(self, entry: KeypadEntry) -> None:
        """A new tour's numbers: digits being typed stay if they may still become a stop."""
        typed, self._entry = self._entry.typed, entry
        if typed:
            self._show(entry.take_over(typed))

    def on_kv_post(self, base_widget):
        super().on_kv_post(base_widget)
        self.ids.update(self.ids.digit_keys.named_keys())  # key_0 ... key_enter, for the pad's ids

    def on_open(self):
        self.showing = True

    def on_dismiss(self):
        self.showing = False
        self._pause.cancel()
        self.entry.clear()
        self.typed = ""
        self.message = ""
        self.hint = HINT_START

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
            self.hint = HINT_UNKNOWN
        else:
            self.typed = self.entry.typed
            self.message = ""
            self.hint = HINT_GO_ON if result.kind == "typing" else HINT_START
            if self.entry.opens_on_pause:
                self._pause()  # a stop, unless the visitor goes on to a longer one

    def on_open_stop(self, number: int):
        pass


load_rules_beside(__file__)
