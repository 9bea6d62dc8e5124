"""The staff PIN pad: the PIN that `python main.py set-pin` set opens the staff panel.

Wrong PINs meet a growing wait (kept by :class:`kiosk.pin.PinStore`); the pad says how
long, in the visitor's language, and takes no PIN until the wait is over.
"""

from kivy.properties import NumericProperty, StringProperty

from ...i18n import N_
from ..rules import load_rules_beside
from . import key_grid  # noqa: F401  (KeyGrid, in staff_pin.kv)
from .overlay import Overlay

#: The line at the top, by ``mode``.
TITLES = {
    "enter": N_("Staff: enter the PIN"),
    "choose": N_("Choose a PIN for the staff panel (4 to 8 digits)"),
    "confirm": N_("Enter the same PIN again"),
}
#: The line under the dots, by ``message`` (the wait has its own, with its seconds).
MESSAGES = {
    "wrong": N_("That PIN is not right."),
    "length": N_("A PIN has 4 to 8 digits."),
    "mismatch": N_("The two PINs were not the same. Please choose again."),
}


class StaffPinView(Overlay):
    """The PIN pad: checks the PIN that `set-pin` set (``mode`` is always "enter")."""

    mode = StringProperty("enter")
    typed = StringProperty("")
    #: A message id shown under the dots: a wrong PIN, a wait.
    message = StringProperty("")
    wait = NumericProperty(0)
    __events__ = ("on_granted",)

    def __init__(self, pins, **kwargs):
        super().__init__(**kwargs)
        self.pins = pins

    def on_kv_post(self, base_widget):
        super().on_kv_post(base_widget)
        self.ids.update(self.ids.pin_keys.named_keys())  # pin_0 ... pin_enter, as before

    # The pad's words. The kv rule also passes ``app.tr._``, which it reads so that a
    # change of language runs the rule again.
    @staticmethod
    def title_words(tr, mode: str, _language=None) -> str:
        """The line at the top, in the visitor's language."""
        return tr._(TITLES.get(mode, TITLES["confirm"]))

    @staticmethod
    def message_words(tr, message: str, wait: float, _language=None) -> str:
        """The line under the dots: a wrong PIN, the wait still to run, or nothing."""
        if message == "wait":
            seconds = int(wait)
            words = tr.ngettext("Too many tries. Please wait {seconds} second.", "Too many tries. Please wait {seconds} seconds.", seconds)
            return words.format(seconds=seconds)
        return tr._(MESSAGES[message]) if message in MESSAGES else ""

    def start(self) -> None:
        self.mode = "enter"
        self.typed = self.message = ""
        self.open(animation=False)

    def press(self, key: str) -> None:
        if key == "back":
            self.typed = self.typed[:-1]
        elif key == "enter":
            self._submit()
        elif len(self.typed) < 8:
            self.typed += key

    def _submit(self) -> None:
        pin, self.typed = self.typed, ""
        result = self.pins.check(pin)  # with no PIN set, never ok
        if result.ok:
            self.dismiss(animation=False)
            self.dispatch("on_granted")
        else:
            self.wait = round(result.wait)
            self.message = "wait" if result.wait > 0 else "wrong"

    def on_granted(self):
        pass


load_rules_beside(__file__)
