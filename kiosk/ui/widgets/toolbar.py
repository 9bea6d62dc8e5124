"""The bar along the bottom of every screen, within reach from a wheelchair.

Each screen composes its own bar from these pieces: a way back, its own buttons, the
keypad, the two accessibility modes and the languages. The top of the screen only shows
where the visitor is (:class:`Header`); nothing there needs a touch.
"""

from kivy.properties import AliasProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.stacklayout import StackLayout

from ..rules import load_rules_beside
from .controls import QuietButton

#: Each language named in itself, so a visitor finds their own whatever is showing.
LANGUAGE_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}


class Header(BoxLayout):
    """A quiet line across the top: :attr:`heading` (where the visitor is)."""

    heading = StringProperty("")


class Toolbar(StackLayout):
    """The bottom bar; its buttons are given by each screen's kv rule. With larger text
    the buttons no longer fit one row, and the bar wraps onto a second."""


class LanguageSwitch(BoxLayout):
    """One button per language the museum offers; touching one switches at once."""


class LanguageButton(QuietButton):
    """Switches the whole kiosk to :attr:`code`."""

    code = StringProperty("")
    #: The language named in itself.
    language_name = AliasProperty(lambda self: LANGUAGE_NAMES.get(self.code, self.code),
                                  bind=["code"], cache=True)


class TextSizeButton(QuietButton):
    """Turns larger text on and off."""


class ContrastButton(QuietButton):
    """Turns high contrast on and off; draws a half-filled circle."""


class KeypadButton(QuietButton):
    """Opens the number pad, for the number shown at an exhibit."""


load_rules_beside(__file__)
